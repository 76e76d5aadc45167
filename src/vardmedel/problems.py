"""Problems found in agreement files: plain values that know nothing of output.

Like yamllint's problems, each carries a place (path, line, column), a stable
code and a message that says what is wrong and how to fix it. The loader and
the checks return them; the command line decides how to print them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int  # 1-based; 0 when the problem belongs to no line (a missing file)
    column: int  # 1-based
    code: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity.value}: {self.message} [{self.code}]"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class ProblemsFound(Exception):
    """Raised at the edges when problems stop a command; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
