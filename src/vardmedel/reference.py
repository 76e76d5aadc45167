"""Reference data shipped in the package: regions, samverkansregioner, organisations, populations.

All of it is read from ``data/`` beside this module (see data/SOURCES.md for
where every figure comes from); nothing outside the package is read, except a
population file the user names on the command line.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from .i18n import N_, _, language

REGION, SAMVERKANSREGION, ORGANISATION = "region", "samverkansregion", "organisation"
_KIND_ORDER = {REGION: 0, SAMVERKANSREGION: 1, ORGANISATION: 2}
GROUPS = ("regioner", "samverkansregioner")
DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Recipient:
    id: str
    name: str
    short_name: str
    kind: str
    order: int  # position within its kind, for stable listing
    samverkansregioner: tuple[str, ...] = ()  # regions only; Halland has two
    aliases: tuple[str, ...] = ()

    @functools.cached_property
    def sort_key(self) -> tuple[int, int, str]:
        """Regions in län-code order, then samverkansregioner, then organisations.

        Cached: the engine ranks every part of every pot by it (benchmarks/).
        """
        return (_KIND_ORDER[self.kind], self.order, self.id)


class PopulationDataset(NamedTuple):  # a NamedTuple: imported on every run, and a dataclass costs about 1 ms to create
    id: str  # the date in ISO form for SCB datasets, else a name or a file path
    figures: dict[str, int]
    source: str
    method: str = ""
    date: dt.date | None = None
    path: str | None = None  # the user's file it was read from; None for the bundled datasets

    @property
    def total(self) -> int:
        return sum(self.figures.values())

    @property
    def described(self) -> str:
        """For notes: '2021-11-01 (SCB folkmängd …)', or 'from your population file x.csv' when it has no date."""
        if self.path is not None and self.id == self.path:
            return _("from {source}").format(source=self.source)
        return f"{self.id} ({self.source})"


class KommunSplit(NamedTuple):
    """A split region's kommun populations on one date, chosen for one population date.

    Kommun figures are published for 31 December only, so the date of the
    figures (*date*) may differ from the population date they serve (*wanted*).
    """

    code: str  # the split region's län code
    date: dt.date
    parts: dict[str, int]  # samverkansregion id -> population of its kommuner on *date*
    wanted: dt.date | None  # the population date asked for; None when the figures used carry no date

    @property
    def total(self) -> int:
        return sum(self.parts.values())


class SplitRegion(NamedTuple):
    """A region that belongs to several samverkansregioner, with its kommun populations by date."""

    code: str
    kommuner: dict[str, tuple[str, ...]]  # samverkansregion id -> its kommuner, in the data's order
    by_date: dict[dt.date, dict[str, int]]  # date -> samverkansregion id -> population of its kommuner
    source: str

    def at(self, wanted: dt.date | None) -> KommunSplit:
        """The kommun figures for population date *wanted*.

        That date's own figures; else the nearest later date that has them (the
        rule of data/SOURCES.md: 31 Dec 2019 for 31 Dec 2018, 31 Dec 2021 for
        1 Nov 2021); else, past the last date or without a date, the newest.
        """
        dates = sorted(self.by_date)
        later = [d for d in dates if wanted is not None and d >= wanted]
        date = later[0] if later else dates[-1]
        return KommunSplit(self.code, date, self.by_date[date], wanted)


@dataclass
class Reference:
    recipients: dict[str, Recipient]
    populations: dict[str, PopulationDataset]
    splits: dict[str, SplitRegion] = field(default_factory=dict)

    @property
    def regions(self) -> list[Recipient]:
        return self.of_kind(REGION)

    @property
    def samverkansregioner(self) -> list[Recipient]:
        return self.of_kind(SAMVERKANSREGION)

    def of_kind(self, kind: str) -> list[Recipient]:
        return list(self._by_kind.get(kind, ()))

    @functools.cached_property
    def _by_kind(self) -> dict[str, tuple[Recipient, ...]]:
        """Recipients of each kind in order, sorted once: every group rule of every pot asks.

        A Reference is never changed in place (``with_*`` make copies), so the cache stays true.
        """
        by_kind: dict[str, list[Recipient]] = {}
        for recipient in sorted(self.recipients.values(), key=lambda r: r.sort_key):
            by_kind.setdefault(recipient.kind, []).append(recipient)
        return {kind: tuple(members) for kind, members in by_kind.items()}

    def group(self, name: str) -> list[str] | None:
        """Member ids of a named group, or None if there is no such group."""
        if name == "regioner":
            return [r.id for r in self.regions]
        if name == "samverkansregioner":
            return [r.id for r in self.samverkansregioner]
        return None

    def members(self, samverkansregion: str) -> list[str]:
        return [r.id for r in self.regions if samverkansregion in r.samverkansregioner]

    def rank(self, rid: str) -> tuple[int, int, str]:
        """Where *rid* comes in every list and every tie: regions by län code, samverkansregioner, organisations."""
        return self.recipients[rid].sort_key

    def splits_at(self, date: dt.date | None) -> dict[str, KommunSplit]:
        """Every split region's kommun figures for population date *date* (see SplitRegion.at)."""
        return {code: split.at(date) for code, split in self.splits.items()}

    def split_scale(self, date: dt.date | None) -> int:
        """The product of every split region's kommun total for population date *date* (Halland 2023: 343 746).

        Weights of samverkansregioner count a split region by its kommuner's share;
        multiplying every other weight by this keeps that share a whole number.
        """
        scale = 1
        for split in self.splits_at(date).values():
            scale *= split.total
        return scale

    def with_population(self, dataset: PopulationDataset) -> Reference:
        """A copy that also knows *dataset* (a user's file), replacing one of the same id."""
        return Reference(self.recipients, {**self.populations, dataset.id: dataset}, self.splits)

    def with_recipients(self, extra: dict[str, Recipient]) -> Reference:
        """A copy that also knows an agreement's own recipients."""
        return Reference({**self.recipients, **extra}, self.populations, self.splits)

    def default_population(self, year: int) -> PopulationDataset | None:
        """The newest dated dataset from before *year*: what an agreement of that year could have used.

        Found once per year (every pot without a population date asks; see ``_by_kind`` for why caching holds).
        """
        if year not in self._defaults:
            before = [d for d in self.populations.values() if d.date and d.date.year < year]
            self._defaults[year] = max(before, key=lambda d: d.date or dt.date.min) if before else None
        return self._defaults[year]

    @functools.cached_property
    def _defaults(self) -> dict[int, PopulationDataset | None]:
        return {}


