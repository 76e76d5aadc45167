"""The cache folder on disk: entries written whole or not at all, checked on every read, kept under a size bound.

Standard library only (the entry module reads the cache before anything heavy is imported).
An entry is one file named after its key: a magic line, the key, the payload's length and
checksum, then the payload. A file that is truncated, corrupt, from another program or
stored under another key fails those checks and is treated as absent, so it is recomputed
and overwritten, never served. Writes go to a private temporary file renamed into place, so
two processes writing the same entry at once each leave a whole file, and a reader sees the
old entry or the new one. When the folder grows past its bound the least recently used
entries go first (a hit touches its entry).
"""

from __future__ import annotations

import os
import time

try:  # the hash alone, without hashlib's OpenSSL import (a few milliseconds at every start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - CPython always has it
    from hashlib import blake2b

MAGIC = b"vardmedel cache 1\n"
KEY_SIZE = 32
_HEADER = len(MAGIC) + KEY_SIZE + 8 + KEY_SIZE
#: Kinds of entry, one subfolder each: whole command outputs, and ``check``'s results per file.
OUTPUTS, CHECKED_FILES = "outputs", "checked-files"
KINDS = (OUTPUTS, CHECKED_FILES)
DEFAULT_LIMIT_MB = 100.0
#: After eviction the folder holds at most this share of the bound, so that not every write evicts.
_LOW_WATER = 0.75
#: A temporary file older than this was left by a process that died mid-write.
_STALE_TEMPORARY_SECONDS = 3600
_TAG = b"Signature: 8a477f597d28d172789f06886806bc55\n# vardmedel's cache; see `vardmedel cache info`.\n"


class Digest:
    """Byte strings into one running 32-byte hash, each length-prefixed so that no two lists of them collide."""

    def __init__(self, *parts: bytes) -> None:
        self._hash = blake2b(digest_size=KEY_SIZE)
        self.update(*parts)

    def update(self, *parts: bytes) -> None:
        for part in parts:
            self._hash.update(len(part).to_bytes(8, "little"))
            self._hash.update(part)

    def digest(self) -> bytes:
        return self._hash.digest()


def digest(*parts: bytes) -> bytes:
    """One 32-byte key from several byte strings."""
    return Digest(*parts).digest()


def cache_dir(environ=os.environ) -> str:
    """``$VARDMEDEL_CACHE_DIR``, else ``$XDG_CACHE_HOME/vardmedel``, else ``~/.cache/vardmedel``."""
    explicit = environ.get("VARDMEDEL_CACHE_DIR")
    if explicit:
        return explicit
    base = environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative value is invalid and ignored
        base = os.path.join(environ.get("HOME") or os.path.expanduser("~"), ".cache")
    return os.path.join(base, "vardmedel")


def disabled(environ=os.environ) -> bool:
    """``VARDMEDEL_NO_CACHE`` set to anything but empty or 0 turns the cache off (``--no-cache`` sets it)."""
    return environ.get("VARDMEDEL_NO_CACHE", "") not in ("", "0")


def limit_bytes(environ=os.environ) -> int:
    """The folder's bound: ``VARDMEDEL_CACHE_SIZE_MB`` (MiB), else 100 MiB."""
    try:
        megabytes = float(environ.get("VARDMEDEL_CACHE_SIZE_MB", "") or DEFAULT_LIMIT_MB)
    except ValueError:
        megabytes = DEFAULT_LIMIT_MB
    return max(0, int(megabytes * 1024 * 1024))


