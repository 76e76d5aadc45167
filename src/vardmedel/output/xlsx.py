"""Excel workbooks: numbers stored as numbers with a thousands format, the header frozen, one sheet per report.

The main report is the first sheet; ``Report.sheets`` (one per agreement, the
sources and assumptions, …) follow. Amounts are written as whole kronor and
shown in the report's unit by the number format alone (``#,##0,`` shows
thousands), so a sum in Excel is always the exact sum. Totals are written as
values, not formulas, so that they read back the same in any program. Text is
always a string cell (a län code '01' stays text), neutralised like CSV's; a
number longer than the 15 digits a spreadsheet keeps is written as text.

Every sheet prints: landscape A4, one page wide, the header row and label
columns repeated, the title and the source in the page header and footer,
notes wrapped across the table's width. A report's ``chart`` becomes a native
Excel chart of its own cells, below the notes.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Sequence
from decimal import Decimal

from ..i18n import _
from ..report import DECIMAL, INTEGER, KR, TEXT, Chart, Column, Report
from .cells import FORMULA_STARTS, exact_in_spreadsheet, neutralise

BINARY = True

#: Excel number formats; the comma is the thousands separator in the file and
#: Swedish Excel shows it as a space. A trailing comma divides by 1000 for display.
KR_FORMATS = {"kr": "#,##0", "tkr": "#,##0,", "mnkr": "#,##0.0,,"}
LINE = 15  # points: the height of one line of text at the default 11 pt
MAX_WIDTH = 40  # characters: longer text wraps
MIN_WRAP = 20  # characters: text columns are never narrowed below this to fit the page
PAGE_WIDTH = 200  # characters across a sheet that still print legibly one landscape A4 page wide


def write(report: Report, stream) -> None:
    import xlsxwriter

    from .. import __version__

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    styles = {
        "header": workbook.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"}),
        "bold": workbook.add_format({"bold": True, "valign": "top"}),
        "note": workbook.add_format({"italic": True, "text_wrap": True, "valign": "top"}),
        "text": workbook.add_format({"valign": "top"}),
        "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
    }
    source = report.source or f"vardmedel {__version__}"
    used: set[str] = set()
    for sheet in [report, *report.sheets]:
        _sheet(workbook, sheet, styles, _sheet_name(sheet.name or sheet.title or _("Sheet"), used), source)
    workbook.close()
    stream.write(buffer.getvalue())


def _sheet(workbook, report: Report, styles: dict, name: str, source: str) -> None:
    sheet = workbook.add_worksheet(name)
    columns = [c for c in report.columns if c.machine]
    formats = {c.key: _number_format(workbook, c, report) for c in columns}
    bold_formats = {c.key: _number_format(workbook, c, report, bold=True) for c in columns}
    widths = column_widths(report, columns)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    for col, column in enumerate(columns):
        sheet.write_string(0, col, neutralise(column.title), styles["header"])
    _set_height(sheet, 0, [(c.title, w) for c, w in zip(columns, widths, strict=True)])
    row_index = 0
    for row_index, row in enumerate(report.rows, start=1):
        texts = []
        for col, column in enumerate(columns):
            value = row.get(column.key)
            _cell(sheet, row_index, col, value, formats[column.key] or styles["text"], styles, widths[col])
            if isinstance(value, str):
                texts.append((value, widths[col]))
            mark = report.marks.get((row_index - 1, column.key))
            if mark:
                sheet.write_comment(
                    row_index, col, _("{mark} rests on an assumption; see the notes and sources.").format(mark=mark)
                )
        _set_height(sheet, row_index, texts)
    for footer in report.footer:
        row_index += 1
        for col, column in enumerate(columns):
            value = footer.get(column.key)
            _cell(sheet, row_index, col, value, bold_formats[column.key] or styles["bold"], styles, widths[col])
        label = next((v for v in footer.values() if isinstance(v, str)), None)
        if label and label not in (footer.get(c.key) for c in columns):  # it may sit in a column only people see
            sheet.write_string(row_index, 0, neutralise(label), styles["bold"])
    row_index += 1
    for note in report.notes:
        row_index += 1
        _note(sheet, row_index, note, widths, styles["note"])
    if report.chart is not None:
        sheet.set_h_pagebreaks([row_index + 1])  # the chart whole on a page of its own, not cut by a page break
        _chart(workbook, sheet, report, report.chart, columns, widths, row_index + 1)
    sheet.freeze_panes(1, 0)
    if report.rows:
        sheet.autofilter(0, 0, len(report.rows), len(columns) - 1)
    _page_setup(sheet, report, columns, name, source)


def column_widths(report: Report, columns: list[Column]) -> list[int]:
    """Widths in characters from the content: numbers in full, text up to MAX_WIDTH, headers only by their
    longest word (they wrap); then the widest text columns narrowed, down to MIN_WRAP, until the sheet fits
    PAGE_WIDTH, so that one page wide still prints at a readable size."""
    natural = []
    for column in columns:
        values = [row.get(column.key) for row in [*report.rows, *report.footer]]
        longest_word = max((len(word) for word in column.title.split()), default=0)
        natural.append(max([longest_word, *map(_shown_width, values)]))
    wraps = [column.kind == TEXT for column in columns]
    cap = MAX_WIDTH
    while cap > MIN_WRAP and sum(_capped(natural, wraps, cap)) > PAGE_WIDTH:
        cap -= 1
    return [width + 1 for width in _capped(natural, wraps, cap)]


def _capped(widths: list[int], wraps: list[bool], cap: int) -> list[int]:
    return [min(width, cap) if wrap else width for width, wrap in zip(widths, wraps, strict=True)]


def _shown_width(value: object) -> int:
    if value is None or isinstance(value, bool):
        return 5 if isinstance(value, bool) else 0
    if isinstance(value, int | Decimal):
        return len(f"{value:,}")
    return len(str(value))


def _set_height(sheet, row: int, texts: Sequence[tuple[str, float]]) -> None:
    """A row tall enough for its wrapped text: programs do not grow such rows when they open a file."""
    lines = max((_lines(text, width) for text, width in texts), default=1)
    if lines > 1:
        sheet.set_row(row, LINE * lines)


def _lines(text: str, width: float) -> int:
    """How many lines *text* takes wrapped at *width* characters (an estimate on the safe side)."""
    return max(1, len(textwrap.wrap(text, max(int(width) - 1, 1))))


def _note(sheet, row: int, note: str, widths: list[int], wrap) -> None:
    """A note across the table's width, wrapped, with a row tall enough for its lines (merged cells never grow)."""
    text = neutralise(note)
    if len(widths) > 1:
        sheet.merge_range(row, 0, row, len(widths) - 1, text, wrap)
    else:
        sheet.write_string(row, 0, text, wrap)
    sheet.set_row(row, LINE * _lines(text, sum(widths)))


