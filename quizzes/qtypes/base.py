from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lms.sanitize import sanitize_html
from lms.text import fold, nfc

ZERO = Decimal("0")
ONE = Decimal("1")


@dataclass(frozen=True)
class Grading:
    """The outcome of grading one answer.

    ``fraction`` is between 0 and 1, or None while a person has to grade it.
    ``state`` is one of "right", "partial", "wrong", "unanswered", "manual".
    """

    fraction: Decimal | None
    state: str
    feedback: str = ""


def as_fraction(value, *, allow_negative=False):
    """A payload fraction ("0.5", 1, "-0.25") as a Decimal, refused when out of range."""
    try:
        fraction = Decimal(str(value))
    except (InvalidOperation, ValueError) as error:
        raise ValidationError(_("%(value)s is not a valid weight.") % {"value": value}) from error
    if not fraction.is_finite():
        # NaN would raise InvalidOperation on comparison instead of a message.
        raise ValidationError(_("%(value)s is not a valid weight.") % {"value": value})
    low = Decimal("-1") if allow_negative else ZERO
    if not (low <= fraction <= ONE):
        # Formatted so that "%%" reaches the author as a single "%".
        raise ValidationError(
            _("A weight must lie between %(low)s and %(high)s.") % {"low": "-100%", "high": "100%"}
        )
    return fraction


def answer_dict(answer):
    """A learner's answer as a dict ({} for no answer); anything else is refused.

    Answers arrive as JSON from the browser, so they may be of any shape.
    """
    if not answer:
        return {}
    if not isinstance(answer, dict):
        raise ValidationError(_("The answer is not in the expected form."))
    return answer


def whole_number(value, *, default=0):
    """An integer setting of a payload, or a ValidationError naming the bad value."""
    if value in (None, ""):
        return default
    try:
        return int(value)
    except (TypeError, ValueError) as error:
        raise ValidationError(_("%(value)s is not a whole number.") % {"value": value}) from error


def state_for(fraction):
    if fraction >= ONE:
        return "right"
    if fraction > ZERO:
        return "partial"
    return "wrong"


def clean_text(value):
    """Author HTML: NFC and sanitised."""
    return sanitize_html(nfc(str(value or "")))


class QuestionType:
    """The behaviour every question type provides; subclasses fill in the details."""

    code = ""
    has_mark = True
    graded_by_hand = False

    def clean_payload(self, payload):
        """Validate an author's payload and return it normalised (NFC, sanitised HTML)."""
        return {}

    def search_words(self, payload):
        """The texts of the payload that search should find, besides the question text."""
        return []

    def shuffled_keys(self, payload):
        """Option keys (and item keys for matching) that a shuffle may reorder."""
        return [], []

    def learner_view(self, payload, option_order, item_order):
        """What a learner is shown besides the text: options, items; never the right answer."""
        return {}

    def clean_answer(self, payload, answer):
        """Validate a learner's answer; return it normalised, or None for "no answer"."""
        return None

    def grade(self, payload, answer):
        """Grade an answer returned by ``clean_answer``."""
        raise NotImplementedError

    def right_answer(self, payload):
        """The right answer in words, for review pages and reports."""
        return ""

    def answer_summary(self, payload, answer):
        """The learner's answer in words, for review pages, reports and statistics."""
        return ""

    def combined_feedback(self, payload, state):
        feedback = payload.get("feedback") or {}
        key = {"right": "correct", "partial": "partial", "wrong": "incorrect"}.get(state)
        return feedback.get(key, "") if key else ""


def clean_combined_feedback(payload):
    feedback = payload.get("feedback") or {}
    return {key: clean_text(feedback.get(key, "")) for key in ("correct", "partial", "incorrect")}


def folded_words(*texts):
    return [fold(text) for text in texts if text]
