"""GIFT, Moodle's plain-text question format: import and export.

A file holds questions separated by blank lines::

    // A comment line; "[id:…]" and "[tag:…]" in comments set the ID number and tags.
    $CATEGORY: $course$/top/Hiến pháp/Chương I

    ::Thủ đô::[html]Thủ đô của Việt Nam là {
        =Hà Nội#Đúng rồi.
        ~%-50%Huế#Huế là cố đô.
        ~Đà Nẵng
    } thành phố nào?

The reader follows Moodle's ``qformat_gift::readquestion``: the type comes
from the answer block (nothing: essay; ``#``: numerical; a ``~``: single
choice, or multiple response when no answer starts with ``=``; ``=`` and
``->``: matching; ``T``/``F``: true/false; otherwise short answer; no block:
description); text after the block makes a missing-word question whose text
gets ``_____`` where the block was. Format tags (``[html]``, ``[moodle]``,
``[plain]``, ``[markdown]``) are turned into HTML; an answer or feedback
without a tag takes the question text's format, as in Moodle.

Where this reader differs from Moodle, it is to refuse what Moodle would
import wrongly or to accept what Moodle would refuse:

- unbalanced or repeated braces, a weight that is not a number (``%abc%``)
  and a numerical answer that is not a number are reported (Moodle turns a
  non-numeric answer into "any number" worth its weight; only an empty answer,
  as in ``~#feedback``, or ``*`` means any number here);
- ``true``/``false``/``t``/``f`` in any case make a true/false question (Moodle
  makes a short answer expecting the word), and a bare answer with two ``#``
  feedbacks that is not T/F is reported;
- weights may use a decimal comma (``%33,3%``) and numbers are read like
  learners' answers (``3,14``);
- a ``$CATEGORY:`` line may be followed by a question without a blank line;
- indentation of continuation lines is kept for ``[html]`` and ``[markdown]``
  texts (a ``<pre>`` block, a Markdown list) and dropped for the others.

The writer puts every text in ``[html]``, escapes GIFT's control
characters and writes ID numbers and tags in a comment line as Moodle does
(``// [id:HP-1] [tag:hiến pháp]``), so export then import gives the same
questions with the same grading. GIFT cannot express, so an export loses:
the default mark, difficulty, shuffling of options and matching items,
combined feedback (correct/partial/incorrect), short-answer case sensitivity
and accent folding, every essay setting (format, attachments, word limits,
grader information, template), a case analysis's case study (it is written
as an essay) and a description's general feedback. A "->" in a matching item
is written as "-&gt;", the same HTML. Question names are kept as written
(Moodle strips HTML tags from them).
"""

import re
from decimal import Decimal

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from quizzes.qtypes.text import ANY_NUMBER, parse_number

from . import formats
from .records import (
    ImportProblem,
    ParsedQuestion,
    ParseResult,
    category_path,
    category_text,
    shortened,
)

# Escaped control characters become private-use characters while the
# question is taken apart, and turn back into the characters afterwards.
ESCAPED = {":": "\ue000", "#": "\ue001", "=": "\ue002", "{": "\ue003", "}": "\ue004", "~": "\ue005"}
NEWLINE = "\ue006"
ESCAPE_RE = re.compile(r"\\([\\:#={}~n])")
RESTORE = str.maketrans({**{mark: char for char, mark in ESCAPED.items()}, NEWLINE: "\n"})
WRITE_ESCAPES = str.maketrans(
    {"\\": "\\\\", **{char: "\\" + char for char in ESCAPED}, "\n": "\\n", "\r": ""}
)

GIFT_FORMATS = {
    "html": formats.HTML,
    "moodle": formats.MOODLE,
    "plain": formats.PLAIN,
    "markdown": formats.MARKDOWN,
}
TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
WEIGHT_RE = re.compile(r"%([^%\s]+)%")
WEIGHT_NUMBER_RE = re.compile(r"-?(\d+([.,]\d*)?|[.,]\d+)")
ID_RE = re.compile(r"\[id:((?:\\\]|[^\]\x00-\x1f])+)\]")
TAG_RE = re.compile(r"\[tag:((?:\\\]|[^\]<>\x00-\x1f])+)\]")
BLANK = "_____"
LABEL_LENGTH = 60
MAX_NAME_LENGTH = 255


