"""Questions in an Excel workbook (.xlsx): a template to fill in, its importer and an exporter.

The first sheet ("Câu hỏi") holds one question per row under a header row;
the second ("Hướng dẫn") explains every column in Vietnamese. Headers are
data, not interface text, so they stay Vietnamese whatever the user's
language (see ``lms.xlsx``). Columns, in the order the template writes them:

    Nội dung câu hỏi   question text (required)
    Loại               type: "Một lựa chọn", "Nhiều lựa chọn", "Đúng/Sai", "Trả lời ngắn",
                       "Số", "Ghép đôi", "Tự luận", "Mô tả", or a code (single, multiple, …)
    Phương án A … F    answer options; "item -> answer" pairs for matching, "-> answer" for a
                       distractor; more columns ("Phương án G", …) are accepted
    Đáp án đúng        the right answer, written by type (below)
    Điểm               default mark (decimal comma or dot; 1 when empty)
    Phản hồi           general feedback
    Danh mục           category path under the import category, "A/B/C" ("//" is a "/")
    Thẻ                tags separated by "," or ";"
    Độ khó             "Dễ", "Trung bình" (when empty) or "Khó"
    Tùy chọn           "không xáo trộn", "phân biệt hoa thường", "không phân biệt dấu"
    Tên câu hỏi        name; the first ~80 characters of the text when empty

The right answer column ("Đáp án đúng"):

- single and multiple: option letters separated by "," or ";" ("B", "A, C").
  A letter may carry a weight, "C:50%" or "D:-50%". Letters without a weight
  share equally what the weighted positive letters leave of 100% in a
  multiple-response question ("A, C" is 50% each), and are worth 100% in a
  single-choice question. Options not named are worth 0 (no penalty).
- truefalse: "Đúng" or "Sai" (also true/false, Đ/S, 1/0, or an Excel TRUE/FALSE).
- shortanswer: accepted answers separated by "|", each optionally with a
  weight "text:50%" ("*" is a wildcard, as in the question type).
- numerical: answers separated by "|": "3,14", "3,14 ± 0,01", a range "1..3",
  or "*" (any number), each optionally with a weight ":50%".
- essay: optional information for graders.
- matching and description: empty.

Cells hold plain text: HTML is exported as plain text (``formats.to_plain``)
and imported escaped, so formatting and images are lost in Excel, as are
per-option feedback, combined feedback, true/false feedback, ID numbers and
essay settings other than the grader information. Grading survives a round
trip: ``parse(write(questions))`` gives the same fractions and answers.
"""

import io
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from lms.text import fold, nfc
from quizzes.qtypes.text import parse_number

from . import formats
from .records import ExportedQuestion, ImportProblem, ParsedQuestion, ParseResult, shortened

TEXT = "Nội dung câu hỏi"
TYPE = "Loại"
ANSWER = "Đáp án đúng"
MARK = "Điểm"
FEEDBACK = "Phản hồi"
CATEGORY = "Danh mục"
TAGS = "Thẻ"
DIFFICULTY = "Độ khó"
SETTINGS = "Tùy chọn"
NAME = "Tên câu hỏi"
OPTION_PREFIX = "Phương án"
OPTION_COLUMNS = 6
REQUIRED = (TEXT, TYPE, ANSWER)
LEADING = (TEXT, TYPE)
TRAILING = (ANSWER, MARK, FEEDBACK, CATEGORY, TAGS, DIFFICULTY, SETTINGS, NAME)

DATA_SHEET = "Câu hỏi"
HELP_SHEET = "Hướng dẫn"

TYPE_NAMES = {
    "single": "Một lựa chọn",
    "multiple": "Nhiều lựa chọn",
    "truefalse": "Đúng/Sai",
    "shortanswer": "Trả lời ngắn",
    "numerical": "Số",
    "matching": "Ghép đôi",
    "essay": "Tự luận",
    "description": "Mô tả",
}
DIFFICULTY_NAMES = {"easy": "Dễ", "medium": "Trung bình", "hard": "Khó"}
NO_SHUFFLE = "không xáo trộn"
CASE_SENSITIVE = "phân biệt hoa thường"
ACCENT_INSENSITIVE = "không phân biệt dấu"
TRUE_WORDS = {"dung", "d", "true", "t", "1"}
FALSE_WORDS = {"sai", "s", "false", "f", "0"}

