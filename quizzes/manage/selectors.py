"""Reads behind the lecturers' quiz screens: who may see them, the grading queue, results.

Every list here costs a fixed number of queries whatever the number of
learners, attempts and answers: counts and grades are aggregated in the
database, attempts of a page of learners are fetched in one query.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Avg, Count, Exists, F, IntegerField, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from lessons import selectors as lesson_selectors
from lessons.models import CourseLecturer, CoursePage, Enrolment
from lessons.models.enrolment import EnrolmentStatus
from lessons.reports.selectors import course_report_access
from lms.models import TrainingUnit
from lms.selectors.scope import in_units
from quizzes.grading import TWO_PLACES, bands_for, classify
from quizzes.models import Attempt, AttemptState, QuizGrade, QuizOverride, QuizPage, Response
from quizzes.models.attempts import OPEN_STATES
from quizzes.qtypes import QUESTION_TYPES

# Question types a lecturer marks: their answers make up the grading queue.
MANUAL_TYPES = tuple(code for code, kind in QUESTION_TYPES.items() if kind.graded_by_hand)

# --- Who may do what ---------------------------------------------------------


def quiz_results_access(*, user, quiz):
    """Whether ``user`` may see the quiz's results, grading queue and statistics.

    The course's own lecturers, training managers and superusers. Unlike
    ``lessons.selectors.course_staff_access`` the right to edit the page is not
    enough: every lecturer may edit every course, but learners' answers and
    grades are shown only to the course's lecturers.
    """
    return course_report_access(user=user, course=quiz.course)


def quiz_grading_access(*, user, quiz):
    """Whether ``user`` may mark answers, regrade and grant overrides in ``quiz``.

    The course's lecturers and superusers; managers only read results.
    """
    if not user.is_authenticated:
        return False
    return user.is_superuser or lesson_selectors.course_teaches(user=user, course=quiz.course)


def _taught_course_paths(user):
    """Tree paths of the courses ``user`` teaches, fetched once per user object."""
    if not hasattr(user, "_quizzes_taught_course_paths"):
        user._quizzes_taught_course_paths = frozenset(
            CoursePage.objects.filter(
                pk__in=CourseLecturer.objects.filter(user=user).values("course_id")
            ).values_list("path", flat=True)
        )
    return user._quizzes_taught_course_paths


def _is_quiz(page):
    page_class = page.specific_class
    return page_class is not None and issubclass(page_class, QuizPage)


def _teaches_parent(user, page):
    return page.path[: -page.steplen] in _taught_course_paths(user)


def quiz_results_link_shown(*, user, page):
    """Whether to offer the results and statistics of ``page`` (same rule as access).

    For page listings: answers from the page's class and path and one cached
    query per user, so a listing of many quizzes costs no query per row.
    """
    if not _is_quiz(page) or not user.is_authenticated:
        return False
    if user.is_superuser or user.has_perm(lesson_selectors.MANAGE_ENROLMENTS):
        return True
    return _teaches_parent(user, page)


def quiz_grading_link_shown(*, user, page):
    """Whether to offer grading and overrides of ``page`` (same rule as grading access)."""
    if not _is_quiz(page) or not user.is_authenticated:
        return False
    return user.is_superuser or _teaches_parent(user, page)


def grading_menu_shown(*, user):
    """Whether the "Grading" menu item is shown: superusers and anyone teaching a course."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(_taught_course_paths(user))


# --- Quizzes waiting for grading ----------------------------------------------


def _waiting_responses():
    return Response.objects.filter(
        needs_grading=True,
        attempt__state=AttemptState.FINISHED,
        question_version__qtype__in=MANUAL_TYPES,
    )


@dataclass(frozen=True)
class QuizToGrade:
    quiz: QuizPage
    course: CoursePage | None
    answers: int
    attempts: int


