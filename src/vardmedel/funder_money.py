"""Who pays the allocated money: kronor per funder, and one funder's money alone (``--funder``).

Works on the engine's results, whose pots know their funders (``funders``) and,
for a pot paid by several, each part's split between them (``money.split_by_funder``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import NamedTuple

from .engine import AgreementResult
from .funders import totals
from .money import Part, funders_in_order


class FundingSummary(NamedTuple):  # a NamedTuple: imported on every run, and a dataclass costs about 1 ms to create
    """Who pays the money of some agreements: kronor per funder, and the kronor no file says who pays."""

    total: int
    by_funder: dict[str, int]
    unknown: int
    #: The one funder a view is restricted to (``--funder``), or None for all the money.
    funder: str | None = None
    #: Pots ("agreement/area/pot") whose parts were split between several funders, when restricted.
    split_pots: tuple[str, ...] = ()

    @property
    def funders(self) -> list[str]:
        """The funders, the one paying most first."""
        return funders_in_order(self.by_funder)


def summarize(results: Iterable[AgreementResult]) -> FundingSummary:
    """Kronor per funder over every pot of *results*."""
    pots = [pot for result in results for pot in result.pots]
    by_funder, unknown = totals([pot.funding for pot in pots], [pot.amount for pot in pots])
    return FundingSummary(sum(pot.amount for pot in pots), by_funder, unknown)


def for_funder(results: Iterable[AgreementResult], funder: str) -> tuple[list[AgreementResult], FundingSummary]:
    """Only the money *funder* pays: its pots whole, its kronor of pots it pays with others, nothing else.

    A pot paid by several funders keeps its recipients, each with the funder's
    kronor of its part (``money.split_by_funder``); the part's derivation then
    reads as that split: the funder's amount × the recipient's part / the pot.
    Pots whose funders are unknown are left out (the summary counts them).
    """
    results = list(results)
    whole = summarize(results)
    restricted, split = [], []
    for result in results:
        pots = []
        for pot in result.pots:
            if pot.funding is None or funder not in pot.funding:
                continue
            if pot.split is None:
                pots.append(pot)
                continue
            amount = pot.funding[funder]
            parts = tuple(
                Part(
                    part.recipient,
                    pot.split[part.recipient][funder],
                    part.amount,
                    pot.amount,
                    amount,
                    # what the split gave above the whole units of the exact share (money.apportion's base)
                    max(
                        0,
                        pot.split[part.recipient][funder] - amount // part.unit * part.amount // pot.amount * part.unit,
                    ),
                    part.unit,
                )
                for part in pot.parts
            )
            pots.append(dataclasses.replace(pot, amount=amount, parts=parts, funding={funder: amount}, split=None))
            split.append(f"{result.agreement.id}/{pot.key}")
        restricted.append(AgreementResult(result.agreement, pots))
    return restricted, whole._replace(funder=funder, split_pots=tuple(split))
