"""Reads of the quiz engine: what a learner sees of an attempt, results and review.

Only the attempt's owner sees it; the course's lecturers and managers see
results and reviews too. Right answers and feedback appear only where the
quiz's review options allow.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from lessons.reports.selectors import course_report_access
from quizzes.grading import bands_for, classify, grade_on_ten
from quizzes.models import Attempt, AttemptState, QuizGrade, QuizOverride


def quiz_override_for(*, quiz, user):
    """The learner's override of ``quiz`` (other dates, extra time or attempts), or None."""
    return QuizOverride.objects.filter(quiz_id=quiz.pk, user_id=user.pk).first()


def quiz_window(*, quiz, override):
    """(opens_at, closes_at) for a learner, their override taking precedence."""
    opens = override.opens_at if override and override.opens_at else quiz.opens_at
    closes = override.closes_at if override and override.closes_at else quiz.closes_at
    return opens, closes


def attempts_allowed(*, quiz, override):
    """How many attempts the learner has in all; 0 means unlimited."""
    if not quiz.attempts_allowed:
        return 0
    return quiz.attempts_allowed + (override.extra_attempts if override else 0)


def attempt_deadline(*, quiz, override, started_at):
    """The moment the attempt's time is up: the time limit or the close date, whichever is first."""
    _opens, closes = quiz_window(quiz=quiz, override=override)
    candidates = [closes] if closes else []
    if quiz.time_limit_minutes:
        minutes = quiz.time_limit_minutes + (override.extra_minutes if override else 0)
        candidates.append(started_at + timedelta(minutes=minutes))
    return min(candidates) if candidates else None


def _check_owner(attempt, user):
    if user is None or attempt.user_id != user.pk:
        raise PermissionDenied(_("This attempt is not yours."))


def _check_owner_or_staff(attempt, user):
    if user is not None and attempt.user_id == user.pk:
        return
    if user is None or not course_report_access(user=user, course=attempt.quiz.course):
        raise PermissionDenied(_("This attempt is not yours."))


def attempt_for(*, attempt_id, user):
    """The attempt ``attempt_id`` if ``user`` owns it (with its quiz), else PermissionDenied."""
    attempt = Attempt.objects.select_related("quiz").filter(pk=attempt_id).first()
    if attempt is None:
        raise PermissionDenied(_("This attempt is not yours."))
    _check_owner(attempt, user)
    return attempt


def _responses(attempt):
    return list(attempt.responses.select_related("question_version").prefetch_related("files"))


def attempt_layout(*, attempt, user):
    """Per slot, what the learner is shown and their saved state; never the right answers.

    Each entry: ``slot``, ``page``, ``type``, ``text``, ``mark``, ``answer``,
    ``sequence``, ``flagged``, ``saved_at`` and, where the type has them,
    ``options`` ([{"key", "text"}] in this learner's order) or ``items`` and
    ``options`` (matching), and essay settings.
    """
    _check_owner(attempt, user)
    layout = []
    for response in _responses(attempt):
        version = response.question_version
        entry = {
            "slot": response.slot,
            "page": response.page,
            "type": version.qtype,
            "text": version.text,
            "mark": response.max_mark,
            "answer": response.answer,
            "sequence": response.sequence,
            "flagged": response.flagged,
            "saved_at": response.saved_at,
            "files": [{"id": f.pk, "name": f.name, "size": f.size} for f in response.files.all()],
        }
        entry.update(
            version.type.learner_view(version.payload, response.option_order, response.item_order)
        )
        layout.append(entry)
    return layout


@dataclass(frozen=True)
class AttemptResult:
    marks: Decimal | None
    max_marks: Decimal
    grade: Decimal | None
    passed: bool | None
    classification: str
    needs_grading: bool


def _result(attempt, bands):
    grade = attempt.grade
    if grade is None and not attempt.needs_grading and attempt.marks is not None:
        grade = grade_on_ten(attempt.marks, attempt.max_marks)
    return AttemptResult(
        marks=attempt.marks,
        max_marks=attempt.max_marks,
        grade=grade,
        passed=None if grade is None else grade >= bands.passing,
        classification=classify(grade, bands),
        needs_grading=attempt.needs_grading,
    )


def attempt_result(*, attempt, user):
    """Raw marks, maximum, grade on the 10-point scale, passed and classification."""
    _check_owner_or_staff(attempt, user)
    return _result(attempt, bands_for(attempt.quiz))


@dataclass(frozen=True)
class ReviewOptions:
    marks: bool
    answers: bool
    feedback: bool


_LOOK_UP = object()


