"""Bulk enrolment writes for training managers, built on ``lessons.services``.

Every function checks that ``by`` may manage enrolments, runs in one
transaction (all or nothing) and returns what it did. Enrolment ids that do
not belong to the course are ignored, so a changed id in a form reaches
nothing.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Upper
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from lessons import services
from lessons.manage import selectors
from lessons.manage.imports import MAX_ROWS, code_key
from lessons.models import Enrolment
from lessons.models.enrolment import EnrolmentStatus
from lms.models import Profile
from lms.selectors.scope import in_units, units_managed_by

# The most people one bulk enrolment may take in, the same as one file.
MAX_BULK = MAX_ROWS


def _check(by):
    """The units whose learners ``by`` may enrol (None: every unit), or PermissionDenied."""
    if not selectors.may_manage_enrolments(user=by):
        raise PermissionDenied(_("You may not manage enrolments."))
    return units_managed_by(user=by)


def _outside(users, units):
    """Those of ``users`` who are not learners of ``units`` (from ``units_managed_by``)."""
    if units is None:
        return []
    inside = set(
        Profile.objects.filter(user__in=users, unit__in=units).values_list("user_id", flat=True)
    )
    return [user for user in users if user.pk not in inside]


@dataclass
class BulkResult:
    """What a bulk action did: counts, and the enrolments it changed."""

    done: list = field(default_factory=list)
    # Selected enrolments the action did not apply to (for example approving
    # someone already enrolled).
    skipped: int = 0


@dataclass
class EnrolResult:
    enrolled: int = 0
    approved: int = 0
    already: int = 0

    @property
    def total(self):
        return self.enrolled + self.approved + self.already


def _selected(course, enrolment_ids, units):
    ids = {int(pk) for pk in enrolment_ids}
    enrolments = Enrolment.objects.select_for_update(of=("self",)).filter(course=course, pk__in=ids)
    enrolments = in_units(enrolments, units, field="user__profile__unit")
    return list(enrolments.select_related("user").order_by("pk")), len(ids)


@transaction.atomic
def enrolments_approve(*, course, enrolment_ids, by):
    """Approve the waiting requests among ``enrolment_ids`` of ``course``."""
    enrolments, selected = _selected(course, enrolment_ids, _check(by))
    result = BulkResult()
    for enrolment in enrolments:
        if enrolment.status == EnrolmentStatus.PENDING:
            result.done.append(services.enrolment_approve(enrolment=enrolment, by=by))
    result.skipped = selected - len(result.done)
    return result


@transaction.atomic
def enrolments_reject(*, course, enrolment_ids, by, note=""):
    """Refuse the waiting requests among ``enrolment_ids`` of ``course``, with one reason."""
    enrolments, selected = _selected(course, enrolment_ids, _check(by))
    result = BulkResult()
    note = " ".join((note or "").split())
    for enrolment in enrolments:
        if enrolment.status == EnrolmentStatus.PENDING:
            result.done.append(services.enrolment_reject(enrolment=enrolment, by=by, note=note))
    result.skipped = selected - len(result.done)
    return result


@transaction.atomic
def enrolments_remove(*, course, enrolment_ids, by):
    """Unenrol the people of the waiting or active ``enrolment_ids``; their rows stay as history."""
    enrolments, selected = _selected(course, enrolment_ids, _check(by))
    result = BulkResult()
    for enrolment in enrolments:
        if enrolment.status in (EnrolmentStatus.PENDING, EnrolmentStatus.ACTIVE):
            result.done.append(services.enrolment_remove(user=enrolment.user, course=course, by=by))
    result.skipped = selected - len(result.done)
    return result


def _enrol(*, course, users, by):
    """Enrol distinct, checked ``users``; the caller holds the transaction."""
    statuses = selectors.current_statuses(course=course, user_ids=[user.pk for user in users])
    result = EnrolResult()
    for user in users:
        status = statuses.get(user.pk)
        if status == EnrolmentStatus.ACTIVE:
            result.already += 1
            continue
        services.enrolment_create(user=user, course=course, by=by)
        if status == EnrolmentStatus.PENDING:
            result.approved += 1
        else:
            result.enrolled += 1
    return result


@transaction.atomic
def enrol_users(*, course, users, by):
    """Enrol ``users`` in ``course`` at once, approving their waiting requests.

    A manager may enrol only learners of their units (``units_managed_by``).
    """
    units = _check(by)
    users = list({user.pk: user for user in users}.values())
    if len(users) > MAX_BULK:
        raise ValidationError(
            _("At most %(limit)s people can be enrolled at once.") % {"limit": MAX_BULK}
        )
    inactive = [user for user in users if not user.is_active]
    if inactive:
        raise ValidationError(_("Disabled accounts cannot be enrolled."))
    if _outside(users, units):
        raise ValidationError(_("You may only enrol learners of your own training unit."))
    return _enrol(course=course, users=users, by=by)


@transaction.atomic
def enrol_matching(*, course, by, unit=None, rank=None, agency=""):
    """Enrol everyone of ``unit``, ``rank`` and ``agency`` (at least one is required).

    Only people of the units ``by`` manages match.
    """
    units = _check(by)
    if not (unit or rank or " ".join((agency or "").split())):
        raise ValidationError(_("Choose a unit, a rank or an agency."))
    profiles = selectors.people(unit=unit, rank=rank, agency=agency, units=units)
    users = [profile.user for profile in profiles[: MAX_BULK + 1]]
    if len(users) > MAX_BULK:
        raise ValidationError(
            _("More than %(limit)s people match. Narrow the filter.") % {"limit": MAX_BULK}
        )
    return _enrol(course=course, users=users, by=by)


class RowOutcome:
    """What happens to one row of an uploaded file; ``is_error`` rows stop the whole file."""

    def __init__(self, code, planned, done, *, is_error=False, changes=False):
        self.code = code
        self.planned = planned
        self.done = done
        self.is_error = is_error
        self.changes = changes

    def __repr__(self):
        return f"<RowOutcome {self.code}>"


ENROL = RowOutcome(
    "enrol", gettext_lazy("Will be enrolled"), gettext_lazy("Enrolled"), changes=True
)
APPROVE = RowOutcome(
    "approve",
    gettext_lazy("Waiting request will be approved"),
    gettext_lazy("Waiting request approved"),
    changes=True,
)
ALREADY = RowOutcome("already", gettext_lazy("Already enrolled"), gettext_lazy("Already enrolled"))
EMPTY = RowOutcome(
    "empty", pgettext_lazy("file row", "Empty row"), pgettext_lazy("file row", "Empty row")
)
UNKNOWN = RowOutcome(
    "unknown", gettext_lazy("Unknown staff code"), gettext_lazy("Unknown staff code"), is_error=True
)
DUPLICATE = RowOutcome(
    "duplicate", gettext_lazy("Duplicate in file"), gettext_lazy("Duplicate in file"), is_error=True
)
AMBIGUOUS = RowOutcome(
    "ambiguous",
    gettext_lazy("Ambiguous staff code"),
    gettext_lazy("Ambiguous staff code"),
    is_error=True,
)
DISABLED = RowOutcome(
    "disabled", gettext_lazy("Account disabled"), gettext_lazy("Account disabled"), is_error=True
)
OUTCOMES = (ENROL, APPROVE, ALREADY, EMPTY, UNKNOWN, DUPLICATE, AMBIGUOUS, DISABLED)


@dataclass
class RowResult:
    number: int
    code: str
    outcome: RowOutcome
    reason: str = ""
    profile: Profile | None = None


@dataclass
class ImportReport:
    """The per-row report of an uploaded file; ``applied`` tells whether anything was done."""

    rows: list[RowResult]
    applied: bool = False

    @property
    def errors(self):
        return [row for row in self.rows if row.outcome.is_error]

    @property
    def has_errors(self):
        return any(row.outcome.is_error for row in self.rows)

    @property
    def counts(self):
        """``[(outcome, label, count)]`` for the outcomes present, in a fixed order."""
        counts = Counter(row.outcome.code for row in self.rows)
        return [
            (outcome, outcome.done if self.applied else outcome.planned, counts[outcome.code])
            for outcome in OUTCOMES
            if counts[outcome.code]
        ]

    def label(self, row):
        return row.outcome.done if self.applied else row.outcome.planned


def profiles_by_code(keys, units):
    """``{code_key: [profiles]}`` for staff-code keys, among the people of ``units``.

    People outside the manager's units read as unknown codes: a file must not
    reveal who exists elsewhere.
    """
    found = {}
    keys = sorted(keys)
    for start in range(0, len(keys), 500):
        profiles = (
            in_units(Profile.objects.all(), units)
            .annotate(code_key=Upper("staff_code"))
            .filter(code_key__in=keys[start : start + 500])
            .select_related("user")
        )
        for profile in profiles:
            found.setdefault(code_key(profile.staff_code), []).append(profile)
    return found


def _plan(*, course, rows, header, units):
    keys = {code_key(row.code) for row in rows if row.code}
    profiles = profiles_by_code(keys, units)
    statuses = selectors.current_statuses(
        course=course,
        user_ids=[found[0].user_id for found in profiles.values() if len(found) == 1],
    )
    first_row = {}
    results = []
    for row in rows:
        if not row.code:
            results.append(
                RowResult(row.number, "", EMPTY, _("Nothing to do: the row has no staff code."))
            )
            continue
        key = code_key(row.code)
        if key in first_row:
            results.append(
                RowResult(
                    row.number,
                    row.code,
                    DUPLICATE,
                    _("The same staff code is on row %(row)s.") % {"row": first_row[key]},
                )
            )
            continue
        first_row[key] = row.number
        found = profiles.get(key, [])
        if not found:
            reason = _("No person of your training units has this staff code.")
            if not header and row.number == 1:
                reason += " " + _(
                    "If this row is a header, name the column “Mã cán bộ” or “staff_code”."
                )
            results.append(RowResult(row.number, row.code, UNKNOWN, reason))
            continue
        if len(found) > 1:
            reason = _("Several people have this staff code in different letter case: %(codes)s.")
            codes = ", ".join(profile.staff_code for profile in found)
            results.append(RowResult(row.number, row.code, AMBIGUOUS, reason % {"codes": codes}))
            continue
        profile = found[0]
        if not profile.user.is_active:
            reason = _("This person's account is disabled.")
            results.append(RowResult(row.number, row.code, DISABLED, reason, profile))
            continue
        status = statuses.get(profile.user_id)
        if status == EnrolmentStatus.ACTIVE:
            outcome, reason = ALREADY, _("Nothing to do: this person is already enrolled.")
        elif status == EnrolmentStatus.PENDING:
            outcome, reason = APPROVE, _("This person had asked to enrol.")
        else:
            outcome, reason = ENROL, ""
        results.append(RowResult(row.number, row.code, outcome, reason, profile))
    return results


@transaction.atomic
def enrol_from_codes(*, course, code_list, by, dry_run=False):
    """Enrol the people whose staff codes are in ``code_list`` (from ``read_staff_codes``).

    Every row is checked first. If any row is an error (unknown, duplicate,
    ambiguous code, disabled account) or ``dry_run`` is set, nothing changes
    and the report says what would happen; otherwise everyone is enrolled in
    this one transaction. Returns an ``ImportReport``.
    """
    units = _check(by)
    results = _plan(course=course, rows=code_list.rows, header=code_list.header, units=units)
    report = ImportReport(rows=results)
    if report.has_errors or dry_run:
        return report
    for row in results:
        if row.outcome.changes:
            services.enrolment_create(user=row.profile.user, course=course, by=by)
    report.applied = True
    return report
