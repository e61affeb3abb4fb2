from .attempts import Attempt, AttemptState, QuizGrade, QuizOverride, Response, ResponseFile
from .bank import (
    Difficulty,
    Question,
    QuestionCategory,
    QuestionStatus,
    QuestionTag,
    QuestionVersion,
)
from .interchange import QuestionImport
from .pages import QuizPage, QuizSlot
from .statistics import QuizStatistics

__all__ = [
    "Attempt",
    "AttemptState",
    "Difficulty",
    "Question",
    "QuestionCategory",
    "QuestionImport",
    "QuestionStatus",
    "QuestionTag",
    "QuestionVersion",
    "QuizGrade",
    "QuizOverride",
    "QuizPage",
    "QuizSlot",
    "QuizStatistics",
    "Response",
    "ResponseFile",
]
