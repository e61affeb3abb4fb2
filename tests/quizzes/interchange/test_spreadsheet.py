"""The Excel template, importer and exporter of questions."""

import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from quizzes.interchange import formats, spreadsheet
from quizzes.interchange.records import ExportedQuestion
from quizzes.qtypes import question_type

HEADERS = [
    "Nội dung câu hỏi",
    "Loại",
    "Phương án A",
    "Phương án B",
    "Phương án C",
    "Phương án D",
    "Phương án E",
    "Phương án F",
    "Đáp án đúng",
    "Điểm",
    "Phản hồi",
    "Danh mục",
    "Thẻ",
    "Độ khó",
    "Tùy chọn",
    "Tên câu hỏi",
]


@pytest.fixture(autouse=True)
def english():
    # Messages are checked in their English msgid, whatever the catalogue says.
    with translation.override("en"):
        yield


def workbook_bytes(rows, headers=HEADERS):
    """A workbook whose first sheet has ``headers`` and ``rows`` (dicts by header or lists)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header) for header in headers] if isinstance(row, dict) else row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row(text, qtype, *options, answer=None, **columns):
    values = {"Nội dung câu hỏi": text, "Loại": qtype, "Đáp án đúng": answer, **columns}
    for letter, option in zip("ABCDEF", options, strict=False):
        values[f"Phương án {letter}"] = option
    return values


def fractions(question):
    return [option["fraction"] for option in question.payload["options"]]


# The template --------------------------------------------------------------


def test_template_has_the_headers_instructions_and_dropdowns():
    workbook = load_workbook(io.BytesIO(spreadsheet.template()))

    sheet = workbook.worksheets[0]
    assert sheet.title == "Câu hỏi"
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert workbook.sheetnames == ["Câu hỏi", "Hướng dẫn"]
    validations = {
        str(validation.sqref): validation for validation in sheet.data_validations.dataValidation
    }
    assert '"Một lựa chọn,Nhiều lựa chọn,Đúng/Sai,Trả lời ngắn,Số,Ghép đôi,Tự luận,Mô tả"' in [
        validation.formula1 for validation in validations.values()
    ]
    assert "B2:B1000" in validations
    assert "N2:N1000" in validations
    help_texts = " ".join(
        str(cell.value) for line in workbook["Hướng dẫn"].iter_rows() for cell in line if cell.value
    )
    for header in HEADERS[:2] + HEADERS[8:]:
        assert header in help_texts
    for word in ("Một lựa chọn", "Ghép đôi", "Trung bình", "±", "|", "->", "định dạng"):
        assert word in help_texts


def test_template_examples_import_without_problems():
    result = spreadsheet.parse(spreadsheet.template())

    assert result.errors == []
    single, multiple, matching = result.questions
    assert single.qtype == "single"
    assert single.line == 2
    assert fractions(single) == ["0", "1", "0", "0"]
    assert single.category == ("Hiến pháp", "Bộ máy nhà nước")
    assert single.tags == ["hiến pháp", "quốc hội"]
    assert single.difficulty == "easy"
    assert multiple.qtype == "multiple"
    assert fractions(multiple) == ["0.3333333", "0.3333333", "0", "0.3333333"]
    assert matching.qtype == "matching"
    assert matching.default_mark == Decimal("2")
    assert [option["text"] for option in matching.payload["options"]][-1] == "Chủ tịch nước"
    assert result.categories == [("Hiến pháp", "Bộ máy nhà nước"), ("Văn bản quy phạm pháp luật",)]
    for question in result.questions:
        question_type(question.qtype).clean_payload(question.payload)


def test_filled_template_round_trips():
    workbook = load_workbook(io.BytesIO(spreadsheet.template()))
    sheet = workbook.worksheets[0]
    sheet.delete_rows(2, 3)
    filled = [
        [
            "Luật Đất đai 2024 có hiệu lực từ năm nào?",
            "Số",
            None,
            None,
            None,
            None,
            None,
            None,
            2025,
        ],
        [
            "Người sử dụng đất có quyền chuyển nhượng.",
            "Đúng/Sai",
            *[None] * 6,
            True,
            0.5,
            "Xem Điều 27.",
            "Luật/Luật Đất đai",
            "đất đai; quyền",
            "khó",
            None,
            "Quyền chuyển nhượng",
        ],
        [],
        ["Viết tắt của Ủy ban nhân dân là gì?", "trả lời ngắn", *[None] * 6, "UBND | ubnd:50%"],
    ]
    for values in filled:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = spreadsheet.parse(buffer.getvalue())

    assert result.errors == []
    numerical, truefalse, short = result.questions
    assert numerical.payload == {
        "answers": [{"value": "2025", "tolerance": "0", "fraction": "1", "feedback": ""}]
    }
    assert numerical.line == 2
    assert truefalse.payload == {"correct": True}
    assert truefalse.default_mark == Decimal("0.5")
    assert truefalse.general_feedback == "Xem Điều 27."
    assert truefalse.category == ("Luật", "Luật Đất đai")
    assert truefalse.tags == ["đất đai", "quyền"]
    assert truefalse.difficulty == "hard"
    assert truefalse.name == "Quyền chuyển nhượng"
    assert short.line == 5  # the blank row 4 is skipped but still counted
    assert short.payload["answers"] == [
        {"text": "UBND", "fraction": "1", "feedback": ""},
        {"text": "ubnd", "fraction": "0.5", "feedback": ""},
    ]


# Reading -------------------------------------------------------------------


def test_headers_are_matched_by_name_in_any_order():
    headers = ["đáp án ĐÚNG", "LOAI", "noi dung cau hoi", "Phuong an B", "Phương án A", "Ghi chú"]
    data = workbook_bytes([["B", "single", "Thủ đô của Việt Nam?", "Hà Nội", "Huế", "x"]], headers)

    (question,) = spreadsheet.parse(data).questions

    assert [option["text"] for option in question.payload["options"]] == ["Huế", "Hà Nội"]
    assert fractions(question) == ["0", "1"]
    assert question.name == "Thủ đô của Việt Nam?"
    assert question.default_mark == Decimal("1")
    assert question.difficulty == "medium"


def test_header_row_may_follow_a_title_row():
    question = row("Câu?", "Một lựa chọn", "x", "y", answer="A")
    data = workbook_bytes([HEADERS, [question.get(header) for header in HEADERS]], ["Ngân hàng"])

    result = spreadsheet.parse(data)

    assert result.errors == []
    assert result.questions[0].line == 3


def test_missing_required_headers_give_one_problem():
    result = spreadsheet.parse(workbook_bytes([["Câu?", "A"]], ["Nội dung câu hỏi", "Phương án A"]))

    (problem,) = result.errors
    assert problem.line == 1
    assert "Loại" in problem.message
    assert "Đáp án đúng" in problem.message
    assert result.questions == []


def test_row_problems_name_the_excel_row():
    rows = [
        row("Câu đúng", "Một lựa chọn", "x", "y", answer="A"),
        row("Loại lạ", "Điền khuyết", "x", "y", answer="A"),
        row(None, "Một lựa chọn", "x", "y", answer="A", **{"Tên câu hỏi": "Không nội dung"}),
        row("Đáp án trỏ vào ô trống", "Một lựa chọn", "x", "y", answer="C"),
        row("Một phương án", "Nhiều lựa chọn", "x", answer="A"),
        row("Điểm sai", "Một lựa chọn", "x", "y", answer="A", **{"Điểm": "một"}),
        row("Điểm âm", "Một lựa chọn", "x", "y", answer="A", **{"Điểm": -1}),
        row("Điểm khổng lồ", "Một lựa chọn", "x", "y", answer="A", **{"Điểm": "1e999"}),
        row("Độ khó sai", "Một lựa chọn", "x", "y", answer="A", **{"Độ khó": "Rất khó"}),
        row("Ký hiệu sai", "Nhiều lựa chọn", "x", "y", answer="A và B"),
        row("Tỉ lệ sai", "Nhiều lựa chọn", "x", "y", answer="A:150%"),
        row("Không có đáp án", "Một lựa chọn", "x", "y"),
        row("Đúng sai lạ", "Đúng/Sai", answer="Có lẽ"),
        row("Số lạ", "Số", answer="ba"),
        row("Ghép thiếu mũi tên", "Ghép đôi", "Luật -> Quốc hội", "Nghị định"),
        row("Ghép một cặp", "Ghép đôi", "Luật -> Quốc hội", "-> Chính phủ"),
        row("Không loại", None, "x", "y", answer="A"),
        row("Tùy chọn lạ", "Một lựa chọn", "x", "y", answer="A", **{"Tùy chọn": "xáo trộn kỹ"}),
    ]
    result = spreadsheet.parse(workbook_bytes(rows))

    assert [question.name for question in result.questions] == ["Câu đúng"]
    problems = {problem.line: problem for problem in result.errors}
    assert sorted(problems) == list(range(3, 20))
    expected = {
        3: "Điền khuyết",
        4: "no text",
        5: "C",
        6: "at least two answer options",
        7: "“một”",
        8: "“-1”",
        9: "“1e999”",
        10: "“Rất khó”",
        11: "“A và B”",
        12: "150%",
        13: "Đáp án đúng",
        14: "Đúng or Sai",
        15: "“ba”",
        16: "Option B",
        17: "at least two pairs",
        18: "no type",
        19: "“xáo trộn kỹ”",
    }
    for line, words in expected.items():
        assert words in problems[line].message, (line, problems[line].message)
    assert problems[4].question == "Không nội dung"
    assert problems[5].question == "Đáp án trỏ vào ô trống"
    assert len({problem.message for problem in result.errors}) == len(result.errors)


def test_several_problems_of_a_row_are_reported_together():
    data = workbook_bytes([row(None, "Loại lạ", answer="A", **{"Điểm": "x", "Độ khó": "?"})])

    (problem,) = spreadsheet.parse(data).errors

    assert problem.line == 2
    for words in ("no text", "Loại lạ", "“x”", "“?”"):
        assert words in problem.message


def test_damaged_files_give_one_problem():
    damaged = spreadsheet.template()[:2000]
    for data in (b"", b"not a workbook", damaged, b"\xd0\xcf\x11\xe0" + bytes(600)):
        result = spreadsheet.parse(data)

        (problem,) = result.errors
        assert ".xlsx" in problem.message
        assert result.questions == []


def test_choice_weights():
    rows = [
        row("Chia đều", "Nhiều lựa chọn", "a", "b", "c", "d", answer="a, c"),
        row("Tỉ lệ", "Nhiều lựa chọn", "a", "b", "c", "d", answer="A:60%; C:40%; D:-50%"),
        row("Trộn", "Nhiều lựa chọn", "a", "b", "c", "d", answer="A:50%, B, C; D:-33,33333%"),
        row("Một phần", "Một lựa chọn", "a", "b", "c", answer="B; C:50%"),
        row("Chép cả dấu ngoặc", "Một lựa chọn", "a", "b", answer="b)"),
        row("Hết tỉ lệ", "Nhiều lựa chọn", "a", "b", "c", answer="A:100%, B"),
        row("Trùng", "Nhiều lựa chọn", "a", "b", answer="A, A"),
    ]
    result = spreadsheet.parse(workbook_bytes(rows))

    equal, weighted, mixed, partial, copied = result.questions
    assert fractions(equal) == ["0.5", "0", "0.5", "0"]
    assert fractions(weighted) == ["0.6", "0", "0.4", "-0.5"]
    assert fractions(mixed) == ["0.5", "0.25", "0.25", "-0.3333333"]
    assert fractions(partial) == ["0", "1", "0.5"]
    assert fractions(copied) == ["0", "1"]
    assert [problem.line for problem in result.errors] == [7, 8]
    assert "100%" in result.errors[0].message
    assert "A" in result.errors[1].message


def test_numerical_answers():
    rows = [
        row("Số pi", "Số", answer="3,14 ± 0,01 | 3:50%"),
        row("Số thực", "numerical", answer=3.5),
        row("Khoảng", "Số", answer="-1,5..2 | *:0%"),
        row("Dấu chấm", "Số", answer="1.5 +- 0.25"),
    ]
    result = spreadsheet.parse(workbook_bytes(rows))

    assert result.errors == []
    pi, real, interval, dot = (question.payload["answers"] for question in result.questions)
    assert pi == [
        {"value": "3.14", "tolerance": "0.01", "fraction": "1", "feedback": ""},
        {"value": "3", "tolerance": "0", "fraction": "0.5", "feedback": ""},
    ]
    assert real[0]["value"] == "3.5"
    assert interval == [
        {"min": "-1.5", "max": "2", "fraction": "1", "feedback": ""},
        {"value": "*", "fraction": "0", "feedback": ""},
    ]
    assert dot[0] == {"value": "1.5", "tolerance": "0.25", "fraction": "1", "feedback": ""}
    for question in result.questions:
        question_type("numerical").clean_payload(question.payload)


def test_short_answer_settings_and_plain_text():
    rows = [
        row(
            "Viết <b>tên</b> & ký hiệu\ncủa cơ quan",
            "Trả lời ngắn",
            answer="Quốc hội | Quoc hoi:50% | *:0%",
            **{"Tùy chọn": "Phân biệt hoa thường, không phân biệt dấu"},
        ),
    ]
    (question,) = spreadsheet.parse(workbook_bytes(rows)).questions

    assert question.text == "Viết &lt;b&gt;tên&lt;/b&gt; &amp; ký hiệu<br>của cơ quan"
    assert question.payload["case_sensitive"] is True
    assert question.payload["accent_insensitive"] is True
    assert [answer["fraction"] for answer in question.payload["answers"]] == ["1", "0.5", "0"]


def test_matching_and_essay_and_description():
    rows = [
        row(
            "Ghép",
            "Ghép đôi",
            "Luật -> Quốc hội",
            "Nghị quyết → Quốc hội",
            "Nghị định->Chính phủ",
            "-> Chủ tịch nước",
            **{"Tùy chọn": "không xáo trộn"},
        ),
        row("Phân tích tình huống", "Tự luận", answer="Nêu đủ 3 ý <chính>"),
        row("Đọc đoạn sau rồi trả lời", "Mô tả"),
    ]
    result = spreadsheet.parse(workbook_bytes(rows))

    assert result.errors == []
    matching, essay, description = result.questions
    assert matching.payload == {
        "items": [
            {"key": "i1", "text": "Luật", "option": "o1"},
            {"key": "i2", "text": "Nghị quyết", "option": "o1"},
            {"key": "i3", "text": "Nghị định", "option": "o2"},
        ],
        "options": [
            {"key": "o1", "text": "Quốc hội"},
            {"key": "o2", "text": "Chính phủ"},
            {"key": "o3", "text": "Chủ tịch nước"},
        ],
        "shuffle": False,
    }
    assert essay.payload["grader_info"] == "Nêu đủ 3 ý &lt;chính&gt;"
    assert description.qtype == "description"
    for question in result.questions:
        question_type(question.qtype).clean_payload(question.payload)


# Writing -------------------------------------------------------------------


def exported(qtype, payload, **fields):
    fields.setdefault("name", f"Câu {qtype}")
    fields.setdefault("text", f"<p>Câu hỏi loại {qtype}?</p>")
    return ExportedQuestion(qtype=qtype, payload=payload, **fields)


EXPORTED = [
    exported(
        "single",
        {
            "options": [
                {"key": "a", "text": "<p>Hà Nội</p>", "fraction": "1", "feedback": "<p>Đúng</p>"},
                {"key": "b", "text": "Huế", "fraction": "0.5", "feedback": ""},
                {"key": "c", "text": "Đà &amp; Nẵng", "fraction": "-0.25", "feedback": ""},
                {"key": "d", "text": "Cần Thơ", "fraction": "0", "feedback": ""},
            ],
            "shuffle": False,
        },
        default_mark=Decimal("2.5"),
        category=("Địa lý", "Thủ đô/Thành phố"),
        tags=["địa lý", "dễ"],
        difficulty="easy",
        general_feedback="<p>Hà Nội là thủ đô.</p>",
    ),
    exported(
        "multiple",
        {
            "options": [
                {"key": "a", "text": "Luật", "fraction": "0.6", "feedback": ""},
                {"key": "b", "text": "Nghị định", "fraction": "0.4", "feedback": ""},
                {"key": "c", "text": "Bài báo", "fraction": "-1", "feedback": ""},
            ],
            "shuffle": True,
        },
    ),
    exported(
        "multiple",
        {
            "options": [
                {"key": str(number), "text": f"Phương án {number}", "fraction": fraction}
                for number, fraction in enumerate(
                    ["0.3333333", "0", "0.3333333", "-0.5", "0", "0", "0.3333333", "0"], start=1
                )
            ]
        },
        difficulty="hard",
    ),
    exported("truefalse", {"correct": False, "feedback_true": "<p>Sai rồi</p>"}),
    exported(
        "shortanswer",
        {
            "answers": [
                {"text": "Quốc hội", "fraction": "1", "feedback": ""},
                {"text": "QH*", "fraction": "0.5", "feedback": ""},
                {"text": "*", "fraction": "0", "feedback": "<p>Chưa đúng</p>"},
            ],
            "case_sensitive": True,
            "accent_insensitive": False,
        },
    ),
    exported(
        "numerical",
        {
            "answers": [
                {"value": "3.14", "tolerance": "0.005", "fraction": "1", "feedback": ""},
                {"min": "-3", "max": "3.5", "fraction": "0.3333333", "feedback": ""},
                {"value": "1E+3", "tolerance": "0", "fraction": "0.1", "feedback": ""},
                {"value": "*", "fraction": "0", "feedback": ""},
            ]
        },
    ),
    exported(
        "matching",
        {
            "items": [
                {"key": "i1", "text": "<p>Luật</p>", "option": "o2"},
                {"key": "i2", "text": "Nghị quyết", "option": "o2"},
                {"key": "i3", "text": "Nghị định", "option": "o1"},
            ],
            "options": [
                {"key": "o1", "text": "Chính phủ"},
                {"key": "o2", "text": "Quốc hội"},
                {"key": "o3", "text": "Bộ trưởng"},
            ],
            "shuffle": True,
        },
    ),
    exported(
        "essay",
        {"format": "html", "grader_info": "<p>Nêu đủ <b>3</b> ý</p>", "attachments": 1},
    ),
    exported("case", {"format": "html", "grader_info": "", "case_page": 42}),
    exported("description", {}, text="<p>Đọc đoạn sau:</p><p>Luật &lt;mới&gt;</p>"),
]


def grading(qtype, payload):
    """What decides a question's grade, with keys and formatting left out."""
    payload = question_type(qtype).clean_payload(payload)
    if qtype in ("single", "multiple"):
        return [
            (formats.to_plain(option["text"]), Decimal(option["fraction"]))
            for option in payload["options"]
        ]
    if qtype == "truefalse":
        return payload["correct"]
    if qtype == "shortanswer":
        return (
            [(answer["text"], Decimal(answer["fraction"])) for answer in payload["answers"]],
            payload["case_sensitive"],
            payload["accent_insensitive"],
        )
    if qtype == "numerical":
        return [
            (
                {
                    key: Decimal(value) if key != "value" or value != "*" else value
                    for key, value in answer.items()
                    if key not in ("fraction", "feedback")
                },
                Decimal(answer["fraction"]),
            )
            for answer in payload["answers"]
        ]
    if qtype == "matching":
        options = {option["key"]: option["text"] for option in payload["options"]}
        return (
            [
                (formats.to_plain(item["text"]), options[item["option"]])
                for item in payload["items"]
            ],
            sorted(options.values()),
        )
    return None


