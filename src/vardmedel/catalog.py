"""Where agreement files live, and reading a whole folder of them.

Folders are layers: the agreements bundled in the package first, then
``./agreements`` if present, then each ``--agreements DIR``; a file in a later
layer replaces one of the same id in an earlier layer (pipeline.py does that).
Without the bundled layer the folders are the old lookup: the given ones, else
``./agreements``. So ``vardmedel allocate 2022`` works from any folder, and a
folder of one's own needs to hold only what it adds or changes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from .i18n import _
from .loader import LoadedAgreement, read_agreement
from .problems import Problem
from .textfile import MAX_BYTES
from .wholenumber import is_ascii_digits

#: The rest of every line that starts a plain top-level key ``year`` (``year : 2022`` too). Patterns that
#: start with a newline, not ``^``: Python's regular expressions then skip to each line fast (benchmarks/).
_YEAR_KEY = re.compile(rb"\nyear[ \t]*:([^\n]*)")
#: What a file whose year is clear has after ``year:``: four digits, perhaps a comment.
_YEAR_VALUE = re.compile(rb"[ \t]+([0-9]{4})(?:[ \t]*|[ \t]+#.*)\r?")
#: A top-level line that starts with anything but a letter, a digit, a comment or a space: a quoted (``"year":``),
#: explicit (``? year``), tagged, anchored or aliased key, a flow mapping, a directive or a second document.
#: Such a line could state a year no look at plain lines sees, so a file that has one is read.
_UNUSUAL_LINE = re.compile(rb"\n[^A-Za-z0-9#\s\x80-\xff]")
#: Line breaks to YAML that are none to the patterns above: NEL, U+2028 and U+2029 (and a lone CR).
_OTHER_BREAKS = (b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")
_LONE_CR = re.compile(rb"\r(?!\n)")
_VALID_LINE = re.compile(rb"^valid:", re.MULTILINE)
BUNDLED = Path(__file__).parent / "agreements"
SUFFIXES = (".yaml", ".yml")


LOCAL = Path("agreements")


def agreements_dir(option: Path | None = None) -> Path:
    """The one folder ``check`` reads without paths: *option*, else ``./agreements`` if present, else the bundled."""
    if option is not None:
        return option
    if LOCAL.is_dir():
        return LOCAL
    return BUNDLED


class Folder(NamedTuple):  # a NamedTuple: imported on every run, and a dataclass costs about 1 ms to create
    """One layer of agreement files: a folder, and whether it is the one bundled in the package."""

    path: Path
    bundled: bool = False

    @property
    def shown(self) -> str:
        """The folder as people know it: relative to the working folder when below it."""
        return display_path(self.path) if self.path.is_absolute() else str(self.path)


class FolderRead(NamedTuple):
    """A folder an answer was read from: as people know it, whether it is the bundled one, what came from it."""

    path: str
    bundled: bool
    agreements: tuple[str, ...]  # ids of the agreements used from this folder (a later folder may replace others)


def agreement_folders(given: Sequence[Path] = (), *, bundled: bool = True) -> list[Folder]:
    """The layers to read, first to last: the bundled agreements, ``./agreements`` if present, then *given*.

    Without *bundled*: *given*, else ``./agreements`` if present (possibly none).
    A folder named twice (``./agreements`` is the bundled one in a source checkout)
    is read once, in its first place; the bundled folder keeps the name it was
    given by, so files show as ``agreements/…`` rather than the package's path.
    """
    if bundled:
        wanted = (
            [Folder(BUNDLED, bundled=True)]
            + ([Folder(LOCAL)] if LOCAL.is_dir() else [])
            + [Folder(path) for path in given]
        )
    else:
        wanted = [Folder(path) for path in given] or ([Folder(LOCAL)] if LOCAL.is_dir() else [])
    layers: list[Folder] = []
    places: dict[Path, int] = {}
    for folder in wanted:
        same = _identity(folder.path)
        if same not in places:
            places[same] = len(layers)
            layers.append(folder)
            continue
        first = layers[places[same]]
        if first.bundled and not folder.path.is_absolute() and first.path.is_absolute():
            layers[places[same]] = Folder(folder.path, bundled=True)
    return layers


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:  # a loop of links: the path as given
        return path.absolute()


def discover(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Agreement files under *paths* (files, or folders searched recursively), sorted by name."""
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found.extend(path.joinpath(*parts) for parts in sorted(_agreement_files(path)))
        elif path.is_file():
            found.append(path)
        else:
            problems.append(Problem(str(path), 0, 0, "file-missing", _("no such file or folder")))
    unique = list(dict.fromkeys(found))
    return unique, problems


