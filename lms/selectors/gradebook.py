"""The gradebook of a course: its learners × its quizzes, with weights and the course grade.

Who sees what: course lecturers see every learner of their course; training
managers see the learners of the units they manage (``units_managed_by``);
anyone else is refused. The gradebook runs a fixed number of queries whatever
the number of learners and quizzes.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Exists, F, OuterRef
from wagtail.models import Page

from lessons.models import CourseCompletion, CoursePage, Enrolment, ProgramPage
from lessons.selectors import course_teaches
from lms.models import CohortMember
from lms.selectors.reports import reports_access
from lms.selectors.scope import units_managed_by
from quizzes.grading import DEFAULT_PASS_MARK, TWO_PLACES
from quizzes.models import Attempt, AttemptState, QuizGrade, QuizPage, QuizSlot, Response

# Question types a person grades.
MANUAL_QTYPES = ("essay", "case")


def gradebook_units(*, user, course):
    """The units whose learners ``user`` sees in ``course``'s gradebook (None: all).

    Raises PermissionDenied for anyone who is neither a lecturer of the course
    nor a reports reader (training manager, superuser).
    """
    if not user.is_authenticated:
        raise PermissionDenied
    if user.is_superuser or course_teaches(user=user, course=course):
        return None
    if reports_access(user=user):
        return units_managed_by(user=user)
    raise PermissionDenied


def gradebook_courses(*, user) -> list:
    """The live courses whose gradebook ``user`` may open, in tree order (two queries).

    Each course gets ``program_title``. Managers see every course (the rows
    are narrowed to their units); lecturers the courses they teach.
    """
    courses = CoursePage.objects.live().order_by("path")
    if not (user.is_superuser or reports_access(user=user)):
        courses = courses.filter(lecturers__user=user).distinct()
    courses = list(courses.only("pk", "title", "path", "depth"))
    titles = dict(
        Page.objects.filter(
            path__in={course.path[: -Page.steplen] for course in courses}
        ).values_list("path", "title")
    )
    for course in courses:
        course.program_title = titles.get(course.path[: -Page.steplen], "")
    return courses


@dataclass(frozen=True)
class GradebookColumn:
    """A live quiz of the course."""

    quiz: QuizPage
    weight: Decimal
    is_required: bool
    manual: bool


@dataclass(frozen=True)
class GradeCell:
    grade: Decimal | None = None
    passed: bool | None = None
    waiting: bool = False

    @property
    def missing(self):
        return self.grade is None


@dataclass
class GradebookRow:
    number: int
    user: object
    family_name: str
    given_name: str
    staff_code: str
    unit: object
    cells: list = field(default_factory=list)
    grade: Decimal | None = None
    missing: int = 0
    passed: bool | None = None
    completed_at: object = None

    @property
    def full_name(self):
        return f"{self.family_name} {self.given_name}".strip()


@dataclass
class Gradebook:
    course: CoursePage
    program: ProgramPage | None
    pass_mark: Decimal
    columns: list
    rows: list

    @property
    def weighted(self):
        """Whether any quiz counts in the course grade."""
        return any(column.weight > 0 for column in self.columns)


def _manual_quizzes():
    fixed = QuizSlot.objects.filter(
        quiz=OuterRef("pk"), kind="fixed", question__qtype__in=MANUAL_QTYPES
    )
    drawn = Response.objects.filter(
        attempt__quiz=OuterRef("pk"), question_version__qtype__in=MANUAL_QTYPES
    )
    return Exists(fixed), Exists(drawn)


def gradebook_columns(*, course) -> list:
    """The course's live quizzes in tree order, with their weights (one query)."""
    fixed, drawn = _manual_quizzes()
    quizzes = (
        QuizPage.objects.live()
        .child_of(course)
        .order_by("path")
        .annotate(manual_fixed=fixed, manual_drawn=drawn)
    )
    return [
        GradebookColumn(
            quiz=quiz,
            weight=quiz.weight,
            is_required=quiz.is_required,
            manual=quiz.manual_fixed or quiz.manual_drawn,
        )
        for quiz in quizzes
    ]


