"""How one recipient's kronor were computed: every pot it gets money from, with the arithmetic written out.

Built from the engine's own derivation (weight, total weight, kronor from the
remainder), so what ``explain`` shows is what ``allocate`` computed, not a
second calculation that could drift from it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..engine import AgreementResult, Part, PotResult
from ..formatting import NBSP, format_kr
from ..i18n import _, ngettext
from ..reference import REGION, SAMVERKANSREGION, PopulationDataset, Recipient, Reference
from ..report import INTEGER, KR, Column, Report
from ..rules import rule_text
from .common import ASSUMPTION_MARK, agreement_columns, assumption_note, exact_share, funders_text
from .rollup import kommun_figures_text


def rounding(part: Part) -> str:
    """Whether the share was exact, rounded down, or got a krona (a unit) from the remainder."""
    if part.exact == part.amount:
        return _("exact")
    if part.extra:
        return _("up: {amount} kr from the remainder").format(amount=format_kr(part.extra, NBSP))
    return _("down")


def explain_report(
    results: list[AgreementResult], known: Reference, recipient: Recipient, year: int, funder: str | None = None
) -> Report:
    """One row per pot that gives *recipient* money, the arithmetic, who pays it, and notes on population and
    assumptions. *funder* says the results hold only that funder's money (``funder_money.for_funder``)."""
    rows: list[dict[str, Any]] = []
    marks: dict[tuple[int, str], str] = {}
    found: list[tuple[AgreementResult, PotResult, Part]] = []
    several = len(results) > 1
    for result in results:
        agreement = result.agreement
        models = {(area.id, pot.id): pot for area, pot in agreement.pots()}
        for pot in result.pots:
            part = next((p for p in pot.parts if p.recipient == recipient.id), None)
            if part is None:
                continue
            model = models[(pot.area_id, pot.pot_id)]
            found.append((result, pot, part))
            if pot.assumption or pot.basis.assumed:
                marks[(len(rows), "amount")] = ASSUMPTION_MARK
            rows.append(
                {
                    "agreement": agreement.id,
                    "pot": pot.key,  # the agreement has its own column, shown when there are several
                    "title": model.title or "",
                    "rule": rule_text(model.rule, pot.basis.dataset),
                    "arithmetic": pot.rule.arithmetic(part),
                    "rounding": rounding(part),
                    "pot_amount": pot.amount,
                    "weight": part.weight,
                    "total_weight": part.total_weight,
                    "exact_share": exact_share(part),
                    "from_remainder": part.extra,
                    "funders": funders_text(pot.funders_of(recipient.id)) or _("not stated"),
                    "amount": part.amount,
                }
            )
    total = sum(row["amount"] for row in rows)
    columns = [
        *agreement_columns("agreement", human=several),
        *agreement_columns("pot", "title", "rule"),
        Column("arithmetic", _("Arithmetic")),
        Column("rounding", _("Rounding")),
        Column("pot_amount", _("Pot amount"), KR, human=False),
        Column("weight", _("Weight"), INTEGER, human=False),
        Column("total_weight", _("Total weight"), INTEGER, human=False),
        Column("exact_share", _("Exact share"), human=False),
        Column("from_remainder", _("From the remainder"), KR, human=False),
        *agreement_columns("funders", "amount"),
    ]
    title = ngettext(
        "{name} ({id}) {year}: {total} kr from {count} pot",
        "{name} ({id}) {year}: {total} kr from {count} pots",
        len(rows),
    ).format(name=recipient.name, id=recipient.id, year=year, total=format_kr(total, " "), count=len(rows))
    notes = _notes(found, known, recipient, results, year)
    if funder is not None:
        notes.insert(
            0,
            _(
                "Only the money {funder} pays (--funder); of a pot paid by several funders, {funder}'s kronor of the "
                "part: the funder's amount × the part / the pot, by largest remainder."
            ).format(funder=funder),
        )
    return Report(
        title=title,
        columns=columns,
        rows=rows,
        footer=[{"pot": _("Total"), "amount": total}] if rows else [],
        notes=notes,
        marks=marks,
        data=_data(found, recipient, year, total, notes),
    )


