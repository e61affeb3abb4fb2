from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .base import (
    ONE,
    ZERO,
    Grading,
    QuestionType,
    answer_dict,
    as_fraction,
    clean_combined_feedback,
    clean_text,
    folded_words,
    state_for,
)

# Weights are exact decimals, but authors write thirds as 33.33333%: allow
# that much rounding when checking that weights add up.
WEIGHT_TOLERANCE = Decimal("0.001")


def clean_options(payload, *, allow_negative):
    options = []
    seen = set()
    for index, option in enumerate(payload.get("options") or [], start=1):
        key = str(option.get("key") or index)
        if key in seen:
            raise ValidationError(_("Two answer options share the key %(key)s.") % {"key": key})
        seen.add(key)
        text = clean_text(option.get("text"))
        if not strip_tags(text).strip() and "<img" not in text:
            raise ValidationError(_("Answer option %(number)s is empty.") % {"number": index})
        options.append(
            {
                "key": key,
                "text": text,
                "fraction": str(
                    as_fraction(option.get("fraction", 0), allow_negative=allow_negative)
                ),
                "feedback": clean_text(option.get("feedback")),
            }
        )
    if len(options) < 2:
        raise ValidationError(_("Give at least two answer options."))
    return options


class ChoiceType(QuestionType):
    def search_words(self, payload):
        return folded_words(*(strip_tags(option["text"]) for option in payload["options"]))

    def shuffled_keys(self, payload):
        if payload.get("shuffle", True):
            return [option["key"] for option in payload["options"]], []
        return [], []

    def learner_view(self, payload, option_order, item_order):
        by_key = {option["key"]: option for option in payload["options"]}
        order = option_order or list(by_key)
        return {"options": [{"key": key, "text": by_key[key]["text"]} for key in order]}

    def _options(self, payload):
        return {option["key"]: option for option in payload["options"]}

    def answer_summary(self, payload, answer):
        if not answer:
            return ""
        options = self._options(payload)
        keys = answer.get("choices") or [answer.get("choice")]
        return "; ".join(strip_tags(options[key]["text"]) for key in keys if key in options)


class SingleChoice(ChoiceType):
    code = "single"

    def clean_payload(self, payload):
        options = clean_options(payload, allow_negative=True)
        if max(Decimal(option["fraction"]) for option in options) != ONE:
            raise ValidationError(_("One answer option must be worth 100%."))
        return {
            "options": options,
            "shuffle": bool(payload.get("shuffle", True)),
            "feedback": clean_combined_feedback(payload),
        }

    def clean_answer(self, payload, answer):
        choice = answer_dict(answer).get("choice")
        if choice in (None, ""):
            return None
        if str(choice) not in self._options(payload):
            raise ValidationError(_("This answer option does not belong to the question."))
        return {"choice": str(choice)}

    def grade(self, payload, answer):
        if not answer:
            return Grading(ZERO, "unanswered")
        option = self._options(payload)[answer["choice"]]
        fraction = max(ZERO, Decimal(option["fraction"]))
        state = state_for(fraction)
        return Grading(fraction, state, option["feedback"])

    def right_answer(self, payload):
        best = max(payload["options"], key=lambda option: Decimal(option["fraction"]))
        return strip_tags(best["text"])


class MultipleResponse(ChoiceType):
    """Several options may be chosen; weights add up and the total never drops below 0."""

    code = "multiple"

    def clean_payload(self, payload):
        options = clean_options(payload, allow_negative=True)
        positive = sum(
            (Decimal(option["fraction"]) for option in options if Decimal(option["fraction"]) > 0),
            ZERO,
        )
        if abs(positive - ONE) > WEIGHT_TOLERANCE:
            raise ValidationError(
                _("The positive weights must add up to 100%% (now %(total)s%%).")
                % {"total": f"{positive * 100:.2f}".replace(".", ",")}
            )
        return {
            "options": options,
            "shuffle": bool(payload.get("shuffle", True)),
            "feedback": clean_combined_feedback(payload),
        }

    def clean_answer(self, payload, answer):
        choices = answer_dict(answer).get("choices") or []
        if not isinstance(choices, list):
            raise ValidationError(_("The answer must list the chosen options."))
        options = self._options(payload)
        keys = []
        for choice in map(str, choices):
            if choice not in options:
                raise ValidationError(_("This answer option does not belong to the question."))
            if choice not in keys:
                keys.append(choice)
        return {"choices": keys} if keys else None

    def grade(self, payload, answer):
        if not answer:
            return Grading(ZERO, "unanswered")
        options = self._options(payload)
        total = sum((Decimal(options[key]["fraction"]) for key in answer["choices"]), ZERO)
        fraction = min(ONE, max(ZERO, total))
        if fraction > ONE - WEIGHT_TOLERANCE:
            fraction = ONE
        feedback = "".join(options[key]["feedback"] for key in answer["choices"])
        return Grading(fraction, state_for(fraction), feedback)

    def right_answer(self, payload):
        return "; ".join(
            strip_tags(option["text"])
            for option in payload["options"]
            if Decimal(option["fraction"]) > 0
        )


class TrueFalse(QuestionType):
    code = "truefalse"

    def clean_payload(self, payload):
        if not isinstance(payload.get("correct"), bool):
            raise ValidationError(_("Say whether the statement is true or false."))
        return {
            "correct": payload["correct"],
            "feedback_true": clean_text(payload.get("feedback_true")),
            "feedback_false": clean_text(payload.get("feedback_false")),
        }

    def clean_answer(self, payload, answer):
        value = answer_dict(answer).get("value")
        if value is None or value == "":
            return None
        if isinstance(value, str) and value in ("true", "false"):
            value = value == "true"
        if not isinstance(value, bool):
            raise ValidationError(_("Answer true or false."))
        return {"value": value}

    def grade(self, payload, answer):
        if not answer:
            return Grading(ZERO, "unanswered")
        right = answer["value"] == payload["correct"]
        feedback = payload["feedback_true"] if answer["value"] else payload["feedback_false"]
        return Grading(ONE if right else ZERO, "right" if right else "wrong", feedback)

    def right_answer(self, payload):
        return _("True") if payload["correct"] else _("False")

    def answer_summary(self, payload, answer):
        if not answer:
            return ""
        return _("True") if answer["value"] else _("False")
