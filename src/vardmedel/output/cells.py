"""How one cell reads, shared by the formats: grouped for people, plain for machines, safe for spreadsheets."""

from __future__ import annotations

from decimal import Decimal

from ..formatting import NBSP, decimal_sv, format_kr, in_unit
from ..report import DECIMAL, INTEGER, KR

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


def machine(value: object) -> object:
    """A cell for CSV: plain numbers, never grouped; every text (headers too) neutralised against formula injection."""
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value.replace("\u00a0", " "))  # machines get plain spaces
    return value


def neutralise(text: str) -> str:
    """Prefix an apostrophe so that Excel and LibreOffice show the text instead of running it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


#: Excel shows at most 15 significant digits; a longer number would come back changed.
SPREADSHEET_DIGITS = 15
#: Words Swedish and English spreadsheets read as yes/no values.
YES_NO_WORDS = frozenset({"sant", "falskt", "true", "false"})
#: The longest text a spreadsheet formula may hold as a literal.
FORMULA_TEXT_LIMIT = 255


def exact_in_spreadsheet(value: int | Decimal) -> bool:
    """Whether a spreadsheet keeps every digit of *value* (at most 15 significant digits)."""
    if isinstance(value, int):
        return abs(value) < 10**SPREADSHEET_DIGITS
    return len(value.as_tuple().digits) <= SPREADSHEET_DIGITS


def read_as_text(text: str) -> bool:
    """Whether a spreadsheet opening a CSV file keeps *text* as text.

    Excel and LibreOffice Calc turn far more into numbers than numbers: '01' into 1,
    'jan-22' and 'mars 2022' into dates, '5 kr' into money, '10 %' into 0,1, 'SANT'
    into a yes/no value. Any text holding a digit, or one of those words, may be
    changed; only those without are sure to stay as written.
    """
    return not any("0" <= ch <= "9" for ch in text) and text.strip().casefold() not in YES_NO_WORDS


def excel_cell(value: object) -> object:
    """A cell of a CSV file for Swedish Excel that reads back as written.

    Decimal comma; text neutralised like CSV's; and what the spreadsheet would
    change (a text it reads as a number or a date, a number longer than it can
    hold) written as ``="…"``, a formula whose value is that exact text.
    """
    if value is None or isinstance(value, bool):
        return "" if value is None else value
    if isinstance(value, int | Decimal):
        shown = str(value) if isinstance(value, int) else format(value, "f").replace(".", ",")
        return shown if exact_in_spreadsheet(value) else as_text_formula(shown)
    text = neutralise(str(value).replace("\u00a0", " "))
    return text if read_as_text(text) or len(text) > FORMULA_TEXT_LIMIT else as_text_formula(text)


def as_text_formula(text: str) -> str:
    return '="' + text.replace('"', '""') + '"'
