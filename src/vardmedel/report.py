"""A neutral table that every output format can write: columns, rows, a footer and notes.

Views build a Report from results; formats render it. Neither knows the other,
so a new format needs no change to any view, and a new view none to any format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

TEXT, KR, DECIMAL, INTEGER = "text", "kr", "decimal", "integer"


@dataclass(frozen=True)
class Column:
    key: str  # machine name: CSV header, JSON key
    title: str  # for people
    kind: str = TEXT  # text | kr | decimal | integer
    human: bool = True  # False: machine formats only (tables for people leave it out)
    machine: bool = True  # False: tables for people only (CSV and JSON leave it out)
    short: str = ""  # a narrow header for tables; the title is used when empty


@dataclass
class Report:
    title: str
    columns: list[Column]
    rows: list[dict]
    footer: list[dict] = field(default_factory=list)  # totals, shown to people only
    notes: list[str] = field(default_factory=list)  # footnotes and the check line
    data: dict | None = None  # the full result for JSON, with derivations
    marks: dict[tuple[int, str], str] = field(default_factory=dict)  # (row index, column key) -> footnote mark
    sheets: list[Report] = field(default_factory=list)  # extra sheets for workbook formats


def per_capita(kronor: int, population: int) -> Decimal:
    """Kronor per inhabitant to two decimals, rounded half up, by integer arithmetic."""
    hundredths, rest = divmod(kronor * 100, population)
    if 2 * rest >= population:
        hundredths += 1
    return Decimal(hundredths).scaleb(-2)
