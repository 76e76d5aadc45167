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
from dataclasses import dataclass, field
from pathlib import Path

from .i18n import N_, _

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


@dataclass(frozen=True)
class PopulationDataset:
    id: str  # the date in ISO form for SCB datasets, else a name or a file path
    figures: dict[str, int]
    source: str
    method: str = ""
    date: dt.date | None = None

    @property
    def total(self) -> int:
        return sum(self.figures.values())


@dataclass(frozen=True)
class SplitRegion:
    """A region that belongs to several samverkansregioner, with the kommun populations that split it."""

    code: str
    parts: dict[str, int]  # samverkansregion id -> population of its kommuner
    kommuner: dict[str, tuple[str, ...]]
    source: str


class PopulationFileError(ValueError):
    """A user's population file that cannot be used; says where and why."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}:1: {message}")
        self.path, self.line, self.message = path, line, message


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

    @functools.cached_property
    def split_scale(self) -> int:
        """The product of every split region's kommun total (Halland: 343 746).

        Weights of samverkansregioner count a split region by its kommuner's share;
        multiplying every other weight by this keeps that share a whole number.
        """
        scale = 1
        for split in self.splits.values():
            scale *= sum(split.parts.values())
        return scale

    def with_population(self, dataset: PopulationDataset) -> Reference:
        """A copy that also knows *dataset* (a user's file), replacing one of the same id."""
        return Reference(self.recipients, {**self.populations, dataset.id: dataset}, self.splits)

    def with_recipients(self, extra: dict[str, Recipient]) -> Reference:
        """A copy that also knows an agreement's own recipients."""
        return Reference({**self.recipients, **extra}, self.populations, self.splits)

    def default_population(self, year: int) -> PopulationDataset | None:
        """The newest dated dataset from before *year*: what an agreement of that year could have used."""
        before = [d for d in self.populations.values() if d.date and d.date.year < year]
        return max(before, key=lambda d: d.date) if before else None


def _read_csv(name: str) -> list[dict[str, str]]:
    text = (DATA / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@functools.cache
def load_reference() -> Reference:
    """The bundled reference data (read once per process)."""
    recipients: dict[str, Recipient] = {}
    for order, row in enumerate(_read_csv("regions.csv")):
        recipients[row["code"]] = Recipient(
            id=row["code"],
            name=row["name"],
            short_name=row["short_name"],
            kind=REGION,
            order=order,
            samverkansregioner=tuple(row["samverkansregion"].split(";")),
            aliases=(row["lan"],),
        )
    for order, row in enumerate(_read_csv("samverkansregioner.csv")):
        short = row["name"].replace("sjukvårdsregionen", "").replace("Sjukvårdsregion", "").strip()
        recipients[row["id"]] = Recipient(
            id=row["id"],
            name=row["name"],
            short_name=short[:1].upper() + short[1:],
            kind=SAMVERKANSREGION,
            order=order,
            aliases=(row["former_name"],),
        )
    for order, row in enumerate(_read_csv("organisations.csv")):
        recipients[row["id"]] = Recipient(
            id=row["id"],
            name=row["name"],
            short_name=row["short_name"],
            kind=ORGANISATION,
            order=order,
            aliases=tuple(a for a in row["aliases"].split(";") if a),
        )
    populations = {}
    for row in _read_csv("population/datasets.csv"):
        figures = {r["code"]: int(r["population"]) for r in _read_csv(f"population/{row['date']}.csv")}
        dataset = PopulationDataset(
            id=row["date"],
            figures=figures,
            source=row["source"],
            method=row["method"],
            date=dt.date.fromisoformat(row["date"]),
        )
        if dataset.total != int(row["national_total"]):
            raise RuntimeError(f"bundled population {row['date']} does not sum to its national total")
        populations[dataset.id] = dataset
    return Reference(recipients, populations, {"13": _halland_split()})


def _halland_split() -> SplitRegion:
    parts: dict[str, int] = {}
    kommuner: dict[str, list[str]] = {}
    for row in _read_csv("halland_kommuner.csv"):
        parts[row["samverkansregion"]] = parts.get(row["samverkansregion"], 0) + int(row["population_2023_12_31"])
        kommuner.setdefault(row["samverkansregion"], []).append(row["kommun"])
    return SplitRegion(
        code="13",
        parts=parts,
        kommuner={k: tuple(v) for k, v in kommuner.items()},
        source=N_("kommun population 31 December 2023 (regionfakta.com, source SCB)"),  # translated when shown
    )


def read_population_file(path: Path | str, reference: Reference, dataset_id: str | None = None) -> PopulationDataset:
    """A user's SCB extract: CSV with a header and the columns code, population (one row per region)."""
    shown = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise PopulationFileError(shown, 1, _("cannot read the population file: {reason}").format(reason=err)) from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or [c.strip().lower() for c in rows[0][:2]] != ["code", "population"]:
        raise PopulationFileError(shown, 1, _("the first line must be the header 'code,population'"))
    figures: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not row or not "".join(row).strip():
            continue
        if len(row) < 2:
            raise PopulationFileError(shown, line, _("expected two columns: code,population"))
        code, value = row[0].strip().zfill(2), row[1].strip().replace(" ", "").replace("\u00a0", "")
        if code not in reference.recipients or reference.recipients[code].kind != REGION:
            raise PopulationFileError(shown, line, _("{code!r} is not a län code (01, 03, …, 25)").format(code=row[0]))
        if code in figures:
            raise PopulationFileError(
                shown, line, _("län code {code} appears twice; keep one row per region").format(code=code)
            )
        if not value.isdigit() or int(value) <= 0:
            raise PopulationFileError(
                shown, line, _("population {value!r} is not a positive whole number").format(value=row[1])
            )
        figures[code] = int(value)
    missing = [r.id for r in reference.regions if r.id not in figures]
    if missing:
        raise PopulationFileError(
            shown, len(rows), _("no population for län code(s) {codes}").format(codes=", ".join(missing))
        )
    date = None
    if dataset_id:
        try:
            date = dt.date.fromisoformat(dataset_id)
        except ValueError:
            date = None
    return PopulationDataset(
        id=dataset_id or shown,
        figures=figures,
        source=_("user file {file}").format(file=shown),
        method=_("given on the command line"),
        date=date,
    )
