import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from lms.certificates.pdf import certificate_pdf
from lms.services import certificate_reissue, certificate_revoke, certificates_issue
from quizzes.models import QuizGrade
from tests.lms.certificates.builders import Setup
from tests.quizzes.builders import make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued():
    setup = Setup()
    setup.first = setup.member(family_name="Nguyễn Thị", given_name="Ỹ Ặng")
    setup.second = setup.member(family_name="Lê Văn", given_name="Bình")
    setup.certificates = {
        certificate.learner_id: certificate
        for certificate in certificates_issue(
            cohort=setup.cohort,
            learners=[setup.first, setup.second],
            issued_by=setup.manager,
            issue_date=datetime.date(2026, 6, 10),
        )
    }
    return setup


def _text(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_is_a4_landscape_with_diacritics_serial_and_qr_target(issued):
    certificate = issued.certificates[issued.first.pk]
    reader, text = _text(certificate_pdf(certificate))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert round(float(box.width)) == 842 and round(float(box.height)) == 595
    assert "Nguyễn Thị Ỹ Ặng" in text
    assert certificate.serial in text
    assert certificate.register_label in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "8,50" in text
    assert "ngày 10 tháng 06 năm 2026" in text
    assert f"/chung-chi/xac-thuc/{certificate.verification_code}/" in text
    assert "ĐÃ THU HỒI" not in text


def test_a_signer_title_on_two_lines_prints_both(issued):
    certificate = issued.certificates[issued.first.pk]
    certificate.signer_title = "KT. Giám đốc\nPhó Giám đốc"  # in memory only: append-only

    _reader, text = _text(certificate_pdf(certificate))

    assert "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC" in text


def test_revoked_pdf_is_marked(issued):
    certificate = certificate_revoke(
        certificate=issued.certificates[issued.first.pk], by=issued.manager, reason="Sai"
    )
    _reader, text = _text(certificate_pdf(certificate))
    assert "ĐÃ THU HỒI" in text


def test_learner_downloads_own_pdf_and_gets_404_for_another(client, issued):
    client.force_login(issued.first)
    mine = issued.certificates[issued.first.pk]
    theirs = issued.certificates[issued.second.pk]
    response = client.get(reverse("my_certificate_pdf", args=[mine.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    _reader, text = _text(response.content)
    assert f"http://testserver/chung-chi/xac-thuc/{mine.verification_code}/" in text
    assert client.get(reverse("my_certificate_pdf", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("my_certificate_pdf", args=[999999])).status_code == 404


def test_my_certificates_lists_only_mine(client, issued):
    client.force_login(issued.first)
    text = client.get(reverse("my_certificates")).content.decode()
    mine = issued.certificates[issued.first.pk]
    theirs = issued.certificates[issued.second.pk]
    assert mine.serial in text and theirs.serial not in text
    assert reverse("my_certificate_pdf", args=[mine.pk]) in text
    assert reverse("certificate_verify_code", args=[mine.verification_code]) in text


def test_my_certificates_empty_state_points_to_results(client, db):
    setup = Setup()
    user = setup.member(passed=False)
    client.force_login(user)
    text = client.get(reverse("my_certificates")).content.decode()
    assert reverse("my_results") in text


def test_learner_pages_need_login(client, db):
    for name in ("my_certificates", "my_results"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert reverse("login") in response["Location"]
    response = client.get(reverse("my_certificate_pdf", args=[1]))
    assert response.status_code == 302


def test_my_results_shows_rule_inputs_and_grades_of_mine_only(client, db):
    setup = Setup()
    me = setup.member(grade="6.75")
    setup.member(grade="9.75")
    client.force_login(me)
    response = client.get(reverse("my_results"))
    text = response.content.decode()
    assert setup.program.title in text
    assert setup.cohort.code in text
    assert "Quản lý nhà nước" in text and "Thi cuối khóa" in text
    assert "6,75" in text
    assert "9,75" not in text


def test_my_results_lists_a_program_studied_by_enrolment(client, db):
    from lessons.services import enrolment_create
    from tests.factories import learner

    setup = Setup()
    user = learner()
    enrolment_create(user=user, course=setup.course)
    client.force_login(user)
    text = client.get(reverse("my_results")).content.decode()
    assert setup.program.title in text
    assert "Not completed" in text or "Chưa" in text or "not completed" in text.lower()


def test_pdf_carries_the_units_logo(issued, settings, tmp_path):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    settings.MEDIA_ROOT = str(tmp_path)
    logo = Image.objects.create(title="Logo", file=get_test_image_file(colour="red"))
    issued.series.logo = logo
    issued.series.save()
    certificate = issued.certificates[issued.first.pk]
    certificate.unit.refresh_from_db()
    reader, _text_ = _text(certificate_pdf(certificate))
    images = reader.pages[0].images
    assert len(images) == 2  # the logo and the QR code


def test_my_certificates_query_count_does_not_grow(client, issued, django_assert_max_num_queries):
    client.force_login(issued.first)
    with django_assert_max_num_queries(30) as one:
        client.get(reverse("my_certificates"))
    certificate = issued.certificates[issued.first.pk]
    for _ in range(3):  # every reissue adds a row to the learner's list
        certificate = certificate_reissue(certificate=certificate, by=issued.manager, reason="Sai")
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("my_certificates"))
    assert response.content.decode().count("/pdf/") == 4


def test_my_results_query_count_does_not_grow_with_grades(
    client, db, django_assert_max_num_queries
):
    setup = Setup()
    me = setup.member()
    client.force_login(me)
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("my_results"))
    for _ in range(4):
        quiz = make_quiz(course=setup.course, title="Thêm", is_required=True)
        QuizGrade.objects.create(quiz=quiz, user=me, grade=Decimal("7.00"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("my_results"))
