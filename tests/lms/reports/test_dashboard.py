"""The reports dashboard: exact numbers, unit scoping, filters, XLSX and query counts."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from openpyxl import load_workbook

from lessons import services as lesson_services
from lms.models import Cohort
from lms.reports import admin as reports_admin
from lms.selectors import reports as selectors
from tests.factories import TrainingUnitFactory, UserFactory, learner
from tests.lessons.builders import make_course, make_program
from tests.quizzes.builders import make_quiz

from .conftest import TODAY, certificate, grade, person

pytestmark = pytest.mark.django_db

URL = "lms_reports:dashboard"
PERIOD = {"date_from": "01/01/2026", "date_to": "30/11/2026"}


def numbers(user, **filters):
    scope = selectors.dashboard_scope(user=user, **filters)
    return selectors.dashboard(scope=scope, today=TODAY)


def rows(items):
    return [(row.program, row.course, row.total, row.count, row.rate) for row in items]


def test_numbers_of_a_unit(world):
    board = numbers(world.manager_a)
    assert board.learners == 3
    assert board.enrolments == 4
    assert board.completions == 2
    assert board.completion_rate == Decimal("50.0")
    assert (board.exams_graded, board.exams_passed) == (3, 2)
    assert board.exam_pass_rate == Decimal("66.7")
    assert (board.certificates_valid, board.certificates_revoked) == (2, 1)
    p1, p2 = world.p1.title, world.p2.title
    assert rows(board.programs) == [(p1, "", 3, 2, Decimal("66.7")), (p2, "", 1, 0, Decimal("0.0"))]
    assert rows(board.exams) == [
        (p1, world.c1.title, 2, 1, Decimal("50.0")),
        (p2, world.c3.title, 1, 1, Decimal("100.0")),
    ]


def test_certificates_by_month(world):
    board = numbers(world.manager_a)
    assert [row.month for row in board.months][0] == datetime.date(2025, 12, 1)
    assert len(board.months) == 12
    counts = {row.month: (row.valid, row.revoked) for row in board.months if row.issued}
    assert counts == {datetime.date(2026, 3, 1): (1, 1), datetime.date(2026, 11, 1): (1, 0)}


def test_period_filters_completions_grades_and_certificates(world):
    board = numbers(
        world.manager_a, date_from=datetime.date(2026, 1, 1), date_to=datetime.date(2026, 3, 31)
    )
    # Bình's completion (2025) and Cường's certificate (11/2026) fall outside.
    assert (board.enrolments, board.completions) == (4, 1)
    assert board.completion_rate == Decimal("25.0")
    assert (board.certificates_valid, board.certificates_revoked) == (1, 1)
    # Grades were last graded in June.
    assert board.exams_graded == 0
    assert board.exam_pass_rate is None
    assert [row.month for row in board.months] == [
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
        datetime.date(2026, 3, 1),
    ]


def test_cohort_filter_keeps_its_members_and_program(world):
    board = numbers(world.manager_a, cohort=world.cohort)
    assert board.learners == 2
    assert (board.enrolments, board.completions) == (3, 2)
    assert (board.exams_graded, board.exams_passed) == (2, 1)
    assert (board.certificates_valid, board.certificates_revoked) == (1, 1)


def test_program_filter(world):
    board = numbers(world.manager_a, program=world.p2)
    assert board.learners == 1
    assert (board.enrolments, board.completions) == (1, 0)
    assert (board.certificates_valid, board.certificates_revoked) == (1, 0)


def test_superuser_sees_every_unit_and_filters_one(world):
    admin = UserFactory(is_superuser=True, is_staff=True)
    board = numbers(admin)
    assert board.learners == 4
    assert (board.certificates_valid, board.certificates_revoked) == (3, 1)
    board = numbers(admin, unit=world.unit_b)
    assert board.learners == 1
    assert (board.enrolments, board.completions) == (1, 1)
    assert (board.exams_graded, board.exams_passed) == (1, 1)
    assert (board.certificates_valid, board.certificates_revoked) == (1, 0)


def test_foreign_unit_or_cohort_gives_nothing_in_the_selector(world):
    board = numbers(world.manager_a, unit=world.unit_b)
    assert (board.learners, board.enrolments, board.exams_graded) == (0, 0, 0)
    assert (board.certificates_valid, board.certificates_revoked) == (0, 0)


def test_manager_without_unit_sees_nothing(world):
    lonely = UserFactory(role="Quản lý đào tạo")
    board = numbers(lonely)
    assert (board.learners, board.enrolments, board.certificates_valid) == (0, 0, 0)


# --- The screen ------------------------------------------------------------------


def test_page_shows_numbers_with_decimal_comma(client, world):
    client.force_login(world.manager_a)
    response = client.get(reverse(URL), PERIOD)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-number="learners">3<' in html
    assert "50,0&nbsp;%" in html
    assert "66,7&nbsp;%" in html
    assert 'data-month="03/2026"' in html
    assert ">03/2026<" in html
    assert "data-report-chart" in html
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert "lms/js/report_charts.js" in html
    assert world.anh.profile.full_name not in html


def test_unit_choices_are_the_managers_own(client, world):
    client.force_login(world.manager_a)
    html = client.get(reverse(URL)).content.decode()
    assert world.unit_a.name in html
    assert world.unit_b.name not in html


def test_foreign_unit_id_is_refused_with_a_message(client, world):
    client.force_login(world.manager_a)
    response = client.get(reverse(URL), {"unit": world.unit_b.pk})
    assert response.status_code == 200
    form = response.context["form"]
    assert "unit" in form.errors
    board = response.context["dashboard"]
    # The refused filter is ignored: unit A's numbers, never unit B's.
    assert board.learners == 3
    assert board.certificates_valid == 2


def test_foreign_cohort_id_is_refused(client, world):
    foreign = Cohort.objects.create(
        code="HUE-1",
        name="Lớp Huế",
        program=world.p1,
        unit=world.unit_b,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 2, 1),
    )
    client.force_login(world.manager_a)
    response = client.get(reverse(URL), {"cohort": foreign.pk})
    assert "cohort" in response.context["form"].errors
    assert response.context["dashboard"].scope.cohort is None


@pytest.mark.parametrize(
    "query",
    [
        {"date_from": "32/13/2026"},
        {"date_to": "abc"},
        {"date_from": "10/05/2026", "date_to": "01/05/2026"},
        {"program": "999999"},
    ],
)
def test_bad_filter_input_shows_an_error(client, world, query):
    client.force_login(world.manager_a)
    response = client.get(reverse(URL), query)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors
    html = response.content.decode()
    for messages in errors.values():
        assert all(escape(message) in html for message in messages)
    assert response.context["dashboard"].learners == 3


def test_end_before_start_message(client, world):
    client.force_login(world.manager_a)
    response = client.get(reverse(URL), {"date_from": "10/05/2026", "date_to": "01/05/2026"})
    assert response.context["form"].errors["date_to"] == [
        gettext("The end of the period cannot be before its start.")
    ]


@pytest.mark.parametrize("make", [learner, None])
def test_no_access_for_learners_lecturers_and_guests(client, world, make):
    if make:
        client.force_login(make())
    response = client.get(reverse(URL))
    assert response.status_code in (302, 403)


def test_lecturer_is_refused(client, world):
    """Wagtail turns the PermissionDenied into a redirect to the admin home with a message."""
    client.force_login(world.teacher)
    response = client.get(reverse(URL))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    response = client.get(reverse(URL), {"format": "xlsx"})
    assert response.status_code == 302


# --- XLSX --------------------------------------------------------------------------


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def vi(msgid):
    with translation.override("vi"):
        return gettext(msgid)


def test_xlsx_has_every_table_with_vietnamese_headers(client, world):
    client.force_login(world.manager_a)
    book = workbook(client.get(reverse(URL), {**PERIOD, "format": "xlsx"}))
    assert len(book.worksheets) == 4
    summary = book.worksheets[0]
    headers = [cell.value for cell in summary[1]]
    assert headers[:3] == [vi("From"), vi("To"), vi("Learners")]
    values = [cell.value for cell in summary[2]]
    assert values[0].date() == datetime.date(2026, 1, 1)
    assert summary.cell(row=2, column=1).number_format == "dd/mm/yyyy"
    assert values[2:6] == [3, 4, 1, 25]
    months = book.worksheets[1]
    assert [cell.value for cell in months[1]][0] == vi("Month")
    month_rows = {row[0]: row[1:] for row in months.iter_rows(min_row=2, values_only=True)}
    assert month_rows["03/2026"] == (1, 1, 2)
    programs = book.worksheets[2]
    assert [cell.value for cell in programs[1]][1] == vi("Training program")
    assert programs.cell(row=2, column=5).number_format == "0.00"


def test_xlsx_of_one_table(client, world):
    client.force_login(world.manager_a)
    book = workbook(client.get(reverse(URL), {"format": "xlsx", "table": "exams"}))
    [sheet] = book.worksheets
    body = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[2] for row in body] == [world.c1.title, world.c3.title]
    assert [row[5] for row in body] == [50, 100]


# --- Menu --------------------------------------------------------------------------


def test_menu_item_shown_to_managers_and_course_lecturers(world):
    item = reports_admin.menu_item()
    request = RequestFactory().get("/admin/")
    for user, shown in [
        (world.manager_a, True),
        (world.teacher, True),
        (world.an, False),
        (AnonymousUser(), False),
    ]:
        request.user = user
        assert item.is_shown(request) is shown


# --- Query counts ------------------------------------------------------------------


def grow(world, count):
    """Add ``count`` programs, each with a course, a learner, a grade and a certificate."""
    unit = world.unit_a
    for index in range(count):
        program = make_program(title=f"Chương trình {index}", unit=unit)
        course = make_course(program=program, title=f"Khóa {index}")
        quiz = make_quiz(course=course, is_required=True)
        user = person("Vũ Thị", f"Mai {index}", unit=unit)
        lesson_services.enrolment_create(user=user, course=course)
        grade(quiz, user, "6.00", passed=True)
        certificate(
            user=user, program=program, unit=unit, issued=datetime.date(2026, 5, 2), by=user
        )
    TrainingUnitFactory()


def queries(client):
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse(URL), PERIOD)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_query_count_does_not_grow_with_programs(client, world, django_assert_max_num_queries):
    client.force_login(world.manager_a)
    queries(client)  # warm caches (permissions, site)
    grow(world, 2)
    measured = queries(client)
    grow(world, 4)
    with django_assert_max_num_queries(measured):
        response = client.get(reverse(URL), PERIOD)
    assert len(response.context["dashboard"].programs) == 8
