"""Problems found in agreement files: plain values that know nothing of output.

Like yamllint's problems, each carries a place (path, line, column), a stable
code (listed with its severity in vardmedel.codes) and a message that says what is wrong and how to fix it. The loader and
the checks return them; the command line decides how to print them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .codes import Severity, severity_of
from .i18n import N_, _, ngettext

__all__ = ["CheckResult", "Problem", "Severity"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at one place; its severity is its code's (vardmedel.codes), never chosen per problem."""

    path: str
    line: int  # 1-based; 0 when the problem belongs to no line (a missing file)
    column: int  # 1-based
    code: str
    message: str
    severity: Severity = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", severity_of(self.code))

    def __str__(self) -> str:
        place = f"{escaped_path(self.path)}:{self.line}:{self.column}"
        return f"{place}: {severity_word(self.severity)}: {self.message} [{self.code}]"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


#: What a file name may hold that would break a problem's line or change what a terminal shows.
_UNSAFE_IN_PATH = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def escaped_path(path: str) -> str:
    """*path* for a problem's line: a newline, an escape sequence or a right-to-left override in it written as ``\\n``."""
    return _UNSAFE_IN_PATH.sub(lambda found: found.group().encode("unicode_escape").decode("ascii"), path)


def line_of(path: str, line: int) -> str:
    """``path:line``, for a message that points at another file's line (the first of two equal ids, say)."""
    return f"{escaped_path(path)}:{line}"


class CheckResult(NamedTuple):  # a NamedTuple: imported on every run, and a dataclass costs about 1 ms to create
    """What ``vardmedel check`` found: the problems and how many files it read."""

    problems: list[Problem]
    files: int
    strict: bool = False  # warnings fail the check too

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.is_error)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    @property
    def files_with_problems(self) -> int:
        return len({p.path for p in self.problems})

    @property
    def passed(self) -> bool:
        return self.errors == 0 and not (self.strict and self.warnings)

    def summary(self) -> str:
        """One line for people, at the end of every report."""
        files = ngettext("{count} file", "{count} files", self.files).format(count=self.files)
        if not self.problems:
            return _("{files} checked: no problems.").format(files=files)
        counts = []
        if self.errors:
            counts.append(ngettext("{count} error", "{count} errors", self.errors).format(count=self.errors))
        if self.warnings:
            counts.append(ngettext("{count} warning", "{count} warnings", self.warnings).format(count=self.warnings))
        line = _("Found {found} in {with_problems} of {files}.").format(
            found=_(" and ").join(counts), with_problems=self.files_with_problems, files=files
        )
        if self.warnings and not self.errors:
            line += " " + (
                _("Warnings fail the check under --strict.") if not self.strict else _("--strict: warnings fail.")
            )
        return line


#: The severity words of a problem line, as compilers and linters print them (in the run's language).
SEVERITY_WORDS = {Severity.ERROR: N_("error"), Severity.WARNING: N_("warning")}


def severity_word(severity: Severity) -> str:
    return _(SEVERITY_WORDS[severity])
