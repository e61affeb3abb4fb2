"""The text inside uploaded PDF and Word files, extracted for the library's search.

``document_text_extract`` is what the background task (``library.tasks``) runs after
a document is saved: it reads the file once (hashing it on the way), skips a file
whose text was already taken from the same bytes, extracts the text (PDF with pypdf,
DOCX with python-docx; other kinds are stored as "no text"), normalises it to NFC,
caps its size, stores it in ``DocumentText`` and reindexes the library items that
use the document, so a phrase from inside a decree finds the decree.
"""

import hashlib
import logging
import re
import tempfile
from pathlib import PurePosixPath

from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.search import index

from library.models import DocumentText, LibraryItemPage
from lms.text import nfc

logger = logging.getLogger(__name__)

# Enough for a long decree with its annexes; the index and the snippets need no more.
MAX_CHARS = 1_000_000
# Files are copied to a temporary file for the parsers (remote storages do not seek
# well); up to this size they stay in memory.
SPOOL_BYTES = 16 * 1024 * 1024
CHUNK_BYTES = 1024 * 1024
# Control characters other than tab and newline: PostgreSQL refuses NUL in text, and
# PDFs are full of stray ones.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


class ExtractionError(Exception):
    """The file could not be read as the kind its name says."""


def _pdf_pages(stream):
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(stream)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError("encrypted PDF")
        for page in reader.pages:
            yield page.extract_text() or ""
    except PyPdfError as error:
        raise ExtractionError(str(error)) from error


def _docx_parts(stream):
    import docx

    try:
        document = docx.Document(stream)
    except Exception as error:  # python-docx raises zipfile, lxml and KeyError alike.
        raise ExtractionError(str(error)) from error
    for paragraph in document.paragraphs:
        yield paragraph.text
    for table in document.tables:
        for row in table.rows:
            yield "\t".join(cell.text for cell in row.cells)


EXTRACTORS = {"pdf": _pdf_pages, "docx": _docx_parts}


def clean_text(text):
    """NFC, no control characters, runs of spaces and blank lines squeezed."""
    text = _CONTROL.sub(" ", nfc(text))
    text = _SPACES.sub(" ", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def extract_text(stream, *, extension, max_chars=MAX_CHARS):
    """The text of the file in ``stream`` (a seekable binary file), at most ``max_chars``.

    Returns None for a kind of file it cannot read (only PDF and DOCX are read);
    raises ExtractionError for a file that is not what its extension says.
    """
    extractor = EXTRACTORS.get(extension.lower().lstrip("."))
    if extractor is None:
        return None
    parts, size = [], 0
    for part in extractor(stream):
        part = clean_text(part)
        if not part:
            continue
        parts.append(part)
        size += len(part) + 2
        if size >= max_chars:
            break
    text = "\n\n".join(parts)[:max_chars]
    return text


def _extension(document):
    return PurePosixPath(document.file.name or "").suffix.lower().lstrip(".")


def _copy_and_hash(document, copy):
    """Copy the file of ``document`` into ``copy`` and return its sha256: one read."""
    digest = hashlib.sha256()
    with document.file.open("rb") as source:
        while chunk := source.read(CHUNK_BYTES):
            digest.update(chunk)
            copy.write(chunk)
    copy.seek(0)
    return digest.hexdigest()


def _read(document, *, extension, stored, force):
    """(text, file hash, status) of the file, or None when its text is already stored."""
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as copy:
        try:
            file_hash = _copy_and_hash(document, copy)
        except OSError:
            logger.warning("Library: cannot read the file of document %s", document.pk)
            return "", "", DocumentText.Status.FAILED
        if (
            not force
            and stored is not None
            and stored.file_hash == file_hash
            and stored.status != DocumentText.Status.PENDING
        ):
            return None
        try:
            text = extract_text(copy, extension=extension) or ""
        except Exception:  # A broken file must never break the upload.
            logger.warning(
                "Library: could not extract the text of document %s", document.pk, exc_info=True
            )
            return "", file_hash, DocumentText.Status.FAILED
    return text, file_hash, DocumentText.Status.DONE if text else DocumentText.Status.EMPTY


def items_reindex(*, document_id):
    """Put the library items using document ``document_id`` in the search index again."""
    for page in LibraryItemPage.objects.filter(document_id=document_id):
        index.insert_or_update_object(page)


def document_text_extract(*, document_id, force=False):
    """Extract and store the text of document ``document_id``; reindex the items using it.

    Returns the status stored ("done", "empty" or "failed"), "unchanged" when the file's
    text was already taken from the same bytes (unless ``force``), or "missing" when
    the document is gone. A file that cannot be read is stored as "failed" and never
    raises: the upload that queued the work must not fail because of it.
    """
    Document = get_document_model()
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return "missing"
    extension = _extension(document)
    stored = DocumentText.objects.filter(document_id=document_id).first()
    if extension in EXTRACTORS:
        outcome = _read(document, extension=extension, stored=stored, force=force)
        if outcome is None:
            return "unchanged"
        text, file_hash, status = outcome
    elif stored is not None and not force and stored.status == DocumentText.Status.EMPTY:
        return "unchanged"
    else:
        # Audio, video, slides…: nothing to read, but the item still knows it was looked at.
        text, file_hash, status = "", "", DocumentText.Status.EMPTY
    with transaction.atomic():
        DocumentText.objects.update_or_create(
            document_id=document_id,
            defaults={
                "text": text,
                "status": status,
                "file_hash": file_hash,
                "extracted_at": timezone.now(),
            },
        )
        items_reindex(document_id=document_id)
    return str(status)
