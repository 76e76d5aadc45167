"""The rule kinds one by one: their weights and basis, their text, their arithmetic, and where their errors point."""

from __future__ import annotations

import datetime as dt

import pytest

from vardmedel.engine import AllocationError, allocate_pot
from vardmedel.model import Agreement
from vardmedel.money import Part
from vardmedel.rules import KINDS, RULE_KINDS, kind_of, rule_text

NB = "\u00a0"


def pot_of(rule: dict, amount: int = 1_000, **extra):
    """An agreement of 2022 with one pot; returns (agreement, area, pot)."""
    agreement = Agreement.model_validate(
        {
            "id": "2022-one",
            "year": 2022,
            "title": "One",
            "areas": [{"id": "a", "title": "A", "pots": [{"id": "p", "amount": amount, "rule": rule, **extra}]}],
        }
    )
    area = agreement.areas[0]
    return agreement, area, area.pots[0]


def weights(reference, rule: dict, amount: int = 1_000, population=None):
    agreement, _, pot = pot_of(rule, amount)
    return kind_of(pot.rule).weights(pot, agreement, reference, population)


def error(reference, rule: dict, amount: int = 1_000, **extra) -> AllocationError:
    agreement, area, pot = pot_of(rule, amount, **extra)
    with pytest.raises(AllocationError) as caught:
        allocate_pot(agreement, area, pot, reference)
    return caught.value


def test_every_kind_is_named_by_its_key_in_the_documented_order():
    assert RULE_KINDS == ("fixed", "equal", "population", "shares", "amounts")
    assert all(KINDS[name].name == name for name in RULE_KINDS)


def test_weights_and_basis_of_each_kind(reference):
    fixed = weights(reference, {"fixed": "skr"})
    assert (fixed.weights, fixed.basis.description) == ({"skr": 1}, "all to skr")
    equal = weights(reference, {"equal": ["01", "25"]})
    assert (equal.weights, equal.basis.description) == ({"01": 1, "25": 1}, "equal parts: 01, 25")
    shares = weights(reference, {"shares": {"01": 3, "skr": 1}})
    assert (shares.weights, shares.basis.description) == ({"01": 3, "skr": 1}, "shares as given")
    table = weights(reference, {"amounts": {"01": 600, "03": 400}})
    assert (table.weights, table.basis.description) == ({"01": 600, "03": 400}, "amounts as given")


def test_population_weights_rest_on_the_stated_date_or_the_newest_before_the_year(reference):
    dated = weights(reference, {"population": ["01", "03"], "as_of": dt.date(2021, 11, 1)})
    assert dated.weights == {"01": 2_411_859, "03": 394_154}
    assert (dated.basis.description, dated.basis.assumed) == ("population 2021-11-01", False)
    undated = weights(reference, {"population": ["01"]})
    # the newest dataset before 2022: 31 Dec 2021, since that one is shipped too
    assert (undated.basis.dataset.id, undated.basis.assumed) == ("2021-12-31", True)
    own = reference.populations["2019-12-31"]
    overridden = weights(reference, {"population": ["01"], "as_of": dt.date(2021, 11, 1)}, population=own)
    assert overridden.basis.dataset is own and not overridden.basis.assumed


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ({"fixed": "skr"}, "all to skr"),
        ({"equal": "samverkansregioner"}, "equal parts: samverkansregioner"),
        ({"equal": ["01", "03"]}, "equal parts: 01, 03"),
        ({"population": "regioner", "as_of": dt.date(2021, 11, 1)}, "by population: regioner, 2021-11-01"),
        ({"population": "regioner", "dataset": "2019-12-31"}, "by population: regioner, 2019-12-31"),
        ({"population": ["01"], "figures": {"01": 5}}, "by population: 01, figures in the file"),
        ({"population": "regioner"}, "by population: regioner, date not stated"),
        ({"shares": {"01": 1, "03": 2}}, "shares given for 2 recipients"),
        ({"amounts": {"01": 600, "03": 400}}, "a table of 2 amounts"),
    ],
)
def test_rule_text(rule, text):
    assert rule_text(pot_of(rule)[2].rule) == text


