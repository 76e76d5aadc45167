"""``vardmedel check`` and ``vardmedel schema``: validation for CI pipelines and editors."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli import EXIT_OK, EXIT_PROBLEMS, PopulationOption, app, fail, load_population, write_stdout


@app.command()
def check(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(
            help="Agreement files or folders (searched for *.yaml) [default: ./agreements if present, else the "
            "bundled ones].",
            show_default=False,
        ),
    ] = None,
    format_name: Annotated[
        Optional[str],
        typer.Option(
            "--format",
            "-f",
            help="text, github (workflow annotations) or json [default: github when GITHUB_ACTIONS=true, else text].",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the check too.")] = False,
    population: PopulationOption = None,
) -> None:
    """Report every problem in every agreement file: syntax, format, sums, references, published tables.

    Each problem is one line, path:line:column: error|warning: message [code]. Exit 0 when there are none
    (warnings allowed unless --strict), 1 when there are, 2 on a usage error or when there is nothing to check.
    """
    from ..catalog import agreements_dir
    from ..checks import check_paths
    from ..problem_formats import FORMATS, default_format, use_color, writer
    from ..reference import load_reference

    chosen = format_name or default_format(os.environ)
    if chosen not in FORMATS:
        raise fail(f"unknown format {chosen!r}; choose one of: {', '.join(FORMATS)}")
    targets = list(paths) if paths else [agreements_dir(None)]
    missing = [str(p) for p in targets if not p.exists()]
    if missing:
        raise fail(f"no such file or folder: {', '.join(missing)}")
    override, reference = load_population(population, load_reference())
    result = check_paths(targets, reference, override, strict)
    if result.files == 0:
        raise fail(f"nothing to check: no .yaml or .yml files in {', '.join(map(str, targets))}")
    # A reader that stops early (| head, | true) changes nothing: the exit code says what the files hold.
    write_stdout(lambda stream: writer(chosen).write(result, stream, color=use_color(stream, os.environ)))
    raise typer.Exit(EXIT_OK if result.passed else EXIT_PROBLEMS)


@app.command()
def schema(
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Write to FILE (atomically) instead of stdout.")
    ] = None,
) -> None:
    """Print the JSON Schema (draft 7) of the agreement format, for editors and other validators."""
    from ..output import write_atomic
    from ..schema import schema_text

    text = schema_text()
    if output is None:
        write_stdout(lambda stream: stream.write(text))
        return
    try:
        write_atomic(output, lambda stream: stream.write(text), False)
    except OSError as err:
        raise fail(f"cannot write {output}: {err.strerror or err}", EXIT_PROBLEMS) from None
