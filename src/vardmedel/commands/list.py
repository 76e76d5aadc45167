"""``vardmedel list``: the agreements known, one line each."""

from __future__ import annotations

from ..i18n import _
from . import app


@app.command(
    "list",
    help=_("The agreements known: id, year, title, the total each states and the sum of its pots, its file."),
    short=_("The agreements known."),
    examples=[
        ("vardmedel list", _("the agreements vardmedel reads by default")),
        ("vardmedel list --agreements my-agreements/", _("with those of a folder of your own")),
    ],
)
def list_agreements(
    out: app.Output,
    folders: app.Folders,
) -> None:
    """The agreements known: id, year, title, stated total, file."""
    from ..views.agreements import list_report

    loaded = folders.load()
    out.emit(list_report(list(loaded.loaded)), loaded)
