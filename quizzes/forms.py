"""Reading learners' answers from the attempt form and checking attached files.

The attempt page posts one set of fields per question, named ``q<slot>-…``;
the autosave script builds the same answers as JSON, so both paths reach
``services.attempt_save`` with the same shapes.
"""

import os

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from lms.text import nfc

TEXT_TYPES = ("shortanswer", "essay", "case")


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
    if qtype in TEXT_TYPES:
        return {"text": data.get(prefix + "text", "")}
    if qtype == "numerical":
        return {"number": data.get(prefix + "number", "")}
    if qtype == "matching":
        start = prefix + "pair-"
        pairs = {key[len(start) :]: value for key, value in data.items() if key.startswith(start)}
        return {"pairs": pairs}
    return None


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
