"""The command line's entry point: puts the commands on the app and runs it; nothing else.

Each command lives in commands/ in a module named after it, and parses its
arguments, calls the Python API (api.py), picks the output format and the exit
code. Exit codes: 0 done, 1 problems in the input, 2 usage error, 70 a bug.
"""

from __future__ import annotations

import importlib
import os
import sys

import typer

from . import i18n
from .i18n import _

# One language per run, chosen before the commands are declared: Typer reads their help texts then.
i18n.choose(sys.argv[1:], os.environ)

from .commands.app import EXIT_OK  # noqa: E402
from .commands.app import app as _app  # noqa: E402

#: The commands, in the order ``--help`` lists them.
COMMANDS = (
    "allocate",
    "check",
    "schema",
    "list",
    "show",
    "explain",
    "compare",
    "series",
    "deadlines",
    "regions",
    "population",
    "report",
    "init",
    "new",
    "cache",
)


def register(argv: list[str] | None = None) -> typer.Typer:
    """The app with the commands that *argv* may run: the one it names first, else (None, help, options) all.

    Each command's module is imported and declared to Typer only when it can run: a run of
    ``allocate`` does not import and declare the fourteen others (benchmarks/: about 15 ms of
    a cold run). A line that does not start with a command's name (``--help``, a typo that
    gets a "did you mean", an option before the command) has them all, in ``COMMANDS`` order.
    """
    wanted = argv[:1] if argv and argv[0] in COMMANDS else COMMANDS
    for name in wanted:
        importlib.import_module(f"{__package__}.commands.{name}")
    return _app


def __getattr__(name: str) -> object:
    """``cli.app``: the app with every command (for running it in-process, as the tests do)."""
    if name == "app":
        return register()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Entry point for the console script and ``python -m vardmedel``.

    A reader that stops early (``| head``) is no error; an unexpected failure
    is reported in one line with a plea to report it, not as a traceback.
    """
    import gc

    # A run is short and builds big trees of plain objects (documents, models) that
    # live to the end; with CPython's default threshold (700) the collector walks
    # them again and again: 10-25 % of ``check``'s time in profiles (benchmarks/).
    gc.set_threshold(50_000, 20, 20)
    gc.enable()  # the console script imports this module with the collector off (entry._run_cli)
    from .streams import adapt_encoding

    adapt_encoding(sys.stdout)  # a cp1252 redirect gets '->' for '→' rather than an error halfway through
    app = register(sys.argv[1:])
    try:
        app()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_OK)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:
        if os.environ.get("VARDMEDEL_DEBUG"):
            raise
        message = _("vardmedel: internal error: {error} (set VARDMEDEL_DEBUG=1 for details; please report it)")
        typer.echo(message.format(error=f"{type(err).__name__}: {err}"), err=True)
        sys.exit(70)
