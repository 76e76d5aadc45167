"""The cap on repeated problems: at most a few of one code per file, then one line that counts the rest.

A hostile file (an alias bomb, thousands of unknown keys) can hold hundreds of
thousands of problems of one kind; the first few say all there is to say, and
counting the rest instead of keeping them keeps reading such a file cheap.
Both the YAML reader and the schema validation cap their problems here.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from .i18n import ngettext

#: Problems of one code kept per file.
MAX_SAME = 20

Where = TypeVar("Where")


class PerCode(Generic[Where]):
    """Admits the first *most* problems of each code; remembers where the first one turned away was."""

    def __init__(self, most: int = MAX_SAME) -> None:
        self.most = most
        self.counts: dict[str, int] = {}
        self.first_dropped: dict[str, Where] = {}

    def admit(self, code: str, where: Where) -> bool:
        """Count a problem of *code* at *where*; True while fewer than *most* of its code came before."""
        count = self.counts[code] = self.counts.get(code, 0) + 1
        if count <= self.most:
            return True
        self.first_dropped.setdefault(code, where)
        return False

    def dropped(self) -> list[tuple[str, Where, str]]:
        """Per code that went over the cap: the code, where the first one turned away was, and the line to show."""
        return [(code, where, self._more(self.counts[code] - self.most)) for code, where in self.first_dropped.items()]

    def _more(self, more: int) -> str:
        return ngettext(
            "{count} more problem like the {most} above in this file (the first of them here); fix those and run "
            "check again",
            "{count} more problems like the {most} above in this file (the first of them here); fix those and run "
            "check again",
            more,
        ).format(count=f"{more:,}".replace(",", " "), most=self.most)
