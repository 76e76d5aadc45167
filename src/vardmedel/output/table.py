"""Rich tables for people: amounts grouped the Swedish way (112 500 000), right-aligned."""

from __future__ import annotations

from ..report import TEXT, Node, Report
from .cells import human

BINARY = False


def write(report: Report, stream) -> None:
    from rich.console import Console

    terminal = hasattr(stream, "isatty") and stream.isatty()
    console = Console(file=stream, highlight=False, soft_wrap=False, width=None if terminal else 400)
    console.on_broken_pipe = _closed  # type: ignore[method-assign]  # Rich would exit 1; a reader that stops early (| head) is no error
    if report.tree is not None:
        console.print(_tree(report.tree))
    else:
        console.print(_table(report))
    for note in report.notes:
        console.print(note, markup=False)


def _table(report: Report):
    from rich.table import Table

    table = Table(title=report.title or None, show_footer=bool(report.footer), title_justify="left")
    columns = [c for c in report.columns if c.human]
    for column in columns:
        numeric = column.kind != TEXT
        footer = "\n".join(human(f.get(column.key), column.kind, report.unit) for f in report.footer)
        table.add_column(
            column.short or column.title, justify="right" if numeric else "left", footer=footer, no_wrap=numeric
        )
    for index, row in enumerate(report.rows):
        cells = []
        for column in columns:
            text = human(row.get(column.key), column.kind, report.unit)
            mark = report.marks.get((index, column.key))
            cells.append(f"{text}{mark}" if mark and text else text)
        table.add_row(*cells)
    return table


def _tree(node: Node):
    from rich.markup import escape
    from rich.tree import Tree

    def grow(branch, children: list[Node]) -> None:
        for child in children:
            grow(branch.add(escape(child.label)), child.children)

    root = Tree(escape(node.label), guide_style="dim")
    grow(root, node.children)
    return root


def _closed() -> None:
    raise BrokenPipeError("the reader closed the pipe")
