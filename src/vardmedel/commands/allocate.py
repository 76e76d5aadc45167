"""``vardmedel allocate``: per-recipient amounts of a year's agreements."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..cli import AgreementsOption, FormatOption, OutputOption, PopulationOption, app, emit, fail, load_checked


@app.command()
def allocate(
    year: Annotated[Optional[int], typer.Argument(help="The year whose agreements to allocate.")] = None,
    agreement: Annotated[
        Optional[list[str]], typer.Option("--agreement", "-a", help="Only this agreement id (repeatable).")
    ] = None,
    by: Annotated[str, typer.Option("--by", help="Columns: area, pot or agreement.")] = "area",
    format_name: FormatOption = None,
    output: OutputOption = None,
    agreements: AgreementsOption = None,
    population: PopulationOption = None,
) -> None:
    """Per-recipient amounts of every agreement of YEAR, in whole kronor."""
    from ..engine import allocate as run
    from ..views import BY_CHOICES, allocation_report

    if by not in BY_CHOICES:
        raise fail(f"--by must be one of {', '.join(BY_CHOICES)}, not {by!r}")
    if year is None and not agreement:
        raise fail("give a YEAR (vardmedel allocate 2022) or --agreement ID")
    chosen, reference, override = load_checked(agreements, population, year, agreement)
    results = [run(item.agreement, reference, override) for item in chosen]
    title = f"Fördelning {year}" if year is not None else "Fördelning"
    title += ": " + "; ".join(item.agreement.title for item in chosen)
    emit(allocation_report(results, reference, by, title, override), format_name, output)
