"""``vardmedel report``: one self-contained HTML page of charts, a map and the table of a year (or years)."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

from ..i18n import _
from ..streams import is_terminal
from .allocate import load_years
from .app import Inputs, OutputOption, command, fail, write_result, year_argument, years_option


@command()
def report(
    year: Annotated[Optional[int], year_argument(_("The year whose agreements to show."))] = None,
    years: Annotated[
        Optional[str],
        years_option(_("Several years side by side instead of one: 2019-2022, or 2019,2022.")),
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
    if output is None and is_terminal(sys.stdout):
        raise fail(_("the report is an HTML file; write it with -o FILE.html"))
    wanted, loaded = load_years(inputs, years) if years is not None else (None, inputs.load(year=year))
    data = report_data(loaded.allocate(), wanted)
    data.notes.append(folders_note(loaded.read_from()))
    page = render(data)
    write_result(output, lambda stream: stream.write(page))
