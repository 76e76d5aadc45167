"""What an analyst asks of a table of recipients: some of them, in an order, the top N, subtotals and shares.

Works on a finished ``Report`` whose rows carry ``recipient`` and ``kind``, so
``allocate`` (one year or ``--years``) and ``compare`` share it. Rows are only
picked and ordered, never changed: the amounts stay the engine's. The footer
holds a subtotal per kind of recipient (regions, samverkansregioner,
organisations) when the rows hold more than one kind, then the total of the
rows shown, and the total of all recipients when some were left out, so no
krona drops from view without a line saying how many.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from ..formatting import format_kr, percent
from ..i18n import _, ngettext
from ..reference import Reference
from ..report import Report
from .names import ALL_RECIPIENTS, KIND_TOTALS, TOTAL

SHARE = "share_percent"
#: The orders ``select`` knows (choices.Sort).
SORTS = ("code", "total", "name", "per-capita")


class Selection(NamedTuple):  # a NamedTuple: imported on every run, and a dataclass costs about 1 ms to create
    """Which rows to show and how: recipient ids (none: all), the order, and how many at most."""

    recipients: tuple[str, ...] = ()
    sort: str = "code"  # code | total | name | per-capita
    top: int | None = None


class Sums(NamedTuple):
    """How a report's rows add up: the money columns, the one that is the row's total, and derived footer cells."""

    keys: Sequence[str]
    total: str
    label: str = "recipient"  # the column whose footer cell names the line
    per_capita: str = "kr_per_inhabitant"
    derive: Callable[[dict], None] | None = None  # fills cells computed from sums (a change in percent, say)


def footers(rows: list[dict], sums: Sums, grand: int, all_rows: list[dict] | None = None) -> list[dict]:
    """A subtotal per kind when there are several, the total of *rows*, and of *all_rows* when rows were left out."""
    lines = []
    kinds = list(dict.fromkeys(row["kind"] for row in rows))
    if len(kinds) > 1:
        lines += [_sum([r for r in rows if r["kind"] == kind], sums, grand, _(KIND_TOTALS[kind])) for kind in kinds]
    lines.append(_sum(rows, sums, grand, _(TOTAL)))
    if all_rows is not None and len(all_rows) != len(rows):
        lines.append(_sum(all_rows, sums, grand, _(ALL_RECIPIENTS)))
    return lines


def _sum(rows: list[dict], sums: Sums, grand: int, label: str) -> dict:
    line: dict = {key: sum(row.get(key) or 0 for row in rows) for key in sums.keys}
    line[sums.label] = label
    line[SHARE] = percent(line[sums.total], grand) if grand else None
    if sums.derive is not None:
        sums.derive(line)
    return line


def add_shares(rows: list[dict], total_key: str) -> int:
    """Each row's share of the total in percent (one decimal); returns the total."""
    grand = sum(row[total_key] for row in rows)
    for row in rows:
        row[SHARE] = percent(row[total_key], grand) if grand else None
    return grand


def select(report: Report, selection: Selection, sums: Sums, known: Reference) -> Report:
    """*report* with the rows *selection* asks for, in its order, and footers for what is shown."""
    indexed = list(enumerate(report.rows))
    notes: list[str] = []
    if selection.recipients:
        present = {row["recipient"] for row in report.rows}
        for rid in selection.recipients:
            if rid not in present:
                notes.append(_("{name} has no row in this table.").format(name=known.recipients[rid].name))
        wanted = set(selection.recipients)
        indexed = [(i, row) for i, row in indexed if row["recipient"] in wanted]
    indexed = order(indexed, selection.sort, sums)
    if selection.top is not None and len(indexed) > selection.top:
        left = indexed[selection.top :]
        indexed = indexed[: selection.top]
        kronor = sum(row[sums.total] for _index, row in left)
        notes.append(
            ngettext(
                "{count} more recipient, with {amount} kr, is left out (--top).",
                "{count} more recipients, with {amount} kr, are left out (--top).",
                len(left),
            ).format(count=len(left), amount=format_kr(kronor, " "))
        )
    if len(indexed) == len(report.rows) and selection.sort == "code":
        report.notes[1:1] = notes
        return report
    grand = sum(row[sums.total] for row in report.rows)
    everything, picked = report.rows, [row for _index, row in indexed]
    new_index = {old: new for new, (old, _row) in enumerate(indexed)}
    report.marks = {(new_index[row], key): mark for (row, key), mark in report.marks.items() if row in new_index}
    report.rows = picked
    report.footer = footers(picked, sums, grand, all_rows=everything)
    report.notes[1:1] = notes
    return report


def order(indexed: list[tuple[int, dict]], sort: str, sums: Sums) -> list[tuple[int, dict]]:
    """code: as the rows came (län code, then samverkansregioner, organisations); total and per-capita: largest
    first, blanks last; name: alphabetical."""
    if sort == "name":
        return sorted(indexed, key=lambda item: item[1]["name"].casefold())
    if sort in ("total", "per-capita"):
        key = sums.total if sort == "total" else sums.per_capita
        present = [item for item in indexed if item[1].get(key) is not None]
        blank = [item for item in indexed if item[1].get(key) is None]
        return sorted(present, key=lambda item: item[1][key], reverse=True) + blank
    return indexed
