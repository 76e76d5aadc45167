"""Rich tables for people, laid out for the terminal they are printed on.

Rich squeezes a table that is too wide by cutting cells (``25 9…``), which makes a
cut amount look like a real one. So the layout is decided here, before Rich sees
the table, and Rich is only asked to draw it:

1. **wide**: every column side by side, when it fits (text columns may wrap, at
   spaces only; amounts never);
2. **split**: when the parallel money columns (per area, pot, agreement or year)
   do not fit, the totals come first and each of those columns follows as a short
   table of its own, with one line saying so;
3. **records**: when even that does not fit, each row becomes a block of
   ``header  value`` lines.

Text is wrapped by :func:`wrap`, which breaks only at ordinary spaces that are not
inside a number (``384 000 000``) or after an operator (``× 2``), so no number is
ever cut, folded or split across lines at any width. Every text reaches Rich as a
``Text`` object, never as markup: names and titles from files are shown as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..i18n import ngettext
from ..report import TEXT, Column, Node, Report
from .cells import human

BINARY = False

#: Width when the stream is no terminal and COLUMNS is not set (a file or pipe asked for the table).
UNBOUNDED = 400
#: Rich's box with padding 1: three characters a column (two of padding, one rule) and one for the last edge.
PER_COLUMN, EDGE = 3, 1

_GLUE = "\x1f"  # a space that must not break, until the text is printed
_NUMBER_GROUP = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
_AFTER_OPERATOR = re.compile(r"(?<=[×/=→+−<>≈]) ")
_BEFORE_UNIT = re.compile(r"(?<=\d) (?=(?:kr|tkr|mnkr|%)(?![\w]))")


def write(report: Report, stream) -> None:
    from rich.console import Console

    from ..streams import fit_to, is_terminal

    terminal = is_terminal(stream)
    console = Console(file=stream, highlight=False, soft_wrap=True, width=None if terminal else _width_hint())
    console.on_broken_pipe = _closed  # type: ignore[method-assign]  # Rich would exit 1; a reader that stops early (| head) is no error
    for block in render(report, max(console.width, 20), fit_to(stream)):
        console.print(block)


def _width_hint() -> int:
    import os

    from ..wholenumber import is_ascii_digits

    value = os.environ.get("COLUMNS", "")
    return int(value) if is_ascii_digits(value) and 20 <= int(value[:6]) <= 10_000 else UNBOUNDED


def render(report: Report, width: int, shown_as: Callable[[str], str] = str) -> list:
    """The renderables that show *report* in *width* columns (see the module's docstring).

    *shown_as* gives each text as the stream will show it (``->`` for ``→`` on a cp1252
    stream), so that the widths are measured on what is printed.
    """
    from rich.text import Text

    if report.tree is not None:
        return [_tree(report.tree, shown_as)]
    blocks: list = []
    if report.title:
        blocks.append(Text(wrap(shown_as(report.title), width), style="italic"))
    grid = Grid.of(report, shown_as)
    widths = fit(grid.columns, width)
    breakdown = [c for c in grid.columns if c.column.breakdown]
    if widths is not None:
        blocks.append(_table(grid.columns, grid.rows, grid.footer, widths))
    elif breakdown and (narrow := fit([c for c in grid.columns if not c.column.breakdown], width)) is not None:
        kept = [c for c in grid.columns if not c.column.breakdown]
        blocks.append(_table(kept, grid.rows, grid.footer, narrow))
        blocks.append(Text(wrap(_split_line(len(breakdown), width), width), style="dim"))
        labels = [c for c in kept if not c.numeric]
        for part in (c for c in breakdown if any(c.cells)):  # a column none of the rows shown has money in: none
            blocks += _breakdown(grid, labels, part, width, report.unit)
    else:
        blocks += _records(grid, width)
    blocks += [Text(wrap(shown_as(note), width)) for note in report.notes]
    return blocks


@dataclass
class Cells:
    """One column for people: its header, its cells as text, and the widths it needs."""

    column: Column
    header: str
    cells: list[str]
    footer: list[str]

    @property
    def numeric(self) -> bool:
        return self.column.kind != TEXT

    @property
    def texts(self) -> list[str]:
        return [*self.cells, *self.footer]

    def natural(self) -> int:
        """Width with nothing wrapped."""
        return max((len(line) for text in [*self.texts, self.header] for line in text.split("\n")), default=1)

    def least(self) -> int:
        """Narrowest width that cuts nothing: amounts whole, text at its longest word."""
        if self.numeric:
            return max(max(map(len, self.texts), default=1), longest_word(self.header))
        return max((longest_word(text) for text in [*self.texts, self.header]), default=1)


@dataclass
class Grid:
    columns: list[Cells]
    rows: int
    footer: int

    @classmethod
    def of(cls, report: Report, shown_as: Callable[[str], str] = str) -> Grid:
        columns = []
        for column in (c for c in report.columns if c.human):
            cells = []
            for index, row in enumerate(report.rows):
                text = human(row.get(column.key), column.kind, report.unit)
                mark = report.marks.get((index, column.key))
                cells.append(shown_as(f"{text}{mark}" if mark and text else text))
            footer = [shown_as(human(f.get(column.key), column.kind, report.unit)) for f in report.footer]
            columns.append(Cells(column, shown_as(column.short or column.title), cells, footer))
        return cls(columns, len(report.rows), len(report.footer))


def fit(columns: list[Cells], width: int) -> list[int] | None:
    """Column widths that fit *width*, narrowing the widest text columns first; None if none do."""
    room = width - PER_COLUMN * len(columns) - EDGE
    widths = [c.natural() for c in columns]
    least = [c.least() for c in columns]
    if sum(least) > room:
        return None
    while sum(widths) > room:
        index = max((i for i in range(len(columns)) if widths[i] > least[i]), key=lambda i: widths[i])
        widths[index] -= min(widths[index] - least[index], sum(widths) - room)
    return widths


def _table(columns: list[Cells], rows: int, footers: int, widths: list[int], title: str = ""):
    from rich.table import Table
    from rich.text import Text

    table = Table(show_footer=footers > 0, title=Text(title) if title else None, title_justify="left")
    for cells, width in zip(columns, widths, strict=True):
        footer = "\n".join(wrap(text, width) for text in cells.footer)
        table.add_column(
            Text(wrap(cells.header, width), style="bold"),
            footer=Text(footer, style="bold"),
            justify="right" if cells.numeric else "left",
            width=width,
            no_wrap=True,
        )
    for index in range(rows):
        table.add_row(*(Text(wrap(c.cells[index], w)) for c, w in zip(columns, widths, strict=True)))
    return table


def _breakdown(grid: Grid, labels: list[Cells], part: Cells, width: int, unit: str) -> list:
    """One money column as a table of its own: the recipients with money in it, and its total."""
    from rich.text import Text

    keep = [i for i in range(grid.rows) if part.cells[i]]
    # Footer lines with money in this column; a subtotal equal to a later line (the one kind there is) says nothing.
    sums = [i for i in range(grid.footer) if part.footer[i]]
    sums = [i for n, i in enumerate(sums) if part.footer[i] not in {part.footer[j] for j in sums[n + 1 :]}]
    columns = [Cells(c.column, c.header, [c.cells[i] for i in keep], [c.footer[i] for i in sums]) for c in labels]
    # the title says which column
    amounts = Cells(part.column, unit, [part.cells[i] for i in keep], [part.footer[i] for i in sums])
    columns.append(amounts)
    widths = fit(columns, width)
    title = part.column.title
    if widths is None:
        return [
            Text(""),
            Text(wrap(title, width), style="bold"),
            *_records(Grid(columns, len(keep), len(sums)), width),
        ]
    return [Text(""), _table(columns, len(keep), len(sums), widths, wrap(title, width))]


def _records(grid: Grid, width: int) -> list:
    """Each row as a block of ``header  value`` lines: the shape that fits any width."""
    from rich.text import Text

    label = min(max(len(c.header) for c in grid.columns), max(width // 3, 8))
    room = max(width - label - 2, 12)
    blocks: list = []
    rows = [[c.cells[i] for c in grid.columns] for i in range(grid.rows)]
    rows += [[c.footer[i] for c in grid.columns] for i in range(grid.footer)]
    for values in rows:
        lines = []
        for cells, value in zip(grid.columns, values, strict=True):
            if not value:
                continue
            head = cells.header if len(cells.header) <= label else cells.header[: label - 1] + "…"
            for number, line in enumerate(wrap(value, room).split("\n")):
                lines.append(f"{head if number == 0 else '':<{label}}  {line}")
        blocks.append(Text("\n".join(lines) + "\n"))
    return blocks


def _split_line(count: int, width: int) -> str:
    return ngettext(
        "The amount column does not fit in {width} columns: it follows below as a table of its own "
        "(all in one table: -o FILE.xlsx, or a wider terminal).",
        "The {count} amount columns do not fit in {width} columns: each follows below as a table of its own "
        "(all in one table: -o FILE.xlsx, or a wider terminal).",
        count,
    ).format(count=count, width=width)


def longest_word(text: str) -> int:
    return max((len(word) for line in text.split("\n") for word in _words(line)), default=0)


def _words(line: str) -> list[str]:
    """The pieces a line may break between: ordinary spaces, except inside numbers, before units, after operators."""
    glued = _BEFORE_UNIT.sub(_GLUE, _AFTER_OPERATOR.sub(_GLUE, _NUMBER_GROUP.sub(_GLUE, line)))
    return glued.split(" ")


def wrap(text: str, width: int) -> str:
    """*text* broken into lines of at most *width* at the breakable spaces only.

    A word longer than the width (a long path or pot key in a note) is folded
    after a ``/`` where it can be, else at the width; the layout gives every table
    column at least its longest word, so cells are never folded.
    """
    out: list[str] = []
    for line in text.split("\n"):
        current = ""
        for word in (piece for long in _words(line) for piece in _fold(long, width)):
            if current and len(current) + 1 + len(word) > width:
                out.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        out.append(current)
    return "\n".join(out).replace(_GLUE, " ")


def _fold(word: str, width: int) -> list[str]:
    pieces = []
    while len(word) > width:
        cut = word.rfind("/", 1, width) + 1 or width
        pieces.append(word[:cut])
        word = word[cut:]
    return [*pieces, word]


def _tree(node: Node, shown_as: Callable[[str], str] = str):
    from rich.text import Text
    from rich.tree import Tree

    def grow(branch, children: list[Node]) -> None:
        for child in children:
            grow(branch.add(Text(shown_as(child.label))), child.children)

    root = Tree(Text(shown_as(node.label)), guide_style="dim")
    grow(root, node.children)
    return root


def _closed() -> None:
    raise BrokenPipeError("the reader closed the pipe")
