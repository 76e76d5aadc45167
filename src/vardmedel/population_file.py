"""A user's population figures, read from a CSV file the way people have them.

Analysts get län populations from SCB's statistical database, from this tool's
own ``vardmedel population --format csv``, or retyped in Swedish Excel. So the
reader takes ``,``, ``;`` or tab as separator; UTF-8 (with or without BOM),
UTF-16 with BOM, or Windows-1252/Latin-1; title lines above the header (SCB's
downloads have them); a län code, a code and name (``"01 Stockholms län"``)
or a name in the region column; figures grouped by spaces (``2 415 139``).

Nothing is guessed beyond that: every one of the 21 regions must be there
once, every figure is a whole number of ASCII digits, a total row ("Riket")
must equal the sum, and anything else is refused with ``file:line:column``.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from .formatting import format_kr
from .i18n import N_, _
from .lookup import forms, normalise
from .reference import PopulationDataset, Reference

MAX_BYTES = 1024 * 1024  # a population table is a few kilobytes; SCB's widest downloads stay far below this
MAX_DIGITS = 9  # no län has a billion inhabitants; far below Python's 4 300-digit int() limit
SEPARATORS = (";", ",", "\t")
_GROUPING_SPACES = ("\u00a0", "\u202f", "\u2009")  # no-break, narrow no-break, thin: Swedish digit grouping
_GROUPED = re.compile(r"[0-9]{1,3}(?: [0-9]{3})+")
_DIGITS = re.compile(r"[0-9]+")
_CODE_CELL = re.compile(r"([0-9]{1,2})(?:\s+(.*))?", re.DOTALL)

# Header words, normalised (lower case, no diacritics): what SCB, Swedish Excel users and this tool write.
_CODE_HEADERS = ("code", "kod", "lanskod", "lan kod", "regionkod", "region code", "lan", "region", "lan region")
_NAME_HEADERS = ("name", "namn", "regionnamn", "lansnamn")
_POPULATION_HEADERS = ("population", "folkmangd", "befolkning", "invanare", "antal invanare", "antal")
_POPULATION_PREFIXES = ("population ", "folkmangd ", "befolkning ", "invanare ")
_PERIOD = re.compile(r"[0-9]{4}(?:m[0-9]{2}|k[1-4])?")  # SCB's period headings: 2021, 2021M11, 2021K4
_TOTAL_NAMES = ("riket", "sverige", "totalt", "total", "summa", "00 riket", "00")


class PopulationFileError(ValueError):
    """A user's population file that cannot be used; says where, why and how to fix it."""

    def __init__(self, path: str, line: int, message: str, column: int = 1) -> None:
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path, self.line, self.column, self.message = path, line, column, message


@dataclass(frozen=True)
class _Header:
    line: int
    separator: str
    code: int  # column index of the region (code, code and name, or name)
    population: int
    name: int | None  # a separate name column, checked against the code when present


def read_population_file(path: Path | str, reference: Reference, dataset_id: str | None = None) -> PopulationDataset:
    """The 21 regions' populations in *path*, as a dataset named *dataset_id* (a date, or a name) or by the path.

    Raises PopulationFileError (``file:line:column: message``) for anything that is not such a table.
    """
    shown = str(path)
    text, encoding = _decode(_read_bytes(Path(path), shown), shown)
    lines = list(enumerate(text.splitlines(), start=1))
    header = _find_header(lines, shown, reference)
    figures = _figures(lines, header, shown, reference)
    try:
        date = dt.date.fromisoformat(dataset_id) if dataset_id else None
    except ValueError:
        date = None
    return PopulationDataset(
        id=dataset_id or shown,
        figures=figures,
        source=_("your population file {file}").format(file=shown),
        method=_("read from {file} ({encoding}, {separator}-separated)").format(
            file=shown, encoding=encoding, separator=_(_SEPARATOR_NAMES[header.separator])
        ),
        date=date,
        path=shown,
    )


_SEPARATOR_NAMES = {";": N_("semicolon"), ",": N_("comma"), "\t": N_("tab")}


def _read_bytes(path: Path, shown: str) -> bytes:
    """The file's bytes, refusing anything but a small regular file without ever blocking on it.

    Opened non-blocking and checked with fstat on the open descriptor, so a FIFO,
    a terminal or /dev/zero named as the population file is refused at once.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as err:
        raise PopulationFileError(
            shown, 1, _("cannot open the population file: {reason}").format(reason=err.strerror or err)
        ) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            if stat.S_ISDIR(info.st_mode):
                message = _("the population file is a folder; give a CSV file saved on disk")
            else:
                message = _(
                    "the population file is not a regular file (a pipe, device or socket); give a CSV file saved on disk"
                )
            raise PopulationFileError(shown, 1, message)
        if info.st_size > MAX_BYTES:
            raise PopulationFileError(shown, 1, _too_large(info.st_size))
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as err:
        raise PopulationFileError(
            shown, 1, _("cannot read the population file: {reason}").format(reason=err.strerror or err)
        ) from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise PopulationFileError(shown, 1, _too_large(len(data)))
    return data


def _too_large(size: int) -> str:
    return _(
        "the file is {size} bytes; a population table of 21 regions is a few kilobytes (at most {most} bytes): "
        "is this the right file?"
    ).format(size=f"{size:,}", most=f"{MAX_BYTES:,}")


def _decode(data: bytes, shown: str) -> tuple[str, str]:
    """Text and the name of its encoding: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252 or Latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise PopulationFileError(shown, 1, _("the file starts as UTF-16 but is not; save it as UTF-8")) from None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise PopulationFileError(shown, line, _("the file holds NUL bytes, so it is binary, not CSV text"))
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8 with BOM"
        except UnicodeDecodeError as err:
            line = data[: err.start + 3].count(b"\n") + 1
            raise PopulationFileError(shown, line, _("the file starts with a UTF-8 mark but is not UTF-8")) from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:  # five bytes cp1252 leaves undefined; Latin-1 defines every byte
        return data.decode("latin-1"), "Latin-1"


