"""Reads behind the cohort screens: which cohorts a user reaches, members, results, attendance.

Who reaches a cohort:

- superusers and holders of ``lms.manage_all_units``: every cohort;
- training managers (``lms.change_cohort``): the cohorts of their unit
  (``units_managed_by``), which they may also edit and fill with members;
- lecturers (``lms.view_cohort``): the cohorts they teach or are the homeroom
  manager of, whose attendance they may take.

A cohort out of reach is answered with 404, so ids of other units reveal nothing.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.http import Http404

from lessons.models import CoursePage, Enrolment
from lessons.models.enrolment import EnrolmentStatus
from lms.models import AttendanceRecord, AttendanceSession, AttendanceStatus, Cohort, Profile
from lms.selectors.attendance import cohort_attendance
from lms.selectors.results import program_results
from lms.selectors.scope import in_units, units_managed_by

VIEW_COHORT = "lms.view_cohort"
MANAGE_COHORT = "lms.change_cohort"
TAKE_ATTENDANCE = "lms.change_attendancerecord"


def _active(user):
    return bool(user is not None and user.is_authenticated and user.is_active)


def may_view_cohorts(*, user):
    """Whether ``user`` may open the cohort screens at all."""
    return _active(user) and (user.is_superuser or user.has_perm(VIEW_COHORT))


def may_manage_cohorts(*, user):
    """Whether ``user`` may create cohorts and add members (within their units)."""
    return _active(user) and (user.is_superuser or user.has_perm(MANAGE_COHORT))


def cohorts_visible_to(*, user):
    """The cohorts ``user`` may open, in the models' order."""
    if not may_view_cohorts(user=user):
        return Cohort.objects.none()
    teaching = Q(lecturers=user) | Q(homeroom_manager=user)
    if may_manage_cohorts(user=user):
        units = units_managed_by(user=user)
        if units is None:
            return Cohort.objects.all()
        teaching |= Q(unit__in=units)
    ids = Cohort.objects.filter(teaching).values("pk")
    return Cohort.objects.filter(pk__in=ids)


def may_manage_cohort(*, user, cohort):
    """Whether ``user`` may edit ``cohort``, its members and its sessions."""
    if not may_manage_cohorts(user=user):
        return False
    units = units_managed_by(user=user)
    return units is None or cohort.unit_id in units


def may_take_attendance(*, user, cohort):
    """Managers of the cohort's unit, and its own lecturers and homeroom manager."""
    if may_manage_cohort(user=user, cohort=cohort):
        return True
    if not (_active(user) and user.has_perm(TAKE_ATTENDANCE)):
        return False
    return cohort.homeroom_manager_id == user.pk or cohort.lecturers.filter(pk=user.pk).exists()


