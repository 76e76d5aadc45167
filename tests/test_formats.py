"""Output formats: CSV safety, excel-sv for Swedish Excel, xlsx read back, markdown, and every format everywhere."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from conftest import NB

from vardmedel.output import EXTENSIONS, FORMATS, format_for, writer
from vardmedel.report import DECIMAL, KR, Column, Report


def tricky_report() -> Report:
    """Text that a spreadsheet would run, a negative amount, a decimal, a pipe and a mark."""
    return Report(
        title="Test | title",
        columns=[Column("name", "Name"), Column("change", "Change", KR), Column("per", "kr/inv.", DECIMAL)],
        rows=[
            {"name": '=HYPERLINK("http://x")', "change": -1_234_567, "per": Decimal("10.77")},
            {"name": "+46 8 123", "change": 0, "per": None},
            {"name": "-minus", "change": 5, "per": Decimal("-0.50")},
            {"name": "@SUM(A1)", "change": 112_500_000, "per": Decimal("1234.5")},
            {"name": "Region a|b", "change": 1, "per": None},
        ],
        footer=[{"name": "Totalt", "change": 111_265_439}],
        notes=["* an assumption", "plain note"],
        marks={(4, "change"): "*"},
    )


def render(name: str, report: Report) -> str:
    stream = io.StringIO()
    writer(name).write(report, stream)
    return stream.getvalue()


def test_csv_neutralises_formulas_in_text_but_not_numbers():
    rows = list(csv.reader(io.StringIO(render("csv", tricky_report()))))
    assert rows[0] == ["name", "change", "per"]
    assert [r[0] for r in rows[1:]] == ['\'=HYPERLINK("http://x")', "'+46 8 123", "'-minus", "'@SUM(A1)", "Region a|b"]
    assert [r[1] for r in rows[1:]] == ["-1234567", "0", "5", "112500000", "1"]  # numbers, never grouped
    assert rows[3][2] == "-0.50"


def test_excel_sv_is_bom_semicolon_crlf_decimal_comma():
    text = render("excel-sv", tricky_report())
    assert text.startswith("\ufeffName;Change;kr/inv.\r\n")
    lines = text[1:].split("\r\n")
    assert lines[1] == '"\'=HYPERLINK(""http://x"")";-1234567;10,77'  # quoted because of the quotes inside
    assert lines[3] == "'-minus;5;-0,50"
    assert lines[4] == '"=""\'@SUM(A1)""";112500000;1234,5'  # a text with a digit: ="…", so it stays text
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")


def test_excel_sv_through_the_cli_is_bytes_swedish_excel_reads(cli, tmp_path):
    target = tmp_path / "2022.csv"
    assert cli("allocate", "2022", "--format", "excel-sv", "-o", target).exit_code == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfId;Recipient;Kind;")
    assert b'\r\n"=""01""";Region Stockholm;region;0;0;0;0;25982145;25982145;10,77\r\n' in data  # 01 stays text
    assert "Region Sörmland".encode() in data
    piped = cli("allocate", "2022", "-f", "excel-sv").stdout
    assert piped.startswith("\ufeffId;Recipient;Kind;")


def test_markdown_right_aligns_and_groups_amounts():
    text = render("markdown", tricky_report())
    lines = text.splitlines()
    assert lines[0] == "**Test \\| title**"
    assert lines[2] == "| Name | Change | kr/inv. |"
    assert lines[3] == "|---|---:|---:|"
    assert lines[4] == f'| =HYPERLINK("http://x") | -1{NB}234{NB}567 | 10,77 |'
    assert lines[8] == "| Region a\\|b | 1* |  |"
    assert lines[9] == f"| **Totalt** | **111{NB}265{NB}439** |  |"
    assert lines[-2:] == ["- \\* an assumption", "- plain note"]


def test_markdown_of_a_tree_is_a_nested_list(cli):
    out = cli("show", "2020-vardforlopp", "-f", "markdown").stdout
    assert out.startswith("**2020-vardforlopp: Personcentrerade och sammanhållna vårdförlopp 2020: 290")
    assert "\n- vardforlopp: Personcentrerade och sammanhållna vårdförlopp: 290" in out
    assert "\n  - inforande: Förbereda verksamheterna i regionerna att införa vårdförloppen: 215" in out
    assert "\n    - rule: by population: regioner, 2018-12-31\n" in out


def test_table_groups_and_right_aligns():
    text = render("table", tricky_report())
    assert f" -1{NB}234{NB}567 │" in text
    assert f"│ 112{NB}500{NB}000 │" in text
    assert re.search(r"│ {5,}1\* │", text)  # right-aligned, with its mark


