"""Reads of the question bank: which categories a user sees, question search."""

from django.db.models import Q

from lms.text import fold
from quizzes.models import Question, QuestionCategory

MANAGE_ALL_BANKS = "quizzes.manage_all_banks"


def _unit_of(user):
    profile = getattr(user, "profile", None)
    return getattr(profile, "unit_id", None)


def categories_visible_to(*, user):
    """Categories ``user`` may use: their unit's, their courses', those shared with their unit.

    Superusers and holders of ``quizzes.manage_all_banks`` see all.
    Subcategories of a visible category are visible.
    """
    if user.is_superuser or user.has_perm(MANAGE_ALL_BANKS):
        return QuestionCategory.objects.all()
    unit = _unit_of(user)
    roots = QuestionCategory.objects.filter(
        Q(course__lecturers__user=user)
        | (Q(unit_id=unit) if unit else Q(pk__in=[]))
        | (Q(shared_with=unit) if unit else Q(pk__in=[]))
    ).values_list("path", flat=True)
    paths = set(roots)
    if not paths:
        return QuestionCategory.objects.none()
    return subtrees(paths)


def minimal_paths(paths):
    """Drop the paths under another path of the set: one LIKE per subtree is enough."""
    kept = []
    for path in sorted(paths):
        if not kept or not path.startswith(kept[-1]):
            kept.append(path)
    return kept


def subtrees(paths):
    """The categories at or under any of ``paths``."""
    condition = Q()
    for path in minimal_paths(paths):
        condition |= Q(path__startswith=path)
    return QuestionCategory.objects.filter(condition)


def category_can_edit(*, user, category):
    """Owners edit: the owning unit's lecturers, the owning course's lecturers, bank managers."""
    if user.is_superuser or user.has_perm(MANAGE_ALL_BANKS):
        return True
    if not user.has_perm("quizzes.change_question"):
        return False
    root_path = category.path[: QuestionCategory.steplen]
    root = category if category.depth == 1 else QuestionCategory.objects.get(path=root_path)
    unit = _unit_of(user)
    if root.unit_id is not None and root.unit_id == unit:
        return True
    return root.course_id is not None and root.course.lecturers.filter(user=user).exists()


def category_with_descendants(*, category):
    return QuestionCategory.objects.filter(path__startswith=category.path)


def questions_filter(
    questions,
    *,
    text="",
    category=None,
    include_subcategories=True,
    qtype="",
    status="",
    difficulty="",
    tag="",
    author=None,
):
    """``questions`` narrowed by the bank's filters; text matches without diacritics.

    Text matches the folded name, text and options word by word ("quan ly"
    finds "Quản lý"); a category takes its subcategories unless told not to.
    """
    if category is not None:
        if include_subcategories:
            questions = questions.filter(category__path__startswith=category.path)
        else:
            questions = questions.filter(category=category)
    for word in fold(text).split():
        questions = questions.filter(search_text__contains=word)
    exact = {"qtype": qtype, "status": status, "difficulty": difficulty, "tags__name": tag}
    questions = questions.filter(**{field: value for field, value in exact.items() if value})
    if author is not None:
        questions = questions.filter(created_by=author)
    return questions


def questions_search(*, user, **filters):
    """Questions visible to ``user`` matching ``filters`` (see ``questions_filter``)."""
    questions = Question.objects.filter(category__in=categories_visible_to(user=user))
    return questions_filter(questions, **filters).select_related(
        "category", "created_by__profile", "current_version"
    )
