"""CSV for pipes and spreadsheets: a header of stable keys, one row per line, plain numbers."""

from __future__ import annotations

import csv

from ..report import Report

BINARY = False


def cell(value: object) -> object:
    return "" if value is None else value


def write(report: Report, stream) -> None:
    out = csv.writer(stream, lineterminator="\n")
    columns = [c for c in report.columns if c.machine]
    out.writerow([c.key for c in columns])
    for row in report.rows:
        out.writerow([cell(row.get(c.key)) for c in columns])
