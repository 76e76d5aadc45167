"""Input that used to end in an internal error (exit 70): each now gets its message and its exit code."""

from __future__ import annotations

import csv

import openpyxl
import pytest

FIVE_THOUSAND = "1" * 5000


def rows_of(text: str) -> dict[str, dict]:
    return {row["recipient"]: row for row in csv.DictReader(text.splitlines())}


def test_a_5000_digit_amount_is_a_problem_at_its_place(cli, agreement):
    folder = agreement(amount=FIVE_THOUSAND)
    result = cli("check", folder)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{folder / '2022-x.yaml'}:10:17: error: '{'1' * 39}…' has 5 000 digits; a number here has at most 18: "
        "check for extra digits [number-too-long]"
    )
    refused = cli("allocate", "2022", "--agreements", folder, "--no-bundled")
    assert refused.exit_code == 1
    assert "has 5 000 digits" in refused.stderr


def test_a_5000_digit_amount_written_as_text_is_too_large(cli, agreement):
    result = cli("check", agreement(amount=f'"{FIVE_THOUSAND} kr"'))
    assert result.exit_code == 1
    assert f"error: '{'1' * 39}…' has 5 000 digits; a number here has at most 18" in result.stdout
    assert result.stdout.count("1" * 40) == 0  # the value is not repeated whole


def test_a_5000_digit_population_figure_is_a_problem(cli, agreement):
    folder = agreement(rule=f'{{population: ["01", "03"], figures: {{"01": {FIVE_THOUSAND}, "03": 7}}}}')
    result = cli("check", folder)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2  # the stand-in for the number is not reported again as a missing figure
    assert lines[0].endswith(
        "2022-x.yaml:11:58: error: '111111111111111111111111111111111111111…' has 5 000 digits; a number here has at "
        "most 18: check for extra digits [number-too-long]"
    )


def test_a_wrong_figure_is_pointed_at_not_the_group(cli, agreement):
    folder = agreement(rule='{population: ["01", "03"], figures: {"01": many, "03": 7}}')
    result = cli("check", folder)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].endswith(
        "2022-x.yaml:11:58: error: areas[0].pots[0].rule.figures.01: expected a whole number, got the text 'many' "
        "[schema-type]"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("allocate", "2022"),
        ("allocate", "2022", "--by", "agreement"),
        ("show", "2022-x"),
        ("explain", "2022", "-r", "strama"),
        ("list",),
    ],
)
def test_markup_in_a_title_is_shown_as_written(cli, agreement, args):
    title = "'Vård [/] och [/bold] [red]rött :smile:'"
    recipient = f"recipients:\n  strama: {{name: {title}}}\n"
    folder = agreement(title=title, area_title=title, extra=recipient, rule="{fixed: strama}")
    result = cli(*args, "--agreements", folder, "--no-bundled", "-f", "table")
    assert result.exit_code == 0, result.stderr
    assert "Vård [/] och [/bold] [red]rött :smile:" in result.stdout.replace("\n", "")


def test_rolled_up_per_capita_is_blank_where_inline_figures_do_not_reach(cli, agreement):
    folder = agreement(rule='{population: ["01", "03"], figures: {"01": 5, "03": 7}}')
    result = cli("allocate", "2022", "--agreements", folder, "--no-bundled", "--level", "samverkansregion", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    rows = rows_of(result.stdout)
    # 60 000 000 × 5/12 and × 7/12; Stockholm (01) rolls into Stockholm-Gotland, Uppsala (03) into Mellansverige.
    assert (rows["stockholm-gotland"]["total"], rows["mellansverige"]["total"]) == ("25000000", "35000000")
    assert rows["stockholm-gotland"]["kr_per_inhabitant"] == ""  # the figures do not cover Gotland (09)


def test_rolled_up_per_capita_is_blank_where_nobody_lives(cli, agreement):
    codes = ["01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13"]
    codes += ["14", "17", "18", "19", "20", "21", "22", "23", "24", "25"]
    empty = {"07", "10", "12", "13"}  # Södra's regions: Kronoberg, Blekinge, Skåne, Halland
    figures = ", ".join(f'"{code}": {0 if code in empty else 1}' for code in codes)
    pots = f"""{{population: regioner, figures: {{{figures}}}}}
      - id: q
        amount: 60 mnkr
        rule: {{equal: samverkansregioner}}"""
    folder = agreement(rule=pots)
    result = cli("allocate", "2022", "--agreements", folder, "--no-bundled", "--level", "samverkansregion", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    sodra = rows_of(result.stdout)["sodra"]
    assert (sodra["total"], sodra["kr_per_inhabitant"]) == ("10000000", "")  # its sixth of q, and nobody to share it


def test_inline_figures_for_samverkansregioner_weight_them_directly(cli, agreement):
    folder = agreement(rule="{population: [norra, sodra], figures: {norra: 5, sodra: 7}}")
    result = cli("allocate", "2022", "--agreements", folder, "--no-bundled", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    rows = rows_of(result.stdout)
    assert (rows["norra"]["total"], rows["sodra"]["total"]) == ("25000000", "35000000")


def test_a_weight_longer_than_a_spreadsheet_keeps_is_text_in_xlsx(cli, agreement, tmp_path):
    folder = agreement(rule='{shares: {"01": 100000000000000000, "03": 1}}')
    target = tmp_path / "explain.xlsx"
    result = cli("explain", "2022", "-r", "01", "--agreements", folder, "--no-bundled", "-o", target)
    assert result.exit_code == 0, result.stderr
    header, row = list(openpyxl.load_workbook(target).active.iter_rows(max_row=2, values_only=True))
    cell = dict(zip(header, row, strict=True))
    assert (cell["Weight"], cell["Total weight"]) == ("100000000000000000", "100000000000000001")
    assert cell["Amount"] == 60_000_000  # 60 000 000 × 10^17 / (10^17 + 1) = 59 999 999,9…, and the krona left over


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("allocate", "--years", "²⁰²²"),
            "vardmedel: error: --years takes years like 2019-2022 or 2019,2022, not '²⁰²²'",
        ),
        (("compare", "²⁰²⁰", "2022"), "vardmedel: error: no agreement ²⁰²⁰; years: 2019, 2020, 2022;"),
        (("compare", "٢٠٢٠", "2022"), "vardmedel: error: no agreement ٢٠٢٠; years: 2019, 2020, 2022;"),
    ],
)
def test_digits_of_other_scripts_are_no_year(cli, args, message):
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
