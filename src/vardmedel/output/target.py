"""Writing a result to the path of ``-o`` without harming what is there: the one writer of every output file.

What the path names decides how it is written. A regular file (or none yet) is
written whole beside itself and renamed into place, so a failed run leaves an
existing file byte for byte as it was. A symbolic link is followed, however
long the chain and even when it dangles: its target is written, the link stays
a link. A pipe, a device or a socket is opened and written as a stream, as
``cat > PATH`` would: renaming a file over it would destroy the node (a
``/dev`` entry, a FIFO a reader waits on). A path that is this process's own
standard output (``/dev/stdout``, or the file it is redirected to) is written
through standard output, so ``>> log`` appends rather than losing the log.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

Render = Callable[[IO[Any]], object]


def write_output(path: Path, render: Render, binary: bool) -> None:
    """Write what *render* writes to *path*: regular files whole or not at all, other nodes as streams.

    Raises ``OSError`` with the path it concerns: ``IsADirectoryError`` for a folder,
    ``FileNotFoundError`` naming the folder that does not exist, ``PermissionError``.
    """
    try:
        found: os.stat_result | None = os.stat(path)  # follows every link
    except FileNotFoundError:
        found = None  # a new file, or a link to one that is not there yet
    if found is None or stat.S_ISREG(found.st_mode):
        if found is not None and is_stdout(found):
            write_stdout(render, binary)
        else:
            replace(path, render, binary, found)
    elif stat.S_ISDIR(found.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    else:
        stream_to(path, render, binary)


def is_stdout(found: os.stat_result) -> bool:
    """Whether *found* is the file standard output goes to (``-o /dev/stdout``, or ``-o log >> log``)."""
    try:
        return sys.stdout is not None and os.path.samestat(found, os.fstat(sys.stdout.fileno()))
    except (AttributeError, ValueError, OSError):  # no file behind stdout (a test's capture), or closed
        return False


def write_stdout(render: Render, binary: bool) -> None:
    from ..streams import to_stdout

    to_stdout(render, binary)


def replace(path: Path, render: Render, binary: bool, found: os.stat_result | None) -> None:
    """Write *path* (a link's end) through a temporary file beside it and a rename; keep its mode and owner."""
    target = os.path.realpath(path)
    directory = os.path.dirname(target)
    if found is None and not os.path.lexists(directory):  # name the folder: "No such file" would mislead
        named = directory if os.path.islink(path) else (os.path.dirname(path) or ".")
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), named)
    handle, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=directory)
    try:
        os.chmod(temporary, new_file_mode() if found is None else stat.S_IMODE(found.st_mode))
        if found is not None:
            keep_owner(temporary, found)
        stream: IO[Any] = os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8", newline="")
        with stream:
            render(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def keep_owner(temporary: str, found: os.stat_result) -> None:
    """Give the new file the old one's owner and group where allowed (root rewriting someone's file)."""
    chown = getattr(os, "chown", None)
    if chown is None or (found.st_uid, found.st_gid) == (os.geteuid(), os.getegid()):
        return
    with contextlib.suppress(OSError):
        chown(temporary, found.st_uid, found.st_gid)


def stream_to(path: Path, render: Render, binary: bool) -> None:
    """Write to a pipe, device or socket as it is, never replacing it; a reader that leaves early is no error."""
    handle = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))
    stream: IO[Any] = os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8", newline="")
    try:
        render(stream)
        stream.flush()
    except BrokenPipeError:
        pass  # as with stdout (| head): the reader had what it wanted
    finally:
        with contextlib.suppress(BrokenPipeError):
            stream.close()


def new_file_mode() -> int:
    """The mode any new file gets (0666 less the umask): mkstemp makes its files private (0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
