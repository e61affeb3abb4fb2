"""The import and export screens of the question bank (Wagtail admin).

An import takes two steps: the upload stores the file in a ``QuestionImport``
once it can be read at all, and the preview reads it again with a dry run of
``questions_import`` that shows what the import would do; its button runs the
import for real, after which the file is deleted and only the report stays.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin import messages

from quizzes.bank import listing
from quizzes.bank.views import BankView
from quizzes.interchange import forms
from quizzes.interchange.services import (
    IMPORT_FORMATS,
    format_module,
    import_parse,
    import_run,
    import_store,
    questions_export,
    questions_import,
)
from quizzes.models import Question, QuestionImport
from quizzes.qtypes import QUESTION_TYPE_CHOICES

TEMPLATE_FILENAME = "mau-nhap-cau-hoi.xlsx"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Rows of a report shown on the page; a file with thousands of errors needs fixing, not reading.
MAX_REPORT_ROWS = 500


# Reads -------------------------------------------------------------------------------------


def report_context(report, *, all_or_nothing, finished):
    """What the preview and report templates show of an ``ImportReport.as_dict()``."""
    labels = dict(QUESTION_TYPE_CHOICES)
    order = {code: index for index, code in enumerate(labels)}
    refused = bool(report["errors"] or report["unsupported"])
    if finished:
        will_import = report["created"]
    elif all_or_nothing and refused:
        will_import = 0
    else:
        will_import = report["valid"]
    return {
        "report": report,
        "by_type": [
            (labels.get(code, code), count)
            for code, count in sorted(
                report["by_type"].items(), key=lambda item: order.get(item[0], len(order))
            )
        ],
        "errors": report["errors"][:MAX_REPORT_ROWS],
        "errors_hidden": max(0, len(report["errors"]) - MAX_REPORT_ROWS),
        "unsupported": report["unsupported"][:MAX_REPORT_ROWS],
        "unsupported_hidden": max(0, len(report["unsupported"]) - MAX_REPORT_ROWS),
        "categories": sorted(report["categories"]),
        "refused": refused,
        "will_import": will_import,
    }


def category_has_questions(category, *, recursive):
    if recursive:
        return Question.objects.filter(category__path__startswith=category.path).exists()
    return category.questions.exists()


def bank_url(category):
    return f"{reverse('quizzes_bank:index')}?{urlencode({'category': category.pk})}"


# Import ------------------------------------------------------------------------------------


class ImportView(BankView):
    """Step 1: upload a file; one that cannot be read at all is refused with the reason."""

    permission = "quizzes.add_question"
    template_name = "quizzes/interchange/import_form.html"
    header_icon = "upload"

    def get_page_title(self):
        return _("Import questions")

    def get(self, request, *args, **kwargs):
        category = request.GET.get("category", "")
        initial = {"category": category} if category.isdigit() else {}
        return self.render_form(forms.ImportForm(user=request.user, initial=initial))

    def post(self, request, *args, **kwargs):
        form = forms.ImportForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_form(form)
        question_import = import_store(
            user=request.user,
            category=form.cleaned_data["category"],
            file_format=form.cleaned_data["file_format"],
            all_or_nothing=form.all_or_nothing,
            filename=form.filename,
            data=form.data_bytes,
        )
        return redirect("quizzes_bank:import_preview", question_import.pk)

    def render_form(self, form):
        return self.render_to_response(
            self.get_context_data(form=form, max_megabytes=forms.MAX_IMPORT_BYTES // 1024 // 1024)
        )


class ImportPreviewView(BankView):
    """Step 2: what the import will do (a dry run), and the button that does it.

    Only the user who uploaded the file sees it. Once done, the page shows the
    saved report; posting again changes nothing.
    """

    permission = "quizzes.add_question"
    template_name = "quizzes/interchange/import_preview.html"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        imports = QuestionImport.objects.filter(owner=request.user).select_related("category")
        self.question_import = get_object_or_404(imports, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        if self.question_import.finished:
            return _("Import report")
        return _("Check the import")

    def get_page_subtitle(self):
        return self.question_import.filename

    def get_breadcrumbs_items(self):
        return [
            *self.bank_breadcrumbs(),
            {"url": reverse("quizzes_bank:import"), "label": _("Import questions")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        question_import = self.question_import
        if question_import.finished:
            return self.render_report(question_import.report)
        try:
            result = import_parse(question_import)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("quizzes_bank:import")
        report = questions_import(
            result=result,
            category=question_import.category,
            user=request.user,
            all_or_nothing=question_import.all_or_nothing,
            dry_run=True,
        )
        return self.render_report(report.as_dict())

    def render_report(self, report):
        question_import = self.question_import
        context = report_context(
            report,
            all_or_nothing=question_import.all_or_nothing,
            finished=question_import.finished,
        )
        return self.render_to_response(
            self.get_context_data(
                **context,
                question_import=question_import,
                format_label=IMPORT_FORMATS.get(question_import.file_format, ""),
                category_label=self.category_label(),
                mode_label=dict(forms.MODE_CHOICES)[
                    forms.ALL_OR_NOTHING if question_import.all_or_nothing else forms.VALID_ONLY
                ],
                bank_url=bank_url(question_import.category),
            )
        )

    def category_label(self):
        category = self.question_import.category
        names = [ancestor.name for ancestor in category.get_ancestors()]
        return " › ".join([*names, category.name])

    def post(self, request, *args, **kwargs):
        question_import = self.question_import
        if question_import.finished:
            messages.info(request, _("These questions have already been imported."))
            return redirect("quizzes_bank:import_preview", question_import.pk)
        if request.POST.get("action") == "mode":
            question_import.all_or_nothing = request.POST.get("mode") != forms.VALID_ONLY
            question_import.save(update_fields=["all_or_nothing"])
            return redirect("quizzes_bank:import_preview", question_import.pk)
        return self.run()

    def run(self):
        request, question_import = self.request, self.question_import
        try:
            report = import_run(question_import, user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("quizzes_bank:import")
        if report is None:
            messages.info(request, _("These questions have already been imported."))
            return redirect("quizzes_bank:import_preview", question_import.pk)
        if not report.created:
            messages.error(request, _("Nothing was imported: correct the errors listed below."))
            return redirect("quizzes_bank:import_preview", question_import.pk)
        report_url = reverse("quizzes_bank:import_preview", args=[question_import.pk])
        messages.success(
            request,
            ngettext(
                "%(count)s question imported into “%(category)s”.",
                "%(count)s questions imported into “%(category)s”.",
                report.created,
            )
            % {"count": report.created, "category": question_import.category.name},
            buttons=[messages.button(report_url, _("See the report"))],
        )
        skipped = len(report.errors) + len(report.unsupported)
        if skipped:
            messages.warning(
                request,
                ngettext(
                    "%(count)s question was not imported: see the report.",
                    "%(count)s questions were not imported: see the report.",
                    skipped,
                )
                % {"count": skipped},
                buttons=[messages.button(report_url, _("See the report"))],
            )
        return redirect(bank_url(question_import.category))


class ImportTemplateView(BankView):
    """The Excel template of the spreadsheet format, with a Vietnamese file name."""

    permission = "quizzes.add_question"

    def get(self, request, *args, **kwargs):
        template = format_module("xlsx").template()
        response = HttpResponse(template, content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, TEMPLATE_FILENAME)
        return response


# Export ------------------------------------------------------------------------------------


class ExportView(BankView):
    """Download the questions of a category the user sees, in a chosen format."""

    template_name = "quizzes/interchange/export_form.html"
    header_icon = "download"

    def get_page_title(self):
        return _("Export questions")

    def get(self, request, *args, **kwargs):
        category = request.GET.get("category", "")
        initial = {}
        if category:
            if not category.isdigit():
                raise Http404
            initial["category"] = get_object_or_404(
                listing.visible_categories(user=request.user), pk=category
            )
        return self.render_form(forms.ExportForm(user=request.user, initial=initial))

    def post(self, request, *args, **kwargs):
        form = forms.ExportForm(request.POST, user=request.user)
        if not form.is_valid():
            if form.has_error("category", "invalid_choice"):
                raise Http404
            return self.render_form(form)
        data = form.cleaned_data
        category = data["category"]
        if not category_has_questions(category, recursive=data["recursive"]):
            form.add_error("category", _("There is no question to export in this category."))
            return self.render_form(form)
        try:
            exported = questions_export(
                category=category,
                file_format=data["file_format"],
                recursive=data["recursive"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_form(form)
        response = HttpResponse(exported.content, content_type=exported.content_type)
        response["Content-Disposition"] = content_disposition_header(True, exported.filename)
        return response

    def render_form(self, form):
        return self.render_to_response(self.get_context_data(form=form))
