"""``vardmedel series``: one series of agreements over the years, frames reserved beside amounts agreed."""

from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import _
from . import app


@app.command()
def series(
    name: Annotated[
        str,
        typer.Argument(metavar=_("NAME"), help=_("The series, as the agreements name it (vardforlopp).")),
    ],
    out: app.Output,
    folders: app.Folders,
) -> None:
    """A series of agreements over the years.

    A series year by year: what was agreed, what earlier frames reserved, money usable from earlier years.

    Examples:
        vardmedel series vardforlopp  # the vårdförlopp money, 2019 on
    """
    from ..views.series import series_report

    loaded = folders.load()
    out.emit(series_report(name, loaded.series(name)), loaded)
