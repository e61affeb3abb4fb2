"""The Aiken importer against Moodle's own fixtures and Vietnamese files."""

from pathlib import Path

import pytest
from django.utils import translation

from quizzes.interchange import aiken

FIXTURES = Path(__file__).resolve().parents[4] / "shared" / "fixtures" / "moodle"


@pytest.fixture(autouse=True)
def english():
    # Messages are checked in their English msgid, whatever the catalogue says.
    with translation.override("en"):
        yield


def right_letters(question):
    return [
        option["key"].upper() for option in question.payload["options"] if option["fraction"] == "1"
    ]


def test_fixtures_path_resolves():
    assert (FIXTURES / "aiken_errors.txt").is_file()


def test_moodle_questions_file():
    result = aiken.parse((FIXTURES / "questions.aiken.txt").read_text(encoding="utf-8"))

    assert result.errors == []
    first, second = result.questions
    assert first.qtype == "single"
    assert first.name == "The Moodle project was started by:"
    assert first.line == 1
    assert [option["text"] for option in first.payload["options"]] == [
        "Petr Skoda",
        "Martin Dougiamas",
        "Eloy Lafuente",
        "Tim Hunt",
    ]
    assert right_letters(first) == ["B"]
    assert [option["fraction"] for option in first.payload["options"]] == ["0", "1", "0", "0"]
    assert "&lt;html class=&quot;cool&quot;&gt; &amp; images" in second.text
    assert "<html" not in second.text
    assert second.line == 8
    assert right_letters(second) == ["A"]
    assert [option["text"] for option in second.payload["options"]] == ["True", "False"]


def test_moodle_errors_file():
    result = aiken.parse((FIXTURES / "aiken_errors.txt").read_text(encoding="utf-8"))

    assert [question.name for question in result.questions] == [
        "A good question",
        "A second good question",
    ]
    good, second = result.questions
    assert [option["text"] for option in good.payload["options"]] == ["Correct", "Incorrect"]
    assert right_letters(good) == ["A"]
    assert [option["text"] for option in second.payload["options"]] == [
        "Incorrect (No space)",
        "Correct (No space)",
    ]
    assert right_letters(second) == ["B"]

    assert [problem.line for problem in result.errors] == [3, 5, 7, 18]
    too_few, not_started, not_started_again, not_complete = result.errors
    assert too_few.question == "A question with too few answers"
    assert "at least two" in too_few.message
    assert "not started" in not_started.message
    assert not_started.message == not_started_again.message
    assert not_complete.question == "A question started but not finished"
    assert "before it is complete" in not_complete.message
    assert len({too_few.message, not_started.message, not_complete.message}) == 3


def test_vietnamese_dot_style_without_blank_lines():
    text = (
        "Cơ quan nào ban hành Luật?\n"
        "A. Chính phủ\n"
        "B. Quốc hội\n"
        "C.Bộ Tư pháp\n"
        "ANSWER: B\n"
        "Thủ đô của Việt Nam là\n"
        "A) Hà Nội\n"
        "B) Huế\n"
        "ANSWER: a\n"
    )
    result = aiken.parse(text)

    assert result.errors == []
    first, second = result.questions
    assert first.text == "Cơ quan nào ban hành Luật?"
    assert [option["text"] for option in first.payload["options"]] == [
        "Chính phủ",
        "Quốc hội",
        "Bộ Tư pháp",
    ]
    assert right_letters(first) == ["B"]
    assert second.line == 6
    assert right_letters(second) == ["A"]


def test_question_text_on_several_lines():
    result = aiken.parse("Đọc đoạn sau:\n«Luật & nghị định»\nA) Đúng\nB) Sai\nANSWER: A\n")

    (question,) = result.questions
    assert question.text == "Đọc đoạn sau:<br>«Luật &amp; nghị định»"
    assert question.name == "Đọc đoạn sau: «Luật & nghị định»"


def test_answer_letter_without_option_and_unfinished_last_question():
    result = aiken.parse("Câu một\nA) x\nB) y\nANSWER: D\n\nCâu hai\nA) x\nB) y\n")

    assert result.questions == []
    assert [(problem.line, problem.question) for problem in result.errors] == [
        (4, "Câu một"),
        (6, "Câu hai"),
    ]
    assert "D" in result.errors[0].message


def test_text_line_after_blank_line_starts_a_new_question():
    result = aiken.parse("Câu bỏ dở\n\nCâu hai\nA) x\nB) y\nANSWER: B\n")

    assert [question.name for question in result.questions] == ["Câu hai"]
    assert [problem.line for problem in result.errors] == [3]


def test_long_names_are_cut_at_a_word():
    words = " ".join(["quản lý nhà nước"] * 10)
    result = aiken.parse(f"{words}\nA) x\nB) y\nANSWER: A\n")

    name = result.questions[0].name
    assert len(name) <= 81
    assert name.endswith("…")
    assert words.startswith(name[:-1])
