"""Reports of the reference data: the recipients (``regions``) and the population datasets (``population``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..formatting import format_kr, percent
from ..i18n import _
from ..reference import REGION, SAMVERKANSREGION, PopulationDataset, Reference
from ..report import DECIMAL, INTEGER, Column, Report
from .rollup import kommun_figures_text, samverkansregion_population


def regions_report(reference: Reference) -> Report:
    """The 21 regions, the six samverkansregioner and the organisations, with the newest population."""
    dataset = newest(reference)
    rows: list[dict[str, Any]] = []
    for recipient in sorted(reference.recipients.values(), key=lambda r: r.sort_key):
        row: dict[str, Any] = {
            "id": recipient.id,
            "name": recipient.name,
            "short_name": recipient.short_name,
            "kind": recipient.kind,
            "samverkansregion": "",
            "members": "",
            "population": None,
        }
        if recipient.kind == REGION:
            row["samverkansregion"] = " + ".join(recipient.samverkansregioner)
            row["population"] = dataset.figures.get(recipient.id) if dataset else None
        elif recipient.kind == SAMVERKANSREGION:
            row["members"] = " ".join(
                _member(code, recipient.id, reference) for code in reference.members(recipient.id)
            )
            row["population"] = samverkansregion_population(recipient.id, dataset, reference) if dataset else None
        rows.append(row)
    columns = [
        Column("id", _("Id")),
        Column("name", _("Name")),
        Column("short_name", _("Short name"), human=False),
        Column("kind", _("Kind")),
        Column("samverkansregion", _("Samverkansregion")),
        Column("members", _("Regions")),
        Column(
            "population",
            _("Population {date}").format(date=dataset.id) if dataset else _("Population"),
            INTEGER,
        ),
    ]
    notes = []
    if dataset is not None:
        by_kind = {
            kind: sum(row["population"] or 0 for row in rows if row["kind"] == kind)
            for kind in (REGION, SAMVERKANSREGION)
        }
        if by_kind[REGION] != by_kind[SAMVERKANSREGION]:  # the split must neither lose nor invent a person
            raise AssertionError(
                f"regions hold {by_kind[REGION]} inhabitants, samverkansregioner {by_kind[SAMVERKANSREGION]}"
            )
        notes.append(
            _("Population {date}: the regions and the samverkansregioner both add up to {total} ({source}).").format(
                date=dataset.id, total=format_kr(dataset.total, " "), source=dataset.source
            )
        )
    for code, split in reference.splits.items():
        sides = "; ".join(f"{sid}: {', '.join(kommuner)}" for sid, kommuner in split.kommuner.items())
        figures = (
            " " + _("on {figures}").format(figures=kommun_figures_text(split.at(dataset.date), reference))
            if dataset is not None
            else ""
        )
        notes.append(
            _(
                "{region} is split by kommun ({sides}); a samverkansregion's population counts its share by the "
                "kommun figures{figures}, rounded to whole persons (kommun figures: {source})."
            ).format(region=reference.recipients[code].name, sides=sides, figures=figures, source=_(split.source))
        )
    return Report(title=_("Regions, samverkansregioner and organisations"), columns=columns, rows=rows, notes=notes)


def _member(code: str, sid: str, reference: Reference) -> str:
    split = reference.splits.get(code)
    return f"{code}({' '.join(split.kommuner[sid])})" if split else code


def newest(reference: Reference) -> PopulationDataset | None:
    dated = [d for d in reference.populations.values() if d.date]
    return max(dated, key=lambda d: d.date or dt.date.min) if dated else None


def datasets_report(reference: Reference) -> Report:
    """The population datasets available: date, national total, source and how it was checked."""
    rows = [
        {
            "id": dataset.id,
            "total": dataset.total,
            "regions": len(dataset.figures),
            "source": dataset.source,
            "method": dataset.method,
        }
        for dataset in sorted(reference.populations.values(), key=lambda d: d.id)
    ]
    columns = [
        Column("id", _("Date")),
        Column("total", _("Population"), INTEGER),
        Column("regions", _("Regions"), INTEGER),
        Column("source", _("Source")),
        Column("method", _("Checked"), human=False),
    ]
    notes = [
        _(
            "vardmedel population DATE lists one dataset region by region; --population FILE on allocate, explain "
            "and compare uses your own figures (SCB's download, an Excel sheet saved as CSV, or this list's CSV)."
        )
    ]
    return Report(title=_("Population datasets"), columns=columns, rows=rows, notes=notes)


def population_report(dataset: PopulationDataset, reference: Reference) -> Report:
    """One dataset: every region's population and its share of the country."""
    rows = []
    for region in reference.regions:
        figure = dataset.figures.get(region.id)
        rows.append(
            {
                "code": region.id,
                "name": region.name,
                "population": figure,
                "share_percent": None if figure is None else percent(figure, dataset.total, places=2),
            }
        )
    columns = [
        Column("code", _("Län")),
        Column("name", _("Region")),
        Column("population", _("Population"), INTEGER),
        Column("share_percent", _("Share %"), DECIMAL),
    ]
    notes = [_("Source: {source}.").format(source=dataset.source)]
    if dataset.method:
        if dataset.path:
            notes.append(f"{dataset.method[:1].upper()}{dataset.method[1:]}.")
        else:
            notes.append(_("Checked: {method}.").format(method=dataset.method))
    splits = reference.splits_at(dataset.date)
    for code, figures in splits.items():
        notes.append(
            _("Where samverkansregioner are counted, {region} is split by its kommuner: {figures}.").format(
                region=reference.recipients[code].name, figures=kommun_figures_text(figures, reference)
            )
        )
    return Report(
        title=_("Population {date}").format(date=dataset.id),
        columns=columns,
        rows=rows,
        footer=[{"name": _("Sweden"), "population": dataset.total}],
        notes=notes,
        data={
            "id": dataset.id,
            "total": dataset.total,
            "source": dataset.source,
            "regions": rows,
            "kommun_splits": {
                code: {"date": f.date.isoformat(), "population": f.parts, "for": f.wanted and f.wanted.isoformat()}
                for code, f in splits.items()
            },
        },
    )
