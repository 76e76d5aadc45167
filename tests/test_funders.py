"""Funders: inheritance from pot, area and agreement, and the exact split of a pot's parts between funders."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from vardmedel.engine import apportion
from vardmedel.funders import pot_funding, totals
from vardmedel.model import Agreement
from vardmedel.money import split_by_funder as split_parts

# --- the split of a pot's parts, by hand ----------------------------------------------------------


def test_two_funders_over_three_equal_parts_hand_checked():
    # Parts 1, 1, 0 of a 2-krona pot; staten and regionerna 1 krona each. Regionerna (first by name at equal
    # amounts) gets its krona by largest remainder over the parts: remainders 1·1 % 2 = 1 for a and b, a tie
    # that goes to a (listed first). Staten gets what is left: b's krona. Independent splits would have
    # given a both kronor (2 ≠ a's part of 1).
    assert split_parts({"a": 1, "b": 1, "c": 0}, {"staten": 1, "regionerna": 1}) == {
        "a": {"regionerna": 1, "staten": 0},
        "b": {"regionerna": 0, "staten": 1},
        "c": {"regionerna": 0, "staten": 0},
    }


def test_the_larger_funder_goes_first_and_the_other_takes_what_is_left():
    # 10 kr in parts 4, 3, 3; staten 7, regionerna 3. Staten: 7·4/10 = 2,8, 7·3/10 = 2,1 twice: bases 2, 2, 2,
    # one krona left, to the largest remainder (0,8: a). Regionerna: 4 − 3, 3 − 2, 3 − 2 = 1, 1, 1.
    assert split_parts({"a": 4, "b": 3, "c": 3}, {"regionerna": 3, "staten": 7}) == {
        "a": {"staten": 3, "regionerna": 1},
        "b": {"staten": 2, "regionerna": 1},
        "c": {"staten": 2, "regionerna": 1},
    }


def test_one_funder_takes_every_part_whole():
    assert split_parts({"a": 5, "b": 7}, {"staten": 12}) == {"a": {"staten": 5}, "b": {"staten": 7}}


# --- invariants -------------------------------------------------------------------------------------

weights = st.dictionaries(st.sampled_from("abcdefghij"), st.integers(0, 10**6), min_size=1).filter(
    lambda w: sum(w.values()) > 0
)


@st.composite
def pots(draw, most_funders=4):
    """A pot allocated by the engine (its parts), and a split of its amount between 1–4 funders."""
    shares = draw(weights)
    funders = draw(st.integers(1, most_funders))
    cuts = sorted(draw(st.lists(st.integers(1, 10**9), min_size=funders - 1, max_size=funders - 1, unique=True)))
    amount = draw(st.integers(max(cuts, default=0) + 1, 10**9 + 1))
    bounds = [0, *cuts, amount]
    funding = {f"f{i}": bounds[i + 1] - bounds[i] for i in range(funders)}
    parts = {part.recipient: part.amount for part in apportion(amount, shares)}
    return parts, funding, amount


@given(pots())
def test_every_funder_and_every_part_add_up_exactly_and_nothing_is_negative(pot):
    parts, funding, _ = pot
    split = split_parts(parts, funding)
    for recipient, by_funder in split.items():
        assert sum(by_funder.values()) == parts[recipient]
        assert all(kronor >= 0 for kronor in by_funder.values())
    for funder, amount in funding.items():
        assert sum(split[r][funder] for r in split) == amount


@given(pots())
def test_each_part_is_within_one_krona_of_its_exact_share_with_two_funders_and_two_with_more(pot):
    parts, funding, amount = pot
    bound = 1 if len(funding) <= 2 else 2
    split = split_parts(parts, funding)
    for recipient, part in parts.items():
        for funder, kronor in split[recipient].items():
            assert abs(kronor - Fraction(part * funding[funder], amount)) < bound


@given(pots(), st.sampled_from([10, 1_000, 100_000]))
def test_with_a_rounding_unit_every_funders_part_is_whole_units_within_one_unit(pot, unit):
    """The same pot in whole units: every amount times *unit*, split with the unit (two funders at most)."""
    parts, funding, amount = pot
    parts = {recipient: part * unit for recipient, part in parts.items()}
    funding = {funder: kronor * unit for funder, kronor in list(funding.items())[:1]}
    funding["rest"] = amount * unit - sum(funding.values())
    split = split_parts(parts, funding, unit=unit)
    for recipient, part in parts.items():
        assert sum(split[recipient].values()) == part
        for funder, kronor in split[recipient].items():
            assert kronor % unit == 0 and kronor >= 0
            assert abs(kronor - Fraction(part * funding[funder], amount * unit)) < unit
    for funder, kronor in funding.items():
        assert sum(split[r][funder] for r in split) == kronor


@given(pots(), st.randoms())
def test_the_order_of_funders_and_recipients_in_a_file_does_not_matter(pot, random):
    parts, funding, _ = pot
    shuffled_parts = list(parts.items())
    shuffled_funding = list(funding.items())
    random.shuffle(shuffled_parts)
    random.shuffle(shuffled_funding)
    assert split_parts(dict(shuffled_parts), dict(shuffled_funding)) == split_parts(parts, funding)


# --- inheritance ------------------------------------------------------------------------------------


def agreement(**top) -> Agreement:
    base = {
        "id": "2022-x",
        "year": 2022,
        "title": "X",
        "areas": [
            {"id": "a", "title": "A", "pots": [{"id": "p", "amount": 60, "rule": {"fixed": "skr"}}]},
            {
                "id": "b",
                "title": "B",
                "pots": [
                    {"id": "q", "amount": 30, "rule": {"fixed": "skr"}},
                    {"id": "r", "amount": 10, "rule": {"fixed": "skr"}},
                ],
            },
        ],
    }
    return Agreement.model_validate({**base, **top})


def fundings(model: Agreement) -> dict[str, dict | None]:
    return {f"{area.id}/{pot.id}": pot_funding(model, area, pot) for area, pot in model.pots()}


def test_one_funder_on_the_agreement_pays_every_pot():
    assert fundings(agreement(funder="staten")) == {
        "a/p": {"staten": 60},
        "b/q": {"staten": 30},
        "b/r": {"staten": 10},
    }


def test_no_funder_anywhere_leaves_every_pot_unknown():
    assert set(fundings(agreement()).values()) == {None}


def test_a_split_reaches_only_a_pot_that_is_the_whole_of_its_level():
    data = agreement(funding={"staten": 70, "regionerna": 30}).model_dump(by_alias=True, exclude_none=True)
    data["areas"][0]["funding"] = {"staten": 40, "regionerna": 20}  # area a's one pot inherits this split
    model = Agreement.model_validate(data)
    assert fundings(model) == {
        "a/p": {"staten": 40, "regionerna": 20},
        "b/q": None,  # one of two pots under the agreement's split: which payer? unknown
        "b/r": None,
    }
    by_funder, unknown = totals(fundings(model).values(), [60, 30, 10])
    assert (by_funder, unknown) == ({"staten": 40, "regionerna": 20}, 40)


def test_the_nearest_declaration_wins():
    data = agreement().model_dump(by_alias=True, exclude_none=True)
    data["funder"] = "staten"
    data["areas"][1]["pots"][1]["funder"] = "regionerna"
    assert fundings(Agreement.model_validate(data)) == {
        "a/p": {"staten": 60},
        "b/q": {"staten": 30},
        "b/r": {"regionerna": 10},
    }
