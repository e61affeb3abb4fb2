"""The demo library for `manage.py seed_demo`: items, case studies, collections, PDFs.

The texts and metadata are data (``library.demo_data``); the builders below turn them
into issuing bodies, subjects, Wagtail documents in a "Thư viện số" collection,
published pages under the library index and curated collections. Each part is
recognised by a stable key — an item's or case study's slug under the library index, a
collection's slug, a document's title in the collection — so a second run creates and
changes nothing.

Legal documents and several other items get a small PDF generated here with fpdf2:
a title block, the demo notice, the summary and a few paragraphs written for the demo.
The PDFs are deterministic (fixed creation date, same bytes for the same text) and
quick: the vendored DejaVu Sans (``demo_data/fonts``, with its licence) is cut down
once per run to the Latin and Vietnamese glyphs before the PDFs are drawn.
"""

import datetime
import logging
import tempfile
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from lessons.models import ProgramPage
from library.demo_data.case_studies import CASES
from library.demo_data.collections import COLLECTIONS
from library.demo_data.items import ITEMS
from library.demo_data.taxonomy import ISSUING_BODIES, SEPARATOR, SUBJECTS
from library.models import (
    CaseStudyPage,
    IssuingBody,
    LibraryCollection,
    LibraryCollectionEntry,
    LibraryIndexPage,
    LibraryItemPage,
    MaterialType,
    Subject,
)
from lms.models import Rank, TrainingUnit

LIBRARIAN = "thuthu"
LECTURER = "giangvien"
DOCUMENT_COLLECTION = "Thư viện số"

FONT_FILE = Path(__file__).resolve().parent / "demo_data" / "fonts" / "DejaVuSans.ttf"
FONT_FAMILY = "DejaVuSans"
# The glyphs the demo texts use: Latin, Vietnamese, punctuation, ₫. The font is cut
# down to them, and a text outside them is refused rather than printed as blanks.
FONT_RANGES = (
    (0x0020, 0x007E),
    (0x00A0, 0x024F),
    (0x0300, 0x0323),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
    (0x20AB, 0x20AB),
)
# Every demo PDF carries this moment, so the same text always gives the same bytes.
PDF_DATE = datetime.datetime(2026, 1, 5, 8, 0, tzinfo=datetime.UTC)
DEMO_NOTICE = "Tài liệu minh họa cho bản trình diễn"
LEGAL_NOTICE = (
    "Phiếu này do Thư viện số biên soạn để giới thiệu văn bản; đây không phải văn bản gốc. "
    "Nguyên văn và tình trạng hiệu lực của văn bản cần được tra cứu trên Cơ sở dữ liệu quốc "
    "gia về văn bản pháp luật hoặc Công báo trước khi trích dẫn."
)
MATERIAL_NOTICE = (
    "Nội dung, tác giả và đơn vị biên soạn của tài liệu này là giả định, được viết để trình "
    "diễn nền tảng học tập trực tuyến dùng chung cho các cơ sở đào tạo, bồi dưỡng."
)


# --- PDF --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PdfText:
    """What one generated PDF says."""

    title: str
    heading: str  # above the title, e.g. "PHIẾU GIỚI THIỆU VĂN BẢN"
    summary: str
    facts: tuple[tuple[str, str], ...] = ()  # (label, value)
    sections: tuple[tuple[str, str], ...] = ()  # (heading, paragraph)
    notice: str = ""
    author: str = ""
    keywords: tuple[str, ...] = ()

    def strings(self):
        yield from (self.title, self.heading, self.summary, self.notice, self.author)
        yield from self.keywords
        for pair in [*self.facts, *self.sections]:
            yield from pair


def _covered(char):
    code = ord(char)
    return char == "\n" or any(low <= code <= high for low, high in FONT_RANGES)


def _pdf_class():
    # fpdf2 (and fontTools) are imported when a PDF is drawn, not by every seed run.
    from fpdf import FPDF

    class DemoPdf(FPDF):
        def footer(self):
            self.set_y(-14)
            self.set_font(FONT_FAMILY, size=8)
            self.set_text_color(110, 110, 110)
            self.cell(0, 5, f"{DEMO_NOTICE} — Trang {self.page_no()}/{{nb}}", align="C")

    return DemoPdf


