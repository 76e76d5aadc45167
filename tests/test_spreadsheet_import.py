"""What a spreadsheet reads is what we wrote: excel-sv and xlsx files imported by a real LibreOffice Calc.

Calc runs headless with Swedish settings (language 1053 for the CSV import:
decimal comma, Swedish words for yes/no) in a profile of its own under the
test's temporary folder. Every cell it reads must equal, in kind and value, the
cell of the xlsx file as written (text stays text: '01' is no number 1, 'mars
2022' no date; numbers stay numbers), and every Id column keeps the län codes
'01' … '09' as text, so rows still join with other data. Skipped where LibreOffice
is not installed (Debian: ``apt-get install libreoffice-calc-nogui``), unless
VARDMEDEL_REQUIRE_TOOLS=1 (.ci/run installs it and sets that) makes that a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import require_tool

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.libreoffice
#: The first nine län codes: what a spreadsheet turns into the numbers 1 … 9 if it may.
CODES = ["01", "03", "04", "05", "06", "07", "08", "09"]

#: Calc's CSV import: ';' between cells, '"' around them, UTF-8, from line 1, standard columns, Swedish.
SWEDISH_CSV = "CSV:59,34,76,1,,1053"

#: Texts a spreadsheet likes to turn into something else, in an agreement that passes the check.
TRICKY = """\
id: 2022-x
year: 2022
title: "=1+1"
source: {title: vardmedel tests}
recipients:
  strama: {name: "1 000"}
areas:
  - id: jan-22
    title: mars 2022
    pots:
      - id: p
        title: SANT
        amount: 60 mnkr
        rule: {shares: {"01": 100000000000000000, "03": 1}}
      - id: "10"
        title: 5 kr
        amount: 1 mnkr
        rule: {fixed: strama}
"""


def calc_import(files: list[Path], folder: Path, infilter: str | None = None) -> dict[str, list[list]]:
    """Each file as Calc reads it (saved again as xlsx, read back with its values): name -> rows of cells."""
    import openpyxl

    out = folder / ("calc-csv" if infilter else "calc-xlsx")
    command = [SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore"]
    command += [f"--infilter={infilter}"] if infilter else []
    command += ["--convert-to", "xlsx", "--outdir", str(out), *map(str, files)]
    environment = {**os.environ, "HOME": str(folder)}  # Calc writes nothing outside the test's folder
    subprocess.run(command, env=environment, check=True, capture_output=True, timeout=300)
    return {file.name: cells(openpyxl.load_workbook(out / f"{file.stem}.xlsx", data_only=True)) for file in files}


def cells(book) -> list[list]:
    """The first sheet's cells, each as (kind, value): numbers compared exactly, whatever their type."""

    def kind(value):
        if isinstance(value, int | float) and not isinstance(value, bool):
            return ("number", Decimal(str(value)).normalize())
        return value  # text, nothing, or what should not be there: a date, a time, a yes/no value

    return [[kind(value) for value in row] for row in book.worksheets[0].iter_rows(values_only=True)]


def plain_spaces(cell):
    return cell.replace("\u00a0", " ") if isinstance(cell, str) else cell


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """excel-sv and xlsx files of four commands, two of them on the tricky agreement."""
    import openpyxl
    from typer.testing import CliRunner

    from vardmedel.cli import app

    require_tool(SOFFICE, "LibreOffice", "apt-get install libreoffice-calc-nogui")
    folder = tmp_path_factory.mktemp("spreadsheets")
    (folder / "agreements").mkdir()
    (folder / "agreements" / "2022-x.yaml").write_text(TRICKY, encoding="utf-8")
    commands = {
        "regions": ["regions"],
        "allocate": ["allocate", "2022"],
        "list": ["list", "--agreements", folder / "agreements", "--no-bundled"],
        "explain": ["explain", "2022", "-r", "01", "--agreements", folder / "agreements", "--no-bundled"],
    }
    runner = CliRunner()
    for name, args in commands.items():
        for format_name, suffix in (("excel-sv", ".csv"), ("xlsx", ".xlsx")):
            target = folder / f"{name}{suffix}"
            result = runner.invoke(app, [*map(str, args), "-f", format_name, "-o", str(target)])
            assert result.exit_code == 0, result.output
    ours = {name: cells(openpyxl.load_workbook(folder / f"{name}.xlsx")) for name in commands}
    return folder, ours


def test_calc_reads_excel_sv_as_written(written):
    folder, ours = written
    read = calc_import(sorted(folder.glob("*.csv")), folder, SWEDISH_CSV)
    for name, rows in ours.items():
        seen = read[f"{name}.csv"]
        # excel-sv has the header and the rows (xlsx adds totals and notes), with plain spaces for no-break ones
        assert seen == [[plain_spaces(cell) for cell in row] for row in rows[: len(seen)]], name
        assert len(seen) >= 2
    for name in ("regions", "allocate"):
        assert [row[0] for row in read[f"{name}.csv"][1:9]] == CODES, name
    listed = read["list.csv"][1]
    assert listed[:3] == ["2022-x", ("number", Decimal(2022)), "'=1+1"]


def test_calc_reads_xlsx_as_written(written):
    folder, ours = written
    read = calc_import(sorted(folder.glob("*.xlsx")), folder)
    for name, rows in ours.items():
        assert read[f"{name}.xlsx"] == rows, name
    for name in ("regions", "allocate"):
        assert [row[0] for row in read[f"{name}.xlsx"][1:9]] == CODES, name
    explained = {row[1]: row for row in read["explain.xlsx"][1:3]}
    weight = explained["jan-22/p"][7]
    assert weight == "100000000000000000"  # 18 digits: text, since a spreadsheet keeps 15
