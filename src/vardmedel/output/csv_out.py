"""CSV for pipes and scripts: a header of stable keys, one row per line, plain numbers.

Text cells (headers too) that a spreadsheet would run as a formula (``=``,
``+``, ``-``, ``@``) get a leading apostrophe, since CSV files end up opened in
Excel. Numbers are never touched: a negative change stays a number.
"""

from __future__ import annotations

import csv

from ..report import Report
from .cells import machine

BINARY = False


def write(report: Report, stream) -> None:
    out = csv.writer(stream, lineterminator="\n")
    columns = [c for c in report.columns if c.machine]
    out.writerow([machine(c.key) for c in columns])
    for row in report.rows:
        out.writerow([machine(row.get(c.key)) for c in columns])
