"""``vardmedel list``: the agreements known, one line each."""

from __future__ import annotations

from . import app


@app.command("list")
def list_agreements(
    out: app.Output,
    folders: app.Folders,
) -> None:
    """The agreements known.

    The agreements known: id, year, title, the total each states and the sum of its pots, its file.

    Examples:
        vardmedel list  # the agreements vardmedel reads by default
        vardmedel list --agreements my-agreements/  # with those of a folder of your own
    """
    from ..views.agreements import list_report

    loaded = folders.load()
    out.emit(list_report(list(loaded.loaded)), loaded)
