"""``vardmedel allocate``: per-recipient amounts of a year's agreements (or of several years)."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

from .. import api
from ..choices import By, Sort
from ..i18n import _
from ..streams import is_terminal
from ..wholenumber import is_ascii_digits
from . import app


@app.command()
def allocate(
    year: Annotated[Optional[int], app.year_argument(_("The year whose agreements to allocate."))] = None,
    agreement: Annotated[
        Optional[list[str]],
        app.option(
            "--agreement",
            "-a",
            metavar=_("ID"),
            help=_("Only this agreement (repeatable); ids as vardmedel list shows them."),
        ),
    ] = None,
    by: Annotated[
        Optional[By],
        app.option(
            "--by",
            metavar=_("COLUMNS"),
            help=_("{choices}: a column per area, pot or agreement [default: area]."),
            choices=By,
        ),
    ] = None,
    years: Annotated[
        Optional[str],
        app.years_option(_("A column per year instead of one year: 2019-2022, or 2019,2022.")),
    ] = None,
    sort: Annotated[
        Sort,
        app.sort_option(
            Sort,
            _(
                "{choices}: the order of the rows: län code (then samverkansregioner, organisations), largest "
                "total, name, or most kronor per inhabitant."
            ),
        ),
    ] = "code",
    *,
    table: app.Table,
    out: app.Output,
    inputs: app.Money,
) -> None:
    """Who gets what in a year, to the krona.

    Per-recipient amounts of every agreement of YEAR, in whole kronor: a row per recipient, a column per area (or pot,
    or agreement), the total and kronor per inhabitant. Each pot is split exactly; the notes say where the split rests
    on an assumption.

    Examples:
        vardmedel allocate 2022  # the 2022 agreements, a column per area
        vardmedel allocate 2022 --by pot -o 2022.xlsx  # every pot, in a workbook
        vardmedel allocate --years 2019-2022 --unit mnkr  # a column per year, in millions
        vardmedel allocate 2022 --sort per-capita --top 5  # the five regions with most kronor per inhabitant
    """
    from ..views.allocation import select_rows, years_report
    from ..views.coverage import label

    workbook = wants_workbook(out)
    if years is not None:
        if year is not None or agreement or by is not None:
            raise app.fail(_("--years makes its own columns; give it without YEAR, --agreement or --by"))
        wanted, loaded = load_years(inputs, years)
        span = f"{wanted[0]}–{wanted[-1]}" if len(wanted) > 1 else str(wanted[0])
        allocation = loaded.allocate(inputs.funder)
        chosen = table.selection(sort, allocation.known)
        results = list(allocation.results)
        report = years_report(
            results,
            loaded.reference,
            wanted,
            allocation_title(span, inputs.funder),
            table.level,
            table.unit,
            workbook,
            allocation.funding,
        )
    else:
        if year is None and not agreement:
            raise app.fail(_("give a YEAR (vardmedel allocate 2022), --agreement ID or --years 2019-2022"))
        loaded = inputs.load(year=year, ids=agreement)
        titles = "; ".join(label(item) for item in loaded)
        allocation = loaded.allocate(inputs.funder)
        chosen = table.selection(sort, allocation.known)
        title = allocation_title(year, inputs.funder, titles)
        report = allocation.report(by or "area", table.level, table.unit, title, workbook)
    out.emit(select_rows(report, chosen, allocation.known), loaded)


def allocation_title(years: object, funder: str | None, titles: str = "") -> str:
    """'Allocation 2022: …' or, for one funder's money, 'Allocation 2022, staten: …'."""
    if years is None:
        head = _("Allocation") if funder is None else _("Allocation, {funder}").format(funder=funder)
    elif funder is None:
        head = _("Allocation {years}").format(years=years)
    else:
        head = _("Allocation {years}, {funder}").format(years=years, funder=funder)
    return f"{head}: {titles}" if titles else head


def parse_years(text: str) -> list[int]:
    """'2019-2022' -> [2019, 2020, 2021, 2022]; '2019,2022' -> [2019, 2022]; a usage error otherwise."""
    wanted: set[int] = set()
    for piece in text.replace(" ", "").split(","):
        first, dash, last = piece.partition("-")
        if not (
            is_ascii_digits(first) and len(first) == 4 and (not dash or (is_ascii_digits(last) and len(last) == 4))
        ):
            raise app.fail(_("--years takes years like 2019-2022 or 2019,2022, not {text!r}").format(text=text))
        start, end = int(first), int(last) if dash else int(first)
        if end < start:
            raise app.fail(_("--years {text}: {end} comes before {start}").format(text=text, end=end, start=start))
        wanted.update(range(start, end + 1))
    return sorted(wanted)


def load_years(inputs: app.Inputs, text: str) -> tuple[list[int], api.Agreements]:
    """The years *text* (``--years``) names and the agreements of those years; none there is a usage error."""
    wanted = parse_years(text)
    loaded = inputs.load().where(years=wanted)
    if not len(loaded):
        raise app.fail(_("no agreement for the years {years}").format(years=text))
    return wanted, loaded


def wants_workbook(out: app.Output) -> bool:
    """Whether the output has sheets, so the view adds one per agreement and one of sources."""
    from ..output import format_for

    return format_for(out.output, out.format_name, is_terminal(sys.stdout)) == "xlsx"
