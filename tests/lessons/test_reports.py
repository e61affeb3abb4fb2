"""The course progress report: screen, lessons matrix, XLSX export, access and query counts.

The report's admin URLs are mounted by ``tests/lessons/reports_urls.py`` (see
there) through the ``report_urls`` fixture, so these tests do not depend on
the hooks being wired in ``lessons/wagtail_hooks.py``.
"""

import datetime
import io
import re
import zoneinfo
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from lessons import services
from lessons.models import CourseCompletion, Enrolment, LessonProgress
from lessons.models.enrolment import EnrolmentStatus
from lessons.models.pages import EnrolmentPolicy
from lessons.reports import admin as reports_admin
from lessons.reports import selectors
from lms import xlsx
from lms.models import Rank, TrainingUnit
from tests.factories import (
    ProfileFactory,
    TrainingUnitFactory,
    UserFactory,
    learner,
    lecturer,
    manager,
)

from .builders import make_course, make_lesson, make_lessons

pytestmark = pytest.mark.django_db

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def report_urls(settings):
    settings.ROOT_URLCONF = "tests.lessons.reports_urls"


def progress_url(course, name="course_progress"):
    return reverse(f"lessons_reports:{name}", args=[course.pk])


def person(family_name, given_name, *, unit=None, rank=None, staff_code=None):
    """A learner with a profile."""
    user = learner()
    fields = {"unit": unit} if unit else {}
    if rank:
        fields["rank"] = rank
    ProfileFactory(
        user=user, family_name=family_name, given_name=given_name, staff_code=staff_code, **fields
    )
    return user


def at(day, month, hour=9, minute=0):
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=HCM)


def set_progress(user, lesson, *, completed=None, last=None, seconds=0):
    LessonProgress.objects.update_or_create(
        user=user,
        lesson=lesson,
        defaults={
            "first_visited_at": last,
            "last_visited_at": last,
            "completed_at": completed,
            "seconds_spent": seconds,
        },
    )


@pytest.fixture
def teacher():
    return lecturer()


@pytest.fixture
def classroom(teacher):
    """A course with three required lessons and an optional one, and four learners.

    Bình is done, An half-way, Ánh has opened a lesson, Anh left the course.
    """
    course = make_course(title="Quản lý nhà nước", lecturers=[teacher])
    lessons = make_lessons(course=course, count=3)
    optional = make_lesson(course=course, title="Đọc thêm", is_required=False)
    hanoi = TrainingUnitFactory(name="Trường Chính trị tỉnh Hà Nam", code="ha-nam")
    hue = TrainingUnitFactory(name="Trường Chính trị tỉnh Thừa Thiên Huế", code="hue")
    senior = Rank.objects.get(code="01.002")  # chuyên viên chính
    people = {
        "binh": person("Trần Thị", "Bình", unit=hanoi, staff_code="CB-003"),
        "an": person("Nguyễn Văn", "An", unit=hanoi, rank=senior, staff_code="CB-001"),
        "anh_acute": person("Lê", "Ánh", unit=hue, staff_code="CB-002"),
        "anh": person("Đỗ Văn", "Anh", unit=hue, staff_code="CB-004"),
    }
    for user in people.values():
        services.enrolment_create(user=user, course=course)
    Enrolment.objects.filter(course=course).update(
        created_at=at(2, 3, 8), decided_at=at(2, 3, 8, 30)
    )
    for lesson in lessons:
        set_progress(people["binh"], lesson, completed=at(5, 3), last=at(5, 3), seconds=1300)
    CourseCompletion.objects.create(user=people["binh"], course=course, completed_at=at(5, 3, 10))
    set_progress(people["an"], lessons[0], completed=at(4, 3), last=at(4, 3), seconds=1800)
    set_progress(people["an"], lessons[1], completed=at(6, 3), last=at(6, 3, 14, 30), seconds=1500)
    set_progress(people["an"], optional, completed=at(6, 3), last=at(6, 3, 10), seconds=600)
    set_progress(people["anh_acute"], lessons[2], last=at(7, 3), seconds=90)
    services.enrolment_remove(user=people["anh"], course=course, by=people["anh"])
    return course, lessons, optional, people


def table_names(html):
    return re.findall(r'<th scope="row" class="title">([^<]+)</th>', html)


# --- The screen --------------------------------------------------------------


