"""``vardmedel show``: one agreement as a tree."""

from __future__ import annotations

from typing import Annotated

import typer

from . import app


@app.command()
def show(
    agreement_id: Annotated[str, typer.Argument(metavar="ID", help="The agreement's id (see vardmedel list).")],
    format_name: app.FormatOption = None,
    output: app.OutputOption = None,
    agreements: app.AgreementsOption = None,
    no_bundled: app.NoBundledOption = False,
) -> None:
    """One agreement as a tree: areas, pots, rule, amount, the source's words, assumptions."""
    from ..views.agreements import show_report

    loaded = app.load(agreements, no_bundled)
    item = loaded.find(agreement_id)
    app.emit(show_report(item), format_name, output, loaded.where(ids=[item.agreement.id]))
