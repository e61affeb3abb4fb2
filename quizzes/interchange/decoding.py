"""Bytes of an uploaded text file turned into NFC text with Unix line endings.

Vietnamese offices still produce files in UTF-16 (Windows "Unicode" text) and
in Windows-1258, whose tone marks are separate combining characters; both are
recognised, and anything else is refused with a message instead of being read
as mojibake.
"""

import codecs
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lms.text import nfc

# Letters that only Vietnamese text has; a Windows-1258 decoding that yields
# none of them is probably some other code page.
VIETNAMESE_RE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u0300\u0301\u0303\u0309\u0323]")


def decode_text(data):
    """``data`` (bytes) as text: UTF-8 with or without BOM, UTF-16 or Windows-1258.

    Raises ValidationError with a Vietnamese message for anything else.
    """
    text = _decode(data)
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n"))


def _decode(data):
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    if _looks_utf16(data):
        return _strict(data, "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be")
    if b"\x00" in data:
        raise ValidationError(_("This is not a text file."))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1258", errors="replace")
    if "\ufffd" not in text and VIETNAMESE_RE.search(nfc(text)):
        return text
    raise ValidationError(
        _(
            "The file's character encoding is not recognised. Save it as UTF-8 "
            "(in Notepad: Save As, Encoding: UTF-8) and upload it again."
        )
    )


def _looks_utf16(data):
    # ASCII-heavy UTF-16 without a BOM has a zero byte in every other position.
    sample = data[:200]
    return len(sample) >= 4 and (
        sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4
    )


def _strict(data, encoding):
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ValidationError(
            _("The file says it is %(encoding)s but is damaged (byte %(position)s).")
            % {"encoding": encoding.upper(), "position": error.start}
        ) from error
