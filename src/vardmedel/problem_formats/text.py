"""``path:line:column: error: message [code]`` lines, as compilers and linters print them, and a summary."""

from __future__ import annotations

from ..problems import CheckResult, Problem, escaped_path, severity_word

_RESET = "\033[0m"
_STYLE = {"path": "\033[1m", "error": "\033[1;31m", "warning": "\033[1;33m", "code": "\033[2m"}


def _paint(text: str, style: str, color: bool) -> str:
    return f"{_STYLE[style]}{text}{_RESET}" if color else text


def line(problem: Problem, color: bool = False) -> str:
    severity = problem.severity.value
    return (
        f"{_paint(escaped_path(problem.path), 'path', color)}:{problem.line}:{problem.column}: "
        f"{_paint(severity_word(problem.severity), severity, color)}: {problem.message} "
        f"{_paint(f'[{problem.code}]', 'code', color)}"
    )


def write(result: CheckResult, stream, color: bool = False) -> None:
    for problem in result.problems:
        stream.write(line(problem, color) + "\n")
    stream.write(result.summary() + "\n")
