"""A lecturer grades an essay in the admin and the learner's grade changes."""

import time
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse

from lessons.services import enrolment_create
from quizzes.models import Attempt, QuizGrade, QuizPage, QuizSlot, Response
from tests.factories import PASSWORD, learner, lecturer
from tests.lessons.builders import make_course
from tests.quizzes.builders import make_category, make_question

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SINGLE_MARK = Decimal("1")
ESSAY_MARK = Decimal("2")
ESSAY_GIVEN = Decimal("1.5")
ESSAY_TEXT = "Cần phân cấp, phân quyền rõ ràng giữa trung ương và địa phương."
COMMENT = "Lập luận tốt, cần thêm ví dụ thực tiễn ở địa phương."


def _quiz(course):
    """A quiz with a single-choice question (1 mark) and an essay (2 marks) on one page,
    marks and feedback shown right after the attempt."""
    category = make_category()
    single = make_question(category=category, qtype="single")
    essay = make_question(category=category, qtype="essay")
    quiz = QuizPage(
        title="Kiểm tra tự luận",
        slug="kiem-tra-tu-luan",
        questions_per_page=0,
        shuffle_answers=False,
        review_marks_after=True,
        review_feedback_after=True,
    )
    quiz.slots.add(QuizSlot(kind="fixed", question=single, mark=SINGLE_MARK))
    quiz.slots.add(QuizSlot(kind="fixed", question=essay, mark=ESSAY_MARK))
    course.add_child(instance=quiz)
    quiz.save_revision().publish()
    return quiz


def _log_in(page, url, user):
    page.goto(url)
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()


def _wait_until(check, timeout=10.0):
    """Poll the database until the live server has written what ``check`` looks for."""
    ends = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < ends, "the server did not save in time"
        time.sleep(0.1)


def _take_quiz(page, live_server, quiz, user):
    _log_in(page, live_server.url + reverse("login"), user)
    page.goto(live_server.url + quiz.url)
    with page.expect_navigation():
        page.locator("#start-attempt").click()
    attempt = Attempt.objects.get(user=user, quiz=quiz)

    page.get_by_label("Hà Nội").check()
    page.locator("#q2-editor .ql-editor").fill(ESSAY_TEXT)
    _wait_until(
        lambda: Response.objects.filter(attempt=attempt, slot=2, answer__isnull=False).exists()
    )
    with page.expect_navigation():
        page.locator("#finish-attempt").click()
    assert page.locator(".summary-row.is-unanswered").count() == 0
    page.locator("#confirm-submit").check()
    with page.expect_navigation():
        page.locator("#submit-attempt").click()
    return attempt


def _grade_essay(browser, live_server, quiz, user):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        _log_in(page, live_server.url + reverse("wagtailadmin_login"), user)
        grading = reverse("quizzes_manage:grading")
        with page.expect_navigation():
            page.locator(f"a[href='{grading}']").first.click()
        row = page.locator(f"tr[data-quiz='{quiz.pk}']")
        assert row.locator("[data-answers]").get_attribute("data-answers") == "1"
        with page.expect_navigation():
            row.get_by_role("link").click()
        assert page.locator(".quiz-queue__counts").get_attribute("data-pending") == "1"
        with page.expect_navigation():
            page.locator("a[data-start]").click()
        assert ESSAY_TEXT in page.locator("[data-answer]").inner_text()
        assert page.locator("[data-needs-grading]").count() == 1

        page.locator("#id_mark").fill(str(ESSAY_GIVEN).replace(".", ","))
        page.locator("#id_comment").fill(COMMENT)
        with page.expect_navigation():
            page.locator("button[name='save']").click()
        assert page.locator("[data-graded]").count() == 1
        assert page.locator("#id_mark").input_value() == "1,50"
        assert page.locator(".quiz-grade__position").get_attribute("data-waiting") == "0"
    finally:
        context.close()


def test_a_lecturer_grades_an_essay_and_the_learners_grade_changes(browser, page, live_server):
    teacher = lecturer()
    quiz = _quiz(make_course(lecturers=[teacher]))
    student = learner()
    enrolment_create(user=student, course=quiz.course)

    attempt = _take_quiz(page, live_server, quiz, student)
    review_url = live_server.url + reverse("quizzes:attempt_review", args=[attempt.pk])
    assert page.url == review_url
    assert page.locator(".result__state[data-state='finished']").count() == 1
    assert page.locator(".result__waiting").count() == 1
    assert page.locator(".result__grade").count() == 0
    assert page.locator("#q-1 .badge[data-state='right']").count() == 1
    assert page.locator("#q-2 .badge[data-state='manual']").count() == 1
    attempt.refresh_from_db()
    assert (attempt.state, attempt.needs_grading, attempt.grade) == ("finished", True, None)
    assert QuizGrade.objects.get(quiz=quiz, user=student).grade is None

    _grade_essay(browser, live_server, quiz, teacher)

    marks = SINGLE_MARK + ESSAY_GIVEN
    grade = (marks / (SINGLE_MARK + ESSAY_MARK) * 10).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    assert grade == Decimal("8.33")
    page.reload()
    assert page.locator(".result__waiting").count() == 0
    shown = f"{grade:.2f}".replace(".", ",")
    assert page.locator(".result__grade").inner_text().startswith(shown)
    assert page.locator(".result__passed[data-passed='1']").count() == 1
    assert page.locator("#q-2 .badge[data-state='partial']").count() == 1
    essay_mark = page.locator("#q-2 .question__mark").inner_text()
    assert "1,50" in essay_mark and "2,00" in essay_mark
    assert COMMENT in page.locator("#q-2 .grader-comment").inner_text()
    assert page.csp_violations == []

    attempt.refresh_from_db()
    assert (attempt.needs_grading, attempt.marks, attempt.grade) == (False, marks, grade)
    quiz_grade = QuizGrade.objects.get(quiz=quiz, user=student)
    assert (quiz_grade.grade, quiz_grade.passed) == (grade, True)
    essay = Response.objects.get(attempt=attempt, slot=2)
    assert (essay.mark, essay.graded_by, essay.comment) == (ESSAY_GIVEN, teacher, COMMENT)
