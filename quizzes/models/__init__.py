from .attempts import Attempt, AttemptState, QuizGrade, QuizOverride, Response, ResponseFile
from .bank import (
    Difficulty,
    Question,
    QuestionCategory,
    QuestionStatus,
    QuestionTag,
    QuestionVersion,
)
from .pages import QuizPage, QuizSlot
from .statistics import QuizStatistics

__all__ = [
    "Attempt",
    "AttemptState",
    "Difficulty",
    "Question",
    "QuestionCategory",
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
