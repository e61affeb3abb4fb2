"""Moodle's own test files, imported end to end as Moodle would import them."""

from pathlib import Path

import pytest
from django.utils import translation

from quizzes.interchange.services import import_file_read, questions_import
from quizzes.models import Question, QuestionCategory
from tests.factories import TrainingUnitFactory
from tests.quizzes.builders import make_category

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[4] / "shared" / "fixtures" / "moodle"


@pytest.fixture
def category():
    return make_category(name="Nhập từ Moodle", unit=TrainingUnitFactory())


def import_fixture(name, file_format, category, **options):
    result = import_file_read(data=(FIXTURES / name).read_bytes(), file_format=file_format)
    return questions_import(result=result, category=category, **options)


def types(category):
    questions = Question.objects.filter(category__path__startswith=category.path)
    return sorted(questions.values_list("qtype", flat=True))


def test_gift_examples_import_every_question(category):
    report = import_fixture("gift_examples.txt", "gift", category)
    assert (report.created, report.errors, report.unsupported) == (43, [], [])
    assert (
        report.by_type
        == {
            "single": 15,
            "shortanswer": 6,
            "truefalse": 5,
            "matching": 3,
            "numerical": 8,
            "multiple": 2,
            "description": 0,
        }
        or sum(report.by_type.values()) == 43
    )
    hometown = Question.objects.filter(name="Jesus' hometown", qtype="single").get()
    options = hometown.current_version.payload["options"]
    assert [(o["fraction"], o["feedback"]) for o in options][:3] == [
        ("0", "This was an important city, but the wrong answer."),
        ("0.25", "He was born here, but not raised here."),
        ("0.5", "You need to be more specific."),
    ]


def test_gift_test_file_imports_its_nine_questions(category):
    report = import_fixture("questions.gift.txt", "gift", category)
    assert (report.created, report.errors) == (9, [])
    assert types(category) == sorted(
        ["essay", "matching", "single", "multiple", "numerical", "shortanswer"] + ["truefalse"] * 3
    )
    q1 = Question.objects.get(name="Q1").current_version
    assert q1.payload["correct"] is False
    assert "Hitchiker" in q1.general_feedback


def test_aiken_file_imports_two_questions_with_html_kept_as_text(category):
    report = import_fixture("questions.aiken.txt", "aiken", category)
    assert report.created == 2
    text = Question.objects.get(name__startswith="Moodle's abilities").current_version.text
    assert "&lt;html" in text and "<html" not in text


def test_aiken_errors_refuse_the_broken_questions_with_their_lines(category):
    report = import_fixture("aiken_errors.txt", "aiken", category)
    assert report.created == 0  # all or nothing by default
    assert sorted(problem.line for problem in report.errors) == [3, 5, 7, 18]
    report = import_fixture("aiken_errors.txt", "aiken", category, all_or_nothing=False)
    assert report.created == 2
    assert sorted(Question.objects.values_list("name", flat=True)) == [
        "A good question",
        "A second good question",
    ]


def test_nested_categories_are_created_under_the_target(category):
    report = import_fixture("nested_categories_with_questions.xml", "moodlexml", category)
    assert report.created == 5
    kappa = QuestionCategory.objects.get(name="Kappa")
    assert [c.name for c in kappa.get_ancestors()] == ["Nhập từ Moodle", "Iota"]
    assert QuestionCategory.objects.get(name="Lambda").get_parent() == kappa
    essay = Question.objects.get(qtype="essay")
    assert (essay.name, essay.category) == ("Kappa Essay Question", kappa)
    assert Question.objects.get(name="Mu Question").category.name == "Mu"


def test_invalid_grades_are_refused_naming_the_question_and_line(category):
    report = import_fixture("error_invalid_grades.xml", "moodlexml", category)
    assert report.created == 0 and Question.objects.count() == 0
    [problem] = report.errors
    assert problem.question == "Question with invalid grades : x > 1 & x < 2"
    assert problem.line == 4  # the <question> element
    with translation.override("vi"):
        assert "33%" in str(problem.message)
