"""How one cell reads, shared by the formats: grouped for people, plain for machines, safe for spreadsheets."""

from __future__ import annotations

from decimal import Decimal

from ..formatting import NBSP, decimal_sv, format_kr, in_unit
from ..report import DECIMAL, INTEGER, KR, TEXT, Column

#: A text cell starting with one of these is read as a formula by spreadsheet programs (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def human(value: object, kind: str, unit: str = "kr", sep: str = NBSP) -> str:
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
