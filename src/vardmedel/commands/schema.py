"""``vardmedel schema``: the agreement format as JSON Schema, for editors and other validators."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

from ..i18n import _
from . import app


@app.command()
def schema(
    output: Annotated[
        Optional[Path],
        app.output_option(
            _(
                "Write to FILE (whole or not at all; through a symlink to its target; a pipe or device as a "
                "stream) instead of stdout; - is stdout."
            )
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
    app.write_result(output, lambda stream: stream.write(text))
