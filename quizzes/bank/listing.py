"""Reads for the question bank screens: editable categories, the tree, the list and its filters.

``quizzes.bank.selectors`` answers "may this user see / edit this one category";
the screens need the same answers for a whole page of rows at once, in a
fixed number of queries.
"""

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from taggit.models import Tag

from quizzes.bank.selectors import (
    MANAGE_ALL_BANKS,
    categories_visible_to,
    questions_filter,
    subtrees,
)
from quizzes.models import Question, QuestionCategory, QuestionTag

ORDERINGS = {
    "-updated": ("-updated_at", "-pk"),
    "updated": ("updated_at", "pk"),
    "name": ("name", "pk"),
    "-name": ("-name", "-pk"),
}
DEFAULT_ORDERING = "-updated"


def manages_all_banks(*, user):
    return user.is_superuser or user.has_perm(MANAGE_ALL_BANKS)


def unit_of(user):
    """The id of ``user``'s training unit, or None (no profile, or no unit)."""
    return getattr(getattr(user, "profile", None), "unit_id", None)


def _memoised(user, key, compute):
    # One request asks several times (tree, filters, list, bulk form); the
    # answer cannot change within it, and ``request.user`` lives as long as it.
    cache = user.__dict__.setdefault("_question_bank_cache", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def visible_category_ids(*, user):
    """Ids of the categories ``categories_visible_to`` gives, or None for "all of them"."""
    if manages_all_banks(user=user):
        return None
    return _memoised(
        user,
        "visible",
        lambda: set(categories_visible_to(user=user).values_list("pk", flat=True)),
    )


def editable_category_ids(*, user):
    """Ids of the categories whose questions ``user`` may change, or None for all."""
    if manages_all_banks(user=user):
        return None
    return _memoised(
        user,
        "editable",
        lambda: set(categories_editable_by(user=user).values_list("pk", flat=True)),
    )


def categories_editable_by(*, user):
    """Categories whose questions ``user`` may change; the same rule as ``category_can_edit``.

    A category belongs to its root's owner: the owning unit's lecturers and the
    owning course's lecturers edit the whole tree under it.
    """
    if manages_all_banks(user=user):
        return QuestionCategory.objects.all()
    if not user.has_perm("quizzes.change_question"):
        return QuestionCategory.objects.none()
    unit = unit_of(user)
    owner = Q(course__lecturers__user=user)
    if unit:
        owner |= Q(unit_id=unit)
    paths = set(QuestionCategory.objects.filter(owner, depth=1).values_list("path", flat=True))
    return subtrees(paths) if paths else QuestionCategory.objects.none()


def visible_categories(*, user):
    """``categories_visible_to``, as a cheap ``pk IN (…)`` once computed for this request."""
    ids = visible_category_ids(user=user)
    categories = QuestionCategory.objects.all()
    return categories if ids is None else categories.filter(pk__in=ids)


def editable_categories(*, user):
    ids = editable_category_ids(user=user)
    categories = QuestionCategory.objects.all()
    return categories if ids is None else categories.filter(pk__in=ids)


def category_tree(*, user):
    """Visible categories in tree order, each with ``level``, ``question_count`` and ``editable``.

    ``level`` counts the visible ancestors, so a subcategory shared on its own
    shows at the left edge rather than under parents the user cannot see.
    """
    categories = list(
        visible_categories(user=user).select_related("unit", "course").order_by("path")
    )
    # Counted apart: grouping questions by category uses their index, joining does not.
    counts = dict(
        questions_visible_to(user=user)
        .order_by()
        .values("category_id")
        .annotate(count=Count("pk"))
        .values_list("category_id", "count")
    )
    editable = editable_category_ids(user=user)
    paths = {category.path for category in categories}
    step = QuestionCategory.steplen
    for category in categories:
        category.level = sum(
            1 for depth in range(1, category.depth) if category.path[: depth * step] in paths
        )
        category.editable = editable is None or category.pk in editable
        category.question_count = counts.get(category.pk, 0)
    return categories


def questions_visible_to(*, user):
    ids = visible_category_ids(user=user)
    questions = Question.objects.all()
    return questions if ids is None else questions.filter(category_id__in=ids)


def bank_questions(*, user, ordering=DEFAULT_ORDERING, **filters):
    """The bank list: ``questions_filter``'s filters, for one page of rows in fixed queries."""
    questions = questions_filter(questions_visible_to(user=user), **filters)
    order = ORDERINGS.get(ordering, ORDERINGS[DEFAULT_ORDERING])
    return (
        questions.select_related("category", "created_by__profile", "current_version")
        .prefetch_related("tags")
        .order_by(*order)
    )


def page_rows(questions, ids):
    """The questions of ``ids`` (one page of the list), loaded with their relations, in order.

    The list pages through bare ids: sorting 10,000 narrow rows is cheap,
    sorting them joined to their versions and authors is not.
    """
    rows = questions.in_bulk(list(ids))
    return [rows[pk] for pk in ids if pk in rows]


def bank_tags(*, user):
    """Names of the tags used by the questions ``user`` sees, in order."""
    items = QuestionTag.objects.all()
    ids = visible_category_ids(user=user)
    if ids is not None:
        items = items.filter(content_object__category_id__in=ids)
    tag_ids = items.values("tag_id")
    return list(Tag.objects.filter(pk__in=tag_ids).order_by("name").values_list("name", flat=True))


def bank_authors(*, user):
    """The authors of the questions ``user`` sees, with their profiles."""
    authors = questions_visible_to(user=user).values("created_by_id")
    return (
        get_user_model()
        .objects.filter(pk__in=authors)
        .select_related("profile")
        .order_by("profile__sort_key", "username")
    )


def question_versions(*, question):
    """Every version of ``question``, newest first, with its editor."""
    return question.versions.select_related("created_by__profile").order_by("-number")


def quiz_total_marks(*, slots):
    """The most an attempt can score: fixed slots' marks plus ``count`` × mark per random slot.

    ``slots`` may be unsaved (an edit form's revision); a description question
    carries no mark, as when attempts are drawn.
    """
    from quizzes.models.pages import SlotKind
    from quizzes.qtypes import question_type

    slots = list(slots)
    question_ids = {slot.question_id for slot in slots if slot.kind == SlotKind.FIXED}
    qtypes = dict(
        Question.objects.filter(pk__in=question_ids).values_list("pk", "qtype")
        if question_ids
        else []
    )
    total = 0
    for slot in slots:
        mark = slot.mark or 0
        if slot.kind == SlotKind.RANDOM:
            total += mark * (slot.count or 0)
        elif slot.question_id in qtypes and question_type(qtypes[slot.question_id]).has_mark:
            total += mark
    return total
