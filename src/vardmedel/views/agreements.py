"""Reports of the agreements known: ``list`` (one row each) and ``show`` (one as a tree of areas and pots)."""

from __future__ import annotations

from ..formatting import NBSP, format_kr
from ..report import INTEGER, KR, Column, Node, Report
from ..rules import rule_text
from .common import plain, source_text
from .coverage import label


def list_report(loaded: list) -> Report:
    """One row per agreement: id, year, title, the total it states, the sum of its pots, its file."""
    rows = []
    for item in sorted(loaded, key=lambda i: (i.agreement.year, i.agreement.id)):
        agreement = item.agreement
        pots = [pot for _, pot in agreement.pots()]
        rows.append(
            {
                "id": agreement.id,
                "year": agreement.year,
                "title": label(agreement),
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
    notes = [f"{len(rows)} agreement(s); `vardmedel show ID` shows one as a tree."]
    return Report(title="Överenskommelser", columns=columns, rows=rows, notes=notes, data={"agreements": rows})


def show_report(item) -> Report:
    """One agreement as a tree (areas, pots, rule, amount, the source's words, assumptions) and as pot rows."""
    agreement = item.agreement
    total = sum(pot.amount for _, pot in agreement.pots())
    root = Node(f"{agreement.id}: {agreement.title}: {format_kr(total, NBSP)} kr{_stated(agreement.total, total)}")
    if agreement.source is not None:
        root.add(f"source: {source_text(agreement.source)}")
    if agreement.scope is not None:
        whole = f" of {agreement.scope.of}" if agreement.scope.of else ""
        _texts(root.add(f"scope: only {agreement.scope.part}{whole}"), agreement.scope)
    if agreement.series is not None:
        root.add(f"series: {agreement.series} (vardmedel series {agreement.series})")
    if agreement.valid is not None:
        _texts(root.add(f"valid: the money may be used {agreement.valid.from_}–{agreement.valid.to}"), agreement.valid)
    _funders(root, agreement)
    if agreement.frame is not None:
        years = ", ".join(f"{year}: {format_kr(kr, NBSP)} kr" for year, kr in sorted(agreement.frame.years.items()))
        root.add(f"frame for later years: {years}")
    _reports(root, agreement.reports)
    for rid, declared in agreement.recipients.items():
        root.add(f"recipient {rid}: {declared.name}")
    _texts(root, agreement)
    rows = []
    for area in agreement.areas:
        area_sum = sum(pot.amount for pot in area.pots)
        branch = root.add(f"{area.id}: {area.title}: {format_kr(area_sum, NBSP)} kr{_stated(area.total, area_sum)}")
        if area.source is not None:
            branch.add(f"source: {source_text(area.source)}")
        if area.series is not None and area.series != agreement.series:
            branch.add(f"series: {area.series} (vardmedel series {area.series})")
        _funders(branch, area)
        _texts(branch, area)
        _reports(branch, area.reports)
        for pot in area.pots:
            leaf = branch.add(f"{pot.id}: {pot.title or pot.id}: {format_kr(pot.amount, NBSP)} kr")
            leaf.add(f"rule: {rule_text(pot.rule)}" + (f", in whole {pot.rounding.unit} kr" if pot.rounding else ""))
            _funders(leaf, pot)
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
                    "quote": plain(pot.quote),
                    "assumption": plain(pot.assumption),
                    "note": plain(pot.note),
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
        data={"file": item.path, "agreement": agreement.model_dump(mode="json", exclude_none=True, by_alias=True)},
        tree=root,
        name=agreement.id,
    )


def _stated(stated: int | None, computed: int) -> str:
    """Whether the pots add up to the total the source states (``vardmedel check`` says the same, as an error)."""
    if stated is None:
        return ""
    if stated == computed:
        return " (as stated)"
    return f" (stated {format_kr(stated, NBSP)} kr: {format_kr(computed - stated, NBSP)} kr off)"


def _funders(node: Node, model) -> None:
    """Who pays, where this level says so (a level that does not inherits it; see ``funders``)."""
    if model.funder is not None:
        node.add(f"funder: {model.funder}")
    elif model.funding:
        node.add("funding: " + ", ".join(f"{k} {format_kr(v, NBSP)} kr" for k, v in model.funding.items()))


def _reports(node: Node, reports) -> None:
    for report in reports:
        by_to = "".join(f" {word} {who}" for word, who in (("by", report.by), ("to", report.to)) if who)
        _texts(node.add(f"report due {report.due.isoformat()}: {report.what}{by_to}"), report)


def _texts(node: Node, model) -> None:
    """The source's words, notes and assumptions of an agreement, area or pot, as leaves."""
    if getattr(model, "quote", None):
        cited = getattr(model, "quote_source", None)
        node.add(f"quote: “{plain(model.quote)}”" + (f" ({source_text(cited)})" if cited else ""))
    if getattr(model, "note", None):
        node.add(f"note: {plain(model.note)}")
    if getattr(model, "assumption", None):
        node.add(f"assumption: {plain(model.assumption)}")
