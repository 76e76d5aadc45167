"""``rounding: {unit: …}`` through the real command line: every kind of rule hands out whole units, or check says why not.

Each pot's parts are whole units and add up to the pot; the units left over go one each to the largest
remainders (ties: the larger weight, then the recipient listed first), as for kronor. A pot paid by several
funders splits each part between them in whole units too.
"""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from conftest import rows_of

UNIT = 1_000
#: One pot of each kind of rule, every one in whole thousands; amounts in kronor, hand-checked below.
ROUNDED = """\
id: 2022-rounded
year: 2022
title: Rounded
source: {title: vardmedel tests}
areas:
  - id: a
    title: A
    pots:
      - id: fixed
        amount: 5 000 000
        rule: {fixed: skr}
        rounding: {unit: 1000}
      - id: equal
        amount: 60 001 000
        rule: {equal: samverkansregioner}
        rounding: {unit: 1000}
      - id: population
        amount: 100 000 000
        rule: {population: regioner, as_of: 2021-11-01}
        rounding: {unit: 1000}
      - id: figures
        amount: 1 000 000
        rule: {population: ["01", "03", "04"], figures: {"01": 1, "03": 1, "04": 1}}
        rounding: {unit: 1000}
      - id: shares
        amount: 10 000 000
        rule: {shares: {"01": 1, "03": 2}}
        rounding: {unit: 1000}
        funding: {staten: 6 000 000, regionerna: 4 000 000}
      - id: amounts
        amount: 3 000 000
        rule: {amounts: {"01": 1 000 000, "03": 2 000 000}}
        rounding: {unit: 1000}
"""


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "2022-rounded.yaml").write_text(ROUNDED, encoding="utf-8")
    return tmp_path


def allocate(cli, folder, *args: str):
    result = cli("allocate", "2022", "--agreements", folder, "--no-bundled", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_kind_of_rule_hands_out_whole_units_that_add_up(cli, folder):
    data = json.loads(allocate(cli, folder, "-f", "json"))
    pots = {pot["pot"]: pot for pot in data["agreements"][0]["pots"]}
    assert list(pots) == ["fixed", "equal", "population", "figures", "shares", "amounts"]
    for name, pot in pots.items():
        parts = pot["parts"]
        assert sum(part["amount"] for part in parts) == pot["amount"], name
        for part in parts:
            assert part["amount"] % UNIT == 0, (name, part)
            exact = Fraction(pot["amount"] * part["weight"], part["total_weight"])
            assert abs(part["amount"] - exact) < UNIT, (name, part)  # within one unit of its exact share
            assert part["from_remainder"] in (0, UNIT)
    amounts = {name: {p["recipient"]: p["amount"] for p in pot["parts"]} for name, pot in pots.items()}
    assert amounts["fixed"] == {"skr": 5_000_000}
    # 60 001 units over six: 10 000 each and one left, which goes to the first listed (a tie of remainders).
    assert amounts["equal"] == {
        "norra": 10_001_000,
        "mellansverige": 10_000_000,
        "stockholm-gotland": 10_000_000,
        "sydostra": 10_000_000,
        "sodra": 10_000_000,
        "vastra": 10_000_000,
    }
    assert amounts["figures"] == {"01": 334_000, "03": 333_000, "04": 333_000}
    # 10 000 units by 1:2: 3 333 (remainder 1 of 3) and 6 666 (remainder 2 of 3); the one left goes to 03.
    assert amounts["shares"] == {"01": 3_333_000, "03": 6_667_000}
    assert amounts["amounts"] == {"01": 1_000_000, "03": 2_000_000}


def test_each_funders_part_of_a_rounded_pot_is_whole_units(cli, folder):
    """staten's 6 000 units over the parts 3 333 000 and 6 667 000: 1 999,8 and 4 000,2 units, the one left to 01."""
    staten = {row["recipient"]: int(row["a"]) for row in rows_of(allocate(cli, folder, "--funder", "staten"))}
    regionerna = {row["recipient"]: int(row["a"]) for row in rows_of(allocate(cli, folder, "--funder", "regionerna"))}
    assert (staten["01"], staten["03"]) == (2_000_000, 4_000_000)
    assert (regionerna["01"], regionerna["03"]) == (1_333_000, 2_667_000)


#: What check says when a pot cannot be handed out in whole units: (text replaced, replacement, message).
CANNOT = {
    "fixed amount": (
        "amount: 5 000 000\n",
        "amount: 5 000 500\n",
        "2022-rounded.yaml:12:26: error: 5 000 500 kr cannot be handed out in whole units of 1 000 kr "
        "(500 kr would be left over); check the amount or the unit [rounding-unit]",
    ),
    "amounts row": (
        '"01": 1 000 000, "03": 2 000 000',
        '"01": 1 000 500, "03": 1 999 500',
        "2022-rounded.yaml:32:26: error: the row for 01 is 1 000 500 kr, not a whole number of the pot's units "
        "of 1 000 kr (rounding); correct the row or the unit [rounding-unit]",
    ),
    "funder's share": (
        "staten: 6 000 000, regionerna: 4 000 000",
        "staten: 6 000 500, regionerna: 3 999 500",
        "2022-rounded.yaml:29:27: error: staten pays 6 000 500 kr of this pot, not a whole number of its units of "
        "1 000 kr (rounding), so staten's part of each recipient's money could not be whole units; check the "
        "funding or the unit [rounding-unit]",
    ),
}


@pytest.mark.parametrize("case", list(CANNOT))
def test_check_says_when_a_pot_cannot_be_handed_out_in_whole_units(cli, folder, case):
    old, new, message = CANNOT[case]
    path = folder / "2022-rounded.yaml"
    path.write_text(ROUNDED.replace(old, new, 1), encoding="utf-8")
    result = cli("check", path)
    assert result.exit_code == 1
    assert message in result.output.replace(f"{folder}/", "")
    refused = cli("allocate", "2022", "--agreements", folder, "--no-bundled")
    assert refused.exit_code == 1
    assert message in refused.stderr.replace(f"{folder}/", "")
