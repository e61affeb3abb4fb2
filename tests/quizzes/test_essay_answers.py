"""Rich-text essay answers: plain text without JavaScript, editor HTML sanitised, page wiring."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lessons.services import enrolment_create
from quizzes import services
from quizzes.forms import answer_from_post, essay_html, essay_plain_text
from quizzes.qtypes.essay import MAX_ESSAY_LENGTH
from tests.factories import learner
from tests.quizzes.builders import make_category, make_question, make_quiz
from tests.quizzes.test_autosave import save
from tests.quizzes.test_views import answer, attempt_url, quiz_for, started

pytestmark = pytest.mark.django_db

EDITOR_HTML = (
    '<p onclick="steal()">Xin <strong>chào</strong> <em>các</em> <u>bạn</u></p>'
    "<script>alert(1)</script><ul><li>Một</li></ul><ol><li>Hai</li></ol>"
)
CLEAN_HTML = (
    "<p>Xin <strong>chào</strong> <em>các</em> <u>bạn</u></p>"
    "<ul><li>Một</li></ul><ol><li>Hai</li></ol>"
)


def essay_quiz(client, *, payload=None, count=1, **fields):
    """A started attempt at a quiz of ``count`` essays on one page."""
    category = make_category()
    questions = [
        make_question(category=category, qtype="essay", payload=payload or {"format": "html"})
        for _ in range(count)
    ]
    quiz = make_quiz(questions=questions, questions_per_page=0, **fields)
    user = learner()
    enrolment_create(user=user, course=quiz.course)
    return started(client, quiz, user)


def post_page(client, attempt, text, *, rich=True, slot=1):
    data = {"page": "1", f"seq-{slot}": "0", f"q{slot}-text": text, "nav": "1"}
    if rich:
        data[f"q{slot}-format"] = "html"
    return client.post(attempt_url(attempt), data)


# Without JavaScript --------------------------------------------------------------


def test_plain_text_typed_without_javascript_is_stored_as_escaped_paragraphs(client):
    attempt = essay_quiz(client)
    text = "Dòng một\r\nDòng hai\r\n\r\n\r\nNếu a<b và c>d thì 5 < 7 & x"
    assert post_page(client, attempt, text).status_code == 302
    assert answer(attempt, 1).answer == {
        "text": "<p>Dòng một<br>Dòng hai</p><p>Nếu a&lt;b và c&gt;d thì 5 &lt; 7 &amp; x</p>"
    }


def test_markup_typed_as_text_stays_text_and_blank_text_is_no_answer(client):
    attempt = essay_quiz(client)
    post_page(client, attempt, "Thẻ <b và <i> không phải định dạng")
    assert answer(attempt, 1).answer == {
        "text": "<p>Thẻ &lt;b và &lt;i&gt; không phải định dạng</p>"
    }
    client.post(
        attempt_url(attempt),
        {"page": "1", "seq-1": "1", "q1-text": " \r\n \r\n", "q1-format": "html", "nav": "1"},
    )
    saved = answer(attempt, 1)
    assert saved.answer is None and saved.sequence == 2


def test_a_plain_format_essay_keeps_its_text_as_typed(client):
    attempt = essay_quiz(client, payload={"format": "plain"})
    html = client.get(attempt_url(attempt)).content.decode()
    assert 'name="q1-format"' not in html and "data-essay-editor" not in html
    post_page(client, attempt, "Dòng một\nDòng hai", rich=False)
    assert answer(attempt, 1).answer == {"text": "Dòng một\nDòng hai"}


def test_essay_html_and_plain_text_round_trip():
    stored = essay_html("Một\nHai\n\nBa & <bốn>")
    assert stored == "<p>Một<br>Hai</p><p>Ba &amp; &lt;bốn&gt;</p>"
    assert essay_plain_text(stored) == "Một\nHai\n\nBa & <bốn>"
    assert essay_html(essay_plain_text(stored)) == stored
    assert essay_plain_text("<ul><li>Một</li><li>Hai</li></ul><p>Ba</p>") == "Một\nHai\n\nBa"
    assert essay_html("") == "" and essay_plain_text(None) == ""


def test_only_rich_text_essays_are_turned_into_html():
    data = {"q1-text": "a\n\nb", "q1-format": "html"}
    assert answer_from_post(qtype="essay", slot=1, data=data) == {"text": "<p>a</p><p>b</p>"}
    assert answer_from_post(qtype="case", slot=1, data=data) == {"text": "<p>a</p><p>b</p>"}
    assert answer_from_post(qtype="shortanswer", slot=1, data=data) == {"text": "a\n\nb"}
    assert answer_from_post(qtype="essay", slot=1, data={"q1-text": "a"}) == {"text": "a"}


# With the editor -----------------------------------------------------------------


def test_editor_html_posted_with_the_page_is_sanitised(client):
    attempt = essay_quiz(client)
    post_page(client, attempt, EDITOR_HTML)
    assert answer(attempt, 1).answer == {"text": CLEAN_HTML}


def test_editor_html_autosaved_is_sanitised(client):
    attempt = essay_quiz(client)
    response = save(client, attempt, answer={"text": EDITOR_HTML}, sequence=1)
    assert response.status_code == 200
    assert answer(attempt, 1).answer == {"text": CLEAN_HTML}


def test_a_saved_answer_posted_back_unchanged_is_not_saved_again(client):
    attempt = essay_quiz(client)
    post_page(client, attempt, EDITOR_HTML)
    client.post(
        attempt_url(attempt),
        {"page": "1", "seq-1": "1", "q1-text": CLEAN_HTML, "q1-format": "html", "nav": "1"},
    )
    assert answer(attempt, 1).sequence == 1


def test_a_rich_answer_posted_back_as_its_plain_text_keeps_its_formatting(client):
    attempt = essay_quiz(client)
    save(client, attempt, answer={"text": EDITOR_HTML}, sequence=1)
    shown = client.get(attempt_url(attempt)).content.decode()
    assert '">Xin chào các bạn\n' in shown  # the textarea shows the words, not the tags
    client.post(
        attempt_url(attempt),
        {"page": "1", "seq-1": "1", "q1-text": essay_plain_text(CLEAN_HTML), "nav": "1"},
    )
    assert answer(attempt, 1).answer == {"text": CLEAN_HTML}


# Bad input and someone else's attempt --------------------------------------------


def test_a_too_long_answer_is_refused_and_nothing_changes(client):
    attempt = essay_quiz(client)
    post_page(client, attempt, "Bài làm")
    response = post_page(client, attempt, "x" * (MAX_ESSAY_LENGTH + 1))
    assert response.status_code == 302
    saved = answer(attempt, 1)
    assert saved.answer == {"text": "<p>Bài làm</p>"} and saved.sequence == 1


def test_another_learner_cannot_post_an_essay_into_the_attempt(client):
    attempt = essay_quiz(client)
    client.force_login(learner())
    response = post_page(client, attempt, "Bài của người khác")
    assert response.status_code in (403, 404)
    saved = answer(attempt, 1)
    assert saved.answer is None and saved.sequence == 0


# The attempt page ----------------------------------------------------------------


def test_the_page_carries_the_editor_only_for_rich_text_essays(client):
    attempt = essay_quiz(client)
    services.attempt_save(
        attempt=attempt,
        user=attempt.user,
        slot=1,
        answer={"text": "<p>Đã <strong>lưu</strong></p>"},
        sequence=1,
    )
    html = client.get(attempt_url(attempt)).content.decode()
    assert 'name="q1-format" value="html"' in html
    assert 'data-essay-editor="q1-text"' in html and 'role="toolbar"' in html
    assert 'data-essay-html="&lt;p&gt;Đã &lt;strong&gt;lưu&lt;/strong&gt;&lt;/p&gt;"' in html
    assert "quizzes/essay_editor.js" in html and "vendor/quill/quill.js" in html
    assert "vendor/quill/quill.snow.css" in html
    assert " style=" not in html.split('id="attempt-form"')[1]  # the CSP blocks style attributes

    quiz, user = quiz_for(qtypes=("single", "shortanswer"))
    other = started(client, quiz, user)
    html = client.get(attempt_url(other)).content.decode()
    assert "essay_editor.js" not in html and "vendor/quill" not in html


def test_the_page_query_count_does_not_grow_with_essays(client):
    def queries(count):
        attempt = essay_quiz(client, count=count)
        client.get(attempt_url(attempt))  # warm caches (site, sessions)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(attempt_url(attempt)).status_code == 200
        return len(captured)

    assert queries(5) <= queries(1)
