"""``vardmedel list``: the agreements known, one line each."""

from __future__ import annotations

from . import app


@app.command("list")
def list_agreements(
    format_name: app.FormatOption = None,
    output: app.OutputOption = None,
    agreements: app.AgreementsOption = None,
    no_bundled: app.NoBundledOption = False,
) -> None:
    """The agreements known: id, year, title, stated total, file."""
    from ..views.agreements import list_report

    loaded = app.load(agreements, no_bundled)
    app.emit(list_report(list(loaded.loaded)), format_name, output, loaded)
