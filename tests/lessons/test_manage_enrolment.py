"""The training managers' enrolment screens (lessons.manage).

The screens are reached through ``tests/lessons/manage_urls.py`` (see there),
so these tests do not depend on the hooks being wired in
``lessons/wagtail_hooks.py``.
"""

import io
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from lessons import services
from lessons.manage import admin as manage_admin
from lessons.manage import imports
from lessons.manage import services as manage_services
from lessons.models import Enrolment
from lessons.models.enrolment import EnrolmentStatus
from lessons.models.pages import EnrolmentPolicy
from lms.models import Rank
from tests.factories import (
    ProfileFactory,
    TrainingUnitFactory,
    UserFactory,
    learner,
    lecturer,
    manager,
    manager_of_all_units,
)

from .builders import make_course

pytestmark = pytest.mark.django_db


# Fixtures and builders ----------------------------------------------------------------


@pytest.fixture(autouse=True)
def manage_urls(settings):
    settings.ROOT_URLCONF = "tests.lessons.manage_urls"


@pytest.fixture
def boss():
    # The enrolment mechanics, whatever the learners' units; unit scope is tested below.
    return manager_of_all_units()


@pytest.fixture
def course():
    return make_course(title="Kỹ năng quản lý nhà nước", policy=EnrolmentPolicy.APPROVAL)


@pytest.fixture
def admin_client(client, boss):
    client.force_login(boss)
    return client


def person(family_name="Nguyễn Văn", given_name="An", *, code=None, unit=None, rank=None, **kw):
    """A learner with a profile; returns the user."""
    user = learner()
    fields = {"unit": unit} if unit else {}
    if rank:
        fields["rank"] = rank
    ProfileFactory(
        user=user, family_name=family_name, given_name=given_name, staff_code=code, **fields, **kw
    )
    return user


def enrolled(course, user, by):
    return services.enrolment_create(user=user, course=course, by=by)


def requested(course, user):
    enrolment = services.enrolment_create(user=user, course=course)
    assert enrolment.status == EnrolmentStatus.PENDING
    return enrolment


def url(name, course=None, **query):
    path = reverse(f"lessons_enrolments:{name}", args=[course.pk] if course else [])
    if query:
        path += "?" + urlencode(query, doseq=True)
    return path


def csv_file(text, *, name="danh-sach.csv", encoding="utf-8-sig"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows, *, name="danh-sach.xlsx"):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue(), content_type=imports.XLSX_CONTENT_TYPE)


def upload(client, course, file, **data):
    return client.post(url("upload", course), {"file": file, **data})


def statuses(course):
    return sorted(Enrolment.objects.filter(course=course).values_list("status", flat=True))


# The list -----------------------------------------------------------------------------


def test_list_shows_learners_in_vietnamese_order_with_their_details(admin_client, boss, course):
    unit = TrainingUnitFactory(name="Trường Chính trị tỉnh Nghệ An", short_name="TCT Nghệ An")
    rank = Rank.objects.get(code="01.002")
    binh = person("Trần Văn", "Bình", code="CB002", unit=unit, rank=rank)
    an = person("Nguyễn Thị", "An", code="CB001", unit=unit, rank=rank)
    anh = person("Lê", "Ánh", code="CB003", unit=unit, rank=rank)
    for user in (binh, an, anh):
        enrolled(course, user, boss)

    response = admin_client.get(url("index", course))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("CB001") < html.index("CB003") < html.index("CB002")
    assert "Nguyễn Thị" in html and "TCT Nghệ An" in html and rank.name in html
    assert [e.user for e in response.context["enrolments"]] == [an, anh, binh]


def test_waiting_requests_come_first_and_are_not_in_the_list(admin_client, boss, course):
    enrolled(course, person(given_name="Bình"), boss)
    waiting = requested(course, person(given_name="Cường"))

    response = admin_client.get(url("index", course))

    assert response.context["pending"] == [waiting]
    assert response.context["pending_count"] == 1
    assert waiting not in list(response.context["enrolments"])
    html = response.content.decode()
    assert f'name="single" value="{waiting.pk}"' in html


