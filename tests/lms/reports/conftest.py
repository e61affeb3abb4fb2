"""A small training world for the reports: two units, two programs, grades and certificates.

Unit A: An (P1: C1 done, C2), Bình (P1: C1 done in 2025), Cường (P2: C3).
Unit B: Ánh (P1: C1 done). Cường's removed enrolment in C1 does not count.
Required quizzes: Q1 (C1, weight 2), Q3 (C3); Q2 (C1, weight 1) is optional
and has an essay. Grades: An Q1 8 (pass), Q2 6,5; Bình Q1 4 (fail), Q2
waiting for grading; Cường Q3 7 (pass); Ánh Q1 9, Q2 9. Certificates: unit A
An/P1 (03/2026), Bình/P1 revoked (03/2026), Cường/P2 (11/2026); unit B Ánh/P1
(03/2026). Cohort K (unit A, P1): An and Bình.
"""

import datetime
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal

import pytest

from lessons import services as lesson_services
from lessons.models import CourseCompletion
from lms.models import Certificate, Cohort, CohortMember
from quizzes.models import Attempt, AttemptState, QuizGrade
from tests.factories import ProfileFactory, TrainingUnitFactory, learner, lecturer, manager
from tests.lessons.builders import make_course, make_program
from tests.quizzes.builders import make_question, make_quiz

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = datetime.date(2026, 11, 27)

_serials = iter(range(1, 1_000_000))


def at(year, month, day):
    return datetime.datetime(year, month, day, 9, 0, tzinfo=HCM)


def person(family_name, given_name, *, unit, make=learner, staff_code=None):
    user = make()
    ProfileFactory(
        user=user, family_name=family_name, given_name=given_name, unit=unit, staff_code=staff_code
    )
    return user


def certificate(*, user, program, unit, issued, by, revoked=False):
    number = next(_serials)
    return Certificate.objects.create(
        unit=unit,
        serial_number=number,
        serial=f"{unit.code.upper()}{number:06d}",
        register_year=issued.year,
        register_number=number,
        register_label=f"{number}/{issued.year}",
        learner=user,
        full_name=user.profile.full_name,
        program=program,
        program_title=program.title,
        issue_date=issued,
        place="Hà Nội",
        signer_name="Nguyễn Văn Ký",
        signer_title="GIÁM ĐỐC",
        issued_by=by,
        revoked_at=at(2026, 4, 1) if revoked else None,
        revocation_reason="Sai ngày sinh" if revoked else "",
    )


def grade(quiz, user, value, *, passed, on=None):
    row = QuizGrade.objects.create(quiz=quiz, user=user, grade=Decimal(value), passed=passed)
    QuizGrade.objects.filter(pk=row.pk).update(updated_at=on or at(2026, 6, 1))
    return row


def waiting_attempt(quiz, user):
    return Attempt.objects.create(
        quiz=quiz,
        user=user,
        number=1,
        state=AttemptState.FINISHED,
        started_at=at(2026, 6, 1),
        finished_at=at(2026, 6, 1),
        max_marks=Decimal("10"),
        needs_grading=True,
    )


@dataclass
class World:
    unit_a: object
    unit_b: object
    p1: object
    p2: object
    c1: object
    c2: object
    c3: object
    q1: object
    q2: object
    q3: object
    an: object
    binh: object
    cuong: object
    anh: object
    manager_a: object
    teacher: object
    cohort: object


@pytest.fixture
def world(db):
    unit_a = TrainingUnitFactory(name="Trường Chính trị tỉnh Hà Nam", code="ha-nam")
    unit_b = TrainingUnitFactory(name="Trường Chính trị tỉnh Huế", code="hue")
    teacher = person("Phạm", "Giảng", unit=unit_a, make=lecturer)
    p1 = make_program(title="Bồi dưỡng ngạch chuyên viên chính", unit=unit_a)
    p2 = make_program(title="Bồi dưỡng lãnh đạo cấp phòng", unit=unit_a)
    c1 = make_course(program=p1, title="Quản lý nhà nước", lecturers=[teacher])
    c2 = make_course(program=p1, title="Kỹ năng lãnh đạo")
    c3 = make_course(program=p2, title="Tổ chức bộ máy")
    essay = make_question(qtype="essay")
    q1 = make_quiz(course=c1, title="Bài thi cuối khóa", is_required=True, weight=Decimal("2"))
    q2 = make_quiz(course=c1, title="Tiểu luận", questions=[essay], weight=Decimal("1"))
    q3 = make_quiz(course=c3, title="Bài thi tổ chức", is_required=True)
    an = person("Nguyễn Văn", "An", unit=unit_a, staff_code="CB-001")
    binh = person("Trần Thị", "Bình", unit=unit_a, staff_code="CB-002")
    cuong = person("Đỗ Văn", "Cường", unit=unit_a, staff_code="CB-003")
    anh = person("Lê", "Ánh", unit=unit_b, staff_code="CB-004")
    manager_a = person("Hoàng", "Quản", unit=unit_a, make=manager)
    for user, course in [(an, c1), (an, c2), (binh, c1), (cuong, c3), (anh, c1), (cuong, c1)]:
        lesson_services.enrolment_create(user=user, course=course)
    lesson_services.enrolment_remove(user=cuong, course=c1, by=manager_a)
    CourseCompletion.objects.create(user=an, course=c1, completed_at=at(2026, 3, 10))
    CourseCompletion.objects.create(user=binh, course=c1, completed_at=at(2025, 1, 5))
    CourseCompletion.objects.create(user=anh, course=c1, completed_at=at(2026, 3, 10))
    grade(q1, an, "8.00", passed=True)
    grade(q2, an, "6.50", passed=True)
    grade(q1, binh, "4.00", passed=False)
    waiting_attempt(q2, binh)
    grade(q3, cuong, "7.00", passed=True)
    grade(q1, anh, "9.00", passed=True)
    grade(q2, anh, "9.00", passed=True)
    certificate(user=an, program=p1, unit=unit_a, issued=datetime.date(2026, 3, 15), by=manager_a)
    certificate(
        user=binh,
        program=p1,
        unit=unit_a,
        issued=datetime.date(2026, 3, 20),
        by=manager_a,
        revoked=True,
    )
    certificate(
        user=cuong, program=p2, unit=unit_a, issued=datetime.date(2026, 11, 2), by=manager_a
    )
    certificate(user=anh, program=p1, unit=unit_b, issued=datetime.date(2026, 3, 15), by=manager_a)
    cohort = Cohort.objects.create(
        code="CVC-K1-2026",
        name="Lớp chuyên viên chính K1",
        program=p1,
        unit=unit_a,
        starts_on=datetime.date(2026, 3, 1),
        ends_on=datetime.date(2026, 3, 31),
    )
    for user in (an, binh):
        CohortMember.objects.create(cohort=cohort, user=user)
    return World(
        unit_a=unit_a,
        unit_b=unit_b,
        p1=p1,
        p2=p2,
        c1=c1,
        c2=c2,
        c3=c3,
        q1=q1,
        q2=q2,
        q3=q3,
        an=an,
        binh=binh,
        cuong=cuong,
        anh=anh,
        manager_a=manager_a,
        teacher=teacher,
        cohort=cohort,
    )