def _notes(found: list, known: Reference, recipient: Recipient, results: list[AgreementResult], year: int) -> list[str]:
    notes: list[str] = []
    if not found:
        notes.append(
            _("{name} receives no money directly from the agreements of {year}.").format(name=recipient.name, year=year)
        )
    if any(pot.rule.proportional for _result, pot, _part in found):
        notes.append(
            _(
                "Arithmetic: pot × weight / total weight = the exact share, ≈ when it is cut to three decimals; "
                "→ the whole kronor paid. Each pot is split by the largest-remainder method: every recipient gets "
                "the whole kronor of its exact share, and the kronor left over go one each to the largest fractions "
                "(ties: the larger weight, then regions in län-code order, samverkansregioner, organisations)."
            )
        )
    datasets: dict[str, tuple[PopulationDataset, bool]] = {}
    for _result, pot, _part in found:
        if pot.basis.dataset is not None:
            datasets.setdefault(pot.basis.dataset.id, (pot.basis.dataset, pot.basis.assumed))
    for dataset, assumed in datasets.values():
        figure = dataset.figures.get(recipient.id)
        if figure is not None:
            who = _("{name} {figure} of {total} inhabitants").format(
                name=recipient.short_name, figure=format_kr(figure, " "), total=format_kr(dataset.total, " ")
            )
        else:
            who = _("{total} inhabitants in all").format(total=format_kr(dataset.total, " "))
        note = _("Population {date}: {who}. Source: {source}.").format(date=dataset.id, who=who, source=dataset.source)
        if assumed:
            note += " " + _("The file states no date: the newest dataset before the year is used.")
        notes.append(note)
    split_dates = {
        pot.basis.dataset.date
        for _result, pot, _part in found
        if recipient.kind == SAMVERKANSREGION and pot.basis.dataset is not None
    }
    if split_dates:
        figures = [f for day in sorted(split_dates, key=lambda d: d or date.max) for f in known.splits_at(day).values()]
        notes.append(
            _(
                "Weights of samverkansregioner are populations times the split regions' kommun totals, so that "
                "Region Halland's split between Södra and Västra stays exact; its kommun figures: {figures}."
            ).format(figures="; ".join(kommun_figures_text(f, known) for f in figures))
        )
    for result, pot, _part in found:
        if pot.assumption or pot.basis.assumed:
            text = pot.assumption or _("the population date is not stated")
            notes.append(assumption_note(f"{result.agreement.id}/{pot.key}", text))
    notes += _relations(results, known, recipient, year)
    return notes


def _relations(results: list[AgreementResult], known: Reference, recipient: Recipient, year: int) -> list[str]:
    """Money that reaches the recipient's samverkansregion (for a region) or members (for a samverkansregion)."""
    received: dict[str, int] = {}
    for result in results:
        for pot in result.pots:
            for part in pot.parts:
                received[part.recipient] = received.get(part.recipient, 0) + part.amount
    if recipient.kind == REGION:
        notes = []
        for sid in recipient.samverkansregioner:
            group = known.recipients[sid]
            notes.append(
                _(
                    "{name} is part of {group}, which receives {amount} kr of {year}'s money itself "
                    "(vardmedel explain {year} --recipient {id})."
                ).format(
                    name=recipient.short_name,
                    group=group.name,
                    amount=format_kr(received.get(sid, 0), " "),
                    year=year,
                    id=sid,
                )
            )
        return notes
    if recipient.kind == SAMVERKANSREGION:
        members = known.members(recipient.id)
        return [
            _(
                "Its regions ({members}) receive {amount} kr of {year}'s money themselves; "
                "vardmedel allocate {year} --level samverkansregion rolls them up."
            ).format(
                members=", ".join(members),
                amount=format_kr(sum(received.get(m, 0) for m in members), " "),
                year=year,
            )
        ]
    return []


def _data(found: list, recipient: Recipient, year: int, total: int, notes: list[str]) -> dict:
    pots = []
    for result, pot, part in found:
        dataset = pot.basis.dataset
        pots.append(
            {
                "agreement": result.agreement.id,
                "area": pot.area_id,
                "pot": pot.pot_id,
                "rule": pot.kind,
                "pot_amount": pot.amount,
                "weight": part.weight,
                "total_weight": part.total_weight,
                "exact_share": exact_share(part),
                "amount": part.amount,
                "from_remainder": part.extra,
                "unit": part.unit,
                "arithmetic": pot.rule.arithmetic(part).replace(NBSP, " "),
                "population": None
                if dataset is None
                else {
                    "id": dataset.id,
                    "figure": dataset.figures.get(recipient.id),
                    "total": dataset.total,
                    "source": dataset.source,
                    "date_assumed": pot.basis.assumed,
                },
                "assumption": pot.assumption,
                "funders": pot.funders_of(recipient.id),
            }
        )
    return {
        "recipient": {"id": recipient.id, "name": recipient.name, "kind": recipient.kind},
        "year": year,
        "total": total,
        "pots": pots,
        "notes": notes,
    }
