"""Moodle XML: Moodle's own fixtures, every question type both ways, and hostile files."""

import base64
import time
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from quizzes.interchange import moodlexml
from quizzes.interchange.records import EmbeddedFile, ExportedQuestion
from quizzes.qtypes import question_type

FIXTURES = Path(__file__).resolve().parents[4] / "shared" / "fixtures" / "moodle"

# A 1x1 transparent PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def quiz(*questions):
    """A Moodle XML file (bytes) holding ``questions`` (XML fragments)."""
    body = "\n".join(questions)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n{body}\n</quiz>\n'.encode()


def only_question(data):
    result = moodlexml.parse(data)
    assert result.errors == []
    assert result.unsupported == []
    (question,) = result.questions
    return question


def cleaned(qtype, payload):
    return question_type(qtype).clean_payload(payload)


# Moodle's fixtures -----------------------------------------------------------


def test_fixtures_path_resolves():
    assert (FIXTURES / "nested_categories_with_questions.xml").is_file()


def test_nested_categories_fixture():
    result = moodlexml.parse((FIXTURES / "nested_categories_with_questions.xml").read_bytes())

    assert result.errors == []
    assert result.unsupported == []
    assert result.categories == [
        ("Iota",),
        ("Iota", "Kappa"),
        ("Iota", "Kappa", "Lambda"),
        ("Iota", "Mu"),
    ]
    summary = [
        (question.line, question.name, question.qtype, question.category)
        for question in result.questions
    ]
    assert summary == [
        (15, "Iota Question", "truefalse", ("Iota",)),
        (55, "Kappa Essay Question", "essay", ("Iota", "Kappa")),
        (83, "Kappa Question", "truefalse", ("Iota", "Kappa")),
        (123, "Lambda Question", "truefalse", ("Iota", "Kappa", "Lambda")),
        (163, "Mu Question", "truefalse", ("Iota", "Mu")),
    ]
    iota = result.questions[0]
    assert iota.text == "<p>Testing Iota Question</p>"
    assert iota.payload["correct"] is True
    assert iota.default_mark == Decimal("1")
    essay = result.questions[1]
    assert essay.text == "Testing Kappa Essay Question"
    assert essay.payload["format"] == "html"
    assert essay.payload["attachments"] == 0
    for question in result.questions:
        cleaned(question.qtype, question.payload)


def test_invalid_grades_fixture_is_read_as_written():
    result = moodlexml.parse((FIXTURES / "error_invalid_grades.xml").read_bytes())

    assert result.errors == []
    (question,) = result.questions
    assert question.line == 4
    assert question.qtype == "multiple"
    assert question.name == "Question with invalid grades : x > 1 & x < 2"
    assert question.text == "Select all prime numbers :<br>"
    options = question.payload["options"]
    assert [option["fraction"] for option in options] == [
        "-0.5",
        "0.33",
        "0.3333333",
        "-0.5",
        "0.3333333",
    ]
    assert options[0]["text"] == '<p dir="ltr" style="text-align: left;">1<br></p>'
    assert question.payload["shuffle"] is True
    assert question.payload["feedback"] == {
        "correct": "Your answer is correct.",
        "partial": "Your answer is partially correct.",
        "incorrect": "Your answer is incorrect.",
    }
    # The question type refuses it too: 33% + 33.33333% * 2 is not 100%.
    with translation.override("en"), pytest.raises(ValidationError) as error:
        cleaned(question.qtype, question.payload)
    assert "must add up to 100%" in error.value.messages[0]


# Reading each type -------------------------------------------------------------


