"""Lesson blocks (document, video, table, legal text, case study) and who may download documents."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail import hooks
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import PageViewRestriction

from lessons import services
from lessons.blocks import LessonBodyBlock
from lessons.documents import document_access_denied
from lessons.models.pages import EnrolmentPolicy
from tests.factories import UserFactory, learner, lecturer, manager
from tests.library.builders import make_case_study

from .builders import make_course, make_lesson, make_program
from .documents import make_document, text_pdf

pytestmark = pytest.mark.django_db

BLOCKS = LessonBodyBlock().child_blocks


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def document():
    return make_document()


def render(name, raw):
    block = BLOCKS[name]
    return block.render(block.to_python(raw))


def assert_csp_safe(html):
    """No inline script or style: the site's CSP refuses them on public pages."""
    assert " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\son[a-z]+=", html)


def document_block(document, **value):
    """A lesson body item in the stored (JSON) form."""
    value = {"document": document.pk, "caption": "", "show_preview": True, **value}
    return {"type": "document", "value": value}


# Blocks ---------------------------------------------------------------------


def test_pdf_document_block_has_preview_links_and_fallback(document):
    html = render("document", {"document": document.pk, "caption": "Đọc Điều 5"})
    assert '<figure class="lesson-document">' in html
    assert f'data-src="{document.url}"' in html
    assert 'data-pdfjs="/static/vendor/pdfjs/pdf.min.mjs"' in html
    assert 'data-worker="/static/vendor/pdfjs/pdf.worker.min.mjs"' in html
    assert 'data-cmaps="/static/vendor/pdfjs/cmaps/LICENSE"' in html
    assert '<script type="module" src="/static/lessons/js/pdf-preview.js"></script>' in html
    # The toolbar waits for the script; the fallback text and links work without it.
    assert re.search(r'class="pdf-preview__toolbar"[^>]*hidden', html)
    assert "data-fallback" in html
    assert 'aria-live="polite"' in html
    assert re.search(r'class="pdf-preview__pages"[^>]*tabindex="0"', html)
    assert f'href="{document.url}" download="{document.filename}"' in html
    assert "Đọc Điều 5" in html
    assert "<figcaption" in html
    assert_csp_safe(html)


def test_non_pdf_document_and_preview_off_have_no_preview():
    docx = make_document(title="Mẫu báo cáo", filename="mau.docx", content=b"PK\x03\x04")
    html = render("document", {"document": docx.pk, "show_preview": True})
    assert "data-pdf-preview" not in html
    assert "pdf-preview.js" not in html
    assert f'href="{docx.url}"' in html
    assert "(DOCX" in html
    pdf = make_document()
    assert "data-pdf-preview" not in render("document", {"document": pdf.pk, "show_preview": False})


def test_video_block_plays_the_uploaded_file_with_a_transcript():
    video = make_document(title="Bài giảng", filename="bai-giang.mp4", content=b"\0" * 32)
    html = render(
        "video",
        {"title": "Bài 1", "file": video.pk, "embed": "", "transcript": "<p>Xin chào</p>"},
    )
    assert '<video class="lesson-video__player" controls preload="metadata">' in html
    assert f'<source src="{video.url}" type="video/mp4">' in html
    assert "<details" in html and "<summary>" in html and "<p>Xin chào</p>" in html
    assert "Bài 1" in html
    assert_csp_safe(html)


def test_video_block_embed_has_no_inline_style():
    url = "https://www.youtube.com/watch?v=abc"
    Embed.objects.create(
        hash=get_embed_hash(url),
        url=url,
        type="video",
        html='<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Video"></iframe>',
        width=560,
        height=315,
    )
    html = render("video", {"title": "", "file": None, "embed": url, "transcript": ""})
    assert '<div class="lesson-video__embed"><iframe src="https://www.youtube-nocookie.com' in html
    assert "<video" not in html and "<details" not in html
    assert_csp_safe(html)


def test_table_block_has_caption_and_header_scopes():
    html = render(
        "table",
        {
            "data": [["Ngạch", "Mã số"], ["Chuyên viên chính", "01.002"], ["Chuyên viên", None]],
            "first_row_is_table_header": True,
            "first_col_is_header": True,
            "table_header_choice": "both",
            "table_caption": "Ngạch công chức",
            "cell": [{"row": 1, "col": 1, "className": "htRight"}],
        },
    )
    assert "<caption>Ngạch công chức</caption>" in html
    assert re.search(r'<th scope="col"\s*>\s*Ngạch\s*</th>', html)
    assert re.search(r'<th scope="row"\s*>\s*Chuyên viên chính\s*</th>', html)
    assert re.search(r'<td class="htRight"\s+data-label="Mã số">01.002</td>', html)
    assert 'class="lesson-table lesson-table--stack" role="region" tabindex="0"' in html
    assert 'aria-label="Ngạch công chức"' in html
    assert "None" not in html