def _chart(
    workbook, sheet, report: Report, chart_spec: Chart, columns: list[Column], widths: list[int], row: int
) -> None:
    """A native bar chart of the rows that have a value, below the notes and no wider than the table."""
    keys = [c.key for c in columns]
    if chart_spec.label not in keys or chart_spec.value not in keys:
        return
    having = [i for i, r in enumerate(report.rows, start=1) if r.get(chart_spec.value) is not None]
    if not having:
        return
    first, last = having[0], having[-1]
    label_col, value_col = keys.index(chart_spec.label), keys.index(chart_spec.value)
    chart = workbook.add_chart({"type": "bar"})
    places = _decimal_places(report, columns[value_col])
    chart.add_series(
        {
            "name": chart_spec.title,
            "categories": [sheet.name, first, label_col, last, label_col],
            "values": [sheet.name, first, value_col, last, value_col],
            "data_labels": {"value": True, "num_format": "#,##0." + "0" * places if places else "#,##0"},
        }
    )
    chart.set_title({"name": chart_spec.title, "name_font": {"size": 12}})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True})  # the first row at the top, as in the table
    chart.set_x_axis({"num_format": "#,##0", "major_gridlines": {"visible": True}})
    width = min(int(sum(widths) * 7 + 5 * len(widths)), 900)
    height = 60 + 22 * (last - first + 1)
    chart.set_size({"width": width, "height": height})
    sheet.insert_chart(row, 0, chart)


def _page_setup(sheet, report: Report, columns: list[Column], name: str, source: str) -> None:
    """Landscape A4, one page wide, the header row and label columns on every page, title and source printed."""
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)  # one page wide, as many pages tall as it takes
    sheet.set_margins(left=0.4, right=0.4, top=0.75, bottom=0.75)
    sheet.repeat_rows(0)
    labels = next((i for i, c in enumerate(columns) if c.kind != TEXT), len(columns))
    if 0 < labels < len(columns):
        sheet.repeat_columns(0, labels - 1)
    title = report.title or name
    sheet.set_header(_header_text("&L&B", title, "&R&A"))
    sheet.set_footer(_header_text("&L", source, "&RPage &P of &N"))


def _header_text(before: str, text: str, after: str) -> str:
    """A header or footer section: '&' doubled (Excel reads it as a code), cut to fit Excel's 255 characters."""
    room = 255 - len(before) - len(after)
    escaped = text.replace("&", "&&")
    if len(escaped) > room:
        escaped = escaped[: room - 1].rstrip("&") + "…"
    return before + escaped + after


def _cell(sheet, row: int, col: int, value: object, cell_format, styles: dict, width: int) -> None:
    """Write one cell; text longer than its column wraps."""
    if value is None or value == "":
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value, cell_format)
    elif isinstance(value, int | Decimal) and exact_in_spreadsheet(value):
        sheet.write_number(row, col, value if isinstance(value, int) else float(value), cell_format)
    else:  # text, and a number with more digits than a spreadsheet keeps: as text, exactly as written
        text = neutralise(format(value, "f") if isinstance(value, Decimal) else str(value))
        sheet.write_string(row, col, text, styles["wrap"] if len(text) > width - 1 else cell_format)


def _number_format(workbook, column: Column, report: Report, bold: bool = False):
    spec: dict = {"valign": "top", "bold": True} if bold else {"valign": "top"}
    if column.kind == KR:
        spec["num_format"] = KR_FORMATS[report.unit]
    elif column.kind == INTEGER:
        spec["num_format"] = "#,##0"
    elif column.kind == DECIMAL:
        places = _decimal_places(report, column)
        spec["num_format"] = "#,##0." + "0" * places if places else "#,##0"
    else:
        return None
    return workbook.add_format(spec)


def _decimal_places(report: Report, column: Column) -> int:
    for row in report.rows:
        value = row.get(column.key)
        exponent = value.as_tuple().exponent if isinstance(value, Decimal) else None
        if isinstance(exponent, int):  # not 'n' or 'F': NaN and infinity never reach a report
            return max(0, -exponent)
    return 2


def _sheet_name(wanted: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique regardless of case.

    And ours: one line, starting with none of the characters a cell's formula starts with
    (a title from a file, '=…', names the sheet of a single report).
    """
    base = " ".join(re.sub(r"[\[\]:*?/\\]", "-", wanted).split())
    base = base.lstrip("".join(FORMULA_STARTS) + "' ").rstrip("'")[:31].rstrip(" -") or _("Sheet")
    name, counter = base, 2
    while name.lower() in used:
        suffix = f" ({counter})"
        name, counter = base[: 31 - len(suffix)] + suffix, counter + 1
    used.add(name.lower())
    return name
