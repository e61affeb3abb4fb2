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


def bands_for(quiz):
    """The quiz's pass mark and its program's classification bands."""
    program = quiz.course.get_parent().specific
    defaults = Bands()
    return Bands(
        excellent=getattr(program, "excellent_mark", None) or defaults.excellent,
        good=getattr(program, "good_mark", None) or defaults.good,
        fair=getattr(program, "fair_mark", None) or defaults.fair,
        passing=quiz.pass_mark
        if quiz.pass_mark is not None
        else getattr(program, "pass_mark", None) or defaults.passing,
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
    """The quiz grade from attempt grades in attempt order, by the quiz's grading method."""
    grades = [grade for grade in grades if grade is not None]
    if not grades:
        return None
    if method == "average":
        return (sum(grades) / len(grades)).quantize(TWO_PLACES, ROUND_HALF_UP)
    if method == "first":
        return grades[0]
    if method == "last":
        return grades[-1]
    return max(grades)