# "B", "b)", "C: 50%": a letter copied with its ")" or "." is accepted.
LETTER_RE = re.compile(
    r"\s*([A-Za-z])[).]?\s*"  # the letter
    r"(?::\s*([+-]?\s*\d+(?:[.,]\d+)?)\s*%?\s*)?"  # its weight
    r"(?:[,;]|$)"
)
WEIGHT_RE = re.compile(r"\s*:\s*([+-]?\s*\d+(?:[.,]\d+)?)\s*%\s*$")
TOLERANCE_RE = re.compile(r"±|\+/-|\+-")
RANGE_RE = re.compile(r"(.+?)\s*\.\.\s*(.+)")
ARROW_RE = re.compile(r"\s*(?:->|→)\s*")
BLOCK_END_RE = re.compile(r"(?i)</(p|div|li|h[1-6]|tr|blockquote|pre)>")
HEADER_SEARCH_ROWS = 10
FRACTION_PLACES = Decimal("0.0000001")
MARK_PLACES = Decimal("0.01")
MAX_MARK = Decimal("99999.99")
ONE = Decimal("1")
ZERO = Decimal("0")


def _key(text):
    """A header or keyword compared without case, accents or punctuation."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(str(text))).split())


def _compact(text):
    return _key(text).replace(" ", "")


TYPE_CODES = {
    **{_compact(name): code for code, name in TYPE_NAMES.items()},
    **{code: code for code in TYPE_NAMES},
    # A case analysis needs a library page: in a sheet it is an essay.
    "case": "essay",
}
DIFFICULTY_CODES = {
    **{_key(name): code for code, name in DIFFICULTY_NAMES.items()},
    **{code: code for code in DIFFICULTY_NAMES},
}
SETTING_CODES = {
    _key(NO_SHUFFLE): "no_shuffle",
    _key(CASE_SENSITIVE): "case_sensitive",
    _key(ACCENT_INSENSITIVE): "accent_insensitive",
}


class RowProblem(Exception):
    """A problem that stops one row from becoming a question."""


# Reading ------------------------------------------------------------------


def parse(data: bytes) -> ParseResult:
    """Read the questions of the first sheet of the workbook ``data`` into a ParseResult."""
    result = ParseResult()
    try:
        rows = _read_rows(data)
    except Exception:  # openpyxl raises anything on a damaged file
        result.errors.append(
            ImportProblem(
                line=None,
                question="",
                message=_(
                    "The file cannot be read as an Excel workbook (.xlsx): it is damaged or "
                    "in another format. Open it in Excel and save it as an Excel Workbook "
                    "(.xlsx)."
                ),
            )
        )
        return result
    header_at = _header_row(rows)
    header_number, header = rows[header_at] if rows else (1, ())
    columns, options = _columns(header)
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        result.errors.append(
            ImportProblem(
                line=header_number,
                question="",
                message=_("The header row lacks the columns: %(columns)s.")
                % {"columns": ", ".join(missing)},
            )
        )
        return result
    for number, values in rows[header_at + 1 :]:
        if not any(_cell_text(value) for value in values):
            continue
        row = _Row(number, values, columns, options)
        question = row.question()
        if row.errors:
            result.errors.append(
                ImportProblem(line=number, question=row.label(), message=" ".join(row.errors))
            )
        elif question:
            result.questions.append(question)
            if question.category and question.category not in result.categories:
                result.categories.append(question.category)
    return result


def _read_rows(data):
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        # Some programs write wrong sheet dimensions, which read-only mode trusts.
        sheet.reset_dimensions()
        return [
            (number, tuple(values))
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        workbook.close()


def _header_row(rows):
    """The index of the header row: the first of the top rows naming the text column."""
    wanted = _key(TEXT)
    for index, (_number, values) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if any(_key(_cell_text(value)) == wanted for value in values):
            return index
    for index, (_number, values) in enumerate(rows):
        if any(_cell_text(value) for value in values):
            return index
    return 0


def _columns(header):
    """Column indexes by canonical header name, and (letter, index) of the option columns."""
    known = {_key(name): name for name in (*LEADING, *TRAILING)}
    option_re = re.compile(rf"{_key(OPTION_PREFIX)} ([a-z])")
    columns, options = {}, []
    for index, value in enumerate(header):
        key = _key(_cell_text(value))
        if key in known and known[key] not in columns:
            columns[known[key]] = index
        elif match := option_re.fullmatch(key):
            options.append((match.group(1).upper(), index))
    return columns, sorted(options)


def _cell_text(value):
    """A cell's value as stripped NFC text; numbers as typed, without a trailing ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Đúng" if value else "Sai"
    if isinstance(value, (int, float, Decimal)):
        return _number_text(value)
    return nfc(str(value).replace("\r\n", "\n").replace("\r", "\n")).strip()


