"""Charts as inline SVG strings, drawn in pure Python: horizontal bars, stacked bars, small bars and a tile map.

Every chart is an ``<svg role="img">`` named by its own ``<title>`` and
``<desc>`` (the text alternative), scales to its container through its
``viewBox``, and takes its fonts and colours of text from the page's
stylesheet. Positions are computed with floats (they are only pixels); every
number a person reads is formatted from the exact values by the caller.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

#: Okabe and Ito's palette, told apart by people with the common colour-vision deficiencies.
CATEGORY_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
#: Light to dark blues for amounts per inhabitant (ColorBrewer "Blues"); text on the two darkest is white,
#: on the others near-black, each at a contrast of at least 4.5:1.
SEQUENTIAL_COLOURS = ("#deebf7", "#9ecae1", "#6baed6", "#2171b5", "#08519c")
EMPTY_FILL = "#f2f2f2"  # a region without an amount per inhabitant
DARK_FILLS = {"#0072B2", "#009E73", "#D55E00", "#000000", "#2171b5", "#08519c"}

WIDTH = 480  # narrow enough that a phone shows the text at about 10 px
CHAR = 8.0  # the width of a wide character at the charts' 13 px font, for laying out labels


def colour(index: int) -> str:
    return CATEGORY_COLOURS[index % len(CATEGORY_COLOURS)]


def text_on(fill: str) -> str:
    """A text colour readable on *fill*."""
    return "#ffffff" if fill in DARK_FILLS else "#1b1b1b"


def _x(value: float) -> str:
    """A coordinate in a compact form: 12.5, 12 (not 12.0)."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _open(chart_id: str, width: float, height: float, title: str, description: str) -> str:
    return (
        f'<svg class="chart" id="{chart_id}" viewBox="0 0 {_x(width)} {_x(height)}" width="{_x(width)}" '
        f'height="{_x(height)}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
    )


def _text(x: float, y: float, content: str, css: str = "", anchor: str = "start", fill: str = "") -> str:
    attributes = f' class="{css}"' if css else ""
    attributes += f' text-anchor="{anchor}"' if anchor != "start" else ""
    attributes += f' fill="{fill}"' if fill else ""
    return f'<text x="{_x(x)}" y="{_x(y)}"{attributes}>{escape(content)}</text>'


def nice_ticks(largest: float, count: int = 5) -> list[float]:
    """Round axis values from 0 up to at least *largest*: 0, 2, 4, … or 0, 25, 50, …"""
    if largest <= 0:
        return [0.0, 1.0]
    raw = largest / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if raw <= m * magnitude)
    steps = math.ceil(largest / step - 1e-9)
    return [i * step for i in range(steps + 1)]


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as people read it, formatted by the caller
    hint: str = ""  # a tooltip: the full name and value


def bar_chart(
    chart_id: str,
    bars: Sequence[Bar],
    title: str,
    description: str,
    tick_text: Callable[[float], str],
    average: float | None = None,
    average_text: str = "",
) -> str:
    """Horizontal bars in the given order, with an axis of round values and an optional dashed average line."""
    label_width = min(160.0, max((len(b.label) for b in bars), default=4) * CHAR + 12)
    value_width = max((len(b.shown) for b in bars), default=4) * CHAR + 10
    left, right = label_width, WIDTH - value_width
    top, row, bar_height = 30.0, 22.0, 16.0
    ticks = nice_ticks(max([b.value for b in bars] + [average or 0]))
    scale = (right - left) / ticks[-1]
    height = top + row * len(bars) + 30
    parts = [_open(chart_id, WIDTH, height, title, description)]
    bottom = top + row * len(bars)
    for tick in ticks:
        x = left + tick * scale
        parts.append(f'<line class="grid" x1="{_x(x)}" y1="{_x(top - 4)}" x2="{_x(x)}" y2="{_x(bottom)}"/>')
        parts.append(_text(x, bottom + 16, tick_text(tick), "tick", "middle"))
    for index, bar in enumerate(bars):
        y = top + index * row
        width = bar.value * scale
        parts.append(_text(left - 8, y + bar_height - 3, bar.label, "label", "end"))
        hint = f"<title>{escape(bar.hint)}</title>" if bar.hint else ""
        parts.append(
            f'<rect class="bar" x="{_x(left)}" y="{_x(y)}" width="{_x(width)}" height="{_x(bar_height)}" '
            f'fill="{CATEGORY_COLOURS[0]}">{hint}</rect>'
        )
        parts.append(_text(left + width + 5, y + bar_height - 3, bar.shown, "value"))
    if average is not None:
        x = left + average * scale
        parts.append(f'<line class="average" x1="{_x(x)}" y1="{_x(top - 12)}" x2="{_x(x)}" y2="{_x(bottom + 2)}"/>')
        fits_right = x + len(average_text) * CHAR < WIDTH
        parts.append(
            _text(x + (4 if fits_right else -4), top - 14, average_text, "note", "start" if fits_right else "end")
        )
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Segment:
    value: float
    hint: str  # a tooltip: what and how much


