"""``check``'s results per file, kept between runs: an unchanged file is not read as YAML again.

As ruff and mypy do: a file's problems (and its id's place, for the duplicate-id check
across files, which still runs every time) are stored under a key made of the file's
content and name as shown, the working folder, this program (version, and its sources in
a checkout: ``cachekey.runtime_fingerprint``) and the reference data the checks used
(every field of it, so a ``--population`` file changes it). A folder where nothing changed is
checked without importing the YAML parser or building the agreement models.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from pathlib import Path

from . import cachestore
from .problems import Problem, Severity
from .textfile import MAX_BYTES

#: One file's outcome, as ``checks.check_file`` returns it: its problems, and its id's place (or None).
Outcome = tuple[list[Problem], tuple[str, str, int, int] | None]
SCHEME = b"vardmedel checked file 1"


def remembered(
    files: Sequence[Path], context: object, check: Callable[[list[Path]], Iterable[Outcome]]
) -> list[Outcome]:
    """The outcome of every file, in order: stored ones as stored, the rest from ``check(rest)``, then stored.

    *context* is everything besides the file that the outcome depends on (the reference
    data), made of dataclasses, containers and plain values (see ``describe``). Without a usable cache this is simply ``check(files)``.
    """
    keys = _keys(files, context)
    if keys is None:
        return list(check(list(files)))
    store = cachestore.Store.default()
    outcomes: list[Outcome | None] = [
        None if key is None else _decode(store.read(cachestore.CHECKED_FILES, key)) for key in keys
    ]
    missing = [index for index, outcome in enumerate(outcomes) if outcome is None]
    if missing:
        for index, outcome in zip(missing, check([files[i] for i in missing]), strict=True):
            outcomes[index] = outcome
            key = keys[index]
            if key is not None:
                store.write(cachestore.CHECKED_FILES, key, _encode(outcome))
        store.evict()
    return outcomes  # type: ignore[return-value]


def _keys(files: Sequence[Path], context: object) -> list[bytes | None] | None:
    """One key per file (None for a file that is checked every time), or None when the cache is off."""
    if cachestore.disabled():
        return None
    from .cachekey import runtime_fingerprint

    try:
        shared = cachestore.digest(SCHEME, runtime_fingerprint(), os.getcwd().encode(), *describe(context))
    except (TypeError, OSError):
        return None
    return [_key(shared, file) for file in files]


def describe(value: object) -> list[bytes]:
    """The data in *value*, as byte strings that are equal exactly when the data is.

    Dataclasses by their fields (so values cached on an object as it is used, like a
    recipient's sort key, do not count), containers by their items in order, plain values
    by their repr. Anything else raises TypeError: the caller then does without the cache
    rather than risk a key that misses part of the data.
    """
    parts: list[bytes] = []
    pending = [value]
    while pending:
        item = pending.pop()
        if item is None or isinstance(item, (bool, int, float, str, bytes, dt.date, Enum)):
            parts.append(f"{type(item).__qualname__}={item!r}".encode())
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            names = [f.name for f in dataclasses.fields(item)]
            parts.append(f"{type(item).__module__}.{type(item).__qualname__}{names}".encode())
            pending.extend(reversed([getattr(item, name) for name in names]))
        elif isinstance(item, dict):
            parts.append(f"dict {len(item)}".encode())
            pending.extend(reversed([x for pair in item.items() for x in pair]))
        elif isinstance(item, (list, tuple)):
            parts.append(f"{type(item).__name__} {len(item)}".encode())
            pending.extend(reversed(item))
        else:
            raise TypeError(f"no fingerprint for {type(item).__qualname__}")
    return parts


def _key(shared: bytes, file: Path) -> bytes | None:
    """The file's key; None when it cannot be read or is too large to be an agreement (its check says why)."""
    try:
        with open(file, "rb") as handle:
            content = handle.read(MAX_BYTES + 1)
    except OSError:
        return None
    if len(content) > MAX_BYTES:
        return None
    return cachestore.digest(shared, os.fsencode(str(file)), content)


def _encode(outcome: Outcome) -> bytes:
    problems, fact = outcome
    rows = [[p.path, p.line, p.column, p.code, p.message, p.severity.value] for p in problems]
    return json.dumps([rows, fact], ensure_ascii=False).encode("utf-8")


def _decode(payload: bytes | None) -> Outcome | None:
    if payload is None:
        return None
    try:
        rows, fact = json.loads(payload)
        problems = [
            Problem(path, line, column, code, message, Severity(severity))
            for path, line, column, code, message, severity in rows
        ]
        return problems, (tuple(fact) if fact is not None else None)  # type: ignore[return-value]
    except (ValueError, TypeError):
        return None
