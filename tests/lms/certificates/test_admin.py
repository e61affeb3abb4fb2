import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lms.certificates import admin as certificates_admin
from lms.models import Certificate, CertificateSeries
from lms.services import certificates_issue
from tests.factories import TrainingUnitFactory, learner
from tests.lms.certificates.builders import Setup, make_manager, make_series

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 6, 10)


@pytest.fixture
def setup():
    return Setup()


def _issue(setup, learners):
    return certificates_issue(
        cohort=setup.cohort, learners=learners, issued_by=setup.manager, issue_date=DAY
    )


def _issue_url(setup):
    return reverse("lms_certificates:issue", kwargs={"cohort_id": setup.cohort.pk})


def test_issue_page_shows_who_is_eligible_and_why_not(client, setup):
    setup.member(family_name="Lê Văn", given_name="Đỗ")
    setup.member(family_name="Phan Thị", given_name="Rớt", grade="3.00")
    certified = setup.member(family_name="Tô Văn", given_name="Có")
    [certificate] = _issue(setup, [certified])
    client.force_login(setup.manager)
    response = client.get(_issue_url(setup))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Lê Văn Đỗ" in text and "Phan Thị Rớt" in text
    assert text.count('name="learners"') == 1
    assert certificate.serial in text
    assert "3,00" in text  # the failing grade shown with its reason


def test_issue_page_issues_the_checked_learners(client, setup):
    first, second = setup.members(2)
    client.force_login(setup.manager)
    response = client.post(
        _issue_url(setup),
        {"learners": [first.pk, second.pk], "issue_date": "10/06/2026", "confirm": "on"},
        follow=True,
    )
    assert response.status_code == 200
    assert Certificate.objects.filter(cohort=setup.cohort).count() == 2
    assert "HCQG000001" in response.content.decode()


def test_issue_page_needs_the_confirmation(client, setup):
    user = setup.member()
    client.force_login(setup.manager)
    response = client.post(_issue_url(setup), {"learners": [user.pk], "issue_date": "10/06/2026"})
    assert response.status_code == 200
    assert not Certificate.objects.exists()


def test_issue_page_refuses_a_failing_learner_id_posted_by_hand(client, setup):
    failing = setup.member(grade="2.00")
    client.force_login(setup.manager)
    client.post(
        _issue_url(setup),
        {"learners": [failing.pk], "issue_date": "10/06/2026", "confirm": "on"},
    )
    assert not Certificate.objects.exists()


def test_issue_page_of_another_units_cohort_is_404(client, setup):
    other = make_manager(TrainingUnitFactory())
    client.force_login(other)
    assert client.get(_issue_url(setup)).status_code == 404


def test_issue_page_is_closed_to_learners(client, setup):
    client.force_login(learner())
    response = client.get(_issue_url(setup))
    assert response.status_code in (302, 403)
    assert "Nguyễn" not in response.content.decode()


@pytest.mark.parametrize("count", [2, 10])
def test_issue_page_query_count_is_constant(client, setup, count, django_assert_max_num_queries):
    setup.members(count)
    client.force_login(setup.manager)
    client.get(_issue_url(setup))  # warm caches (site, settings)
    with django_assert_max_num_queries(22):
        response = client.get(_issue_url(setup))
    assert response.content.decode().count('name="learners"') == count


def _two_units():
    first = Setup()
    second = Setup(prefix="TCT")
    _issue(first, [first.member(family_name="Đơn vị", given_name="Một")])
    _issue(second, [second.member(family_name="Đơn vị", given_name="Hai")])
    return first, second


