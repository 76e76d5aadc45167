"""``vardmedel report``: one self-contained HTML page of charts, a map and the table of a year (or years)."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from ..cli import EXIT_PROBLEMS, AgreementsOption, OutputOption, PopulationOption, app, fail, load_checked
from .allocate import parse_years


@app.command()
def report(
    year: Annotated[Optional[int], typer.Argument(help="The year whose agreements to show.")] = None,
    years: Annotated[
        Optional[str],
        typer.Option("--years", help="Several years side by side instead of one: 2019-2022, or 2019,2022."),
    ] = None,
    output: OutputOption = None,
    agreements: AgreementsOption = None,
    population: PopulationOption = None,
) -> None:
    """An HTML report of YEAR: charts, a map of the regions, the allocation table, notes and sources."""
    from ..engine import allocate as run
    from ..html.adapter import report_data
    from ..html.page import render
    from ..output import write_atomic

    if (year is None) == (years is None):
        raise fail("give a YEAR (vardmedel report 2022 -o 2022.html) or --years 2019-2022, not both")
    wanted = parse_years(years) if years is not None else None
    if output is None and sys.stdout.isatty():
        raise fail("the report is an HTML file; write it with -o FILE.html")
    chosen, reference, override = load_checked(agreements, population, year, None)
    if wanted is not None:
        chosen = [item for item in chosen if item.agreement.year in wanted]
        if not chosen:
            raise fail(f"no agreement for the years {years}")
    results = [run(item.agreement, reference, override) for item in chosen]
    page = render(report_data(results, reference, override, wanted))
    if output is None:
        sys.stdout.write(page)
        return
    try:
        write_atomic(output, lambda stream: stream.write(page), binary=False)
    except OSError as err:
        raise fail(f"cannot write {output}: {err.strerror or err}", EXIT_PROBLEMS) from None
