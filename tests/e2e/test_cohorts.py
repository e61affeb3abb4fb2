"""A training manager takes a session's attendance and sees each member's percentage."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from lms.models import AttendanceSession
from tests.factories import PASSWORD, TrainingUnitFactory
from tests.lms.cohorts.helpers import (
    add_members,
    boss_of,
    make_cohort,
    person,
    program_with_courses,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_manager_takes_attendance_for_the_whole_class(page, live_server):
    unit = TrainingUnitFactory(code="truong-diem-danh")
    boss = boss_of(unit)
    program, _courses = program_with_courses(count=1)
    cohort = make_cohort(program=program, unit=unit, code="CV-K09")
    hoa = person(unit, family_name="Lê Thị", given_name="Hoa")
    minh = person(unit, family_name="Phạm Văn", given_name="Minh")
    add_members(cohort, [hoa, minh])
    session = AttendanceSession.objects.create(
        cohort=cohort, date=datetime.date(2026, 11, 9), topic="Khai giảng", periods=4
    )

    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.locator("#id_username").fill(boss.username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()

    attendance_url = reverse(
        "lms_cohorts:attendance", kwargs={"cohort_id": cohort.pk, "session_id": session.pk}
    )
    page.goto(live_server.url + attendance_url)
    page.locator(f"input[name='status_{minh.pk}'][value='absent']").check()
    page.locator(f"input[name='note_{minh.pk}']").fill("Không báo trước")
    with page.expect_navigation():
        page.locator("form:has(input[type=radio]) button[type=submit]").first.click()

    page.goto(live_server.url + reverse("lms_cohorts:detail", kwargs={"cohort_id": cohort.pk}))
    expect(page.locator("tr", has_text="Lê Thị Hoa")).to_contain_text("100,0%")
    expect(page.locator("tr", has_text="Phạm Văn Minh")).to_contain_text("0,0%")
    assert not page.csp_violations
