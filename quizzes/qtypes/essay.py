from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from lms.sanitize import sanitize_html
from lms.text import nfc

from .base import ZERO, Grading, QuestionType, answer_dict, clean_text, whole_number

MAX_ESSAY_LENGTH = 200_000
DEFAULT_FILE_TYPES = [".pdf", ".doc", ".docx", ".odt", ".jpg", ".png"]
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


class Essay(QuestionType):
    """A written answer graded by a lecturer, with optional attached files."""

    code = "essay"
    graded_by_hand = True

    def clean_payload(self, payload):
        attachments = whole_number(payload.get("attachments"))
        if not 0 <= attachments <= 5:
            raise ValidationError(_("Allow between 0 and 5 attached files."))
        max_bytes = whole_number(payload.get("max_bytes")) or DEFAULT_MAX_BYTES
        min_words = whole_number(payload.get("min_words"))
        max_words = whole_number(payload.get("max_words"))
        if max_bytes < 0 or min_words < 0 or max_words < 0:
            raise ValidationError(_("Sizes and word counts cannot be negative."))
        file_types = [
            ext if ext.startswith(".") else f".{ext}"
            for ext in (str(ext).strip().lower() for ext in payload.get("file_types") or [])
            if ext
        ] or list(DEFAULT_FILE_TYPES)
        return {
            "format": "plain" if payload.get("format") == "plain" else "html",
            "attachments": attachments,
            "attachments_required": bool(payload.get("attachments_required")) and attachments > 0,
            "max_bytes": max_bytes,
            "file_types": file_types,
            "min_words": min_words,
            "max_words": max_words,
            "grader_info": clean_text(payload.get("grader_info")),
            "template": clean_text(payload.get("template")),
        }

    def learner_view(self, payload, option_order, item_order):
        return {
            "format": payload["format"],
            "attachments": payload["attachments"],
            "file_types": payload["file_types"],
            "max_bytes": payload["max_bytes"],
            "template": payload["template"],
        }

    def clean_answer(self, payload, answer):
        text = nfc(str(answer_dict(answer).get("text") or ""))
        if len(text) > MAX_ESSAY_LENGTH:
            raise ValidationError(_("The answer is too long."))
        if payload["format"] == "html":
            text = sanitize_html(text)
        return {"text": text} if strip_tags(text).strip() else None

    def grade(self, payload, answer, has_files=False):
        if not answer and not has_files:
            # Moodle's "gave up": nothing to read, so nothing to grade by hand.
            return Grading(ZERO, "unanswered")
        return Grading(None, "manual")

    def answer_summary(self, payload, answer):
        return strip_tags(answer["text"]) if answer else ""


class CaseAnalysis(Essay):
    """An essay analysing a case study (tình huống) from the library."""

    code = "case"

    def clean_payload(self, payload):
        cleaned = super().clean_payload(payload)
        case_page = payload.get("case_page")
        if not case_page:
            raise ValidationError(_("Choose the case study to analyse."))
        cleaned["case_page"] = whole_number(case_page)
        return cleaned

    def learner_view(self, payload, option_order, item_order):
        return {
            **super().learner_view(payload, option_order, item_order),
            "case_page": payload["case_page"],
        }


class Description(QuestionType):
    """Text shown among the questions (instructions, a shared scenario); no mark."""

    code = "description"
    has_mark = False

    def grade(self, payload, answer):
        return Grading(ZERO, "unanswered")
