"""The course gradebook: values, weights, missing grades, access, XLSX and query counts."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from lessons import services as lesson_services
from lms.reports import admin as reports_admin
from lms.selectors.gradebook import course_gradebook, gradebook_courses
from tests.factories import UserFactory, lecturer
from tests.lessons.builders import make_course
from tests.quizzes.builders import make_quiz

from .conftest import grade, person

pytestmark = pytest.mark.django_db


def url(course):
    return reverse("lms_reports:gradebook", args=[course.pk])


def names(book):
    return [row.full_name for row in book.rows]


def test_columns_in_tree_order_with_weights_and_manual_mark(world):
    book = course_gradebook(course=world.c1, user=world.teacher)
    assert [(c.quiz.pk, c.weight, c.is_required, c.manual) for c in book.columns] == [
        (world.q1.pk, Decimal("2.00"), True, False),
        (world.q2.pk, Decimal("1.00"), False, True),
    ]
    assert book.pass_mark == Decimal("5.00")
    assert book.program.pk == world.p1.pk


def test_values_weighted_grade_and_missing(world):
    book = course_gradebook(course=world.c1, user=world.teacher)
    assert names(book) == ["Nguyễn Văn An", "Lê Ánh", "Trần Thị Bình"]
    an, anh, binh = book.rows
    assert [cell.grade for cell in an.cells] == [Decimal("8.00"), Decimal("6.50")]
    # (8 × 2 + 6,5 × 1) / 3 = 7,50
    assert an.grade == Decimal("7.50")
    assert an.passed is True
    assert an.completed_at.date() == datetime.date(2026, 3, 10)
    assert anh.grade == Decimal("9.00")
    assert binh.grade is None
    assert binh.missing == 1
    assert binh.passed is None
    assert [cell.waiting for cell in binh.cells] == [False, True]
    assert binh.completed_at is not None


def test_weight_zero_does_not_count_and_fail_below_pass_mark(world):
    extra = make_quiz(course=world.c1, title="Khảo sát", weight=Decimal("0"))
    grade(world.q2, world.binh, "3.00", passed=False)
    book = course_gradebook(course=world.c1, user=world.teacher)
    binh = book.rows[2]
    assert [column.quiz.pk for column in book.columns][-1] == extra.pk
    # (4 × 2 + 3) / 3 = 3,67; the ungraded weight-0 survey is not missing.
    assert binh.grade == Decimal("3.67")
    assert binh.missing == 0
    assert binh.passed is False


def test_manager_sees_only_learners_of_their_unit(world):
    book = course_gradebook(course=world.c1, user=world.manager_a)
    assert names(book) == ["Nguyễn Văn An", "Trần Thị Bình"]
    book = course_gradebook(course=world.c1, user=world.manager_a, unit=world.unit_b)
    assert book.rows == []


def test_filters_by_cohort_and_unit(world):
    book = course_gradebook(course=world.c1, user=world.teacher, cohort=world.cohort)
    assert names(book) == ["Nguyễn Văn An", "Trần Thị Bình"]
    book = course_gradebook(course=world.c1, user=world.teacher, unit=world.unit_b)
    assert names(book) == ["Lê Ánh"]


def test_other_lecturers_and_learners_are_refused(world):
    with pytest.raises(PermissionDenied):
        course_gradebook(course=world.c1, user=lecturer())
    with pytest.raises(PermissionDenied):
        course_gradebook(course=world.c1, user=world.an)


def test_course_list_by_role(world):
    assert [c.pk for c in gradebook_courses(user=world.teacher)] == [world.c1.pk]
    courses = gradebook_courses(user=world.manager_a)
    assert [c.pk for c in courses] == [world.c1.pk, world.c2.pk, world.c3.pk]
    assert courses[0].program_title == world.p1.title


# --- Screens ---------------------------------------------------------------------


def test_gradebook_page(client, world):
    client.force_login(world.teacher)
    response = client.get(url(world.c1))
    assert response.status_code == 200
    html = response.content.decode()
    assert "7,50" in html
    assert "6,50" in html
    assert "data-waiting" in html
    assert "10/03/2026" in html
    assert world.q2.title in html


def test_gradebook_list_page(client, world):
    client.force_login(world.teacher)
    html = client.get(reverse("lms_reports:gradebooks")).content.decode()
    assert url(world.c1) in html
    assert url(world.c3) not in html


@pytest.mark.parametrize("who", ["other_lecturer", "learner"])
def test_foreign_course_is_refused(client, world, who):
    user = lecturer() if who == "other_lecturer" else world.an
    client.force_login(user)
    for query in ({}, {"format": "xlsx"}):
        response = client.get(url(world.c1), query)
        assert response.status_code in (302, 403)
        assert world.an.profile.full_name not in response.content.decode()


def test_unknown_course_is_404(client, world):
    client.force_login(world.manager_a)
    assert client.get(reverse("lms_reports:gradebook", args=[999999])).status_code == 404
    # A lesson or program id is not a course either.
    assert client.get(url(world.p1)).status_code == 404


def test_manager_filtering_a_foreign_unit_gets_an_error(client, world):
    client.force_login(world.manager_a)
    response = client.get(url(world.c1), {"unit": world.unit_b.pk})
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert names(response.context["gradebook"]) == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert world.anh.profile.full_name not in response.content.decode()


def vi(msgid):
    with translation.override("vi"):
        return gettext(msgid)


def test_xlsx_export(client, world):
    client.force_login(world.teacher)
    response = client.get(url(world.c1), {"format": "xlsx"})
    assert response.status_code == 200
    assert "so-diem-" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:2] == [vi("No."), vi("Family and middle names")]
    assert headers[-3:] == [vi("Course grade"), vi("Result"), vi("Completion date")]
    with translation.override("vi"):
        weight_header = gettext("%(quiz)s (weight %(weight)s)") % {
            "quiz": world.q1.title,
            "weight": "2",
        }
    assert headers[5] == weight_header
    an = list(sheet[2])
    assert an[1].value == "Nguyễn Văn"
    assert an[5].value == 8
    assert an[5].number_format == "0.00"
    assert an[7].value == 7.5
    assert an[-1].value.date() == datetime.date(2026, 3, 10)
    assert an[-1].number_format == "dd/mm/yyyy"
    binh = [cell.value for cell in sheet[4]]
    assert binh[6] == vi("Needs grading")
    assert binh[7] is None
    assert binh[8] == vi("Incomplete")


# --- Query counts ------------------------------------------------------------------


def grow(course, unit, *, learners, quizzes):
    new_quizzes = [make_quiz(course=course, title=f"Bài {n}") for n in range(quizzes)]
    for n in range(learners):
        user = person("Vũ Thị", f"Mai {n}", unit=unit)
        lesson_services.enrolment_create(user=user, course=course)
        for quiz in new_quizzes:
            grade(quiz, user, "7.00", passed=True)


def test_query_count_is_constant(client, world, django_assert_max_num_queries):
    course = make_course(program=world.p1, lecturers=[world.teacher])
    client.force_login(world.teacher)
    grow(course, world.unit_a, learners=2, quizzes=2)
    client.get(url(course))
    with CaptureQueriesContext(connection) as context:
        assert client.get(url(course)).status_code == 200
    measured = len(context.captured_queries)
    grow(course, world.unit_b, learners=8, quizzes=3)
    with django_assert_max_num_queries(measured):
        response = client.get(url(course))
    assert len(response.context["gradebook"].rows) == 10
    assert len(response.context["gradebook"].columns) == 5


def test_superuser_sees_everyone(world):
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert len(course_gradebook(course=world.c1, user=admin).rows) == 3


def test_gradebook_button_on_course_pages_for_its_lecturers():
    teacher, other = lecturer(), lecturer()
    course = make_course(lecturers=[teacher])

    [button] = reports_admin.course_header_buttons(page=course, user=teacher, view_name="edit")

    assert button.is_shown(teacher)
    assert not button.is_shown(other)
    assert button.url == url(course)
