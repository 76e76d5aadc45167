"""Checks that the funders add up at every level: agreement, area and pot.

A level's ``funding`` must add up to its amount (``sum-funding``, in ``checks``);
here, the funders of the pots below a level that states its funders must give
each funder what the level says (``sum-funders``), and a split that a pot below
cannot inherit, being one of several, is named (``funding-unresolved``, a
warning: ``--funder`` leaves such pots out). ``funders`` has the inheritance.
"""

from __future__ import annotations

from collections.abc import Iterable

from .formatting import format_kr
from .funders import inherited, nearest_level, totals
from .i18n import _
from .loader import LoadedAgreement
from .money import funders_in_order
from .problems import Problem


def funding_problems(item: LoadedAgreement) -> Iterable[Problem]:
    """``sum-funders`` and ``funding-unresolved`` for the agreement and each area."""
    agreement = item.agreement
    # Per area: (area, pot, funding, index of the nearest declaring level: 0 pot, 1 area, 2 agreement).
    by_area: list[list[tuple]] = []
    for area in agreement.areas:
        entries = []
        for pot in area.pots:
            found = nearest_level(agreement, area, pot)
            where, funding = (None, None) if found is None else (found[0], inherited(found[1], pot.amount))
            entries.append((area, pot, funding, where))
        by_area.append(entries)
    everywhere = [entry for entries in by_area for entry in entries]
    yield from _level(item, (), _("the agreement"), agreement, everywhere, 2)
    for a, (area, entries) in enumerate(zip(agreement.areas, by_area, strict=True)):
        yield from _level(item, ("areas", a), _("area {area!r}").format(area=area.id), area, entries, 1)


def _level(item: LoadedAgreement, loc: tuple, name: str, model, pots: list, depth: int) -> Iterable[Problem]:
    if model.funder is None and not model.funding:
        return
    amount = model.pots_amount
    stated = {model.funder: amount} if model.funder is not None else dict(model.funding)
    if sum(stated.values()) != amount:  # sum-funding's error, reported by checks
        return
    key = (*loc, "funder" if model.funder is not None else "funding")
    unresolved = [f"{area.id}/{pot.id}" for area, pot, funding, where in pots if funding is None and where == depth]
    if unresolved:
        yield item.problem(
            key,
            "funding-unresolved",
            _(
                "{name} is paid by {stated}, but {count} of its {pots} pots ({first}) do not say which of them pays: "
                "give those pots (or their areas) funder: or funding:, or --funder leaves them out"
            ).format(
                name=name, stated=_kronor(stated), count=len(unresolved), pots=len(pots), first=_first(unresolved)
            ),
        )
    fundings = [entry[2] for entry in pots]
    if any(funding is None for funding in fundings):
        return
    below, _shares = totals(fundings, [entry[1].amount for entry in pots])
    if below != stated:
        yield item.problem(
            key,
            "sum-funders",
            _(
                "{name} is stated to be paid by {stated}, but the funders of its pots add up to {below}; make the "
                "pots' funder: or funding: agree with the source"
            ).format(name=name, stated=_kronor(stated), below=_kronor(below)),
        )


def _kronor(funding: dict[str, int]) -> str:
    return ", ".join(f"{funder} {format_kr(funding[funder], ' ')} kr" for funder in funders_in_order(funding))


def _first(names: list[str], most: int = 3) -> str:
    shown = ", ".join(names[:most])
    return shown + (_(" and {count} more").format(count=len(names) - most) if len(names) > most else "")
