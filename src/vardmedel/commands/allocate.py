"""``vardmedel allocate``: per-recipient amounts of a year's agreements (or of several years)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..choices import By, OutputFormat
from ..streams import is_terminal
from ..wholenumber import is_ascii_digits
from . import app


@app.command()
def allocate(
    year: Annotated[Optional[int], typer.Argument(help="The year whose agreements to allocate.")] = None,
    agreement: Annotated[
        Optional[list[str]], typer.Option("--agreement", "-a", help="Only this agreement id (repeatable).")
    ] = None,
    by: Annotated[Optional[By], typer.Option("--by", help="Columns [default: area].", show_default=False)] = None,
    level: app.LevelOption = "recipient",
    years: Annotated[
        Optional[str],
        typer.Option("--years", help="Recipients × years instead of one year: 2019-2022, or 2019,2022."),
    ] = None,
    unit: app.UnitOption = "kr",
    format_name: app.FormatOption = None,
    output: app.OutputOption = None,
    agreements: app.AgreementsOption = None,
    no_bundled: app.NoBundledOption = False,
    population: app.PopulationOption = None,
    funder: app.FunderOption = None,
) -> None:
    """Per-recipient amounts of every agreement of YEAR, in whole kronor."""
    from ..views.allocation import years_report
    from ..views.coverage import label

    workbook = wants_workbook(format_name, output)
    if years is not None:
        if year is not None or agreement or by is not None:
            raise app.fail("--years makes its own columns; give it without YEAR, --agreement or --by")
        wanted = parse_years(years)
        loaded = app.load(agreements, no_bundled, **app.population_inputs(population)).where(years=wanted)
        if not len(loaded):
            raise app.fail(f"no agreement for the years {years}")
        title = f"Fördelning {wanted[0]}–{wanted[-1]}" if len(wanted) > 1 else f"Fördelning {wanted[0]}"
        allocation = loaded.allocate(funder)
        results = list(allocation.results)
        report = years_report(
            results, loaded.reference, wanted, funder_title(title, funder), level, unit, workbook, allocation.funding
        )
    else:
        if year is None and not agreement:
            raise app.fail("give a YEAR (vardmedel allocate 2022), --agreement ID or --years 2019-2022")
        loaded = app.load(agreements, no_bundled, year=year, ids=agreement, **app.population_inputs(population))
        title = f"Fördelning {year}" if year is not None else "Fördelning"
        title = funder_title(title, funder) + ": " + "; ".join(label(item) for item in loaded)
        report = loaded.allocate(funder).report(by or "area", level, unit, title, workbook)
    app.emit(report, format_name, output, loaded)


def funder_title(title: str, funder: str | None) -> str:
    """'Fördelning 2022' or, for one funder's money, 'Fördelning 2022, staten'."""
    return title if funder is None else f"{title}, {funder}"


def parse_years(text: str) -> list[int]:
    """'2019-2022' -> [2019, 2020, 2021, 2022]; '2019,2022' -> [2019, 2022]; a usage error otherwise."""
    wanted: set[int] = set()
    for piece in text.replace(" ", "").split(","):
        first, dash, last = piece.partition("-")
        if not (
            is_ascii_digits(first) and len(first) == 4 and (not dash or (is_ascii_digits(last) and len(last) == 4))
        ):
            raise app.fail(f"--years takes years like 2019-2022 or 2019,2022, not {text!r}")
        start, end = int(first), int(last) if dash else int(first)
        if end < start:
            raise app.fail(f"--years {text}: {end} comes before {start}")
        wanted.update(range(start, end + 1))
    return sorted(wanted)


def wants_workbook(format_name: OutputFormat | None, output: Path | None) -> bool:
    """Whether the output has sheets, so the view adds one per agreement and one of sources."""
    from ..output import format_for

    return format_for(output, format_name, is_terminal(sys.stdout)) == "xlsx"
