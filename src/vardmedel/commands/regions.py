"""``vardmedel regions``: the recipients the reference data knows, with their populations."""

from __future__ import annotations

from .. import api
from .app import FormatOption, OutputOption, command, emit


@command()
def regions(
    format_name: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """The 21 regions, the six samverkansregioner and the organisations, with their populations."""
    from ..views.reference_data import regions_report

    emit(regions_report(api.reference_data()), format_name, output)
