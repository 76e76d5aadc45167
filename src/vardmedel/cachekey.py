"""What a command's output depends on, as one key: computed before anything heavy is imported.

Standard library only. The key is built to err on the side of a miss: everything that
could change the bytes a command prints goes in, read from the files themselves (their
content, never their modification time), so an entry is only served for the very same
inputs. What goes in, and why:

- this program: its version, and the content of every file of the package: read from a source
  checkout (an editable install), so a developer's edit is never answered from an old entry, or
  for an installed package its RECORD, which lists every installed file with its hash;
  the versions of the installed distributions (Typer, Rich, pydantic lay out and word the
  output), and the Python running it;
- the command line, whole, and the working folder (relative paths, ``./agreements``);
- the agreement folders that could be read: the bundled one and ``./agreements``, every
  ``*.yaml``/``*.yml`` (and ``*.csv``, for data kept beside them) with its path and content,
  so adding, removing or editing a file changes the key;
- every word of the command line (and every part after a ``=``, as in ``--agreements=DIR``
  or ``--population DATE=FILE``) that names an existing file or folder: a file by its
  content, a folder as above. So ``--agreements DIR`` (repeatable), ``check PATH…``,
  ``--population FILE`` and options added later that name files are all covered without
  knowing them. A word naming a pipe, a device or a socket makes the run uncachable;
- the environment that changes what is printed: language (``LANG``, ``LANGUAGE``, ``LC_*``),
  width and colour (``COLUMNS``, ``LINES``, ``NO_COLOR``, ``FORCE_COLOR``, ``TERM``, …),
  ``GITHUB_ACTIONS``, ``VARDMEDEL_*``, Python's I/O encoding; whether stdin, stdout and stderr
  are terminals, the terminal's size, stdout's encoding; and today's date.
"""

from __future__ import annotations

import os
import stat
import sys
import time

from .cachestore import Digest, digest

#: Bump when the meaning of a key changes, so that old entries are never read as new ones.
SCHEME = b"vardmedel output key 1"
#: Files of a folder that go into the key: agreements, and data that may be kept beside them.
FOLDER_SUFFIXES = (".yaml", ".yml", ".csv")
#: Environment variables that change output (exact names), and prefixes of families of them.
ENV_NAMES = (
    "LANG",
    "LANGUAGE",
    "COLUMNS",
    "LINES",
    "NO_COLOR",
    "FORCE_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "PY_COLORS",
    "TERM",
    "COLORTERM",
    "TERMINAL_WIDTH",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "UNICODE_VERSION",
    "DATABRICKS_RUNTIME_VERSION",
    "GITHUB_ACTIONS",
    "TZ",
    "PYTHONIOENCODING",
    "PYTHONUTF8",
    "PYTHONPATH",
    "PYTHONHASHSEED",
)
ENV_PREFIXES = ("LC_", "VARDMEDEL_", "_VARDMEDEL_", "TYPER_", "_TYPER_", "JUPYTER_", "PYDANTIC_")
#: Settings of the cache itself, not inputs of a command (the cache folder changes as it fills).
NOT_INPUTS = ("VARDMEDEL_CACHE_DIR", "VARDMEDEL_CACHE_SIZE_MB")
#: Beyond this much to read the run is not worth caching (and reading it would cost what the command does).
MAX_FILES = 20_000
MAX_BYTES = 256 * 1024 * 1024

PACKAGE = os.path.dirname(os.path.abspath(__file__))
BUNDLED = os.path.join(PACKAGE, "agreements")


class Uncachable(Exception):
    """An input that cannot be fingerprinted (a pipe, a device, too much to read)."""


class _Hasher:
    """Parts (text, or files' bytes) into one running hash as they are read, within a reading budget."""

    def __init__(self) -> None:
        self.running = Digest(SCHEME)
        self.files = 0
        self.bytes = 0

    def add(self, *parts: str | bytes) -> None:
        self.running.update(
            *(part if isinstance(part, bytes) else part.encode("utf-8", "surrogateescape") for part in parts)
        )

    def add_file(self, label: str, path: str) -> None:
        self.files += 1
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_BYTES - self.bytes + 1)
        except OSError as err:
            self.add("unreadable", label, str(err.errno))
            return
        self.bytes += len(data)
        if self.files > MAX_FILES or self.bytes > MAX_BYTES:
            raise Uncachable("too much to read")
        self.add("file", label, data)

    def add_folder(self, label: str, root: str) -> None:
        """Every agreement (and CSV) file below *root*, symbolic links followed, each folder once."""
        self.add("folder", label)
        seen: set[tuple[int, int]] = set()
        pending = [root]
        while pending:
            folder = pending.pop()
            try:
                info = os.stat(folder)
                if (info.st_dev, info.st_ino) in seen:
                    continue
                seen.add((info.st_dev, info.st_ino))
                with os.scandir(folder) as scan:
                    entries = sorted(scan, key=lambda entry: entry.name)
            except OSError as err:
                self.add("unlistable", folder, str(err.errno))
                continue
            subfolders = []
            for entry in entries:
                try:
                    if entry.is_dir():
                        subfolders.append(entry.path)
                    elif entry.name.endswith(FOLDER_SUFFIXES) and entry.is_file():
                        self.add_file(entry.path, entry.path)
                except OSError:
                    self.add("unstatable", entry.path)
            pending.extend(reversed(subfolders))

    def add_path(self, path: str) -> None:
        """A word that may name a file or folder: its content, its files, or that there is none."""
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            self.add("absent", path)
            return
        if stat.S_ISREG(info.st_mode):
            self.add_file(path, path)
        elif stat.S_ISDIR(info.st_mode):
            self.add_folder(path, path)
        else:  # reading a pipe or a device would consume it, and its content is not ours to keep
            raise Uncachable(f"{path} is not a regular file")

    def digest(self) -> bytes:
        return self.running.digest()


