"""``vardmedel regions``: the recipients the reference data knows, with their populations."""

from __future__ import annotations

from .. import api
from . import app


@app.command()
def regions(
    format_name: app.FormatOption = None,
    output: app.OutputOption = None,
) -> None:
    """The 21 regions, the six samverkansregioner and the organisations, with their populations."""
    from ..views.reference_data import regions_report

    app.emit(regions_report(api.reference_data()), format_name, output)