def quizzes_to_grade(*, user):
    """Quizzes of the courses ``user`` teaches (any course for superusers) with answers waiting.

    Each with its course and the numbers of answers and of attempts waiting;
    three queries whatever the number of quizzes.
    """
    quizzes = QuizPage.objects.all()
    if not user.is_superuser:
        paths = _taught_course_paths(user)
        if not paths:
            return []
        within = Q()
        for path in paths:
            within |= Q(path__startswith=path)
        quizzes = quizzes.filter(within)
    counts = (
        _waiting_responses()
        .filter(attempt__quiz__in=quizzes.values("pk"))
        .values("attempt__quiz")
        .annotate(answers=Count("pk"), attempts=Count("attempt", distinct=True))
        .order_by()
    )
    waiting = {row["attempt__quiz"]: row for row in counts}
    found = list(QuizPage.objects.filter(pk__in=waiting).order_by("path"))
    courses = {
        course.path: course
        for course in CoursePage.objects.filter(
            path__in={quiz.path[: -quiz.steplen] for quiz in found}
        )
    }
    return [
        QuizToGrade(
            quiz=quiz,
            course=courses.get(quiz.path[: -quiz.steplen]),
            answers=waiting[quiz.pk]["answers"],
            attempts=waiting[quiz.pk]["attempts"],
        )
        for quiz in found
    ]


# --- The grading queue of one quiz ------------------------------------------

PENDING = "pending"
ALL = "all"


def gradable_responses(*, quiz):
    """The answers to questions marked by hand in the quiz's submitted attempts."""
    return Response.objects.filter(
        attempt__quiz=quiz,
        attempt__state=AttemptState.FINISHED,
        question_version__qtype__in=MANUAL_TYPES,
    )


def _learner_order(user="user__"):
    """Vietnamese name order for rows reaching the user through ``user`` ("" for users)."""
    return [F(f"{user}profile__sort_key").asc(nulls_last=True), f"{user}username"]


def grading_queue(*, quiz, slot=None, question=None, state=PENDING):
    """The queue's answers in order: by question number, then learners in Vietnamese order.

    ``slot`` (question number) and ``question`` (question id, for random
    slots) narrow it; ``state`` is PENDING (waiting for a mark) or ALL.
    """
    responses = gradable_responses(quiz=quiz)
    if slot:
        responses = responses.filter(slot=slot)
    if question:
        responses = responses.filter(question_version__question_id=question)
    if state != ALL:
        responses = responses.filter(needs_grading=True)
    return responses.order_by("slot", *_learner_order("attempt__user__"), "attempt__number", "pk")


@dataclass(frozen=True)
class QueueQuestion:
    """A question of the queue with its numbers of answers."""

    slot: int
    question_id: int
    name: str
    total: int
    pending: int


def queue_questions(*, quiz):
    """Per question number and question: answers in all and waiting, in one query."""
    rows = (
        gradable_responses(quiz=quiz)
        .values("slot", "question_version__question_id", "question_version__question__name")
        .annotate(total=Count("pk"), pending=Count("pk", filter=Q(needs_grading=True)))
        .order_by("slot", "question_version__question__name", "question_version__question_id")
    )
    return [
        QueueQuestion(
            slot=row["slot"],
            question_id=row["question_version__question_id"],
            name=row["question_version__question__name"],
            total=row["total"],
            pending=row["pending"],
        )
        for row in rows
    ]


@dataclass(frozen=True)
class QueuePosition:
    """Where an answer stands in the (filtered) queue."""

    index: int | None
    total: int
    previous_id: int | None
    next_id: int | None

    @property
    def number(self):
        return None if self.index is None else self.index + 1


def queue_position(*, ids, response_id):
    """The answer's place among ``ids`` (the queue's ids in order), with its neighbours.

    An answer no longer in the queue (just marked, with the waiting filter)
    has no place; "next" is then the first answer of the queue.
    """
    if response_id in ids:
        index = ids.index(response_id)
        return QueuePosition(
            index=index,
            total=len(ids),
            previous_id=ids[index - 1] if index > 0 else None,
            next_id=ids[index + 1] if index + 1 < len(ids) else None,
        )
    return QueuePosition(
        index=None, total=len(ids), previous_id=None, next_id=ids[0] if ids else None
    )


def grading_response(*, quiz, response_id):
    """One answer of the queue with its question, learner, grader and files; 404 otherwise."""
    response = (
        gradable_responses(quiz=quiz)
        .select_related(
            "attempt__user__profile",
            "question_version__question",
            "graded_by__profile",
        )
        .prefetch_related("files")
        .filter(pk=response_id)
        .first()
    )
    if response is None:
        raise Http404
    return response


