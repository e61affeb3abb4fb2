import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lms.text import fold, nfc

from .base import (
    ONE,
    ZERO,
    Grading,
    QuestionType,
    answer_dict,
    as_fraction,
    clean_text,
    folded_words,
)

MAX_ANSWER_LENGTH = 1000


def normalise_short_answer(text, *, case_sensitive=False, accent_insensitive=False):
    """NFC, whitespace collapsed, case folded and, when asked, diacritics removed."""
    text = " ".join(nfc(text).split())
    if accent_insensitive:
        return fold(text) if not case_sensitive else fold_keep_case(text)
    return text if case_sensitive else text.casefold()


def fold_keep_case(text):
    return "".join(
        folded if char.islower() else folded.upper()
        for char, folded in ((char, fold(char)) for char in text)
    )


def pattern_for(answer, *, case_sensitive, accent_insensitive):
    """A regular expression for an accepted answer: ``*`` matches anything, ``\\*`` a star."""
    normalised = normalise_short_answer(
        answer, case_sensitive=case_sensitive, accent_insensitive=accent_insensitive
    )
    parts = re.split(r"(\\\*|\*)", normalised)
    regex = "".join(
        ".*" if part == "*" else re.escape("*") if part == "\\*" else re.escape(part)
        for part in parts
    )
    return re.compile(regex, re.DOTALL)


def clean_text_answer(answer):
    text = nfc(str(answer_dict(answer).get("text") or ""))
    if len(text) > MAX_ANSWER_LENGTH:
        raise ValidationError(_("The answer is too long."))
    return {"text": text} if text.strip() else None


class ShortAnswer(QuestionType):
    code = "shortanswer"

    def clean_payload(self, payload):
        answers = []
        for answer in payload.get("answers") or []:
            text = " ".join(nfc(str(answer.get("text") or "")).split())
            if not text:
                continue
            answers.append(
                {
                    "text": text,
                    "fraction": str(as_fraction(answer.get("fraction", 1))),
                    "feedback": clean_text(answer.get("feedback")),
                }
            )
        if not any(Decimal(answer["fraction"]) == ONE for answer in answers):
            raise ValidationError(_("Give at least one accepted answer worth 100%."))
        return {
            "answers": answers,
            "case_sensitive": bool(payload.get("case_sensitive", False)),
            "accent_insensitive": bool(payload.get("accent_insensitive", False)),
        }

    def search_words(self, payload):
        return folded_words(*(answer["text"] for answer in payload["answers"]))

    def clean_answer(self, payload, answer):
        return clean_text_answer(answer)

    def grade(self, payload, answer):
        if not answer:
            return Grading(ZERO, "unanswered")
        options = {
            "case_sensitive": payload["case_sensitive"],
            "accent_insensitive": payload["accent_insensitive"],
        }
        given = normalise_short_answer(answer["text"], **options)
        # The first matching answer decides, as in Moodle, so authors order
        # specific answers before wildcards.
        for accepted in payload["answers"]:
            if pattern_for(accepted["text"], **options).fullmatch(given):
                fraction = Decimal(accepted["fraction"])
                state = "right" if fraction >= ONE else "partial" if fraction > 0 else "wrong"
                return Grading(fraction, state, accepted["feedback"])
        return Grading(ZERO, "wrong")

    def right_answer(self, payload):
        best = max(payload["answers"], key=lambda answer: Decimal(answer["fraction"]))
        return best["text"].replace("\\*", "*")

    def answer_summary(self, payload, answer):
        return answer["text"] if answer else ""


