"""Read a list of staff codes from an uploaded CSV or XLSX file.

Only the reading lives here: what the codes mean (who they are, whether they
are enrolled) is decided by ``lessons.manage.services.enrol_from_codes``.
A file that cannot be read raises ``ValidationError`` with a message for the
manager, before anything is looked up or changed.
"""

import csv
import datetime
import io
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.text import fold

MAX_FILE_SIZE = 2 * 1024 * 1024
MAX_ROWS = 5000
# Rows read from a workbook, empty ones included, before giving up: a sheet
# can hold millions of formatted but empty rows in a small file.
MAX_SCANNED_ROWS = 4 * MAX_ROWS
# What an XLSX file may unpack to (its XML is much larger than the zipped file).
MAX_UNPACKED_SIZE = 50 * 1024 * 1024
# Columns looked at in a row: the staff code column is among the first ones.
MAX_COLUMNS = 50
# Column headings naming the staff code, folded (see ``lms.text.fold``).
CODE_HEADERS = {"ma can bo", "staff code", "ma cb", "ma so can bo"}
# The header of the template file, in the order of its columns. Data, not UI text.
TEMPLATE_HEADERS = ("Mã cán bộ", "Họ và tên", "Đơn vị", "Ghi chú")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Characters spreadsheets leave around values: no-break and zero-width spaces, BOM.
_INVISIBLE = "\u00a0\u2007\u202f\u200b\u200c\u200d\u2060\ufeff"


@dataclass(frozen=True)
class CodeRow:
    """One data row of the file: its number as a spreadsheet shows it, and the code."""

    number: int
    code: str


@dataclass(frozen=True)
class CodeList:
    rows: list[CodeRow]
    # The heading of the staff code column, or "" when the file has no header row.
    header: str


def clean_code(value):
    """A cell's value as a staff code: text in NFC without surrounding blanks."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        value = value.isoformat()
    text = unicodedata.normalize("NFC", str(value))
    return text.strip(" \t\r\n" + _INVISIBLE)


def code_key(code):
    """The form in which two staff codes are compared: letter case does not matter."""
    return code.upper()


def _is_code_header(value):
    return " ".join(fold(clean_code(value)).replace("_", " ").split()) in CODE_HEADERS


def read_staff_codes(file):
    """Read the staff codes of an uploaded CSV or XLSX file.

    The code column is the one headed "Mã cán bộ" (or "staff_code"); without
    such a heading the first column holds the codes and every row is data.
    Trailing empty rows are dropped; empty rows in between are kept, with an
    empty code, so the report can show them. Row numbers are those a
    spreadsheet shows (the first line of the file is row 1).
    """
    name = PurePath(file.name or "").name
    suffix = PurePath(name.lower()).suffix
    if suffix not in (".csv", ".xlsx"):
        if suffix in (".xls", ".ods"):
            raise ValidationError(
                _("“%(name)s” is an old or non-Excel spreadsheet. Save it as .xlsx or .csv.")
                % {"name": name}
            )
        raise ValidationError(
            _("“%(name)s” is not a CSV or XLSX file. Upload a .csv or .xlsx file.") % {"name": name}
        )
    if file.size is not None and file.size > MAX_FILE_SIZE:
        raise ValidationError(
            _("The file is too large (%(size)s MB). The limit is %(limit)s MB.")
            % {"size": f"{file.size / 1024 / 1024:.1f}", "limit": MAX_FILE_SIZE // 1024 // 1024}
        )
    file.seek(0)
    data = file.read(MAX_FILE_SIZE + 1)
    if len(data) > MAX_FILE_SIZE:
        raise ValidationError(
            _("The file is too large. The limit is %(limit)s MB.")
            % {"limit": MAX_FILE_SIZE // 1024 // 1024}
        )
    if not data.strip():
        raise ValidationError(_("The file is empty."))
    table = _read_xlsx(data) if suffix == ".xlsx" else _read_csv(data)
    return _code_list(table)


def _decode(data):
    # Excel's "Unicode text" is UTF-16 with a byte order mark.
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise ValidationError(
            _(
                "The file is not UTF-8 text. In Excel choose “Save as” and the type "
                "“CSV UTF-8”, or upload the .xlsx workbook."
            )
        ) from None
    if "\x00" in text:
        raise ValidationError(_("The file holds binary data; it is not a CSV file."))
    return text


def _delimiter(text):
    """Comma, semicolon (Excel in Vietnamese and European locales) or tab."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: first_line.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _read_csv(data):
    text = _decode(data)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        rows = []
        for row in reader:
            rows.append([clean_code(cell) for cell in row[:MAX_COLUMNS]])
            if len(rows) > MAX_SCANNED_ROWS:
                break
    except csv.Error as error:
        raise ValidationError(
            _("The CSV file could not be read (line %(line)s): %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from None
    return rows


def _read_xlsx(data):
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValidationError(_("The file is not an Excel workbook (.xlsx)."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ValidationError(_("The file is not an Excel workbook (.xlsx).")) from None
    if unpacked > MAX_UNPACKED_SIZE:
        # A small file that unpacks to a huge one: a mistake or a "zip bomb".
        raise ValidationError(
            _("The Excel workbook holds too much data. Keep only the list of staff codes.")
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on damaged files
        raise ValidationError(
            _("The Excel workbook could not be read. Open it in Excel and save it again.")
        ) from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise ValidationError(_("The Excel workbook has no worksheet."))
        rows = []
        for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            rows.append([clean_code(cell) for cell in row])
            if len(rows) > MAX_SCANNED_ROWS:
                break
    except ValidationError:
        raise
    except Exception:
        raise ValidationError(
            _("The Excel workbook could not be read. Open it in Excel and save it again.")
        ) from None
    finally:
        workbook.close()
    return rows


def _too_many_rows():
    return ValidationError(
        ngettext(
            "The file has more than %(limit)s row. Split it into smaller files.",
            "The file has more than %(limit)s rows. Split it into smaller files.",
            MAX_ROWS,
        )
        % {"limit": MAX_ROWS}
    )


def _code_list(table):
    if len(table) > MAX_SCANNED_ROWS:
        raise _too_many_rows()
    while table and not any(table[-1]):
        table.pop()
    if not table:
        raise ValidationError(_("The file is empty."))
    header, column, first = "", 0, 0
    for index, value in enumerate(table[0]):
        if _is_code_header(value):
            header, column, first = value, index, 1
            break
    rows = [
        CodeRow(number=number, code=row[column] if column < len(row) else "")
        for number, row in enumerate(table[first:], start=first + 1)
    ]
    while rows and not rows[-1].code:
        rows.pop()
    if not rows:
        raise ValidationError(_("The file has no staff codes."))
    if len(rows) > MAX_ROWS:
        raise _too_many_rows()
    return CodeList(rows=rows, header=header)


def template_workbook():
    """The XLSX file managers fill in: the Vietnamese header, codes kept as text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách ghi danh"
    sheet.append(TEMPLATE_HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    # Staff codes are text: a code such as 012345 must keep its leading zero.
    sheet.column_dimensions["A"].number_format = "@"
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 32
    sheet.column_dimensions["C"].width = 40
    sheet.column_dimensions["D"].width = 30
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