def _number_text(value):
    # repr() gives the shortest text that reads back as the same float (0.1, not 0.1000…01).
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return format(number.normalize(), "f") if number.is_finite() else str(value)


def _fraction(value):
    """A Decimal weight as a payload fraction without trailing zeros.

    A share such as 1/3 is rounded to 7 decimals (33.33333%, one of Moodle's grades);
    weights typed in the sheet are kept as they are.
    """
    value = value.normalize()
    if value.as_tuple().exponent < FRACTION_PLACES.as_tuple().exponent:
        value = value.quantize(FRACTION_PLACES, rounding=ROUND_HALF_UP).normalize()
    return "0" if value == 0 else format(value, "f")


def _percent_fraction(text):
    """ "50", "-33,33333" (percent) as a Decimal fraction, or RowProblem."""
    try:
        fraction = parse_number(text) / 100
    except ValueError as error:
        raise RowProblem(_("“%(value)s” is not a weight.") % {"value": text}) from error
    if not -ONE <= fraction <= ONE:
        raise RowProblem(
            _("The weight “%(value)s%%” must lie between -100%% and 100%%.") % {"value": text}
        )
    return fraction


def _split_weight(text):
    """An answer and its weight from "answer:50%" (weight 1 without a suffix)."""
    match = WEIGHT_RE.search(text)
    if not match:
        return text.strip(), ONE
    return text[: match.start()].strip(), _percent_fraction(match.group(1))


class _Row:
    """One row of the sheet being turned into a question; problems collect in ``errors``."""

    def __init__(self, number, values, columns, options):
        self.number = number
        self.values = values
        self.columns = columns
        self.option_columns = options
        self.errors = []

    def raw(self, column):
        index = self.columns.get(column)
        return self.values[index] if index is not None and index < len(self.values) else None

    def text(self, column):
        return _cell_text(self.raw(column))

    def options(self):
        """(letter, text) of every filled option column, in letter order."""
        filled = []
        for letter, index in self.option_columns:
            text = _cell_text(self.values[index]) if index < len(self.values) else ""
            if text:
                filled.append((letter, text))
        return filled

    def label(self):
        return self.text(NAME) or shortened(self.text(TEXT)[:80])

    def question(self):
        """The row's ParsedQuestion, or None with the reasons in ``errors``."""
        qtype = self._qtype()
        text = self.text(TEXT)
        if not text:
            self.errors.append(_("The question has no text."))
        fields = {}
        for attribute, reader in (
            ("default_mark", self._mark),
            ("difficulty", self._difficulty),
            ("settings", self._settings),
        ):
            try:
                fields[attribute] = reader()
            except RowProblem as problem:
                self.errors.append(str(problem))
        payload = None
        if qtype and "settings" in fields:
            try:
                payload = PAYLOAD_READERS[qtype](self, fields.pop("settings"))
            except RowProblem as problem:
                self.errors.append(str(problem))
        if self.errors:
            return None
        return ParsedQuestion(
            qtype=qtype,
            name=self.text(NAME) or shortened(text),
            text=formats.to_html(text, formats.PLAIN),
            payload=payload,
            line=self.number,
            general_feedback=formats.to_html(self.text(FEEDBACK), formats.PLAIN),
            default_mark=fields["default_mark"],
            category=_category(self.text(CATEGORY)),
            tags=_tags(self.text(TAGS)),
            difficulty=fields["difficulty"],
        )

    def _qtype(self):
        value = self.text(TYPE)
        if not value:
            self.errors.append(_("The question has no type."))
            return None
        code = TYPE_CODES.get(_compact(value))
        if code is None:
            self.errors.append(
                _(
                    "Unknown question type “%(value)s”: use one of the types listed "
                    "on the instructions sheet."
                )
                % {"value": value}
            )
        return code

    def _mark(self):
        value = self.text(MARK)
        if not value:
            return ONE
        try:
            mark = parse_number(value)
        except ValueError:
            mark = None
        if mark is None or not 0 <= mark <= MAX_MARK:
            raise RowProblem(
                _("The mark “%(value)s” is not a number of zero or more.") % {"value": value}
            )
        mark = mark.quantize(MARK_PLACES, rounding=ROUND_HALF_UP)
        # 2 rather than 2.00 or 2E+0; 0.5 rather than 0.50.
        return mark.quantize(ONE) if mark == mark.to_integral() else mark.normalize()

    def _difficulty(self):
        value = self.text(DIFFICULTY)
        if not value:
            return "medium"
        code = DIFFICULTY_CODES.get(_key(value))
        if code is None:
            raise RowProblem(
                _("Unknown difficulty “%(value)s”: write Dễ, Trung bình or Khó.") % {"value": value}
            )
        return code

    def _settings(self):
        settings = set()
        for word in re.split(r"[,;\n]", self.text(SETTINGS)):
            if not word.strip():
                continue
            code = SETTING_CODES.get(_key(word))
            if code is None:
                raise RowProblem(_("Unknown setting “%(value)s”.") % {"value": word.strip()})
            settings.add(code)
        return settings

    def answer(self):
        """The right-answer cell as text; RowProblem when it is empty."""
        value = self.text(ANSWER)
        if not value:
            raise RowProblem(
                _("Give the right answer in the column “%(column)s”.") % {"column": ANSWER}
            )
        return value