def test_report_lists_current_learners_in_vietnamese_order(client, report_urls, teacher, classroom):
    course, *_ = classroom
    client.force_login(teacher)
    response = client.get(progress_url(course))
    assert response.status_code == 200
    html = response.content.decode()
    # Given name first (An < Ánh < Bình), the learner who left is not listed.
    assert table_names(html) == ["Nguyễn Văn An", "Lê Ánh", "Trần Thị Bình"]
    assert "Đỗ Văn Anh" not in html


def test_report_shows_each_learners_numbers(client, report_urls, teacher, classroom):
    course, *_ = classroom
    client.force_login(teacher)
    html = client.get(progress_url(course)).content.decode()
    row = html[html.index("Nguyễn Văn An") : html.index("Lê Ánh")]
    assert "CB-001" in row
    assert "Trường Chính trị tỉnh Hà Nam" in row
    assert "02/03/2026" in row  # enrolled (approved) on
    assert "2/3" in row
    assert 'value="67"' in row and "67%" in row
    assert "1:05" in row  # 30 + 25 + 10 minutes, the optional lesson included
    assert "06/03/2026 14:30" in row  # last activity
    binh = html[html.index("Trần Thị Bình") :]
    assert "3/3" in binh and "100%" in binh and "05/03/2026" in binh


def test_report_summary_counts_the_filtered_learners(client, report_urls, teacher, classroom):
    course, *_ = classroom
    client.force_login(teacher)
    response = client.get(progress_url(course))
    summary = response.context["summary"]
    assert (summary.learners, summary.completed) == (3, 1)
    # (0 + 2 + 3) / 3 required lessons / 3 learners
    assert summary.average_percent == Decimal("55.6")
    assert "55,6%" in response.content.decode()  # decimal comma from the project's formats


def test_learner_without_profile_is_listed_by_username(client, report_urls, teacher, classroom):
    course, *_ = classroom
    anonymous = UserFactory(username="khongcohoso")
    services.enrolment_create(user=anonymous, course=course)
    client.force_login(teacher)
    html = client.get(progress_url(course)).content.decode()
    # People without a profile come after everyone else.
    assert table_names(html)[-1] == "khongcohoso"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "all"}, ["Nguyễn Văn An", "Đỗ Văn Anh", "Lê Ánh", "Trần Thị Bình"]),
        ({"status": "removed"}, ["Đỗ Văn Anh"]),
        ({"status": "active"}, ["Nguyễn Văn An", "Lê Ánh", "Trần Thị Bình"]),
        ({"completion": "completed"}, ["Trần Thị Bình"]),
        ({"completion": "in_progress"}, ["Nguyễn Văn An", "Lê Ánh"]),
        ({"completion": "not_started", "status": "all"}, ["Đỗ Văn Anh"]),
        ({"q": "nguyen van an"}, ["Nguyễn Văn An"]),
        ({"q": "ANH", "status": "all"}, ["Đỗ Văn Anh", "Lê Ánh"]),
        ({"q": "cb-003"}, ["Trần Thị Bình"]),
        ({"q": "003"}, ["Trần Thị Bình"]),
        ({"q": "an"}, ["Nguyễn Văn An", "Lê Ánh"]),  # not Trần
        ({"q": "tran b"}, ["Trần Thị Bình"]),
    ],
)
def test_report_filters(client, report_urls, teacher, classroom, query, expected):
    course, *_ = classroom
    client.force_login(teacher)
    html = client.get(progress_url(course), query).content.decode()
    assert table_names(html) == expected


def test_filter_not_started_and_by_unit(client, report_urls, teacher, classroom):
    course, *_ = classroom
    newcomer = person("Phạm", "Cường", staff_code="CB-005")
    services.enrolment_create(user=newcomer, course=course)
    client.force_login(teacher)
    html = client.get(progress_url(course), {"completion": "not_started"}).content.decode()
    assert table_names(html) == ["Phạm Cường"]
    unit = newcomer.profile.unit
    html = client.get(progress_url(course), {"unit": unit.pk}).content.decode()
    assert table_names(html) == ["Phạm Cường"]
    rank = Rank.objects.get(code="01.003")
    html = client.get(progress_url(course), {"rank": rank.pk}).content.decode()
    assert table_names(html) == ["Lê Ánh", "Trần Thị Bình", "Phạm Cường"]
    senior = Rank.objects.get(code="01.002")
    html = client.get(progress_url(course), {"rank": senior.pk}).content.decode()
    assert table_names(html) == ["Nguyễn Văn An"]