def test_list_filters_by_status_unit_and_rank(admin_client, boss, course):
    north, south = TrainingUnitFactory(), TrainingUnitFactory()
    senior, junior = Rank.objects.get(code="01.002"), Rank.objects.get(code="01.003")
    a = enrolled(course, person(unit=north, rank=senior), boss)
    b = enrolled(course, person(unit=south, rank=junior), boss)
    gone = enrolled(course, person(unit=north, rank=junior), boss)
    services.enrolment_remove(user=gone.user, course=course, by=boss)

    def listed(**query):
        return set(admin_client.get(url("index", course, **query)).context["enrolments"])

    assert listed() == {a, b}
    assert listed(unit=north.pk) == {a}
    assert listed(rank=junior.pk) == {b}
    assert {e.pk for e in listed(status="removed")} == {gone.pk}
    assert {e.pk for e in listed(status="all")} == {a.pk, b.pk, gone.pk}
    # An invalid filter value is ignored, not an error.
    assert listed(status="nonsense", unit="x") == {a, b}


def test_list_is_paginated_by_50(admin_client, boss, course):
    for _ in range(55):
        enrolled(course, person(), boss)
    first = admin_client.get(url("index", course))
    second = admin_client.get(url("index", course, p=2))
    assert len(first.context["enrolments"]) == 50
    assert len(second.context["enrolments"]) == 5


def test_list_query_count_does_not_grow_with_the_enrolments(
    admin_client, boss, course, django_assert_max_num_queries
):
    unit = TrainingUnitFactory()

    def add(count):
        for index in range(count):
            user = person(unit=unit, code=f"Q{Enrolment.objects.count():04d}")
            if index % 5 == 0:
                requested(course, user)
            else:
                enrolled(course, user, boss)

    add(5)
    admin_client.get(url("index", course))  # warm the caches (menus, permissions)
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(url("index", course)).status_code == 200
    add(45)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = admin_client.get(url("index", course))
    assert len(response.context["enrolments"]) == 40
    assert len(response.context["pending"]) == 10


def test_course_overview_counts_learners_and_waiting_requests(admin_client, boss, course):
    other = make_course(title="Lý luận chính trị")
    enrolled(course, person(), boss)
    requested(course, person())
    response = admin_client.get(url("courses"))
    assert response.status_code == 200
    rows = {c.pk: (c.enrolled_count, c.waiting_count) for c in response.context["courses"]}
    assert rows[course.pk] == (1, 1)
    assert rows[other.pk] == (0, 0)
    assert list(response.context["courses"])[0].pk == course.pk  # waiting requests first
    searched = admin_client.get(url("courses", q="ly luan"))
    assert [c.pk for c in searched.context["courses"]] == [other.pk]


# Approve, refuse, unenrol ---------------------------------------------------------------


def test_approve_one_request(admin_client, boss, course):
    request = requested(course, person())
    other = requested(course, person())

    response = admin_client.post(
        url("approve", course), {"single": request.pk, "enrolment": [other.pk]}
    )

    assert response.status_code == 302
    assert response["Location"] == url("index", course)
    request.refresh_from_db()
    other.refresh_from_db()
    assert request.status == EnrolmentStatus.ACTIVE and request.decided_by == boss
    # Only the row whose button was pressed, not the ticked boxes.
    assert other.status == EnrolmentStatus.PENDING


def test_approve_selected_requests_and_return_to_the_filtered_list(admin_client, course):
    requests = [requested(course, person()) for _ in range(3)]
    back = url("index", course, status="active", p=1)

    response = admin_client.post(
        url("approve", course), {"enrolment": [r.pk for r in requests[:2]], "next": back}
    )

    assert response["Location"] == back
    assert statuses(course) == ["active", "active", "pending"]


def test_approving_someone_not_waiting_changes_nothing_for_them(admin_client, boss, course):
    active = enrolled(course, person(), boss)
    request = requested(course, person())
    admin_client.post(url("approve", course), {"enrolment": [active.pk, request.pk]})
    active.refresh_from_db()
    assert active.decided_at is not None and statuses(course) == ["active", "active"]


