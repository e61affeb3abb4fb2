"""Moodle XML: the question file Moodle exports, read and written.

A ``<quiz>`` holds ``<question>`` elements in file order. An element of type
``category`` sets the category of the questions after it; the others are
questions whose texts carry a ``format`` attribute (converted to HTML here)
and may embed files as base64 ``<file>`` elements, referenced from the texts
as ``@@PLUGINFILE@@/name``. The file is parsed with defusedxml, so entity
declarations (XML bombs, external entities) are refused instead of expanded.

Questions are written as Moodle 4 writes them so that Moodle imports them
unchanged. Two settings Moodle lacks travel in elements Moodle ignores:
``<accentinsensitive>`` (short answer) and ``<difficulty>``.
"""

import base64
import binascii
import re
from decimal import Decimal, InvalidOperation
from html import escape
from xml.etree.ElementTree import ParseError, TreeBuilder, tostring
from xml.parsers import expat
from xml.sax.saxutils import escape as xml_escape

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from django.utils.translation import gettext as _

from lms.text import nfc

from . import formats
from .records import (
    EmbeddedFile,
    ImportProblem,
    ParsedQuestion,
    ParseResult,
    UnsupportedQuestion,
    category_path,
    category_text,
    shortened,
)

NAME_LENGTH = 255
# PHP's trim(), which Moodle applies to every text it reads.
PHP_WHITESPACE = " \t\n\r\0\x0b"
# Moodle's format names; an unknown one is HTML, as in Moodle.
TEXT_FORMATS = {**formats.FORMAT_NAMES, "wiki_like": formats.MOODLE}
PLAIN_RESPONSE_FORMATS = {"plain", "monospaced", "noinline"}
MAX_ATTACHMENTS = 5
PLACEHOLDER = "@@PLUGINFILE@@/"
# Characters XML 1.0 cannot carry, not even in CDATA.
XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
HUNDRED = Decimal("100")
# Moodle writes whole numbers, sometimes as "10.0000000"; long ones are hostile.
WHOLE_RE = re.compile(r"[+-]?\d{1,12}(\.0*)?")


