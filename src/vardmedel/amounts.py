"""Amounts of money as Swedish documents write them, turned into whole kronor.

Agreement texts say "172,5 miljoner kronor", "2,4 mdkr" or "112 500 000 kronor";
the files keep the wording of the source so that a reader can compare the two.
Parsing is exact: digits are read as integers, never through a float, and a
figure that does not come to a whole krona is refused rather than rounded.
"""

from __future__ import annotations

import functools
import re

from .formatting import format_kr
from .i18n import N_, _
from .wholenumber import NumberError, read_whole, shown

#: The largest amount we accept: 10 000 mdkr, several times the Swedish state
#: budget. Anything larger is a typo (an extra "000") and is refused.
MAX_AMOUNT = 10**13

#: Unit words and their value in kronor. Keys are lower-case, without the dot.
UNITS: dict[str, int] = {
    "": 1,
    "kr": 1,
    "kronor": 1,
    "krona": 1,
    "sek": 1,
    "tkr": 1_000,
    "tsek": 1_000,
    "tusen": 1_000,
    "tusen kronor": 1_000,
    "mkr": 1_000_000,
    "mnkr": 1_000_000,
    "msek": 1_000_000,
    "milj": 1_000_000,
    "milj kr": 1_000_000,
    "miljon": 1_000_000,
    "miljoner": 1_000_000,
    "miljon kronor": 1_000_000,
    "miljoner kronor": 1_000_000,
    "mdkr": 1_000_000_000,
    "mdr": 1_000_000_000,
    "mdr kr": 1_000_000_000,
    "miljard": 1_000_000_000,
    "miljarder": 1_000_000_000,
    "miljard kronor": 1_000_000_000,
    "miljarder kronor": 1_000_000_000,
}

HOW_TO_WRITE = N_(
    'write whole kronor (112500000 or "112 500 000") or a decimal comma '
    'with a unit ("172,5 mnkr", "4,5 miljoner kronor", "2,4 mdkr", "500 tkr")'
)  # translated where it is used

# Spaces that Swedish typesetting uses as thousands separators.
_GROUP_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "_": " "})
_DECIMAL_POINT = re.compile(r"[-+]?[0-9]+\.[0-9]")
_NUMBER = re.compile(
    r"""^(?P<sign>[-+−]?)\s*
        (?P<int>[0-9]{1,3}(?:\ [0-9]{3})+|[0-9]+)  # 112 500 000 or 112500000: ASCII digits only
        (?:,(?P<frac>[0-9]+))?                    # decimal comma
        \s*(?P<unit>[^0-9\s].*)?$""",
    re.VERBOSE,
)


class AmountError(ValueError):
    """A text that is not a whole number of kronor; the message says how to fix it."""

    def __init__(self, message: str, kind: str = "amount_invalid") -> None:
        super().__init__(message)
        self.kind = kind


def parse_amount(value: object) -> int:
    """Return *value* in whole kronor, or raise AmountError saying why not."""
    if isinstance(value, bool):
        raise AmountError(
            _("{value!r} is a yes/no value, not an amount; {how}").format(value=value, how=_(HOW_TO_WRITE)),
            "amount_type",
        )
    if isinstance(value, int):
        if value.bit_length() > 64:  # too large to be shown whole (str() has a digit limit), and far too large
            raise AmountError(
                _(
                    "a number of {bits} bits is far more than the {most} kr any agreement could hold; check for "
                    "extra digits"
                ).format(bits=format_kr(value.bit_length()), most=format_kr(MAX_AMOUNT)),
                "amount_too_large",
            )
        return _checked(value, str(value))
    if isinstance(value, float):
        raise AmountError(
            _("{value!r} is a decimal number with a dot, which YAML reads as an inexact float; {how}").format(
                value=value, how=_suggest_for_float(value)
            ),
            "amount_float",
        )
    if not isinstance(value, str):
        raise AmountError(
            _("expected an amount, got {kind}; {how}").format(kind=type(value).__name__, how=_(HOW_TO_WRITE)),
            "amount_type",
        )
    return _parse_text(value)


@functools.lru_cache(maxsize=4096)
def _parse_text(text: str) -> int:
    """Remembered: the same few amount texts recur in pot after pot and file after file, and the
    answer depends on the text alone (an error is raised each time, in the language of the moment)."""
    cleaned = " ".join(text.translate(_GROUP_SPACES).split())
    if _DECIMAL_POINT.match(cleaned):
        raise AmountError(
            _("{text} uses a decimal point; Swedish amounts use a decimal comma: {how}").format(
                text=shown(text), how=_(HOW_TO_WRITE)
            ),
            "amount_float",
        )
    match = _NUMBER.match(cleaned)
    if not match:
        raise AmountError(
            _("{text} is not an amount; {how}").format(text=shown(text), how=_(HOW_TO_WRITE)), "amount_invalid"
        )
    digits = match["int"].replace(" ", "")
    fraction = match["frac"] or ""
    try:
        number = read_whole(digits + fraction)
    except NumberError as err:
        raise AmountError(f"{shown(text)} {err.reason}", "amount_too_large") from None
    if len(digits) > 1 and digits.startswith("0"):
        raise AmountError(
            _("{text} starts with a zero, which older YAML tools read as an octal number; write {digits}").format(
                text=shown(text), digits=digits.lstrip("0") or 0
            ),
            "amount_leading_zero",
        )
    unit_text = (match["unit"] or "").lower().replace(".", "").strip()
    unit_text = " ".join(unit_text.split())
    if unit_text not in UNITS:
        known = ", ".join(sorted({u for u in UNITS if u}))
        raise AmountError(
            _("{text} has an unknown unit {unit!r}; use one of: {known}").format(
                text=shown(text), unit=match["unit"], known=known
            ),
            "amount_unit",
        )
    unit = UNITS[unit_text]
    numerator = number * unit
    denominator = 10 ** len(fraction)
    if numerator % denominator:
        raise AmountError(
            _("{text} is not a whole number of kronor; amounts are whole kronor").format(text=shown(text)),
            "amount_fraction",
        )
    kronor = numerator // denominator
    if match["sign"]:
        kronor = -kronor if match["sign"] in "-−" else kronor
    return _checked(kronor, text)


def _checked(kronor: int, text: str) -> int:
    if kronor <= 0:
        raise AmountError(
            _("{text} is not a positive amount; amounts must be above 0 kr").format(text=shown(text)),
            "amount_not_positive",
        )
    if kronor > MAX_AMOUNT:
        raise AmountError(
            _("{text} is {amount} kr, more than the {most} kr any agreement could hold; check for extra digits").format(
                text=shown(text), amount=format_kr(kronor), most=format_kr(MAX_AMOUNT)
            ),
            "amount_too_large",
        )
    return kronor


def _suggest_for_float(value: float) -> str:
    """Show how to write a float the way it was probably meant."""
    text = repr(value)
    if "e" in text or "inf" in text or "nan" in text:
        return _(HOW_TO_WRITE)
    swedish = text.replace(".", ",")
    return _('write "{number} mnkr" if it means millions, or whole kronor; {how}').format(
        number=swedish, how=_(HOW_TO_WRITE)
    )