def _category(text):
    placeholder = "\x00"
    parts = text.replace("//", placeholder).split("/")
    return tuple(
        name for name in (part.replace(placeholder, "/").strip() for part in parts) if name
    )


def _tags(text):
    tags = []
    for tag in re.split(r"[,;]", text):
        tag = " ".join(tag.split())
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def _letters(text):
    """(letter, weight or None) pairs of "A, C:50%; D:-50%", or RowProblem."""
    text = text.strip().rstrip(",;").strip()
    pairs, position = [], 0
    while position < len(text):
        match = LETTER_RE.match(text, position)
        if not match or match.end() == position:
            raise RowProblem(
                _("“%(value)s” is not a list of option letters such as B or A, C.")
                % {"value": text}
            )
        letter = match.group(1).upper()
        if any(letter == seen for seen, _weight in pairs):
            raise RowProblem(_("The letter %(letter)s is given twice.") % {"letter": letter})
        weight = _percent_fraction(match.group(2)) if match.group(2) else None
        pairs.append((letter, weight))
        position = match.end()
    return pairs


def _choice_payload(row, settings, qtype):
    options = row.options()
    if len(options) < 2:
        raise RowProblem(_("Give at least two answer options."))
    filled = dict(options)
    letters = _letters(row.answer())
    for letter, _weight in letters:
        if letter not in filled:
            raise RowProblem(
                _("The right answer %(letter)s points to an empty option.") % {"letter": letter}
            )
    share = _share(letters) if qtype == "multiple" else ONE
    weights = {letter: share if weight is None else weight for letter, weight in letters}
    return {
        "options": [
            {
                "key": letter.lower(),
                "text": formats.to_html(text, formats.PLAIN),
                "fraction": _fraction(weights.get(letter, ZERO)),
                "feedback": "",
            }
            for letter, text in options
        ],
        "shuffle": "no_shuffle" not in settings,
    }


def _share(letters):
    """What each letter without a weight is worth in a multiple-response question."""
    unweighted = [letter for letter, weight in letters if weight is None]
    if not unweighted:
        return ZERO
    given = sum((weight for _letter, weight in letters if weight and weight > 0), ZERO)
    share = (ONE - given) / len(unweighted)
    if share <= 0:
        raise RowProblem(
            _("The weights given already reach 100%%: give the other letters a weight too.") % {}
        )
    return share


def _single_payload(row, settings):
    return _choice_payload(row, settings, "single")


def _multiple_payload(row, settings):
    return _choice_payload(row, settings, "multiple")


def _truefalse_payload(row, settings):
    raw = row.raw(ANSWER)
    if isinstance(raw, bool):
        return {"correct": raw}
    word = _compact(row.answer())
    if word in TRUE_WORDS or word in FALSE_WORDS:
        return {"correct": word in TRUE_WORDS}
    raise RowProblem(_("Write Đúng or Sai as the right answer of a true/false question."))


def _answers(row):
    return [part for part in row.answer().split("|") if part.strip()]


def _shortanswer_payload(row, settings):
    answers = []
    for part in _answers(row):
        text, fraction = _split_weight(part)
        if not text:
            raise RowProblem(_("An accepted answer is empty."))
        answers.append({"text": text, "fraction": _fraction(fraction), "feedback": ""})
    return {
        "answers": answers,
        "case_sensitive": "case_sensitive" in settings,
        "accent_insensitive": "accent_insensitive" in settings,
    }


