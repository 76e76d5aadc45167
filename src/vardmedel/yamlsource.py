"""Safe YAML to plain Python values, with the line and column of every node.

PyYAML's own constructors keep the last of two equal keys, read ``012`` as octal
and ``yes`` as True, expand aliases without limit and recurse once per level of
nesting. Agreement files are typed by hand from PDFs, so we build values from
the parser's event stream ourselves:

* every scalar is resolved by YAML 1.2 core rules (``yes``, ``no`` and ``012``
  stay text; keys are always text, so ``01`` stays the län code "01");
* duplicate keys, aliases, unknown tags, several documents and deep nesting are
  errors with the position of the offending node;
* the work is one loop over events: no recursion, and libyaml's C parser is used
  when it is installed (it reports the same marks as the pure-Python one).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

MAX_BYTES = 2 * 1024 * 1024
MAX_LINE = 10_000
MAX_DEPTH = 64

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


class YamlError(Exception):
    """A file that is not a usable YAML mapping; says where and why."""

    def __init__(self, message: str, position: Position, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.code = code


@dataclass
class Document:
    """Plain values (dict, list, str, int, float, bool, None) and where each came from."""

    value: object
    positions: dict[Path, Position] = field(default_factory=dict)
    key_positions: dict[Path, Position] = field(default_factory=dict)

    def locate(self, loc: tuple) -> Position:
        """The position of the deepest node on *loc* that exists in the file.

        Validators add path elements of their own (a union member's tag, say);
        those are skipped, so a message lands on the nearest real node.
        """
        here: object = self.value
        path: Path = ()
        best = self.positions.get((), Position(1, 1))
        for element in loc:
            if isinstance(here, dict) and str(element) in here:
                path = (*path, str(element))
                here = here[str(element)]
            elif isinstance(here, list) and isinstance(element, int) and 0 <= element < len(here):
                path = (*path, element)
                here = here[element]
            else:
                continue
            best = self.positions.get(path, best)
        return best

    def locate_key(self, loc: tuple) -> Position:
        """The position of the key at the end of *loc* (for unknown keys)."""
        path: list[str | int] = []
        here: object = self.value
        for element in loc:
            if isinstance(here, dict) and str(element) in here:
                path.append(str(element))
                here = here[str(element)]
            elif isinstance(here, list) and isinstance(element, int) and 0 <= element < len(here):
                path.append(element)
                here = here[element]
        return self.key_positions.get(tuple(path)) or self.locate(loc)


_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$")
_SPECIAL_FLOATS = {".inf", "+.inf", "-.inf", ".Inf", "+.Inf", "-.Inf", ".INF", ".nan", ".NaN", ".NAN"}
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_ALLOWED_TAGS = {
    None,
    "!",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


def resolve_scalar(text: str, plain: bool, tag: str | None) -> object:
    """YAML 1.2 core schema: the few words that are not text, and nothing else."""
    if not plain or tag in ("!", "tag:yaml.org,2002:str"):
        return text
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text.replace("_", ""))
    if text in _SPECIAL_FLOATS:
        return float(text.lower().replace(".", ""))
    if _FLOAT.match(text) and ("." in text or "e" in text.lower()):
        return float(text.replace("_", ""))
    return text


def _position(mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def decode(data: bytes) -> str:
    """Bytes to text, refusing what is not a small UTF-8 text file."""
    if len(data) > MAX_BYTES:
        raise YamlError(
            f"file is {len(data):,} bytes; agreement files are small text files "
            f"(at most {MAX_BYTES:,} bytes): is this the right file?",
            Position(1, 1),
            "file-too-large",
        )
    if b"\x00" in data:
        at = data.index(b"\x00")
        raise YamlError(
            "file holds NUL bytes, so it is binary, not YAML text: is this the right file?",
            _offset_position(data, at),
            "file-binary",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise YamlError(
            f"byte 0x{data[err.start]:02x} is not UTF-8; save the file as UTF-8",
            _offset_position(data, err.start),
            "file-encoding",
        ) from None
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE:
            raise YamlError(
                f"line is {len(line):,} characters long (at most {MAX_LINE:,}); break it up or shorten it",
                Position(number, MAX_LINE + 1),
                "line-too-long",
            )
    return text


def _offset_position(data: bytes, offset: int) -> Position:
    before = data[:offset]
    line_start = before.rfind(b"\n") + 1
    return Position(before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1)


def _events(text: str) -> Iterator:
    import yaml

    loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    return yaml.parse(text, Loader=loader)


def load(text: str) -> Document:
    """Parse one YAML document whose root is a mapping; raise YamlError otherwise."""
    import yaml

    doc = Document(value=None)
    # Each open container: (value, path, pending key or None, key position, seen keys).
    stack: list[list] = []
    documents = 0
    root_set = False
    try:
        for event in _events(text):
            kind = type(event).__name__
            if kind == "DocumentStartEvent":
                documents += 1
                if documents > 1:
                    raise YamlError(
                        "file holds more than one YAML document ('---'); keep one agreement per file",
                        _position(event.start_mark),
                        "yaml-several-documents",
                    )
                continue
            if kind in ("StreamStartEvent", "StreamEndEvent", "DocumentEndEvent"):
                continue
            if kind == "AliasEvent":
                raise YamlError(
                    f"alias *{event.anchor} is not allowed in agreement files; write the value out in full",
                    _position(event.start_mark),
                    "yaml-alias",
                )
            if kind in ("MappingEndEvent", "SequenceEndEvent"):
                stack.pop()
                continue
            tag = getattr(event, "tag", None)
            if tag not in _ALLOWED_TAGS:
                raise YamlError(
                    f"tag {tag} is not allowed: agreement files hold only plain values, "
                    "mappings and lists; remove the tag",
                    _position(event.start_mark),
                    "yaml-tag",
                )
            position = _position(event.start_mark)
            if kind == "ScalarEvent":
                plain = event.style in (None, "")
                if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is None:
                    _take_key(stack[-1], event.value, position, doc)
                    continue
                value: object = resolve_scalar(event.value, plain, tag)
            elif kind == "MappingStartEvent":
                value = {}
            elif kind == "SequenceStartEvent":
                value = []
            else:  # pragma: no cover - PyYAML has no other events
                continue
            if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is None:
                raise YamlError(
                    "a key must be plain text, not a mapping or a list",
                    position,
                    "yaml-complex-key",
                )
            path = _attach(stack, value, position, doc)
            if not root_set:
                root_set = True
                if not isinstance(value, dict):
                    raise YamlError(
                        f"the file's top level is a {_kind_name(value)}; an agreement file is a mapping "
                        "of keys (id:, year:, title:, …)",
                        position,
                        "yaml-root-not-mapping",
                    )
            if isinstance(value, dict | list):
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(
                        f"nesting is deeper than {MAX_DEPTH} levels; agreement files need a handful",
                        position,
                        "yaml-too-deep",
                    )
                stack.append([value, path, None, None, {}])
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = _position(mark) if mark else Position(1, 1)
        problem = err.problem or err.context or "invalid YAML"
        hint = ""
        if "\t" in text and ("tab" in problem or "found character" in problem):
            hint = "; YAML indents with spaces, not tabs"
        raise YamlError(f"YAML syntax: {problem}{hint}", where, "yaml-syntax") from None
    except yaml.YAMLError as err:  # pragma: no cover - errors without marks are rare
        raise YamlError(f"YAML syntax: {err}", Position(1, 1), "yaml-syntax") from None
    if not root_set:
        raise YamlError("file is empty; an agreement file is a mapping of keys", Position(1, 1), "file-empty")
    return doc


def _take_key(frame: list, key: str, position: Position, doc: Document) -> None:
    seen: dict[str, Position] = frame[4]
    if key in seen:
        first = seen[key]
        raise YamlError(
            f"duplicate key {key!r} (first at line {first.line}); YAML would silently keep only the last, "
            "so remove or rename one",
            position,
            "yaml-duplicate-key",
        )
    seen[key] = position
    frame[2] = key
    frame[3] = position


def _attach(stack: list[list], value: object, position: Position, doc: Document) -> Path:
    if not stack:
        doc.value = value
        doc.positions[()] = position
        return ()
    container, parent_path, key, key_position, _ = stack[-1]
    if isinstance(container, dict):
        container[key] = value
        path = (*parent_path, key)
        doc.key_positions[path] = key_position
        stack[-1][2] = None
    else:
        path = (*parent_path, len(container))
        container.append(value)
    doc.positions[path] = position
    return path


def _kind_name(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if value is None:
        return "null (nothing)"
    return f"single value ({value!r})"[:80]