def test_multichoice_single_with_feedback_and_formats():
    question = only_question(
        quiz(
            """
  <question type="multichoice">
    <name><text>Thủ đô</text></name>
    <questiontext format="moodle_auto_format"><text>Thủ đô của
Việt Nam?</text></questiontext>
    <generalfeedback><text>Xem http://example.org</text></generalfeedback>
    <defaultgrade>2.5000000</defaultgrade>
    <single>true</single>
    <shuffleanswers>0</shuffleanswers>
    <correctfeedback format="html"><text><![CDATA[<p>Đúng</p>]]></text></correctfeedback>
    <partiallycorrectfeedback format="html"><text></text></partiallycorrectfeedback>
    <incorrectfeedback format="plain_text"><text>Sai &lt;rồi&gt;</text></incorrectfeedback>
    <answer fraction="100" format="html">
      <text><![CDATA[<b>Hà Nội</b>]]></text>
      <feedback format="html"><text>Chính xác</text></feedback>
    </answer>
    <answer fraction="0" format="plain_text">
      <text>Huế &amp; Đà Nẵng</text>
      <feedback><text>Cố đô</text></feedback>
    </answer>
    <answer fraction="-50" format="markdown">
      <text>*Sài Gòn*</text>
    </answer>
  </question>"""
        )
    )

    assert question.qtype == "single"
    assert question.name == "Thủ đô"
    assert question.text == "Thủ đô của<br>Việt Nam?"
    # The feedback has no format: it takes the question text's (auto-format links URLs).
    assert question.general_feedback == 'Xem <a href="http://example.org">http://example.org</a>'
    assert question.default_mark == Decimal("2.5")
    assert question.payload["shuffle"] is False
    options = question.payload["options"]
    assert [option["text"] for option in options] == [
        "<b>Hà Nội</b>",
        "Huế &amp; Đà Nẵng",
        "<p><em>Sài Gòn</em></p>",
    ]
    assert [option["fraction"] for option in options] == ["1", "0", "-0.5"]
    assert [option["feedback"] for option in options] == ["Chính xác", "Cố đô", ""]
    assert question.payload["feedback"] == {
        "correct": "<p>Đúng</p>",
        "partial": "",
        "incorrect": "Sai &lt;rồi&gt;",
    }
    cleaned("single", question.payload)


def test_multichoice_multiple_fractions():
    question = only_question(
        quiz(
            """
  <question type="multichoice">
    <name><text>Primes</text></name>
    <questiontext format="html"><text>Which?</text></questiontext>
    <single>false</single>
    <answer fraction="33.33333"><text>2</text></answer>
    <answer fraction="33.33333"><text>3</text></answer>
    <answer fraction="33.33334"><text>5</text></answer>
    <answer fraction="-100"><text>4</text></answer>
  </question>"""
        )
    )

    assert question.qtype == "multiple"
    assert [option["fraction"] for option in question.payload["options"]] == [
        "0.3333333",
        "0.3333333",
        "0.3333334",
        "-1",
    ]
    # Moodle's default when <shuffleanswers> is missing.
    assert question.payload["shuffle"] is False
    cleaned("multiple", question.payload)


def test_truefalse_false_is_right_and_feedback_follows_the_answer():
    question = only_question(
        quiz(
            """
  <question type="truefalse">
    <name><text>Trái đất phẳng</text></name>
    <questiontext format="html"><text>Trái đất phẳng.</text></questiontext>
    <answer fraction="0"><text>true</text><feedback><text>Không phải.</text></feedback></answer>
    <answer fraction="100"><text>false</text><feedback><text>Đúng.</text></feedback></answer>
  </question>"""
        )
    )

    assert question.payload == {
        "correct": False,
        "feedback_true": "Không phải.",
        "feedback_false": "Đúng.",
    }


def test_truefalse_old_file_with_translated_answers():
    question = only_question(
        quiz(
            """
  <question type="truefalse">
    <name><text>Old</text></name>
    <questiontext><text>Old file.</text></questiontext>
    <answer fraction="100"><text>Đúng</text><feedback><text>A</text></feedback></answer>
    <answer fraction="0"><text>Sai</text><feedback><text>B</text></feedback></answer>
  </question>"""
        )
    )

    assert question.payload == {"correct": True, "feedback_true": "A", "feedback_false": "B"}


def test_shortanswer_usecase_and_plain_answers():
    question = only_question(
        quiz(
            """
  <question type="shortanswer">
    <name><text>Greek</text></name>
    <questiontext format="html"><text>Alpha, ____, Gamma</text></questiontext>
    <usecase>1</usecase>
    <answer fraction="100" format="moodle_auto_format">
      <text> Beta </text><feedback format="html"><text>Well done!</text></feedback>
    </answer>
    <answer fraction="80"><text>b&lt;eta</text></answer>
    <answer fraction="0"><text>*</text><feedback><text>Doh!</text></feedback></answer>
  </question>"""
        )
    )

    assert question.payload == {
        "answers": [
            {"text": "Beta", "fraction": "1", "feedback": "Well done!"},
            {"text": "b<eta", "fraction": "0.8", "feedback": ""},
            {"text": "*", "fraction": "0", "feedback": "Doh!"},
        ],
        "case_sensitive": True,
        "accent_insensitive": False,
    }
    cleaned("shortanswer", question.payload)


