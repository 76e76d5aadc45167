"""Reports of the agreements known: ``list`` (one row each) and ``show`` (one as a tree of areas and pots)."""

from __future__ import annotations

from ..formatting import NBSP, format_kr
from ..i18n import _, language, ngettext
from ..report import INTEGER, KR, Column, Node, Report
from ..rules import rule_text
from .common import agreement_columns, plain, source_text
from .coverage import label


def list_report(loaded: list) -> Report:
    """One row per agreement: id, year, title, the total it states, the sum of its pots, its file."""
    rows = []
    for item in sorted(loaded, key=lambda i: (i.agreement.year, i.agreement.id)):
        agreement = item.agreement
        pots = [pot for _area, pot in agreement.pots()]
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
        Column("id", _("Id")),
        Column("year", _("Year")),
        *agreement_columns("title"),
        Column("stated_total", _("Stated total"), KR),
        Column("total", _("Sum of the pots"), KR),
        Column("pots", _("Pots"), INTEGER),
        Column("file", _("File")),
    ]
    count = ngettext(
        "{count} agreement; vardmedel show ID shows it as a tree.",
        "{count} agreements; vardmedel show ID shows one as a tree.",
        len(rows),
    )
    notes = [count.format(count=len(rows))]
    return Report(title=_("Agreements"), columns=columns, rows=rows, notes=notes, data={"agreements": rows})


def show_report(item) -> Report:
    """One agreement as a tree (areas, pots, rule, amount, the source's words, assumptions) and as pot rows."""
    agreement = item.agreement
    total = sum(pot.amount for _area, pot in agreement.pots())
    root = Node(f"{agreement.id}: {agreement.title}: {format_kr(total, NBSP)} kr{_stated(agreement.total, total)}")
    if agreement.source is not None:
        root.add(_("source: {source}").format(source=source_text(agreement.source)))
    if agreement.scope is not None:
        part = agreement.scope.part
        if agreement.scope.of:
            scope = _("scope: only {part} of {whole}").format(part=part, whole=agreement.scope.of)
        else:
            scope = _("scope: only {part}").format(part=part)
        _texts(root.add(scope), agreement.scope)
    if agreement.series is not None:
        root.add(_("series: {series} (vardmedel series {series})").format(series=agreement.series))
    if agreement.valid is not None:
        valid = _("valid: the money may be used {first}–{last}").format(
            first=agreement.valid.from_, last=agreement.valid.to
        )
        _texts(root.add(valid), agreement.valid)
    _funders(root, agreement)
    if agreement.frame is not None:
        years = ", ".join(f"{year}: {format_kr(kr, NBSP)} kr" for year, kr in sorted(agreement.frame.years.items()))
        root.add(_("frame for later years: {years}").format(years=years))
    _reports(root, agreement.reports)
    for rid, declared in agreement.recipients.items():
        root.add(_("recipient {id}: {name}").format(id=rid, name=declared.name))
    _texts(root, agreement)
    rows = []
    for area in agreement.areas:
        area_sum = sum(pot.amount for pot in area.pots)
        branch = root.add(f"{area.id}: {area.title}: {format_kr(area_sum, NBSP)} kr{_stated(area.total, area_sum)}")
        if area.source is not None:
            branch.add(_("source: {source}").format(source=source_text(area.source)))
        if area.series is not None and area.series != agreement.series:
            branch.add(_("series: {series} (vardmedel series {series})").format(series=area.series))
        _funders(branch, area)
        _texts(branch, area)
        _reports(branch, area.reports)
        for pot in area.pots:
            leaf = branch.add(f"{pot.id}: {pot.title or pot.id}: {format_kr(pot.amount, NBSP)} kr")
            rule = _("rule: {rule}").format(rule=rule_text(pot.rule))
            if pot.rounding:
                rule += _(", in whole {unit} kr").format(unit=format_kr(pot.rounding.unit, NBSP))
            leaf.add(rule)
            _funders(leaf, pot)
            _texts(leaf, pot)
            if pot.published is not None:
                rows_count = len(pot.published.rows)
                leaf.add(
                    ngettext(
                        "published table: {count} row (vardmedel check reconciles it)",
                        "published table: {count} rows (vardmedel check reconciles it)",
                        rows_count,
                    ).format(count=rows_count)
                )
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
        *agreement_columns("area"),
        Column("area_title", _("Area title"), human=False),
        *agreement_columns("pot", "title", "amount", "rule", "quote", "assumption", "note"),
    ]
    return Report(
        title=f"{agreement.id}: {agreement.title}",
        columns=columns,
        rows=rows,
        footer=[{"pot": _("Total"), "amount": total}],
        notes=[_("File: {file}").format(file=item.path)],
        data={
            "file": item.path,
            # notes and assumptions as text in the run's language, like every other view's (so the file's
            # own ``language:`` would say nothing of them)
            "agreement": agreement.model_dump(
                mode="json", exclude_none=True, by_alias=True, exclude={"language"}, context={"language": language()}
            ),
        },
        tree=root,
        name=agreement.id,
    )


def _stated(stated: int | None, computed: int) -> str:
    """Whether the pots add up to the total the source states (``vardmedel check`` says the same, as an error)."""
    if stated is None:
        return ""
    if stated == computed:
        return _(" (as stated)")
    return _(" (stated {stated} kr: {off} kr off)").format(
        stated=format_kr(stated, NBSP), off=format_kr(computed - stated, NBSP)
    )


def _funders(node: Node, model) -> None:
    """Who pays, where this level says so (a level that does not inherits it; see ``funders``)."""
    if model.funder is not None:
        node.add(_("funder: {funder}").format(funder=model.funder))
    elif model.funding:
        funding = ", ".join(f"{k} {format_kr(v, NBSP)} kr" for k, v in model.funding.items())
        node.add(_("funding: {funding}").format(funding=funding))


def _reports(node: Node, reports) -> None:
    for report in reports:
        line = _("report due {date}: {what}").format(date=report.due.isoformat(), what=report.what)
        if report.by:
            line += " " + _("by {who}").format(who=report.by)
        if report.to:
            line += " " + _("to {who}").format(who=report.to)
        _texts(node.add(line), report)


def _texts(node: Node, model) -> None:
    """The source's words, notes and assumptions of an agreement, area or pot, as leaves."""
    if getattr(model, "quote", None):
        cited = getattr(model, "quote_source", None)
        quote = _("quote: “{text}”").format(text=plain(model.quote))
        node.add(quote + (f" ({source_text(cited)})" if cited else ""))
    if getattr(model, "note", None):
        node.add(_("note: {text}").format(text=plain(model.note)))
    if getattr(model, "assumption", None):
        node.add(_("assumption: {text}").format(text=plain(model.assumption)))
