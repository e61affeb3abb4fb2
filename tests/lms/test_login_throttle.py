import pytest
from django.urls import reverse

from tests.factories import PASSWORD, learner

pytestmark = pytest.mark.django_db


def _fail(client, username, times, ip="10.0.0.1"):
    response = None
    for _ in range(times):
        response = client.post(
            reverse("login"), {"username": username, "password": "sai"}, REMOTE_ADDR=ip
        )
    return response


def test_repeated_failures_lock_out_with_vietnamese_message(client, settings):
    user = learner()
    _fail(client, user.username, settings.AXES_FAILURE_LIMIT - 1)
    response = _fail(client, user.username, 1)
    assert response.status_code == 429
    assert "Tài khoản tạm thời bị khóa" in response.content.decode()
    # Even the right password is refused while locked.
    response = client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_address(client, settings):
    user, other = learner(), learner()
    _fail(client, user.username, settings.AXES_FAILURE_LIMIT)
    ok = client.post(
        reverse("login"), {"username": other.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert ok.status_code == 302
    client.logout()
    elsewhere = client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.2"
    )
    assert elsewhere.status_code == 302


def test_admin_login_is_throttled_too(client, settings):
    user = learner()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            reverse("wagtailadmin_login"),
            {"username": user.username, "password": "sai"},
            REMOTE_ADDR="10.0.0.3",
        )
    assert response.status_code == 429