def test_xlsx_opens_with_numbers_that_sum_to_the_total(cli, tmp_path):
    import openpyxl

    target = tmp_path / "2022.xlsx"
    result = cli("allocate", "2022", "-o", target)
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Summary", "2022-sammanhallen-jamlik-saker", "Sources"]
    summary = book["Summary"]
    assert summary.freeze_panes == "A2"
    header = [c.value for c in summary[1]]
    assert header[:3] == ["Id", "Recipient", "Kind"]
    total = header.index("Total") + 1
    rows = [r for r in summary.iter_rows(min_row=2) if r[0].value and r[1].value]  # recipients, not the total row
    assert len(rows) == 31
    values = [r[total - 1].value for r in rows]
    assert all(isinstance(v, int) for v in values)
    assert sum(values) == 384_000_000
    assert rows[0][total - 1].number_format == "#,##0"
    total_row = next(r for r in summary.iter_rows(min_row=2) if r[1].value == "Total")  # in the names column
    assert total_row[total - 1].value == 384_000_000
    per_agreement = book["2022-sammanhallen-jamlik-saker"]
    column = [c.value for c in per_agreement[1]].index("Total")
    assert sum(r[column] for r in per_agreement.iter_rows(min_row=2, max_row=32, values_only=True)) == 384_000_000
    sources = book["Sources"]
    assert [c.value for c in sources[1]][:5] == ["Agreement", "Area", "Pot", "Title", "Amount"]
    inforande = next(r for r in sources.iter_rows(min_row=2, values_only=True) if r[2] == "inforande")
    assert inforande[4] == 112_500_000
    assert [c.value for c in sources[1]][5] == "Funders"
    assert inforande[5] == "staten"
    grundanslag = next(r for r in sources.iter_rows(min_row=2, values_only=True) if r[2] == "grundanslag")
    assert grundanslag[5] == "regionerna 100 000 000, staten 74 500 000"
    assert inforande[10].startswith("The source names no population date.")


def test_xlsx_unit_is_a_number_format_over_exact_kronor(cli, tmp_path):
    import openpyxl

    target = tmp_path / "y.xlsx"
    assert cli("allocate", "--years", "2019-2022", "--unit", "tkr", "-o", target).exit_code == 0
    summary = openpyxl.load_workbook(target)["Summary"]
    header = [c.value for c in summary[1]]
    assert header[3:7] == ["2019", "2020", "2022", "Total"]
    # Stockholm's 2019, exact kronor: its population share (2 344 124 of 10 230 185, 2018-12-31) of four pots,
    # each split over the 21 regions by largest remainder (checked by hand against every region's remainder):
    # 1 500 000 000 → 343 706 980,86… → 343 706 981 (the 11 kronor left reach it); 453 000 000 twice →
    # 103 799 508,22… → 103 799 508; 60 000 000 → 13 748 279,23… → 13 748 279. Together 565 054 276.
    assert summary["A2"].value == "01"
    assert summary["D2"].value == 565_054_276
    assert summary["D2"].number_format == "#,##0,"


def test_xlsx_is_refused_on_a_terminal(cli, monkeypatch):
    monkeypatch.setattr("vardmedel.streams.is_terminal", lambda stream: True)
    for args in (("-f", "xlsx"), ("-f", "xlsx", "-o", "-")):
        result = cli("allocate", "2022", *args)
        assert (result.exit_code, result.stdout) == (2, "")
        assert (
            result.stderr
            == "vardmedel: error: xlsx is a binary format; write it to a file with -o FILE, or to a pipe\n"
        )


def test_extensions_pick_formats(tmp_path):
    assert format_for(tmp_path / "a.md", None, True) == "markdown"
    assert format_for(tmp_path / "a.XLSX", None, True) == "xlsx"
    assert format_for(tmp_path / "a.csv", "excel-sv", True) == "excel-sv"
    assert format_for(None, None, False) == "csv"
    assert format_for(None, None, True) == "table"
    assert set(EXTENSIONS.values()) <= set(FORMATS)


COMMANDS = {
    "allocate": ["allocate", "2022"],
    "allocate-level": ["allocate", "2022", "--level", "samverkansregion", "--unit", "mnkr"],
    "allocate-years": ["allocate", "--years", "2019-2022"],
    "list": ["list"],
    "show": ["show", "2022"],
    "explain": ["explain", "2022", "-r", "halland"],
    "compare": ["compare", "2020", "2022"],
    "regions": ["regions"],
    "population": ["population"],
    "population-date": ["population", "2019-11-01"],
}
SUFFIX = {"table": ".txt", "csv": ".csv", "json": ".json", "markdown": ".md", "xlsx": ".xlsx", "excel-sv": ".csv"}


@pytest.mark.parametrize("format_name", list(FORMATS))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_writes_every_format(cli, tmp_path, command, format_name):
    target = tmp_path / f"out{SUFFIX[format_name]}"
    result = cli(*COMMANDS[command], "--format", format_name, "-o", target)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    data = target.read_bytes()
    if format_name == "xlsx":
        assert data.startswith(b"PK")  # a zip container
    elif format_name == "json":
        assert json.loads(data)
    elif format_name == "excel-sv":
        assert data.startswith(b"\xef\xbb\xbf")
    else:
        assert data.decode("utf-8").strip()
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left behind


def test_a_failed_write_leaves_nothing(cli, tmp_path):
    target = tmp_path / "missing-folder" / "out.xlsx"
    result = cli("compare", "2020", "2022", "-o", target)
    assert result.exit_code == 1
    assert "cannot write" in result.stderr
    assert not target.parent.exists()
