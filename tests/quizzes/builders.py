"""Build question banks and quizzes for tests."""

from decimal import Decimal

from lessons.services import enrolment_create
from lms.models import TrainingUnit
from quizzes import services
from quizzes.bank.services import category_create, question_create
from quizzes.models import QuizPage, QuizSlot
from tests.factories import learner
from tests.lessons.builders import _slug, make_course

# One valid payload per type, with the answers tests rely on.
PAYLOADS = {
    "single": {
        "options": [
            {"key": "a", "text": "Hà Nội", "fraction": "1", "feedback": "Đúng rồi."},
            {"key": "b", "text": "Huế", "fraction": "0", "feedback": "Huế là cố đô."},
            {"key": "c", "text": "Đà Nẵng", "fraction": "0"},
        ]
    },
    "multiple": {
        "options": [
            {"key": "a", "text": "Luật", "fraction": "0.5"},
            {"key": "b", "text": "Nghị định", "fraction": "0.5"},
            {"key": "c", "text": "Bài báo", "fraction": "-1"},
        ]
    },
    "truefalse": {"correct": True},
    "shortanswer": {"answers": [{"text": "quản lý nhà nước", "fraction": "1"}]},
    "numerical": {"answers": [{"value": "63", "tolerance": "0", "fraction": "1"}]},
    "matching": {
        "items": [
            {"key": "i1", "text": "Luật", "option": "o1"},
            {"key": "i2", "text": "Nghị định", "option": "o2"},
        ],
        "options": [
            {"key": "o1", "text": "Quốc hội"},
            {"key": "o2", "text": "Chính phủ"},
            {"key": "o3", "text": "Bộ trưởng"},
        ],
    },
    "essay": {"format": "html"},
    "description": {},
}


def make_category(*, name="Quản lý nhà nước", unit=None, parent=None, course=None):
    if parent is None and course is None:
        unit = (
            unit
            or TrainingUnit.objects.first()
            or TrainingUnit.objects.create(name="Trường thử", code=_slug("truong"))
        )
    return category_create(name=name, parent=parent, unit=unit, course=course)


def make_question(*, category=None, qtype="single", text=None, payload=None, **fields):
    return question_create(
        category=category or make_category(),
        qtype=qtype,
        name=fields.pop("name", f"Câu {_slug(qtype)}"),
        text=text or f"<p>Câu hỏi loại {qtype}?</p>",
        payload=payload if payload is not None else PAYLOADS[qtype],
        **fields,
    )


def make_quiz(*, course=None, questions=(), mark=Decimal("1"), random_slots=(), **fields):
    """A published quiz with a fixed slot per question and random slots.

    Each random slot is (category, count) or a dict of QuizSlot fields, where
    ``tags`` is a list of taggit Tag objects.
    """
    course = course or make_course()
    fields.setdefault("shuffle_answers", False)
    quiz = QuizPage(title=fields.pop("title", "Bài kiểm tra"), slug=_slug("bai-kiem-tra"), **fields)
    for question in questions:
        quiz.slots.add(QuizSlot(kind="fixed", question=question, mark=mark))
    for random_slot in random_slots:
        if isinstance(random_slot, dict):
            options = {"mark": mark, **random_slot}
            tags = options.pop("tags", [])
            slot = QuizSlot(kind="random", **options)
            slot.tags = tags
        else:
            category, count = random_slot
            slot = QuizSlot(kind="random", category=category, count=count, mark=mark)
        quiz.slots.add(slot)
    course.add_child(instance=quiz)
    quiz.save_revision().publish()
    return quiz


def enrolled_learner(quiz, **kwargs):
    """A new learner enrolled in the quiz's course."""
    user = learner(**kwargs)
    enrolment_create(user=user, course=quiz.course)
    return user


def take_quiz(quiz, user, answers=None, *, submit=True, now=None):
    """Start an attempt, save ``answers`` ({slot: answer}) and, by default, submit it."""
    attempt = services.attempt_start(user=user, quiz=quiz, now=now)
    for slot, answer in (answers or {}).items():
        services.attempt_save(
            attempt=attempt, user=user, slot=slot, answer=answer, sequence=1, now=now
        )
    if submit:
        attempt = services.attempt_submit(attempt=attempt, user=user, now=now)
    return attempt
