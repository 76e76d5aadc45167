"""``vardmedel check``: every problem in every agreement file, for people, CI pipelines and editors."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import api
from ..choices import ProblemFormat
from ..i18n import _
from . import app


@app.command()
def check(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(
            metavar=_("PATH"),
            help=_(
                "Agreement files or folders (searched for *.yaml) [default: ./agreements if there is one, else the "
                "bundled ones]."
            ),
        ),
    ] = None,
    format_name: Annotated[
        Optional[ProblemFormat],
        app.format_option(
            ProblemFormat,
            _(
                "{choices}: lines for people, GitHub workflow annotations, or JSON "
                "[default: github when GITHUB_ACTIONS=true, else text]."
            ),
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help=_("Warnings fail the check too."))] = False,
    jobs: Annotated[
        Optional[int],
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar=_("N"),
            help=_("Check many files in up to N processes; 1 checks in this one [default: one per CPU]."),
        ),
    ] = None,
    population: app.PopulationOption = None,
) -> None:
    """Every problem in the agreement files.

    Report every problem in every agreement file: syntax, format, sums, references, published tables. Each problem is
    one line, PATH:LINE:COLUMN: error|warning: message [code]. Exit 0 when there are none (warnings allowed unless
    --strict), 1 when there are, 2 on a usage error or when there is nothing to check.

    Examples:
        vardmedel check  # the agreements vardmedel reads by default
        vardmedel check agreements/ --strict  # a folder; warnings fail too
    """
    from ..problem_formats import default_format, use_color, writer

    result = api.check(paths or None, strict=strict, jobs=jobs, **app.population_inputs(population))
    chosen = writer(format_name or default_format(os.environ))
    # A reader that stops early (| head, | true) changes nothing: the exit code says what the files hold.
    app.write_stdout(lambda stream: chosen.write(result, stream, color=use_color(stream, os.environ)))
    raise typer.Exit(app.EXIT_OK if result.passed else app.EXIT_PROBLEMS)
