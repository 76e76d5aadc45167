"""Reading the HTML report back as a person's eyes would: the allocation table's cells, and CSV to compare them with.

Shared by the report tests and the browser tests (not a test module itself).
"""

from __future__ import annotations

import csv
from decimal import Decimal
from html.parser import HTMLParser


class TableReader(HTMLParser):
    """The rows of ``#allocation-table``: [recipient id, cell texts…] for each ``tr[data-recipient]``, and the headers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.headers: list[str] = []  # data-key of the number columns
        self.rows: list[list[str]] = []
        self.footer: list[str] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._section = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table" and attributes.get("id") == "allocation-table":
            self.inside = True
        if not self.inside:
            return
        if tag in ("thead", "tbody", "tfoot"):
            self._section = tag
        elif tag == "th" and self._section == "thead" and "data-key" in attributes:
            self.headers.append(attributes["data-key"])
        elif tag == "tr" and ("data-recipient" in attributes or self._section == "tfoot"):
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._section == "tfoot":
                self.footer = self._row
            else:
                self.rows.append(self._row)
            self._row = None
        elif tag == "table":
            self.inside = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def number(text: str) -> int | Decimal | None:
    """A number as the report shows it: '25 982 145' (no-break spaces), '10,77', '666 667*'; '' is None."""
    plain = text.replace("\u00a0", "").replace(" ", "").rstrip("*")
    if not plain:
        return None
    return Decimal(plain.replace(",", ".")) if "," in plain else int(plain)


def table_of(page: str) -> TableReader:
    reader = TableReader()
    reader.feed(page)
    return reader


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(text.splitlines()))


def compare_with_csv(headers: list[str], rows: list[list[str]], csv_text: str) -> int:
    """Assert that every number of the table equals the CSV's, row by row; return how many were compared.

    *rows* are [id, name, number cells…] in the order of *headers* (the columns' CSV keys).
    """
    expected = csv_rows(csv_text)
    assert [row[0] for row in rows] == [row["recipient"] for row in expected]
    assert set(expected[0]) - {"recipient", "name", "kind"} <= set(headers), "a CSV column is missing from the table"
    compared = 0
    for row, want in zip(rows, expected, strict=True):
        assert row[1] == want["name"]
        for key, cell in zip(headers, row[2:], strict=True):
            if key not in want:  # a column the CSV of this view does not have (kr per inhabitant over years)
                continue
            wanted = want[key]
            shown = number(cell)
            if wanted == "":
                assert shown is None, (want["recipient"], key, cell)
            elif "." in wanted:
                assert shown == Decimal(wanted), (want["recipient"], key, cell)
            else:
                assert shown == int(wanted), (want["recipient"], key, cell)
            compared += 1
    return compared
