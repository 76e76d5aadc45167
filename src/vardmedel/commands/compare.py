"""``vardmedel compare``: per-recipient change between two years or two agreements."""

from __future__ import annotations

from typing import Annotated

import typer

from ..choices import SortKey
from . import app


@app.command()
def compare(
    a: Annotated[str, typer.Argument(help="A year (2020) or an agreement id.")],
    b: Annotated[str, typer.Argument(help="A year (2022) or an agreement id.")],
    sort: Annotated[SortKey, typer.Option("--sort", help="Order rows (amounts largest first).")] = "recipient",
    reverse: Annotated[bool, typer.Option("--reverse", help="Reverse the order.")] = False,
    level: app.LevelOption = "recipient",
    unit: app.UnitOption = "kr",
    format_name: app.FormatOption = None,
    output: app.OutputOption = None,
    agreements: app.AgreementsOption = None,
    no_bundled: app.NoBundledOption = False,
    population: app.PopulationOption = None,
    funder: app.FunderOption = None,
) -> None:
    """Per-recipient change from A to B (two years or two agreements): kronor, percent, per inhabitant."""
    from ..views.compare import Side, compare_report

    if a == b:
        raise app.fail(f"compare needs two different years or agreements, not {a} twice")
    loaded = app.load(agreements, no_bundled, **app.population_inputs(population))
    picked = [loaded.pick(label) for label in (a, b)]
    sides = [
        Side(label, list(side.allocate(funder, must_pay=False).results), loaded.population, funder)
        for label, side in zip((a, b), picked, strict=True)
    ]
    if funder is not None and not any(side.total for side in sides):
        paid = loaded.allocate().funding.funders
        raise app.fail(f"no money from {funder!r} on either side; funders: {', '.join(paid) or 'none stated'}")
    both = loaded.where(ids=picked[0].ids + picked[1].ids)
    report = compare_report(sides[0], sides[1], loaded.reference, sort, reverse, level, unit)
    app.emit(report, format_name, output, both)
