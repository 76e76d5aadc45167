"""``ReportData`` to one self-contained HTML document: inline styles and SVG, no script, nothing fetched.

The page opens from an e-mail attachment: everything it shows is in the one
file. Each chart sits in a ``<figure>`` with its caption and, behind a
``<details>``, the table of the numbers it draws, so a screen reader (or a
person who wants the figures) gets them as text.
"""

from __future__ import annotations

import re
from decimal import Decimal
from html import escape
from pathlib import Path

from ..formatting import decimal_sv, format_kr, in_unit
from . import svg
from .data import RecipientRow, ReportData
from .text import t

STYLE = Path(__file__).with_name("report.css")
URL = re.compile(r"https?://[^\s,;]+[^\s,;.)]")


def kr(kronor: int) -> str:
    """112 500 000: grouped the Swedish way with no-break spaces."""
    return format_kr(kronor)


def mnkr(kronor: int) -> str:
    """Millions to one decimal, Swedish style: 112,5."""
    return decimal_sv(in_unit(kronor, "mnkr"))


def decimal(value: Decimal) -> str:
    return decimal_sv(value)


def render(data: ReportData) -> str:
    """The whole document."""
    sections = [
        ("per-capita", t("per_capita_heading"), per_capita_section(data)),
        ("map", t("map_heading"), map_section(data)),
        ("kinds", t("kinds_heading"), kinds_section(data)),
    ]
    if data.by == "year":
        sections.append(("recipients", t("recipients_heading"), recipients_section(data)))
    sections += [
        ("allocation", t("table_heading"), allocation_section(data)),
        ("notes", t("notes_heading"), notes_section(data)),
        ("sources", t("sources_heading"), sources_section(data)),
    ]
    contents = "".join(f'<li><a href="#{key}">{escape(heading)}</a></li>' for key, heading, _ in sections)
    body = "".join(
        f'<section id="{key}" aria-labelledby="{key}-heading"><h2 id="{key}-heading">{escape(heading)}</h2>'
        f"{content}</section>"
        for key, heading, content in sections
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{t("lang")}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="vardmedel {escape(data.version)}">\n'
        f"<title>{escape(data.title)}</title>\n<style>\n{STYLE.read_text(encoding='utf-8')}</style>\n</head>\n<body>\n"
        f'<header>\n<h1>{escape(data.title)}</h1>\n<p class="subtitle">{escape(data.subtitle)}</p>\n'
        f"{key_figures(data)}\n"
        f'<nav aria-label="{escape(t("contents"))}"><ul>{contents}</ul></nav>\n</header>\n'
        f"<main>\n{body}\n</main>\n"
        f"<footer><p>{escape(t('generated', version=data.version, command=data.command))}</p></footer>\n"
        "</body>\n</html>\n"
    )


def key_figures(data: ReportData) -> str:
    """The total and how many recipients, pots and agreements it comes from."""
    figures = [(t("total"), f"{kr(data.total)} {t('kr')}")]
    figures += [(t(f"kind_{kind}"), str(sum(1 for row in data.rows if row.kind == kind))) for kind in data.kinds()]
    figures += [(t("pots"), str(data.pots)), (t("agreements"), str(len({s.agreement for s in data.sources})))]
    items = "".join(f"<div><dt>{escape(name)}</dt><dd>{escape(value)}</dd></div>" for name, value in figures)
    return f'<dl class="key-figures">{items}</dl>'


def figure(chart: str, caption: str, table: str, extra: str = "") -> str:
    """A chart with its caption and the table of its numbers behind a disclosure."""
    return (
        f"<figure>{chart}<figcaption>{escape(caption)}</figcaption>"
        f'<details class="data"><summary>{escape(t("data_table"))}</summary>{table}</details></figure>{extra}'
    )


