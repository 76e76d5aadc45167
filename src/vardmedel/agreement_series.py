"""Series of agreements over the years: money reserved by frames, money agreed, years the money may be used.

An agreement names its series (``series: vardforlopp``; an area may name its own,
as the 2022 agreement's vårdförlopp area does), and a ``frame`` reserves money of
its agreement's series for later years. Everything here is plain data from the
models: ``vardmedel series`` lists it, ``allocate`` names the money of an earlier
year that may be used in a year without an agreement (counted once, in the year
it was agreed), and ``check`` warns when a later year agrees more than a frame
reserved for it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from .formatting import format_kr
from .i18n import _
from .problems import Problem, line_of


class Agreed(NamedTuple):  # a NamedTuple: imported on every run, and a dataclass costs about 1 ms to create
    """The money of one series that one agreement agreed for its year, and where the file says so."""

    series: str
    year: int
    amount: int
    agreement: str
    areas: tuple[str, ...]  # the areas of the agreement in the series; all of them when the agreement is
    valid_to: int  # the last year the money may be used
    path: str
    line: int
    column: int


class Reserved(NamedTuple):
    """Money a frame reserves for one year of its agreement's series."""

    series: str
    year: int
    amount: int
    agreement: str
    path: str
    line: int
    column: int


class SeriesFacts(NamedTuple):
    """What one file contributes to its series: plain values, so ``check``'s worker processes can send them."""

    agreed: tuple[Agreed, ...]
    reserved: tuple[Reserved, ...]


def facts(item) -> SeriesFacts:
    """The money *item* (a ``loader.LoadedAgreement``) agrees per series, and what its frame reserves."""
    agreement = item.agreement
    amounts: dict[str, int] = defaultdict(int)
    areas: dict[str, list[str]] = defaultdict(list)
    for area in agreement.areas:
        series = agreement.series_of(area)
        amounts[series] += sum(pot.amount for pot in area.pots)
        areas[series].append(area.id)
    agreed = []
    for series, amount in amounts.items():
        index = next(i for i, area in enumerate(agreement.areas) if agreement.series_of(area) == series)
        own = agreement.areas[index].series is None or agreement.areas[index].series == agreement.series
        where = item.position("series") if own and agreement.series else item.position("areas", index, "series")
        last = agreement.valid_years[-1]
        every = len(areas[series]) == len(agreement.areas)
        agreed.append(
            Agreed(series, agreement.year, amount, agreement.id, () if every else tuple(areas[series]), last,
                   item.path, where.line, where.column)
        )  # fmt: skip
    reserved = []
    if agreement.frame is not None:
        own_series = agreement.series or agreement.id
        for year, amount in agreement.frame.years.items():
            where = item.position("frame", "years", str(year))
            reserved.append(Reserved(own_series, year, amount, agreement.id, item.path, where.line, where.column))
    return SeriesFacts(tuple(agreed), tuple(reserved))


def frame_overruns(all_facts: Iterable[SeriesFacts]) -> list[Problem]:
    """A warning wherever the agreements of a later year of a series agree more than a frame reserved for it."""
    agreed: dict[tuple[str, int], list[Agreed]] = defaultdict(list)
    reserved: list[Reserved] = []
    for found in all_facts:
        for item in found.agreed:
            agreed[(item.series, item.year)].append(item)
        reserved.extend(found.reserved)
    problems = []
    for frame in reserved:
        later = [item for item in agreed.get((frame.series, frame.year), []) if item.agreement != frame.agreement]
        total = sum(item.amount for item in later)
        if not later or total <= frame.amount:
            continue
        first = later[0]
        names = " + ".join(f"{item.agreement} {format_kr(item.amount, ' ')} kr" for item in later)
        problems.append(
            Problem(
                first.path,
                first.line,
                first.column,
                "frame-exceeded",
                _(
                    "series {series!r} agrees {total} kr for {year} ({names}), {more} kr more than the {reserved} kr "
                    "the frame of {agreement} ({place}) reserved; check the amounts, or whether the money belongs to "
                    "this series"
                ).format(
                    series=frame.series,
                    total=format_kr(total, " "),
                    year=frame.year,
                    names=names,
                    more=format_kr(total - frame.amount, " "),
                    reserved=format_kr(frame.amount, " "),
                    agreement=frame.agreement,
                    place=line_of(frame.path, frame.line),
                ),
            )
        )
    return problems


class SeriesYear(NamedTuple):
    """One year of a series: what was agreed, what frames reserved, and earlier money that may still be used."""

    year: int
    agreed: tuple[Agreed, ...]
    reserved: tuple[Reserved, ...]
    carried: tuple[Agreed, ...]  # money agreed in an earlier year that may also be used in this one

    @property
    def agreed_total(self) -> int:
        return sum(item.amount for item in self.agreed)

    @property
    def reserved_total(self) -> int | None:
        return sum(item.amount for item in self.reserved) if self.reserved else None


def series_years(all_facts: Iterable[SeriesFacts], name: str) -> list[SeriesYear]:
    """Every year from the first to the last that series *name* agrees, reserves or may use money in."""
    agreed = [item for found in all_facts for item in found.agreed if item.series == name]
    reserved = [item for found in all_facts for item in found.reserved if item.series == name]
    years = {item.year for item in agreed} | {item.year for item in reserved}
    years |= {year for item in agreed for year in range(item.year, item.valid_to + 1)}
    if not years:
        return []
    return [
        SeriesYear(
            year,
            tuple(item for item in agreed if item.year == year),
            tuple(item for item in reserved if item.year == year),
            tuple(item for item in agreed if item.year < year <= item.valid_to),
        )
        for year in range(min(years), max(years) + 1)
    ]


def series_names(all_facts: Iterable[SeriesFacts]) -> list[str]:
    """The series the agreements name, in order of name."""
    return sorted({item.series for found in all_facts for item in found.agreed + found.reserved})


def carried_into(agreements: Iterable, year: int) -> list:
    """Agreements of earlier years whose money may also be used in *year* (``valid``); they are counted in their own."""
    return [agreement for agreement in agreements if agreement.year < year and year in agreement.valid_years]
