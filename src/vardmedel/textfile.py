"""An agreement file's bytes to text, refusing what is not a small UTF-8 text file.

The checks here are cheap and come before any YAML is parsed, so a hostile
file (an image saved as .yaml, 10 MB, a one-megabyte line) is refused at once
with a place to look, rather than handed to the parser.
"""

from __future__ import annotations

from .formatting import format_kr
from .i18n import _

MAX_BYTES = 2 * 1024 * 1024
MAX_LINE = 10_000


class UnreadableFile(ValueError):
    """Bytes that are no small UTF-8 text file; says where (1-based line and column) and why, with a code."""

    def __init__(self, message: str, line: int, column: int, code: str) -> None:
        super().__init__(message)
        self.message, self.line, self.column, self.code = message, line, column, code


def too_large(size: int) -> UnreadableFile:
    return UnreadableFile(
        _(
            "file is {size} bytes; agreement files are small text files (at most {most} bytes): is this the right file?"
        ).format(size=format_kr(size, " "), most=format_kr(MAX_BYTES, " ")),
        1,
        1,
        "file-too-large",
    )


def decode(data: bytes) -> str:
    """Bytes to text, refusing what is not a small UTF-8 text file."""
    if len(data) > MAX_BYTES:
        raise too_large(len(data))
    if b"\x00" in data:
        at = data.index(b"\x00")
        raise UnreadableFile(
            _("file holds NUL bytes, so it is binary, not YAML text: is this the right file?"),
            *_offset_position(data, at),
            "file-binary",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        hint = _(" (it looks like Latin-1 or Windows-1252)") if _looks_latin1(data) else ""
        raise UnreadableFile(
            _("byte {byte} is not UTF-8{hint}; save the file as UTF-8").format(
                byte=f"0x{data[err.start]:02x}", hint=hint
            ),
            *_offset_position(data, err.start),
            "file-encoding",
        ) from None
    if len(text) <= MAX_LINE:  # no line can be too long (nearly every file): no need to look at each
        return text
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE:
            raise UnreadableFile(
                _("line is {length} characters long (at most {most}); break it up or shorten it").format(
                    length=format_kr(len(line), " "), most=format_kr(MAX_LINE, " ")
                ),
                number,
                MAX_LINE + 1,
                "line-too-long",
            )
    return text


def _looks_latin1(data: bytes) -> bool:
    return any(byte in data for byte in (b"\xe5", b"\xe4", b"\xf6", b"\xc5", b"\xc4", b"\xd6"))


def _offset_position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (1-based) of byte *offset*."""
    before = data[:offset]
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1