class _Refused(Exception):
    """A question that cannot be read; the message says why (translated)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class _Unreadable(Exception):
    """The file as a whole cannot be read: not XML, or XML that declares entities."""

    def __init__(self, line, message):
        super().__init__(message)
        self.line = line
        self.message = message


# Reading --------------------------------------------------------------------


class _LineTarget:
    """Builds the element tree and remembers the line of each ``<question>`` start tag."""

    def __init__(self):
        self.builder = TreeBuilder()
        self.lines = {}
        self.root_line = None
        self.current_line = lambda: None

    def start(self, tag, attrs):
        element = self.builder.start(tag, attrs)
        if self.root_line is None:
            self.root_line = self.current_line()
        if tag == "question":
            self.lines[element] = self.current_line()
        return element

    def end(self, tag):
        return self.builder.end(tag)

    def data(self, data):
        self.builder.data(data)

    def close(self):
        return self.builder.close()


def _tree(data):
    """The root element and the target that saw it; _Unreadable when the file is not XML."""
    target = _LineTarget()
    parser = DefusedXMLParser(target=target)
    target.current_line = lambda: parser.parser.CurrentLineNumber
    try:
        parser.feed(data)
        root = parser.close()
    except ParseError as error:
        detail = expat.ErrorString(error.code) if error.code else str(error)
        raise _Unreadable(
            error.position[0] if error.position else None,
            _("The file is not well-formed XML: %(error)s.") % {"error": detail},
        ) from error
    except DefusedXmlException as error:
        raise _Unreadable(
            parser.parser.CurrentLineNumber,
            _("The file declares XML entities, which are refused because they can be abused."),
        ) from error
    return root, target


def parse(data):
    """Read the questions of a Moodle XML file (``data``: its bytes) into a ParseResult."""
    result = ParseResult()
    try:
        root, target = _tree(data)
    except _Unreadable as unreadable:
        result.errors.append(
            ImportProblem(line=unreadable.line, question="", message=unreadable.message)
        )
        return result
    if root.tag != "quiz":
        result.errors.append(
            ImportProblem(
                line=target.root_line,
                question="",
                message=_(
                    "This is not a Moodle XML question file: it starts with <%(tag)s> "
                    "instead of <quiz>."
                )
                % {"tag": root.tag},
            )
        )
        return result
    category = ()
    for element in root.findall("question"):
        category = _read_entry(element, target.lines.get(element), category, result)
    return result


def _read_entry(element, line, category, result):
    """Add one ``<question>`` to ``result``; returns the category of the questions after it."""
    source_type = (element.get("type") or "").strip()
    if source_type == "category":
        path = _category(element)
        if path and path not in result.categories:
            result.categories.append(path)
        return path
    reader = READERS.get(source_type)
    if reader is None:
        result.unsupported.append(
            UnsupportedQuestion(
                line=line,
                question=_question_label(element) or source_type,
                source_type=source_type or "?",
            )
        )
        return category
    try:
        result.questions.append(_question(element, reader, line=line, category=category))
    except _Refused as refused:
        result.errors.append(
            ImportProblem(line=line, question=_question_label(element), message=refused.message)
        )
    return category


def _category(element):
    node = element.find("category")
    if node is None:
        return ()
    text = node.findtext("text")
    # Very old files put the path directly in <category>.
    return category_path(nfc(text if text is not None else node.text or ""))


def _question(element, reader, *, line, category):
    reading = _Reading(element)
    qtype, payload = reader(reading)
    text = reading.text
    name = _plain_name(_raw(element.find("name"))) or shortened(formats.to_plain(text))
    question = ParsedQuestion(
        qtype=qtype,
        name=name,
        text=text,
        payload=payload,
        line=line,
        general_feedback=reading.html(element.find("generalfeedback")),
        default_mark=Decimal("0") if qtype == "description" else _mark(element),
        category=category,
        tags=_tags(element),
        idnumber=_raw_value(element, "idnumber"),
        files=reading.files(),
    )
    difficulty = _raw_value(element, "difficulty").lower()
    if difficulty:
        question.difficulty = difficulty
    if reading.renamed:
        _rename_references(question, reading.renamed)
    return question


class _Reading:
    """One question being read: its text format (the default of its other texts) and files."""

    def __init__(self, element):
        self.element = element
        questiontext = element.find("questiontext")
        self.format = (
            questiontext.get("format", "html").strip() if questiontext is not None else "html"
        )
        # Files from Moodle 1.x keep the picture beside the text, in <image_base64>.
        image = _raw_value(element, "image").replace("/", "_")
        self.image = (image, element.findtext("image_base64")) if image else None
        self.text = self.html(questiontext, "html")
        if self.image and self.image[1]:
            self.text += f' <img src="{PLACEHOLDER}{escape(image)}" />'
        self.renamed = {}

    def html(self, node, default=None):
        """The text of ``node`` (an element holding ``<text>``) as HTML."""
        if node is None:
            return ""
        text_format = node.get("format", default or self.format).strip()
        return formats.to_html(_raw(node), TEXT_FORMATS.get(text_format, formats.HTML))

    def child_html(self, parent, tag):
        return self.html(parent.find(tag))

    def flag(self, tag, default):
        return _flag(self.element.findtext(tag), default)

    def whole(self, tag, default=0):
        """An integer setting of the question; empty means ``default``."""
        value = _raw_value(self.element, tag)
        if not value:
            return default
        if not WHOLE_RE.fullmatch(value):
            raise _Refused(
                _("<%(tag)s> is not a whole number: “%(value)s”.") % {"tag": tag, "value": value}
            )
        return int(Decimal(value))

    def files(self):
        """The embedded files of every text of the question, each name once."""
        found = {}
        for node in self.element.iter("file"):
            name = nfc(node.get("name") or "").strip()
            folder = (node.get("path") or "/").strip().strip("/")
            if not name:
                continue
            if folder:
                # The import service stores flat names: fold the folder into the name.
                flat = f"{folder.replace('/', '_')}_{name}"
                self.renamed[f"{folder}/{name}"] = flat
                name = flat
            if name not in found:
                found[name] = EmbeddedFile(name=name, content=_base64(node.text or "", name))
        if self.image and self.image[1]:
            name, data = self.image
            found.setdefault(name, EmbeddedFile(name=name, content=_base64(data, name)))
        return list(found.values())


def _raw(node):
    """The ``<text>`` of ``node`` as Moodle reads it: trimmed, NFC; "" when absent."""
    if node is None:
        return ""
    text_node = node.find("text")
    if text_node is None:
        return ""
    text = text_node.text or ""
    if len(text_node):
        # HTML written without CDATA arrives as elements: keep it as markup.
        try:
            text += "".join(tostring(child, encoding="unicode") for child in text_node)
        except RecursionError as error:
            raise _Refused(_("A text of the question is nested too deeply.")) from error
    return nfc(text.strip(PHP_WHITESPACE))


def _raw_value(element, tag):
    return nfc((element.findtext(tag) or "").strip(PHP_WHITESPACE))


def _flag(value, default):
    """Moodle's reading of a yes/no setting: "false", "0" and "" are no; missing is ``default``."""
    if value is None:
        return default
    return value.strip() not in ("false", "0", "")


