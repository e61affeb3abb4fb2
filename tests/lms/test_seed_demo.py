import io

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Revision

from lms.models import AttendanceRecord, Certificate, Cohort, HomePage, Profile

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"lms", "auth", "wagtailcore", "themes", "lessons", "library"}
    }


def test_seed_demo_builds_the_demo_site():
    call_command("seed_demo", stdout=io.StringIO())
    home = HomePage.objects.get()
    assert home.title == "Học tập trực tuyến cho cán bộ, công chức, viên chức"
    assert len(home.body) > 0
    roles = set(Profile.objects.values_list("user__groups__name", flat=True))
    assert {"Học viên", "Giảng viên", "Thủ thư", "Quản lý đào tạo"} <= roles
    assert Profile.objects.values("unit").distinct().count() == 2


def test_seed_demo_twice_changes_nothing():
    call_command("seed_demo", stdout=io.StringIO())
    first = _counts()
    revisions = Revision.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == first
    assert Revision.objects.count() == revisions


def test_seed_demo_keeps_an_edited_home_page():
    home = HomePage.objects.get()
    home.body = [("heading", "Trang của đơn vị")]
    home.save_revision().publish()
    call_command("seed_demo", stdout=io.StringIO())
    assert HomePage.objects.get().body[0].value == "Trang của đơn vị"


def test_seed_demo_builds_a_cohort_with_attendance_and_certificates():
    call_command("seed_demo", stdout=io.StringIO())
    finished = Cohort.objects.get(code="CV-K01-2026")

    assert finished.memberships.count() == 6
    assert AttendanceRecord.objects.filter(session__cohort=finished).count() == 36
    valid = Certificate.objects.valid().filter(cohort=finished)
    assert valid.count() == 5
    revoked = Certificate.objects.get(cohort=finished, revoked_at__isnull=False)
    assert revoked.revocation_reason
    assert revoked.reissued_as.date_of_birth != revoked.date_of_birth
    serials = list(Certificate.objects.order_by("serial_number").values_list("serial", flat=True))
    assert serials == [f"HVHC{number:06d}" for number in range(1251, 1257)]
    assert Cohort.objects.get(code="CV-K02-2026").sessions.filter(taken_at__isnull=True).exists()
