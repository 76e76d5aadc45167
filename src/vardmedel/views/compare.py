"""Per-recipient change between two years or two agreements: A, B, the change in kronor and percent.

Each side is summed from the engine's results exactly as ``allocate`` sums
them, so a side's total here is the total ``allocate`` prints for it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..engine import AgreementResult
from ..formatting import format_kr, percent
from ..i18n import _
from ..reference import PopulationDataset, Reference
from ..report import DECIMAL, KR, Column, Report
from .common import known_recipients, kr_per_inhabitant, per_capita_basis, unit_notes, unit_title
from .coverage import label, unlike_warning
from .rollup import roll_up, split_note
from .selection import SHARE, Sums, add_shares, footers


@dataclass
class Side:
    """One side of a comparison: a year's agreements, or one agreement."""

    label: str  # "2020" or an agreement id
    results: list[AgreementResult]
    population: PopulationDataset | None = None
    funder: str | None = None  # the results hold only this funder's money (``funder_money.for_funder``)

    def amounts(self) -> dict[str, dict[tuple, int]]:
        """Kronor per recipient, by ("total", population date of the pot): what roll_up needs to split Halland."""
        totals: dict[str, dict[tuple, int]] = defaultdict(lambda: defaultdict(int))
        for result in self.results:
            for pot in result.pots:
                for part in pot.parts:
                    totals[part.recipient][("total", pot.as_of)] += part.amount
        return totals

    @property
    def total(self) -> int:
        return sum(result.total for result in self.results)


def compare_report(
    a: Side,
    b: Side,
    reference: Reference,
    sort: str = "recipient",
    reverse: bool = False,
    level: str = "recipient",
    unit: str = "kr",
) -> Report:
    """One row per recipient found on either side; per inhabitant for regions (and samverkansregioner rolled up)."""
    known = known_recipients(a.results + b.results, reference)
    splits = []
    if level == "samverkansregion":
        (rolled_a, _held_a, splits_a), (rolled_b, _held_b, splits_b) = (
            roll_up(a.amounts(), known),
            roll_up(b.amounts(), known),
        )
        amounts_a, amounts_b = _totals(rolled_a), _totals(rolled_b)
        splits = splits_a + splits_b
    else:
        amounts_a, amounts_b = _totals(a.amounts()), _totals(b.amounts())
    basis_a = per_capita_basis(a.results, reference, a.population)
    basis_b = per_capita_basis(b.results, reference, b.population)

    def per_inhabitant(kronor: int, rid: str, basis: PopulationDataset | None) -> Decimal | None:
        """Blank where a side gives the recipient nothing: 0,00 kr per inhabitant would read as a figure."""
        if not kronor:
            return None
        return kr_per_inhabitant(kronor, known.recipients[rid], basis, known, level == "samverkansregion")

    key_a, key_b = a.label, b.label  # CSV headers say which side is which: recipient,…,2020,2022,change,…
    per_a, per_b = f"kr_per_inhabitant_{a.label}", f"kr_per_inhabitant_{b.label}"
    rows: list[dict[str, Any]] = []
    for rid in sorted(set(amounts_a) | set(amounts_b), key=known.rank):
        recipient = known.recipients[rid]
        value_a, value_b = amounts_a.get(rid, 0), amounts_b.get(rid, 0)
        rows.append(
            {
                "recipient": rid,
                "name": recipient.name,
                "short_name": recipient.short_name,
                "kind": recipient.kind,
                key_a: value_a,
                key_b: value_b,
                "change": value_b - value_a,
                "change_percent": percent(value_b - value_a, value_a),
                per_a: per_inhabitant(value_a, rid, basis_a),
                per_b: per_inhabitant(value_b, rid, basis_b),
            }
        )
    total_a, total_b = sum(r[key_a] for r in rows), sum(r[key_b] for r in rows)
    if (total_a, total_b) != (a.total, b.total):  # a comparison must never lose a krona
        raise AssertionError(f"rows add up to {total_a} and {total_b} kr, the pots to {a.total} and {b.total} kr")
    add_shares(rows, key_b)
    rows = sort_rows(rows, SORTED_BY.get(sort, sort).format(a=key_a, b=key_b, per_b=per_b), reverse)
    per_capita_title = _("kr/inh. {label}")
    columns = [
        Column("recipient", _("Id")),
        Column("name", _("Name"), human=False),
        Column("short_name", _("Recipient"), machine=False),
        Column("kind", _("Kind"), human=False),
        Column(key_a, a.label, KR),
        Column(key_b, b.label, KR),
        Column("change", _("Change"), KR),
        Column("change_percent", "%", DECIMAL),
        Column(SHARE, _("Share % {label}").format(label=b.label), DECIMAL, machine=False),
        Column(per_a, per_capita_title.format(label=a.label), DECIMAL),
        Column(per_b, per_capita_title.format(label=b.label), DECIMAL),
    ]
    warning = unlike_warning([(side.label, [r.agreement for r in side.results]) for side in (a, b)])
    notes = [warning] if warning else []
    if a.funder or b.funder:
        notes.append(f"Only the money {a.funder or b.funder} pays, on both sides (--funder).")
    notes += [
        f"A = {a.label}: {_titles(a)}, {format_kr(total_a, ' ')} kr.",
        f"B = {b.label}: {_titles(b)}, {format_kr(total_b, ' ')} kr.",
        _("Change is B − A in kronor; % is the change as a share of A (blank where A is 0)."),
        *unit_notes(unit),
    ]
    if level == "samverkansregion":
        notes += [_("Regions' amounts are rolled up into their samverkansregion."), *split_note(known, splits)]
    for side_label, basis in ((a.label, basis_a), (b.label, basis_b)):
        if basis is not None:
            notes.append(
                _("{column}: population {population}.").format(
                    column=per_capita_title.format(label=side_label), population=basis.described
                )
            )
    return Report(
        title=_("Comparison {a} → {b}").format(a=a.label, b=b.label) + unit_title(unit),
        columns=columns,
        rows=rows,
        footer=footers(rows, compare_sums(key_a, key_b), total_b),
        notes=notes,
        unit=unit,
        data={
            "a": {"label": a.label, "agreements": [r.agreement.id for r in a.results], "total": total_a},
            "b": {"label": b.label, "agreements": [r.agreement.id for r in b.results], "total": total_b},
            "change": total_b - total_a,
            "funder": a.funder,
            "warnings": notes[:1] if warning else [],
            "recipients": rows,
        },
    )


