"""Drawing an attempt's layout: which question versions, in which order, on which pages."""

import random
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from quizzes.models import Question, QuestionStatus, QuizSlot
from quizzes.models.pages import SlotKind

# Exams deserve an unpredictable draw.
_random = random.SystemRandom()


@dataclass
class PlannedSlot:
    version: object
    mark: object
    option_order: list
    item_order: list


def _random_candidates(slot, exclude):
    questions = Question.objects.filter(status=QuestionStatus.READY).exclude(pk__in=exclude)
    if slot.include_subcategories:
        questions = questions.filter(category__path__startswith=slot.category.path)
    else:
        questions = questions.filter(category=slot.category)
    if slot.difficulty:
        questions = questions.filter(difficulty=slot.difficulty)
    for tag in slot.tags.all():
        questions = questions.filter(tags=tag)
    return list(questions.exclude(qtype="description").values_list("pk", flat=True))


def draw_questions(quiz):
    """The questions of one attempt as (question id, mark), random draws without repeats."""
    # The published slots as stored, never an in-memory draft of the page;
    # "pk" after the editor's order, so slots saved without one keep their order.
    slots = list(
        QuizSlot.objects.filter(quiz_id=quiz.pk)
        .select_related("question__current_version", "category")
        .order_by("sort_order", "pk")
    )
    fixed = {slot.question_id for slot in slots if slot.kind == SlotKind.FIXED}
    used = set(fixed)
    drawn = []
    for slot in slots:
        if slot.kind == SlotKind.FIXED:
            drawn.append((slot.question_id, slot.mark))
            continue
        candidates = _random_candidates(slot, used)
        if len(candidates) < slot.count:
            raise ValidationError(
                _(
                    "The category “%(category)s” does not hold enough questions for this quiz. "
                    "Tell the lecturer."
                )
                % {"category": slot.category.name}
            )
        for pk in _random.sample(candidates, slot.count):
            used.add(pk)
            drawn.append((pk, slot.mark))
    return drawn


def plan_attempt(quiz):
    """The frozen layout of a new attempt: one PlannedSlot per question, in order."""
    drawn = draw_questions(quiz)
    questions = Question.objects.select_related("current_version").in_bulk(
        [pk for pk, _mark in drawn]
    )
    if quiz.shuffle_questions:
        _random.shuffle(drawn)
    planned = []
    for pk, mark in drawn:
        version = questions[pk].current_version
        kind = version.type
        option_keys, item_keys = kind.shuffled_keys(version.payload)
        option_order, item_order = list(option_keys), list(item_keys)
        if quiz.shuffle_answers:
            _random.shuffle(option_order)
            _random.shuffle(item_order)
        planned.append(
            PlannedSlot(
                version=version,
                mark=mark if kind.has_mark else 0,
                option_order=option_order,
                item_order=item_order,
            )
        )
    if not planned:
        raise ValidationError(_("This quiz has no questions yet."))
    return planned


def page_numbers(count, per_page):
    """The page of each of ``count`` questions with ``per_page`` per page (0: one page)."""
    per_page = per_page or count or 1
    return [index // per_page + 1 for index in range(count)]