def _numerical_payload(row, settings):
    return {"answers": [_numerical_answer(part) for part in _answers(row)]}


def _numerical_answer(part):
    text, fraction = _split_weight(part)
    try:
        if text == "*":
            bounds = {"value": "*"}
        elif match := RANGE_RE.fullmatch(text):
            bounds = {
                "min": str(parse_number(match.group(1))),
                "max": str(parse_number(match.group(2))),
            }
        else:
            value, *tolerance = TOLERANCE_RE.split(text, maxsplit=1)
            bounds = {
                "value": str(parse_number(value)),
                "tolerance": str(abs(parse_number(tolerance[0]))) if tolerance else "0",
            }
    except ValueError as error:
        raise RowProblem(
            _("“%(value)s” is not a number, a number ± tolerance or a range such as 1..3.")
            % {"value": text}
        ) from error
    return {**bounds, "fraction": _fraction(fraction), "feedback": ""}


def _matching_payload(row, settings):
    items, options = [], {}
    for letter, cell in row.options():
        parts = ARROW_RE.split(cell)
        if len(parts) < 2 or not parts[-1]:
            raise RowProblem(
                _("Option %(letter)s of a matching question must be written “item -> answer”.")
                % {"letter": letter}
            )
        # An answer holds no arrow; an item may.
        item = " -> ".join(parts[:-1]).strip()
        answer = parts[-1]
        key = options.setdefault(answer, f"o{len(options) + 1}")
        if item:
            items.append(
                {
                    "key": f"i{len(items) + 1}",
                    "text": formats.to_html(item, formats.PLAIN),
                    "option": key,
                }
            )
    if len(items) < 2:
        raise RowProblem(_("Give at least two pairs written “item -> answer”."))
    return {
        "items": items,
        "options": [{"key": key, "text": text} for text, key in options.items()],
        "shuffle": "no_shuffle" not in settings,
    }


def _essay_payload(row, settings):
    return {"format": "html", "grader_info": formats.to_html(row.text(ANSWER), formats.PLAIN)}


def _description_payload(row, settings):
    return {}


PAYLOAD_READERS = {
    "single": _single_payload,
    "multiple": _multiple_payload,
    "truefalse": _truefalse_payload,
    "shortanswer": _shortanswer_payload,
    "numerical": _numerical_payload,
    "matching": _matching_payload,
    "essay": _essay_payload,
    "description": _description_payload,
}


# Writing ------------------------------------------------------------------

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_CELL_LENGTH = 32767
TEMPLATE_ROWS = 1000
WIDTHS = {TEXT: 50, TYPE: 16, ANSWER: 18, FEEDBACK: 30, CATEGORY: 24, TAGS: 18, NAME: 30}
OPTION_WIDTH = 22
DEFAULT_WIDTH = 12


def template() -> bytes:
    """An empty question sheet with example rows and the instructions sheet, as .xlsx bytes."""
    return _workbook_bytes(EXAMPLES, OPTION_COLUMNS)


def write(questions: Iterable[ExportedQuestion]) -> bytes:
    """The workbook of ``questions``, one row each, in the template's layout, as .xlsx bytes."""
    rows = [_export_row(question) for question in questions]
    option_count = max([OPTION_COLUMNS, *(len(row["options"]) for row in rows)])
    return _workbook_bytes(rows, option_count)


def _headers(option_count):
    options = [f"{OPTION_PREFIX} {letter}" for letter in LETTERS[:option_count]]
    return [*LEADING, *options, *TRAILING]


def _workbook_bytes(rows, option_count):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET
    headers = _headers(option_count)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=column, value=header)
        cell.font = bold
        cell.alignment = wrap
        letter = get_column_letter(column)
        width = OPTION_WIDTH if header.startswith(OPTION_PREFIX) else WIDTHS.get(header)
        sheet.column_dimensions[letter].width = width or DEFAULT_WIDTH
        if header != MARK:
            # Typed answers such as "1,5" or "A, C" stay text instead of becoming numbers.
            sheet.column_dimensions[letter].number_format = "@"
    for number, row in enumerate(rows, start=2):
        values = {**row, **dict(zip(headers[2 : 2 + option_count], row["options"], strict=False))}
        for column, header in enumerate(headers, start=1):
            _put(sheet, number, column, values.get(header))
    sheet.freeze_panes = "A2"
    last_row = max(len(rows) + 1, TEMPLATE_ROWS)
    _dropdown(sheet, headers.index(TYPE) + 1, TYPE_NAMES.values(), last_row)
    _dropdown(sheet, headers.index(DIFFICULTY) + 1, DIFFICULTY_NAMES.values(), last_row)
    _help_sheet(workbook.create_sheet(HELP_SHEET))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _put(sheet, row, column, value):
    if value is None or value == "":
        return
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_LENGTH]
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        # Never a formula, whatever the text starts with ("=", "+", …).
        cell.data_type = "s"
        if "\n" in value:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _dropdown(sheet, column, values, last_row):
    # A suggestion list only: codes such as "single" are accepted too.
    validation = DataValidation(
        type="list", formula1='"{}"'.format(",".join(values)), showErrorMessage=False
    )
    letter = get_column_letter(column)
    validation.add(f"{letter}2:{letter}{last_row}")
    sheet.add_data_validation(validation)


