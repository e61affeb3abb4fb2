"""A manager issues certificates for a cohort; a guest checks one by its QR link."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from lms.models import Certificate
from tests.factories import PASSWORD
from tests.lms.certificates.builders import Setup

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _log_in_admin(page, live_server, user):
    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()


def test_manager_issues_guest_verifies_then_sees_revocation(page, browser, live_server):
    setup = Setup()
    setup.member(family_name="Nguyễn Thị", given_name="Ỹ Ặng")
    setup.member(family_name="Lê Văn", given_name="Bình")
    setup.member(family_name="Trần Văn", given_name="Chưa", passed=False)

    _log_in_admin(page, live_server, setup.manager)
    page.goto(
        live_server.url + reverse("lms_certificates:issue", kwargs={"cohort_id": setup.cohort.pk})
    )
    checkboxes = page.locator("input[name=learners]")
    expect(checkboxes).to_have_count(2)  # the learner who has not passed cannot be chosen
    page.locator("#id_confirm").check()
    with page.expect_navigation():
        page.locator("#issue-submit").click()
    expect(page.get_by_text("HCQG000001, HCQG000002")).to_be_visible()

    certificate = Certificate.objects.get(full_name="Nguyễn Thị Ỹ Ặng")
    qr_target = live_server.url + reverse(
        "certificate_verify_code", args=[certificate.verification_code]
    )

    guest = browser.new_context(locale="vi-VN").new_page()
    guest.goto(qr_target)
    expect(guest.locator("[data-verdict=valid]")).to_be_visible()
    expect(guest.locator("[data-field=full_name]")).to_have_text("Nguyễn Thị Ỹ Ặng")
    expect(guest.locator("[data-field=serial]")).to_have_text(certificate.serial)

    page.goto(
        live_server.url
        + reverse("lms_certificates:detail", kwargs={"certificate_id": certificate.pk})
    )
    page.locator("#id_revoke-reason").fill("Hồ sơ không hợp lệ")
    with page.expect_navigation():
        page.locator(
            f"form[action='{reverse('lms_certificates:revoke', args=[certificate.pk])}'] "
            "button[type=submit]"
        ).click()

    guest.reload()
    expect(guest.locator("[data-verdict=revoked]")).to_be_visible()
    expect(guest.locator("[data-verdict=valid]")).to_have_count(0)
    guest.context.close()
    assert page.csp_violations == []
