"""The reports as XLSX workbooks, written with ``lms.xlsx``.

Headers are translatable English msgids rendered in Vietnamese whatever the
language of the admin: the files are Vietnamese documents. Dates are real
Excel dates shown dd/mm/yyyy; grades and rates decimals with two places.
"""

from django.template.defaultfilters import floatformat
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lms.text import fold
from lms.xlsx import DATE, DECIMAL, INTEGER, Column, Sheet, xlsx_response

# The dashboard's tables, by the name ``?table=`` takes.
TABLES = ("summary", "months", "programs", "exams")


def _summary_sheet(dashboard):
    scope = dashboard.scope
    columns = [
        Column(_("From"), kind=DATE),
        Column(_("To"), kind=DATE),
        Column(_("Learners"), kind=INTEGER),
        Column(_("Active enrolments"), kind=INTEGER),
        Column(_("Course completions"), kind=INTEGER),
        Column(_("Completion rate (%)"), kind=DECIMAL),
        Column(_("Required exams graded"), kind=INTEGER),
        Column(_("Required exams passed"), kind=INTEGER),
        Column(_("Exam pass rate (%)"), kind=DECIMAL),
        Column(_("Certificates issued (valid)"), kind=INTEGER),
        Column(_("Certificates revoked"), kind=INTEGER),
    ]
    row = [
        scope.date_from,
        scope.date_to,
        dashboard.learners,
        dashboard.enrolments,
        dashboard.completions,
        dashboard.completion_rate,
        dashboard.exams_graded,
        dashboard.exams_passed,
        dashboard.exam_pass_rate,
        dashboard.certificates_valid,
        dashboard.certificates_revoked,
    ]
    return Sheet(title=_("Key numbers"), columns=columns, rows=[row])


def _months_sheet(dashboard):
    columns = [
        Column(_("Month")),
        Column(_("Certificates issued (valid)"), kind=INTEGER),
        Column(_("Certificates revoked"), kind=INTEGER),
        Column(_("Total issued"), kind=INTEGER),
    ]
    rows = [[f"{row.month:%m/%Y}", row.valid, row.revoked, row.issued] for row in dashboard.months]
    return Sheet(title=_("Certificates by month"), columns=columns, rows=rows)


def _programs_sheet(dashboard):
    columns = [
        Column(_("No."), kind=INTEGER),
        Column(_("Training program")),
        Column(_("Active enrolments"), kind=INTEGER),
        Column(_("Course completions"), kind=INTEGER),
        Column(_("Completion rate (%)"), kind=DECIMAL),
    ]
    rows = [
        [number, row.program, row.total, row.count, row.rate]
        for number, row in enumerate(dashboard.programs, start=1)
    ]
    return Sheet(title=_("Completion by program"), columns=columns, rows=rows)


def _exams_sheet(dashboard):
    columns = [
        Column(_("No."), kind=INTEGER),
        Column(_("Training program")),
        Column(_("Course")),
        Column(_("Required exams graded"), kind=INTEGER),
        Column(_("Required exams passed"), kind=INTEGER),
        Column(_("Exam pass rate (%)"), kind=DECIMAL),
    ]
    rows = [
        [number, row.program, row.course, row.total, row.count, row.rate]
        for number, row in enumerate(dashboard.exams, start=1)
    ]
    return Sheet(title=_("Exam pass rate by course"), columns=columns, rows=rows)


_SHEETS = {
    "summary": _summary_sheet,
    "months": _months_sheet,
    "programs": _programs_sheet,
    "exams": _exams_sheet,
}


def dashboard_response(*, dashboard, table=None):
    """The dashboard's tables (or only ``table``, one of TABLES) as ``bao-cao-<yyyymmdd>.xlsx``."""
    names = [table] if table in _SHEETS else list(TABLES)
    with translation.override("vi"):
        sheets = [_SHEETS[name](dashboard) for name in names]
        title = _("Training report")
    return xlsx_response(
        filename=f"bao-cao-{timezone.localdate():%Y%m%d}.xlsx", sheets=sheets, title=title
    )


def _weight(value):
    """2 for 2.00, 1,5 for 1.50, 10 for 10.00 (decimal comma in Vietnamese)."""
    return floatformat(value, "-2")


def gradebook_columns(gradebook):
    """The gradebook's columns: the learner, one per quiz (with its weight), the course grade."""
    return [
        Column(_("No."), kind=INTEGER),
        Column(_("Family and middle names")),
        Column(_("Given name")),
        Column(_("Staff code")),
        Column(_("Training unit")),
        *(
            Column(
                _("%(quiz)s (weight %(weight)s)")
                % {"quiz": column.quiz.title, "weight": _weight(column.weight)},
                kind=DECIMAL,
                width=18,
            )
            for column in gradebook.columns
        ),
        Column(_("Course grade"), kind=DECIMAL),
        Column(_("Result")),
        Column(_("Completion date"), kind=DATE),
    ]


def _cell_value(cell):
    if cell.grade is not None:
        return cell.grade
    return _("Needs grading") if cell.waiting else None


def _result(row):
    if row.passed is None:
        return _("Incomplete") if row.missing else ""
    return _("Pass") if row.passed else _("Fail")


def gradebook_row(row):
    return [
        row.number,
        row.family_name,
        row.given_name,
        row.staff_code,
        row.unit.name if row.unit else "",
        *(_cell_value(cell) for cell in row.cells),
        row.grade,
        _result(row),
        row.completed_at,
    ]


def gradebook_response(*, gradebook):
    """The gradebook as ``so-diem-<course slug>-<yyyymmdd>.xlsx``."""
    course = gradebook.course
    slug = slugify(fold(course.slug)) or f"khoa-hoc-{course.pk}"
    with translation.override("vi"):
        sheet = Sheet(
            title=_("Gradebook"),
            columns=gradebook_columns(gradebook),
            rows=[gradebook_row(row) for row in gradebook.rows],
        )
        title = f"{_('Gradebook')} – {course.title}"
    return xlsx_response(
        filename=f"so-diem-{slug}-{timezone.localdate():%Y%m%d}.xlsx", sheets=[sheet], title=title
    )