def response_file_for(*, quiz, file_id):
    """An attached file of an answer in ``quiz`` (submitted attempts only), or 404."""
    from quizzes.models import ResponseFile

    found = (
        ResponseFile.objects.select_related("response")
        .filter(
            pk=file_id,
            response__attempt__quiz=quiz,
            response__attempt__state=AttemptState.FINISHED,
        )
        .first()
    )
    if found is None:
        raise Http404
    return found


# --- Results -----------------------------------------------------------------

STATE_IN_PROGRESS = "in_progress"
STATE_FINISHED = "finished"
STATE_NOT_STARTED = "not_started"
STATE_CHOICES = [
    (STATE_FINISHED, _("Submitted")),
    (STATE_IN_PROGRESS, _("Attempt in progress")),
    (STATE_NOT_STARTED, _("Not attempted")),
]
PASSED = "passed"
FAILED = "failed"
PASSED_CHOICES = [(PASSED, _("Passed")), (FAILED, _("Not passed"))]
CURRENT_ENROLMENTS = (EnrolmentStatus.PENDING, EnrolmentStatus.ACTIVE)


def _attempts_of(quiz):
    return Attempt.objects.filter(quiz=quiz, user=OuterRef("pk")).order_by()


def _count(queryset):
    return Coalesce(
        Subquery(queryset.values("user").annotate(n=Count("pk")).values("n")[:1]),
        Value(0),
        output_field=IntegerField(),
    )


def _results_base(quiz):
    """Learners who attempted the quiz or are enrolled in its course."""
    attempted = Attempt.objects.filter(quiz=quiz).values("user_id")
    enrolled = Enrolment.objects.filter(
        course_id=quiz.course.pk, status__in=CURRENT_ENROLMENTS
    ).values("user_id")
    return get_user_model().objects.filter(Q(pk__in=attempted) | Q(pk__in=enrolled))


def quiz_learners(*, quiz, state="", passed="", waiting=False, unit=None, units=None):
    """The results' learners, annotated and in Vietnamese name order.

    Annotations: ``attempt_count``, ``finished_count``, ``in_progress``,
    ``waiting`` (a submitted attempt waits for a mark), ``best_grade``,
    ``last_finished_at``, ``quiz_grade`` and ``quiz_passed`` (the grade by the
    quiz's grading method). ``state`` is one of STATE_CHOICES, ``passed`` one
    of PASSED_CHOICES; ``waiting`` keeps learners with answers to mark.
    ``units`` (from ``course_report_units``) keeps learners of those units.
    """
    attempts = _attempts_of(quiz)
    finished = attempts.filter(state=AttemptState.FINISHED)
    grade = QuizGrade.objects.filter(quiz=quiz, user=OuterRef("pk"))
    users = (
        _results_base(quiz)
        .select_related("profile__unit")
        .annotate(
            attempt_count=_count(attempts),
            finished_count=_count(finished),
            in_progress=Exists(attempts.filter(state__in=OPEN_STATES)),
            waiting=Exists(finished.filter(needs_grading=True)),
            best_grade=Subquery(
                finished.values("user").annotate(best=Max("grade")).values("best")[:1]
            ),
            last_finished_at=Subquery(
                finished.values("user").annotate(last=Max("finished_at")).values("last")[:1]
            ),
            quiz_grade=Subquery(grade.values("grade")[:1]),
            quiz_passed=Subquery(grade.values("passed")[:1]),
        )
    )
    if state == STATE_FINISHED:
        users = users.filter(finished_count__gt=0)
    elif state == STATE_IN_PROGRESS:
        users = users.filter(in_progress=True)
    elif state == STATE_NOT_STARTED:
        users = users.filter(attempt_count=0)
    if passed == PASSED:
        users = users.filter(quiz_passed=True)
    elif passed == FAILED:
        users = users.filter(quiz_grade__isnull=False, quiz_passed=False)
    if waiting:
        users = users.filter(waiting=True)
    if unit is not None:
        users = users.filter(profile__unit=unit)
    users = in_units(users, units, field="profile__unit")
    return users.order_by(*_learner_order(""), "pk")


def results_units(*, quiz):
    """The training units of the results' learners (one query), for the filter."""
    return (
        TrainingUnit.objects.filter(profiles__user__in=_results_base(quiz).values("pk"))
        .distinct()
        .order_by("name")
    )


@dataclass(frozen=True)
class ResultsSummary:
    learners: int
    submitted: int
    passed: int
    waiting: int
    average: Decimal | None


