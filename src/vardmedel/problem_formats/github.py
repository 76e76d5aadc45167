"""GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=CODE::message``.

GitHub turns them into annotations on the lines of the pull request. Values are
escaped exactly as GitHub's toolkit (``@actions/core``) escapes them, so a
message holding a comma, a colon, a percent sign or a newline arrives whole.
"""

from __future__ import annotations

from ..problems import CheckResult, Problem


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    properties = [f"file={escape_property(problem.path)}"]
    if problem.line > 0:  # a file that cannot be read has no line to point at
        properties += [f"line={problem.line}", f"col={problem.column}"]
    properties.append(f"title={escape_property(problem.code)}")
    return f"::{problem.severity.value} {','.join(properties)}::{escape_data(problem.message)}"


def write(result: CheckResult, stream, color: bool = False) -> None:
    for problem in result.problems:
        stream.write(annotation(problem) + "\n")
    stream.write(result.summary() + "\n")