def _plain_name(text):
    """A question name as Moodle shows it: tags removed, entities decoded, one line."""
    return " ".join(formats.to_plain(text).split())[:NAME_LENGTH]


def _question_label(element):
    """The name of a question for messages, even when it cannot be read."""
    try:
        name = _plain_name(_raw(element.find("name")))
        return name or shortened(formats.to_plain(_raw(element.find("questiontext"))))
    except _Refused:
        return ""


def _mark(element):
    value = _raw_value(element, "defaultgrade")
    if not value:
        return Decimal("1")
    number = _decimal(value)
    if number is None:
        raise _Refused(_("The default mark is not a number: “%(value)s”.") % {"value": value})
    return number


def _decimal(value):
    """``value`` as a finite Decimal without trailing zeros, or None."""
    try:
        number = Decimal(value.strip())
    except (InvalidOperation, ValueError):
        return None
    if number == 0:
        return Decimal("0")
    # Grades and marks are small; 1E+999999999 is a mistake or an attack.
    if not number.is_finite() or not -30 <= number.adjusted() <= 30:
        return None
    return Decimal(_decimal_text(number))


def _decimal_text(number):
    """``number`` without exponent or trailing zeros ("0.5", "100"), unless it is huge or tiny."""
    if number == 0:
        return "0"
    # Writing 1E+999999999 out in full would take a gigabyte.
    if not -30 <= number.adjusted() <= 30:
        return str(number)
    return format(number.normalize(), "f")


def _tags(element):
    tags = []
    for tag in [*element.findall("tags/tag"), *element.findall("coursetags/tag")]:
        text = _raw(tag)
        if text and text not in tags:
            tags.append(text)
    return tags


def _base64(text, name):
    try:
        return base64.b64decode("".join(text.split()))
    except (binascii.Error, ValueError) as error:
        raise _Refused(
            _("The embedded file “%(name)s” is not valid base64.") % {"name": name}
        ) from error


def _rename_references(question, renamed):
    def rewrite(value):
        if isinstance(value, str):
            for old, new in renamed.items():
                value = value.replace(PLACEHOLDER + old, PLACEHOLDER + new)
            return value
        if isinstance(value, dict):
            return {key: rewrite(item) for key, item in value.items()}
        if isinstance(value, list):
            return [rewrite(item) for item in value]
        return value

    question.text = rewrite(question.text)
    question.general_feedback = rewrite(question.general_feedback)
    question.payload = rewrite(question.payload)


def _fraction(answer, number):
    """An answer's grade as a decimal string: the file's percentage divided by 100."""
    # Files from Moodle 1.x give the fraction itself in a <fraction> element.
    old = (answer.findtext("fraction") or "").strip()
    value = old or (answer.get("fraction") or "0").strip()
    fraction = _decimal(value)
    if fraction is None:
        raise _Refused(
            _("Answer %(number)s has a grade that is not a number: “%(value)s”.")
            % {"number": number, "value": value}
        )
    return _decimal_text(fraction if old else fraction / HUNDRED)


def _combined_feedback(reading):
    element = reading.element
    return {
        "correct": reading.child_html(element, "correctfeedback"),
        "partial": reading.child_html(element, "partiallycorrectfeedback"),
        "incorrect": reading.child_html(element, "incorrectfeedback"),
    }


def _read_multichoice(reading):
    element = reading.element
    options = [
        {
            "key": str(number),
            "text": reading.html(answer),
            "fraction": _fraction(answer, number),
            "feedback": reading.child_html(answer, "feedback"),
        }
        for number, answer in enumerate(element.findall("answer"), start=1)
    ]
    qtype = "single" if reading.flag("single", True) else "multiple"
    return qtype, {
        "options": options,
        "shuffle": reading.flag("shuffleanswers", False),
        "feedback": _combined_feedback(reading),
    }