def test_unknown_filter_value_shows_an_error_and_keeps_the_list(
    client, report_urls, teacher, classroom
):
    course, *_ = classroom
    client.force_login(teacher)
    response = client.get(progress_url(course), {"unit": 999999, "status": "bogus"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert len(table_names(response.content.decode())) == 3


def test_report_paginates_by_fifty(client, report_urls, teacher):
    course = make_course(lecturers=[teacher])
    for n in range(51):
        services.enrolment_create(user=person("Nguyễn", f"Học viên {n:02d}"), course=course)
    client.force_login(teacher)
    first = client.get(progress_url(course))
    assert len(first.context["rows"]) == 50
    second = client.get(progress_url(course), {"p": 2})
    rows = second.context["rows"]
    assert [row.number for row in rows] == [51]
    assert second.context["summary"].learners == 51


def test_lessons_matrix_ticks_completed_lessons(client, report_urls, teacher, classroom):
    course, lessons, optional, people = classroom
    client.force_login(teacher)
    response = client.get(progress_url(course, "course_progress_lessons"))
    assert response.status_code == 200
    rows = {row.full_name: row for row in response.context["rows"]}
    assert [cell.state for cell in rows["Nguyễn Văn An"].cells] == [
        "completed",
        "completed",
        "not_started",
        "completed",
    ]
    assert [cell.state for cell in rows["Lê Ánh"].cells] == [
        "not_started",
        "not_started",
        "in_progress",
        "not_started",
    ]
    html = response.content.decode()
    assert lessons[0].title in html and "Đọc thêm" in html


# --- The XLSX export ---------------------------------------------------------


def download(client, course, query=None):
    response = client.get(progress_url(course, "course_progress_export"), query or {})
    assert response.status_code == 200
    return response, load_workbook(io.BytesIO(response.content))


def test_export_has_vietnamese_headers_and_values(client, report_urls, teacher, classroom):
    course, *_ = classroom
    client.force_login(teacher)
    response, workbook = download(client, course)
    assert response["Content-Type"] == xlsx.CONTENT_TYPE
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert re.search(rf'filename="tien-do-{course.slug}-\d{{8}}\.xlsx"', disposition)
    sheet = workbook["Tiến độ học tập"]
    headers = [cell.value for cell in sheet[1]]
    assert headers == [
        "STT",
        "Họ và tên đệm",
        "Tên",
        "Mã cán bộ",
        "Đơn vị",
        "Ngạch",
        "Trạng thái",
        "Ngày ghi danh",
        "Số bài đã hoàn thành",
        "Số bài bắt buộc",
        "Tỷ lệ hoàn thành (%)",
        "Thời gian học (phút)",
        "Lần truy cập cuối",
        "Ngày hoàn thành",
    ]
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert [row[2].value for row in sheet.iter_rows(min_row=2)] == ["An", "Ánh", "Bình"]
    an = [cell.value for cell in sheet[2]]
    assert an[:5] == [1, "Nguyễn Văn", "An", "CB-001", "Trường Chính trị tỉnh Hà Nam"]
    assert an[5] == "Chuyên viên chính (01.002)"
    assert an[6] == "Đã ghi danh"
    assert an[7] == datetime.datetime(2026, 3, 2)
    assert an[8:12] == [2, 3, 66.67, 65]
    assert an[12] == datetime.datetime(2026, 3, 6, 14, 30)
    assert an[13] is None
    assert sheet["H2"].number_format == "dd/mm/yyyy"
    assert sheet["M2"].number_format == "dd/mm/yyyy hh:mm"
    assert sheet["K2"].number_format == "0.00"
    assert sheet["N4"].value == datetime.datetime(2026, 3, 5)


def test_export_follows_the_filters_and_has_a_sheet_by_lesson(
    client, report_urls, teacher, classroom
):
    course, lessons, optional, people = classroom
    client.force_login(teacher)
    _response, workbook = download(client, course, {"status": "all", "q": "anh"})
    sheet = workbook["Tiến độ học tập"]
    assert [row[2].value for row in sheet.iter_rows(min_row=2)] == ["Anh", "Ánh"]
    assert sheet["G2"].value == "Đã rời khóa học"
    by_lesson = workbook["Theo bài học"]
    headers = [cell.value for cell in by_lesson[1]]
    assert headers[:4] == ["STT", "Họ và tên đệm", "Tên", "Mã cán bộ"]
    assert headers[4] == f"1. {lessons[0].title} (bắt buộc)"
    assert headers[-1] == "4. Đọc thêm"
    assert [cell.value for cell in by_lesson[3]][4:] == [None, None, "Đang học", None]


def test_export_of_an_empty_course_has_only_headers(client, report_urls, teacher):
    course = make_course(lecturers=[teacher])
    client.force_login(teacher)
    _response, workbook = download(client, course)
    assert workbook.sheetnames == ["Tiến độ học tập"]
    assert workbook.active.max_row == 1


# --- Who may see it ----------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["course_progress", "course_progress_lessons", "course_progress_export"]
)
def test_lecturer_of_another_course_is_refused(client, report_urls, classroom, name):
    course, *_ = classroom
    make_course(title="Khóa khác", lecturers=[other := lecturer()])
    client.force_login(other)
    response = client.get(progress_url(course, name))
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize("name", ["course_progress", "course_progress_export"])
def test_learners_and_visitors_are_sent_to_log_in(client, report_urls, classroom, name):
    course, _lessons, _optional, people = classroom
    response = client.get(progress_url(course, name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    client.force_login(people["an"])
    response = client.get(progress_url(course, name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize(
    "name", ["course_progress", "course_progress_lessons", "course_progress_export"]
)
def test_managers_and_superusers_may_see_every_course(client, report_urls, classroom, name):
    course, *_ = classroom
    client.force_login(manager())
    assert client.get(progress_url(course, name)).status_code == 200
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(progress_url(course, name)).status_code == 200


def test_a_unit_manager_sees_only_their_units_learners(client, report_urls, teacher, classroom):
    course, *_ = classroom
    boss = manager()
    ProfileFactory(user=boss, unit=TrainingUnit.objects.get(code="hue"))
    client.force_login(boss)

    response = client.get(progress_url(course))

    assert table_names(response.content.decode()) == ["Lê Ánh"]
    client.force_login(teacher)  # the course's lecturer sees every learner
    assert len(table_names(client.get(progress_url(course)).content.decode())) == 3


def test_unknown_course_is_not_found(client, report_urls):
    client.force_login(manager())
    url = reverse("lessons_reports:course_progress", args=[999999])
    assert client.get(url).status_code == 404
    lesson = make_lesson(course=make_course())
    assert client.get(progress_url(lesson)).status_code == 404


def test_report_access_rule(classroom, teacher):
    course, _lessons, _optional, people = classroom
    other = lecturer()
    make_course(lecturers=[other])
    assert selectors.course_report_access(user=teacher, course=course)
    assert selectors.course_report_access(user=manager(), course=course)
    assert not selectors.course_report_access(user=other, course=course)
    assert not selectors.course_report_access(user=people["an"], course=course)


# --- Admin buttons -----------------------------------------------------------


def test_progress_button_shows_on_courses_for_their_readers(report_urls, classroom, teacher):
    course, lessons, *_ = classroom
    other = lecturer()
    [button] = reports_admin.page_header_buttons(page=course, user=teacher, view_name="edit")
    assert button.is_shown(teacher)
    assert button.url == progress_url(course)
    assert not button.is_shown(other)
    assert button.is_shown(manager())
    [item] = reports_admin.page_listing_more_buttons(page=lessons[0], user=manager())
    assert not item.is_shown(manager())


def test_listing_buttons_cost_no_query_per_course(
    report_urls, teacher, django_assert_max_num_queries
):
    courses = [make_course(lecturers=[teacher]) for _ in range(3)]
    courses.append(make_course())

    def shown(course):
        [item] = reports_admin.page_listing_more_buttons(page=course, user=teacher)
        return item.is_shown(teacher)

    assert shown(courses[0])  # loads the lecturer's permissions and courses
    with django_assert_max_num_queries(0):
        assert [shown(course) for course in courses[1:]] == [True, True, False]


# --- Query counts --------------------------------------------------------------


def grow(course, *, learners, lessons):
    """Add learners and lessons to ``course``, each learner having done every lesson."""
    new_lessons = make_lessons(course=course, count=lessons)
    unit = TrainingUnitFactory()
    users = [person("Nguyễn Thị", f"Mai {n}", unit=unit) for n in range(learners)]
    for user in users:
        services.enrolment_create(user=user, course=course)
    users = [enrolment.user for enrolment in Enrolment.objects.filter(course=course)]
    done = set(LessonProgress.objects.values_list("user_id", "lesson_id"))
    LessonProgress.objects.bulk_create(
        LessonProgress(
            user=user,
            lesson_id=lesson.pk,
            first_visited_at=at(1, 4),
            last_visited_at=at(1, 4),
            completed_at=at(1, 4),
            seconds_spent=60,
        )
        for user in users
        for lesson in selectors.course_report_lessons(course=course)
        if (user.pk, lesson.pk) not in done
    )
    return new_lessons


def count_queries(client, url, query=None):
    client.get(url, query or {})  # warm caches (site, settings, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query or {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("course_progress", {}),
        ("course_progress", {"q": "mai", "completion": "in_progress", "status": "all"}),
        ("course_progress_lessons", {}),
        ("course_progress_export", {}),
    ],
)
def test_query_count_does_not_grow_with_learners_and_lessons(
    client, report_urls, teacher, django_assert_max_num_queries, name, query
):
    course = make_course(lecturers=[teacher])
    grow(course, learners=5, lessons=5)
    client.force_login(teacher)
    url = progress_url(course, name)
    small = count_queries(client, url, query)
    grow(course, learners=45, lessons=45)
    client.get(url, query)
    with django_assert_max_num_queries(small):
        response = client.get(url, query)
    assert response.status_code == 200
    if name != "course_progress_export":
        assert len(response.context["rows"]) == 50
        assert len(response.context["lessons"]) == 50


# --- The generic XLSX writer ---------------------------------------------------


def test_xlsx_writer_never_writes_formulas_and_cleans_text():
    columns = [xlsx.Column("Tên"), xlsx.Column("Điểm", kind=xlsx.DECIMAL)]
    data = xlsx.workbook_bytes(
        sheets=[
            xlsx.Sheet(
                title="Kết quả: lớp 1/2026",
                columns=columns,
                rows=[['=HYPERLINK("http://x")', Decimal("7.5")], ["Nguyễn\x07 An", None]],
            )
        ]
    )
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.active
    assert sheet.title == "Kết quả lớp 1 2026"
    assert sheet["A2"].value == '=HYPERLINK("http://x")'
    assert sheet["A2"].data_type == "s"
    assert sheet["A3"].value == "Nguyễn An"
    assert sheet["B2"].value == 7.5 and sheet["B2"].number_format == "0.00"
    assert sheet.auto_filter.ref == "A1:B3"


def test_xlsx_filename_is_ascii_even_for_a_vietnamese_slug(teacher):
    from lessons.reports.xlsx import progress_filename

    course = make_course(lecturers=[teacher])
    course.slug = "quản-lý-nhà-nước"
    name = progress_filename(course=course, on=datetime.date(2026, 12, 25))
    assert name == "tien-do-quan-ly-nha-nuoc-20261225.xlsx"


def test_approval_course_lists_waiting_requests(client, report_urls, teacher):
    course = make_course(policy=EnrolmentPolicy.APPROVAL, lecturers=[teacher])
    services.enrolment_create(user=person("Hoàng", "Dũng"), course=course)
    client.force_login(teacher)
    response = client.get(progress_url(course))
    [row] = response.context["rows"]
    assert row.enrolment.status == EnrolmentStatus.PENDING
    assert table_names(response.content.decode()) == ["Hoàng Dũng"]


def test_buttons_appear_in_the_page_explorer_and_editor(client, report_urls, teacher, classroom):
    """The functions have the signatures Wagtail's page button hooks call them with."""
    from wagtail import hooks

    course, lessons, *_ = classroom
    url = progress_url(course)
    client.force_login(teacher)
    with (
        hooks.register_temporarily(
            "register_page_header_buttons", reports_admin.page_header_buttons
        ),
        hooks.register_temporarily(
            "register_page_listing_more_buttons", reports_admin.page_listing_more_buttons
        ),
    ):
        explorer = client.get(reverse("wagtailadmin_explore", args=[course.get_parent().pk]))
        editor = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))
        lesson_editor = client.get(reverse("wagtailadmin_pages:edit", args=[lessons[0].pk]))
    assert f'href="{url}"' in explorer.content.decode()
    assert f'href="{url}"' in editor.content.decode()
    assert "/progress/" not in lesson_editor.content.decode()
