from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lessons import selectors, services
from lessons.models import CoursePage, LessonPage
from lessons.models.enrolment import EnrolmentStatus
from lessons.models.pages import CompletionMode, EnrolmentPolicy


def course_context(request, course):
    """What the course page shows: lessons with ticks, progress, quizzes, the enrol button."""
    from quizzes.views import course_quizzes

    lessons = selectors.lessons_with_progress(user=request.user, course=course)
    enrolment = selectors.enrolment_current(user=request.user, course=course)
    can_study = selectors.course_can_study(user=request.user, course=course, enrolment=enrolment)
    return {
        "lessons": lessons,
        "enrolment": enrolment,
        "can_study": can_study,
        "progress": selectors.summarise(lessons),
        "resume": selectors.lesson_to_resume(lessons) if can_study else None,
        "lecturers": course.lecturers.select_related("user__profile"),
        "can_self_enrol": course.enrolment_policy
        in (EnrolmentPolicy.SELF, EnrolmentPolicy.APPROVAL),
        "total_minutes": sum(lesson.estimated_minutes for lesson in lessons),
        "quizzes": course_quizzes(request, course),
    }


def lesson_refusal(request, lesson):
    """The response for someone who may not open ``lesson``, or None if they may."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    course = lesson.course
    if not selectors.course_can_study(user=request.user, course=course):
        return TemplateResponse(
            request, "lessons/not_enrolled.html", {"course": course, "page": lesson}, status=403
        )
    return None


def lesson_context(request, lesson):
    """The lesson's course, table of contents with ticks, neighbours and completion controls."""
    course = lesson.course
    lessons = selectors.lessons_with_progress(user=request.user, course=course)
    current = next((item for item in lessons if item.pk == lesson.pk), None)
    previous, following = selectors.lesson_neighbours(lesson=lesson, lessons=lessons)
    return {
        "course": course,
        "lessons": lessons,
        "progress": selectors.summarise(lessons),
        "lesson_progress": current.progress if current else None,
        "previous_lesson": previous,
        "next_lesson": following,
        "can_mark_done": lesson.completion_mode == CompletionMode.MANUAL,
        "tracks_time": lesson.completion_mode == CompletionMode.TIME,
    }


def _live_course(course_id):
    return get_object_or_404(CoursePage.objects.live(), pk=course_id)


def _live_lesson(lesson_id):
    return get_object_or_404(LessonPage.objects.live(), pk=lesson_id)


@login_required
@require_POST
def course_enrol(request, course_id):
    course = _live_course(course_id)
    try:
        enrolment = services.enrolment_create(user=request.user, course=course)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect(course.url)
    if enrolment.status == EnrolmentStatus.PENDING:
        messages.info(
            request,
            _("Your enrolment request has been sent. You can study once a manager approves it."),
        )
    else:
        messages.success(request, _("You are enrolled. Good studying!"))
    return redirect(course.url)


@login_required
@require_POST
def course_unenrol(request, course_id):
    course = _live_course(course_id)
    try:
        services.enrolment_remove(user=request.user, course=course, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("You have left the course. Your progress is kept if you enrol again.")
        )
    return redirect(course.url)


def _lesson_for_learner(request, lesson_id):
    lesson = _live_lesson(lesson_id)
    course = lesson.course
    if not selectors.course_can_study(user=request.user, course=course):
        raise PermissionDenied
    return lesson


@login_required
@require_POST
def lesson_complete(request, lesson_id):
    """ "Tôi đã học xong": the learner marks a lesson as done."""
    lesson = _lesson_for_learner(request, lesson_id)
    try:
        services.lesson_mark_completed(user=request.user, lesson=lesson)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Lesson marked as completed."))
    return redirect(lesson.url)


@login_required
@require_POST
def lesson_heartbeat(request, lesson_id):
    """Time spent on an open lesson, sent by the page every half minute while visible."""
    lesson = _lesson_for_learner(request, lesson_id)
    try:
        seconds = int(request.POST.get("seconds", "0"))
    except ValueError:
        return JsonResponse({"error": _("Invalid number of seconds.")}, status=400)
    progress = services.lesson_mark_viewed(user=request.user, lesson=lesson, seconds=seconds)
    return JsonResponse(
        {"seconds_spent": progress.seconds_spent, "completed": progress.completed_at is not None}
    )


@login_required
def my_courses(request):
    """ "Khóa học của tôi": the learner's courses with progress and the lesson to resume."""
    courses = selectors.dashboard_courses_for(user=request.user)
    return TemplateResponse(request, "lessons/my_courses.html", {"courses": courses})