@contextmanager
def _quiet_fonttools():
    # fontTools logs every glyph it keeps at INFO level; a seed run would print pages of it.
    logger = logging.getLogger("fontTools")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def render_pdf(text: PdfText, *, font: Path = FONT_FILE) -> bytes:
    """The bytes of a one- or two-page A4 PDF showing ``text`` in ``font``.

    Deterministic: the same text and font give the same bytes. Raises ValueError for a
    character outside ``FONT_RANGES``.
    """
    missing = {char for string in text.strings() for char in string if not _covered(char)}
    if missing:
        raise ValueError(f"Characters without a glyph in the demo font: {sorted(missing)}")
    with _quiet_fonttools():
        return _render(text, font=font)


def _render(text, *, font):
    from fpdf.enums import XPos, YPos

    pdf = _pdf_class()(format="A4")
    # Every block starts a new line at the left margin.
    below = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}
    pdf.set_creation_date(PDF_DATE)
    pdf.set_lang("vi")
    pdf.set_title(text.title)
    pdf.set_subject(text.summary)
    pdf.set_author(text.author)
    pdf.set_keywords(", ".join(text.keywords))
    pdf.set_creator(f"Thư viện số — {DEMO_NOTICE.lower()}")
    pdf.set_margins(22, 18, 22)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font(FONT_FAMILY, "", str(font))
    pdf.add_page()
    width = pdf.epw

    pdf.set_font(FONT_FAMILY, size=8.5)
    pdf.set_text_color(90, 90, 90)
    pdf.cell(width, 5, "THƯ VIỆN SỐ — HỌC TẬP TRỰC TUYẾN CHO CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC")
    pdf.ln(9)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT_FAMILY, size=11)
    pdf.multi_cell(width, 6, text.heading, align="C", **below)
    pdf.ln(1)
    pdf.set_font(FONT_FAMILY, size=14)
    pdf.multi_cell(width, 7.5, text.title, align="C", **below)
    pdf.ln(4)

    pdf.set_font(FONT_FAMILY, size=9.5)
    for label, value in text.facts:
        pdf.set_text_color(90, 90, 90)
        pdf.cell(42, 5.5, f"{label}:")
        pdf.set_text_color(0, 0, 0)
        pdf.multi_cell(width - 42, 5.5, value, align="L", **below)
    pdf.ln(3)

    pdf.set_fill_color(255, 243, 205)
    pdf.set_draw_color(214, 170, 60)
    pdf.set_font(FONT_FAMILY, size=10)
    pdf.multi_cell(
        width, 6, f"{DEMO_NOTICE.upper()}", border="LTR", fill=True, padding=(2, 3), **below
    )
    pdf.set_font(FONT_FAMILY, size=9)
    pdf.multi_cell(width, 5, text.notice, border="LBR", fill=True, padding=(0, 3, 2, 3), **below)
    pdf.ln(4)

    for heading, paragraph in [("Tóm tắt", text.summary), *text.sections]:
        pdf.set_font(FONT_FAMILY, size=11.5)
        pdf.set_text_color(20, 60, 120)
        pdf.multi_cell(width, 7, heading, **below)
        pdf.set_text_color(0, 0, 0)
        pdf.set_font(FONT_FAMILY, size=10)
        pdf.multi_cell(width, 5.6, paragraph, **below)
        pdf.ln(2.5)
    return bytes(pdf.output())