def _split(line: str, separator: str) -> list[str]:
    try:
        cells = next(csv.reader([line], delimiter=separator, strict=True), [])
    except csv.Error:
        cells = line.split(separator)
    return [_cell(c) for c in cells]


def _cell(text: str) -> str:
    """A cell without the quotes and spaces around it (Excel and SCB quote text cells)."""
    text = text.strip()  # str.strip takes no-break and narrow no-break spaces too
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1].replace('""', '"').strip()
    return text


def _header_words(cells: list[str]) -> list[str]:
    return [normalise(c) for c in cells]


def _population_column(words: list[str]) -> list[int]:
    return [
        i
        for i, word in enumerate(words)
        if word in _POPULATION_HEADERS or word.startswith(_POPULATION_PREFIXES) or _PERIOD.fullmatch(word)
    ]


def _find_header(lines: list[tuple[int, str]], shown: str, reference: Reference) -> _Header:
    """The header line (after any title lines), its separator, and which column holds what."""
    for number, line in lines:
        if not line.strip():
            continue
        for separator in SEPARATORS:
            cells = _split(line, separator)
            if len(cells) < 2:
                continue
            words = _header_words(cells)
            codes = [i for i, w in enumerate(words) if w in _CODE_HEADERS]
            if not codes:
                continue
            populations = _population_column(words)
            if len(populations) > 1:
                shown_columns = ", ".join(cells[i] for i in populations)
                raise PopulationFileError(
                    shown,
                    number,
                    _(
                        "the header has {count} population columns ({columns}); keep only the column of the date you "
                        "want"
                    ).format(count=len(populations), columns=shown_columns),
                )
            if not populations:
                raise PopulationFileError(
                    shown,
                    number,
                    _(
                        "the header {header!r} has no population column; name it population, folkmängd or by its "
                        "year (as SCB does: 2021)"
                    ).format(header=separator.join(cells)),
                )
            code = min(codes, key=lambda i: _CODE_HEADERS.index(words[i]))
            names = [i for i, w in enumerate(words) if w in _NAME_HEADERS and i != code]
            return _Header(number, separator, code, populations[0], names[0] if names else None)
        if _looks_like_data(line):
            raise PopulationFileError(
                shown,
                number,
                _(
                    "this line holds figures but no header line comes before it; add the header line "
                    "'code,population' above it"
                ),
            )
    raise PopulationFileError(
        shown,
        1,
        _(
            "no header line found; the file needs one, such as 'code,population', 'region;folkmängd' "
            'or SCB\'s "region";"2021"'
        ),
    )


def _looks_like_data(line: str) -> bool:
    """A län code and a figure: a row of the table, met before any header."""
    for separator in SEPARATORS:
        cells = _split(line, separator)
        if (
            len(cells) >= 2
            and _CODE_CELL.fullmatch(cells[0])
            and _DIGITS.fullmatch(_ascii_spaces(cells[-1]).replace(" ", ""))
        ):
            return True
    return False


def _ascii_spaces(text: str) -> str:
    """Swedish digit grouping (no-break, narrow no-break, thin spaces) as plain spaces."""
    for space in _GROUPING_SPACES:
        text = text.replace(space, " ")
    return text


