"""The lecturers' quiz screens in the Wagtail admin: grading, results, statistics, overrides.

Views read the request and render; reads are in ``quizzes.manage.selectors``
and ``quizzes.statistics``, writes in ``quizzes.manage.services`` and
``quizzes.services.response_grade_manual``.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from lessons.reports.selectors import course_report_units
from quizzes import services as quiz_services
from quizzes import statistics
from quizzes.downloads import response_file_download
from quizzes.manage import forms, selectors, services, xlsx
from quizzes.models import QuizOverride, QuizPage, QuizStatistics

NAMESPACE = "quizzes_manage"
PER_PAGE = 50
# Changes listed by a regrade preview; the rest are counted.
REGRADE_SHOWN = 200


def _url(name, *args):
    return reverse(f"{NAMESPACE}:{name}", args=args)


def attempt_review_url(attempt):
    """The attempt's review page (the course's staff see all of it), if the URL exists."""
    try:
        return reverse("quizzes:attempt_review", args=[attempt.pk])
    except NoReverseMatch:
        return ""


class QuizAdminMixin:
    """Loads the quiz (404 when unknown) and lets in the people ``access`` names.

    ``access`` is "results" (the course's lecturers, managers, superusers) or
    "grading" (the course's lecturers and superusers). Wagtail's admin turns
    PermissionDenied into a redirect to the dashboard with a message.
    """

    access = "results"
    current = ""
    header_icon = "tasks"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.quiz = get_object_or_404(QuizPage, pk=kwargs["quiz_id"])

    def dispatch(self, request, *args, **kwargs):
        check = (
            selectors.quiz_grading_access
            if self.access == "grading"
            else selectors.quiz_results_access
        )
        if not check(user=request.user, quiz=self.quiz):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def may_grade(self):
        return selectors.quiz_grading_access(user=self.request.user, quiz=self.quiz)

    def get_page_subtitle(self):
        return self.quiz.title

    def get_breadcrumbs_items(self):
        course = self.quiz.course
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_explore", args=[course.pk]), "label": course.title},
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.quiz.pk]),
                "label": self.quiz.title,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def nav_items(self):
        items = [("results", _("Results"), _url("results", self.quiz.pk))]
        if self.may_grade:
            items.append(("queue", _("Grading"), _url("queue", self.quiz.pk)))
        items.append(("statistics", _("Statistics"), _url("statistics", self.quiz.pk)))
        if self.may_grade:
            items += [
                ("overrides", _("Overrides"), _url("overrides", self.quiz.pk)),
                ("regrade", _("Regrade"), _url("regrade", self.quiz.pk)),
            ]
        return [
            {"key": key, "label": label, "url": url, "current": key == self.current}
            for key, label, url in items
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(quiz=self.quiz, nav_items=self.nav_items(), may_grade=self.may_grade)
        return context


class QuizAdminView(QuizAdminMixin, WagtailAdminTemplateMixin, TemplateView):
    pass


# --- Quizzes waiting for grading (menu) -------------------------------------


class GradingIndexView(WagtailAdminTemplateMixin, TemplateView):
    """The quizzes of the lecturer's courses with answers waiting for a mark."""

    template_name = "quizzes/manage/grading_index.html"
    page_title = gettext_lazy("Grading")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not selectors.grading_menu_shown(user=request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = selectors.quizzes_to_grade(user=self.request.user)
        context.update(
            rows=[(row, _url("queue", row.quiz.pk)) for row in rows],
            total=sum(row.answers for row in rows),
        )
        return context


# --- Results -------------------------------------------------------------------


class ResultsMixin(QuizAdminMixin):
    @cached_property
    def form(self):
        return forms.ResultsFilterForm(self.request.GET or None, quiz=self.quiz)

    @cached_property
    def learners(self):
        filters = self.form.filters() if self.form.is_bound else {}
        units = course_report_units(user=self.request.user, course=self.quiz.course)
        return selectors.quiz_learners(quiz=self.quiz, units=units, **filters)

    def url_with_filters(self, name):
        query = self.request.GET.copy()
        query.pop("p", None)
        url = _url(name, self.quiz.pk)
        return f"{url}?{query.urlencode()}" if query else url


class ResultsView(ResultsMixin, WagtailAdminTemplateMixin, TemplateView):
    """Learners with their attempts, grades and classification; the grade distribution."""

    template_name = "quizzes/manage/results.html"
    page_title = gettext_lazy("Results")
    current = "results"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = WagtailPaginator(self.learners, PER_PAGE)
        page = paginator.get_page(self.request.GET.get("p"))
        rows = selectors.result_rows(
            quiz=self.quiz, users=page.object_list, start=page.start_index() or 1
        )
        for row in rows:
            for attempt in row.attempts:
                attempt.review_url = attempt_review_url(attempt)
        distribution = selectors.grade_distribution(quiz=self.quiz)
        context.update(
            form=self.form,
            rows=rows,
            summary=selectors.results_summary(users=self.learners),
            distribution=distribution,
            distribution_total=sum(band.count for band in distribution),
            page_obj=page,
            paginator=paginator,
            is_paginated=page.has_other_pages(),
            elided_page_range=paginator.get_elided_page_range(page.number),
            is_filtering=bool(self.form.is_bound and self.form.has_changed()),
            reset_url=_url("results", self.quiz.pk),
            export_url=self.url_with_filters("results_export"),
        )
        return context


class ResultsExportView(ResultsMixin, View):
    """The filtered results (all pages) and every attempt, as an XLSX file."""

    def get(self, request, *args, **kwargs):
        rows = selectors.result_rows(
            quiz=self.quiz,
            users=self.learners,
            user_ids=self.learners.order_by().values("pk"),
        )
        return xlsx.results_response(quiz=self.quiz, rows=rows)


# --- Grading queue -------------------------------------------------------------


class QueueMixin(QuizAdminMixin):
    access = "grading"
    current = "queue"

    @cached_property
    def questions(self):
        return selectors.queue_questions(quiz=self.quiz)

    @cached_property
    def filter_form(self):
        return forms.QueueFilterForm(self.request.GET or None, questions=self.questions)

    @cached_property
    def filters(self):
        if not self.filter_form.is_bound:
            return {"slot": None, "question": None, "state": selectors.PENDING}
        return self.filter_form.filters()

    def query_string(self):
        query = {
            key: value
            for key, value in (
                ("question", self.request.GET.get("question", "")),
                ("state", self.filters["state"]),
            )
            if value
        }
        return urlencode(query)

    def response_url(self, response_id):
        return f"{_url('grade', self.quiz.pk, response_id)}?{self.query_string()}"


class QueueView(QueueMixin, WagtailAdminTemplateMixin, TemplateView):
    """The queue's questions with what is left to grade, and where to start."""

    template_name = "quizzes/manage/queue.html"
    page_title = gettext_lazy("Grading")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        first = selectors.grading_queue(quiz=self.quiz, **self.filters).values_list(
            "pk", flat=True
        )[:1]
        rows = [
            {
                "item": item,
                "pending_url": f"{_url('queue_start', self.quiz.pk)}?"
                f"question={item.slot}-{item.question_id}&state={selectors.PENDING}",
                "all_url": f"{_url('queue_start', self.quiz.pk)}?"
                f"question={item.slot}-{item.question_id}&state={selectors.ALL}",
            }
            for item in self.questions
        ]
        context.update(
            filter_form=self.filter_form,
            rows=rows,
            pending=sum(item.pending for item in self.questions),
            total=sum(item.total for item in self.questions),
            start_url=self.response_url(first[0]) if first else "",
        )
        return context


class QueueStartView(QueueMixin, View):
    """The first answer of the filtered queue (back to the queue when there is none)."""

    def get(self, request, *args, **kwargs):
        first = selectors.grading_queue(quiz=self.quiz, **self.filters).values_list(
            "pk", flat=True
        )[:1]
        if first:
            return redirect(self.response_url(first[0]))
        messages.success(request, _("No answer is waiting for grading here."))
        return redirect(f"{_url('queue', self.quiz.pk)}?{self.query_string()}")


class GradeView(QueueMixin, WagtailAdminTemplateMixin, TemplateView):
    """One answer at a time: the question, grader notes, the answer, mark and comment."""

    template_name = "quizzes/manage/grade.html"
    page_title = gettext_lazy("Grading")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.response_id = kwargs["response_id"]

    @cached_property
    def answer(self):
        return selectors.grading_response(quiz=self.quiz, response_id=self.response_id)

    @cached_property
    def position(self):
        ids = list(
            selectors.grading_queue(quiz=self.quiz, **self.filters).values_list("pk", flat=True)
        )
        return selectors.queue_position(ids=ids, response_id=self.answer.pk)

    def get_form(self, data=None):
        initial = {"comment": self.answer.comment}
        if self.answer.graded_at is not None and self.answer.mark is not None:
            initial["mark"] = f"{self.answer.mark:.2f}".replace(".", ",")
        return forms.GradeForm(data, initial=initial, max_mark=self.answer.max_mark)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        position = self.position
        if form.is_valid():
            try:
                quiz_services.response_grade_manual(
                    response=self.answer,
                    grader=request.user,
                    mark=form.cleaned_data["mark"],
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                form.add_error("mark", error.messages)
            else:
                messages.success(request, _("Mark saved."))
                return redirect(self._after_save(position))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def _after_save(self, position):
        if "save_next" in self.request.POST and position.next_id:
            return self.response_url(position.next_id)
        if "save_next" in self.request.POST:
            return f"{_url('queue', self.quiz.pk)}?{self.query_string()}"
        return self.response_url(self.answer.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        answer = self.answer
        version = answer.question_version
        position = self.position
        context.update(
            answer=answer,
            version=version,
            learner=answer.attempt.user,
            learner_profile=getattr(answer.attempt.user, "profile", None),
            grader_info=version.payload.get("grader_info", ""),
            answer_html=(answer.answer or {}).get("text", ""),
            answer_is_html=version.payload.get("format", "html") == "html",
            files=[
                (file, _url("response_file", self.quiz.pk, file.pk)) for file in answer.files.all()
            ],
            position=position,
            previous_url=self.response_url(position.previous_id) if position.previous_id else "",
            next_url=self.response_url(position.next_id) if position.next_id else "",
            queue_url=f"{_url('queue', self.quiz.pk)}?{self.query_string()}",
            review_url=attempt_review_url(answer.attempt),
            waiting=sum(item.pending for item in self.questions),
            filters=self.filters,
        )
        return context


class ResponseFileView(QuizAdminMixin, View):
    """A file a learner attached to an answer, for the course's staff only."""

    def get(self, request, *args, **kwargs):
        found = selectors.response_file_for(quiz=self.quiz, file_id=kwargs["file_id"])
        return response_file_download(found)


# --- Regrade -------------------------------------------------------------------


class RegradeView(QuizAdminView):
    """Preview the grades a regrade would change (nothing saved), then regrade."""

    access = "grading"
    current = "regrade"
    template_name = "quizzes/manage/regrade.html"
    page_title = gettext_lazy("Regrade")

    def post(self, request, *args, **kwargs):
        dry_run = "confirm" not in request.POST
        changes = services.attempts_regrade(quiz=self.quiz, by=request.user, dry_run=dry_run)
        if not dry_run:
            messages.success(
                request,
                _("Regraded: %(count)s attempts changed.") % {"count": len(changes)},
            )
            return redirect(_url("results", self.quiz.pk))
        return self.render_to_response(
            self.get_context_data(
                preview=True, changes=changes[:REGRADE_SHOWN], change_count=len(changes)
            )
        )


# --- Statistics ----------------------------------------------------------------


def _percent(value):
    return None if value is None else (Decimal(str(value)) * 100).quantize(Decimal("0.01"))


def _answer_rows(question):
    count = question["count"] or 1
    rows = []
    for answer in question["answers"]:
        text = answer["text"]
        if question["qtype"] == "truefalse":
            text = _("True") if answer["key"] == "true" else _("False")
        rows.append(
            {
                "text": text,
                "count": answer["count"],
                "percent": _percent(answer["count"] / count),
                "right": Decimal(answer["fraction"] or "0") >= 1,
                "partial": 0 < Decimal(answer["fraction"] or "0") < 1,
            }
        )
    return rows


def statistics_items(data):
    """The stored statistics with percentages (two decimals) for the page."""
    items = []
    for item in data.get("items", []):
        items.append(
            {
                "slot": item["slot"],
                "count": item["count"],
                "facility": _percent(item["facility"]),
                "sd": _percent(item["sd"]),
                "discrimination_index": _percent(item["discrimination_index"]),
                "discriminative_efficiency": _percent(item["discriminative_efficiency"]),
                "questions": [
                    {
                        **question,
                        "facility": _percent(question["facility"]),
                        "answer_rows": _answer_rows(question),
                    }
                    for question in item["questions"]
                ],
            }
        )
    return items


class StatisticsView(QuizAdminView):
    """Item statistics as last computed, with when, and a button to recompute them."""

    current = "statistics"
    template_name = "quizzes/manage/statistics.html"
    page_title = gettext_lazy("Statistics")

    def get(self, request, *args, **kwargs):
        stats = QuizStatistics.objects.filter(quiz=self.quiz).first()
        if stats is None:
            # First visit: a small quiz is computed now, a large one is queued.
            stats = statistics.quiz_statistics_refresh(quiz=self.quiz)
        return self.render_to_response(self.get_context_data(stats=stats))

    def post(self, request, *args, **kwargs):
        if statistics.quiz_statistics_refresh(quiz=self.quiz) is None:
            messages.success(
                request,
                _("The statistics are being computed; reload this page in a few minutes."),
            )
        else:
            messages.success(request, _("Statistics recomputed."))
        return redirect(_url("statistics", self.quiz.pk))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stats = kwargs.get("stats")
        data = stats.data if stats else {}
        distribution = selectors.grade_distribution(quiz=self.quiz)
        context.update(
            items=statistics_items(data),
            grade=data.get("grade", {}),
            distribution=distribution,
            distribution_total=sum(band.count for band in distribution),
        )
        return context


# --- Overrides -----------------------------------------------------------------


class OverridesView(QuizAdminView):
    """The learners with other dates, extra time or extra attempts."""

    access = "grading"
    current = "overrides"
    template_name = "quizzes/manage/overrides.html"
    page_title = gettext_lazy("Overrides")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["overrides"] = [
            (
                override,
                _url("override_edit", self.quiz.pk, override.pk),
                _url("override_delete", self.quiz.pk, override.pk),
            )
            for override in selectors.quiz_overrides(quiz=self.quiz)
        ]
        context["add_url"] = _url("override_add", self.quiz.pk)
        return context


class OverrideFormView(QuizAdminView):
    access = "grading"
    current = "overrides"
    template_name = "quizzes/manage/override_form.html"

    def get_page_title(self):
        return _("Change the override") if self.instance else _("Add an override")

    @cached_property
    def instance(self):
        override_id = self.kwargs.get("override_id")
        if override_id is None:
            return None
        return get_object_or_404(
            QuizOverride.objects.select_related("user"), pk=override_id, quiz=self.quiz
        )

    def get(self, request, *args, **kwargs):
        form = forms.OverrideForm(quiz=self.quiz, instance=self.instance)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = forms.OverrideForm(request.POST, quiz=self.quiz, instance=self.instance)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.override_save(
                    quiz=self.quiz,
                    learner=data["learner"],
                    by=request.user,
                    opens_at=data["opens_at"],
                    closes_at=data["closes_at"],
                    extra_minutes=data["extra_minutes"] or 0,
                    extra_attempts=data["extra_attempts"] or 0,
                    reason=data["reason"],
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Override saved."))
                return redirect(_url("overrides", self.quiz.pk))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(instance=self.instance, back_url=_url("overrides", self.quiz.pk))
        return context


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class OverrideDeleteView(QuizAdminView):
    access = "grading"
    current = "overrides"
    template_name = "quizzes/manage/override_delete.html"
    page_title = gettext_lazy("Remove the override")

    @cached_property
    def instance(self):
        return get_object_or_404(
            QuizOverride.objects.select_related("user__profile"),
            pk=self.kwargs["override_id"],
            quiz=self.quiz,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(override=self.instance, back_url=_url("overrides", self.quiz.pk))
        return context

    def post(self, request, *args, **kwargs):
        services.override_delete(override=self.instance, by=request.user)
        messages.success(request, _("Override removed."))
        return redirect(_url("overrides", self.quiz.pk))
