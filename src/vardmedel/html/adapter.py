"""An ``api.Allocation`` to ``ReportData``: the same rows, totals and notes that ``allocate`` prints as CSV.

The rows come from the allocation view itself (not a second sum of the
pots), so the report's table cannot drift from ``allocate --format csv``.
"""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING

from .. import __version__
from ..formatting import per_capita
from ..funders import totals
from ..money import funders_in_order
from ..report import KR
from ..views.allocation import sources_report, years_report
from ..views.common import per_capita_basis
from .data import REGION, RecipientRow, ReportData, Series, SourceRow
from .text import t

if TYPE_CHECKING:
    from ..api import Allocation

SOURCE_FIELDS = [field.name for field in fields(SourceRow) if field.name != "funders"]


def report_data(allocation: Allocation, years: list[int] | None = None) -> ReportData:
    """The report of one year's agreements by area, or with *years* the years as columns."""
    results = list(allocation.results)
    if years:
        table = years_report(results, allocation.reference, years)
        first, last = years[0], years[-1]
        title = t("title_year", year=first) if first == last else t("title_years", first=first, last=last)
        command = f"--years {first}-{last}" if first != last else f"--years {first}"
    else:
        table = allocation.report("area")
        year = results[0].agreement.year
        title, command = t("title_year", year=year), str(year)
    series = [Series(c.key, c.title) for c in table.columns if c.kind == KR and c.key != "total"]
    basis = per_capita_basis(results, allocation.reference, allocation.population)
    rows = []
    for index, row in enumerate(table.rows):
        population = basis.figures.get(row["recipient"]) if basis and row["kind"] == REGION else None
        shown = row.get("kr_per_inhabitant")
        if shown is None and population and row["total"]:  # the years view has no column of its own
            shown = per_capita(row["total"], population)
        rows.append(
            RecipientRow(
                id=row["recipient"],
                name=row["name"],
                short_name=row["short_name"],
                kind=row["kind"],
                amounts={s.key: row[s.key] for s in series},
                total=row["total"],
                population=population,
                per_capita=shown,
                assumed=frozenset(key for (at, key) in table.marks if at == index),
            )
        )
    legend = {f"{s.key}: {s.title}" for s in series}  # the headers show the titles already
    notes = [note for note in table.notes if note not in legend]
    if years and basis is not None:
        notes.append(t("per_capita_years", population=f"{basis.id} ({basis.source})"))
    fundings = [pot.funding for result in results for pot in result.pots]  # who pays each pot (engine.PotResult)
    paid, unknown = totals(fundings, [pot.amount for result in results for pot in result.pots])
    paid = {funder: paid[funder] for funder in funders_in_order(paid)}
    return ReportData(
        title=title,
        subtitle="; ".join(r.agreement.title for r in results),
        by="year" if years else "area",
        series=series,
        rows=rows,
        pots=len(fundings),
        command=command,
        version=__version__,
        population=f"{basis.id} ({basis.source})" if basis else "",
        notes=notes,
        sources=[
            SourceRow(**{name: row[name] for name in SOURCE_FIELDS if name in row}, funders=funding)
            for row, funding in zip(sources_report(results).rows, fundings, strict=True)
        ],
        funders=paid,
        unfunded=unknown,
        region_names={region.id: region.short_name for region in allocation.reference.regions},
    )