def _help_sheet(sheet):
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABC", (22, 80, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    for number, row in enumerate(HELP_ROWS, start=1):
        for column, value in enumerate(row, start=1):
            _put(sheet, number, column, value)
            cell = sheet.cell(row=number, column=column)
            cell.alignment = wrap
            if column == 1 or row[0] in HELP_HEADINGS:
                cell.font = bold


def _plain(html):
    """HTML as plain text for a cell: paragraphs and line breaks become new lines."""
    html = BLOCK_END_RE.sub(lambda match: match.group(0) + "\n", re.sub(r"\s+", " ", html or ""))
    lines = (line.strip() for line in formats.to_plain(html).split("\n"))
    return "\n".join(line for line in lines if line)


def _number(value):
    """A payload number as a Vietnamese writes it: decimal comma, no exponent."""
    return format(Decimal(str(value)).normalize(), "f").replace(".", ",")


def _percent(fraction):
    return _number(Decimal(fraction) * 100) + "%"


def _weighted(text, fraction):
    return text if Decimal(fraction) == ONE else f"{text}:{_percent(fraction)}"


def _export_row(question):
    qtype = "essay" if question.qtype == "case" else question.qtype
    options, answer, settings = ROW_WRITERS[qtype](question.payload)
    return {
        TEXT: _plain(question.text),
        TYPE: TYPE_NAMES[qtype],
        "options": options,
        ANSWER: answer,
        MARK: question.default_mark,
        FEEDBACK: _plain(question.general_feedback),
        CATEGORY: "/".join(name.replace("/", "//") for name in question.category),
        TAGS: ", ".join(question.tags),
        DIFFICULTY: DIFFICULTY_NAMES.get(question.difficulty, ""),
        SETTINGS: ", ".join(settings),
        NAME: question.name,
    }


def _shuffle_settings(payload):
    return [] if payload.get("shuffle", True) else [NO_SHUFFLE]


def _choice_row(payload, *, multiple):
    options = payload.get("options") or []
    fractions = [
        (letter, Decimal(option["fraction"]))
        for letter, option in zip(LETTERS, options, strict=False)
    ]
    named = [(letter, fraction) for letter, fraction in fractions if fraction != 0]
    positive = [fraction for _letter, fraction in named if fraction > 0]
    if multiple:
        # Bare letters share 100% equally on import; use them when that gives the same weights.
        equal = positive and all(
            fraction == Decimal(_fraction(ONE / len(positive))) for fraction in positive
        )
        bare = {letter for letter, fraction in named if fraction > 0 and equal}
    else:
        bare = {letter for letter, fraction in named if fraction == ONE}
    parts = [
        letter if letter in bare else f"{letter}:{_percent(fraction)}" for letter, fraction in named
    ]
    separator = ", " if len(bare) == len(named) else "; "
    texts = [_plain(option["text"]) for option in options]
    return texts, separator.join(parts), _shuffle_settings(payload)


def _single_row(payload):
    return _choice_row(payload, multiple=False)


def _multiple_row(payload):
    return _choice_row(payload, multiple=True)


def _truefalse_row(payload):
    return [], "Đúng" if payload.get("correct") else "Sai", []


def _shortanswer_row(payload):
    answer = " | ".join(
        _weighted(answer["text"], answer["fraction"]) for answer in payload.get("answers") or []
    )
    settings = []
    if payload.get("case_sensitive"):
        settings.append(CASE_SENSITIVE)
    if payload.get("accent_insensitive"):
        settings.append(ACCENT_INSENSITIVE)
    return [], answer, settings


