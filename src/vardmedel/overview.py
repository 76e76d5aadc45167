"""Reports of what is known: the agreements (``list``, ``show``) and the reference data (``regions``, ``population``)."""

from __future__ import annotations

from .amounts import format_kr
from .reference import REGION, SAMVERKANSREGION, PopulationDataset, Reference
from .report import DECIMAL, INTEGER, KR, Column, Node, Report, percent
from .views import rule_text, source_text

SP = "\u00a0"


def list_report(loaded: list, folder: str) -> Report:
    """One row per agreement: id, year, title, the total it states, the sum of its pots, its file."""
    rows = []
    for item in sorted(loaded, key=lambda i: (i.agreement.year, i.agreement.id)):
        agreement = item.agreement
        pots = [pot for _, pot in agreement.pots()]
        rows.append(
            {
                "id": agreement.id,
                "year": agreement.year,
                "title": agreement.title,
                "stated_total": agreement.total,
                "total": sum(pot.amount for pot in pots),
                "pots": len(pots),
                "file": item.path,
            }
        )
    columns = [
        Column("id", "Id"),
        Column("year", "År"),
        Column("title", "Titel"),
        Column("stated_total", "Angiven summa", KR),
        Column("total", "Summa av potterna", KR),
        Column("pots", "Potter", INTEGER),
        Column("file", "Fil"),
    ]
    notes = [f"{len(rows)} agreement(s) in {folder}; `vardmedel show ID` shows one as a tree."]
    return Report(title="Överenskommelser", columns=columns, rows=rows, notes=notes, data={"agreements": rows})


def show_report(item) -> Report:
    """One agreement as a tree (areas, pots, rule, amount, the source's words, assumptions) and as pot rows."""
    agreement = item.agreement
    total = sum(pot.amount for _, pot in agreement.pots())
    root = Node(f"{agreement.id}: {agreement.title}: {format_kr(total, SP)} kr{_stated(agreement.total, total)}")
    if agreement.source is not None:
        root.add(f"source: {source_text(agreement.source)}")
    if agreement.funding:
        root.add("funding: " + ", ".join(f"{k} {format_kr(v, SP)} kr" for k, v in agreement.funding.items()))
    if agreement.frame is not None:
        years = ", ".join(f"{year}: {format_kr(kr, SP)} kr" for year, kr in sorted(agreement.frame.years.items()))
        root.add(f"frame for later years: {years}")
    for rid, declared in agreement.recipients.items():
        root.add(f"recipient {rid}: {declared.name}")
    _texts(root, agreement)
    rows = []
    for area in agreement.areas:
        area_sum = sum(pot.amount for pot in area.pots)
        branch = root.add(f"{area.id}: {area.title}: {format_kr(area_sum, SP)} kr{_stated(area.total, area_sum)}")
        if area.source is not None:
            branch.add(f"source: {source_text(area.source)}")
        _texts(branch, area)
        for pot in area.pots:
            leaf = branch.add(f"{pot.id}: {pot.title or pot.id}: {format_kr(pot.amount, SP)} kr")
            leaf.add(f"rule: {rule_text(pot.rule)}" + (f", in whole {pot.rounding.unit} kr" if pot.rounding else ""))
            _texts(leaf, pot)
            if pot.published is not None:
                leaf.add(f"published table: {len(pot.published.rows)} rows (vardmedel check reconciles it)")
            rows.append(
                {
                    "area": area.id,
                    "area_title": area.title,
                    "pot": pot.id,
                    "title": pot.title or "",
                    "amount": pot.amount,
                    "rule": rule_text(pot.rule),
                    "quote": _plain(pot.quote),
                    "assumption": _plain(pot.assumption),
                    "note": _plain(pot.note),
                }
            )
    columns = [
        Column("area", "Område"),
        Column("area_title", "Områdets titel", human=False),
        Column("pot", "Pott"),
        Column("title", "Titel"),
        Column("amount", "Belopp", KR),
        Column("rule", "Regel"),
        Column("quote", "Citat"),
        Column("assumption", "Antagande"),
        Column("note", "Not"),
    ]
    return Report(
        title=f"{agreement.id}: {agreement.title}",
        columns=columns,
        rows=rows,
        footer=[{"pot": "Totalt", "amount": total}],
        notes=[f"File: {item.path}"],
        data={"file": item.path, "agreement": agreement.model_dump(mode="json", exclude_none=True)},
        tree=root,
        name=agreement.id,
    )


