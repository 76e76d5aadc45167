"""``vardmedel series``: one series of agreements over the years, frames reserved beside amounts agreed."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import api
from . import app


@app.command()
def series(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The series, as the agreements name it (vardforlopp).")],
    format_name: app.FormatOption = None,
    output: app.OutputOption = None,
    agreements: app.AgreementsOption = None,
) -> None:
    """A series year by year: what was agreed, what earlier frames reserved, money usable from earlier years."""
    from ..views.series import series_report

    app.emit(series_report(name, api.series(name, folder=agreements)), format_name, output)
