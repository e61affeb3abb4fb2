import importlib.util
import io
import json
import re
import unicodedata

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Revision

from lessons import demo, selectors
from lessons.models import (
    CourseCompletion,
    CoursePage,
    Enrolment,
    H5PPackage,
    LessonPage,
    LessonProgress,
    ProgramIndexPage,
    ProgramPage,
)
from lessons.models.enrolment import EnrolmentStatus

pytestmark = pytest.mark.django_db

H5P_AVAILABLE = importlib.util.find_spec("lessons.h5p.services") is not None
# Old-style tone placement ("hoá", "khoẻ", "tuỳ"); the project writes "hóa", "khỏe", "tùy".
OLD_STYLE_TONE = re.compile(r"(?:o[áàảãạ]|o[éèẻẽẹ]|(?<!q)u[ýỳỷỹỵ])(?!\w)", re.IGNORECASE)


@pytest.fixture
def output():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _user(username):
    return get_user_model().objects.get(username=username)


def _programs():
    return ProgramPage.objects.child_of(ProgramIndexPage.objects.get()).live()


def _course(slug):
    return CoursePage.objects.get(slug=slug)


def test_two_programs_with_courses_and_lessons(output):
    programs = list(_programs())
    assert {p.slug for p in programs} == {p.slug for p in demo.PROGRAMS}
    assert {p.kind.code for p in programs} == {"ngach", "lanh-dao-quan-ly"}
    chuyen_vien = next(p for p in programs if p.kind.code == "ngach")
    assert list(chuyen_vien.target_ranks.values_list("code", flat=True)) == ["01.003"]
    assert "101/2017/NĐ-CP" in chuyen_vien.legal_basis
    assert "89/2021/NĐ-CP" in chuyen_vien.legal_basis
    for program in programs:
        assert program.title in output
        courses = CoursePage.objects.child_of(program).live()
        assert 2 <= courses.count() <= 3
        for course in courses:
            assert 3 <= LessonPage.objects.child_of(course).live().count() <= 5
            assert course.lecturers.filter(user__username="giangvien").exists()
    courses = CoursePage.objects.live().descendant_of(ProgramIndexPage.objects.get())
    assert {"open", "self", "approval"} <= {c.enrolment_policy for c in courses}


def test_lessons_use_every_kind_of_completion_and_content():
    call_command("seed_demo", stdout=io.StringIO())
    lessons = list(LessonPage.objects.live())
    modes = {lesson.completion_mode for lesson in lessons}
    assert {"view", "manual", "time"} <= modes
    assert any(not lesson.is_required for lesson in lessons)
    assert all(lesson.min_minutes == 2 for lesson in lessons if lesson.completion_mode == "time")
    blocks = {block.block_type for lesson in lessons for block in lesson.body}
    assert {"heading", "paragraph", "callout", "legal_quote", "table"} <= blocks
    h5p_lessons = [lesson for lesson in lessons if lesson.completion_mode == "h5p"]
    if H5P_AVAILABLE:
        assert len(h5p_lessons) == 1
        block = next(b for b in h5p_lessons[0].body if b.block_type == "h5p")
        assert isinstance(block.value["package"], H5PPackage)
        assert block.value["package"].main_library == "H5P.TrueFalse"
    else:
        assert not h5p_lessons


def test_demo_text_is_nfc_vietnamese_with_new_style_tones():
    call_command("seed_demo", stdout=io.StringIO())
    pages = Page.objects.descendant_of(ProgramIndexPage.objects.get()).specific()
    for page in pages:
        texts = [page.title]
        for name in ("description", "summary", "objectives", "legal_basis", "target_positions"):
            texts.append(getattr(page, name, ""))
        if isinstance(page, LessonPage):
            texts.append(json.dumps(page.body.get_prep_value(), ensure_ascii=False))
        for text in texts:
            assert unicodedata.is_normalized("NFC", text), page.title
            assert not OLD_STYLE_TONE.search(text), (page.title, OLD_STYLE_TONE.search(text))


def test_the_demo_learner_can_open_every_page_of_their_courses(client):
    call_command("seed_demo", stdout=io.StringIO())
    client.force_login(_user("hocvien"))
    assert client.get(ProgramIndexPage.objects.get().url).status_code == 200
    for program in _programs():
        assert client.get(program.url).status_code == 200
    enrolled = [e.course for e in Enrolment.objects.active().filter(user__username="hocvien")]
    for course in enrolled:
        response = client.get(course.url)
        assert response.status_code == 200
        for lesson in LessonPage.objects.child_of(course).live():
            response = client.get(lesson.url)
            assert response.status_code == 200, lesson.title
            assert lesson.title in response.content.decode()
    html = client.get(reverse("my_courses")).content.decode()
    for course in enrolled:
        assert course.title in html


def test_demo_learners_have_enrolments_and_progress():
    call_command("seed_demo", stdout=io.StringIO())
    hocvien, hocvien2, quanly = _user("hocvien"), _user("hocvien2"), _user("quanly")
    qlnn = _course(demo.COURSE_QLNN.slug)
    cds = _course(demo.COURSE_CDS.slug)
    van_ban = _course(demo.COURSE_VAN_BAN.slug)

    assert Enrolment.objects.active().filter(user=hocvien).count() == 3
    assert CourseCompletion.objects.filter(user=hocvien, course=qlnn).exists()
    assert selectors.course_progress_for(user=hocvien, course=qlnn).percent == 100
    partial = selectors.course_progress_for(user=hocvien, course=cds)
    assert 0 < partial.percent < 100
    assert not CourseCompletion.objects.filter(user=hocvien, course=cds).exists()
    assert LessonProgress.objects.filter(user=hocvien, completed_at__isnull=False).count() >= 5

    approved = Enrolment.objects.get(user=hocvien, course=van_ban)
    assert approved.status == EnrolmentStatus.ACTIVE
    assert approved.decided_by == quanly
    waiting = Enrolment.objects.get(user=hocvien2, course=van_ban)
    assert waiting.status == EnrolmentStatus.PENDING
    assert not LessonProgress.objects.filter(user=hocvien2).exists()


def _counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "progress": LessonProgress.objects.count(),
        "completions": CourseCompletion.objects.count(),
        "h5p": H5PPackage.objects.count(),
        "latest revision": Revision.objects.order_by("-pk").values_list("pk", flat=True).first(),
    }


def test_seeding_twice_creates_and_changes_nothing(output):
    first = _counts()
    progress = list(LessonProgress.objects.order_by("pk").values())
    again = io.StringIO()
    call_command("seed_demo", stdout=again)
    assert _counts() == first
    assert list(LessonProgress.objects.order_by("pk").values()) == progress
    for program in demo.PROGRAMS:
        assert program.title not in again.getvalue()
