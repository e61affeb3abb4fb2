"""Writes on question categories from the bank screens: add, change, move, delete.

They check the user's rights themselves (``category_can_edit``) so a view
cannot forget to. Candidates to join ``quizzes.bank.services``.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lessons.models import CoursePage
from lms.models import TrainingUnit
from lms.text import nfc
from quizzes.bank.listing import manages_all_banks, unit_of
from quizzes.bank.selectors import category_can_edit
from quizzes.bank.services import category_create
from quizzes.models import QuestionCategory


def owner_units(*, user):
    """The units ``user`` may make a category's owner."""
    if manages_all_banks(user=user):
        return TrainingUnit.objects.all()
    return TrainingUnit.objects.filter(pk=unit_of(user))


def owner_courses(*, user):
    """The courses ``user`` may make a category's owner: those they teach."""
    courses = CoursePage.objects.order_by("title")
    if manages_all_banks(user=user):
        return courses
    return courses.filter(lecturers__user=user).distinct()


def _check_edit(user, category):
    if not category_can_edit(user=user, category=category):
        raise PermissionDenied(_("You may not change this category."))


def _check_owner(user, unit, course):
    if (unit is None) == (course is None):
        raise ValidationError(_("A category belongs to a training unit or to a course."))
    if not user.has_perm("quizzes.add_questioncategory"):
        raise PermissionDenied(_("You may not add question categories."))
    if unit is not None and not owner_units(user=user).filter(pk=unit.pk).exists():
        raise PermissionDenied(_("You may not give a category to this training unit."))
    if course is not None and not owner_courses(user=user).filter(pk=course.pk).exists():
        raise PermissionDenied(_("You may not give a category to this course."))


def _set_subtree_owner(category, unit, course):
    # Every node stores its owner, so visibility never needs the root.
    QuestionCategory.objects.filter(path__startswith=category.path).update(unit=unit, course=course)


@transaction.atomic
def category_add(
    *, user, name, parent=None, unit=None, course=None, description="", idnumber="", shared=()
):
    """Add a category; a root needs an owner ``user`` may choose, a child an editable parent."""
    if parent is None:
        _check_owner(user, unit, course)
    else:
        if not user.has_perm("quizzes.add_questioncategory"):
            raise PermissionDenied(_("You may not add question categories."))
        _check_edit(user, parent)
    category = category_create(
        name=name,
        parent=parent,
        unit=unit,
        course=course,
        description=description,
        idnumber=idnumber,
    )
    if shared:
        category.shared_with.set(shared)
    return category


@transaction.atomic
def category_update(
    *, category, user, name, description="", idnumber="", unit=None, course=None, shared=None
):
    """Rename or describe a category; a root may also change owner (its whole tree follows)."""
    _check_edit(user, category)
    name = nfc(name).strip()
    if not name:
        raise ValidationError(_("Give the category a name."))
    category.name = name[:255]
    category.description = nfc(description)
    category.idnumber = idnumber
    owner_changed = category.is_root() and (unit, course) != (category.unit, category.course)
    if owner_changed:
        _check_owner(user, unit, course)
        category.unit, category.course = unit, course
    category.save()
    if owner_changed:
        _set_subtree_owner(category, unit, course)
    if shared is not None:
        category.shared_with.set(shared)
    return category


@transaction.atomic
def category_move(*, category, user, parent):
    """Move ``category`` (and its tree) under ``parent``, or make it a root when None.

    Under a new parent the tree takes that parent's owner; as a root it keeps
    the owner it had.
    """
    _check_edit(user, category)
    # treebeard places the node from the stored paths and child counts: use fresh ones.
    category = QuestionCategory.objects.select_for_update().get(pk=category.pk)
    if parent is not None:
        _check_edit(user, parent)
        parent = QuestionCategory.objects.get(pk=parent.pk)
        if parent.path.startswith(category.path):
            raise ValidationError(_("A category cannot move into itself or its subcategories."))
        category.move(parent, "sorted-child")
    elif not category.is_root():
        category.move(QuestionCategory.get_first_root_node(), "sorted-sibling")
    category = QuestionCategory.objects.get(pk=category.pk)
    if parent is not None:
        _set_subtree_owner(category, parent.unit, parent.course)
    return QuestionCategory.objects.get(pk=category.pk)


@transaction.atomic
def category_delete(*, category, user):
    """Delete an empty category; one holding questions, subcategories or quiz slots stays."""
    _check_edit(user, category)
    category = QuestionCategory.objects.select_for_update().get(pk=category.pk)
    if category.get_children_count():
        raise ValidationError(_("Move or delete its subcategories first."))
    if category.questions.exists():
        raise ValidationError(_("Move or delete its questions first."))
    if category.slots.exists():
        raise ValidationError(_("Quizzes draw random questions from this category."))
    category.delete()