def test_register_is_scoped_to_the_managers_unit(client):
    first, second = _two_units()
    client.force_login(first.manager)
    text = client.get(reverse("lms_certificates:register")).content.decode()
    assert "Đơn vị Một" in text and "Đơn vị Hai" not in text
    other = Certificate.objects.get(unit=second.unit)
    for name in ("detail", "pdf"):
        url = reverse(f"lms_certificates:{name}", kwargs={"certificate_id": other.pk})
        assert client.get(url).status_code == 404
    for name in ("register_print", "register_xlsx"):
        url = reverse(f"lms_certificates:{name}", args=[second.unit.pk, 2026])
        assert client.get(url).status_code == 404
    cohort_pdf = reverse("lms_certificates:cohort_pdf", args=[second.cohort.pk])
    assert client.get(cohort_pdf).status_code == 404
    revoke = reverse("lms_certificates:revoke", kwargs={"certificate_id": other.pk})
    assert client.post(revoke, {"revoke-reason": "x"}).status_code == 404
    other.refresh_from_db()
    assert not other.is_revoked


def test_register_search_and_filters(client, setup):
    users = [
        setup.member(family_name="Hồ Thị", given_name="Lan"),
        setup.member(family_name="Mai Văn", given_name="Tùng"),
    ]
    _issue(setup, users)
    client.force_login(setup.manager)
    url = reverse("lms_certificates:register")
    text = client.get(url, {"q": "lan"}).content.decode()
    assert "Hồ Thị Lan" in text and "Mai Văn Tùng" not in text
    text = client.get(url, {"q": "HCQG000002"}).content.decode()
    assert "Mai Văn Tùng" in text and "Hồ Thị Lan" not in text
    text = client.get(url, {"year": "2025"}).content.decode()
    assert "Hồ Thị Lan" not in text
    text = client.get(url, {"year": "2026", "unit": setup.unit.pk}).content.decode()
    assert reverse("lms_certificates:register_print", args=[setup.unit.pk, 2026]) in text


@pytest.mark.parametrize("count", [2, 10])
def test_register_query_count_is_constant(client, setup, count, django_assert_max_num_queries):
    certificates = _issue(setup, setup.members(count))
    client.force_login(setup.manager)
    url = reverse("lms_certificates:register")
    client.get(url)
    with django_assert_max_num_queries(20):
        response = client.get(url)
    assert response.content.decode().count(certificates[0].program_title) == count
    print_url = reverse("lms_certificates:register_print", args=[setup.unit.pk, 2026])
    with django_assert_max_num_queries(10):
        client.get(print_url)


def test_printable_register_lists_revocations_and_reissues(client, setup):
    from lms.services import certificate_reissue

    [original] = _issue(setup, [setup.member(family_name="Ngô Văn", given_name="Sửa")])
    replacement = certificate_reissue(certificate=original, by=setup.manager, reason="Sai tên")
    client.force_login(setup.manager)
    url = reverse("lms_certificates:register_print", args=[setup.unit.pk, 2026])
    text = client.get(url).content.decode()
    assert original.serial in text and replacement.serial in text
    assert "15/07/1990" in text
    assert f"đã cấp lại bằng chứng chỉ {replacement.serial}" in text
    assert f"cấp lại thay cho {original.serial}" in text
    assert "@page" not in text  # print CSS is a static file (CSP)


def test_register_as_xlsx(client, setup):
    from lms.services import certificate_reissue

    [original] = _issue(setup, [setup.member(family_name="Ngô Văn", given_name="Sửa")])
    replacement = certificate_reissue(certificate=original, by=setup.manager, reason="Sai tên")
    client.force_login(setup.manager)
    register = client.get(reverse("lms_certificates:register"), {"year": "2026"}).text
    url = reverse("lms_certificates:register_xlsx", args=[setup.unit.pk, 2026])
    assert url in register
    response = client.get(url)
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("STT", "Số vào sổ", "Số hiệu", "Họ và tên")
    assert [row[2] for row in rows[1:]] == [original.serial, replacement.serial]
    assert rows[1][4] == datetime.datetime(1990, 7, 15)
    assert sheet["E2"].number_format == "dd/mm/yyyy"
    assert sheet["J2"].number_format == "dd/mm/yyyy"
    assert rows[1][10].startswith("Đã thu hồi ngày ")
    assert rows[1][10].endswith(f"đã cấp lại bằng chứng chỉ {replacement.serial}")
    assert rows[2][10] == f"cấp lại thay cho {original.serial}"


