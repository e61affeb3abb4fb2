"""Writes of the question bank: questions, their versions, categories and bulk actions."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from lms.sanitize import sanitize_html
from lms.text import fold, nfc
from quizzes.bank.selectors import category_can_edit
from quizzes.models import Question, QuestionCategory, QuestionVersion
from quizzes.qtypes import question_type


def question_content_clean(*, qtype, text, payload):
    """The type, sanitised text and validated payload of a question; ValidationError if invalid."""
    try:
        kind = question_type(qtype)
    except KeyError as error:
        raise ValidationError(_("Unknown question type: %(type)s.") % {"type": qtype}) from error
    text = sanitize_html(nfc(text or ""))
    if not strip_tags(text).strip() and "<img" not in text:
        raise ValidationError(_("The question text is empty."))
    return kind, text, kind.clean_payload(payload or {})


def question_search_text(*, name, text, kind, payload):
    """What search matches for a question: its name, text and options, folded."""
    words = [fold(name), fold(strip_tags(text)), *kind.search_words(payload)]
    return " ".join(" ".join(words).split())


def _check_editor(user, category):
    if user is not None and not category_can_edit(user=user, category=category):
        raise PermissionDenied(_("You may not change questions in this category."))


@transaction.atomic
def question_create(
    *,
    category,
    qtype,
    name,
    text,
    payload,
    default_mark=Decimal("1"),
    general_feedback="",
    difficulty="medium",
    status="ready",
    tags=(),
    idnumber="",
    user=None,
):
    """Create a question and its first version; the payload is validated by its type."""
    _check_editor(user, category)
    kind, text, payload = question_content_clean(qtype=qtype, text=text, payload=payload)
    name = nfc(name).strip() or strip_tags(text)[:80]
    question = Question.objects.create(
        category=category,
        name=name[:255],
        qtype=qtype,
        status=status,
        difficulty=difficulty,
        idnumber=idnumber,
        created_by=user,
        search_text=question_search_text(name=name, text=text, kind=kind, payload=payload),
    )
    version = QuestionVersion.objects.create(
        question=question,
        number=1,
        qtype=qtype,
        text=text,
        general_feedback=sanitize_html(nfc(general_feedback)),
        default_mark=Decimal("0") if not kind.has_mark else Decimal(default_mark),
        payload=payload,
        created_by=user,
    )
    question.current_version = version
    question.save(update_fields=["current_version"])
    if tags:
        question.tags.set([nfc(tag).strip() for tag in tags if tag.strip()])
    return question


@transaction.atomic
def question_update(
    *,
    question,
    user,
    text,
    payload,
    name=None,
    default_mark=None,
    general_feedback=None,
    difficulty=None,
    status=None,
    tags=None,
):
    """Save an edit of ``question`` as a new version; older versions stay as attempts saw them.

    The type never changes (a different type is a different question). An
    edit that changes nothing of the content adds no version.
    """
    question = Question.objects.select_for_update().get(pk=question.pk)
    _check_editor(user, question.category)
    current = question.current_version
    kind, text, payload = question_content_clean(qtype=question.qtype, text=text, payload=payload)
    general_feedback = (
        current.general_feedback
        if general_feedback is None
        else sanitize_html(nfc(general_feedback))
    )
    default_mark = current.default_mark if default_mark is None else Decimal(default_mark)
    if not kind.has_mark:
        default_mark = Decimal("0")
    changed = (
        text != current.text
        or payload != current.payload
        or general_feedback != current.general_feedback
        or default_mark != current.default_mark
    )
    if changed:
        number = question.versions.aggregate(top=Max("number"))["top"] + 1
        question.current_version = QuestionVersion.objects.create(
            question=question,
            number=number,
            qtype=question.qtype,
            text=text,
            general_feedback=general_feedback,
            default_mark=default_mark,
            payload=payload,
            created_by=user,
        )
    if name is not None:
        question.name = (nfc(name).strip() or strip_tags(text)[:80])[:255]
    question.difficulty = difficulty or question.difficulty
    question.status = status or question.status
    question.search_text = question_search_text(
        name=question.name, text=text, kind=kind, payload=payload
    )
    question.save()
    if tags is not None:
        question.tags.set([nfc(tag).strip() for tag in tags if tag.strip()])
    return question


@transaction.atomic
def questions_move(*, questions, category, user):
    """Move questions to ``category``; returns how many moved."""
    _check_editor(user, category)
    questions = list(
        Question.objects.filter(pk__in=[q.pk for q in questions]).select_related("category")
    )
    for question in questions:
        _check_editor(user, question.category)
    return Question.objects.filter(pk__in=[q.pk for q in questions]).update(category=category)


@transaction.atomic
def questions_tag(*, questions, tags, user):
    """Add ``tags`` to each question (existing tags stay)."""
    tags = [nfc(tag).strip() for tag in tags if tag.strip()]
    for question in Question.objects.filter(pk__in=[q.pk for q in questions]).select_related(
        "category"
    ):
        _check_editor(user, question.category)
        question.tags.add(*tags)


def category_create(*, name, parent=None, unit=None, course=None, description="", idnumber=""):
    """Add a category under ``parent`` (a root when None); a child inherits its parent's owner."""
    fields = {
        "name": nfc(name).strip(),
        "description": nfc(description),
        "idnumber": idnumber,
        "unit": unit if parent is None else parent.unit,
        "course": course if parent is None else parent.course,
    }
    if not fields["name"]:
        raise ValidationError(_("Give the category a name."))
    if fields["unit"] is None and fields["course"] is None:
        raise ValidationError(_("A category belongs to a training unit or to a course."))
    if parent is None:
        return QuestionCategory.add_root(**fields)
    return QuestionCategory.objects.get(pk=parent.pk).add_child(**fields)