def results_summary(*, users):
    """Counts of ``quiz_learners`` and their average quiz grade, in one query."""
    # The totals' names differ from the annotations they count: PostgreSQL
    # would read "waiting" in the filter as the total, not the annotation.
    totals = users.order_by().aggregate(
        total_learners=Count("pk"),
        total_submitted=Count("pk", filter=Q(finished_count__gt=0)),
        total_passed=Count("pk", filter=Q(quiz_passed=True)),
        total_waiting=Count("pk", filter=Q(waiting=True)),
        total_average=Avg("quiz_grade"),
    )
    average = totals["total_average"]
    if average is not None:
        average = Decimal(str(average)).quantize(TWO_PLACES, ROUND_HALF_UP)
    return ResultsSummary(
        learners=totals["total_learners"],
        submitted=totals["total_submitted"],
        passed=totals["total_passed"],
        waiting=totals["total_waiting"],
        average=average,
    )


def _profile(user):
    try:
        return user.profile
    except ObjectDoesNotExist:
        return None


@dataclass
class ResultRow:
    """One learner of the results table."""

    number: int
    user: object
    family_name: str
    given_name: str
    staff_code: str
    unit: object
    attempt_count: int
    finished_count: int
    in_progress: bool
    waiting: bool
    best_grade: Decimal | None
    grade: Decimal | None
    passed: bool | None
    classification: str
    last_finished_at: object
    attempts: list = field(default_factory=list)

    @property
    def full_name(self):
        return f"{self.family_name} {self.given_name}".strip()


def result_rows(*, quiz, users, start=1, user_ids=None):
    """ResultRow objects for annotated ``users`` with their attempts (one more query).

    ``user_ids`` (a subquery of the same users) spares a long list of ids when
    ``users`` is every learner, as in the export.
    """
    users = list(users)
    bands = bands_for(quiz)
    if user_ids is None:
        user_ids = [user.pk for user in users]
    attempts = {}
    for attempt in Attempt.objects.filter(quiz=quiz, user__in=user_ids).order_by("user", "number"):
        attempts.setdefault(attempt.user_id, []).append(attempt)
    rows = []
    for number, user in enumerate(users, start=start):
        profile = _profile(user)
        grade = user.quiz_grade
        rows.append(
            ResultRow(
                number=number,
                user=user,
                family_name=profile.family_name if profile else "",
                given_name=profile.given_name if profile else user.get_username(),
                staff_code=(profile.staff_code or "") if profile else "",
                unit=profile.unit if profile else None,
                attempt_count=user.attempt_count,
                finished_count=user.finished_count,
                in_progress=user.in_progress,
                waiting=user.waiting,
                best_grade=user.best_grade,
                grade=grade,
                passed=None if grade is None else bool(user.quiz_passed),
                classification=classify(grade, bands),
                last_finished_at=user.last_finished_at,
                attempts=attempts.get(user.pk, []),
            )
        )
    return rows


# --- Grade distribution ------------------------------------------------------


@dataclass(frozen=True)
class GradeBand:
    """Learners whose quiz grade lies in [low, high) (the last band includes 10)."""

    low: int
    high: int
    count: int

    @property
    def label(self):
        return f"{self.low}–{self.high}"


def grade_distribution(*, quiz):
    """Learners' quiz grades in ten bands of one point, in one query."""
    bands = {
        f"b{low}": Count(
            "pk",
            filter=Q(grade__gte=low) & (Q(grade__lt=low + 1) if low < 9 else Q(grade__lte=10)),
        )
        for low in range(10)
    }
    counts = QuizGrade.objects.filter(quiz=quiz, grade__isnull=False).aggregate(**bands)
    return [GradeBand(low=low, high=low + 1, count=counts[f"b{low}"]) for low in range(10)]


# --- Overrides ---------------------------------------------------------------


def quiz_overrides(*, quiz):
    """The quiz's overrides with their learners, in Vietnamese name order."""
    return (
        QuizOverride.objects.filter(quiz=quiz)
        .select_related("user__profile")
        .order_by(*_learner_order(), "pk")
    )


def override_learners(*, quiz):
    """People an override may be given to: the course's current learners and anyone who
    attempted the quiz, in Vietnamese name order."""
    return _results_base(quiz).select_related("profile").order_by(*_learner_order(""), "pk")
