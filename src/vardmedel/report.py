"""A neutral table that every output format can write: columns, rows, a footer and notes.

Views build a Report from results; formats render it. Neither knows the other,
so a new format needs no change to any view, and a new view none to any format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

TEXT, KR, DECIMAL, INTEGER = "text", "kr", "decimal", "integer"

#: Display units for amounts: name -> (kronor per unit, decimals shown). Values stay whole kronor.
UNITS: dict[str, tuple[int, int]] = {"kr": (1, 0), "tkr": (1_000, 0), "mnkr": (1_000_000, 1)}


class Column(NamedTuple):  # a NamedTuple: imported on every run, and a dataclass costs about 1 ms to create
    key: str  # machine name: CSV header, JSON key
    title: str  # for people
    kind: str = TEXT  # text | kr | decimal | integer
    human: bool = True  # False: machine formats only (tables for people leave it out)
    machine: bool = True  # False: tables for people only (CSV and JSON leave it out)
    short: str = ""  # a narrow header for tables; the title is used when empty
    breakdown: bool = False  # one of parallel money columns (per area, pot, year) a narrow table may move out


class Node:
    """One line of a hierarchy for people (``show``): formats that can draw a tree use it instead of the rows."""

    def __init__(self, label: str) -> None:  # a plain class: a dataclass costs about 1 ms to create, on every run
        self.label = label
        self.children: list[Node] = []

    def add(self, label: str) -> Node:
        child = Node(label)
        self.children.append(child)
        return child


class Chart(NamedTuple):
    """A bar chart that workbook formats draw natively from the report's own cells."""

    title: str
    label: str  # key of the column that names the bars
    value: str  # key of the column of values; rows without a value are left out


@dataclass(eq=False)  # never compared: the generated __eq__ would only cost start-up time
class Report:
    title: str
    columns: list[Column]
    rows: list[dict]
    footer: list[dict] = field(default_factory=list)  # totals, shown to people only
    notes: list[str] = field(default_factory=list)  # footnotes and the check line
    #: The full result for JSON, with derivations; or a function that builds it, called only when JSON is
    #: written (an allocation's derivation of every part of every pot costs more than the table itself).
    data: dict | Callable[[], dict] | None = None
    more_data: dict = field(default_factory=dict)  # keys added to ``data`` after the view (the folders read)
    marks: dict[tuple[int, str], str] = field(default_factory=dict)  # (row index, column key) -> footnote mark
    sheets: list[Report] = field(default_factory=list)  # extra sheets for workbook formats
    name: str = ""  # the sheet's name in a workbook
    unit: str = "kr"  # how people's formats show KR columns (see UNITS); the values stay whole kronor
    tree: Node | None = None  # a hierarchy that people's formats draw instead of the table
    chart: Chart | None = None  # a chart of some of the columns, for formats that draw charts
    source: str = ""  # where the figures come from, in one line (a printed page's footer)

    def machine_data(self) -> dict:
        """What JSON writes: ``data`` (built now if it is a function), else the title and the rows; then ``more_data``."""
        data = self.data() if callable(self.data) else self.data
        return {**(data if data is not None else {"title": self.title, "rows": self.rows}), **self.more_data}
