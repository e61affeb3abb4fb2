"""Uploaded text files: encodings Vietnamese offices produce, and the ones refused."""

import codecs
import unicodedata

import pytest
from django.core.exceptions import ValidationError

from quizzes.interchange.decoding import decode_text
from quizzes.interchange.services import import_format_guess

TEXT = "Câu hỏi về quản lý nhà nước?{=Đúng ~Sai}\nDòng hai"
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text):
    """``text`` as Windows-1258 writes it: base letters precomposed, tone marks combining."""
    chars = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(mark for mark in decomposed if mark in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in TONE_MARKS))
        chars.append(base + tones)
    return "".join(chars).encode("cp1258")


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with a BOM, as Notepad's "Unicode"
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),  # no BOM
        TEXT.encode("utf-16-be"),
        windows_1258(TEXT),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16be-bom", "utf16le", "utf16be", "windows-1258"],
)
def test_supported_encodings_give_the_same_nfc_text(data):
    assert decode_text(data) == TEXT


def test_nfd_text_is_normalised_to_nfc():
    assert decode_text(unicodedata.normalize("NFD", TEXT).encode()) == TEXT


def test_windows_and_old_mac_line_endings_become_newlines():
    assert decode_text(b"a\r\nb\rc\n") == "a\nb\nc\n"


def test_an_unknown_eight_bit_encoding_is_refused_with_a_message():
    with pytest.raises(ValidationError) as error:
        decode_text("Ça coûte très cher, naïve".encode("latin-1"))
    assert "UTF-8" in error.value.messages[0]


def test_a_binary_file_is_refused():
    with pytest.raises(ValidationError):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_damaged_utf16_is_refused():
    with pytest.raises(ValidationError):
        decode_text(codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00\xd8")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_txt_file_is_told_aiken_or_gift_whatever_its_encoding(encoding):
    aiken = "Thủ đô của Việt Nam?\nA) Hà Nội\nB) Huế\nANSWER: A\n".encode(encoding)
    gift = "Thủ đô của Việt Nam là {=Hà Nội ~Huế}\n".encode(encoding)
    assert import_format_guess(filename="cau-hoi.txt", data=aiken) == "aiken"
    assert import_format_guess(filename="cau-hoi.txt", data=gift) == "gift"
