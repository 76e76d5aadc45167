"""``vardmedel allocate``: per-recipient amounts of a year's agreements (or of several years)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..choices import By, OutputFormat
from ..i18n import _
from ..streams import is_terminal
from ..wholenumber import is_ascii_digits
from . import app


@app.command(
    help=_(
        "Per-recipient amounts of every agreement of YEAR, in whole kronor: a row per recipient, a column per "
        "area (or pot, or agreement), the total and kronor per inhabitant. Each pot is split exactly; the "
        "notes say where the split rests on an assumption."
    ),
    short=_("Who gets what in a year, to the krona."),
    examples=[
        ("vardmedel allocate 2022", _("the 2022 agreements, a column per area")),
        ("vardmedel allocate 2022 --by pot -o 2022.xlsx", _("every pot, in a workbook")),
        ("vardmedel allocate --years 2019-2022 --unit mnkr", _("a column per year, in millions")),
        ("vardmedel allocate 2022 --sort per-capita --top 5", _("the five regions with most kronor per inhabitant")),
    ],
)
def allocate(
    year: Annotated[
        Optional[int],
        typer.Argument(metavar=_("YEAR"), help=_("The year whose agreements to allocate."), show_default=False),
    ] = None,
    agreement: Annotated[
        Optional[list[str]],
        typer.Option(
            "--agreement",
            "-a",
            metavar=_("ID"),
            help=_("Only this agreement (repeatable); ids as vardmedel list shows them."),
        ),
    ] = None,
    by: Annotated[
        Optional[By],
        typer.Option(
            "--by",
            metavar=_("COLUMNS"),
            help=_("{choices}: a column per area, pot or agreement [default: area].").format(choices=app.choices(By)),
            show_default=False,
        ),
    ] = None,
    level: app.LevelOption = "recipient",
    years: Annotated[
        Optional[str],
        typer.Option(
            "--years",
            metavar=_("YEARS"),
            help=_("A column per year instead of one year: 2019-2022, or 2019,2022."),
            show_default=False,
        ),
    ] = None,
    recipient: app.RecipientOption = None,
    sort: app.SortOption = "code",
    top: app.TopOption = None,
    unit: app.UnitOption = "kr",
    format_name: app.FormatOption = None,
    output: app.OutputOption = None,
    agreements: app.AgreementsOption = None,
    no_bundled: app.NoBundledOption = False,
    population: app.PopulationOption = None,
    funder: app.FunderOption = None,
) -> None:
    """Per-recipient amounts of every agreement of YEAR (or of several years), in whole kronor."""
    from ..views.allocation import select_rows, years_report
    from ..views.coverage import label

    workbook = wants_workbook(format_name, output)
    if years is not None:
        if year is not None or agreement or by is not None:
            raise app.fail(_("--years makes its own columns; give it without YEAR, --agreement or --by"))
        wanted = parse_years(years)
        loaded = app.load(agreements, no_bundled, **app.population_inputs(population)).where(years=wanted)
        if not len(loaded):
            raise app.fail(_("no agreement for the years {years}").format(years=years))
        span = f"{wanted[0]}–{wanted[-1]}" if len(wanted) > 1 else str(wanted[0])
        allocation = loaded.allocate(funder)
        chosen = app.selection(recipient, sort, top, allocation.known)
        results = list(allocation.results)
        report = years_report(
            results,
            loaded.reference,
            wanted,
            allocation_title(span, funder),
            level,
            unit,
            workbook,
            allocation.funding,
        )
    else:
        if year is None and not agreement:
            raise app.fail(_("give a YEAR (vardmedel allocate 2022), --agreement ID or --years 2019-2022"))
        loaded = app.load(agreements, no_bundled, year=year, ids=agreement, **app.population_inputs(population))
        titles = "; ".join(label(item) for item in loaded)
        allocation = loaded.allocate(funder)
        chosen = app.selection(recipient, sort, top, allocation.known)
        report = allocation.report(by or "area", level, unit, allocation_title(year, funder, titles), workbook)
    app.emit(select_rows(report, chosen, allocation.known), format_name, output, loaded)


def allocation_title(years: object, funder: str | None, titles: str = "") -> str:
    """'Allocation 2022: …' or, for one funder's money, 'Allocation 2022, staten: …'."""
    if years is None:
        head = _("Allocation") if funder is None else _("Allocation, {funder}").format(funder=funder)
    elif funder is None:
        head = _("Allocation {years}").format(years=years)
    else:
        head = _("Allocation {years}, {funder}").format(years=years, funder=funder)
    return f"{head}: {titles}" if titles else head


def parse_years(text: str) -> list[int]:
    """'2019-2022' -> [2019, 2020, 2021, 2022]; '2019,2022' -> [2019, 2022]; a usage error otherwise."""
    wanted: set[int] = set()
    for piece in text.replace(" ", "").split(","):
        first, dash, last = piece.partition("-")
        if not (
            is_ascii_digits(first) and len(first) == 4 and (not dash or (is_ascii_digits(last) and len(last) == 4))
        ):
            raise app.fail(_("--years takes years like 2019-2022 or 2019,2022, not {text!r}").format(text=text))
        start, end = int(first), int(last) if dash else int(first)
        if end < start:
            raise app.fail(_("--years {text}: {end} comes before {start}").format(text=text, end=end, start=start))
        wanted.update(range(start, end + 1))
    return sorted(wanted)


def wants_workbook(format_name: OutputFormat | None, output: Path | None) -> bool:
    """Whether the output has sheets, so the view adds one per agreement and one of sources."""
    from ..output import format_for

    return format_for(output, format_name, is_terminal(sys.stdout)) == "xlsx"
