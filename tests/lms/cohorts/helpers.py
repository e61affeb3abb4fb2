"""Builders shared by the cohort tests."""

import datetime
from decimal import Decimal

from django.utils import timezone

from lessons.models import CourseCompletion
from lms.models import Cohort, CohortMember
from quizzes.models import QuizGrade
from tests.factories import ProfileFactory, learner, lecturer, manager
from tests.lessons.builders import make_course, make_program
from tests.quizzes.builders import make_quiz

_codes = iter(range(1, 1_000_000))


def person(unit, *, given_name="An", family_name="Nguyễn Văn", code=None, role=learner):
    """A user of ``role`` with a profile in ``unit``."""
    user = role()
    ProfileFactory(
        user=user, unit=unit, given_name=given_name, family_name=family_name, staff_code=code
    )
    return user


def boss_of(unit):
    return person(unit, given_name="Quản Lý", role=manager)


def teacher_of(unit):
    return person(unit, given_name="Giảng", role=lecturer)


def program_with_courses(count=2, **fields):
    program = make_program(**fields)
    courses = [make_course(program=program, title=f"Học phần {n}") for n in range(1, count + 1)]
    return program, courses


def make_cohort(*, program, unit, lecturers=(), homeroom_manager=None, **fields):
    number = next(_codes)
    cohort = Cohort.objects.create(
        code=fields.pop("code", f"LOP-{number}"),
        name=fields.pop("name", f"Lớp bồi dưỡng {number}"),
        program=program,
        unit=unit,
        starts_on=fields.pop("starts_on", datetime.date(2026, 3, 2)),
        ends_on=fields.pop("ends_on", datetime.date(2026, 5, 29)),
        homeroom_manager=homeroom_manager,
        **fields,
    )
    cohort.lecturers.set(lecturers)
    return cohort


def add_members(cohort, users):
    CohortMember.objects.bulk_create([CohortMember(cohort=cohort, user=user) for user in users])


def complete(user, course):
    CourseCompletion.objects.create(user=user, course=course, completed_at=timezone.now())


def required_exam(course, *, weight="1", pass_mark=None, title="Bài thi cuối khóa"):
    return make_quiz(
        course=course,
        title=title,
        is_required=True,
        weight=Decimal(weight),
        pass_mark=Decimal(pass_mark) if pass_mark else None,
    )


def grade(user, quiz, value):
    QuizGrade.objects.create(user=user, quiz=quiz, grade=Decimal(value))
