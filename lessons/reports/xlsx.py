"""The course progress report as an XLSX workbook (headers are Vietnamese data)."""

from django.utils import timezone, translation
from django.utils.text import slugify

from lms.text import fold
from lms.xlsx import DATE, DATETIME, DECIMAL, INTEGER, Column, Sheet, xlsx_response

PROGRESS_COLUMNS = [
    Column("STT", kind=INTEGER),
    Column("Họ và tên đệm"),
    Column("Tên"),
    Column("Mã cán bộ"),
    Column("Đơn vị"),
    Column("Ngạch"),
    Column("Trạng thái"),
    Column("Ngày ghi danh", kind=DATE),
    Column("Số bài đã hoàn thành", kind=INTEGER),
    Column("Số bài bắt buộc", kind=INTEGER),
    Column("Tỷ lệ hoàn thành (%)", kind=DECIMAL),
    Column("Thời gian học (phút)", kind=INTEGER),
    Column("Lần truy cập cuối", kind=DATETIME),
    Column("Ngày hoàn thành", kind=DATE),
]
LESSON_NAME_COLUMNS = [
    Column("STT", kind=INTEGER),
    Column("Họ và tên đệm"),
    Column("Tên"),
    Column("Mã cán bộ"),
]
# In the sheet by lesson, a lesson opened but not finished.
STUDYING = "Đang học"
REQUIRED_MARK = " (bắt buộc)"


def _rank_label(rank):
    return f"{rank.name} ({rank.code})" if rank else ""


def progress_row(row):
    """The values of one LearnerRow in the order of PROGRESS_COLUMNS."""
    return [
        row.number,
        row.family_name,
        row.given_name,
        row.staff_code,
        row.unit.name if row.unit else "",
        _rank_label(row.rank),
        str(row.status_label),
        row.enrolled_at,
        row.required_completed,
        row.required_total,
        row.percent_exact,
        row.minutes_spent,
        row.last_activity,
        row.completed_at,
    ]


def lesson_columns(lessons):
    """One column per lesson: its completion date, "Đang học", or empty."""
    return [
        *LESSON_NAME_COLUMNS,
        *(
            Column(
                f"{index}. {lesson.title}{REQUIRED_MARK if lesson.is_required else ''}",
                kind=DATE,
                width=18,
            )
            for index, lesson in enumerate(lessons, start=1)
        ),
    ]


def lesson_row(row):
    cells = [
        cell.completed_at or (STUDYING if cell.last_visited_at else None) for cell in row.cells
    ]
    return [row.number, row.family_name, row.given_name, row.staff_code, *cells]


def progress_filename(*, course, on=None):
    """tien-do-<course slug in ASCII>-<yyyymmdd>.xlsx"""
    on = on or timezone.localdate()
    slug = slugify(fold(course.slug)) or f"khoa-hoc-{course.pk}"
    return f"tien-do-{slug}-{on:%Y%m%d}.xlsx"


def course_progress_sheets(*, rows, lessons):
    """The sheet by learner and, when the course has lessons, the sheet by lesson."""
    # The file is a Vietnamese document whatever the language of the admin.
    with translation.override("vi"):
        progress = [progress_row(row) for row in rows]
    sheets = [Sheet(title="Tiến độ học tập", columns=PROGRESS_COLUMNS, rows=progress)]
    if lessons:
        by_lesson = [lesson_row(row) for row in rows]
        sheets.append(Sheet(title="Theo bài học", columns=lesson_columns(lessons), rows=by_lesson))
    return sheets


def course_progress_response(*, course, rows, lessons):
    """The report as a download named ``tien-do-<slug>-<yyyymmdd>.xlsx``."""
    return xlsx_response(
        filename=progress_filename(course=course),
        sheets=course_progress_sheets(rows=rows, lessons=lessons),
        title=f"Tiến độ học tập – {course.title}",
    )
