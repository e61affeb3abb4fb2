"""A training manager opens the reports dashboard: charts drawn beside their tables."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from lessons import services as lesson_services
from tests.factories import PASSWORD, TrainingUnitFactory, manager
from tests.lessons.builders import make_course, make_program
from tests.lms.reports.conftest import certificate, person

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_manager_sees_dashboard_charts(page, live_server):
    unit = TrainingUnitFactory(code="truong-bao-cao")
    boss = person("Hoàng", "Quản", unit=unit, make=manager)
    program = make_program(title="Bồi dưỡng ngạch chuyên viên", unit=unit)
    course = make_course(program=program)
    an = person("Nguyễn Văn", "An", unit=unit)
    lesson_services.enrolment_create(user=an, course=course)
    certificate(user=an, program=program, unit=unit, issued=datetime.date(2026, 3, 2), by=boss)

    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.locator("#id_username").fill(boss.username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()

    page.goto(
        live_server.url
        + reverse("lms_reports:dashboard")
        + "?date_from=01/01/2026&date_to=31/12/2026"
    )
    expect(page.locator("#months-chart")).to_be_visible()
    expect(page.locator("#programs-chart")).to_be_visible()
    expect(page.locator("tr[data-month='03/2026']")).to_contain_text("1")
    assert not page.csp_violations
