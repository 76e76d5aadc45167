"""``vardmedel population``: the population datasets, or one of them region by region."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .. import api
from ..i18n import _
from .app import FormatOption, OutputOption, PopulationOption, command, emit, population_inputs


@command(
    help=_("The population datasets (dates, totals, sources), or one of them region by region."),
    short=_("The population figures the rules use."),
    examples=[
        ("vardmedel population", _("the datasets")),
        ("vardmedel population 2021-11-01", _("one of them, region by region")),
    ],
)
def population(
    date: Annotated[
        Optional[str],
        typer.Argument(
            metavar=_("DATE"), help=_("A dataset's date (2021-11-01); without it, the list."), show_default=False
        ),
    ] = None,
    format_name: FormatOption = None,
    output: OutputOption = None,
    population_file: PopulationOption = None,
) -> None:
    """The population datasets (dates, totals, sources), or one of them region by region."""
    from ..views.reference_data import datasets_report, population_report

    given = population_inputs(population_file)
    datasets = [*given.get("datasets", ()), *filter(None, [given.get("population")])]
    if date is None:
        emit(datasets_report(api.reference_data(datasets=datasets)), format_name, output)
        return
    dataset = api.population(date, datasets=datasets)
    emit(population_report(dataset, api.reference_data(datasets=datasets)), format_name, output)
