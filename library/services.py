"""Writes of the library: submitting materials, the librarians' review, retiring, merging.

Publication goes through Wagtail's moderation workflow ("Thủ thư duyệt", set on the library
index by a migration): lecturers and managers may add and change library pages but not
publish them, so what they submit waits for a librarian in that workflow.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import log
from wagtail.models import ReferenceIndex, Site
from wagtail.search import index

from library.models import (
    CaseStudyPage,
    ItemCounter,
    LibraryCollectionEntry,
    LibraryItemPage,
    Visibility,
)
from lms.text import fold, nfc

# What a submission may set besides the title; anything else is a programming error.
SUBMIT_FIELDS = frozenset(
    {
        "slug",
        "summary",
        "document",
        "external_url",
        "embed_url",
        "cover_image",
        "material_type",
        "document_number",
        "issuing_body",
        "issue_date",
        "effective_date",
        "authors",
        "publisher",
        "year",
        "language",
        "subjects",
        "tags",
        "audience_ranks",
        "audience_programs",
        "licence",
        "legal_status",
        "replaced_by",
        "owner_unit",
        "visibility",
    }
)
_MANY_TO_MANY = ("subjects", "audience_ranks", "audience_programs")
_TEXT_FIELDS = ("summary", "document_number", "authors", "publisher")
SLUG_LENGTH = 80


def _user_unit(user):
    profile = getattr(user, "profile", None)
    return getattr(profile, "unit", None)


def _instances(model, values):
    """Model instances for ``values`` (instances or ids).

    modelcluster keeps instances in memory until the page is saved, but writes a list of
    ids straight to the database, which an unsaved page cannot take.
    """
    values = list(values or [])
    ids = [value for value in values if not isinstance(value, model)]
    found = model.objects.in_bulk(ids) if ids else {}
    if len(found) != len(set(ids)):
        raise ValidationError(_("Some of the chosen values do not exist any more."))
    return [value if isinstance(value, model) else found[value] for value in values]


def _unique_slug(parent, title):
    # ASCII slugs: Vietnamese titles folded, so addresses stay readable when copied around.
    base = slugify(fold(title))[:SLUG_LENGTH].strip("-") or "tai-lieu"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _check_submission(title, fields):
    errors = {}
    if not title:
        errors["title"] = _("Enter the title of the material.")
    if not (fields.get("document") or fields.get("external_url") or fields.get("embed_url")):
        errors["document"] = _(
            "Attach a file, or give an external link or the address of an embedded media."
        )
    if not fields.get("material_type"):
        errors["material_type"] = _("Choose the type of the material.")
    if fields.get("visibility") == Visibility.UNIT and not fields.get("owner_unit"):
        errors["owner_unit"] = _(
            "A material for its own unit only needs an owning unit; your account has none."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def item_submit(*, parent, user, title, **fields) -> LibraryItemPage:
    """Create a library item as a draft under ``parent`` and send it to the librarians.

    ``fields`` are the item's fields (``document`` or ``external_url``/``embed_url`` is
    required, and ``material_type``); ``subjects``, ``tags``, ``audience_ranks`` and
    ``audience_programs`` take lists. ``owner_unit`` defaults to the user's unit. The draft
    is saved as a revision and the library's review workflow is started, so the item waits
    in the librarians' "Awaiting your review" until ``item_approve`` publishes it.

    Lecturers, managers and librarians may submit (they may add pages in the library);
    anyone else gets ``PermissionDenied``. Bad input raises ``ValidationError`` and nothing
    is created.
    """
    unknown = set(fields) - SUBMIT_FIELDS
    if unknown:
        raise TypeError(f"item_submit() got unexpected fields: {', '.join(sorted(unknown))}")
    if user is None or not parent.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied(_("You may not submit materials to the library."))
    if not LibraryItemPage.can_create_at(parent):
        raise ValidationError(_("Materials can only be submitted to the library."))
    title = " ".join(nfc(title).split())
    fields.setdefault("owner_unit", _user_unit(user))
    if fields["owner_unit"] is None:
        fields.pop("owner_unit")
    _check_submission(title, fields)
    workflow = parent.get_workflow()
    if workflow is None:
        raise ValidationError(
            _("The library has no review workflow; ask an administrator to assign one.")
        )

    relations = {
        name: _instances(LibraryItemPage._meta.get_field(name).related_model, fields.pop(name))
        for name in _MANY_TO_MANY
        if name in fields
    }
    tags = list(fields.pop("tags", None) or [])
    for name in _TEXT_FIELDS:
        if name in fields:
            fields[name] = nfc(fields[name]).strip()
    slug = fields.pop("slug", None) or _unique_slug(parent, title)
    page = LibraryItemPage(title=title, slug=slug, owner=user, live=False, **fields)
    for name, values in relations.items():
        setattr(page, name, values)
    if tags:
        page.tags.add(*(nfc(tag).strip() for tag in tags))
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    workflow.start(page, user)
    return page


def _current_task(page, user, action):
    """The task state ``user`` may ``action`` ("approve"/"reject") on ``page``, or an error."""
    state = page.current_workflow_task_state
    if state is None:
        if not page.permissions_for_user(user).can_publish():
            raise PermissionDenied(_("Only librarians review library materials."))
        raise ValidationError(_("This material is not waiting for review."))
    state = state.specific
    task = state.task.specific
    if action not in {name for name, _label, _modal in task.get_actions(page, user)}:
        raise PermissionDenied(_("Only librarians review library materials."))
    return state, task


def _fresh(page):
    return page.specific_class.objects.get(pk=page.pk)


@transaction.atomic
def item_approve(*, page, user, comment="") -> LibraryItemPage:
    """Approve the review task of a submitted item (or case study) as ``user``.

    The workflow has one task, so approving it publishes the revision under review.
    Users who may not act on the task (anyone but librarians and superusers) get
    ``PermissionDenied``; a page not waiting for review gets ``ValidationError``.
    """
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Only librarians review library materials."))
    state, task = _current_task(page, user, "approve")
    task.on_action(state, user, "approve", comment=nfc(comment).strip())
    return _fresh(page)


@transaction.atomic
def item_request_changes(*, page, user, comment) -> LibraryItemPage:
    """Send a submitted item back to its author with ``comment`` (Wagtail's "Request changes").

    The page stays a draft; the author edits it and submits it again. ``comment`` is
    required: the author needs to know what to change.
    """
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Only librarians review library materials."))
    comment = nfc(comment).strip()
    state, task = _current_task(page, user, "reject")
    if not comment:
        raise ValidationError({"comment": _("Say what the author should change.")})
    task.on_action(state, user, "reject", comment=comment)
    return _fresh(page)


def _require_curator(user, *pages):
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Only librarians may do this."))
    for page in pages:
        if not page.permissions_for_user(user).can_publish():
            raise PermissionDenied(_("Only librarians may do this."))


def _retire(page, *, user, reason):
    if page.workflow_in_progress:
        # A rejected submission or a retired item should leave the review queue.
        page.current_workflow_state.cancel(user=user)
    if page.live:
        page.unpublish(user=user, log_action=True)
    now = timezone.now()
    # An update, not save(): saving a page writes every field and would also need a revision.
    type(page).objects.filter(pk=page.pk).update(retired_at=now)
    # update() sends no signal: tell the search index, which filters on retired_at.
    index.insert_or_update_object(_fresh(page))
    log(instance=page, action="library.retire", data={"reason": reason}, user=user)
    return now


@transaction.atomic
def item_retire(*, page, user, reason="") -> LibraryItemPage:
    """Retire a library item or case study: unpublish it and mark it retired, with a reason.

    The reason is kept in the page's history (log action ``library.retire``). A submission
    still in review leaves the review queue. Publishing the page again from the editor
    brings it back (its revisions predate the retirement). Librarians only
    (``PermissionDenied``); retiring a retired page raises ``ValidationError``.
    """
    _require_curator(user, page)
    page = _fresh(page)
    if page.retired_at is not None:
        raise ValidationError(_("This material is already retired."))
    _retire(page, user=user, reason=nfc(reason).strip())
    return _fresh(page)


# --- Merging duplicates ---------------------------------------------------------------------


def _rewrite(page, change, *, user):
    """Apply ``change`` to what readers see of ``page`` and to the draft editors will open.

    ``change(obj)`` edits an instance in memory and returns whether it changed anything.
    A page's content lives in its rows and in its revisions: the rows are saved, and a
    draft ahead of the published version gets a new revision with the same change, so
    publishing that draft later does not bring the old reference back.
    """
    page = _fresh(page)
    if change(page):
        page.save(clean=False)
    if page.has_unpublished_changes and page.latest_revision_id:
        draft = page.get_latest_revision_as_object()
        if change(draft):
            draft.save_revision(user=user, log_action=True, clean=False)


def _move_collection_entries(*, keep, duplicate):
    entries = list(
        LibraryCollectionEntry.objects.filter(page=duplicate).select_related("collection")
    )
    already = set(
        LibraryCollectionEntry.objects.filter(page=keep).values_list("collection_id", flat=True)
    )
    for entry in entries:
        if entry.collection_id in already:
            entry.delete()
        else:
            LibraryCollectionEntry.objects.filter(pk=entry.pk).update(page=keep)
            already.add(entry.collection_id)
    for collection in {entry.collection for entry in entries}:
        ReferenceIndex.create_or_update_for_object(collection)
    return len(entries)


def _replace_related(duplicate, keep):
    def change(case_study):
        ids = [item.pk for item in case_study.related_items.all()]
        if duplicate.pk not in ids:
            return False
        kept = [pk for pk in ids if pk != duplicate.pk]
        if keep.pk not in kept:
            kept.append(keep.pk)
        case_study.related_items = list(LibraryItemPage.objects.filter(pk__in=kept))
        return True

    return change


def _replace_replaced_by(duplicate, keep):
    def change(item):
        if item.replaced_by_id != duplicate.pk:
            return False
        item.replaced_by_id = keep.pk
        return True

    return change


def _absorb(duplicate):
    """Add the duplicate's subjects and keywords to an item; what ``keep`` receives."""
    subjects = list(duplicate.subjects.all())
    tag_names = set(duplicate.tags.names())

    def change(item):
        changed = False
        current = list(item.subjects.all())
        missing_subjects = [subject for subject in subjects if subject not in current]
        if missing_subjects:
            # Instances, not ids: modelcluster writes a list of ids straight to the database.
            item.subjects = [*current, *missing_subjects]
            changed = True
        missing = tag_names - set(item.tags.names())
        if missing:
            item.tags.add(*missing)
            changed = True
        return changed

    return change


def _redirect(*, duplicate, keep):
    parts = duplicate.get_url_parts()
    if parts is None:
        return None
    site_id, _root, path = parts
    old_path = Redirect.normalise_path(path)
    site = Site.objects.filter(pk=site_id).first()
    redirect, _created = Redirect.objects.update_or_create(
        old_path=old_path,
        site=site,
        defaults={
            "redirect_page": keep,
            "redirect_link": "",
            "redirect_page_route_path": "",
            "is_permanent": True,
            "automatically_created": True,
        },
    )
    # Links that already led to the duplicate now lead to the kept item.
    Redirect.objects.filter(redirect_page=duplicate).update(redirect_page=keep)
    return redirect


def _add_counts(*, keep, duplicate):
    counts = ItemCounter.objects.filter(page=duplicate).first()
    if counts is None or not (counts.views or counts.downloads):
        return
    ItemCounter.objects.get_or_create(page=keep)
    ItemCounter.objects.filter(page=keep).update(
        views=F("views") + counts.views, downloads=F("downloads") + counts.downloads
    )


@transaction.atomic
def items_merge(*, keep, duplicate, user) -> LibraryItemPage:
    """Merge ``duplicate`` into ``keep``: one item stays, readers and links follow it.

    Collection entries, case studies' related documents and "replaced by" pointers that
    name the duplicate are moved onto ``keep``; its subjects and keywords are added to
    ``keep``'s, and its view and download counts too. A permanent redirect sends the
    duplicate's address to ``keep``, and the duplicate is retired. All or nothing.
    Librarians only (``PermissionDenied``); merging an item into itself or into a
    retired item raises ``ValidationError``.
    """
    _require_curator(user, keep, duplicate)
    keep, duplicate = _fresh(keep), _fresh(duplicate)
    if not isinstance(keep, LibraryItemPage) or not isinstance(duplicate, LibraryItemPage):
        raise ValidationError(_("Only library items can be merged."))
    if keep.pk == duplicate.pk:
        raise ValidationError(_("Choose two different items to merge."))
    if keep.retired_at is not None:
        raise ValidationError(_("The item to keep is retired; choose another one."))
    if duplicate.retired_at is not None:
        raise ValidationError(_("The duplicate is already retired."))

    _move_collection_entries(keep=keep, duplicate=duplicate)

    related = _replace_related(duplicate, keep)
    through = CaseStudyPage.related_items.through
    case_ids = set(
        through.objects.filter(libraryitempage=duplicate).values_list("casestudypage_id", flat=True)
    )
    # Drafts ahead of the live version may name the duplicate without the rows knowing it.
    case_ids |= set(
        CaseStudyPage.objects.filter(has_unpublished_changes=True).values_list("pk", flat=True)
    )
    for case_study in CaseStudyPage.objects.filter(pk__in=case_ids):
        _rewrite(case_study, related, user=user)

    replaced = _replace_replaced_by(duplicate, keep)
    item_ids = set(
        LibraryItemPage.objects.filter(replaced_by=duplicate).values_list("pk", flat=True)
    )
    item_ids |= set(
        LibraryItemPage.objects.filter(has_unpublished_changes=True).values_list("pk", flat=True)
    )
    item_ids -= {duplicate.pk}
    for item in LibraryItemPage.objects.filter(pk__in=item_ids):
        _rewrite(item, replaced, user=user)

    _rewrite(keep, _absorb(duplicate), user=user)
    _add_counts(keep=keep, duplicate=duplicate)
    _redirect(duplicate=duplicate, keep=keep)
    reason = _("Merged into “%(title)s” (%(id)s).") % {"title": keep.title, "id": keep.pk}
    _retire(duplicate, user=user, reason=reason)
    log(
        instance=keep,
        action="library.merge",
        data={"duplicate": {"id": duplicate.pk, "title": duplicate.title}},
        user=user,
    )
    return _fresh(keep)
