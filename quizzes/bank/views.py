"""The question bank screens in the Wagtail admin: questions, categories, preview.

Views read requests and render. Reads are in ``quizzes.bank.listing`` and
``quizzes.bank.selectors``; writes in ``quizzes.bank.services`` and
``quizzes.bank.categories``, which check the user's rights themselves.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.utils import ErrorDict, ErrorList
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Page

from quizzes.bank import categories, forms, listing, services
from quizzes.bank.selectors import category_can_edit
from quizzes.qtypes import QUESTION_TYPE_CHOICES

PER_PAGE = 50
# A longer explanation of each type for the "choose a type" screen.
TYPE_HELP = {
    "single": gettext_lazy("One right option among several (trắc nghiệm)."),
    "multiple": gettext_lazy("Several options may be right; weights add up to 100%."),
    "truefalse": gettext_lazy("A statement the learner marks true or false."),
    "shortanswer": gettext_lazy("A word or phrase compared with accepted answers."),
    "numerical": gettext_lazy("A number, right within a tolerance or a range."),
    "matching": gettext_lazy("Items matched with answers, with extra wrong answers."),
    "essay": gettext_lazy("A written answer, with optional files, graded by a lecturer."),
    "case": gettext_lazy("An essay analysing a case study, graded by a lecturer."),
    "description": gettext_lazy("Text shown among the questions; no answer, no mark."),
}


class BankView(WagtailAdminTemplateMixin, TemplateView):
    """A bank screen: only users with ``permission`` get past ``dispatch``.

    Wagtail's admin turns ``PermissionDenied`` into a redirect to the
    dashboard with a message.
    """

    permission = "quizzes.view_question"
    header_icon = "help"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def bank_breadcrumbs(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("quizzes_bank:index"), "label": _("Question bank")},
        ]

    def get_breadcrumbs_items(self):
        return [*self.bank_breadcrumbs(), {"url": "", "label": self.get_page_title()}]

    def back_url(self, default):
        return get_valid_next_url_from_request(self.request) or default


def silence_errors(*forms_and_formsets):
    """Keep bound forms from showing errors, when the author only asked for more rows."""
    for item in forms_and_formsets:
        item._errors = ErrorList() if hasattr(item, "forms") else ErrorDict()
        if hasattr(item, "forms"):
            item._non_form_errors = ErrorList()
            silence_errors(*item.forms)


# Question list -----------------------------------------------------------------------------


class QuestionIndexView(BankView):
    """Every question the user sees: the category tree beside, filters above, bulk actions below."""

    template_name = "quizzes/bank/index.html"

    def get_page_title(self):
        return _("Question bank")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": _("Question bank")}]

    def get_header_buttons(self):
        category = self.request.GET.get("category", "")
        query = f"?{urlencode({'category': category})}" if category.isdigit() else ""
        buttons = [
            HeaderButton(
                _("Export questions"),
                url=reverse("quizzes_bank:export") + query,
                icon_name="download",
            ),
            HeaderButton(
                _("Categories"), url=reverse("quizzes_bank:categories"), icon_name="folder-open-1"
            ),
        ]
        if self.request.user.has_perm("quizzes.add_question"):
            buttons[:0] = [
                HeaderButton(
                    _("Add question"), url=reverse("quizzes_bank:choose_type"), icon_name="plus"
                ),
                HeaderButton(
                    _("Import questions"),
                    url=reverse("quizzes_bank:import") + query,
                    icon_name="upload",
                ),
            ]
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        filter_form = forms.BankFilterForm(self.request.GET or None, user=user)
        filters = filter_form.filters()
        questions = listing.bank_questions(user=user, **filters, ordering=filter_form.sort_order())
        paginator = WagtailPaginator(questions.values_list("pk", flat=True), PER_PAGE)
        page = paginator.get_page(self.request.GET.get("p"))
        page.object_list = listing.page_rows(questions, page.object_list)
        tree = listing.category_tree(user=user)
        editable = {category.pk for category in tree if category.editable}
        for question in page:
            question.editable = question.category_id in editable
        query = self.request.GET.copy()
        query.pop("p", None)
        query.pop("category", None)
        context.update(
            filter_form=filter_form,
            questions=page,
            elided_page_range=paginator.get_elided_page_range(page.number),
            is_filtered=filter_form.is_filtered(),
            tree=tree,
            current_category=filters["category"],
            bulk_form=forms.BulkActionForm(user=user) if editable else None,
            next_url=self.request.get_full_path(),
            index_url=reverse("quizzes_bank:index"),
            tree_query=query.urlencode(),
        )
        return context


class QuestionBulkView(BankView):
    """Move ticked questions to a category or add tags to them (POST from the list)."""

    permission = "quizzes.change_question"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        back = self.back_url(reverse("quizzes_bank:index"))
        form = forms.BulkActionForm(request.POST, user=request.user)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(back)
        questions = list(form.cleaned_data["question"])
        try:
            if form.cleaned_data["action"] == "move":
                count = services.questions_move(
                    questions=questions, category=form.cleaned_data["target"], user=request.user
                )
                message = ngettext(
                    "%(count)s question moved.", "%(count)s questions moved.", count
                ) % {"count": count}
            else:
                services.questions_tag(
                    questions=questions, tags=form.cleaned_data["tag_list"], user=request.user
                )
                count = len(questions)
                message = ngettext(
                    "Tags added to %(count)s question.", "Tags added to %(count)s questions.", count
                ) % {"count": count}
        except PermissionDenied:
            messages.error(
                request,
                _("Nothing was changed: you may not change some of the selected questions."),
            )
            return redirect(back)
        messages.success(request, message)
        return redirect(back)


# Question editing --------------------------------------------------------------------------


class ChooseTypeView(BankView):
    permission = "quizzes.add_question"
    template_name = "quizzes/bank/choose_type.html"

    def get_page_title(self):
        return _("Add question")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        category = self.request.GET.get("category", "")
        query = f"?{urlencode({'category': category})}" if category.isdigit() else ""
        context["types"] = [
            {
                "code": code,
                "label": label,
                "help": TYPE_HELP.get(code, ""),
                "url": reverse("quizzes_bank:add", args=[code]) + query,
            }
            for code, label in QUESTION_TYPE_CHOICES
        ]
        context["can_add"] = listing.editable_categories(user=self.request.user).exists()
        return context


class QuestionFormView(BankView):
    """What adding and editing share: the common form, the type's payload form, saving."""

    template_name = "quizzes/bank/question_form.html"
    question = None
    can_edit = True

    def build_forms(self, data=None):
        question = self.question
        version = question.current_version if question else None
        question_form = forms.QuestionForm(
            data,
            user=self.request.user,
            qtype=self.qtype,
            question=question,
            category=self.initial_category(),
        )
        payload_form = forms.PAYLOAD_FORMS[self.qtype](
            data, payload=version.payload if version else None
        )
        return question_form, payload_form

    def initial_category(self):
        return None

    def get(self, request, *args, **kwargs):
        question_form, payload_form = self.build_forms()
        return self.render_forms(question_form, payload_form)

    def post(self, request, *args, **kwargs):
        if not self.can_edit:
            raise PermissionDenied
        question_form, payload_form = self.build_forms(request.POST)
        if forms.MORE_ROWS in request.POST:
            silence_errors(question_form, payload_form, *payload_form.formsets.values())
            return self.render_forms(question_form, payload_form)
        valid = question_form.is_valid()
        if payload_form.is_valid() and valid:
            try:
                question = self.save(question_form.cleaned_data, payload_form.payload())
            except ValidationError as error:
                question_form.add_error(None, error)
            except PermissionDenied:
                question_form.add_error(None, _("You may not change questions in this category."))
            else:
                messages.success(
                    request,
                    _("Question “%(name)s” saved.") % {"name": question.name},
                    buttons=[
                        messages.button(
                            reverse("quizzes_bank:preview", args=[question.pk]), _("Preview")
                        )
                    ],
                )
                return redirect(self.success_url(question))
        messages.validation_error(request, _("The question could not be saved."), question_form)
        return self.render_forms(question_form, payload_form)

    def success_url(self, question):
        query = urlencode({"category": question.category_id})
        return self.back_url(f"{reverse('quizzes_bank:index')}?{query}")

    def render_forms(self, question_form, payload_form):
        if not self.can_edit:
            for form in (question_form, payload_form, *payload_form.forms_in_formsets()):
                for field in form.fields.values():
                    field.disabled = True
        context = self.get_context_data(
            question_form=question_form,
            payload_form=payload_form,
            media=question_form.media + payload_form.media,
            qtype_label=dict(QUESTION_TYPE_CHOICES)[self.qtype],
            more_rows=forms.MORE_ROWS,
            can_edit=self.can_edit,
        )
        return self.render_to_response(context)