def cohort_for(*, user, cohort_id):
    """The cohort ``cohort_id`` if ``user`` may open it, else ``Http404``."""
    try:
        return (
            cohorts_visible_to(user=user)
            .select_related("program", "unit", "homeroom_manager__profile")
            .get(pk=cohort_id)
        )
    except (Cohort.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def cohort_list(*, user, program=None, unit=None, year=None, query=""):
    """The cohorts ``user`` may open, filtered, with program and unit loaded."""
    cohorts = cohorts_visible_to(user=user).select_related("program", "unit")
    if program:
        cohorts = cohorts.filter(program=program)
    if unit:
        cohorts = cohorts.filter(unit=unit)
    if year:
        cohorts = cohorts.filter(starts_on__year__lte=year, ends_on__year__gte=year)
    for word in (query or "").split():
        cohorts = cohorts.filter(Q(code__icontains=word) | Q(name__icontains=word))
    return cohorts.order_by("-starts_on", "code")


def people_in_scope(*, user, profiles):
    """``profiles`` narrowed to the units whose people ``user`` may add to a cohort."""
    return in_units(profiles, units_managed_by(user=user))


def cohort_members(*, cohort):
    """The members' accounts, profile and unit loaded, in Vietnamese name order."""
    return (
        get_user_model()
        .objects.filter(cohort_memberships__cohort=cohort)
        .select_related("profile__unit", "profile__rank")
        .order_by("profile__sort_key", "pk")
    )


def cohort_lecturers(*, cohort):
    return cohort.lecturers.select_related("profile").order_by("profile__sort_key", "pk")


@dataclass(frozen=True)
class MemberRow:
    """One line of the cohort page."""

    user: object
    profile: Profile | None
    result: object

    @property
    def attendance(self):
        return self.result.attendance


def cohort_overview(*, cohort):
    """``[MemberRow]`` of every member with attendance and program result, constant queries."""
    members = list(cohort_members(cohort=cohort))
    results = program_results(program=cohort.program, users=members, cohort=cohort)
    return [
        MemberRow(user=user, profile=getattr(user, "profile", None), result=results[user.pk])
        for user in members
    ]


def member_result(*, cohort, user_id):
    """``(user, ProgramResult, sessions)`` of one member; ``Http404`` when not a member.

    ``sessions`` is every session of the cohort with ``status`` and ``note`` of
    this member (``status`` None when not recorded).
    """
    user = cohort_members(cohort=cohort).filter(pk=user_id).first()
    if user is None:
        raise Http404
    result = program_results(program=cohort.program, users=[user], cohort=cohort)[user.pk]
    records = {
        record.session_id: record
        for record in AttendanceRecord.objects.filter(session__cohort=cohort, user=user)
    }
    sessions = list(cohort_sessions(cohort=cohort))
    for session in sessions:
        record = records.get(session.pk)
        session.status = record.status if record else None
        session.note = record.note if record else ""
    return user, result, sessions


def cohort_sessions(*, cohort):
    return AttendanceSession.objects.filter(cohort=cohort).select_related("taken_by__profile")


def session_for(*, cohort, session_id):
    """The session ``session_id`` of ``cohort``, else ``Http404``."""
    session = AttendanceSession.objects.filter(cohort=cohort, pk=session_id).first()
    if session is None:
        raise Http404
    return session


@dataclass(frozen=True)
class SheetRow:
    """One member on the attendance screen of a session, with what was recorded."""

    user: object
    profile: Profile | None
    status: str
    note: str


def attendance_sheet(*, session):
    """``[SheetRow]`` for every member; present when nothing is recorded yet."""
    records = {
        user_id: (status, note)
        for user_id, status, note in AttendanceRecord.objects.filter(session=session).values_list(
            "user_id", "status", "note"
        )
    }
    rows = []
    for user in cohort_members(cohort=session.cohort_id):
        status, note = records.get(user.pk, (AttendanceStatus.PRESENT, ""))
        rows.append(SheetRow(user, getattr(user, "profile", None), status, note))
    return rows


def attendance_matrix(*, cohort):
    """``(sessions, rows)``: rows of (user, profile, [status per session], summary)."""
    sessions = list(cohort_sessions(cohort=cohort))
    statuses = {
        (user_id, session_id): status
        for user_id, session_id, status in AttendanceRecord.objects.filter(
            session__cohort=cohort
        ).values_list("user_id", "session_id", "status")
    }
    summaries = cohort_attendance(cohort=cohort)
    rows = [
        (
            user,
            getattr(user, "profile", None),
            [statuses.get((user.pk, session.pk)) for session in sessions],
            summaries[user.pk],
        )
        for user in cohort_members(cohort=cohort)
    ]
    return sessions, rows


@dataclass(frozen=True)
class MissingEnrolments:
    """A live course of the cohort's program and how many members are not active in it."""

    course: object
    count: int


def cohort_missing_enrolments(*, cohort):
    """``[MissingEnrolments]`` of the program's live courses some active members lack.

    A course added to the program after members were added, or a member who
    left a course, shows here; three queries whatever the size of the cohort.
    """
    members = cohort_members(cohort=cohort).filter(is_active=True)
    total = members.count()
    if not total:
        return []
    courses = list(CoursePage.objects.child_of(cohort.program).live().order_by("path"))
    active = dict(
        Enrolment.objects.current()
        .filter(course__in=courses, status=EnrolmentStatus.ACTIVE, user__in=members.values("pk"))
        .values("course")
        .annotate(count=Count("pk"))
        .values_list("course", "count")
    )
    return [
        MissingEnrolments(course=course, count=total - active.get(course.pk, 0))
        for course in courses
        if active.get(course.pk, 0) < total
    ]