def test_table_block_without_header_and_with_merged_cells():
    html = render(
        "table",
        {
            "data": [["<b>a</b>", "b"], ["c", "d"]],
            "first_row_is_table_header": False,
            "first_col_is_header": False,
            "table_header_choice": "neither",
            "mergeCells": [{"row": 0, "col": 0, "rowspan": 1, "colspan": 2}],
            "cell": [{"row": 0, "col": 1, "hidden": True}],
        },
    )
    assert "<thead>" not in html and "<th" not in html
    assert 'rowspan="1" colspan="2"' in html
    assert "&lt;b&gt;a&lt;/b&gt;" in html
    assert ">b</td>" not in html
    assert "lesson-table--stack" not in html and "data-label" not in html


def test_legal_quote_block():
    html = render(
        "legal_quote",
        {
            "text": "Cán bộ, công chức có nghĩa vụ học tập.\n<script>x</script>",
            "source": "Khoản 2 Điều 5 Nghị định số 89/2021/NĐ-CP",
            "link": "https://vanban.chinhphu.vn/89-2021",
        },
    )
    assert '<figure class="legal-quote">' in html
    assert 'cite="https://vanban.chinhphu.vn/89-2021"' in html
    assert (
        '<a href="https://vanban.chinhphu.vn/89-2021"><cite>Khoản 2 Điều 5 Nghị định số '
        "89/2021/NĐ-CP</cite></a>"
    ) in html
    assert "&lt;script&gt;" in html
    assert html.index("</blockquote>") < html.index("<figcaption")
    without_link = render("legal_quote", {"text": "Văn bản", "source": "Luật Cán bộ, công chức"})
    assert "cite=" not in without_link and "<a " not in without_link
    assert "<cite>Luật Cán bộ, công chức</cite>" in without_link


def test_case_study_block_links_live_pages_only(library_index):
    case = make_case_study(title="Tình huống khiếu nại")
    html = render("case_study", {"case": case.pk, "introduction": "Vì sao đọc"})
    assert f'href="{case.url}"' in html
    assert case.title in html and "<p>Vì sao đọc</p>" in html
    case.unpublish()
    assert render("case_study", {"case": case.pk, "introduction": ""}).strip() == ""


# Who may download a lesson's documents ----------------------------------------


def request_for(user, document):
    request = RequestFactory().get(document.url)
    request.user = user
    return request


def denied(user, document):
    return document_access_denied(request=request_for(user, document), document=document)


@pytest.fixture
def course():
    return make_course(title="Quản lý nhà nước", policy=EnrolmentPolicy.SELF)


@pytest.fixture
def lesson_document(course, document):
    make_lesson(course=course, body=[document_block(document)])
    return document


def test_anonymous_user_is_sent_to_log_in(lesson_document):
    response = denied(AnonymousUser(), lesson_document)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=/documents/")


def test_learner_not_enrolled_gets_a_403_naming_the_course(lesson_document, course):
    response = denied(learner(), lesson_document)
    assert response.status_code == 403
    response.render()
    content = response.content.decode()
    assert course.title in content and course.url in content
    assert lesson_document.title in content


def test_enrolled_learner_may_download(lesson_document, course):
    user = learner()
    services.enrolment_create(user=user, course=course)
    assert denied(user, lesson_document) is None


def test_pending_or_removed_enrolment_is_not_enough(document):
    course = make_course(policy=EnrolmentPolicy.APPROVAL)
    make_lesson(course=course, body=[document_block(document)])
    user = learner()
    services.enrolment_create(user=user, course=course)
    assert denied(user, document).status_code == 403


def test_open_course_documents_need_only_signing_in(document):
    course = make_course(policy=EnrolmentPolicy.OPEN)
    make_lesson(course=course, body=[document_block(document)])
    assert denied(learner(), document) is None
    assert denied(AnonymousUser(), document).status_code == 302


