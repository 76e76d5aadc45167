"""Engine results to Reports: recipients × areas, pots or agreements, with totals and notes."""

from __future__ import annotations

from collections import defaultdict

from .amounts import format_kr
from .engine import AgreementResult, PotResult, recipients_of
from .reference import REGION, PopulationDataset, Reference
from .report import DECIMAL, KR, Column, Report, per_capita

BY_CHOICES = ("area", "pot", "agreement")
ASSUMPTION_MARK = "*"


def _column_keys(results: list[AgreementResult], by: str) -> dict[tuple[str, str], tuple[str, str]]:
    """(agreement id, pot key) -> (column key, column title); agreement ids prefix only names that clash."""
    plain: dict[tuple[str, str], tuple[str, str]] = {}
    for result in results:
        agreement = result.agreement
        areas = {area.id: area for area in agreement.areas}
        for pot in result.pots:
            if by == "agreement":
                key, title = agreement.id, agreement.title
            elif by == "area":
                key, title = pot.area_id, areas[pot.area_id].title
            else:
                pot_model = next(p for p in areas[pot.area_id].pots if p.id == pot.pot_id)
                key, title = pot.key, pot_model.title or pot.key
            plain[(agreement.id, pot.key)] = (key, title)
    owners: dict[str, set[str]] = defaultdict(set)
    for (agreement_id, _), (key, _) in plain.items():
        owners[key].add(agreement_id)
    return {
        (agreement_id, pot_key): ((f"{agreement_id}/{key}" if len(owners[key]) > 1 else key), title)
        for (agreement_id, pot_key), (key, title) in plain.items()
    }


def per_capita_basis(results: list[AgreementResult], reference: Reference, override: PopulationDataset | None):
    """The population used for kronor per inhabitant: the one the pots used, else the newest before the year."""
    if override is not None:
        return override
    used = {p.basis.dataset.id: p.basis.dataset for r in results for p in r.pots if p.basis.dataset}
    if len(used) == 1:
        return next(iter(used.values()))
    years = {r.agreement.year for r in results}
    return reference.default_population(max(years)) if years else None


def allocation_report(
    results: list[AgreementResult],
    reference: Reference,
    by: str = "area",
    title: str = "",
    population: PopulationDataset | None = None,
) -> Report:
    """One row per recipient (regions by län code, then samverkansregioner, then organisations)."""
    known = reference
    for result in results:
        known = recipients_of(result.agreement, known)
    columns_of = _column_keys(results, by)
    amounts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    assumed: dict[str, set[str]] = defaultdict(set)
    notes: dict[str, str] = {}
    for result in results:
        for pot in result.pots:
            key, _ = columns_of[(result.agreement.id, pot.key)]
            for part in pot.parts:
                amounts[part.recipient][key] += part.amount
                if pot.assumption or pot.basis.assumed:
                    assumed[part.recipient].add(key)
            if pot.assumption or pot.basis.assumed:
                notes[f"{result.agreement.id}/{pot.key}"] = pot.assumption or "population date not stated"
    order = sorted(amounts, key=lambda rid: known.recipients[rid].sort_key)
    keys = list(dict.fromkeys(key for key, _ in columns_of.values()))
    titles = {key: title for key, title in columns_of.values()}
    basis = per_capita_basis(results, reference, population)
    columns = [
        Column("recipient", "Id"),
        Column("name", "Name", human=False),
        Column("short_name", "Mottagare", machine=False),
        Column("kind", "Slag", human=False),
        *[Column(key, titles[key], KR, short=key) for key in keys],
        Column("total", "Totalt", KR),
    ]
    if basis is not None:
        columns.append(Column("kr_per_inhabitant", "kr/inv.", DECIMAL))
    rows, marks = [], {}
    for index, rid in enumerate(order):
        recipient = known.recipients[rid]
        row: dict = {"recipient": rid, "name": recipient.name, "short_name": recipient.short_name}
        row["kind"] = recipient.kind
        for key in keys:
            row[key] = amounts[rid].get(key, 0)
            if key in assumed[rid]:
                marks[(index, key)] = ASSUMPTION_MARK
        row["total"] = sum(amounts[rid].values())
        if basis is not None:
            figure = basis.figures.get(rid) if recipient.kind == REGION else None
            row["kr_per_inhabitant"] = per_capita(row["total"], figure) if figure else None
        rows.append(row)
    grand = sum(row["total"] for row in rows)
    pots_total = sum(r.total for r in results)
    if grand != pots_total:  # the engine guarantees this; a report must never hide a lost krona
        raise AssertionError(f"recipients add up to {grand} kr but the pots to {pots_total} kr")
    footer = {key: sum(row.get(key) or 0 for row in rows) for key in keys}
    footer.update(short_name="Totalt", total=grand)
    report_notes = [
        f"Check: the {len(rows)} recipients' amounts add up to {format_kr(grand, ' ')} kr, "
        f"which equals the sum of the {sum(len(r.pots) for r in results)} pots."
    ]
    report_notes += [f"{key}: {titles[key]}" for key in keys if key != titles[key]]
    if basis is not None:
        report_notes.append(f"kr/inv.: kronor per inhabitant, population {basis.id} ({basis.source}).")
    for pot_key, text in notes.items():
        report_notes.append(f"{ASSUMPTION_MARK} {pot_key}: {' '.join(text.split())}")
    return Report(
        title=title,
        columns=columns,
        rows=rows,
        footer=[footer],
        notes=report_notes,
        data=allocation_data(results, rows, grand, basis),
        marks=marks,
    )


def allocation_data(results: list[AgreementResult], rows: list[dict], grand: int, basis) -> dict:
    """The machine-readable result: every pot with every part's arithmetic."""
    return {
        "total": grand,
        "per_capita_population": basis.id if basis else None,
        "recipients": rows,
        "agreements": [
            {
                "id": r.agreement.id,
                "year": r.agreement.year,
                "title": r.agreement.title,
                "stated_total": r.agreement.total,
                "total": r.total,
                "pots": [pot_data(p) for p in r.pots],
            }
            for r in results
        ],
    }


def pot_data(pot: PotResult) -> dict:
    dataset = pot.basis.dataset
    return {
        "area": pot.area_id,
        "pot": pot.pot_id,
        "amount": pot.amount,
        "rule": pot.kind,
        "basis": pot.basis.description,
        "population": None if dataset is None else {"id": dataset.id, "total": dataset.total, "source": dataset.source},
        "population_date_assumed": pot.basis.assumed,
        "assumption": pot.assumption,
        "parts": [
            {
                "recipient": part.recipient,
                "amount": part.amount,
                "weight": part.weight,
                "total_weight": part.total_weight,
                "exact_share": f"{part.exact.numerator}/{part.exact.denominator}",
                "from_remainder": part.extra,
            }
            for part in pot.parts
        ],
    }
