"""Cohort sync for a program's new courses: automatic at first publication, or by a button."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from lessons import services as lesson_services
from lessons.models import Enrolment
from lessons.models.enrolment import EnrolmentStatus
from lms.selectors import cohorts as selectors
from lms.services import cohorts as services
from tests.factories import TrainingUnitFactory
from tests.lessons.builders import make_course

from .helpers import add_members, boss_of, make_cohort, person, program_with_courses, teacher_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return TrainingUnitFactory(code="truong-a")


@pytest.fixture
def boss(unit):
    return boss_of(unit)


@pytest.fixture
def program():
    return program_with_courses(1)[0]


def running_cohort(program, unit, **fields):
    today = timezone.localdate()
    return make_cohort(
        program=program,
        unit=unit,
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=30),
        **fields,
    )


def members_of(cohort, unit, count=2):
    people = [person(unit, given_name=f"Viên {n}") for n in range(count)]
    add_members(cohort, people)
    return people


def active_in(course):
    return set(
        Enrolment.objects.filter(course=course, status=EnrolmentStatus.ACTIVE).values_list(
            "user_id", flat=True
        )
    )


def test_a_new_course_enrols_the_running_cohorts_members(program, unit, boss):
    cohort = running_cohort(program, unit, homeroom_manager=boss)
    people = members_of(cohort, unit)
    course = make_course(program=program, title="Học phần mới")
    assert active_in(course) == {user.pk for user in people}
    assert set(Enrolment.objects.filter(course=course).values_list("created_by", flat=True)) == {
        boss.pk
    }


def test_republishing_does_not_reenrol_someone_taken_out(program, unit, boss):
    cohort = running_cohort(program, unit, homeroom_manager=boss)
    leaver, stayer = members_of(cohort, unit)
    course = make_course(program=program, title="Học phần mới")
    lesson_services.enrolment_remove(user=leaver, course=course, by=boss)
    course.save_revision().publish()
    assert active_in(course) == {stayer.pk}


def test_ended_cohorts_and_inactive_members_are_left_alone(program, unit, boss):
    ended = make_cohort(program=program, unit=unit, homeroom_manager=boss)  # ended in May
    members_of(ended, unit)
    running = running_cohort(program, unit, homeroom_manager=boss)
    active, disabled = members_of(running, unit)
    disabled.is_active = False
    disabled.save()
    course = make_course(program=program, title="Học phần mới")
    assert active_in(course) == {active.pk}


def test_publishing_works_when_the_homeroom_manager_may_not_enrol(program, unit, boss):
    boss.groups.clear()
    boss.user_permissions.add(Permission.objects.get(codename="change_cohort"))
    boss = type(boss).objects.get(pk=boss.pk)  # without the cached permissions
    cohort = running_cohort(program, unit, homeroom_manager=boss)
    members_of(cohort, unit)
    course = make_course(program=program, title="Học phần mới")
    assert course.live and active_in(course) == set()


def test_without_a_homeroom_manager_the_cohort_page_offers_the_sync(program, unit, boss):
    cohort = running_cohort(program, unit)
    people = members_of(cohort, unit, count=3)
    course = make_course(program=program, title="Học phần mới")
    assert active_in(course) == set()
    missing = selectors.cohort_missing_enrolments(cohort=cohort)
    assert {(item.course.pk, item.count) for item in missing} >= {(course.pk, 3)}
    result = services.cohort_enrolments_sync(cohort=cohort, by=boss)
    assert result.enrolled == 6  # the program's first course too
    assert active_in(course) == {user.pk for user in people}
    assert selectors.cohort_missing_enrolments(cohort=cohort) == []
    assert services.cohort_enrolments_sync(cohort=cohort, by=boss).enrolled == 0


def test_missing_enrolments_cost_three_queries(program, unit, django_assert_num_queries):
    cohort = running_cohort(program, unit)
    members_of(cohort, unit, count=5)
    make_course(program=program, title="Học phần mới")
    with django_assert_num_queries(3):
        assert len(selectors.cohort_missing_enrolments(cohort=cohort)) == 2


def test_only_the_units_managers_sync(program, unit, boss):
    cohort = running_cohort(program, unit)
    members_of(cohort, unit)
    outsider = boss_of(TrainingUnitFactory(code="truong-b"))
    with pytest.raises(PermissionDenied):
        services.cohort_enrolments_sync(cohort=cohort, by=outsider)
    with pytest.raises(PermissionDenied):
        services.cohort_enrolments_sync(cohort=cohort, by=teacher_of(unit))
    course = make_course(program=program, title="Học phần mới")
    assert active_in(course) == set()


def test_cohort_page_button_enrols_the_members(client, program, unit, boss):
    cohort = running_cohort(program, unit)
    people = members_of(cohort, unit)
    course = make_course(program=program, title="Học phần mới")
    profile = UserProfile.get_for_user(boss)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(boss)
    detail = reverse("lms_cohorts:detail", kwargs={"cohort_id": cohort.pk})
    sync = reverse("lms_cohorts:members_enrol", kwargs={"cohort_id": cohort.pk})
    page = client.get(detail).text
    assert "Học phần mới: 2 members not enrolled" in page and sync in page
    assert client.get(sync).status_code == 405
    response = client.post(sync, follow=True)
    assert "4 course enrolments made." in response.text
    assert active_in(course) == {user.pk for user in people}
    assert sync not in client.get(detail).text


def test_lecturers_of_the_cohort_cannot_sync(client, program, unit):
    teacher = teacher_of(unit)
    cohort = running_cohort(program, unit, lecturers=[teacher])
    members_of(cohort, unit)
    client.force_login(teacher)
    sync = reverse("lms_cohorts:members_enrol", kwargs={"cohort_id": cohort.pk})
    assert (
        sync not in client.get(reverse("lms_cohorts:detail", kwargs={"cohort_id": cohort.pk})).text
    )
    assert client.post(sync).status_code == 302  # to the dashboard, refused
    assert not Enrolment.objects.exists()
