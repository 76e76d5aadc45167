"""``vardmedel compare``: per-recipient change between two years or two agreements."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import api
from ..choices import SortKey
from .app import (
    AgreementsOption,
    FormatOption,
    FunderOption,
    LevelOption,
    OutputOption,
    PopulationOption,
    UnitOption,
    command,
    emit,
    fail,
    population_inputs,
)


@command()
def compare(
    a: Annotated[str, typer.Argument(help="A year (2020) or an agreement id.")],
    b: Annotated[str, typer.Argument(help="A year (2022) or an agreement id.")],
    sort: Annotated[SortKey, typer.Option("--sort", help="Order rows (amounts largest first).")] = "recipient",
    reverse: Annotated[bool, typer.Option("--reverse", help="Reverse the order.")] = False,
    level: LevelOption = "recipient",
    unit: UnitOption = "kr",
    format_name: FormatOption = None,
    output: OutputOption = None,
    agreements: AgreementsOption = None,
    population: PopulationOption = None,
    funder: FunderOption = None,
) -> None:
    """Per-recipient change from A to B (two years or two agreements): kronor, percent, per inhabitant."""
    from ..views.compare import Side, compare_report

    if a == b:
        raise fail(f"compare needs two different years or agreements, not {a} twice")
    loaded = api.load(agreements, **population_inputs(population))
    sides = []
    for label in (a, b):
        picked = loaded.where(years=[int(label)]) if label.isdigit() else loaded.where(ids=[label])
        if not len(picked):
            years = ", ".join(map(str, sorted({agreement.year for agreement in loaded})))
            known = f"years: {years}; ids: {', '.join(loaded.ids)}"
            raise fail(f"no agreement {'for year ' if label.isdigit() else ''}{label}; {known}")
        allocation = picked.allocate(funder, must_pay=False)
        sides.append(Side(label, list(allocation.results), loaded.population, funder))
    if funder is not None and not any(side.total for side in sides):
        paid = loaded.allocate().funding.funders
        raise fail(f"no money from {funder!r} on either side; funders: {', '.join(paid) or 'none stated'}")
    emit(compare_report(sides[0], sides[1], loaded.reference, sort, reverse, level, unit), format_name, output)
