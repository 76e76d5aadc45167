"""Who pays each pot, and each funder's kronor of every recipient's part: pure integer arithmetic.

**Inheritance.** A pot's funders are the nearest ones declared: on the pot, else
on its area, else on its agreement. ``funder: staten`` means one payer for all
of that level, so every pot below it is wholly paid by staten. ``funding:
{staten: …, regionerna: …}`` is a split stated in kronor; it says how much each
payer gives to the level as a whole, not to which pot, so a pot inherits a split
only when it is the level's only pot. A pot that is one of several under a
split has unknown funders until its area or the pot itself says who pays
(``check`` warns: ``funding-unresolved``).

**The split of a pot's parts.** A pot is allocated whole, as always: part pᵢ per
recipient, Σpᵢ = A. A pot paid by funders F₁ … Fₖ (ΣFⱼ = A) then splits each
part between them. The funders go in order of amount, largest first (ties by
name). The first funder's F₁ kronor are allocated over the parts by the same
largest-remainder method as every pot, with the parts as weights: each
recipient gets ``F₁·pᵢ // A``, the kronor left go one each to the largest
remainders ``F₁·pᵢ % A`` (ties as in the engine: larger weight, then the
recipients' order). What is left of each part, pᵢ − xᵢ₁, is split the same
way among the remaining funders, until the last funder takes what is left.

So, exactly: every funder's parts add up to its amount, every recipient's
funders' parts add up to its part of the pot, and no part is negative. With two
funders (the sources' case) each funder's part lies within one krona of its
exact share pᵢ·Fⱼ/A, and the second funder's kronor from the remainder also go
to its largest remainders; with more, a later funder's part may lie up to two
kronor from pᵢ·Fⱼ/A (within one of its share of what the funders before it left). Why not allocate each funder's money on its own over
the pot's weights? Because two such allocations need not add up to the whole
pot's parts (the tie rule can hand both funders' odd kronor to one recipient):
a recipient's money would then depend on whether one looks at the whole pot or
at its funders.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .engine import apportion

#: A pot's funders: funder id -> kronor, adding up to the pot's amount; None when they are unknown.
Funding = dict[str, int] | None


@dataclass(frozen=True)
class Declared:
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


def levels(agreement, area, pot) -> list[Declared | None]:
    """The funding declared on *pot*, its area and its agreement, nearest first."""
    area_pots = area.pots
    all_pots = [p for _, p in agreement.pots()]
    return [
        declared("pot", pot, pot.amount, 1),
        declared("area", area, sum(p.amount for p in area_pots), len(area_pots)),
        declared("agreement", agreement, sum(p.amount for p in all_pots), len(all_pots)),
    ]


def nearest(agreement, area, pot) -> Declared | None:
    """The nearest funding declared for *pot*: on itself, its area or its agreement."""
    return next((found for found in levels(agreement, area, pot) if found is not None), None)


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


def funders_in_order(funding: dict[str, int]) -> list[str]:
    """Largest amount first, then by name: the order the split takes them in (module docstring)."""
    return sorted(funding, key=lambda funder: (-funding[funder], funder))


def split_parts(
    parts: dict[str, int], funding: dict[str, int], rank: Callable[[str], object] = str
) -> dict[str, dict[str, int]]:
    """Each recipient's part split between the funders: recipient -> funder -> kronor (module docstring).

    *parts* are the whole pot's parts (recipient -> kronor); *funding* adds up to them.
    *rank* orders recipients for ties, as the engine's tie rule does.
    """
    total = sum(parts.values())
    if sum(funding.values()) != total:
        raise ValueError(f"the funders give {sum(funding.values())} kr but the parts add up to {total} kr")
    if any(kronor < 0 for kronor in funding.values()):
        raise ValueError("a funder's amount must not be negative")
    split: dict[str, dict[str, int]] = {recipient: {} for recipient in parts}
    left = dict(parts)  # what is still to be split of each part
    remaining = total
    order = funders_in_order(funding)
    for index, funder in enumerate(order):
        amount = funding[funder]
        if index == len(order) - 1:
            given = dict(left)
        else:
            given = {part.recipient: part.amount for part in apportion(amount, left, rank)}
        for recipient, kronor in given.items():
            split[recipient][funder] = kronor
            left[recipient] -= kronor
        remaining -= amount
    return split


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