def stacked_bars(
    chart_id: str,
    bars: Sequence[tuple[str, Sequence[Segment], str]],
    title: str,
    description: str,
    tick_text: Callable[[float], str],
    axis_text: str,
) -> str:
    """Horizontal bars split into segments, coloured by their place (``colour(i)``); (label, segments, total shown).

    The legend is the page's, in HTML, where long names wrap and stay readable on a phone.
    """
    label_width = min(160.0, max((len(label) for label, _, _ in bars), default=4) * CHAR + 12)
    total_width = max((len(shown) for _, _, shown in bars), default=4) * CHAR + 10
    left, right = label_width, WIDTH - total_width
    top, row, bar_height = 10.0, 34.0, 24.0
    ticks = nice_ticks(max((sum(s.value for s in segments) for _, segments, _ in bars), default=0))
    scale = (right - left) / ticks[-1]
    bottom = top + row * len(bars)
    height = bottom + 36
    parts = [_open(chart_id, WIDTH, height, title, description)]
    for tick in ticks:
        x = left + tick * scale
        parts.append(f'<line class="grid" x1="{_x(x)}" y1="{_x(top - 4)}" x2="{_x(x)}" y2="{_x(bottom)}"/>')
        parts.append(_text(x, bottom + 14, tick_text(tick), "tick", "middle"))
    parts.append(_text(right, bottom + 30, axis_text, "tick", "end"))
    for index, (label, segments, shown) in enumerate(bars):
        y = top + index * row
        parts.append(_text(left - 8, y + bar_height / 2 + 4, label, "label", "end"))
        x = left
        for number, segment in enumerate(segments):
            if segment.value <= 0:
                continue
            width = segment.value * scale
            parts.append(
                f'<rect class="segment" x="{_x(x)}" y="{_x(y)}" width="{_x(width)}" height="{_x(bar_height)}" '
                f'fill="{colour(number)}"><title>{escape(segment.hint)}</title></rect>'
            )
            x += width
        parts.append(_text(x + 5, y + bar_height / 2 + 4, shown, "value"))
    parts.append("</svg>")
    return "".join(parts)


def column_chart(chart_id: str, columns: Sequence[Bar], title: str, description: str) -> str:
    """A small chart of vertical columns on its own scale, each labelled below and its value above."""
    width, height, top, base = 220.0, 120.0, 18.0, 96.0
    slot = width / max(len(columns), 1)
    largest = max((c.value for c in columns), default=0) or 1
    parts = [_open(chart_id, width, height, title, description)]
    parts.append(f'<line class="axis" x1="0" y1="{_x(base)}" x2="{_x(width)}" y2="{_x(base)}"/>')
    for index, column in enumerate(columns):
        centre = slot * index + slot / 2
        size = (base - top) * column.value / largest
        if column.value > 0:
            hint = f"<title>{escape(column.hint)}</title>" if column.hint else ""
            parts.append(
                f'<rect class="bar" x="{_x(centre - slot * 0.3)}" y="{_x(base - size)}" width="{_x(slot * 0.6)}" '
                f'height="{_x(size)}" fill="{CATEGORY_COLOURS[0]}">{hint}</rect>'
            )
            parts.append(_text(centre, base - size - 4, column.shown, "value small", "middle"))
        parts.append(_text(centre, base + 16, column.label, "tick", "middle"))
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Tile:
    code: str
    label: str
    shown: str  # the value on the tile
    fill: str
    hint: str  # full name and value


