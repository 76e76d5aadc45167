"""A command's texts, read from its docstring: the short help, the help and the examples.

The docstring says them once, in English; the command line shows them in the
run's language (commands/app.py) and the catalogue takes them as its messages
(scripts/catalogue.py), each part split here, so both see the same texts::

    Who gets what in a year, to the krona.              <- the short help (the list of commands)

    Per-recipient amounts of every agreement of YEAR,   <- the help (--help), paragraphs of it
    in whole kronor: ...

    Examples:
        vardmedel allocate 2022  # the 2022 agreements  <- a command line and what it shows

Standard library only: the catalogue script reads it without Typer.
"""

from __future__ import annotations

import inspect
import re
from typing import NamedTuple

EXAMPLES = "Examples:"
#: Between an example's command line and what it shows.
SHOWS = "  # "


class CommandTexts(NamedTuple):
    short: str
    help: str
    examples: tuple[tuple[str, str], ...]


def command_texts(docstring: str | None) -> CommandTexts:
    """The parts of *docstring*: its first paragraph, the paragraphs up to ``Examples:``, the lines after it."""
    text, _, examples = inspect.cleandoc(docstring or "").partition(f"\n{EXAMPLES}\n")
    paragraphs = [" ".join(paragraph.split()) for paragraph in re.split(r"\n\s*\n", text.strip())]
    pairs = (line.strip().partition(SHOWS) for line in examples.splitlines() if line.strip())
    return CommandTexts(paragraphs[0], "\n\n".join(paragraphs[1:]), tuple((line, why) for line, _, why in pairs))