def test_refuse_one_request_asks_for_a_reason_first(admin_client, boss, course):
    request = requested(course, person())

    confirm = admin_client.post(url("refuse", course), {"single": request.pk})

    assert confirm.status_code == 200
    assert [e.pk for e in confirm.context["selected"]] == [request.pk]
    assert statuses(course) == ["pending"]

    done = admin_client.post(
        url("refuse", course),
        {"enrolment": [request.pk], "confirm": "1", "note": "Không thuộc đối tượng bồi dưỡng"},
    )

    assert done.status_code == 302
    request.refresh_from_db()
    assert request.status == EnrolmentStatus.REJECTED
    assert request.note == "Không thuộc đối tượng bồi dưỡng"
    assert request.decided_by == boss


def test_refuse_selected_requests_without_a_reason(admin_client, course):
    requests = [requested(course, person()) for _ in range(3)]
    admin_client.post(
        url("refuse", course), {"enrolment": [r.pk for r in requests], "confirm": "1"}
    )
    assert statuses(course) == ["rejected"] * 3
    assert set(Enrolment.objects.values_list("note", flat=True)) == {""}


def test_unenrol_asks_first_and_keeps_the_history(admin_client, boss, course):
    enrolment = enrolled(course, person(), boss)

    confirm = admin_client.post(url("remove", course), {"single": enrolment.pk})
    assert confirm.status_code == 200
    assert statuses(course) == ["active"]

    admin_client.post(url("remove", course), {"enrolment": [enrolment.pk], "confirm": "1"})

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.REMOVED
    assert enrolment.ended_by == boss and enrolment.ended_at is not None
    assert Enrolment.objects.filter(course=course).count() == 1
    removed = admin_client.get(url("index", course, status="removed"))
    assert list(removed.context["enrolments"]) == [enrolment]


def test_unenrol_selected_people(admin_client, boss, course):
    rows = [enrolled(course, person(), boss) for _ in range(3)]
    admin_client.post(
        url("remove", course), {"enrolment": [r.pk for r in rows[:2]], "confirm": "1"}
    )
    assert statuses(course) == ["active", "removed", "removed"]


def test_enrolments_of_another_course_are_not_reachable(admin_client, boss, course):
    other_course = make_course(policy=EnrolmentPolicy.APPROVAL)
    foreign = requested(other_course, person())
    response = admin_client.post(url("approve", course), {"enrolment": [foreign.pk]})
    assert response.status_code == 302
    foreign.refresh_from_db()
    assert foreign.status == EnrolmentStatus.PENDING
    admin_client.post(url("remove", course), {"enrolment": [foreign.pk], "confirm": "1"})
    assert statuses(other_course) == ["pending"]


def test_an_empty_selection_changes_nothing(admin_client, course):
    requested(course, person())
    response = admin_client.post(url("approve", course), {})
    assert response.status_code == 302
    assert statuses(course) == ["pending"]


# Enrol by picking people ----------------------------------------------------------------


def test_search_folds_vietnamese_diacritics(admin_client, boss, course):
    an = person("Nguyễn Văn", "An", code="HN-0001")
    person("Đặng Thị", "Đào", code="HN-0002")
    person("Trần", "Bình", code="HN-0003")

    def found(query):
        response = admin_client.get(url("pick", course, q=query))
        assert response.status_code == 200
        return [profile.given_name for profile in response.context["results"]]

    assert found("nguyen van an") == ["An"]
    assert found("NGUYỄN") == ["An"]
    assert found("an nguyen") == ["An"]
    assert found("dang dao") == ["Đào"]
    assert found("Đặng") == ["Đào"]
    assert found("hn-0003") == ["Bình"]
    assert found("HN-000") == ["An", "Bình", "Đào"]
    assert found("khong co ai") == []
    enrolled(course, an, boss)
    response = admin_client.get(url("pick", course, q="nguyen"))
    assert response.context["results"][0].enrolment_status == "active"


def test_enrol_picked_people(admin_client, boss, course):
    new, waiting, already = person(), person(), person()
    requested(course, waiting)
    enrolled(course, already, boss)

    response = admin_client.post(url("pick", course), {"users": [new.pk, waiting.pk, already.pk]})

    assert response.status_code == 302
    current = Enrolment.objects.filter(course=course)
    assert current.count() == 3
    assert set(current.values_list("status", flat=True)) == {"active"}
    assert current.get(user=new).created_by == boss


