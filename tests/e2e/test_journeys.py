import pytest
from django.urls import reverse

from tests.factories import PASSWORD, ProfileFactory, learner, lecturer

# Live-server tests empty the database afterwards; serialized rollback puts the
# page tree, ranks and groups that migrations created back for the next test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _log_in(page, url, username, password):
    page.goto(url)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_home_page_renders_in_vietnamese(page, live_server):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("link", name="Chuyển đến nội dung chính").count() == 1
    menu = page.get_by_role("navigation", name="Menu chính")
    assert menu.get_by_role("link", name="Thư viện số").is_visible()
    assert menu.get_by_role("link", name="Chương trình bồi dưỡng").is_visible()
    assert page.csp_violations == []


def test_learner_logs_in_and_sees_profile(page, live_server):
    profile = ProfileFactory(user=learner(), family_name="Đào Quang", given_name="Anh")
    _log_in(page, live_server.url + reverse("login"), profile.user.username, PASSWORD)
    page.wait_for_url("**" + reverse("profile"))
    assert page.get_by_role("heading", name="Hồ sơ của tôi").is_visible()
    assert page.get_by_text("Đào Quang Anh").is_visible()
    page.get_by_label("Điện thoại").fill("0912 345 678")
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_text("Đã lưu hồ sơ của bạn.").is_visible()
    assert page.csp_violations == []


def test_wrong_password_shows_vietnamese_error(page, live_server):
    user = learner()
    _log_in(page, live_server.url + reverse("login"), user.username, "sai-mat-khau")
    alert = page.get_by_role("alert")
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in alert.inner_text()


def test_lecturer_opens_the_admin_in_vietnamese(page, live_server):
    user = lecturer()
    page.goto(live_server.url + reverse("wagtailadmin_login"))
    assert page.locator("html").get_attribute("lang") == "vi"
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/admin/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_text("Trang").first.is_visible()
    page.goto(live_server.url + "/admin/pages/")
    # Lecturers author under the programs and submit to the library: the explorer
    # opens at the home page holding both.
    assert page.get_by_role("link", name="Chương trình bồi dưỡng").first.is_visible()
    assert page.get_by_role("link", name="Thư viện số").first.is_visible()
    assert page.csp_violations == []
