"""The H5P player in a real browser: the true/false fixture plays, and its result is saved."""

import pytest
from django.core.files import File
from django.urls import reverse

from lessons.h5p.services import h5p_package_create
from lessons.models import LessonProgress
from lessons.models.pages import CompletionMode, EnrolmentPolicy
from tests.factories import PASSWORD, learner
from tests.lessons.builders import make_course, make_lesson
from tests.lessons.h5p_packages import TRUE_FALSE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def true_false_lesson(media):
    with open(TRUE_FALSE, "rb") as handle:
        package = h5p_package_create(
            file=File(handle, name="true-false.h5p"), title="Đúng hay sai", owner=None
        )
    return make_lesson(
        course=make_course(policy=EnrolmentPolicy.OPEN),
        mode=CompletionMode.H5P,
        body=[("h5p", {"package": package, "caption": ""})],
    )


def _log_in(page, url, username):
    page.goto(url)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def _answer_and_check_saved(page, base_url, lesson):
    user = learner()
    _log_in(page, base_url + reverse("login"), user.username)
    page.goto(base_url + lesson.url)
    frame_element = page.locator("iframe.h5p-activity__frame")
    assert frame_element.get_attribute("sandbox") == "allow-scripts allow-same-origin"
    # h5p-standalone plays the activity in an iframe of its own inside ours.
    player = frame_element.content_frame.locator("iframe.h5p-iframe").content_frame
    # "Is this false?" The fixture's correct answer is False.
    player.get_by_role("radio", name="False").click()
    player.get_by_role("button", name="Check").click()

    page.locator("[data-h5p-status]").filter(has_text="1").wait_for()
    progress = LessonProgress.objects.get(user=user, lesson=lesson)
    assert progress.h5p_score == 1 and progress.h5p_max_score == 1
    assert progress.completed_at is not None
    assert page.csp_violations == []
    # The frame grew to fit the activity.
    assert frame_element.bounding_box()["height"] > 100
    return frame_element


def test_learner_answers_the_true_false_activity(page, live_server, true_false_lesson):
    _answer_and_check_saved(page, live_server.url, true_false_lesson)
    page.reload()
    assert page.get_by_text("Đã hoàn thành").first.is_visible()
    assert page.get_by_text("Đã học 1/1 bài bắt buộc (100%)").first.is_visible()


def test_the_activity_plays_from_a_separate_content_origin(
    page, live_server, settings, true_false_lesson
):
    # The same server under another host name is another origin without the session cookie.
    content_origin = live_server.url.replace("localhost", "127.0.0.1")
    assert content_origin != live_server.url
    settings.H5P_CONTENT_ORIGIN = content_origin
    policy = settings.CONTENT_SECURITY_POLICY
    directives = {**policy["DIRECTIVES"]}
    directives["frame-src"] = [*directives["frame-src"], content_origin]
    settings.CONTENT_SECURITY_POLICY = {**policy, "DIRECTIVES": directives}

    frame_element = _answer_and_check_saved(page, live_server.url, true_false_lesson)
    player_url = frame_element.element_handle().content_frame().url
    assert player_url.startswith(f"{content_origin}/h5p/phat/")
