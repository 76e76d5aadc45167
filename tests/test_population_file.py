"""Population files as people have them (--population): formats read, files refused, notes that tell the truth.

The fixtures in fixtures/population/ hold SCB's 1 November 2021 figures (the bundled 2021-11-01 dataset) in
the shapes analysts have them: this tool's own CSV export, Swedish Excel (semicolons, Windows-1252, no-break
spaces between thousands), SCB's statistical database downloads (Latin-1 with a title line and
"01 Stockholms län"; UTF-8 with BOM, a Riket row and a footnote) and a retyped "region;folkmängd" table.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vardmedel.population_file import PopulationFileError, read_population_file

FIXTURES = Path(__file__).parent / "fixtures" / "population"
SHAPES = {
    "vardmedel-export.csv": ("UTF-8", "comma"),
    "excel-sv.csv": ("Windows-1252", "semicolon"),
    "scb-latin1.csv": ("Windows-1252", "semicolon"),  # Latin-1's letters read the same as cp1252
    "scb-utf8-bom.csv": ("UTF-8 with BOM", "comma"),
    "region-folkmangd.csv": ("UTF-8", "semicolon"),
}
BUNDLED_DATE_OR_SOURCE = ("2021-11-01", "1 november 2021", "1 November 2021", "FolkmangdNov", "Kvinnors hälsa 2022")


def write(tmp_path: Path, text: str, name: str = "pop.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def table(reference, date: str = "2021-11-01", header: str = "code,population", sep: str = ",") -> str:
    figures = reference.populations[date].figures
    return header + "\n" + "".join(f"{code}{sep}{figure}\n" for code, figure in figures.items())


# --- every shape gives the bundled figures, and allocate the same result byte for byte --------------------


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_each_shape_reads_as_the_bundled_figures(name, reference):
    dataset = read_population_file(FIXTURES / name, reference)
    assert dataset.figures == reference.populations["2021-11-01"].figures
    assert dataset.total == 10_443_100
    encoding, separator = SHAPES[name]
    assert dataset.method == f"read from {FIXTURES / name} ({encoding}, {separator}-separated)"
    assert dataset.path == str(FIXTURES / name) and dataset.date is None


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_allocate_with_each_shape_is_byte_identical_to_the_bundled_figures(cli, name):
    bundled = cli("allocate", "2022", "--format", "csv")
    own = cli("allocate", "2022", "--format", "csv", "--population", FIXTURES / name)
    assert own.exit_code == 0, own.stderr
    assert own.stdout_bytes == bundled.stdout_bytes
    as_json = json.loads(cli("allocate", "2022", "-f", "json", "--population", FIXTURES / name).stdout)
    assert as_json["recipients"] == json.loads(cli("allocate", "2022", "-f", "json").stdout)["recipients"]


def test_population_csv_export_round_trips(cli, tmp_path, reference):
    for date in ("2021-11-01", "2023-12-31", "2020-12-31"):
        path = tmp_path / f"{date}.csv"
        assert cli("population", date, "--format", "csv", "-o", path).exit_code == 0
        assert read_population_file(path, reference).figures == reference.populations[date].figures
    bundled = cli("allocate", "2022", "--format", "csv").stdout_bytes
    assert cli("allocate", "2022", "-f", "csv", "--population", tmp_path / "2021-11-01.csv").stdout_bytes == bundled


def test_a_user_file_is_shown_by_the_population_command(cli):
    path = FIXTURES / "excel-sv.csv"
    result = cli("population", "2021-11-02", "-f", "json", "--population", f"2021-11-02={path}")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["id"], data["total"], data["source"]) == ("2021-11-02", 10_443_100, f"your population file {path}")


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"])
def test_thousands_may_be_grouped_by_any_swedish_space(tmp_path, reference, space):
    figures = reference.populations["2021-11-01"].figures
    text = "code;population\n" + "".join(f"{c};{f:,}\n".replace(",", space) for c, f in figures.items())
    assert read_population_file(write(tmp_path, text), reference).figures == figures


def test_codes_without_leading_zero_and_names_alone_are_regions(tmp_path, reference):
    figures = reference.populations["2021-11-01"].figures
    rows = [f"{int(code)},{figure}" if code < "13" else f"Region {reference.recipients[code].short_name},{figure}"
            for code, figure in figures.items()]  # fmt: skip
    path = write(tmp_path, "region,population\n" + "\n".join(rows) + "\n")
    assert read_population_file(path, reference).figures == figures


def test_a_dated_file_is_the_dataset_of_that_date(tmp_path, reference):
    dataset = read_population_file(FIXTURES / "scb-latin1.csv", reference, "2021-11-01")
    assert (dataset.id, dataset.date.isoformat()) == ("2021-11-01", "2021-11-01")
    assert dataset.described == f"2021-11-01 (your population file {FIXTURES / 'scb-latin1.csv'})"


# --- refused, with file:line:column and how to fix it -------------------------------------------------------


def _replace(reference, old: str, new: str) -> str:
    text = table(reference)
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("make", "line", "message"),
    [
        (lambda r: _replace(r, "\n03,", "\n99,"), 3, "'99' is not a län code or name; the 21 län codes are 01 03"),
        (lambda r: _replace(r, "\n03,", "\n01,"), 3, "01 (Stockholms län) appears twice (also line 2)"),
        (lambda r: table(r).replace("13,339903\n", ""), 21, "no population for 13 (Halland); the file needs one row"),
        (lambda r: table(r, header="code;population", sep=";").replace(";394154", ";394154,5"), 3, "'394154,5' is not"),
        (lambda r: _replace(r, ",394154", ",394154.5"), 3, "population '394154.5' is not a whole number"),
        (lambda r: _replace(r, ",394154", ',"394,154"'), 3, "population '394,154' is not a whole number"),
        (lambda r: _replace(r, ",394154", ",-394154"), 3, "population '-394154' is not a whole number"),
        (lambda r: _replace(r, ",394154", ",+394154"), 3, "is not a whole number"),
        (lambda r: _replace(r, ",394154", ",٣٩٤١٥٤"), 3, "population '٣٩٤١٥٤' is not a whole number"),
        (lambda r: _replace(r, ",394154", ",394154²"), 3, "is not a whole number"),
        (lambda r: _replace(r, ",394154", ",39 4154"), 3, "population '39 4154' is not a whole number"),
        (lambda r: _replace(r, ",394154", ",0"), 3, "population '0' must be more than 0"),
        (lambda r: _replace(r, ",394154", ","), 3, "no population on this line"),
        (lambda r: _replace(r, ",394154", ",1234567890"), 3, "has more than 9 digits; no län is that large"),
        (lambda r: _replace(r, ",394154", "," + "9" * 5000), 3, "has more than 9 digits"),
        (lambda r: _replace(r, "\n03,", "\n03 Stockholms län,"), 3, "code 03 is 03 (Uppsala län), but the line"),
        (lambda r: table(r).replace("code,population\n", ""), 1, "no header line comes before it; add the header"),
        (lambda r: "Folkmängd per län\n" + table(r, header="region,share"), 2, "has no population column"),
        (lambda r: table(r, header="region;2020;2021", sep=";"), 1, "the header has 2 population columns (2020, 2021)"),
        (lambda r: "just some text\nand more\n", 1, "no header line found; the file needs one"),
        (lambda r: table(r) + "Riket,10443101\n", 23, "the total row says 10 443 101 but the 21 regions add up"),
        (
            lambda r: _replace(r, "\n03,", "\n03;"),
            3,
            "this line is semicolon-separated but the header (line 1) is comma",
        ),
    ],
)
def test_bad_files_are_refused_at_their_line(cli, tmp_path, reference, make, line, message):
    path = write(tmp_path, make(reference))
    with pytest.raises(PopulationFileError) as caught:
        read_population_file(path, reference)
    assert caught.value.line == line
    assert message in caught.value.message
    result = cli("allocate", "2022", "--population", path)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"vardmedel: error: {path}:{line}:")
    assert message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_missing_file_a_folder_and_a_binary_file_are_refused(cli, tmp_path):
    binary = tmp_path / "image.csv"
    binary.write_bytes(b"code,population\n\x89PNG\x00\x00")
    for path, message in [
        (tmp_path / "nowhere.csv", "cannot open the population file: No such file or directory"),
        (tmp_path, "the population file is a folder"),
        (binary, "the file holds NUL bytes, so it is binary, not CSV text"),
    ]:
        result = cli("allocate", "2022", "--population", path)
        assert result.exit_code == 1
        assert message in result.stderr


def test_a_file_over_the_size_cap_is_refused_without_reading_it(cli, tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as stream:
        stream.truncate(64 * 1024 * 1024)  # sparse: no disk used
    result = cli("allocate", "2022", "--population", path)
    assert result.exit_code == 1
    assert f"{path}:1:1: the file is 67,108,864 bytes; a population table of 21 regions is a few kilobytes" in (
        result.stderr
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path):
    fifo = tmp_path / "population.csv"
    os.mkfifo(fifo)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "-m", "vardmedel", "allocate", "2022", "--population", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,  # a reader that opened the FIFO would wait for a writer forever
        env=env,
    )
    assert result.returncode == 1
    assert f"{fifo}:1:1: the population file is not a regular file (a pipe, device or socket)" in result.stderr


# --- notes name the population actually used -----------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("allocate", "2022"),
        ("allocate", "2022", "--level", "samverkansregion"),
        ("explain", "2022", "-r", "dalarna"),
        ("explain", "2022", "-r", "sodra"),
        ("compare", "2020", "2022"),
        ("compare", "2020", "2022", "--level", "samverkansregion"),
    ],
)
@pytest.mark.parametrize("format_name", ["table", "json"])
def test_with_a_user_file_no_output_names_the_bundled_dataset(cli, args, format_name):
    path = FIXTURES / "scb-latin1.csv"
    result = cli(*args, "--format", format_name, "--population", path, env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.stderr
    for text in BUNDLED_DATE_OR_SOURCE:
        assert text not in result.stdout, text
    uses_population = args[:2] != ("explain", "2022") or args[3] == "dalarna"  # Södra's 2022 pots are equal splits
    if uses_population and (args[0] != "compare" or format_name != "json"):  # compare's JSON carries no notes
        assert f"your population file {path}" in result.stdout


def test_the_assumed_basis_is_said_to_be_set_aside_for_the_user_file(cli):
    path = FIXTURES / "excel-sv.csv"
    out = cli("allocate", "2022", "-f", "table", "--population", path, env={"COLUMNS": "400"}).stdout
    # The file's sentence "SCB's 1 November 2021 figures are used: …" is left out; the rest stays.
    assert (
        "* 2022-sammanhallen-jamlik-saker-vard/vardforlopp/inforande: The source names no population date. "
        f"The population basis the agreement file assumes is set aside: the figures are from your population file {path}."
    ) in out
    assert f"kr/inh.: kronor per inhabitant for regions, population from your population file {path}." in out
    # An assumption that is not about the population basis stays as the file states it.
    assert "sallsynta-halsotillstand/kunskapsstyrning: The source gives the money to" in out


def test_set_aside_keeps_the_reasoning_that_still_holds(bundled, reference):
    from vardmedel.engine import allocate

    dataset = read_population_file(FIXTURES / "scb-utf8-bom.csv", reference)
    result = allocate(bundled["2019-standardiserade-vardforlopp"], reference, dataset)
    pot = next(p for p in result.pots if p.pot_id == "rusta-strukturen")
    assert pot.assumption == (
        'The source gives the money to "den sjukvårdsregionala strukturen" but bases it on "befolkningsunderlaget '
        'i respektive region"; it is read as paid to the 21 regions in proportion to their population (it could '
        "also be read as paid to the six sjukvårdsregioner by theirs). The source names no population date. "
        "The population basis the agreement file assumes is set aside: the figures are from your population file "
        f"{FIXTURES / 'scb-utf8-bom.csv'}."
    )
    assert "2018" not in pot.assumption and pot.as_of is None


def test_a_dated_user_file_is_named_with_its_date(cli, tmp_path):
    path = FIXTURES / "vardmedel-export.csv"
    out = cli("allocate", "2022", "-f", "table", "--population", f"2021-11-01={path}", env={"COLUMNS": "400"}).stdout
    assert f"population 2021-11-01 (your population file {path})." in out
    assert "SCB's 1 November 2021 figures" not in out and "FolkmangdNov" not in out


def test_xlsx_with_a_user_file_names_it_in_the_sources_sheet(cli, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path, out = FIXTURES / "region-folkmangd.csv", tmp_path / "a.xlsx"
    assert cli("allocate", "2022", "--population", path, "-o", out).exit_code == 0
    cells = [str(c) for sheet in openpyxl.load_workbook(out) for row in sheet.iter_rows(values_only=True) for c in row]
    text = " ".join(c for c in cells if c != "None")
    for bundled in BUNDLED_DATE_OR_SOURCE:
        assert bundled not in text, bundled
    assert f"population: regioner, your population file {path}" in text


def test_the_html_report_with_a_user_file_names_it_and_not_the_bundled_dataset(cli, tmp_path):
    path, out = FIXTURES / "scb-latin1.csv", tmp_path / "r.html"
    assert cli("report", "2022", "--population", path, "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    for bundled in BUNDLED_DATE_OR_SOURCE:
        assert bundled not in page, bundled
    assert "your population file" in page and "scb-latin1.csv" in page
