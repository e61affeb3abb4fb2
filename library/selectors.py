"""Reads of the library: what a user may see, and search."""

from django.db.models import Count, F, Q

from library import access
from library import models as library_models

# Visibility: items_visible_to, case_studies_visible_to.

HOME_NEWEST = 20
HOME_CASE_STUDIES = 10
RELATED_ITEMS = 5


def _visible(queryset, *, user):
    """``queryset`` (of library items or case studies) narrowed to what ``user`` may read.

    Only filter fields of the search index are used (live, retired_at, visibility,
    owner_unit, path, owner), so the Search part may call ``.search()`` on the result.
    """
    queryset = queryset.live().filter(retired_at__isnull=True)
    if access.is_librarian(user):
        return queryset
    rule = Q(visibility=library_models.Visibility.PUBLIC)
    if getattr(user, "is_authenticated", False):
        rule |= Q(visibility=library_models.Visibility.SIGNED_IN)
        unit_id = access.user_unit_id(user)
        if unit_id is not None:
            rule |= Q(visibility=library_models.Visibility.UNIT, owner_unit=unit_id)
        editable = access.editable_pages_q(user)
        if editable is not None:
            rule |= editable
    return queryset.filter(rule)


def items_visible_to(*, user):
    """Live, not retired library items that ``user`` may read (see ``library.access``).

    Public ones for everyone; signed-in ones for any signed-in user; unit-only ones
    for the members of the owning unit; all of them for librarians, superusers and
    (those they may edit) editors.
    """
    return _visible(library_models.LibraryItemPage.objects.all(), user=user)


def case_studies_visible_to(*, user):
    """Live, not retired case studies that ``user`` may read: the rules of ``items_visible_to``."""
    return _visible(library_models.CaseStudyPage.objects.all(), user=user)


def library_home(*, user):
    """What the library home shows ``user``: featured collections (their readable entries,
    in order), the newest items and the case studies. Six queries, whatever the sizes."""
    collections = list(
        library_models.LibraryCollection.objects.filter(featured=True).prefetch_related("entries")
    )
    page_ids = {entry.page_id for collection in collections for entry in collection.entries.all()}
    readable = {}
    if page_ids:
        readable.update(
            (item.pk, item)
            for item in items_visible_to(user=user)
            .filter(pk__in=page_ids)
            .select_related("material_type")
        )
        readable.update(
            (case.pk, case) for case in case_studies_visible_to(user=user).filter(pk__in=page_ids)
        )
    for collection in collections:
        collection.readable_entries = [
            readable[entry.page_id]
            for entry in collection.entries.all()
            if entry.page_id in readable
        ]
    newest = list(
        items_visible_to(user=user)
        .select_related("material_type", "issuing_body")
        .order_by("-first_published_at", "-pk")[:HOME_NEWEST]
    )
    case_studies = list(
        case_studies_visible_to(user=user).order_by("-first_published_at", "-pk")[
            :HOME_CASE_STUDIES
        ]
    )
    return {
        "collections": [collection for collection in collections if collection.readable_entries],
        "newest": newest,
        "case_studies": case_studies,
    }


def item_related(*, item, user, limit=RELATED_ITEMS):
    """Up to ``limit`` items ``user`` may read that share a subject with ``item``, or its
    type and issuing body; those sharing more subjects first. One query."""
    subject_ids = [subject.pk for subject in item.subjects.all()]
    same_kind = Q(material_type=item.material_type_id) if item.material_type_id else None
    if same_kind is not None and item.issuing_body_id:
        same_kind &= Q(issuing_body=item.issuing_body_id)
    queryset = items_visible_to(user=user).exclude(pk=item.pk)
    queryset = queryset.annotate(
        shared=Count("subjects", filter=Q(subjects__in=subject_ids), distinct=True)
    )
    rule = Q(shared__gt=0) if subject_ids else None
    if same_kind is not None:
        rule = same_kind if rule is None else rule | same_kind
    if rule is None:
        return []
    return list(
        queryset.filter(rule)
        .select_related("material_type")
        .order_by("-shared", F("issue_date").desc(nulls_last=True), "-first_published_at", "-pk")[
            :limit
        ]
    )


def item_reading(*, item, user):
    """What an item page shows besides its own fields, for ``user``: the replacing item
    (if they may read it), related items, case studies citing it and its counts."""
    replaced_by = None
    if item.replaced_by_id:
        replaced_by = items_visible_to(user=user).filter(pk=item.replaced_by_id).first()
    counter = library_models.ItemCounter.objects.filter(page=item.pk).first()
    return {
        "replaced_by": replaced_by,
        "related": item_related(item=item, user=user),
        "case_studies": list(
            case_studies_visible_to(user=user).filter(related_items=item).order_by("title")
        ),
        "views": counter.views if counter else 0,
        "downloads": counter.downloads if counter else 0,
    }


def case_study_reading(*, case, user):
    """What a case study page shows besides its fields: the related legal documents
    ``user`` may read, and whether they may see the suggested analysis."""
    return {
        "related": list(
            items_visible_to(user=user)
            .filter(case_studies=case)
            .select_related("material_type")
            .order_by("title")
        ),
        "show_analysis": can_see_analysis(user=user),
    }


def can_see_analysis(*, user) -> bool:
    """Whether ``user`` may see a case study's suggested analysis: staff of the admin
    (lecturers, librarians, managers) and superusers, never learners or guests."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.has_perm("wagtailadmin.access_admin")
    )


# Search.


def library_search(
    *,
    query: str,
    user,
    filters: dict | None = None,
    sort: str = "relevance",
    page: int | str = 1,
    per_page: int = 20,
    request=None,
):
    """Search the library items and case studies ``user`` may read, Vietnamese-aware.

    ``query`` matches with or without diacritics ("quan ly nha nuoc", "QUẢN LÝ NHÀ NƯỚC"
    and NFD text all find "quản lý nhà nước"); exact diacritics rank first; "quoted
    phrases" must appear as such. ``filters`` maps kind ("item"/"case"), type, issuer,
    year, subject, rank and unit to lists of values (several values of one filter: any
    of them). ``sort`` is relevance, newest or title (Vietnamese alphabetical order).

    Returns a ``library.search.LibrarySearchResult``: the page's results (dicts with
    kind, id, title, url, type_label, snippet (escaped HTML, matches in <mark>), date,
    year, document_number, issuing_body), total, page, pages, and the facets — for each
    filter a list of (value, label, count) over every hit ``user`` may see, each facet
    counted without its own filter. ``per_page`` (1–100) sizes the page; ``request``,
    when given, makes the URLs site-relative as Wagtail's ``pageurl`` does. A page past
    the last shows the last. Raises ``library.search.SearchParamError`` for bad filters,
    sort, page or per_page. A fixed number of queries, however many hits are shown.
    """
    from library.search import run_search

    return run_search(
        items=items_visible_to(user=user),
        cases=case_studies_visible_to(user=user),
        query=query or "",
        filters=filters or {},
        sort=sort,
        page=page,
        per_page=per_page,
        request=request,
    )
