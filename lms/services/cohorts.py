"""Writes on cohorts, their members and their attendance.

Membership works like Moodle's "cohort sync" enrolment: adding a member to a
cohort enrols them in every live course of the cohort's program (active at
once, approving a waiting request; someone already enrolled is left as they
are). Removing a member does not unenrol them: their progress and results in
the courses stay, and a manager unenrols them course by course if needed.

Every function checks that ``by`` may do it (``lms.selectors.cohorts``) and
runs in one transaction.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lessons import services as lesson_services
from lessons.manage import selectors as enrolment_selectors
from lessons.manage.imports import code_key
from lessons.manage.services import MAX_BULK, RowOutcome, RowResult, profiles_by_code
from lessons.models import CoursePage, Enrolment
from lessons.models.enrolment import EnrolmentStatus
from lms.models import AttendanceRecord, AttendanceStatus, Cohort, CohortMember, Profile
from lms.selectors import cohorts as selectors
from lms.selectors.scope import units_managed_by


def _check_manage(*, by, cohort):
    if not selectors.may_manage_cohort(user=by, cohort=cohort):
        raise PermissionDenied(_("You may not manage this cohort."))


def _check_unit(*, by, unit):
    units = units_managed_by(user=by)
    if not selectors.may_manage_cohorts(user=by) or (units is not None and unit.pk not in units):
        raise PermissionDenied(_("You may not manage the cohorts of this training unit."))


@transaction.atomic
def cohort_save(*, cohort, by, lecturers=None):
    """Create or update ``cohort`` (validated) and set its ``lecturers`` when given.

    ``by`` must manage both the unit the cohort had and the unit it gets.
    """
    if cohort.pk:
        _check_manage(by=by, cohort=type(cohort).objects.get(pk=cohort.pk))
    _check_unit(by=by, unit=cohort.unit)
    cohort.full_clean()
    if cohort.ends_on < cohort.starts_on:
        raise ValidationError(_("The end date cannot be before the start date."))
    cohort.save()
    if lecturers is not None:
        cohort.lecturers.set(lecturers)
    return cohort


@transaction.atomic
def cohort_delete(*, cohort, by):
    """Delete ``cohort`` with its memberships and sessions; refused once it has certificates."""
    _check_manage(by=by, cohort=cohort)
    try:
        cohort.delete()
    except ProtectedError:
        raise ValidationError(
            _("This cohort cannot be deleted: certificates were issued for it.")
        ) from None


@dataclass
class MembersResult:
    """What adding members did: members added or already there, enrolments made or kept."""

    added: int = 0
    already: int = 0
    enrolled: int = 0
    already_enrolled: int = 0


def _check_people(*, by, users):
    """Refuse disabled accounts, and people of units ``by`` does not manage."""
    if len(users) > MAX_BULK:
        raise ValidationError(
            _("At most %(limit)s people can be added at once.") % {"limit": MAX_BULK}
        )
    if any(not user.is_active for user in users):
        raise ValidationError(_("Disabled accounts cannot be added to a cohort."))
    units = units_managed_by(user=by)
    if units is None:
        return
    user_ids = {user.pk for user in users}
    allowed = set(
        selectors.people_in_scope(
            user=by, profiles=Profile.objects.filter(user_id__in=user_ids)
        ).values_list("user_id", flat=True)
    )
    if user_ids - allowed:
        raise ValidationError(
            _("Only people of your own training unit can be added to this cohort.")
        )


def _enrol_in_program(*, cohort, users, by, result, courses=None):
    if courses is None:
        courses = CoursePage.objects.child_of(cohort.program).live()
    for course in courses:
        statuses = enrolment_selectors.current_statuses(
            course=course, user_ids=[user.pk for user in users]
        )
        for user in users:
            if statuses.get(user.pk) == EnrolmentStatus.ACTIVE:
                result.already_enrolled += 1
                continue
            lesson_services.enrolment_create(user=user, course=course, by=by)
            result.enrolled += 1


@transaction.atomic
def cohort_members_add(*, cohort, users, by):
    """Add ``users`` to ``cohort`` and enrol each in every live course of its program.

    Idempotent: members already in the cohort and enrolments already active
    are counted, not repeated. A manager adds only people of their own units.
    Returns a ``MembersResult``.
    """
    _check_manage(by=by, cohort=cohort)
    users = list({user.pk: user for user in users}.values())
    _check_people(by=by, users=users)
    present = set(
        CohortMember.objects.filter(cohort=cohort, user__in=users).values_list("user_id", flat=True)
    )
    result = MembersResult(already=len(present))
    new = [user for user in users if user.pk not in present]
    CohortMember.objects.bulk_create(
        [CohortMember(cohort=cohort, user=user, added_by=by) for user in new]
    )
    result.added = len(new)
    _enrol_in_program(cohort=cohort, users=users, by=by, result=result)
    return result


def _active_members(cohort):
    return list(selectors.cohort_members(cohort=cohort).filter(is_active=True))


@transaction.atomic
def cohort_enrolments_sync(*, cohort, by):
    """Enrol every active member of ``cohort`` in each live course of its program.

    For courses added to the program after the members, or members who left
    a course since; idempotent. Returns a ``MembersResult`` (only the
    enrolment counts are filled).
    """
    _check_manage(by=by, cohort=cohort)
    result = MembersResult()
    _enrol_in_program(cohort=cohort, users=_active_members(cohort), by=by, result=result)
    return result


def _may_sync(manager, cohort):
    # Publishing must never fail for want of a homeroom manager's rights: skip instead.
    return (
        manager is not None
        and selectors.may_manage_cohort(user=manager, cohort=cohort)
        and enrolment_selectors.may_manage_enrolments(user=manager)
    )


@transaction.atomic
def cohorts_course_published(*, course):
    """Enrol the members of the program's running cohorts in a published ``course``.

    Cohort sync for a course added to a program: each cohort that has not
    ended enrols those active members who were never enrolled in the course
    (someone a manager took out, or who left, stays out), in the name of its
    homeroom manager when they may still manage the cohort; otherwise the
    cohort page offers its managers to enrol them. Returns the number of
    enrolments made.
    """
    cohorts = Cohort.objects.filter(
        program_id=course.get_parent().pk, ends_on__gte=timezone.localdate()
    ).select_related("homeroom_manager")
    enrolled = 0
    for cohort in cohorts:
        manager = cohort.homeroom_manager
        if not _may_sync(manager, cohort):
            continue
        members = _active_members(cohort)
        ever = set(
            Enrolment.objects.filter(course=course, user__in=members).values_list(
                "user_id", flat=True
            )
        )
        result = MembersResult()
        newcomers = [user for user in members if user.pk not in ever]
        _enrol_in_program(
            cohort=cohort, users=newcomers, by=manager, result=result, courses=[course]
        )
        enrolled += result.enrolled
    return enrolled


@transaction.atomic
def cohort_members_remove(*, cohort, users, by):
    """Take ``users`` out of ``cohort``; returns how many were members.

    Their course enrolments, progress and attendance records are kept.
    """
    _check_manage(by=by, cohort=cohort)
    deleted, _details = CohortMember.objects.filter(
        cohort=cohort, user_id__in=[getattr(user, "pk", user) for user in users]
    ).delete()
    return deleted


ADD = RowOutcome("add", gettext_lazy("Will be added"), gettext_lazy("Added"), changes=True)
MEMBER = RowOutcome("member", gettext_lazy("Already a member"), gettext_lazy("Already a member"))
UNKNOWN = RowOutcome(
    "unknown", gettext_lazy("Unknown staff code"), gettext_lazy("Unknown staff code"), is_error=True
)
DUPLICATE = RowOutcome(
    "duplicate", gettext_lazy("Duplicate in file"), gettext_lazy("Duplicate in file"), is_error=True
)
DISABLED = RowOutcome(
    "disabled", gettext_lazy("Account disabled"), gettext_lazy("Account disabled"), is_error=True
)
EMPTY = RowOutcome("empty", gettext_lazy("Empty row"), gettext_lazy("Empty row"))
OUTCOMES = (ADD, MEMBER, EMPTY, UNKNOWN, DUPLICATE, DISABLED)


@dataclass
class MembersReport:
    """The per-row report of a file of staff codes; ``applied`` when the members were added."""

    rows: list = field(default_factory=list)
    applied: bool = False
    result: MembersResult | None = None

    @property
    def errors(self):
        return [row for row in self.rows if row.outcome.is_error]

    @property
    def has_errors(self):
        return bool(self.errors)

    @property
    def counts(self):
        counts = Counter(row.outcome.code for row in self.rows)
        return [
            (outcome, self.label_of(outcome), counts[outcome.code])
            for outcome in OUTCOMES
            if counts[outcome.code]
        ]

    def label_of(self, outcome):
        return outcome.done if self.applied else outcome.planned

    def label(self, row):
        return self.label_of(row.outcome)


def _row_outcome(profiles, *, members):
    """``(outcome, reason)`` of a row whose code matched ``profiles`` (of the manager's units)."""
    if len(profiles) != 1:
        return UNKNOWN, _("No single person of your training units has this staff code.")
    profile = profiles[0]
    if not profile.user.is_active:
        return DISABLED, _("This person's account is disabled.")
    if profile.user_id in members:
        return MEMBER, _("Nothing to do: this person is already a member.")
    return ADD, ""


def _plan_codes(*, cohort, code_list, by):
    # People outside the manager's units read as unknown codes, as for course
    # enrolments: a file must not reveal who exists elsewhere.
    found = profiles_by_code(
        {code_key(row.code) for row in code_list.rows if row.code}, units_managed_by(user=by)
    )
    members = set(CohortMember.objects.filter(cohort=cohort).values_list("user_id", flat=True))
    first_row, results = {}, []
    for row in code_list.rows:
        key = code_key(row.code)
        if not row.code:
            outcome, reason, profile = EMPTY, _("Nothing to do: the row has no staff code."), None
        elif key in first_row:
            outcome, profile = DUPLICATE, None
            reason = _("The same staff code is on row %(row)s.") % {"row": first_row[key]}
        else:
            first_row[key] = row.number
            profiles = found.get(key, [])
            outcome, reason = _row_outcome(profiles, members=members)
            profile = profiles[0] if len(profiles) == 1 else None
        results.append(RowResult(row.number, row.code, outcome, reason, profile))
    return results


@transaction.atomic
def cohort_members_from_codes(*, cohort, code_list, by, dry_run=False):
    """Add the people of ``code_list`` (from ``read_staff_codes``) as members, all or none.

    Every row is checked first; one error (unknown, duplicate, disabled;
    people of another unit read as unknown) or ``dry_run`` leaves everything
    as it was and the report says what would happen. Returns a ``MembersReport``.
    """
    _check_manage(by=by, cohort=cohort)
    report = MembersReport(rows=_plan_codes(cohort=cohort, code_list=code_list, by=by))
    if report.has_errors or dry_run:
        return report
    users = [row.profile.user for row in report.rows if row.outcome is ADD]
    report.result = cohort_members_add(cohort=cohort, users=users, by=by)
    report.applied = True
    return report


def _check_attendance(*, by, cohort):
    if not selectors.may_take_attendance(user=by, cohort=cohort):
        raise PermissionDenied(_("You may not take the attendance of this cohort."))


@transaction.atomic
def session_save(*, session, by):
    """Create or update a class session of ``session.cohort``."""
    _check_attendance(by=by, cohort=session.cohort)
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def session_delete(*, session, by):
    """Delete a session and its attendance records."""
    _check_attendance(by=by, cohort=session.cohort)
    session.delete()


def _clean_statuses(*, session, statuses):
    members = set(
        CohortMember.objects.filter(cohort_id=session.cohort_id).values_list("user_id", flat=True)
    )
    cleaned = {}
    for user_id, (status, note) in statuses.items():
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            raise ValidationError(_("The attendance sheet is not valid.")) from None
        if user_id not in members:
            raise ValidationError(_("Attendance can only be recorded for members of the cohort."))
        if status not in AttendanceStatus.values:
            raise ValidationError(
                _("“%(status)s” is not an attendance status.") % {"status": status}
            )
        cleaned[user_id] = (status, " ".join((note or "").split())[:255])
    return cleaned


@transaction.atomic
def attendance_record(*, session, statuses, by):
    """Record ``statuses`` (``{user_id: (status, note)}``) for ``session`` at once.

    Refuses users who are not members and unknown statuses, changing nothing.
    Marks the session as taken (``taken_at``, ``taken_by``). Returns the
    number of records written.
    """
    _check_attendance(by=by, cohort=session.cohort)
    cleaned = _clean_statuses(session=session, statuses=statuses)
    existing = {
        record.user_id: record
        for record in AttendanceRecord.objects.select_for_update().filter(session=session)
    }
    changed, created = [], []
    for user_id, (status, note) in cleaned.items():
        record = existing.get(user_id)
        if record is None:
            created.append(
                AttendanceRecord(session=session, user_id=user_id, status=status, note=note)
            )
        elif (record.status, record.note) != (status, note):
            record.status, record.note = status, note
            changed.append(record)
    AttendanceRecord.objects.bulk_create(created)
    AttendanceRecord.objects.bulk_update(changed, ["status", "note"])
    session.taken_at = timezone.now()
    session.taken_by = by
    session.save(update_fields=["taken_at", "taken_by"])
    return len(cleaned)
