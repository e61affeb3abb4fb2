"""The PDF preview of a lesson's document block, in Chromium, under the site's CSP."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from wagtail import hooks

from lessons import services
from lessons.documents import document_access_denied
from tests.factories import PASSWORD, learner
from tests.lessons.builders import make_course, make_lesson
from tests.lessons.documents import jpx_pdf, make_document, text_pdf

# Live-server tests empty the database afterwards; serialized rollback puts the
# page tree, ranks and groups that migrations created back for the next test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _serve_hook():
    # Harmless once lessons/wagtail_hooks.py registers the same check.
    def hook(document, request):
        return document_access_denied(request=request, document=document)

    with hooks.register_temporarily("before_serve_document", hook):
        yield


def _log_in(page, live_server, user):
    page.goto(live_server.url + reverse("login"))
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_load_state()


def _lesson_with(document):
    course = make_course(title="Quản lý nhà nước")
    body = [
        {
            "type": "document",
            "value": {"document": document.pk, "caption": "Văn bản", "show_preview": True},
        }
    ]
    lesson = make_lesson(course=course, title="Bài 1", body=body)
    user = learner()
    services.enrolment_create(user=user, course=course)
    return lesson, user


def _canvas_has_ink(page, selector):
    """Whether the canvas has pixels that are neither blank nor white."""
    return page.eval_on_selector(
        selector,
        """canvas => {
            if (!canvas.width || !canvas.height) return false;
            const context = canvas.getContext("2d");
            const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 0; i < data.length; i += 4) {
                if (data[i + 3] && (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200)) {
                    return true;
                }
            }
            return false;
        }""",
    )


def _watch_wasm(page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    return requests


def test_enrolled_learner_sees_the_pdf_drawn(page, live_server):
    document = make_document(content=text_pdf(pages=3))
    lesson, user = _lesson_with(document)
    page.set_viewport_size({"width": 1280, "height": 900})
    _log_in(page, live_server, user)
    page.goto(live_server.url + lesson.url)

    preview = page.locator(".pdf-preview")
    expect(preview).to_have_class(re.compile(r"\bis-ready\b"))
    # UI strings get their Vietnamese later: find controls by their data- hooks.
    status = preview.locator("[data-status]")
    expect(status).to_have_text(re.compile(r"\b1\b.*\b3\b"))
    expect(preview.locator(".pdf-preview__page.is-drawn").first).to_be_visible()
    assert _canvas_has_ink(page, ".pdf-preview__page[data-page-number='1'] canvas")
    # The text layer makes the page text selectable and readable.
    expect(preview.locator(".pdf-preview__page[data-page-number='1'] .textLayer")).to_contain_text(
        "Nghi dinh 89/2021/ND-CP"
    )

    # Keyboard: the toolbar buttons turn the page; the page region is focusable.
    previous_button = preview.locator("[data-action=previous]")
    next_button = preview.locator("[data-action=next]")
    expect(previous_button).to_be_disabled()
    next_button.focus()
    page.keyboard.press("Enter")
    expect(status).to_have_text(re.compile(r"\b2\b.*\b3\b"))
    expect(previous_button).to_be_enabled()
    preview.locator("[data-pages]").focus()
    page.keyboard.press("n")
    expect(status).to_have_text(re.compile(r"\b3\b.*\b3\b"))
    expect(next_button).to_be_disabled()
    assert status.get_attribute("aria-live") == "polite"

    # Zooming redraws wider than the region; fit to width brings it back.
    region = preview.locator("[data-pages]")
    width = region.evaluate("element => element.clientWidth")
    zoom_in = preview.locator("[data-action=zoom-in]")
    zoom_in.click()
    zoom_in.click()
    page_box = preview.locator(".pdf-preview__page[data-page-number='3']")
    page.wait_for_function(
        "([page, width]) => page.offsetWidth > width", arg=[page_box.element_handle(), width]
    )
    fit = preview.locator("[data-action=fit]")
    expect(fit).to_have_attribute("aria-pressed", "false")
    fit.click()
    expect(fit).to_have_attribute("aria-pressed", "true")
    page.wait_for_function(
        "([page, width]) => page.offsetWidth <= width", arg=[page_box.element_handle(), width]
    )

    download = page.locator(f".lesson-document a[download='{document.filename}']")
    assert download.get_attribute("href") == document.url
    assert page.csp_violations == []


def test_phone_width_and_wasm_decoders_stay_inside_the_csp(page, live_server):
    # JPEG 2000 images and ICC colours make PDF.js fetch and compile its
    # WebAssembly decoders: a CSP without 'wasm-unsafe-eval' where needed would show here.
    document = make_document(title="Ảnh JPEG 2000", filename="anh.pdf", content=jpx_pdf())
    lesson, user = _lesson_with(document)
    requests = _watch_wasm(page)
    page.set_viewport_size({"width": 390, "height": 844})
    _log_in(page, live_server, user)
    page.goto(live_server.url + lesson.url)

    preview = page.locator(".pdf-preview")
    expect(preview).to_have_class(re.compile(r"\bis-ready\b"))
    expect(preview.locator(".pdf-preview__page.is-drawn")).to_have_count(1)
    page.wait_for_function(
        """() => {
            const canvas = document.querySelector(".pdf-preview__page canvas");
            const data = canvas.getContext("2d").getImageData(
                Math.floor(canvas.width / 2), Math.floor(canvas.height * 0.55), 1, 1).data;
            return data[0] > 100 && data[2] < 100;  // the red or gold of the image
        }"""
    )
    page_width = preview.locator(".pdf-preview__page").evaluate("element => element.offsetWidth")
    assert page_width <= 390
    assert any(url.endswith("openjpeg.wasm") for url in requests)
    assert page.csp_violations == []


def test_a_learner_not_enrolled_gets_neither_lesson_nor_file(page, live_server):
    document = make_document()
    lesson, _user = _lesson_with(document)
    _log_in(page, live_server, learner())
    assert page.goto(live_server.url + lesson.url).status == 403
    assert page.goto(live_server.url + document.url).status == 403
    course_url = lesson.get_parent().url
    expect(page.locator(f"main a[href='{course_url}']")).to_be_visible()
    assert page.csp_violations == []


def test_broken_pdf_shows_the_fallback_text(page, live_server):
    document = make_document(content=b"%PDF-1.7\nthis is not a PDF")
    lesson, user = _lesson_with(document)
    _log_in(page, live_server, user)
    page.goto(live_server.url + lesson.url)
    preview = page.locator(".pdf-preview")
    expect(preview).to_have_class(re.compile(r"\bis-failed\b"))
    expect(preview.locator("[data-fallback]")).to_be_visible()
    expect(preview.locator(".pdf-preview__toolbar")).to_be_hidden()
    expect(page.locator(f".lesson-document a[download='{document.filename}']")).to_be_visible()
    assert page.csp_violations == []