class GiftSyntaxError(Exception):
    """A question that cannot be read; the message is translated."""


# Reading


def parse(text):
    """Read the GIFT questions of ``text`` (decoded, "\\n" line endings) into a ParseResult."""
    result = ParseResult()
    category = ()
    for block in _blocks(text.split("\n")):
        lines = block["lines"]
        if lines and lines[0][1].strip().startswith("$CATEGORY:"):
            category = _read_category(lines.pop(0)[1], result)
        if not lines:
            continue
        source = _protect("\n".join(line for _number, line in lines).strip())
        try:
            question = _read_question(source)
        except GiftSyntaxError as error:
            result.errors.append(
                ImportProblem(line=lines[0][0], question=_label(source), message=str(error))
            )
            continue
        question.line = lines[0][0]
        question.category = category
        question.idnumber, question.tags = _comment_fields(block["comments"])
        result.questions.append(question)
    return result


def _blocks(lines):
    """Groups of consecutive non-blank lines: their content lines (number, text) and comments.

    Comment lines are left out of the content, so a question starts at its
    first line that is not a comment, where Moodle reports it.
    """
    block = {"lines": [], "comments": []}
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if not line.strip():
            if block["lines"] or block["comments"]:
                yield block
            block = {"lines": [], "comments": []}
        elif line.strip().startswith("//"):
            block["comments"].append(line.strip())
        else:
            block["lines"].append((number, line))
    if block["lines"] or block["comments"]:
        yield block


def _read_category(line, result):
    # Category paths carry no GIFT escapes; Moodle writes names as they are.
    path = category_path(line.strip()[len("$CATEGORY:") :])
    if path and path not in result.categories:
        result.categories.append(path)
    return path


def _protect(text):
    """Replace escaped control characters (and ``\\n``) by placeholders; ``\\\\`` is a backslash."""

    def replace(match):
        char = match.group(1)
        if char == "\\":
            return "\\"
        return NEWLINE if char == "n" else ESCAPED[char]

    return ESCAPE_RE.sub(replace, text)


def _restore(text):
    return text.translate(RESTORE)


def _label(source):
    """The question's name, or its first words, for problem reports."""
    if source.startswith("::") and "::" in source[2:]:
        name = _restore(source[2 : source.index("::", 2)])
        if name.strip():
            return shortened(name, LABEL_LENGTH)
    return shortened(_restore(source), LABEL_LENGTH)


def _comment_fields(comments):
    """The ID number and tags written in a question's comments, as Moodle 3.6+ exports them."""
    comment = "\n".join(comments)
    match = ID_RE.search(comment)
    idnumber = match.group(1).replace("\\]", "]").strip() if match else ""
    tags = [tag.replace("\\]", "]").strip() for tag in TAG_RE.findall(comment)]
    return idnumber, [tag for tag in tags if tag]


def _read_question(source):
    """One question from its text, escapes already protected."""
    name, text = _split_name(source)
    start, finish = text.find("{"), text.find("}")
    description = start < 0 and finish < 0
    if not description:
        if start < 0 or finish < start or text.count("{") != 1 or text.count("}") != 1:
            raise GiftSyntaxError(
                _(
                    "The braces do not match: a question has one answer block between { and }. "
                    "Write \\{ and \\} for braces in the text."
                )
            )
        answer = text[start + 1 : finish].strip()
        # A block inside the text is a missing word; one at the end is just the answers.
        blank = "" if text.endswith("}") else BLANK
        text = text[:start] + blank + text[finish + 1 :]
    general_feedback = ""
    if not description and (separator := answer.rfind("####")) >= 0:
        general_feedback = answer[separator + 4 :]
        answer = answer[:separator].strip()

    text_format, raw_text = _split_format(text, formats.MOODLE)
    question = ParsedQuestion(
        qtype="description",
        name="",
        text=_html(raw_text, text_format),
        payload={},
        general_feedback=_formatted(general_feedback, text_format),
    )
    question.name = name or shortened(formats.to_plain(question.text)) or _("Untitled question")
    if description:
        if not strip_tags(question.text).strip():
            raise GiftSyntaxError(_("The question has no text."))
        question.default_mark = Decimal("0")
    elif not answer:
        question.qtype, question.payload = "essay", {"format": "html"}
    else:
        question.qtype, question.payload = _read_answers(answer, text_format)
    return question


