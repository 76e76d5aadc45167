"""No cell of CSV, excel-sv or xlsx runs as a formula, whatever the files' texts start with.

Every text a file gives (titles, names, notes, assumptions, sources, quotes, reports) starts here with
one of the characters a spreadsheet reads as the start of a formula (``=``, ``+``, ``-``, ``@``, a tab);
every command that writes tables writes them in the three formats, and every cell, header, note and
sheet name is read back: none may start with such a character unguarded.
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from vardmedel.output.cells import FORMULA_STARTS

#: A text for every field a person writes, each starting with a formula character, each its own.
STARTS = ["=", "+", "-", "@", "\t"]
FIELDS = [
    "title",
    "source title",
    "source publisher",
    "source note",
    "scope part",
    "scope of",
    "quote",
    "note",
    "assumption",
    "recipient name",
    "recipient short name",
    "recipient note",
    "frame note",
    "report what",
    "report by",
    "report to",
    "area title",
    "area short title",
    "area note",
    "area quote",
    "pot title",
    "pot quote",
    "pot note",
    "pot assumption",
    "published note",
]
TEXTS = {field: f"{STARTS[n % len(STARTS)]}HYPERLINK({n})" for n, field in enumerate(FIELDS)}


def q(field: str) -> str:
    """The field's text as a YAML double-quoted scalar."""
    return '"' + TEXTS[field].replace("\t", "\\t") + '"'


def agreement(year: int) -> str:
    return f"""\
id: {year}-x
year: {year}
title: {q("title")}
source: {{title: {q("source title")}, publisher: {q("source publisher")}, note: {q("source note")}}}
scope: {{part: {q("scope part")}, of: {q("scope of")}}}
series: serien
quote: {q("quote")}
note: {q("note")}
assumption: {q("assumption")}
recipients:
  kansliet: {{name: {q("recipient name")}, short_name: {q("recipient short name")}, note: {q("recipient note")}}}
frame: {{years: {{{year}: 61 mnkr}}, note: {q("frame note")}}}
reports:
  - {{due: {year}-12-31, what: {q("report what")}, by: {q("report by")}, to: {q("report to")}}}
areas:
  - id: a
    title: {q("area title")}
    short_title: {q("area short title")}
    note: {q("area note")}
    quote: {q("area quote")}
    pots:
      - id: p
        title: {q("pot title")}
        amount: 60 mnkr
        rule: {{equal: samverkansregioner}}
        quote: {q("pot quote")}
        note: {q("pot note")}
        assumption: {q("pot assumption")}
      - id: k
        amount: 1 mnkr
        rule: {{fixed: kansliet}}
        published: {{rows: {{kansliet: 1 mnkr}}, note: {q("published note")}}}
"""


#: Every command that writes a table, on the folder of the two agreements (2021 and 2022).
COMMANDS = {
    "allocate": ["allocate", "2022"],
    "allocate-pot": ["allocate", "2022", "--by", "pot"],
    "allocate-agreement": ["allocate", "2022", "--by", "agreement"],
    "allocate-years": ["allocate", "--years", "2021-2022"],
    "explain": ["explain", "2022", "-r", "kansliet"],
    "compare": ["compare", "2021", "2022"],
    "show": ["show", "2022-x"],
    "list": ["list"],
    "series": ["series", "serien"],
    "deadlines": ["deadlines"],
}
NUMBER = re.compile(r"-?[0-9]+([.,][0-9]+)?")


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """Every command's CSV, excel-sv and xlsx, from a folder whose name starts with '=' too."""
    from typer.testing import CliRunner

    from vardmedel.cli import app

    root = tmp_path_factory.mktemp("formulas")
    folder = root / "=agreements"
    folder.mkdir()
    for year in (2021, 2022):
        (folder / f"{year}-x.yaml").write_text(agreement(year), encoding="utf-8")
    runner = CliRunner()
    checked = runner.invoke(app, ["check", str(folder)])
    assert checked.exit_code == 0, checked.output  # texts like these are allowed: the outputs must cope
    files = {}
    for name, args in COMMANDS.items():
        for format_name, suffix in (("csv", ".csv"), ("excel-sv", ".sv.csv"), ("xlsx", ".xlsx")):
            target = root / f"{name}{suffix}"
            result = runner.invoke(
                app, [*args, "--agreements", str(folder), "--no-bundled", "-f", format_name, "-o", str(target)]
            )
            assert result.exit_code == 0, (name, format_name, result.output)
            files[name, format_name] = target
    return files


def unguarded(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def csv_cells(text: str, delimiter: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_csv_cell_starts_a_formula(written, command):
    cells = csv_cells(written[command, "csv"].read_text(encoding="utf-8"), ",")
    assert cells
    assert [cell for cell in cells if unguarded(cell) and not NUMBER.fullmatch(cell)] == []


@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_excel_sv_cell_starts_a_formula(written, command):
    """A ``="…"`` cell is a formula whose value is that text (a code kept as text): the text inside is guarded."""
    text = written[command, "excel-sv"].read_text(encoding="utf-8-sig")
    found = []
    for cell in csv_cells(text, ";"):
        shown = cell[2:-1].replace('""', '"') if cell.startswith('="') and cell.endswith('"') else cell
        if shown is not cell and '"' in cell[2:-1].replace('""', ""):
            found.append(cell)  # more than one quoted text: not the one formula we write
        elif unguarded(shown) and not NUMBER.fullmatch(shown):
            found.append(cell)
    assert found == []


@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_xlsx_cell_or_sheet_name_starts_a_formula(written, command):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(written[command, "xlsx"])
    # (a tab in a sheet name reads back as a space: names must not start with either)
    found = [sheet.title for sheet in book.worksheets if unguarded(sheet.title) or sheet.title[:1].isspace()]
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str) and unguarded(cell.value)):
                    found.append(f"{sheet.title}!{cell.coordinate}: {cell.value!r}")
    assert found == []


def test_the_texts_reach_the_spreadsheets(written):
    """The guard is tested on the texts themselves: each field people read in a table is there, guarded."""
    openpyxl = pytest.importorskip("openpyxl")
    cells = []
    for (_command, format_name), path in written.items():
        if format_name == "xlsx":
            book = openpyxl.load_workbook(path)
            cells += [sheet.title for sheet in book.worksheets]
            cells += [str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row]
        else:
            cells.append(path.read_text(encoding="utf-8-sig"))
    everything = "\n".join(cells)
    first_in_a_cell = ["title", "source title", "recipient name", "area title", "area short title", "pot title"]
    first_in_a_cell += ["pot quote", "pot note", "pot assumption", "report what", "report by", "report to"]
    missing = [field for field in first_in_a_cell if "'" + TEXTS[field] not in everything]
    assert missing == []