def test_numerical_tolerance_and_any_number():
    question = only_question(
        quiz(
            """
  <question type="numerical">
    <name><text>Answer</text></name>
    <questiontext format="html"><text>What is the answer?</text></questiontext>
    <answer fraction="100"><text>42</text><feedback><text>Well done!</text></feedback>
      <tolerance>0.001</tolerance></answer>
    <answer fraction="50"><text>13</text><tolerance></tolerance></answer>
    <answer fraction="0"><text>*</text><feedback><text>Completely wrong.</text></feedback>
      <tolerance>0</tolerance></answer>
  </question>"""
        )
    )

    assert question.payload == {
        "answers": [
            {"value": "42", "tolerance": "0.001", "fraction": "1", "feedback": "Well done!"},
            {"value": "13", "tolerance": "0", "fraction": "0.5", "feedback": ""},
            {"value": "*", "fraction": "0", "feedback": "Completely wrong."},
        ]
    }
    cleaned("numerical", question.payload)


def test_matching_with_distractor_and_shared_answer():
    question = only_question(
        quiz(
            """
  <question type="matching">
    <name><text>Letters</text></name>
    <questiontext format="html"><text>Match the letters.</text></questiontext>
    <shuffleanswers>false</shuffleanswers>
    <correctfeedback><text>Well done.</text></correctfeedback>
    <subquestion format="html"><text><![CDATA[<b>A</b>]]></text><answer><text>a</text></answer>
    </subquestion>
    <subquestion format="plain_text"><text>B &amp; b</text><answer><text>b</text></answer>
    </subquestion>
    <subquestion><text>Á</text><answer><text>a</text></answer></subquestion>
    <subquestion><text></text><answer><text>d</text></answer></subquestion>
  </question>"""
        )
    )

    assert question.payload == {
        "items": [
            {"key": "i1", "text": "<b>A</b>", "option": "o1"},
            {"key": "i2", "text": "B &amp; b", "option": "o2"},
            {"key": "i3", "text": "Á", "option": "o1"},
        ],
        "options": [
            {"key": "o1", "text": "a"},
            {"key": "o2", "text": "b"},
            {"key": "o3", "text": "d"},
        ],
        "shuffle": False,
        "feedback": {"correct": "Well done.", "partial": "", "incorrect": ""},
    }
    cleaned("matching", question.payload)


def test_essay_settings():
    question = only_question(
        quiz(
            """
  <question type="essay">
    <name><text>An essay</text></name>
    <questiontext format="moodle_auto_format"><text>Write something.</text></questiontext>
    <responseformat>monospaced</responseformat>
    <minwordlimit>10</minwordlimit>
    <maxwordlimit>20</maxwordlimit>
    <attachments>-1</attachments>
    <attachmentsrequired>1</attachmentsrequired>
    <maxbytes>52428800</maxbytes>
    <filetypeslist>.PDF, .docx document</filetypeslist>
    <graderinfo format="html"><text><![CDATA[<p>Grade <b>generously</b>!</p>]]></text></graderinfo>
    <responsetemplate format="plain_text"><text>Mở bài:
Thân bài:</text></responsetemplate>
  </question>"""
        )
    )

    assert question.payload == {
        "format": "plain",
        # Moodle's -1 (unlimited) becomes the most this platform allows.
        "attachments": 5,
        "attachments_required": True,
        "max_bytes": 52428800,
        "file_types": [".pdf", ".docx"],
        "min_words": 10,
        "max_words": 20,
        "grader_info": "<p>Grade <b>generously</b>!</p>",
        "template": "Mở bài:<br>Thân bài:",
    }
    cleaned("essay", question.payload)


@pytest.mark.parametrize(
    ("response_format", "expected"),
    [("editor", "html"), ("editorfilepicker", "html"), ("plain", "plain"), ("noinline", "plain")],
)
def test_essay_response_formats(response_format, expected):
    question = only_question(
        quiz(
            f"""
  <question type="essay">
    <name><text>E</text></name>
    <questiontext><text>Write.</text></questiontext>
    <responseformat>{response_format}</responseformat>
  </question>"""
        )
    )

    assert question.payload["format"] == expected


def test_description_has_no_mark():
    question = only_question(
        quiz(
            """
  <question type="description">
    <name><text>A description</text></name>
    <questiontext format="html"><text>The question text.</text></questiontext>
    <generalfeedback><text>Here is some general feedback.</text></generalfeedback>
    <defaultgrade>1</defaultgrade>
  </question>"""
        )
    )

    assert question.qtype == "description"
    assert question.payload == {}
    assert question.default_mark == Decimal("0")
    assert question.general_feedback == "Here is some general feedback."


