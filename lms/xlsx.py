"""Spreadsheet exports (XLSX) that Vietnamese offices can open and file as they are.

Every report of the platform (learning progress, gradebooks, the certificate
register, …) builds its workbook here, so all exports look alike: a bold,
frozen header row with an autofilter, readable column widths, dates as real
Excel dates shown dd/mm/yyyy, decimals with two places (Excel shows the decimal
comma on a Vietnamese computer).

Column headers are data, not interface text: reports give them in Vietnamese.

    columns = [Column("STT", kind=INTEGER), Column("Họ và tên"), Column("Ngày", kind=DATE)]
    return xlsx_response(
        filename="bao-cao-20261225.xlsx",
        sheets=[Sheet(title="Báo cáo", columns=columns, rows=rows)],
    )
"""

import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

TEXT = "text"
INTEGER = "integer"
DECIMAL = "decimal"
DATE = "date"
DATETIME = "datetime"

NUMBER_FORMATS = {
    TEXT: "@",
    INTEGER: "0",
    DECIMAL: "0.00",
    DATE: "dd/mm/yyyy",
    DATETIME: "dd/mm/yyyy hh:mm",
}
# Width (in characters) a value of each kind needs once formatted.
_KIND_WIDTHS = {INTEGER: 6, DECIMAL: 8, DATE: 11, DATETIME: 17}
MIN_WIDTH = 6
MAX_WIDTH = 60
# Widths are measured on the first rows only; enough to see what a column holds.
_ROWS_MEASURED = 1000
# Excel's limit on a sheet name, and the characters it refuses in one.
_SHEET_TITLE_LENGTH = 31
_SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its (Vietnamese) header and how its values are written.

    ``kind`` is one of TEXT, INTEGER, DECIMAL, DATE, DATETIME; ``width`` (in
    characters) is measured from the header and the values when not given.
    """

    header: str
    kind: str = TEXT
    width: int | None = None

    def __post_init__(self):
        if self.kind not in NUMBER_FORMATS:
            raise ValueError(f"Unknown column kind: {self.kind!r}")


@dataclass
class Sheet:
    """A worksheet: a title, its columns and its rows (sequences of values, one per column)."""

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence] = field(default_factory=list)


def _local_naive(value):
    """Excel has no time zones: write aware datetimes in the site's local time."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


def excel_value(value, kind):
    """``value`` converted to what an Excel cell of ``kind`` holds (None stays empty)."""
    if value is None or value == "":
        return None
    if kind == DATE:
        if isinstance(value, datetime.datetime):
            return _local_naive(value).date()
        return value
    if kind == DATETIME:
        if isinstance(value, datetime.datetime):
            return _local_naive(value)
        return value
    if kind == INTEGER:
        return int(value) if isinstance(value, (int, float, Decimal)) else value
    if kind == DECIMAL:
        if isinstance(value, (int, float, Decimal)):
            return Decimal(value).quantize(Decimal("0.01"))
        return value
    # Text: control characters make the file unreadable; drop them.
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _display_length(value, kind):
    if value is None:
        return 0
    if kind in _KIND_WIDTHS and not isinstance(value, str):
        return _KIND_WIDTHS[kind]
    return max((len(line) for line in str(value).splitlines()), default=0)


def column_widths(columns, rows):
    """The width of each column: the longest of its header and its values, within limits."""
    widths = []
    for index, column in enumerate(columns):
        if column.width:
            widths.append(column.width)
            continue
        longest = max(len(line) for line in column.header.splitlines() or [""])
        for row in rows[:_ROWS_MEASURED]:
            longest = max(longest, _display_length(row[index], column.kind))
        widths.append(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2)))
    return widths


def sheet_title(title):
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    cleaned = " ".join(str(title).translate(_SHEET_TITLE_FORBIDDEN).split())
    return cleaned[:_SHEET_TITLE_LENGTH].strip() or "Sheet"


def _cell(ws, value, kind, *, font=None, alignment=None):
    cell = WriteOnlyCell(ws, value=value)
    if value is not None:
        cell.number_format = NUMBER_FORMATS[kind]
        if kind == TEXT:
            # Never a formula, whatever the text starts with ("=", "+", …).
            cell.data_type = "s"
    if font:
        cell.font = font
    if alignment:
        cell.alignment = alignment
    return cell


def _write_sheet(workbook, sheet):
    ws = workbook.create_sheet(title=sheet_title(sheet.title))
    columns = list(sheet.columns)
    rows = [
        [excel_value(value, column.kind) for value, column in zip(row, columns, strict=True)]
        for row in sheet.rows
    ]
    for index, width in enumerate(column_widths(columns, rows), start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    last_column = get_column_letter(max(len(columns), 1))
    ws.auto_filter.ref = f"A1:{last_column}{len(rows) + 1}"
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    ws.append([_cell(ws, column.header, TEXT, font=bold, alignment=wrap) for column in columns])
    for row in rows:
        ws.append(
            [_cell(ws, value, column.kind) for value, column in zip(row, columns, strict=True)]
        )


def build_workbook(*, sheets, title=""):
    """A workbook of ``sheets`` (a sequence of Sheet) written in streaming mode."""
    workbook = Workbook(write_only=True)
    if title:
        workbook.properties.title = title
    for sheet in sheets:
        _write_sheet(workbook, sheet)
    return workbook


def workbook_bytes(*, sheets, title=""):
    """The .xlsx file of ``sheets`` as bytes."""
    buffer = io.BytesIO()
    build_workbook(sheets=sheets, title=title).save(buffer)
    return buffer.getvalue()


def xlsx_response(*, filename, sheets, title=""):
    """An HTTP response downloading ``sheets`` as the attachment ``filename``."""
    response = HttpResponse(workbook_bytes(sheets=sheets, title=title), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response
