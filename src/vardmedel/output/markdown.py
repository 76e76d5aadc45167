"""Markdown (GitHub-flavoured) for notes, issues and wikis: amounts grouped and right-aligned."""

from __future__ import annotations

import re

from ..report import TEXT, Node, Report
from .cells import human

BINARY = False


def escape(text: str) -> str:
    """Keep a cell inside its cell: pipes and line breaks would end it."""
    escaped = text.replace("\\", "\\\\").replace("|", "\\|")
    return re.sub(r"[ \t\r\n\f\v]+", " ", escaped).strip()  # not str.split(): keep the no-break spaces


def write(report: Report, stream) -> None:
    if report.tree is not None:
        _tree(report.tree, stream, 0)
    else:
        _table(report, stream)
    if report.notes:
        stream.write("\n")
        for note in report.notes:
            text = escape(note)
            if text.startswith(("*", "+", "-", "#")):
                text = "\\" + text  # a note starting with "*" is text, not a nested list
            stream.write(f"- {text}\n")


def _table(report: Report, stream) -> None:
    if report.title:
        stream.write(f"**{escape(report.title)}**\n\n")
    columns = [c for c in report.columns if c.human]
    stream.write("| " + " | ".join(escape(c.short or c.title) for c in columns) + " |\n")
    stream.write("|" + "|".join("---:" if c.kind != TEXT else "---" for c in columns) + "|\n")
    for index, row in enumerate(report.rows):
        cells = []
        for column in columns:
            text = human(row.get(column.key), column.kind, report.unit)
            mark = report.marks.get((index, column.key))
            cells.append(escape(f"{text}{mark}" if mark and text else text))
        stream.write("| " + " | ".join(cells) + " |\n")
    for footer in report.footer:
        cells = [escape(human(footer.get(c.key), c.kind, report.unit)) for c in columns]
        stream.write("| " + " | ".join(f"**{c}**" if c else "" for c in cells) + " |\n")


def _tree(node: Node, stream, depth: int) -> None:
    if depth == 0:
        stream.write(f"**{escape(node.label)}**\n\n")
    else:
        stream.write(f"{'  ' * (depth - 1)}- {escape(node.label)}\n")
    for child in node.children:
        _tree(child, stream, depth + 1)