def test_common_fields_tags_idnumber_and_nfc():
    decomposed = unicodedata.normalize("NFD", "Tiếng Việt")
    question = only_question(
        quiz(
            f"""
  <question type="truefalse">
    <name><text>  {decomposed}  </text></name>
    <questiontext format="html"><text><![CDATA[<p>{decomposed}</p>]]></text></questiontext>
    <idnumber>T &amp; F</idnumber>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
    <tags>
      <tag><text>tagTF</text></tag>
      <tag><text>{decomposed}</text></tag>
    </tags>
    <coursetags>
      <tag><text>khoá 1</text></tag>
      <tag><text>tagTF</text></tag>
    </coursetags>
  </question>"""
        )
    )

    assert question.name == "Tiếng Việt"
    assert question.text == "<p>Tiếng Việt</p>"
    assert question.idnumber == "T & F"
    assert question.tags == ["tagTF", "Tiếng Việt", "khoá 1"]


def test_name_missing_uses_the_text():
    question = only_question(
        quiz(
            """
  <question type="truefalse">
    <questiontext format="html"><text><![CDATA[<p>Hiến pháp   năm 2013</p>]]></text></questiontext>
    <answer fraction="100"><text>true</text></answer>
  </question>"""
        )
    )

    assert question.name == "Hiến pháp năm 2013"


def test_html_without_cdata_is_kept_as_markup():
    question = only_question(
        quiz(
            """
  <question type="description">
    <name><text>Markup</text></name>
    <questiontext format="html"><text>Xem <b>đây</b> và <i>kia</i>.</text></questiontext>
  </question>"""
        )
    )

    assert question.text == "Xem <b>đây</b> và <i>kia</i>."


def test_categories_set_the_following_questions():
    data = quiz(
        """
  <question type="description">
    <name><text>Before</text></name>
    <questiontext><text>x</text></questiontext>
  </question>
  <question type="category">
    <category><text>$course$/top/Luật//Pháp lý/Hiến pháp</text></category>
  </question>
  <question type="category">
    <category><text>$course$/top/Empty</text></category>
  </question>
  <question type="category">
    <category><text>$course$/top/Luật//Pháp lý</text></category>
  </question>
  <question type="description">
    <name><text>After</text></name>
    <questiontext><text>y</text></questiontext>
  </question>
  <question type="category">
    <category><text>$course$/top</text></category>
  </question>
  <question type="description">
    <name><text>Top</text></name>
    <questiontext><text>z</text></questiontext>
  </question>"""
    )

    result = moodlexml.parse(data)

    assert result.categories == [("Luật/Pháp lý", "Hiến pháp"), ("Empty",), ("Luật/Pháp lý",)]
    assert [(q.name, q.category) for q in result.questions] == [
        ("Before", ()),
        ("After", ("Luật/Pháp lý",)),
        ("Top", ()),
    ]


def test_embedded_files_are_decoded_and_referenced():
    encoded = base64.b64encode(PNG).decode()
    wrapped = "\n".join(encoded[i : i + 20] for i in range(0, len(encoded), 20))
    question = only_question(
        quiz(
            f"""
  <question type="multichoice">
    <name><text>Picture</text></name>
    <questiontext format="html">
      <text><![CDATA[<p><img src="@@PLUGINFILE@@/pixel.png" alt="dot"></p>]]></text>
      <file name="pixel.png" path="/" encoding="base64">{wrapped}</file>
    </questiontext>
    <generalfeedback format="html">
      <text><![CDATA[<a href="@@PLUGINFILE@@/docs/notes.txt">notes</a>]]></text>
      <file name="notes.txt" path="/docs/" encoding="base64">TW9vZGxl</file>
    </generalfeedback>
    <answer fraction="100">
      <text><![CDATA[<img src="@@PLUGINFILE@@/pixel.png">]]></text>
      <file name="pixel.png" path="/" encoding="base64">{encoded}</file>
    </answer>
    <answer fraction="0"><text>No picture</text></answer>
  </question>"""
        )
    )

    assert question.files == [
        EmbeddedFile(name="pixel.png", content=PNG),
        EmbeddedFile(name="docs_notes.txt", content=b"Moodle"),
    ]
    assert '<img src="@@PLUGINFILE@@/pixel.png" alt="dot">' in question.text
    assert question.payload["options"][0]["text"] == '<img src="@@PLUGINFILE@@/pixel.png">'
    # Files in a folder are stored flat; their references follow.
    assert question.general_feedback == '<a href="@@PLUGINFILE@@/docs_notes.txt">notes</a>'


