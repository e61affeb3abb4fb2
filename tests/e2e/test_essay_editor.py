"""A learner writes a rich-text essay: autosaved, restored on a new visit, CSP respected."""

import pytest
from django.urls import reverse

from lessons.services import enrolment_create
from quizzes.models import Attempt, Response
from tests.factories import PASSWORD, learner
from tests.quizzes.builders import make_category, make_question, make_quiz

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Playwright's init scripts run outside the page's CSP, so this listener sees every violation.
CATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""
# As Google Docs writes it (formats in style attributes, the whole in a normal-weight <b>),
# with things the editor must drop.
PASTED = (
    '<b style="font-weight:normal;" id="docs-internal-guid-1">'
    '<p style="color: red" onclick="steal()">Dán <span style="font-weight:700">đậm</span> '
    "<span style='font-style: italic'>nghiêng</span> thường</p></b>"
    "<script>window.pasted = true</script><img src=x onerror=steal()><table><tr><td>ô</td></tr>"
)


def _essay_quiz():
    category = make_category()
    single = make_question(category=category, qtype="single")
    essay = make_question(category=category, qtype="essay", payload={"format": "html"})
    quiz = make_quiz(title="Tự luận", questions=[single, essay], questions_per_page=0)
    user = learner()
    enrolment_create(user=user, course=quiz.course)
    return quiz, user


def _start(page, live_server, quiz, user):
    page.goto(live_server.url + reverse("login"))
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()
    page.goto(live_server.url + quiz.url)
    with page.expect_navigation():
        page.locator("#start-attempt").click()
    return Attempt.objects.get(user=user, quiz=quiz)


def _saved_text(attempt):
    return (Response.objects.get(attempt=attempt, slot=2).answer or {}).get("text", "")


def test_a_learner_writes_a_rich_text_essay_that_survives_a_new_visit(page, live_server):
    quiz, user = _essay_quiz()
    page.add_init_script(CATCH_VIOLATIONS)
    attempt = _start(page, live_server, quiz, user)

    editor = page.locator("#q2-editor .ql-editor")
    editor.wait_for()
    assert page.locator("#q2-text").is_hidden()
    assert page.locator("#q1-text").count() == 0  # the single-choice question has no editor
    assert editor.get_attribute("role") == "textbox"
    assert editor.get_attribute("aria-labelledby") == "q2-text-label"
    toolbar = page.locator("#q-2 [role=toolbar]")
    assert toolbar.get_attribute("aria-label")

    # Keyboard only: Ctrl+B in the text, then the toolbar through Shift+Tab and the arrow keys.
    editor.click()
    page.keyboard.type("Quản lý ")
    page.keyboard.press("Control+B")
    page.keyboard.type("nhà nước")
    page.keyboard.press("Control+B")
    page.keyboard.press("Enter")
    page.keyboard.type("Điểm một")
    page.keyboard.press("Shift+Tab")
    bold = toolbar.locator("button.ql-bold")
    assert page.evaluate("document.activeElement.classList.contains('ql-bold')")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # the bulleted list, after bold, italic and underline
    assert page.evaluate("document.activeElement.value") == "bullet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.classList.contains('ql-editor')")
    assert toolbar.locator("button.ql-list[value=bullet]").get_attribute("aria-pressed") == "true"
    assert bold.get_attribute("aria-pressed") == "false"

    page.locator("#save-status[data-state='saved']").wait_for()
    assert _saved_text(attempt) == (
        "<p>Quản lý <strong>nhà nước</strong></p><ul><li>Điểm một</li></ul>"
    )

    # Tab leaves the editor: no keyboard trap.
    editor.click()
    page.keyboard.press("Tab")
    assert not page.evaluate("document.activeElement.classList.contains('ql-editor')")

    # A new visit (not a reload, which could restore the form from the browser) shows it again.
    page.goto(page.url)
    editor.wait_for()
    assert editor.locator("strong").inner_text() == "nhà nước"
    assert editor.locator("li").inner_text() == "Điểm một"
    assert page.evaluate("localStorage.length") == 0

    # Undo and redo from the toolbar.
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" thêm")
    toolbar.locator("[data-history=undo]").click()
    assert "thêm" not in editor.inner_text()
    toolbar.locator("[data-history=redo]").click()
    assert "thêm" in editor.inner_text()

    # Pasted HTML keeps only the editor's formats.
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # leaves the list
    editor.evaluate(
        """(root, html) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", "Dán đậm ô");
            root.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true,
                                                          cancelable: true}));
        }""",
        PASTED,
    )
    page.wait_for_function("document.querySelector('#q2-text').value.includes('Dán')")
    page.locator("#save-status[data-state='saved']").wait_for()
    saved = _saved_text(attempt)
    assert "<p>Dán <strong>đậm</strong> <em>nghiêng</em> thường</p>" in saved
    assert "ô" in saved
    for unwanted in ("style", "onclick", "onerror", "<script", "<img", "<table", "<b"):
        assert unwanted not in saved
    assert page.evaluate("window.pasted") is None
    assert editor.locator("[style]").count() == 0

    # Leaving the page posts the form: the untouched answer is not saved again.
    response = Response.objects.get(attempt=attempt, slot=2)
    page.goto(page.url)
    editor.wait_for()
    with page.expect_navigation():
        page.locator("#finish-attempt").click()
    assert Response.objects.get(pk=response.pk).sequence == response.sequence

    assert page.evaluate("window.__violations") == []
    assert page.csp_violations == []


def test_without_javascript_the_textarea_takes_plain_text(browser, live_server):
    quiz, user = _essay_quiz()
    context = browser.new_context(locale="en-US", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        attempt = _start(page, live_server, quiz, user)
        assert page.locator("[data-essay-editor]").is_hidden()
        page.locator("#q2-text").fill("Đoạn một\n\nĐoạn <hai>")
        with page.expect_navigation():
            page.locator("#finish-attempt").click()
        assert _saved_text(attempt) == "<p>Đoạn một</p><p>Đoạn &lt;hai&gt;</p>"
    finally:
        context.close()
