"""Curation services: submit, review, retire and merge library items."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from library import duplicates, services
from library.models import (
    CaseStudyPage,
    ItemCounter,
    LibraryCollection,
    LibraryCollectionEntry,
    LibraryItemPage,
    MaterialType,
    Subject,
    Visibility,
)
from library.selectors import library_search
from tests.factories import ProfileFactory, learner, lecturer, librarian, manager
from tests.library.builders import make_case_study, make_document, make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return ProfileFactory(user=lecturer()).user


@pytest.fixture
def curator():
    return librarian()


def _submit(parent, user, **fields):
    fields.setdefault("title", "Nghị định 89/2021/NĐ-CP về đào tạo, bồi dưỡng")
    fields.setdefault("material_type", MaterialType.objects.get(code="nghi-dinh"))
    fields.setdefault("external_url", "https://vanban.chinhphu.vn/89-2021")
    return services.item_submit(parent=parent, user=user, **fields)


def _counts():
    return (
        LibraryItemPage.objects.count(),
        WorkflowState.objects.count(),
        PageLogEntry.objects.count(),
    )


# --- Submitting -----------------------------------------------------------------------------


def test_submit_creates_a_draft_waiting_for_the_librarians(library_index, author, curator):
    subject = Subject.objects.create(name="Đào tạo, bồi dưỡng")
    document = make_document("Nghị định 89", None)
    page = _submit(
        library_index,
        author,
        document=document,
        external_url="",
        document_number="89/2021/NĐ-CP",
        subjects=[subject],
        tags=["bồi dưỡng"],
    )

    page.refresh_from_db()
    assert not page.live
    assert page.get_parent().pk == library_index.pk
    assert page.owner == author
    assert page.owner_unit == author.profile.unit
    assert page.visibility == Visibility.PUBLIC
    assert page.slug == "nghi-dinh-892021nd-cp-ve-dao-tao-boi-duong"
    assert page.latest_revision is not None
    assert page.workflow_in_progress
    assert page.current_workflow_task.name == "Thủ thư duyệt"
    draft = page.get_latest_revision_as_object()
    assert list(draft.subjects.all()) == [subject]
    assert list(draft.tags.names()) == ["bồi dưỡng"]
    # In the librarians' "Awaiting your review", and in the curation queue.
    assert (
        TaskState.objects.reviewable_by(curator)
        .filter(workflow_state__object_id=str(page.pk))
        .exists()
    )
    assert [
        row.page_id for row in duplicates.queue_rows(duplicates.review_queue(user=curator))
    ] == [page.pk]


def test_submit_takes_visibility_and_unit_from_the_fields(library_index, author):
    other = ProfileFactory().unit
    page = _submit(library_index, author, visibility=Visibility.UNIT, owner_unit=other)
    assert (page.visibility, page.owner_unit) == (Visibility.UNIT, other)


def test_managers_may_submit(library_index):
    page = _submit(library_index, ProfileFactory(user=manager()).user)
    assert page.workflow_in_progress and not page.live


@pytest.mark.parametrize("make_user", [learner, lambda: AnonymousUser(), lambda: None])
def test_learners_and_guests_may_not_submit(library_index, make_user):
    before = _counts()
    with pytest.raises(PermissionDenied):
        _submit(library_index, make_user())
    assert _counts() == before


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"title": "   "}, "title"),
        ({"external_url": ""}, "document"),
        ({"material_type": None}, "material_type"),
        ({"external_url": "not a link"}, "external_url"),
    ],
)
def test_bad_input_changes_nothing(library_index, author, fields, error_field):
    before = _counts()
    with translation.override("vi"), pytest.raises(ValidationError) as raised:
        _submit(library_index, author, **fields)
    assert error_field in raised.value.message_dict
    assert all(raised.value.message_dict[error_field])
    assert _counts() == before


def test_own_unit_visibility_needs_a_unit(library_index):
    before = _counts()
    with pytest.raises(ValidationError) as raised:
        _submit(library_index, lecturer(), visibility=Visibility.UNIT)
    assert "owner_unit" in raised.value.message_dict
    assert _counts() == before


# --- Reviewing ------------------------------------------------------------------------------


def test_a_librarian_approves_and_the_item_is_published(client, library_index, author, curator):
    page = _submit(library_index, author)
    published = services.item_approve(page=page, user=curator, comment="Đủ thông tin.")

    assert published.live
    assert not published.workflow_in_progress
    state = TaskState.objects.get(workflow_state__object_id=str(page.pk))
    assert (state.status, state.finished_by, state.comment) == (
        TaskState.STATUS_APPROVED,
        curator,
        "Đủ thông tin.",
    )
    assert client.get(published.url).status_code == 200


@pytest.mark.parametrize("make_user", [lecturer, manager, learner])
def test_only_librarians_approve(library_index, author, make_user):
    page = _submit(library_index, author)
    with pytest.raises(PermissionDenied):
        services.item_approve(page=page, user=make_user())
    page.refresh_from_db()
    assert not page.live and page.workflow_in_progress


def test_the_author_may_not_approve_their_own_submission(library_index, author):
    page = _submit(library_index, author)
    with pytest.raises(PermissionDenied):
        services.item_approve(page=page, user=author)


def test_approving_what_is_not_in_review_is_refused(library_index, curator):
    item = make_item()
    with pytest.raises(ValidationError):
        services.item_approve(page=item, user=curator)
    with pytest.raises(PermissionDenied):
        services.item_approve(page=item, user=lecturer())


def test_request_changes_sends_the_draft_back(library_index, author, curator):
    page = _submit(library_index, author)
    with pytest.raises(ValidationError):
        services.item_request_changes(page=page, user=curator, comment="  ")
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    page = services.item_request_changes(page=page, user=curator, comment="Thiếu số hiệu.")
    assert not page.live
    workflow_state = WorkflowState.objects.get(object_id=str(page.pk))
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert workflow_state.current_task_state.comment == "Thiếu số hiệu."
    assert not duplicates.review_queue(user=curator).exists()
    with pytest.raises(PermissionDenied):
        services.item_request_changes(page=page, user=lecturer(), comment="x")


# --- Retiring -------------------------------------------------------------------------------


def test_retire_hides_the_item_and_keeps_the_reason(client, library_index, curator):
    item = make_item(title="Nghị định 101/2017/NĐ-CP")
    url = item.url
    assert client.get(url).status_code == 200

    assert library_search(query="nghi dinh 101", user=curator).total == 1
    retired = services.item_retire(page=item, user=curator, reason="Đã được thay thế.")

    assert not retired.live and retired.retired_at is not None
    assert client.get(url).status_code == 404
    # Not even librarians find it in the library's search any more.
    assert library_search(query="nghi dinh 101", user=curator).total == 0
    entry = PageLogEntry.objects.get(page=item, action="library.retire")
    assert entry.data == {"reason": "Đã được thay thế."}
    assert entry.user == curator
    assert entry.comment == "Đã được thay thế."
    with pytest.raises(ValidationError):
        services.item_retire(page=retired, user=curator)


def test_publishing_a_retired_item_again_brings_it_back(library_index, curator):
    item = services.item_retire(page=make_item(), user=curator, reason="Nhầm.")
    # What the editor's "Publish" does: publish the latest revision, written before retiring.
    item.get_latest_revision().publish(user=curator)
    item.refresh_from_db()
    assert item.live and item.retired_at is None


def test_case_studies_can_be_retired(library_index, curator):
    case = make_case_study()
    retired = services.item_retire(page=case, user=curator, reason="Cũ.")
    assert isinstance(retired, CaseStudyPage) and retired.retired_at and not retired.live


@pytest.mark.parametrize("make_user", [lecturer, manager, learner])
def test_only_librarians_retire(library_index, make_user):
    item = make_item()
    with pytest.raises(PermissionDenied):
        services.item_retire(page=item, user=make_user(), reason="x")
    item.refresh_from_db()
    assert item.live and item.retired_at is None


def test_rejecting_a_submission_takes_it_out_of_the_queue(library_index, author, curator):
    page = _submit(library_index, author)
    services.item_retire(page=page, user=curator, reason="Không phù hợp.")
    page.refresh_from_db()
    assert page.retired_at and not page.live and not page.workflow_in_progress
    assert not duplicates.review_queue(user=curator).exists()


# --- Duplicates -----------------------------------------------------------------------------


def test_same_number_ignores_case_spaces_and_diacritics(library_index):
    first = make_item(document_number="89/2021/NĐ-CP")
    second = make_item(document_number=" 89/2021/nd-cp")
    make_item(document_number="101/2017/NĐ-CP")
    retired = make_item(document_number="89/2021/ND-CP")
    LibraryItemPage.objects.filter(pk=retired.pk).update(retired_at="2026-01-01T00:00Z")

    assert list(duplicates.items_with_same_number(page=first)) == [second]
    assert list(duplicates.items_with_same_number(page=LibraryItemPage(document_number=""))) == []
    # An unsaved draft, typed with spaces, matches both.
    draft = LibraryItemPage(document_number="89 / 2021 / NĐ-CP")
    assert list(duplicates.items_with_same_number(page=draft)) == [first, second]


# --- Merging --------------------------------------------------------------------------------


def _entry(collection, page, order=0):
    # Not collection.entries.create(): modelcluster keeps that in memory until the next save.
    return LibraryCollectionEntry.objects.create(collection=collection, page=page, sort_order=order)


def _entries(collection):
    return list(
        LibraryCollectionEntry.objects.filter(collection=collection).values_list(
            "page_id", flat=True
        )
    )


@pytest.fixture
def pair(library_index):
    law = MaterialType.objects.get(code="nghi-dinh")
    first, second = Subject.objects.create(name="Công vụ"), Subject.objects.create(name="Đào tạo")
    keep = make_item(
        title="Nghị định 89/2021/NĐ-CP",
        document_number="89/2021/NĐ-CP",
        material_type=law,
        subjects=[first],
        tags=["bồi dưỡng"],
    )
    duplicate = make_item(
        title="Nghị định số 89",
        slug="nghị-định-số-89",  # the admin's slugs keep diacritics; so must the redirect
        document_number="89/2021/nd-cp",
        material_type=law,
        subjects=[second],
        tags=["đào tạo"],
    )
    return keep, duplicate


def test_merge_moves_references_redirects_and_retires(client, library_index, curator, pair):
    keep, duplicate = pair
    old_url = duplicate.url
    both = LibraryCollection.objects.create(title="Văn bản về đào tạo", slug="dao-tao")
    _entry(both, keep, 0)
    _entry(both, duplicate, 1)
    only = LibraryCollection.objects.create(title="Văn bản mới", slug="moi")
    _entry(only, duplicate, 0)
    case = make_case_study(related_items=[duplicate])
    replaced = make_item(document_number="101/2017/NĐ-CP", replaced_by=duplicate)
    ItemCounter.objects.create(page=duplicate, views=5, downloads=2)
    ItemCounter.objects.create(page=keep, views=10, downloads=1)

    result = services.items_merge(keep=keep, duplicate=duplicate, user=curator)

    assert result.pk == keep.pk and result.live
    assert _entries(both) == [keep.pk]
    assert _entries(only) == [keep.pk]
    assert list(CaseStudyPage.objects.get(pk=case.pk).related_items.all()) == [keep]
    assert LibraryItemPage.objects.get(pk=replaced.pk).replaced_by_id == keep.pk
    kept = LibraryItemPage.objects.get(pk=keep.pk)
    assert {s.name for s in kept.subjects.all()} == {"Công vụ", "Đào tạo"}
    assert set(kept.tags.names()) == {"bồi dưỡng", "đào tạo"}
    assert ItemCounter.objects.get(page=keep).views == 15
    duplicate.refresh_from_db()
    assert not duplicate.live and duplicate.retired_at is not None
    assert PageLogEntry.objects.filter(page=duplicate, action="library.retire").exists()
    assert PageLogEntry.objects.filter(page=keep, action="library.merge").exists()

    redirect = Redirect.objects.get(redirect_page=keep)
    assert redirect.is_permanent
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith(keep.url)


def test_merge_reaches_drafts_ahead_of_the_live_version(library_index, curator, pair):
    keep, duplicate = pair
    case = make_case_study(related_items=[duplicate])
    draft = case.get_latest_revision_as_object()
    draft.title = "Tình huống đang sửa"
    draft.save_revision(user=curator)

    services.items_merge(keep=keep, duplicate=duplicate, user=curator)

    case = CaseStudyPage.objects.get(pk=case.pk)
    assert list(case.related_items.all()) == [keep]
    latest = case.get_latest_revision_as_object()
    assert latest.title == "Tình huống đang sửa"
    assert [item.pk for item in latest.related_items.all()] == [keep.pk]


@pytest.mark.parametrize("make_user", [lecturer, manager])
def test_only_librarians_merge(library_index, pair, make_user):
    keep, duplicate = pair
    entry = _entry(LibraryCollection.objects.create(title="Bộ sưu tập", slug="bst"), duplicate)
    with pytest.raises(PermissionDenied):
        services.items_merge(keep=keep, duplicate=duplicate, user=make_user())
    duplicate.refresh_from_db()
    assert duplicate.live and duplicate.retired_at is None
    assert LibraryCollectionEntry.objects.get(pk=entry.pk).page_id == duplicate.pk
    assert not Redirect.objects.exists()


def test_merge_refuses_bad_pairs(library_index, curator, pair):
    keep, duplicate = pair
    with pytest.raises(ValidationError):
        services.items_merge(keep=keep, duplicate=keep, user=curator)
    services.item_retire(page=keep, user=curator, reason="x")
    tags_before = Tag.objects.count()
    with pytest.raises(ValidationError):
        services.items_merge(keep=keep, duplicate=duplicate, user=curator)
    duplicate.refresh_from_db()
    assert duplicate.live and duplicate.retired_at is None
    assert Tag.objects.count() == tags_before
    assert not Redirect.objects.exists()


def test_merge_is_all_or_nothing(library_index, curator, pair, monkeypatch):
    keep, duplicate = pair
    case = make_case_study(related_items=[duplicate])

    def fail(**kwargs):
        raise RuntimeError("redirect failed")

    monkeypatch.setattr(services, "_redirect", fail)
    with pytest.raises(RuntimeError):
        services.items_merge(keep=keep, duplicate=duplicate, user=curator)
    assert list(CaseStudyPage.objects.get(pk=case.pk).related_items.all()) == [duplicate]
    assert {s.name for s in LibraryItemPage.objects.get(pk=keep.pk).subjects.all()} == {"Công vụ"}