def test_old_image_tag():
    question = only_question(
        quiz(
            f"""
  <question type="truefalse">
    <name><text>Old picture</text></name>
    <questiontext format="html"><text>Look.</text></questiontext>
    <image>images/dot.png</image>
    <image_base64>{base64.b64encode(PNG).decode()}</image_base64>
    <answer fraction="100"><text>true</text></answer>
  </question>"""
        )
    )

    assert question.text == 'Look. <img src="@@PLUGINFILE@@/images_dot.png" />'
    assert question.files == [EmbeddedFile(name="images_dot.png", content=PNG)]


def test_broken_file_is_a_problem_of_its_question():
    data = quiz(
        """
  <question type="description">
    <name><text>Broken</text></name>
    <questiontext><text>x</text><file name="a.png" encoding="base64">abc</file></questiontext>
  </question>
  <question type="description">
    <name><text>Fine</text></name>
    <questiontext><text>y</text></questiontext>
  </question>"""
    )

    with translation.override("en"):
        result = moodlexml.parse(data)

    assert [q.name for q in result.questions] == ["Fine"]
    (problem,) = result.errors
    assert (problem.line, problem.question) == (4, "Broken")
    assert "a.png" in problem.message


def test_bad_grade_and_mark_are_problems_and_reading_goes_on():
    data = quiz(
        """<!-- question: 1 -->
  <question type="multichoice">
    <name><text>Bad grade</text></name>
    <questiontext><text>x</text></questiontext>
    <answer fraction="lots"><text>a</text></answer>
  </question>
  <question type="truefalse">
    <name><text>Bad mark</text></name>
    <questiontext><text>x</text></questiontext>
    <defaultgrade>one</defaultgrade>
  </question>
  <question type="essay">
    <name><text>Bad words</text></name>
    <questiontext><text>x</text></questiontext>
    <minwordlimit>ten</minwordlimit>
  </question>
  <question type="description">
    <name><text>Fine</text></name>
    <questiontext><text>y</text></questiontext>
  </question>"""
    )

    with translation.override("en"):
        result = moodlexml.parse(data)

    assert [q.name for q in result.questions] == ["Fine"]
    assert [(p.line, p.question) for p in result.errors] == [
        (4, "Bad grade"),
        (9, "Bad mark"),
        (14, "Bad words"),
    ]
    assert "lots" in result.errors[0].message
    assert "one" in result.errors[1].message
    assert "minwordlimit" in result.errors[2].message


# Unsupported types and hostile or broken files --------------------------------


def test_unsupported_types_are_listed_with_line_and_name():
    data = quiz(
        """<!-- <question type="shortanswer"> in a comment must not count -->
<!-- question: 7  -->
  <question type="calculated">
    <name><text>Area of a circle</text></name>
    <questiontext format="html"><text>r = {r}</text></questiontext>
    <answer fraction="100"><text>{r}*{r}*3.14</text><tolerance>0.01</tolerance></answer>
  </question>
<!-- question: 8  -->
  <question type="shortanswer">
    <name><text>Fine</text></name>
    <questiontext format="html"><text>Say hi</text></questiontext>
    <answer fraction="100"><text>hi</text></answer>
  </question>
<!-- question: 9  --><question type="ddwtos">
    <questiontext format="html"><text><![CDATA[<p>The [[1]] sat on the [[2]].</p>]]></text>
    </questiontext>
  </question>
  <question type="cloze">
    <name><text>Cloze</text></name>
    <questiontext format="html"><text>{1:SHORTANSWER:=Owl}</text></questiontext>
  </question>
  <question>
    <name><text>No type</text></name>
  </question>"""
    )

    result = moodlexml.parse(data)

    assert [(q.line, q.name) for q in result.questions] == [(11, "Fine")]
    assert [(u.line, u.question, u.source_type) for u in result.unsupported] == [
        (5, "Area of a circle", "calculated"),
        (16, "The [[1]] sat on the [[2]].", "ddwtos"),
        (20, "Cloze", "cloze"),
        (24, "No type", "?"),
    ]
    assert result.errors == []


def test_malformed_xml_is_one_problem_with_its_line():
    data = b"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="truefalse">
    <name><text>Broken</text></name>
    <questiontext format="html"><text>a & b</text></questiontext>
  </question>