def _read_csv(name: str) -> list[dict[str, str]]:
    text = (DATA / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _region(row: dict[str, str]) -> dict[str, Any]:
    return {
        "id": row["code"],
        "short_name": row["short_name"],
        "samverkansregioner": tuple(row["samverkansregion"].split(";")),
        "aliases": (row["lan"],),
    }


def _samverkansregion(row: dict[str, str]) -> dict[str, Any]:
    short = row["name"].replace("sjukvårdsregionen", "").replace("Sjukvårdsregion", "").strip()
    return {"id": row["id"], "short_name": short[:1].upper() + short[1:], "aliases": (row["former_name"],)}


def _organisation(row: dict[str, str]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "short_name": row["short_name"],
        "aliases": tuple(a for a in row["aliases"].split(";") if a),
    }


#: The recipients' files, in the order they are listed: each row's name is its name, these read the rest of it.
_RECIPIENT_FILES: tuple[tuple[str, str, Callable[[dict[str, str]], dict[str, Any]]], ...] = (
    ("regions.csv", REGION, _region),
    ("samverkansregioner.csv", SAMVERKANSREGION, _samverkansregion),
    ("organisations.csv", ORGANISATION, _organisation),
)


def load_reference() -> Reference:
    """The bundled reference data, its texts (a dataset's source) in the run's language."""
    return _load_reference(language())


@functools.cache
def _load_reference(language: str) -> Reference:
    """Read once per process and language: a text is taken in *language* where it is written in it."""
    recipients: dict[str, Recipient] = {}
    for name, kind, fields in _RECIPIENT_FILES:
        for order, row in enumerate(_read_csv(name)):
            recipient = Recipient(name=row["name"], kind=kind, order=order, **fields(row))
            recipients[recipient.id] = recipient
    populations = {}
    for row in _read_csv("population/datasets.csv"):
        figures = {r["code"]: int(r["population"]) for r in _read_csv(f"population/{row['date']}.csv")}
        dataset = PopulationDataset(
            id=row["date"],
            figures=figures,
            source=_in_language(row, "source", language),
            method=_in_language(row, "method", language),
            date=dt.date.fromisoformat(row["date"]),
        )
        if dataset.total != int(row["national_total"]):
            raise RuntimeError(f"bundled population {row['date']} does not sum to its national total")
        populations[dataset.id] = dataset
    return Reference(recipients, populations, {"13": _halland_split()})


def _in_language(row: dict[str, str], column: str, language: str) -> str:
    """*column* of *row* in *language*: its column ``source_sv`` for Swedish, else the English ``source``."""
    return row.get(f"{column}_{language}") or row[column]


def _halland_split() -> SplitRegion:
    """Region Halland's six kommuner, three in Södra and three in Västra, at each 31 December published."""
    by_date: dict[dt.date, dict[str, int]] = {}
    kommuner: dict[str, list[str]] = {}
    for row in _read_csv("halland_kommuner_by_date.csv"):
        parts = by_date.setdefault(dt.date.fromisoformat(row["date"]), {})
        parts[row["samverkansregion"]] = parts.get(row["samverkansregion"], 0) + int(row["population"])
        side = kommuner.setdefault(row["samverkansregion"], [])
        if row["kommun"] not in side:
            side.append(row["kommun"])
    return SplitRegion(
        code="13",
        kommuner={k: tuple(v) for k, v in kommuner.items()},
        by_date=by_date,
        source=N_(
            "SCB's (from SCB's tables, regionfakta.com, the kommuner and Region Halland)"
        ),  # translated when shown
    )