def _split_name(source):
    """The ``::name::`` of a question (None when it has none) and the rest of its text."""
    if not source.startswith("::"):
        return None, source
    text = source[2:]
    end = text.find("::")
    if end < 0:
        return None, text
    # Names are plain text here (Moodle strips tags from them).
    name = " ".join(_restore(text[:end]).split())[:MAX_NAME_LENGTH]
    return name or None, text[end + 2 :].strip()


def _read_answers(answer, text_format):
    """The type and payload of a question from its answer block."""
    if answer.startswith("#"):
        return "numerical", _numerical(answer[1:], text_format)
    if "~" in answer:
        return _choice(answer, text_format)
    if "=" in answer and "->" in answer:
        return "matching", _matching(answer, text_format)
    head = answer.split("#", 1)[0].strip()
    if head.upper() in TRUE_FALSE:
        return "truefalse", _true_false(answer, TRUE_FALSE[head.upper()], text_format)
    if "=" not in answer and answer.count("#") >= 2:
        # Two feedbacks only exist for true/false, so this was meant as one.
        raise GiftSyntaxError(
            _("A true/false answer must be T, TRUE, F or FALSE, not “%(answer)s”.")
            % {"answer": _restore(head)}
        )
    return "shortanswer", _short_answer(answer, text_format)


def _split_format(text, default):
    """(format, text) of a text that may start with a format tag like ``[html]``."""
    text = text.strip()
    text_format = default
    if text.startswith("[") and "]" in text:
        tag = text[1 : text.index("]")]
        if tag in GIFT_FORMATS:
            text_format = GIFT_FORMATS[tag]
            text = text[len(tag) + 2 :]
    return text_format, _restore(text).strip()


def _html(text, text_format):
    if text_format in (formats.MOODLE, formats.PLAIN):
        # Continuation lines are indented for the eye; Moodle trims them.
        text = re.sub(r"\n[ \t]+", "\n", text)
    return formats.to_html(text, text_format) if text else ""


def _formatted(text, default):
    """HTML of a text that may start with a format tag, ``default`` otherwise."""
    text_format, text = _split_format(text, default)
    return _html(text, text_format)


def _with_feedback(part, text_format):
    """(format, text, feedback HTML) of an answer written ``text#feedback``."""
    head, _separator, feedback = part.partition("#")
    answer_format, answer_text = _split_format(head, text_format)
    return answer_format, answer_text, _formatted(feedback, text_format)


def _weight(part, default):
    """(fraction, rest) of an answer that may start with a weight like ``%50%``."""
    match = WEIGHT_RE.match(part)
    if not match:
        return default, part
    number = match.group(1)
    if not WEIGHT_NUMBER_RE.fullmatch(number):
        raise GiftSyntaxError(
            _("The weight %(weight)s is not a number; write weights like %%50%% or %%-25%%.")
            % {"weight": _restore(match.group(0))}
        )
    return _fraction(Decimal(number.replace(",", ".")) / 100), part[match.end() :]


def _fraction(value):
    return format(value.normalize(), "f")


def _answer_parts(answer, separator):
    parts = answer.split(separator)
    if not parts[0].strip():
        parts.pop(0)
    return [part.strip() for part in parts]


def _choice(answer, text_format):
    qtype = "single" if "=" in answer else "multiple"
    parts = _answer_parts(answer.replace("=", "~="), "~")
    if len(parts) < 2:
        raise GiftSyntaxError(_("A multiple-choice question needs at least two answers."))
    options = []
    for index, part in enumerate(parts):
        if part.startswith("="):
            fraction, part = "1", part[1:]
        else:
            fraction, part = _weight(part, "0")
        answer_format, text, feedback = _with_feedback(part, text_format)
        options.append(
            {
                "key": _option_key(index),
                "text": _html(text, answer_format),
                "fraction": fraction,
                "feedback": feedback,
            }
        )
    return qtype, {"options": options}


def _option_key(index):
    return chr(ord("a") + index) if index < 26 else str(index + 1)


