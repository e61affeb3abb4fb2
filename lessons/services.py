"""Writes of the lessons app: enrolment, progress and completion.

H5P package handling lives in ``lessons.h5p``; its two public services are
re-exported here so other apps find every lessons service in one place.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lessons import selectors
from lessons.models import CourseCompletion, Enrolment, LessonProgress
from lessons.models.enrolment import EnrolmentStatus
from lessons.models.pages import CompletionMode, EnrolmentPolicy

# A heartbeat from an open lesson counts at most this much time, so a tab
# left open overnight does not count as hours of study.
MAX_HEARTBEAT_SECONDS = 60


def _may_manage(user):
    return user is not None and (user.is_superuser or user.has_perm(selectors.MANAGE_ENROLMENTS))


@transaction.atomic
def enrolment_create(*, user, course, by=None):
    """Enrol ``user`` in ``course`` and return the enrolment.

    Without ``by`` the learner enrols themselves and the course's policy
    decides: open and self-enrolment courses enrol at once, approval courses
    create a waiting request, managers-only courses refuse. With ``by`` (a
    manager) the enrolment is active at once, approving a waiting request.
    Enrolling twice returns the current enrolment.
    """
    if by is not None and not _may_manage(by):
        raise PermissionDenied(_("You may not enrol other people."))
    if by is None and course.enrolment_policy == EnrolmentPolicy.MANAGERS:
        raise ValidationError(_("Learners are enrolled in this course by the training managers."))
    current = (
        Enrolment.objects.select_for_update().current().filter(user=user, course=course).first()
    )
    if current is not None:
        if by is not None and current.status == EnrolmentStatus.PENDING:
            return enrolment_approve(enrolment=current, by=by)
        return current
    status = EnrolmentStatus.ACTIVE
    if by is None and course.enrolment_policy == EnrolmentPolicy.APPROVAL:
        status = EnrolmentStatus.PENDING
    now = timezone.now()
    try:
        with transaction.atomic():
            return Enrolment.objects.create(
                user=user,
                course=course,
                status=status,
                created_by=by or user,
                decided_at=now if status == EnrolmentStatus.ACTIVE else None,
                decided_by=by if status == EnrolmentStatus.ACTIVE else None,
            )
    except IntegrityError:
        # Two requests raced; the other one created it.
        return Enrolment.objects.current().get(user=user, course=course)


def enrolment_approve(*, enrolment, by):
    """Accept a waiting enrolment request."""
    if not _may_manage(by):
        raise PermissionDenied(_("You may not approve enrolments."))
    if enrolment.status != EnrolmentStatus.PENDING:
        raise ValidationError(_("Only a waiting request can be approved."))
    enrolment.status = EnrolmentStatus.ACTIVE
    enrolment.decided_at = timezone.now()
    enrolment.decided_by = by
    enrolment.save(update_fields=["status", "decided_at", "decided_by"])
    return enrolment


def enrolment_reject(*, enrolment, by, note=""):
    """Refuse a waiting enrolment request, with an optional reason shown to the learner."""
    if not _may_manage(by):
        raise PermissionDenied(_("You may not refuse enrolments."))
    if enrolment.status != EnrolmentStatus.PENDING:
        raise ValidationError(_("Only a waiting request can be refused."))
    enrolment.status = EnrolmentStatus.REJECTED
    enrolment.decided_at = timezone.now()
    enrolment.decided_by = by
    enrolment.note = note[:255]
    enrolment.save(update_fields=["status", "decided_at", "decided_by", "note"])
    return enrolment


def enrolment_remove(*, user, course, by):
    """End ``user``'s current enrolment in ``course``; the row and all progress stay.

    Learners may leave a course themselves (``by`` is the learner), except one
    that managers enrol people in; anyone else must be a manager.
    """
    if by != user and not _may_manage(by):
        raise PermissionDenied(_("You may not unenrol other people."))
    if by == user and course.enrolment_policy == EnrolmentPolicy.MANAGERS:
        raise ValidationError(
            _(
                "Learners of this course are enrolled by the training managers; "
                "ask them to unenrol you."
            )
        )
    enrolment = Enrolment.objects.current().filter(user=user, course=course).first()
    if enrolment is None:
        raise ValidationError(_("This person is not enrolled in the course."))
    enrolment.status = EnrolmentStatus.REMOVED
    enrolment.ended_at = timezone.now()
    enrolment.ended_by = by
    enrolment.save(update_fields=["status", "ended_at", "ended_by"])
    return enrolment


def _progress_for_update(*, user, lesson):
    progress, _created = LessonProgress.objects.select_for_update().get_or_create(
        user=user, lesson=lesson
    )
    return progress


def _complete(progress, now):
    if progress.completed_at is None:
        progress.completed_at = now
        return True
    return False


@transaction.atomic
def lesson_mark_viewed(*, user, lesson, seconds=0):
    """Record a visit (or ``seconds`` of study) and complete the lesson if its mode says so."""
    now = timezone.now()
    progress = _progress_for_update(user=user, lesson=lesson)
    progress.first_visited_at = progress.first_visited_at or now
    if seconds:
        # Never count more than the time since the last signal from the page.
        elapsed = (now - (progress.last_visited_at or now)).total_seconds()
        progress.seconds_spent += int(max(0, min(seconds, elapsed + 5, MAX_HEARTBEAT_SECONDS)))
    progress.last_visited_at = now
    completed = False
    if lesson.completion_mode == CompletionMode.VIEW or (
        lesson.completion_mode == CompletionMode.TIME
        and progress.seconds_spent >= lesson.min_minutes * 60
    ):
        completed = _complete(progress, now)
    progress.save()
    if completed:
        course_completion_update(user=user, course=lesson.course)
    return progress


@transaction.atomic
def lesson_mark_completed(*, user, lesson):
    """The learner says they have finished the lesson ("Tôi đã học xong")."""
    if lesson.completion_mode not in (CompletionMode.MANUAL, CompletionMode.VIEW):
        raise ValidationError(_("This lesson is completed by its activity, not by a click."))
    now = timezone.now()
    progress = _progress_for_update(user=user, lesson=lesson)
    progress.first_visited_at = progress.first_visited_at or now
    progress.last_visited_at = now
    if _complete(progress, now):
        progress.save()
        course_completion_update(user=user, course=lesson.course)
    return progress


def course_completion_update(*, user, course):
    """Record the course as completed the first time its rule is met; return the completion."""
    progress = selectors.course_progress_for(user=user, course=course)
    if not progress.is_complete:
        return None
    completion, _created = CourseCompletion.objects.get_or_create(
        user=user, course=course, defaults={"completed_at": timezone.now()}
    )
    return completion


def h5p_package_create(*, file, title, owner):
    """Validate and unpack an uploaded .h5p file; see ``lessons.h5p.services``."""
    from lessons.h5p.services import h5p_package_create as create

    return create(file=file, title=title, owner=owner)


def h5p_record_result(*, user, lesson, statement, package=None):
    """Record an xAPI statement from the H5P player; see ``lessons.h5p.services``."""
    from lessons.h5p.services import h5p_record_result as record

    return record(user=user, lesson=lesson, statement=statement, package=package)
