"""Writes of the quiz engine: starting, saving, submitting, closing and grading attempts.

Every service that takes an attempt checks that ``user`` owns it (or, for
grading, teaches the course) and raises PermissionDenied otherwise.
"""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from lessons import selectors as lesson_selectors
from quizzes import access
from quizzes.grading import aggregate, bands_for, grade_on_ten
from quizzes.layout import page_numbers, plan_attempt
from quizzes.models import Attempt, AttemptState, QuizGrade, Response
from quizzes.models.pages import Navigation, OverdueHandling
from quizzes.selectors import attempt_deadline, attempts_allowed, quiz_override_for, quiz_window

ZERO = Decimal("0")


class StaleSequence(ValidationError):
    """A save carrying an older sequence number than the one stored: nothing was changed."""


class AttemptClosed(ValidationError):
    """The attempt no longer takes answers (submitted, abandoned or past its deadline)."""


def network_allowance():
    """Time after the deadline in which a save already on its way is still accepted."""
    return timedelta(seconds=getattr(settings, "QUIZ_NETWORK_ALLOWANCE_SECONDS", 5))


def _check_owner(attempt, user):
    if user is None or attempt.user_id != user.pk:
        raise PermissionDenied(_("This attempt is not yours."))


def _check_may_start(*, user, quiz, override, password, ip, now):
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to take the quiz."))
    if not lesson_selectors.course_can_study(user=user, course=quiz.course):
        raise PermissionDenied(_("Enrol in the course to take its quizzes."))
    if not access.ip_allowed(quiz=quiz, ip=ip):
        raise PermissionDenied(_("This quiz can only be taken from the training unit's network."))
    if not access.password_matches(quiz=quiz, password=password):
        raise ValidationError(_("The quiz password is not right."), code="password")
    opens, closes = quiz_window(quiz=quiz, override=override)
    if opens and now < opens:
        raise ValidationError(_("The quiz is not open yet."))
    if closes and now >= closes:
        raise ValidationError(_("The quiz is closed."))


def attempt_start(*, user, quiz, password=None, ip=None, now=None):
    """Start an attempt, or return the learner's open one (then answers are kept as they are).

    The layout (question versions, question order, option order) and the
    deadline are fixed here. The database allows one open attempt per learner
    and quiz, so two simultaneous starts give the same attempt.
    """
    now = now or timezone.now()
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to take the quiz."))
    override = quiz_override_for(quiz=quiz, user=user)
    _check_may_start(user=user, quiz=quiz, override=override, password=password, ip=ip, now=now)
    current = Attempt.objects.open().filter(quiz=quiz, user=user).first()
    if current is not None:
        # In its own transaction, so that a refusal below does not undo the closing.
        attempt_close_if_overdue(attempt=current, now=now)
        if current.is_open:
            return current
    return _attempt_create(user=user, quiz=quiz, override=override, now=now)


@transaction.atomic
def _attempt_create(*, user, quiz, override, now):
    previous = Attempt.objects.filter(quiz=quiz, user=user)
    allowed = attempts_allowed(quiz=quiz, override=override)
    if allowed and previous.count() >= allowed:
        raise ValidationError(_("You have used every attempt this quiz allows."))
    planned = plan_attempt(quiz)
    pages = page_numbers(len(planned), quiz.questions_per_page)
    number = (previous.aggregate(top=Max("number"))["top"] or 0) + 1
    deadline = attempt_deadline(quiz=quiz, override=override, started_at=now)
    grace_ends = None
    if deadline and quiz.overdue_handling == OverdueHandling.GRACE:
        grace_ends = deadline + timedelta(minutes=quiz.grace_minutes)
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                quiz=quiz,
                user=user,
                number=number,
                started_at=now,
                deadline=deadline,
                grace_ends_at=grace_ends,
                page_count=max(pages),
                max_marks=sum((Decimal(item.mark) for item in planned), ZERO),
            )
    except IntegrityError:
        # Another request started it a moment ago.
        return Attempt.objects.open().get(quiz=quiz, user=user)
    Response.objects.bulk_create(
        Response(
            attempt=attempt,
            slot=index,
            page=page,
            question_version=item.version,
            max_mark=item.mark,
            option_order=item.option_order,
            item_order=item.item_order,
        )
        for index, (item, page) in enumerate(zip(planned, pages, strict=True), start=1)
    )
    return attempt


