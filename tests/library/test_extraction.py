"""The text inside uploaded PDF and DOCX files: extracted in a task, stored, searched."""

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile

from library.extraction import clean_text, document_text_extract, extract_text
from library.models import DocumentText
from library.selectors import library_search
from tests.library.builders import make_document, make_item

pytestmark = pytest.mark.django_db

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DECREE = (
    "Điều 1. Phạm vi điều chỉnh. Nghị định này quy định về đào tạo, bồi dưỡng cán bộ, "
    "công chức, viên chức. Điều 2. Tinh giản biên chế gắn với cơ cấu lại đội ngũ."
)
ASCII_DECREE = "Dieu 1. Pham vi dieu chinh. Tinh gian bien che gan voi co cau lai doi ngu."


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def vietnamese_pdf(text=DECREE, pages=1):
    """A real PDF of ``text``: Vietnamese glyphs with DejaVu Sans when the font is there."""
    from fpdf import FPDF

    pdf = FPDF()
    if FONT.exists():
        pdf.add_font("DejaVu", fname=str(FONT))
        pdf.set_font("DejaVu", size=12)
    else:  # pragma: no cover - the core font has no Vietnamese letters
        pdf.set_font("Helvetica", size=12)
        text = ASCII_DECREE
    for _page in range(pages):
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def word_docx(paragraphs=("Chương trình chuyển đổi số quốc gia",), table=()):
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _search(query):
    return library_search(query=query, user=AnonymousUser())


def _titles(query):
    return [row["title"] for row in _search(query).results]


def _upload(django_capture_on_commit_callbacks, name, content):
    """Save a document as an upload does: the extraction runs once the transaction commits."""
    with django_capture_on_commit_callbacks(execute=True):
        return make_document(name, content)


# --- Extracting ------------------------------------------------------------------------


def test_pdf_text_is_extracted_in_nfc():
    text = extract_text(io.BytesIO(vietnamese_pdf()), extension="pdf")
    expected = DECREE if FONT.exists() else ASCII_DECREE
    assert " ".join(text.split()) == expected


def test_docx_paragraphs_and_tables_are_extracted():
    content = word_docx(
        ["Chương trình chuyển đổi số", "quốc gia đến năm 2025"], table=[["Mục tiêu", "Chỉ tiêu"]]
    )
    text = extract_text(io.BytesIO(content), extension="DOCX")
    assert "Chương trình chuyển đổi số" in text and "quốc gia đến năm 2025" in text
    assert "Mục tiêu Chỉ tiêu" in text


def test_other_kinds_are_not_read():
    assert extract_text(io.BytesIO(b"ID3..."), extension="mp3") is None


def test_text_is_capped_and_cleaned():
    text = extract_text(io.BytesIO(vietnamese_pdf(pages=3)), extension="pdf", max_chars=50)
    assert len(text) == 50
    assert clean_text("a\x00b\x07  c\u00a0d\n\n\n\ne") == "a b c d\n\ne"
    assert clean_text("qua\u0309n ly\u0301") == "quản lý"


# --- The task and the index ------------------------------------------------------------


def test_a_phrase_from_inside_an_uploaded_pdf_finds_the_item(
    library_index, django_capture_on_commit_callbacks
):
    document = _upload(
        django_capture_on_commit_callbacks, "Nghị định 89/2021/NĐ-CP", vietnamese_pdf()
    )
    stored = DocumentText.objects.get(document=document)
    assert stored.status == DocumentText.Status.DONE
    assert len(stored.file_hash) == 64 and stored.extracted_at is not None
    make_item(title="Nghị định về đào tạo, bồi dưỡng", document=document)
    make_item(title="Luật Cán bộ, công chức")
    phrase = "tinh giản biên chế" if FONT.exists() else "tinh gian bien che"
    for query in (f'"{phrase}"', "tinh gian bien che", "TINH GIẢN BIÊN CHẾ"):
        assert _titles(query) == ["Nghị định về đào tạo, bồi dưỡng"], query
    snippet = str(_search('"co cau lai doi ngu"').results[0]["snippet"])
    assert "<mark>" in snippet and "đội" in snippet


