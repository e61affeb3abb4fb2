"""Attendance percentages of a cohort's members."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from lms.models import AttendanceRecord, AttendanceSession, AttendanceStatus


@dataclass(frozen=True)
class AttendanceSummary:
    """A learner's attendance over the sessions taken so far, weighted by their periods.

    An excused absence is recorded as such but still counts as time missed:
    the programs' minimum is on time attended.
    """

    sessions: int
    periods: int
    present_periods: int
    present: int
    absent: int
    excused: int

    @property
    def percent(self):
        """Attended periods as a percentage with one decimal; None when no session was taken."""
        if not self.periods:
            return None
        value = Decimal(self.present_periods * 100) / Decimal(self.periods)
        return value.quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def unrecorded(self):
        return self.sessions - self.present - self.absent - self.excused


NO_SESSIONS = AttendanceSummary(0, 0, 0, 0, 0, 0)


def cohort_attendance(*, cohort, user_ids=None):
    """``{user_id: AttendanceSummary}`` over the cohort's taken sessions, in two queries.

    Members missing from the dict have the summary of nobody recorded:
    ``attendance_for(summaries, cohort_sessions, user_id)`` fills that in.
    """
    taken = list(
        AttendanceSession.objects.filter(cohort=cohort, taken_at__isnull=False).values_list(
            "pk", "periods"
        )
    )
    periods_by_session = dict(taken)
    records = AttendanceRecord.objects.filter(session_id__in=periods_by_session)
    if user_ids is not None:
        records = records.filter(user_id__in=user_ids)
    counts = defaultdict(lambda: {"present_periods": 0, "present": 0, "absent": 0, "excused": 0})
    for user_id, session_id, status in records.values_list("user_id", "session_id", "status"):
        row = counts[user_id]
        row[status] += 1
        if status == AttendanceStatus.PRESENT:
            row["present_periods"] += periods_by_session[session_id]
    total_periods = sum(periods_by_session.values())
    summaries = defaultdict(
        lambda: AttendanceSummary(len(taken), total_periods, 0, 0, 0, 0),
    )
    for user_id, row in counts.items():
        summaries[user_id] = AttendanceSummary(len(taken), total_periods, **row)
    return summaries
