"""Regions' money rolled up into the six samverkansregioner, Region Halland split by kommun population.

Halland belongs partly to Södra and partly to Västra, so each of its amounts
is apportioned between the two by the population of their kommuner, with the
engine's own largest-remainder method: the parts are whole kronor and add up
to Halland's amount exactly, so a rolled-up table still sums to the pots.
"""

from __future__ import annotations

from collections import defaultdict

from ..formatting import format_kr
from ..i18n import _
from ..money import apportion
from ..reference import REGION, SAMVERKANSREGION, PopulationDataset, Reference


def roll_up(
    amounts: dict[str, dict[str, int]], reference: Reference
) -> tuple[dict[str, dict[str, int]], dict[str, set[str]]]:
    """Amounts per samverkansregion (own money plus its regions'), organisations unchanged.

    Returns the amounts and, per samverkansregion, the regions whose money it holds.
    """
    rolled: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    sources: dict[str, set[str]] = defaultdict(set)
    for rid, by_key in amounts.items():
        recipient = reference.recipients[rid]
        if recipient.kind != REGION:
            for key, kronor in by_key.items():
                rolled[rid][key] += kronor
            continue
        split = reference.splits.get(rid)
        for key, kronor in by_key.items():
            if split is not None and kronor:
                parts = {p.recipient: p.amount for p in apportion(kronor, split.parts, reference.rank)}
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
            _("{name}: {kommuner} ({population} inhabitants)").format(
                name=reference.recipients[sid].short_name,
                kommuner=", ".join(split.kommuner[sid]),
                population=format_kr(population, " "),
            )
            for sid, population in sorted(split.parts.items(), key=lambda item: reference.rank(item[0]))
        )
        notes.append(
            _(
                "{region} belongs to two samverkansregioner; its amounts are split between them by the population "
                "of their kommuner, {source}. {sides}. The parts are whole kronor and add up exactly."
            ).format(region=region.name, source=_(split.source), sides=sides)
        )
    return notes


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
            parts = apportion(figure, split.parts, reference.rank)
            total += next(p.amount for p in parts if p.recipient == sid)
    return total