def _matching(answer, text_format):
    items, options = [], {}
    for part in _answer_parts(answer, "="):
        if "->" not in part:
            raise GiftSyntaxError(
                _("A matching answer must be written “item -> answer”, not “%(answer)s”.")
                % {"answer": _restore(part)}
            )
        left, right = part.split("->", 1)
        option = _restore(right).strip()
        key = options.setdefault(option, f"o{len(options) + 1}")
        item_format, item_text = _split_format(left, text_format)
        # "= -> Chat" has no item: Chat is a distractor.
        if item_text:
            items.append(
                {"key": f"i{len(items) + 1}", "text": _html(item_text, item_format), "option": key}
            )
    if len(items) < 2:
        raise GiftSyntaxError(_("A matching question needs at least two pairs “item -> answer”."))
    return {
        "items": items,
        "options": [{"key": key, "text": text} for text, key in options.items()],
    }


def _true_false(answer, correct, text_format):
    # Moodle's order: the first feedback is for a wrong answer, the second for a right one.
    parts = answer.split("#", 2)[1:] + ["", ""]
    wrong, right = (_formatted(part, text_format) for part in parts[:2])
    return {
        "correct": correct,
        "feedback_true": right if correct else wrong,
        "feedback_false": wrong if correct else right,
    }


def _short_answer(answer, text_format):
    answers = []
    for part in _answer_parts(answer, "="):
        fraction, part = _weight(part, "1")
        _answer_format, text, feedback = _with_feedback(part, text_format)
        answers.append({"text": text, "fraction": fraction, "feedback": feedback})
    return {"answers": answers}


def _numerical(answer, text_format):
    # Everything from a "~" on is the feedback for any other number.
    answer, tilde, other = answer.partition("~")
    parts = _answer_parts(answer, "=")
    if not parts:
        raise GiftSyntaxError(_("A numerical question needs at least one answer."))
    answers = []
    for part in parts:
        fraction, part = _weight(part, "1")
        _answer_format, text, feedback = _with_feedback(part, text_format)
        answers.append({**_numeric_bounds(text), "fraction": fraction, "feedback": feedback})
    if tilde:
        _answer_format, _text, feedback = _with_feedback(other, text_format)
        answers.append({"value": ANY_NUMBER, "fraction": "0", "feedback": feedback})
    return {"answers": answers}


def _numeric_bounds(text):
    """The payload bounds of ``1822``, ``1822:2``, ``3.141..3.142`` or ``*`` (any number)."""
    if text in ("", ANY_NUMBER):
        return {"value": ANY_NUMBER}
    if text.find("..") > 0:
        low, high = text.split("..", 1)
        return {"min": _number(low), "max": _number(high)}
    if text.find(":") > 0:
        value, tolerance = text.split(":", 1)
        if value.strip() == ANY_NUMBER:
            return {"value": ANY_NUMBER}
        return {"value": _number(value), "tolerance": _number(tolerance)}
    return {"value": _number(text), "tolerance": "0"}


def _number(text):
    try:
        return str(parse_number(text))
    except ValueError as error:
        raise GiftSyntaxError(
            _(
                "“%(answer)s” is not a number. Write numerical answers like 1822, "
                "3.1415:0.0005 (with a margin) or 3.141..3.142 (a range)."
            )
            % {"answer": text.strip()}
        ) from error


# Writing


def write(questions):
    """The questions (ExportedQuestion records) as a GIFT file."""
    chunks = []
    category = ()
    for question in questions:
        if tuple(question.category) != category:
            category = tuple(question.category)
            names = [" ".join(name.split()) for name in category]
            chunks.append(f"$CATEGORY: {category_text(names)}\n")
        chunks.append(_write_question(question))
    return "\n".join(chunks)


def _write_question(question):
    lines = []
    if comment := _write_comment(question):
        lines.append(comment)
    head = f"::{_escape(question.name)}::[html]{_escape(question.text)}"
    payload = question.payload
    writer = QUESTION_WRITERS.get(question.qtype, _write_essay)
    lines.append(writer(head, payload, question.general_feedback))
    return "\n".join(lines) + "\n"


def _write_comment(question):
    fields = []
    if question.idnumber:
        fields.append(f"[id:{_comment_value(question.idnumber)}]")
    fields.extend(f"[tag:{_comment_value(tag)}]" for tag in question.tags)
    return "// " + " ".join(fields) if fields else ""


def _comment_value(value):
    return " ".join(str(value).split()).replace("]", "\\]")


def _escape(text):
    return (text or "").translate(WRITE_ESCAPES)


def _text(html):
    """An HTML answer or feedback; the question's ``[html]`` tag applies to it."""
    text = (html or "").strip()
    # A text that itself starts with "[" would be read as a format tag.
    return ("[html]" if text.startswith("[") else "") + _escape(text)