def review_options(*, attempt, now=None, override=_LOOK_UP):
    """What the learner may see of ``attempt`` now, by the quiz's review options.

    "After the close date" means the learner's own close date, so an
    override's later date keeps right answers hidden from that learner until
    then. Callers that already have the override pass it (None for none).
    """
    quiz = attempt.quiz
    now = now or timezone.now()
    if override is _LOOK_UP:
        override = QuizOverride.objects.filter(quiz_id=quiz.pk, user_id=attempt.user_id).first()
    _opens, closes = quiz_window(quiz=quiz, override=override)
    if attempt.is_open:
        phase = "during"
    elif closes and now >= closes:
        phase = "closed"
    else:
        phase = "after"
    if attempt.state == AttemptState.ABANDONED and phase == "after":
        return ReviewOptions(marks=False, answers=False, feedback=False)
    return ReviewOptions(
        marks=getattr(quiz, f"review_marks_{phase}"),
        answers=getattr(quiz, f"review_answers_{phase}"),
        feedback=getattr(quiz, f"review_feedback_{phase}"),
    )


STAFF_REVIEW = ReviewOptions(marks=True, answers=True, feedback=True)


@dataclass
class ReviewItem:
    slot: int
    type: str
    text: str
    max_mark: Decimal
    answer_text: str
    answer: dict | None
    layout: dict
    state: str = ""
    mark: Decimal | None = None
    right_answer: str = ""
    feedback: list = field(default_factory=list)
    comment: str = ""
    files: list = field(default_factory=list)


def attempt_review(*, attempt, user, now=None):
    """(options, result or None, items) for the review page, filtered by the review options.

    The course's staff see everything; the learner sees what the options allow.
    """
    _check_owner_or_staff(attempt, user)
    options = (
        STAFF_REVIEW if attempt.user_id != user.pk else review_options(attempt=attempt, now=now)
    )
    items = []
    for response in _responses(attempt):
        version = response.question_version
        kind = version.type
        item = ReviewItem(
            slot=response.slot,
            type=version.qtype,
            text=version.text,
            max_mark=response.max_mark,
            answer=response.answer,
            answer_text=kind.answer_summary(version.payload, response.answer),
            layout=kind.learner_view(version.payload, response.option_order, response.item_order),
            files=list(response.files.all()),
        )
        if options.marks or options.feedback:
            item.state = "manual" if response.needs_grading else _state(response)
        if options.marks:
            item.mark = response.mark
        if options.answers and kind.has_mark:
            item.right_answer = kind.right_answer(version.payload)
        if options.feedback:
            item.feedback = _feedback(kind, version, response)
            item.comment = response.comment
        items.append(item)
    result = _result(attempt, bands_for(attempt.quiz)) if options.marks else None
    return options, result, items


def _state(response):
    if response.fraction is None:
        return ""
    if response.answer is None and not response.graded_at:
        return "unanswered"
    if response.fraction >= 1:
        return "right"
    return "partial" if response.fraction > 0 else "wrong"


def _feedback(kind, version, response):
    if response.fraction is None and kind.graded_by_hand:
        return [version.general_feedback] if version.general_feedback else []
    parts = []
    if kind.has_mark and not kind.graded_by_hand:
        grading = kind.grade(version.payload, response.answer)
        parts += [grading.feedback, kind.combined_feedback(version.payload, grading.state)]
    parts.append(version.general_feedback)
    return [part for part in parts if part]


@dataclass(frozen=True)
class QuizStatus:
    """A learner's standing in one quiz, for the course page and the start page."""

    attempts: list
    open_attempt: Attempt | None
    grade: QuizGrade | None


def quiz_status_for(*, user, quiz):
    """The learner's attempts at ``quiz`` (oldest first), the open one and their grade."""
    if not user.is_authenticated:
        return QuizStatus(attempts=[], open_attempt=None, grade=None)
    attempts = list(Attempt.objects.filter(quiz=quiz, user=user).order_by("number"))
    return QuizStatus(
        attempts=attempts,
        open_attempt=next((attempt for attempt in attempts if attempt.is_open), None),
        grade=QuizGrade.objects.filter(quiz=quiz, user=user).first(),
    )


def course_quizzes_for(*, user, course):
    """The course's live quizzes, each with ``.status`` ("not_started", "in_progress",
    "submitted") and ``.quiz_grade`` for ``user``, in two queries."""
    from quizzes.models import QuizPage

    quizzes = list(QuizPage.objects.live().child_of(course).order_by("path"))
    attempts, grades = {}, {}
    if user.is_authenticated and quizzes:
        for attempt in Attempt.objects.filter(user=user, quiz__in=quizzes).only("quiz", "state"):
            states = attempts.setdefault(attempt.quiz_id, set())
            states.add(attempt.state)
        grades = {g.quiz_id: g for g in QuizGrade.objects.filter(user=user, quiz__in=quizzes)}
    for quiz in quizzes:
        states = attempts.get(quiz.pk, set())
        if states & {AttemptState.IN_PROGRESS, AttemptState.OVERDUE}:
            quiz.status = "in_progress"
        elif AttemptState.FINISHED in states:
            quiz.status = "submitted"
        else:
            quiz.status = "not_started"
        quiz.quiz_grade = grades.get(quiz.pk)
    return quizzes
