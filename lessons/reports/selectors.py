"""Reads behind the course progress report: learners of a course with how far each has got.

Every function here runs a fixed number of queries whatever the number of
learners and lessons: progress is aggregated in the database with correlated
subqueries on the enrolment rows, never learner by learner.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from lessons import selectors as lesson_selectors
from lessons.models import (
    CourseCompletion,
    CourseLecturer,
    CoursePage,
    Enrolment,
    LessonProgress,
)
from lessons.models.enrolment import EnrolmentStatus
from lms.models import Rank, TrainingUnit
from lms.selectors.scope import in_units, units_managed_by
from lms.text import fold

# The status filter: current enrolments unless asked otherwise.
STATUS_CURRENT = ""
STATUS_ALL = "all"
CURRENT_STATUSES = (EnrolmentStatus.PENDING, EnrolmentStatus.ACTIVE)

COMPLETED = "completed"
IN_PROGRESS = "in_progress"
NOT_STARTED = "not_started"
COMPLETION_CHOICES = [
    (COMPLETED, _("Completed")),
    (IN_PROGRESS, _("In progress")),
    (NOT_STARTED, _("Not started")),
]


def course_report_access(*, user, course):
    """Whether ``user`` may see the progress of the learners of ``course``.

    Lecturers of this course, training managers (who manage enrolments) and
    superusers. Unlike ``lessons.selectors.course_staff_access`` the right to
    edit the page is not enough: every lecturer may edit every course, but a
    course's learners are shown only to its own lecturers.
    """
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.has_perm(lesson_selectors.MANAGE_ENROLMENTS):
        return True
    return lesson_selectors.course_teaches(user=user, course=course)


def course_report_units(*, user, course):
    """The units whose learners ``user`` sees in the report; None means every unit.

    The course's own lecturers see all its learners; a training manager sees
    the learners of their units (``lms.selectors.units_managed_by``).
    """
    if lesson_selectors.course_teaches(user=user, course=course):
        return None
    return units_managed_by(user=user)


def _taught_course_ids(user):
    """The ids of the courses ``user`` teaches, fetched once per user object."""
    if not hasattr(user, "_lessons_taught_course_ids"):
        user._lessons_taught_course_ids = frozenset(
            CourseLecturer.objects.filter(user=user).values_list("course_id", flat=True)
        )
    return user._lessons_taught_course_ids


def course_report_link_shown(*, user, page):
    """Whether to offer ``page``'s progress report to ``user`` (same rule as access).

    For page listings: answers from ``page.specific_class`` and one cached
    query per user, so a listing of many courses costs no query per row.
    """
    page_class = page.specific_class
    if page_class is None or not issubclass(page_class, CoursePage):
        return False
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.has_perm(lesson_selectors.MANAGE_ENROLMENTS):
        return True
    return page.pk in _taught_course_ids(user)


def _course_lesson_ids(*, course, required=False):
    lessons = lesson_selectors.course_lessons(course=course)
    if required:
        lessons = lessons.filter(is_required=True)
    return lessons.order_by().values("pk")


def _per_learner(queryset, aggregate):
    """A subquery giving ``aggregate`` of ``queryset`` for the enrolment's learner."""
    return Subquery(
        queryset.filter(user=OuterRef("user_id"))
        .order_by()
        .values("user")
        .annotate(result=aggregate)
        .values("result")[:1]
    )


def _progress_of_course(course):
    return LessonProgress.objects.filter(lesson__in=_course_lesson_ids(course=course))


