"""``vardmedel regions``: the recipients the reference data knows, with their populations."""

from __future__ import annotations

from .. import api
from . import app


@app.command()
def regions(
    out: app.Output,
) -> None:
    """The regions, samverkansregioner and organisations.

    The recipients vardmedel knows: the 21 regions, the six samverkansregioner and the organisations, with their ids and
    populations.

    Examples:
        vardmedel regions  # ids and names, for --recipient and the agreement files
    """
    from ..views.reference_data import regions_report

    out.emit(regions_report(api.reference_data()))
