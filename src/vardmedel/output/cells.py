"""How one cell reads, shared by the formats: grouped for people, plain for machines, safe for spreadsheets."""

from __future__ import annotations

from decimal import Decimal

from ..amounts import format_kr
from ..report import DECIMAL, INTEGER, KR, TEXT, Column, in_unit

#: A text cell starting with one of these is read as a formula by spreadsheet programs (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def human(value: object, kind: str, unit: str = "kr", sep: str = "\u00a0") -> str:
    """A cell for people: 112 500 000, 10,77; zero kronor left blank so the amounts stand out."""
    if value is None or value == "" or (kind == KR and value == 0):
        return ""
    if kind == KR and isinstance(value, int):
        return decimal_sv(in_unit(value, unit), sep)
    if kind == INTEGER and isinstance(value, int):
        return format_kr(value, sep)
    if kind == DECIMAL and isinstance(value, Decimal):
        return decimal_sv(value, sep)
    return str(value)


def decimal_sv(value: Decimal, sep: str = "\u00a0") -> str:
    """A decimal the Swedish way: grouped whole part, decimal comma (1 234,5)."""
    text = format(value, "f")
    negative = text.startswith("-")
    whole, _, decimals = text.lstrip("-").partition(".")
    grouped = format_kr(int(whole), sep)
    return ("-" if negative else "") + grouped + ("," + decimals if decimals else "")


def machine(value: object, column: Column, decimal_comma: bool = False) -> object:
    """A cell for CSV: plain numbers, never grouped; text neutralised against formula injection."""
    if value is None:
        return ""
    if isinstance(value, Decimal) and decimal_comma:
        return format(value, "f").replace(".", ",")
    if column.kind == TEXT and isinstance(value, str):
        return neutralise(value.replace("\u00a0", " "))  # machines get plain spaces
    return value


def neutralise(text: str) -> str:
    """Prefix an apostrophe so that Excel and LibreOffice show the text instead of running it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
