"""Engine results to Reports: recipients × areas, pots, agreements or years, with totals and notes.

Views are pure: results and reference data in, a neutral ``report.Report``
out. Every view that sums money asserts that its rows add up to the pots, so
no report can lose or invent a krona; display units (``tkr``, ``mnkr``) only
change how people's formats show the whole kronor underneath.
"""

from __future__ import annotations

from collections import defaultdict
from functools import partial
from typing import NamedTuple

from ..agreement_series import carried_into
from ..engine import AgreementResult, PotResult
from ..formatting import format_kr
from ..funder_money import FundingSummary, summarize
from ..i18n import _, ngettext
from ..reference import PopulationDataset, Reference
from ..report import DECIMAL, KR, Chart, Column, Report
from ..rules import rule_text
from .common import (
    ASSUMPTION_MARK,
    agreement_columns,
    assumption_note,
    distinct_titles,
    exact_share,
    funder_notes,
    funders_text,
    known_recipients,
    kr_per_inhabitant,
    per_capita_basis,
    per_inhabitant_note,
    plain,
    source_text,
    unit_notes,
    unit_title,
)
from .coverage import carried_note, scope_notes, unlike_warning, validity_notes
from .rollup import roll_up, split_note
from .selection import SHARE, Selection, Sums, add_shares, footers, select


class Tally:
    """Kronor per recipient and column, with the columns that rest on an assumption.

    A plain class (a dataclass costs about 1 ms to create, on every run).
    """

    def __init__(self, by_year: bool = False) -> None:
        self.amounts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        # the same kronor by (column, population date of the pot): roll-ups split Halland by that date's kommuner
        self.dated: dict[str, dict[tuple, int]] = defaultdict(lambda: defaultdict(int))
        self.assumed: dict[str, set[str]] = defaultdict(set)
        self.assumptions: dict[str, str] = {}  # "agreement/area/pot" -> the assumption
        self.keys: list[str] = []
        self.titles: dict[str, str] = {}
        self.short_titles: dict[str, str] = {}  # narrow headers for tables, where they differ
        self.pots = 0
        self.pots_total = 0
        self.by_year = by_year  # a column per year: kronor per inhabitant are over all the years


class Named(NamedTuple):  # a NamedTuple: imported on every run, and a dataclass costs about 1 ms to create
    """A column of an allocation: its machine key, its title, and a short title for table headers ('' if none)."""

    key: str
    title: str
    short: str = ""


def _column_keys(results: list[AgreementResult], by: str) -> dict[tuple[str, str], Named]:
    """(agreement id, pot key) -> the column it adds into; agreement ids prefix only keys that clash."""
    named: dict[tuple[str, str], Named] = {}
    for result in results:
        agreement = result.agreement
        areas = {area.id: area for area in agreement.areas}
        for pot in result.pots:
            area = areas[pot.area_id]
            if by == "year":
                column = Named(str(agreement.year), str(agreement.year))
            elif by == "agreement":
                column = Named(agreement.id, agreement.title)
            elif by == "area":
                column = Named(pot.area_id, area.title, area.short_title or "")
            else:
                pot_model = next(p for p in area.pots if p.id == pot.pot_id)
                column = Named(pot.key, pot_model.title or pot.key)
            named[(agreement.id, pot.key)] = column
    owners: dict[str, set[str]] = defaultdict(set)
    for (agreement_id, _pot), column in named.items():
        owners[column.key].add(agreement_id)
    return {
        place: Named(f"{place[0]}/{column.key}", column.title, column.short)
        if len(owners[column.key]) > 1 and by != "year"
        else column
        for place, column in named.items()
    }


def tally(results: list[AgreementResult], by: str) -> Tally:
    """Add every part of every pot into its recipient's column."""
    columns_of = _column_keys(results, by)
    found = Tally(by_year=by == "year")
    for result in results:
        for pot in result.pots:
            column = columns_of[(result.agreement.id, pot.key)]
            key = column.key
            found.titles[key] = column.title
            if column.short and column.short != column.title:
                found.short_titles[key] = column.short
            rests_on_assumption = bool(pot.assumption or pot.basis.assumed)
            for part in pot.parts:
                found.amounts[part.recipient][key] += part.amount
                found.dated[part.recipient][(key, pot.as_of)] += part.amount
                if rests_on_assumption:
                    found.assumed[part.recipient].add(key)
            if rests_on_assumption:
                found.assumptions[f"{result.agreement.id}/{pot.key}"] = pot.assumption or _(
                    "the population date is not stated"
                )
            found.pots += 1
            found.pots_total += pot.amount
    found.keys = list(dict.fromkeys(column.key for column in columns_of.values()))
    if by == "year":
        found.keys.sort()
    return found


