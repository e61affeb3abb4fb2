"""The training managers' enrolment screens in the Wagtail admin.

Views only read requests and render: reads are in ``lessons.manage.selectors``,
writes in ``lessons.manage.services`` (built on ``lessons.services``).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from lessons.manage import forms, imports, selectors, services
from lessons.models import CoursePage
from lessons.models.enrolment import EnrolmentStatus
from lms.selectors.scope import units_managed_by

PER_PAGE = 50
# Waiting requests shown above the list; the rest are one click away.
PENDING_SHOWN = 50
# People shown by a search or as a sample of a filter.
SEARCH_LIMIT = 50
SAMPLE_SIZE = 20


class ManagerRequiredMixin:
    """Only managers (``lessons.change_enrolment``) and superusers get past ``dispatch``.

    Wagtail's admin turns ``PermissionDenied`` into a redirect to the
    dashboard with a message.
    """

    def dispatch(self, request, *args, **kwargs):
        if not selectors.may_manage_enrolments(user=request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ManageView(ManagerRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "group"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("lessons_enrolments:courses"), "label": _("Enrolments")},
        ]


class CourseManageView(ManageView):
    """A screen about one course; the course comes from the URL (404 when it does not exist)."""

    def dispatch(self, request, *args, **kwargs):
        # Checked before the lookup: non-managers learn nothing of which course ids exist.
        if not selectors.may_manage_enrolments(user=request.user):
            raise PermissionDenied
        self.course = get_object_or_404(CoursePage, pk=kwargs["course_id"])
        # A manager sees and enrols the learners of their own units only.
        self.units = units_managed_by(user=request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.course.title

    def index_url(self):
        return reverse("lessons_enrolments:index", args=[self.course.pk])

    def back_url(self):
        return get_valid_next_url_from_request(self.request) or self.index_url()

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": self.index_url(), "label": self.course.title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["course"] = self.course
        context["index_url"] = self.index_url()
        return context


class CourseListView(ManageView):
    """Every course with its numbers of learners and waiting requests."""

    template_name = "lessons/manage/courses.html"

    def get_page_title(self):
        return _("Enrolments")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": _("Enrolments")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "")[:100]
        paginator = WagtailPaginator(selectors.courses_with_enrolment_counts(query=query), PER_PAGE)
        page = paginator.get_page(self.request.GET.get("p"))
        context.update(
            query=query,
            courses=page,
            elided_page_range=paginator.get_elided_page_range(page.number),
        )
        return context


class EnrolmentIndexView(CourseManageView):
    """A course's learners: waiting requests first, then the filtered, paginated list."""

    template_name = "lessons/manage/index.html"

    def get_page_title(self):
        return _("Enrolments")

    def get_breadcrumbs_items(self):
        return [*ManageView.get_breadcrumbs_items(self), {"url": "", "label": self.course.title}]

    def get_header_buttons(self):
        course_id = self.course.pk
        return [
            HeaderButton(
                _("Enrol people"),
                url=reverse("lessons_enrolments:pick", args=[course_id]),
                icon_name="plus",
            ),
            HeaderButton(
                _("Enrol by unit or rank"),
                url=reverse("lessons_enrolments:filter", args=[course_id]),
                icon_name="sliders",
            ),
            HeaderButton(
                _("Enrol from a file"),
                url=reverse("lessons_enrolments:upload", args=[course_id]),
                icon_name="upload",
            ),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.request.GET.copy()
        data.setdefault("status", forms.DEFAULT_STATUS)
        filter_form = forms.EnrolmentFilterForm(data)
        status, unit, rank = filter_form.filters()
        # The waiting requests come first, unless the list below already holds them.
        if status in (EnrolmentStatus.ACTIVE, EnrolmentStatus.REJECTED, EnrolmentStatus.REMOVED):
            pending = selectors.course_enrolments(
                course=self.course,
                status=EnrolmentStatus.PENDING,
                unit=unit,
                rank=rank,
                units=self.units,
            )
            shown = list(pending[: PENDING_SHOWN + 1])
            context["pending"] = shown[:PENDING_SHOWN]
            context["pending_count"] = pending.count() if len(shown) > PENDING_SHOWN else len(shown)
            if len(shown) > PENDING_SHOWN:
                query = self.request.GET.copy()
                query["status"] = EnrolmentStatus.PENDING
                query.pop("p", None)
                context["pending_all_url"] = f"?{query.urlencode()}"
        enrolments = selectors.course_enrolments(
            course=self.course, status=status, unit=unit, rank=rank, units=self.units
        )
        paginator = WagtailPaginator(enrolments, PER_PAGE)
        page = paginator.get_page(self.request.GET.get("p"))
        shown_statuses = {row.status for row in page}
        context.update(
            filter_form=filter_form,
            enrolments=page,
            elided_page_range=paginator.get_elided_page_range(page.number),
            is_filtered=bool(unit or rank or status != forms.DEFAULT_STATUS),
            can_decide=EnrolmentStatus.PENDING in shown_statuses,
            can_remove=bool(shown_statuses & {EnrolmentStatus.PENDING, EnrolmentStatus.ACTIVE}),
            next_url=self.request.get_full_path(),
            current_statuses=(EnrolmentStatus.PENDING, EnrolmentStatus.ACTIVE),
        )
        return context


class SelectionActionView(CourseManageView):
    """A POST on enrolments ticked in the list. With ``confirm_template`` it asks first."""

    http_method_names = ["post"]
    applies_to = (EnrolmentStatus.PENDING,)
    confirm_template = None
    action_form_class = None

    def post(self, request, *args, **kwargs):
        selection = forms.SelectionForm(request.POST, course=self.course, units=self.units)
        if not selection.is_valid():
            for error in selection.non_field_errors() or [_("The selection is not valid.")]:
                messages.error(request, error)
            return redirect(self.back_url())
        selected = selection.cleaned_data["selected"]
        action_form = self.action_form_class(request.POST) if self.action_form_class else None
        if self.confirm_template and "confirm" not in request.POST:
            return self.confirm(selected, self.action_form_class() if action_form else None)
        if action_form is not None and not action_form.is_valid():
            return self.confirm(selected, action_form)
        ids = [enrolment.pk for enrolment in selected]
        try:
            result = self.perform(ids, action_form)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(self.back_url())
        messages.success(request, self.success_message(len(result.done)))
        if result.skipped:
            messages.warning(request, self.skipped_message(result.skipped))
        return redirect(self.back_url())

    def confirm(self, selected, action_form):
        self.template_name = self.confirm_template
        applicable = [enrolment for enrolment in selected if enrolment.status in self.applies_to]
        # The selection came from a list of this course; load the profiles to show names.
        people = selectors.course_enrolments(
            course=self.course, status="", units=self.units
        ).filter(pk__in=[enrolment.pk for enrolment in applicable])
        context = self.get_context_data(
            selected=list(people),
            skipped=len(selected) - len(applicable),
            action_form=action_form,
            next_url=self.back_url(),
        )
        return self.render_to_response(context)

    def skipped_message(self, count):
        return ngettext(
            "%(count)s selected person was left as they were: the action does not apply.",
            "%(count)s selected people were left as they were: the action does not apply.",
            count,
        ) % {"count": count}


class ApproveView(SelectionActionView):
    def get_page_title(self):
        return _("Approve")

    def perform(self, ids, action_form):
        return services.enrolments_approve(
            course=self.course, enrolment_ids=ids, by=self.request.user
        )

    def success_message(self, count):
        return ngettext(
            "%(count)s waiting request approved.", "%(count)s waiting requests approved.", count
        ) % {"count": count}

    def skipped_message(self, count):
        return ngettext(
            "%(count)s selected person was not waiting for approval.",
            "%(count)s selected people were not waiting for approval.",
            count,
        ) % {"count": count}


class RefuseView(SelectionActionView):
    confirm_template = "lessons/manage/confirm_refuse.html"
    action_form_class = forms.RefuseForm

    def get_page_title(self):
        return _("Refuse enrolment requests")

    def perform(self, ids, action_form):
        return services.enrolments_reject(
            course=self.course,
            enrolment_ids=ids,
            by=self.request.user,
            note=action_form.cleaned_data["note"],
        )

    def success_message(self, count):
        return ngettext(
            "%(count)s waiting request refused.", "%(count)s waiting requests refused.", count
        ) % {"count": count}

    def skipped_message(self, count):
        return ngettext(
            "%(count)s selected person was not waiting for approval.",
            "%(count)s selected people were not waiting for approval.",
            count,
        ) % {"count": count}


class RemoveView(SelectionActionView):
    applies_to = (EnrolmentStatus.PENDING, EnrolmentStatus.ACTIVE)
    confirm_template = "lessons/manage/confirm_remove.html"

    def get_page_title(self):
        return _("Unenrol")

    def perform(self, ids, action_form):
        return services.enrolments_remove(
            course=self.course, enrolment_ids=ids, by=self.request.user
        )

    def success_message(self, count):
        return ngettext(
            "%(count)s person unenrolled. Their history and progress are kept.",
            "%(count)s people unenrolled. Their history and progress are kept.",
            count,
        ) % {"count": count}

    def skipped_message(self, count):
        return ngettext(
            "%(count)s selected person was not enrolled.",
            "%(count)s selected people were not enrolled.",
            count,
        ) % {"count": count}


def _enrolled_message(result):
    parts = [
        ngettext("%(count)s person enrolled.", "%(count)s people enrolled.", result.enrolled)
        % {"count": result.enrolled}
    ]
    if result.approved:
        parts.append(
            ngettext(
                "%(count)s waiting request approved.",
                "%(count)s waiting requests approved.",
                result.approved,
            )
            % {"count": result.approved}
        )
    if result.already:
        parts.append(
            ngettext(
                "%(count)s was already enrolled.",
                "%(count)s were already enrolled.",
                result.already,
            )
            % {"count": result.already}
        )
    return " ".join(parts)


class PickPeopleView(CourseManageView):
    """Search people by name or staff code, tick them, enrol them."""

    template_name = "lessons/manage/pick.html"

    def get_page_title(self):
        return _("Enrol people")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        search_form = forms.PeopleSearchForm(self.request.GET or None)
        query = search_form.cleaned_data["q"] if search_form.is_valid() else ""
        results = []
        if query:
            found = selectors.with_enrolment_status(
                profiles=selectors.people_search(
                    query=query, profiles=selectors.people(units=self.units)
                ),
                course=self.course,
            )
            results = list(found[: SEARCH_LIMIT + 1])
        context.update(
            search_form=search_form,
            query=query,
            results=results[:SEARCH_LIMIT],
            more_results=len(results) > SEARCH_LIMIT,
            limit=SEARCH_LIMIT,
            pick_form=kwargs.get("pick_form"),
        )
        return context

    def post(self, request, *args, **kwargs):
        pick_form = forms.PickPeopleForm(request.POST)
        if not pick_form.is_valid():
            return self.render_to_response(self.get_context_data(pick_form=pick_form))
        try:
            result = services.enrol_users(
                course=self.course, users=pick_form.cleaned_data["users"], by=request.user
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return self.render_to_response(self.get_context_data(pick_form=pick_form))
        messages.success(request, _enrolled_message(result))
        return redirect(self.index_url())


class FilterEnrolView(CourseManageView):
    """Choose a unit, rank or agency; see who matches; confirm to enrol them all."""

    template_name = "lessons/manage/filter.html"

    def get_page_title(self):
        return _("Enrol by unit or rank")

    def preview(self, form, **extra):
        context = {"form": form, **extra}
        if form.is_bound and form.is_valid():
            profiles = selectors.people(**form.criteria(), units=self.units)
            plan = selectors.enrolment_plan(profiles=profiles, course=self.course)
            sample = selectors.with_enrolment_status(profiles=profiles, course=self.course)
            context.update(
                plan=plan,
                sample=list(sample[:SAMPLE_SIZE]),
                too_many=plan["total"] > services.MAX_BULK,
                max_bulk=services.MAX_BULK,
                confirm_form=forms.PeopleFilterForm(
                    initial={**form.criteria(), "expected": plan["total"]}
                ),
            )
        return self.render_to_response(self.get_context_data(**context))

    def get(self, request, *args, **kwargs):
        has_criteria = any(request.GET.get(key) for key in ("unit", "rank", "agency"))
        form = forms.PeopleFilterForm(request.GET if has_criteria else None)
        return self.preview(form)

    def post(self, request, *args, **kwargs):
        form = forms.PeopleFilterForm(request.POST)
        if not form.is_valid():
            return self.preview(form)
        criteria = form.criteria()
        plan = selectors.enrolment_plan(
            profiles=selectors.people(**criteria, units=self.units), course=self.course
        )
        expected = form.cleaned_data.get("expected")
        if expected is not None and expected != plan["total"]:
            messages.warning(
                request,
                _("The people matching the filter changed. Check the list and confirm again."),
            )
            return self.preview(form)
        try:
            result = services.enrol_matching(course=self.course, by=request.user, **criteria)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return self.preview(form)
        messages.success(request, _enrolled_message(result))
        return redirect(self.index_url())


class UploadEnrolView(CourseManageView):
    """Upload a CSV/XLSX of staff codes; all rows are enrolled in one go, or none."""

    template_name = "lessons/manage/upload.html"

    def get_page_title(self):
        return _("Enrol from a file")

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=forms.UploadForm()))

    def post(self, request, *args, **kwargs):
        form = forms.UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            report = services.enrol_from_codes(
                course=self.course,
                code_list=form.code_list,
                by=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return self.render_to_response(self.get_context_data(form=form))
        if report.applied:
            messages.success(request, _("The file was processed: see the report below."))
        elif report.has_errors:
            messages.error(
                request,
                ngettext(
                    "Nobody was enrolled: %(count)s row has an error. Correct the file and "
                    "upload it again.",
                    "Nobody was enrolled: %(count)s rows have errors. Correct the file and "
                    "upload it again.",
                    len(report.errors),
                )
                % {"count": len(report.errors)},
            )
        rows = [(row, report.label(row)) for row in report.rows]
        return self.render_to_response(
            self.get_context_data(
                form=forms.UploadForm(),
                report=report,
                rows=rows,
                error_rows=[(row, label) for row, label in rows if row.outcome.is_error],
                file_name=form.cleaned_data["file"].name,
            )
        )


class TemplateDownloadView(ManagerRequiredMixin, View):
    """The XLSX template with the Vietnamese header "Mã cán bộ"."""

    def get(self, request, *args, **kwargs):
        response = HttpResponse(imports.template_workbook(), content_type=imports.XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = 'attachment; filename="mau-ghi-danh.xlsx"'
        return response
