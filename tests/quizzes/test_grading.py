"""Grades: the 10-point scale, grading methods, pass marks, classification and manual grading."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone, translation

from lessons.models import CourseCompletion
from quizzes import selectors, services
from quizzes.grading import Bands, aggregate, bands_for, classify, grade_on_ten
from quizzes.models import Attempt, QuizGrade, ResponseFile
from tests.factories import learner, lecturer
from tests.lessons.builders import make_course, make_program
from tests.quizzes.builders import (
    enrolled_learner,
    make_category,
    make_question,
    make_quiz,
    take_quiz,
)

NOW = timezone.now().replace(microsecond=0)
D = Decimal


def english(text):
    with translation.override("en"):
        return str(text)


# --- pure: the scale, the methods, the bands -------------------------------------------


@pytest.mark.parametrize(
    "marks, max_marks, grade",
    [
        ("7", "8", "8.75"),
        ("1", "3", "3.33"),
        ("2", "3", "6.67"),
        ("0.1285", "1", "1.29"),  # 1.285: half up, not half even
        ("0.1275", "1", "1.28"),
        ("4.5", "9", "5.00"),
        ("0", "5", "0.00"),
        ("12", "12", "10.00"),
        ("3", "0", "0.00"),  # nothing to earn
    ],
)
def test_grade_on_ten_two_decimals_half_up(marks, max_marks, grade):
    assert grade_on_ten(D(marks), D(max_marks)) == D(grade)
    assert str(grade_on_ten(D(marks), D(max_marks))) == grade


def test_grade_on_ten_of_nothing_is_nothing():
    assert grade_on_ten(None, D("10")) is None


GRADES = [D("5.00"), D("10.00"), D("2.50")]


@pytest.mark.parametrize(
    "method, expected",
    [("highest", "10.00"), ("average", "5.83"), ("first", "5.00"), ("last", "2.50")],
)
def test_aggregate_by_method(method, expected):
    assert aggregate(GRADES, method) == D(expected)


def test_aggregate_average_rounds_half_up():
    assert aggregate([D("5.00"), D("5.01")], "average") == D("5.01")  # 5.005
    assert aggregate([D("7.25"), D("7.26")], "average") == D("7.26")  # 7.255


@pytest.mark.parametrize("method", ["highest", "average", "first", "last"])
def test_aggregate_of_no_grades_is_none(method):
    assert aggregate([], method) is None
    assert aggregate([None], method) is None


def test_an_attempt_waiting_for_grading_counts_as_no_grade_yet():
    pending_first = [None, D("8.00"), D("6.00")]
    assert aggregate(pending_first, "first") is None  # not the second attempt's 8
    assert aggregate(pending_first, "last") == D("6.00")
    assert aggregate(pending_first, "highest") == D("8.00")
    assert aggregate(pending_first, "average") == D("7.00")
    assert aggregate([D("6.00"), None], "last") is None


@pytest.mark.parametrize(
    "grade, label",
    [
        ("10.00", "Excellent"),
        ("9.00", "Excellent"),
        ("8.99", "Good"),
        ("8.00", "Good"),
        ("7.99", "Fair"),
        ("7.00", "Fair"),
        ("6.99", "Average"),
        ("5.00", "Average"),
        ("4.99", "Fail"),
        ("0.00", "Fail"),
    ],
)
def test_classification_bands(grade, label):
    assert english(classify(D(grade), Bands())) == label


def test_classification_with_a_higher_pass_mark_and_custom_bands():
    bands = Bands(excellent=D("9.5"), good=D("8.5"), fair=D("7.5"), passing=D("6"))
    assert english(classify(D("9.4"), bands)) == "Good"
    assert english(classify(D("8.4"), bands)) == "Fair"
    assert english(classify(D("6.00"), bands)) == "Average"
    assert english(classify(D("5.99"), bands)) == "Fail"
    assert classify(None, bands) == ""


def test_classification_is_translated():
    # The same lazy strings the code returns, compared in the active language (vi in tests).
    from django.utils.translation import gettext_lazy as _

    assert classify(D("9.5"), Bands()) == _("Excellent")
    assert classify(D("1"), Bands()) == _("Fail")


# --- with the database: bands, methods, pass marks ------------------------------------


@pytest.mark.django_db
def test_bands_come_from_the_program_and_the_quiz_pass_mark_wins():
    program = make_program(
        pass_mark=D("6.00"), fair_mark=D("7.50"), good_mark=D("8.50"), excellent_mark=D("9.50")
    )
    course = make_course(program=program)
    assert bands_for(make_quiz(course=course)) == Bands(
        excellent=D("9.50"), good=D("8.50"), fair=D("7.50"), passing=D("6.00")
    )
    assert bands_for(make_quiz(course=course, pass_mark=D("4.00"))).passing == D("4.00")
    assert bands_for(make_quiz(course=course, pass_mark=D("0"))).passing == D("0")


@pytest.mark.django_db
def test_a_program_pass_mark_of_zero_is_kept():
    program = make_program(pass_mark=D("0.00"))
    assert bands_for(make_quiz(course=make_course(program=program))).passing == D("0.00")


@pytest.mark.django_db
def test_default_bands():
    assert bands_for(make_quiz()) == Bands()


def true_false_quiz(count=4, **fields):
    category = make_category()
    questions = [make_question(category=category, qtype="truefalse") for _ in range(count)]
    return make_quiz(questions=questions, attempts_allowed=0, **fields)


def answers_with(right, count=4):
    """Answers to a true/false quiz with ``right`` of ``count`` right."""
    return {slot: {"value": slot <= right} for slot in range(1, count + 1)}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "method, expected",
    [("highest", "10.00"), ("average", "5.83"), ("first", "5.00"), ("last", "2.50")],
)
def test_grading_method_across_attempts(method, expected):
    quiz = true_false_quiz(grading_method=method)
    user = enrolled_learner(quiz)
    grades = [take_quiz(quiz, user, answers_with(right), now=NOW).grade for right in (2, 4, 1)]
    assert grades == [D("5.00"), D("10.00"), D("2.50")]
    quiz_grade = QuizGrade.objects.get(quiz=quiz, user=user)
    assert quiz_grade.grade == D(expected)
    assert quiz_grade.passed is (D(expected) >= D("5"))
    assert QuizGrade.objects.count() == 1


@pytest.mark.django_db
def test_abandoned_and_open_attempts_do_not_count():
    quiz = true_false_quiz(time_limit_minutes=10, overdue_handling="abandon")
    user = enrolled_learner(quiz)
    take_quiz(quiz, user, answers_with(2), now=NOW)
    take_quiz(quiz, user, answers_with(4), submit=False, now=NOW)
    services.attempts_close_overdue(now=NOW + timedelta(minutes=11))
    assert Attempt.objects.get(number=2).state == "abandoned"
    take_quiz(quiz, user, answers_with(3), submit=False, now=NOW + timedelta(minutes=12))
    assert QuizGrade.objects.get(user=user).grade == D("5.00")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "quiz_pass, program_pass, right, passed",
    [
        (None, "5.00", 2, True),  # 5.00 with the default pass mark
        (None, "6.00", 2, False),  # the program asks for 6
        ("4.00", "6.00", 2, True),  # the quiz's own pass mark wins
        ("7.50", "5.00", 3, True),  # 7.50 is enough for 7.50
        ("7.60", "5.00", 3, False),
    ],
)
def test_passed_by_the_quiz_pass_mark_or_the_programs(quiz_pass, program_pass, right, passed):
    program = make_program(pass_mark=D(program_pass))
    quiz = true_false_quiz(
        course=make_course(program=program), pass_mark=D(quiz_pass) if quiz_pass else None
    )
    user = enrolled_learner(quiz)
    attempt = take_quiz(quiz, user, answers_with(right), now=NOW)
    assert QuizGrade.objects.get(user=user).passed is passed
    assert selectors.attempt_result(attempt=attempt, user=user).passed is passed


@pytest.mark.django_db
@pytest.mark.parametrize(
    "right, label", [(4, "Excellent"), (3, "Fair"), (2, "Average"), (1, "Fail")]
)
def test_attempt_result_classifies(right, label):
    quiz = true_false_quiz()
    user = enrolled_learner(quiz)
    attempt = take_quiz(quiz, user, answers_with(right), now=NOW)
    result = selectors.attempt_result(attempt=attempt, user=user)
    assert english(result.classification) == label
    assert (result.marks, result.max_marks) == (D(right), D("4"))


@pytest.mark.django_db
def test_a_response_mark_rounds_half_up():
    question = make_question(
        payload={
            "options": [
                {"key": "a", "text": "Đúng", "fraction": "1"},
                {"key": "b", "text": "Một phần tư", "fraction": "0.25"},
            ]
        }
    )
    quiz = make_quiz(questions=[question], mark=D("0.5"))
    user = enrolled_learner(quiz)
    attempt = take_quiz(quiz, user, {1: {"choice": "b"}}, now=NOW)
    assert attempt.responses.get().mark == D("0.13")  # 0.125


# --- manual grading ------------------------------------------------------------------------


@pytest.fixture
def essay_attempt(db):
    """A finished attempt: a single choice answered right (1 mark) and an essay (1 mark)."""
    teacher = lecturer()
    category = make_category()
    quiz = make_quiz(
        course=make_course(lecturers=[teacher]),
        questions=[
            make_question(category=category),
            make_question(category=category, qtype="essay"),
        ],
    )
    user = enrolled_learner(quiz)
    attempt = take_quiz(
        quiz, user, {1: {"choice": "a"}, 2: {"text": "<p>Bài phân tích</p>"}}, now=NOW
    )
    return attempt, user, teacher


def essay_of(attempt):
    return attempt.responses.get(slot=2)


def test_an_essay_waits_for_a_person(essay_attempt):
    attempt, user, _teacher = essay_attempt
    assert (attempt.marks, attempt.grade, attempt.needs_grading) == (D("1"), None, True)
    essay = essay_of(attempt)
    assert (essay.fraction, essay.mark, essay.needs_grading) == (None, None, True)
    result = selectors.attempt_result(attempt=attempt, user=user)
    assert (result.grade, result.passed, result.classification) == (None, None, "")
    quiz_grade = QuizGrade.objects.get(user=user)
    assert (quiz_grade.grade, quiz_grade.passed) == (None, False)


def test_manual_grading_recomputes_the_attempt_and_the_quiz_grade(essay_attempt):
    attempt, user, teacher = essay_attempt
    graded = services.response_grade_manual(
        response=essay_of(attempt), grader=teacher, mark="0,75", comment="Khá tốt"
    )
    assert (graded.mark, graded.fraction, graded.needs_grading) == (D("0.75"), D("0.75"), False)
    assert (graded.graded_by, graded.comment) == (teacher, "Khá tốt")
    assert graded.graded_at is not None
    attempt.refresh_from_db()
    assert (attempt.marks, attempt.grade, attempt.needs_grading) == (D("1.75"), D("8.75"), False)
    quiz_grade = QuizGrade.objects.get(user=user)
    assert (quiz_grade.grade, quiz_grade.passed) == (D("8.75"), True)
    assert english(selectors.attempt_result(attempt=attempt, user=user).classification) == "Good"
    # A second opinion replaces the first, and everything follows.
    services.response_grade_manual(response=essay_of(attempt), grader=teacher, mark=0)
    attempt.refresh_from_db()
    assert attempt.grade == D("5.00")
    assert QuizGrade.objects.get(user=user).grade == D("5.00")


@pytest.mark.parametrize("mark", ["-0.01", "1.01", "100", "abc", "", "Infinity"])
def test_manual_marks_outside_zero_to_max_are_refused(essay_attempt, mark):
    attempt, _user, teacher = essay_attempt
    with pytest.raises(ValidationError):
        services.response_grade_manual(response=essay_of(attempt), grader=teacher, mark=mark)
    essay = essay_of(attempt)
    assert (essay.mark, essay.needs_grading, essay.graded_by) == (None, True, None)


def test_a_manual_mark_of_nan_is_refused(essay_attempt):
    attempt, _user, teacher = essay_attempt
    with pytest.raises(ValidationError):
        services.response_grade_manual(response=essay_of(attempt), grader=teacher, mark="NaN")


def test_manual_marks_at_the_bounds_are_accepted(essay_attempt):
    attempt, _user, teacher = essay_attempt
    services.response_grade_manual(response=essay_of(attempt), grader=teacher, mark="1")
    assert Attempt.objects.get(pk=attempt.pk).grade == D("10.00")


def test_only_the_courses_staff_grade(essay_attempt):
    attempt, user, _teacher = essay_attempt
    for grader in (user, learner(), enrolled_learner(attempt.quiz)):
        with pytest.raises(PermissionDenied):
            services.response_grade_manual(response=essay_of(attempt), grader=grader, mark=1)
    essay = essay_of(attempt)
    assert (essay.mark, essay.needs_grading) == (None, True)
    assert Attempt.objects.get(pk=attempt.pk).grade is None


@pytest.mark.django_db
def test_an_open_attempt_cannot_be_graded():
    teacher = lecturer()
    quiz = make_quiz(
        course=make_course(lecturers=[teacher]), questions=[make_question(qtype="essay")]
    )
    user = enrolled_learner(quiz)
    attempt = take_quiz(quiz, user, {1: {"text": "Bài làm"}}, submit=False, now=NOW)
    with pytest.raises(ValidationError):
        services.response_grade_manual(response=attempt.responses.get(), grader=teacher, mark=1)
    assert attempt.responses.get().mark is None


@pytest.mark.django_db
def test_an_empty_essay_is_graded_zero_at_once():
    quiz = make_quiz(questions=[make_question(qtype="essay"), make_question(qtype="truefalse")])
    user = enrolled_learner(quiz)
    attempt = take_quiz(quiz, user, {1: {"text": "<p> </p>"}, 2: {"value": True}}, now=NOW)
    assert (attempt.needs_grading, attempt.grade) == (False, D("5.00"))
    essay = attempt.responses.get(slot=1)
    assert (essay.fraction, essay.mark, essay.needs_grading) == (D("0"), D("0"), False)


@pytest.mark.django_db
def test_an_essay_with_only_a_file_waits_for_a_person():
    quiz = make_quiz(questions=[make_question(qtype="essay", payload={"attachments": 1})])
    user = enrolled_learner(quiz)
    attempt = take_quiz(quiz, user, submit=False, now=NOW)
    response = attempt.responses.get()
    attached = ResponseFile(response=response, name="bai-lam.pdf", size=4)
    attached.file.save("bai-lam.pdf", ContentFile(b"%PDF"), save=True)
    finished = services.attempt_submit(attempt=attempt, user=user, now=NOW)
    assert (finished.needs_grading, finished.grade) == (True, None)
    assert attempt.responses.get().fraction is None


@pytest.mark.django_db
def test_first_attempt_method_waits_for_the_first_attempt_to_be_graded():
    teacher = lecturer()
    quiz = make_quiz(
        course=make_course(lecturers=[teacher]),
        questions=[make_question(qtype="essay")],
        attempts_allowed=0,
        grading_method="first",
    )
    user = enrolled_learner(quiz)
    first = take_quiz(quiz, user, {1: {"text": "Lần một"}}, now=NOW)
    take_quiz(quiz, user, {1: {"text": ""}}, now=NOW)  # empty: 0 at once
    assert QuizGrade.objects.get(user=user).grade is None
    services.response_grade_manual(response=first.responses.get(), grader=teacher, mark="0.9")
    assert QuizGrade.objects.get(user=user).grade == D("9.00")


# --- course completion --------------------------------------------------------------------


@pytest.mark.django_db
def test_passing_a_required_quiz_completes_the_course():
    # Relies on lessons.selectors.course_progress_for counting required quizzes passed.
    course = make_course(completion_rule="lessons_quizzes")
    quiz = true_false_quiz(course=course, is_required=True)
    user = enrolled_learner(quiz)
    take_quiz(quiz, user, answers_with(1), now=NOW)
    assert not CourseCompletion.objects.filter(user=user, course=course).exists()
    take_quiz(quiz, user, answers_with(3), now=NOW)
    assert CourseCompletion.objects.filter(user=user, course=course).exists()


@pytest.mark.django_db
def test_a_required_quiz_does_not_complete_a_lessons_only_course_with_no_lessons():
    course = make_course(completion_rule="lessons")
    quiz = true_false_quiz(course=course, is_required=True)
    user = enrolled_learner(quiz)
    take_quiz(quiz, user, answers_with(4), now=NOW)
    assert not CourseCompletion.objects.filter(user=user, course=course).exists()
