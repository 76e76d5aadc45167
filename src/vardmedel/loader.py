"""Agreement files to models, every error placed at its file:line:column.

Reading never raises for bad input: it returns the problems, so that ``check``
can report all files in one run and the other commands can refuse cleanly.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cap import Capped
from .i18n import LANGUAGES, N_, _
from .problems import Problem
from .rules import RULE_KINDS
from .textfile import MAX_BYTES, UnreadableFile, decode, too_large
from .yamlsource import Document, Issue, Position, YamlError, load

if TYPE_CHECKING:  # pydantic is imported only when a file is validated
    from .model import Agreement

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
    "funding_both": "schema-funding",
}

#: What a value of each pydantic type is called in messages, by error type.
_EXPECTED = {
    "string_type": N_("text"),
    "int_type": N_("a whole number"),
    "int_parsing": N_("a whole number"),
    "int_from_float": N_("a whole number"),
    "bool_type": N_("true or false"),
    "dict_type": N_("a mapping (key: value lines)"),
    "model_type": N_("a mapping (key: value lines)"),
    "model_attributes_type": N_("a mapping (key: value lines)"),
    "list_type": N_("a list (lines starting with '- ')"),
    "date_type": N_("a date such as 2022-03-07"),
    "date_parsing": N_("a date such as 2022-03-07"),
    "date_from_datetime_parsing": N_("a date such as 2022-03-07"),
    "date_from_datetime_inexact": N_("a date such as 2022-03-07"),
}

#: Kinds of recipient groups, for messages about a rule's group that is neither text nor a list.
_UNION_MEMBERS = ("str", "list[str]", "list[constrained-str]")


@dataclass
class LoadedAgreement:
    """An agreement with the file it came from, so later checks can point into it."""

    path: str
    agreement: Agreement
    document: Document = field(repr=False)

    def position(self, *loc: str | int) -> Position:
        return self.document.locate(loc)

    def place(self, loc: tuple, key: bool = False) -> Position:
        """Where the value on *loc* is (or its key: a table's row that should not be there)."""
        return self.document.locate_key(loc) if key else self.document.locate(loc)

    def problem(self, loc: tuple, code: str, message: str, key: bool = False) -> Problem:
        """A problem at the value on *loc* (or at its key)."""
        where = self.place(loc, key)
        return Problem(self.path, where.line, where.column, code, message)


def read_agreement(path: Path | str, display: str | None = None) -> tuple[LoadedAgreement | None, list[Problem]]:
    """Read one file; return the agreement (or None), and every problem found in it.

    A file may load with problems (a duplicate key, an alias): the agreement is
    then returned too, so that later checks can still look at it, but the
    problems are errors and stop every command that computes money.
    """
    shown = display or str(path)
    try:
        with open(path, "rb") as handle:
            # Read one byte past the limit: enough to know a file is too large without reading all of it.
            data = handle.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                handle.seek(0, 2)
                raise too_large(handle.tell())
        document = load(decode(data))
    except UnreadableFile as err:
        return None, [Problem(shown, err.line, err.column, err.code, err.message)]
    except YamlError as err:
        return None, _from_issues(shown, err.issues)
    except OSError as err:
        message = _("cannot read the file: {reason}").format(reason=err.strerror or err)
        return None, [Problem(shown, 0, 0, "file-unreadable", message)]
    loaded, problems = validate(document, shown)
    return loaded, _from_issues(shown, document.issues) + problems


def _from_issues(shown: str, issues: list[Issue]) -> list[Problem]:
    return [Problem(shown, i.position.line, i.position.column, i.code, i.message) for i in issues]


def validate(document: Document, shown: str) -> tuple[LoadedAgreement | None, list[Problem]]:
    """Check the document against the agreement models."""
    from pydantic import ValidationError

    from .model import Agreement

    try:
        agreement = Agreement.model_validate(document.value)
    except ValidationError as err:
        return None, _schema_problems(document, shown, err.errors(include_url=False))
    return LoadedAgreement(shown, agreement, document), []


def _schema_problems(document: Document, shown: str, errors: list) -> list[Problem]:
    """One problem per place and code, at most MAX_SAME of a code (``cap``), then one line that counts the rest.

    Only the problems kept get their message: a file can hold tens of thousands of one
    mistake, and writing every message (a 'did you mean' is a fuzzy match over every
    key of the format) would cost more than reading the file.
    """
    seen: set[tuple[Position, str]] = set()
    found = Capped(shown)
    for error in errors:
        if document.is_tainted(_in_file(tuple(error["loc"]))):
            continue  # a stand-in for a refused alias or tag: already reported
        where, code = _schema_place(document, error), _SCHEMA_CODES.get(error["type"], "schema-type")
        if (where, code) in seen:
            continue  # a value that fits no member of a union is one mistake, not two
        seen.add((where, code))
        found.add(code, where, partial(_schema_message, error))
    return found.problems()


def _schema_place(document: Document, error: Mapping[str, Any]) -> Position:
    """Where a schema error is: at the key for a key that is unknown or not what the format wants, else the value."""
    loc = tuple(error["loc"])
    if error["type"] == "extra_forbidden" or (loc and loc[-1] == "[key]"):
        return document.locate_key(_in_file(loc))
    return document.locate(_in_file(loc))


def _schema_message(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    loc = tuple(error["loc"])
    message = error["msg"].removeprefix("Value error, ")
    if loc and loc[-1] == "[key]":
        # A mapping key that is not what the format wants (a year that is not a number, say).
        key = loc[-2]
        if kind == "int_parsing":
            said = _("{key!r} is not a year; write it as digits, such as 2020").format(key=key)
        elif kind == "string_pattern_mismatch":
            said = _plain_message(kind, loc[:-1], {**error, "input": key}, message)
        else:
            said = f"{key!r}: {message}"
        return _("{place}: the key {problem}").format(place=_dotted(loc[:-2]), problem=said)
    dotted = _dotted(loc)
    if kind == "extra_forbidden" and _names_a_language(loc):
        return _(
            "{place}: unknown language {key!r}; a text by language has the keys {languages} "
            "(or write it as plain text, in the file's language)"
        ).format(place=_dotted(loc[:-1]), key=loc[-1], languages=_(" and ").join(LANGUAGES))
    if kind == "extra_forbidden":
        return _("unknown key {key!r}{suggestion}; remove it or fix its spelling").format(
            key=loc[-1], suggestion=_did_you_mean(loc)
        )
    if kind == "missing":
        parent = _dotted(loc[:-1]) or _("the top level")
        return _("{place} lacks the required key {key!r}; add it").format(place=parent, key=loc[-1])
    if kind == "rule_kind":
        value = error.get("input")
        kinds = ", ".join(RULE_KINDS)
        if isinstance(value, dict):
            found = [k for k in RULE_KINDS if k in value]
            has = _(" and ").join(found) if found else _("none of them")
            return _("{place}: a rule has exactly one of the keys {kinds}; this one has {has}").format(
                place=dotted, kinds=kinds, has=has
            )
        return _(
            "{place}: a rule has exactly one of the keys {kinds}; expected a mapping such as {example}, got {value}"
        ).format(place=dotted, kinds=kinds, example="{fixed: skr}", value=_describe(value))
    if not kind.startswith(("amount_", "rule_")):
        return f"{dotted}: {_plain_message(kind, loc, error, message)}"
    return message


def _plain_message(kind: str, loc: tuple, error: Mapping[str, Any], fallback: str) -> str:
    """Pydantic's wording, said the way a person typing a file from a PDF needs it."""
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if loc and loc[-1] in _UNION_MEMBERS:
        return _("expected 'regioner', 'samverkansregioner' or a list of recipient ids, got {value}").format(
            value=_describe(value)
        )
    if kind in _EXPECTED:
        message = _("expected {what}, got {value}").format(what=_(_EXPECTED[kind]), value=_describe(value))
        if isinstance(value, bool) and kind == "string_type":
            message += _("; YAML reads true/false as yes/no values, so quote it if it is text")
        elif isinstance(value, str) and value.lower() in ("yes", "no", "on", "off", "y", "n"):
            message += _(" (vardmedel reads yes/no as text, as YAML 1.2 does)")
        elif isinstance(value, str) and value[:1] == "0" and value.isdigit() and len(value) > 1:
            message += _("; write {number} without the leading zero").format(number=int(value))
        elif value is None:
            message += _("; fill in the value or remove the key")
        return message
    if kind == "literal_error":
        allowed = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        return _("expected one of {allowed}, got {value}").format(allowed=allowed, value=_describe(value))
    if kind == "string_pattern_mismatch":
        return _(
            "{value!r} is not a valid id: use lower-case letters a-z, digits and '-' (for example 'skr-samordning')"
        ).format(value=value)
    if kind == "string_too_short":
        return _("must not be empty")
    if kind == "too_short":
        return _("needs at least one item")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        if loc[-1:] == ("year",) or loc[-2:-1] == ("years",):
            return _("{value!r} is not a plausible year (1990 to 2100)").format(value=value)
        return _("{value!r} is out of range ({reason}; bound {bound})").format(
            value=value, reason=fallback.lower(), bound=bound
        )
    return fallback


def _describe(value: object) -> str:
    if value is None:
        return _("nothing (an empty value)")
    if isinstance(value, bool):
        return _("the yes/no value {value}").format(value=str(value).lower())
    if isinstance(value, int):
        return _("the number {value}").format(value=value)
    if isinstance(value, float):
        return _("the decimal number {value!r}").format(value=value)
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "…"
        return _("the text {value!r}").format(value=shown)
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    return type(value).__name__


def _dotted(loc: tuple) -> str:
    text = ""
    previous = None
    for element in loc:
        skip = _validator_step(element, previous)
        previous = element
        if skip:
            continue
        if isinstance(element, int):
            text += f"[{element}]"
        else:
            text += ("." if text else "") + str(element)
    return text


def _in_file(loc: tuple) -> tuple:
    """*loc* without the steps pydantic adds: a rule's tag 'population' is no key to follow into the file."""
    kept, previous = [], None
    for element in loc:
        if not _validator_step(element, previous):
            kept.append(element)
        previous = element
    return tuple(kept)


def _validator_step(element: object, previous: object) -> bool:
    """A step pydantic adds to a location that is no key of the file (a union member, a rule's tag)."""
    if element in RULE_KINDS and previous == "rule":
        return True
    return element in _UNION_MEMBERS or element == "[key]" or str(element).startswith("function-")


def _names_a_language(loc: tuple) -> bool:
    """Whether *loc* is a key below a note or an assumption: a language, as in ``note: {en: …, sv: …}``."""
    from .model import wording_keys

    return len(loc) >= 2 and loc[-2] in wording_keys()


def _did_you_mean(loc: tuple) -> str:
    """Suggest the known key a misspelt one was probably meant to be."""
    from .model import known_keys

    close = difflib.get_close_matches(str(loc[-1]), known_keys(), n=1, cutoff=0.6)
    return _(" (did you mean {key!r}?)").format(key=close[0]) if close else ""