@pytest.mark.parametrize("make_user", [lecturer, manager, lambda: UserFactory(is_superuser=True)])
def test_staff_who_can_choose_documents_may_download(lesson_document, make_user):
    assert denied(make_user(), lesson_document) is None


def test_document_no_lesson_uses_is_public(document):
    assert denied(AnonymousUser(), document) is None


def test_document_also_on_a_public_page_is_public(lesson_document):
    make_program(description=f'<p><a linktype="document" id="{lesson_document.pk}">NĐ 89</a></p>')
    assert denied(AnonymousUser(), lesson_document) is None


def test_use_on_a_restricted_or_unpublished_page_does_not_make_it_public(lesson_document):
    link = f'<p><a linktype="document" id="{lesson_document.pk}">NĐ 89</a></p>'
    restricted = make_program(description=link)
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    make_program(description=link).unpublish()
    assert denied(AnonymousUser(), lesson_document).status_code == 302
    assert denied(learner(), lesson_document).status_code == 403


def test_a_course_page_linking_the_document_makes_it_public(lesson_document):
    # The course page itself is public (learners see it before enrolling).
    make_course(objectives=f'<p><a linktype="document" id="{lesson_document.pk}">Đề cương</a></p>')
    assert denied(AnonymousUser(), lesson_document) is None


def test_enrolment_in_any_course_using_the_document_is_enough(lesson_document):
    other = make_course(title="Kỹ năng lãnh đạo")
    make_lesson(course=other, body=[document_block(lesson_document)])
    user = learner()
    services.enrolment_create(user=user, course=other)
    assert denied(user, lesson_document) is None


def test_rich_text_links_and_video_files_in_lessons_are_protected(course):
    linked, video = make_document(), make_document(filename="bai-giang.mp4", content=b"\0")
    make_lesson(
        course=course,
        body=[
            {
                "type": "paragraph",
                "value": f'<p><a linktype="document" id="{linked.pk}">Phụ lục</a></p>',
            },
            {
                "type": "video",
                "value": {"title": "", "file": video.pk, "embed": "", "transcript": ""},
            },
        ],
    )
    assert denied(learner(), linked).status_code == 403
    assert denied(learner(), video).status_code == 403


def test_unpublished_lesson_keeps_its_document_protected(course, document):
    lesson = make_lesson(course=course, body=[document_block(document)])
    lesson.unpublish()
    user = learner()
    services.enrolment_create(user=user, course=course)
    assert denied(AnonymousUser(), document).status_code == 302
    # Not live, so not even enrolled learners; staff still may.
    assert denied(user, document).status_code == 403
    assert denied(lecturer(), document) is None


def test_query_count_does_not_grow_with_courses_using_the_document(document):
    def queries_for(user):
        with CaptureQueriesContext(connection) as context:
            result = denied(user, document)
        return result, len(context.captured_queries)

    first = make_course()
    make_lesson(course=first, body=[document_block(document)])
    enrolled, outsider = learner(), learner()
    services.enrolment_create(user=enrolled, course=first)
    denied(enrolled, document)  # warm the content type cache
    allowed_before = queries_for(enrolled)
    refused_before = queries_for(outsider)

    for _ in range(5):
        make_lesson(course=make_course(), body=[document_block(document)])
    allowed_after = queries_for(enrolled)
    refused_after = queries_for(outsider)

    assert allowed_before[0] is None and allowed_after[0] is None
    assert allowed_after[1] == allowed_before[1] <= 3
    assert refused_before[0].status_code == refused_after[0].status_code == 403
    # Refusing checks course staff rights course by course (selectors.course_staff_access).
    assert refused_after[1] <= refused_before[1] + 2 * 5


# Through the real document URL -------------------------------------------------


@pytest.fixture
def serve_hook():
    def hook(document, request):
        return document_access_denied(request=request, document=document)

    with hooks.register_temporarily("before_serve_document", hook):
        yield


@pytest.mark.usefixtures("serve_hook")
def test_document_url_is_served_only_to_those_who_may_study(client, lesson_document, course):
    url = lesson_document.url
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))

    outsider = learner()
    client.force_login(outsider)
    response = client.get(url)
    assert response.status_code == 403
    assert "Quản lý nhà nước" in response.content.decode()

    services.enrolment_create(user=outsider, course=course)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == text_pdf()
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.usefixtures("serve_hook")
def test_document_url_of_unused_document_stays_public(client, document):
    response = client.get(document.url)
    assert response.status_code == 200
