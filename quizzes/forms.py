"""Reading learners' answers from the attempt form and checking attached files.

The attempt page posts one set of fields per question, named ``q<slot>-…``;
the autosave script builds the same answers as JSON, so both paths reach
``services.attempt_save`` with the same shapes.
"""

import html as html_module
import os
import re

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext as _

from lms.text import nfc

TEXT_TYPES = ("shortanswer", "essay", "case")
ESSAY_TYPES = ("essay", "case")
# What the rich-text editor writes always has closing tags or line breaks; a
# learner's plain text such as "a<b và c>d" has neither and stays text.
HTML_MARKUP = re.compile(r"</[a-z][a-z0-9]*\s*>|<br\s*/?>", re.IGNORECASE)
BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def answer_from_post(*, qtype, slot, data):
    """The answer to question ``slot`` of type ``qtype`` in the form ``data`` (a QueryDict).

    Returns what ``clean_answer`` of the type expects, unchecked; None for a
    description, which takes no answer.
    """
    prefix = f"q{slot}-"
    if qtype == "single":
        return {"choice": data.get(prefix + "choice", "")}
    if qtype == "multiple":
        return {"choices": data.getlist(prefix + "choices")}
    if qtype == "truefalse":
        return {"value": data.get(prefix + "value", "")}
    if qtype in ESSAY_TYPES and data.get(prefix + "format") == "html":
        return {"text": essay_html(data.get(prefix + "text", ""))}
    if qtype in TEXT_TYPES:
        return {"text": data.get(prefix + "text", "")}
    if qtype == "numerical":
        return {"number": data.get(prefix + "number", "")}
    if qtype == "matching":
        start = prefix + "pair-"
        pairs = {key[len(start) :]: value for key, value in data.items() if key.startswith(start)}
        return {"pairs": pairs}
    return None


def essay_html(text):
    """The posted text of a rich-text essay as HTML, for ``clean_answer`` to sanitise.

    The attempt page marks rich-text essays with a hidden ``q<slot>-format=html``
    field. With JavaScript the editor fills the textarea with HTML, which passes
    through; without it the learner typed plain text, which is escaped and kept
    as paragraphs (blank lines) and line breaks.
    """
    if HTML_MARKUP.search(text):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    paragraphs = [block for block in BLANK_LINES.split(text) if block.strip()]
    return "".join(
        "<p>" + "<br>".join(escape(line) for line in block.split("\n")) + "</p>"
        for block in paragraphs
    )


def essay_plain_text(html):
    """A rich-text answer as plain text for the no-JavaScript textarea.

    The inverse of ``essay_html`` for what it produces: paragraphs become blank
    lines and line breaks new lines, so posting the text back unchanged stores
    the same HTML. Other markup (bold, lists) is dropped from the shown text.
    """
    text = re.sub(r"<br\s*/?>", "\n", html or "", flags=re.IGNORECASE)
    text = re.sub(r"</(p|div|h[1-6]|blockquote|pre|ul|ol|table)\s*>", "\n\n", text, flags=re.I)
    text = re.sub(r"</(li|tr)\s*>", "\n", text, flags=re.IGNORECASE)
    text = html_module.unescape(strip_tags(text))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def posted_sequences(data):
    """{slot: stored sequence} for every ``seq-<slot>`` field of the attempt form."""
    sequences = {}
    for key, value in data.items():
        if not key.startswith("seq-"):
            continue
        try:
            sequences[int(key[4:])] = int(value)
        except ValueError:
            continue
    return sequences


def check_attachment(*, upload, payload, already):
    """Refuse a file the essay does not allow (count, size, type) before anything is stored."""
    allowed = int(payload.get("attachments") or 0)
    if not allowed:
        raise ValidationError(_("This question does not take attached files."), code="no_files")
    if already >= allowed:
        raise ValidationError(
            _("You may attach at most %(count)s files to this answer.") % {"count": allowed},
            code="too_many",
        )
    max_bytes = int(payload.get("max_bytes") or 0)
    if max_bytes and upload.size > max_bytes:
        raise ValidationError(
            _("The file is larger than %(size)s.") % {"size": filesizeformat(max_bytes)},
            code="too_large",
        )
    extension = os.path.splitext(upload.name)[1].lower()
    file_types = [ext.lower() for ext in payload.get("file_types") or []]
    if file_types and extension not in file_types:
        raise ValidationError(
            _("Files of this type are not accepted. Accepted types: %(types)s.")
            % {"types": ", ".join(file_types)},
            code="bad_type",
        )
    if not upload.size:
        raise ValidationError(_("The file is empty."), code="empty")
    return nfc(os.path.basename(upload.name))[:255]
