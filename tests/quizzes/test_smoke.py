from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from lessons.services import enrolment_create
from quizzes import selectors, services
from tests.factories import learner
from tests.quizzes.builders import PAYLOADS, make_category, make_question, make_quiz

pytestmark = pytest.mark.django_db


def test_an_attempt_from_start_to_result():
    category = make_category()
    questions = [make_question(category=category, qtype=qtype) for qtype in PAYLOADS]
    quiz = make_quiz(questions=questions)
    user = learner()
    enrolment_create(user=user, course=quiz.course)
    attempt = services.attempt_start(user=user, quiz=quiz)
    layout = selectors.attempt_layout(attempt=attempt, user=user)
    assert [item["type"] for item in layout] == list(PAYLOADS)
    answers = {
        "single": {"choice": "a"},
        "multiple": {"choices": ["a", "b"]},
        "truefalse": {"value": True},
        "shortanswer": {"text": "  Quản  lý Nhà nước "},
        "numerical": {"number": "63,0"},
        "matching": {"pairs": {"i1": "o1", "i2": "o3"}},
        "essay": {"text": "<p>Bài làm</p>"},
    }
    for item in layout:
        if item["type"] in answers:
            services.attempt_save(
                attempt=attempt,
                user=user,
                slot=item["slot"],
                answer=answers[item["type"]],
                sequence=1,
            )
    attempt = services.attempt_submit(attempt=attempt, user=user)
    assert attempt.state == "finished"
    assert attempt.marks == Decimal("5.50")
    assert attempt.needs_grading
    result = selectors.attempt_result(attempt=attempt, user=user)
    assert result.grade is None
    essay = attempt.responses.get(needs_grading=True)
    with pytest.raises(PermissionDenied):
        services.response_grade_manual(response=essay, grader=user, mark=1)
