"""``check``'s results per file, kept between runs: an unchanged file is not read as YAML again.

As ruff and mypy do: what checking one file found (its problems, and the facts the checks
across files need: its id's place, its series) is stored under a key made of the file's
content and name, the working folder, this program (version, and its sources in a
checkout: ``cachekey.runtime_fingerprint``), the language of the messages and the
reference data the checks used (every field of it, so a ``--population`` file changes it).
The checks across files (duplicate ids, frames) still run every time, over stored and
fresh results alike. A folder where nothing changed is checked without reading any YAML.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from . import cachestore
from .agreement_series import Agreed, Reserved, SeriesFacts
from .problems import Problem
from .textfile import MAX_BYTES

SCHEME = b"vardmedel checked file 3"
#: The plain values a stored outcome may be made of, besides the outcome's own class.
STORABLE = (Problem, SeriesFacts, Agreed, Reserved)

T = TypeVar("T")


def remembered(
    files: Sequence[Path], context: object, check: Callable[[list[Path]], Sequence[T]], outcome: type[T]
) -> list[T]:
    """``check(files)``, with the files whose outcome is stored taken from the store, and the rest stored.

    *context* is everything besides the file that an outcome depends on (the reference
    data), made of records, containers and plain values (see ``describe``). An
    *outcome* is a dataclass of such values and ``STORABLE`` ones. Without a usable
    cache this is simply ``check(files)``.
    """
    keys = _keys(files, context)
    if keys is None:
        return list(check(list(files)))
    store = cachestore.Store.default()
    classes = {cls.__name__: cls for cls in (*STORABLE, outcome)}
    found: list[T | None] = [
        None if key is None else _decode(store.read(cachestore.CHECKED_FILES, key), classes) for key in keys
    ]
    missing = [index for index, stored in enumerate(found) if stored is None]
    if missing:
        for index, fresh in zip(missing, check([files[i] for i in missing]), strict=True):
            found[index] = fresh
            key = keys[index]
            if key is not None:
                store.write(cachestore.CHECKED_FILES, key, json.dumps(_plain(fresh), ensure_ascii=False).encode())
        store.evict()
    return found  # type: ignore[return-value]


def _keys(files: Sequence[Path], context: object) -> list[bytes | None] | None:
    """One key per file (None for a file that is checked every time), or None when the cache is off."""
    if cachestore.disabled():
        return None
    from .cachekey import runtime_fingerprint
    from .i18n import language

    try:
        shared = cachestore.digest(
            SCHEME, runtime_fingerprint(), os.getcwd().encode(), language().encode(), *describe(context)
        )
    except (TypeError, OSError):
        return None
    return [_key(shared, file) for file in files]


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


def describe(value: object) -> list[bytes]:
    """The data in *value*, as byte strings that are equal exactly when the data is.

    Records (dataclasses, NamedTuples) by their fields (so values cached on an object as it is
    used, like a recipient's sort key, do not count), containers by their items in order, plain values
    by their repr. Anything else raises TypeError: the caller then does without the cache
    rather than risk a key that misses part of the data.
    """
    parts: list[bytes] = []
    pending = [value]
    while pending:
        item = pending.pop()
        if item is None or isinstance(item, (bool, int, float, str, bytes, dt.date, Enum)):
            parts.append(f"{type(item).__qualname__}={item!r}".encode())
        elif (names := _record_fields(item)) is not None:
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


def _record_fields(value: object, constructed: bool = False) -> list[str] | None:
    """The names of the fields of a record: a dataclass (with *constructed*, those its constructor takes) or a
    NamedTuple; None for any other value."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [f.name for f in dataclasses.fields(value) if f.init or not constructed]
    names = getattr(type(value), "_fields", None)
    return list(names) if isinstance(value, tuple) and names is not None else None


def _plain(value: Any) -> Any:
    """*value* as JSON: a record as its class name and the fields its constructor takes, a tuple marked as one."""
    if (fields := _record_fields(value, constructed=True)) is not None:
        return {"class": type(value).__name__, "fields": [_plain(getattr(value, name)) for name in fields]}
    if isinstance(value, tuple):
        return {"tuple": [_plain(item) for item in value]}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, (bool, int, str)):
        return value
    raise TypeError(f"cannot store a {type(value).__qualname__}")


def _decode(payload: bytes | None, classes: dict[str, type]) -> Any:
    """A stored outcome, or None when there is none or it is not one this version wrote."""
    if payload is None:
        return None
    try:
        return _value(json.loads(payload), classes)
    except (ValueError, TypeError, KeyError):
        return None


def _value(plain: Any, classes: dict[str, type]) -> Any:
    if isinstance(plain, list):
        return [_value(item, classes) for item in plain]
    if isinstance(plain, dict):
        if "tuple" in plain:
            return tuple(_value(item, classes) for item in plain["tuple"])
        return classes[plain["class"]](*(_value(item, classes) for item in plain["fields"]))
    return plain
