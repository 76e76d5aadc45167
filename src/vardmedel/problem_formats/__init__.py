"""How ``vardmedel check`` prints problems: one module per ``--format``, one small interface, ``ProblemWriter``.

Everything is written as plain text straight to the stream, never through a
terminal renderer that could wrap a long line and break an annotation or a
JSON document.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol, TextIO, runtime_checkable

from ..formats import FormatTable

if TYPE_CHECKING:
    from ..problems import CheckResult


@runtime_checkable
class ProblemWriter(Protocol):
    """What every problem format module provides."""

    def write(self, result: CheckResult, stream: TextIO, color: bool = False) -> None:
        """Write every problem of *result* and its summary to *stream*; *color* only on a terminal."""
        ...


FORMATS: FormatTable[ProblemWriter] = FormatTable(
    {
        "text": "vardmedel.problem_formats.text",
        "github": "vardmedel.problem_formats.github",
        "json": "vardmedel.problem_formats.json_out",
    }
)


def writer(name: str) -> ProblemWriter:
    """The module that writes format *name*."""
    return FORMATS.load(name)


def default_format(environ: Mapping[str, str]) -> str:
    """GitHub workflow annotations inside GitHub Actions, else text."""
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def use_color(stream, environ: Mapping[str, str]) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set to anything (https://no-color.org)."""
    if environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", None) and stream.isatty())
