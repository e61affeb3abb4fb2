"""Imported questions never run script: not in the admin, an attempt or a review."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from quizzes import services
from quizzes.interchange.services import import_file_read, questions_import
from quizzes.models import Question
from tests.factories import TrainingUnitFactory
from tests.quizzes.builders import enrolled_learner, make_category, make_quiz, take_quiz

pytestmark = pytest.mark.django_db

ATTACK = '<script>alert("x")</script><img src=x onerror="alert(1)"><a href="javascript:alert(2)">'

# GIFT escapes "=" and ":" so that the attack reaches the HTML whole.
GIFT_ATTACK = ATTACK.replace("=", "\\=").replace(":", "\\:")
GIFT = f"""\
::Tấn công::[html]<p>Câu hỏi</p>{GIFT_ATTACK}{{
    =[html]Đúng{GIFT_ATTACK}#[html]Phản hồi{GIFT_ATTACK}
    ~[html]Sai{GIFT_ATTACK}#[html]Sai rồi{GIFT_ATTACK}
    ####[html]Giải thích{GIFT_ATTACK}
}}
"""

XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="matching">
    <name><text>Ghép đôi tấn công</text></name>
    <questiontext format="html"><text><![CDATA[<p>Ghép</p>{ATTACK}]]></text></questiontext>
    <generalfeedback format="html"><text><![CDATA[{ATTACK}]]></text></generalfeedback>
    <correctfeedback format="html"><text><![CDATA[{ATTACK}]]></text></correctfeedback>
    <subquestion format="html">
      <text><![CDATA[Luật{ATTACK}]]></text><answer><text>Quốc hội</text></answer>
    </subquestion>
    <subquestion format="html">
      <text><![CDATA[Nghị định{ATTACK}]]></text><answer><text>Chính phủ</text></answer>
    </subquestion>
  </question>
</quiz>
""".encode()


def imported(data, file_format, category):
    result = import_file_read(data=data, file_format=file_format)
    report = questions_import(result=result, category=category)
    assert report.created == 1, report.errors
    return Question.objects.get(category=category)


@pytest.fixture
def category():
    return make_category(unit=TrainingUnitFactory())


def assert_harmless(html):
    """No imported script element, event handler or javascript: URL in ``html``."""
    page = BeautifulSoup(html, "html.parser")
    assert not [tag for tag in page.find_all("script") if "alert" in tag.get_text()]
    for tag in page.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.startswith("on"), tag
            assert "javascript:" not in str(value).replace(" ", "").lower(), tag


@pytest.mark.parametrize("data, file_format", [(GIFT.encode(), "gift"), (XML, "moodlexml")])
def test_stored_content_keeps_no_script(category, data, file_format):
    version = imported(data, file_format, category).current_version
    # The attack sat beside texts that must survive it.
    assert "Đúng" in str(version.payload) or "Luật" in str(version.payload)
    for text in (version.text, version.general_feedback, str(version.payload)):
        assert_harmless(text)


@pytest.mark.parametrize("data, file_format", [(GIFT.encode(), "gift"), (XML, "moodlexml")])
def test_admin_preview_attempt_and_review_run_no_imported_script(
    client, admin_client, category, data, file_format
):
    question = imported(data, file_format, category)
    preview = admin_client.get(reverse("quizzes_bank:preview", args=[question.pk]))
    assert preview.status_code == 200
    assert_harmless(preview.content.decode())

    quiz = make_quiz(
        questions=[question],
        review_answers_after=True,
        review_feedback_after=True,
        questions_per_page=0,
    )
    learner = enrolled_learner(quiz)
    attempt = take_quiz(quiz, learner, submit=False)
    client.force_login(learner)
    page = client.get(reverse("quizzes:attempt", args=[attempt.pk]))
    assert page.status_code == 200
    assert_harmless(page.content.decode())
    if question.qtype == "single":
        services.attempt_save(
            attempt=attempt, user=learner, slot=1, answer={"choice": "a"}, sequence=1
        )
    services.attempt_submit(attempt=attempt, user=learner)
    review = client.get(reverse("quizzes:attempt_review", args=[attempt.pk]))
    assert review.status_code == 200
    assert_harmless(review.content.decode())
