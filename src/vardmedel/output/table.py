"""Rich tables for people: amounts grouped the Swedish way (112 500 000), right-aligned."""

from __future__ import annotations

from decimal import Decimal

from ..amounts import format_kr
from ..report import DECIMAL, INTEGER, KR, Report

BINARY = False


def show(value: object, kind: str) -> str:
    if value is None or value == "" or (kind == KR and value == 0):
        return ""
    if kind in (KR, INTEGER) and isinstance(value, int):
        return format_kr(value)
    if kind == DECIMAL and isinstance(value, Decimal):
        whole, _, decimals = f"{value:.2f}".partition(".")
        return f"{format_kr(int(whole))},{decimals}"
    return str(value)


def write(report: Report, stream) -> None:
    from rich.console import Console
    from rich.table import Table

    terminal = hasattr(stream, "isatty") and stream.isatty()
    console = Console(file=stream, highlight=False, soft_wrap=False, width=None if terminal else 400)
    table = Table(title=report.title, show_footer=bool(report.footer), title_justify="left")
    columns = [c for c in report.columns if c.human]
    for column in columns:
        numeric = column.kind != "text"
        footer = "\n".join(show(f.get(column.key), column.kind) for f in report.footer)
        table.add_column(
            column.short or column.title, justify="right" if numeric else "left", footer=footer, no_wrap=numeric
        )
    for index, row in enumerate(report.rows):
        cells = []
        for column in columns:
            text = show(row.get(column.key), column.kind)
            mark = report.marks.get((index, column.key))
            cells.append(f"{text}{mark}" if mark and text else text)
        table.add_row(*cells)
    console.print(table)
    for note in report.notes:
        console.print(note, markup=False)