def course_learners(*, course, status=STATUS_CURRENT, unit=None, rank=None):
    """The course's enrolments, each annotated with the learner's progress.

    ``status`` is a status value, ``STATUS_CURRENT`` (waiting or enrolled, the
    default) or ``STATUS_ALL`` (past enrolments included). Annotations, over
    the course's live lessons: ``required_completed`` (required lessons
    completed), ``seconds_spent``, ``last_activity``, ``has_progress``; and
    ``course_completed_at``. Learners come in Vietnamese order (given name,
    then family and middle names); people without a profile come last.
    """
    required = LessonProgress.objects.filter(
        lesson__in=_course_lesson_ids(course=course, required=True), completed_at__isnull=False
    )
    progress = _progress_of_course(course)
    enrolments = lesson_selectors.enrolments_for_course(course=course, unit=unit, rank=rank)
    if status == STATUS_CURRENT:
        enrolments = enrolments.filter(status__in=CURRENT_STATUSES)
    elif status != STATUS_ALL:
        enrolments = enrolments.filter(status=status)
    return enrolments.annotate(
        required_completed=Coalesce(
            _per_learner(required, Count("pk")), Value(0), output_field=IntegerField()
        ),
        seconds_spent=Coalesce(
            _per_learner(progress, Sum("seconds_spent")), Value(0), output_field=IntegerField()
        ),
        last_activity=_per_learner(progress, Max("last_visited_at")),
        course_completed_at=Subquery(
            CourseCompletion.objects.filter(user=OuterRef("user_id"), course=course).values(
                "completed_at"
            )[:1]
        ),
        has_progress=Exists(progress.filter(user=OuterRef("user_id"))),
    ).order_by(
        F("user__profile__sort_key").asc(nulls_last=True), "user__username", "-created_at", "pk"
    )


def filter_by_completion(*, enrolments, completion):
    """Keep learners who completed the course, are studying it or have not opened it yet."""
    if completion == COMPLETED:
        return enrolments.filter(course_completed_at__isnull=False)
    if completion == IN_PROGRESS:
        return enrolments.filter(course_completed_at__isnull=True, has_progress=True)
    if completion == NOT_STARTED:
        return enrolments.filter(course_completed_at__isnull=True, has_progress=False)
    return enrolments


def _matches(words, *, username, family_name, given_name, staff_code):
    name_words = fold(f"{family_name or ''} {given_name or ''}").split()
    codes = fold(f"{staff_code or ''} {username}")
    return all(
        word in codes or any(name_word.startswith(word) for name_word in name_words)
        for word in words
    )


def search_learners(*, enrolments, query):
    """Keep enrolments whose learner matches every word of ``query``.

    A word matches the start of a word of the name ("an" finds "An" and "Ánh",
    not "Trần") or any part of the staff code or username. Accents do not
    matter ("nguyen van an" finds "Nguyễn Văn An"): names are folded in Python,
    which costs one query whatever the number of learners.
    """
    words = fold(query).split()
    if not words:
        return enrolments
    candidates = enrolments.order_by().values_list(
        "pk",
        "user__username",
        "user__profile__family_name",
        "user__profile__given_name",
        "user__profile__staff_code",
    )
    matches = [
        pk
        for pk, username, family_name, given_name, staff_code in candidates
        if _matches(
            words,
            username=username,
            family_name=family_name,
            given_name=given_name,
            staff_code=staff_code,
        )
    ]
    return enrolments.filter(pk__in=matches)


def course_report_learners(
    *, course, status=STATUS_CURRENT, unit=None, rank=None, completion="", search="", units=None
):
    """The report's enrolments: ``course_learners`` with the completion filter and the search.

    ``units`` (from ``course_report_units``) limits them to learners of those units.
    """
    enrolments = course_learners(course=course, status=status, unit=unit, rank=rank)
    enrolments = in_units(enrolments, units, field="user__profile__unit")
    enrolments = filter_by_completion(enrolments=enrolments, completion=completion)
    if search:
        enrolments = search_learners(enrolments=enrolments, query=search)
    return enrolments


def course_report_lessons(*, course):
    """The course's live lessons in order, with what the report shows of them."""
    return list(
        lesson_selectors.course_lessons(course=course).only(
            "pk", "title", "path", "depth", "is_required", "estimated_minutes"
        )
    )


def course_report_filter_choices(*, course):
    """The training units and ranks of the course's learners (two queries), for the filters."""
    units = TrainingUnit.objects.filter(profiles__user__enrolments__course=course).distinct()
    ranks = Rank.objects.filter(profiles__user__enrolments__course=course).distinct()
    return units.order_by("name"), ranks.order_by("level", "code")


@dataclass(frozen=True)
class ReportSummary:
    learners: int
    completed: int
    average_percent: Decimal


