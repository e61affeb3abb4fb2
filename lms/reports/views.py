"""The reports screens in the Wagtail admin: the dashboard and the course gradebooks.

Views stay thin: who may see what is decided in ``lms.selectors.reports`` and
``lms.selectors.gradebook``.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton

from lessons.models import CoursePage
from lms.reports import xlsx
from lms.reports.forms import DashboardFilterForm, GradebookFilterForm
from lms.selectors import gradebook as gradebook_selectors
from lms.selectors import reports as selectors


def _with_query(request, url, **extra):
    query = request.GET.copy()
    for name in ("format", "table"):
        query.pop(name, None)
    for name, value in extra.items():
        query[name] = value
    return f"{url}?{query.urlencode()}" if query else url


def _wants_xlsx(request):
    return request.GET.get("format") == "xlsx"


class ReportView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def export_url(self, **extra):
        return _with_query(self.request, self.request.path, format="xlsx", **extra)

    def get_header_buttons(self):
        return [HeaderButton(_("Download XLSX"), url=self.export_url(), icon_name="download")]


class DashboardView(ReportView):
    """Key numbers, charts and their tables for the units the manager may see."""

    template_name = "lms/reports/dashboard.html"
    page_title = _("Training reports")

    def dispatch(self, request, *args, **kwargs):
        if not selectors.reports_access(user=request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def form(self):
        return DashboardFilterForm(self.request.GET or None, user=self.request.user)

    @cached_property
    def dashboard(self):
        filters = self.form.filters() if self.form.is_bound else {}
        scope = selectors.dashboard_scope(user=self.request.user, **filters)
        return selectors.dashboard(scope=scope)

    def get(self, request, *args, **kwargs):
        if _wants_xlsx(request):
            return xlsx.dashboard_response(dashboard=self.dashboard, table=request.GET.get("table"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=self.form,
            dashboard=self.dashboard,
            reset_url=self.request.path,
            export_urls={name: self.export_url(table=name) for name in xlsx.TABLES},
        )
        return context


class GradebookListView(ReportView):
    """The courses whose gradebook the user may open."""

    template_name = "lms/reports/gradebook_list.html"
    page_title = _("Gradebooks")

    def dispatch(self, request, *args, **kwargs):
        if not selectors.reports_menu_shown(user=request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_header_buttons(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["courses"] = gradebook_selectors.gradebook_courses(user=self.request.user)
        return context


class GradebookView(ReportView):
    """A course's learners × quizzes with weights, the course grade and the result."""

    template_name = "lms/reports/gradebook.html"
    page_title = _("Gradebook")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.course = get_object_or_404(CoursePage, pk=kwargs["course_id"])

    def dispatch(self, request, *args, **kwargs):
        # Refuses anyone who may not read this course's gradebook.
        self.units = gradebook_selectors.gradebook_units(user=request.user, course=self.course)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.course.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("lms_reports:gradebooks"), "label": _("Gradebooks")},
            {"url": "", "label": self.course.title},
        ]

    @cached_property
    def form(self):
        return GradebookFilterForm(self.request.GET or None, units=self.units, course=self.course)

    @cached_property
    def gradebook(self):
        filters = self.form.filters() if self.form.is_bound else {}
        return gradebook_selectors.course_gradebook(
            course=self.course, user=self.request.user, **filters
        )

    def get(self, request, *args, **kwargs):
        if _wants_xlsx(request):
            return xlsx.gradebook_response(gradebook=self.gradebook)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=self.form,
            gradebook=self.gradebook,
            course=self.course,
            reset_url=self.request.path,
        )
        return context