def _numerical_text(answer):
    if answer.get("value") == "*":
        return "*"
    if "min" in answer:
        return f"{_number(answer['min'])}..{_number(answer['max'])}"
    tolerance = Decimal(str(answer.get("tolerance") or "0"))
    value = _number(answer["value"])
    return f"{value} ± {_number(tolerance)}" if tolerance else value


def _numerical_row(payload):
    answer = " | ".join(
        _weighted(_numerical_text(answer), answer["fraction"])
        for answer in payload.get("answers") or []
    )
    return [], answer, []


def _matching_row(payload):
    options = {option["key"]: option["text"] for option in payload.get("options") or []}
    cells = [
        f"{_plain(item['text'])} -> {options.get(item['option'], '')}"
        for item in payload.get("items") or []
    ]
    used = {item["option"] for item in payload.get("items") or []}
    cells += [f"-> {text}" for key, text in options.items() if key not in used]
    return cells, "", _shuffle_settings(payload)


def _essay_row(payload):
    return [], _plain(payload.get("grader_info", "")), []


def _description_row(payload):
    return [], "", []


ROW_WRITERS = {
    "single": _single_row,
    "multiple": _multiple_row,
    "truefalse": _truefalse_row,
    "shortanswer": _shortanswer_row,
    "numerical": _numerical_row,
    "matching": _matching_row,
    "essay": _essay_row,
    "description": _description_row,
}


def _example(text, qtype, options, answer, **columns):
    return {TEXT: text, TYPE: TYPE_NAMES[qtype], "options": options, ANSWER: answer, **columns}


EXAMPLES = [
    _example(
        "Cơ quan nào thực hiện quyền lập hiến, quyền lập pháp?",
        "single",
        ["Chính phủ", "Quốc hội", "Tòa án nhân dân tối cao", "Chủ tịch nước"],
        "B",
        **{
            MARK: 1,
            FEEDBACK: "Điều 69 Hiến pháp năm 2013: Quốc hội thực hiện quyền lập hiến, "
            "quyền lập pháp.",
            CATEGORY: "Hiến pháp/Bộ máy nhà nước",
            TAGS: "hiến pháp, quốc hội",
            DIFFICULTY: "Dễ",
        },
    ),
    _example(
        "Những văn bản nào là văn bản quy phạm pháp luật?",
        "multiple",
        ["Luật", "Nghị định", "Công văn", "Thông tư"],
        "A, B, D",
        **{MARK: 1, CATEGORY: "Văn bản quy phạm pháp luật", DIFFICULTY: "Trung bình"},
    ),
    _example(
        "Ghép mỗi loại văn bản với cơ quan, người có thẩm quyền ban hành.",
        "matching",
        ["Luật -> Quốc hội", "Nghị định -> Chính phủ", "Thông tư -> Bộ trưởng", "-> Chủ tịch nước"],
        "",
        **{MARK: 2, CATEGORY: "Văn bản quy phạm pháp luật", DIFFICULTY: "Khó"},
    ),
]

