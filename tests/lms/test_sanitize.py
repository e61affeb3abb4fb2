import unicodedata

import pytest

from lms.sanitize import sanitize_html


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">bấm</a>',
        '<a href="JaVaScRiPt:alert(1)">bấm</a>',
        '<a href="&#106;avascript:alert(1)">bấm</a>',
        "<svg onload=alert(1)><circle r=1 /></svg>",
        "<svg><script>alert(1)</script></svg>",
        '<iframe src="https://evil.example"></iframe>',
        '<body onload="alert(1)">',
        '<p style="background:url(javascript:alert(1))">x</p>',
        '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
        '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
        "<scr<script>ipt>alert(1)</script>",
        '<form action="https://evil.example"><input name="x"></form>',
        '<object data="x.swf"></object>',
    ],
)
def test_xss_payloads_are_neutralised(payload):
    cleaned = sanitize_html(payload).lower()
    for dangerous in (
        "<script",
        "javascript:",
        "onerror",
        "onload",
        "<svg",
        "<iframe",
        "data:",
        "<form",
        "<object",
        "alert(1)</",
    ):
        assert dangerous not in cleaned


def test_script_content_is_dropped_not_kept_as_text():
    assert (
        sanitize_html("<p>Trước</p><script>alert(1)</script><p>Sau</p>") == "<p>Trước</p><p>Sau</p>"
    )


def test_lecture_markup_is_kept():
    html = (
        "<h2>Chương 1</h2><p><strong>Quản lý</strong> <em>nhà nước</em></p>"
        '<ul><li>một</li></ul><ol start="2"><li>hai</li></ol>'
        '<table><thead><tr><th scope="col">Cột</th></tr></thead>'
        '<tbody><tr><td colspan="2">Ô</td></tr></tbody></table>'
        '<figure><img alt="Sơ đồ" src="/media/a.png"><figcaption>Hình 1</figcaption></figure>'
        '<p><a href="https://chinhphu.vn" title="Cổng">liên kết</a></p>'
    )
    assert sanitize_html(html) == html


def test_only_alignment_styles_survive():
    assert (
        sanitize_html('<p style="color:red;text-align:center">x</p>')
        == '<p style="text-align:center;">x</p>'
    )


def test_output_is_nfc():
    decomposed = unicodedata.normalize("NFD", "<p>Tiếng Việt</p>")
    assert sanitize_html(decomposed) == "<p>Tiếng Việt</p>"


def test_empty_input():
    assert sanitize_html("") == ""
    assert sanitize_html(None) == ""
