"""The allocation engine: hand-checked amounts for every seed agreement, and its invariants."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vardmedel.engine import AllocationError, allocate, allocate_pot, apportion
from vardmedel.model import FixedRule
from vardmedel.rules import population_weights

SAMVERKANSREGIONER = ["norra", "mellansverige", "stockholm-gotland", "sydostra", "sodra", "vastra"]


def parts_of(result, pot_key):
    pot = next(p for p in result.pots if p.key == pot_key)
    return {part.recipient: part.amount for part in pot.parts}


# --- the seed agreements, checked by hand ---------------------------------------------------


def test_2022_total_and_every_pot_add_up(bundled, reference):
    result = allocate(bundled["2022-sammanhallen-jamlik-saker-vard"], reference)
    assert result.total == 384_000_000
    for pot in result.pots:
        assert sum(part.amount for part in pot.parts) == pot.amount


def test_2022_vardforlopp_framtagande_is_ten_million_to_each_of_six(bundled, reference):
    # 60 000 000 / 6 = 10 000 000 exactly: no remainder to hand out.
    result = allocate(bundled["2022-sammanhallen-jamlik-saker-vard"], reference)
    assert parts_of(result, "vardforlopp/framtagande") == dict.fromkeys(SAMVERKANSREGIONER, 10_000_000)


def test_2022_four_million_over_six_gives_the_four_kronor_left_to_the_first_four(bundled, reference):
    # 4 000 000 / 6 = 666 666 rest 4: equal remainders and weights, so the tie rule's fixed order
    # (Norra, Mellansverige, Stockholm-Gotland, Sydöstra, Södra, Västra) decides who gets a krona.
    result = allocate(bundled["2022-sammanhallen-jamlik-saker-vard"], reference)
    assert parts_of(result, "sallsynta-halsotillstand/kunskapsstyrning") == {
        "norra": 666_667,
        "mellansverige": 666_667,
        "stockholm-gotland": 666_667,
        "sydostra": 666_667,
        "sodra": 666_666,
        "vastra": 666_666,
    }


def test_2022_inforande_by_population_1_november_2021(bundled, reference):
    # 112 500 000 × 288 164 / 10 443 100 = 3 104 293,744… → 3 104 294 (Dalarna, large remainder)
    # 112 500 000 × 60 972 / 10 443 100 = 656 830,826… → 656 831 (Gotland)
    # 112 500 000 × 2 411 859 / 10 443 100 = 25 982 144,909… → 25 982 145 (Stockholm)
    result = allocate(bundled["2022-sammanhallen-jamlik-saker-vard"], reference)
    parts = parts_of(result, "vardforlopp/inforande")
    assert len(parts) == 21
    assert parts["20"] == 3_104_294
    assert parts["09"] == 656_831
    assert parts["01"] == 25_982_145
    assert sum(parts.values()) == 112_500_000


def test_2022_fixed_pots_go_whole_to_their_recipient(bundled, reference):
    result = allocate(bundled["2022-sammanhallen-jamlik-saker-vard"], reference)
    assert parts_of(result, "vardforlopp/skr-samordning") == {"skr": 17_500_000}
    assert parts_of(result, "kvalitetsregister/grundanslag") == {"kvalitetsregister": 174_500_000}
    assert parts_of(result, "sakrare-vard/strama") == {"strama": 2_500_000}


def test_2019_standardiserade_vardforlopp(bundled, reference):
    # 30 000 000 / 6 = 5 000 000 each; 60 000 000 × 2 344 124 / 10 230 185 = 13 748 279,23… → 13 748 279
    result = allocate(bundled["2019-standardiserade-vardforlopp"], reference)
    assert result.total == 100_000_000
    assert parts_of(result, "standardiserade-vardforlopp/framtagande") == dict.fromkeys(SAMVERKANSREGIONER, 5_000_000)
    population = parts_of(result, "standardiserade-vardforlopp/rusta-strukturen")
    assert population["01"] == 13_748_279
    assert sum(population.values()) == 60_000_000
    assert parts_of(result, "standardiserade-vardforlopp/skl-samordning") == {"skr": 10_000_000}


def test_2019_god_och_nara_vard(bundled, reference):
    # 1 500 000 000 × 59 249 / 10 230 185 = 8 687 379,554… The 21 bases leave 11 kronor, which go to the
    # 11 largest remainders, the smallest of them Örebro's 0,63…; Gotland's 0,554 is the 12th → 8 687 379.
    # The three region pots together are 2 406 000 000, as the source states; SKR gets 15 + 9 million.
    result = allocate(bundled["2019-god-och-nara-vard"], reference)
    assert result.total == 2_430_000_000
    to_regions = sum(p.amount for pot in result.pots for p in pot.parts if len(p.recipient) == 2)
    assert to_regions == 2_406_000_000
    assert parts_of(result, "omstallning/regioner")["09"] == 8_687_379
    assert parts_of(result, "omstallning/skr") == {"skr": 15_000_000}
    assert parts_of(result, "patientkontrakt/skr") == {"skr": 9_000_000}


def test_2020_vardforlopp(bundled, reference):
    # 215 000 000 × 2 344 124 / 10 230 185 = 49 264 667,26… → 49 264 667 (Stockholm)
    result = allocate(bundled["2020-vardforlopp"], reference)
    assert result.total == 290_000_000
    assert parts_of(result, "vardforlopp/framtagande") == dict.fromkeys(SAMVERKANSREGIONER, 10_000_000)
    inforande = parts_of(result, "vardforlopp/inforande")
    assert inforande["01"] == 49_264_667
    assert sum(inforande.values()) == 215_000_000
    assert parts_of(result, "vardforlopp/skr-samordning") == {"skr": 15_000_000}


# --- apportion: the method itself --------------------------------------------------------------


def test_largest_remainder_by_hand():
    # 10 kr by 1:1:1 → 3 each rest 1; the tie goes to the first in rank order.
    parts = apportion(10, {"b": 1, "a": 1, "c": 1})
    assert [(p.recipient, p.amount, p.extra) for p in parts] == [("a", 4, 1), ("b", 3, 0), ("c", 3, 0)]
    # 100 kr by 1:2:3 → exact 16,67 / 33,33 / 50 → 16 + 33 + 50 = 99, the krona goes to the largest remainder (a)
    assert [p.amount for p in apportion(100, {"a": 1, "b": 2, "c": 3})] == [17, 33, 50]


def test_ties_prefer_the_larger_weight_before_the_rank():
    # 5 kr by 2:2:1 over total 5: exact 2, 2, 1 — no remainder; 7 kr: 2,8 / 2,8 / 1,4 → base 2,2,1 rest 2.
    # Remainders 4/5, 4/5, 2/5: a and b get the kronor.
    assert [p.amount for p in apportion(7, {"a": 2, "b": 2, "c": 1})] == [3, 3, 1]
    # 3 kr by weights 2 and 1 and 1 over 4 → 1,5 / 0,75 / 0,75: base 1,0,0 rest 2; remainders 2/4, 3/4, 3/4
    # → b and c (equal remainder and weight: rank order).
    assert [p.amount for p in apportion(3, {"a": 2, "b": 1, "c": 1})] == [1, 1, 1]


def test_rounding_unit_hands_out_whole_thousands():
    parts = apportion(10_000, {"a": 1, "b": 1, "c": 1}, unit=1_000)
    assert [p.amount for p in parts] == [4_000, 3_000, 3_000]
    with pytest.raises(AllocationError, match="whole number of units"):
        apportion(10_500, {"a": 1}, unit=1_000)


def test_degenerate_weights_are_refused():
    with pytest.raises(AllocationError, match="add up to 0"):
        apportion(100, {"a": 0, "b": 0})
    with pytest.raises(AllocationError, match="no recipient"):
        apportion(100, {})
    with pytest.raises(ValueError, match="must not be negative"):
        apportion(100, {"a": 3, "b": -1})


def test_samverkansregion_population_splits_halland_by_kommun(reference):
    dataset = reference.populations["2021-11-01"]
    weights = population_weights(SAMVERKANSREGIONER, dataset, reference)
    # No kommun figures for 1 Nov 2021: the nearest later 31 December, 2021-12-31, is used. Halland's kommuner then:
    # Västra 85 301 + 66 658 + 46 773 = 198 732; Södra 104 573 + 10 619 + 26 319 = 141 511; together 340 243.
    halland, h = dataset.figures["13"], 340_243
    vastra = Fraction(weights["vastra"], h)
    assert vastra == dataset.figures["14"] + Fraction(halland * 198_732, h)
    sodra = Fraction(weights["sodra"], h)
    assert sodra == sum(dataset.figures[c] for c in ("07", "10", "12")) + Fraction(halland * 141_511, h)
    assert sum(weights.values()) == dataset.total * h


def test_halland_kommun_figures_follow_the_population_date(reference):
    split = reference.splits["13"]
    # A date with kommun figures uses its own; 31 Dec 2018 and 1 Nov 2021 have none: the next 31 December
    # published (data/SOURCES.md); after the last date, and without a date, the newest.
    assert split.at(date(2020, 12, 31)).parts == {
        "vastra": 84_930 + 65_397 + 46_051,
        "sodra": 103_754 + 10_649 + 25_967,
    }
    assert split.at(date(2018, 12, 31)).date == date(2019, 12, 31)
    assert split.at(date(2021, 11, 1)).date == date(2021, 12, 31)
    assert split.at(date(2024, 12, 31)).date == date(2023, 12, 31)
    assert split.at(None).date == date(2023, 12, 31)
    assert split.at(date(2023, 12, 31)).parts == {"vastra": 201_086, "sodra": 142_660}


def test_halland_kommuner_add_up_to_halland_in_every_dataset_of_that_date(reference):
    for day, parts in reference.splits["13"].by_date.items():
        dataset = reference.populations.get(day.isoformat())
        if dataset is not None:  # 2019, 2020, 2021 and 2023 are shipped as län datasets too
            assert sum(parts.values()) == dataset.figures["13"], day
    assert {d.year for d in reference.splits["13"].by_date} == {2019, 2020, 2021, 2022, 2023}


# --- properties (hypothesis) --------------------------------------------------------------------

weights_strategy = st.dictionaries(
    st.text(alphabet="abcdefghij", min_size=1, max_size=3),
    st.integers(min_value=0, max_value=10**7),
    min_size=1,
    max_size=30,
).filter(lambda w: sum(w.values()) > 0)
amount_strategy = st.integers(min_value=1, max_value=10**13)


@given(amount_strategy, weights_strategy)
def test_parts_add_up_to_the_pot_exactly(amount, weights):
    assert sum(p.amount for p in apportion(amount, weights)) == amount


@given(amount_strategy, weights_strategy)
def test_every_part_is_within_one_krona_of_its_exact_share(amount, weights):
    for part in apportion(amount, weights):
        assert abs(part.amount - part.exact) < 1
        assert part.exact == Fraction(amount * weights[part.recipient], sum(weights.values()))


@given(amount_strategy, weights_strategy, st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_input_order(amount, weights, rnd):
    items = list(weights.items())
    rnd.shuffle(items)
    shuffled = dict(items)
    assert apportion(amount, weights) == apportion(amount, shuffled)


@given(amount_strategy, weights_strategy)
def test_a_larger_weight_never_gets_less(amount, weights):
    parts = apportion(amount, weights)
    for x in parts:
        for y in parts:
            if x.weight > y.weight:
                assert x.amount >= y.amount


@given(st.integers(min_value=1, max_value=10**9), weights_strategy, st.sampled_from([1, 10, 1_000]))
def test_units_keep_the_sum_exact(units, weights, unit):
    parts = apportion(units * unit, weights, unit=unit)
    assert sum(p.amount for p in parts) == units * unit
    assert all(p.amount % unit == 0 for p in parts)


def test_an_unknown_lan_code_lists_the_real_ones(bundled, reference):
    agreement = bundled["2022-sammanhallen-jamlik-saker-vard"]
    area = agreement.areas[0]
    pot = area.pots[0].model_copy(update={"rule": FixedRule(fixed="02")})

    with pytest.raises(AllocationError) as caught:
        allocate_pot(agreement, area, pot, reference)
    assert caught.value.code == "unknown-recipient"
    assert caught.value.message.startswith("'02' is not a län code; the 21 län codes are 01 03 04 05 06 07 08 09 10 12")
