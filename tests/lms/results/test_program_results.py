"""Program results: completions, required exam grades and attendance combined by the rule."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from lessons.models import CourseCompletion
from lms.models import AttendanceRecord, AttendanceSession, AttendanceStatus, Cohort
from lms.selectors import program_results
from lms.selectors.attendance import cohort_attendance
from quizzes.models import QuizGrade
from tests.factories import ProfileFactory, TrainingUnitFactory, learner
from tests.lessons.builders import make_course, make_program
from tests.quizzes.builders import make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _program(**fields):
    program = make_program(min_attendance_percent=80, pass_mark=Decimal("5.00"), **fields)
    first = make_course(program=program, title="Quản lý nhà nước")
    second = make_course(program=program, title="Chuyển đổi số")
    exam_one = make_quiz(course=first, title="Thi QLNN", is_required=True, weight=Decimal("1"))
    exam_two = make_quiz(course=second, title="Thi CĐS", is_required=True, weight=Decimal("2"))
    make_quiz(course=second, title="Luyện tập", is_required=False)
    return program, [first, second], [exam_one, exam_two]


def _complete(user, courses):
    for course in courses:
        CourseCompletion.objects.create(user=user, course=course, completed_at=timezone.now())


def _grade(user, quiz, grade):
    QuizGrade.objects.create(quiz=quiz, user=user, grade=Decimal(grade), passed=True)


def _cohort(program):
    return Cohort.objects.create(
        code=f"K-{program.pk}",
        name="Lớp 1",
        program=program,
        unit=TrainingUnitFactory(),
        starts_on=datetime.date(2026, 5, 4),
        ends_on=datetime.date(2026, 5, 29),
    )


def _session(cohort, day, statuses, periods=4):
    session = AttendanceSession.objects.create(
        cohort=cohort,
        date=datetime.date(2026, 5, day),
        topic="Buổi học",
        periods=periods,
        taken_at=timezone.now(),
    )
    for user, status in statuses.items():
        AttendanceRecord.objects.create(session=session, user=user, status=status)
    return session


def test_weighted_mean_of_required_exams_with_classification():
    program, courses, (exam_one, exam_two) = _program()
    user = learner()
    _complete(user, courses)
    _grade(user, exam_one, "7.00")
    _grade(user, exam_two, "9.50")

    result = program_results(program=program, users=[user])[user.pk]

    # (7 × 1 + 9,5 × 2) / 3 = 8,666… → 8,67; the practice quiz does not count.
    assert result.grade == Decimal("8.67")
    assert result.passed
    assert result.classification == "Good"
    assert [exam.quiz.title for exam in result.exams] == ["Thi QLNN", "Thi CĐS"]
    assert [exam.course for exam in result.exams] == courses
    assert result.courses_completed == 2


def test_missing_completion_and_grade_are_reasons():
    program, courses, (exam_one, _exam_two) = _program()
    user = learner()
    _complete(user, courses[:1])
    _grade(user, exam_one, "8.00")

    result = program_results(program=program, users=[user.pk])[user.pk]

    assert not result.passed
    assert result.grade is None
    assert result.classification == "Fail"
    assert result.reasons == [
        "Course “Chuyển đổi số” is not completed.",
        "“Thi CĐS” has no grade yet.",
    ]


def test_an_exam_below_its_pass_mark_fails_even_when_the_mean_passes():
    program, courses, (exam_one, exam_two) = _program()
    user = learner()
    _complete(user, courses)
    _grade(user, exam_one, "4.00")
    _grade(user, exam_two, "9.00")

    result = program_results(program=program, users=[user])[user.pk]

    assert result.grade == Decimal("7.33")
    assert result.reasons == ["“Thi QLNN”: 4.00 is below the pass mark 5.00."]


def test_a_quiz_pass_mark_overrides_the_programs():
    program, courses, (exam_one, exam_two) = _program()
    exam_one.pass_mark = Decimal("3.00")
    exam_one.save_revision().publish()
    user = learner()
    _complete(user, courses)
    _grade(user, exam_one, "4.00")
    _grade(user, exam_two, "9.00")

    assert program_results(program=program, users=[user])[user.pk].passed


def test_attendance_below_the_minimum_fails_and_excused_counts_as_missed():
    program, courses, exams = _program()
    cohort = _cohort(program)
    good, poor = learner(), learner()
    for user in (good, poor):
        _complete(user, courses)
        for exam in exams:
            _grade(user, exam, "8.00")
    present = AttendanceStatus.PRESENT
    _session(cohort, 4, {good: present, poor: present})
    _session(cohort, 5, {good: present, poor: AttendanceStatus.EXCUSED})
    _session(cohort, 6, {good: present, poor: AttendanceStatus.ABSENT}, periods=8)
    # Planned but not taken: does not count.
    AttendanceSession.objects.create(cohort=cohort, date=datetime.date(2026, 5, 7), topic="Sau")

    results = program_results(program=program, users=[good, poor], cohort=cohort)

    assert results[good.pk].passed
    assert results[good.pk].attendance.percent == Decimal("100.0")
    poor_result = results[poor.pk]
    assert poor_result.attendance.percent == Decimal("25.0")  # 4 of 16 periods
    assert (poor_result.attendance.absent, poor_result.attendance.excused) == (1, 1)
    assert poor_result.reasons == ["Attendance 25.0% is below the minimum 80%."]


def test_no_session_taken_means_no_attendance_rule():
    program, courses, exams = _program()
    cohort = _cohort(program)
    AttendanceSession.objects.create(cohort=cohort, date=datetime.date(2026, 5, 7), topic="Sau")
    user = learner()
    _complete(user, courses)
    for exam in exams:
        _grade(user, exam, "6.00")

    result = program_results(program=program, users=[user], cohort=cohort)[user.pk]

    assert result.attendance.percent is None
    assert result.passed
    assert result.classification == "Average"


def test_a_member_with_no_record_counts_as_unrecorded():
    program, _courses, _exams = _program()
    cohort = _cohort(program)
    present, missing = learner(), learner()
    _session(cohort, 4, {present: AttendanceStatus.PRESENT})

    summaries = cohort_attendance(cohort=cohort, user_ids=[present.pk, missing.pk])

    assert summaries[missing.pk].percent == Decimal("0.0")
    assert summaries[missing.pk].unrecorded == 1
    assert summaries[present.pk].unrecorded == 0


def test_program_without_required_exams_passes_on_completion_only():
    program = make_program()
    course = make_course(program=program)
    user = learner()
    _complete(user, [course])

    result = program_results(program=program, users=[user])[user.pk]

    assert result.grade is None
    assert result.passed
    assert result.classification == "Pass"


def test_query_count_is_constant(django_assert_max_num_queries):
    program, courses, exams = _program()
    cohort = _cohort(program)

    def build(count):
        users = [ProfileFactory().user for _ in range(count)]
        for user in users:
            _complete(user, courses)
            for exam in exams:
                _grade(user, exam, "8.00")
        _session(cohort, 4 + count % 20, dict.fromkeys(users, AttendanceStatus.PRESENT))
        return users

    few, many = build(2), build(10)
    with django_assert_max_num_queries(6):
        program_results(program=program, users=few, cohort=cohort)
    with django_assert_max_num_queries(6):
        results = program_results(program=program, users=many, cohort=cohort)
    assert [result.grade for result in results.values()] == [Decimal("8.00")] * 10
