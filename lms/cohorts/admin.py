"""The cohorts screens in the Wagtail admin; ``lms/wagtail_hooks.py`` wires them.

URLs live under ``/admin/cohorts/`` in the namespace ``lms_cohorts``.
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem

from lms.cohorts import views
from lms.selectors import cohorts as selectors

NAMESPACE = "lms_cohorts"


def urlpatterns():
    """The cohort screens' URL patterns, relative to ``/admin/cohorts/``."""
    one = "<int:cohort_id>/"
    session = f"{one}attendance/<int:session_id>/"
    return [
        path("", views.CohortListView.as_view(), name="index"),
        path("add/", views.CohortFormView.as_view(), name="add"),
        path(one, views.CohortDetailView.as_view(), name="detail"),
        path(f"{one}edit/", views.CohortFormView.as_view(), name="edit"),
        path(f"{one}delete/", views.CohortDeleteView.as_view(), name="delete"),
        path(f"{one}results/<int:user_id>/", views.MemberResultView.as_view(), name="result"),
        path(f"{one}results.xlsx", views.CohortResultsExportView.as_view(), name="results_export"),
        path(f"{one}members/add/", views.MembersAddView.as_view(), name="members_add"),
        path(f"{one}members/filter/", views.MembersFilterView.as_view(), name="members_filter"),
        path(f"{one}members/upload/", views.MembersUploadView.as_view(), name="members_upload"),
        path(f"{one}members/enrol/", views.MembersEnrolView.as_view(), name="members_enrol"),
        path(f"{one}members/remove/", views.MembersRemoveView.as_view(), name="members_remove"),
        path(f"{one}attendance/", views.SessionsView.as_view(), name="sessions"),
        path(f"{one}attendance/add/", views.SessionFormView.as_view(), name="session_add"),
        path(session, views.AttendanceView.as_view(), name="attendance"),
        path(f"{session}edit/", views.SessionFormView.as_view(), name="session_edit"),
        path(f"{session}delete/", views.SessionDeleteView.as_view(), name="session_delete"),
    ]


def admin_urls():
    """For ``register_admin_urls``: the screens under ``/admin/cohorts/``."""
    return [path("cohorts/", include((urlpatterns(), NAMESPACE), namespace=NAMESPACE))]


def viewsets():
    """For ``register_admin_viewset``: none, the screens are plain admin views."""
    return []


class CohortsMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.may_view_cohorts(user=request.user)


def menu_item():
    """For ``register_admin_menu_item``: "Cohorts", shown to holders of ``lms.view_cohort``."""
    return CohortsMenuItem(
        _("Cohorts"), reverse(f"{NAMESPACE}:index"), icon_name="group", order=260
    )
