"""The cap on repeated problems: at most a few of one code per file, then one line that counts the rest.

A hostile file (an alias bomb, thousands of unknown keys) can hold hundreds of
thousands of problems of one kind; the first few say all there is to say, and
counting the rest instead of keeping them keeps reading such a file cheap.
The YAML reader, the schema validation and the checks all cap their problems here;
a problem turned away never has its message written (a "did you mean" searches).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from .i18n import ngettext
from .problems import Problem

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


class Capped:
    """The problems of one file, at most *most* of a code, then one line a code that counts the rest."""

    def __init__(self, path: str, most: int = MAX_SAME) -> None:
        self.path = path
        self.kept: list[Problem] = []
        self.cap: PerCode[tuple[int, int]] = PerCode(most)

    def add(self, code: str, where: tuple[int, int], message: str | Callable[[], str]) -> None:
        """The problem *code* at *where* (line, column); a *message* given as a function is called only if kept."""
        if self.cap.admit(code, where):
            line, column = where
            self.kept.append(Problem(self.path, line, column, code, message if isinstance(message, str) else message()))

    def add_problem(self, problem: Problem) -> None:
        self.add(problem.code, (problem.line, problem.column), problem.message)

    def problems(self) -> list[Problem]:
        """The problems kept, then a line for each code that went over the cap, at the first turned away."""
        dropped = self.cap.dropped()
        return self.kept + [Problem(self.path, line, column, code, more) for code, (line, column), more in dropped]