def test_picking_nobody_or_a_disabled_account_enrols_nobody(admin_client, course):
    response = admin_client.post(url("pick", course), {"users": []})
    assert response.status_code == 200 and response.context["pick_form"].errors
    disabled = person()
    get_user_model().objects.filter(pk=disabled.pk).update(is_active=False)
    response = admin_client.post(url("pick", course), {"users": [disabled.pk]})
    assert response.status_code == 200
    assert not Enrolment.objects.exists()


# Enrol by filter ------------------------------------------------------------------------


def test_filter_shows_how_many_match_then_enrols_them(admin_client, boss, course):
    unit, elsewhere = TrainingUnitFactory(), TrainingUnitFactory()
    senior = Rank.objects.get(code="01.002")
    new = [person(unit=unit, rank=senior) for _ in range(3)]
    waiting = person(unit=unit, rank=senior)
    requested(course, waiting)
    already = person(unit=unit, rank=senior)
    enrolled(course, already, boss)
    person(unit=unit)  # another rank
    person(unit=elsewhere, rank=senior)

    preview = admin_client.get(url("filter", course, unit=unit.pk, rank=senior.pk))

    assert preview.status_code == 200
    assert preview.context["plan"] == {"enrol": 3, "approve": 1, "already": 1, "total": 5}
    assert len(preview.context["sample"]) == 5
    assert statuses(course) == ["active", "pending"]

    done = admin_client.post(
        url("filter", course), {"unit": unit.pk, "rank": senior.pk, "agency": "", "expected": 5}
    )

    assert done.status_code == 302
    assert set(Enrolment.objects.active().filter(course=course).values_list("user", flat=True)) == {
        u.pk for u in [*new, waiting, already]
    }


def test_filter_by_agency(admin_client, course):
    person(agency="Sở Nội vụ tỉnh Nghệ An")
    person(agency="Sở Tài chính")
    preview = admin_client.get(url("filter", course, agency="nội vụ"))
    assert preview.context["plan"]["total"] == 1


def test_filter_refuses_when_the_people_changed_since_the_preview(admin_client, course):
    unit = TrainingUnitFactory()
    person(unit=unit)
    person(unit=unit)
    response = admin_client.post(url("filter", course), {"unit": unit.pk, "expected": 1})
    assert response.status_code == 200
    assert response.context["plan"]["total"] == 2
    assert not Enrolment.objects.exists()


def test_filter_needs_a_criterion(admin_client, course):
    person()
    response = admin_client.post(url("filter", course), {"unit": "", "rank": "", "agency": " "})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Enrolment.objects.exists()


# Enrol by upload ------------------------------------------------------------------------


def test_upload_csv_with_bom_and_semicolons_enrols_everyone(admin_client, boss, course):
    a = person(code="CB001")
    b = person(code="CB002")
    text = "STT;Mã cán bộ;Họ và tên\r\n1; cb001 ;Nguyễn Văn An\r\n2;CB002;Trần Bình\r\n"

    response = upload(admin_client, course, csv_file(text))

    assert response.status_code == 200
    report = response.context["report"]
    assert report.applied and not report.has_errors
    assert [(r.number, r.code, r.outcome.code) for r in report.rows] == [
        (2, "cb001", "enrol"),
        (3, "CB002", "enrol"),
    ]
    assert set(Enrolment.objects.active().filter(course=course).values_list("user", flat=True)) == {
        a.pk,
        b.pk,
    }


def test_upload_csv_with_commas_and_the_english_header(admin_client, course):
    person(code="X1")
    response = upload(admin_client, course, csv_file("name,staff_code\nAn,X1\n", encoding="utf-8"))
    assert response.context["report"].applied
    assert statuses(course) == ["active"]


def test_upload_xlsx_approves_requests_and_reports_who_was_already_enrolled(
    admin_client, boss, course
):
    new = person(code="CB001")
    waiting = person(code="CB002")
    already = person(code="CB003")
    requested(course, waiting)
    enrolled(course, already, boss)
    rows = [["Mã cán bộ", "Họ và tên"], ["CB001", "An"], [None, None], ["CB002"], [" CB003 "]]

    response = upload(admin_client, course, xlsx_file(rows))

    report = response.context["report"]
    assert report.applied
    assert [(r.number, r.outcome.code) for r in report.rows] == [
        (2, "enrol"),
        (3, "empty"),
        (4, "approve"),
        (5, "already"),
    ]
    assert Enrolment.objects.filter(course=course).count() == 3  # nobody enrolled twice
    assert set(Enrolment.objects.active().filter(course=course).values_list("user", flat=True)) == {
        new.pk,
        waiting.pk,
        already.pk,
    }


