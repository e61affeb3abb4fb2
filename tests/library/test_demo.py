"""The library demo built by `manage.py seed_demo` (library.demo)."""

import datetime
import io
import json
import re
import time
import unicodedata

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from pypdf import PdfReader
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision

from library import demo
from library.demo_data.case_studies import CASES, QUIZ_CASE
from library.demo_data.collections import COLLECTIONS
from library.demo_data.items import ITEMS
from library.demo_data.taxonomy import SEPARATOR
from library.models import (
    CaseStudyPage,
    DocumentText,
    LegalStatus,
    LibraryCollection,
    LibraryItemPage,
    Licence,
    MaterialType,
    Visibility,
)
from library.selectors import case_studies_visible_to, items_visible_to, library_search
from lms.models import TrainingUnit
from quizzes.demo_data.questions import CASE_QUESTION
from quizzes.models import Question
from tests.factories import ProfileFactory, learner

pytestmark = pytest.mark.django_db

# Old-style tone placement ("hoá", "khoẻ", "tuỳ"); the project writes "hóa", "khỏe", "tùy".
OLD_STYLE_TONE = re.compile(r"(?:o[áàảãạ]|o[éèẻẽẹ]|(?<!q)u[ýỳỷỹỵ])(?!\w)", re.IGNORECASE)

