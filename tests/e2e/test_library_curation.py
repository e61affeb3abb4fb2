"""The library's curation journey in Chromium: a lecturer submits a material in the Wagtail
admin, a librarian approves it from the review queue, and a guest finds it by searching
without diacritics."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from library.models import LibraryIndexPage, LibraryItemPage
from tests.factories import PASSWORD, ProfileFactory, lecturer, librarian

# Live-server tests empty the database afterwards; serialized rollback puts the page tree,
# material types, groups and the review workflow that migrations created back.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _item_editor(monkeypatch):
    """The item editor as the model is to declare it (``base_form_class`` and the duplicates
    panel); patched in until the model has these lines, a no-op afterwards."""
    from library.forms import DuplicatesPanel, LibraryItemPageForm

    if LibraryItemPage.base_form_class is not LibraryItemPageForm:
        monkeypatch.setattr(LibraryItemPage, "base_form_class", LibraryItemPageForm)
    panels = LibraryItemPage.content_panels
    if not any(isinstance(panel, DuplicatesPanel) for panel in panels):
        monkeypatch.setattr(LibraryItemPage, "content_panels", [DuplicatesPanel(), *panels])
    LibraryItemPage.get_edit_handler.cache_clear()
    yield
    LibraryItemPage.get_edit_handler.cache_clear()


TITLE = "Quyết định 749/QĐ-TTg phê duyệt Chương trình chuyển đổi số quốc gia"


def _log_in_admin(page, live_server, user):
    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()


def _log_out(page, live_server):
    page.context.clear_cookies()


def _choose_snippet(page, field, label):
    """Pick ``label`` in the snippet chooser modal of ``field``."""
    page.locator(f"#id_{field}-chooser [data-chooser-action-choose]").first.click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("link", name=label, exact=True).click()
    expect(page.locator(f"#id_{field}-chooser [data-chooser-title]")).to_have_text(label)


def test_a_lecturer_submits_a_librarian_approves_a_guest_finds_it(page, live_server):
    author = ProfileFactory(user=lecturer(), family_name="Trần Thị", given_name="Hoa").user
    curator = ProfileFactory(user=librarian()).user
    index = LibraryIndexPage.objects.get()

    # The lecturer adds a material under "Thư viện số" and submits it for review.
    _log_in_admin(page, live_server, author)
    page.goto(live_server.url + f"/admin/pages/add/library/libraryitempage/{index.pk}/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_title").press("Tab")
    expect(page.locator("#id_slug")).not_to_have_value("")
    page.locator("#id_summary").fill("Chương trình chuyển đổi số quốc gia đến năm 2025.")
    page.locator("#id_external_url").fill("https://vanban.chinhphu.vn/749-qd-ttg")
    page.locator("#id_document_number").fill("749/QĐ-TTg")
    _choose_snippet(page, "material_type", "Quyết định")
    # Drafts go to the librarians: the lecturer's action menu offers "Submit to …".
    page.locator("footer .w-dropdown__toggle").first.click()
    with page.expect_navigation():
        page.locator("button[name='action-submit']").click()
    item = LibraryItemPage.objects.get(title=TITLE)
    assert not item.live and item.workflow_in_progress
    assert item.owner_unit_id == author.profile.unit_id

    # The librarian finds it in "Chờ duyệt", reviews and approves it.
    _log_out(page, live_server)
    _log_in_admin(page, live_server, curator)
    page.goto(live_server.url + reverse("library_curation:queue"))
    row = page.locator(f"tr[data-page-id='{item.pk}']")
    expect(row).to_contain_text(TITLE)
    expect(row).to_contain_text("Trần Thị Hoa")
    row.locator("th a").first.click()
    expect(page.locator("main")).to_contain_text("749/QĐ-TTg")
    with page.expect_navigation():
        page.locator("button[name='action'][value='approve']").click()
    expect(page.locator(".messages")).to_contain_text(TITLE)
    item.refresh_from_db()
    assert item.live and not item.workflow_in_progress

    # A guest opens it, and finds it by searching without diacritics.
    _log_out(page, live_server)
    response = page.goto(live_server.url + item.url)
    assert response.status == 200
    expect(page.locator("h1")).to_contain_text("Quyết định 749/QĐ-TTg")
    page.goto(live_server.url + reverse("library:search"))
    page.locator("#library-search-q").fill("chuong trinh chuyen doi so quoc gia")
    with page.expect_navigation():
        page.locator("#library-search-q").press("Enter")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    assert page.csp_violations == []
