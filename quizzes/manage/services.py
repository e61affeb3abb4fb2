"""Writes of the lecturers' quiz screens: regrading attempts and per-learner overrides.

Marking one answer is ``quizzes.services.response_grade_manual``.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quizzes import selectors as quiz_selectors
from quizzes import services as quiz_services
from quizzes.grading import grade_on_ten
from quizzes.manage import selectors
from quizzes.models import Attempt, AttemptState, QuizOverride, Response
from quizzes.models.pages import OverdueHandling

ZERO = Decimal("0")
TWO_PLACES = Decimal("0.01")


def _check_manager(user, quiz):
    if user is None or not selectors.quiz_grading_access(user=user, quiz=quiz):
        raise PermissionDenied(_("Only the course's lecturers may change its quiz results."))


# --- Regrading ---------------------------------------------------------------


@dataclass(frozen=True)
class RegradeChange:
    """An attempt whose marks or grade a regrade changes (or would change)."""

    attempt: Attempt
    learner: object
    old_grade: Decimal | None
    new_grade: Decimal | None
    old_marks: Decimal | None
    new_marks: Decimal
    responses: int


def _keys(payload, name):
    return {entry.get("key") for entry in payload.get(name) or []}


def _compatible(old, new):
    """Whether an answer given to ``old`` can be graded against ``new``.

    Same type, and the same option and item keys: the learner's saved order
    and answer refer to those keys.
    """
    if old.qtype != new.qtype:
        return False
    return all(
        _keys(old.payload, name) == _keys(new.payload, name) for name in ("options", "items")
    )


def _regraded(response):
    """(latest version, fraction, mark) for an automatically graded answer, or None to skip."""
    if response.graded_at is not None:
        return None  # a lecturer's mark stands
    current = response.question_version
    kind = current.type
    if kind.graded_by_hand or not kind.has_mark:
        return None
    latest = current.question.current_version or current
    if latest.pk != current.pk and not _compatible(current, latest):
        return None
    try:
        answer = latest.type.clean_answer(latest.payload, response.answer)
    except ValidationError:
        return None
    fraction = latest.type.grade(latest.payload, answer).fraction
    mark = (fraction * response.max_mark).quantize(TWO_PLACES)
    return latest, fraction, mark


def _plan(quiz):
    """Per finished attempt: (attempt, [(response, latest, fraction, mark)], new marks)."""
    attempts = {
        attempt.pk: attempt
        for attempt in Attempt.objects.finished().filter(quiz=quiz).select_related("user__profile")
    }
    responses = Response.objects.filter(
        attempt__quiz=quiz, attempt__state=AttemptState.FINISHED
    ).select_related("question_version__question__current_version")
    by_attempt = {pk: [] for pk in attempts}
    for response in responses:
        if response.attempt_id in by_attempt:  # not one submitted since the first query
            by_attempt[response.attempt_id].append(response)
    for pk, attempt_responses in by_attempt.items():
        updates, marks, waiting = [], ZERO, False
        for response in attempt_responses:
            regraded = _regraded(response)
            if regraded is not None:
                latest, fraction, mark = regraded
                if (latest.pk, fraction, mark) != (
                    response.question_version_id,
                    response.fraction,
                    response.mark,
                ):
                    updates.append((response, latest, fraction, mark))
                marks += mark
            else:
                marks += response.mark or ZERO
                waiting = waiting or response.needs_grading
        yield attempts[pk], updates, marks, waiting


def _change(attempt, marks, waiting, count):
    new_grade = None if waiting else grade_on_ten(marks, attempt.max_marks)
    if attempt.grade == new_grade and attempt.marks == marks:
        return None
    return RegradeChange(
        attempt=attempt,
        learner=attempt.user,
        old_grade=attempt.grade,
        new_grade=new_grade,
        old_marks=attempt.marks,
        new_marks=marks,
        responses=count,
    )


def _apply(attempt, updates):
    for response, latest, fraction, mark in updates:
        response.question_version = latest
        response.fraction = fraction
        response.mark = mark
        response.needs_grading = False
    Response.objects.bulk_update(
        [update[0] for update in updates], ["question_version", "fraction", "mark", "needs_grading"]
    )
    quiz_services.attempt_regrade_totals(attempt)


def attempts_regrade(*, quiz, by, dry_run=True):
    """Regrade the quiz's submitted attempts against the latest version of each question.

    Automatically graded answers are graded again with the question's
    current version when it has the same type (and the same option keys);
    answers marked by a lecturer keep their mark. With ``dry_run`` nothing is
    saved. Returns the RegradeChange of every attempt whose marks or grade
    change, in the results' order; when not a dry run the answers move to the
    latest version and the attempts' and learners' quiz grades are recomputed.
    """
    _check_manager(by, quiz)
    with transaction.atomic():
        changes, learners = [], set()
        for attempt, updates, marks, waiting in _plan(quiz):
            change = _change(attempt, marks, waiting, len(updates))
            if change is not None:
                changes.append(change)
            if (updates or change) and not dry_run:
                _apply(attempt, updates)
                learners.add(attempt.user)
        for learner in learners:
            quiz_services.quiz_grade_update(quiz=quiz, user=learner)
    return sorted(changes, key=lambda change: (_sort_key(change.learner), change.attempt.number))


def _sort_key(user):
    profile = getattr(user, "profile", None)
    return (profile.sort_key if profile else "\uffff", user.get_username())


# --- Overrides ---------------------------------------------------------------


def _check_override(*, quiz, opens_at, closes_at, extra_minutes, extra_attempts):
    if not (opens_at or closes_at or extra_minutes or extra_attempts):
        raise ValidationError(_("Give other dates, extra time or extra attempts."))
    opens, closes = quiz_selectors.quiz_window(
        quiz=quiz,
        override=QuizOverride(opens_at=opens_at, closes_at=closes_at),
    )
    if opens and closes and closes <= opens:
        raise ValidationError(
            {"closes_at": _("The quiz must close after it opens for this learner.")}
        )
    if extra_minutes and not quiz.time_limit_minutes:
        raise ValidationError({"extra_minutes": _("This quiz has no time limit to extend.")})


def _update_open_attempt(*, quiz, override):
    """Give the learner's attempt in progress the new deadline at once."""
    attempt = Attempt.objects.open().filter(quiz=quiz, user=override.user).first()
    if attempt is None:
        return
    deadline = quiz_selectors.attempt_deadline(
        quiz=quiz, override=override, started_at=attempt.started_at
    )
    grace = None
    if deadline and quiz.overdue_handling == OverdueHandling.GRACE:
        grace = deadline + timedelta(minutes=quiz.grace_minutes)
    fields = {"deadline": deadline, "grace_ends_at": grace}
    # An attempt only overdue because of the old deadline may take answers again.
    if attempt.state == AttemptState.OVERDUE and (deadline is None or deadline > timezone.now()):
        fields["state"] = AttemptState.IN_PROGRESS
    Attempt.objects.filter(pk=attempt.pk).update(**fields)


