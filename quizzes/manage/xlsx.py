"""A quiz's results as an XLSX workbook (headers are Vietnamese data, see ``lms.xlsx``)."""

from django.utils import timezone, translation
from django.utils.text import slugify

from lms.text import fold
from lms.xlsx import DATETIME, DECIMAL, INTEGER, Column, Sheet, xlsx_response

RESULT_COLUMNS = [
    Column("STT", kind=INTEGER),
    Column("Họ và tên đệm"),
    Column("Tên"),
    Column("Mã cán bộ"),
    Column("Đơn vị"),
    Column("Số lượt làm bài", kind=INTEGER),
    Column("Số lượt đã nộp", kind=INTEGER),
    Column("Điểm cao nhất", kind=DECIMAL),
    Column("Điểm", kind=DECIMAL),
    Column("Kết quả"),
    Column("Xếp loại"),
    Column("Chờ chấm"),
    Column("Nộp bài lần cuối", kind=DATETIME),
]
ATTEMPT_COLUMNS = [
    Column("STT", kind=INTEGER),
    Column("Họ và tên đệm"),
    Column("Tên"),
    Column("Mã cán bộ"),
    Column("Lượt", kind=INTEGER),
    Column("Trạng thái"),
    Column("Bắt đầu", kind=DATETIME),
    Column("Nộp bài", kind=DATETIME),
    Column("Điểm thô", kind=DECIMAL),
    Column("Điểm tối đa", kind=DECIMAL),
    Column("Điểm (thang 10)", kind=DECIMAL),
    Column("Chờ chấm"),
]
PASSED = "Đạt"
FAILED = "Không đạt"
YES = "Có"


def result_row(row):
    """The values of one ResultRow in the order of RESULT_COLUMNS."""
    result = "" if row.passed is None else PASSED if row.passed else FAILED
    return [
        row.number,
        row.family_name,
        row.given_name,
        row.staff_code,
        row.unit.name if row.unit else "",
        row.attempt_count,
        row.finished_count,
        row.best_grade,
        row.grade,
        result,
        str(row.classification),
        YES if row.waiting else "",
        row.last_finished_at,
    ]


def attempt_rows(rows):
    """One line per attempt of the learners of ``rows``."""
    lines = []
    for row in rows:
        for attempt in row.attempts:
            lines.append(
                [
                    len(lines) + 1,
                    row.family_name,
                    row.given_name,
                    row.staff_code,
                    attempt.number,
                    str(attempt.get_state_display()),
                    attempt.started_at,
                    attempt.finished_at,
                    attempt.marks,
                    attempt.max_marks,
                    attempt.grade,
                    YES if attempt.needs_grading else "",
                ]
            )
    return lines


def results_filename(*, quiz, on=None):
    """ket-qua-<quiz slug in ASCII>-<yyyymmdd>.xlsx"""
    on = on or timezone.localdate()
    slug = slugify(fold(quiz.slug)) or f"bai-kiem-tra-{quiz.pk}"
    return f"ket-qua-{slug}-{on:%Y%m%d}.xlsx"


def results_sheets(*, rows):
    # The file is a Vietnamese document whatever the language of the admin.
    with translation.override("vi"):
        results = [result_row(row) for row in rows]
        attempts = attempt_rows(rows)
    return [
        Sheet(title="Kết quả", columns=RESULT_COLUMNS, rows=results),
        Sheet(title="Các lượt làm bài", columns=ATTEMPT_COLUMNS, rows=attempts),
    ]


def results_response(*, quiz, rows):
    """The results as a download named ``ket-qua-<slug>-<yyyymmdd>.xlsx``."""
    return xlsx_response(
        filename=results_filename(quiz=quiz),
        sheets=results_sheets(rows=rows),
        title=f"Kết quả – {quiz.title}",
    )