def test_export_then_import_keeps_the_grading_of_every_type():
    result = spreadsheet.parse(spreadsheet.write(EXPORTED))

    assert result.errors == []
    assert len(result.questions) == len(EXPORTED)
    for original, imported in zip(EXPORTED, result.questions, strict=True):
        qtype = "essay" if original.qtype == "case" else original.qtype
        assert imported.qtype == qtype
        assert imported.name == original.name
        assert grading(imported.qtype, imported.payload) == grading(qtype, original.payload)
        assert imported.default_mark == original.default_mark
        assert imported.category == original.category
        assert imported.tags == original.tags
        assert imported.difficulty == original.difficulty
        assert formats.to_plain(imported.general_feedback) == formats.to_plain(
            original.general_feedback
        )
        if "shuffle" in original.payload:
            assert imported.payload["shuffle"] == original.payload["shuffle"]
    single, *_rest, essay, case, description = result.questions
    assert single.text == "Câu hỏi loại single?"
    assert [option["text"] for option in single.payload["options"]][2] == "Đà &amp; Nẵng"
    assert essay.payload["grader_info"] == "Nêu đủ 3 ý"
    assert description.text == "Đọc đoạn sau:<br>Luật &lt;mới&gt;"


def test_export_writes_readable_cells():
    workbook = load_workbook(io.BytesIO(spreadsheet.write(EXPORTED)))
    sheet = workbook.worksheets[0]
    cells = {
        (sheet.cell(row=1, column=column).value, number): sheet.cell(
            row=number, column=column
        ).value
        for column in range(1, sheet.max_column + 1)
        for number in range(2, sheet.max_row + 1)
    }

    assert workbook.sheetnames == ["Câu hỏi", "Hướng dẫn"]
    assert cells[("Loại", 2)] == "Một lựa chọn"
    assert cells[("Đáp án đúng", 2)] == "A; B:50%; C:-25%"
    assert cells[("Danh mục", 2)] == "Địa lý/Thủ đô//Thành phố"
    assert cells[("Độ khó", 2)] == "Dễ"
    assert cells[("Tùy chọn", 2)] == "không xáo trộn"
    assert cells[("Điểm", 2)] == 2.5
    assert cells[("Đáp án đúng", 3)] == "A:60%; B:40%; C:-100%"
    assert cells[("Đáp án đúng", 4)] == "A; C; D:-50%; G"
    assert cells[("Phương án H", 4)] == "Phương án 8"
    assert cells[("Đáp án đúng", 5)] == "Sai"
    assert cells[("Đáp án đúng", 6)] == "Quốc hội | QH*:50% | *:0%"
    assert cells[("Tùy chọn", 6)] == "phân biệt hoa thường"
    assert cells[("Đáp án đúng", 7)] == "3,14 ± 0,005 | -3..3,5:33,33333% | 1000:10% | *:0%"
    assert [cells[(f"Phương án {letter}", 8)] for letter in "ABCD"] == [
        "Luật -> Quốc hội",
        "Nghị quyết -> Quốc hội",
        "Nghị định -> Chính phủ",
        "-> Bộ trưởng",
    ]
    assert cells[("Loại", 10)] == "Tự luận"
    assert cells[("Nội dung câu hỏi", 11)] == "Đọc đoạn sau:\nLuật <mới>"


def test_equal_weights_are_written_as_bare_letters():
    question = exported(
        "multiple",
        {
            "options": [
                {"key": "a", "text": "x", "fraction": "0.5"},
                {"key": "b", "text": "y", "fraction": "0"},
                {"key": "c", "text": "z", "fraction": "0.5"},
            ]
        },
    )
    sheet = load_workbook(io.BytesIO(spreadsheet.write([question]))).worksheets[0]

    assert sheet["I2"].value == "A, C"


def test_texts_are_never_written_as_formulas():
    question = exported("essay", {"format": "html"}, text='=HYPERLINK("http://x")', name="=1+1")
    data = spreadsheet.write([question])
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]

    assert sheet["A2"].data_type == "s"
    assert sheet["P2"].data_type == "s"
    (imported,) = spreadsheet.parse(data).questions
    assert imported.name == "=1+1"
    assert imported.text == "=HYPERLINK(&quot;http://x&quot;)"
