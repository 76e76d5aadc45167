"""``vardmedel explain``: how each krona for one recipient was computed."""

from __future__ import annotations

from typing import Annotated

import typer

from . import app


@app.command()
def explain(
    year: Annotated[int, typer.Argument(help="The year whose agreements to explain.")],
    recipient: Annotated[
        str,
        typer.Option(
            "--recipient",
            "-r",
            help="A län code (20), a name in any case, with or without å ä ö (dalarna, 'Region Dalarna', orebro), "
            "or a samverkansregion or organisation id.",
        ),
    ],
    format_name: app.FormatOption = None,
    output: app.OutputOption = None,
    agreements: app.AgreementsOption = None,
    no_bundled: app.NoBundledOption = False,
    population: app.PopulationOption = None,
    funder: app.FunderOption = None,
) -> None:
    """How each krona for one recipient was computed: the pots, the arithmetic, the population, the assumptions."""
    from ..lookup import RecipientNotFound, resolve
    from ..views.explain import explain_report

    loaded = app.load(agreements, no_bundled, year=year, **app.population_inputs(population))
    allocation = loaded.allocate(funder)
    known = allocation.known
    try:
        found = resolve(recipient, known)
    except RecipientNotFound as err:
        raise app.fail(str(err)) from None
    app.emit(explain_report(list(allocation.results), known, found, year, funder), format_name, output, loaded)