def gradebook_enrolments(*, course, units=None, cohort=None):
    """Active enrolments in ``course`` of learners in ``units`` and ``cohort``, in name order."""
    enrolments = (
        Enrolment.objects.active()
        .filter(course=course)
        .select_related("user", "user__profile", "user__profile__unit")
    )
    if units is not None:
        enrolments = enrolments.filter(user__profile__unit__in=units)
    if cohort is not None:
        enrolments = enrolments.filter(
            user__in=CohortMember.objects.filter(cohort=cohort).values("user_id")
        )
    return enrolments.order_by(
        F("user__profile__sort_key").asc(nulls_last=True), "user__username", "pk"
    )


def course_grade(cells, columns):
    """The weighted mean of the grades of the quizzes with a weight, or None if one is missing."""
    weighted = [
        (cell.grade, column.weight)
        for cell, column in zip(cells, columns, strict=True)
        if column.weight > 0
    ]
    if not weighted or any(grade is None for grade, _weight in weighted):
        return None
    total = sum(weight for _grade, weight in weighted)
    value = sum(grade * weight for grade, weight in weighted) / total
    return value.quantize(TWO_PLACES, ROUND_HALF_UP)


def _program(course):
    return ProgramPage.objects.filter(path=course.path[: -Page.steplen]).first()


def _profile(user):
    try:
        return user.profile
    except ObjectDoesNotExist:
        return None


def _cells(user_ids, columns):
    """({(user_id, quiz_id): (grade, passed)}, {(user_id, quiz_id) waiting}), two queries."""
    quiz_ids = [column.quiz.pk for column in columns]
    grades = {
        (user_id, quiz_id): (grade, passed)
        for user_id, quiz_id, grade, passed in QuizGrade.objects.filter(
            quiz_id__in=quiz_ids, user_id__in=user_ids
        ).values_list("user_id", "quiz_id", "grade", "passed")
    }
    waiting = set(
        Attempt.objects.filter(
            quiz_id__in=quiz_ids,
            user_id__in=user_ids,
            needs_grading=True,
            state=AttemptState.FINISHED,
        ).values_list("user_id", "quiz_id")
    )
    return grades, waiting


def _row(number, enrolment, columns, grades, waiting, completions, pass_mark):
    user_id = enrolment.user_id
    profile = _profile(enrolment.user)
    cells = []
    for column in columns:
        grade, passed = grades.get((user_id, column.quiz.pk), (None, None))
        cells.append(
            GradeCell(
                grade=grade,
                passed=None if grade is None else passed,
                waiting=(user_id, column.quiz.pk) in waiting,
            )
        )
    grade = course_grade(cells, columns)
    return GradebookRow(
        number=number,
        user=enrolment.user,
        family_name=profile.family_name if profile else "",
        given_name=profile.given_name if profile else enrolment.user.get_username(),
        staff_code=(profile.staff_code or "") if profile else "",
        unit=profile.unit if profile else None,
        cells=cells,
        grade=grade,
        missing=sum(
            1
            for cell, column in zip(cells, columns, strict=True)
            if column.weight > 0 and cell.missing
        ),
        passed=None if grade is None else grade >= pass_mark,
        completed_at=completions.get(user_id),
    )


def course_gradebook(*, course, user, cohort=None, unit=None) -> Gradebook:
    """The gradebook of ``course`` as ``user`` may see it (PermissionDenied otherwise).

    Rows are the active enrolments of the learners ``user`` sees, narrowed to
    ``unit`` and ``cohort`` (a unit outside ``user``'s gives no row); columns
    the course's live quizzes. The course grade is the weighted mean of the
    grades of the quizzes with a weight above 0, shown only when all are
    present; pass or fail is against the program's pass mark. Seven queries.
    """
    units = gradebook_units(user=user, course=course)
    if unit is not None:
        units = {unit.pk} if units is None or unit.pk in units else set()
    program = _program(course)
    pass_mark = program.pass_mark if program is not None else DEFAULT_PASS_MARK
    columns = gradebook_columns(course=course)
    enrolments = list(gradebook_enrolments(course=course, units=units, cohort=cohort))
    user_ids = [enrolment.user_id for enrolment in enrolments]
    grades, waiting = _cells(user_ids, columns)
    completions = defaultdict(
        lambda: None,
        CourseCompletion.objects.filter(course=course, user_id__in=user_ids).values_list(
            "user_id", "completed_at"
        ),
    )
    rows = [
        _row(number, enrolment, columns, grades, waiting, completions, pass_mark)
        for number, enrolment in enumerate(enrolments, start=1)
    ]
    return Gradebook(
        course=course, program=program, pass_mark=pass_mark, columns=columns, rows=rows
    )
