"""A learner takes a timed exam in the browser: autosave, reload, offline, two tabs, time up."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lessons.services import enrolment_create
from quizzes import services
from quizzes.models import Attempt, Response
from tests.factories import PASSWORD, learner
from tests.quizzes.builders import make_category, make_question, make_quiz

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SINGLE = {
    "options": [
        {"key": "a", "text": "Hà Nội", "fraction": "1"},
        {"key": "b", "text": "Huế", "fraction": "0"},
        {"key": "c", "text": "Đà Nẵng", "fraction": "0"},
    ]
}
SHORT = {"answers": [{"text": "Hiến pháp", "fraction": "1"}]}


def _exam(**fields):
    category = make_category()
    questions = [
        make_question(category=category, qtype="single", payload=SINGLE),
        make_question(category=category, qtype="shortanswer", payload=SHORT),
    ]
    fields.setdefault("time_limit_minutes", 30)
    quiz = make_quiz(title="Thi cuối khóa", questions=questions, questions_per_page=1, **fields)
    user = learner()
    enrolment_create(user=user, course=quiz.course)
    return quiz, user


def _log_in(page, live_server, user):
    page.goto(live_server.url + reverse("login"))
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()


def _saved(page):
    page.locator("#save-status[data-state='saved']").wait_for()


def _answer(attempt, slot):
    return Response.objects.get(attempt=attempt, slot=slot).answer


def test_learner_takes_a_timed_exam_and_keeps_answers_across_reload_and_offline(page, live_server):
    quiz, user = _exam()
    _log_in(page, live_server, user)
    page.goto(live_server.url + quiz.url)
    with page.expect_navigation():
        page.locator("#start-attempt").click()
    attempt = Attempt.objects.get(user=user)
    assert re.fullmatch(r"0:(29|30):\d\d", page.locator("#timer-value").inner_text())

    page.get_by_label("Hà Nội").check()
    _saved(page)
    assert _answer(attempt, 1) == {"choice": "a"}

    # Offline: the answer waits in the browser, then reaches the server.
    page.context.set_offline(True)
    page.get_by_label("Huế").check()
    page.locator("#save-status[data-state='offline']").wait_for()
    kept = page.evaluate(f"localStorage.getItem('lms-quiz:{attempt.pk}:1')")
    assert '"choice":"b"' in kept
    page.context.set_offline(False)
    _saved(page)
    assert _answer(attempt, 1) == {"choice": "b"}
    page.get_by_label("Hà Nội").check()
    _saved(page)

    with page.expect_navigation():
        page.locator("#next-page").click()
    page.locator("input[name='q2-text']").fill("hiến pháp")
    _saved(page)
    page.reload()
    assert page.locator("input[name='q2-text']").input_value() == "hiến pháp"
    assert page.locator("#qnav-1.is-answered").count() == 1
    with page.expect_navigation():
        page.locator("#qnav-1").click()
    assert page.get_by_label("Hà Nội").is_checked()

    with page.expect_navigation():
        page.locator("button[name='nav'][value='summary']").first.click()
    assert page.locator(".summary-row.is-unanswered").count() == 0
    page.locator("#confirm-submit").check()
    with page.expect_navigation():
        page.locator("#submit-attempt").click()
    assert page.url.endswith(reverse("quizzes:attempt_review", args=[attempt.pk]))
    assert page.locator(".result__grade").inner_text().startswith("10,00")
    assert page.locator(".result__passed[data-passed='1']").count() == 1
    assert page.locator(".review-right").count() == 0  # right answers come after the close date
    attempt.refresh_from_db()
    assert attempt.state == "finished"
    assert page.csp_violations == []


def test_a_stale_tab_does_not_overwrite_a_newer_answer(page, live_server):
    quiz, user = _exam()
    attempt = services.attempt_start(user=user, quiz=quiz)
    _log_in(page, live_server, user)
    url = live_server.url + reverse("quizzes:attempt", args=[attempt.pk])
    first = page
    second = page.context.new_page()
    first.goto(url)
    second.goto(url)

    first.get_by_label("Hà Nội").check()
    _saved(first)
    second.get_by_label("Đà Nẵng").check()
    second.locator("#save-conflict").wait_for()
    assert second.locator("#save-status[data-state='conflict']").count() == 1
    assert _answer(attempt, 1) == {"choice": "a"}

    # Moving on posts the stale page too: the server refuses it as well.
    with second.expect_navigation():
        second.locator("#next-page").click()
    assert _answer(attempt, 1) == {"choice": "a"}
    second.goto(url + "?trang=1")
    assert second.get_by_label("Hà Nội").is_checked()
    assert second.locator("#save-conflict").is_hidden()
    assert first.csp_violations == []


def test_the_page_submits_itself_when_the_time_is_up(page, live_server):
    quiz, user = _exam()
    attempt = services.attempt_start(user=user, quiz=quiz)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() + timedelta(seconds=6))
    _log_in(page, live_server, user)
    page.goto(live_server.url + reverse("quizzes:attempt", args=[attempt.pk]))
    assert page.locator("#quiz-timer.timer--urgent").count() == 1
    page.get_by_label("Hà Nội").check()
    page.wait_for_url("**" + reverse("quizzes:attempt_review", args=[attempt.pk]))
    attempt.refresh_from_db()
    assert attempt.state == "finished"
    assert _answer(attempt, 1) == {"choice": "a"}
