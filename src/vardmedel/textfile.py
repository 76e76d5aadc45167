"""An agreement file's bytes to text, refusing what is not a small UTF-8 text file.

The checks here are cheap and come before any YAML is parsed, so a hostile
file (an image saved as .yaml, 10 MB, a one-megabyte line) is refused at once
with a place to look, rather than handed to the parser.
"""

from __future__ import annotations

MAX_BYTES = 2 * 1024 * 1024
MAX_LINE = 10_000


class UnreadableFile(ValueError):
    """Bytes that are no small UTF-8 text file; says where (1-based line and column) and why, with a code."""

    def __init__(self, message: str, line: int, column: int, code: str) -> None:
        super().__init__(message)
        self.message, self.line, self.column, self.code = message, line, column, code


def too_large(size: int) -> UnreadableFile:
    return UnreadableFile(
        f"file is {size:,} bytes; agreement files are small text files "
        f"(at most {MAX_BYTES:,} bytes): is this the right file?",
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
            "file holds NUL bytes, so it is binary, not YAML text: is this the right file?",
            *_offset_position(data, at),
            "file-binary",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        hint = " (it looks like Latin-1 or Windows-1252)" if _looks_latin1(data) else ""
        raise UnreadableFile(
            f"byte 0x{data[err.start]:02x} is not UTF-8{hint}; save the file as UTF-8",
            *_offset_position(data, err.start),
            "file-encoding",
        ) from None
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE:
            raise UnreadableFile(
                f"line is {len(line):,} characters long (at most {MAX_LINE:,}); break it up or shorten it",
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
