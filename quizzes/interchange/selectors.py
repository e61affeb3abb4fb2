"""Reads for import and export: categories named by a path on the command line."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext as _

from quizzes.models import QuestionCategory


def path_names(text):
    """ "Quản lý nhà nước/Chương 1" → ("Quản lý nhà nước", "Chương 1")."""
    return tuple(name.strip() for name in text.split("/") if name.strip())


def child_named(category, name):
    """The subcategory of ``category`` called ``name``, or None.

    Queried by path rather than ``get_children()``, which trusts a possibly
    stale ``numchild`` on the instance.
    """
    return QuestionCategory.objects.filter(
        path__startswith=category.path, depth=category.depth + 1, name=name
    ).first()


def category_roots(*, name, unit=None):
    roots = QuestionCategory.get_root_nodes().filter(name=name)
    return roots.filter(unit=unit) if unit is not None else roots


def category_by_path(*, path, unit=None):
    """The category at ``path`` (names from a root), or ObjectDoesNotExist.

    Two units may both have a root of the same name: ``unit`` tells them
    apart, and without it such a path is refused as ambiguous.
    """
    if not path:
        raise ObjectDoesNotExist(_("Give a category path."))
    roots = list(category_roots(name=path[0], unit=unit)[:2])
    if len(roots) > 1:
        raise ValidationError(
            _("Several training units have a category “%(name)s”; give the unit code.")
            % {"name": path[0]}
        )
    if not roots:
        raise ObjectDoesNotExist(_("No category “%(name)s”.") % {"name": path[0]})
    category = roots[0]
    for name in path[1:]:
        child = child_named(category, name)
        if child is None:
            raise ObjectDoesNotExist(_("No category “%(name)s”.") % {"name": "/".join(path)})
        category = child
    return category
