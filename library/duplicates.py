"""Reads of the librarians' curation screens: who curates, duplicates, the review queue.

Writes are in ``library.services``; the screens are in ``library.admin``.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Min
from wagtail.models import Page, TaskState, WorkflowState

from library.models import (
    CaseStudyPage,
    LibraryIndexPage,
    LibraryItemPage,
    MaterialType,
    document_number_key,
)
from lms.models import TrainingUnit

_CACHE_ATTR = "_library_may_curate"


def may_curate(*, user) -> bool:
    """Whether ``user`` curates the library: publishes in it (librarians) or is a superuser.

    Cached on the user object: the menu and the view both ask during one request.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = any(
            index.permissions_for_user(user).can_publish_subpage()
            for index in LibraryIndexPage.objects.all()
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def items_with_same_number(*, page):
    """The other library items, not retired, whose document number matches ``page``'s.

    Numbers are compared by ``document_number_key`` (folded, no spaces), so "89/2021/NĐ-CP"
    and "89/2021/nd-cp" match. ``page`` may be an unsaved draft; an empty number has no
    duplicates.
    """
    key = document_number_key(page.document_number)
    if not key:
        return LibraryItemPage.objects.none()
    items = LibraryItemPage.objects.filter(document_number_key=key, retired_at__isnull=True)
    if page.pk:
        items = items.exclude(pk=page.pk)
    return items.select_related("owner_unit", "material_type").order_by("pk")


def numbers_taken(*, keys) -> dict:
    """For each document number key, the ids of the items (not retired) that carry it."""
    keys = {key for key in keys if key}
    taken = {}
    if keys:
        rows = LibraryItemPage.objects.filter(
            document_number_key__in=keys, retired_at__isnull=True
        ).values_list("document_number_key", "pk")
        for key, pk in rows:
            taken.setdefault(key, set()).add(pk)
    return taken


def duplicate_groups():
    """Document number keys carried by more than one item (not retired), oldest group first.

    A queryset of dicts with ``document_number_key``, ``count`` and ``first_id``; paginate
    it, then load the items of one page of groups with ``items_for_keys``.
    """
    return (
        LibraryItemPage.objects.filter(retired_at__isnull=True)
        .exclude(document_number_key="")
        .values("document_number_key")
        .annotate(count=Count("pk"), first_id=Min("pk"))
        .filter(count__gt=1)
        .order_by("first_id")
    )


def items_for_keys(*, keys):
    """The items (not retired) carrying these number keys, with what the list shows."""
    return (
        LibraryItemPage.objects.filter(document_number_key__in=list(keys), retired_at__isnull=True)
        .select_related("owner_unit", "material_type", "issuing_body", "owner")
        .order_by("document_number_key", "first_published_at", "pk")
    )


# --- The review queue ---------------------------------------------------------------------


@dataclass
class QueueRow:
    """One submission waiting for a librarian, described from the revision under review."""

    task_state: TaskState
    page_id: int
    kind: str  # "item" or "case_study"
    title: str
    submitter: object
    submitted_at: object
    unit: object = None
    material_type: object = None
    document_number: str = ""
    duplicate_ids: set = field(default_factory=set)
    is_new: bool = True

    @property
    def has_duplicates(self):
        return bool(self.duplicate_ids)


def _library_content_types():
    return ContentType.objects.get_for_models(LibraryItemPage, CaseStudyPage)


def review_queue(*, user):
    """Task states of library pages waiting in a workflow task ``user`` may approve.

    The oldest submission first. Empty for users who moderate nothing. Turn a page of it
    into rows with ``queue_rows``.
    """
    types = _library_content_types()
    return (
        TaskState.objects.reviewable_by(user)
        .filter(
            workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
            workflow_state__content_type__in=types.values(),
            workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        )
        .select_related("workflow_state__requested_by__profile", "revision", "task")
        .order_by("started_at", "pk")
    )


def queue_rows(task_states):
    """Rows of the review queue, in a number of queries that does not grow with the rows.

    The title, number, unit and type come from the revision under review, not the live
    page: for an edit of a published item, the revision is what the librarian approves.
    """
    task_states = list(task_states)
    types = _library_content_types()
    case_type_id = types[CaseStudyPage].pk
    page_ids = [int(state.workflow_state.object_id) for state in task_states]
    published = set(
        Page.objects.filter(pk__in=page_ids, first_published_at__isnull=False).values_list(
            "pk", flat=True
        )
    )
    rows = []
    for state in task_states:
        content = state.revision.content or {}
        page_id = int(state.workflow_state.object_id)
        is_case = state.workflow_state.content_type_id == case_type_id
        rows.append(
            QueueRow(
                task_state=state,
                page_id=page_id,
                kind="case_study" if is_case else "item",
                title=content.get("title") or state.revision.object_str,
                submitter=state.workflow_state.requested_by,
                submitted_at=state.started_at,
                unit=content.get("owner_unit"),
                material_type=None if is_case else content.get("material_type"),
                document_number="" if is_case else (content.get("document_number") or ""),
                is_new=page_id not in published,
            )
        )
    units = TrainingUnit.objects.in_bulk({row.unit for row in rows if row.unit})
    material_types = MaterialType.objects.in_bulk(
        {row.material_type for row in rows if row.material_type}
    )
    taken = numbers_taken(keys={document_number_key(row.document_number) for row in rows})
    for row in rows:
        row.unit = units.get(row.unit)
        row.material_type = material_types.get(row.material_type)
        holders = taken.get(document_number_key(row.document_number), set())
        row.duplicate_ids = holders - {row.page_id}
    return rows
