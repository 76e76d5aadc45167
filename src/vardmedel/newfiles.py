"""Files written only where there is none yet: what ``init`` and ``new`` make must never overwrite a person's work.

All or nothing: every target is looked at before any is written, each is
written whole beside itself and then linked into place (which fails, rather
than replaces, when a file appeared meanwhile), and on any failure the files
already made by this call are removed again.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .output.target import new_file_mode


class TargetExists(Exception):
    """Files that are there already, so nothing was written."""

    def __init__(self, paths: list[Path]) -> None:
        super().__init__(", ".join(map(str, paths)))
        self.paths = paths


def create_new(files: dict[Path, bytes]) -> None:
    """Write each path's bytes, creating folders as needed; ``TargetExists`` (nothing written) if any is there.

    An ``OSError`` (a folder that cannot be made, a full disk) also leaves nothing behind.
    """
    there = [path for path in files if os.path.lexists(path)]
    if there:
        raise TargetExists(there)
    made: list[Path] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            _create(path, data)
            made.append(path)
    except FileExistsError as err:
        _remove(made)
        raise TargetExists([Path(err.filename)] if err.filename else []) from None
    except BaseException:
        _remove(made)
        raise


def _create(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temporary, new_file_mode())
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.link(temporary, path)  # fails if *path* exists: never replaces it
        except FileExistsError:
            raise FileExistsError(17, "File exists", str(path)) from None
        except OSError:  # a file system without hard links: exclusive creation instead
            with open(path, "xb") as stream:
                stream.write(data)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)