def _weight_text(fraction):
    return _fraction(Decimal(str(fraction)) * 100)


def _general_feedback(html, indent="\t"):
    if not (html or "").strip():
        return ""
    return f"{indent}####{_text(html)}" + ("\n" if indent else "")


def _feedback(html):
    return f"#{_text(html)}" if (html or "").strip() else ""


def _write_description(head, payload, general_feedback):
    return head


def _write_essay(head, payload, general_feedback):
    return head + "{" + _general_feedback(general_feedback, indent="") + "}"


def _write_true_false(head, payload, general_feedback):
    correct = bool(payload.get("correct"))
    right = payload.get("feedback_true" if correct else "feedback_false") or ""
    wrong = payload.get("feedback_false" if correct else "feedback_true") or ""
    answer = "TRUE" if correct else "FALSE"
    if wrong.strip():
        answer += "#" + _text(wrong)
    elif right.strip():
        answer += "#"
    answer += _feedback(right)
    return head + "{" + answer + _general_feedback(general_feedback, indent="") + "}"


def _write_choice(head, payload, general_feedback, *, single):
    lines = [head + "{"]
    for option in payload.get("options") or []:
        fraction = Decimal(str(option.get("fraction") or 0))
        text = _text(option.get("text"))
        if single and fraction == 1:
            mark = "="
        elif fraction == 0 and not text.startswith("%"):
            mark = "~"
        else:
            mark = f"~%{_weight_text(fraction)}%"
        lines.append(f"\t{mark}{text}{_feedback(option.get('feedback'))}")
    return "\n".join(lines) + "\n" + _general_feedback(general_feedback) + "}"


def _write_single(head, payload, general_feedback):
    return _write_choice(head, payload, general_feedback, single=True)


def _write_multiple(head, payload, general_feedback):
    return _write_choice(head, payload, general_feedback, single=False)


def _write_short_answer(head, payload, general_feedback):
    lines = [head + "{"]
    for answer in payload.get("answers") or []:
        weight = _weight_text(answer.get("fraction", 1))
        lines.append(f"\t=%{weight}%{_text(answer.get('text'))}{_feedback(answer.get('feedback'))}")
    return "\n".join(lines) + "\n" + _general_feedback(general_feedback) + "}"


def _write_numerical(head, payload, general_feedback):
    lines = [head + "{#"]
    other = None
    for answer in payload.get("answers") or []:
        weight = _weight_text(answer.get("fraction", 1))
        feedback = _feedback(answer.get("feedback"))
        if answer.get("value") == ANY_NUMBER:
            if other is None and Decimal(str(answer.get("fraction") or 0)) == 0:
                # Moodle's way: "~" ends the answers and gives any other number's feedback.
                other = f"\t~{feedback or '#'}"
                continue
            bounds = ANY_NUMBER
        elif answer.get("min") not in (None, ""):
            bounds = f"{answer['min']}..{answer['max']}"
        else:
            bounds = f"{answer.get('value')}:{answer.get('tolerance') or 0}"
        lines.append(f"\t=%{weight}%{bounds}{feedback}")
    if other:
        lines.append(other)
    return "\n".join(lines) + "\n" + _general_feedback(general_feedback) + "}"


def _write_matching(head, payload, general_feedback):
    options = {option["key"]: option.get("text") or "" for option in payload.get("options") or []}
    lines = [head + "{"]
    used = set()
    for item in payload.get("items") or []:
        used.add(item.get("option"))
        # GIFT has no escape for "->"; in HTML "-&gt;" reads the same.
        text = _text(item.get("text")).replace("->", "-&gt;")
        lines.append(f"\t={text} -> {_escape(options.get(item.get('option'), ''))}")
    for key, text in options.items():
        if key not in used:
            lines.append(f"\t= -> {_escape(text)}")
    return "\n".join(lines) + "\n" + _general_feedback(general_feedback) + "}"


QUESTION_WRITERS = {
    "single": _write_single,
    "multiple": _write_multiple,
    "truefalse": _write_true_false,
    "shortanswer": _write_short_answer,
    "numerical": _write_numerical,
    "matching": _write_matching,
    "essay": _write_essay,
    "case": _write_essay,
    "description": _write_description,
}