def _font_subset(target: Path):
    """Write DejaVu Sans cut down to ``FONT_RANGES`` to ``target`` (a tenth of its size)."""
    from fontTools import subset

    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["FFTM"]  # FontForge's timestamps: nothing reads them
    font = subset.load_font(str(FONT_FILE), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(
        unicodes=[code for low, high in FONT_RANGES for code in range(low, high + 1)]
    )
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


@contextmanager
def pdf_writer():
    """A ``render_pdf`` bound to a temporary cut-down copy of the font (fast to embed)."""
    with tempfile.TemporaryDirectory(prefix="library-demo-") as folder:
        font = Path(folder) / f"{FONT_FAMILY}-demo.ttf"
        with _quiet_fonttools():
            _font_subset(font)
        yield partial(render_pdf, font=font)


def _short_date(value):
    return value.strftime("%d/%m/%Y") if value else ""


def pdf_text(demo, *, type_name) -> PdfText:
    """What the PDF of demo item ``demo`` says: a description sheet ("phiếu giới thiệu")
    for a legal document, the material itself (invented for the demo) otherwise."""
    if demo.is_legal:
        facts = [
            ("Số, ký hiệu", demo.number),
            ("Loại văn bản", type_name),
            ("Cơ quan ban hành", demo.body),
            ("Ngày ban hành", _short_date(_date(demo.issued))),
        ]
        if demo.effective:
            facts.append(("Ngày có hiệu lực", _short_date(_date(demo.effective))))
        heading, notice, author = "PHIẾU GIỚI THIỆU VĂN BẢN", LEGAL_NOTICE, DOCUMENT_COLLECTION
    else:
        facts = [("Loại tài liệu", type_name), ("Tác giả", demo.authors)]
        facts += [("Đơn vị biên soạn", demo.publisher), ("Năm", str(demo.publication_year))]
        heading, notice, author = type_name.upper(), MATERIAL_NOTICE, demo.authors
    return PdfText(
        title=demo.title,
        heading=heading,
        summary=demo.summary,
        facts=tuple((label, value) for label, value in facts if value),
        sections=tuple(demo.sections),
        notice=notice,
        author=author,
        keywords=tuple(demo.tags),
    )


# The PDFs are deterministic, so a process that builds the demo more than once (the test
# suite does, on fresh databases) draws each of them once.
_drawn: dict[PdfText, bytes] = {}


class _Drawer:
    """Draws demo PDFs; the cut-down font is only made if one is not drawn yet."""

    def __init__(self, stack):
        self.stack, self.write = stack, None

    def __call__(self, text):
        if text not in _drawn:
            if self.write is None:
                self.write = self.stack.enter_context(pdf_writer())
            _drawn[text] = self.write(text)
        return _drawn[text]


# --- Builders ---------------------------------------------------------------------------


def seed_library_demo(*, stdout):
    """Create the demo library; items, case studies and collections that exist are kept."""
    index = LibraryIndexPage.objects.first()
    if index is None:
        stdout.write("Không có trang “Thư viện số”: bỏ qua dữ liệu mẫu thư viện.")
        return
    users = {
        user.username: user
        for user in get_user_model().objects.filter(username__in=[LIBRARIAN, LECTURER])
    }
    units = {
        unit.code: unit
        for unit in TrainingUnit.objects.filter(code__in={demo.unit for demo in [*ITEMS, *CASES]})
    }
    subjects = _subjects()
    items, new_items, documents = _items(index, subjects=subjects, units=units, users=users)
    cases, new_cases = _case_studies(
        index, items=items, subjects=subjects, units=units, users=users
    )
    new_collections = _collections({**items, **cases})
    _extract_texts(documents)
    if new_items or new_cases or new_collections:
        stdout.write(
            f"Đã tạo thư viện mẫu: {new_items} tài liệu ({len(documents)} tệp PDF), "
            f"{new_cases} tình huống, {new_collections} bộ sưu tập."
        )


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _subjects():
    """The demo subjects by "Broader" and "Broader › Narrower", created where missing."""
    found = {}
    for broader, narrower in SUBJECTS.items():
        # Not get_or_create: the database does not keep two top-level subjects of the same
        # name apart (NULL parents), so the first one is taken.
        parent = Subject.objects.filter(parent=None, name=broader).order_by("pk").first()
        parent = found[broader] = parent or Subject.objects.create(name=broader)
        for name in narrower:
            found[f"{broader}{SEPARATOR}{name}"], _ = Subject.objects.get_or_create(
                parent=parent, name=name
            )
    return found


def _issuing_bodies():
    bodies = {}
    for name, short_name in ISSUING_BODIES:
        bodies[name], _ = IssuingBody.objects.get_or_create(
            name=name, defaults={"short_name": short_name}
        )
    return bodies


def _document_collection():
    """The "Thư viện số" collection of Wagtail documents, under the root collection."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=DOCUMENT_COLLECTION).first()
    return existing or root.add_child(name=DOCUMENT_COLLECTION)


def _items(index, *, subjects, units, users):
    """The demo items by slug (built and published where missing), how many were built,
    and the documents made for them."""
    items = {
        page.slug: page
        for page in LibraryItemPage.objects.child_of(index).filter(
            slug__in=[demo.slug for demo in ITEMS]
        )
    }
    missing = [demo for demo in ITEMS if demo.slug not in items]
    if not missing:
        return items, 0, []
    bodies = _issuing_bodies()
    types = {material_type.code: material_type for material_type in MaterialType.objects.all()}
    ranks = {rank.code: rank for rank in Rank.objects.all()}
    programs = {
        program.slug: program
        for program in ProgramPage.objects.filter(
            slug__in={slug for demo in ITEMS for slug in demo.programs}
        )
    }
    librarian = users.get(LIBRARIAN)
    collection = _document_collection()
    documents = []
    with ExitStack() as stack:
        write = _Drawer(stack)
        for demo in missing:
            document = None
            if demo.sections:
                document, created = _document(
                    demo,
                    write=write,
                    type_name=types[demo.type_code].name,
                    collection=collection,
                    owner=librarian,
                )
                if created:
                    documents.append(document)
            page = LibraryItemPage(
                title=demo.title,
                slug=demo.slug,
                summary=demo.summary,
                document=document,
                external_url=demo.external_url,
                material_type=types[demo.type_code],
                document_number=demo.number,
                issuing_body=bodies.get(demo.body),
                issue_date=_date(demo.issued),
                effective_date=_date(demo.effective),
                authors=demo.authors,
                publisher=demo.publisher,
                year=demo.publication_year,
                licence=demo.licence,
                legal_status=demo.status,
                replaced_by=items[demo.replaced_by] if demo.replaced_by else None,
                owner_unit=units.get(demo.unit),
                visibility=demo.visibility,
                owner=librarian,
            )
            page.subjects = [subjects[name] for name in demo.subjects]
            page.audience_ranks = [ranks[code] for code in demo.ranks if code in ranks]
            page.audience_programs = [programs[slug] for slug in demo.programs if slug in programs]
            page.tags.add(*demo.tags)
            index.add_child(instance=page)
            page.save_revision(user=librarian).publish(user=librarian)
            items[demo.slug] = page
    return items, len(missing), documents


def _document(demo, *, write, type_name, collection, owner):
    """The item's PDF as a Wagtail document, generated unless the collection has it."""
    Document = get_document_model()
    document = Document.objects.filter(collection=collection, title=demo.title).first()
    if document is not None:
        return document, False
    document = Document(title=demo.title, collection=collection, uploaded_by_user=owner)
    content = write(pdf_text(demo, type_name=type_name))
    document.file.save(f"{demo.slug}.pdf", ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    document.tags.add(*demo.tags)
    return document, True


def _case_studies(index, *, items, subjects, units, users):
    """The demo case studies by slug, written by the lecturer and published by the librarian."""
    cases = {
        page.slug: page
        for page in CaseStudyPage.objects.child_of(index).filter(
            slug__in=[demo.slug for demo in CASES]
        )
    }
    created = 0
    for demo in CASES:
        if demo.slug in cases:
            continue
        page = CaseStudyPage(
            title=demo.title,
            slug=demo.slug,
            situation=demo.situation,
            context=demo.context,
            discussion_questions=demo.questions,
            suggested_analysis=demo.analysis,
            difficulty=demo.difficulty,
            owner_unit=units.get(demo.unit),
            visibility=demo.visibility,
            owner=users.get(LECTURER),
        )
        page.subjects = [subjects[name] for name in demo.subjects]
        page.related_items = [items[slug] for slug in demo.related]
        index.add_child(instance=page)
        page.save_revision(user=users.get(LECTURER)).publish(user=users.get(LIBRARIAN))
        cases[demo.slug] = page
        created += 1
    return cases, created


def _collections(pages):
    """Create the demo collections that do not exist yet (by slug); entries in order."""
    existing = set(
        LibraryCollection.objects.filter(slug__in=[demo.slug for demo in COLLECTIONS]).values_list(
            "slug", flat=True
        )
    )
    created = 0
    for order, demo in enumerate(COLLECTIONS):
        if demo.slug in existing:
            continue
        collection = LibraryCollection(
            title=demo.title,
            slug=demo.slug,
            introduction=demo.introduction,
            featured=True,
            sort_order=order,
        )
        collection.entries = [
            LibraryCollectionEntry(page=pages[slug], sort_order=position)
            for position, slug in enumerate(demo.entries)
        ]
        collection.save()
        created += 1
    return created


def _extract_texts(documents):
    """Read the text of the new PDFs now that their items are published.

    Saving a document already queues the extraction, but only once the transaction
    commits (``library.signals``); asking now makes the text searchable as soon as the
    demo is built, and the later run finds the same bytes and skips them.
    """
    if not documents:
        return
    from library.tasks import extract_document_text

    for document in documents:
        extract_document_text.enqueue(document.pk)
