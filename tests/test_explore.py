"""The analyst commands through the real command line: explain, compare, list, show, regions, population."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import NB, rows_of

ROOT = Path(__file__).resolve().parent.parent


# --- explain -------------------------------------------------------------------------------------------


def test_explain_dalarna_shows_population_total_exact_share_and_rounding(cli):
    result = cli("explain", "2022", "--recipient", "dalarna", "--format", "table")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    # 112 500 000 × 288 164 = 32 418 450 000 000; / 10 443 100 = 3 104 293,7443… (checked by hand)
    # the share cut to three decimals follows ≈, never ends in a … that would read as a number cut off
    assert f"112{NB}500{NB}000 × 288{NB}164 / 10{NB}443{NB}100 ≈ 3{NB}104{NB}293,744 → 3{NB}104{NB}294" in out
    assert "…" not in out
    assert "up: 1 kr from the remainder" in out
    assert "Region Dalarna (20) 2022: 3 104 294 kr from 1 pot\n" in out
    assert (
        "Population 2021-11-01: Dalarna 288 164 of 10 443 100 inhabitants. Source: SCB folkmängd 1 november 2021" in out
    )
    assert "* 2022-sammanhallen-jamlik-saker-vard/vardforlopp/inforande: The source names no population date." in out
    assert "part of Sjukvårdsregion Mellansverige, which receives 10 666 667 kr" in out


@pytest.mark.parametrize("spelling", ["20", "dalarna", "DALARNA", "Region Dalarna", "region dalarna", "Dalarnas län"])
def test_explain_finds_a_region_however_it_is_written(cli, spelling):
    rows = rows_of(cli("explain", "2022", "-r", spelling, "-f", "csv").stdout)
    assert [(r["pot"], r["amount"]) for r in rows] == [("vardforlopp/inforande", "3104294")]


def test_explain_csv_carries_the_arithmetic_as_numbers(cli):
    rows = rows_of(cli("explain", "2022", "-r", "orebro", "-f", "csv").stdout)
    (row,) = rows
    assert (row["weight"], row["total_weight"], row["pot_amount"]) == ("306688", "10443100", "112500000")
    assert Fraction(row["exact_share"]) == Fraction(112_500_000 * 306_688, 10_443_100)
    assert int(row["amount"]) == 3_303_847  # the value allocate prints for Örebro
    assert int(row["amount"]) - int(row["from_remainder"]) == 112_500_000 * 306_688 // 10_443_100
    assert "\u00a0" not in row["arithmetic"]  # machine formats get plain spaces


def test_explain_an_equal_split_rounded_down_and_up(cli):
    sodra = rows_of(cli("explain", "2022", "-r", "Södra", "-f", "csv").stdout)
    norra = rows_of(cli("explain", "2022", "-r", "norra", "-f", "csv").stdout)
    # 4 000 000 / 6 = 666 666,67: the 4 kronor left go to the first four in the fixed order
    kunskap = {r["pot"]: r for r in sodra}["sallsynta-halsotillstand/kunskapsstyrning"]
    assert (kunskap["amount"], kunskap["rounding"], kunskap["from_remainder"]) == ("666666", "down", "0")
    kunskap = {r["pot"]: r for r in norra}["sallsynta-halsotillstand/kunskapsstyrning"]
    assert (kunskap["amount"], kunskap["from_remainder"]) == ("666667", "1")
    assert kunskap["arithmetic"] == "4 000 000 × 1 / 6 ≈ 666 666,666 → 666 667"
    framtagande = {r["pot"]: r for r in norra}["vardforlopp/framtagande"]
    assert (framtagande["rounding"], framtagande["arithmetic"]) == (
        "exact",
        "60 000 000 × 1 / 6 = 10 000 000 → 10 000 000",
    )


def test_explain_an_organisation_sums_its_pots(cli):
    result = cli("explain", "2022", "-r", "SKL", "-f", "json")
    data = json.loads(result.stdout)
    assert data["recipient"]["id"] == "skr"
    assert data["total"] == 24_500_000 == 2_000_000 + 5_000_000 + 17_500_000
    assert [p["arithmetic"] for p in data["pots"]] == [
        "the whole pot: 2 000 000",
        "the whole pot: 5 000 000",
        "the whole pot: 17 500 000",
    ]


def test_explain_a_samverkansregion_points_at_its_regions(cli):
    out = cli("explain", "2022", "-r", "Uppsala-Örebro", "-f", "table").stdout
    assert "Sjukvårdsregion Mellansverige (mellansverige) 2022: 10 666 667 kr from 2 pots" in out
    # 03 04 17 18 19 20 21 in 2022: 4 246 088 + 3 246 687 + 3 050 484 + 3 303 847 + 3 002 567 + 3 104 294 + 3 101 159
    assert "Its regions (03, 04, 17, 18, 19, 20, 21) receive 23 055 126 kr" in out


def test_explain_json_names_the_population_figure(cli):
    data = json.loads(cli("explain", "2022", "-r", "20", "-f", "json").stdout)
    (pot,) = data["pots"]
    assert pot["population"] == {
        "id": "2021-11-01",
        "figure": 288_164,
        "total": 10_443_100,
        "source": "SCB folkmängd 1 november 2021 (FolkmangdNov), derived from the official Kvinnors hälsa 2022 table "
        "(1 382 000 000 kr, SKR), which is exactly proportional to this vector",
        "date_assumed": False,
    }
    assert (pot["amount"], pot["from_remainder"]) == (3_104_294, 1)


def test_explain_an_unknown_recipient_suggests_the_closest(cli, tmp_path):
    target = tmp_path / "x.csv"
    result = cli("explain", "2022", "-r", "dalarma", "-o", target)
    assert result.exit_code == 2
    assert "no recipient 'dalarma'; did you mean Region Dalarna (20)" in result.stderr
    assert result.stdout == ""
    assert not target.exists()


# --- compare -------------------------------------------------------------------------------------------


def test_compare_2020_2022_csv(cli):
    result = cli("compare", "2020", "2022", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "recipient,name,kind,2020,2022,change,change_percent,kr_per_inhabitant_2020,kr_per_inhabitant_2022"
    )
    # Stockholm: 49 264 667 → 25 982 145; −23 282 522 is −47,26 % of 2020
    assert lines[1] == "01,Region Stockholm,region,49264667,25982145,-23282522,-47.3,21.02,10.77"
    rows = rows_of(result.stdout)
    assert sum(int(r["2020"]) for r in rows) == 290_000_000
    assert sum(int(r["2022"]) for r in rows) == 384_000_000
    assert sum(int(r["change"]) for r in rows) == 94_000_000
    new = {r["recipient"]: r for r in rows}["csd"]
    assert (new["2020"], new["change"], new["change_percent"]) == ("0", "6000000", "")


def test_compare_pipes_cleanly_into_head():
    command = f"{sys.executable} -m vardmedel compare 2020 2022 --format csv | head -2"
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.splitlines()[1].startswith("01,Region Stockholm,region,")


def test_compare_sorts(cli):
    def order(*options):
        return [r["recipient"] for r in rows_of(cli("compare", "2020", "2022", "-f", "csv", *options).stdout)]

    assert order("--sort", "change")[:2] == ["kvalitetsregister", "skr"]
    assert order("--sort", "change")[-1] == "01"  # Stockholm loses most
    assert order("--sort", "change", "--reverse")[0] == "01"
    by_percent = order("--sort", "percent")
    assert by_percent[0] == "skr"  # +63,3 %
    assert set(by_percent[-3:]) == {"csd", "kvalitetsregister", "strama"}  # no 2020 amount, no percent: last
    assert order("--sort", "b")[0] == "kvalitetsregister"
    assert order("--sort", "name")[0] == "csd"  # Centrum för sällsynta diagnoser


def test_compare_agreements_and_samverkansregioner(cli):
    result = cli("compare", "2019-standardiserade-vardforlopp", "2020-vardforlopp", "--level", "samverkansregion")
    rows = rows_of(result.stdout)
    assert [r["recipient"] for r in rows] == [
        "norra", "mellansverige", "stockholm-gotland", "sydostra", "sodra", "vastra", "skr",
    ]  # fmt: skip
    assert sum(int(r["2019-standardiserade-vardforlopp"]) for r in rows) == 100_000_000
    assert sum(int(r["2020-vardforlopp"]) for r in rows) == 290_000_000
    # Norra per inhabitant, by its regions 22-25 on 2018-12-31 (245 453 + 130 280 + 270 154 + 250 497 = 896 384):
    # 10 257 289 / 896 384 = 11,443… and 28 838 620 / 896 384 = 32,172…
    norra = rows[0]
    assert (norra["2019-standardiserade-vardforlopp"], norra["2020-vardforlopp"]) == ("10257289", "28838620")
    assert (
        norra["kr_per_inhabitant_2019-standardiserade-vardforlopp"],
        norra["kr_per_inhabitant_2020-vardforlopp"],
    ) == (
        "11.44",
        "32.17",
    )
    assert all(r["kr_per_inhabitant_2020-vardforlopp"] for r in rows[:6])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["2031", "2022"], "no agreement for year 2031"),
        (["2022", "2022"], "two different"),
        (
            ["2020", "2022", "--sort", "size"],
            "'size' is not one of 'recipient', 'code', 'name', 'a', 'b', 'total', 'change', 'percent', 'per-capita'",
        ),
        (["2020", "nope"], "no agreement nope"),
    ],
)
def test_compare_usage_errors(cli, args, message):
    result = cli("compare", *args)
    assert result.exit_code == 2
    assert message in result.stderr


# --- list and show -------------------------------------------------------------------------------------


def test_list(cli):
    rows = rows_of(cli("list", "-f", "csv").stdout)
    assert [(r["id"], r["year"], r["stated_total"], r["total"]) for r in rows] == [
        ("2019-god-och-nara-vard", "2019", "2430000000", "2430000000"),
        ("2019-standardiserade-vardforlopp", "2019", "100000000", "100000000"),
        ("2020-vardforlopp", "2020", "290000000", "290000000"),
        ("2022-sammanhallen-jamlik-saker-vard", "2022", "384000000", "384000000"),
    ]
    assert rows[0]["file"].endswith("2019-god-och-nara-vard.yaml")


def test_show_draws_a_tree_with_rules_quotes_and_assumptions(cli):
    out = cli("show", "2022-sammanhallen-jamlik-saker-vard", "-f", "table").stdout
    assert out.startswith("2022-sammanhallen-jamlik-saker-vard: Sammanhållen, jämlik och säker vård 2022: 384")
    assert "└── vardforlopp: Personcentrerade och sammanhållna vårdförlopp: 190 000 000 kr (as stated)" in out.replace(
        NB, " "
    )
    assert "rule: by population: regioner, 2021-11-01" in out
    assert "Dessa medel fördelas med lika till de sex samverkansregionerna" in out
    assert "assumption: The source names no population date." in out


def test_show_rows_for_machines_and_a_year_for_an_id(cli):
    rows = rows_of(cli("show", "2022", "-f", "csv").stdout)
    assert len(rows) == 9
    assert sum(int(r["amount"]) for r in rows) == 384_000_000
    data = json.loads(cli("show", "2020-vardforlopp", "-f", "json").stdout)
    assert data["agreement"]["total"] == 290_000_000


def test_show_unknown_or_ambiguous(cli):
    unknown = cli("show", "2022-sammanhallen")
    assert unknown.exit_code == 2
    assert "did you mean 2022-sammanhallen-jamlik-saker-vard" in unknown.stderr
    ambiguous = cli("show", "2019")
    assert ambiguous.exit_code == 2
    assert "2019 has 2 agreements" in ambiguous.stderr


# --- regions and population ----------------------------------------------------------------------------


def test_regions(cli):
    rows = rows_of(cli("regions", "-f", "csv").stdout)
    by_id = {r["id"]: r for r in rows}
    assert len(rows) == 21 + 6 + 1
    assert by_id["13"]["samverkansregion"] == "sodra + vastra"
    assert by_id["sodra"]["members"] == "07 10 12 13(Halmstad Hylte Laholm)"
    total = 10_551_707  # SCB, 31 December 2023
    assert sum(int(r["population"]) for r in rows if r["kind"] == "region") == total
    assert sum(int(r["population"]) for r in rows if r["kind"] == "samverkansregion") == total
    # Halland 343 746 split 142 660 : 201 086 (its kommuner); Södra = 07 + 10 + 12 + Halland's part
    assert int(by_id["sodra"]["population"]) == 203_686 + 157_973 + 1_421_781 + 142_660


def test_population_datasets_and_one_dataset(cli):
    datasets = rows_of(cli("population", "-f", "csv").stdout)
    assert [d["id"] for d in datasets] == [
        "2017-12-31", "2018-12-31", "2019-11-01", "2019-12-31", "2020-12-31", "2021-11-01", "2021-12-31", "2023-12-31",
    ]  # fmt: skip
    # SCB's national totals (data/SOURCES.md): 31 Dec 2020 10 379 295, 31 Dec 2021 10 452 326
    totals = {d["id"]: d["total"] for d in datasets}
    assert (totals["2020-12-31"], totals["2021-12-31"]) == ("10379295", "10452326")
    assert {d["id"]: d["total"] for d in datasets}["2021-11-01"] == "10443100"
    rows = rows_of(cli("population", "2021-11-01", "-f", "csv").stdout)
    assert len(rows) == 21
    assert sum(int(r["population"]) for r in rows) == 10_443_100
    assert {r["code"]: r["share_percent"] for r in rows}["01"] == "23.10"  # 2 411 859 / 10 443 100


def test_population_unknown_date_and_own_file(cli, tmp_path, reference):
    result = cli("population", "2021-11-02")
    assert result.exit_code == 2
    assert "known: 2017-12-31, 2018-12-31" in result.stderr
    figures = reference.populations["2023-12-31"].figures
    path = tmp_path / "scb.csv"
    path.write_text("code,population\n" + "".join(f"{c},{p + 1}\n" for c, p in figures.items()), encoding="utf-8")
    rows = rows_of(cli("population", "2024-12-31", "--population", f"2024-12-31={path}", "-f", "csv").stdout)
    assert sum(int(r["population"]) for r in rows) == sum(figures.values()) + 21


def test_explain_a_recipient_without_money_says_so(cli, tmp_path, write_agreement):
    write_agreement(amount="7 kr", rule="{fixed: skr}")
    result = cli("explain", "2022", "-r", "gotland", "--agreements", tmp_path, "--no-bundled", "-f", "table")
    assert result.exit_code == 0
    assert "Region Gotland (09) 2022: 0 kr from 0 pots" in result.stdout
    assert "Region Gotland receives no money directly from the agreements of 2022." in result.stdout
