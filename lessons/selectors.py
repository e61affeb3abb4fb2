"""Reads of the lessons app: who may study what, and how far learners have got."""

from dataclasses import dataclass

from django.db.models.functions import Substr

from lessons.models import (
    CourseCompletion,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
)
from lessons.models.pages import CompletionRule, EnrolmentPolicy

MANAGE_ENROLMENTS = "lessons.change_enrolment"


@dataclass(frozen=True)
class CourseProgress:
    completed: int
    total: int
    percent: int
    is_complete: bool


def _progress(completed, total):
    percent = round(100 * completed / total) if total else 0
    return CourseProgress(
        completed=completed,
        total=total,
        percent=percent,
        is_complete=bool(total) and completed >= total,
    )


def course_lessons(*, course):
    """The course's live lessons in their order in the page tree."""
    return LessonPage.objects.live().child_of(course).order_by("path")


def course_teaches(*, user, course):
    """Whether ``user`` is one of the course's lecturers."""
    return user.is_authenticated and course.lecturers.filter(user=user).exists()


def course_staff_access(*, user, course):
    """Lecturers of the course, managers, editors of the page and superusers see everything."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.has_perm(MANAGE_ENROLMENTS):
        return True
    if course.permissions_for_user(user).can_edit():
        return True
    return course_teaches(user=user, course=course)


def enrolment_current(*, user, course):
    """The learner's waiting or active enrolment in ``course``, or None."""
    if not user.is_authenticated:
        return None
    return Enrolment.objects.current().filter(user=user, course=course).first()


def course_can_study(*, user, course, enrolment=None):
    """Whether ``user`` may open the lessons (and their files) of ``course``."""
    if not user.is_authenticated:
        return False
    if course.enrolment_policy == EnrolmentPolicy.OPEN:
        return True
    enrolment = enrolment or enrolment_current(user=user, course=course)
    if enrolment is not None and enrolment.status == "active":
        return True
    return course_staff_access(user=user, course=course)


def course_progress_for(*, user, course):
    """Completed and total required items of ``course`` for ``user``, with the percentage.

    The items are the required lessons and, when the course's completion rule
    says so, the required quizzes (completed once passed).
    """
    required = course_lessons(course=course).filter(is_required=True)
    total = required.count()
    quizzes = None
    if course.completion_rule == CompletionRule.LESSONS_AND_QUIZZES:
        from quizzes.models import QuizPage

        quizzes = QuizPage.objects.live().child_of(course).filter(is_required=True)
        total += quizzes.count()
    if not user.is_authenticated or not total:
        return _progress(0, total)
    completed = LessonProgress.objects.filter(
        user=user, lesson__in=required, completed_at__isnull=False
    ).count()
    if quizzes is not None:
        completed += user.quiz_grades.filter(quiz__in=quizzes, passed=True).count()
    return _progress(completed, total)


def lessons_with_progress(*, user, course):
    """The course's lessons, each with ``.progress`` (a LessonProgress or None), in order."""
    lessons = list(course_lessons(course=course))
    progress = {}
    if user.is_authenticated and lessons:
        progress = {
            p.lesson_id: p
            for p in LessonProgress.objects.filter(
                user=user, lesson__in=[lesson.pk for lesson in lessons]
            )
        }
    for lesson in lessons:
        lesson.progress = progress.get(lesson.pk)
    return lessons


def summarise(lessons):
    """Course progress from lessons annotated by ``lessons_with_progress``."""
    required = [lesson for lesson in lessons if lesson.is_required]
    done = sum(1 for lesson in required if lesson.progress and lesson.progress.completed_at)
    return _progress(done, len(required))


def lesson_to_resume(lessons):
    """The lesson a learner should open next: the first one not completed."""
    for lesson in lessons:
        if not (lesson.progress and lesson.progress.completed_at):
            return lesson
    return lessons[0] if lessons else None


@dataclass
class DashboardCourse:
    course: CoursePage
    enrolment: Enrolment
    progress: CourseProgress
    resume: LessonPage | None
    completed_at: object


def dashboard_courses_for(*, user):
    """The learner's current enrolments with progress and the lesson to resume.

    Four queries whatever the number of courses and lessons: enrolments with
    their courses, all their lessons, the learner's progress, completions.
    """
    enrolments = list(
        Enrolment.objects.current()
        .filter(user=user, course__live=True)
        .select_related("course")
        .order_by("-created_at")
    )
    if not enrolments:
        return []
    courses = {e.course.path: e.course for e in enrolments}
    path_length = len(next(iter(courses)))
    lessons_by_course = {path: [] for path in courses}
    lessons = (
        LessonPage.objects.live()
        .annotate(course_path=Substr("path", 1, path_length))
        .filter(course_path__in=list(courses), depth=enrolments[0].course.depth + 1)
        .order_by("path")
    )
    lessons = list(lessons)
    progress = {
        p.lesson_id: p
        for p in LessonProgress.objects.filter(
            user=user, lesson__in=[lesson.pk for lesson in lessons]
        )
    }
    completions = dict(
        CourseCompletion.objects.filter(user=user, course__in=courses.values()).values_list(
            "course_id", "completed_at"
        )
    )
    for lesson in lessons:
        lesson.progress = progress.get(lesson.pk)
        lessons_by_course[lesson.course_path].append(lesson)
    return [
        DashboardCourse(
            course=e.course,
            enrolment=e,
            progress=summarise(lessons_by_course[e.course.path]),
            resume=lesson_to_resume(lessons_by_course[e.course.path]),
            completed_at=completions.get(e.course_id),
        )
        for e in enrolments
    ]


def enrolments_for_course(*, course, status=None, unit=None, rank=None):
    """A course's enrolments with learners' profiles, in Vietnamese name order."""
    enrolments = Enrolment.objects.filter(course=course).select_related(
        "user", "user__profile", "user__profile__unit", "user__profile__rank"
    )
    if status:
        enrolments = enrolments.filter(status=status)
    if unit:
        enrolments = enrolments.filter(user__profile__unit=unit)
    if rank:
        enrolments = enrolments.filter(user__profile__rank=rank)
    return enrolments.order_by("user__profile__sort_key", "user__username", "-created_at")


def lesson_neighbours(*, lesson, lessons):
    """The previous and next lessons of ``lesson`` within ``lessons``."""
    ids = [item.pk for item in lessons]
    index = ids.index(lesson.pk) if lesson.pk in ids else -1
    previous = lessons[index - 1] if index > 0 else None
    following = lessons[index + 1] if 0 <= index < len(lessons) - 1 else None
    return previous, following
