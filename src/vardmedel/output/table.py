"""Rich tables for people: amounts grouped the Swedish way (112 500 000), right-aligned.

Every piece of text reaches Rich as a ``Text``, never as a string Rich would
parse: a title holding ``[/]`` or ``:smile:`` is shown as written, not read as
markup or an emoji code. On a stream that is not UTF-8 the text is first given
the stand-ins the stream will show (``->`` for ``→``), so the columns line up.
"""

from __future__ import annotations

from ..report import TEXT, Node, Report
from .cells import human

BINARY = False


def write(report: Report, stream) -> None:
    from rich.console import Console
    from rich.text import Text

    from ..streams import fit_to, is_terminal

    fit = fit_to(stream)

    def plain(text: str) -> Text:
        return Text(fit(text))

    console = Console(
        file=stream, highlight=False, emoji=False, soft_wrap=False, width=None if is_terminal(stream) else 400
    )
    console.on_broken_pipe = _closed  # Rich would exit 1; a reader that stops early (| head) is no error
    if report.tree is not None:
        console.print(_tree(report.tree, plain))
    else:
        console.print(_table(report, plain))
    for note in report.notes:
        console.print(plain(note))


def _table(report: Report, plain):
    from rich.table import Table

    table = Table(
        title=plain(report.title) if report.title else None, show_footer=bool(report.footer), title_justify="left"
    )
    columns = [c for c in report.columns if c.human]
    for column in columns:
        numeric = column.kind != TEXT
        footer = "\n".join(human(f.get(column.key), column.kind, report.unit) for f in report.footer)
        table.add_column(
            plain(column.short or column.title),
            justify="right" if numeric else "left",
            footer=plain(footer),
            no_wrap=numeric,
        )
    for index, row in enumerate(report.rows):
        cells = []
        for column in columns:
            text = human(row.get(column.key), column.kind, report.unit)
            mark = report.marks.get((index, column.key))
            cells.append(plain(f"{text}{mark}" if mark and text else text))
        table.add_row(*cells)
    return table


def _tree(node: Node, plain):
    from rich.tree import Tree

    def grow(branch, children: list[Node]) -> None:
        for child in children:
            grow(branch.add(plain(child.label)), child.children)

    root = Tree(plain(node.label), guide_style="dim")
    grow(root, node.children)
    return root


def _closed() -> None:
    raise BrokenPipeError("the reader closed the pipe")
