"""Reads behind the reports dashboard: key numbers and per-month / per-program tables.

Every number is aggregated in the database (``Count`` with ``values``/
``TruncMonth``), so the dashboard runs the same number of queries whatever the
number of programs, courses, cohorts or learners.

What the numbers mean (the page says it too):

- learners: distinct people of the unit(s) (``Profile.unit``) with an active
  enrolment in the filtered courses or a place in a filtered cohort;
- active enrolments in the filtered courses, and how many of them ended in a
  course completion (completed in the period when one is given);
- exam pass rate: passed ``QuizGrade`` among the graded ones of the
  *required* quizzes of the filtered courses (graded in the period);
- certificates issued by the unit(s) in the period (by issue date), valid and
  revoked.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Length, Substr, TruncMonth
from django.utils import timezone
from wagtail.models import Page

from lessons.models import CourseCompletion, CourseLecturer, CoursePage, Enrolment
from lms.models import Certificate, Cohort, CohortMember
from lms.selectors.scope import in_units, units_managed_by
from quizzes.models import QuizGrade, QuizPage

# Both are needed: the dashboard shows cohorts and exam grades. Managers hold
# both; lecturers hold only the first (to take attendance).
REPORTS_PERMISSIONS = ("lms.view_cohort", "quizzes.view_quizgrade")
MONTHS_SHOWN = 12
MAX_MONTHS = 36
STEPLEN = Page.steplen


def reports_access(*, user) -> bool:
    """Whether ``user`` may open the reports dashboard (training managers, superusers)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.has_perms(REPORTS_PERMISSIONS)


def reports_menu_shown(*, user) -> bool:
    """Whether to show the "Reports" menu: dashboard readers and course lecturers."""
    if reports_access(user=user):
        return True
    return user.is_authenticated and CourseLecturer.objects.filter(user=user).exists()


