"""``vardmedel new``: a draft of a new year's agreement from an existing one, to be checked against its source."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import api
from ..i18n import _
from . import app


@app.command()
def new(
    year: Annotated[int, typer.Argument(help=_("The year of the new agreement."), min=1990, max=2100)],
    from_id: Annotated[
        str, typer.Option("--from", metavar="ID", help=_("The agreement to start from: an id, or a year with one."))
    ],
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output", "-o", help=_("Write to FILE [default: ./agreements/<new id>.yaml]."), show_default=False
        ),
    ] = None,
    agreements: app.AgreementsOption = None,
    no_bundled: app.NoBundledOption = False,
) -> None:
    """Write a draft of YEAR's agreement from an existing one: figures kept, each marked '# REVIEW'.

    The id, year and title take the new year; report dates and the years the money may be used move with it;
    source: is left empty, so 'vardmedel check' fails until it is filled in. Nothing is overwritten (exit 1).
    """
    target = api.new_agreement(year, from_id, output=output, folder=agreements or None, bundled=not no_bundled)
    typer.echo(_("Wrote {path}: a draft from {id}.").format(path=target, id=from_id))
    typer.echo(
        _(
            "Fill in its source: and confirm every line marked REVIEW against the {year} agreement; "
            "vardmedel check {path} says what is left."
        ).format(year=year, path=target)
    )
