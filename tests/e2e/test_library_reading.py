"""Reading the library in Chromium: private items stay private, public PDFs preview in place."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from library.models import Visibility
from tests.factories import PASSWORD, ProfileFactory, TrainingUnitFactory, learner
from tests.lessons.documents import text_pdf
from tests.library.builders import make_document, make_item

# Live-server tests empty the database afterwards; serialized rollback puts the
# page tree, ranks and groups that migrations created back for the next test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _log_in(page, live_server, user):
    page.goto(live_server.url + reverse("login"))
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")


def test_a_unit_only_item_is_invisible_to_a_guest_by_page_and_by_file(page, live_server):
    unit = TrainingUnitFactory(name="Trường Chính trị tỉnh Nghệ An")
    document = make_document("Kế hoạch nội bộ", content=text_pdf(lines=("Noi bo",)))
    item = make_item(
        title="Kế hoạch bồi dưỡng nội bộ năm 2026",
        document=document,
        owner_unit=unit,
        visibility=Visibility.UNIT,
    )
    login_path = reverse("login")

    # By page URL: the guest lands on the login page, and sees nothing of the item.
    page.goto(live_server.url + item.url)
    assert page.url.startswith(live_server.url + login_path)
    expect(page.locator("body")).not_to_contain_text("Kế hoạch bồi dưỡng nội bộ")

    # By guessing the file's URL or the download URL: the same.
    response = page.goto(live_server.url + document.url)
    assert page.url.startswith(live_server.url + login_path)
    assert response.headers["content-type"].startswith("text/html")
    page.goto(live_server.url + reverse("library:download", args=[item.pk]))
    assert page.url.startswith(live_server.url + login_path)

    # Not listed on the library home either.
    page.goto(live_server.url + item.get_parent().url)
    expect(page.locator("main")).not_to_contain_text("Kế hoạch bồi dưỡng nội bộ")

    # A learner of another unit gets a 403 page saying whose material it is.
    _log_in(page, live_server, ProfileFactory(user=learner(), unit=TrainingUnitFactory()).user)
    assert page.goto(live_server.url + item.url).status == 403
    expect(page.locator("main [role=alert]")).to_contain_text(unit.name)
    assert page.goto(live_server.url + document.url).status == 403
    assert page.csp_violations == []


def test_a_public_items_pdf_previews_in_place(page, live_server):
    document = make_document("Nghị định 89/2021/NĐ-CP", content=text_pdf(pages=2))
    item = make_item(
        title="Nghị định 89/2021/NĐ-CP về đào tạo, bồi dưỡng",
        material_type="nghi-dinh",
        document_number="89/2021/NĐ-CP",
        document=document,
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + item.url)  # a guest

    preview = page.locator(".pdf-preview")
    expect(preview).to_have_class(re.compile(r"\bis-ready\b"))
    expect(preview.locator("[data-status]")).to_have_text(re.compile(r"\b1\b.*\b2\b"))
    canvas = preview.locator(".pdf-preview__page.is-drawn canvas").first
    expect(canvas).to_be_visible()
    expect(preview.locator(".pdf-preview__page[data-page-number='1'] .textLayer")).to_contain_text(
        "Nghi dinh 89/2021/ND-CP"
    )

    download = page.locator(f"a[href='{reverse('library:download', args=[item.pk])}']")
    expect(download).to_be_visible()
    with page.expect_download() as info:
        download.click()
    assert info.value.suggested_filename == document.filename
    assert page.csp_violations == []