def test_detail_revoke_and_reissue(client, setup):
    [certificate] = _issue(setup, [setup.member()])
    client.force_login(setup.manager)
    detail = reverse("lms_certificates:detail", kwargs={"certificate_id": certificate.pk})
    assert client.get(detail).status_code == 200
    revoke = reverse("lms_certificates:revoke", kwargs={"certificate_id": certificate.pk})
    client.post(revoke, {"revoke-reason": ""})
    certificate.refresh_from_db()
    assert not certificate.is_revoked  # a reason is required
    client.post(revoke, {"revoke-reason": "Hồ sơ sai"})
    certificate.refresh_from_db()
    assert certificate.is_revoked
    reissue = reverse("lms_certificates:reissue", kwargs={"certificate_id": certificate.pk})
    response = client.post(reissue, {"reissue-reason": "Cấp lại"})
    replacement = Certificate.objects.get(reissue_of=certificate)
    assert response["Location"] == reverse(
        "lms_certificates:detail", kwargs={"certificate_id": replacement.pk}
    )
    text = client.get(response["Location"]).content.decode()
    assert certificate.serial in text  # history links back


def test_admin_pdf(client, setup):
    [certificate] = _issue(setup, [setup.member()])
    client.force_login(setup.manager)
    url = reverse("lms_certificates:pdf", kwargs={"certificate_id": certificate.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_settings_viewset_is_scoped(client, setup):
    other_unit = TrainingUnitFactory()
    other_series = make_series(other_unit, serial_prefix="KHAC")
    client.force_login(setup.manager)
    viewset = certificates_admin.series_viewset
    text = client.get(reverse(viewset.get_url_name("index"))).content.decode()
    assert "HCQG" in text and "KHAC" not in text
    edit_other = reverse(viewset.get_url_name("edit"), args=[other_series.pk])
    assert client.get(edit_other).status_code == 404
    edit_mine = reverse(viewset.get_url_name("edit"), args=[setup.series.pk])
    response = client.get(edit_mine)
    assert response.status_code == 200
    assert other_unit.name not in response.content.decode()
    assert CertificateSeries.objects.count() == 2
    # A prefix another unit uses is refused.
    data = {
        "unit": setup.unit.pk,
        "serial_prefix": "KHAC",
        "serial_digits": 6,
        "last_serial": 0,
        "register_suffix": "",
        "place": "Hà Nội",
        "signer_title": "Giám đốc",
        "signer_name": "Ký",
    }
    response = client.post(edit_mine, data)
    setup.series.refresh_from_db()
    assert setup.series.serial_prefix == "HCQG"
    data["serial_prefix"] = "HCQG-2"
    client.post(edit_mine, data)
    setup.series.refresh_from_db()
    assert setup.series.serial_prefix == "HCQG-2"


def test_menu_item_is_shown_to_managers_only(rf, setup):
    item = certificates_admin.menu_item()
    request = rf.get("/admin/")
    request.user = setup.manager
    assert item.is_shown(request)
    request.user = learner()
    assert not item.is_shown(request)


def test_the_whole_class_prints_from_one_pdf(client, setup, django_assert_max_num_queries):
    from pypdf import PdfReader

    from lms.services import certificate_revoke

    certificates = _issue(setup, setup.members(3))
    certificate_revoke(certificate=certificates[0], by=setup.manager, reason="Sai tên")
    client.force_login(setup.manager)
    url = reverse("lms_certificates:cohort_pdf", args=[setup.cohort.pk])
    assert url in client.get(_issue_url(setup)).text
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert f"chung-chi-lop-{setup.cohort.code}" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) == 2  # the revoked certificate is not printed again
    assert [
        certificate.serial in pages[index] for index, certificate in enumerate(certificates[1:])
    ] == [True, True]
    assert all(page.mediabox.width > page.mediabox.height for page in reader.pages)


def test_class_pdf_needs_certificates(client, setup):
    client.force_login(setup.manager)
    url = reverse("lms_certificates:cohort_pdf", args=[setup.cohort.pk])
    assert url not in client.get(_issue_url(setup)).text
    assert client.get(url).status_code == 404
