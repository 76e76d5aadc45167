"""``vardmedel compare``: per-recipient change between two years or two agreements."""

from __future__ import annotations

from typing import Annotated

import typer

from ..choices import SortKey
from ..i18n import _
from . import app


@app.command()
def compare(
    a: Annotated[str, typer.Argument(metavar=_("A"), help=_("A year (2020) or an agreement id."))],
    b: Annotated[str, typer.Argument(metavar=_("B"), help=_("A year (2022) or an agreement id."))],
    sort: Annotated[
        SortKey,
        app.sort_option(SortKey, _("{choices}: the order of the rows (amounts largest first).")),
    ] = "recipient",
    reverse: Annotated[bool, typer.Option("--reverse", help=_("Reverse the order."))] = False,
    *,
    table: app.Table,
    out: app.Output,
    inputs: app.Money,
) -> None:
    """What changed for each recipient between two years.

    Per-recipient change from A to B, two years or two agreements: both amounts, the change in kronor and percent, and
    kronor per inhabitant on each side.

    Examples:
        vardmedel compare 2020 2022  # two years
        vardmedel compare 2019 2022 --sort change  # largest increase first
    """
    from ..views.common import known_recipients
    from ..views.compare import Side, compare_report, compare_sums
    from ..views.selection import select

    if a == b:
        raise app.fail(_("compare needs two different years or agreements, not {label} twice").format(label=a))
    funder = inputs.funder
    loaded = inputs.load()
    picked = [loaded.pick(label) for label in (a, b)]
    sides = [
        Side(label, list(side.allocate(funder, must_pay=False).results), loaded.population, funder)
        for label, side in zip((a, b), picked, strict=True)
    ]
    if funder is not None and not any(side.total for side in sides):
        paid = ", ".join(loaded.allocate().funding.funders) or _("none stated")
        raise app.fail(
            _("no money from {funder!r} on either side; funders: {funders}").format(funder=funder, funders=paid)
        )
    known = known_recipients([r for side in sides for r in side.results], loaded.reference)
    chosen = table.selection("code", known)  # "code": as compare_report sorted them
    report = compare_report(sides[0], sides[1], loaded.reference, sort, reverse, table.level, table.unit)
    both = loaded.where(ids=picked[0].ids + picked[1].ids)
    out.emit(select(report, chosen, compare_sums(sides[0].label, sides[1].label), known), both)
