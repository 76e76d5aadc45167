"""``vardmedel show``: one agreement as a tree."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import api
from .app import AgreementsOption, FormatOption, OutputOption, command, emit


@command()
def show(
    agreement_id: Annotated[str, typer.Argument(metavar="ID", help="The agreement's id (see vardmedel list).")],
    format_name: FormatOption = None,
    output: OutputOption = None,
    agreements: AgreementsOption = None,
) -> None:
    """One agreement as a tree: areas, pots, rule, amount, the source's words, assumptions."""
    from ..views.agreements import show_report

    emit(show_report(api.load(agreements).find(agreement_id)), format_name, output)