def course_report_summary(*, enrolments, required_total):
    """How many learners, how many completed, and their average progress (%), in one query."""
    totals = enrolments.order_by().aggregate(
        learners=Count("pk"),
        completed=Count("pk", filter=Q(course_completed_at__isnull=False)),
        average=Avg("required_completed"),
    )
    average = Decimal(0)
    if required_total and totals["average"] is not None:
        average = (Decimal(str(totals["average"])) * 100 / required_total).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
    return ReportSummary(
        learners=totals["learners"], completed=totals["completed"], average_percent=average
    )


@dataclass(frozen=True)
class LessonCell:
    """One learner in one lesson."""

    lesson: object
    completed_at: object = None
    last_visited_at: object = None

    @property
    def state(self):
        if self.completed_at:
            return COMPLETED
        if self.last_visited_at:
            return IN_PROGRESS
        return NOT_STARTED


@dataclass
class LearnerRow:
    """One line of the report: an enrolment with the learner's progress."""

    number: int
    enrolment: Enrolment
    family_name: str
    given_name: str
    staff_code: str
    unit: object
    rank: object
    required_completed: int
    required_total: int
    seconds_spent: int
    last_activity: object
    completed_at: object
    cells: list | None = None

    @property
    def full_name(self):
        return f"{self.family_name} {self.given_name}".strip()

    @property
    def status_label(self):
        return self.enrolment.get_status_display()

    @property
    def enrolled_at(self):
        """When the learner joined: the approval for enrolled learners, else the request."""
        enrolment = self.enrolment
        if enrolment.status in (EnrolmentStatus.ACTIVE, EnrolmentStatus.REMOVED):
            return enrolment.decided_at or enrolment.created_at
        return enrolment.created_at

    @property
    def percent_exact(self):
        """Required lessons completed, in percent with two decimals."""
        if not self.required_total:
            return Decimal("0.00")
        return (Decimal(100) * self.required_completed / self.required_total).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )

    @property
    def percent(self):
        """Required lessons completed, in whole percent (as learners see it)."""
        return int(self.percent_exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def minutes_spent(self):
        return (self.seconds_spent + 30) // 60

    @property
    def time_spent(self):
        """Time spent as h:mm."""
        hours, minutes = divmod(self.minutes_spent, 60)
        return f"{hours}:{minutes:02d}"


def _profile(user):
    try:
        return user.profile
    except ObjectDoesNotExist:
        return None


def learner_rows(*, enrolments, required_total, start=1):
    """LearnerRow objects for annotated ``enrolments`` (no extra query), numbered from ``start``."""
    rows = []
    for number, enrolment in enumerate(enrolments, start=start):
        profile = _profile(enrolment.user)
        rows.append(
            LearnerRow(
                number=number,
                enrolment=enrolment,
                family_name=profile.family_name if profile else "",
                given_name=profile.given_name if profile else enrolment.user.get_username(),
                staff_code=(profile.staff_code or "") if profile else "",
                unit=profile.unit if profile else None,
                rank=profile.rank if profile else None,
                required_completed=min(enrolment.required_completed, required_total),
                required_total=required_total,
                seconds_spent=enrolment.seconds_spent,
                last_activity=enrolment.last_activity,
                completed_at=enrolment.course_completed_at,
            )
        )
    return rows


def lesson_progress_map(*, user_ids, lessons):
    """What learners did in ``lessons``: {(user_id, lesson_id): (completed_at, last_visited_at)}.

    ``user_ids`` is a list or a subquery of user ids; one query either way.
    """
    if not lessons:
        return {}
    return {
        (user_id, lesson_id): (completed_at, last_visited_at)
        for user_id, lesson_id, completed_at, last_visited_at in LessonProgress.objects.filter(
            user_id__in=user_ids, lesson_id__in=[lesson.pk for lesson in lessons]
        ).values_list("user_id", "lesson_id", "completed_at", "last_visited_at")
    }


def attach_lesson_cells(*, rows, lessons, progress):
    """Give each row ``cells``: a LessonCell per lesson, in order, from ``lesson_progress_map``."""
    for row in rows:
        user_id = row.enrolment.user_id
        row.cells = [
            LessonCell(lesson, *progress.get((user_id, lesson.pk), (None, None)))
            for lesson in lessons
        ]
    return rows
