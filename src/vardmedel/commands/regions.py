"""``vardmedel regions``: the recipients the reference data knows, with their populations."""

from __future__ import annotations

from .. import api
from ..i18n import _
from . import app


@app.command(
    help=_(
        "The recipients vardmedel knows: the 21 regions, the six samverkansregioner and the organisations, "
        "with their ids and populations."
    ),
    short=_("The regions, samverkansregioner and organisations."),
    examples=[("vardmedel regions", _("ids and names, for --recipient and the agreement files"))],
)
def regions(
    out: app.Output,
) -> None:
    """The 21 regions, the six samverkansregioner and the organisations, with their populations."""
    from ..views.reference_data import regions_report

    out.emit(regions_report(api.reference_data()))