def _agreement_files(folder: Path, below: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """The agreement files under *folder*, as tuples of path parts (which sort as paths do), hidden ones left out.

    ``os.scandir`` rather than ``Path.rglob``: a folder of 1 000 files is listed in a sixth
    of the time (benchmarks/), since each entry's kind comes with the listing. Linked folders
    are not followed (as rglob does not), so a link loop cannot make the walk endless; a
    linked file is a file. A folder that cannot be listed is left out, as rglob leaves it.
    """
    try:
        with os.scandir(folder) as entries:
            listed = list(entries)
    except OSError:
        return
    for entry in listed:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _agreement_files(Path(entry.path), (*below, entry.name))
            elif os.path.splitext(entry.name)[1].lower() in SUFFIXES and entry.is_file():
                yield (*below, entry.name)
        except OSError:  # gone, or unreadable, between the listing and the look
            continue


def display_path(path: Path) -> str:
    """A path as users typed it: relative to the working folder when below it, else as given.

    Compared as text, as ``Path.relative_to`` compares (no links resolved), at a tenth of
    its cost: ``check`` asks for every file of a folder.
    """
    text, cwd = str(path), os.getcwd()
    below = cwd if cwd.endswith(os.sep) else cwd + os.sep  # the root folder ends in a separator already
    if text == cwd:
        return "."
    return text[len(below) :] if text.startswith(below) else text


def load_paths(paths: list[Path]) -> tuple[list[LoadedAgreement], list[Problem]]:
    """Every agreement file under *paths*, read; with the problems of those that could not be."""
    files, problems = discover(paths)
    loaded, found = read_files(files)
    return loaded, problems + found


def read_files(files: list[Path]) -> tuple[list[LoadedAgreement], list[Problem]]:
    loaded: list[LoadedAgreement] = []
    problems: list[Problem] = []
    for file in files:
        agreement, found = read_file(file)
        problems.extend(found)
        if agreement is not None:
            loaded.append(agreement)
    return loaded, problems


def read_file(file: Path) -> tuple[LoadedAgreement | None, list[Problem]]:
    """One agreement file, its problems placed under the path as users typed it."""
    return read_agreement(file, shown_path(file))


def shown_path(file: Path) -> str:
    """How problems name *file*: as given, or relative to the working folder when given absolute and below it."""
    return display_path(file) if file.is_absolute() else str(file)


def files_for_year(files: list[Path], year: int) -> tuple[list[Path], set[int]]:
    """The files that may hold an agreement of *year*, and the years of those left unread.

    Reading every file of a large folder to use one year's (benchmarks/: 1 000 files
    for 100) is the cost this saves. A file is left unread only when its name says
    another year (``2019-….yaml``), its one top-level ``year:`` line says the same,
    and no other top-level line could state a year (``_stated_year``); a misnamed
    file, or one whose year is unclear, is read, so its problem is still reported.
    """
    keep: list[Path] = []
    other: set[int] = set()
    for path in files:
        named = path.name[:4]
        if is_ascii_digits(named) and path.name[4:5] == "-" and int(named) != year:
            try:
                with open(path, "rb") as handle:
                    data = handle.read(MAX_BYTES + 1)  # a file too large is read (and refused) as usual
            except OSError:
                data = b""
            if len(data) <= MAX_BYTES and _stated_year(data) == named.encode():
                other.add(int(named))
                continue
        keep.append(path)
    return keep, other


def _stated_year(data: bytes) -> bytes | None:
    """The four digits of the file's one plain top-level ``year:`` line, when no other line could say another year.

    None when there are several such lines (a duplicate key, which a tool that keeps the
    last reads differently), a ``year`` key written otherwise (``year: +2022``), or a line
    that could hide one (``"year": 2022``, ``? year``, ``{…}``, ``---``, a line break only YAML
    sees): those files are read.
    """
    lines = b"\n" + data
    keys = _YEAR_KEY.findall(lines)
    value = _YEAR_VALUE.fullmatch(keys[0]) if len(keys) == 1 else None
    if value is None or _UNUSUAL_LINE.search(lines) or any(other in data for other in _OTHER_BREAKS):
        return None
    if b"\r" in data and _LONE_CR.search(data):
        return None
    return value.group(1)


def files_valid_later(files: list[Path], year: int) -> list[Path]:
    """The files named for a year before *year* with a top-level ``valid:`` key: those whose money may reach it.

    What a command for a year without agreements reads to name earlier money usable
    in it, rather than every file of the folder; a look at the bytes, as ``files_for_year``.
    """
    found = []
    for path in files:
        named = path.name[:4]
        if not (named.isdigit() and path.name[4:5] == "-" and int(named) < year):
            continue
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError:
            continue
        if len(data) <= MAX_BYTES and _VALID_LINE.search(data):
            found.append(path)
    return found