</quiz>
"""

    with translation.override("en"):
        result = moodlexml.parse(data)

    assert result.questions == []
    (problem,) = result.errors
    assert problem.line == 5
    assert problem.message.startswith("The file is not well-formed XML")


@pytest.mark.parametrize("data", [b"", b"not xml at all", b"\xff\xfe\x00garbage"])
def test_not_xml_is_one_problem(data):
    result = moodlexml.parse(data)

    assert result.questions == []
    assert len(result.errors) == 1
    assert result.errors[0].line == 1


def test_root_must_be_quiz():
    with translation.override("en"):
        result = moodlexml.parse(b"<?xml version='1.0'?>\n\n<questions><question/></questions>")

    (problem,) = result.errors
    assert problem.line == 3
    assert "<quiz>" in problem.message
    assert result.questions == []


def test_billion_laughs_is_refused_without_expanding():
    entities = "\n".join(f' <!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    data = f"""<?xml version="1.0"?>
<!DOCTYPE quiz [
 <!ENTITY lol0 "lol">
{entities}
]>
<quiz><question type="description"><name><text>&lol9;</text></name></question></quiz>
""".encode()

    started = time.monotonic()
    result = moodlexml.parse(data)

    assert time.monotonic() - started < 2
    assert result.questions == []
    (problem,) = result.errors
    assert problem.line == 3


def test_external_entity_is_refused():
    data = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<quiz><question type="description"><name><text>&secret;</text></name></question></quiz>
"""

    result = moodlexml.parse(data)

    assert result.questions == []
    (problem,) = result.errors
    assert problem.line == 2


def test_undeclared_entity_is_malformed():
    result = moodlexml.parse(b"<quiz>\n<question type='description'>&nbsp;</question>\n</quiz>")

    assert result.questions == []
    assert result.errors[0].line == 2


def test_huge_numbers_and_deep_nesting_are_problems_not_crashes():
    deep = "<b>" * 3000 + "x" + "</b>" * 3000
    data = quiz(
        f"""
  <question type="multichoice">
    <name><text>Huge grade</text></name>
    <answer fraction="1e999999999"><text>a</text></answer>
  </question>
  <question type="essay">
    <name><text>Huge count</text></name>
    <attachments>1e999999999</attachments>
  </question>
  <question type="description">
    <name><text>Deep</text></name>
    <questiontext><text>{deep}</text></questiontext>
  </question>
  <question type="calculated">
    <name><text>{deep}</text></name>
  </question>"""
    )

    started = time.monotonic()
    result = moodlexml.parse(data)

    assert time.monotonic() - started < 2
    assert result.questions == []
    assert [problem.question for problem in result.errors] == ["Huge grade", "Huge count", "Deep"]
    assert [(u.question, u.source_type) for u in result.unsupported] == [
        ("calculated", "calculated")
    ]


def test_utf16_file_with_bom():
    data = quiz(
        """
  <question type="description">
    <name><text>Tiếng Việt</text></name>
    <questiontext><text>Đọc kỹ.</text></questiontext>
  </question>"""
    ).replace(b'encoding="UTF-8"', b'encoding="UTF-16"')
    question = only_question(data.decode().encode("utf-16"))

    assert question.name == "Tiếng Việt"
    assert question.line == 4


# Writing and reading back ---------------------------------------------------------

FEEDBACK = {"correct": "<p>Giỏi!</p>", "partial": "Gần đúng", "incorrect": ""}


def exported(qtype, payload, **fields):
    """An ExportedQuestion whose payload is stored as the bank stores it (cleaned)."""
    fields.setdefault("name", f"Câu {qtype}")
    fields.setdefault("text", f"<p>Câu hỏi loại {qtype}?</p>")
    return ExportedQuestion(qtype=qtype, payload=cleaned(qtype, payload), **fields)


