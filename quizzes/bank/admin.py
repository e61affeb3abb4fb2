"""Admin wiring of the question bank; ``quizzes/wagtail_hooks.py`` registers it.

Nothing here registers itself: the hooks module registers

- ``admin_urls`` with ``register_admin_urls`` (screens under ``/admin/quizzes/bank/``),
- ``menu_item`` with ``register_admin_menu_item`` ("Question bank"),
- ``chooser_viewsets`` with ``register_admin_viewset`` (the question and
  category choosers, which become the widgets of every admin form's foreign
  key to those models, e.g. the slots of a QuizPage),
- ``register_url_finders()`` once (the chooser's "Edit" link).
"""

from django import forms as django_forms
from django.http import Http404
from django.urls import include, path, reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import ModelAdminURLFinder, register_admin_url_finder
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
    ChosenView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet

from lms.text import fold
from quizzes.bank import listing, views
from quizzes.bank.forms import CategoryChoiceField
from quizzes.interchange import views as interchange_views
from quizzes.models import Question, QuestionCategory
from quizzes.qtypes import QUESTION_TYPE_CHOICES

# The URL namespace of the bank screens: ``reverse("quizzes_bank:index")``.
NAMESPACE = "quizzes_bank"


def urlpatterns():
    return [
        path("", views.QuestionIndexView.as_view(), name="index"),
        path("questions/bulk/", views.QuestionBulkView.as_view(), name="bulk"),
        path("questions/add/", views.ChooseTypeView.as_view(), name="choose_type"),
        path("questions/add/<str:qtype>/", views.QuestionCreateView.as_view(), name="add"),
        path("questions/<int:pk>/", views.QuestionEditView.as_view(), name="edit"),
        path("questions/<int:pk>/preview/", views.QuestionPreviewView.as_view(), name="preview"),
        path("categories/", views.CategoryIndexView.as_view(), name="categories"),
        path("categories/add/", views.CategoryCreateView.as_view(), name="category_add"),
        path("categories/<int:pk>/", views.CategoryEditView.as_view(), name="category_edit"),
        path("categories/<int:pk>/move/", views.CategoryMoveView.as_view(), name="category_move"),
        path(
            "categories/<int:pk>/delete/",
            views.CategoryDeleteView.as_view(),
            name="category_delete",
        ),
        path("import/", interchange_views.ImportView.as_view(), name="import"),
        path(
            "import/<int:pk>/",
            interchange_views.ImportPreviewView.as_view(),
            name="import_preview",
        ),
        path(
            "import/template.xlsx",
            interchange_views.ImportTemplateView.as_view(),
            name="import_template",
        ),
        path("export/", interchange_views.ExportView.as_view(), name="export"),
    ]


def admin_urls():
    """For ``register_admin_urls``: the bank screens under ``/admin/quizzes/bank/``.

    Wagtail wraps every pattern of that hook in its admin access check; the
    views add the model permission checks.
    """
    return [path("quizzes/bank/", include((urlpatterns(), NAMESPACE), namespace=NAMESPACE))]


class BankMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("quizzes.view_question")


def menu_item():
    """For ``register_admin_menu_item``: "Question bank" in the admin's side menu."""
    return BankMenuItem(
        _("Question bank"),
        reverse(f"{NAMESPACE}:index"),
        name="question-bank",
        icon_name="help",
        order=260,
    )


# Choosers ----------------------------------------------------------------------------------


