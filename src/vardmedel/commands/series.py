"""``vardmedel series``: one series of agreements over the years, frames reserved beside amounts agreed."""

from __future__ import annotations

from typing import Annotated

import typer

from . import app


@app.command()
def series(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The series, as the agreements name it (vardforlopp).")],
    format_name: app.FormatOption = None,
    output: app.OutputOption = None,
    agreements: app.AgreementsOption = None,
    no_bundled: app.NoBundledOption = False,
) -> None:
    """A series year by year: what was agreed, what earlier frames reserved, money usable from earlier years."""
    from ..views.series import series_report

    loaded = app.load(agreements, no_bundled)
    app.emit(series_report(name, loaded.series(name)), format_name, output, loaded)