ROUND_TRIP = [
    exported(
        "single",
        {
            "options": [
                {"key": "a", "text": "<p>Hà Nội</p>", "fraction": "1", "feedback": "Đúng"},
                {"key": "b", "text": "Huế &amp; Đà Nẵng", "fraction": "0", "feedback": ""},
                {"key": "c", "text": "Sài Gòn", "fraction": "-0.5", "feedback": "<i>Sai</i>"},
            ],
            "shuffle": False,
            "feedback": FEEDBACK,
        },
        name="Thủ đô",
        text="<p>Thủ đô của <b>Việt Nam</b>?</p>",
        general_feedback="<p>Hà Nội là thủ đô từ 1976.</p>",
        default_mark=Decimal("2"),
        category=("Ngân hàng", "Địa lý"),
        tags=["địa lý", "dễ"],
        idnumber="GEO-1 <&>",
        difficulty="easy",
    ),
    exported(
        "multiple",
        {
            "options": [
                {"key": "a", "text": "Luật", "fraction": "0.3333333"},
                {"key": "b", "text": "Nghị định", "fraction": "0.3333333"},
                {"key": "c", "text": "Thông tư", "fraction": "0.3333333"},
                {"key": "d", "text": "Bài báo", "fraction": "-1", "feedback": "Không"},
            ],
            "shuffle": True,
            "feedback": FEEDBACK,
        },
        default_mark=Decimal("1.5"),
    ),
    exported(
        "truefalse",
        {"correct": True, "feedback_true": "<p>Đúng</p>", "feedback_false": "Sai"},
        text="Trái đất quay quanh mặt trời.",
    ),
    exported(
        "truefalse",
        {"correct": False, "feedback_true": "", "feedback_false": "Đúng vậy"},
        name="Phẳng",
        difficulty="hard",
    ),
    exported(
        "shortanswer",
        {
            "answers": [
                {"text": "quản lý nhà nước", "fraction": "1", "feedback": "<p>Đúng</p>"},
                {"text": "quản lý*", "fraction": "0.5"},
                {"text": "a \\* b", "fraction": "0.1"},
                {"text": "*", "fraction": "0", "feedback": "Sai"},
            ],
            "case_sensitive": True,
            "accent_insensitive": True,
        },
    ),
    exported(
        "numerical",
        {
            "answers": [
                {"value": "63", "tolerance": "0", "fraction": "1", "feedback": "Đúng"},
                {"value": "3.14", "tolerance": "0.005", "fraction": "0.5"},
                {"value": "*", "fraction": "0", "feedback": "Sai"},
            ]
        },
    ),
    exported(
        "matching",
        {
            "items": [
                {"key": "i1", "text": "<p>Luật</p>", "option": "o1"},
                {"key": "i2", "text": "Nghị định", "option": "o2"},
                {"key": "i3", "text": "Nghị quyết", "option": "o1"},
            ],
            "options": [
                {"key": "o1", "text": "Quốc hội"},
                {"key": "o2", "text": "Chính phủ & Thủ tướng"},
                {"key": "o3", "text": "Bộ trưởng"},
            ],
            "shuffle": False,
            "feedback": FEEDBACK,
        },
    ),
    exported(
        "essay",
        {
            "format": "plain",
            "attachments": 2,
            "attachments_required": True,
            "max_bytes": 1048576,
            "file_types": [".pdf", ".docx"],
            "min_words": 100,
            "max_words": 500,
            "grader_info": "<p>Chấm theo <b>thang</b> 10.</p>",
            "template": "<p>Mở bài:</p>",
        },
        tags=["tự luận"],
    ),
    exported("essay", {"format": "html"}, name="Essay defaults"),
    exported("description", {}, default_mark=Decimal("0"), text="<p>Đọc đoạn sau.</p>"),
]


def comparable(qtype, payload):
    """A cleaned payload without its keys, which Moodle XML does not carry."""
    payload = cleaned(qtype, payload)
    if qtype in ("single", "multiple"):
        options = [{k: v for k, v in o.items() if k != "key"} for o in payload["options"]]
        return {**payload, "options": options}
    if qtype == "matching":
        texts = {option["key"]: option["text"] for option in payload["options"]}
        return {
            **payload,
            "items": [(item["text"], texts[item["option"]]) for item in payload["items"]],
            "options": sorted(texts.values()),
        }
    return payload


@pytest.mark.parametrize("original", ROUND_TRIP, ids=[f"{q.qtype}-{q.name}" for q in ROUND_TRIP])
def test_round_trip(original):
    data = moodlexml.write([original])

    question = only_question(data)

    assert question.qtype == original.qtype
    assert question.name == original.name
    assert question.text == original.text
    assert question.general_feedback == original.general_feedback
    assert question.default_mark == original.default_mark
    assert question.tags == original.tags
    assert question.idnumber == original.idnumber
    assert question.category == original.category
    assert question.difficulty == original.difficulty
    assert comparable(question.qtype, question.payload) == comparable(
        original.qtype, original.payload
    )


