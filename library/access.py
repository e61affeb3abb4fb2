"""Who may read a library item or case study, and fetch an item's file.

The rules, for pages that are live and not retired:

- ``public``: everyone, guests included;
- ``signed_in``: any signed-in user;
- ``unit``: users whose profile's training unit is the page's owning unit.

Librarians (the "Thủ thư" group, or anyone allowed to change material types),
superusers and users who may edit the page in the admin read everything,
retired pages included. The same rules, as a queryset filter, are in
``library.selectors.items_visible_to``; both use the helpers here so they
cannot drift apart.

Wagtail serves every document at ``/documents/<id>/<filename>`` to anyone
with the link; :func:`document_refusal` (called from the
``before_serve_document`` hook) refuses the file of a library item to those
who may not read the item, and the file of an unpublished item to all but its
editors.
"""

from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.documents import get_permission_policy as document_permission_policy
from wagtail.permission_policies.pages import PagePermissionPolicy

from library.models import LibraryItemPage, Visibility
from lms import roles
from lms.models import Profile

LIBRARIAN_PERMISSION = "library.change_materialtype"


def is_librarian(user) -> bool:
    """Whether ``user`` curates the whole library: a superuser, a librarian, or one with
    the librarians' permission on material types. Cached on the user for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cached = getattr(user, "_library_is_librarian", None)
    if cached is None:
        cached = (
            user.is_superuser
            or user.has_perm(LIBRARIAN_PERMISSION)
            or user.groups.filter(name=roles.LIBRARIANS).exists()
        )
        user._library_is_librarian = cached
    return cached


def user_unit_id(user):
    """The id of the training unit on ``user``'s profile, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        profile = user.profile
    except Profile.DoesNotExist:
        return None
    return profile.unit_id


def editable_pages_q(user):
    """A filter on pages that ``user`` may edit in the admin, or None if there are none.

    Built from the user's page permissions (one query, cached on the user by Wagtail):
    "change" on a page reaches its subtree; "add" reaches the pages the user owns there.
    Written with ``path`` and ``owner``, both filter fields of every page, so the
    filter also works on search querysets.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    rule = None
    policy = PagePermissionPolicy()
    for permission in policy.get_cached_permissions_for_user(user):
        codename = permission.permission.codename
        if codename == "change_page":
            condition = Q(path__startswith=permission.page.path)
        elif codename == "add_page":
            condition = Q(path__startswith=permission.page.path, owner=user)
        else:
            continue
        rule = condition if rule is None else rule | condition
    return rule


def can_edit(*, page, user) -> bool:
    """Whether ``user`` may edit ``page`` in the admin (so may read it anywhere)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return PagePermissionPolicy().user_has_permission_for_instance(user, "change", page)


def visibility_allows(*, page, user) -> bool:
    """Whether the page's visibility setting alone lets ``user`` read it."""
    if page.visibility == Visibility.PUBLIC:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if page.visibility == Visibility.SIGNED_IN:
        return True
    if page.visibility == Visibility.UNIT:
        return page.owner_unit_id is not None and page.owner_unit_id == user_unit_id(user)
    return False


def page_readable(*, page, user) -> bool:
    """Whether ``user`` may read ``page``, a LibraryItemPage or CaseStudyPage.

    Readers see live pages that are not retired and whose visibility lets them in;
    librarians, superusers and editors of the page see it in every state.
    """
    if page.live and page.retired_at is None and visibility_allows(page=page, user=user):
        return True
    return is_librarian(user) or can_edit(page=page, user=user)


def refusal_response(*, request, page=None, message=None):
    """A guest goes to the login page; a signed-in user gets a 403 page saying why."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if message is None:
        message = refusal_message(page=page)
    return TemplateResponse(
        request,
        "library/includes/refused.html",
        {"message": message, "refused_page": page},
        status=403,
    )


def refusal_message(*, page):
    """Why a signed-in user may not read ``page``, in words the reader understands."""
    if page is None:
        return _("You may not read this material.")
    if page.retired_at is not None or not page.live:
        return _("This material has been withdrawn from the library.")
    if page.visibility == Visibility.UNIT:
        unit = page.owner_unit
        if unit is not None:
            return _(
                "This material is shared only with the members of %(unit)s. "
                "Ask your training unit or the library if you need it."
            ) % {"unit": unit.name}
    return _("You may not read this material.")


def page_refusal(*, request, page):
    """None if ``request.user`` may read ``page``, else the response to send instead."""
    if page_readable(page=page, user=request.user):
        return None
    return refusal_response(request=request, page=page)


def document_refusal(*, request, document):
    """None if the library has no objection to serving ``document``, else the refusal.

    The library objects to a document that is the file of one of its items (as
    published, or in the item's latest draft) unless the user may read one of
    the live items that publish it, edit one of those items, or change the
    document in the admin. A document no library item uses is left to the other
    hooks.
    """
    items = list(
        LibraryItemPage.objects.filter(
            Q(document=document) | Q(latest_revision__content__document=document.pk)
        ).only(
            "pk",
            "path",
            "depth",
            "live",
            "owner",
            "document",
            "visibility",
            "owner_unit",
            "retired_at",
        )
    )
    if not items:
        return None
    user = request.user
    published = [item for item in items if item.document_id == document.pk]
    if any(
        item.live and item.retired_at is None and visibility_allows(page=item, user=user)
        for item in published
    ):
        return None
    if is_librarian(user) or any(can_edit(page=item, user=user) for item in items):
        return None
    if _may_change_document(user=user, document=document):
        return None
    shown = next((item for item in published if item.live and item.retired_at is None), None)
    return refusal_response(request=request, page=shown)


def _may_change_document(*, user, document):
    """Whether ``user`` may edit ``document`` in the admin (librarians, its uploader)."""
    if not getattr(user, "is_authenticated", False):
        return False
    policy = document_permission_policy()
    return policy.user_has_any_permission_for_instance(user, ["change"], document)