def test_an_item_made_before_the_extraction_is_reindexed(library_index):
    document = make_document("Quyết định 749/QĐ-TTg", vietnamese_pdf())  # nothing queued
    make_item(title="Chương trình chuyển đổi số quốc gia", document=document)
    assert _titles("tinh gian bien che") == []
    assert document_text_extract(document_id=document.pk) == "done"
    assert _titles("tinh gian bien che") == ["Chương trình chuyển đổi số quốc gia"]


def test_a_docx_phrase_finds_the_item(library_index, django_capture_on_commit_callbacks):
    content = word_docx(["Kế hoạch bồi dưỡng kỹ năng số cho công chức cấp xã"])
    document = _upload(django_capture_on_commit_callbacks, "Kế hoạch", content)
    assert DocumentText.objects.get(document=document).status == DocumentText.Status.DONE
    make_item(title="Tài liệu bồi dưỡng", document=document, material_type="tai-lieu-boi-duong")
    assert _titles('"kỹ năng số"') == ["Tài liệu bồi dưỡng"]
    assert _titles("ky nang so cap xa") == ["Tài liệu bồi dưỡng"]


def test_a_corrupt_pdf_is_marked_failed_and_its_item_stays_searchable(
    library_index, django_capture_on_commit_callbacks, caplog
):
    document = _upload(
        django_capture_on_commit_callbacks, "Hỏng", b"%PDF-1.7\nthis is not really a PDF"
    )
    stored = DocumentText.objects.get(document=document)
    assert stored.status == DocumentText.Status.FAILED and stored.text == ""
    make_item(title="Nghị quyết 52-NQ/TW về cách mạng công nghiệp", document=document)
    assert _titles("nghi quyet 52") == ["Nghị quyết 52-NQ/TW về cách mạng công nghiệp"]
    assert _titles("52-NQ/TW") == ["Nghị quyết 52-NQ/TW về cách mạng công nghiệp"]


def test_an_unreadable_kind_is_stored_as_empty(library_index, django_capture_on_commit_callbacks):
    document = _upload(django_capture_on_commit_callbacks, "Ghi âm", "không phải PDF")
    stored = DocumentText.objects.get(document=document)
    assert (stored.status, stored.text, stored.file_hash) == (DocumentText.Status.EMPTY, "", "")
    assert document_text_extract(document_id=document.pk) == "unchanged"


def test_the_same_file_is_not_read_twice_but_a_new_one_is(library_index):
    document = make_document("Chỉ thị 01/CT-TTg", vietnamese_pdf())
    assert document_text_extract(document_id=document.pk) == "done"
    first = DocumentText.objects.get(document=document)
    assert document_text_extract(document_id=document.pk) == "unchanged"
    assert document_text_extract(document_id=document.pk, force=True) == "done"
    document.file.save("moi.docx", ContentFile(word_docx(["Văn bản mới hoàn toàn"])))
    assert document_text_extract(document_id=document.pk) == "done"
    second = DocumentText.objects.get(document=document)
    assert second.file_hash != first.file_hash and "Văn bản mới" in second.text
    assert document_text_extract(document_id=0) == "missing"


def test_a_missing_file_is_marked_failed(library_index):
    document = make_document("Mất tệp", vietnamese_pdf())
    document.file.storage.delete(document.file.name)
    assert document_text_extract(document_id=document.pk) == "failed"


def test_the_task_runs_through_django_tasks(library_index):
    from django_tasks import TaskResultStatus

    from library.tasks import extract_document_text

    document = make_document("Nghị định", vietnamese_pdf())
    result = extract_document_text.enqueue(document.pk)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == "done"


# --- Queuing on save -------------------------------------------------------------------


def test_saving_without_touching_the_file_queues_nothing(
    library_index, django_capture_on_commit_callbacks
):
    document = make_document("Nghị định", vietnamese_pdf())
    with django_capture_on_commit_callbacks(execute=True):
        document.title = "Nghị định (sửa tên)"
        document.save(update_fields=["title"])
    assert not DocumentText.objects.filter(document=document).exists()


def test_a_failure_to_queue_does_not_break_the_upload(
    library_index, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    import library.tasks

    class Broken:
        def enqueue(self, *args, **kwargs):
            raise RuntimeError("the queue is down")

    monkeypatch.setattr(library.tasks, "extract_document_text", Broken())
    document = _upload(django_capture_on_commit_callbacks, "Nghị định", vietnamese_pdf())
    assert document.pk and not DocumentText.objects.filter(document=document).exists()
    assert "could not queue" in caplog.text
