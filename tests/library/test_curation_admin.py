"""The librarians' screens in the Wagtail admin: queue, review, duplicates, merge, retire,
snippets, and the item editor's duplicate warnings."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from library import admin as curation_admin
from library import services
from library.forms import DuplicatesPanel, LibraryItemPageForm
from library.models import LibraryItemPage, MaterialType
from tests.factories import ProfileFactory, learner, lecturer, librarian, manager
from tests.library.builders import make_item

pytestmark = pytest.mark.django_db

QUEUE = "library_curation:queue"
DUPLICATES = "library_curation:duplicates"


@pytest.fixture
def curator(client):
    user = ProfileFactory(user=librarian()).user
    return user


@pytest.fixture
def author():
    return ProfileFactory(user=lecturer()).user


def _submit(parent, user, number=None, title=None):
    return services.item_submit(
        parent=parent,
        user=user,
        title=title or f"Văn bản {number or 'không số'}",
        material_type=MaterialType.objects.get(code="quyet-dinh"),
        document_number=number or "",
        external_url="https://vanban.example.vn/",
    )


def _denied(response):
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard.
    return response.status_code in (302, 403) and (
        response.status_code == 403 or response["Location"] == reverse("wagtailadmin_home")
    )


# --- Who may open the screens ---------------------------------------------------------------


@pytest.mark.parametrize("make_user", [lecturer, manager])
def test_others_may_not_open_the_curation_screens(client, library_index, make_user):
    keep = make_item(document_number="749/QĐ-TTg")
    duplicate = make_item(document_number="749/QĐ-TTg")
    client.force_login(make_user())
    for url in (
        reverse(QUEUE),
        reverse(DUPLICATES),
        reverse("library_curation:merge", args=[duplicate.pk, keep.pk]),
        reverse("library_curation:retire", args=[keep.pk]),
        reverse("library_curation:review", args=[keep.pk]),
    ):
        assert _denied(client.get(url)), url
    assert _denied(client.post(reverse("library_curation:merge", args=[duplicate.pk, keep.pk])))
    assert _denied(client.post(reverse("library_curation:retire", args=[keep.pk]), {"reason": "x"}))
    duplicate.refresh_from_db()
    keep.refresh_from_db()
    assert duplicate.live and keep.live and duplicate.retired_at is None
    assert not Redirect.objects.exists()


def test_learners_and_guests_do_not_reach_the_admin(client, library_index):
    url = reverse(QUEUE)
    assert client.get(url).status_code == 302  # to the admin login
    client.force_login(learner())
    assert client.get(url).status_code in (302, 403)


def test_the_menu_shows_the_curation_screens_to_librarians_only(client, curator):
    client.force_login(curator)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(QUEUE) in home and reverse(DUPLICATES) in home
    client.force_login(lecturer())
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(QUEUE) not in home and reverse(DUPLICATES) not in home


@pytest.mark.parametrize("model", ["materialtype", "issuingbody", "subject", "librarycollection"])
def test_snippets_are_managed_by_librarians_only(client, curator, model):
    url = reverse(f"wagtailsnippets_library_{model}:list")
    client.force_login(curator)
    assert client.get(url).status_code == 200
    assert client.get(reverse(f"wagtailsnippets_library_{model}:add")).status_code == 200
    for other in (lecturer(), manager()):
        client.force_login(other)
        assert _denied(client.get(url))
        assert _denied(client.get(reverse(f"wagtailsnippets_library_{model}:add")))


def test_librarians_add_a_material_type(client, curator):
    client.force_login(curator)
    response = client.post(
        reverse("wagtailsnippets_library_materialtype:add"),
        {"code": "ke-hoach", "name": "Kế hoạch", "is_legal": "on", "sort_order": "30"},
    )
    assert response.status_code == 302
    assert MaterialType.objects.get(code="ke-hoach").is_legal
    listing = client.get(reverse("wagtailsnippets_library_materialtype:list"), {"q": "Kế hoạch"})
    assert "Kế hoạch" in listing.content.decode()


# --- The queue ------------------------------------------------------------------------------


def test_the_queue_lists_submissions_and_flags_duplicates(client, library_index, author, curator):
    make_item(title="Quyết định 749/QĐ-TTg", document_number="749/QĐ-TTg")
    flagged = _submit(library_index, author, "749/qđ-ttg", "Chương trình chuyển đổi số")
    plain = _submit(library_index, author, "942/QĐ-TTg", "Chiến lược chính phủ điện tử")
    client.force_login(curator)

    response = client.get(reverse(QUEUE))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Chương trình chuyển đổi số" in html and "Chiến lược chính phủ điện tử" in html
    assert author.profile.full_name in html and str(author.profile.unit) in html
    assert html.count("data-duplicate") == 1
    flagged_row = html.split(f'data-page-id="{flagged.pk}"')[1].split("</tr>")[0]
    assert "data-duplicate" in flagged_row
    plain_row = html.split(f'data-page-id="{plain.pk}"')[1].split("</tr>")[0]
    assert "data-duplicate" not in plain_row
    assert reverse("library_curation:review", args=[flagged.pk]) in html
    assert reverse("wagtailadmin_pages:edit", args=[flagged.pk]) in html


def test_an_empty_queue_says_so(client, curator):
    client.force_login(curator)
    assert "data-empty" in client.get(reverse(QUEUE)).content.decode()


def test_queue_queries_do_not_grow_with_submissions(client, library_index, curator):
    authors = [ProfileFactory(user=lecturer()).user for _ in range(3)]
    for index in range(3):
        _submit(library_index, authors[index % 3], f"{index}/2026/QĐ")
    client.force_login(curator)
    client.get(reverse(QUEUE))  # warm the per-process caches (content types, site)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(QUEUE)).status_code == 200
    for index in range(3, 12):
        _submit(library_index, authors[index % 3], f"{index % 4}/2026/QĐ")
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse(QUEUE))
    assert response.content.decode().count("data-page-id=") == 12
    assert len(many.captured_queries) == len(few.captured_queries)


# --- Reviewing ------------------------------------------------------------------------------


def test_the_review_screen_shows_the_submission_and_its_duplicates(
    client, library_index, author, curator
):
    existing = make_item(title="Nghị định 89/2021/NĐ-CP", document_number="89/2021/NĐ-CP")
    page = _submit(library_index, author, "89/2021/nđ-cp", "Nghị định về đào tạo công chức")
    client.force_login(curator)
    response = client.get(reverse("library_curation:review", args=[page.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nghị định về đào tạo công chức" in html and "data-duplicates" in html
    assert reverse("library_curation:merge", args=[page.pk, existing.pk]) in html


def test_approving_from_the_review_screen_publishes(client, library_index, author, curator):
    page = _submit(library_index, author, "52-NQ/TW")
    client.force_login(curator)
    response = client.post(
        reverse("library_curation:review", args=[page.pk]), {"action": "approve", "comment": ""}
    )
    assert response.status_code == 302 and response["Location"] == reverse(QUEUE)
    page.refresh_from_db()
    assert page.live and not page.workflow_in_progress


def test_asking_for_changes_needs_a_comment(client, library_index, author, curator):
    page = _submit(library_index, author)
    url = reverse("library_curation:review", args=[page.pk])
    client.force_login(curator)
    response = client.post(url, {"action": "request_changes", "comment": " "})
    assert response.status_code == 200 and "error-message" in response.content.decode()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    response = client.post(url, {"action": "request_changes", "comment": "Bổ sung tệp PDF."})
    assert response.status_code == 302
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == "needs_changes"


def test_rejecting_retires_the_submission(client, library_index, author, curator):
    page = _submit(library_index, author)
    client.force_login(curator)
    client.post(
        reverse("library_curation:review", args=[page.pk]),
        {"action": "reject", "comment": "Trùng với văn bản đã có."},
    )
    page.refresh_from_db()
    assert page.retired_at and not page.workflow_in_progress and not page.live


def test_reviewing_what_is_not_in_review_goes_back_to_the_queue(client, library_index, curator):
    item = make_item()
    client.force_login(curator)
    response = client.get(reverse("library_curation:review", args=[item.pk]))
    assert response.status_code == 302 and response["Location"] == reverse(QUEUE)


# --- Duplicates, merging and retiring -------------------------------------------------------


def test_duplicates_screen_groups_items_and_merges(client, library_index, curator):
    keep = make_item(title="Nghị định 101/2017/NĐ-CP", document_number="101/2017/NĐ-CP")
    duplicate = make_item(
        title="NĐ 101 năm 2017", slug="nđ-101-năm-2017", document_number="101/2017/nđ-cp"
    )
    make_item(document_number="89/2021/NĐ-CP")
    client.force_login(curator)

    html = client.get(reverse(DUPLICATES)).content.decode()
    assert html.count("library-duplicates__group") == 1
    merge_url = reverse("library_curation:merge", args=[duplicate.pk, keep.pk])
    assert merge_url in html

    confirm = client.get(merge_url)
    assert confirm.status_code == 200
    assert "/thu-vien/nđ-101-năm-2017/" in confirm.content.decode()
    response = client.post(merge_url)
    assert response.status_code == 302 and response["Location"] == reverse(DUPLICATES)
    duplicate.refresh_from_db()
    assert duplicate.retired_at and not duplicate.live
    assert Redirect.objects.get().redirect_page_id == keep.pk
    assert "data-empty" in client.get(reverse(DUPLICATES)).content.decode()


def test_merging_an_item_into_itself_shows_the_error(client, library_index, curator):
    item = make_item(document_number="1/2020/NĐ-CP")
    client.force_login(curator)
    response = client.post(reverse("library_curation:merge", args=[item.pk, item.pk]))
    assert response.status_code == 200 and "help-critical" in response.content.decode()
    item.refresh_from_db()
    assert item.live and item.retired_at is None


def test_duplicates_queries_do_not_grow_with_groups(client, library_index, curator):
    for number in range(2):
        make_item(document_number=f"{number}/2020/NĐ-CP")
        make_item(document_number=f"{number}/2020/NĐ-CP")
    client.force_login(curator)
    client.get(reverse(DUPLICATES))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(DUPLICATES))
    for number in range(2, 8):
        make_item(document_number=f"{number}/2020/NĐ-CP")
        make_item(document_number=f"{number}/2020/NĐ-CP")
    with CaptureQueriesContext(connection) as many:
        html = client.get(reverse(DUPLICATES)).content.decode()
    assert html.count("library-duplicates__group") == 8
    assert len(many.captured_queries) == len(few.captured_queries)


def test_retire_screen_needs_a_reason(client, library_index, curator):
    item = make_item()
    url = reverse("library_curation:retire", args=[item.pk])
    client.force_login(curator)
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.live
    response = client.post(url, {"reason": "Hết hiệu lực."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert not item.live and item.retired_at


def test_retire_is_offered_on_library_pages_to_librarians(client, library_index, curator):
    item = make_item()
    client.force_login(curator)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[item.pk])).content.decode()
    assert reverse("library_curation:retire", args=[item.pk]) in edit
    client.force_login(ProfileFactory(user=lecturer()).user)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[item.pk])).content.decode()
    assert reverse("library_curation:retire", args=[item.pk]) not in edit


# --- The item editor ------------------------------------------------------------------------


@pytest.fixture
def item_editor(monkeypatch):
    """The item editor as the model is to declare it: ``base_form_class =
    LibraryItemPageForm`` and ``DuplicatesPanel()`` first in ``content_panels``. Patched in
    until the model has these lines; a no-op afterwards."""
    if LibraryItemPage.base_form_class is not LibraryItemPageForm:
        monkeypatch.setattr(LibraryItemPage, "base_form_class", LibraryItemPageForm)
    panels = LibraryItemPage.content_panels
    if not any(isinstance(panel, DuplicatesPanel) for panel in panels):
        monkeypatch.setattr(LibraryItemPage, "content_panels", [DuplicatesPanel(), *panels])
    LibraryItemPage.get_edit_handler.cache_clear()
    yield
    LibraryItemPage.get_edit_handler.cache_clear()


def _item_form(**fields):
    data = {
        "title": "Quyết định 749/QĐ-TTg",
        "slug": "quyet-dinh-749",
        "summary": "",
        "external_url": "https://vanban.example.vn/749",
        "embed_url": "",
        "material_type": str(MaterialType.objects.get(code="quyet-dinh").pk),
        "document_number": "749/QĐ-TTg",
        "authors": "",
        "publisher": "",
        "language": "vi",
        "licence": "",
        "legal_status": "",
        "tags": "",
        "visibility": "public",
        "comments": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


def test_a_lecturer_submits_from_the_editor_and_sees_duplicates(
    client, library_index, author, item_editor
):
    make_item(title="Quyết định 749/QĐ-TTg (bản gốc)", document_number="749/QĐ-TTg")
    client.force_login(author)
    url = reverse("wagtailadmin_pages:add", args=["library", "libraryitempage", library_index.pk])
    form = client.get(url)
    assert form.status_code == 200
    # A new item belongs to the author's unit unless they choose another.
    unit_input = f'name="owner_unit" value="{author.profile.unit.pk}"'
    assert unit_input in form.content.decode()

    data = _item_form(owner_unit=str(author.profile.unit.pk))
    data["action-submit"] = "1"
    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    page = LibraryItemPage.objects.get(slug="quyet-dinh-749")
    assert not page.live and page.workflow_in_progress
    warnings = [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert any("Quyết định 749/QĐ-TTg (bản gốc)" in message for message in warnings)


def test_the_editor_needs_the_material_unless_saving_a_draft(
    client, library_index, author, item_editor
):
    client.force_login(author)
    url = reverse("wagtailadmin_pages:add", args=["library", "libraryitempage", library_index.pk])
    data = _item_form(external_url="", owner_unit=str(author.profile.unit.pk))
    data["action-submit"] = "1"
    response = client.post(url, data)
    assert response.status_code == 200
    assert not LibraryItemPage.objects.filter(slug="quyet-dinh-749").exists()

    data.pop("action-submit")
    response = client.post(url, data)  # "Save draft"
    assert response.status_code == 302
    assert LibraryItemPage.objects.filter(slug="quyet-dinh-749", live=False).exists()


def test_the_editor_shows_the_duplicates_panel(client, library_index, curator, item_editor):
    make_item(title="Nghị định 89 (bản cũ)", document_number="89/2021/NĐ-CP")
    item = make_item(document_number="89/2021/nd-cp")
    lonely = make_item(document_number="1/2000/QH")
    client.force_login(curator)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[item.pk])).content.decode()
    assert "data-library-duplicates" in html and "Nghị định 89 (bản cũ)" in html
    html = client.get(reverse("wagtailadmin_pages:edit", args=[lonely.pk])).content.decode()
    assert "data-library-duplicates" not in html


def test_the_duplicates_panel_lists_items_with_the_same_number(library_index, curator):
    other = make_item(title="Nghị định 89 (bản cũ)", document_number="89/2021/NĐ-CP")
    item = make_item(document_number="89/2021/nd-cp")
    lonely = make_item(document_number="1/2000/QH")
    request = RequestFactory().get("/")
    request.user = curator
    panel = DuplicatesPanel().bind_to_model(LibraryItemPage)

    bound = panel.get_bound_panel(instance=item, request=request, form=None)
    assert bound.is_shown()
    html = bound.render_html()
    assert "Nghị định 89 (bản cũ)" in html and "data-library-duplicates" in html
    assert reverse("wagtailadmin_pages:edit", args=[other.pk]) in html
    assert not panel.get_bound_panel(instance=lonely, request=request, form=None).is_shown()


def test_warn_duplicates_adds_a_message(library_index):
    make_item(title="Chỉ thị 01/CT-TTg", document_number="01/CT-TTg")
    item = make_item(document_number="01/ct-ttg")
    request = RequestFactory().get("/")
    SessionMiddleware(lambda r: None).process_request(request)
    request._messages = FallbackStorage(request)
    curation_admin.warn_duplicates(request, item)
    assert ["Chỉ thị 01/CT-TTg" in str(m) for m in request._messages] == [True]


def test_the_page_history_shows_retiring_and_merging(client, library_index, curator):
    keep = make_item(document_number="942/QĐ-TTg")
    duplicate = make_item(title="Bản sao 942", document_number="942/qđ-ttg")
    services.items_merge(keep=keep, duplicate=duplicate, user=curator)
    client.force_login(curator)
    history = client.get(reverse("wagtailadmin_pages:history", args=[duplicate.pk]))
    assert history.status_code == 200
    assert "Merged into" in history.content.decode() or keep.title in history.content.decode()
    history = client.get(reverse("wagtailadmin_pages:history", args=[keep.pk]))
    assert "Bản sao 942" in history.content.decode()
