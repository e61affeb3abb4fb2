"""Moodle's fixed list of answer grades, which its importers enforce.

Moodle refuses a question whose answer fraction is not one of these values
(within 0.00001) instead of rounding it; imports here do the same so that a
file behaves as it would in Moodle, and store the canonical value (a third is
0.3333333 whether the file says 33.33333 or 33.333333).
"""

from decimal import Decimal

POSITIVE_GRADES = [
    Decimal(value)
    for value in (
        "1", "0.9", "0.8333333", "0.8", "0.75", "0.7", "0.6666667", "0.6", "0.5", "0.4",
        "0.3333333", "0.3", "0.25", "0.2", "0.1666667", "0.1428571", "0.125", "0.1111111",
        "0.1", "0.05", "0",
    )
]  # fmt: skip
ALLOWED_GRADES = POSITIVE_GRADES + [-grade for grade in POSITIVE_GRADES if grade]
MATCH_TOLERANCE = Decimal("0.00001")

# Where each type keeps answers that carry a fraction.
GRADED_LISTS = {
    "single": "options",
    "multiple": "options",
    "shortanswer": "answers",
    "numerical": "answers",
}


def allowed_grade(fraction):
    """The Moodle grade ``fraction`` stands for, or None when Moodle would refuse it."""
    try:
        value = Decimal(str(fraction))
    except ArithmeticError:
        return None
    for grade in ALLOWED_GRADES:
        if abs(value - grade) < MATCH_TOLERANCE:
            return grade
    return None


def payload_grades_match(qtype, payload):
    """``payload`` with every fraction replaced by its Moodle grade, and the invalid fractions.

    Returns ``(payload, invalid)`` where ``invalid`` lists the fractions (as
    written) that match no allowed grade.
    """
    key = GRADED_LISTS.get(qtype)
    if key is None:
        return payload, []
    invalid = []
    answers = []
    for answer in payload.get(key) or []:
        fraction = answer.get("fraction", "1" if qtype in ("shortanswer", "numerical") else "0")
        grade = allowed_grade(fraction)
        if grade is None:
            invalid.append(str(fraction))
            answers.append(answer)
        else:
            answers.append({**answer, "fraction": str(grade)})
    return {**payload, key: answers}, invalid
