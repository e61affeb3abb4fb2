"""The one place where HTML written by authors or imported from other systems
is cleaned before it is stored or shown.

Wagtail's RichText fields are already limited by their editor features; every
other piece of HTML (imported questions, H5P texts, legacy content) goes
through ``sanitize_html``.
"""

import bleach
from bleach.css_sanitizer import CSSSanitizer
from bs4 import BeautifulSoup

from lms.text import nfc

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
        "dd", "del", "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4",
        "h5", "h6", "hr", "i", "img", "ins", "li", "mark", "ol", "p", "pre", "q", "s",
        "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
        "thead", "tr", "u", "ul",
    }
)  # fmt: skip
# Removed with everything inside them; other disallowed tags keep their text.
DROPPED_WITH_CONTENT = [
    "script",
    "style",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "template",
    "noscript",
    "textarea",
    "select",
    "title",
    "head",
]
ALLOWED_ATTRIBUTES = {
    "*": ["title", "lang", "dir"],
    "a": ["href", "title", "rel"],
    "abbr": ["title"],
    "img": ["src", "alt", "width", "height", "title"],
    "ol": ["start", "type"],
    "td": ["colspan", "rowspan", "style"],
    "th": ["colspan", "rowspan", "scope", "style"],
    "col": ["span"],
    "colgroup": ["span"],
    "p": ["style"],
    "span": ["style"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})
# Alignment only: authors centre a heading cell or a paragraph, nothing more.
CSS_SANITIZER = CSSSanitizer(allowed_css_properties=["text-align", "vertical-align"])


def _cleaner(strip):
    return bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        css_sanitizer=CSS_SANITIZER,
        strip=strip,
        strip_comments=True,
    )


_STRIPPING = _cleaner(strip=True)


def sanitize_html(html):
    """Return ``html`` with only lecture-content markup left, in Unicode NFC.

    Disallowed elements such as ``<script>``, ``<style>``, ``<svg>``, ``<iframe>``
    and ``<form>`` are removed, event-handler attributes dropped, and links or
    images using ``javascript:``, ``data:`` or other schemes lose that attribute.
    """
    if not html:
        return ""
    soup = BeautifulSoup(nfc(html), "html.parser")
    for element in soup.find_all(DROPPED_WITH_CONTENT):
        element.decompose()
    return _STRIPPING.clean(str(soup))
