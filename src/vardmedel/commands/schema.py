"""``vardmedel schema``: the agreement format as JSON Schema, for editors and other validators."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app


@app.command()
def schema(
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Write to FILE (atomically) instead of stdout.")
    ] = None,
) -> None:
    """Print the JSON Schema (draft 7) of the agreement format, for editors and other validators."""
    from ..schema import schema_text

    text = schema_text()
    if output is None:
        app.write_stdout(lambda stream: stream.write(text))
        return
    app.write_file(output, lambda stream: stream.write(text), False)
