"""Which review options apply: during the attempt, right after it, after the close date."""

from datetime import timedelta

import pytest
from django.utils import timezone

from quizzes import selectors
from quizzes.models import QuizOverride
from tests.quizzes.builders import enrolled_learner, make_question, make_quiz, take_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    closes = timezone.now() + timedelta(days=1)
    return make_quiz(
        questions=[make_question()],
        closes_at=closes,
        review_answers_after=False,
        review_answers_closed=True,
    )


def test_right_answers_appear_after_the_close_date(quiz):
    user = enrolled_learner(quiz)
    attempt = take_quiz(quiz, user, {1: {"choice": "a"}})
    assert not selectors.review_options(attempt=attempt).answers
    later = quiz.closes_at + timedelta(minutes=1)
    assert selectors.review_options(attempt=attempt, now=later).answers


def test_a_later_close_date_of_an_override_keeps_answers_hidden_until_then(quiz):
    user = enrolled_learner(quiz)
    QuizOverride.objects.create(quiz=quiz, user=user, closes_at=quiz.closes_at + timedelta(days=2))
    attempt = take_quiz(quiz, user, {1: {"choice": "a"}})
    after_quiz_close = quiz.closes_at + timedelta(minutes=1)
    assert not selectors.review_options(attempt=attempt, now=after_quiz_close).answers
    after_own_close = quiz.closes_at + timedelta(days=2, minutes=1)
    assert selectors.review_options(attempt=attempt, now=after_own_close).answers
