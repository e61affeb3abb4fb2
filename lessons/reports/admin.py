"""Admin wiring of the course progress report, registered by ``lessons/wagtail_hooks.py``.

Nothing is registered here: the hooks module calls ``admin_urlpatterns`` from
``register_admin_urls`` and yields the buttons from the page button hooks.
"""

from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.menus.pages import PageMenuItem

from lessons.reports import selectors, views

app_name = "lessons_reports"


def admin_urlpatterns():
    """URL patterns for the ``register_admin_urls`` hook, in the namespace ``lessons_reports``.

    /admin/lessons/courses/<course_id>/progress/          the report by learner
    /admin/lessons/courses/<course_id>/progress/lessons/  the lessons × learners matrix
    /admin/lessons/courses/<course_id>/progress/xlsx/     the XLSX download
    """
    patterns = [
        path("", views.CourseProgressView.as_view(), name="course_progress"),
        path(
            "lessons/",
            views.CourseProgressLessonsView.as_view(),
            name="course_progress_lessons",
        ),
        path("xlsx/", views.CourseProgressExportView.as_view(), name="course_progress_export"),
    ]
    return [
        path(
            "lessons/courses/<int:course_id>/progress/",
            include((patterns, app_name), namespace=app_name),
        )
    ]


class CourseProgressButton(PageMenuItem):
    """ "Learning progress" on a course, for the people who may read its report."""

    label = _("Learning progress")
    icon_name = "table"

    def is_shown(self, user):
        return selectors.course_report_link_shown(user=user, page=self.page)

    @cached_property
    def url(self):
        return reverse("lessons_reports:course_progress", args=[self.page.pk])


def page_header_buttons(page, user, view_name, next_url=None):
    """For ``register_page_header_buttons``: the button beside a course's title (edit, explore)."""
    yield CourseProgressButton(page=page, priority=40)


def page_listing_more_buttons(page, user, next_url=None):
    """For ``register_page_listing_more_buttons``: the item in a course's "…" menu."""
    yield CourseProgressButton(page=page, priority=45)
