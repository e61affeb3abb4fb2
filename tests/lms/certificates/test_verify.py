import datetime

import pytest
from django.test import override_settings
from django.urls import reverse

from lms.selectors import certificate_verify
from lms.services import certificate_reissue, certificate_revoke, certificates_issue
from tests.lms.certificates.builders import Setup

pytestmark = pytest.mark.django_db

DOB = datetime.date(1988, 2, 29)


@pytest.fixture
def issued():
    setup = Setup()
    user = setup.member(family_name="Nguyễn Thị", given_name="Ỹ Ặng", date_of_birth=DOB)
    setup.learner = user
    user.email = "hoc.vien@example.vn"
    user.save()
    from lms.models import Profile

    Profile.objects.filter(user=user).update(staff_code="CB-778899", agency="Sở Nội vụ")
    [setup.certificate] = certificates_issue(
        cohort=setup.cohort,
        learners=[user],
        issued_by=setup.manager,
        issue_date=datetime.date(2026, 6, 10),
    )
    return setup


def test_verify_by_code_ignores_case_spaces_and_dashes(issued):
    code = issued.certificate.verification_code
    messy = f" {code[:4].lower()}-{code[4:8]} {code[8:]} "
    assert certificate_verify(code=messy) == issued.certificate
    assert certificate_verify(code="ZZZZZZZZZZZZ") is None
    assert certificate_verify(code="") is None


def test_verify_by_serial_name_and_birth_date(issued):
    found = certificate_verify(
        serial="hcqg000001", full_name="  nguyễn  thị ỹ ặng ", date_of_birth=DOB
    )
    assert found == issued.certificate


def test_verify_by_decomposed_unicode_name(issued):
    import unicodedata

    name = unicodedata.normalize("NFD", "Nguyễn Thị Ỹ Ặng")
    assert certificate_verify(serial="HCQG000001", full_name=name, date_of_birth=DOB)


@pytest.mark.parametrize(
    ("serial", "name", "dob"),
    [
        ("HCQG000001", "Nguyễn Thị Ỹ Ặng", datetime.date(1988, 3, 1)),  # wrong date of birth
        ("HCQG000001", "Nguyen Thi Y Ang", DOB),  # accents count
        ("HCQG000002", "Nguyễn Thị Ỹ Ặng", DOB),  # wrong serial
        ("HCQG000001", "", DOB),
        ("HCQG000001", "Nguyễn Thị Ỹ Ặng", None),
    ],
)
def test_verify_needs_every_detail_to_match(issued, serial, name, dob):
    assert certificate_verify(serial=serial, full_name=name, date_of_birth=dob) is None


def test_revoked_certificate_is_found_and_shown_revoked(client, issued):
    certificate_reissue(certificate=issued.certificate, by=issued.manager, reason="Sai tên")
    found = certificate_verify(code=issued.certificate.verification_code)
    assert found.is_revoked
    response = client.get(
        reverse("certificate_verify_code", args=[issued.certificate.verification_code])
    )
    text = response.content.decode()
    assert 'data-verdict="revoked"' in text
    assert "HCQG000002" not in text  # the replacement exists, its data is not shown


def test_public_page_shows_the_certificate_and_nothing_more(client, issued):
    certificate = issued.certificate
    response = client.get(reverse("certificate_verify_code", args=[certificate.verification_code]))
    assert response.status_code == 200
    text = response.content.decode()
    assert 'data-verdict="valid"' in text
    assert "Nguyễn Thị Ỹ Ặng" in text
    assert "HCQG000001" in text and "1/2026/CC-HCQG" in text
    assert "29/02/1988" in text
    assert 'name="robots" content="noindex' in text
    for secret in ("CB-778899", "hoc.vien@example.vn", "Sở Nội vụ", issued.learner.username):
        assert secret not in text
    assert "<script>" not in text and " style=" not in text


def test_public_page_after_revocation(client, issued):
    certificate_revoke(certificate=issued.certificate, by=issued.manager, reason="Gian lận")
    response = client.get(
        reverse("certificate_verify_code", args=[issued.certificate.verification_code])
    )
    text = response.content.decode()
    assert 'data-verdict="revoked"' in text
    assert "Gian lận" not in text  # the reason is internal


def test_unknown_code_gives_a_neutral_message(client, issued):
    response = client.get(reverse("certificate_verify_code", args=["KHONGCOMA"]))
    assert response.status_code == 200
    assert 'data-verdict="not-found"' in response.content.decode()


def test_form_by_serial_name_and_date(client, issued):
    response = client.post(
        reverse("certificate_verify"),
        {"serial": "HCQG000001", "full_name": "Nguyễn Thị Ỹ Ặng", "date_of_birth": "29/02/1988"},
    )
    assert 'data-verdict="valid"' in response.content.decode()
    response = client.post(
        reverse("certificate_verify"),
        {"serial": "HCQG000001", "full_name": "Nguyễn Thị Ỹ Ặng", "date_of_birth": "01/03/1988"},
    )
    assert 'data-verdict="not-found"' in response.content.decode()


def test_form_needs_a_code_or_all_three(client, db):
    response = client.post(reverse("certificate_verify"), {"serial": "HCQG000001"})
    text = response.content.decode()
    assert 'class="form-errors"' in text
    assert "data-verdict" not in text


@override_settings(CERTIFICATE_VERIFY_RATE="3/m")
def test_verification_is_throttled_per_ip(client, issued):
    url = reverse("certificate_verify_code", args=[issued.certificate.verification_code])
    for _ in range(3):
        assert client.get(url).status_code == 200
    response = client.get(url)
    assert response.status_code == 429
    assert "data-verdict" not in response.content.decode()
    # The form shares the counter.
    assert client.post(reverse("certificate_verify"), {"code": "X"}).status_code == 429
    # Another address is not affected.
    assert client.get(url, REMOTE_ADDR="10.1.2.3").status_code == 200
