"""Agreement files to models, every error placed at its file:line:column.

Reading never raises for bad input: it returns the problems, so that ``check``
can report all files in one run and the other commands can refuse cleanly.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem
from .yamlsource import Document, Position, YamlError, decode, load

#: Codes for what pydantic reports, by its error type (ours or its own).
_SCHEMA_CODES = {
    "extra_forbidden": "schema-unknown-key",
    "missing": "schema-missing-key",
    "amount_float": "amount-float",
    "amount_fraction": "amount-fraction",
    "amount_not_positive": "amount-not-positive",
    "amount_too_large": "amount-too-large",
    "amount_leading_zero": "amount-leading-zero",
    "amount_unit": "amount-invalid",
    "amount_invalid": "amount-invalid",
    "amount_type": "amount-invalid",
    "rule_kind": "schema-rule",
    "rule_basis": "schema-rule",
}


@dataclass
class LoadedAgreement:
    """An agreement with the file it came from, so later checks can point into it."""

    path: str
    agreement: object  # model.Agreement; typed loosely to keep pydantic out of imports
    document: Document = field(repr=False)

    def position(self, *loc: str | int) -> Position:
        return self.document.locate(loc)

    def problem(self, loc: tuple, code: str, message: str, severity=None) -> Problem:
        where = self.document.locate(loc)
        extra = {"severity": severity} if severity else {}
        return Problem(self.path, where.line, where.column, code, message, **extra)


def read_agreement(path: Path | str, display: str | None = None) -> tuple[LoadedAgreement | None, list[Problem]]:
    """Read one file; return the agreement, or None and the problems that stop it."""
    shown = display or str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        return None, [Problem(shown, 0, 0, "file-unreadable", f"cannot read the file: {err.strerror or err}")]
    try:
        document = load(decode(data))
    except YamlError as err:
        return None, [Problem(shown, err.position.line, err.position.column, err.code, err.message)]
    return validate(document, shown)


def validate(document: Document, shown: str) -> tuple[LoadedAgreement | None, list[Problem]]:
    """Check the document against the agreement models."""
    from pydantic import ValidationError

    from .model import Agreement

    try:
        agreement = Agreement.model_validate(document.value)
    except ValidationError as err:
        return None, [_schema_problem(document, shown, error) for error in err.errors(include_url=False)]
    return LoadedAgreement(shown, agreement, document), []


def _schema_problem(document: Document, shown: str, error: dict) -> Problem:
    kind = error["type"]
    loc = tuple(error["loc"])
    code = _SCHEMA_CODES.get(kind, "schema-type")
    message = error["msg"].removeprefix("Value error, ")
    dotted = _dotted(loc)
    if kind == "extra_forbidden":
        where = document.locate_key(loc)
        message = f"unknown key {loc[-1]!r}" + _did_you_mean(document, loc) + "; remove it or fix its spelling"
    elif kind == "missing":
        where = document.locate(loc)
        parent = _dotted(loc[:-1]) or "the top level"
        message = f"{parent} lacks the required key {loc[-1]!r}; add it"
    else:
        where = document.locate(loc)
        if not kind.startswith(("amount_", "rule_")):
            message = f"{dotted}: {message}"
    return Problem(shown, where.line, where.column, code, message)


def _dotted(loc: tuple) -> str:
    text = ""
    for element in loc:
        if isinstance(element, int):
            text += f"[{element}]"
        elif element in ("fixed", "equal", "population", "shares", "amounts") and text.endswith("rule"):
            continue
        else:
            text += ("." if text else "") + str(element)
    return text


def _did_you_mean(document: Document, loc: tuple) -> str:
    """Suggest the known key a misspelt one was probably meant to be."""
    from .model import known_keys

    close = difflib.get_close_matches(str(loc[-1]), known_keys(), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
