"""The lecturers' results table of a quiz: order, grades, filters, XLSX, distribution, access."""

import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from lessons.services import enrolment_create
from quizzes import services
from quizzes.grading import bands_for, classify
from quizzes.manage import selectors
from quizzes.models import Attempt
from tests.factories import ProfileFactory, TrainingUnitFactory, UserFactory, learner, lecturer
from tests.factories import manager as make_manager
from tests.lessons.builders import make_course
from tests.quizzes.builders import make_category, make_question, make_quiz

pytestmark = pytest.mark.django_db

RIGHT, WRONG = {"choice": "a"}, {"choice": "b"}


def person(family_name, given_name, *, unit=None, staff_code=None):
    user = learner()
    fields = {"unit": unit} if unit else {}
    ProfileFactory(
        user=user, family_name=family_name, given_name=given_name, staff_code=staff_code, **fields
    )
    return user


def take(quiz, user, right):
    """An attempt with the first ``right`` of the quiz's four questions answered right."""
    enrolment_create(user=user, course=quiz.course)
    attempt = services.attempt_start(user=user, quiz=quiz)
    for slot in range(1, 5):
        answer = RIGHT if slot <= right else WRONG
        services.attempt_save(attempt=attempt, user=user, slot=slot, answer=answer, sequence=1)
    return services.attempt_submit(attempt=attempt, user=user)


def url(name, quiz, **query):
    address = reverse(f"quizzes_manage:{name}", args=[quiz.pk])
    if query:
        address += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return address


def table_names(html):
    return re.findall(r'<th scope="row" class="title">([^<]+)</th>', html)


@pytest.fixture
def teacher():
    return lecturer()


@pytest.fixture
def units():
    return (
        TrainingUnitFactory(name="Trường Chính trị tỉnh Hà Nam", code="ha-nam"),
        TrainingUnitFactory(name="Trường Chính trị tỉnh Thừa Thiên Huế", code="hue"),
    )


@pytest.fixture
def exam(teacher, units):
    """Four one-mark questions, two attempts allowed, the last one counts.

    An 7,50; Ánh 2,50; Bình 10 then 5,00; Cường enrolled, not attempted.
    """
    category = make_category()
    questions = [make_question(category=category) for _ in range(4)]
    quiz = make_quiz(
        course=make_course(lecturers=[teacher]),
        questions=questions,
        attempts_allowed=2,
        grading_method="last",
    )
    hanam, hue = units
    people = {
        "binh": person("Trần Thị", "Bình", unit=hanam, staff_code="CB-003"),
        "an": person("Nguyễn Văn", "An", unit=hanam, staff_code="CB-001"),
        "anh": person("Lê", "Ánh", unit=hue, staff_code="CB-002"),
        "cuong": person("Đỗ Văn", "Cường", unit=hue, staff_code="CB-004"),
    }
    take(quiz, people["an"], 3)
    take(quiz, people["anh"], 1)
    take(quiz, people["binh"], 4)
    take(quiz, people["binh"], 2)
    enrolment_create(user=people["cuong"], course=quiz.course)
    return quiz, people


def test_results_list_learners_in_vietnamese_order(client, exam, teacher):
    quiz, _people = exam
    client.force_login(teacher)
    response = client.get(url("results", quiz))
    assert response.status_code == 200
    html = response.content.decode()
    assert table_names(html) == ["Nguyễn Văn An", "Lê Ánh", "Trần Thị Bình", "Đỗ Văn Cường"]


def test_a_unit_manager_reads_only_their_units_results(client, exam, units):
    quiz, _people = exam
    boss = make_manager()
    ProfileFactory(user=boss, unit=units[1])
    client.force_login(boss)

    html = client.get(url("results", quiz)).content.decode()

    assert table_names(html) == ["Lê Ánh", "Đỗ Văn Cường"]
    assert "Bình" not in html


def test_grades_have_two_decimals_with_a_decimal_comma(client, exam, teacher):
    quiz, _people = exam
    client.force_login(teacher)
    html = client.get(url("results", quiz)).content.decode()
    grades = re.findall(r"<td data-quiz-grade>(?:<strong>)?([^<]+)", html)
    assert grades == ["7,50", "2,50", "5,00", "—"]
    assert html.count('data-passed="yes"') == 2 and html.count('data-passed="no"') == 1


