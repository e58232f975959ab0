"""CSV and XLSX writers for report tables: made for German Excel, safe against formula injection.

CSV: UTF-8 with a byte-order mark and `;` between cells, which German Excel opens as columns.
Hours and amounts are written as numbers in the reader's locale ("12,50" in German, "12.50" in
English), so the Excel of the person who downloads them reads them as numbers; counts are plain
digits and days ISO dates. XLSX stores real numbers and dates with number formats instead.
Text that a spreadsheet would run as a formula (beginning with = + - @, a tab or a line break)
gets a leading apostrophe in both.
"""

import csv
import io
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from flask import Response, send_file, stream_with_context
from flask_babel import format_decimal
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from moderators.reports.tables import COUNT, DAY, EUROS, HOURS, Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NUMBER_FORMATS = {
    COUNT: "0",
    HOURS: "0.0",
    EUROS: '#,##0.00 "€"',
    DAY: "mm-dd-yy",  # Excel's built-in date format 14, shown in the reader's own date style
}
FLUSH_EVERY = 500  # rows per chunk of a streamed CSV
SHEET_TITLE_LENGTH = 31  # Excel's limit
SHEET_TITLE_FORBIDDEN = str.maketrans({c: "-" for c in "[]:*?/\\"})


def neutralise(text: str) -> str:
    """Text that a spreadsheet would take for a formula, made plain text."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


# CSV -----------------------------------------------------------------------------------------


def csv_response(table: Table, filename: str) -> Response:
    """The table as a CSV download, written while it is sent."""
    return Response(
        stream_with_context(csv_lines(table)),
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def csv_lines(table: Table) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow([neutralise(column.label) for column in table.columns])
    for n, row in enumerate(table.rows, start=1):
        writer.writerow([_csv_cell(value, kind) for value, kind in _typed(table, row)])
        if n % FLUSH_EVERY == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _csv_cell(value, kind: str):
    if value is None:
        return ""
    if kind == HOURS:
        return format_decimal(_hours(value), format="0.0")
    if kind == EUROS:
        return format_decimal(_euros(value), format="0.00")
    if kind == DAY:
        return value.isoformat()
    if isinstance(value, str):
        return neutralise(value)
    return value


# XLSX ----------------------------------------------------------------------------------------


def xlsx_response(tables: list[Table], filename: str) -> Response:
    """The tables as one workbook, a sheet each: bold header row that stays in view, widths
    and number formats set. Write-only mode keeps memory flat however long the tables are."""
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    for table in tables:
        sheet = workbook.create_sheet(sheet_title(table.title, used))
        for i, column in enumerate(table.columns, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = column.width
        sheet.freeze_panes = "A2"
        header = [_xlsx_cell(sheet, column.label, bold=True) for column in table.columns]
        sheet.append(header)
        for row in table.rows:
            sheet.append([_xlsx_cell(sheet, value, kind) for value, kind in _typed(table, row)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return send_file(
        buffer, mimetype=XLSX_MIMETYPE, as_attachment=True, download_name=filename, max_age=0
    )


def _xlsx_cell(sheet, value, kind: str = "", bold: bool = False) -> WriteOnlyCell:
    if kind == HOURS and value is not None:
        value = _hours(value)
    elif kind == EUROS and value is not None:
        value = _euros(value)
    elif isinstance(value, str):
        value = neutralise(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text
    elif kind in NUMBER_FORMATS and (isinstance(value, int | float | Decimal | date)):
        cell.number_format = NUMBER_FORMATS[kind]
    if bold:
        cell.font = Font(bold=True)
    return cell


def sheet_title(title: str, used: set[str]) -> str:
    """A title Excel accepts: no []:*?/\\, at most 31 characters, not used yet in the book."""
    base = title.translate(SHEET_TITLE_FORBIDDEN).strip("' ")[:SHEET_TITLE_LENGTH] or "-"
    candidate, n = base, 1
    while candidate.casefold() in used:
        n += 1
        suffix = f" ({n})"
        candidate = base[: SHEET_TITLE_LENGTH - len(suffix)] + suffix
    used.add(candidate.casefold())
    return candidate


def _typed(table: Table, row: list):
    """The row's values, each with the kind of its column."""
    return zip(row, (column.kind for column in table.columns), strict=True)


def _hours(minutes: int) -> float:
    return round(minutes / 60, 1)


def _euros(cents: int) -> Decimal:
    return Decimal(cents) / 100