def path_words(argv: list[str]) -> list[str]:
    """Each word, and each part after an ``=`` in it: the words that may name files."""
    words = []
    for word in argv:
        words.append(word)
        rest = word
        while "=" in rest:
            rest = rest.split("=", 1)[1]
            words.append(rest)
    return [word for word in words if word]


def output_key(argv: list[str], environ=os.environ) -> bytes:
    """The key of running ``vardmedel ARGV`` here and now; raises Uncachable when there is none."""
    hasher = _Hasher()
    hasher.add(runtime_fingerprint())
    hasher.add("argv", *argv, "cwd", os.getcwd())
    names = sorted(name for name in environ if name in ENV_NAMES or name.startswith(ENV_PREFIXES))
    for name in names:
        hasher.add("env", name, environ[name])
    hasher.add("terminal", _terminal(), "date", time.strftime("%Y-%m-%d"))
    hasher.add_path(BUNDLED)
    hasher.add("./agreements")
    hasher.add_path("agreements")
    settings = [environ[name] for name in names if name.startswith("VARDMEDEL_") and name not in NOT_INPUTS]
    for word in path_words(argv) + settings:
        hasher.add_path(word)
    return hasher.digest()


def _terminal() -> str:
    """Which standard streams are terminals and their size (Rich asks each in turn), and stdout's encoding."""
    streams = [_terminal_size(fd) for fd in (0, 1, 2)]
    stdout = sys.stdout
    return " ".join([*streams, str(getattr(stdout, "encoding", None)), str(getattr(stdout, "errors", None))])


def _terminal_size(fd: int) -> str:
    try:
        if not os.isatty(fd):
            return "-"
        return "{}x{}".format(*os.get_terminal_size(fd))
    except OSError:
        return "?"


_RUNTIME: dict[str, bytes] = {}


def runtime_fingerprint() -> bytes:
    """This program and what it runs on: version, own sources (source checkouts), distributions, Python.

    The package's version is read at every call (a test may change it); the rest once per process.
    """
    from . import _version

    if "rest" not in _RUNTIME:
        hasher = _Hasher()
        hasher.add(sys.version, sys.executable, str(sys.flags.utf8_mode), *sys.path)
        for folder in sys.path:
            if os.path.basename(folder) in ("site-packages", "dist-packages"):
                try:
                    hasher.add(folder, *sorted(n for n in os.listdir(folder) if n.endswith((".dist-info", ".pth"))))
                except OSError:
                    pass
        record = None if is_source_checkout() else installed_record()
        if record is None:
            _add_package_sources(hasher)
        else:  # an installed package: its RECORD lists every file with its hash, so one read covers them all
            hasher.add_file("RECORD", record)
        _RUNTIME["rest"] = hasher.digest()
    return digest(_version.__version__.encode(), _RUNTIME["rest"])


def is_source_checkout(package: str | None = None) -> bool:
    """Whether the package runs from a source tree (an editable install), whose files change without a new version."""
    parts = os.path.normpath(package or PACKAGE).split(os.sep)
    return not ("site-packages" in parts or "dist-packages" in parts)


def installed_record(package: str | None = None) -> str | None:
    """The RECORD of the distribution that installed *package* (beside it in site-packages), if there is one.

    A reinstall of the same version from changed sources (``pip install .`` twice) keeps
    the version but changes the hashes RECORD lists, so the key still changes.
    """
    package = package or PACKAGE
    site = os.path.dirname(package)
    name = os.path.basename(package)
    try:
        found = sorted(n for n in os.listdir(site) if n.startswith(f"{name}-") and n.endswith(".dist-info"))
    except OSError:
        return None
    record = os.path.join(site, found[-1], "RECORD") if len(found) == 1 else None
    return record if record is not None and os.path.isfile(record) else None


def _add_package_sources(hasher: _Hasher) -> None:
    """Every file of the package but compiled bytecode: code, bundled agreements, reference data."""
    start = len(PACKAGE)
    for folder, subfolders, files in os.walk(PACKAGE):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__" and not name.startswith("."))
        for name in sorted(files):
            if not name.endswith((".pyc", ".pyo")):
                path = os.path.join(folder, name)
                hasher.add_file(path[start:], path)  # named relative to the package