def _read_truefalse(reading):
    payload = {"feedback_true": "", "feedback_false": ""}
    for position, answer in enumerate(reading.element.findall("answer")):
        text = _raw(answer)
        if text not in ("true", "false"):
            # Old files have translated texts: the first answer is "true".
            text = "true" if position == 0 else "false"
        gives_full_mark = _decimal(answer.get("fraction") or "0") == HUNDRED
        payload["correct"] = gives_full_mark if text == "true" else not gives_full_mark
        payload[f"feedback_{text}"] = reading.child_html(answer, "feedback")
    return "truefalse", payload


def _read_shortanswer(reading):
    answers = [
        {
            "text": _raw(answer),
            "fraction": _fraction(answer, number),
            "feedback": reading.child_html(answer, "feedback"),
        }
        for number, answer in enumerate(reading.element.findall("answer"), start=1)
    ]
    return "shortanswer", {
        "answers": answers,
        "case_sensitive": reading.flag("usecase", False),
        "accent_insensitive": reading.flag("accentinsensitive", False),
    }


def _read_numerical(reading):
    answers = []
    for number, answer in enumerate(reading.element.findall("answer"), start=1):
        value = _raw(answer) or "*"
        bounds = (
            {"value": "*"}
            if value == "*"
            else {"value": value, "tolerance": _raw_value(answer, "tolerance") or "0"}
        )
        answers.append(
            {
                **bounds,
                "fraction": _fraction(answer, number),
                "feedback": reading.child_html(answer, "feedback"),
            }
        )
    return "numerical", {"answers": answers}


def _read_matching(reading):
    items, option_keys = [], {}
    for subquestion in reading.element.findall("subquestion"):
        answer = _raw(subquestion.find("answer"))
        if answer and answer not in option_keys:
            option_keys[answer] = f"o{len(option_keys) + 1}"
        # A subquestion without text only adds its answer: a distractor.
        if _raw(subquestion):
            items.append(
                {
                    "key": f"i{len(items) + 1}",
                    "text": reading.html(subquestion),
                    "option": option_keys.get(answer, ""),
                }
            )
    return "matching", {
        "items": items,
        "options": [{"key": key, "text": text} for text, key in option_keys.items()],
        "shuffle": reading.flag("shuffleanswers", True),
        "feedback": _combined_feedback(reading),
    }


def _read_essay(reading):
    element = reading.element
    response_format = _raw_value(element, "responseformat") or "editor"
    attachments = reading.whole("attachments")
    # Moodle's -1 is "unlimited"; five is the most this platform allows.
    if attachments < 0 or attachments > MAX_ATTACHMENTS:
        attachments = MAX_ATTACHMENTS
    return "essay", {
        "format": "plain" if response_format in PLAIN_RESPONSE_FORMATS else "html",
        "attachments": attachments,
        "attachments_required": reading.whole("attachmentsrequired") > 0,
        "max_bytes": max(reading.whole("maxbytes"), 0),
        "file_types": _file_types(_raw_value(element, "filetypeslist")),
        "min_words": max(reading.whole("minwordlimit"), 0),
        "max_words": max(reading.whole("maxwordlimit"), 0),
        "grader_info": reading.child_html(element, "graderinfo"),
        "template": reading.child_html(element, "responsetemplate"),
    }


def _file_types(text):
    """Extensions of Moodle's file type list (".pdf,.docx"); its group names are dropped."""
    extensions = []
    for token in re.split(r"[\s,;]+", text.lower()):
        if token.startswith(".") and len(token) > 1 and token not in extensions:
            extensions.append(token)
    return extensions


def _read_description(reading):
    return "description", {}


READERS = {
    "multichoice": _read_multichoice,
    "truefalse": _read_truefalse,
    "shortanswer": _read_shortanswer,
    "numerical": _read_numerical,
    "matching": _read_matching,
    "match": _read_matching,
    "essay": _read_essay,
    "description": _read_description,
}


# Writing --------------------------------------------------------------------

PENALTIES = {"truefalse": "1.0000000", "essay": "0.0000000", "description": "0.0000000"}
DEFAULT_PENALTY = "0.3333333"