def allocation_report(
    results: list[AgreementResult],
    reference: Reference,
    by: str = "area",
    title: str = "",
    population: PopulationDataset | None = None,
    level: str = "recipient",
    unit: str = "kr",
    workbook: bool = False,
    funding: FundingSummary | None = None,
) -> Report:
    """One row per recipient (regions by län code, then samverkansregioner, then organisations).

    With *level* ``samverkansregion`` the regions' money is rolled up into the
    six. With *workbook* the report carries a sheet per agreement and one of
    sources and assumptions, for formats that have sheets. *funding* says who pays
    (by default, from the pots; ``funder_money.for_funder`` gives it for one funder's money).
    """
    found = tally(results, by)
    funding = funding or summarize(results)
    basis = per_capita_basis(results, reference, population)
    report = _amounts_report(found, known_recipients(results, reference), title, basis, level, unit)
    agreements = [result.agreement for result in results]
    # Who pays and what the agreements cover: after the notes on the table, before the assumptions.
    at = next((i for i, note in enumerate(report.notes) if note.startswith(ASSUMPTION_MARK)), len(report.notes))
    report.notes[at:at] = funder_notes(funding) + scope_notes(agreements) + validity_notes(agreements)
    report.data = partial(allocation_data, results, report.rows, found.pots_total, basis, funding)
    if workbook:
        report.name = _("Summary")
        sources = "; ".join(dict.fromkeys(source_text(r.agreement.source) for r in results))
        report.source = _("Sources: {sources}").format(sources=sources)
        if basis is not None:
            report.chart = Chart(_("Kronor per inhabitant"), "name", "kr_per_inhabitant")
        for result in results:
            sheet = allocation_report([result], reference, "area" if by == "year" else by, "", population, level, unit)
            sheet.title, sheet.name = result.agreement.title, result.agreement.id
            report.sheets.append(sheet)
        report.sheets.append(sources_report(results))
    return report


def _amounts_report(
    found: Tally, known: Reference, title: str, basis: PopulationDataset | None, level: str, unit: str
) -> Report:
    amounts, assumed = found.amounts, found.assumed
    level_notes: list[str] = []
    if level == "samverkansregion":
        amounts, holds, splits = roll_up(found.dated, known)
        assumed = defaultdict(set, {rid: set(keys) for rid, keys in found.assumed.items()})
        for target, regions in holds.items():
            for region in regions:
                assumed[target] |= found.assumed.get(region, set())
        level_notes = [
            _(
                "Regions' amounts are rolled up into their samverkansregion, with the money the samverkansregion "
                "receives itself."
            ),
            *split_note(known, splits),
        ]
    order = sorted(amounts, key=known.rank)
    own = {"recipient": _("Id"), "name": _("Recipient"), "kind": _("Kind"), "total": _("Total"), SHARE: _("Share %")}
    own["kr_per_inhabitant"] = _("kr/inh.")
    titles = distinct_titles({key: found.titles[key] for key in found.keys}, own.values())
    headers = distinct_titles({key: found.short_titles.get(key) or titles[key] for key in found.keys}, own.values())
    shorts = {key: header for key, header in headers.items() if header != titles[key]}
    columns = [
        Column("recipient", own["recipient"], human=False),  # people read the names (explain -r takes them too)
        Column("name", own["name"]),
        Column("kind", own["kind"], human=False),
        *[Column(key, titles[key], KR, short=shorts.get(key, ""), breakdown=True) for key in found.keys],
        Column("total", own["total"], KR),
        Column(SHARE, own[SHARE], DECIMAL, machine=False),
    ]
    if basis is not None:
        columns.append(Column("kr_per_inhabitant", own["kr_per_inhabitant"], DECIMAL))
    rows, marks = [], {}
    for index, rid in enumerate(order):
        recipient = known.recipients[rid]
        row: dict = {"recipient": rid, "name": recipient.name, "short_name": recipient.short_name}
        row["kind"] = recipient.kind
        for key in found.keys:
            row[key] = amounts[rid].get(key, 0)
            if key in assumed[rid] and row[key]:
                marks[(index, key)] = ASSUMPTION_MARK
        row["total"] = sum(amounts[rid].values())
        if basis is not None:
            row["kr_per_inhabitant"] = kr_per_inhabitant(
                row["total"], recipient, basis, known, level == "samverkansregion"
            )
        rows.append(row)
    grand = add_shares(rows, "total")
    if grand != found.pots_total:  # the engine guarantees this; a report must never hide a lost krona
        raise AssertionError(f"recipients add up to {grand} kr but the pots to {found.pots_total} kr")
    notes = [check_note(len(rows), grand, found.pots)]
    notes += unit_notes(unit)
    notes += level_notes
    notes += [f"{short}: {titles[key]}" for key, short in shorts.items()]
    if basis is not None:
        notes.append(per_inhabitant_note(basis, level == "samverkansregion", over_years=found.by_year))
    notes += [assumption_note(pot_key, text) for pot_key, text in found.assumptions.items()]
    return Report(
        title=title + unit_title(unit),
        columns=columns,
        rows=rows,
        footer=footers(rows, amount_sums(found.keys), grand),
        notes=notes,
        marks=marks,
        unit=unit,
    )


