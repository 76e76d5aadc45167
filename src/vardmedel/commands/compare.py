"""``vardmedel compare``: per-recipient change between two years or two agreements."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import api
from ..choices import SortKey
from ..i18n import _
from .app import (
    AgreementsOption,
    FormatOption,
    LevelOption,
    OutputOption,
    PopulationOption,
    UnitOption,
    choices,
    command,
    emit,
    fail,
    population_inputs,
)


@command(
    help=_(
        "Per-recipient change from A to B, two years or two agreements: both amounts, the change in kronor and "
        "percent, and kronor per inhabitant on each side."
    ),
    short=_("What changed for each recipient between two years."),
    examples=[
        ("vardmedel compare 2020 2022", _("two years")),
        ("vardmedel compare 2019 2022 --sort change", _("largest increase first")),
    ],
)
def compare(
    a: Annotated[str, typer.Argument(metavar=_("A"), help=_("A year (2020) or an agreement id."), show_default=False)],
    b: Annotated[str, typer.Argument(metavar=_("B"), help=_("A year (2022) or an agreement id."), show_default=False)],
    sort: Annotated[
        SortKey,
        typer.Option(
            "--sort",
            metavar=_("ORDER"),
            help=_("{choices}: the order of the rows (amounts largest first).").format(choices=choices(SortKey)),
        ),
    ] = "recipient",
    reverse: Annotated[bool, typer.Option("--reverse", help=_("Reverse the order."))] = False,
    level: LevelOption = "recipient",
    unit: UnitOption = "kr",
    format_name: FormatOption = None,
    output: OutputOption = None,
    agreements: AgreementsOption = None,
    population: PopulationOption = None,
) -> None:
    """Per-recipient change from A to B (two years or two agreements): kronor, percent, per inhabitant."""
    from ..views.compare import Side, compare_report

    if a == b:
        raise fail(_("compare needs two different years or agreements, not {label} twice").format(label=a))
    loaded = api.load(agreements, **population_inputs(population))
    sides = []
    for label in (a, b):
        picked = loaded.where(years=[int(label)]) if label.isdigit() else loaded.where(ids=[label])
        if not len(picked):
            years = ", ".join(map(str, sorted({agreement.year for agreement in loaded})))
            known = _("years: {years}; ids: {ids}").format(years=years, ids=", ".join(loaded.ids))
            if label.isdigit():
                raise fail(_("no agreement for year {year}; {known}").format(year=label, known=known))
            raise fail(_("no agreement {id}; {known}").format(id=label, known=known))
        sides.append(Side(label, list(picked.allocate().results), loaded.population))
    emit(compare_report(sides[0], sides[1], loaded.reference, sort, reverse, level, unit), format_name, output)
