"""Who pays, in every view: funders in allocate's footer, per pot in explain, in JSON and xlsx, and --funder."""

from __future__ import annotations

import json

from conftest import rows_of

import vardmedel

KVALITETSREGISTER = "2022-sammanhallen-jamlik-saker-vard/kvalitetsregister/grundanslag"


def total_of(result) -> int:
    return sum(int(row["total"]) for row in rows_of(result.stdout))


def test_allocate_2022_for_staten_totals_284_million_and_for_regionerna_100_million(cli):
    staten = cli("allocate", "2022", "--funder", "staten", "-f", "csv")
    regionerna = cli("allocate", "2022", "--funder", "regionerna", "-f", "csv")
    assert (staten.exit_code, regionerna.exit_code) == (0, 0)
    assert total_of(staten) == 284_000_000
    assert total_of(regionerna) == 100_000_000
    # The regions pay only their part of the kvalitetsregister money: one recipient, 100 000 000 kr.
    assert [(row["recipient"], row["total"]) for row in rows_of(regionerna.stdout)] == [
        ("kvalitetsregister", "100000000")
    ]
    by_recipient = {row["recipient"]: int(row["total"]) for row in rows_of(staten.stdout)}
    assert by_recipient["kvalitetsregister"] == 74_500_000
    assert by_recipient["20"] == 3_104_294  # Dalarna's vårdförlopp money is wholly the state's


def test_allocate_names_the_funders_in_its_footer(cli):
    result = cli("allocate", "2022", "-f", "table")
    assert (
        "Funders: staten 284 000 000 kr, regionerna 100 000 000 kr (of 384 000 000 kr); --funder NAME shows one "
        "funder's money alone." in result.stdout
    )
    one = cli("allocate", "2022", "--funder", "staten", "-f", "table")
    assert one.stdout.startswith("Allocation 2022, staten: Sammanhållen, jämlik och säker vård 2022")
    assert (
        "Only the money staten pays: 284 000 000 kr of 384 000 000 kr (funders: staten 284 000 000 kr, regionerna "
        "100 000 000 kr)." in one.stdout
    )
    assert f"({KVALITETSREGISTER})" in one.stdout
    assert "Funder: staten pays all of it." in cli("allocate", "2020", "-f", "table").stdout


def test_an_unknown_funder_is_refused_with_the_funders_there(cli):
    result = cli("allocate", "2022", "--funder", "kommunerna")
    assert result.exit_code == 2
    assert "no money from 'kommunerna' in these agreements; funders: staten, regionerna" in result.stderr
    assert result.stdout == ""


def test_explain_shows_both_funders_of_the_kvalitetsregister_pot(cli):
    result = cli("explain", "2022", "-r", "kvalitetsregister", "-f", "table")
    assert result.exit_code == 0
    assert "regionerna 100 000 000, staten 74 500 000" in result.stdout
    data = json.loads(cli("explain", "2022", "-r", "kvalitetsregister", "-f", "json").stdout)
    assert data["pots"][0]["funders"] == {"regionerna": 100_000_000, "staten": 74_500_000}
    staten = json.loads(cli("explain", "2022", "-r", "kvalitetsregister", "--funder", "staten", "-f", "json").stdout)
    assert (staten["total"], staten["pots"][0]["funders"]) == (74_500_000, {"staten": 74_500_000})
    assert staten["notes"][0].startswith("Only the money staten pays (--funder)")


def test_json_carries_the_funders_of_every_pot_and_the_totals(cli):
    data = json.loads(cli("allocate", "2022", "-f", "json").stdout)
    assert data["funders"] == {
        "by_funder": {"staten": 284_000_000, "regionerna": 100_000_000},
        "unknown": 0,
        "of_total": 384_000_000,
        "only": None,
    }
    pots = {pot["pot"]: pot for pot in data["agreements"][0]["pots"]}
    assert pots["grundanslag"]["funding"] == {"regionerna": 100_000_000, "staten": 74_500_000}
    assert pots["grundanslag"]["parts"][0]["funders"] == {"regionerna": 100_000_000, "staten": 74_500_000}
    assert pots["framtagande"]["funding"] == {"staten": 60_000_000}
    only = json.loads(cli("allocate", "2022", "--funder", "regionerna", "-f", "json").stdout)
    assert (only["total"], only["funders"]["only"]) == (100_000_000, "regionerna")