HELP_HEADINGS = ("Cột", "Loại câu hỏi")
HELP_ROWS = [
    ("Hướng dẫn điền mẫu nhập câu hỏi", "", ""),
    (
        "",
        "Mỗi dòng của trang «Câu hỏi» là một câu hỏi; dòng trống được bỏ qua. Giữ nguyên tên "
        "các cột ở dòng đầu (có thể đổi thứ tự cột, không phân biệt chữ hoa, chữ thường, có dấu "
        "hay không dấu). Bắt buộc có các cột Nội dung câu hỏi, Loại và Đáp án đúng; các cột "
        "khác có thể để trống hoặc xoá. Các dòng ví dụ cũng được nhập nếu để nguyên: hãy "
        "xoá hoặc ghi đè lên chúng.",
        "",
    ),
    (
        "",
        "Ô chỉ chứa chữ thuần: định dạng (in đậm, màu chữ…), hình ảnh và công thức không được "
        "giữ khi xuất ra hay nhập từ Excel; xuống dòng trong ô (Alt+Enter) được giữ. Excel "
        "không lưu phản hồi riêng cho từng phương án; cần những nội dung đó thì dùng tệp "
        "Moodle XML.",
        "",
    ),
    ("Cột", "Cách điền", "Ví dụ"),
    (TEXT, "Nội dung câu hỏi (bắt buộc).", "Thủ đô của Việt Nam là?"),
    (
        TYPE,
        "Chọn trong danh sách: " + ", ".join(TYPE_NAMES.values()) + ". Cũng nhận mã tiếng "
        "Anh: " + ", ".join(TYPE_NAMES) + ".",
        "Một lựa chọn",
    ),
    (
        "Phương án A … F",
        "Các phương án của câu Một lựa chọn và Nhiều lựa chọn (ít nhất 2). Câu Ghép đôi: mỗi "
        "ô một cặp «vế trái -> vế phải»; ô chỉ có «-> vế phải» là phương án gây nhiễu. Cần "
        "nhiều hơn 6 ô thì thêm cột «Phương án G», «Phương án H»…",
        "Luật -> Quốc hội",
    ),
    (ANSWER, "Cách ghi theo từng loại câu hỏi: xem bảng bên dưới.", "B"),
    (MARK, "Điểm mặc định của câu hỏi, số không âm; để trống là 1.", "0,5"),
    (FEEDBACK, "Phản hồi chung, người học xem sau khi làm bài.", ""),
    (
        CATEGORY,
        "Danh mục con trong danh mục được chọn khi nhập; các cấp cách nhau bởi «/». Danh mục "
        "chưa có sẽ được tạo. Tên có dấu «/» thì viết «//». Để trống: câu hỏi vào danh mục "
        "được chọn khi nhập.",
        "Luật/Luật Đất đai",
    ),
    (TAGS, "Các thẻ, cách nhau bởi dấu phẩy hoặc dấu chấm phẩy.", "đất đai, thi tuyển"),
    (DIFFICULTY, "Dễ, Trung bình hoặc Khó; để trống là Trung bình.", "Khó"),
    (
        SETTINGS,
        f"Ghi thêm nếu cần, cách nhau bởi dấu phẩy: «{NO_SHUFFLE}» (giữ nguyên thứ tự phương "
        f"án), «{CASE_SENSITIVE}» và «{ACCENT_INSENSITIVE}» (câu Trả lời ngắn).",
        NO_SHUFFLE,
    ),
    (
        NAME,
        "Tên ngắn để tìm câu hỏi trong ngân hàng; để trống thì lấy khoảng 80 ký tự đầu của "
        "nội dung.",
        "",
    ),
    ("", "", ""),
    ("Loại câu hỏi", "Cách ghi cột Đáp án đúng", "Ví dụ"),
    (
        TYPE_NAMES["single"],
        "Chữ cái của phương án đúng. Phương án được một phần điểm: thêm tỉ lệ sau dấu hai "
        "chấm, các phương án cách nhau bởi dấu chấm phẩy.",
        "B; C:50%",
    ),
    (
        TYPE_NAMES["multiple"],
        "Các chữ cái đúng, cách nhau bởi dấu phẩy hoặc dấu chấm phẩy; điểm chia đều cho các "
        "phương án đúng. Muốn tỉ lệ khác thì ghi sau dấu hai chấm; phương án sai bị trừ điểm "
        "khi ghi tỉ lệ âm. Tổng các tỉ lệ dương phải là 100%. Phương án không ghi: 0%.",
        "A, C   hoặc   A:60%; C:40%; D:-50%",
    ),
    (TYPE_NAMES["truefalse"], "Đúng hoặc Sai.", "Đúng"),
    (
        TYPE_NAMES["shortanswer"],
        "Các đáp án được chấp nhận, cách nhau bởi «|». Dấu * thay cho một đoạn chữ bất kỳ. "
        "Đáp án được một phần điểm: thêm tỉ lệ, ví dụ «:50%».",
        "Quốc hội | Quoc hoi:50%",
    ),
    (
        TYPE_NAMES["numerical"],
        "Một số (dấu phẩy hoặc dấu chấm thập phân), có thể kèm sai số cho phép «± 0,5», "
        "hoặc một khoảng «1..3». Nhiều đáp án cách nhau bởi «|», có thể kèm tỉ lệ điểm như "
        "trên; «*» nhận mọi số.",
        "3,14 ± 0,01 | 3:50%",
    ),
    (TYPE_NAMES["matching"], "Để trống; các cặp ghi ở cột Phương án.", ""),
    (
        TYPE_NAMES["essay"],
        "Không bắt buộc: hướng dẫn chấm cho giảng viên (người học không xem được).",
        "Nêu đủ 3 ý chính",
    ),
    (
        TYPE_NAMES["description"],
        "Để trống. Đoạn văn hiển thị giữa các câu hỏi, không tính điểm.",
        "",
    ),
]