def parse_number(text):
    """A number typed with a decimal comma or dot: "3,5", "3.5", "-0,25", "1 234,5".

    When both separators appear the last one is the decimal separator and the
    other groups thousands. Returns a Decimal, or raises ValueError.
    """
    raw = nfc(str(text)).strip().replace("\u00a0", "").replace(" ", "")
    if not raw:
        raise ValueError("empty")
    if "," in raw and "." in raw:
        decimal_sep = "," if raw.rfind(",") > raw.rfind(".") else "."
        group_sep = "." if decimal_sep == "," else ","
        raw = raw.replace(group_sep, "").replace(decimal_sep, ".")
    else:
        raw = raw.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", raw):
        raise ValueError(raw)
    try:
        return Decimal(raw)
    except InvalidOperation as error:
        raise ValueError(raw) from error


# Moodle's "*" answer matches any number: its feedback and mark (usually 0)
# go to every answer that no other accepted answer covers.
ANY_NUMBER = "*"


class Numerical(QuestionType):
    code = "numerical"

    def clean_payload(self, payload):
        answers = []
        for answer in payload.get("answers") or []:
            try:
                if str(answer.get("value", "")).strip() == ANY_NUMBER:
                    bounds = {"value": ANY_NUMBER}
                elif answer.get("min") not in (None, "") or answer.get("max") not in (None, ""):
                    low, high = parse_number(answer["min"]), parse_number(answer["max"])
                    if low > high:
                        raise ValidationError(_("A range must start below its end."))
                    bounds = {"min": str(low), "max": str(high)}
                else:
                    value = parse_number(answer.get("value"))
                    tolerance = abs(parse_number(answer.get("tolerance") or "0"))
                    bounds = {"value": str(value), "tolerance": str(tolerance)}
            except (KeyError, ValueError) as error:
                raise ValidationError(_("An accepted answer is not a number.")) from error
            answers.append(
                {
                    **bounds,
                    "fraction": str(as_fraction(answer.get("fraction", 1))),
                    "feedback": clean_text(answer.get("feedback")),
                }
            )
        if not any(Decimal(answer["fraction"]) == ONE for answer in answers):
            raise ValidationError(_("Give at least one accepted answer worth 100%."))
        return {"answers": answers}

    def clean_answer(self, payload, answer):
        number = answer_dict(answer).get("number")
        # 0 is an answer, not "no answer".
        text = "" if number is None else str(number).strip()
        if not text:
            return None
        if len(text) > 50:
            raise ValidationError(_("The answer is too long."))
        try:
            parse_number(text)
        except ValueError as error:
            raise ValidationError(
                _("“%(value)s” is not a number. Write it like 3,5.") % {"value": text}
            ) from error
        return {"number": text}

    @staticmethod
    def _bounds(accepted):
        if accepted.get("value") == ANY_NUMBER:
            return Decimal("-Infinity"), Decimal("Infinity")
        if "min" in accepted:
            return Decimal(accepted["min"]), Decimal(accepted["max"])
        value, tolerance = Decimal(accepted["value"]), Decimal(accepted["tolerance"])
        return value - tolerance, value + tolerance

    def grade(self, payload, answer):
        if not answer:
            return Grading(ZERO, "unanswered")
        number = parse_number(answer["number"])
        matching = [
            accepted
            for accepted in payload["answers"]
            if self._bounds(accepted)[0] <= number <= self._bounds(accepted)[1]
        ]
        if not matching:
            return Grading(ZERO, "wrong")
        best = max(matching, key=lambda accepted: Decimal(accepted["fraction"]))
        fraction = Decimal(best["fraction"])
        state = "right" if fraction >= ONE else "partial" if fraction > 0 else "wrong"
        return Grading(fraction, state, best["feedback"])

    def right_answer(self, payload):
        best = max(payload["answers"], key=lambda accepted: Decimal(accepted["fraction"]))
        if "min" in best:
            return f"{best['min']} – {best['max']}".replace(".", ",")
        if best["value"] == ANY_NUMBER:
            return _("any number")
        text = best["value"].replace(".", ",")
        if Decimal(best["tolerance"]):
            text += " ± " + best["tolerance"].replace(".", ",")
        return text

    def answer_summary(self, payload, answer):
        return answer["number"] if answer else ""
