"""Regrading after a question is corrected: the dry run reports, the real run changes grades."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from lessons.services import enrolment_create
from quizzes import services
from quizzes.bank.services import question_update
from quizzes.manage.services import attempts_regrade
from quizzes.models import Attempt, QuizGrade, Response
from tests.factories import ProfileFactory, learner, lecturer, manager
from tests.lessons.builders import make_course
from tests.quizzes.builders import PAYLOADS, make_category, make_question, make_quiz

pytestmark = pytest.mark.django_db

ESSAY = {"format": "html"}


def person(family_name, given_name):
    user = learner()
    ProfileFactory(user=user, family_name=family_name, given_name=given_name)
    return user


def take(quiz, user, answers):
    enrolment_create(user=user, course=quiz.course)
    attempt = services.attempt_start(user=user, quiz=quiz)
    for slot, answer in answers.items():
        services.attempt_save(attempt=attempt, user=user, slot=slot, answer=answer, sequence=1)
    return services.attempt_submit(attempt=attempt, user=user)


def with_right_answer(key):
    """The single-choice payload with ``key`` as the right answer."""
    return {
        "options": [
            {**option, "fraction": "1" if option["key"] == key else "0"}
            for option in PAYLOADS["single"]["options"]
        ]
    }


@pytest.fixture
def teacher():
    return lecturer()


@pytest.fixture
def exam(teacher):
    """Two one-mark questions; the first one's answer key is wrong (Huế marked right).

    An chose Hà Nội (graded wrong), Bình chose Huế (graded right); both got
    question 2 right.
    """
    category = make_category()
    wrong_key = make_question(category=category, payload=with_right_answer("b"), name="Thủ đô")
    other = make_question(category=category, qtype="truefalse")
    quiz = make_quiz(course=make_course(lecturers=[teacher]), questions=[wrong_key, other])
    people = {"an": person("Nguyễn Văn", "An"), "binh": person("Trần Thị", "Bình")}
    take(quiz, people["an"], {1: {"choice": "a"}, 2: {"value": True}})
    take(quiz, people["binh"], {1: {"choice": "b"}, 2: {"value": True}})
    return quiz, wrong_key, people, teacher


def correct(question, teacher):
    # The bank's own permission rules are not what is tested here.
    return question_update(
        question=question,
        user=None,
        text=question.current_version.text,
        payload=with_right_answer("a"),
    )


def grades(quiz):
    return {attempt.user: attempt.grade for attempt in Attempt.objects.filter(quiz=quiz)}


def test_grades_before_the_correction(exam):
    quiz, _question, people, _teacher = exam
    assert grades(quiz) == {people["an"]: Decimal("5.00"), people["binh"]: Decimal("10.00")}


def test_dry_run_reports_the_changes_and_changes_nothing(exam):
    quiz, question, people, teacher = exam
    old_version = question.current_version
    correct(question, teacher)
    changes = attempts_regrade(quiz=quiz, by=teacher, dry_run=True)
    assert [(c.learner, c.old_grade, c.new_grade) for c in changes] == [
        (people["an"], Decimal("5.00"), Decimal("10.00")),
        (people["binh"], Decimal("10.00"), Decimal("5.00")),
    ]
    assert changes[0].old_marks == Decimal("1.00") and changes[0].new_marks == Decimal("2.00")
    assert grades(quiz) == {people["an"]: Decimal("5.00"), people["binh"]: Decimal("10.00")}
    assert set(Response.objects.filter(slot=1).values_list("question_version", flat=True)) == {
        old_version.pk
    }
    assert QuizGrade.objects.get(quiz=quiz, user=people["an"]).grade == Decimal("5.00")


def test_regrade_changes_grades_and_moves_answers_to_the_latest_version(exam):
    quiz, question, people, teacher = exam
    question = correct(question, teacher)
    changes = attempts_regrade(quiz=quiz, by=teacher, dry_run=False)
    assert len(changes) == 2
    assert grades(quiz) == {people["an"]: Decimal("10.00"), people["binh"]: Decimal("5.00")}
    an = QuizGrade.objects.get(quiz=quiz, user=people["an"])
    binh = QuizGrade.objects.get(quiz=quiz, user=people["binh"])
    assert (an.grade, an.passed) == (Decimal("10.00"), True)
    assert (binh.grade, binh.passed) == (Decimal("5.00"), True)
    response = Response.objects.get(attempt__user=people["an"], slot=1)
    assert response.question_version_id == question.current_version_id
    assert response.mark == Decimal("1.00") and response.fraction == 1
    # A second regrade finds nothing left to change.
    assert attempts_regrade(quiz=quiz, by=teacher, dry_run=True) == []


def test_unchanged_questions_change_nothing(exam):
    quiz, _question, _people, teacher = exam
    assert attempts_regrade(quiz=quiz, by=teacher, dry_run=False) == []


def test_a_version_with_other_options_is_left_alone(exam):
    quiz, question, _people, teacher = exam
    old_version = question.current_version
    payload = {
        "options": [
            {"key": "x", "text": "Hà Nội", "fraction": "1"},
            {"key": "y", "text": "Huế", "fraction": "0"},
        ]
    }
    question_update(question=question, user=None, text=old_version.text, payload=payload)
    assert attempts_regrade(quiz=quiz, by=teacher, dry_run=False) == []
    assert set(Response.objects.filter(slot=1).values_list("question_version", flat=True)) == {
        old_version.pk
    }


def test_lecturers_marks_stand(teacher):
    essay = make_question(qtype="essay", payload=ESSAY)
    single = make_question(payload=with_right_answer("b"))
    quiz = make_quiz(course=make_course(lecturers=[teacher]), questions=[essay, single])
    student = learner()
    attempt = take(quiz, student, {1: {"text": "<p>Bài làm</p>"}, 2: {"choice": "a"}})
    services.response_grade_manual(
        response=attempt.responses.get(slot=1), grader=teacher, mark="0,5"
    )
    correct(single, teacher)
    changes = attempts_regrade(quiz=quiz, by=teacher, dry_run=False)
    assert [(c.old_grade, c.new_grade) for c in changes] == [(Decimal("2.50"), Decimal("7.50"))]
    assert attempt.responses.get(slot=1).mark == Decimal("0.50")


def test_attempts_waiting_for_grading_report_marks_without_a_grade(teacher):
    essay = make_question(qtype="essay", payload=ESSAY)
    single = make_question(payload=with_right_answer("b"))
    quiz = make_quiz(course=make_course(lecturers=[teacher]), questions=[essay, single])
    take(quiz, learner(), {1: {"text": "<p>Bài làm</p>"}, 2: {"choice": "a"}})
    correct(single, teacher)
    [change] = attempts_regrade(quiz=quiz, by=teacher, dry_run=False)
    assert change.old_grade is None and change.new_grade is None
    assert (change.old_marks, change.new_marks) == (Decimal("0.00"), Decimal("1.00"))
    attempt = Attempt.objects.get(quiz=quiz)
    assert attempt.needs_grading and attempt.marks == Decimal("1.00")


def test_only_the_courses_lecturers_may_regrade(exam):
    quiz, question, people, teacher = exam
    correct(question, teacher)
    make_course(title="Khóa khác", lecturers=[other := lecturer()])
    for user in (other, manager(), people["an"]):
        with pytest.raises(PermissionDenied):
            attempts_regrade(quiz=quiz, by=user, dry_run=False)
    assert grades(quiz)[people["an"]] == Decimal("5.00")


# --- The screen -----------------------------------------------------------------


def regrade_url(quiz):
    return reverse("quizzes_manage:regrade", args=[quiz.pk])


def test_screen_previews_then_regrades(client, exam):
    quiz, question, people, teacher = exam
    correct(question, teacher)
    client.force_login(teacher)
    assert "data-preview" in client.get(regrade_url(quiz)).content.decode()
    preview = client.post(regrade_url(quiz))
    assert preview.status_code == 200
    html = preview.content.decode()
    assert 'data-change-count="2"' in html and "data-confirm" in html
    assert grades(quiz)[people["an"]] == Decimal("5.00")
    done = client.post(regrade_url(quiz), {"confirm": "1"})
    assert done.status_code == 302
    assert done["Location"] == reverse("quizzes_manage:results", args=[quiz.pk])
    assert grades(quiz)[people["an"]] == Decimal("10.00")


def test_screen_is_refused_to_outsiders(client, exam):
    quiz, question, people, teacher = exam
    correct(question, teacher)
    make_course(title="Khóa khác", lecturers=[other := lecturer()])
    for user in (other, manager()):
        client.force_login(user)
        refused = client.post(regrade_url(quiz), {"confirm": "1"})
        assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    client.force_login(people["an"])
    refused = client.post(regrade_url(quiz), {"confirm": "1"})
    assert refused["Location"].startswith(reverse("wagtailadmin_login"))
    assert grades(quiz)[people["an"]] == Decimal("5.00")