# The documents the platform is built around: (number, type, issue date, issuing body).
NAMED_DOCUMENTS = [
    ("52-NQ/TW", "nghi-quyet", datetime.date(2019, 9, 27), "Bộ Chính trị"),
    ("01/CT-TTg", "chi-thi", datetime.date(2020, 1, 14), "Thủ tướng Chính phủ"),
    ("749/QĐ-TTg", "quyet-dinh", datetime.date(2020, 6, 3), "Thủ tướng Chính phủ"),
    ("942/QĐ-TTg", "quyet-dinh", datetime.date(2021, 6, 15), "Thủ tướng Chính phủ"),
    ("101/2017/NĐ-CP", "nghi-dinh", datetime.date(2017, 9, 1), "Chính phủ"),
    ("89/2021/NĐ-CP", "nghi-dinh", datetime.date(2021, 10, 18), "Chính phủ"),
]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo, built once for this module: each test runs in a savepoint inside it.

    Building the demo takes seconds; the tests only read it, or change it in their own
    savepoint, which is rolled back after each test.
    """
    out = io.StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def output(seeded, db):
    return seeded


def _item(slug):
    return LibraryItemPage.objects.get(slug=slug)


def _pdf_text(document):
    with document.file.open("rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
        pages = [page.extract_text() for page in reader.pages]
    return len(pages), " ".join(" ".join(pages).split())


# --- The data itself ---------------------------------------------------------------------


def _demo_strings():
    for item in ITEMS:
        yield item.slug, [item.title, item.summary, item.authors, item.publisher, *item.tags]
        yield item.slug, [text for section in item.sections for text in section]
    for case in CASES:
        yield case.slug, [case.title, case.situation, case.context, case.questions, case.analysis]
    for collection in COLLECTIONS:
        yield collection.slug, [collection.title, collection.introduction]


def test_the_texts_are_clean_vietnamese():
    for key, strings in _demo_strings():
        text = json.dumps(strings, ensure_ascii=False)
        assert unicodedata.is_normalized("NFC", text), key
        assert not OLD_STYLE_TONE.search(text), (key, OLD_STYLE_TONE.search(text))
        assert "  " not in text and " ," not in text and " ." not in text, key


def test_the_data_holds_together():
    slugs = [item.slug for item in ITEMS]
    case_slugs = [case.slug for case in CASES]
    assert len(set(slugs + case_slugs)) == len(slugs) + len(case_slugs)
    codes = set(MaterialType.objects.values_list("code", flat=True))
    for position, item in enumerate(ITEMS):
        assert item.type_code in codes, item.slug
        assert len(item.title) <= 255 and len(item.slug) <= 80, item.slug
        # A tag with a comma would be split in two by the admin's tag field.
        assert all("," not in tag for tag in item.tags), item.slug
        assert item.subjects and item.tags and item.ranks and item.licence, item.slug
        if item.replaced_by:
            assert item.replaced_by in slugs[:position], item.slug
            assert item.status == LegalStatus.REPLACED
        if item.is_legal:
            assert item.body and item.issued and item.sections, item.slug
            assert item.licence == Licence.PUBLIC_DOMAIN
    for case in CASES:
        assert all(slug in slugs for slug in case.related), case.slug
    for collection in COLLECTIONS:
        assert all(slug in slugs + case_slugs for slug in collection.entries), collection.slug
    assert QUIZ_CASE in CASES


# --- What seed_demo builds ---------------------------------------------------------------


def test_thirty_items_five_case_studies_two_collections(output, library_index):
    items = LibraryItemPage.objects.child_of(library_index).live()
    assert items.count() == len(ITEMS) >= 30
    assert CaseStudyPage.objects.child_of(library_index).live().count() == 5
    files = sum(1 for item in ITEMS if item.sections)
    assert (
        f"Đã tạo thư viện mẫu: {len(ITEMS)} tài liệu ({files} tệp PDF), 5 tình huống, "
        "2 bộ sưu tập." in output
    )
    # Catalogued by the librarian; case studies written by the lecturer.
    assert set(items.values_list("owner__username", flat=True)) == {"thuthu"}
    cases = CaseStudyPage.objects.all()
    assert set(cases.values_list("owner__username", flat=True)) == {"giangvien"}

    collections = list(LibraryCollection.objects.order_by("sort_order"))
    assert [c.title for c in collections] == [
        "Văn bản về chuyển đổi số",
        "Đào tạo, bồi dưỡng cán bộ, công chức",
    ]
    assert all(c.featured and c.introduction for c in collections)
    first = [entry.page.slug for entry in collections[0].entries.order_by("sort_order")]
    assert first == list(COLLECTIONS[0].entries)
    assert first[0] == "nghi-quyet-52-nq-tw"


@pytest.mark.parametrize("number,type_code,issued,body", NAMED_DOCUMENTS)
def test_the_documents_the_platform_is_built_around(number, type_code, issued, body):
    item = LibraryItemPage.objects.select_related("issuing_body", "material_type").get(
        document_number=number
    )
    assert item.live and item.visibility == Visibility.PUBLIC
    assert item.material_type.code == type_code and item.material_type.is_legal
    assert item.issue_date == issued and item.year == issued.year
    assert item.issuing_body.name == body
    assert item.licence == Licence.PUBLIC_DOMAIN
    assert item.document is not None and item.document.file.name.endswith(".pdf")
    assert number in item.title and item.summary and item.subjects.exists()
    assert item.audience_ranks.exists() and item.tags.exists()


def test_legal_status_amendments_and_replacements():
    nd_101 = _item("nghi-dinh-101-2017-nd-cp")
    assert nd_101.legal_status == LegalStatus.PARTLY
    assert "89/2021/NĐ-CP" in nd_101.summary and nd_101.replaced_by is None
    assert nd_101.effective_date == datetime.date(2017, 10, 15)
    assert _item("nghi-dinh-89-2021-nd-cp").legal_status == LegalStatus.IN_FORCE
    for old, new in [
        ("nghi-dinh-18-2010-nd-cp", "nghi-dinh-101-2017-nd-cp"),
        ("luat-can-bo-cong-chuc-2008", "luat-can-bo-cong-chuc-2025"),
        ("luat-giao-dich-dien-tu-2005", "luat-giao-dich-dien-tu-2023"),
    ]:
        item = _item(old)
        assert item.legal_status == LegalStatus.REPLACED
        assert item.replaced_by == _item(new) and item.replaced_by.live


def test_metadata_is_varied_like_a_real_catalogue():
    items = LibraryItemPage.objects.live()
    assert items.values("material_type").distinct().count() >= 10
    assert items.values("issuing_body").distinct().count() >= 6
    assert items.values("year").distinct().count() >= 10
    assert items.values("licence").distinct().count() == 5
    assert items.exclude(external_url="").count() == 1
    # Mostly public; one for signed-in users; one for its own unit only.
    visibilities = list(items.values_list("visibility", flat=True))
    assert visibilities.count(Visibility.SIGNED_IN) == 1
    assert visibilities.count(Visibility.UNIT) == 1
    unit_only = items.get(visibility=Visibility.UNIT)
    assert unit_only.owner_unit.code == "truong-chinh-tri-tinh-demo"
    assert items.filter(owner_unit__code="hoc-vien-hanh-chinh").count() >= 25
    # Subjects form a tree; ranks and programs come from the lms and lessons demos.
    nd_89 = _item("nghi-dinh-89-2021-nd-cp")
    assert {str(s) for s in nd_89.subjects.all()} == {
        "Đào tạo, bồi dưỡng",
        f"Quản lý nhà nước{SEPARATOR}Công vụ, công chức",
    }
    assert set(nd_89.audience_ranks.values_list("code", flat=True)) == {
        "01.001",
        "01.002",
        "01.003",
        "01.004",
    }
    assert set(nd_89.audience_programs.values_list("slug", flat=True)) == {
        "boi-duong-ngach-chuyen-vien",
        "boi-duong-lanh-dao-quan-ly-cap-phong",
    }


def test_private_items_stay_private():
    hoc_vien = TrainingUnit.objects.get(code="hoc-vien-hanh-chinh")
    elsewhere = ProfileFactory(user=learner(), unit=hoc_vien).user
    there = get_user_model().objects.get(username="hocvien")  # of the provincial school

    def visible(user):
        return set(items_visible_to(user=user).values_list("slug", flat=True))

    signed_in = "tai-lieu-boi-duong-lanh-dao-quan-ly-cap-phong-ky-nang-dieu-hanh"
    unit_only = "so-tay-chuyen-doi-so-cho-can-bo-cong-chuc-cap-xa"
    guest = visible(AnonymousUser())
    assert len(guest) == len(ITEMS) - 2 and not {signed_in, unit_only} & guest
    assert visible(elsewhere) == guest | {signed_in}
    assert visible(there) == {item.slug for item in ITEMS}
    assert case_studies_visible_to(user=AnonymousUser()).count() == 5
    # Nor can its file be fetched by its address.
    url = _item(unit_only).document.url
    assert Client().get(url).status_code != 200
    client = Client()
    client.force_login(there)
    assert client.get(url).status_code == 200


def test_case_studies_have_every_part():
    for case in CaseStudyPage.objects.all():
        assert case.live and case.visibility == Visibility.PUBLIC
        assert case.situation and case.context and case.discussion_questions
        assert case.suggested_analysis and case.subjects.exists()
        assert case.related_items.count() >= 2
    assert {c.difficulty for c in CaseStudyPage.objects.all()} == {"medium", "hard"}


def test_the_case_analysis_question_is_about_a_case_study():
    question = Question.objects.select_related("current_version").get(idnumber=CASE_QUESTION)
    page = Page.objects.get(pk=question.current_version.payload["case_page"]).specific
    assert isinstance(page, CaseStudyPage) and page.slug == QUIZ_CASE.slug
    assert page.live and "người cao tuổi" in page.title


# --- PDFs ----------------------------------------------------------------------------


def test_pdfs_are_stored_readable_and_searchable():
    with_files = [item for item in ITEMS if item.sections]
    Document = get_document_model()
    documents = Document.objects.filter(collection__name=demo.DOCUMENT_COLLECTION)
    assert documents.count() == len(with_files) >= 20
    assert all(document.file_size and document.file_hash for document in documents)

    item = _item("nghi-dinh-89-2021-nd-cp")
    pages, text = _pdf_text(item.document)
    assert 1 <= pages <= 2
    assert demo.DEMO_NOTICE in text
    assert "PHIẾU GIỚI THIỆU VĂN BẢN" in text and "Ngày ban hành: 18/10/2021" in text
    assert "Bộ Nội vụ xây dựng, ban hành và quản lý chương trình bồi dưỡng" in text

    # The background task has read every file, so a phrase from inside one finds it.
    stored = DocumentText.objects.filter(document__in=documents)
    assert set(stored.values_list("status", flat=True)) == {DocumentText.Status.DONE}
    assert stored.count() == len(with_files)
    phrase = "Liên hệ với chuyển đổi số trong bồi dưỡng"
    assert phrase not in item.summary and phrase in item.document_full_text()
    found = library_search(query=f'"{phrase}"', user=AnonymousUser())
    assert [result["id"] for result in found.results] == [item.pk]
    found = library_search(query="lien he voi chuyen doi so trong boi duong", user=AnonymousUser())
    assert item.pk in [result["id"] for result in found.results]


def test_pdfs_are_deterministic_quick_and_vietnamese():
    with_files = [item for item in ITEMS if item.sections]
    texts = [demo.pdf_text(item, type_name="Nghị định") for item in with_files]
    texts = (texts * 2)[:30]
    started = time.perf_counter()
    with demo.pdf_writer() as write:
        pdfs = [write(text) for text in texts]
    assert time.perf_counter() - started < 5
    assert len(pdfs) == 30 and pdfs[0] != pdfs[1]
    assert pdfs[0] == pdfs[len(with_files)]  # the same text again: the same bytes
    reader = PdfReader(io.BytesIO(pdfs[0]))
    assert reader.metadata.title == with_files[0].title
    assert reader.metadata.creation_date.year == demo.PDF_DATE.year
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Nghị quyết của Bộ Chính trị ban hành ngày 27/9/2019" in text
    assert "Tài liệu minh họa cho bản trình diễn" in text


def test_pdfs_refuse_text_the_font_cannot_show():
    text = demo.PdfText(title="Tiêu đề", heading="THỬ", summary="Chữ Hán 漢字 không có")
    with pytest.raises(ValueError, match="漢"):
        demo.render_pdf(text)


def test_the_vendored_font_has_its_licence():
    assert demo.FONT_FILE.is_file()
    licence = (demo.FONT_FILE.parent / "LICENSE").read_text()
    assert "Bitstream Vera Fonts Copyright" in licence and "Arev Fonts Copyright" in licence


# --- Idempotence ----------------------------------------------------------------------------


def _counts():
    labels = {"library", "wagtailcore", "wagtaildocs", "taggit", "lessons", "quizzes"}
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in labels
    }


def test_seeding_twice_creates_and_changes_nothing(output):
    first = _counts()
    revisions = list(Revision.objects.order_by("pk").values_list("pk", flat=True))
    items = list(LibraryItemPage.objects.order_by("pk").values())
    files = sorted(get_document_model().objects.values_list("file", flat=True))
    again = io.StringIO()
    call_command("seed_demo", stdout=again)
    assert _counts() == first
    assert list(Revision.objects.order_by("pk").values_list("pk", flat=True)) == revisions
    assert list(LibraryItemPage.objects.order_by("pk").values()) == items
    assert sorted(get_document_model().objects.values_list("file", flat=True)) == files
    assert "thư viện mẫu" not in again.getvalue()


def test_a_deleted_item_comes_back_with_its_file(library_index):
    item = _item("nghi-dinh-30-2020-nd-cp")
    document = item.document
    documents = get_document_model().objects.count()
    item.delete()
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    again = _item("nghi-dinh-30-2020-nd-cp")
    assert again.live and again.document == document
    assert get_document_model().objects.count() == documents
    assert "1 tài liệu (0 tệp PDF), 0 tình huống, 0 bộ sưu tập" in out.getvalue()
