"""Views of allocate: samverkansregion roll-up, years, display units; recipient lookup; rounding helpers."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from conftest import NB, rows_of

from vardmedel.formatting import in_unit, per_capita, percent
from vardmedel.lookup import RecipientNotFound, normalise, resolve
from vardmedel.views.rollup import roll_up

# --- roll-up to samverkansregioner ---------------------------------------------------------------------


NOV_2021, DEC_2019 = date(2021, 11, 1), date(2019, 12, 31)


def test_halland_is_split_by_kommun_population_and_nothing_is_lost(reference):
    # Halland's 2022 share of vårdförlopp money: 3 661 661 kr, on population of 1 Nov 2021. No kommun figures exist
    # for that date; the nearest later, 31 Dec 2021: Södra 104 573 + 10 619 + 26 319 = 141 511,
    # Västra 85 301 + 66 658 + 46 773 = 198 732 (together 340 243, Halland's figure that day).
    rolled, holds, splits = roll_up({"13": {("vardforlopp", NOV_2021): 3_661_661}}, reference)
    exact_sodra = Fraction(3_661_661 * 141_511, 340_243)  # 1 522 927,17…: the krona left goes to Västra (,83)
    assert rolled["sodra"]["vardforlopp"] == 1_522_927 == round(exact_sodra)
    assert rolled["vastra"]["vardforlopp"] == 3_661_661 - 1_522_927 == 2_138_734
    assert holds["sodra"] == holds["vastra"] == {"13"}
    assert [(f.date, f.wanted) for f in splits] == [(date(2021, 12, 31), NOV_2021)]


def test_halland_money_of_two_dates_is_split_by_each_date_s_kommuner(reference):
    # 1 000 000 kr on 31 Dec 2019 figures (Södra 102 767 + 10 815 + 25 903 = 139 485 of 333 848) and
    # 1 000 000 kr on 1 Nov 2021 figures (141 511 of 340 243), in one column: each part is split by its own date.
    amounts = {"13": {("a", DEC_2019): 1_000_000, ("a", NOV_2021): 1_000_000}}
    rolled, _, splits = roll_up(amounts, reference)
    sodra_2019 = 1_000_000 * 139_485 // 333_848  # 417 809,90… → 417 810 (,90 beats Västra's ,10)
    sodra_2021 = 1_000_000 * 141_511 // 340_243  # 415 911,56… → 415 912 (,56 beats Västra's ,43)
    assert (sodra_2019, sodra_2021) == (417_809, 415_911)
    assert rolled["sodra"]["a"] == 417_810 + 415_912
    assert rolled["vastra"]["a"] == 2_000_000 - 417_810 - 415_912
    assert sorted(f.date for f in splits) == [DEC_2019, date(2021, 12, 31)]


def test_roll_up_keeps_own_money_and_organisations(reference):
    amounts = {
        "20": {("a", NOV_2021): 100},
        "03": {("a", NOV_2021): 1, ("b", NOV_2021): 2},
        "mellansverige": {("a", NOV_2021): 7},
        "skr": {("b", None): 5},
    }
    rolled, _, splits = roll_up(amounts, reference)
    assert rolled == {"mellansverige": {"a": 108, "b": 2}, "skr": {"b": 5}}
    assert splits == []  # no Halland money: nothing split


def test_allocate_at_samverkansregion_level(cli):
    rows = rows_of(cli("allocate", "2022", "--level", "samverkansregion", "-f", "csv").stdout)
    by_id = {r["recipient"]: r for r in rows}
    assert list(by_id) == [
        "norra", "mellansverige", "stockholm-gotland", "sydostra", "sodra", "vastra",
        "skr", "csd", "kvalitetsregister", "strama",
    ]  # fmt: skip
    assert sum(int(r["total"]) for r in rows) == 384_000_000
    # Södra's vårdförlopp: its own 10 000 000 + Kronoberg 2 189 468 + Blekinge 1 712 843 + Skåne 15 092 210
    # + Halland's Södra part 1 522 927 (by the kommuner on 31 Dec 2021, the nearest published to 1 Nov 2021)
    assert int(by_id["sodra"]["vardforlopp"]) == 10_000_000 + 2_189_468 + 1_712_843 + 15_092_210 + 1_522_927
    assert int(by_id["vastra"]["vardforlopp"]) == 10_000_000 + 18_780_027 + 3_661_661 - 1_522_927
    # per inhabitant, Halland counted by its kommuner' share: exact, then rounded once
    population = 203_243 + 158_999 + 1_400_973 + Fraction(339_903 * 141_511, 340_243)
    hundredths = int(Fraction(int(by_id["sodra"]["total"]) * 100) / population + Fraction(1, 2))  # half up
    assert Decimal(by_id["sodra"]["kr_per_inhabitant"]) == Decimal(hundredths).scaleb(-2) == Decimal("16.37")


def test_samverkansregion_table_says_how_halland_was_split(cli):
    out = cli("allocate", "2022", "--level", "samverkansregion", "-f", "table").stdout
    out = " ".join(out.split())  # the note wraps at the terminal's width
    assert "Region Halland belongs to two samverkansregioner" in out
    assert "(Södra: Halmstad, Hylte, Laholm; Västra: Kungsbacka, Varberg, Falkenberg) on 2021-12-31" in out
    assert (
        "2021-12-31 (Södra 141 511, Västra 198 732; the nearest published to 2021-11-01, the population date used)"
        in out
    )
    assert "2023-12-31" not in out


def test_2019_halland_is_split_by_the_kommuner_of_the_nearest_published_date(cli):
    # 2019's pots use population of 31 Dec 2018, for which no kommun figures exist: 31 Dec 2019 is used
    # (Södra: Halmstad 102 767 + Hylte 10 815 + Laholm 25 903 = 139 485 of Halland's 333 848).
    by_id = {r["recipient"]: r for r in rows_of(cli("allocate", "2019", "-f", "csv").stdout)}
    assert by_id["13"]["omstallning"] == "48291209"
    rolled = {
        r["recipient"]: r for r in rows_of(cli("allocate", "2019", "--level", "samverkansregion", "-f", "csv").stdout)
    }
    # 48 291 209 × 139 485 / 333 848 = 20 176 545,27…: Södra 20 176 545, the krona left to Västra (,72)
    own = sum(int(by_id[code]["omstallning"]) for code in ("07", "10", "12"))
    assert int(rolled["sodra"]["omstallning"]) == own + 20_176_545
    assert int(rolled["vastra"]["omstallning"]) == int(by_id["14"]["omstallning"]) + 48_291_209 - 20_176_545
    out = " ".join(cli("allocate", "2019", "--level", "samverkansregion", "-f", "table").stdout.split())
    assert (
        "on 2019-12-31 (Södra 139 485, Västra 194 363; the nearest published to 2018-12-31, the population date" in out
    )


def test_years_note_each_date_halland_was_split_by(cli):
    out = " ".join(cli("allocate", "--years", "2019-2022", "--level", "samverkansregion", "-f", "table").stdout.split())
    assert "on 2019-12-31 (Södra 139 485, Västra 194 363; the nearest published to 2018-12-31" in out
    assert "; 2021-12-31 (Södra 141 511, Västra 198 732; the nearest published to 2021-11-01" in out


def test_an_undated_population_file_splits_halland_by_the_newest_kommun_figures(cli, tmp_path):
    path = tmp_path / "pop.csv"
    assert cli("population", "2021-11-01", "-f", "csv", "-o", path).exit_code == 0
    out = cli("allocate", "2022", "--level", "samverkansregion", "-f", "table", "--population", path).stdout
    out = " ".join(out.split())
    assert "on 2023-12-31 (Södra 142 660, Västra 201 086; the newest published, as the population figures used" in out
    dated = cli("allocate", "2022", "--level", "samverkansregion", "-f", "table", "--population", f"2021-11-01={path}")
    assert "on 2021-12-31 (Södra 141 511, Västra 198 732; the nearest published to 2021-11-01" in " ".join(
        dated.stdout.split()
    )


def test_population_shows_the_halland_kommun_figures_its_date_uses(cli):
    nov = json.loads(cli("population", "2021-11-01", "-f", "json").stdout)["kommun_splits"]["13"]
    assert nov == {"date": "2021-12-31", "population": {"vastra": 198_732, "sodra": 141_511}, "for": "2021-11-01"}
    dec = json.loads(cli("population", "2020-12-31", "-f", "json").stdout)["kommun_splits"]["13"]
    # 31 Dec 2020 has its own: Södra 103 754 + 10 649 + 25 967, Västra 84 930 + 65 397 + 46 051
    assert dec == {"date": "2020-12-31", "population": {"vastra": 196_378, "sodra": 140_370}, "for": "2020-12-31"}
    out = " ".join(cli("population", "2021-11-01", "-f", "table").stdout.split())
    assert "Region Halland is split by its kommuner: 2021-12-31 (Södra 141 511, Västra 198 732; the nearest" in out


# --- years ---------------------------------------------------------------------------------------------


def test_years_give_a_column_per_year_and_the_total(cli):
    result = cli("allocate", "--years", "2019-2022", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    rows = rows_of(result.stdout)
    assert list(rows[0]) == ["recipient", "name", "kind", "2019", "2020", "2022", "total", "kr_per_inhabitant"]
    assert sum(int(r["2019"]) for r in rows) == 2_530_000_000
    assert sum(int(r["2020"]) for r in rows) == 290_000_000
    assert sum(int(r["2022"]) for r in rows) == 384_000_000
    assert all(int(r["total"]) == int(r["2019"]) + int(r["2020"]) + int(r["2022"]) for r in rows)
    skr = {r["recipient"]: r for r in rows}["skr"]
    assert (skr["2019"], skr["2020"], skr["2022"]) == ("34000000", "15000000", "24500000")


def test_years_table_notes_a_year_without_agreements(cli):
    out = cli("allocate", "--years", "2020,2021,2022", "-f", "table").stdout
    assert "No agreement for 2021: those years are left out." in out
    assert f"674{NB}000{NB}000" in out  # 290 000 000 + 384 000 000


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--years", "2019-2022", "2022"], "--years makes its own columns"),
        (["--years", "19-22"], "--years takes years like 2019-2022"),
        (["--years", "2022-2019"], "2019 comes before 2022"),
        (["--years", "2030-2031"], "no agreement for the years 2030-2031"),
        (
            ["2022", "--unit", "kkr"],
            "'--unit': 'kkr' is not one of 'kr', 'tkr', 'mnkr'\n",
        ),
        (
            ["2022", "--level", "kommun"],
            "'--level': 'kommun' is not one of 'recipient', 'samverkansregion'\n",
        ),
    ],
)
def test_allocate_view_usage_errors(cli, args, message):
    result = cli("allocate", *args)
    assert result.exit_code == 2
    assert message in result.stderr


# --- display units -------------------------------------------------------------------------------------


def test_units_change_only_the_display(cli):
    tkr = cli("allocate", "2022", "--unit", "tkr", "-f", "table").stdout
    assert "Allocation 2022: Sammanhållen, jämlik och säker vård 2022 (tkr)" in tkr
    assert f"│ 384{NB}000 │" in tkr  # the total, exact, in thousands
    assert f"3{NB}104*" in tkr  # Dalarna's 3 104 294 kr
    assert "Amounts are shown in tkr" in tkr
    mnkr = cli("allocate", "2022", "--unit", "mnkr", "-f", "table").stdout
    assert " 384,0 │" in mnkr
    assert "3,1*" in mnkr
    assert cli("allocate", "2022", "--unit", "mnkr", "-f", "csv").stdout == cli("allocate", "2022", "-f", "csv").stdout


def test_display_rounding_never_changes_a_total():
    # Three amounts of 1 400 kr: each shows as 1 tkr, their exact total 4 200 kr as 4 tkr (not 3).
    assert [in_unit(1_400, "tkr")] * 3 == [Decimal(1)] * 3
    assert in_unit(3 * 1_400, "tkr") == Decimal(4)


@pytest.mark.parametrize(
    ("kronor", "unit", "shown"),
    [
        (3_104_294, "kr", "3104294"),
        (3_104_294, "tkr", "3104"),
        (1_500, "tkr", "2"),
        (1_499, "tkr", "1"),
        (-1_500, "tkr", "-2"),
        (3_104_294, "mnkr", "3.1"),
        (384_000_000, "mnkr", "384.0"),
        (149_999, "mnkr", "0.1"),
    ],
)
def test_in_unit(kronor, unit, shown):
    assert in_unit(kronor, unit) == Decimal(shown)
    assert str(in_unit(kronor, unit)) == shown


def test_percent_and_per_capita():
    assert percent(-23_282_522, 49_264_667) == Decimal("-47.3")  # −47,26 %
    assert percent(9_500_000, 15_000_000) == Decimal("63.3")  # 63,33 %
    assert percent(1, 8) == Decimal("12.5")
    assert percent(1, 16) == Decimal("6.3")  # 6,25 half up
    assert percent(-1, 16) == Decimal("-6.3")
    assert percent(5, 0) is None
    assert percent(2_411_859, 10_443_100, places=2) == Decimal("23.10")
    assert per_capita(3_104_294, 288_164) == Decimal("10.77")


# --- recipient lookup ----------------------------------------------------------------------------------


def test_normalise():
    assert normalise("Region Örebro län") == "region orebro lan"
    assert normalise("  Jämtland–Härjedalen ") == "jamtland harjedalen"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("20", "20"),
        ("1", "01"),
        ("dalarna", "20"),
        ("Region Dalarna", "20"),
        ("orebro", "18"),
        ("ÖREBRO LÄN", "18"),
        ("jonkoping", "06"),
        ("Jönköpings län", "06"),
        ("Västra Götalandsregionen", "14"),
        ("vastra gotaland", "14"),
        ("Västra", "vastra"),
        ("Södra sjukvårdsregionen", "sodra"),
        ("Uppsala-Örebro sjukvårdsregion", "mellansverige"),
        ("stockholm", "01"),
        ("Stockholm-Gotland", "stockholm-gotland"),
        ("SKL", "skr"),
        ("Sveriges Kommuner och Regioner", "skr"),
    ],
)
def test_resolve(reference, text, found):
    assert resolve(text, reference).id == found


def test_resolve_suggests_the_closest(reference):
    with pytest.raises(RecipientNotFound) as caught:
        resolve("Norbotten", reference)
    assert caught.value.candidates[0].id == "25"
    assert "did you mean Region Norrbotten (25)" in str(caught.value)
    with pytest.raises(RecipientNotFound) as nothing:
        resolve("qqq", reference)
    assert nothing.value.candidates == []
    assert "vardmedel regions" in str(nothing.value)
