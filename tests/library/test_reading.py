"""Reading the library: its home, item pages, case studies, downloads and counters."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lessons.blocks import CaseStudyBlock
from library import counters
from library.models import (
    CaseStudyPage,
    IssuingBody,
    ItemCounter,
    LegalStatus,
    LibraryCollection,
    LibraryCollectionEntry,
    Subject,
    Visibility,
)
from quizzes.bank.forms import CasePayloadForm
from tests.factories import (
    ProfileFactory,
    TrainingUnitFactory,
    learner,
    lecturer,
    librarian,
    manager,
)
from tests.lessons.documents import text_pdf
from tests.library.builders import make_case_study, make_document, make_item

pytestmark = pytest.mark.django_db

ANALYSIS = "Phân tích gợi ý: trách nhiệm của Chủ tịch UBND xã"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _counter(page):
    counter = ItemCounter.objects.filter(page=page).first()
    return (counter.views, counter.downloads) if counter else (0, 0)


# --- Counters -------------------------------------------------------------------------------


def test_views_are_counted_on_each_get(client):
    item = make_item()
    assert _counter(item) == (0, 0)
    client.get(item.url)
    client.get(item.url)
    assert _counter(item) == (2, 0)
    client.head(item.url)
    assert _counter(item) == (2, 0)


def test_counts_are_f_expression_updates():
    item = make_item()
    with CaptureQueriesContext(connection) as context:
        counters.count_view(page=item)
        counters.count_view(page=item)
        counters.count_download(page=item)
    updates = [q["sql"] for q in context.captured_queries if q["sql"].startswith("UPDATE")]
    # The database adds one: no Python read-modify-write that could lose a count.
    assert all('"views" + 1' in sql or '"downloads" + 1' in sql for sql in updates)
    assert _counter(item) == (2, 1)


def test_a_stale_counter_in_memory_does_not_roll_the_count_back():
    item = make_item()
    counters.count_view(page=item)
    stale = ItemCounter.objects.get(page=item)
    counters.count_view(page=item)  # another reader, meanwhile
    counters.count_view(page=item)
    assert stale.views == 1
    assert _counter(item) == (3, 0)


def test_refused_readers_and_previews_are_not_counted(client):
    item = make_item(visibility=Visibility.SIGNED_IN)
    client.get(item.url)  # a guest: sent to log in
    # Admin previews are not refused, even of a unit-only draft of another unit.
    draft = make_item(visibility=Visibility.UNIT, owner_unit=TrainingUnitFactory(), live=False)
    client.force_login(librarian())
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[draft.pk]))
    assert response.status_code == 200
    assert _counter(item) == (0, 0)
    assert _counter(draft) == (0, 0)


# --- Downloads ------------------------------------------------------------------------------


def test_download_is_an_attachment_with_the_file_name(client):
    document = make_document("Nghị định 89/2021/NĐ-CP", content=text_pdf())
    item = make_item(document=document)
    response = client.get(reverse("library:download", args=[item.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{document.filename}"'
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == text_pdf()
    assert _counter(item) == (0, 1)
    client.get(reverse("library:download", args=[item.pk]))
    assert _counter(item) == (0, 2)


def test_download_of_a_unit_item_is_not_cached_by_shared_caches(client):
    unit = TrainingUnitFactory()
    item = make_item(document=make_document(), owner_unit=unit, visibility=Visibility.UNIT)
    client.force_login(ProfileFactory(user=learner(), unit=unit).user)
    response = client.get(reverse("library:download", args=[item.pk]))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_download_of_a_link_redirects_and_counts(client):
    item = make_item(external_url="https://vanban.chinhphu.vn/?docid=204512")
    response = client.get(reverse("library:download", args=[item.pk]))
    assert response.status_code == 302
    assert response["Location"] == "https://vanban.chinhphu.vn/?docid=204512"
    assert _counter(item) == (0, 1)


def test_refused_downloads_are_not_counted(client):
    item = make_item(document=make_document(), visibility=Visibility.SIGNED_IN)
    assert client.get(reverse("library:download", args=[item.pk])).status_code == 302
    assert _counter(item) == (0, 0)


# --- Item page ------------------------------------------------------------------------------


def test_item_page_shows_the_metadata(client):
    body = IssuingBody.objects.create(name="Chính phủ", short_name="CP")
    subject = Subject.objects.create(name="Đào tạo, bồi dưỡng")
    unit = TrainingUnitFactory(name="Trường Chính trị tỉnh Nghệ An")
    item = make_item(
        title="Nghị định về đào tạo, bồi dưỡng cán bộ, công chức, viên chức",
        material_type="nghi-dinh",
        document_number="89/2021/NĐ-CP",
        issuing_body=body,
        issue_date=datetime.date(2021, 10, 18),
        effective_date=datetime.date(2021, 12, 1),
        authors="Ban soạn thảo",
        publisher="Nhà xuất bản Chính trị quốc gia Sự thật",
        year=2021,
        licence="public_domain",
        owner_unit=unit,
        subjects=[subject],
        tags=["bồi dưỡng"],
        document=make_document(),
    )
    html = client.get(item.url).content.decode()
    for text in (
        "Nghị định",
        "89/2021/NĐ-CP",
        "Chính phủ",
        "18/10/2021",
        "01/12/2021",
        "Ban soạn thảo",
        "Nhà xuất bản Chính trị quốc gia Sự thật",
        ">2021<",
        "Đào tạo, bồi dưỡng",
        "bồi dưỡng",
        unit.name,
    ):
        assert text in html, text
    assert reverse("library:download", args=[item.pk]) in html
    # The PDF preview of the lessons, reading the file through the checked document URL.
    assert "data-pdf-preview" in html
    assert f'data-src="{item.document.url}"' in html
    assert "lessons/js/pdf-preview.js" in html
    assert "PDF" in html


def test_a_word_file_has_no_preview_but_a_download(client):
    document = make_document("Giáo trình", content=b"PK\x03\x04 not really a docx")
    item = make_item(document=document, material_type="giao-trinh")
    html = client.get(item.url).content.decode()
    assert "data-pdf-preview" not in html
    assert "DOCX" in html
    assert reverse("library:download", args=[item.pk]) in html


def test_replaced_banner_links_to_the_replacing_item(client):
    new = make_item(title="Nghị định 89/2021/NĐ-CP", material_type="nghi-dinh")
    old = make_item(
        title="Nghị định 101/2017/NĐ-CP",
        material_type="nghi-dinh",
        legal_status=LegalStatus.REPLACED,
        replaced_by=new,
    )
    html = client.get(old.url).content.decode()
    assert 'class="library-banner"' in html
    banner = html.split('class="library-banner"')[1].split("</div>")[0]
    assert f'href="{new.url}"' in banner
    assert new.title in banner
    # An item in force has no banner.
    assert 'class="library-banner"' not in client.get(new.url).content.decode()


def test_replaced_banner_does_not_link_to_an_item_the_reader_may_not_read(client):
    new = make_item(visibility=Visibility.SIGNED_IN, title="Bản thay thế nội bộ")
    old = make_item(legal_status=LegalStatus.REPLACED, replaced_by=new)
    html = client.get(old.url).content.decode()
    assert 'class="library-banner"' in html
    assert "Bản thay thế nội bộ" not in html


def test_related_items_are_visible_ones_sharing_subjects_or_kind(client):
    subject = Subject.objects.create(name="Chuyển đổi số")
    body = IssuingBody.objects.create(name="Thủ tướng Chính phủ")
    item = make_item(subjects=[subject], material_type="quyet-dinh", issuing_body=body)
    same_subject = make_item(subjects=[subject], material_type="sach", title="Sách chuyển đổi số")
    same_kind = make_item(material_type="quyet-dinh", issuing_body=body, title="Quyết định khác")
    make_item(material_type="bai-bao", title="Bài báo không liên quan")
    make_item(subjects=[subject], visibility=Visibility.UNIT, title="Tài liệu riêng của đơn vị")
    html = client.get(item.url).content.decode()
    related = html.split('id="library-related"')[1]
    assert same_subject.title in related
    assert same_kind.title in related
    assert "Bài báo không liên quan" not in related
    assert "Tài liệu riêng của đơn vị" not in related
    assert related.count(f'href="{item.url}"') == 0


def test_item_page_lists_the_case_studies_citing_it(client):
    item = make_item()
    make_case_study(title="Tình huống cấp xã", related_items=[item])
    make_case_study(
        title="Tình huống nội bộ", related_items=[item], visibility=Visibility.SIGNED_IN
    )
    html = client.get(item.url).content.decode()
    assert "Tình huống cấp xã" in html
    assert "Tình huống nội bộ" not in html


def test_item_page_shows_the_counts(client):
    item = make_item()
    counters.count_download(page=item)
    html = client.get(item.url).content.decode()
    counts = html.split('class="library-item__counts"')[1].split("</p>")[0]
    assert "1" in counts


def _item_with_neighbours(count):
    subject = Subject.objects.create(name=f"Chủ đề {count}")
    body = IssuingBody.objects.create(name=f"Cơ quan {count}")
    item = make_item(
        subjects=[subject],
        material_type="nghi-dinh",
        issuing_body=body,
        tags=["cải cách hành chính"],
        document=make_document(),
        legal_status=LegalStatus.REPLACED,
    )
    for index in range(count):
        make_item(subjects=[subject], material_type="nghi-dinh", issuing_body=body)
        make_case_study(title=f"Tình huống {count}-{index}", related_items=[item])
    item.replaced_by = make_item()
    item.save_revision().publish()
    return item


@pytest.mark.parametrize("make_user", [None, learner, librarian])
def test_item_page_queries_do_not_grow_with_neighbours(client, make_user):
    if make_user is not None:
        client.force_login(ProfileFactory(user=make_user()).user)
    small = _item_with_neighbours(3)
    large = _item_with_neighbours(15)
    # A first reading creates the counter row and stores the file's size: warm both.
    _count_queries(client, small.url)
    _count_queries(client, large.url)
    assert _count_queries(client, large.url) == _count_queries(client, small.url)


# --- Library home ---------------------------------------------------------------------------


def _fill_library(count, unit):
    collection = LibraryCollection.objects.create(
        title=f"Văn bản về chuyển đổi số {count}", slug=f"chuyen-doi-so-{count}"
    )
    for index in range(count):
        item = make_item(title=f"Văn bản {count}-{index}")
        case = make_case_study(title=f"Tình huống {count}-{index}")
        LibraryCollectionEntry.objects.create(collection=collection, page=item, sort_order=index)
        LibraryCollectionEntry.objects.create(
            collection=collection, page=case, sort_order=count + index
        )
    make_item(owner_unit=unit, visibility=Visibility.UNIT, title="Tài liệu của đơn vị")


@pytest.mark.parametrize("make_user", [None, learner, librarian])
def test_home_queries_do_not_grow_with_items(client, library_index, make_user):
    unit = TrainingUnitFactory()
    if make_user is not None:
        client.force_login(ProfileFactory(user=make_user(), unit=unit).user)
    _fill_library(3, unit)
    _count_queries(client, library_index.url)
    small = _count_queries(client, library_index.url)
    _fill_library(15, unit)
    assert _count_queries(client, library_index.url) == small


def test_home_shows_collections_newest_and_case_studies(client, library_index):
    unit = TrainingUnitFactory()
    first = make_item(title="Nghị quyết 52-NQ/TW")
    second = make_item(title="Chỉ thị 01/CT-TTg")
    private = make_item(title="Tài liệu nội bộ", owner_unit=unit, visibility=Visibility.UNIT)
    case = make_case_study(title="Tình huống chuyển đổi số cấp xã")
    collection = LibraryCollection.objects.create(
        title="Văn bản về chuyển đổi số", slug="chuyen-doi-so", introduction="Tuyển chọn."
    )
    for order, page in enumerate([second, private, first]):
        LibraryCollectionEntry.objects.create(collection=collection, page=page, sort_order=order)
    LibraryCollection.objects.create(title="Bộ sưu tập ẩn", slug="an", featured=False)

    html = client.get(library_index.url).content.decode()
    assert f'action="{reverse("library:search")}"' in html
    assert 'name="q"' in html
    section = html.split("Văn bản về chuyển đổi số")[1].split("</section>")[0]
    assert section.index("Chỉ thị 01/CT-TTg") < section.index("Nghị quyết 52-NQ/TW")
    assert "Tài liệu nội bộ" not in html
    assert "Bộ sưu tập ẩn" not in html
    assert case.title in html

    client.force_login(ProfileFactory(user=learner(), unit=unit).user)
    html = client.get(library_index.url).content.decode()
    section = html.split("Văn bản về chuyển đổi số")[1].split("</section>")[0]
    assert private.title in section


# --- Case studies ---------------------------------------------------------------------------


def _case():
    law = make_item(title="Luật Cán bộ, công chức", material_type="luat")
    hidden = make_item(
        title="Hướng dẫn nội bộ", owner_unit=TrainingUnitFactory(), visibility=Visibility.UNIT
    )
    return make_case_study(
        title="Tình huống giải quyết khiếu nại",
        situation="<p>Ông A khiếu nại quyết định hành chính.</p>",
        context="<p>Xã X, năm 2024.</p>",
        discussion_questions="<ol><li>Ai có thẩm quyền giải quyết?</li></ol>",
        suggested_analysis=f"<p>{ANALYSIS}</p>",
        related_items=[law, hidden],
    )


@pytest.mark.parametrize("make_user", [None, learner])
def test_suggested_analysis_is_hidden_from_learners_and_guests(client, make_user):
    case = _case()
    if make_user is not None:
        client.force_login(make_user())
    html = client.get(case.url).content.decode()
    assert "Ông A khiếu nại quyết định hành chính." in html
    assert "Xã X, năm 2024." in html
    assert "Ai có thẩm quyền giải quyết?" in html
    assert ANALYSIS not in html
    assert "Luật Cán bộ, công chức" in html
    assert "Hướng dẫn nội bộ" not in html


@pytest.mark.parametrize("make_user", [lecturer, librarian, manager])
def test_suggested_analysis_is_shown_to_staff(client, make_user):
    case = _case()
    client.force_login(make_user())
    html = client.get(case.url).content.decode()
    assert ANALYSIS in html
    assert "Hướng dẫn nội bộ" in html


def test_case_study_page_queries_do_not_grow_with_related_items(client):
    def case_with(count):
        return make_case_study(related_items=[make_item() for _ in range(count)])

    small, large = case_with(2), case_with(12)
    _count_queries(client, small.url)
    _count_queries(client, large.url)
    assert _count_queries(client, large.url) == _count_queries(client, small.url)


# --- Lessons and question banks use library case studies -----------------------------------


def test_lesson_case_study_block_chooses_case_studies():
    assert CaseStudyBlock().child_blocks["case"].target_model is CaseStudyPage


def test_case_analysis_question_needs_a_live_case_study(home_page):
    case = make_case_study()
    draft = make_case_study(live=False)
    form = CasePayloadForm({"payload-case_page": str(case.pk)})
    form.is_valid()
    assert "case_page" not in form.errors
    for page in (home_page, draft, make_item()):
        form = CasePayloadForm({"payload-case_page": str(page.pk)})
        assert not form.is_valid()
        assert "case_page" in form.errors
