import pytest
from django.urls import reverse
from playwright.sync_api import expect

from lessons.models import CoursePage, LessonPage, LessonProgress
from tests.factories import PASSWORD, ProfileFactory, learner, lecturer
from tests.lessons.builders import make_course, make_lesson, make_program

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _log_in(page, live_server, user, admin=False):
    url = reverse("wagtailadmin_login") if admin else reverse("login")
    page.goto(live_server.url + url)
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()


def _fill_title(page, title):
    page.locator("#id_title").fill(title)
    page.locator("#id_title").press("Tab")  # Wagtail fills the slug when the title is left
    # The slug is synced after a short delay; publishing before it lands fails validation.
    expect(page.locator("#id_slug")).not_to_have_value("")


def _publish(page):
    # Wagtail keeps "Publish" in the footer's action menu.
    page.locator("footer [aria-label='Thêm hành động'], footer .w-dropdown__toggle").first.click()
    with page.expect_navigation():
        page.locator("button[name='action-publish']").click()


def test_lecturer_creates_and_publishes_a_course_and_a_lesson(page, live_server):
    teacher = lecturer()
    program = make_program(title="Bồi dưỡng ngạch chuyên viên")
    _log_in(page, live_server, teacher, admin=True)

    page.goto(live_server.url + f"/admin/pages/add/lessons/coursepage/{program.pk}/")
    assert page.locator("html").get_attribute("lang") == "vi"
    _fill_title(page, "Kỹ năng soạn thảo văn bản")
    page.locator("#id_summary").fill("Soạn thảo văn bản hành chính đúng thể thức.")
    _publish(page)
    course = CoursePage.objects.get(title="Kỹ năng soạn thảo văn bản")
    assert course.live

    page.goto(live_server.url + f"/admin/pages/add/lessons/lessonpage/{course.pk}/")
    _fill_title(page, "Thể thức văn bản hành chính")
    _publish(page)
    lesson = LessonPage.objects.get(title="Thể thức văn bản hành chính")
    assert lesson.live and lesson.get_parent().pk == course.pk
    assert page.csp_violations == []


def test_learner_enrols_studies_and_sees_progress(page, live_server):
    profile = ProfileFactory(user=learner(), family_name="Đào Quang", given_name="Anh")
    course = make_course(title="Chuyển đổi số trong cơ quan nhà nước")
    first = make_lesson(course=course, title="Khái niệm chuyển đổi số")
    make_lesson(course=course, title="Dữ liệu số")
    _log_in(page, live_server, profile.user)

    page.goto(live_server.url + course.url)
    page.get_by_role("button", name="Ghi danh").click()
    assert page.get_by_text("Bạn đã ghi danh").is_visible()
    page.get_by_role("link", name="Bắt đầu học").click()
    assert page.get_by_role("heading", name="Khái niệm chuyển đổi số").is_visible()
    assert page.get_by_text("Đã học 1/2 bài bắt buộc (50%)").first.is_visible()
    assert LessonProgress.objects.get(lesson=first).completed_at is not None

    page.goto(live_server.url + reverse("my_courses"))
    assert page.get_by_text("Chuyển đổi số trong cơ quan nhà nước").is_visible()
    assert page.get_by_role("link", name="Học tiếp: Dữ liệu số").is_visible()
    assert page.csp_violations == []


def test_non_enrolled_learner_is_refused_a_lesson(page, live_server):
    lesson = make_lesson(course=make_course(), title="Bài dành cho học viên đã ghi danh")
    _log_in(page, live_server, learner())
    response = page.goto(live_server.url + lesson.url)
    assert response.status == 403
    assert page.get_by_role("heading", name="Cần ghi danh").is_visible()
