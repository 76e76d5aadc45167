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
    year: Annotated[
        int,
        app.year_argument(_("The year of the new agreement."), min=1990, max=2100),
    ],
    from_id: Annotated[
        str,
        typer.Option("--from", metavar=_("ID"), help=_("The agreement to start from: an id, or a year with one.")),
    ],
    output: Annotated[
        Optional[Path],
        app.output_option(_("Write to FILE [default: ./agreements/<new id>.yaml]."), stdout=False),
    ] = None,
    *,
    folders: app.Folders,
) -> None:
    """A draft of a new year's agreement from an existing one.

    Write a draft of YEAR's agreement from an existing one: figures kept, each marked '# REVIEW'. The id, year and title
    take the new year; report dates and the years the money may be used move with it; source: is left empty, so
    'vardmedel check' fails until it is filled in. Nothing is overwritten (exit 1).

    Examples:
        vardmedel new 2023 --from 2022-sammanhallen-jamlik-saker-vard  # the 2023 draft, in ./agreements
        vardmedel new 2021 --from 2020 -o draft.yaml  # from the agreement of 2020, to a file of your choice
    """
    if output is not None and str(output) == "-":  # elsewhere '-' is standard output; a draft is a file to review
        raise api.VardmedelError(
            _("new writes the draft to a file to review and check: give the file's name with -o, not '-'"),
            request=True,
        )
    target = api.new_agreement(
        year, from_id, output=output, folder=folders.agreements or None, bundled=not folders.no_bundled
    )
    typer.echo(_("Wrote {path}: a draft from {id}.").format(path=target, id=from_id))
    typer.echo(
        _(
            "Fill in its source: and confirm every line marked REVIEW against the {year} agreement; "
            "vardmedel check {path} says what is left."
        ).format(year=year, path=target)
    )