class Store:
    """Entries of each kind under one folder."""

    def __init__(self, root: str, limit: int) -> None:
        self.root = root
        self.limit = limit

    @classmethod
    def default(cls, environ=os.environ) -> Store:
        return cls(cache_dir(environ), limit_bytes(environ))

    def _path(self, kind: str, key: bytes) -> str:
        return os.path.join(self.root, kind, key.hex())

    def read(self, kind: str, key: bytes) -> bytes | None:
        """The payload stored under *key*, or None if there is none or it fails any check."""
        path = self._path(kind, key)
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        if len(data) < _HEADER or not data.startswith(MAGIC):
            return None
        start = len(MAGIC)
        stored_key = data[start : start + KEY_SIZE]
        length = int.from_bytes(data[start + KEY_SIZE : start + KEY_SIZE + 8], "little")
        checksum = data[start + KEY_SIZE + 8 : _HEADER]
        payload = data[_HEADER:]
        if stored_key != key or len(payload) != length or blake2b(payload, digest_size=KEY_SIZE).digest() != checksum:
            return None
        try:
            os.utime(path)  # recently used: eviction takes the oldest first
        except OSError:
            pass
        return payload

    def write(self, kind: str, key: bytes, payload: bytes) -> bool:
        """Store *payload* under *key*, whole or not at all; False when it could not be (never raises OSError)."""
        if len(payload) + _HEADER > self.limit // 4:  # one entry must not push out everything else
            return False
        folder = os.path.join(self.root, kind)
        checksum = blake2b(payload, digest_size=KEY_SIZE).digest()
        data = MAGIC + key + len(payload).to_bytes(8, "little") + checksum + payload
        temporary = os.path.join(folder, f".tmp-{os.getpid()}-{os.urandom(6).hex()}")
        try:
            self._make(folder)
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(handle, view) :]
            finally:
                os.close(handle)
            os.replace(temporary, self._path(kind, key))
        except OSError:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            return False
        return True

    def _make(self, folder: str) -> None:
        if os.path.isdir(folder):
            return
        os.makedirs(self.root, mode=0o700, exist_ok=True)  # outputs may be private figures: the user's eyes only
        os.makedirs(folder, mode=0o700, exist_ok=True)
        tag = os.path.join(self.root, "CACHEDIR.TAG")  # backup tools skip a folder that has one
        if not os.path.exists(tag):
            try:
                with open(tag, "wb") as handle:
                    handle.write(_TAG)
            except OSError:
                pass

    def entries(self) -> list[tuple[float, int, str]]:
        """(last used, size, path) of every entry and leftover temporary file."""
        found = []
        for kind in KINDS:
            try:
                scan = os.scandir(os.path.join(self.root, kind))
            except OSError:
                continue
            with scan:
                for entry in scan:
                    try:
                        stat = entry.stat(follow_symlinks=False)
                    except OSError:
                        continue
                    found.append((stat.st_mtime, stat.st_size, entry.path))
        return found

    def evict(self) -> int:
        """Remove the least recently used entries while the folder is over its bound; how many went.

        Two processes may evict at once: an entry already gone is simply skipped,
        and a reader that has an entry open still reads it whole.
        """
        entries = self.entries()
        now = time.time()
        removed = 0
        kept = []
        for used, size, path in entries:
            if os.path.basename(path).startswith(".tmp-") and now - used > _STALE_TEMPORARY_SECONDS:
                removed += _unlink(path)
            else:
                kept.append((used, size, path))
        total = sum(size for _, size, _ in kept)
        if total <= self.limit:
            return removed
        target = int(self.limit * _LOW_WATER)
        for _, size, path in sorted(kept):
            if total <= target:
                break
            if os.path.basename(path).startswith(".tmp-"):
                continue  # another process is writing it
            removed += _unlink(path)
            total -= size
        return removed

    def clear(self) -> tuple[int, int]:
        """Remove every entry: (how many, bytes)."""
        count = size = 0
        for _, entry_size, path in self.entries():
            if _unlink(path):
                count += 1
                size += entry_size
        return count, size

    def info(self) -> dict[str, tuple[int, int]]:
        """Entries and bytes per kind."""
        summary = {kind: (0, 0) for kind in KINDS}
        for _, size, path in self.entries():
            kind = os.path.basename(os.path.dirname(path))
            count, total = summary[kind]
            summary[kind] = (count + 1, total + size)
        return summary


def _unlink(path: str) -> int:
    try:
        os.unlink(path)
    except OSError:
        return 0
    return 1
