"""``vardmedel show``: one agreement as a tree."""

from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import _
from . import app


@app.command()
def show(
    agreement_id: Annotated[str, typer.Argument(metavar=_("ID"), help=_("The agreement's id (see vardmedel list)."))],
    out: app.Output,
    folders: app.Folders,
) -> None:
    """One agreement, area by area and pot by pot.

    One agreement as a tree: areas, pots, rule, amount, the source's words, assumptions.

    Examples:
        vardmedel show 2022-sammanhallen-jamlik-saker-vard  # the 2022 agreement
        vardmedel show 2022  # the agreement of a year that has one
    """
    from ..views.agreements import show_report

    loaded = folders.load()
    item = loaded.find(agreement_id)
    out.emit(show_report(item), loaded.where(ids=[item.agreement.id]))