def test_upload_xlsx_without_header_reads_the_first_column_and_numbers(admin_client, course):
    person(code="12345")
    person(code="AB-7")
    response = upload(admin_client, course, xlsx_file([[12345, "An"], ["ab-7", "Bình"]]))
    report = response.context["report"]
    assert report.applied
    assert [(r.number, r.outcome.code) for r in report.rows] == [(1, "enrol"), (2, "enrol")]


def test_one_unknown_code_enrols_nobody_and_says_where(admin_client, course):
    person(code="CB001")
    person(code="CB002")
    text = "Mã cán bộ\nCB001\nCB999\nCB002\n"

    response = upload(admin_client, course, csv_file(text))

    report = response.context["report"]
    assert not report.applied and report.has_errors
    assert [(r.number, r.code, r.outcome.code) for r in report.errors] == [(3, "CB999", "unknown")]
    assert report.errors[0].reason
    assert not Enrolment.objects.exists()
    html = response.content.decode()
    assert "CB999" in html and report.errors[0].reason in html


def test_duplicate_code_in_the_file_enrols_nobody(admin_client, course):
    person(code="CB001")
    person(code="CB002")

    response = upload(admin_client, course, csv_file("Mã cán bộ\nCB001\nCB002\ncb001\n"))

    report = response.context["report"]
    assert [(r.number, r.outcome.code) for r in report.errors] == [(4, "duplicate")]
    assert "2" in report.errors[0].reason  # the row it repeats
    assert not Enrolment.objects.exists()


def test_disabled_account_in_the_file_enrols_nobody(admin_client, course):
    user = person(code="CB001")
    person(code="CB002")
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    response = upload(admin_client, course, csv_file("CB001\nCB002\n"))
    assert [r.outcome.code for r in response.context["report"].errors] == ["disabled"]
    assert not Enrolment.objects.exists()


