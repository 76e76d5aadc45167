"""The money math: whole kronor split by integer weights, and split between funders, exactly. Nothing else here.

A pot of A kronor split by integer weights w (W = sum of w) gives each
recipient ``A*w // W`` and hands the kronor left over, one each, to the largest
remainders ``A*w % W`` (Hamilton's largest-remainder method). Every part is
then within one krona of its exact share ``A*w/W`` and the parts add up to A
exactly.

Ties (equal remainders, as in every equal split that does not divide evenly)
go first to the larger weight, then to the recipient that ranks first:
regions by län code, then samverkansregioner in their fixed order, then
organisations. The rule never depends on the order of lines in a file.

With a *unit* (``rounding: {unit: 1000}``) the same method runs on whole thousands, and so
does the split of each part between the pot's funders (whose amounts must then be whole
thousands too: ``engine`` refuses a pot whose funders' amounts are not).

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
kronor from pᵢ·Fⱼ/A (within one of its share of what the funders before it
left). Why not allocate each funder's money on its own over the pot's weights?
Because two such allocations need not add up to the whole pot's parts (the tie
rule can hand both funders' odd kronor to one recipient): a recipient's money
would then depend on whether one looks at the whole pot or at its funders.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any, NamedTuple

from .i18n import _


class AllocationError(Exception):
    """A pot that cannot be allocated; ``loc`` is the path to the culprit inside the pot.

    A *message* that searches (a "did you mean" over every recipient) may be given as a
    function: it is written when first read, so a problem that ``check`` counts but does
    not show (``cap``) costs no search.
    """

    def __init__(self, code: str, message: str | Callable[[], str], loc: tuple = ()) -> None:
        super().__init__(code)
        self.code, self.loc = code, loc
        self._message = message

    @property
    def message(self) -> str:
        if not isinstance(self._message, str):
            self._message = self._message()
        return self._message

    def __str__(self) -> str:
        return self.message


class Part(NamedTuple):
    """One recipient's part of one pot, with the arithmetic that produced it.

    A named tuple, not a frozen dataclass: one is made per recipient of every pot, and
    this is three times as cheap to make (benchmarks/scaling.py).
    """

    recipient: str
    amount: int
    weight: int
    total_weight: int
    pot_amount: int
    extra: int = 0  # kronor that came from the remainder (0, or one unit)
    unit: int = 1

    @property
    def exact(self) -> Fraction:
        """The exact share A·w/W before rounding."""
        return Fraction(self.pot_amount * self.weight, self.total_weight)


def apportion(
    amount: int,
    weights: Mapping[str, int],
    rank: Callable[[str], Any] = str,
    unit: int = 1,
) -> list[Part]:
    """Split *amount* by integer *weights* (largest remainder, ties as the module says).

    *rank* orders recipients for ties; *unit* (dividing *amount*) is the
    smallest piece handed out. Parts come back in *rank* order.
    """
    if unit < 1 or amount % unit:
        raise AllocationError(
            "rounding-unit",
            _("{amount} kr is not a whole number of units of {unit} kr").format(amount=amount, unit=unit),
        )
    if not weights:
        raise AllocationError("empty-group", _("there is no recipient to allocate to"))
    if min(weights.values()) < 0:
        # No file can give one (the format and the population files refuse them): a caller's bug, not a problem code.
        raise ValueError("weights must not be negative")
    total = sum(weights.values())
    if total == 0:
        raise AllocationError("zero-weight", _("the weights add up to 0, so nothing can be split"))
    if len(weights) == 1:  # the whole pot to one recipient (every fixed rule): nothing to round or to rank
        ((only, weight),) = weights.items()
        return [Part(only, amount, weight, total, amount, 0, unit)]
    units = amount // unit
    floors = {r: units * w // total for r, w in weights.items()}
    left = units - sum(floors.values())
    # Each recipient's rank once, then at most two sorts: O(n log n) in the number of recipients.
    ranks = {r: rank(r) for r in weights}
    lucky: set[str] = set()
    if left:
        order = sorted(weights, key=lambda r: (-(units * weights[r] % total), -weights[r], ranks[r]))
        lucky = set(order[:left])
    parts = []
    for r in sorted(weights, key=ranks.__getitem__):
        extra = unit if r in lucky else 0
        parts.append(Part(r, floors[r] * unit + extra, weights[r], total, amount, extra, unit))
    return parts


def funders_in_order(funding: dict[str, int]) -> list[str]:
    """Largest amount first, then by name: the order the split takes them in (module docstring)."""
    return sorted(funding, key=lambda funder: (-funding[funder], funder))


def split_by_funder(
    parts: dict[str, int], funding: dict[str, int], rank: Callable[[str], object] = str, unit: int = 1
) -> dict[str, dict[str, int]]:
    """Each recipient's part split between the funders: recipient -> funder -> kronor (see the module docstring).

    *parts* are the whole pot's parts (recipient -> kronor); *funding* adds up to them.
    *rank* orders recipients for ties, as the engine's tie rule does. With a *unit*
    (the pot's rounding; every part and every funder's amount whole units of it)
    every funder's part of every part is whole units too.
    """
    total = sum(parts.values())
    if sum(funding.values()) != total:
        raise ValueError(f"the funders give {sum(funding.values())} kr but the parts add up to {total} kr")
    if any(kronor < 0 for kronor in funding.values()):
        raise ValueError("a funder's amount must not be negative")
    if any(kronor % unit for kronor in [*funding.values(), *parts.values()]):
        raise ValueError(f"the parts and the funders' amounts must be whole units of {unit} kr")
    split: dict[str, dict[str, int]] = {recipient: {} for recipient in parts}
    left = dict(parts)  # what is still to be split of each part
    order = funders_in_order(funding)
    for index, funder in enumerate(order):
        if index == len(order) - 1:
            given = dict(left)
        else:
            given = {part.recipient: part.amount for part in apportion(funding[funder], left, rank, unit)}
        for recipient, kronor in given.items():
            split[recipient][funder] = kronor
            left[recipient] -= kronor
    return split
