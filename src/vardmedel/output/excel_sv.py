"""CSV that Swedish Excel opens right by double-click: ``;`` between cells, decimal comma, UTF-8 with BOM, CRLF.

Swedish Excel splits on ``;`` (the comma is its decimal sign), reads a file
without a byte-order mark as Windows-1252 (so "Sörmland" turns into
"SÃ¶rmland") and expects Windows line ends. Headers are the titles people
read; numbers are plain and ungrouped so that Excel sees numbers.
"""

from __future__ import annotations

import csv

from ..report import Report
from .cells import machine

BINARY = False
BOM = "\ufeff"


def write(report: Report, stream) -> None:
    stream.write(BOM)
    out = csv.writer(stream, delimiter=";", lineterminator="\r\n")
    columns = [c for c in report.columns if c.machine]
    out.writerow([machine(c.title, c) for c in columns])
    for row in report.rows:
        out.writerow([machine(row.get(c.key), c, decimal_comma=True) for c in columns])
