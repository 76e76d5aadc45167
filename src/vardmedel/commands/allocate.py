"""``vardmedel allocate``: per-recipient amounts of a year's agreements (or of several years)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli import AgreementsOption, FormatOption, OutputOption, PopulationOption, app, emit, fail, load_checked

LevelOption = Annotated[
    str,
    typer.Option("--level", help="Rows: recipient, or samverkansregion (regions rolled up, Halland split by kommun)."),
]
UnitOption = Annotated[
    str, typer.Option("--unit", help="Show amounts in kr, tkr or mnkr (display only: the kronor stay exact).")
]


@app.command()
def allocate(
    year: Annotated[Optional[int], typer.Argument(help="The year whose agreements to allocate.")] = None,
    agreement: Annotated[
        Optional[list[str]], typer.Option("--agreement", "-a", help="Only this agreement id (repeatable).")
    ] = None,
    by: Annotated[Optional[str], typer.Option("--by", help="Columns: area, pot or agreement [default: area].")] = None,
    level: LevelOption = "recipient",
    years: Annotated[
        Optional[str],
        typer.Option("--years", help="Recipients × years instead of one year: 2019-2022, or 2019,2022."),
    ] = None,
    unit: UnitOption = "kr",
    format_name: FormatOption = None,
    output: OutputOption = None,
    agreements: AgreementsOption = None,
    population: PopulationOption = None,
) -> None:
    """Per-recipient amounts of every agreement of YEAR, in whole kronor."""
    from ..engine import allocate as run
    from ..report import UNITS
    from ..views import BY_CHOICES, LEVELS, allocation_report, years_report

    if by is not None and by not in BY_CHOICES:
        raise fail(f"--by must be one of {', '.join(BY_CHOICES)}, not {by!r}")
    if level not in LEVELS:
        raise fail(f"--level must be one of {', '.join(LEVELS)}, not {level!r}")
    if unit not in UNITS:
        raise fail(f"--unit must be one of {', '.join(UNITS)}, not {unit!r}")
    workbook = wants_workbook(format_name, output)
    if years is not None:
        if year is not None or agreement or by is not None:
            raise fail("--years makes its own columns; give it without YEAR, --agreement or --by")
        wanted = parse_years(years)
        chosen, reference, override = load_checked(agreements, population, None, None)
        chosen = [item for item in chosen if item.agreement.year in wanted]
        if not chosen:
            raise fail(f"no agreement for the years {years}")
        results = [run(item.agreement, reference, override) for item in chosen]
        title = f"Fördelning {wanted[0]}–{wanted[-1]}" if len(wanted) > 1 else f"Fördelning {wanted[0]}"
        emit(years_report(results, reference, wanted, title, level, unit, workbook), format_name, output)
        return
    if year is None and not agreement:
        raise fail("give a YEAR (vardmedel allocate 2022), --agreement ID or --years 2019-2022")
    chosen, reference, override = load_checked(agreements, population, year, agreement)
    results = [run(item.agreement, reference, override) for item in chosen]
    title = f"Fördelning {year}" if year is not None else "Fördelning"
    title += ": " + "; ".join(item.agreement.title for item in chosen)
    report = allocation_report(results, reference, by or "area", title, override, level, unit, workbook)
    emit(report, format_name, output)


def parse_years(text: str) -> list[int]:
    """'2019-2022' -> [2019, 2020, 2021, 2022]; '2019,2022' -> [2019, 2022]; a usage error otherwise."""
    from ..wholenumber import is_ascii_digits

    wanted: set[int] = set()
    for piece in text.replace(" ", "").split(","):
        first, dash, last = piece.partition("-")
        if not (
            is_ascii_digits(first) and len(first) == 4 and (not dash or (is_ascii_digits(last) and len(last) == 4))
        ):
            raise fail(f"--years takes years like 2019-2022 or 2019,2022, not {text!r}")
        start, end = int(first), int(last) if dash else int(first)
        if end < start:
            raise fail(f"--years {text}: {end} comes before {start}")
        wanted.update(range(start, end + 1))
    return sorted(wanted)


def wants_workbook(format_name: str | None, output: Path | None) -> bool:
    """Whether the output has sheets, so the view adds one per agreement and one of sources."""
    from ..output import format_for
    from ..streams import is_terminal

    return format_for(output, format_name, is_terminal(sys.stdout)) == "xlsx"
