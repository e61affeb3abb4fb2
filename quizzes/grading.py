"""The 10-point scale, classifications and how a quiz grade is drawn from attempts."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

TWO_PLACES = Decimal("0.01")
DEFAULT_PASS_MARK = Decimal("5.00")


def grade_on_ten(marks, max_marks):
    """``marks`` out of ``max_marks`` on the 10-point scale, to two decimals (half up)."""
    if marks is None:
        return None
    if not max_marks:
        return Decimal("0.00")
    return (Decimal(marks) * 10 / Decimal(max_marks)).quantize(TWO_PLACES, ROUND_HALF_UP)


@dataclass(frozen=True)
class Bands:
    """Lower bounds of each classification on the 10-point scale."""

    excellent: Decimal = Decimal("9.00")
    good: Decimal = Decimal("8.00")
    fair: Decimal = Decimal("7.00")
    passing: Decimal = DEFAULT_PASS_MARK


def _setting(value, default):
    # A program may set a band to 0 (e.g. no pass mark), so only None means "not set".
    return default if value is None else value


def bands_for(quiz):
    """The quiz's pass mark and its program's classification bands."""
    program = quiz.course.get_parent().specific
    defaults = Bands()
    return Bands(
        excellent=_setting(getattr(program, "excellent_mark", None), defaults.excellent),
        good=_setting(getattr(program, "good_mark", None), defaults.good),
        fair=_setting(getattr(program, "fair_mark", None), defaults.fair),
        passing=_setting(
            quiz.pass_mark, _setting(getattr(program, "pass_mark", None), defaults.passing)
        ),
    )


def classify(grade, bands):
    """Xuất sắc, Giỏi, Khá, Trung bình or Không đạt for a grade on the 10-point scale."""
    if grade is None:
        return ""
    if grade < bands.passing:
        return _("Fail")
    if grade >= bands.excellent:
        return _("Excellent")
    if grade >= bands.good:
        return _("Good")
    if grade >= bands.fair:
        return _("Fair")
    return _("Average")


def aggregate(grades, method):
    """The quiz grade from attempt grades in attempt order, by the quiz's grading method.

    A grade of None is an attempt waiting for manual grading. "First" and
    "last" mean those attempts: while the one that counts waits, so does the
    quiz grade (another attempt's grade must not stand in for it).
    """
    if method == "first":
        return grades[0] if grades else None
    if method == "last":
        return grades[-1] if grades else None
    grades = [grade for grade in grades if grade is not None]
    if not grades:
        return None
    if method == "average":
        return (sum(grades) / len(grades)).quantize(TWO_PLACES, ROUND_HALF_UP)
    return max(grades)