def test_only_an_undated_population_rule_leaves_its_basis_unstated():
    unstated = [
        name
        for name, rule in [
            ("fixed", {"fixed": "skr"}),
            ("dated", {"population": "regioner", "as_of": dt.date(2021, 11, 1)}),
            ("figures", {"population": ["01"], "figures": {"01": 5}}),
            ("undated", {"population": "regioner"}),
        ]
        if not kind_of(pot_of(rule)[2].rule).states_its_basis(pot_of(rule)[2].rule)
    ]
    assert unstated == ["undated"]


def test_arithmetic_by_kind():
    part = Part("01", 3_104_294, 288_164, 10_443_100, 112_500_000, extra=1)
    assert KINDS["population"].arithmetic(part) == (
        f"112{NB}500{NB}000 × 288{NB}164 / 10{NB}443{NB}100 ≈ 3{NB}104{NB}293,744 → 3{NB}104{NB}294"
    )
    assert KINDS["fixed"].arithmetic(Part("skr", 500, 1, 1, 500)) == "the whole pot: 500"
    assert KINDS["amounts"].arithmetic(Part("01", 600, 600, 1_000, 1_000)) == "as the agreement's table gives it: 600"
    assert [kind.proportional for kind in KINDS.values()] == [False, True, True, True, False]


def test_errors_point_at_what_to_fix(reference):
    unknown = error(reference, {"shares": {"01": 1, "skrr": 1}})
    assert (unknown.code, unknown.loc) == ("unknown-recipient", ("rule", "shares", "skrr"))
    assert "did you mean 'skr'?" in unknown.message
    zero = error(reference, {"shares": {"01": 0, "03": 0}})
    assert (zero.code, zero.loc) == ("zero-weight", ("rule", "shares"))
    group = error(reference, {"equal": "skr"})
    assert (group.code, group.message) == ("unknown-group", "'skr' is one recipient, not a group; write a list: [skr]")
    twice = error(reference, {"equal": ["01", "03", "01"]})
    assert (twice.code, twice.loc) == ("duplicate-recipient", ("rule", "equal", 2))
    dataset = error(reference, {"population": "regioner", "dataset": "1999"})
    assert (dataset.code, dataset.loc) == ("population-unknown", ("rule", "dataset"))
    missing = error(reference, {"population": ["01", "03"], "figures": {"01": 5}})
    assert (missing.code, missing.message) == (
        "population-missing",
        "population dataset inline figures has no figure for 03",
    )


def test_an_amounts_table_must_add_up_to_the_pot(reference):
    wrong = error(reference, {"amounts": {"01": 600, "03": 300}})
    assert (wrong.code, wrong.loc) == ("sum-amounts", ("rule", "amounts"))
    assert wrong.message == (
        "pot 'p' is stated as 1 000 kr but the rows of its amounts table add up to 900 kr, 100 kr less; "
        "correct whichever figure differs from the source"
    )


def test_a_rounding_unit_that_does_not_divide_the_pot(reference):
    wrong = error(reference, {"equal": ["01", "03"]}, 10_500, rounding={"unit": 1_000})
    assert (wrong.code, wrong.loc) == ("rounding-unit", ("rounding", "unit"))
    assert wrong.message == (
        "10 500 kr cannot be handed out in whole units of 1 000 kr (500 kr would be left over); "
        "check the amount or the unit"
    )


def test_a_table_taken_as_given_honours_the_rounding_unit_or_says_it_cannot(reference):
    agreement, area, pot = pot_of({"amounts": {"01": 6_000, "03": 4_000}}, 10_000, rounding={"unit": 1_000})
    result = allocate_pot(agreement, area, pot, reference)
    assert [(p.recipient, p.amount, p.unit, p.extra) for p in result.parts] == [
        ("01", 6_000, 1_000, 0),
        ("03", 4_000, 1_000, 0),
    ]
    wrong = error(reference, {"amounts": {"01": 600, "03": 400}}, rounding={"unit": 1_000})
    assert (wrong.code, wrong.loc) == ("rounding-unit", ("rule", "amounts", "01"))
    assert wrong.message == (
        "the row for 01 is 600 kr, not a whole number of the pot's units of 1 000 kr (rounding); "
        "correct the row or the unit"
    )