def test_dry_run_reports_and_changes_nothing(admin_client, course):
    person(code="CB001")
    response = upload(admin_client, course, csv_file("CB001\n"), dry_run="on")
    report = response.context["report"]
    assert not report.applied and not report.has_errors
    assert report.rows[0].outcome.code == "enrol"
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize(
    ("file", "fragment"),
    [
        (SimpleUploadedFile("list.txt", b"CB001\n"), "CSV"),
        (SimpleUploadedFile("list.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 100), ".xlsx"),
        (SimpleUploadedFile("list.xlsx", b"not a zip file"), "Excel"),
        # "Mã cán bộ" saved by Excel in a Windows code page, not UTF-8.
        (SimpleUploadedFile("list.csv", b"M\xe3 c\xe1n b\xf4\xf2\nCB001\n"), "UTF-8"),
        (SimpleUploadedFile("list.csv", b""), ""),  # Django's own message
        (SimpleUploadedFile("list.csv", b" \r\n;;\r\n"), "không có dữ liệu"),
        (SimpleUploadedFile("list.csv", b"Ma can bo\n\n\n"), "không có mã cán bộ"),
    ],
    ids=["txt", "xls", "fake-xlsx", "cp1258", "empty", "blank", "header-only"],
)
def test_bad_files_are_refused_with_a_message(admin_client, course, file, fragment):
    person(code="CB001")
    response = upload(admin_client, course, file)
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert errors and fragment in " ".join(errors)
    assert "report" not in response.context
    assert not Enrolment.objects.exists()


def test_too_large_file_is_refused(admin_client, course):
    person(code="CB001")
    big = "Mã cán bộ\nCB001\n" + "x" * (imports.MAX_FILE_SIZE + 1)
    response = upload(admin_client, course, csv_file(big))
    assert response.context["form"].errors["file"]
    assert not Enrolment.objects.exists()


def test_too_many_rows_is_refused(admin_client, course):
    person(code="CB001")
    text = "Mã cán bộ\n" + "CB001\n" * (imports.MAX_ROWS + 1)
    response = upload(admin_client, course, csv_file(text))
    assert str(imports.MAX_ROWS) in " ".join(response.context["form"].errors["file"])
    assert not Enrolment.objects.exists()


def test_upload_is_all_or_nothing_when_a_write_fails(boss, course, monkeypatch):
    person(code="CB001")
    person(code="CB002")
    calls = []
    original = services.enrolment_create

    def fail_on_second(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(**kwargs)

    monkeypatch.setattr(manage_services.services, "enrolment_create", fail_on_second)
    codes = imports.read_staff_codes(csv_file("CB001\nCB002\n"))
    with pytest.raises(RuntimeError):
        manage_services.enrol_from_codes(course=course, code_list=codes, by=boss)
    assert not Enrolment.objects.exists()


def test_template_download_has_the_vietnamese_header(admin_client):
    response = admin_client.get(url("template"))
    assert response.status_code == 200
    assert response["Content-Type"] == imports.XLSX_CONTENT_TYPE
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Mã cán bộ"
    # The template read back is a valid header-only list.
    with pytest.raises(ValidationError, match="không có mã cán bộ"):
        imports.read_staff_codes(SimpleUploadedFile("mau.xlsx", response.content))


def test_read_staff_codes_handles_tab_utf16_and_odd_spaces():
    text = "Họ tên\tMã CB\nAn\t\u00a0CB001\u200b\n"
    codes = imports.read_staff_codes(csv_file(text, encoding="utf-16"))
    assert codes.header == "Mã CB"
    assert [(r.number, r.code) for r in codes.rows] == [(2, "CB001")]


# Permissions ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["index", "pick", "filter", "upload"])
def test_learners_and_lecturers_cannot_open_the_screens(client, course, name):
    client.force_login(learner())
    assert client.get(url(name, course)).status_code == 302
    client.force_login(lecturer())
    response = client.get(url(name, course))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_lecturers_cannot_act(client, course):
    request = requested(course, person(code="CB001"))
    client.force_login(lecturer())
    client.post(url("approve", course), {"enrolment": [request.pk]})
    client.post(url("refuse", course), {"enrolment": [request.pk], "confirm": "1"})
    client.post(url("remove", course), {"enrolment": [request.pk], "confirm": "1"})
    client.post(url("pick", course), {"users": [person().pk]})
    upload(client, course, csv_file("CB001\n"))
    assert statuses(course) == ["pending"]


def test_anonymous_users_are_sent_to_log_in(client, course):
    response = client.get(url("index", course))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]
    assert client.get(url("template")).status_code == 302


def test_managers_and_superusers_may_use_the_screens(client, course):
    client.force_login(manager())
    assert client.get(url("index", course)).status_code == 200
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(url("index", course)).status_code == 200
    assert client.get(url("upload", course)).status_code == 200


def test_unknown_course_is_not_found(admin_client, course):
    missing = course.pk + 1000
    assert admin_client.get(f"/admin/lessons/courses/{missing}/enrolments/").status_code == 404
    response = admin_client.post(f"/admin/lessons/courses/{missing}/enrolments/approve/", {})
    assert response.status_code == 404


def test_a_program_page_is_not_a_course(admin_client, course):
    program_id = course.get_parent().pk
    assert admin_client.get(f"/admin/lessons/courses/{program_id}/enrolments/").status_code == 404


def test_posts_need_the_csrf_token(boss, course):
    request = requested(course, person())
    client = Client(enforce_csrf_checks=True)
    client.force_login(boss)
    response = client.post(url("approve", course), {"enrolment": [request.pk]})
    assert response.status_code == 403
    assert statuses(course) == ["pending"]


def test_services_refuse_non_managers(course):
    request = requested(course, person())
    with pytest.raises(PermissionDenied):
        manage_services.enrolments_approve(course=course, enrolment_ids=[request.pk], by=lecturer())
    assert statuses(course) == ["pending"]


# Admin wiring ---------------------------------------------------------------------------


def test_course_button_is_shown_to_managers_on_courses_only(boss, course):
    program = course.get_parent()
    [item] = manage_admin.course_header_buttons(page=course, user=boss, view_name="edit")
    assert item.is_shown(boss)
    assert item.url == url("index", course)
    [on_program] = manage_admin.course_listing_buttons(page=program, user=boss)
    assert not on_program.is_shown(boss)
    [for_lecturer] = manage_admin.course_listing_buttons(page=course, user=lecturer())
    assert not for_lecturer.is_shown(lecturer())


def test_admin_urls_use_the_admin_prefix(course):
    assert url("index", course) == f"/admin/lessons/courses/{course.pk}/enrolments/"
    assert manage_admin.enrolments_menu_item().url == "/admin/lessons/enrolments/"


def test_course_edit_page_and_explorer_link_to_the_enrolments(admin_client, course):
    from wagtail import hooks

    with (
        hooks.register_temporarily(
            "register_page_header_buttons", manage_admin.course_header_buttons
        ),
        hooks.register_temporarily(
            "register_page_listing_more_buttons", manage_admin.course_listing_buttons
        ),
    ):
        edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))
        explorer = admin_client.get(reverse("wagtailadmin_explore", args=[course.get_parent().pk]))
        program_edit = admin_client.get(
            reverse("wagtailadmin_pages:edit", args=[course.get_parent().pk])
        )
    assert edit.status_code == explorer.status_code == program_edit.status_code == 200
    assert url("index", course) in edit.content.decode()
    assert url("index", course) in explorer.content.decode()
    assert url("index", course) not in program_edit.content.decode()


