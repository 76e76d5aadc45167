"""``vardmedel explain``: how each krona for one recipient was computed."""

from __future__ import annotations

from typing import Annotated

from ..i18n import _
from . import app


@app.command()
def explain(
    year: Annotated[int, app.year_argument(_("The year whose agreements to explain."))],
    recipient: Annotated[
        str,
        app.recipient_option(
            _(
                "A län code (20), a name in any case, with or without å ä ö (dalarna, 'Region Dalarna', orebro), "
                "or a samverkansregion or organisation id (mellansverige, skr)."
            )
        ),
    ],
    out: app.Output,
    inputs: app.Money,
) -> None:
    """How one recipient's kronor were computed.

    How each krona for one recipient was computed: every pot it gets money from, the arithmetic (pot × weight / total
    weight, then the rounding), the population used and the assumptions.

    Examples:
        vardmedel explain 2022 -r dalarna  # Region Dalarna in 2022
        vardmedel explain 2022 -r skr -f json  # SKR, for a program
    """
    from ..lookup import RecipientNotFound, resolve
    from ..views.explain import explain_report

    loaded = inputs.load(year=year)
    allocation = loaded.allocate(inputs.funder)
    known = allocation.known
    try:
        found = resolve(recipient, known)
    except RecipientNotFound as err:
        raise app.fail(str(err)) from None
    out.emit(explain_report(list(allocation.results), known, found, year, inputs.funder), loaded)
