"""What the enrolment screens need from the Wagtail admin; ``lessons/wagtail_hooks.py`` wires it.

Nothing here registers itself: the hooks module registers

- ``admin_urls`` with ``register_admin_urls`` (URLs under ``/admin/lessons/``),
- ``course_header_buttons`` with ``register_page_header_buttons`` (the
  "Enrolments" button on a course's edit and explorer pages),
- ``course_listing_buttons`` with ``register_page_listing_more_buttons``
  (the same link in the "…" menu of a course in the page explorer),
- ``enrolments_menu_item`` with ``register_admin_menu_item`` (optional).
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from lessons.manage import selectors, views
from lessons.models import CoursePage

# The URL namespace of the enrolment screens: ``reverse("lessons_enrolments:index", ...)``.
NAMESPACE = "lessons_enrolments"


def urlpatterns():
    """The enrolment screens' URL patterns, relative to the admin's root."""
    return [
        path("enrolments/", views.CourseListView.as_view(), name="courses"),
        path(
            "enrolments/mau-ghi-danh.xlsx",
            views.TemplateDownloadView.as_view(),
            name="template",
        ),
        path(
            "courses/<int:course_id>/enrolments/",
            views.EnrolmentIndexView.as_view(),
            name="index",
        ),
        path(
            "courses/<int:course_id>/enrolments/approve/",
            views.ApproveView.as_view(),
            name="approve",
        ),
        path(
            "courses/<int:course_id>/enrolments/refuse/",
            views.RefuseView.as_view(),
            name="refuse",
        ),
        path(
            "courses/<int:course_id>/enrolments/remove/",
            views.RemoveView.as_view(),
            name="remove",
        ),
        path(
            "courses/<int:course_id>/enrolments/add/",
            views.PickPeopleView.as_view(),
            name="pick",
        ),
        path(
            "courses/<int:course_id>/enrolments/add/filter/",
            views.FilterEnrolView.as_view(),
            name="filter",
        ),
        path(
            "courses/<int:course_id>/enrolments/add/upload/",
            views.UploadEnrolView.as_view(),
            name="upload",
        ),
    ]


def admin_urls():
    """For ``register_admin_urls``: the screens under ``/admin/lessons/``.

    Wagtail wraps every pattern of that hook in its admin access check; the
    views add the enrolment permission check.
    """
    return [path("lessons/", include((urlpatterns(), NAMESPACE), namespace=NAMESPACE))]


def _is_course(page):
    return issubclass(page.specific_class or type(page), CoursePage)


class CourseEnrolmentsMenuItem(PageMenuItem):
    label = _("Enrolments")
    icon_name = "group"

    def is_shown(self, user):
        return _is_course(self.page) and selectors.may_manage_enrolments(user=user)

    @property
    def url(self):
        return reverse(f"{NAMESPACE}:index", args=[self.page.pk])


def course_header_buttons(page, user, view_name, next_url=None):
    """For ``register_page_header_buttons``: "Enrolments" on a course's admin pages."""
    yield CourseEnrolmentsMenuItem(page=page, priority=40)


def course_listing_buttons(page, user, next_url=None):
    """For ``register_page_listing_more_buttons``: "Enrolments" in a course's "…" menu."""
    yield CourseEnrolmentsMenuItem(page=page, priority=45)


class EnrolmentsMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.may_manage_enrolments(user=request.user)


def enrolments_menu_item():
    """For ``register_admin_menu_item``: "Enrolments" in the admin's side menu."""
    return EnrolmentsMenuItem(
        _("Enrolments"), reverse(f"{NAMESPACE}:courses"), icon_name="group", order=250
    )
