"""``vardmedel init``: a folder of one's own, started from the bundled agreements and their schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .. import api
from ..i18n import _, ngettext
from . import app


@app.command()
def init(
    folder: Annotated[
        Path,
        typer.Argument(metavar=_("DIR"), help=_("Where to copy them [default: ./agreements]."), show_default=False),
    ] = Path("agreements"),
) -> None:
    """A folder of your own, started from the bundled agreements.

    Copy the bundled agreements and schema.json into DIR, to edit or to start next year's from. Nothing is overwritten:
    when any of the files is there already, nothing is written (exit 1).

    Examples:
        vardmedel init  # copies them into ./agreements
        vardmedel init my-agreements  # into another folder
    """
    written = api.init_folder(folder)
    agreements = sum(1 for path in written if path.suffix != ".json")
    copied = ngettext(
        "Copied {count} agreement and schema.json into {folder}.",
        "Copied {count} agreements and schema.json into {folder}.",
        agreements,
    )
    typer.echo(copied.format(count=agreements, folder=folder))
    typer.echo(
        _(
            "Commands read them after the bundled ones: an edited copy replaces its bundled original. "
            "Start next year's with: vardmedel new YEAR --from ID"
        )
    )
