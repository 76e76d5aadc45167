"""``vardmedel schema``: the agreement format as JSON Schema, for editors and other validators."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..i18n import _
from . import app


@app.command()
def schema(
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output", "-o", metavar=_("FILE"), help=_("Write to FILE (whole or not at all) instead of stdout.")
        ),
    ] = None,
) -> None:
    """The agreement format as JSON Schema.

    Print the JSON Schema (draft 7) of the agreement format, for editors and other validators.

    Examples:
        vardmedel schema -o agreements/schema.json  # the file editors read
    """
    from ..schema import schema_text

    text = schema_text()
    if output is None:
        app.write_stdout(lambda stream: stream.write(text))
        return
    app.write_file(output, lambda stream: stream.write(text), False)
