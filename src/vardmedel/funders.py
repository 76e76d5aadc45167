"""Who pays each pot: the funders declared on pot, area and agreement, and how a pot inherits them.

**Inheritance.** A pot's funders are the nearest ones declared: on the pot, else
on its area, else on its agreement. ``funder: staten`` means one payer for all
of that level, so every pot below it is wholly paid by staten. ``funding:
{staten: …, regionerna: …}`` is a split stated in kronor; it says how much each
payer gives to the level as a whole, not to which pot, so a pot inherits a split
only when it is the level's only pot. A pot that is one of several under a
split has unknown funders until its area or the pot itself says who pays
(``check`` warns: ``funding-unresolved``).

**The split of a pot's parts** between its funders is money math, in
``money.split_by_funder``: exact, every funder's parts adding up to its amount
and every recipient's funders' parts to its part of the pot.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

#: A pot's funders: funder id -> kronor, adding up to the pot's amount; None when they are unknown.
Funding = dict[str, int] | None


class Declared(NamedTuple):  # a NamedTuple: imported on every run, and a dataclass costs about 1 ms to create
    """Funding as one level of a file declares it: where, for how much money, and over how many pots."""

    level: str  # "agreement", "area" or "pot"
    amount: int  # the sum of the pots below the level
    pots: int
    funding: dict[str, int]  # funder -> kronor (``funder: X`` is {X: amount})


def declared(level: str, model, amount: int, pots: int) -> Declared | None:
    """What *model* (an agreement, area or pot) says about who pays its *amount*, if anything."""
    if model.funder is not None:
        return Declared(level, amount, pots, {model.funder: amount})
    if model.funding:
        return Declared(level, amount, pots, dict(model.funding))
    return None


def levels(agreement, area, pot) -> Iterator[Declared | None]:
    """The funding declared on *pot*, its area and its agreement, nearest first, each read only when asked for.

    The sums of the levels are the models' own, computed once: asked for every pot, a sum over
    all pots each time would make a file's cost grow with the square of its pots.
    """
    yield declared("pot", pot, pot.amount, 1)
    yield declared("area", area, area.pots_amount, len(area.pots))
    yield declared("agreement", agreement, agreement.pots_amount, agreement.pot_count)


def nearest_level(agreement, area, pot) -> tuple[int, Declared] | None:
    """The nearest funding declared for *pot* and how far up it is (0 the pot, 1 its area, 2 its agreement)."""
    return next(((depth, found) for depth, found in enumerate(levels(agreement, area, pot)) if found is not None), None)


def nearest(agreement, area, pot) -> Declared | None:
    """The nearest funding declared for *pot*: on itself, its area or its agreement."""
    found = nearest_level(agreement, area, pot)
    return None if found is None else found[1]


def pot_funding(agreement, area, pot) -> Funding:
    """The pot's funders in kronor, by inheritance (module docstring); None when they cannot be known.

    A split that does not add up to its level's amount is ``check``'s error (``sum-funding``)
    and gives no funders here, rather than kronor that do not add up.
    """
    nearest_one = nearest(agreement, area, pot)
    return None if nearest_one is None else inherited(nearest_one, pot.amount)


def inherited(nearest: Declared, amount: int) -> Funding:
    """The funders of a pot of *amount* whose nearest declared funding is *nearest*."""
    if len(nearest.funding) == 1:
        ((funder, _),) = nearest.funding.items()
        return {funder: amount}
    if nearest.pots == 1 and sum(nearest.funding.values()) == amount:
        return dict(nearest.funding)
    return None


def totals(fundings: Iterable[Funding], amounts: Iterable[int]) -> tuple[dict[str, int], int]:
    """Kronor per funder over pots, and the kronor whose funders are unknown."""
    by_funder: dict[str, int] = {}
    unknown = 0
    for funding, amount in zip(fundings, amounts, strict=True):
        if funding is None:
            unknown += amount
            continue
        for funder, kronor in funding.items():
            by_funder[funder] = by_funder.get(funder, 0) + kronor
    return by_funder, unknown
