from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from lms.text import nfc

from .base import (
    ONE,
    ZERO,
    Grading,
    QuestionType,
    answer_dict,
    clean_combined_feedback,
    clean_text,
    folded_words,
    state_for,
)


class Matching(QuestionType):
    """Items matched to options; options no item points to are distractors.

    Each item earns an equal share of the mark.
    """

    code = "matching"

    def clean_payload(self, payload):
        options = []
        for index, option in enumerate(payload.get("options") or [], start=1):
            text = nfc(str(option.get("text") or "")).strip()
            if text:
                options.append({"key": str(option.get("key") or f"o{index}"), "text": text})
        option_keys = {option["key"] for option in options}
        items = []
        for index, item in enumerate(payload.get("items") or [], start=1):
            text = clean_text(item.get("text"))
            if not strip_tags(text).strip():
                continue
            if str(item.get("option")) not in option_keys:
                raise ValidationError(
                    _("Item %(number)s has no matching answer.") % {"number": index}
                )
            items.append(
                {
                    "key": str(item.get("key") or f"i{index}"),
                    "text": text,
                    "option": str(item["option"]),
                }
            )
        if len(items) < 2:
            raise ValidationError(_("Give at least two items to match."))
        if len({item["key"] for item in items}) != len(items) or len(option_keys) != len(options):
            raise ValidationError(_("Two items or answers share a key."))
        return {
            "items": items,
            "options": options,
            "shuffle": bool(payload.get("shuffle", True)),
            "feedback": clean_combined_feedback(payload),
        }

    def search_words(self, payload):
        return folded_words(
            *(strip_tags(item["text"]) for item in payload["items"]),
            *(option["text"] for option in payload["options"]),
        )

    def shuffled_keys(self, payload):
        if not payload.get("shuffle", True):
            return [], []
        # The question's shuffle setting reorders both the options and the items.
        return [option["key"] for option in payload["options"]], [
            item["key"] for item in payload["items"]
        ]

    def learner_view(self, payload, option_order, item_order):
        items = {item["key"]: item for item in payload["items"]}
        options = {option["key"]: option for option in payload["options"]}
        return {
            "items": [
                {"key": key, "text": items[key]["text"]} for key in item_order or list(items)
            ],
            "options": [
                {"key": key, "text": options[key]["text"]} for key in option_order or list(options)
            ],
        }

    def clean_answer(self, payload, answer):
        pairs = answer_dict(answer).get("pairs") or {}
        if not isinstance(pairs, dict):
            raise ValidationError(_("The answer must pair items with options."))
        items = {item["key"] for item in payload["items"]}
        options = {option["key"] for option in payload["options"]}
        cleaned = {}
        for item, option in pairs.items():
            if option in (None, ""):
                continue
            if item not in items or str(option) not in options:
                raise ValidationError(_("This answer option does not belong to the question."))
            cleaned[item] = str(option)
        return {"pairs": cleaned} if cleaned else None

    def grade(self, payload, answer):
        if not answer:
            return Grading(ZERO, "unanswered")
        right = sum(
            1 for item in payload["items"] if answer["pairs"].get(item["key"]) == item["option"]
        )
        fraction = Decimal(right) / Decimal(len(payload["items"]))
        return Grading(min(ONE, fraction), state_for(fraction))

    def right_answer(self, payload):
        options = {option["key"]: option["text"] for option in payload["options"]}
        return "; ".join(
            f"{strip_tags(item['text'])} → {options[item['option']]}" for item in payload["items"]
        )

    def answer_summary(self, payload, answer):
        if not answer:
            return ""
        options = {option["key"]: option["text"] for option in payload["options"]}
        return "; ".join(
            f"{strip_tags(item['text'])} → {options.get(answer['pairs'].get(item['key']), '—')}"
            for item in payload["items"]
        )
