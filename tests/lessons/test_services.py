import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lessons import selectors, services
from lessons.models import CourseCompletion, Enrolment
from lessons.models.enrolment import EnrolmentStatus
from lessons.models.pages import CompletionMode, EnrolmentPolicy
from tests.factories import learner, manager

from .builders import make_course, make_lesson, make_lessons

pytestmark = pytest.mark.django_db


def test_self_enrolment_is_active_at_once():
    user, course = learner(), make_course(policy=EnrolmentPolicy.SELF)
    enrolment = services.enrolment_create(user=user, course=course)
    assert enrolment.status == EnrolmentStatus.ACTIVE
    assert selectors.course_can_study(user=user, course=course)


def test_enrolling_twice_returns_the_same_enrolment():
    user, course = learner(), make_course()
    first = services.enrolment_create(user=user, course=course)
    assert services.enrolment_create(user=user, course=course) == first
    assert Enrolment.objects.count() == 1


def test_approval_course_waits_for_a_manager():
    user, course, boss = learner(), make_course(policy=EnrolmentPolicy.APPROVAL), manager()
    request = services.enrolment_create(user=user, course=course)
    assert request.status == EnrolmentStatus.PENDING
    assert not selectors.course_can_study(user=user, course=course)
    services.enrolment_approve(enrolment=request, by=boss)
    assert selectors.course_can_study(user=user, course=course)


def test_a_learner_cannot_approve():
    course = make_course(policy=EnrolmentPolicy.APPROVAL)
    request = services.enrolment_create(user=learner(), course=course)
    with pytest.raises(PermissionDenied):
        services.enrolment_approve(enrolment=request, by=learner())


def test_managers_only_course_refuses_self_enrolment():
    user, course = learner(), make_course(policy=EnrolmentPolicy.MANAGERS)
    with pytest.raises(ValidationError):
        services.enrolment_create(user=user, course=course)
    enrolment = services.enrolment_create(user=user, course=course, by=manager())
    assert enrolment.status == EnrolmentStatus.ACTIVE


def test_learners_cannot_enrol_other_people():
    with pytest.raises(PermissionDenied):
        services.enrolment_create(user=learner(), course=make_course(), by=learner())


def test_unenrolling_keeps_history_and_progress():
    user, course = learner(), make_course()
    lesson = make_lesson(course=course)
    services.enrolment_create(user=user, course=course)
    services.lesson_mark_viewed(user=user, lesson=lesson)
    services.enrolment_remove(user=user, course=course, by=user)
    assert Enrolment.objects.get().status == EnrolmentStatus.REMOVED
    assert not selectors.course_can_study(user=user, course=course)
    assert user.lesson_progress.count() == 1
    again = services.enrolment_create(user=user, course=course)
    assert again.status == EnrolmentStatus.ACTIVE
    assert Enrolment.objects.count() == 2


def test_open_course_needs_no_enrolment_but_a_login():
    from django.contrib.auth.models import AnonymousUser

    course = make_course(policy=EnrolmentPolicy.OPEN)
    assert selectors.course_can_study(user=learner(), course=course)
    assert not selectors.course_can_study(user=AnonymousUser(), course=course)


def test_viewing_completes_view_mode_lessons_and_then_the_course():
    user, course = learner(), make_course()
    first, second = make_lessons(course=course, count=2)
    make_lesson(course=course, is_required=False)
    services.enrolment_create(user=user, course=course)
    services.lesson_mark_viewed(user=user, lesson=first)
    progress = selectors.course_progress_for(user=user, course=course)
    assert (progress.completed, progress.total, progress.percent) == (1, 2, 50)
    assert not CourseCompletion.objects.exists()
    services.lesson_mark_viewed(user=user, lesson=second)
    assert selectors.course_progress_for(user=user, course=course).is_complete
    assert CourseCompletion.objects.filter(user=user, course=course).exists()


def test_manual_lessons_wait_for_the_learner():
    user, course = learner(), make_course()
    lesson = make_lesson(course=course, mode=CompletionMode.MANUAL)
    progress = services.lesson_mark_viewed(user=user, lesson=lesson)
    assert progress.completed_at is None and progress.first_visited_at is not None
    assert services.lesson_mark_completed(user=user, lesson=lesson).completed_at is not None


def test_time_mode_counts_heartbeats_but_caps_them():
    user, course = learner(), make_course()
    lesson = make_lesson(course=course, mode=CompletionMode.TIME, min_minutes=1)
    services.lesson_mark_viewed(user=user, lesson=lesson)
    progress = services.lesson_mark_viewed(user=user, lesson=lesson, seconds=3600)
    # No time has passed since the first visit: a forged heartbeat counts seconds only.
    assert progress.seconds_spent <= 5
    assert progress.completed_at is None


def test_h5p_lessons_are_not_completed_by_a_click():
    user, course = learner(), make_course()
    lesson = make_lesson(course=course)
    lesson.completion_mode = CompletionMode.H5P
    with pytest.raises(ValidationError):
        services.lesson_mark_completed(user=user, lesson=lesson)


def test_h5p_mode_needs_an_h5p_block():
    with pytest.raises(ValidationError) as error:
        make_lesson(course=make_course(), mode=CompletionMode.H5P)
    assert "completion_mode" in error.value.message_dict


def test_learners_cannot_leave_a_course_managers_enrolled_them_in():
    user, course, boss = learner(), make_course(policy=EnrolmentPolicy.MANAGERS), manager()
    services.enrolment_create(user=user, course=course, by=boss)
    with pytest.raises(ValidationError):
        services.enrolment_remove(user=user, course=course, by=user)
    assert selectors.course_can_study(user=user, course=course)
    services.enrolment_remove(user=user, course=course, by=boss)
    assert not selectors.course_can_study(user=user, course=course)
