"""JSON: the full result with its derivation when the view provides one, else the rows."""

from __future__ import annotations

import json
from decimal import Decimal

from ..report import Report

BINARY = False


def _default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def write(report: Report, stream) -> None:
    json.dump(report.machine_data(), stream, ensure_ascii=False, indent=2, default=_default)
    stream.write("\n")
