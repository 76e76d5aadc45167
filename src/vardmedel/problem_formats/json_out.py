"""One JSON document: every problem, then a summary, for programs that read the check's result."""

from __future__ import annotations

import json

from ..problems import CheckResult

#: Bumped when a key changes meaning or goes away (new keys may appear at any time).
VERSION = 1


def document(result: CheckResult) -> dict:
    return {
        "version": VERSION,
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "column": p.column,
                "severity": p.severity.value,
                "code": p.code,
                "message": p.message,
            }
            for p in result.problems
        ],
        "summary": {
            "files": result.files,
            "files_with_problems": result.files_with_problems,
            "errors": result.errors,
            "warnings": result.warnings,
            "strict": result.strict,
            "passed": result.passed,
            "text": result.summary(),
        },
    }


def write(result: CheckResult, stream, color: bool = False) -> None:
    json.dump(document(result), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
