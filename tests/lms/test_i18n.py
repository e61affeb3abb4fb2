import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import lecturer

pytestmark = pytest.mark.django_db


def test_vietnamese_is_the_default_whatever_the_browser_says(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="vi">' in response.content.decode()


def test_language_switcher_sets_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html


def test_switcher_names_each_language_in_itself(client):
    html = client.get("/").content.decode()
    assert ">Tiếng Việt</option>" in html and ">English</option>" in html


def test_staff_get_the_wagtail_admin_in_vietnamese(client):
    client.force_login(lecturer())
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'lang="vi"' in html
    assert "Trang tổng quan" in html or "Bảng điều khiển" in html


def test_admin_login_page_is_vietnamese(client):
    html = client.get(reverse("wagtailadmin_login")).content.decode()
    assert 'lang="vi"' in html
    assert "<title>Đăng nhập - Học tập trực tuyến</title>" in html
    assert "Đăng nhập trang quản trị" in html


def test_vietnamese_is_offered_as_an_admin_language():
    assert ("vi", "Tiếng Việt") in settings.WAGTAILADMIN_PERMITTED_LANGUAGES


def test_vietnamese_catalogues_are_complete():
    result = subprocess.run(
        [sys.executable, "scripts/check_translations.py"],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stdout
