"""Services and selectors of cohorts, members and attendance."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from lessons.manage.imports import read_staff_codes
from lessons.models import Enrolment
from lessons.models.enrolment import EnrolmentStatus
from lms.models import AttendanceRecord, AttendanceSession, AttendanceStatus, CohortMember
from lms.selectors import cohorts as selectors
from lms.selectors.attendance import cohort_attendance
from lms.services import cohorts as services
from tests.factories import TrainingUnitFactory, UserFactory

from .helpers import (
    add_members,
    boss_of,
    complete,
    grade,
    make_cohort,
    person,
    program_with_courses,
    required_exam,
    teacher_of,
)

pytestmark = pytest.mark.django_db

P, A, E = AttendanceStatus.PRESENT, AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED


@pytest.fixture
def unit():
    return TrainingUnitFactory(code="truong-a")


@pytest.fixture
def other_unit():
    return TrainingUnitFactory(code="truong-b")


@pytest.fixture
def boss(unit):
    return boss_of(unit)


@pytest.fixture
def program_courses():
    return program_with_courses(2, min_attendance_percent=80)


@pytest.fixture
def cohort(program_courses, unit):
    return make_cohort(program=program_courses[0], unit=unit)


def session(cohort, day=1, periods=4):
    return AttendanceSession.objects.create(
        cohort=cohort, date=datetime.date(2026, 3, day), topic=f"Buổi {day}", periods=periods
    )


# Members ---------------------------------------------------------------------------------


def test_adding_members_enrols_them_in_every_program_course(cohort, program_courses, unit, boss):
    _program, courses = program_courses
    people = [person(unit, given_name=name) for name in ("An", "Bình")]
    result = services.cohort_members_add(cohort=cohort, users=people, by=boss)
    assert (result.added, result.already, result.enrolled) == (2, 0, 4)
    assert set(cohort.members.all()) == set(people)
    for course in courses:
        active = Enrolment.objects.filter(course=course, status=EnrolmentStatus.ACTIVE)
        assert set(active.values_list("user_id", flat=True)) == {user.pk for user in people}


def test_adding_members_is_idempotent(cohort, program_courses, unit, boss):
    _program, courses = program_courses
    someone = person(unit)
    services.cohort_members_add(cohort=cohort, users=[someone], by=boss)
    result = services.cohort_members_add(cohort=cohort, users=[someone, someone], by=boss)
    assert (result.added, result.already, result.enrolled, result.already_enrolled) == (
        0,
        1,
        0,
        2,
    )
    assert CohortMember.objects.filter(cohort=cohort).count() == 1
    assert Enrolment.objects.filter(user=someone).count() == 2


def test_a_manager_adds_only_people_of_their_unit(cohort, unit, other_unit, boss):
    stranger = person(other_unit)
    with pytest.raises(ValidationError):
        services.cohort_members_add(cohort=cohort, users=[person(unit), stranger], by=boss)
    assert not CohortMember.objects.exists()
    assert not Enrolment.objects.exists()


def test_a_manager_of_another_unit_cannot_touch_the_cohort(cohort, unit, other_unit):
    with pytest.raises(PermissionDenied):
        services.cohort_members_add(cohort=cohort, users=[person(unit)], by=boss_of(other_unit))


def test_removing_members_keeps_their_enrolments(cohort, unit, boss):
    someone = person(unit)
    services.cohort_members_add(cohort=cohort, users=[someone], by=boss)
    assert services.cohort_members_remove(cohort=cohort, users=[someone], by=boss) == 1
    assert not cohort.members.exists()
    assert Enrolment.objects.filter(user=someone, status=EnrolmentStatus.ACTIVE).count() == 2


def codes_file(*codes):
    content = "Mã cán bộ\n" + "\n".join(codes) + "\n"
    return read_staff_codes(SimpleUploadedFile("ds.csv", content.encode(), "text/csv"))


def test_members_from_codes_all_or_nothing(cohort, unit, other_unit, boss):
    person(unit, code="CB001")
    person(other_unit, code="CB002")
    report = services.cohort_members_from_codes(
        cohort=cohort, code_list=codes_file("CB001", "CB002", "CB999", "cb001"), by=boss
    )
    assert not report.applied
    assert [row.outcome.code for row in report.rows] == ["add", "unknown", "unknown", "duplicate"]
    assert not CohortMember.objects.exists()


def test_members_from_codes_dry_run_then_apply(cohort, unit, boss):
    someone = person(unit, code="CB001")
    report = services.cohort_members_from_codes(
        cohort=cohort, code_list=codes_file("CB001"), by=boss, dry_run=True
    )
    assert not report.applied and not CohortMember.objects.exists()
    report = services.cohort_members_from_codes(
        cohort=cohort, code_list=codes_file("CB001"), by=boss
    )
    assert report.applied and report.result.added == 1
    assert list(cohort.members.all()) == [someone]


# Attendance ------------------------------------------------------------------------------


def test_attendance_record_marks_the_session_taken(cohort, unit, boss):
    people = [person(unit) for _ in range(3)]
    add_members(cohort, people)
    first = session(cohort)
    count = services.attendance_record(
        session=first,
        statuses={people[0].pk: (P, ""), people[1].pk: (A, ""), people[2].pk: (E, " ốm  ")},
        by=boss,
    )
    assert count == 3
    first.refresh_from_db()
    assert first.taken_by == boss and first.taken_at is not None
    assert AttendanceRecord.objects.get(user=people[2]).note == "ốm"
    # Saving again updates the records instead of adding more.
    services.attendance_record(session=first, statuses={people[1].pk: (P, "")}, by=boss)
    assert AttendanceRecord.objects.filter(session=first).count() == 3
    assert AttendanceRecord.objects.get(user=people[1]).status == P


@pytest.mark.parametrize(
    "bad",
    [
        lambda member, stranger: {stranger.pk: (P, "")},
        lambda member, stranger: {member.pk: ("late", "")},
        lambda member, stranger: {"x": (P, "")},
    ],
)
def test_attendance_record_refuses_bad_input(cohort, unit, boss, bad):
    member = person(unit)
    add_members(cohort, [member])
    first = session(cohort)
    with pytest.raises(ValidationError):
        services.attendance_record(
            session=first, statuses={member.pk: (A, ""), **bad(member, person(unit))}, by=boss
        )
    first.refresh_from_db()
    assert first.taken_at is None
    assert not AttendanceRecord.objects.exists()


def test_only_the_cohorts_lecturers_take_attendance(cohort, unit):
    own, other = teacher_of(unit), teacher_of(unit)
    cohort.lecturers.add(own)
    member = person(unit)
    add_members(cohort, [member])
    first = session(cohort)
    with pytest.raises(PermissionDenied):
        services.attendance_record(session=first, statuses={member.pk: (P, "")}, by=other)
    services.attendance_record(session=first, statuses={member.pk: (P, "")}, by=own)
    assert selectors.may_take_attendance(user=own, cohort=cohort)
    assert not selectors.may_manage_cohort(user=own, cohort=cohort)


def test_excused_absence_counts_as_missed(cohort, unit, boss):
    member = person(unit)
    add_members(cohort, [member])
    for day, status in ((1, P), (2, P), (3, E), (4, A)):
        services.attendance_record(
            session=session(cohort, day), statuses={member.pk: (status, "")}, by=boss
        )
    session(cohort, 5)  # not taken: does not count
    summary = cohort_attendance(cohort=cohort)[member.pk]
    assert summary.percent == Decimal("50.0")
    assert (summary.present, summary.absent, summary.excused) == (2, 1, 1)


# Scope and results -----------------------------------------------------------------------


def test_cohorts_visible_by_role(cohort, program_courses, unit, other_unit, boss):
    elsewhere = make_cohort(program=program_courses[0], unit=other_unit)
    teacher = teacher_of(other_unit)
    taught = make_cohort(program=program_courses[0], unit=other_unit, lecturers=[teacher])
    homeroom = make_cohort(program=program_courses[0], unit=other_unit, homeroom_manager=teacher)
    assert set(selectors.cohorts_visible_to(user=boss)) == {cohort}
    assert set(selectors.cohorts_visible_to(user=teacher)) == {taught, homeroom}
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert set(selectors.cohorts_visible_to(user=admin)) == {cohort, elsewhere, taught, homeroom}
    assert not selectors.cohorts_visible_to(user=person(unit)).exists()
    with pytest.raises(Http404):
        selectors.cohort_for(user=boss, cohort_id=elsewhere.pk)


def test_cohort_overview_gives_results_with_reasons(cohort, program_courses, unit, boss):
    _program, courses = program_courses
    exam = required_exam(courses[0], pass_mark="5")
    good, weak = person(unit, given_name="Bình"), person(unit, given_name="An")
    add_members(cohort, [good, weak])
    for course in courses:
        complete(good, course)
    grade(good, exam, "8.5")
    grade(weak, exam, "4")
    rows = selectors.cohort_overview(cohort=cohort)
    assert [row.user for row in rows] == [weak, good]  # An before Bình
    assert rows[1].result.passed and rows[1].result.grade == Decimal("8.50")
    assert not rows[0].result.passed
    reasons = " ".join(rows[0].result.reasons)
    assert "Học phần 1" in reasons and "4" in reasons


def test_cohort_save_checks_dates_and_unit(cohort, unit, other_unit, boss):
    cohort.ends_on = cohort.starts_on - datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        services.cohort_save(cohort=cohort, by=boss)
    cohort.refresh_from_db()
    cohort.unit = other_unit
    with pytest.raises(PermissionDenied):
        services.cohort_save(cohort=cohort, by=boss)


def test_cohort_delete(cohort, boss, other_unit):
    with pytest.raises(PermissionDenied):
        services.cohort_delete(cohort=cohort, by=boss_of(other_unit))
    services.cohort_delete(cohort=cohort, by=boss)
    assert not type(cohort).objects.exists()