def _check_takes_answers(attempt, now):
    if attempt.state != AttemptState.IN_PROGRESS:
        raise AttemptClosed(_("This attempt no longer takes answers."), code="closed")
    if attempt.deadline and now > attempt.deadline + network_allowance():
        raise AttemptClosed(_("The time for this attempt is up."), code="time_up")


def attempt_save(*, attempt, user, slot, answer, sequence, now=None):
    """Save a learner's answer to one slot; return the response.

    ``sequence`` is the client's count of changes to this slot. An older one
    than stored raises StaleSequence and changes nothing; the same one with
    the same answer is a harmless repeat; the same one with another answer is
    stale too (another tab made it).
    """
    now = now or timezone.now()
    _check_owner(attempt, user)
    _check_takes_answers(attempt, now)
    try:
        sequence = int(sequence)
    except (TypeError, ValueError) as error:
        raise ValidationError(_("The save carries no valid sequence number.")) from error
    # savepoint=False costs no queries inside a caller's transaction; the
    # response's row lock orders this save against a submit grading it. Errors
    # are raised after the block, which would otherwise spoil the caller's
    # transaction.
    with transaction.atomic(savepoint=False):
        outcome = _save_locked(attempt, slot=slot, answer=answer, sequence=sequence, now=now)
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


def _save_locked(attempt, *, slot, answer, sequence, now):
    """The save itself; returns the response or the exception to raise."""
    response = (
        Response.objects.select_for_update(of=("self",))
        .select_related("question_version")
        .filter(attempt=attempt, slot=slot)
        .first()
    )
    if response is None:
        return ValidationError(_("This attempt has no question %(slot)s.") % {"slot": slot})
    if attempt.quiz.navigation == Navigation.SEQUENTIAL and response.page != attempt.current_page:
        return ValidationError(_("This quiz does not let you go back to earlier questions."))
    version = response.question_version
    try:
        cleaned = version.type.clean_answer(version.payload, answer)
    except ValidationError as error:
        return error
    updated = Response.objects.filter(
        pk=response.pk, sequence__lt=sequence, attempt__state=AttemptState.IN_PROGRESS
    ).update(answer=cleaned, sequence=sequence, saved_at=now)
    if updated:
        response.answer, response.sequence, response.saved_at = cleaned, sequence, now
        return response
    return _save_not_applied(response, slot=slot, sequence=sequence, answer=cleaned)


def _save_not_applied(response, *, slot, sequence, answer):
    """A save that changed nothing: a harmless repeat, or the error saying why."""
    current = (
        Response.objects.filter(pk=response.pk)
        .values("answer", "sequence", "saved_at", "attempt__state")
        .get()
    )
    response.answer, response.sequence, response.saved_at = (
        current["answer"],
        current["sequence"],
        current["saved_at"],
    )
    if response.sequence == sequence and response.answer == answer:
        return response
    if current["attempt__state"] != AttemptState.IN_PROGRESS:
        # Submitted or closed by another request since the attempt was loaded.
        return AttemptClosed(_("This attempt no longer takes answers."), code="closed")
    return StaleSequence(
        _("A newer answer to question %(slot)s was saved from another window.") % {"slot": slot},
        code="stale",
    )


def response_flag(*, attempt, user, slot, flagged):
    """Flag or unflag a question for the learner's own attention ("Đánh dấu câu hỏi")."""
    _check_owner(attempt, user)
    if not attempt.is_open:
        raise AttemptClosed(_("This attempt no longer takes answers."), code="closed")
    Response.objects.filter(attempt=attempt, slot=slot).update(flagged=bool(flagged))


def attempt_go_to_page(*, attempt, user, page):
    """Move to ``page``; sequential quizzes only move forward, one page at a time."""
    _check_owner(attempt, user)
    page = max(1, min(int(page), attempt.page_count))
    if attempt.quiz.navigation == Navigation.SEQUENTIAL:
        if page < attempt.current_page:
            raise ValidationError(_("This quiz does not let you go back to earlier questions."))
        page = min(page, attempt.current_page + 1)
    if page != attempt.current_page:
        Attempt.objects.filter(pk=attempt.pk).update(current_page=page)
        attempt.current_page = page
    return page


