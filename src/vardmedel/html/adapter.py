"""Engine results to ``ReportData``: the same rows, totals and notes that ``allocate`` prints as CSV.

The rows come from the allocation view itself (not a second sum of the
pots), so the report's table cannot drift from ``allocate --format csv``.
"""

from __future__ import annotations

from .. import __version__
from ..report import KR, per_capita
from ..views import allocation_report, per_capita_basis, sources_report, years_report
from .data import REGION, Funding, RecipientRow, ReportData, Series, SourceRow
from .text import t


def report_data(results: list, reference, override=None, years: list[int] | None = None) -> ReportData:
    """The report of *results*: one year's agreements by area, or with *years* the years as columns."""
    if years:
        table = years_report(results, reference, years)
        first, last = years[0], years[-1]
        title = t("title_year", year=first) if first == last else t("title_years", first=first, last=last)
        command = f"--years {first}-{last}" if first != last else f"--years {first}"
    else:
        table = allocation_report(results, reference, "area", "", override)
        year = results[0].agreement.year
        title, command = t("title_year", year=year), str(year)
    series = [Series(c.key, c.title) for c in table.columns if c.kind == KR and c.key != "total"]
    basis = per_capita_basis(results, reference, override)
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
    return ReportData(
        title=title,
        subtitle="; ".join(r.agreement.title for r in results),
        by="year" if years else "area",
        series=series,
        rows=rows,
        pots=sum(len(r.pots) for r in results),
        command=command,
        version=__version__,
        population=f"{basis.id} ({basis.source})" if basis else "",
        notes=notes,
        sources=[SourceRow(**row) for row in sources_report(results).rows],
        funding=funding(results),
        region_names={region.id: region.short_name for region in reference.regions},
    )


def funding(results: list) -> list[Funding]:
    """The funding each agreement and area states, in file order."""
    found = []
    for result in results:
        agreement = result.agreement
        if agreement.funding:
            found.append(Funding(agreement.title, dict(agreement.funding)))
        for area in agreement.areas:
            if area.funding:
                found.append(Funding(f"{agreement.title} / {area.title}", dict(area.funding)))
    return found
