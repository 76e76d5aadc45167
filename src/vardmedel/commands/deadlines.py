"""``vardmedel deadlines``: the reports the agreements ask for, by date; as a table or a calendar file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

from ..choices import DeadlineFormat
from ..i18n import _
from . import app


@app.command()
def deadlines(
    year: Annotated[Optional[int], app.year_argument(_("Only the reports of this year's agreements."))] = None,
    format_name: Annotated[
        Optional[DeadlineFormat],
        app.format_option(
            DeadlineFormat,
            _("{choices}; ics is a calendar file [default: table on a terminal, csv in a pipe; ics for -o FILE.ics]."),
        ),
    ] = None,
    output: app.OutputOption = None,
    *,
    folders: app.Folders,
) -> None:
    """The reports the agreements ask for, by date.

    The reports the agreements ask for, in date order: when, what, by whom, to whom.

    Examples:
        vardmedel deadlines 2022  # the reports of the 2022 agreements
        vardmedel deadlines -o reports.ics  # all of them as a calendar file
    """
    from ..views.deadlines import deadlines_report

    loaded = folders.load(year=year)
    found = loaded.deadlines()
    name = _("vardmedel: reports {year}").format(year=year) if year is not None else _("vardmedel: reports")
    if format_name == "ics" or (format_name is None and output is not None and output.suffix.lower() == ".ics"):
        write_calendar(found, name, output)
        return
    title = _("Reports {year}").format(year=year) if year is not None else _("Reports")
    app.emit(deadlines_report(found, title), format_name, output, loaded)


def write_calendar(found: list, name: str, output: Path | None) -> None:
    """The calendar to *output*, or to stdout."""
    from .. import ics

    app.write_result(output, lambda stream: ics.write(found, stream, name), ics.BINARY)
