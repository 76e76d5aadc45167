"""Safe YAML to plain Python values, with the line and column of every node.

PyYAML's own constructors keep the last of two equal keys, read ``012`` as octal
and ``yes`` as True, expand aliases without limit and recurse once per level of
nesting. Agreement files are typed by hand from PDFs, so we build values from
the parser's event stream ourselves:

* every scalar is resolved by YAML 1.2 core rules (``yes``, ``no`` and ``012``
  stay text; keys are always text, so ``01`` stays the län code "01");
* duplicate keys, aliases and unknown tags are reported with the position of
  the offending node and reading goes on, so one run shows all of them; a
  syntax error, several documents or deep nesting stop the file;
* the work is one loop over events: no recursion, and libyaml's C parser is used
  when it is installed (it reports the same marks as the pure-Python one).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .cap import PerCode
from .i18n import _
from .wholenumber import NumberError, read_whole

MAX_DEPTH = 64

Path = tuple[str | int, ...]


class Position(NamedTuple):
    """A named tuple, not a dataclass: twice as cheap to make (benchmarks/).

    The reader keeps a node's place as a plain ``(line, column)`` tuple, which equals the
    Position: ten times as cheap to make as one (and a file has thousands of nodes), and
    only the few that a message needs become Positions (``Document.locate``).
    """

    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True)
class Issue:
    """A problem in the YAML that does not stop reading (a duplicate key, an alias, a tag)."""

    message: str
    position: Position
    code: str


class YamlError(Exception):
    """A file that is not a usable YAML mapping; says where and why.

    ``earlier`` holds the issues found before reading had to stop.
    """

    def __init__(self, message: str, position: Position, code: str, earlier: list[Issue] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.code = code
        self.earlier = earlier or []

    @property
    def issues(self) -> list[Issue]:
        """Everything found in the file, this error last."""
        return [*self.earlier, Issue(self.message, self.position, self.code)]


@dataclass
class Document:
    """Plain values (dict, list, str, int, float, bool, None) and where each came from."""

    value: object
    #: (line, column) of every node and key, as plain tuples (see Position); locate() and locate_key() give Positions.
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    #: Paths whose values are stand-ins (an alias read as null) or suspect (a refused
    #: tag): their issue is already reported, so schema errors under them are noise.
    tainted: set[Path] = field(default_factory=set)
    #: Keys given more than once (the first is kept): a tool that keeps the last reads another value there.
    duplicated: set[Path] = field(default_factory=set)

    def real_path(self, loc: tuple) -> Path:
        """The longest prefix of *loc* that exists in the file, as a document path.

        Validators add path elements of their own (a union member's tag, say);
        those are skipped, so a message lands on the nearest real node.
        """
        here: object = self.value
        path: list[str | int] = []
        for element in loc:
            if isinstance(here, dict) and str(element) in here:
                path.append(str(element))
                here = here[str(element)]
            elif isinstance(here, list) and isinstance(element, int) and 0 <= element < len(here):
                path.append(element)
                here = here[element]
        return tuple(path)

    def locate(self, loc: tuple) -> Position:
        """The position of the deepest node on *loc* that exists in the file."""
        path = self.real_path(loc)
        for end in range(len(path), -1, -1):
            if path[:end] in self.positions:
                return Position(*self.positions[path[:end]])
        return Position(1, 1)

    def locate_key(self, loc: tuple) -> Position:
        """The position of the key at the end of *loc* (for unknown keys)."""
        found = self.key_positions.get(self.real_path(loc))
        return Position(*found) if found else self.locate(loc)

    def is_tainted(self, loc: tuple) -> bool:
        path = self.real_path(loc)
        return any(path[:end] in self.tainted for end in range(len(path) + 1))


_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$")
#: YAML 1.2 core: [-+]?(.inf|.Inf|.INF) and .nan|.NaN|.NAN.
_INFINITIES = {sign + word for sign in ("", "+", "-") for word in (".inf", ".Inf", ".INF")}
_SPECIAL_FLOATS = _INFINITIES | {".nan", ".NaN", ".NAN"}
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
#: The words that are not text, and what they are.
_WORDS: dict[str, object] = {**dict.fromkeys(_NULLS), **dict.fromkeys(_TRUE, True), **dict.fromkeys(_FALSE, False)}
#: First characters of every number (digits, a sign, '.'): a plain scalar starting otherwise is text or a word.
_NUMBER_START = frozenset("0123456789+-.")
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
    """YAML 1.2 core schema: the few words that are not text, and nothing else.

    An integer goes through the one strict number reader: NumberError when it has too many digits.
    """
    if not plain or tag in ("!", "tag:yaml.org,2002:str"):
        return text
    if text in _WORDS:
        return _WORDS[text]
    if text[0] not in _NUMBER_START:
        return text
    if _INT.match(text):
        number = read_whole(text.lstrip("+-").replace("_", ""))
        return -number if text[0] == "-" else number
    if text in _SPECIAL_FLOATS:
        return float(text.lower().replace(".", ""))
    if _FLOAT.match(text) and ("." in text or "e" in text.lower()):
        return float(text.replace("_", ""))
    return text


def _position(mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _events(text: str) -> Iterator:
    import yaml

    # Straight from the loader: yaml.parse() would add a generator step to each of the events.
    loader = (getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader)(text)
    return iter(loader.get_event, None)


@dataclass(slots=True)
class _Open:
    """A mapping or list being read, and what the next event belongs to."""

    value: Any  # dict or list; is_mapping says which (the hot path tests a bool, not the type)
    path: Path
    discarded: bool  # inside the value of a duplicate key: read, then thrown away
    key: str | None = None  # mappings: the key whose value comes next
    key_position: tuple[int, int] | None = None
    key_is_duplicate: bool = False
    seen: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: Keys by the value YAML 1.2 reads them as, when that is not text ('2020', '+2020', '0x7e4' are one number).
    same_values: dict[tuple, str] | None = None
    is_mapping: bool = field(init=False)

    def __post_init__(self) -> None:
        self.is_mapping = isinstance(self.value, dict)


class _Issues:
    """Issues of a file, capped per code (``cap``), with a count of the rest."""

    def __init__(self) -> None:
        self.kept: list[Issue] = []
        self.cap: PerCode[Position] = PerCode()

    def add(self, message: str, position: Position, code: str) -> None:
        if self.cap.admit(code, position):
            self.kept.append(Issue(message, position, code))

    def all(self) -> list[Issue]:
        return self.kept + [Issue(message, position, code) for code, position, message in self.cap.dropped()]


def load(text: str) -> Document:
    """Parse one YAML document whose root is a mapping; raise YamlError if it cannot be read."""
    import yaml

    doc = Document(value=None)
    issues = _Issues()
    stack: list[_Open] = []
    documents = 0
    root_set = False

    def stop(message: str, position: Position, code: str) -> YamlError:
        return YamlError(message, position, code, issues.all())

    from yaml.events import MappingEndEvent, ScalarEvent, SequenceEndEvent

    positions, key_positions = doc.positions, doc.key_positions
    hidden = _HIDDEN.search
    try:
        for event in _events(text):
            cls = event.__class__
            if cls is ScalarEvent and event.tag is None and stack:
                # The hot path, most events of every file: an untagged scalar inside a container.
                # It does what the general path below does for such a scalar, with fewer steps.
                scalar, style, mark = event.value, event.style, event.start_mark
                position = (mark.line + 1, mark.column + 1)  # a Position only where a message needs one
                if (style == '"' or not scalar.isascii()) and not scalar.isprintable() and hidden(scalar):
                    _hidden_characters(scalar, Position(*position), issues)
                frame = stack[-1]
                if frame.is_mapping:
                    key = frame.key
                    if key is None:  # this scalar is a key
                        if scalar in frame.seen or (not style and (scalar in _WORDS or scalar[0] in _NUMBER_START)):
                            _take_key(frame, scalar, Position(*position), issues, doc, not style)  # seen, or not text
                        else:
                            frame.seen[scalar] = frame.key_position = position
                            frame.key, frame.key_is_duplicate = scalar, False
                        continue
                    frame.key = None
                    if frame.discarded or frame.key_is_duplicate:
                        continue
                    path = (*frame.path, key)
                    if style or (scalar not in _WORDS and scalar[0] not in _NUMBER_START):
                        frame.value[key] = scalar  # text: what resolve_scalar would say, without asking it
                    else:
                        try:
                            frame.value[key] = resolve_scalar(scalar, not style, None)
                        except NumberError as err:
                            _number_issue(err, Position(*position), issues)
                            frame.value[key] = None  # a stand-in, left alone by the checks
                            doc.tainted.add(path)
                    key_positions[path] = frame.key_position  # type: ignore[assignment]
                else:
                    path = (*frame.path, len(frame.value))
                    try:
                        frame.value.append(resolve_scalar(scalar, not style, None))
                    except NumberError as err:
                        _number_issue(err, Position(*position), issues)
                        frame.value.append(None)
                        doc.tainted.add(path)
                    if frame.discarded:
                        continue
                positions[path] = position
                continue
            if cls is MappingEndEvent or cls is SequenceEndEvent:
                stack.pop()
                continue
            kind = cls.__name__
            if kind == "DocumentStartEvent":
                documents += 1
                if documents > 1:
                    raise stop(
                        _("file holds more than one YAML document ('---'); keep one agreement per file"),
                        _position(event.start_mark),
                        "yaml-several-documents",
                    )
                continue
            if kind in ("StreamStartEvent", "StreamEndEvent", "DocumentEndEvent"):
                continue
            if kind in ("MappingEndEvent", "SequenceEndEvent"):
                stack.pop()
                continue
            position = _position(event.start_mark)
            tag = getattr(event, "tag", None)
            tainted = False
            if tag is not None and tag not in _ALLOWED_TAGS:
                shown = "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag
                issues.add(
                    _(
                        "tag {tag} is not allowed: agreement files hold only plain values, mappings and lists; "
                        "remove the tag"
                    ).format(tag=shown),
                    position,
                    "yaml-tag",
                )
                tag, tainted = None, True
            if kind == "ScalarEvent":
                _hidden_characters(event.value, position, issues)
            if kind == "ScalarEvent" and stack and isinstance(stack[-1].value, dict) and stack[-1].key is None:
                _take_key(stack[-1], event.value, position, issues, doc, event.style in (None, ""), tag)
                continue
            if kind == "AliasEvent" and stack and isinstance(stack[-1].value, dict) and stack[-1].key is None:
                _alias(event, position, issues)
                _take_key(stack[-1], f"*{event.anchor}", position, issues, doc)
                stack[-1].key_is_duplicate = True  # its value is read and dropped
                continue
            if stack and isinstance(stack[-1].value, dict) and stack[-1].key is None:
                raise stop(_("a key must be plain text, not a mapping or a list"), position, "yaml-complex-key")
            if kind == "AliasEvent":
                _alias(event, position, issues)
                value: object = None
                tainted = True
            elif kind == "ScalarEvent":
                try:
                    value = resolve_scalar(event.value, event.style in (None, ""), tag)
                except NumberError as err:
                    _number_issue(err, position, issues)
                    value, tainted = None, True
            elif kind == "MappingStartEvent":
                value = {}
            elif kind == "SequenceStartEvent":
                value = []
            else:  # pragma: no cover - PyYAML has no other events
                continue
            path, discarded = _attach(stack, value, position, doc)
            if tainted and not discarded:
                doc.tainted.add(path)
            if not root_set:
                root_set = True
                if value is None:
                    raise stop(_("file holds no data; an agreement file is a mapping of keys"), position, "file-empty")
                if not isinstance(value, dict):
                    raise stop(
                        _(
                            "the file's top level is a {kind}; an agreement file is a mapping of keys "
                            "(id:, year:, title:, …)"
                        ).format(kind=_kind_name(value)),
                        position,
                        "yaml-root-not-mapping",
                    )
            if isinstance(value, dict | list):
                if len(stack) >= MAX_DEPTH:
                    raise stop(
                        _("nesting is deeper than {depth} levels; agreement files need a handful").format(
                            depth=MAX_DEPTH
                        ),
                        position,
                        "yaml-too-deep",
                    )
                stack.append(_Open(value, path, discarded))
    except yaml.MarkedYAMLError as err:
        raise stop(*_syntax_message(err, text), "yaml-syntax") from None
    except yaml.reader.ReaderError:  # a character YAML refuses to read: its words span two lines and say no place
        raise stop(*_refused_character(text), "text-hidden-character") from None
    except yaml.YAMLError as err:  # pragma: no cover - errors without marks are rare
        raise stop(_("YAML syntax: {problem}").format(problem=err), Position(1, 1), "yaml-syntax") from None
    if not root_set:
        raise stop(_("file is empty; an agreement file is a mapping of keys"), Position(1, 1), "file-empty")
    doc.issues = issues.all()
    return doc


def _syntax_message(err, text: str) -> tuple[str, Position]:
    """PyYAML's words, the place where they help most, and a hint for the usual slips."""
    problem = err.problem or err.context or "invalid YAML"
    where = _position(err.problem_mark) if err.problem_mark else Position(1, 1)
    context = ""
    if err.context and err.context_mark and err.problem and ("flow" in err.context or "quoted" in err.context):
        started = _position(err.context_mark)
        context = " " + _("({context} that starts at line {line}, column {column})").format(
            context=err.context, line=started.line, column=started.column
        )
        if "end of stream" in problem and "quoted" in err.context:
            # An unclosed quote: the place to fix is where it opens, not the end of the file.
            where = started
            context = " " + _("({context}: the quote opened here is never closed)").format(context=err.context)
    hint = ""
    if "\t" in text and ("tab" in problem or "found character" in problem):
        hint = _("; YAML indents with spaces, not tabs")
    elif "mapping values are not allowed" in problem:
        hint = _("; a value holding ': ' must be quoted")
    return _("YAML syntax: {problem}").format(problem=f"{problem}{context}{hint}"), where


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as the end of a line


def _refused_character(text: str) -> tuple[str, Position]:
    """The first character YAML does not allow in a file (a control character, U+FFFE), and where it is."""
    import yaml

    found = yaml.reader.Reader.NON_PRINTABLE.search(text)
    at = found.start() if found else 0
    breaks = list(_LINE_BREAK.finditer(text, 0, at))
    position = Position(len(breaks) + 1, at - (breaks[-1].end() if breaks else 0) + 1)
    code = f"U+{ord(text[at]):04X}" if found else "?"
    return (
        _(
            "the file holds the character {code}, which YAML does not allow in a file (it is invisible in most "
            "editors); remove it"
        ).format(code=code),
        position,
    )


def _number_issue(err: NumberError, position: Position, issues: _Issues) -> None:
    """A number too long to read, reported; the caller puts a stand-in (None) in its place and marks it tainted."""
    issues.add(str(err), position, "number-too-long")


def _alias(event, position: Position, issues: _Issues) -> None:
    issues.add(
        _("alias *{anchor} is not allowed in agreement files; write the value out in full").format(anchor=event.anchor),
        position,
        "yaml-alias",
    )


def _take_key(
    frame: _Open,
    key: str,
    position: Position,
    issues: _Issues,
    doc: Document,
    plain: bool = True,
    tag: str | None = None,
) -> None:
    """Open *key* in *frame*; a key seen before (as text, or as the value YAML 1.2 reads) is reported."""
    same = _yaml12_value(key, plain, tag)
    first_key = key if key in frame.seen else (frame.same_values or {}).get(same) if same is not None else None
    frame.key, frame.key_position, frame.key_is_duplicate = key, position, first_key is not None
    if first_key is not None:
        if not frame.discarded:
            doc.duplicated.add((*frame.path, first_key))
            first = Position(*frame.seen[first_key])
            if first.line == position.line:
                at = _("line {line}, column {column}").format(line=first.line, column=first.column)
            else:
                at = _("line {line}").format(line=first.line)
            if first_key != key and same is not None:
                at += _(", written {key!r}: YAML 1.2 reads both as {value}").format(
                    key=first_key, value=_value_words(same)
                )
            issues.add(
                _(
                    "duplicate key {key!r} (first at {at}); YAML would silently keep only the last, so remove or "
                    "rename one"
                ).format(key=key, at=at),
                position,
                "yaml-duplicate-key",
            )
        return
    frame.seen[key] = position
    if same is not None:
        if frame.same_values is None:
            frame.same_values = {}
        frame.same_values[same] = key


_CORE_INT = re.compile(r"[-+]?[0-9]+")
_CORE_OCTAL = re.compile(r"0o[0-7]+")
_CORE_HEX = re.compile(r"0x[0-9a-fA-F]+")
_CORE_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
#: The kinds of plain scalar (``_core_value``) that each tag accepts as its value.
_TAGGED_KINDS = {
    "tag:yaml.org,2002:int": ("integer",),
    "tag:yaml.org,2002:float": ("integer", "float"),
    "tag:yaml.org,2002:bool": ("yes/no value",),
    "tag:yaml.org,2002:null": ("null",),
}


def _yaml12_value(text: str, plain: bool = True, tag: str | None = None) -> tuple | None:
    """What YAML 1.2's core schema reads a key as, when that is not text: ('number', 2020) and so on.

    Keys here stay text ('01' is a län code), but two keys that YAML 1.2 reads as one
    value are one key to every other YAML tool, so they count as duplicates. A plain
    key is read by the core schema's rules; a tagged one (``!!int "0x10"``) as its tag
    says, when the text is such a value; a quoted or ``!!str`` key is text (None).
    Integers and floats are numbers alike (``1`` and ``1.0``): most tools make them one key.
    """
    if tag is None and not plain:
        return None
    found = _core_value(text)
    if found is None:
        return None
    kind, value = found
    return value if tag is None or kind in _TAGGED_KINDS.get(tag, ()) else None


def _core_value(text: str) -> tuple[str, tuple] | None:
    """The core schema's kind of a plain scalar that is no text ('integer', …), and its value as keys compare."""
    if text in _NULLS:
        return "null", ("null", None)
    if text in _TRUE or text in _FALSE:
        return "yes/no value", ("yes/no value", text in _TRUE)
    if len(text) > 100:  # a number this long is no key; and int() has a digit limit
        return None
    if _CORE_INT.fullmatch(text):
        return "integer", ("number", int(text))
    if _CORE_OCTAL.fullmatch(text) or _CORE_HEX.fullmatch(text):
        return "integer", ("number", int(text[2:], 8 if text[1] == "o" else 16))
    if _CORE_FLOAT.fullmatch(text) or text in _SPECIAL_FLOATS:
        number = float(text.lower().replace(".inf", "inf").replace(".nan", "nan"))
        return "float", ("number", "nan" if number != number else number)
    return None


def _value_words(value: tuple) -> str:
    kind, what = value
    if kind == "null":
        return _("null (nothing)")
    if kind == "yes/no value":
        return _("the yes/no value {value}").format(value=str(what).lower())
    return _("the number {value}").format(value=what)


#: Characters a text must not hold: control characters (which YAML lets in through "\e" and the like)
#: and the bidirectional overrides that make a text show differently from what it says.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _hidden_characters(text: str, position: Position, issues: _Issues) -> None:
    """Report the first hidden character of *text*: it is invisible, and it could change what a terminal shows."""
    found = _HIDDEN.search(text)
    if found:
        issues.add(
            _(
                "the text holds the invisible character {code} (at character {place}); remove it: it could change "
                "what a terminal or a spreadsheet shows"
            ).format(code=f"U+{ord(found.group()):04X}", place=found.start() + 1),
            position,
            "text-hidden-character",
        )


def _attach(stack: list[_Open], value: object, position: Position, doc: Document) -> tuple[Path, bool]:
    """Put *value* into the open container; returns its path and whether it is thrown away."""
    if not stack:
        doc.value = value
        doc.positions[()] = position
        return (), False
    frame = stack[-1]
    if isinstance(frame.value, dict):
        assert frame.key is not None
        path = (*frame.path, frame.key)
        discarded = frame.discarded or frame.key_is_duplicate
        if not discarded:
            frame.value[frame.key] = value
            doc.key_positions[path] = frame.key_position  # type: ignore[assignment]
        frame.key = None
    else:
        path = (*frame.path, len(frame.value))
        discarded = frame.discarded
        frame.value.append(value)
    if not discarded:
        doc.positions[path] = position
    return path, discarded


def _kind_name(value: object) -> str:
    if isinstance(value, list):
        return _("list")
    if value is None:
        return _("null (nothing)")
    return _("single value ({value!r})").format(value=value)[:80]