def table(caption: str, headers: list[str], rows: list[list[str]], numeric_from: int = 1) -> str:
    """A plain accessible table: the first cell of each row is its header; cells from *numeric_from* are numbers."""
    numeric = ' class="num"'
    head = "".join(
        f'<th scope="col"{numeric if i >= numeric_from else ""}>{escape(h)}</th>' for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<th scope="row">{escape(cell)}</th>' if i == 0 else f'<td class="num">{escape(cell)}</td>'
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return (
        f'<div class="table-wrap"><table><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def per_capita_section(data: ReportData) -> str:
    regions = sorted(data.regions(), key=lambda row: -row.per_capita)  # stable: ties stay in län order
    if not regions:
        return f'<p class="remark">{escape(t("no_per_capita"))}</p>'
    average = data.national_per_capita() or Decimal(0)  # regions have inhabitants when they have a rate
    top, bottom = regions[0], regions[-1]
    equal = top.per_capita == bottom.per_capita
    if equal:
        alt = t("per_capita_alt_equal", count=len(regions), value=f"{decimal(top.per_capita)} {t('kr')}")
    else:
        alt = t(
            "per_capita_alt",
            count=len(regions),
            top=f"{decimal(top.per_capita)} {t('kr')}",
            top_name=top.short_name,
            bottom=f"{decimal(bottom.per_capita)} {t('kr')}",
            bottom_name=bottom.short_name,
            average=f"{decimal(average)} {t('kr')}",
        )
    bars = [
        svg.Bar(
            row.short_name,
            float(row.per_capita),
            decimal(row.per_capita),
            f"{row.name}: {decimal(row.per_capita)} {t('kr')}",
        )
        for row in regions
    ]
    chart = svg.bar_chart(
        "chart-per-capita",
        bars,
        t("per_capita_heading"),
        alt,
        tick_text=lambda value: decimal(Decimal(str(value)).normalize()),
        average=float(average),
        average_text=t("national_average", value=decimal(average)),
    )
    numbers = table(
        t("per_capita_heading"),
        [t("region"), t("kr_per_inhabitant"), t("total_row") + f" ({t('kr')})"],
        [[row.name, decimal(row.per_capita), kr(row.total)] for row in regions]
        + [[t("national_average", value="").strip(), decimal(average), kr(sum(r.total for r in regions))]],
    )
    remark = f'<p class="remark">{escape(t("per_capita_equal"))}</p>' if equal else ""
    return figure(chart, t("per_capita_caption", population=data.population), numbers, remark)


def map_section(data: ReportData) -> str:
    regions = [row for row in data.regions() if row.id in svg.TILE_GRID]
    if not regions:
        return f'<p class="remark">{escape(t("no_per_capita"))}</p>'
    ranges = svg.classes([row.per_capita for row in regions])
    fills = svg.sequential_colours(len(ranges))
    counts = [0] * len(ranges)
    tiles = []
    for row in regions:
        index = svg.class_of(row.per_capita, ranges)
        counts[index] += 1
        shown = decimal(row.per_capita)
        tiles.append(svg.Tile(row.id, row.short_name, shown, fills[index], f"{row.name}: {shown} {t('kr')}"))
    legend = [range_text(low, high, count) for (low, high), count in zip(ranges, counts, strict=True)]
    keys = list(zip(fills, legend, strict=True))
    shown_ids = {row.id for row in regions}
    without = [
        (code, name) for code, name in data.region_names.items() if code in svg.TILE_GRID and code not in shown_ids
    ]
    if without:
        keys.append((svg.EMPTY_FILL, t("map_none", regions=regions_text(len(without)))))
        legend.append(keys[-1][1])
        tiles += [svg.Tile(code, name, "–", svg.EMPTY_FILL, f"{name}: {t('map_none_tile')}") for code, name in without]
    chart = svg.tile_map(
        "chart-map", tiles, keys, t("legend"), t("map_heading"), t("map_alt", classes="; ".join(legend))
    )
    numbers = table(
        t("map_heading"),
        [t("region"), t("kr_per_inhabitant")],
        [[row.name, decimal(row.per_capita)] for row in regions],
    )
    return figure(chart, t("map_caption"), numbers)


def range_text(low: Decimal, high: Decimal, count: int) -> str:
    if low == high:
        return t("map_class_one", value=decimal(low), regions=regions_text(count))
    return t("map_class", low=decimal(low), high=decimal(high), regions=regions_text(count))


def regions_text(count: int) -> str:
    return t("regions_one") if count == 1 else t("regions_many", count=count)


def kinds_section(data: ReportData) -> str:
    """Money by kind and area (one year), or by year and kind (several years)."""
    sums = data.by_kind()
    kinds = data.kinds()
    if data.by == "area":
        labels = [t(f"kind_{kind}") for kind in kinds]
        legend = [s.title for s in data.series]
        matrix = [[sums[kind][s.key] for s in data.series] for kind in kinds]
        names = (t("kinds_alt_kind"), t("kinds_alt_areas"), t("kinds_caption_area"), t("kind"))
    else:
        labels = [s.title for s in data.series]
        legend = [t(f"kind_{kind}") for kind in kinds]
        matrix = [[sums[kind][s.key] for kind in kinds] for s in data.series]
        names = (t("kinds_alt_year"), t("kinds_alt_kinds"), t("kinds_caption_year"), t("year"))
    bars = [
        (
            label,
            [
                svg.Segment(amount / 1e6, f"{label}, {part}: {kr(amount)} {t('kr')}")
                for part, amount in zip(legend, row, strict=True)
            ],
            f"{mnkr(sum(row))} {t('mnkr')}",
        )
        for label, row in zip(labels, matrix, strict=True)
    ]
    summary = "; ".join(f"{label} {mnkr(sum(row))} {t('mnkr')}" for label, row in zip(labels, matrix, strict=True))
    chart = svg.stacked_bars(
        "chart-kinds",
        bars,
        t("kinds_heading"),
        t("kinds_alt", bars=names[0], segments=names[1], summary=summary),
        tick_text=lambda value: decimal(Decimal(str(value)).normalize()),
        axis_text=t("mnkr"),
    )
    numbers = table(
        t("kinds_heading") + f" ({t('kr')})",
        [names[3], *legend, t("total")],
        [[label, *map(kr, row), kr(sum(row))] for label, row in zip(labels, matrix, strict=True)],
    )
    keys = "".join(
        f'<li><span class="swatch" style="background:{svg.colour(number)}"></span>{escape(entry)}</li>'
        for number, entry in enumerate(legend)
    )
    return figure(chart + f'<ul class="legend">{keys}</ul>', names[2], numbers)


def recipients_section(data: ReportData) -> str:
    """One small chart per recipient over the years, grouped by kind."""
    groups = []
    for kind in data.kinds():
        charts = []
        for number, row in enumerate(data.rows):
            if row.kind != kind:
                continue
            columns = [
                svg.Bar(
                    s.title,
                    row.amounts[s.key] / 1e6,
                    mnkr(row.amounts[s.key]),
                    f"{s.title}: {kr(row.amounts[s.key])} {t('kr')}",
                )
                for s in data.series
            ]
            values = ", ".join(f"{s.title} {kr(row.amounts[s.key])} {t('kr')}" for s in data.series)
            alt = t("recipient_alt", name=row.name, values=values)
            chart = svg.column_chart(f"chart-recipient-{number}", columns, row.name, alt)
            charts.append(f'<figure class="small"><figcaption>{escape(row.short_name)}</figcaption>{chart}</figure>')
        groups.append(f'<h3>{escape(t(f"kind_{kind}"))}</h3><div class="small-multiples">{"".join(charts)}</div>')
    numbers = table(
        t("recipients_heading") + f" ({t('kr')})",
        [t("recipient"), *(s.title for s in data.series)],
        [[row.name, *(kr(row.amounts[s.key]) for s in data.series)] for row in data.rows],
    )
    return (
        f'<p class="caption">{escape(t("recipients_caption"))}</p>{"".join(groups)}'
        f'<details class="data"><summary>{escape(t("data_table"))}</summary>{numbers}</details>'
    )


def allocation_section(data: ReportData) -> str:
    """The table of ``allocate``: every recipient, every series, the total and kronor per inhabitant."""
    has_per_capita = any(row.per_capita is not None for row in data.rows)
    headers = [f'<th scope="col">{escape(t("id"))}</th>', f'<th scope="col">{escape(t("recipient"))}</th>']
    headers += [f'<th scope="col" class="num" data-key="{escape(s.key)}">{escape(s.title)}</th>' for s in data.series]
    headers.append(f'<th scope="col" class="num" data-key="total">{escape(t("total"))}</th>')
    if has_per_capita:
        headers.append(
            f'<th scope="col" class="num" data-key="kr_per_inhabitant">{escape(t("kr_per_inhabitant"))}</th>'
        )
    span = len(headers)
    groups = []
    for kind in data.kinds():
        rows = [recipient_row(row, data, has_per_capita) for row in data.rows if row.kind == kind]
        groups.append(
            f'<tbody><tr class="group"><th scope="rowgroup" colspan="{span}"><span>{escape(t(f"kind_{kind}"))}</span></th></tr>'
            f"{''.join(rows)}</tbody>"
        )
    totals = "".join(f'<td class="num">{kr(sum(r.amounts[s.key] for r in data.rows))}</td>' for s in data.series)
    footer = (
        f'<tfoot><tr><td></td><th scope="row">{escape(t("total_row"))}</th>{totals}'
        f'<td class="num">{kr(data.total)}</td>{"<td></td>" if has_per_capita else ""}</tr></tfoot>'
    )
    caption = t("table_caption", by=t(f"by_{data.by}"))
    return (
        f'<div class="table-wrap" role="region" tabindex="0" aria-label="{escape(t("table_scroll"))}">'
        f'<table id="allocation-table"><caption>{escape(caption)}</caption><thead><tr>{"".join(headers)}</tr></thead>'
        f"{''.join(groups)}{footer}</table></div>"
    )


def recipient_row(row: RecipientRow, data: ReportData, has_per_capita: bool) -> str:
    cells = [f"<td>{escape(row.id)}</td>", f'<th scope="row">{escape(row.name)}</th>']
    for s in data.series:
        amount = row.amounts[s.key]
        mark = '<span class="mark">*</span>' if s.key in row.assumed and amount else ""
        cells.append(f'<td class="num{" zero" if amount == 0 else ""}">{kr(amount)}{mark}</td>')
    cells.append(f'<td class="num">{kr(row.total)}</td>')
    if has_per_capita:
        cells.append(f'<td class="num">{decimal(row.per_capita) if row.per_capita is not None else ""}</td>')
    return f'<tr data-recipient="{escape(row.id)}">{"".join(cells)}</tr>'


def notes_section(data: ReportData) -> str:
    notes = "".join(f"<li>{linked(note)}</li>" for note in data.notes)
    return f'<ul class="notes">{notes}</ul>{funders_text(data)}'


def funders_text(data: ReportData) -> str:
    """Who pays, over all pots, as the files state it."""
    if not data.funders:
        return ""
    paid = ", ".join(f"{funder} {kr(amount)} {t('kr')}" for funder, amount in data.funders.items())
    unknown = f" {t('funders_unknown', amount=kr(data.unfunded))}" if data.unfunded else ""
    return f'<p class="funders">{escape(t("funders", total=kr(data.total), paid=paid) + unknown)}</p>'


def sources_section(data: ReportData) -> str:
    """Every pot as a short list of facts: readable on a phone and on paper, unlike a ten-column table."""
    items = []
    for source in data.sources:
        facts = [
            (t("source_amount"), kr(source.amount)),
            (t("source_rule"), f"{source.rule}; {source.basis}"),
            (t("source_funders"), ", ".join(f"{f} {kr(a)}" for f, a in (source.funders or {}).items())),
            (t("source_source"), source.source),
            (t("source_quote"), source.quote),
            (t("source_assumption"), source.assumption),
        ]
        described = "".join(f"<dt>{escape(name)}</dt><dd>{linked(value)}</dd>" for name, value in facts if value)
        heading = f"{source.agreement} / {source.area} / {source.pot}" + (f": {source.title}" if source.title else "")
        items.append(f"<li><h3>{escape(heading)}</h3><dl>{described}</dl></li>")
    return f'<p class="caption">{escape(t("sources_caption"))}</p><ol class="sources">{"".join(items)}</ol>'


def linked(text: str) -> str:
    """*text* escaped, with its web addresses as links (a link fetches nothing until followed)."""
    pieces, last = [], 0
    for match in URL.finditer(text):
        pieces.append(escape(text[last : match.start()]))
        address = escape(match.group())
        pieces.append(f'<a href="{address}">{address}</a>')
        last = match.end()
    pieces.append(escape(text[last:]))
    return "".join(pieces)
