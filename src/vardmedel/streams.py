"""Standard output as it really is: maybe closed, maybe a pipe whose reader leaves early, maybe not UTF-8.

Every command writes its result through ``to_stdout`` and asks ``is_terminal``,
so these cases are handled once: a closed stdout (``>&-``) is an OSError the
command reports, a reader that stops early (``| head``, ``| true``) is no error
and changes no exit code, and a stream that cannot encode a character (a
cp1252 redirect) gets a plain stand-in for it (``→`` becomes ``->``) instead of
failing halfway through the output.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import sys
import unicodedata
from collections.abc import Callable

#: Plain stand-ins for the characters our own output uses that legacy code pages lack.
STAND_INS = {
    "→": "->",
    "≈": "~",
    "…": "...",
    "−": "-",
    "–": "-",
    "—": "-",
    "×": "x",
    "±": "+/-",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
}
ERRORS = "vardmedel-stand-in"


def _stand_in(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(STAND_INS.get(ch) or _ascii(ch) for ch in text), error.end


def _ascii(ch: str) -> str:
    """'ő' -> 'o'; what has no plain letter in it -> '?'."""
    plain = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
    return plain or "?"


codecs.register_error(ERRORS, _stand_in)


def _is_unicode(stream) -> bool:
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
    return encoding in ("utf8", "utf16", "utf32", "utf8sig")


def adapt_encoding(stream) -> None:
    """Let a text stream that cannot encode every character write stand-ins instead of raising."""
    if stream is None or _is_unicode(stream):
        return
    with contextlib.suppress(AttributeError, ValueError, OSError):  # not a TextIOWrapper (a test's capture)
        stream.reconfigure(errors=ERRORS)


def fit_to(stream) -> Callable[[str], str]:
    """A function that gives a text as *stream* will show it, stand-ins included.

    A table measures its columns on that text: measured before the stand-ins
    (``→`` is one column, ``->`` two), its lines would not line up.
    """
    if _is_unicode(stream):
        return str
    encoding = stream.encoding
    try:
        codecs.lookup(encoding)
    except LookupError:
        return str
    return lambda text: text.encode(encoding, ERRORS).decode(encoding)


def is_terminal(stream) -> bool:
    """Whether *stream* is a terminal; False for a closed stdout (None) or a closed file."""
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def to_stdout(render: Callable, binary: bool = False) -> bool:
    """Write to standard output through *render*; False when the reader left early, which is no error.

    Raises OSError when standard output is closed or cannot be written (a full disk).
    """
    stream = sys.stdout
    if stream is None:
        raise OSError(errno.EBADF, "standard output is closed")
    try:
        if binary:
            stream.flush()
            render(stream.buffer)
            stream.buffer.flush()
        else:
            render(stream)
            stream.flush()
    except BrokenPipeError:
        # Python flushes stdout again at exit; pointed at /dev/null that flush cannot fail a second time.
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        return False
    return True
