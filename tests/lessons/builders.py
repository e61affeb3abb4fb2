"""Build programs, courses and lessons in the page tree for tests."""

from lessons.models import (
    CourseLecturer,
    CoursePage,
    LessonPage,
    ProgramIndexPage,
    ProgramKind,
    ProgramPage,
)
from lessons.models.pages import CompletionMode, EnrolmentPolicy

_counter = iter(range(1, 1_000_000))


def _slug(prefix):
    return f"{prefix}-{next(_counter)}"


def make_program(*, parent=None, title="Bồi dưỡng ngạch chuyên viên", **fields):
    parent = parent or ProgramIndexPage.objects.get()
    fields.setdefault("kind", ProgramKind.objects.get(code="ngach"))
    program = ProgramPage(title=title, slug=_slug("chuong-trinh"), **fields)
    parent.add_child(instance=program)
    program.save_revision().publish()
    return program


def make_course(
    *, program=None, title="Quản lý nhà nước", policy=EnrolmentPolicy.SELF, lecturers=(), **fields
):
    program = program or make_program()
    course = CoursePage(title=title, slug=_slug("khoa-hoc"), enrolment_policy=policy, **fields)
    for user in lecturers:
        course.lecturers.add(CourseLecturer(user=user))
    program.add_child(instance=course)
    course.save_revision().publish()
    return course


def make_lesson(*, course, title=None, mode=CompletionMode.VIEW, body=None, **fields):
    lesson = LessonPage(
        title=title or _slug("Bài"),
        slug=_slug("bai"),
        completion_mode=mode,
        body=body or [("paragraph", "<p>Nội dung bài giảng.</p>")],
        **fields,
    )
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def make_lessons(*, course, count, **fields):
    return [make_lesson(course=course, **fields) for _ in range(count)]
