"""Excel workbooks: numbers stored as numbers with a thousands format, the header frozen, one sheet per report.

The main report is the first sheet; ``Report.sheets`` (one per agreement, the
sources and assumptions, …) follow. Amounts are written as whole kronor and
shown in the report's unit by the number format alone (``#,##0,`` shows
thousands), so a sum in Excel is always the exact sum. Totals are written as
values, not formulas, so that they read back the same in any program.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

from ..i18n import _
from ..report import DECIMAL, INTEGER, KR, Column, Report
from .cells import neutralise

BINARY = True

#: Excel number formats; the comma is the thousands separator in the file and
#: Swedish Excel shows it as a space. A trailing comma divides by 1000 for display.
KR_FORMATS = {"kr": "#,##0", "tkr": "#,##0,", "mnkr": "#,##0.0,,"}
MAX_WIDTH = 60


def write(report: Report, stream) -> None:
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    styles = {
        "header": workbook.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"}),
        "bold": workbook.add_format({"bold": True}),
        "note": workbook.add_format({"italic": True}),
    }
    used: set[str] = set()
    for sheet in [report, *report.sheets]:
        _sheet(workbook, sheet, styles, _sheet_name(sheet.name or sheet.title or _("Sheet"), used))
    workbook.close()
    stream.write(buffer.getvalue())


def _sheet(workbook, report: Report, styles: dict, name: str) -> None:
    sheet = workbook.add_worksheet(name)
    columns = [c for c in report.columns if c.machine]
    formats = {c.key: _number_format(workbook, c, report) for c in columns}
    bold_formats = {c.key: _number_format(workbook, c, report, bold=True) for c in columns}
    widths = [len(c.title) for c in columns]
    for col, column in enumerate(columns):
        sheet.write_string(0, col, column.title, styles["header"])
    row_index = 0
    for row_index, row in enumerate(report.rows, start=1):
        for col, column in enumerate(columns):
            shown = _cell(sheet, row_index, col, row.get(column.key), column, formats[column.key])
            widths[col] = max(widths[col], shown)
            mark = report.marks.get((row_index - 1, column.key))
            if mark:
                sheet.write_comment(
                    row_index, col, _("{mark} rests on an assumption; see the notes and sources.").format(mark=mark)
                )
    for footer in report.footer:
        row_index += 1
        for col, column in enumerate(columns):
            _cell(sheet, row_index, col, footer.get(column.key), column, bold_formats[column.key])
        label = next((v for v in footer.values() if isinstance(v, str)), None)
        if label and footer.get(columns[0].key) is None:  # the label may sit in a column only people's tables show
            sheet.write_string(row_index, 0, label, styles["bold"])
    row_index += 1
    for note in report.notes:
        row_index += 1
        sheet.write_string(row_index, 0, neutralise(note), styles["note"])
    for col, width in enumerate(widths):
        sheet.set_column(col, col, min(width + 2, MAX_WIDTH))
    sheet.freeze_panes(1, 0)
    if report.rows:
        sheet.autofilter(0, 0, len(report.rows), len(columns) - 1)


def _cell(sheet, row: int, col: int, value: object, column: Column, number_format) -> int:
    """Write one cell; return the width it needs."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value)
        return 5
    if isinstance(value, int):
        sheet.write_number(row, col, value, number_format)
        return len(f"{value:,}")
    if isinstance(value, Decimal):
        sheet.write_number(row, col, float(value), number_format)
        return len(f"{value:,}")
    text = str(value)
    sheet.write_string(row, col, text)
    return min(len(text), MAX_WIDTH)


def _number_format(workbook, column: Column, report: Report, bold: bool = False):
    spec: dict = {"bold": True} if bold else {}
    if column.kind == KR:
        spec["num_format"] = KR_FORMATS[report.unit]
    elif column.kind == INTEGER:
        spec["num_format"] = "#,##0"
    elif column.kind == DECIMAL:
        places = _decimal_places(report, column)
        spec["num_format"] = "#,##0." + "0" * places if places else "#,##0"
    return workbook.add_format(spec) if spec else None


def _decimal_places(report: Report, column: Column) -> int:
    for row in report.rows:
        value = row.get(column.key)
        if isinstance(value, Decimal):
            return max(0, -value.as_tuple().exponent)
    return 2


def _sheet_name(wanted: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique regardless of case."""
    base = re.sub(r"[\[\]:*?/\\]", "-", wanted).strip("'")[:31].rstrip(" -") or _("Sheet")
    name, counter = base, 2
    while name.lower() in used:
        suffix = f" ({counter})"
        name, counter = base[: 31 - len(suffix)] + suffix, counter + 1
    used.add(name.lower())
    return name
