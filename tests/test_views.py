"""Views of allocate: samverkansregion roll-up, years, display units; recipient lookup; rounding helpers."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from conftest import NB, rows_of

from vardmedel.formatting import in_unit, per_capita, percent
from vardmedel.lookup import RecipientNotFound, normalise, resolve
from vardmedel.views.rollup import roll_up

# --- roll-up to samverkansregioner ---------------------------------------------------------------------


def test_halland_is_split_by_kommun_population_and_nothing_is_lost(reference):
    # Halland's 2022 share of vårdförlopp money: 3 661 661 kr. Its kommuner: Södra 142 660, Västra 201 086.
    rolled, holds = roll_up({"13": {"vardforlopp": 3_661_661}}, reference)
    exact_sodra = Fraction(3_661_661 * 142_660, 142_660 + 201_086)  # 1 519 646,93…
    assert rolled["sodra"]["vardforlopp"] == 1_519_647 == round(exact_sodra)
    assert rolled["vastra"]["vardforlopp"] == 3_661_661 - 1_519_647
    assert holds["sodra"] == holds["vastra"] == {"13"}


def test_roll_up_keeps_own_money_and_organisations(reference):
    amounts = {"20": {"a": 100}, "03": {"a": 1, "b": 2}, "mellansverige": {"a": 7}, "skr": {"b": 5}}
    rolled, _ = roll_up(amounts, reference)
    assert rolled == {"mellansverige": {"a": 108, "b": 2}, "skr": {"b": 5}}


def test_allocate_at_samverkansregion_level(cli):
    rows = rows_of(cli("allocate", "2022", "--level", "samverkansregion", "-f", "csv").stdout)
    by_id = {r["recipient"]: r for r in rows}
    assert list(by_id) == [
        "norra", "mellansverige", "stockholm-gotland", "sydostra", "sodra", "vastra",
        "skr", "csd", "kvalitetsregister", "strama",
    ]  # fmt: skip
    assert sum(int(r["total"]) for r in rows) == 384_000_000
    # Södra's vårdförlopp: its own 10 000 000 + Kronoberg 2 189 468 + Blekinge 1 712 843 + Skåne 15 092 210
    # + Halland's Södra part 1 519 647
    assert int(by_id["sodra"]["vardforlopp"]) == 10_000_000 + 2_189_468 + 1_712_843 + 15_092_210 + 1_519_647
    assert int(by_id["vastra"]["vardforlopp"]) == 10_000_000 + 18_780_027 + 3_661_661 - 1_519_647
    # per inhabitant, Halland counted by its kommuner' share: exact, then rounded once
    population = 203_243 + 158_999 + 1_400_973 + Fraction(339_903 * 142_660, 343_746)
    hundredths = int(Fraction(int(by_id["sodra"]["total"]) * 100) / population + Fraction(1, 2))  # half up
    assert Decimal(by_id["sodra"]["kr_per_inhabitant"]) == Decimal(hundredths).scaleb(-2) == Decimal("16.37")


def test_samverkansregion_table_says_how_halland_was_split(cli):
    out = cli("allocate", "2022", "--level", "samverkansregion", "-f", "table").stdout
    assert "Region Halland belongs to two samverkansregioner" in out
    assert "Södra: Halmstad, Hylte, Laholm (142 660 inhabitants); Västra: Kungsbacka, Varberg, Falkenberg" in out


# --- years ---------------------------------------------------------------------------------------------


def test_years_give_a_column_per_year_and_the_total(cli):
    result = cli("allocate", "--years", "2019-2022", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    rows = rows_of(result.stdout)
    assert list(rows[0])[:8] == ["recipient", "name", "kind", "2019", "2020", "2022", "total"][:8]
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