SPLIT = {"head": "funding: {staten: 7, regionerna: 3}", "amount": "10"}


def test_a_split_pot_gives_each_funder_exact_parts_that_add_up_to_the_whole_parts(cli, write_agreement, tmp_path):
    # 10 kr over the six samverkansregioner: 1 each, the 4 kronor left to the first four (ties): 2 2 2 2 1 1.
    # Staten's 7 kr over those parts: 7·2/10 = 1,4 and 7·1/10 = 0,7, so bases 1 1 1 1 0 0 and 3 kronor left,
    # to the largest remainders: Södra and Västra (0,7), then Norra (0,4, first in the tie). Regionerna: the rest.
    write_agreement("2022-split", **SPLIT)
    run = {
        funder: {row["recipient"]: int(row["total"]) for row in rows_of(cli(
            "allocate", "2022", "--agreements", tmp_path, "--no-bundled", "--funder", funder, "-f", "csv").stdout)}
        for funder in ("staten", "regionerna")
    }  # fmt: skip
    whole = {row["recipient"]: int(row["total"]) for row in rows_of(cli("allocate", "2022", "--agreements", tmp_path, "--no-bundled", "-f", "csv").stdout)}  # fmt: skip
    assert whole == {"norra": 2, "mellansverige": 2, "stockholm-gotland": 2, "sydostra": 2, "sodra": 1, "vastra": 1}
    assert run["staten"] == {"norra": 2, "mellansverige": 1, "stockholm-gotland": 1, "sydostra": 1, "sodra": 1,
                             "vastra": 1}  # fmt: skip
    assert run["regionerna"] == {"norra": 0, "mellansverige": 1, "stockholm-gotland": 1, "sydostra": 1, "sodra": 0,
                                 "vastra": 0}  # fmt: skip
    assert {rid: run["staten"][rid] + run["regionerna"][rid] for rid in whole} == whole


def test_pots_whose_funders_are_unknown_are_left_out_and_counted(cli, write_agreement, tmp_path):
    write_agreement("2022-known", head="funder: staten", amount="60")
    write_agreement("2022-unknown", amount="40", rule="{fixed: skr}")
    result = cli("allocate", "2022", "--agreements", tmp_path, "--no-bundled", "--funder", "staten", "-f", "table")
    assert result.exit_code == 0
    assert "left out, as no file says who pays 40 kr" in result.stdout
    whole = cli("allocate", "2022", "--agreements", tmp_path, "--no-bundled", "-f", "table")
    assert "no file says who pays 40 kr" in whole.stdout


def test_years_and_compare_take_one_funder_too(cli):
    years = rows_of(cli("allocate", "--years", "2019-2022", "--funder", "regionerna", "-f", "csv").stdout)
    assert [(row["recipient"], row["2022"], row["total"]) for row in years] == [
        ("kvalitetsregister", "100000000", "100000000")
    ]
    compared = json.loads(cli("compare", "2020", "2022", "--funder", "regionerna", "-f", "json").stdout)
    assert (compared["a"]["total"], compared["b"]["total"], compared["funder"]) == (0, 100_000_000, "regionerna")


def test_the_python_api_restricts_to_one_funder():
    assert vardmedel.allocate(2022, funder="staten").total == 284_000_000
    allocation = vardmedel.allocate(2022)
    assert allocation.funding.by_funder == {"staten": 284_000_000, "regionerna": 100_000_000}
    regionerna = allocation.for_funder("regionerna")
    assert (regionerna.total, regionerna.funding.funder) == (100_000_000, "regionerna")
    assert [row["recipient"] for row in regionerna.rows()] == ["kvalitetsregister"]
