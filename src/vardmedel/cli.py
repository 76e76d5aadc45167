"""The command line: parses arguments, picks the output format and the exit code; nothing else.

Heavy modules (pydantic, yaml, rich) are imported inside the commands that
need them, so ``--help`` and ``--version`` start as fast as Typer itself.
Exit codes: 0 done, 1 problems in the input, 2 usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__

app = typer.Typer(
    name="vardmedel",
    help="Who gets what from the state's and SKR's health-care agreements, to the krona.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain Click help and usage errors: Typer's Rich help imports rich.markdown and
    # markdown-it, which made ``--help`` cost 1.4× the import floor (benchmarks/).
    rich_markup_mode=None,
)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

AgreementsOption = Annotated[
    Optional[Path],
    typer.Option(
        "--agreements",
        help="Folder of agreement files [default: ./agreements if present, else the bundled ones].",
        file_okay=False,
    ),
]
FormatOption = Annotated[
    Optional[str],
    typer.Option(
        "--format",
        "-f",
        help="table, csv, json, markdown, xlsx or excel-sv [default: table on a terminal, csv in a pipe].",
    ),
]
OutputOption = Annotated[
    Optional[Path],
    typer.Option("--output", "-o", help="Write to FILE (atomically); the extension picks the format."),
]
PopulationOption = Annotated[
    Optional[str],
    typer.Option(
        "--population",
        help="Your own SCB extract (CSV: code,population): FILE replaces every population basis; "
        "DATE=FILE adds it as the dataset of that date.",
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"vardmedel {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Who gets what from the state's and SKR's health-care agreements, to the krona."""


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print an error to stderr and return the Exit to raise."""
    typer.echo(f"vardmedel: error: {message}", err=True)
    return typer.Exit(code)


def report_problems(problems) -> None:
    for problem in problems:
        typer.echo(str(problem), err=True)


def load_population(option: str | None, reference):
    """The ``--population`` option: (dataset that overrides every rule or None, reference to use)."""
    from .reference import PopulationFileError, read_population_file

    if not option:
        return None, reference
    date, sep, path = option.partition("=")
    if not sep:
        date, path = "", option
    try:
        dataset = read_population_file(path, reference, date or None)
    except PopulationFileError as err:
        raise fail(str(err), EXIT_PROBLEMS) from None
    if date:
        return None, reference.with_population(dataset)
    return dataset, reference


def load_checked(agreements: Path | None, population: str | None, year: int | None, ids: list[str] | None):
    """Agreements of *year* / *ids*, refusing with every problem if any has an error."""
    from .catalog import agreements_dir, load_selection
    from .checks import check_all, errors
    from .reference import load_reference

    folder = agreements_dir(agreements)
    if not folder.is_dir():
        raise fail(f"no agreements folder at {folder}")
    override, reference = load_population(population, load_reference())
    selection = load_selection(folder, year, ids)
    problems = errors(selection.problems + check_all(selection.chosen, reference, override))
    if problems:
        report_problems(problems)
        raise fail(
            f"{len(problems)} problem(s) in the agreement files; fix them (vardmedel check lists all)", EXIT_PROBLEMS
        )
    if not selection.chosen:
        what = f"year {year}" if year is not None else "those ids"
        known = ", ".join(map(str, selection.years)) or "none"
        raise fail(f"no agreement for {what} in {folder}; years there: {known}")
    return selection.chosen, reference, override


def emit(report, format_name: str | None, output: Path | None) -> None:
    """Write *report* to stdout or, atomically, to *output*."""
    from .output import FORMATS, format_for, write_atomic, writer
    from .streams import is_terminal

    chosen = format_for(output, format_name, is_terminal(sys.stdout))
    if chosen not in FORMATS:
        raise fail(f"unknown format {chosen!r}; choose one of: {', '.join(FORMATS)}")
    module = writer(chosen)
    if output is not None:
        try:
            write_atomic(output, lambda stream: module.write(report, stream), module.BINARY)
        except OSError as err:
            raise fail(f"cannot write {output}: {err.strerror or err}", EXIT_PROBLEMS) from None
        return
    if module.BINARY:
        raise fail(f"{chosen} is a binary format; write it to a file with -o FILE")
    write_stdout(lambda stream: module.write(report, stream))


def write_stdout(render) -> None:
    """Write the result to stdout; a reader that stops early (| head) is no error, a closed stdout is one."""
    from .streams import to_stdout

    try:
        to_stdout(render)
    except OSError as err:
        raise fail(f"cannot write to standard output: {err.strerror or err}", EXIT_PROBLEMS) from None


def main() -> None:
    """Entry point for the console script and ``python -m vardmedel``.

    A reader that stops early (``| head``) is no error; an unexpected failure
    is reported in one line with a plea to report it, not as a traceback.
    """
    import gc
    import os

    # A run is short and builds big trees of plain objects (documents, models) that
    # live to the end; with CPython's default threshold (700) the collector walks
    # them again and again: 10-25 % of ``check``'s time in profiles (benchmarks/).
    gc.set_threshold(50_000, 20, 20)
    from .streams import adapt_encoding

    adapt_encoding(sys.stdout)  # a cp1252 redirect gets '->' for '→' rather than an error halfway through
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
        typer.echo(
            f"vardmedel: internal error: {type(err).__name__}: {err} (set VARDMEDEL_DEBUG=1 for details; please report it)",
            err=True,
        )
        sys.exit(70)


# Each command lives in its own module under commands/ and registers itself on ``app``.
from .commands import allocate, check, explore  # noqa: E402, F401
