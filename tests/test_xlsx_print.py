"""Workbooks that print: page setup read back from the file, and the PDF that LibreOffice makes of it.

The PDF tests are marked ``libreoffice``: skipped where LibreOffice is not
installed (``apt-get install libreoffice-calc-nogui poppler-utils``), unless
VARDMEDEL_REQUIRE_TOOLS=1 (set by ``.ci/run``) makes its absence a failure.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import zipfile

import pytest
from conftest import require_tool
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")


@pytest.fixture(scope="module")
def workbook_2022(tmp_path_factory):
    from typer.testing import CliRunner

    from vardmedel.cli import app

    folder = tmp_path_factory.mktemp("xlsx")
    target = folder / "2022.xlsx"
    runner = CliRunner()
    assert runner.invoke(app, ["allocate", "2022", "-o", str(target)], catch_exceptions=False).exit_code == 0
    csv_text = runner.invoke(app, ["allocate", "2022", "--format", "csv"], catch_exceptions=False).stdout
    return target, list(csv.DictReader(csv_text.splitlines()))


def test_every_sheet_is_set_up_to_print_landscape_one_page_wide(workbook_2022):
    path, _ = workbook_2022
    book = load_workbook(path)
    assert book.sheetnames == ["Summary", "2022-sammanhallen-jamlik-saker", "Sources"]
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape" and setup.paperSize == 9, sheet.title  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (setup.fitToWidth or 1, setup.fitToHeight) == (1, 0), sheet.title  # 1 wide is the file's default
        assert sheet.print_title_rows == "$1:$1"
        assert "Page &P of &N" in sheet.oddFooter.right.text
        assert sheet.oddFooter.left.text.startswith("Sources: Överenskommelse sammanhållen, jämlik och säker vård, SKR")
    summary = book["Summary"]
    assert summary.print_title_cols == "$A:$C"  # Id, Recipient, Kind: the labels beside every amount
    assert summary.oddHeader.left.text == "&BAllocation 2022: Sammanhållen, jämlik och säker vård 2022"  # in bold
    assert book["Sources"].print_title_cols == "$A:$D"


def test_widths_come_from_content_and_headers_wrap(workbook_2022):
    path, _ = workbook_2022
    summary = load_workbook(path)["Summary"]
    # the file holds xlsxwriter's width in characters plus its padding (18 -> 18.71)
    widths = {cell.value: int(summary.column_dimensions[cell.column_letter].width) for cell in summary[1]}
    assert widths["Id"] == len("stockholm-gotland") + 1
    # 'Strukturerade uppgifter om läkemedel för förbättrad patientsäkerhet': its longest word, not all 68 characters
    assert widths["Strukturerade uppgifter om läkemedel för förbättrad patientsäkerhet"] == len("patientsäkerhet") + 1
    assert widths["Total"] == len("384,000,000") + 1
    assert widths["Recipient"] == 41  # the 71-character name of the registers wraps at 40
    assert summary["A1"].alignment.wrap_text
    registers = next(row for row in summary.iter_rows(min_row=2) if row[0].value == "kvalitetsregister")
    # wrapped at 40 characters: 'Nationella kvalitetsregister,' / 'registercentrum och nationell' / 'stödfunktion'
    assert registers[1].alignment.wrap_text and summary.row_dimensions[registers[1].row].height == 3 * 15


def test_notes_are_wrapped_in_merged_cells_across_the_table(workbook_2022):
    path, rows = workbook_2022
    summary = load_workbook(path)["Summary"]
    last_column = get_column_letter(summary.max_column)
    merged = {str(area) for area in summary.merged_cells.ranges}
    notes = [row[0] for row in summary.iter_rows(min_row=len(rows) + 3) if isinstance(row[0].value, str)]
    assert notes[0].value.startswith("Check: the amounts of 31 recipients add up to 384 000 000 kr")
    for note in notes:
        assert f"A{note.row}:{last_column}{note.row}" in merged
        assert note.alignment.wrap_text
    long_note = next(n for n in notes if n.value.startswith("* 2022-sammanhallen-jamlik-saker-vard/vardforlopp"))
    assert summary.row_dimensions[long_note.row].height >= 30  # room for its lines


def test_the_summary_has_a_native_chart_of_kronor_per_inhabitant(workbook_2022):
    path, _ = workbook_2022
    with zipfile.ZipFile(path) as archive:
        charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
        assert charts == ["xl/charts/chart1.xml"]
        chart = archive.read(charts[0]).decode()
        drawing_rels = archive.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
    assert "<c:barChart>" in chart and '<c:barDir val="bar"/>' in chart
    assert "Summary!$B$2:$B$22" in chart  # the 21 regions' names
    assert "Summary!$J$2:$J$22" in chart  # their kr/inv.
    assert "Kronor per inhabitant" in chart
    assert "drawing" in drawing_rels  # on the summary sheet itself


@pytest.fixture(scope="module")
def printed(workbook_2022, tmp_path_factory):
    """The 2022 workbook as LibreOffice prints it: one text per page (pdftotext -layout) and the page sizes."""
    require_tool(
        SOFFICE and POPPLER, "LibreOffice or poppler-utils", "apt-get install libreoffice-calc-nogui poppler-utils"
    )
    path, rows = workbook_2022
    folder = tmp_path_factory.mktemp("pdf")
    home = folder / "home"  # LibreOffice writes a profile; keep it here, not in the user's home
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}  # numbers as 25,982,145
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(path)],
        check=True, capture_output=True, timeout=180, env=env,
    )  # fmt: skip
    pdf = folder / "2022.pdf"
    info = subprocess.run(["pdfinfo", "-l", "99", str(pdf)], capture_output=True, text=True, check=True).stdout
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[: len(sizes)]
    return pages, [(float(w), float(h)) for w, h in sizes], rows


@pytest.mark.libreoffice
def test_libreoffice_prints_each_sheet_one_landscape_page_wide(printed):
    pages, sizes, _ = printed
    assert len(pages) <= 9  # three sheets; it was 27 pages, each sheet 5-8 pages wide
    for width, height in sizes:
        assert (round(width), round(height)) == (842, 595)  # A4 landscape
    # the page header names the sheet; every page of a sheet shows its first and its last column
    for sheet, first, last in (
        ("Summary", "Id", "kr/inh."),
        ("2022-sammanhallen-jamlik-saker", "Id", "kr/inh."),
        ("Sources", "Agreement", "Assumption"),
    ):
        its = [page for page in pages if page.splitlines()[0].rstrip().endswith(sheet)]
        assert its, sheet
        for page in its:
            header = next(line for line in page.splitlines() if line.lstrip().startswith(first))
            assert last in header, (sheet, header)


@pytest.mark.libreoffice
def test_page_one_holds_the_whole_summary_width(printed):
    first = printed[0][0]
    assert "Allocation 2022: Sammanhållen, jämlik och säker vård 2022" in first  # the page header
    assert "Sources: Överenskommelse sammanhållen" in first and "Page 1 of" in first  # the page footer
    for header in ("Id", "Recipient", "Kind", "Total", "kr/inh."):
        assert header in first
    assert "Check: the amounts of 31 recipients add up to 384 000 000 kr" in first  # the notes, not cut off


@pytest.mark.libreoffice
def test_every_amount_is_on_the_same_line_as_its_recipient(printed):
    """Each recipient's row, name and amounts and total, is one line of one page: nothing on a page of its own."""
    pages, _, rows = printed
    summary_lines = pages[0].splitlines()
    for row in rows:
        line = next((line for line in summary_lines if re.match(rf"{re.escape(row['recipient'])}\s", line)), None)
        assert line is not None, row["recipient"]
        numbers = [
            int(n.replace(",", "").replace("\u00a0", "").replace(" ", "")) for n in re.findall(r"\d[\d,]*\d|\d", line)
        ]
        assert int(row["total"]) in numbers, (row["recipient"], line)
        for key in (
            "sakrare-vard",
            "kvalitetsregister",
            "lakemedelsinformation",
            "sallsynta-halsotillstand",
            "vardforlopp",
        ):
            assert int(row[key]) in numbers, (row["recipient"], key, line)
