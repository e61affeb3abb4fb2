"""Question types: what each stores, what a learner is shown and how it is graded.

A type works on plain data (a version's ``payload`` and a learner's
``answer``), so grading and validation are testable without the database.
"""

from django.utils.translation import gettext_lazy as _

from .base import Grading, QuestionType
from .choice import MultipleResponse, SingleChoice, TrueFalse
from .essay import CaseAnalysis, Description, Essay
from .matching import Matching
from .text import Numerical, ShortAnswer

QUESTION_TYPES = {
    qtype.code: qtype
    for qtype in (
        SingleChoice(),
        MultipleResponse(),
        TrueFalse(),
        ShortAnswer(),
        Numerical(),
        Matching(),
        Essay(),
        CaseAnalysis(),
        Description(),
    )
}

QUESTION_TYPE_CHOICES = [
    ("single", _("Single choice")),
    ("multiple", _("Multiple response")),
    ("truefalse", _("True/false")),
    ("shortanswer", _("Short answer")),
    ("numerical", _("Numerical")),
    ("matching", _("Matching")),
    ("essay", _("Essay")),
    ("case", _("Case analysis")),
    ("description", _("Description")),
]


def question_type(code):
    """The question type registered under ``code`` (KeyError for an unknown one)."""
    return QUESTION_TYPES[code]


__all__ = ["QUESTION_TYPES", "QUESTION_TYPE_CHOICES", "Grading", "QuestionType", "question_type"]