def test_round_trip_of_a_whole_bank_keeps_order_and_categories():
    bank = [
        exported("truefalse", {"correct": True}, name="A", category=("Bank",)),
        exported("truefalse", {"correct": True}, name="B", category=("Bank",)),
        exported("truefalse", {"correct": True}, name="C", category=("Bank", "Sub/part")),
        exported("truefalse", {"correct": True}, name="D", category=("Bank",)),
    ]

    data = moodlexml.write(bank)
    result = moodlexml.parse(data)

    assert data.count(b'<question type="category">') == 3
    assert result.categories == [("Bank",), ("Bank", "Sub/part")]
    assert [(q.name, q.category) for q in result.questions] == [
        ("A", ("Bank",)),
        ("B", ("Bank",)),
        ("C", ("Bank", "Sub/part")),
        ("D", ("Bank",)),
    ]
    lines = data.decode().split("\n")
    assert [q.line for q in result.questions] == [
        number
        for number, line in enumerate(lines, start=1)
        if line.startswith('  <question type="truefalse">')
    ]


def test_written_file_looks_like_moodles():
    data = moodlexml.write(ROUND_TRIP[:2]).decode()

    assert data.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n')
    assert data.endswith("</quiz>\n")
    assert "<text>$course$/top/Ngân hàng/Địa lý</text>" in data
    assert '<questiontext format="html">\n      <text><![CDATA[<p>Thủ đô' in data
    assert "<defaultgrade>2.0000000</defaultgrade>" in data
    assert "<idnumber>GEO-1 &lt;&amp;&gt;</idnumber>" in data
    assert "<single>true</single>" in data
    assert "<single>false</single>" in data
    assert "<answernumbering>abc</answernumbering>" in data
    assert '<answer fraction="100" format="html">' in data
    assert '<answer fraction="33.33333" format="html">' in data
    assert '<answer fraction="-50" format="html">' in data
    assert '<answer fraction="-100" format="html">' in data
    assert '<partiallycorrectfeedback format="html">' in data
    assert "<tag><text>địa lý</text>" in data


def test_written_truefalse_and_essay_elements():
    data = moodlexml.write([ROUND_TRIP[3], ROUND_TRIP[7]]).decode()

    assert '<answer fraction="0" format="moodle_auto_format">\n      <text>true</text>' in data
    assert '<answer fraction="100" format="moodle_auto_format">\n      <text>false</text>' in data
    for element in (
        "<responseformat>plain</responseformat>",
        "<attachments>2</attachments>",
        "<attachmentsrequired>1</attachmentsrequired>",
        "<maxbytes>1048576</maxbytes>",
        "<filetypeslist>.pdf,.docx</filetypeslist>",
        "<minwordlimit>100</minwordlimit>",
        "<maxwordlimit>500</maxwordlimit>",
        '<graderinfo format="html">',
        '<responsetemplate format="html">',
    ):
        assert element in data


def test_numerical_range_is_written_as_mid_point_and_grades_the_same():
    original = exported(
        "numerical",
        {
            "answers": [
                {"min": "1.5", "max": "2.5", "fraction": "1", "feedback": "Đúng"},
                {"min": "-3", "max": "0", "fraction": "0.5"},
            ]
        },
    )

    data = moodlexml.write([original])
    question = only_question(data)

    assert b"<text>2</text>" in data
    assert b"<tolerance>0.5</tolerance>" in data
    assert b"<text>-1.5</text>" in data
    assert b"<tolerance>1.5</tolerance>" in data
    numerical = question_type("numerical")
    payload = cleaned("numerical", question.payload)
    for number in ("1,4", "1,5", "2", "2,5", "2,6", "-3", "-0,5", "0", "0,1", "-3,1"):
        answer = numerical.clean_answer(payload, {"number": number})
        assert numerical.grade(payload, answer) == numerical.grade(original.payload, answer)


def test_case_analysis_is_written_as_an_essay():
    case = ExportedQuestion(
        qtype="case",
        name="Tình huống",
        text="<p>Phân tích tình huống.</p>",
        payload={**cleaned("essay", {"format": "html"}), "case_page": 12},
    )

    data = moodlexml.write([case])
    question = only_question(data)

    assert b'<question type="essay">' in data
    assert question.qtype == "essay"
    assert question.payload == cleaned("essay", {"format": "html"})


def test_awkward_texts_survive():
    original = exported(
        "description",
        {},
        name="Compare <b> & <i> tags",
        text="<pre>if (x[[0]]>a) print('hah');</pre>\x01",
        general_feedback="Plain words",
    )

    question = only_question(moodlexml.write([original]))

    assert question.name == "Compare <b> & <i> tags"
    # A control character cannot be written in XML; everything else stays.
    assert question.text == "<pre>if (x[[0]]>a) print('hah');</pre>"
    assert question.general_feedback == "Plain words"


def test_empty_export_is_an_empty_quiz():
    data = moodlexml.write([])

    assert moodlexml.parse(data).questions == []
    assert b"<quiz>" in data
