"""The course progress report in the Wagtail admin: a screen, a lessons matrix, an XLSX export."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton

from lessons.models import CoursePage
from lessons.reports import selectors, xlsx
from lessons.reports.forms import CourseProgressFilterForm

PER_PAGE = 50


class CourseReportMixin:
    """Loads the course (404 when unknown) and lets only its report's readers in."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.course = get_object_or_404(CoursePage, pk=kwargs["course_id"])

    def dispatch(self, request, *args, **kwargs):
        if not selectors.course_report_access(user=request.user, course=self.course):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def form(self):
        return CourseProgressFilterForm(self.request.GET or None, course=self.course)

    @cached_property
    def lessons(self):
        return selectors.course_report_lessons(course=self.course)

    @cached_property
    def required_total(self):
        return sum(1 for lesson in self.lessons if lesson.is_required)

    @cached_property
    def enrolments(self):
        filters = self.form.filters() if self.form.is_bound else {}
        units = selectors.course_report_units(user=self.request.user, course=self.course)
        return selectors.course_report_learners(course=self.course, units=units, **filters)

    def url_with_filters(self, name):
        url = reverse(name, args=[self.course.pk])
        query = self.request.GET.copy()
        query.pop("p", None)
        return f"{url}?{query.urlencode()}" if query else url


class CourseProgressView(CourseReportMixin, WagtailAdminTemplateMixin, TemplateView):
    """Learners of a course with their progress, filtered and paginated."""

    template_name = "lessons/reports/course_progress.html"
    page_title = _("Learning progress")
    header_icon = "table"
    show_lessons = False

    def get_page_subtitle(self):
        return self.course.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_explore", args=[self.course.pk]),
                "label": self.course.title,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_header_buttons(self):
        if self.show_lessons:
            switch = HeaderButton(
                _("Summary by learner"),
                url=self.url_with_filters("lessons_reports:course_progress"),
                icon_name="list-ul",
            )
        else:
            switch = HeaderButton(
                _("Progress by lesson"),
                url=self.url_with_filters("lessons_reports:course_progress_lessons"),
                icon_name="table",
            )
        download = HeaderButton(
            _("Download XLSX"),
            url=self.url_with_filters("lessons_reports:course_progress_export"),
            icon_name="download",
        )
        return [switch, download]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = WagtailPaginator(self.enrolments, PER_PAGE)
        page = paginator.get_page(self.request.GET.get("p"))
        rows = selectors.learner_rows(
            enrolments=page.object_list,
            required_total=self.required_total,
            start=page.start_index() or 1,
        )
        if self.show_lessons:
            progress = selectors.lesson_progress_map(
                user_ids=[row.enrolment.user_id for row in rows], lessons=self.lessons
            )
            selectors.attach_lesson_cells(rows=rows, lessons=self.lessons, progress=progress)
        context.update(
            course=self.course,
            form=self.form,
            rows=rows,
            lessons=self.lessons,
            required_total=self.required_total,
            summary=selectors.course_report_summary(
                enrolments=self.enrolments, required_total=self.required_total
            ),
            page_obj=page,
            paginator=paginator,
            is_paginated=page.has_other_pages(),
            elided_page_range=paginator.get_elided_page_range(page.number),
            is_filtering=bool(self.form.is_bound and self.form.has_changed()),
            reset_url=reverse(self.request.resolver_match.view_name, args=[self.course.pk]),
            show_lessons=self.show_lessons,
        )
        return context


class CourseProgressLessonsView(CourseProgressView):
    """The same learners, with one column per lesson."""

    template_name = "lessons/reports/course_progress_lessons.html"
    show_lessons = True


class CourseProgressExportView(CourseReportMixin, View):
    """The filtered list (all pages) as an XLSX file with Vietnamese headers."""

    def get(self, request, *args, **kwargs):
        rows = selectors.learner_rows(
            enrolments=self.enrolments, required_total=self.required_total
        )
        progress = selectors.lesson_progress_map(
            user_ids=self.enrolments.order_by().values("user_id"), lessons=self.lessons
        )
        selectors.attach_lesson_cells(rows=rows, lessons=self.lessons, progress=progress)
        return xlsx.course_progress_response(course=self.course, rows=rows, lessons=self.lessons)