class QuestionChooserFilterForm(BaseFilterForm):
    """Search by folded text ("quan ly" finds "quản lý"), narrowed by category and type."""

    q = django_forms.CharField(
        label=_("Search"),
        required=False,
        widget=django_forms.TextInput(attrs={"placeholder": _("Search")}),
    )
    category = CategoryChoiceField(
        QuestionCategory.objects.none(),
        label=_("Category"),
        required=False,
        empty_label=_("All categories"),
        widget=django_forms.Select(attrs={"data-chooser-modal-search-filter": True}),
    )
    qtype = django_forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("All types")), *QUESTION_TYPE_CHOICES],
        widget=django_forms.Select(attrs={"data-chooser-modal-search-filter": True}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["category"].queryset = listing.visible_categories(user=user)

    def filter(self, objects):
        data = self.cleaned_data
        self.search_query = data.get("q", "")
        self.is_searching = bool(self.search_query or data.get("category") or data.get("qtype"))
        return listing.bank_questions(
            user=self.user,
            text=self.search_query,
            category=data.get("category"),
            qtype=data.get("qtype", ""),
        )


class QuestionChooserMixin:
    per_page = 20

    def get_object_list(self):
        return listing.questions_visible_to(user=self.request.user)

    def get_filter_form(self):
        return QuestionChooserFilterForm(self.request.GET, user=self.request.user)

    @property
    def columns(self):
        return [
            self.title_column,
            Column("qtype", label=_("Type"), accessor="get_qtype_display"),
            Column("category", label=_("Category"), accessor="category"),
            Column("difficulty", label=_("Difficulty"), accessor="get_difficulty_display"),
            Column("status", label=_("Status"), accessor="get_status_display"),
        ]

    @property
    def title_column(self):
        column = super().title_column
        column.label = _("Question")
        column.accessor = question_label
        return column


def question_label(question):
    text = strip_tags(question.current_version.text) if question.current_version else ""
    if text and fold(text[:60]) != fold(question.name[:60]):
        return f"{question.name} — {Truncator(text).chars(80)}"
    return question.name


class QuestionChooseView(QuestionChooserMixin, ChooseView):
    pass


class QuestionChooseResultsView(QuestionChooserMixin, ChooseResultsView):
    pass


class QuestionChosenView(ChosenView):
    def get_object(self, pk):
        if not str(pk).isdigit():
            raise Http404
        return listing.questions_visible_to(user=self.request.user).get(pk=pk)


class QuestionChooserViewSet(ChooserViewSet):
    model = Question
    icon = "help"
    choose_one_text = _("Choose a question")
    choose_another_text = _("Choose another question")
    edit_item_text = _("Edit this question")
    choose_view_class = QuestionChooseView
    choose_results_view_class = QuestionChooseResultsView
    chosen_view_class = QuestionChosenView


class CategoryChooserFilterForm(BaseFilterForm):
    q = django_forms.CharField(
        label=_("Search"),
        required=False,
        widget=django_forms.TextInput(attrs={"placeholder": _("Search")}),
    )

    def filter(self, objects):
        words = fold(self.cleaned_data.get("q", "")).split()
        if not words:
            return objects
        self.is_searching = True
        self.search_query = self.cleaned_data["q"]
        return [
            category for category in objects if all(word in fold(category.label) for word in words)
        ]


class CategoryChooserMixin:
    per_page = 50

    def get_object_list(self):
        tree = listing.category_tree(user=self.request.user)
        names = {category.path: category.name for category in tree}
        step = QuestionCategory.steplen
        for category in tree:
            category.label = " › ".join(
                names[category.path[: depth * step]]
                for depth in range(1, category.depth + 1)
                if category.path[: depth * step] in names
            )
        return tree

    def apply_object_list_ordering(self, objects):
        return objects

    def get_filter_form(self):
        return CategoryChooserFilterForm(self.request.GET)

    @property
    def columns(self):
        return [
            self.title_column,
            Column("question_count", label=_("Questions"), accessor="question_count"),
        ]

    @property
    def title_column(self):
        column = super().title_column
        column.label = _("Category")
        column.accessor = "label"
        return column


class CategoryChooseView(CategoryChooserMixin, ChooseView):
    pass


class CategoryChooseResultsView(CategoryChooserMixin, ChooseResultsView):
    pass


class CategoryChosenView(ChosenView):
    def get_object(self, pk):
        if not str(pk).isdigit():
            raise Http404
        return listing.visible_categories(user=self.request.user).get(pk=pk)


class CategoryChooserViewSet(ChooserViewSet):
    model = QuestionCategory
    icon = "folder-open-1"
    choose_one_text = _("Choose a category")
    choose_another_text = _("Choose another category")
    edit_item_text = _("Edit this category")
    choose_view_class = CategoryChooseView
    choose_results_view_class = CategoryChooseResultsView
    chosen_view_class = CategoryChosenView


def chooser_viewsets():
    """For ``register_admin_viewset``: the question and category choosers."""
    return [
        QuestionChooserViewSet("question_chooser", url_prefix="quizzes/question-chooser"),
        CategoryChooserViewSet("question_category_chooser", url_prefix="quizzes/category-chooser"),
    ]


class QuestionURLFinder(ModelAdminURLFinder):
    edit_url_name = f"{NAMESPACE}:edit"


class CategoryURLFinder(ModelAdminURLFinder):
    edit_url_name = f"{NAMESPACE}:category_edit"


def register_url_finders():
    register_admin_url_finder(Question, QuestionURLFinder)
    register_admin_url_finder(QuestionCategory, CategoryURLFinder)
