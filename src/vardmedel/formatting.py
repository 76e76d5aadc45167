"""Numbers for people: digits grouped the Swedish way, a decimal comma, and figures rounded once for display.

Kept apart from ``amounts`` (which reads what people write) so that showing a
number and parsing one do not depend on each other. Every rounding here is
integer arithmetic on whole kronor; nothing shown is computed through a float.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from .i18n import _
from .report import UNITS

#: Grouping inside one figure (no-break space), so a line never breaks in the middle of a number.
NBSP = "\u00a0"


def format_kr(kronor: int, sep: str = NBSP) -> str:
    """Group digits the Swedish way: 112 500 000 (non-breaking spaces by default)."""
    sign = "-" if kronor < 0 else ""
    digits = str(abs(kronor))
    groups = []
    while digits:
        groups.append(digits[-3:])
        digits = digits[:-3]
    return sign + sep.join(reversed(groups))


def decimal_sv(value: Decimal, sep: str = NBSP) -> str:
    """A decimal the Swedish way: grouped whole part, decimal comma (1 234,5)."""
    text = format(value, "f")
    negative = text.startswith("-")
    whole, _, decimals = text.lstrip("-").partition(".")
    grouped = format_kr(int(whole), sep)
    return ("-" if negative else "") + grouped + ("," + decimals if decimals else "")


def exact_relation(value: Fraction, places: int = 3) -> str:
    """A fraction the Swedish way, after '=' when shown in full, after '≈' when cut to *places* decimals.

    '= 1 125', '= 562,5', '≈ 3 104 293,744' (cut, not rounded). The '≈' comes first
    rather than a '…' after the digits, which would read as a number cut off.
    """
    whole = value.numerator // value.denominator
    rest = value - whole
    if rest == 0:
        return f"= {format_kr(whole, NBSP)}"
    scaled = rest * 10**places
    digits = str(scaled.numerator // scaled.denominator).rjust(places, "0")
    if scaled.denominator == 1:
        return f"= {format_kr(whole, NBSP)},{digits.rstrip('0')}"
    return f"≈ {format_kr(whole, NBSP)},{digits}"


def mismatch(what: str, stated: int, computed: int, below: str) -> str:
    """'X is stated as A kr but Y add up to B kr, D kr less': the sum is what the difference is measured from."""
    if stated > computed:
        message = _(
            "{what} is stated as {stated} kr but {below} add up to {computed} kr, {diff} kr less; correct whichever "
            "figure differs from the source"
        )
    else:
        message = _(
            "{what} is stated as {stated} kr but {below} add up to {computed} kr, {diff} kr more; correct whichever "
            "figure differs from the source"
        )
    return message.format(
        what=what,
        stated=format_kr(stated, " "),
        below=below,
        computed=format_kr(computed, " "),
        diff=format_kr(abs(stated - computed), " "),
    )


def per_capita(kronor: int, population: int) -> Decimal | None:
    """Kronor per inhabitant to two decimals, rounded half up, by integer arithmetic; None where nobody lives."""
    if population <= 0:
        return None
    hundredths, rest = divmod(kronor * 100, population)
    if 2 * rest >= population:
        hundredths += 1
    return Decimal(hundredths).scaleb(-2)


def percent(change: int, base: int, places: int = 1) -> Decimal | None:
    """*change* as a percentage of *base* to *places* decimals, half away from zero; None when base is 0."""
    if base == 0:
        return None
    steps, rest = divmod(abs(change) * 100 * 10**places, abs(base))
    if 2 * rest >= abs(base):
        steps += 1
    negative = (change < 0) != (base < 0)
    return Decimal(-steps if negative else steps).scaleb(-places)


def in_unit(kronor: int, unit: str) -> Decimal:
    """Whole kronor shown in *unit*, rounded half away from zero to the unit's decimals (display only)."""
    size, decimals = UNITS[unit]
    scaled_size = size // 10**decimals
    steps, rest = divmod(abs(kronor), scaled_size)
    if 2 * rest >= scaled_size:
        steps += 1
    return Decimal(-steps if kronor < 0 else steps).scaleb(-decimals)
