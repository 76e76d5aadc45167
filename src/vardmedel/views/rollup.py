"""Regions' money rolled up into the six samverkansregioner, Region Halland split by kommun population.

Halland belongs partly to Södra and partly to Västra, so each of its amounts
is apportioned between the two by the population of their kommuner, with the
engine's own largest-remainder method: the parts are whole kronor and add up
to Halland's amount exactly, so a rolled-up table still sums to the pots.
The kommun figures are those of the population date the money rests on (or
the nearest published, see SplitRegion.at), never one year's for every year.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import NamedTuple

from ..formatting import format_kr
from ..i18n import _
from ..money import apportion
from ..reference import REGION, SAMVERKANSREGION, KommunSplit, PopulationDataset, Reference


class RollUp(NamedTuple):
    amounts: dict[str, dict[str, int]]  # samverkansregion or organisation -> column -> kronor
    holds: dict[str, set[str]]  # samverkansregion -> the regions whose money it holds
    splits: list[KommunSplit]  # the kommun figures that split regions' money was divided by, by date


def roll_up(amounts: dict[str, dict[tuple[str, dt.date | None], int]], reference: Reference) -> RollUp:
    """Amounts per samverkansregion (own money plus its regions'), organisations unchanged.

    *amounts* is recipient -> (column, population date) -> kronor: a split region's
    kronor are divided by its kommun figures for that date (SplitRegion.at), once
    per column and date, so the parts are whole kronor that add up exactly.
    """
    rolled: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    holds: dict[str, set[str]] = defaultdict(set)
    used: dict[tuple[str, dt.date | None], KommunSplit] = {}
    for rid, by_key in amounts.items():
        recipient = reference.recipients[rid]
        split = reference.splits.get(rid)
        for (key, as_of), kronor in by_key.items():
            if recipient.kind != REGION:
                rolled[rid][key] += kronor
                continue
            if split is not None and kronor:
                figures = split.at(as_of)
                used[(rid, as_of)] = figures
                parts = {p.recipient: p.amount for p in apportion(kronor, figures.parts, reference.rank)}
            else:
                parts = {recipient.samverkansregioner[0]: kronor}
            for target, share in parts.items():
                rolled[target][key] += share
                holds[target].add(rid)
    return RollUp({rid: dict(by_key) for rid, by_key in rolled.items()}, holds, list(used.values()))


def split_note(reference: Reference, splits: list[KommunSplit]) -> list[str]:
    """The footnote a rolled-up table owes its readers: how split regions were divided, by which date's figures."""
    notes = []
    for code, split in reference.splits.items():
        mine = {(f.date, f.wanted): f for f in splits if f.code == code}  # each date once, in date order
        if not mine:
            continue
        dates = "; ".join(
            kommun_figures_text(mine[key], reference) for key in sorted(mine, key=lambda k: (k[0], k[1] or dt.date.max))
        )
        ordered = sorted(split.kommuner, key=reference.rank)
        sides = "; ".join(
            f"{reference.recipients[sid].short_name}: {', '.join(split.kommuner[sid])}" for sid in ordered
        )
        notes.append(
            _(
                "{region} belongs to two samverkansregioner; its amounts are split between them by the population "
                "of their kommuner ({sides}) on {dates}. Kommun figures: {source}. The parts are whole kronor and add "
                "up exactly."
            ).format(region=reference.recipients[code].name, sides=sides, dates=dates, source=_(split.source))
        )
    return notes


def kommun_figures_text(figures: KommunSplit, reference: Reference) -> str:
    """'2021-12-31 (Södra 141 511, Västra 198 732; …)', saying why when the date is not the one asked for."""
    counts = ", ".join(
        f"{reference.recipients[sid].short_name} {format_kr(population, ' ')}"
        for sid, population in sorted(figures.parts.items(), key=lambda item: reference.rank(item[0]))
    )
    if figures.wanted is None:
        counts += _("; the newest published, as the population figures used carry no date")
    elif figures.wanted != figures.date:
        counts += _("; the nearest published to {date}, the population date used").format(
            date=figures.wanted.isoformat()
        )
    return f"{figures.date.isoformat()} ({counts})"


def samverkansregion_population(sid: str, dataset: PopulationDataset, reference: Reference) -> int:
    """Inhabitants of a samverkansregion in whole persons (a split region's share rounded, for display)."""
    assert reference.recipients[sid].kind == SAMVERKANSREGION
    splits = reference.splits_at(dataset.date)
    total = 0
    for code in reference.members(sid):
        split = splits.get(code)
        figure = dataset.figures[code]
        if split is None:
            total += figure
        else:
            parts = apportion(figure, split.parts, reference.rank)
            total += next(p.amount for p in parts if p.recipient == sid)
    return total
