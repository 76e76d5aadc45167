"""``vardmedel report``: one self-contained HTML page of charts, a map and the table of a year (or years)."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from ..i18n import _
from ..streams import is_terminal
from .allocate import parse_years
from .app import Inputs, OutputOption, command, fail, write_result


@command()
def report(
    year: Annotated[
        Optional[int],
        typer.Argument(metavar=_("YEAR"), help=_("The year whose agreements to show.")),
    ] = None,
    years: Annotated[
        Optional[str],
        typer.Option(
            "--years",
            metavar=_("YEARS"),
            help=_("Several years side by side instead of one: 2019-2022, or 2019,2022."),
        ),
    ] = None,
    output: OutputOption = None,
    *,
    inputs: Inputs,
) -> None:
    """A year as one HTML page of charts and tables.

    An HTML report of YEAR: charts, a map of the regions, the allocation table, notes and sources.

    Examples:
        vardmedel report 2022 -o 2022.html  # one year
        vardmedel report --years 2019-2022 -o years.html  # several years side by side
    """
    from ..html.adapter import report_data
    from ..html.page import render
    from ..views.folders import folders_note

    if (year is None) == (years is None):
        raise fail(_("give a YEAR (vardmedel report 2022 -o 2022.html) or --years 2019-2022, not both"))
    wanted = parse_years(years) if years is not None else None
    if output is None and is_terminal(sys.stdout):
        raise fail(_("the report is an HTML file; write it with -o FILE.html"))
    loaded = inputs.load(year=year)
    if wanted is not None:
        loaded = loaded.where(years=wanted)
        if not len(loaded):
            raise fail(_("no agreement for the years {years}").format(years=years))
    data = report_data(loaded.allocate(), wanted)
    data.notes.append(folders_note(loaded.read_from()))
    page = render(data)
    write_result(output, lambda stream: stream.write(page))