#: (column, row) of each region's tile: Sweden in four columns and eight rows, north at the top.
TILE_GRID: dict[str, tuple[int, int]] = {
    "25": (3, 0),
    "24": (2, 1),
    "23": (1, 2),
    "22": (2, 2),
    "20": (1, 3),
    "21": (2, 3),
    "17": (0, 4),
    "18": (1, 4),
    "19": (2, 4),
    "03": (3, 4),
    "14": (0, 5),
    "05": (1, 5),
    "04": (2, 5),
    "01": (3, 5),
    "13": (0, 6),
    "06": (1, 6),
    "08": (2, 6),
    "09": (3, 6),
    "12": (0, 7),
    "07": (1, 7),
    "10": (2, 7),
}


def tile_map(
    chart_id: str,
    tiles: Sequence[Tile],
    legend: Sequence[tuple[str, str]],
    legend_title: str,
    title: str,
    description: str,
) -> str:
    """A tile per region in rough geographic position, the legend (fill, text) below."""
    tile_w, tile_h, gap = 112.0, 60.0, 6.0
    columns, rows = 4, 8
    width = columns * (tile_w + gap) - gap
    legend_top = rows * (tile_h + gap) + 16
    height = legend_top + 14 + 22 * len(legend)
    parts = [_open(chart_id, width, height, title, description)]
    for tile in tiles:
        column, row = TILE_GRID[tile.code]
        x, y = column * (tile_w + gap), row * (tile_h + gap)
        ink = text_on(tile.fill)
        parts.append(f'<g class="tile"><title>{escape(tile.hint)}</title>')
        parts.append(
            f'<rect x="{_x(x)}" y="{_x(y)}" width="{_x(tile_w)}" height="{_x(tile_h)}" rx="4" fill="{tile.fill}"/>'
        )
        lines = _wrap(tile.label, 15)
        for number, line in enumerate(lines):
            parts.append(_text(x + tile_w / 2, y + 17 + 14 * number, line, "tile-name", "middle", ink))
        parts.append(_text(x + tile_w / 2, y + tile_h - 9, tile.shown, "tile-value", "middle", ink))
        parts.append("</g>")
    parts.append(_text(0, legend_top, legend_title, "legend-title"))
    for index, (fill, text) in enumerate(legend):
        y = legend_top + 10 + 22 * index
        parts.append(f'<rect class="swatch" x="0" y="{_x(y)}" width="18" height="16" fill="{fill}"/>')
        parts.append(_text(24, y + 12, text, "legend"))
    parts.append("</svg>")
    return "".join(parts)


def _wrap(text: str, width: int) -> list[str]:
    """*text* in at most two lines of about *width* characters, broken at spaces."""
    if len(text) <= width or " " not in text:
        return [text]
    words = text.split(" ")
    best = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
    return [" ".join(words[:best]), " ".join(words[best:])]


def classes(values: Sequence[Decimal], most: int = 5) -> list[tuple[Decimal, Decimal]]:
    """Ranges (low, high) that colour *values*: one per distinct value when there are few, else equal intervals."""
    distinct = sorted(set(values))
    if len(distinct) <= most:
        return [(value, value) for value in distinct]
    low, high = distinct[0], distinct[-1]
    step = (high - low) / most
    edges = [(low + step * i).quantize(low) for i in range(most)] + [high]
    return list(itertools.pairwise(edges))


def class_of(value: Decimal, ranges: Sequence[tuple[Decimal, Decimal]]) -> int:
    """The index of the range holding *value*: the first whose high end is not below it."""
    return next(i for i, (_, high) in enumerate(ranges) if value <= high)


def sequential_colours(count: int) -> list[str]:
    """*count* colours spread over the light-to-dark scale."""
    if count == 1:
        return [SEQUENTIAL_COLOURS[3]]
    last = len(SEQUENTIAL_COLOURS) - 1
    return [SEQUENTIAL_COLOURS[round(i * last / (count - 1))] for i in range(count)]
