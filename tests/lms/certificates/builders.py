"""Cohorts whose members pass a program, and a unit's certificate settings, for tests."""

import datetime
from decimal import Decimal

from django.utils import timezone

from lessons.models import CourseCompletion
from lms.models import CertificateSeries, Cohort, CohortMember
from quizzes.models import QuizGrade
from tests.factories import ProfileFactory, TrainingUnitFactory, learner, manager
from tests.lessons.builders import _slug, make_course, make_program
from tests.quizzes.builders import make_quiz


def make_series(unit, **fields):
    values = {
        "serial_prefix": "HCQG",
        "serial_digits": 6,
        "register_suffix": "CC-HCQG",
        "place": "Hà Nội",
        "signer_name": "Nguyễn Văn Ký",
        "signer_title": "Giám đốc",
        **fields,
    }
    return CertificateSeries.objects.create(unit=unit, **values)


def make_manager(unit, **kwargs):
    user = manager(**kwargs)
    ProfileFactory(user=user, unit=unit, family_name="Trần Thị", given_name="Quản")
    return user


class Setup:
    """A program (one course, one required quiz), a unit with its series, a cohort."""

    def __init__(self, *, unit=None, series=True, prefix="HCQG"):
        self.unit = unit or TrainingUnitFactory()
        self.series = make_series(self.unit, serial_prefix=prefix) if series else None
        self.program = make_program(title="Bồi dưỡng ngạch chuyên viên chính")
        self.course = make_course(program=self.program, title="Quản lý nhà nước")
        self.quiz = make_quiz(course=self.course, title="Thi cuối khóa", is_required=True)
        self.cohort = Cohort.objects.create(
            code=_slug("CVC-K"),
            name="Lớp chuyên viên chính",
            program=self.program,
            unit=self.unit,
            starts_on=datetime.date(2026, 3, 2),
            ends_on=datetime.date(2026, 5, 29),
        )
        self.manager = make_manager(self.unit)

    def member(self, *, family_name="Nguyễn Văn", given_name="An", grade="8.50", passed=True, **kw):
        user = learner()
        ProfileFactory(
            user=user,
            unit=self.unit,
            family_name=family_name,
            given_name=given_name,
            date_of_birth=kw.get("date_of_birth", datetime.date(1990, 7, 15)),
        )
        CohortMember.objects.create(cohort=self.cohort, user=user)
        if passed:
            CourseCompletion.objects.create(
                user=user, course=self.course, completed_at=timezone.now()
            )
            QuizGrade.objects.create(quiz=self.quiz, user=user, grade=Decimal(grade))
        return user

    def members(self, count):
        return [self.member(given_name=f"Học viên {index}") for index in range(count)]