class QuestionCreateView(QuestionFormView):
    permission = "quizzes.add_question"

    def dispatch(self, request, *args, **kwargs):
        self.qtype = kwargs["qtype"]
        if self.qtype not in forms.PAYLOAD_FORMS:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Add question")

    def get_page_subtitle(self):
        return dict(QUESTION_TYPE_CHOICES)[self.qtype]

    def initial_category(self):
        pk = self.request.GET.get("category", "")
        if not pk.isdigit():
            return None
        return listing.editable_categories(user=self.request.user).filter(pk=pk).first()

    def save(self, data, payload):
        return services.question_create(
            category=data["category"],
            qtype=self.qtype,
            name=data["name"],
            text=data["text"],
            payload=payload,
            default_mark=data.get("default_mark", 0),
            general_feedback=data["general_feedback"],
            difficulty=data["difficulty"],
            status=data["status"],
            tags=data["tags"],
            user=self.request.user,
        )


class QuestionEditView(QuestionFormView):
    """Edit a question: a content change saves a new version; attempts keep theirs."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        questions = listing.questions_visible_to(user=request.user).select_related(
            "category", "current_version"
        )
        self.question = get_object_or_404(questions, pk=kwargs["pk"])
        self.qtype = self.question.qtype
        self.can_edit = category_can_edit(user=request.user, category=self.question.category)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Edit question") if self.can_edit else _("Question")

    def get_page_subtitle(self):
        return self.question.name

    def get_header_buttons(self):
        return [
            HeaderButton(
                _("Preview"),
                url=reverse("quizzes_bank:preview", args=[self.question.pk]),
                icon_name="view",
            )
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            question=self.question,
            versions=listing.question_versions(question=self.question),
            can_edit=self.can_edit,
        )
        return context

    def save(self, data, payload):
        question = self.question
        with transaction.atomic():
            if data["category"].pk != question.category_id:
                services.questions_move(
                    questions=[question], category=data["category"], user=self.request.user
                )
            return services.question_update(
                question=question,
                user=self.request.user,
                text=data["text"],
                payload=payload,
                name=data["name"],
                default_mark=data.get("default_mark"),
                general_feedback=data["general_feedback"],
                difficulty=data["difficulty"],
                status=data["status"],
                tags=data["tags"],
            )


class QuestionPreviewView(BankView):
    """A question as a learner sees it; "try it" grades an answer with the type's ``grade``.

    The right answer and the weights stay hidden unless asked for with
    ``?dap-an=1``; ``?version=n`` shows an older version.
    """

    template_name = "quizzes/bank/preview.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        questions = listing.questions_visible_to(user=request.user).select_related(
            "current_version"
        )
        self.question = get_object_or_404(questions, pk=kwargs["pk"])
        self.version = self.question.current_version
        number = request.GET.get("version", "")
        if number.isdigit():
            self.version = get_object_or_404(self.question.versions, number=number)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Preview")

    def get_page_subtitle(self):
        return self.question.name

    def get_breadcrumbs_items(self):
        return [
            *self.bank_breadcrumbs(),
            {
                "url": reverse("quizzes_bank:edit", args=[self.question.pk]),
                "label": self.question.name,
            },
            {"url": "", "label": _("Preview")},
        ]

    def post(self, request, *args, **kwargs):
        kind = self.version.type
        view = self.learner_view()
        answer = forms.preview_answer(self.version.qtype, request.POST, view)
        context = {"answer": answer}
        try:
            cleaned = kind.clean_answer(self.version.payload, answer)
        except ValidationError as error:
            context["answer_error"] = " ".join(error.messages)
        else:
            grading = kind.grade(self.version.payload, cleaned)
            context["grading"] = grading
            context["combined_feedback"] = kind.combined_feedback(
                self.version.payload, grading.state
            )
            if grading.fraction is not None:
                context["percent"] = grading.fraction * 100
        return self.render_to_response(self.get_context_data(**context))

    def learner_view(self):
        return self.version.type.learner_view(self.version.payload, None, None)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = self.version.type
        view = self.learner_view()
        show_answer = self.request.GET.get("dap-an") == "1"
        answer = kwargs.get("answer") or {}
        pairs = answer.get("pairs") or {}
        context.update(
            question=self.question,
            version=self.version,
            view=view,
            show_answer=show_answer,
            right_answer=kind.right_answer(self.version.payload) if show_answer else "",
            chosen=set(answer.get("choices") or [answer.get("choice")]),
            matching_items=[
                {**item, "selected": pairs.get(item["key"])} for item in view.get("items", [])
            ],
            case_page=self.case_page(view),
            answer_url=self.request.get_full_path(),
            show_answer_url=self.url_with(**{"dap-an": "1"}),
            hide_answer_url=self.url_with(**{"dap-an": None}),
        )
        return context

    def url_with(self, **params):
        query = self.request.GET.copy()
        for key, value in params.items():
            query.pop(key, None)
            if value is not None:
                query[key] = value
        return f"{self.request.path}?{query.urlencode()}" if query else self.request.path

    def case_page(self, view):
        if "case_page" not in view:
            return None
        page = Page.objects.filter(pk=view["case_page"]).first()
        return {"title": page.title, "url": page.get_url(self.request)} if page else None


# Categories --------------------------------------------------------------------------------


class CategoryView(BankView):
    permission = "quizzes.view_questioncategory"

    def get_breadcrumbs_items(self):
        return [
            *self.bank_breadcrumbs(),
            {"url": reverse("quizzes_bank:categories"), "label": _("Categories")},
            {"url": "", "label": self.get_page_title()},
        ]

    def index_url(self):
        return reverse("quizzes_bank:categories")


class CategoryIndexView(CategoryView):
    template_name = "quizzes/bank/categories.html"

    def get_page_title(self):
        return _("Categories")

    def get_breadcrumbs_items(self):
        return [*self.bank_breadcrumbs(), {"url": "", "label": _("Categories")}]

    def get_header_buttons(self):
        if not self.request.user.has_perm("quizzes.add_questioncategory"):
            return []
        return [
            HeaderButton(
                _("Add category"), url=reverse("quizzes_bank:category_add"), icon_name="plus"
            )
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tree"] = listing.category_tree(user=self.request.user)
        context["can_add"] = self.request.user.has_perm("quizzes.add_questioncategory")
        return context


class CategoryObjectView(CategoryView):
    """A screen about one category the user may edit (404 when they cannot even see it)."""

    permission = "quizzes.change_questioncategory"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        self.category = get_object_or_404(
            listing.visible_categories(user=request.user), pk=kwargs["pk"]
        )
        if not category_can_edit(user=request.user, category=self.category):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.category.name


class CategoryFormView(CategoryView):
    template_name = "quizzes/bank/category_form.html"

    def get(self, request, *args, **kwargs):
        return self.render_form(self.build_form())

    def post(self, request, *args, **kwargs):
        form = self.build_form(request.POST)
        if form.is_valid():
            try:
                category = self.save(form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            except PermissionDenied as error:
                form.add_error(None, str(error) or _("You may not change this category."))
            else:
                messages.success(request, _("Category “%(name)s” saved.") % {"name": category})
                return redirect(self.index_url())
        return self.render_form(form)

    def render_form(self, form):
        return self.render_to_response(self.get_context_data(form=form, media=form.media))


class CategoryCreateView(CategoryFormView):
    permission = "quizzes.add_questioncategory"

    def get_page_title(self):
        return _("Add category")

    def build_form(self, data=None):
        parent = self.request.GET.get("parent", "")
        initial = {"parent": parent} if parent.isdigit() else {}
        return forms.CategoryForm(data, user=self.request.user, initial=initial)

    def save(self, data):
        parent = data.get("parent")
        return categories.category_add(
            user=self.request.user,
            name=data["name"],
            parent=parent,
            unit=None if parent else data.get("unit"),
            course=None if parent else data.get("course"),
            description=data["description"],
            idnumber=data["idnumber"],
            shared=data["shared_with"],
        )


class CategoryEditView(CategoryObjectView, CategoryFormView):
    def get_page_title(self):
        return _("Edit category")

    def build_form(self, data=None):
        return forms.CategoryForm(data, user=self.request.user, instance=self.category)

    def save(self, data):
        return categories.category_update(
            category=self.category,
            user=self.request.user,
            name=data["name"],
            description=data["description"],
            idnumber=data["idnumber"],
            unit=data.get("unit", self.category.unit),
            course=data.get("course", self.category.course),
            shared=data["shared_with"],
        )


class CategoryMoveView(CategoryObjectView, CategoryFormView):
    template_name = "quizzes/bank/category_form.html"

    def get_page_title(self):
        return _("Move category")

    def build_form(self, data=None):
        initial = {"parent": self.category.get_parent()}
        return forms.CategoryMoveForm(
            data, user=self.request.user, category=self.category, initial=initial
        )

    def save(self, data):
        return categories.category_move(
            category=self.category, user=self.request.user, parent=data["parent"]
        )


class CategoryDeleteView(CategoryObjectView):
    permission = "quizzes.change_questioncategory"
    template_name = "quizzes/bank/category_delete.html"

    def get_page_title(self):
        return _("Delete category")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            category=self.category,
            question_count=self.category.questions.count(),
            child_count=self.category.get_children_count(),
        )
        return context

    def post(self, request, *args, **kwargs):
        name = self.category.name
        try:
            categories.category_delete(category=self.category, user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(self.index_url())
        messages.success(request, _("Category “%(name)s” deleted.") % {"name": name})
        return redirect(self.index_url())