def write(questions):
    """Moodle XML (UTF-8 bytes) for ``questions`` (ExportedQuestion records), in order."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n']
    category = None
    for number, question in enumerate(questions, start=1):
        if question.category != category:
            category = question.category
            parts.append(_category_xml(category))
        parts.append(_question_xml(question, number))
    parts.append("</quiz>\n")
    return "".join(parts).encode("utf-8")


def _category_xml(path):
    return (
        "<!-- question: 0  -->\n"
        '  <question type="category">\n'
        "    <category>\n"
        f"      {_text(category_text(path))}"
        "    </category>\n"
        '    <info format="moodle_auto_format">\n'
        "      <text></text>\n"
        "    </info>\n"
        "    <idnumber></idnumber>\n"
        "  </question>\n\n"
    )


def _question_xml(question, number):
    qtype = question.qtype
    payload = question.payload or {}
    if qtype == "case":
        qtype = "essay"
    body = TYPE_WRITERS[qtype](payload)
    source_type = {"single": "multichoice", "multiple": "multichoice"}.get(qtype, qtype)
    mark = Decimal(str(question.default_mark))
    lines = [
        f"<!-- question: {number}  -->\n",
        f'  <question type="{source_type}">\n',
        "    <name>\n",
        _text(_name_for_file(question.name), 3),
        "    </name>\n",
        _html_xml("questiontext", question.text, 2),
        _html_xml("generalfeedback", question.general_feedback, 2),
        f"    <defaultgrade>{mark:.7f}</defaultgrade>\n",
        f"    <penalty>{PENALTIES.get(qtype, DEFAULT_PENALTY)}</penalty>\n",
        "    <hidden>0</hidden>\n",
        f"    <idnumber>{_value(question.idnumber)}</idnumber>\n",
    ]
    if question.difficulty and question.difficulty != "medium":
        lines.append(f"    <difficulty>{_value(question.difficulty)}</difficulty>\n")
    lines.append(body)
    if question.tags:
        lines.append("    <tags>\n")
        lines.extend(f"      <tag>{_text(tag)}      </tag>\n" for tag in question.tags)
        lines.append("    </tags>\n")
    lines.append("  </question>\n\n")
    return "".join(lines)


def _name_for_file(name):
    # Moodle reads names as HTML-free text; escape only names that would change.
    return name if _plain_name(name) == name else escape(name, quote=False)


def _clean(text):
    return XML_INVALID_RE.sub("", str(text or ""))


def _value(text):
    return xml_escape(_clean(text))


def _cdata(text):
    """``text`` for a ``<text>`` element, in CDATA when it has markup (as Moodle writes it)."""
    text = _clean(text)
    if not any(char in text for char in "&<>\"'"):
        return text
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _text(text, indent=0):
    return f"{'  ' * indent}<text>{_cdata(text)}</text>\n"


def _html_xml(tag, html, indent, text_format="html"):
    pad = "  " * indent
    return f'{pad}<{tag} format="{text_format}">\n{_text(html, indent + 1)}{pad}</{tag}>\n'


def _percent(fraction):
    """A fraction as the percentage Moodle writes: 100, 33.33333, -50."""
    return _decimal_text(Decimal(str(fraction)) * HUNDRED)


def _answer_xml(fraction, text, feedback, *, text_format, extra=""):
    return (
        f'    <answer fraction="{_percent(fraction)}" format="{text_format}">\n'
        f"{_text(text, 3)}"
        f"{_html_xml('feedback', feedback, 3)}"
        f"{extra}"
        "    </answer>\n"
    )


def _combined_feedback_xml(payload):
    feedback = payload.get("feedback") or {}
    return (
        _html_xml("correctfeedback", feedback.get("correct", ""), 2)
        + _html_xml("partiallycorrectfeedback", feedback.get("partial", ""), 2)
        + _html_xml("incorrectfeedback", feedback.get("incorrect", ""), 2)
    )


def _bool(value):
    return "true" if value else "false"


def _write_choice(single):
    def writer(payload):
        parts = [
            f"    <single>{_bool(single)}</single>\n",
            f"    <shuffleanswers>{_bool(payload.get('shuffle', True))}</shuffleanswers>\n",
            "    <answernumbering>abc</answernumbering>\n",
            "    <showstandardinstruction>0</showstandardinstruction>\n",
            _combined_feedback_xml(payload),
        ]
        if not single:
            parts.append("    <shownumcorrect/>\n")
        parts.extend(
            _answer_xml(
                option.get("fraction", "0"),
                option.get("text", ""),
                option.get("feedback", ""),
                text_format="html",
            )
            for option in payload.get("options") or []
        )
        return "".join(parts)

    return writer


def _write_truefalse(payload):
    correct = bool(payload.get("correct"))
    return _answer_xml(
        "1" if correct else "0",
        "true",
        payload.get("feedback_true", ""),
        text_format="moodle_auto_format",
    ) + _answer_xml(
        "0" if correct else "1",
        "false",
        payload.get("feedback_false", ""),
        text_format="moodle_auto_format",
    )


def _write_shortanswer(payload):
    parts = [f"    <usecase>{int(bool(payload.get('case_sensitive')))}</usecase>\n"]
    if payload.get("accent_insensitive"):
        parts.append("    <accentinsensitive>1</accentinsensitive>\n")
    parts.extend(
        _answer_xml(
            answer.get("fraction", "1"),
            answer.get("text", ""),
            answer.get("feedback", ""),
            text_format="moodle_auto_format",
        )
        for answer in payload.get("answers") or []
    )
    return "".join(parts)


def _numerical_bounds(answer):
    """(value, tolerance) for Moodle: a range becomes its mid-point and half-width."""
    if str(answer.get("value", "")).strip() == "*":
        return "*", "0"
    if answer.get("min") not in (None, "") or answer.get("max") not in (None, ""):
        low, high = Decimal(str(answer["min"])), Decimal(str(answer["max"]))
        return _decimal_text((low + high) / 2), _decimal_text(abs(high - low) / 2)
    return str(answer.get("value", "")), str(answer.get("tolerance") or "0")


def _write_numerical(payload):
    parts = []
    for answer in payload.get("answers") or []:
        value, tolerance = _numerical_bounds(answer)
        parts.append(
            _answer_xml(
                answer.get("fraction", "1"),
                value,
                answer.get("feedback", ""),
                text_format="moodle_auto_format",
                extra=f"      <tolerance>{_value(tolerance)}</tolerance>\n",
            )
        )
    parts.append(
        "    <unitgradingtype>0</unitgradingtype>\n"
        "    <unitpenalty>0.1000000</unitpenalty>\n"
        "    <showunits>3</showunits>\n"
        "    <unitsleft>0</unitsleft>\n"
    )
    return "".join(parts)


def _subquestion_xml(text, answer):
    return (
        '    <subquestion format="html">\n'
        f"{_text(text, 3)}"
        "      <answer>\n"
        f"{_text(answer, 4)}"
        "      </answer>\n"
        "    </subquestion>\n"
    )


def _write_matching(payload):
    options = {option.get("key"): option.get("text", "") for option in payload.get("options") or []}
    items = payload.get("items") or []
    used = {item.get("option") for item in items}
    return "".join(
        [
            f"    <shuffleanswers>{_bool(payload.get('shuffle', True))}</shuffleanswers>\n",
            _combined_feedback_xml(payload),
            "    <shownumcorrect/>\n",
            *(
                _subquestion_xml(item.get("text", ""), options.get(item.get("option"), ""))
                for item in items
            ),
            *(_subquestion_xml("", text) for key, text in options.items() if key not in used),
        ]
    )


def _write_essay(payload):
    attachments = int(payload.get("attachments") or 0)
    required = bool(payload.get("attachments_required")) and attachments > 0
    min_words = int(payload.get("min_words") or 0)
    max_words = int(payload.get("max_words") or 0)
    return "".join(
        [
            "    <responseformat>"
            f"{'plain' if payload.get('format') == 'plain' else 'editor'}</responseformat>\n",
            f"    <responserequired>{0 if required else 1}</responserequired>\n",
            "    <responsefieldlines>10</responsefieldlines>\n",
            f"    <minwordlimit>{min_words or ''}</minwordlimit>\n",
            f"    <maxwordlimit>{max_words or ''}</maxwordlimit>\n",
            f"    <attachments>{attachments}</attachments>\n",
            f"    <attachmentsrequired>{int(required)}</attachmentsrequired>\n",
            f"    <maxbytes>{int(payload.get('max_bytes') or 0)}</maxbytes>\n",
            "    <filetypeslist>"
            f"{_value(','.join(payload.get('file_types') or []))}</filetypeslist>\n",
            _html_xml("graderinfo", payload.get("grader_info", ""), 2),
            _html_xml("responsetemplate", payload.get("template", ""), 2),
        ]
    )


def _write_description(payload):
    return ""


TYPE_WRITERS = {
    "single": _write_choice(True),
    "multiple": _write_choice(False),
    "truefalse": _write_truefalse,
    "shortanswer": _write_shortanswer,
    "numerical": _write_numerical,
    "matching": _write_matching,
    "essay": _write_essay,
    "description": _write_description,
}
