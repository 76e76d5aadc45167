"""The figures one HTML report shows, as plain values: no engine, no reference data, no formatting.

A page is built from a ``ReportData`` alone, so charts and the document can be
tested with a few hand-made rows, and any source of allocations (the engine
today, a public API later) needs only an adapter that fills these fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..formatting import per_capita

REGION = "region"


@dataclass(frozen=True)
class Series:
    """A column of money: an area of one year's agreements, or a year."""

    key: str  # the CSV column
    title: str


@dataclass(frozen=True)
class RecipientRow:
    id: str
    name: str
    short_name: str
    kind: str  # region | samverkansregion | organisation
    amounts: dict[str, int]  # series key -> whole kronor (0 where nothing)
    total: int
    population: int | None = None  # regions only: the basis of kronor per inhabitant
    per_capita: Decimal | None = None
    assumed: frozenset[str] = frozenset()  # series keys whose amount rests on an assumption


@dataclass(frozen=True)
class RegionRate:
    """A region's kronor per inhabitant, with what it was worked out from."""

    id: str
    name: str
    short_name: str
    total: int
    population: int
    per_capita: Decimal


@dataclass(frozen=True)
class SourceRow:
    """One pot and where its figure and rule come from."""

    agreement: str
    area: str
    pot: str
    title: str
    amount: int
    rule: str
    basis: str
    source: str
    quote: str = ""
    assumption: str = ""
    funders: dict[str, int] | None = None  # who pays the pot, in kronor; None where the files do not say


@dataclass
class ReportData:
    title: str
    subtitle: str  # the agreements' titles
    by: str  # "area" or "year": what the series are
    series: list[Series]
    rows: list[RecipientRow]
    pots: int
    command: str  # the allocate arguments whose CSV holds the same numbers, e.g. "2022"
    version: str
    population: str = ""  # which population kronor per inhabitant rest on
    notes: list[str] = field(default_factory=list)
    sources: list[SourceRow] = field(default_factory=list)
    funders: dict[str, int] = field(default_factory=dict)  # kronor per funder over all pots
    unfunded: int = 0  # kronor whose funders the files do not state
    region_names: dict[str, str] = field(default_factory=dict)  # every region's short name, for the map

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)

    def regions(self) -> list[RegionRate]:
        """Regions that have an amount per inhabitant, in the table's order."""
        return [
            RegionRate(row.id, row.name, row.short_name, row.total, row.population or 0, row.per_capita)
            for row in self.rows
            if row.kind == REGION and row.per_capita is not None
        ]

    def national_per_capita(self) -> Decimal | None:
        """All regions' money over all their inhabitants (not the mean of the regions' figures)."""
        regions = self.regions()
        people = sum(region.population for region in regions)
        return per_capita(sum(region.total for region in regions), people) if people else None

    def kinds(self) -> list[str]:
        """The kinds of recipient present, in the table's order."""
        return list(dict.fromkeys(row.kind for row in self.rows))

    def by_kind(self) -> dict[str, dict[str, int]]:
        """Kind -> series key -> kronor."""
        sums: dict[str, dict[str, int]] = {
            kind: dict.fromkeys((s.key for s in self.series), 0) for kind in self.kinds()
        }
        for row in self.rows:
            for key, amount in row.amounts.items():
                sums[row.kind][key] += amount
        return sums
