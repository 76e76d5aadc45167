"""How ``vardmedel check`` prints problems: one module per ``--format``, one small interface.

Each module has ``write(result, stream, color=False)`` taking a
``problems.CheckResult``. Everything is written as plain text straight to the
stream, never through a terminal renderer that could wrap a long line and break
an annotation or a JSON document.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from types import ModuleType

FORMATS: dict[str, str] = {
    "text": "vardmedel.problem_formats.text",
    "github": "vardmedel.problem_formats.github",
    "json": "vardmedel.problem_formats.json_out",
}


def writer(name: str) -> ModuleType:
    """The module that writes format *name*."""
    return importlib.import_module(FORMATS[name])


def default_format(environ: Mapping[str, str]) -> str:
    """GitHub workflow annotations inside GitHub Actions, else text."""
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def use_color(stream, environ: Mapping[str, str]) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set to anything (https://no-color.org)."""
    if environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", None) and stream.isatty())
