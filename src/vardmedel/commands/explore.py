"""Analyst commands: list, show, explain, compare, regions, population.

Each parses its arguments, asks a view for a report and hands it to ``emit``;
the work is in overview.py, explain.py and compare.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli import (
    EXIT_USAGE,
    AgreementsOption,
    FormatOption,
    OutputOption,
    PopulationOption,
    app,
    emit,
    fail,
    load_checked,
    load_population,
)
from .allocate import LevelOption, UnitOption


@app.command("list")
def list_agreements(
    format_name: FormatOption = None,
    output: OutputOption = None,
    agreements: AgreementsOption = None,
) -> None:
    """The agreements known: id, year, title, stated total, file."""
    from ..catalog import agreements_dir
    from ..overview import list_report

    chosen, _, _ = load_checked(agreements, None, None, None)
    emit(list_report(chosen, str(agreements_dir(agreements))), format_name, output)


@app.command()
def show(
    agreement_id: Annotated[str, typer.Argument(metavar="ID", help="The agreement's id (see vardmedel list).")],
    format_name: FormatOption = None,
    output: OutputOption = None,
    agreements: AgreementsOption = None,
) -> None:
    """One agreement as a tree: areas, pots, rule, amount, the source's words, assumptions."""
    from ..overview import show_report

    item = _agreement(agreement_id, agreements)
    emit(show_report(item), format_name, output)


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
    format_name: FormatOption = None,
    output: OutputOption = None,
    agreements: AgreementsOption = None,
    population: PopulationOption = None,
) -> None:
    """How each krona for one recipient was computed: the pots, the arithmetic, the population, the assumptions."""
    from ..engine import allocate as run
    from ..explain import explain_report
    from ..lookup import RecipientNotFound, resolve
    from ..views import known_recipients

    chosen, reference, override = load_checked(agreements, population, year, None)
    results = [run(item.agreement, reference, override) for item in chosen]
    known = known_recipients(results, reference)
    try:
        found = resolve(recipient, known)
    except RecipientNotFound as err:
        raise fail(str(err)) from None
    emit(explain_report(results, known, found, year), format_name, output)


@app.command()
def compare(
    a: Annotated[str, typer.Argument(help="A year (2020) or an agreement id.")],
    b: Annotated[str, typer.Argument(help="A year (2022) or an agreement id.")],
    sort: Annotated[
        str,
        typer.Option("--sort", help="Order rows by recipient, name, a, b, change or percent (amounts largest first)."),
    ] = "recipient",
    reverse: Annotated[bool, typer.Option("--reverse", help="Reverse the order.")] = False,
    level: LevelOption = "recipient",
    unit: UnitOption = "kr",
    format_name: FormatOption = None,
    output: OutputOption = None,
    agreements: AgreementsOption = None,
    population: PopulationOption = None,
) -> None:
    """Per-recipient change from A to B (two years or two agreements): kronor, percent, per inhabitant."""
    from ..compare import SORT_KEYS, Side, compare_report
    from ..engine import allocate as run
    from ..report import UNITS
    from ..views import LEVELS
    from ..wholenumber import is_ascii_digits

    if sort not in SORT_KEYS:
        raise fail(f"--sort must be one of {', '.join(SORT_KEYS)}, not {sort!r}")
    if level not in LEVELS:
        raise fail(f"--level must be one of {', '.join(LEVELS)}, not {level!r}")
    if unit not in UNITS:
        raise fail(f"--unit must be one of {', '.join(UNITS)}, not {unit!r}")
    if a == b:
        raise fail(f"compare needs two different years or agreements, not {a} twice")
    loaded, reference, override = load_checked(agreements, population, None, None)
    sides = []
    for label in (a, b):
        is_year = is_ascii_digits(label)
        if is_year:
            picked = [item for item in loaded if str(item.agreement.year) == label]
        else:
            picked = [item for item in loaded if item.agreement.id == label]
        if not picked:
            raise fail(f"no agreement {'for year ' if is_year else ''}{label}; {_known(loaded)}")
        sides.append(Side(label, [run(item.agreement, reference, override) for item in picked], override))
    emit(compare_report(sides[0], sides[1], reference, sort, reverse, level, unit), format_name, output)


@app.command()
def regions(
    format_name: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """The 21 regions, the six samverkansregioner and the organisations, with their populations."""
    from ..overview import regions_report
    from ..reference import load_reference

    emit(regions_report(load_reference()), format_name, output)


@app.command()
def population(
    date: Annotated[Optional[str], typer.Argument(help="A dataset's date (2021-11-01); without it, the list.")] = None,
    format_name: FormatOption = None,
    output: OutputOption = None,
    population_file: PopulationOption = None,
) -> None:
    """The population datasets (dates, totals, sources), or one of them region by region."""
    from ..overview import datasets_report, population_report
    from ..reference import load_reference

    override, reference = load_population(population_file, load_reference())
    if override is not None:
        reference = reference.with_population(override)
    if date is None:
        emit(datasets_report(reference), format_name, output)
        return
    if date not in reference.populations:
        raise fail(f"no population dataset {date!r}; known: {', '.join(sorted(reference.populations))}")
    emit(population_report(reference.populations[date], reference), format_name, output)


def _agreement(agreement_id: str, agreements: Path | None):
    """The loaded agreement with *agreement_id*, or a usage error naming the closest ids."""
    import difflib

    loaded, _, _ = load_checked(agreements, None, None, None)
    for item in loaded:
        if item.agreement.id == agreement_id:
            return item
    ids = [item.agreement.id for item in loaded]
    if agreement_id.isdigit():  # a year is enough when it has one agreement
        of_year = [item for item in loaded if str(item.agreement.year) == agreement_id]
        if len(of_year) == 1:
            return of_year[0]
        if of_year:
            raise fail(
                f"{agreement_id} has {len(of_year)} agreements; give one id: {', '.join(a.agreement.id for a in of_year)}"
            )
    close = difflib.get_close_matches(agreement_id, ids, n=3, cutoff=0.4)
    hint = f"did you mean {', '.join(close)}?" if close else f"known: {', '.join(ids)}"
    raise fail(f"no agreement {agreement_id!r}; {hint}", EXIT_USAGE)


def _known(loaded: list) -> str:
    years = sorted({item.agreement.year for item in loaded})
    return f"years: {', '.join(map(str, years))}; ids: {', '.join(item.agreement.id for item in loaded)}"