#: The row key each --sort value orders by (filled in with the sides' keys), where it is not the key itself.
SORTED_BY = {"a": "{a}", "b": "{b}", "total": "{b}", "code": "recipient", "per-capita": "{per_b}"}


def compare_sums(key_a: str, key_b: str) -> Sums:
    """How a comparison's rows add up: both sides and the change; the change in percent follows from the sums."""

    def change_percent(line: dict) -> None:
        line["change_percent"] = percent(line["change"], line[key_a])

    return Sums(
        keys=[key_a, key_b, "change"],
        total=key_b,
        label="short_name",
        per_capita=f"kr_per_inhabitant_{key_b}",
        derive=change_percent,
    )


def sort_rows(rows: list[dict], sort: str, reverse: bool = False) -> list[dict]:
    """Recipient order and name ascend; amounts (*sort* is a row key) descend; *reverse* flips; blanks go last."""
    if sort == "recipient":
        return list(reversed(rows)) if reverse else rows
    if sort == "name":
        return sorted(rows, key=lambda r: r["name"].casefold(), reverse=reverse)
    key = "change_percent" if sort == "percent" else sort
    present = [r for r in rows if r[key] is not None]
    blank = [r for r in rows if r[key] is None]
    return sorted(present, key=lambda r: r[key], reverse=not reverse) + blank


def _totals(amounts: dict[str, dict]) -> dict[str, int]:
    """One total per recipient, whatever columns (or population dates) its kronor came in."""
    return {rid: sum(by_key.values()) for rid, by_key in amounts.items()}


def _titles(side: Side) -> str:
    return "; ".join(label(result.agreement) for result in side.results)
