"""The certificate register of one unit and one year as an XLSX workbook.

The same lines and columns as the printable register, for the reports a unit
sends to its governing body; headers in Vietnamese whatever the admin's
language, dates dd/mm/yyyy (``lms.xlsx``).
"""

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lms.text import fold
from lms.xlsx import DATE, DECIMAL, INTEGER, Column, Sheet, xlsx_response


def _columns():
    return [
        Column(_("No."), kind=INTEGER),
        Column(_("Register number")),
        Column(_("Serial number")),
        Column(_("Full name")),
        Column(_("Date of birth"), kind=DATE),
        Column(_("Training program")),
        Column(_("Cohort code")),
        Column(_("Result"), kind=DECIMAL),
        Column(_("Classification")),
        Column(_("Issue date"), kind=DATE),
        Column(_("Notes")),
    ]


def _row(number, certificate):
    return [
        number,
        certificate.register_label,
        certificate.serial,
        certificate.full_name,
        certificate.date_of_birth,
        certificate.program_title,
        certificate.cohort_code,
        certificate.grade,
        certificate.classification,
        certificate.issue_date,
        certificate.register_note,
    ]


def register_response(*, unit, year, lines):
    """The download of the register of ``unit`` for ``year`` (``lines`` in register order)."""
    with translation.override("vi"):
        sheet = Sheet(
            title=str(year),
            columns=_columns(),
            rows=[_row(number, line) for number, line in enumerate(lines, start=1)],
        )
        return xlsx_response(
            filename=f"so-cap-chung-chi-{slugify(fold(unit.code or unit.name))}-{year}.xlsx",
            sheets=[sheet],
            title=_("Certificate register of %(unit)s, %(year)s")
            % {"unit": unit.name, "year": year},
        )