def test_a_workbook_that_unpacks_to_too_much_data_is_refused(admin_client, course, monkeypatch):
    person(code="CB001")
    monkeypatch.setattr(imports, "MAX_UNPACKED_SIZE", 1000)
    response = upload(admin_client, course, xlsx_file([["Mã cán bộ"], ["CB001"]]))
    assert response.context["form"].errors["file"]
    assert not Enrolment.objects.exists()


# A manager's own unit -----------------------------------------------------------------


@pytest.fixture
def home_unit():
    return TrainingUnitFactory(name="Trường Chính trị tỉnh Phú Thọ")


@pytest.fixture
def unit_client(client, home_unit):
    boss = manager()
    ProfileFactory(user=boss, unit=home_unit)
    client.force_login(boss)
    client.boss = boss
    return client


def test_a_unit_manager_lists_only_their_units_learners(unit_client, home_unit, course):
    ours = person("Lê Thị", "Hoa", unit=home_unit)
    theirs = person("Phan Văn", "Hùng")
    enrolled(course, ours, unit_client.boss)
    services.enrolment_create(user=theirs, course=course, by=None)

    response = unit_client.get(url("index", course, status="current"))

    names = [row.user.profile.given_name for row in response.context["enrolments"]]
    assert names == ["Hoa"]
    assert "Hùng" not in response.content.decode()


def test_a_unit_manager_finds_and_enrols_only_their_units_learners(unit_client, home_unit, course):
    ours = person("Lê Thị", "Hoa", code="PT-01", unit=home_unit)
    theirs = person("Lê Văn", "Hùng", code="HN-01")

    response = unit_client.get(url("pick", course, q="le"))
    assert [profile.user for profile in response.context["results"]] == [ours]

    response = unit_client.post(url("pick", course), {"users": [ours.pk, theirs.pk]})
    assert response.status_code == 200
    assert not Enrolment.objects.exists()
    with pytest.raises(ValidationError):
        manage_services.enrol_users(course=course, users=[theirs], by=unit_client.boss)


def test_a_unit_manager_cannot_enrol_another_units_staff_code(unit_client, home_unit, course):
    person(code="PT-01", unit=home_unit)
    person(code="HN-01")

    response = upload(unit_client, course, csv_file("Mã cán bộ\nPT-01\nHN-01\n"))

    report = response.context["report"]
    assert [(row.code, row.outcome.code) for row in report.errors] == [("HN-01", "unknown")]
    assert not Enrolment.objects.exists()


def test_a_unit_manager_cannot_unenrol_another_units_learner(unit_client, course):
    theirs = person()
    enrolment = services.enrolment_create(user=theirs, course=course, by=None)

    result = manage_services.enrolments_remove(
        course=course, enrolment_ids=[enrolment.pk], by=unit_client.boss
    )

    assert (result.done, result.skipped) == ([], 1)
    assert statuses(course) == ["pending"]
