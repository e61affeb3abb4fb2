"""The reports screens in the Wagtail admin; ``lms/wagtail_hooks.py`` wires them.

URLs, in the namespace ``lms_reports``:

/admin/reports/                              ``dashboard`` (``?format=xlsx[&table=…]``)
/admin/reports/gradebooks/                   ``gradebooks``: the courses to pick from
/admin/reports/gradebooks/<course_id>/       ``gradebook`` (``?format=xlsx``)
"""

from django.urls import include, path, reverse, reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from lessons.reports.selectors import course_report_link_shown
from lms.reports import views
from lms.selectors import reports as selectors

NAMESPACE = "lms_reports"


def urlpatterns():
    return [
        path("", views.DashboardView.as_view(), name="dashboard"),
        path("gradebooks/", views.GradebookListView.as_view(), name="gradebooks"),
        path("gradebooks/<int:course_id>/", views.GradebookView.as_view(), name="gradebook"),
    ]


def admin_urls():
    """For ``register_admin_urls``: the screens under ``/admin/reports/``."""
    return [path("reports/", include((urlpatterns(), NAMESPACE), namespace=NAMESPACE))]


def viewsets():
    """For ``register_admin_viewset``: none, the screens are plain views."""
    return []


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.reports_access(user=request.user)


class GradebooksMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.reports_menu_shown(user=request.user)


class ReportsMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return selectors.reports_menu_shown(user=request.user)


def menu_item():
    """For ``register_admin_menu_item``: "Reports", with the dashboard and the gradebooks."""
    submenu = Menu(
        items=[
            DashboardMenuItem(
                _("Dashboard"), reverse_lazy(f"{NAMESPACE}:dashboard"), icon_name="table", order=100
            ),
            GradebooksMenuItem(
                _("Gradebooks"),
                reverse_lazy(f"{NAMESPACE}:gradebooks"),
                icon_name="list-ul",
                order=200,
            ),
        ]
    )
    return ReportsMenuItem(_("Reports"), submenu, icon_name="table", order=320)


class GradebookButton(PageMenuItem):
    """ "Gradebook" on a course, for the people who may read its learners' progress."""

    label = _("Gradebook")
    icon_name = "table"

    def is_shown(self, user):
        return course_report_link_shown(user=user, page=self.page)

    @cached_property
    def url(self):
        return reverse("lms_reports:gradebook", kwargs={"course_id": self.page.pk})


def course_header_buttons(page, user, view_name, next_url=None):
    """For ``register_page_header_buttons``: beside a course's title (edit, explore)."""
    yield GradebookButton(page=page, priority=41)


def course_listing_buttons(page, user, next_url=None):
    """For ``register_page_listing_more_buttons``: in a course's "…" menu."""
    yield GradebookButton(page=page, priority=46)
