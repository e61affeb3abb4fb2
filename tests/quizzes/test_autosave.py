"""The autosave endpoint: sequence numbers, closed attempts, bad input and its query count."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lessons.services import enrolment_create
from quizzes import services
from quizzes.models import Attempt
from tests.factories import learner
from tests.quizzes.builders import make_category, make_question, make_quiz
from tests.quizzes.test_views import answer, attempt_url, quiz_for, started

pytestmark = pytest.mark.django_db


def save(client, attempt, slot=1, answer=None, sequence=1):
    return client.post(
        attempt_url(attempt, "attempt_save"),
        {"slot": slot, "answer": answer, "sequence": sequence},
        content_type="application/json",
        headers={"accept": "application/json"},
    )


def test_a_save_returns_the_stored_sequence_and_time(client):
    quiz, user = quiz_for()
    attempt = started(client, quiz, user)
    response = save(client, attempt, answer={"choice": "b"}, sequence=1)
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True and body["slot"] == 1 and body["sequence"] == 1
    assert body["saved_at"].endswith("+07:00")  # the learner's local time
    assert answer(attempt, 1).answer == {"choice": "b"}


def test_a_repeated_save_is_harmless(client):
    quiz, user = quiz_for()
    attempt = started(client, quiz, user)
    for _ in range(2):
        assert save(client, attempt, answer={"choice": "b"}, sequence=2).status_code == 200
    assert answer(attempt, 1).sequence == 2


def test_a_stale_save_is_refused_and_the_newer_answer_stays(client):
    quiz, user = quiz_for()
    attempt = started(client, quiz, user)
    assert save(client, attempt, answer={"choice": "a"}, sequence=3).status_code == 200
    response = save(client, attempt, answer={"choice": "c"}, sequence=2)
    assert response.status_code == 409
    assert response.json()["code"] == "stale"
    # The same number with another answer comes from another window too.
    assert save(client, attempt, answer={"choice": "c"}, sequence=3).status_code == 409
    saved = answer(attempt, 1)
    assert saved.answer == {"choice": "a"} and saved.sequence == 3


def test_a_submitted_attempt_refuses_saves(client):
    quiz, user = quiz_for()
    attempt = started(client, quiz, user)
    services.attempt_submit(attempt=attempt, user=user)
    response = save(client, attempt, answer={"choice": "a"})
    assert response.status_code == 400
    assert response.json()["code"] == "closed"
    assert answer(attempt, 1).answer is None


@pytest.mark.parametrize("handling", ["autosubmit", "abandon", "grace"])
def test_an_overdue_attempt_refuses_saves_and_is_closed(client, handling):
    quiz, user = quiz_for(time_limit_minutes=5, overdue_handling=handling, grace_minutes=30)
    attempt = started(client, quiz, user)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    response = save(client, attempt, answer={"choice": "a"})
    assert response.status_code == 400
    assert response.json()["code"] in ("closed", "time_up")
    attempt.refresh_from_db()
    assert (
        attempt.state
        == {"autosubmit": "finished", "abandon": "abandoned", "grace": "overdue"}[handling]
    )
    assert answer(attempt, 1).answer is None


def test_a_save_in_the_network_allowance_is_accepted(client):
    quiz, user = quiz_for(time_limit_minutes=5)
    attempt = started(client, quiz, user)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    assert save(client, attempt, answer={"choice": "a"}).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[1, 2]",
        b'{"slot": 1}',
        b'{"slot": "x", "answer": null, "sequence": 1}',
        b'{"slot": 1, "answer": [1], "sequence": 1}',
        b'{"slot": 1, "answer": null, "sequence": "abc"}',
    ],
)
def test_bad_requests_are_refused(client, body):
    quiz, user = quiz_for()
    attempt = started(client, quiz, user)
    response = client.post(
        attempt_url(attempt, "attempt_save"), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"
    assert answer(attempt, 1).sequence == 0


@pytest.mark.parametrize(
    ("slot", "value"), [(1, {"choice": "z"}), (2, {"text": "x" * 5000}), (9, {"choice": "a"})]
)
def test_invalid_answers_are_refused(client, slot, value):
    quiz, user = quiz_for()
    attempt = started(client, quiz, user)
    response = save(client, attempt, slot=slot, answer=value)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert not attempt.responses.filter(sequence__gt=0).exists()


def test_a_bad_number_is_refused_with_a_message(client):
    quiz, user = quiz_for(qtypes=("numerical",))
    attempt = started(client, quiz, user)
    response = save(client, attempt, answer={"number": "mười"})
    assert response.status_code == 400
    assert "mười" in response.json()["error"]
    assert save(client, attempt, answer={"number": "63,0"}, sequence=2).status_code == 200


def test_sequential_quizzes_refuse_saves_to_earlier_pages(client):
    quiz, user = quiz_for(questions_per_page=1, navigation="sequential")
    attempt = started(client, quiz, user)
    services.attempt_go_to_page(attempt=attempt, user=user, page=2)
    response = save(client, attempt, slot=1, answer={"choice": "a"})
    assert response.status_code == 400
    assert answer(attempt, 1).answer is None


def test_anonymous_saves_are_refused(client):
    quiz, user = quiz_for()
    attempt = started(client, quiz, user)
    client.logout()
    response = save(client, attempt, answer={"choice": "a"})
    assert response.status_code == 403
    assert answer(attempt, 1).answer is None


def test_saves_need_post_and_the_csrf_token(client):
    from django.test import Client

    quiz, user = quiz_for()
    attempt = started(client, quiz, user)
    assert client.get(attempt_url(attempt, "attempt_save")).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert save(strict, attempt, answer={"choice": "a"}).status_code == 403
    assert answer(attempt, 1).answer is None


@pytest.mark.parametrize("size", [5, 50])
def test_a_save_takes_few_queries_whatever_the_quiz_size(
    client, django_assert_max_num_queries, size
):
    category = make_category()
    questions = [make_question(category=category, qtype="single") for _ in range(size)]
    quiz = make_quiz(questions=questions, questions_per_page=0, time_limit_minutes=60)
    user = learner()
    enrolment_create(user=user, course=quiz.course)
    attempt = started(client, quiz, user)
    # A first save, the same save repeated, and a stale one.
    for choice, status, queries in (("a", 200, 6), ("a", 200, 6), ("b", 409, 6)):
        with django_assert_max_num_queries(queries):
            response = save(client, attempt, slot=size, answer={"choice": choice}, sequence=1)
        assert response.status_code == status
