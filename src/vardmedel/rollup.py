"""Regions' money rolled up into the six samverkansregioner, Region Halland split by kommun population.

Halland belongs partly to Södra and partly to Västra, so each of its amounts
is apportioned between the two by the population of their kommuner, with the
engine's own largest-remainder method: the parts are whole kronor and add up
to Halland's amount exactly, so a rolled-up table still sums to the pots.
"""

from __future__ import annotations

from collections import defaultdict

from .amounts import format_kr
from .engine import apportion, population_weights
from .reference import REGION, SAMVERKANSREGION, PopulationDataset, Reference
from .report import per_capita


def roll_up(
    amounts: dict[str, dict[str, int]], reference: Reference
) -> tuple[dict[str, dict[str, int]], dict[str, set[str]]]:
    """Amounts per samverkansregion (own money plus its regions'), organisations unchanged.

    Returns the amounts and, per samverkansregion, the regions whose money it holds.
    """
    rolled: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    sources: dict[str, set[str]] = defaultdict(set)

    def rank(rid: str) -> object:
        return reference.recipients[rid].sort_key

    for rid, by_key in amounts.items():
        recipient = reference.recipients[rid]
        if recipient.kind != REGION:
            for key, kronor in by_key.items():
                rolled[rid][key] += kronor
            continue
        split = reference.splits.get(rid)
        for key, kronor in by_key.items():
            if split is not None and kronor:
                parts = {p.recipient: p.amount for p in apportion(kronor, split.parts, rank)}
            else:
                parts = {recipient.samverkansregioner[0]: kronor}
            for target, share in parts.items():
                rolled[target][key] += share
                sources[target].add(rid)
    return {rid: dict(by_key) for rid, by_key in rolled.items()}, sources


def split_note(reference: Reference) -> list[str]:
    """The footnote a rolled-up table owes its readers: how split regions were divided."""
    notes = []
    for code, split in reference.splits.items():
        region = reference.recipients[code]
        sides = "; ".join(
            f"{reference.recipients[sid].short_name}: {', '.join(split.kommuner[sid])} "
            f"({format_kr(population, ' ')} inhabitants)"
            for sid, population in sorted(split.parts.items(), key=lambda item: reference.recipients[item[0]].sort_key)
        )
        notes.append(
            f"{region.name} belongs to two samverkansregioner; its amounts are split between them by the "
            f"population of their kommuner, {split.source}. {sides}. The parts are whole kronor and add up exactly."
        )
    return notes


def samverkansregion_per_capita(kronor: int, sid: str, dataset: PopulationDataset, reference: Reference):
    """Kronor per inhabitant of a samverkansregion, a split region counted by its kommuner's share (exactly).

    None when *dataset* does not cover it (inline figures of a few regions) or counts nobody in it.
    """
    if sid in dataset.figures:
        return per_capita(kronor, dataset.figures[sid])
    if any(code not in dataset.figures for code in reference.members(sid)):
        return None
    weight = population_weights([sid], dataset, reference)[sid]
    scale = 1
    for split in reference.splits.values():
        scale *= sum(split.parts.values())
    return per_capita(kronor * scale, weight)


def samverkansregion_population(sid: str, dataset: PopulationDataset, reference: Reference) -> int:
    """Inhabitants of a samverkansregion in whole persons (a split region's share rounded, for display)."""
    assert reference.recipients[sid].kind == SAMVERKANSREGION
    total = 0
    for code in reference.members(sid):
        split = reference.splits.get(code)
        figure = dataset.figures[code]
        if split is None:
            total += figure
        else:
            parts = apportion(figure, split.parts, lambda rid: reference.recipients[rid].sort_key)
            total += next(p.amount for p in parts if p.recipient == sid)
    return total