def _stated(stated: int | None, computed: int) -> str:
    """Whether the pots add up to the total the source states (``vardmedel check`` says the same, as an error)."""
    if stated is None:
        return ""
    if stated == computed:
        return " (as stated)"
    return f" (stated {format_kr(stated, SP)} kr: {format_kr(computed - stated, SP)} kr off)"


def _plain(text: str | None) -> str:
    return " ".join((text or "").split())


def _texts(node: Node, model) -> None:
    """The source's words, notes and assumptions of an agreement, area or pot, as leaves."""
    if getattr(model, "quote", None):
        node.add(f"quote: “{_plain(model.quote)}”")
    if getattr(model, "note", None):
        node.add(f"note: {_plain(model.note)}")
    if getattr(model, "assumption", None):
        node.add(f"assumption: {_plain(model.assumption)}")


def regions_report(reference: Reference) -> Report:
    """The 21 regions, the six samverkansregioner and the organisations, with the newest population."""
    from .rollup import kommun_figures_text, samverkansregion_population

    dataset = newest(reference)
    rows = []
    for recipient in sorted(reference.recipients.values(), key=lambda r: r.sort_key):
        row = {
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
        Column("id", "Id"),
        Column("name", "Namn"),
        Column("short_name", "Kort namn", human=False),
        Column("kind", "Slag"),
        Column("samverkansregion", "Samverkansregion"),
        Column("members", "Regioner"),
        Column("population", f"Folkmängd {dataset.id}" if dataset else "Folkmängd", INTEGER),
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
            f"Population {dataset.id}: the regions and the samverkansregioner both add up to "
            f"{format_kr(dataset.total, ' ')} ({dataset.source})."
        )
    for code, split in reference.splits.items():
        sides = "; ".join(f"{sid}: {', '.join(kommuner)}" for sid, kommuner in split.kommuner.items())
        figures = f" on {kommun_figures_text(split.at(dataset.date), reference)}" if dataset is not None else ""
        notes.append(
            f"{reference.recipients[code].name} is split by kommun ({sides}); a samverkansregion's population "
            f"counts its share by the kommun figures{figures}, rounded to whole persons (kommun figures: "
            f"{split.source})."
        )
    return Report(title="Regioner, samverkansregioner och organisationer", columns=columns, rows=rows, notes=notes)


def _member(code: str, sid: str, reference: Reference) -> str:
    split = reference.splits.get(code)
    return f"{code}({' '.join(split.kommuner[sid])})" if split else code


def newest(reference: Reference) -> PopulationDataset | None:
    dated = [d for d in reference.populations.values() if d.date]
    return max(dated, key=lambda d: d.date) if dated else None


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
        Column("id", "Datum"),
        Column("total", "Folkmängd", INTEGER),
        Column("regions", "Regioner", INTEGER),
        Column("source", "Källa"),
        Column("method", "Kontroll", human=False),
    ]
    notes = [
        "`vardmedel population DATE` lists one dataset per region; `--population FILE` on allocate, explain "
        "and compare uses your own SCB extract."
    ]
    return Report(title="Befolkningsunderlag", columns=columns, rows=rows, notes=notes)


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
        Column("code", "Län"),
        Column("name", "Region"),
        Column("population", "Folkmängd", INTEGER),
        Column("share_percent", "Andel %", DECIMAL),
    ]
    notes = [f"Source: {dataset.source}."]
    if dataset.method:
        notes.append(f"Checked: {dataset.method}.")
    return Report(
        title=f"Folkmängd {dataset.id}",
        columns=columns,
        rows=rows,
        footer=[{"name": "Riket", "population": dataset.total}],
        notes=notes,
        data={"id": dataset.id, "total": dataset.total, "source": dataset.source, "regions": rows},
    )
