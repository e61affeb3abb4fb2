"""Aiken: single-choice questions in plain text, as Moodle reads them.

    Thủ đô của Việt Nam là?
    A) Hà Nội
    B. Huế
    ANSWER: A

A line that is neither an option (a capital letter, ")" or ".", then the
text, with or without a space) nor an ``ANSWER:`` line starts a question;
``ANSWER:`` ends it. Blank lines between questions are customary but not
required. Unlike Moodle, the question text may continue on the lines that
follow it directly (before the first option); Moodle would report the second
line as an unfinished question. Everything is plain text: ``<`` and ``&`` stay
characters.
"""

import re

from django.utils.translation import gettext as _

from . import formats
from .records import ImportProblem, ParsedQuestion, ParseResult, shortened

OPTION_RE = re.compile(r"([A-Z])[).][ \t]?(.*)")
ANSWER_RE = re.compile(r"ANSWER\s*:(.*)", re.IGNORECASE)


class _Draft:
    """A question being read: where it starts, its text lines and its options."""

    def __init__(self, line, text):
        self.line = line
        self.lines = [text]
        self.options = []

    @property
    def name(self):
        return shortened(" ".join(self.lines))


def parse(text):
    """Read the Aiken questions of ``text`` (decoded, "\\n" line endings) into a ParseResult."""
    result = ParseResult()
    draft = None
    previous_blank = True
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        # Moodle skips lines shorter than two characters.
        if len(line) < 2:
            previous_blank = True
            continue
        if option := OPTION_RE.fullmatch(line):
            if draft is None:
                result.errors.append(_not_started(number, line))
            else:
                draft.options.append(option.group(2).strip())
        elif answer := ANSWER_RE.fullmatch(line):
            if draft is None:
                result.errors.append(_not_started(number, line))
            else:
                _finish(draft, answer.group(1).strip(), number, result)
            draft = None
        elif draft is not None and not draft.options and not previous_blank:
            draft.lines.append(line)
        else:
            if draft is not None:
                result.errors.append(
                    ImportProblem(
                        line=number,
                        question=draft.name,
                        message=_(
                            "The question has no ANSWER line: a new question starts before "
                            "it is complete."
                        ),
                    )
                )
            draft = _Draft(number, line)
        previous_blank = False
    if draft is not None:
        result.errors.append(
            ImportProblem(
                line=draft.line,
                question=draft.name,
                message=_("The question has no ANSWER line: the file ends before it is complete."),
            )
        )
    return result


def _not_started(number, line):
    return ImportProblem(
        line=number,
        question=shortened(line),
        message=_(
            "An answer option or ANSWER line comes before any question text: "
            "the question has not started."
        ),
    )


def _finish(draft, letter, number, result):
    """Add ``draft`` to ``result``, or a problem when it cannot be a question."""
    problem = None
    if len(draft.options) < 2:
        problem = _("The question must have at least two answer options.")
    elif not letter:
        problem = _("The ANSWER line gives no letter.")
    else:
        index = ord(letter[0].upper()) - ord("A")
        if not 0 <= index < len(draft.options):
            problem = _(
                "The ANSWER line names option %(letter)s, which the question does not have."
            ) % {"letter": letter[0]}
    if problem:
        result.errors.append(ImportProblem(line=number, question=draft.name, message=problem))
        return
    result.questions.append(
        ParsedQuestion(
            qtype="single",
            name=draft.name,
            text=formats.to_html("\n".join(draft.lines), formats.PLAIN),
            payload={
                "options": [
                    {
                        "key": chr(ord("a") + position),
                        "text": formats.to_html(option, formats.PLAIN),
                        "fraction": "1" if position == index else "0",
                        "feedback": "",
                    }
                    for position, option in enumerate(draft.options)
                ]
            },
            line=draft.line,
        )
    )
