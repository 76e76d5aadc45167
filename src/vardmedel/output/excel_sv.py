"""CSV that Swedish Excel opens right by double-click: ``;`` between cells, decimal comma, UTF-8 with BOM, CRLF.

Swedish Excel splits on ``;`` (the comma is its decimal sign), reads a file
without a byte-order mark as Windows-1252 (so "Sörmland" turns into
"SÃ¶rmland") and expects Windows line ends. Headers are the titles people
read; numbers are plain and ungrouped so that Excel sees numbers. And it reads
'01' as the number 1 and 'mars 2022' as a date: such texts are written as
``="01"``, which Excel and LibreOffice Calc show as the text 01 (see
``cells.excel_cell``; a test imports the file into LibreOffice to prove it).
"""

from __future__ import annotations

import csv

from ..report import Report
from .cells import excel_cell

BINARY = False
BOM = "\ufeff"


def write(report: Report, stream) -> None:
    stream.write(BOM)
    out = csv.writer(stream, delimiter=";", lineterminator="\r\n")
    columns = [c for c in report.columns if c.machine]
    out.writerow([excel_cell(c.title) for c in columns])
    for row in report.rows:
        out.writerow([excel_cell(row.get(c.key)) for c in columns])