@transaction.atomic
def override_save(
    *,
    quiz,
    learner,
    by,
    opens_at=None,
    closes_at=None,
    extra_minutes=0,
    extra_attempts=0,
    reason="",
):
    """Give ``learner`` other dates, extra time or extra attempts in ``quiz`` (or change them).

    The learner's attempt in progress, if any, gets its new deadline at once.
    """
    _check_manager(by, quiz)
    _check_override(
        quiz=quiz,
        opens_at=opens_at,
        closes_at=closes_at,
        extra_minutes=extra_minutes,
        extra_attempts=extra_attempts,
    )
    override, _created = QuizOverride.objects.update_or_create(
        quiz=quiz,
        user=learner,
        defaults={
            "opens_at": opens_at,
            "closes_at": closes_at,
            "extra_minutes": extra_minutes or 0,
            "extra_attempts": extra_attempts or 0,
            "reason": (reason or "").strip(),
        },
    )
    _update_open_attempt(quiz=quiz, override=override)
    return override


@transaction.atomic
def override_delete(*, override, by):
    """Remove an override; the learner's attempt in progress goes back to the quiz's deadline."""
    quiz = override.quiz
    _check_manager(by, quiz)
    learner = override.user
    override.delete()
    _update_open_attempt(quiz=quiz, override=QuizOverride(quiz=quiz, user=learner))
