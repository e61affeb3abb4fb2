"""What the lecturers' quiz screens need from the Wagtail admin; ``quizzes/wagtail_hooks.py``
wires it.

Nothing here registers itself: the hooks module registers

- ``admin_urls`` with ``register_admin_urls`` (URLs under ``/admin/quizzes/``),
- ``page_header_buttons`` with ``register_page_header_buttons`` ("Results",
  "Grading", "Statistics", "Overrides" on a quiz's edit and explorer pages),
- ``page_listing_more_buttons`` with ``register_page_listing_more_buttons``
  (the same links in the "…" menu of a quiz in the page explorer),
- ``grading_menu_item`` with ``register_admin_menu_item`` ("Grading": the
  quizzes with answers waiting for a mark).
"""

from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from quizzes.manage import selectors, views

NAMESPACE = views.NAMESPACE


def urlpatterns():
    """The screens' URL patterns, relative to ``/admin/quizzes/``."""
    quiz = "<int:quiz_id>/"
    return [
        path("grading/", views.GradingIndexView.as_view(), name="grading"),
        path(f"{quiz}results/", views.ResultsView.as_view(), name="results"),
        path(f"{quiz}results/xlsx/", views.ResultsExportView.as_view(), name="results_export"),
        path(f"{quiz}grading/", views.QueueView.as_view(), name="queue"),
        path(f"{quiz}grading/start/", views.QueueStartView.as_view(), name="queue_start"),
        path(f"{quiz}grading/<int:response_id>/", views.GradeView.as_view(), name="grade"),
        path(
            f"{quiz}grading/files/<int:file_id>/",
            views.ResponseFileView.as_view(),
            name="response_file",
        ),
        path(f"{quiz}regrade/", views.RegradeView.as_view(), name="regrade"),
        path(f"{quiz}statistics/", views.StatisticsView.as_view(), name="statistics"),
        path(f"{quiz}overrides/", views.OverridesView.as_view(), name="overrides"),
        path(f"{quiz}overrides/add/", views.OverrideFormView.as_view(), name="override_add"),
        path(
            f"{quiz}overrides/<int:override_id>/",
            views.OverrideFormView.as_view(),
            name="override_edit",
        ),
        path(
            f"{quiz}overrides/<int:override_id>/delete/",
            views.OverrideDeleteView.as_view(),
            name="override_delete",
        ),
    ]


def admin_urls():
    """For ``register_admin_urls``: the screens under ``/admin/quizzes/``, namespace
    ``quizzes_manage``. Wagtail wraps them in its admin access check; the views check the
    course."""
    return [path("quizzes/", include((urlpatterns(), NAMESPACE), namespace=NAMESPACE))]


class QuizMenuItem(PageMenuItem):
    """A link from a quiz page to one of its screens, for those who may open it."""

    url_name = ""
    grading = False

    def is_shown(self, user):
        check = (
            selectors.quiz_grading_link_shown if self.grading else selectors.quiz_results_link_shown
        )
        return check(user=user, page=self.page)

    @cached_property
    def url(self):
        return reverse(f"{NAMESPACE}:{self.url_name}", args=[self.page.pk])


class ResultsButton(QuizMenuItem):
    label = _("Results")
    icon_name = "table"
    url_name = "results"


class GradingButton(QuizMenuItem):
    label = _("Grading")
    icon_name = "tasks"
    url_name = "queue"
    grading = True


class StatisticsButton(QuizMenuItem):
    label = _("Statistics")
    icon_name = "list-ol"
    url_name = "statistics"


class OverridesButton(QuizMenuItem):
    label = _("Overrides")
    icon_name = "time"
    url_name = "overrides"
    grading = True


BUTTONS = (ResultsButton, GradingButton, StatisticsButton, OverridesButton)


def page_header_buttons(page, user, view_name, next_url=None):
    """For ``register_page_header_buttons``: the buttons beside a quiz's title."""
    for index, button in enumerate(BUTTONS):
        yield button(page=page, priority=50 + index)


def page_listing_more_buttons(page, user, next_url=None):
    """For ``register_page_listing_more_buttons``: the items in a quiz's "…" menu."""
    for index, button in enumerate(BUTTONS):
        yield button(page=page, priority=55 + index)


class GradingMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.grading_menu_shown(user=request.user)


def grading_menu_item():
    """For ``register_admin_menu_item``: "Grading" in the admin's side menu."""
    return GradingMenuItem(
        _("Grading"), reverse(f"{NAMESPACE}:grading"), icon_name="tasks", order=260
    )