def test_rows_hold_attempts_best_and_final_grade_and_classification(exam):
    quiz, people = exam
    bands = bands_for(quiz)
    rows = {
        row.user: row
        for row in selectors.result_rows(quiz=quiz, users=selectors.quiz_learners(quiz=quiz))
    }
    binh = rows[people["binh"]]
    assert (binh.attempt_count, binh.finished_count) == (2, 2)
    assert binh.best_grade == Decimal("10.00") and binh.grade == Decimal("5.00")
    assert binh.passed and binh.classification == classify(Decimal("5.00"), bands)
    assert [attempt.number for attempt in binh.attempts] == [1, 2]
    an = rows[people["an"]]
    assert an.classification == classify(Decimal("7.50"), bands) and an.passed
    assert rows[people["anh"]].passed is False
    cuong = rows[people["cuong"]]
    assert cuong.attempt_count == 0 and cuong.grade is None and cuong.passed is None
    assert cuong.classification == ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"state": "finished"}, ["Nguyễn Văn An", "Lê Ánh", "Trần Thị Bình"]),
        ({"state": "not_started"}, ["Đỗ Văn Cường"]),
        ({"passed": "passed"}, ["Nguyễn Văn An", "Trần Thị Bình"]),
        ({"passed": "failed"}, ["Lê Ánh"]),
        (
            {"state": "bogus", "passed": "x"},
            ["Nguyễn Văn An", "Lê Ánh", "Trần Thị Bình", "Đỗ Văn Cường"],
        ),
    ],
)
def test_filters(client, exam, teacher, query, expected):
    quiz, _people = exam
    client.force_login(teacher)
    response = client.get(url("results", quiz, **query))
    assert response.status_code == 200
    assert table_names(response.content.decode()) == expected


def test_filter_by_unit_and_waiting_for_grading(client, exam, teacher, units):
    quiz, people = exam
    _hanam, hue = units
    client.force_login(teacher)
    html = client.get(url("results", quiz, unit=hue.pk)).content.decode()
    assert table_names(html) == ["Lê Ánh", "Đỗ Văn Cường"]
    Attempt.objects.filter(user=people["anh"]).update(needs_grading=True)
    html = client.get(url("results", quiz, waiting="on")).content.decode()
    assert table_names(html) == ["Lê Ánh"] and "data-waiting" in html
    html = client.get(url("results", quiz, unit=999999)).content.decode()
    assert len(table_names(html)) == 4


def test_summary_counts_the_filtered_learners(exam):
    quiz, _people = exam
    summary = selectors.results_summary(users=selectors.quiz_learners(quiz=quiz))
    assert (summary.learners, summary.submitted, summary.passed) == (4, 3, 2)
    assert summary.average == Decimal("5.00")  # (7,50 + 2,50 + 5,00) / 3
    failed = selectors.quiz_learners(quiz=quiz, passed=selectors.FAILED)
    assert selectors.results_summary(users=failed).learners == 1


def test_grade_distribution_table_has_the_chart_numbers(client, exam, teacher):
    quiz, _people = exam
    bands = selectors.grade_distribution(quiz=quiz)
    assert [band.count for band in bands] == [0, 0, 1, 0, 0, 1, 0, 1, 0, 0]
    client.force_login(teacher)
    html = client.get(url("results", quiz)).content.decode()
    table = html[html.index("data-grade-chart=") :]
    values = re.findall(r'<td data-value="(\d+)">', table)
    assert values == ["0", "0", "1", "0", "0", "1", "0", "1", "0", "0"]
    assert 'id="grade-distribution-chart"' in html
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert "quizzes/manage/grade_chart.js" in html


def test_ten_is_in_the_last_band(exam):
    quiz, people = exam
    take(quiz, make := learner(), 4)
    assert make.quiz_grades.get(quiz=quiz).grade == Decimal("10.00")
    assert selectors.grade_distribution(quiz=quiz)[9].count == 1


