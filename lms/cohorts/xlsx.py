"""A cohort's members with their results as an XLSX workbook (``lms.xlsx``).

Headers are rendered in Vietnamese whatever the admin's language: the file is
a Vietnamese document (the class list handed to the unit's leaders).
"""

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lms.selectors.cohorts import cohort_overview
from lms.text import fold
from lms.xlsx import DATE, DECIMAL, INTEGER, Column, Sheet, xlsx_response


def _columns():
    return [
        Column(_("No."), kind=INTEGER),
        Column(_("Full name")),
        Column(_("Date of birth"), kind=DATE),
        Column(_("Staff code")),
        Column(_("Agency")),
        Column(_("Attendance (%)"), kind=DECIMAL),
        Column(_("Courses completed")),
        Column(_("Result"), kind=DECIMAL),
        Column(_("Classification")),
        Column(_("Eligible for a certificate")),
        Column(_("Why not")),
    ]


def _row(number, row):
    profile, result = row.profile, row.result
    return [
        number,
        profile.full_name if profile else row.user.get_username(),
        profile.date_of_birth if profile else None,
        profile.staff_code if profile else "",
        profile.agency if profile else "",
        result.attendance.percent,
        f"{result.courses_completed}/{len(result.courses)}",
        result.grade,
        str(result.classification),
        _("Yes") if result.passed else _("No"),
        "\n".join(str(reason) for reason in result.reasons),
    ]


def cohort_results_response(*, cohort):
    """The download of the cohort page's table: members, attendance, results, eligibility."""
    with translation.override("vi"):
        # Inside the override: the reasons are worded when the results are drawn.
        rows = cohort_overview(cohort=cohort)
        sheet = Sheet(
            title=cohort.code,
            columns=_columns(),
            rows=[_row(number, row) for number, row in enumerate(rows, start=1)],
        )
        return xlsx_response(
            filename=f"ket-qua-{slugify(fold(cohort.code))}.xlsx",
            sheets=[sheet],
            title=_("Results of cohort %(code)s") % {"code": cohort.code},
        )