def percent(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in percent with one decimal (half up); None when ``whole`` is 0."""
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class DashboardScope:
    """What the dashboard counts: units (None: all), program, cohort and period."""

    units: frozenset | None
    program: object = None
    cohort: object = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def dashboard_scope(
    *, user, unit=None, program=None, cohort=None, date_from=None, date_to=None
) -> DashboardScope:
    """The scope of ``user``'s dashboard: the filters narrowed to the units they manage.

    A unit or cohort outside those units gives a scope with no unit at all
    (every number 0), never another unit's numbers. A cohort brings its program.
    """
    allowed = units_managed_by(user=user)
    units = None if allowed is None else frozenset(allowed)
    if unit is not None:
        units = frozenset({unit.pk}) if allowed is None or unit.pk in allowed else frozenset()
    if cohort is not None:
        if allowed is not None and cohort.unit_id not in allowed:
            units = frozenset()
        program = cohort.program
    return DashboardScope(
        units=units, program=program, cohort=cohort, date_from=date_from, date_to=date_to
    )


def _day_start(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def _period_q(scope, name, *, is_datetime=True):
    """A Q keeping the rows whose ``name`` falls in the scope's period (both days included)."""
    q = Q()
    if scope.date_from:
        start = _day_start(scope.date_from) if is_datetime else scope.date_from
        q &= Q(**{f"{name}__gte": start})
    if scope.date_to:
        if is_datetime:
            q &= Q(**{f"{name}__lt": _day_start(scope.date_to + datetime.timedelta(days=1))})
        else:
            q &= Q(**{f"{name}__lte": scope.date_to})
    return q


def _learners_q(scope, prefix="user"):
    """A Q keeping rows of learners in the scope's units (and cohort)."""
    q = Q()
    if scope.units is not None:
        q &= Q(**{f"{prefix}__profile__unit__in": scope.units})
    if scope.cohort is not None:
        members = CohortMember.objects.filter(cohort=scope.cohort).values("user_id")
        q &= Q(**{f"{prefix}__in": members})
    return q


def _courses(scope):
    courses = CoursePage.objects.live()
    if scope.program is not None:
        courses = courses.child_of(scope.program)
    return courses.values("pk")


def _cohorts(scope):
    if scope.cohort is not None:
        return Cohort.objects.filter(pk=scope.cohort.pk)
    cohorts = in_units(Cohort.objects.all(), scope.units)
    if scope.program is not None:
        cohorts = cohorts.filter(program=scope.program)
    return cohorts


def _active_enrolments(scope):
    return Enrolment.objects.active().filter(_learners_q(scope), course__in=_courses(scope))


def _parent_path(name):
    """The path of the parent page of the page whose path is at ``name``."""
    return Substr(name, 1, Length(name) - STEPLEN)


def learners_count(*, scope: DashboardScope) -> int:
    """Distinct learners of the scope's units enrolled in its courses or members of its cohorts."""
    enrolled = _active_enrolments(scope).values("user_id")
    members = CohortMember.objects.filter(cohort__in=_cohorts(scope)).values("user_id")
    users = get_user_model().objects.filter(Q(pk__in=enrolled) | Q(pk__in=members))
    if scope.units is not None:
        users = users.filter(profile__unit__in=scope.units)
    if scope.cohort is not None:
        users = users.filter(pk__in=members)
    return users.count()


def completion_by_program(*, scope: DashboardScope) -> list:
    """``[{"path", "enrolments", "completed"}]`` per program, one query."""
    completions = CourseCompletion.objects.filter(
        _period_q(scope, "completed_at"), user=OuterRef("user_id"), course=OuterRef("course_id")
    )
    return list(
        _active_enrolments(scope)
        .annotate(path=_parent_path("course__path"), done=Exists(completions))
        .order_by()
        .values("path")
        .annotate(enrolments=Count("pk"), completed=Count("pk", filter=Q(done=True)))
        .order_by("path")
    )


def exams_by_course(*, scope: DashboardScope) -> list:
    """``[{"path", "graded", "passed"}]`` per course (required quizzes), one query."""
    quizzes = QuizPage.objects.live().filter(is_required=True)
    if scope.program is not None:
        quizzes = quizzes.descendant_of(scope.program)
    return list(
        QuizGrade.objects.filter(
            _learners_q(scope),
            _period_q(scope, "updated_at"),
            grade__isnull=False,
            quiz__in=quizzes.values("pk"),
        )
        .annotate(path=_parent_path("quiz__path"))
        .order_by()
        .values("path")
        .annotate(graded=Count("pk"), passed=Count("pk", filter=Q(passed=True)))
        .order_by("path")
    )


def _certificates(scope):
    certificates = in_units(Certificate.objects.all(), scope.units)
    if scope.program is not None:
        certificates = certificates.filter(program=scope.program)
    if scope.cohort is not None:
        members = CohortMember.objects.filter(cohort=scope.cohort).values("user_id")
        certificates = certificates.filter(learner__in=members)
    return certificates


_VALID = Count("pk", filter=Q(revoked_at__isnull=True))
_REVOKED = Count("pk", filter=Q(revoked_at__isnull=False))


def certificate_totals(*, scope: DashboardScope) -> dict:
    """``{"valid", "revoked"}``: certificates issued in the period, one query."""
    return (
        _certificates(scope)
        .filter(_period_q(scope, "issue_date", is_datetime=False))
        .aggregate(valid=_VALID, revoked=_REVOKED)
    )


def _month_start(day):
    return day.replace(day=1)


def _add_months(month, count):
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def chart_months(*, scope: DashboardScope, today=None) -> list:
    """The first days of the months the certificates chart shows.

    The period's months (at most the last 36 of it), or the 12 months ending
    with the period's end (or this month).
    """
    last = _month_start(scope.date_to or today or timezone.localdate())
    first = _add_months(last, 1 - MONTHS_SHOWN)
    if scope.date_from:
        first = max(_month_start(scope.date_from), _add_months(last, 1 - MAX_MONTHS))
    months = []
    month = first
    while month <= last:
        months.append(month)
        month = _add_months(month, 1)
    return months


@dataclass(frozen=True)
class MonthRow:
    month: datetime.date
    valid: int = 0
    revoked: int = 0

    @property
    def issued(self):
        return self.valid + self.revoked


def certificates_by_month(*, scope: DashboardScope, today=None) -> list:
    """A MonthRow per month of ``chart_months`` (months without certificates included)."""
    months = chart_months(scope=scope, today=today)
    if not months:
        return []
    rows = (
        _certificates(scope)
        .filter(
            _period_q(scope, "issue_date", is_datetime=False),
            issue_date__gte=months[0],
            issue_date__lt=_add_months(months[-1], 1),
        )
        .annotate(month=TruncMonth("issue_date"))
        .order_by()
        .values("month")
        .annotate(valid=_VALID, revoked=_REVOKED)
    )
    counts = {_as_date(row["month"]): row for row in rows}
    return [
        MonthRow(
            month=month,
            valid=counts.get(month, {}).get("valid", 0),
            revoked=counts.get(month, {}).get("revoked", 0),
        )
        for month in months
    ]


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


@dataclass(frozen=True)
class RateRow:
    """One line of a rate table: ``count`` of ``total`` for a program (and course)."""

    program: str
    course: str
    total: int
    count: int

    @property
    def rate(self):
        return percent(self.count, self.total)

    @property
    def label(self):
        return self.course or self.program


@dataclass
class Dashboard:
    scope: DashboardScope
    learners: int = 0
    certificates_valid: int = 0
    certificates_revoked: int = 0
    months: list = field(default_factory=list)
    programs: list = field(default_factory=list)
    exams: list = field(default_factory=list)

    @property
    def enrolments(self):
        return sum(row.total for row in self.programs)

    @property
    def completions(self):
        return sum(row.count for row in self.programs)

    @property
    def completion_rate(self):
        return percent(self.completions, self.enrolments)

    @property
    def exams_graded(self):
        return sum(row.total for row in self.exams)

    @property
    def exams_passed(self):
        return sum(row.count for row in self.exams)

    @property
    def exam_pass_rate(self):
        return percent(self.exams_passed, self.exams_graded)


def _titles(paths):
    """``{path: title}`` of the pages at ``paths`` and of their parents, one query."""
    wanted = set(paths) | {path[:-STEPLEN] for path in paths}
    return dict(Page.objects.filter(path__in=wanted).values_list("path", "title"))


def dashboard(*, scope: DashboardScope, today=None) -> Dashboard:
    """Every number of the dashboard for ``scope`` (from ``dashboard_scope``); 6 queries."""
    programs = completion_by_program(scope=scope)
    exams = exams_by_course(scope=scope)
    titles = _titles([row["path"] for row in programs] + [row["path"] for row in exams])
    totals = certificate_totals(scope=scope)
    return Dashboard(
        scope=scope,
        learners=learners_count(scope=scope),
        certificates_valid=totals["valid"],
        certificates_revoked=totals["revoked"],
        months=certificates_by_month(scope=scope, today=today),
        programs=[
            RateRow(
                program=titles.get(row["path"], ""),
                course="",
                total=row["enrolments"],
                count=row["completed"],
            )
            for row in programs
        ],
        exams=[
            RateRow(
                program=titles.get(row["path"][:-STEPLEN], ""),
                course=titles.get(row["path"], ""),
                total=row["graded"],
                count=row["passed"],
            )
            for row in exams
        ],
    )