def _grade_responses(attempt):
    """Grade every response; return (marks, needs_grading)."""
    # Locked, so that a save in flight is either graded here or refused.
    responses = list(
        attempt.responses.select_for_update(of=("self",))
        .select_related("question_version")
        .prefetch_related("files")
    )
    for response in responses:
        if response.graded_at is not None:
            continue  # a lecturer's mark stands
        version = response.question_version
        kind = version.type
        if kind.graded_by_hand:
            grading = kind.grade(
                version.payload, response.answer, has_files=bool(response.files.all())
            )
        else:
            grading = kind.grade(version.payload, response.answer)
        response.fraction = grading.fraction
        response.needs_grading = grading.fraction is None
        response.mark = None if grading.fraction is None else (grading.fraction * response.max_mark)
        if response.mark is not None:
            response.mark = response.mark.quantize(Decimal("0.01"), ROUND_HALF_UP)
    Response.objects.bulk_update(responses, ["fraction", "mark", "needs_grading"])
    marks = sum((response.mark or ZERO for response in responses), ZERO)
    return marks, any(response.needs_grading for response in responses)


def _attempt_finish(attempt, now):
    marks, needs_grading = _grade_responses(attempt)
    attempt.state = AttemptState.FINISHED
    attempt.finished_at = now
    attempt.marks = marks
    attempt.needs_grading = needs_grading
    attempt.grade = None if needs_grading else grade_on_ten(marks, attempt.max_marks)
    attempt.save(update_fields=["state", "finished_at", "marks", "needs_grading", "grade"])
    quiz_grade_update(quiz=attempt.quiz, user=attempt.user)
    return attempt


def _attempt_abandon(attempt):
    attempt.state = AttemptState.ABANDONED
    attempt.save(update_fields=["state"])
    return attempt


def _locked(attempt):
    return Attempt.objects.select_for_update().select_related("quiz", "user").get(pk=attempt.pk)


def attempt_submit(*, attempt, user, now=None):
    """Submit and grade the attempt. Submitting a submitted attempt returns it unchanged."""
    _check_owner(attempt, user)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(attempt)
        if locked.state == AttemptState.FINISHED:
            return locked
        refusal = _late_refusal(locked, now)
        if refusal is None:
            late = locked.deadline and now > locked.deadline + network_allowance()
            if late and locked.quiz.overdue_handling == OverdueHandling.AUTOSUBMIT:
                now = locked.deadline
            return _attempt_finish(locked, now)
    # Raised once the transaction is committed, so that the abandonment stays.
    raise refusal


def _late_refusal(attempt, now):
    """Abandon an attempt submitted too late; return the error to raise, or None."""
    if attempt.state == AttemptState.ABANDONED:
        return AttemptClosed(_("This attempt was not submitted in time."), code="abandoned")
    late = attempt.deadline and now > attempt.deadline + network_allowance()
    handling = attempt.quiz.overdue_handling
    if late and handling == OverdueHandling.ABANDON:
        _attempt_abandon(attempt)
        return AttemptClosed(
            _("The time was up before the attempt was submitted."), code="abandoned"
        )
    grace_over = attempt.grace_ends_at and now > attempt.grace_ends_at + network_allowance()
    if late and handling == OverdueHandling.GRACE and grace_over:
        _attempt_abandon(attempt)
        return AttemptClosed(_("The grace period has ended."), code="abandoned")
    return None


def attempt_close_if_overdue(*, attempt, now=None):
    """Apply the quiz's overdue rule to an open attempt past its deadline; True if it changed."""
    now = now or timezone.now()
    if not attempt.is_open or not attempt.deadline:
        return False
    if now <= attempt.deadline + network_allowance():
        return False
    with transaction.atomic():
        locked = _locked(attempt)
        changed = _close_overdue(locked, now)
    if changed:
        attempt.refresh_from_db()
    return changed


