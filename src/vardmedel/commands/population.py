"""``vardmedel population``: the population datasets, or one of them region by region."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .. import api
from ..i18n import _
from . import app


@app.command()
def population(
    date: Annotated[
        Optional[str],
        typer.Argument(metavar=_("DATE"), help=_("A dataset's date (2021-11-01); without it, the list.")),
    ] = None,
    *,
    out: app.Output,
    population_file: app.PopulationOption = None,
) -> None:
    """The population figures the rules use.

    The population datasets (dates, totals, sources), or one of them region by region.

    Examples:
        vardmedel population  # the datasets
        vardmedel population 2021-11-01  # one of them, region by region
    """
    from ..views.reference_data import datasets_report, population_report

    given = app.population_inputs(population_file)
    datasets = list(given.get("datasets", []))
    if "population" in given:  # a file without a date is listed too, known by its name
        datasets.append(given["population"])
    if date is None:
        out.emit(datasets_report(api.reference_data(datasets=datasets)))
        return
    dataset = api.population(date, datasets=datasets)
    out.emit(population_report(dataset, api.reference_data(datasets=datasets)))
