"""The learner's screens: start page, attempt pages without JavaScript, summary, review."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lessons.models.pages import EnrolmentPolicy
from lessons.services import enrolment_create
from quizzes import services
from quizzes.models import Attempt, Response
from quizzes.views import quiz_start_page
from tests.factories import learner
from tests.lessons.builders import make_course
from tests.quizzes.builders import make_category, make_question, make_quiz

pytestmark = pytest.mark.django_db

SECRET_FEEDBACK = "Đúng rồi, thủ đô là Hà Nội."
SECRET_WORD = "tamquyenphanlap"
SINGLE = {
    "options": [
        {"key": "a", "text": "Hà Nội", "fraction": "1", "feedback": SECRET_FEEDBACK},
        {"key": "b", "text": "Huế", "fraction": "0", "feedback": "Huế là cố đô."},
        {"key": "c", "text": "Đà Nẵng", "fraction": "0"},
    ]
}
SHORT = {"answers": [{"text": SECRET_WORD, "fraction": "1"}]}


def quiz_for(*, qtypes=("single", "shortanswer"), user=None, **fields):
    """A published quiz of the given question types and an enrolled learner."""
    category = make_category()
    payloads = {"single": SINGLE, "shortanswer": SHORT}
    questions = [
        make_question(category=category, qtype=qtype, payload=payloads.get(qtype))
        for qtype in qtypes
    ]
    quiz = make_quiz(questions=questions, **fields)
    user = user or learner()
    enrolment_create(user=user, course=quiz.course)
    return quiz, user


def started(client, quiz, user, **post):
    """Log ``user`` in and start an attempt through the start page."""
    client.force_login(user)
    response = client.post(quiz.url, post)
    assert response.status_code == 302, response.content[:500]
    return Attempt.objects.get(quiz=quiz, user=user, state__in=["in_progress", "overdue"])


def attempt_url(attempt, name="attempt"):
    return reverse(f"quizzes:{name}", args=[attempt.pk])


def answer(attempt, slot):
    return Response.objects.get(attempt=attempt, slot=slot)


# Start page --------------------------------------------------------------------


def test_start_page_shows_the_rules_and_the_start_button(client):
    quiz, user = quiz_for(
        time_limit_minutes=45,
        attempts_allowed=2,
        closes_at=timezone.make_aware(timezone.datetime(2099, 12, 25, 14, 30)),
    )
    client.force_login(user)
    html = client.get(quiz.url).content.decode()
    assert 'id="start-attempt"' in html
    assert "25/12/2099 14:30" in html
    assert "5,00" in html  # the default pass mark, with a decimal comma
    assert 'name="password"' not in html
    assert not Attempt.objects.exists()


def test_start_then_continue_the_same_attempt(client):
    quiz, user = quiz_for()
    attempt = started(client, quiz, user)
    response = client.post(quiz.url)
    assert response["Location"] == attempt_url(attempt) + "?trang=1"
    assert Attempt.objects.count() == 1


def test_not_enrolled_learner_gets_the_not_enrolled_page(client):
    quiz = make_quiz(
        course=make_course(policy=EnrolmentPolicy.SELF),
        questions=[make_question(qtype="truefalse")],
    )
    client.force_login(learner())
    response = client.get(quiz.url)
    assert response.status_code == 403
    assert "quizzes/not_enrolled.html" in [t.name for t in response.templates]
    assert client.post(quiz.url).status_code == 403
    assert not Attempt.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    quiz, _user = quiz_for()
    response = client.get(quiz.url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_preview_never_creates_an_attempt():
    quiz, user = quiz_for()
    request = RequestFactory().post(quiz.url)
    request.user = user
    request.session = {}
    request.is_preview = True
    response = quiz_start_page(request, quiz)
    response.render()
    assert response.status_code == 200
    assert 'id="start-attempt"' not in response.content.decode()
    assert not Attempt.objects.exists()


def test_used_attempts_refuse_a_new_start(client):
    quiz, user = quiz_for(attempts_allowed=1)
    attempt = started(client, quiz, user)
    client.post(attempt_url(attempt, "attempt_submit"), {"confirm": "1"})
    html = client.get(quiz.url).content.decode()
    assert 'id="start-attempt"' not in html
    assert attempt_url(attempt, "attempt_review") in html
    client.post(quiz.url)
    assert Attempt.objects.count() == 1


def test_start_page_shows_grades_only_as_the_review_options_allow(client):
    quiz, user = quiz_for(qtypes=("single",), attempts_allowed=0, review_marks_after=False)
    attempt = started(client, quiz, user)
    services.attempt_save(attempt=attempt, user=user, slot=1, answer={"choice": "a"}, sequence=1)
    client.post(attempt_url(attempt, "attempt_submit"), {"confirm": "1"})
    assert "10,00" not in client.get(quiz.url).content.decode()
    type(quiz).objects.filter(pk=quiz.pk).update(review_marks_after=True)
    assert "10,00" in client.get(quiz.url).content.decode()


# The attempt page --------------------------------------------------------------


def test_attempt_page_never_holds_the_right_answers(client):
    quiz, user = quiz_for(questions_per_page=0)
    attempt = started(client, quiz, user)
    html = client.get(attempt_url(attempt)).content.decode()
    assert 'name="q1-choice"' in html and 'name="q2-text"' in html
    assert SECRET_FEEDBACK not in html
    assert SECRET_WORD not in html
    assert "data-deadline" not in html  # no time limit, no timer


def test_review_shows_the_right_answers_when_the_options_allow(client):
    quiz, user = quiz_for(questions_per_page=0, review_answers_after=True)
    attempt = started(client, quiz, user)
    client.post(attempt_url(attempt, "attempt_submit"), {"confirm": "1"})
    html = client.get(attempt_url(attempt, "attempt_review")).content.decode()
    assert SECRET_WORD in html


def test_timer_counts_to_the_server_deadline(client):
    quiz, user = quiz_for(time_limit_minutes=30)
    attempt = started(client, quiz, user)
    html = client.get(attempt_url(attempt)).content.decode()
    assert f'data-deadline="{attempt.deadline.isoformat(timespec="milliseconds")}"' in html
    assert "data-now=" in html
    assert 'role="timer"' in html
    assert 'aria-live="assertive"' in html


def test_no_js_form_saves_each_question_and_moves_on(client):
    quiz, user = quiz_for(questions_per_page=1)
    attempt = started(client, quiz, user)
    response = client.post(
        attempt_url(attempt), {"page": "1", "seq-1": "0", "q1-choice": "b", "nav": "next"}
    )
    assert response["Location"] == attempt_url(attempt) + "?trang=2"
    saved = answer(attempt, 1)
    assert saved.answer == {"choice": "b"} and saved.sequence == 1
    response = client.post(
        attempt_url(attempt), {"page": "2", "seq-2": "0", "q2-text": "  Hà Nội ", "nav": "summary"}
    )
    assert response["Location"] == attempt_url(attempt, "attempt_summary")
    assert answer(attempt, 2).answer == {"text": "  Hà Nội "}
    html = client.get(attempt_url(attempt) + "?trang=1").content.decode()
    assert 'value="b" checked' in html
    assert 'name="seq-1" value="1"' in html


def test_no_js_form_keeps_a_newer_answer_saved_elsewhere(client):
    quiz, user = quiz_for(questions_per_page=0)
    attempt = started(client, quiz, user)
    services.attempt_save(attempt=attempt, user=user, slot=1, answer={"choice": "a"}, sequence=3)
    response = client.post(
        attempt_url(attempt), {"page": "1", "seq-1": "0", "q1-choice": "c", "nav": "1"}, follow=True
    )
    assert response.status_code == 200
    saved = answer(attempt, 1)
    assert saved.answer == {"choice": "a"} and saved.sequence == 3
    assert [m.level_tag for m in response.context["messages"]] == ["warning"]


def test_no_js_form_leaves_unchanged_answers_alone(client):
    quiz, user = quiz_for(questions_per_page=0)
    attempt = started(client, quiz, user)
    services.attempt_save(attempt=attempt, user=user, slot=1, answer={"choice": "a"}, sequence=3)
    client.post(attempt_url(attempt), {"page": "1", "seq-1": "0", "q1-choice": "a", "nav": "1"})
    assert answer(attempt, 1).sequence == 3


def test_no_js_form_refuses_a_bad_number_and_keeps_the_page(client):
    quiz, user = quiz_for(qtypes=("numerical",))
    attempt = started(client, quiz, user)
    response = client.post(
        attempt_url(attempt), {"page": "1", "seq-1": "0", "q1-number": "abc", "nav": "next"}
    )
    assert response.status_code == 302
    assert answer(attempt, 1).answer is None


def test_free_navigation_goes_back_and_forth(client):
    quiz, user = quiz_for(questions_per_page=1)
    attempt = started(client, quiz, user)
    client.post(attempt_url(attempt), {"page": "1", "nav": "next"})
    response = client.post(attempt_url(attempt), {"page": "2", "nav": "prev"})
    assert response["Location"].endswith("?trang=1")
    assert client.get(attempt_url(attempt) + "?trang=2").status_code == 200


def test_sequential_navigation_is_enforced_on_the_server(client):
    quiz, user = quiz_for(questions_per_page=1, navigation="sequential")
    attempt = started(client, quiz, user)
    html = client.get(attempt_url(attempt)).content.decode()
    assert 'value="prev"' not in html
    client.post(attempt_url(attempt), {"page": "1", "seq-1": "0", "q1-choice": "a", "nav": "next"})
    attempt.refresh_from_db()
    assert attempt.current_page == 2
    # Going back by URL, by the form or by a save is refused.
    assert client.get(attempt_url(attempt) + "?trang=1")["Location"].endswith("?trang=2")
    response = client.post(attempt_url(attempt), {"page": "2", "nav": "1"})
    assert response["Location"].endswith("?trang=2")
    response = client.post(
        attempt_url(attempt), {"page": "1", "seq-1": "1", "q1-choice": "b", "nav": "1"}
    )
    assert answer(attempt, 1).answer == {"choice": "a"}
    attempt.refresh_from_db()
    assert attempt.current_page == 2


def test_flag_through_the_form(client):
    quiz, user = quiz_for(questions_per_page=0)
    attempt = started(client, quiz, user)
    client.post(attempt_url(attempt), {"page": "1", "flag": "2:1"})
    assert answer(attempt, 2).flagged
    html = client.get(attempt_url(attempt)).content.decode()
    assert "is-flagged" in html
    client.post(attempt_url(attempt), {"page": "1", "flag": "2:0"})
    assert not answer(attempt, 2).flagged


def test_flag_through_json(client):
    quiz, user = quiz_for()
    attempt = started(client, quiz, user)
    url = attempt_url(attempt, "attempt_flag")
    response = client.post(url, {"slot": 1, "flagged": True}, content_type="application/json")
    assert response.json() == {"ok": True, "slot": 1, "flagged": True}
    assert answer(attempt, 1).flagged
    response = client.post(url, {"slot": 9, "flagged": True}, content_type="application/json")
    assert response.status_code == 400


def test_time_up_is_submitted_on_the_next_request(client):
    quiz, user = quiz_for(time_limit_minutes=10)
    attempt = started(client, quiz, user)
    services.attempt_save(attempt=attempt, user=user, slot=1, answer={"choice": "a"}, sequence=1)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    response = client.get(attempt_url(attempt))
    assert response["Location"] == attempt_url(attempt, "attempt_review")
    attempt.refresh_from_db()
    assert attempt.state == "finished" and attempt.marks == Decimal("1.00")


def test_the_timer_reaching_zero_submits_the_page(client):
    quiz, user = quiz_for(time_limit_minutes=10, questions_per_page=0)
    attempt = started(client, quiz, user)
    response = client.post(
        attempt_url(attempt), {"page": "1", "seq-1": "0", "q1-choice": "a", "timeup": "1"}
    )
    assert response["Location"] == attempt_url(attempt, "attempt_review")
    attempt.refresh_from_db()
    assert attempt.state == "finished" and attempt.marks == Decimal("1.00")


def test_grace_period_sends_the_learner_to_the_summary(client):
    quiz, user = quiz_for(time_limit_minutes=10, overdue_handling="grace", grace_minutes=10)
    attempt = started(client, quiz, user)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    response = client.get(attempt_url(attempt))
    assert response["Location"] == attempt_url(attempt, "attempt_summary")
    attempt.refresh_from_db()
    assert attempt.state == "overdue"
    html = client.get(response["Location"]).content.decode()
    assert 'id="submit-attempt"' in html
    client.post(attempt_url(attempt, "attempt_submit"), {"confirm": "1"})
    attempt.refresh_from_db()
    assert attempt.state == "finished"


# Summary, submit, review -------------------------------------------------------


def test_summary_highlights_unanswered_questions(client):
    quiz, user = quiz_for(qtypes=("single", "shortanswer", "description"))
    attempt = started(client, quiz, user)
    services.attempt_save(attempt=attempt, user=user, slot=1, answer={"choice": "a"}, sequence=1)
    response = client.get(attempt_url(attempt, "attempt_summary"))
    html = response.content.decode()
    assert html.count('class="summary-row"') == 1
    assert html.count('class="summary-row is-unanswered"') == 1  # the description is not listed
    assert 'id="unanswered-count"' in html
    assert 'name="confirm"' in html


def test_submit_needs_the_confirmation(client):
    quiz, user = quiz_for()
    attempt = started(client, quiz, user)
    response = client.post(attempt_url(attempt, "attempt_submit"))
    assert response["Location"] == attempt_url(attempt, "attempt_summary")
    attempt.refresh_from_db()
    assert attempt.state == "in_progress"


def test_submit_is_idempotent(client):
    quiz, user = quiz_for()
    attempt = started(client, quiz, user)
    for _ in range(2):
        response = client.post(attempt_url(attempt, "attempt_submit"), {"confirm": "1"})
        assert response["Location"] == attempt_url(attempt, "attempt_review")
    assert Attempt.objects.filter(state="finished").count() == 1
    assert client.get(attempt_url(attempt, "attempt_submit")).status_code == 405


def test_a_submitted_attempt_takes_no_more_answers_by_form(client):
    quiz, user = quiz_for()
    attempt = started(client, quiz, user)
    client.post(attempt_url(attempt, "attempt_submit"), {"confirm": "1"})
    response = client.post(attempt_url(attempt), {"page": "1", "seq-1": "0", "q1-choice": "a"})
    assert response["Location"] == attempt_url(attempt, "attempt_review")
    assert answer(attempt, 1).answer is None
    assert client.get(attempt_url(attempt, "attempt_summary"))["Location"].endswith("/xem-lai/")


def test_review_shows_the_grade_on_ten_with_a_decimal_comma(client):
    quiz, user = quiz_for(qtypes=("single", "single", "single", "truefalse"))
    attempt = started(client, quiz, user)
    for slot, choice in ((1, "a"), (2, "a"), (3, "b")):
        services.attempt_save(
            attempt=attempt, user=user, slot=slot, answer={"choice": choice}, sequence=1
        )
    client.post(attempt_url(attempt, "attempt_submit"), {"confirm": "1"})
    html = client.get(attempt_url(attempt, "attempt_review")).content.decode()
    assert "<strong>5,00</strong> / 10" in html
    assert 'data-passed="1"' in html
    assert 'data-state="right"' in html and 'data-state="wrong"' in html
    assert SECRET_FEEDBACK not in html  # feedback is not shown right after by default


def test_review_says_waiting_for_grading_for_an_essay(client):
    quiz, user = quiz_for(qtypes=("single", "essay"), questions_per_page=0)
    attempt = started(client, quiz, user)
    services.attempt_save(
        attempt=attempt, user=user, slot=2, answer={"text": "Bài làm của tôi"}, sequence=1
    )
    client.post(attempt_url(attempt, "attempt_submit"), {"confirm": "1"})
    html = client.get(attempt_url(attempt, "attempt_review")).content.decode()
    assert 'class="result__waiting"' in html
    assert "Bài làm của tôi" in html


def test_review_hides_marks_when_the_options_say_so(client):
    quiz, user = quiz_for(review_marks_after=False, review_feedback_after=True)
    attempt = started(client, quiz, user)
    services.attempt_save(attempt=attempt, user=user, slot=1, answer={"choice": "a"}, sequence=1)
    client.post(attempt_url(attempt, "attempt_submit"), {"confirm": "1"})
    html = client.get(attempt_url(attempt, "attempt_review")).content.decode()
    assert "result__grade" not in html
    assert SECRET_FEEDBACK in html


def test_review_of_an_open_attempt_goes_back_to_it(client):
    quiz, user = quiz_for()
    attempt = started(client, quiz, user)
    response = client.get(attempt_url(attempt, "attempt_review"))
    assert response["Location"] == attempt_url(attempt) + "?trang=1"


# The course page and query counts ------------------------------------------------


def test_course_page_lists_quizzes_with_status(client):
    quiz, user = quiz_for(title="Kiểm tra giữa khóa")
    other = make_quiz(course=quiz.course, questions=[make_question(qtype="truefalse")])
    attempt = started(client, quiz, user)
    client.post(attempt_url(attempt, "attempt_submit"), {"confirm": "1"})
    html = client.get(quiz.course.url).content.decode()
    assert "Kiểm tra giữa khóa" in html
    assert 'data-status="submitted"' in html
    assert f'data-quiz="{other.pk}"' in html and 'data-status="not_started"' in html
    assert "0,00/10" in html


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_course_page_queries_do_not_grow_with_quizzes(client):
    counts = []
    for size in (2, 6):
        quiz, user = quiz_for()
        for _ in range(size - 1):
            make_quiz(course=quiz.course, questions=[make_question(qtype="truefalse")])
        started(client, quiz, user)
        counts.append(_count(client, quiz.course.url))
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("name", ["attempt", "attempt_summary", "attempt_review"])
def test_attempt_page_queries_do_not_grow_with_questions(client, name):
    counts = []
    for size in (5, 50):
        category = make_category()
        kinds = ["single", "multiple", "truefalse", "shortanswer", "numerical", "matching"]
        questions = [
            make_question(category=category, qtype=kinds[index % len(kinds)])
            for index in range(size)
        ]
        quiz = make_quiz(questions=questions, questions_per_page=0, time_limit_minutes=60)
        user = learner()
        enrolment_create(user=user, course=quiz.course)
        attempt = started(client, quiz, user)
        services.response_flag(attempt=attempt, user=user, slot=2, flagged=True)
        if name == "attempt_review":
            services.attempt_submit(attempt=attempt, user=user)
        counts.append(_count(client, attempt_url(attempt, name)))
    assert counts[0] == counts[1], counts
