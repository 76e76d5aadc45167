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
    format_name: app.FormatOption = None,
    output: app.OutputOption = None,
    agreements: app.AgreementsOption = None,
    no_bundled: app.NoBundledOption = False,
) -> None:
    """The agreements known: id, year, title, stated total, file."""
    from ..views.agreements import list_report

    loaded = app.load(agreements, no_bundled)
    app.emit(list_report(list(loaded.loaded)), format_name, output, loaded)