def _close_overdue(attempt, now):
    handling = attempt.quiz.overdue_handling
    if not attempt.is_open:
        return False
    if handling == OverdueHandling.AUTOSUBMIT:
        _attempt_finish(attempt, attempt.deadline)
        return True
    in_grace = attempt.grace_ends_at and now <= attempt.grace_ends_at + network_allowance()
    if handling == OverdueHandling.GRACE and in_grace:
        if attempt.state == AttemptState.OVERDUE:
            return False
        attempt.state = AttemptState.OVERDUE
        attempt.save(update_fields=["state"])
        return True
    _attempt_abandon(attempt)
    return True


def attempts_close_overdue(*, now=None):
    """Close every open attempt past its deadline by its quiz's rule; return how many changed."""
    now = now or timezone.now()
    changed = 0
    overdue = Attempt.objects.open().filter(deadline__lt=now - network_allowance())
    for pk in overdue.values_list("pk", flat=True):
        with transaction.atomic():
            attempt = Attempt.objects.select_for_update().select_related("quiz", "user").get(pk=pk)
            if attempt.deadline and now > attempt.deadline + network_allowance():
                changed += _close_overdue(attempt, now)
    return changed


def quiz_grade_update(*, quiz, user):
    """Recompute a learner's quiz grade from graded attempts; a pass counts toward completion."""
    grades = list(
        Attempt.objects.finished()
        .filter(quiz=quiz, user=user)
        .order_by("number")
        .values_list("grade", flat=True)
    )
    grade = aggregate(grades, quiz.grading_method)
    passed = grade is not None and grade >= bands_for(quiz).passing
    quiz_grade, _created = QuizGrade.objects.update_or_create(
        quiz=quiz, user=user, defaults={"grade": grade, "passed": passed}
    )
    if passed and quiz.is_required:
        from lessons.services import course_completion_update

        course_completion_update(user=user, course=quiz.course)
    return quiz_grade


def _check_grader(user, quiz):
    # Not course_staff_access: every lecturer may edit every course page, but
    # only the course's own lecturers grade its learners.
    teaches = user.is_authenticated and (
        user.is_superuser or lesson_selectors.course_teaches(user=user, course=quiz.course)
    )
    if not teaches:
        raise PermissionDenied(_("Only the course's lecturers may grade its quizzes."))


def attempt_regrade_totals(attempt):
    """Recompute an attempt's marks, grade and waiting state from its responses."""
    totals = attempt.responses.aggregate(marks=Sum("mark"))
    attempt.needs_grading = attempt.responses.filter(needs_grading=True).exists()
    attempt.marks = totals["marks"] or ZERO
    attempt.grade = (
        None if attempt.needs_grading else grade_on_ten(attempt.marks, attempt.max_marks)
    )
    attempt.save(update_fields=["marks", "grade", "needs_grading"])
    return attempt


@transaction.atomic
def response_grade_manual(*, response, grader, mark, comment=""):
    """Record a lecturer's mark and comment; the attempt's and quiz's grades follow."""
    attempt = _locked(response.attempt)
    _check_grader(grader, attempt.quiz)
    if attempt.state != AttemptState.FINISHED:
        raise ValidationError(_("Only submitted attempts can be graded."))
    try:
        mark = Decimal(str(mark).replace(",", ".")).quantize(Decimal("0.01"))
    except ArithmeticError as error:
        raise ValidationError(_("The mark must be a number.")) from error
    if not mark.is_finite():
        raise ValidationError(_("The mark must be a number."))
    response = Response.objects.select_for_update().get(pk=response.pk)
    if not ZERO <= mark <= response.max_mark:
        raise ValidationError(
            _("The mark must be between 0 and %(max)s.")
            % {"max": str(response.max_mark).replace(".", ",")}
        )
    response.mark = mark
    response.fraction = (mark / response.max_mark) if response.max_mark else ZERO
    response.needs_grading = False
    response.graded_by = grader
    response.graded_at = timezone.now()
    response.comment = comment
    response.save(
        update_fields=["mark", "fraction", "needs_grading", "graded_by", "graded_at", "comment"]
    )
    attempt_regrade_totals(attempt)
    quiz_grade_update(quiz=attempt.quiz, user=attempt.user)
    return response
