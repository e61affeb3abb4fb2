"""The cohort screens in the Wagtail admin: what each role reaches, forms, query counts."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from lessons.models import Enrolment
from lms.cohorts import admin as cohorts_admin
from lms.models import AttendanceRecord, AttendanceSession, Cohort, CohortMember
from tests.factories import TrainingUnitFactory

from .helpers import (
    add_members,
    boss_of,
    complete,
    grade,
    make_cohort,
    person,
    program_with_courses,
    required_exam,
    teacher_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return TrainingUnitFactory(code="truong-a")


@pytest.fixture
def other_unit():
    return TrainingUnitFactory(code="truong-b")


@pytest.fixture
def boss(unit):
    return boss_of(unit)


@pytest.fixture
def program_courses():
    return program_with_courses(2)


@pytest.fixture
def cohort(program_courses, unit):
    return make_cohort(program=program_courses[0], unit=unit, code="CVC-K1-2026")


@pytest.fixture
def boss_client(client, boss):
    # The admin speaks the user's preferred language: English keeps the
    # assertions on messages true once the lead translates them.
    profile = UserProfile.get_for_user(boss)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(boss)
    return client


def url(name, cohort=None, **kwargs):
    if cohort is not None:
        kwargs["cohort_id"] = cohort.pk
    return reverse(f"lms_cohorts:{name}", kwargs=kwargs)


def a_session(cohort):
    return AttendanceSession.objects.create(
        cohort=cohort, date=datetime.date(2026, 3, 2), topic="Khai giảng", periods=4
    )


def every_cohort_url(cohort, member, session):
    plain = ["detail", "results_export", "edit", "delete", "sessions", "session_add"]
    plain += ["members_add", "members_filter", "members_upload"]
    urls = [url(name, cohort) for name in plain]
    urls.append(url("result", cohort, user_id=member.pk))
    for name in ("attendance", "session_edit", "session_delete"):
        urls.append(url(name, cohort, session_id=session.pk))
    return urls


# List and form ---------------------------------------------------------------------------


def test_list_shows_own_unit_cohorts_and_filters(boss_client, cohort, program_courses, other_unit):
    make_cohort(program=program_courses[0], unit=other_unit, code="KHAC-2026")
    response = boss_client.get(url("index"))
    assert response.status_code == 200
    assert "CVC-K1-2026" in response.text and "KHAC-2026" not in response.text
    assert "CVC-K1" not in boss_client.get(url("index") + "?q=zzz").text
    assert "CVC-K1" in boss_client.get(url("index") + "?year=2026").text


def form_data(program, unit, **overrides):
    data = {
        "code": "CVC-K2-2026",
        "name": "Lớp chuyên viên khóa 2",
        "program": program.pk,
        "unit": unit.pk,
        "starts_on": "02/03/2026",
        "ends_on": "29/05/2026",
        "place": "Hội trường A",
    }
    return {**data, **overrides}


def test_create_a_cohort_with_dates_dd_mm_yyyy(boss_client, program_courses, unit, boss):
    lecturer = teacher_of(unit)
    data = form_data(program_courses[0], unit, lecturers=[lecturer.pk], homeroom_manager=boss.pk)
    response = boss_client.post(url("add"), data)
    created = Cohort.objects.get(code="CVC-K2-2026")
    assert response.status_code == 302
    assert created.starts_on == datetime.date(2026, 3, 2)
    assert list(created.lecturers.all()) == [lecturer]
    assert "02/03/2026" in boss_client.get(url("detail", created)).text


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_on": "01/03/2026"}, "ends_on"),
        ({"code": "CVC-K1-2026"}, "code"),
    ],
)
def test_cohort_form_refuses_bad_input(
    boss_client, cohort, program_courses, unit, overrides, field
):
    response = boss_client.post(url("add"), form_data(program_courses[0], unit, **overrides))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert Cohort.objects.count() == 1


def test_cohort_form_offers_only_own_units(boss_client, program_courses, unit, other_unit):
    response = boss_client.get(url("add"))
    assert unit.name in response.text and other_unit.name not in response.text
    response = boss_client.post(url("add"), form_data(program_courses[0], other_unit))
    assert response.status_code == 200
    assert not Cohort.objects.exists()


# Cohort page and results -----------------------------------------------------------------


def members_with_results(cohort, courses, unit, count):
    exam = required_exam(courses[0], pass_mark="5")
    people = [person(unit, given_name=f"Học Viên {n}") for n in range(count)]
    add_members(cohort, people)
    session = a_session(cohort)
    for user in people:
        complete(user, courses[0])
        grade(user, exam, "7")
        AttendanceRecord.objects.create(session=session, user=user, status="present")
    session.taken_at = session.date and datetime.datetime(2026, 3, 2, tzinfo=datetime.UTC)
    session.save()
    return people


@pytest.mark.parametrize("name", ["detail", "sessions", "attendance"])
def test_query_count_is_constant_as_members_grow(
    boss_client, cohort, program_courses, unit, django_assert_max_num_queries, name
):
    _program, courses = program_courses
    members_with_results(cohort, courses, unit, 2)
    kwargs = {"session_id": AttendanceSession.objects.first().pk} if name == "attendance" else {}
    target = url(name, cohort, **kwargs)
    with django_assert_max_num_queries(40) as few:
        assert boss_client.get(target).status_code == 200
    members_with_results(cohort, courses, unit, 8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = boss_client.get(target)
    assert response.text.count("Học Viên") >= 10


def test_cohort_page_shows_progress_and_reasons(boss_client, cohort, program_courses, unit):
    _program, courses = program_courses
    members_with_results(cohort, courses, unit, 1)
    response = boss_client.get(url("detail", cohort))
    assert "1/2" in response.text
    assert "Học phần 2" in response.text  # not completed: the reason names it
    assert "100" in response.text


def test_result_page_shows_rule_and_inputs(boss_client, cohort, program_courses, unit):
    _program, courses = program_courses
    member = members_with_results(cohort, courses, unit, 1)[0]
    response = boss_client.get(url("result", cohort, user_id=member.pk))
    assert response.status_code == 200
    text = response.text
    for expected in (
        "Bài thi cuối khóa",
        "Học phần 1",
        "Học phần 2",
        "Khai giảng",
        "weighted mean",
    ):
        assert expected in text
    assert "is not completed" in text


def test_results_export_has_vietnamese_headers_and_the_members(
    boss_client, cohort, program_courses, unit
):
    program, courses = program_courses
    exam = required_exam(courses[0], weight="2")
    passed = person(unit, family_name="Lê Thị", given_name="Hoa", code="CB001")
    passed.profile.date_of_birth = datetime.date(1990, 7, 15)
    passed.profile.save()
    failed = person(unit, family_name="Phạm Văn", given_name="Minh")
    add_members(cohort, [passed, failed])
    for course in courses:
        complete(passed, course)
    grade(passed, exam, "8.50")

    response = boss_client.get(url("results_export", cohort))

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("STT", "Họ và tên", "Ngày sinh")
    assert rows[1][1:4] == ("Lê Thị Hoa", datetime.datetime(1990, 7, 15), "CB001")
    assert sheet["C2"].number_format == "dd/mm/yyyy"
    assert rows[1][7] == 8.5 and rows[1][9] == "Có"
    assert rows[2][1] == "Phạm Văn Minh" and rows[2][9] == "Không"
    assert "Chưa hoàn thành khóa học" in rows[2][10]


def test_result_of_a_non_member_is_404(boss_client, cohort, unit):
    stranger = person(unit)
    assert boss_client.get(url("result", cohort, user_id=stranger.pk)).status_code == 404


# Members ---------------------------------------------------------------------------------


def test_add_members_by_search_enrols_them(boss_client, cohort, program_courses, unit, other_unit):
    someone = person(unit, given_name="Thảo", code="CB777")
    person(other_unit, given_name="Thảo", code="CB888")
    response = boss_client.get(url("members_add", cohort) + "?q=thao")
    assert "CB777" in response.text and "CB888" not in response.text
    response = boss_client.post(url("members_add", cohort), {"users": [someone.pk]})
    assert response.status_code == 302
    assert list(cohort.members.all()) == [someone]
    assert Enrolment.objects.filter(user=someone).count() == 2


def test_add_members_of_another_unit_is_refused(boss_client, cohort, other_unit):
    stranger = person(other_unit)
    response = boss_client.post(url("members_add", cohort), {"users": [stranger.pk]})
    assert response.status_code == 200
    assert "Only people of your own training unit" in response.text
    assert not cohort.members.exists()


def test_add_members_by_filter(boss_client, cohort, unit, other_unit):
    people = [person(unit, given_name=name) for name in ("An", "Bình")]
    person(other_unit)
    preview = boss_client.get(url("members_filter", cohort) + f"?unit={unit.pk}")
    assert preview.context["total"] == 3  # the two and the manager
    assert 'name="expected" value="3"' in preview.text
    response = boss_client.post(url("members_filter", cohort), {"unit": unit.pk, "expected": 3})
    assert response.status_code == 302
    # The manager is in the unit too: everyone of the unit is added.
    assert set(people) <= set(cohort.members.all())


def test_add_by_filter_refuses_when_the_people_changed_since_the_preview(boss_client, cohort, unit):
    person(unit, given_name="An")
    preview = boss_client.get(url("members_filter", cohort) + f"?unit={unit.pk}")
    seen = preview.context["total"]
    person(unit, given_name="Mới Chuyển Đến")
    response = boss_client.post(url("members_filter", cohort), {"unit": unit.pk, "expected": seen})
    assert response.status_code == 200
    assert "The people matching the filter changed" in response.text
    assert response.context["total"] == seen + 1
    assert not cohort.members.exists()


def test_add_members_from_a_file_with_a_report(boss_client, cohort, unit):
    person(unit, code="CB001")
    upload = SimpleUploadedFile("ds.csv", "Mã cán bộ\nCB001\nCB404\n".encode(), "text/csv")
    response = boss_client.post(url("members_upload", cohort), {"file": upload})
    assert response.status_code == 200
    report = response.context["report"]
    assert [row.outcome.code for row in report.rows] == ["add", "unknown"]
    assert "CB404" in response.text
    assert not cohort.members.exists()
    upload = SimpleUploadedFile("ds.csv", "Mã cán bộ\nCB001\n".encode(), "text/csv")
    response = boss_client.post(url("members_upload", cohort), {"file": upload})
    assert cohort.members.count() == 1


def test_remove_members_asks_first(boss_client, cohort, unit):
    member = person(unit)
    add_members(cohort, [member])
    response = boss_client.post(url("members_remove", cohort), {"users": [member.pk]})
    assert response.status_code == 200 and "does not unenrol" not in response.text
    assert cohort.members.exists()
    response = boss_client.post(
        url("members_remove", cohort), {"users": [member.pk], "confirm": "1"}
    )
    assert response.status_code == 302
    assert not cohort.members.exists()


# Attendance ------------------------------------------------------------------------------


def test_take_attendance_for_the_whole_class(boss_client, cohort, unit):
    people = [person(unit, given_name=name) for name in ("An", "Bình")]
    add_members(cohort, people)
    session = a_session(cohort)
    page = boss_client.get(url("attendance", cohort, session_id=session.pk))
    assert page.text.count('value="present" checked') == 2
    response = boss_client.post(
        url("attendance", cohort, session_id=session.pk),
        {
            f"status_{people[0].pk}": "present",
            f"status_{people[1].pk}": "excused",
            f"note_{people[1].pk}": "Đi công tác",
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.taken_at is not None
    record = AttendanceRecord.objects.get(user=people[1])
    assert (record.status, record.note) == ("excused", "Đi công tác")
    matrix = boss_client.get(url("sessions", cohort))
    percents = [summary.percent for *_cells, summary in matrix.context["rows"]]
    assert percents == [100, 0]


def test_mark_all_present_button(boss_client, cohort, unit):
    member = person(unit)
    add_members(cohort, [member])
    session = a_session(cohort)
    boss_client.post(
        url("attendance", cohort, session_id=session.pk),
        {f"status_{member.pk}": "absent", "all_present": "1"},
    )
    assert AttendanceRecord.objects.get(user=member).status == "present"


def test_bad_attendance_input_changes_nothing(boss_client, cohort, unit):
    member, stranger = person(unit), person(unit)
    add_members(cohort, [member])
    session = a_session(cohort)
    target = url("attendance", cohort, session_id=session.pk)
    response = boss_client.post(target, {f"status_{member.pk}": "late"})
    assert "is not an attendance status" in response.text
    response = boss_client.post(
        target, {f"status_{member.pk}": "present", f"status_{stranger.pk}": "present"}
    )
    assert "only be recorded for members" in response.text
    assert not AttendanceRecord.objects.exists()


def test_session_add_with_date_dd_mm_yyyy(boss_client, cohort):
    response = boss_client.post(
        url("session_add", cohort), {"date": "09/03/2026", "topic": "Chuyên đề 1", "periods": 4}
    )
    assert response.status_code == 302
    assert AttendanceSession.objects.get().date == datetime.date(2026, 3, 9)


# Permissions -----------------------------------------------------------------------------


def test_a_manager_of_another_unit_sees_nothing(client, cohort, unit, other_unit):
    member = person(unit)
    add_members(cohort, [member])
    session = a_session(cohort)
    client.force_login(boss_of(other_unit))
    for target in every_cohort_url(cohort, member, session):
        assert client.get(target).status_code == 404, target
    response = client.post(
        url("attendance", cohort, session_id=session.pk), {f"status_{member.pk}": "absent"}
    )
    assert response.status_code == 404
    assert client.post(url("members_remove", cohort), {"users": [member.pk]}).status_code == 404
    assert "CVC-K1" not in client.get(url("index")).text
    assert not AttendanceRecord.objects.exists() and cohort.members.exists()


def test_a_learner_has_no_admin_access(client, cohort, unit):
    member = person(unit)
    add_members(cohort, [member])
    client.force_login(member)
    session = a_session(cohort)
    for target in [url("index"), *every_cohort_url(cohort, member, session)]:
        response = client.get(target)
        assert response.status_code in (302, 403), target
        assert "CVC-K1" not in response.text


def test_lecturers_take_only_their_cohorts_attendance(client, cohort, program_courses, unit):
    own, other = teacher_of(unit), teacher_of(unit)
    cohort.lecturers.add(own)
    member = person(unit)
    add_members(cohort, [member])
    session = a_session(cohort)
    target = url("attendance", cohort, session_id=session.pk)
    client.force_login(other)
    assert client.post(target, {f"status_{member.pk}": "absent"}).status_code == 404
    assert not AttendanceRecord.objects.exists()
    client.force_login(own)
    assert client.get(url("detail", cohort)).status_code == 200
    assert client.post(target, {f"status_{member.pk}": "absent"}).status_code == 302
    assert AttendanceRecord.objects.get().status == "absent"
    # A lecturer takes attendance but does not manage members.
    response = client.post(url("members_add", cohort), {"users": [member.pk]})
    assert response.status_code in (302, 403)
    assert CohortMember.objects.count() == 1


def test_issue_certificates_link_only_when_the_screen_exists(boss_client, cohort):
    response = boss_client.get(url("detail", cohort))
    try:
        target = reverse("lms_certificates:issue", kwargs={"cohort_id": cohort.pk})
    except NoReverseMatch:
        assert "Issue certificates" not in response.text
    else:
        assert target in response.text


def test_every_screen_opens_for_the_manager(boss_client, cohort, unit):
    member = person(unit)
    add_members(cohort, [member])
    session = a_session(cohort)
    response = boss_client.get(url("index"))
    assert 'lang="en"' in response.text
    for target in every_cohort_url(cohort, member, session):
        assert boss_client.get(target).status_code == 200, target


def test_delete_a_cohort_and_a_session(boss_client, cohort):
    session = a_session(cohort)
    response = boss_client.post(url("session_delete", cohort, session_id=session.pk))
    assert response.status_code == 302 and not AttendanceSession.objects.exists()
    assert boss_client.post(url("delete", cohort)).status_code == 302
    assert not Cohort.objects.exists()


def test_menu_item_shown_to_cohort_viewers(rf, unit):
    item = cohorts_admin.menu_item()
    for user, shown in ((boss_of(unit), True), (teacher_of(unit), True), (person(unit), False)):
        request = rf.get("/admin/")
        request.user = user
        assert item.is_shown(request) is shown