def _figures(lines: list[tuple[int, str]], header: _Header, shown: str, reference: Reference) -> dict[str, int]:
    names = _region_names(reference)
    figures: dict[str, int] = {}
    seen_at: dict[str, int] = {}
    total: tuple[int, int] | None = None  # (line, figure) of a "Riket" row
    last = header.line
    ended = False  # a blank line after the figures: what follows may be SCB's footnotes
    for number, line in lines:
        if number <= header.line:
            continue
        if not line.strip():
            ended = ended or bool(figures)
            continue
        cells = _split(line, header.separator)
        if not any(cells):
            ended = ended or bool(figures)
            continue
        region_text = cells[header.code] if header.code < len(cells) else ""
        if ended and len([c for c in cells if c]) == 1 and _region(region_text, names) is None:
            continue  # a footnote below the table, such as SCB's "Uppgifterna avser 31 december"
        if normalise(region_text) in _TOTAL_NAMES:
            total = (number, _number(cells, header, number, shown))
            continue
        code = _region(region_text, names)
        if code is None:
            raise PopulationFileError(
                shown, number, _not_a_region(line, region_text, header, reference), header.code + 1
            )
        _check_name(cells, header, code, number, shown, names, reference)
        if code in figures:
            raise PopulationFileError(
                shown,
                number,
                _("{region} appears twice (also line {line}); keep one row per region").format(
                    region=_label(code, reference), line=seen_at[code]
                ),
                header.code + 1,
            )
        figures[code] = _number(cells, header, number, shown)
        seen_at[code] = number
        last = number
    missing = [r for r in reference.regions if r.id not in figures]
    if missing:
        listed = ", ".join(f"{r.id} ({r.short_name})" for r in missing)
        raise PopulationFileError(
            shown,
            last,
            _("no population for {regions}; the file needs one row for each of the 21 regions").format(regions=listed),
        )
    if total is not None and total[1] != sum(figures.values()):
        raise PopulationFileError(
            shown,
            total[0],
            _(
                "the total row says {total} but the 21 regions add up to {sum}; check the figures (or remove the "
                "total row)"
            ).format(total=format_kr(total[1], " "), sum=format_kr(sum(figures.values()), " ")),
            header.population + 1,
        )
    return {r.id: figures[r.id] for r in reference.regions}


def _region_names(reference: Reference) -> dict[str, str]:
    """Every way a region is written (lookup.forms: 'Stockholms län', 'Region Stockholm', …), normalised -> code."""
    names: dict[str, set[str]] = {}
    for region in reference.regions:
        for form in forms(region):
            names.setdefault(form, set()).add(region.id)
    return {form: codes.pop() for form, codes in names.items() if len(codes) == 1}


def _region(text: str, names: dict[str, str]) -> str | None:
    """The län code *text* names: '01', '1', '01 Stockholms län' or 'Stockholms län'; None if none."""
    match = _CODE_CELL.fullmatch(text)
    if match:
        code = match.group(1).zfill(2)
        if code in names.values():
            return code
        return None
    return names.get(normalise(text))


def _check_name(
    cells: list[str], header: _Header, code: str, number: int, shown: str, names: dict[str, str], reference: Reference
) -> None:
    """A name beside the code ('01 Stockholms län', or a name column) must be that code's region."""
    region_text = cells[header.code]
    match = _CODE_CELL.fullmatch(region_text)
    given = [(match.group(2), header.code)] if match and match.group(2) else []
    if header.name is not None and header.name < len(cells) and cells[header.name]:
        given.append((cells[header.name], header.name))
    for name, column in given:
        if names.get(normalise(name), code) != code:
            raise PopulationFileError(
                shown,
                number,
                _(
                    "code {code} is {region}, but the line names {name!r}; a row has slipped: check the codes and the "
                    "names"
                ).format(code=code, region=_label(code, reference), name=name),
                column + 1,
            )


def _label(code: str, reference: Reference) -> str:
    return f"{code} ({reference.recipients[code].aliases[0]})"


def _not_a_region(line: str, text: str, header: _Header, reference: Reference) -> str:
    codes = " ".join(r.id for r in reference.regions)
    other = next((sep for sep in SEPARATORS if sep != header.separator and sep in line), None)
    if other is not None and len(_split(line, header.separator)) < 2:
        return _(
            "this line is {other}-separated but the header (line {line}) is {separator}-separated; use one "
            "separator throughout"
        ).format(other=_(_SEPARATOR_NAMES[other]), line=header.line, separator=_(_SEPARATOR_NAMES[header.separator]))
    if not text:
        return _("no region on this line; the first column holds a län code ({codes}) or a län's name").format(
            codes=codes
        )
    return _("{text!r} is not a län code or name; the 21 län codes are {codes}").format(text=text, codes=codes)


def _number(cells: list[str], header: _Header, number: int, shown: str) -> int:
    """A population figure: ASCII digits, optionally grouped in threes by spaces; positive; at most MAX_DIGITS."""
    column = header.population
    text = cells[column] if column < len(cells) else ""
    spaced = _ascii_spaces(text)
    if not text:
        raise PopulationFileError(shown, number, _("no population on this line; give a whole number"), column + 1)
    if not (_DIGITS.fullmatch(spaced) or _GROUPED.fullmatch(spaced)):
        raise PopulationFileError(
            shown,
            number,
            _(
                "population {text!r} is not a whole number; write digits only, grouped by spaces if you like "
                "(2 415 139), without decimals, signs or other thousands separators"
            ).format(text=text),
            column + 1,
        )
    digits = spaced.replace(" ", "")
    if len(digits.lstrip("0")) > MAX_DIGITS:
        raise PopulationFileError(
            shown,
            number,
            _("population {text!r} has more than {most} digits; no län is that large").format(
                text=text, most=MAX_DIGITS
            ),
            column + 1,
        )
    value = int(digits)
    if value <= 0:
        raise PopulationFileError(
            shown, number, _("population {text!r} must be more than 0").format(text=text), column + 1
        )
    return value
