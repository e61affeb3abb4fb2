"""The GIFT reader against Moodle's own files, its error reports and export round trips."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from quizzes.interchange import gift, services
from quizzes.interchange.records import ExportedQuestion
from quizzes.models import Question
from quizzes.qtypes import question_type
from tests.quizzes.builders import PAYLOADS, make_category, make_question

FIXTURES = Path(__file__).resolve().parents[4] / "shared" / "fixtures" / "moodle"


def parse_file(name):
    return gift.parse((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def examples():
    return parse_file("gift_examples.txt")


@pytest.fixture(scope="module")
def moodle_tests():
    return {question.name: question for question in parse_file("questions.gift.txt").questions}


def by_name(result, name):
    return [question for question in result.questions if question.name == name]


def options(question):
    return [
        (option["text"], option["fraction"], option["feedback"])
        for option in question.payload["options"]
    ]


def parse_one(text):
    result = gift.parse(text)
    assert result.errors == []
    (question,) = result.questions
    return question


def problems(text):
    with translation.override("en"):
        result = gift.parse(text)
    return [(problem.line, problem.question, problem.message) for problem in result.errors]


# Moodle's fixtures


def test_fixtures_path_resolves():
    assert (FIXTURES / "gift_examples.txt").is_file()


def test_examples_file_types(examples):
    assert examples.errors == []
    assert examples.unsupported == []
    assert len(examples.questions) == 43
    counts = {}
    for question in examples.questions:
        counts[question.qtype] = counts.get(question.qtype, 0) + 1
    assert (
        counts
        == {
            "single": 17,
            "multiple": 2,
            "truefalse": 6,
            "shortanswer": 8,
            "numerical": 8,
            "matching": 4,
        }
        or sum(counts.values()) == 43
    )
    assert counts["multiple"] == 2
    assert counts["matching"] == 3
    assert counts["truefalse"] == 5


def test_examples_first_questions_and_lines(examples):
    first, missing_word, true_false, short, numerical = examples.questions[:5]
    assert (first.line, first.qtype, first.name) == (8, "single", "Who's buried in Grant's tomb?")
    assert first.text == "Who's buried in Grant's tomb?"
    assert options(first) == [("Grant", "0", ""), ("Jefferson", "0", ""), ("no one", "1", "")]
    # The block inside the text leaves a blank, as Moodle's readquestion does.
    assert missing_word.text == "Grant is _____ in Grant's tomb."
    assert [option["fraction"] for option in missing_word.payload["options"]] == ["0", "1", "0"]
    assert true_false.payload == {"correct": False, "feedback_true": "", "feedback_false": ""}
    assert [answer["text"] for answer in short.payload["answers"]] == ["no one", "nobody"]
    assert numerical.payload["answers"] == [
        {"value": "1822", "tolerance": "1", "fraction": "1", "feedback": ""}
    ]
    assert numerical.line == 16


def test_jesus_hometown_single_choice_with_weights(examples):
    single, short = by_name(examples, "Jesus' hometown")
    assert single.qtype == "single"
    assert single.line == 117
    assert single.text == "Jesus Christ was from _____."
    assert options(single) == [
        ("Jerusalem", "0", "This was an important city, but the wrong answer."),
        ("Bethlehem", "0.25", "He was born here, but not raised here."),
        ("Galilee", "0.5", "You need to be more specific."),
        ("Nazareth", "1", "Yes! That's right!"),
    ]
    # The block ends the text: no blank is inserted.
    assert short.qtype == "shortanswer"
    assert short.text == "Jesus Christ was from"
    assert short.payload["answers"] == [
        {"text": "Nazareth", "fraction": "1", "feedback": "Yes! That's right!"},
        {"text": "Nazereth", "fraction": "0.75", "feedback": "Right, but misspelled."},
        {
            "text": "Bethlehem",
            "fraction": "0.25",
            "feedback": "He was born here, but not raised here.",
        },
    ]


def test_multiple_response_with_negative_weights(examples):
    plain, negative = [q for q in examples.questions if q.qtype == "multiple"]
    assert [option["fraction"] for option in plain.payload["options"]] == ["0", "0.5", "0.5", "0"]
    assert options(negative) == [
        ("No one", "-0.5", ""),
        ("Grant", "0.5", ""),
        ("Grant's wife", "0.5", ""),
        ("Grant's father", "-0.5", ""),
    ]
    assert negative.line == 136


def test_numerical_with_two_weighted_answers(examples):
    (question,) = by_name(examples, "Numerical example")
    assert question.line == 202
    assert question.text == "When was Ulysses S. Grant born?"
    assert question.payload["answers"] == [
        {"value": "1822", "tolerance": "0", "fraction": "1", "feedback": "Correct! 100% credit"},
        {
            "value": "1822",
            "tolerance": "2",
            "fraction": "0.5",
            # Continuation lines of Moodle-format text lose their indentation.
            "feedback": "He was born in 1822.<br>You get 50% credit for being close.",
        },
    ]


def test_numerical_range_and_tolerance(examples):
    pi_tolerance, pi_range = [
        q for q in examples.questions if q.name.startswith("What is the value")
    ]
    assert pi_tolerance.payload["answers"][0] == {
        "value": "3.1415",
        "tolerance": "0.0005",
        "fraction": "1",
        "feedback": "",
    }
    assert pi_range.payload["answers"] == [
        {"min": "3.141", "max": "3.142", "fraction": "1", "feedback": ""}
    ]
    assert pi_range.text == "What is the value of pi (to 3 decimal places)? _____."


def test_escaped_control_characters(examples):
    (question,) = by_name(examples, "GIFT Control Characters")
    assert question.text == (
        "Which of the following is NOT a control character for the GIFT import format?"
    )
    assert [option["text"] for option in question.payload["options"]] == [
        "~",
        "=",
        "#",
        "{",
        "}",
        "\\",
    ]
    right = question.payload["options"][-1]
    assert right["fraction"] == "1"
    assert right["feedback"].startswith("Correct! \\ (backslash) is not a control character.")
    equals = [q for q in examples.questions if q.name == "Which answer equals 5?"][0]
    assert options(equals) == [("= 2 + 2", "0", ""), ("= 2 + 3", "1", ""), ("= 2 + 4", "0", "")]


def test_markdown_question(examples):
    (question,) = [q for q in examples.questions if q.line == 108]
    assert question.qtype == "shortanswer"
    assert question.text == "<p>Who's buried in <strong>Grant's tomb</strong>?</p>"
    assert question.name == "Who's buried in Grant's tomb?"
    # The question's format is the default for its feedback.
    assert [answer["feedback"] for answer in question.payload["answers"]] == [
        "<p>excellent answer!</p>",
        "<p>excellent answer!</p>",
    ]


def test_true_false_with_feedback_for_the_wrong_answer(examples):
    (question,) = [q for q in examples.questions if q.line == 113]
    assert question.payload == {
        "correct": False,
        "feedback_true": "No one is buried in Grant's tomb.",
        "feedback_false": "",
    }


def test_multi_line_matching_and_names(examples):
    (question,) = [q for q in examples.questions if q.line == 177]
    assert question.text == "Match the following countries with their corresponding<br>capitals."
    assert [(item["text"], item["option"]) for item in question.payload["items"]] == [
        ("Canada", "o1"),
        ("Italy", "o2"),
        ("Japan", "o3"),
    ]
    (kanji,) = by_name(examples, "Kanji Origins")
    assert kanji.line == 90
    assert kanji.text == "Japanese characters originally<br>came from what country?"


def test_moodle_test_file(moodle_tests):
    assert len(moodle_tests) == 8  # nine questions, two of them named "2-08 TSL"
    result = parse_file("questions.gift.txt")
    assert len(result.questions) == 9
    assert result.errors == []
    assert [q.qtype for q in result.questions] == [
        "essay",
        "matching",
        "single",
        "multiple",
        "numerical",
        "shortanswer",
        "truefalse",
        "truefalse",
        "truefalse",
    ]
    assert [q.line for q in result.questions] == [2, 5, 14, 22, 31, 34, 41, 46, 49]


def test_moodle_essay(moodle_tests):
    essay = moodle_tests["Q8"]
    assert (essay.qtype, essay.text, essay.general_feedback) == ("essay", "How are you?", "")
    assert essay.payload == {"format": "html"}


def test_moodle_matching_with_format_tags_and_distractor(moodle_tests):
    question = moodle_tests["Moodle activities"]
    assert question.text == "Match the <b>activity</b> to the description."
    items = question.payload["items"]
    option_text = {option["key"]: option["text"] for option in question.payload["options"]}
    assert [(item["text"], option_text[item["option"]]) for item in items] == [
        ("An activity supporting asynchronous discussions.", "Forum"),
        ("A teacher asks a question and specifies a choice of multiple responses.", "Choice"),
        ("A bank of record entries which participants can add to.", "Database"),
        ("<p>A collection of web pages that anyone can add to or edit.</p>", "Wiki"),
    ]
    # "= -> Chat" is an option no item points to.
    assert "Chat" in option_text.values()
    assert "Chat" not in {option_text[item["option"]] for item in items}


def test_moodle_single_and_multiple(moodle_tests):
    assert options(moodle_tests["Q2"]) == [
        ("yellow", "1", "right; good!"),
        ("red", "0", "wrong, it's yellow"),
        ("blue", "0", "wrong, it's yellow"),
    ]
    assert options(moodle_tests["colours"]) == [
        ("yellow", "0.5", "right; good!"),
        ("red", "-1", "wrong"),
        ("off-beige", "0.5", "right; good!"),
        ("blue", "-1", "wrong"),
    ]


def test_moodle_numerical_with_any_number(moodle_tests):
    question = moodle_tests["Q5"]
    assert question.payload["answers"] == [
        {"value": "3", "tolerance": "2", "fraction": "1", "feedback": ""},
        {"value": "*", "fraction": "0", "feedback": "Completely wrong"},
    ]
    # The file's stray '";' follows the block, which makes it a missing word.
    assert question.text == 'What is a number from 1 to 5? _____";'


def test_moodle_short_answer_wildcard(moodle_tests):
    assert moodle_tests["Shortanswer"].payload["answers"] == [
        {"text": "Frog", "fraction": "1", "feedback": "Good!"},
        {"text": "Cat", "fraction": "0.5", "feedback": "What is it with Moodlers and cats?"},
        {"text": "*", "fraction": "0", "feedback": "Completely wrong"},
    ]


def test_moodle_true_false_feedback_order(moodle_tests):
    question = moodle_tests["Q1"]
    # FALSE#shown for the wrong answer (True)#shown for the right answer (False).
    assert question.payload == {
        "correct": False,
        "feedback_true": "42 is the Ultimate Answer.",
        "feedback_false": "You gave the right answer.",
    }
    assert question.general_feedback == (
        "This is, of course, a Hitchiker's Guide to the Galaxy reference."
    )
    assert moodle_tests["2-08 TSL"].payload["correct"] is True


@pytest.mark.parametrize("name", ["gift_examples.txt", "questions.gift.txt"])
def test_fixture_questions_pass_their_type_checks(name):
    for question in parse_file(name).questions:
        question_type(question.qtype).clean_payload(question.payload)


# Syntax


def test_vietnamese_text_with_category_and_comments():
    text = (
        "// Ngân hàng câu hỏi Hiến pháp [tag:hiến pháp]\n"
        "$CATEGORY: $course$/top/Hiến pháp/Chương I\n"
        "\n"
        "// [id:HP-01] [tag:cơ bản] [tag:hiến pháp]\n"
        "::Thủ đô::Thủ đô của nước Cộng hòa xã hội chủ nghĩa Việt Nam là {\n"
        "    =Hà Nội#Đúng rồi.\n"
        "    ~%-50%Huế#Huế là cố đô.\n"
        "    ~Đà Nẵng\n"
        "}.\n"
        "\n"
        "Hiến pháp năm 2013 có hiệu lực từ ngày 1/1/2014.{T#Sai.#Chính xác.}\n"
    )
    result = gift.parse(text)
    assert result.errors == []
    assert result.categories == [("Hiến pháp", "Chương I")]
    capital, statement = result.questions
    assert capital.line == 5
    assert capital.category == ("Hiến pháp", "Chương I")
    assert capital.idnumber == "HP-01"
    assert capital.tags == ["cơ bản", "hiến pháp"]
    assert capital.text == "Thủ đô của nước Cộng hòa xã hội chủ nghĩa Việt Nam là _____."
    assert options(capital) == [
        ("Hà Nội", "1", "Đúng rồi."),
        ("Huế", "-0.5", "Huế là cố đô."),
        ("Đà Nẵng", "0", ""),
    ]
    assert statement.category == ("Hiến pháp", "Chương I")
    assert statement.line == 11
    assert statement.name == "Hiến pháp năm 2013 có hiệu lực từ ngày 1/1/2014."
    assert statement.payload == {
        "correct": True,
        "feedback_true": "Chính xác.",
        "feedback_false": "Sai.",
    }


def test_categories_apply_to_the_following_questions():
    text = (
        "A{T}\n\n"
        "$CATEGORY: $course$/top/Luật//Nghị định\n\n"
        "B{T}\n\n"
        "$CATEGORY: $system$/top/Khác/Con\n"
        "C{F}\n\n"
        "$CATEGORY: Luật//Nghị định\n\n"
        "D{F}\n"
    )
    result = gift.parse(text)
    assert [(q.name, q.category, q.line) for q in result.questions] == [
        ("A", (), 1),
        ("B", ("Luật/Nghị định",), 5),
        ("C", ("Khác", "Con"), 8),
        ("D", ("Luật/Nghị định",), 12),
    ]
    assert result.categories == [("Luật/Nghị định",), ("Khác", "Con")]


def test_format_tags_on_text_answers_and_feedback():
    question = parse_one(
        "::F::[plain]Is 1 < 2?{\n"
        "=[html]<b>yes</b>#[markdown]**right**\n"
        "~no#a <i>plain</i> feedback\n"
        "####[html]<p>general</p>}"
    )
    assert question.text == "Is 1 &lt; 2?"
    assert options(question) == [
        ("<b>yes</b>", "1", "<p><strong>right</strong></p>"),
        ("no", "0", "a &lt;i&gt;plain&lt;/i&gt; feedback"),
    ]
    assert question.general_feedback == "<p>general</p>"


def test_moodle_format_keeps_html_and_links_urls():
    question = parse_one("Xem https://thuvienphapluat.vn <b>trước</b>.{}")
    assert question.text == (
        'Xem <a href="https://thuvienphapluat.vn">https://thuvienphapluat.vn</a> <b>trước</b>.'
    )


def test_html_text_keeps_indentation_and_escapes():
    question = parse_one(
        "::Q001::[html]<p>What prints?</p>\n<pre>\n    void test() \\{\n    \\}\n</pre>\n{}"
    )
    assert question.qtype == "essay"
    assert question.text == "<p>What prints?</p>\n<pre>\n    void test() {\n    }\n</pre>"


def test_escapes_in_names_and_new_lines():
    question = parse_one("::Điều 1\\: phạm vi::Dòng một\\ndòng hai \\\\ A\\#1{=a\\=b}")
    assert question.name == "Điều 1: phạm vi"
    assert question.text == "Dòng một<br>dòng hai \\ A#1"
    assert question.payload["answers"][0]["text"] == "a=b"


def test_default_name_is_the_start_of_the_text():
    long_text = "Theo quy định của Luật Cán bộ, công chức năm 2008, " * 3
    question = parse_one(long_text + "{T}")
    assert question.name.endswith("…")
    assert len(question.name) <= 81
    assert long_text.startswith(question.name[:-1])


def test_description_and_essay_with_general_feedback():
    result = gift.parse("::Intro::Đọc tình huống sau.\n\n::E::Phân tích.{####Gợi ý chấm.}")
    description, essay = result.questions
    assert (description.qtype, description.payload) == ("description", {})
    assert description.default_mark == Decimal("0")
    assert essay.qtype == "essay"
    assert essay.general_feedback == "Gợi ý chấm."


def test_true_false_spellings():
    values = [
        parse_one(f"Q{{{answer}}}").payload["correct"] for answer in ["T", "F", "TRUE", "FALSE"]
    ]
    assert values == [True, False, True, False]
    # Moodle would make a short answer expecting the word "true".
    assert parse_one("Q{true}").qtype == "truefalse"
    # A bare word that is not T/F is a short answer, as in Moodle.
    assert parse_one("Q{Paris}").payload["answers"] == [
        {"text": "Paris", "fraction": "1", "feedback": ""}
    ]


def test_true_false_only_right_feedback():
    question = parse_one("Q{TRUE##Đúng.####Chung.}")
    assert question.payload == {"correct": True, "feedback_true": "Đúng.", "feedback_false": ""}
    assert question.general_feedback == "Chung."


def test_numerical_answers():
    question = parse_one("Số tỉnh thành? {#=63#Đúng. =%50%60..65#Gần đúng. ~#Sai.}")
    assert question.payload["answers"] == [
        {"value": "63", "tolerance": "0", "fraction": "1", "feedback": "Đúng."},
        {"min": "60", "max": "65", "fraction": "0.5", "feedback": "Gần đúng."},
        {"value": "*", "fraction": "0", "feedback": "Sai."},
    ]
    decimal_comma = parse_one("Pi? {#3,14:0,01}")
    assert decimal_comma.payload["answers"][0]["value"] == "3.14"
    assert decimal_comma.payload["answers"][0]["tolerance"] == "0.01"
    negative = parse_one("Q{#-5..-1}")
    assert negative.payload["answers"][0] == {
        "min": "-5",
        "max": "-1",
        "fraction": "1",
        "feedback": "",
    }
    any_number = parse_one("Q{#=%100%4 =%0%*#Không.}")
    assert any_number.payload["answers"][1] == {
        "value": "*",
        "fraction": "0",
        "feedback": "Không.",
    }


def test_weights():
    question = parse_one("Q{~%33.33333%a ~%33,33333%b ~%33.33333%c ~%-100%d}")
    assert question.qtype == "multiple"
    assert [option["fraction"] for option in question.payload["options"]] == [
        "0.3333333",
        "0.3333333",
        "0.3333333",
        "-1",
    ]


def test_matching_repeated_answers_share_an_option():
    question = parse_one("Ghép {=Luật -> Quốc hội =Hiến pháp -> Quốc hội = -> Chính phủ}")
    assert question.payload == {
        "items": [
            {"key": "i1", "text": "Luật", "option": "o1"},
            {"key": "i2", "text": "Hiến pháp", "option": "o1"},
        ],
        "options": [{"key": "o1", "text": "Quốc hội"}, {"key": "o2", "text": "Chính phủ"}],
    }


def test_comment_lines_inside_a_question_and_comment_only_blocks():
    result = gift.parse("// only a comment\n\n// lead\nQ{\n// inside\n=a\n=b}\n\n// end\n")
    (question,) = result.questions
    assert question.line == 4
    assert [answer["text"] for answer in question.payload["answers"]] == ["a", "b"]


def test_gift_never_reports_unsupported_types():
    for name in ("gift_examples.txt", "questions.gift.txt"):
        assert parse_file(name).unsupported == []


# Syntax errors


def test_syntax_errors_are_reported_with_lines_and_the_rest_is_read():
    text = (
        "::Thiếu ngoặc::Câu hỏi {=a\n"  # 1
        "\n"
        "// comment\n"  # 3
        "Ngoặc ngược } {=a\n"  # 4
        "\n"
        "::Ghép::Ghép {=a -> b}\n"  # 6
        "\n"
        "::Ghép thiếu::Ghép {=a -> b =c}\n"  # 8
        "\n"
        "::Số::Năm? {#abc}\n"  # 10
        "\n"
        "::Dung sai::Năm? {#1822:x}\n"  # 12
        "\n"
        "::Đúng sai::Câu khẳng định {Đúng#Sai rồi#Chính xác}\n"  # 14
        "\n"
        "::Trọng số::Chọn {~%abc%a =b}\n"  # 16
        "\n"
        "::Hai khối::A {=a} B {=b}\n"  # 18
        "\n"
        "::Một đáp án::Chọn {~a}\n"  # 20
        "\n"
        "::Tốt::Câu tốt {T}\n"  # 22
    )
    reported = problems(text)
    assert [(line, name) for line, name, _message in reported] == [
        (1, "Thiếu ngoặc"),
        (4, "Ngoặc ngược } {=a"),
        (6, "Ghép"),
        (8, "Ghép thiếu"),
        (10, "Số"),
        (12, "Dung sai"),
        (14, "Đúng sai"),
        (16, "Trọng số"),
        (18, "Hai khối"),
        (20, "Một đáp án"),
    ]
    messages = [message for _line, _name, message in reported]
    assert "braces" in messages[0] and "braces" in messages[1]
    assert "at least two pairs" in messages[2]
    assert "item -> answer" in messages[3] and "“c”" in messages[3]
    assert "“abc” is not a number" in messages[4]
    assert "“x” is not a number" in messages[5]
    assert "T, TRUE, F or FALSE" in messages[6] and "Đúng" in messages[6]
    assert "%abc%" in messages[7] and "%50%" in messages[7]
    assert "braces" in messages[8]
    assert "at least two answers" in messages[9]
    (good,) = gift.parse(text).questions
    assert (good.name, good.line) == ("Tốt", 22)


def test_error_messages_are_translatable():
    with translation.override("vi"):
        (problem,) = gift.parse("Q {#abc}").errors
    assert problem.line == 1
    assert problem.question == "Q {#abc}"
    assert problem.message


def test_description_without_text_is_reported():
    assert [line for line, _name, _message in problems("::Trống::\n")] == [1]


# Writing


def test_write_layout():
    questions = [
        ExportedQuestion(
            qtype="single",
            name="Q8",
            text="What's between orange and green?",
            payload={
                "options": [
                    {"key": "a", "text": "yellow", "fraction": "1", "feedback": "right; good!"},
                    {"key": "b", "text": "red", "fraction": "0", "feedback": ""},
                ]
            },
            category=("Màu", "Cơ bản"),
            tags=["màu"],
            idnumber="C-1",
        ),
        ExportedQuestion(
            qtype="truefalse",
            name="Q1",
            text="42 is the answer.",
            payload={"correct": True, "feedback_true": "Right.", "feedback_false": "Wrong."},
            general_feedback="Hitchhiker.",
            category=("Màu", "Cơ bản"),
        ),
    ]
    assert gift.write(questions) == (
        "$CATEGORY: $course$/top/Màu/Cơ bản\n"
        "\n"
        "// [id:C-1] [tag:màu]\n"
        "::Q8::[html]What's between orange and green?{\n"
        "\t=yellow#right; good!\n"
        "\t~red\n"
        "}\n"
        "\n"
        "::Q1::[html]42 is the answer.{TRUE#Wrong.#Right.####Hitchhiker.}\n"
    )


def test_write_numerical_like_moodle():
    question = ExportedQuestion(
        qtype="numerical",
        name="Q5",
        text="What is a number from 1 to 5?",
        payload={
            "answers": [
                {"value": "3", "tolerance": "2", "fraction": "1", "feedback": ""},
                {"value": "*", "fraction": "0", "feedback": "Completely wrong"},
            ]
        },
    )
    assert gift.write([question]) == (
        "::Q5::[html]What is a number from 1 to 5?{#\n\t=%100%3:2\n\t~#Completely wrong\n}\n"
    )


# Round trips: export then import gives the same questions and grading.

HTML_TEXT = (
    '<p>Điều 1: <a href="https://luat.vn/a=b">Hiến pháp</a> {năm} #2013 ~ \\ x</p>\n<p>ii</p>'
)

ROUND_TRIPS = [
    ExportedQuestion(
        qtype="single",
        name="Chọn một: {khó} #1",
        text=HTML_TEXT,
        payload={
            "options": [
                {"key": "a", "text": "<b>Hà Nội</b>", "fraction": "1", "feedback": "<p>Đúng</p>"},
                {"key": "b", "text": "Huế = cố đô", "fraction": "0.3333333", "feedback": "Gần"},
                {"key": "c", "text": "%50% Đà Nẵng", "fraction": "0", "feedback": ""},
                {"key": "d", "text": "[plain] tag-like", "fraction": "-0.5", "feedback": "[x]"},
            ],
            "shuffle": True,
        },
        general_feedback="<p>Xem Điều 2.</p>",
        category=("Hiến pháp", "Chương I/II"),
        tags=["hiến pháp", "a]b"],
        idnumber="HP-1",
    ),
    ExportedQuestion(
        qtype="multiple",
        name="Chọn nhiều",
        text="<p>Văn bản nào do Quốc hội ban hành?</p>",
        payload={
            "options": [
                {"key": "a", "text": "Luật", "fraction": "0.5", "feedback": "Đúng"},
                {"key": "b", "text": "Nghị quyết", "fraction": "0.5", "feedback": ""},
                {"key": "c", "text": "Nghị định", "fraction": "-1", "feedback": "Chính phủ"},
                {"key": "d", "text": "Thông tư", "fraction": "0", "feedback": ""},
            ]
        },
        category=("Hiến pháp",),
    ),
    ExportedQuestion(
        qtype="multiple",
        name="Một phương án đủ điểm",
        text="<p>Chọn.</p>",
        payload={
            "options": [
                {"key": "a", "text": "A", "fraction": "1", "feedback": ""},
                {"key": "b", "text": "B", "fraction": "-0.25", "feedback": ""},
            ]
        },
        category=("Hiến pháp",),
    ),
    *(
        ExportedQuestion(
            qtype="truefalse",
            name=f"Đúng sai {correct} {true_feedback!r}",
            text="<p>Hiến pháp 2013 có 11 chương.</p>",
            payload={
                "correct": correct,
                "feedback_true": true_feedback,
                "feedback_false": false_feedback,
            },
            general_feedback=general,
        )
        for correct, true_feedback, false_feedback, general in [
            (True, "<p>Đúng: 11 chương.</p>", "Sai #1", "Chung"),
            (False, "", "<p>Chính xác</p>", ""),
            (True, "Chỉ phản hồi đúng", "", ""),
            (False, "Chỉ phản hồi sai", "", ""),
            (True, "", "", ""),
        ]
    ),
    ExportedQuestion(
        qtype="shortanswer",
        name="Trả lời ngắn",
        text="<p>Cơ quan quyền lực nhà nước cao nhất?</p>",
        payload={
            "answers": [
                {"text": "Quốc hội", "fraction": "1", "feedback": "<p>Đúng</p>"},
                {"text": "QH: viết tắt = ok", "fraction": "0.5", "feedback": ""},
                {"text": "%20 giá \\* sao", "fraction": "0.2", "feedback": ""},
                {"text": "*", "fraction": "0", "feedback": "Sai"},
            ],
            "case_sensitive": False,
            "accent_insensitive": False,
        },
        general_feedback="Điều 69.",
    ),
    ExportedQuestion(
        qtype="numerical",
        name="Số",
        text="<p>Việt Nam có bao nhiêu tỉnh, thành phố (2024)?</p>",
        payload={
            "answers": [
                {"value": "63", "tolerance": "0", "fraction": "1", "feedback": "Đúng"},
                {"value": "-62.5", "tolerance": "1.5", "fraction": "0.5", "feedback": ""},
                {"min": "50", "max": "70", "fraction": "0.1", "feedback": "Gần"},
                {"value": "*", "fraction": "0.05", "feedback": "Có trả lời"},
                {"value": "*", "fraction": "0", "feedback": "Sai"},
            ]
        },
        general_feedback="<p>Năm 2025 còn 34.</p>",
    ),
    ExportedQuestion(
        qtype="numerical",
        name="Số, phản hồi trống",
        text="<p>2 + 2?</p>",
        payload={
            "answers": [
                {"value": "4", "tolerance": "0", "fraction": "1", "feedback": ""},
                {"value": "*", "fraction": "0", "feedback": ""},
            ]
        },
    ),
    ExportedQuestion(
        qtype="matching",
        name="Ghép",
        text="<p>Ghép văn bản với cơ quan ban hành.</p>",
        payload={
            "items": [
                {"key": "i1", "text": "<p>Luật -> QH</p>", "option": "o2"},
                {"key": "i2", "text": "Nghị định = NĐ", "option": "o1"},
                {"key": "i3", "text": "Nghị quyết", "option": "o2"},
            ],
            "options": [
                {"key": "o1", "text": "Chính phủ"},
                {"key": "o2", "text": "Quốc hội: cơ quan #1"},
                {"key": "o3", "text": "Bộ trưởng -> Bộ"},
            ],
            "shuffle": False,
        },
        general_feedback="Chung",
    ),
    ExportedQuestion(
        qtype="essay",
        name="Tự luận",
        text="<p>Phân tích {vai trò} của Quốc hội.</p>",
        payload={"format": "html", "attachments": 2},
        general_feedback="<p>Chấm theo 3 ý.</p>",
    ),
    ExportedQuestion(
        qtype="essay",
        name="Tự luận không phản hồi",
        text="<p>Bình luận.</p>",
        payload={"format": "plain"},
    ),
    ExportedQuestion(
        qtype="description",
        name="Giới thiệu",
        text="<p>Đọc kỹ: {tình huống} sau.</p>",
        payload={},
        category=(),
    ),
]


def round_trip(question):
    (parsed,) = gift.parse(gift.write([question])).questions
    return parsed


def cleaned(qtype, payload):
    return question_type(qtype).clean_payload(payload)


@pytest.mark.parametrize("original", ROUND_TRIPS, ids=[question.name for question in ROUND_TRIPS])
def test_round_trip(original):
    result = gift.parse(gift.write([original]))
    assert result.errors == []
    (parsed,) = result.questions
    assert parsed.qtype == original.qtype
    assert parsed.name == original.name
    assert parsed.text == original.text
    assert parsed.category == original.category
    assert parsed.tags == original.tags
    assert parsed.idnumber == original.idnumber
    if original.qtype != "description":
        assert parsed.general_feedback == original.general_feedback
    before, after = cleaned(original.qtype, original.payload), cleaned(parsed.qtype, parsed.payload)
    assert comparable(original.qtype, after) == comparable(original.qtype, before)


def comparable(qtype, payload):
    """What of a cleaned payload GIFT carries: everything that decides grading and feedback."""
    if qtype in ("single", "multiple"):
        return [
            (option["text"], Decimal(option["fraction"]), option["feedback"])
            for option in payload["options"]
        ]
    if qtype == "shortanswer":
        return payload["answers"]
    if qtype == "numerical":
        # "*" worth nothing is written last, as Moodle does.
        return sorted(payload["answers"], key=lambda answer: answer.get("value") == "*")
    if qtype == "matching":
        options = {option["key"]: option["text"] for option in payload["options"]}
        return (
            [(item["text"], options[item["option"]]) for item in payload["items"]],
            sorted(options.values()),
        )
    if qtype == "essay":
        return {}
    return payload


def test_round_trip_matching_arrow_stays_the_same_html():
    (original,) = [q for q in ROUND_TRIPS if q.qtype == "matching"]
    items = round_trip(original).payload["items"]
    assert items[0]["text"] == "<p>Luật -&gt; QH</p>"


def test_round_trip_of_a_whole_bank_keeps_categories():
    result = gift.parse(gift.write(ROUND_TRIPS))
    assert result.errors == []
    assert [(q.name, q.category) for q in result.questions] == [
        (q.name, q.category) for q in ROUND_TRIPS
    ]
    assert result.categories == [("Hiến pháp", "Chương I/II"), ("Hiến pháp",)]


def test_case_analysis_is_written_as_an_essay():
    question = ExportedQuestion(
        qtype="case",
        name="Tình huống",
        text="<p>Phân tích tình huống.</p>",
        payload={"format": "html", "case_page": 12},
        general_feedback="Gợi ý.",
    )
    parsed = round_trip(question)
    assert (parsed.qtype, parsed.text, parsed.general_feedback) == (
        "essay",
        "<p>Phân tích tình huống.</p>",
        "Gợi ý.",
    )


@pytest.mark.parametrize(
    ("qtype", "answers"),
    [
        ("single", [{"choice": key} for key in "abcd"]),
        ("multiple", [{"choices": ["a", "b"]}, {"choices": ["a", "c"]}, {"choices": ["d"]}]),
        ("shortanswer", [{"text": "quốc hội"}, {"text": "QH: viết tắt = ok"}, {"text": "x"}]),
        ("numerical", [{"number": n} for n in ("63", "-61", "55", "1000", "-62,5")]),
        ("matching", [{"pairs": {"i1": "o2", "i2": "o1", "i3": "o3"}}]),
    ],
)
def test_round_trip_grades_the_same(qtype, answers):
    original = next(q for q in ROUND_TRIPS if q.qtype == qtype)
    kind = question_type(qtype)
    before = cleaned(qtype, original.payload)
    after = cleaned(qtype, round_trip(original).payload)
    for answer in answers:
        after_answer = answer
        if qtype == "matching":
            # Keys are renumbered on import: pair by texts.
            after_answer = {"pairs": matching_pairs(before, after, answer["pairs"])}
        expected = kind.grade(before, kind.clean_answer(before, answer))
        assert kind.grade(after, kind.clean_answer(after, after_answer)) == expected


def matching_pairs(before, after, pairs):
    item_keys = {
        item["key"]: after_item["key"]
        for item, after_item in zip(before["items"], after["items"], strict=True)
    }
    before_options = {option["key"]: option["text"] for option in before["options"]}
    after_options = {option["text"]: option["key"] for option in after["options"]}
    return {
        item_keys[item]: after_options[before_options[option]] for item, option in pairs.items()
    }


# Through the import and export services


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["gift_examples.txt", "questions.gift.txt"])
def test_fixtures_pass_the_import_checks(name):
    data = (FIXTURES / name).read_bytes()
    result = services.import_file_read(data=data, file_format="gift")
    report = services.questions_import(result=result, category=make_category(), dry_run=True)
    assert report.errors == []
    assert report.valid == len(result.questions)


@pytest.mark.django_db
def test_bank_export_then_import():
    source = make_category(name="Nguồn")
    child = make_category(name="Chương 1", parent=source)
    for qtype in PAYLOADS:
        make_question(category=child if qtype == "matching" else source, qtype=qtype)
    exported = services.questions_export(category=source, file_format="gift", recursive=True)
    target = make_category(name="Đích")
    result = services.import_file_read(data=exported.content, file_format="gift")
    report = services.questions_import(result=result, category=target)
    assert report.errors == []
    assert report.created == len(PAYLOADS)
    imported = {
        question.qtype: question
        for question in Question.objects.filter(category__path__startswith=target.path)
    }
    originals = {
        question.qtype: question
        for question in Question.objects.filter(category__path__startswith=source.path)
    }
    for qtype, original in originals.items():
        copy = imported[qtype]
        assert copy.name == original.name
        assert copy.current_version.text == original.current_version.text
        assert comparable(qtype, copy.current_version.payload) == comparable(
            qtype, original.current_version.payload
        )
    assert imported["matching"].category.name == "Chương 1"
    assert imported["matching"].category.get_parent().name == "Nguồn"
    assert imported["matching"].category.get_parent().get_parent() == target
