"""Output formats behind one small interface, ``ReportWriter``: ``write(report, stream)`` and ``BINARY``.

One module per format, imported only when chosen (a CSV pipe never loads the
table renderer). ``FORMATS`` maps every ``--format`` value to its module;
``target.write_output`` writes any of them to the path of ``-o``.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol, runtime_checkable

from ..formats import FormatTable

if TYPE_CHECKING:
    from ..report import Report


@runtime_checkable
class ReportWriter(Protocol):
    """What every output format module provides."""

    #: Whether ``write`` wants a binary stream (xlsx): such formats go to a file or a pipe, never a terminal.
    BINARY: bool

    def write(self, report: Report, stream: IO[Any]) -> None:
        """Write *report* whole to *stream*."""
        ...


FORMATS: FormatTable[ReportWriter] = FormatTable(
    {
        "table": "vardmedel.output.table",
        "csv": "vardmedel.output.csv_out",
        "json": "vardmedel.output.json_out",
        "markdown": "vardmedel.output.markdown",
        "xlsx": "vardmedel.output.xlsx",
        "excel-sv": "vardmedel.output.excel_sv",
    }
)
#: File extensions that choose a format for ``-o FILE``.
EXTENSIONS: dict[str, str] = {
    ".csv": "csv",
    ".json": "json",
    ".txt": "table",
    ".md": "markdown",
    ".markdown": "markdown",
    ".xlsx": "xlsx",
}


def writer(name: str) -> ReportWriter:
    """The module that writes format *name*."""
    return FORMATS.load(name)


def format_for(output: Path | None, requested: str | None, is_terminal: bool) -> str:
    """The explicit choice, else the file's extension, else a table on a terminal and CSV in a pipe."""
    if requested:
        return requested
    if output is not None:
        return EXTENSIONS.get(output.suffix.lower(), "csv")
    return "table" if is_terminal else "csv"
