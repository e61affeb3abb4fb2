import datetime

import pytest
from django.core import mail
from django.urls import reverse

from lms.models import Profile, Rank, TrainingUnit
from tests.factories import PASSWORD, ProfileFactory, learner

pytestmark = pytest.mark.django_db


def test_login_page_is_vietnamese(client):
    html = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in html
    assert "Tên đăng nhập" in html and "Mật khẩu" in html


def test_wrong_password_shows_vietnamese_error(client):
    user = learner()
    response = client.post(reverse("login"), {"username": user.username, "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_leads_to_profile(client):
    profile = ProfileFactory(family_name="Đào Quang", given_name="Anh")
    response = client.post(
        reverse("login"), {"username": profile.user.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("profile")
    assert "Đào Quang Anh" in response.content.decode()


def test_profile_requires_login(client):
    response = client.get(reverse("profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_profile_is_created_for_accounts_without_one(client):
    user = learner(first_name="Bình", last_name="Lê")
    client.force_login(user)
    assert client.get(reverse("profile")).status_code == 200
    assert Profile.objects.get(user=user).full_name == "Lê Bình"


def test_learner_corrects_own_details(client):
    profile = ProfileFactory()
    client.force_login(profile.user)
    response = client.post(
        reverse("profile"),
        {
            "family_name": "Nguyễn  Thị",
            "given_name": "Hồng",
            "date_of_birth": "25/12/1990",
            "agency": "Sở Tư pháp",
            "position": "Chuyên viên",
            "phone": "0912 345 678",
            "email": "hong@example.vn",
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.full_name == "Nguyễn Thị Hồng"
    assert profile.date_of_birth == datetime.date(1990, 12, 25)
    assert profile.user.email == "hong@example.vn"
    page = client.get(reverse("profile")).content.decode()
    assert "25/12/1990" in page
    assert "Đã lưu hồ sơ của bạn." in page


def test_learner_cannot_change_rank_unit_or_staff_code(client):
    profile = ProfileFactory(staff_code="HB-1")
    other_unit = TrainingUnit.objects.create(name="Đơn vị khác", code="khac")
    client.force_login(profile.user)
    client.post(
        reverse("profile"),
        {
            "family_name": "Nguyễn Văn",
            "given_name": "An",
            "rank": Rank.objects.get(code="01.001").pk,
            "unit": other_unit.pk,
            "staff_code": "HACK",
        },
    )
    profile.refresh_from_db()
    assert profile.rank.code == "01.003"
    assert profile.unit != other_unit
    assert profile.staff_code == "HB-1"


def test_bad_input_changes_nothing_and_explains_in_vietnamese(client):
    profile = ProfileFactory(family_name="Trần", given_name="Minh", phone="0912345678")
    client.force_login(profile.user)
    response = client.post(
        reverse("profile"),
        {"family_name": "", "given_name": "Khác", "date_of_birth": "31/02/1990", "phone": "abc"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hồ sơ chưa được lưu" in html
    assert "Nhập một ngày hợp lệ." in html
    assert "Trường này là bắt buộc." in html
    profile.refresh_from_db()
    assert (profile.given_name, profile.phone) == ("Minh", "0912345678")


def test_profile_page_shows_only_own_data(client):
    mine = ProfileFactory(given_name="Mình")
    other = ProfileFactory(given_name="Người Khác", staff_code="BI-MAT-1")
    client.force_login(mine.user)
    html = client.get(reverse("profile") + f"?user={other.user.pk}&pk={other.pk}").content.decode()
    assert "BI-MAT-1" not in html and "Người Khác" not in html


def test_password_change(client):
    user = learner()
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Mat-khau-moi-2027",
            "new_password2": "Mat-khau-moi-2027",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Mat-khau-moi-2027")


def test_password_change_mismatch_is_explained_in_vietnamese(client):
    user = learner()
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Mat-khau-moi-2027", "new_password2": "khac"},
    )
    assert "Hai trường mật khẩu không giống nhau." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_reset_mail_is_vietnamese(client):
    user = learner(email="hv@example.vn")
    response = client.post(reverse("password_reset"), {"email": "hv@example.vn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "Đặt lại mật khẩu" in mail.outbox[0].subject
    assert user.username in mail.outbox[0].body
    assert "/tai-khoan/dat-lai-mat-khau/" in mail.outbox[0].body


def test_logout_is_a_post(client):
    client.force_login(learner())
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session


def test_self_registration_is_off_by_default(client):
    assert client.get(reverse("register")).status_code == 404


def test_self_registered_accounts_are_learners_only(client, settings):
    settings.LMS_SELF_REGISTRATION = True
    response = client.post(
        reverse("register"),
        {
            "username": "hocvienmoi",
            "email": "moi@example.vn",
            "family_name": "Hoàng",
            "given_name": "Yến",
            "password1": "Mot-mat-khau-dai-2026",
            "password2": "Mot-mat-khau-dai-2026",
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user__username="hocvienmoi")
    assert profile.full_name == "Hoàng Yến"
    assert list(profile.user.groups.values_list("name", flat=True)) == ["Học viên"]
    assert not profile.user.is_staff and not profile.user.is_superuser
    assert not profile.user.has_perm("wagtailadmin.access_admin")


def test_profile_page_query_count(client, django_assert_max_num_queries):
    profile = ProfileFactory()
    client.force_login(profile.user)
    client.get(reverse("profile"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("profile")).status_code == 200


def test_password_reset_link_sets_a_new_password(client):
    import re

    user = learner(email="datlai@example.vn")
    client.post(reverse("password_reset"), {"email": "datlai@example.vn"})
    link = re.search(r"http://testserver(/tai-khoan/dat-lai-mat-khau/\S+/)", mail.outbox[0].body)
    form_page = client.get(link.group(1), follow=True)
    assert "Chọn mật khẩu mới" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Mat-khau-moi-2027", "new_password2": "Mat-khau-moi-2027"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Mat-khau-moi-2027")


def test_used_reset_link_is_refused_in_vietnamese(client):
    html = client.get("/tai-khoan/dat-lai-mat-khau/MQ/sai-token/").content.decode()
    assert "Liên kết đặt lại mật khẩu này không còn hiệu lực" in html
