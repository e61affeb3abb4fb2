"""Text formats of Moodle files turned into HTML for the bank.

Moodle keeps a format beside each text (HTML, Moodle auto-format, plain text,
Markdown) and renders it on display; the bank stores HTML only, so imports
convert once. Everything is sanitised afterwards by the question services.
"""

import re
from html import unescape

import markdown
from django.utils.html import escape, strip_tags

HTML = "html"
MOODLE = "moodle"
PLAIN = "plain"
MARKDOWN = "markdown"

# Format names of GIFT tags ([html]) and of Moodle XML's format attribute.
FORMAT_NAMES = {
    "html": HTML,
    "moodle": MOODLE,
    "moodle_auto_format": MOODLE,
    "plain": PLAIN,
    "plain_text": PLAIN,
    "markdown": MARKDOWN,
}

URL_RE = re.compile(r"(?<![\"'=])\b(https?://[^\s<>\"']+)")


def to_html(text, text_format=MOODLE):
    """``text`` written in ``text_format`` (a key or value of FORMAT_NAMES) as HTML."""
    text_format = FORMAT_NAMES.get(text_format, text_format)
    if text_format == HTML:
        return text
    if text_format == PLAIN:
        return escape(text).replace("\n", "<br>")
    if text_format == MARKDOWN:
        return markdown.markdown(text)
    # Moodle auto-format: HTML is kept, line breaks become <br>, bare URLs links.
    text = URL_RE.sub(r'<a href="\1">\1</a>', text)
    return text.replace("\n", "<br>") if "\n" in text.strip() else text


def to_plain(html):
    """A short HTML text (an answer, a matching item) for formats that only hold plain text."""
    return unescape(strip_tags(re.sub(r"<br\s*/?>", "\n", html))).strip()
