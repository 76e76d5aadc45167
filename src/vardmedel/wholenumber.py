"""Whole numbers read from text by one strict rule: ASCII digits only, and not too many of them.

Python's ``int()`` takes digits of every script ("١٢" is 12) but not all that
``str.isdigit()`` calls digits ("1²"), and refuses 4 300 digits or more with an
error that says nothing of the file. Every number a user writes (amounts,
populations, weights, years) goes through ``read_whole`` instead, so they are
all refused the same way, with a message that says how to write them.
"""

from __future__ import annotations

from .i18n import _

#: Digits a whole number may have: a population fits in 8, the largest amount in 14;
#: 18 leaves room for weights and stays far below Python's conversion limit.
MAX_DIGITS = 18

ASCII_DIGITS = frozenset("0123456789")


class NumberError(ValueError):
    """A text that is not a whole number we accept; the message says why and how to write it.

    ``reason`` is the message without the text itself, for callers that show the text their own way.
    """

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(f"{shown(text)} {reason}")
        self.reason = reason


def is_ascii_digits(text: str) -> bool:
    """True for a non-empty run of 0-9 (``str.isdigit`` also says yes to '²' and '١')."""
    return bool(text) and text.isascii() and text.isdigit()


def read_whole(text: str, max_digits: int = MAX_DIGITS) -> int:
    """*text*, a run of ASCII digits, as an int; NumberError when it is anything else or too long."""
    if not is_ascii_digits(text):
        odd = next((ch for ch in text if ch not in ASCII_DIGITS), "")
        what = _("the character {char!r} ({code})").format(char=odd, code=f"U+{ord(odd):04X}") if odd else _("nothing")
        raise NumberError(
            text, _("is not a whole number: it holds {what}; write it with the digits 0-9").format(what=what)
        )
    if len(text) > max_digits:
        raise NumberError(
            text,
            _("has {count} digits; a number here has at most {most}: check for extra digits").format(
                count=f"{len(text):,}".replace(",", " "), most=max_digits
            ),
        )
    return int(text)


def shown(text: str, width: int = 40) -> str:
    """*text* quoted for a message, cut to *width* characters: a 5 000-digit value is not repeated whole."""
    return repr(text if len(text) <= width else text[: width - 1] + "…")