def select_rows(report: Report, selection: Selection, known: Reference) -> Report:
    """*report* (of ``allocation_report``) with only the recipients, order and number *selection* asks for."""
    return select(report, selection, amount_sums([c.key for c in report.columns if c.breakdown]), known)


def amount_sums(keys: list[str]) -> Sums:
    """How an allocation's rows add up: every money column and the total."""
    return Sums(keys=[*keys, "total"], total="total", label="name")


def years_report(
    results: list[AgreementResult],
    reference: Reference,
    years: list[int],
    title: str = "",
    level: str = "recipient",
    unit: str = "kr",
    workbook: bool = False,
    funding: FundingSummary | None = None,
) -> Report:
    """Recipients × years: a column per year that has agreements, and the total over them.

    Notes say which years have no agreement (and whose earlier money may be used in
    them), and warn when the years hold unlike things (``coverage.unlike_warning``).
    """
    report = allocation_report(results, reference, "year", title, None, level, unit, workbook, funding)
    agreements = [result.agreement for result in results]
    notes = []
    shown = sorted({agreement.year for agreement in agreements})
    warning = unlike_warning([(str(year), [a for a in agreements if a.year == year]) for year in shown], "years")
    if warning:
        notes.append(warning)
    missing = [year for year in years if year not in shown]
    if missing:
        notes.append(
            _("No agreement for {years}: those years are left out.").format(years=", ".join(map(str, missing)))
        )
    for year in missing:
        carried = carried_into(agreements, year)
        if carried:
            notes.append(carried_note(year, carried))
    report.notes[1:1] = notes
    return report


def allocation_data(
    results: list[AgreementResult], rows: list[dict], grand: int, basis, funding: FundingSummary
) -> dict:
    """The machine-readable result: who pays, and every pot with every part's arithmetic and funders."""
    return {
        "total": grand,
        "per_capita_population": basis.id if basis else None,
        "funders": {
            "by_funder": funding.by_funder,
            "unknown": funding.unknown,
            "of_total": funding.total,
            "only": funding.funder,
        },
        "recipients": rows,
        "agreements": [
            {
                "id": r.agreement.id,
                "year": r.agreement.year,
                "title": r.agreement.title,
                "scope": None if r.agreement.scope is None else r.agreement.scope.part,
                "series": r.agreement.series,
                "valid": [r.agreement.valid_years[0], r.agreement.valid_years[-1]],
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
        "funding": pot.funding,
        "parts": [
            {
                "recipient": part.recipient,
                "amount": part.amount,
                "weight": part.weight,
                "total_weight": part.total_weight,
                "exact_share": exact_share(part),
                "from_remainder": part.extra,
                "funders": pot.funders_of(part.recipient),
            }
            for part in pot.parts
        ],
    }


def sources_report(results: list[AgreementResult]) -> Report:
    """Every pot with its rule, basis, source, the source's words and any assumption: the workbook's last sheet."""
    rows = []
    for result in results:
        agreement = result.agreement
        areas = {area.id: area for area in agreement.areas}
        for pot in result.pots:
            area = areas[pot.area_id]
            model = next(p for p in area.pots if p.id == pot.pot_id)
            dataset = pot.basis.dataset
            basis = pot.basis.description
            if dataset is not None:
                basis = _("population {date}: {source}").format(date=dataset.id, source=dataset.source)
                if pot.basis.assumed:
                    basis += _(" (date not stated in the file: the newest dataset before the year)")
            rows.append(
                {
                    "agreement": agreement.id,
                    "area": pot.area_id,
                    "pot": pot.pot_id,
                    "title": model.title or "",
                    "amount": pot.amount,
                    "funders": funders_text(pot.funding),
                    "rule": rule_text(model.rule, dataset),
                    "basis": basis,
                    "source": source_text(area.source or agreement.source),
                    "quote": plain(model.quote),
                    "assumption": plain(pot.assumption),
                }
            )
    columns = [
        *agreement_columns("agreement", "area", "pot", "title", "amount", "funders", "rule"),
        Column("basis", _("Basis")),
        *agreement_columns("source", "quote", "assumption"),
    ]
    return Report(title=_("Sources and assumptions"), columns=columns, rows=rows, name=_("Sources"))


def check_note(recipients: int, total: int, pots: int) -> str:
    """The line that says no krona was lost: the rows add up to the pots."""
    return _("Check: the amounts of {recipients} add up to {total} kr, the sum of {pots}.").format(
        recipients=ngettext("{count} recipient", "{count} recipients", recipients).format(count=recipients),
        total=format_kr(total, " "),
        pots=ngettext("{count} pot", "{count} pots", pots).format(count=pots),
    )