def test_export_has_vietnamese_headers_and_the_rows(client, exam, teacher):
    quiz, _people = exam
    client.force_login(teacher)
    response = client.get(url("results_export", quiz))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="ket-qua-')
    workbook = load_workbook(io.BytesIO(response.content))
    results, attempts = workbook.worksheets
    rows = list(results.iter_rows(values_only=True))
    assert rows[0][:4] == ("STT", "Họ và tên đệm", "Tên", "Mã cán bộ")
    assert [row[2] for row in rows[1:]] == ["An", "Ánh", "Bình", "Cường"]
    an = rows[1]
    assert an[7] == 7.5 and an[8] == 7.5 and an[9] == "Đạt"
    binh = rows[3]
    assert binh[5:9] == (2, 2, 10, 5)
    assert rows[2][9] == "Không đạt" and rows[4][9] is None
    attempt_rows = list(attempts.iter_rows(values_only=True))[1:]
    assert [(row[2], row[4], row[10]) for row in attempt_rows] == [
        ("An", 1, 7.5),
        ("Ánh", 1, 2.5),
        ("Bình", 1, 10),
        ("Bình", 2, 5),
    ]


def test_export_follows_the_filters(client, exam, teacher):
    quiz, _people = exam
    client.force_login(teacher)
    response = client.get(url("results_export", quiz, passed="failed"))
    rows = list(
        load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True)
    )
    assert [row[2] for row in rows[1:]] == ["Ánh"]


def test_query_count_does_not_grow_with_learners(client, teacher, django_assert_max_num_queries):
    quiz = make_quiz(
        course=make_course(lecturers=[teacher]),
        questions=[make_question() for _ in range(4)],
    )
    client.force_login(teacher)

    def add(count):
        for index in range(count):
            take(quiz, person("Phạm Văn", f"Học viên {index}", unit=TrainingUnitFactory()), 2)

    add(5)
    with CaptureQueriesContext(connection) as few:
        client.get(url("results", quiz))
        client.get(url("results_export", quiz))
    add(45)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(url("results", quiz)).content.decode()
        client.get(url("results_export", quiz))
    assert len(table_names(html)) == 50


# --- Who may see it --------------------------------------------------------------


@pytest.mark.parametrize("name", ["results", "results_export", "statistics"])
def test_lecturer_of_another_course_is_refused(client, exam, name):
    quiz, _people = exam
    other = lecturer()
    make_course(title="Khóa khác", lecturers=[other])
    client.force_login(other)
    response = client.get(url(name, quiz))
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize("name", ["results", "results_export", "statistics"])
def test_learners_and_visitors_are_sent_to_log_in(client, exam, name):
    quiz, people = exam
    assert client.get(url(name, quiz))["Location"].startswith(reverse("wagtailadmin_login"))
    client.force_login(people["an"])
    assert client.get(url(name, quiz))["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize("name", ["results", "results_export", "statistics"])
def test_managers_and_superusers_may_read_results(client, exam, name):
    quiz, _people = exam
    client.force_login(make_manager())
    response = client.get(url(name, quiz))
    assert response.status_code == 200
    if name == "results":
        html = response.content.decode()
        assert 'data-nav="queue"' not in html and 'data-nav="overrides"' not in html
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(url(name, quiz)).status_code == 200


def test_unknown_quiz_is_not_found(client, teacher):
    client.force_login(teacher)
    assert client.get(reverse("quizzes_manage:results", args=[999999])).status_code == 404


def test_page_explorer_offers_the_screens_to_the_courses_lecturer(client, exam, teacher):
    quiz, _people = exam
    client.force_login(teacher)
    listing = client.get(reverse("wagtailadmin_explore", args=[quiz.course.pk]))
    assert listing.status_code == 200
    html = listing.content.decode()
    for name in ("results", "queue", "statistics", "overrides"):
        assert reverse(f"quizzes_manage:{name}", args=[quiz.pk]) in html
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[quiz.pk])).content.decode()
    assert reverse("quizzes_manage:results", args=[quiz.pk]) in edit
    client.force_login(lecturer())
    html = client.get(reverse("wagtailadmin_explore", args=[quiz.course.pk])).content.decode()
    assert reverse("quizzes_manage:results", args=[quiz.pk]) not in html
