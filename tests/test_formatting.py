"""Numbers for people: grouping, decimal comma, exact fractions cut, and the difference between two sums."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from vardmedel.formatting import decimal_sv, exact_relation, format_kr, mismatch

NB = "\u00a0"


def test_decimal_sv_groups_and_uses_a_comma():
    assert decimal_sv(Decimal("1234.5"), " ") == "1 234,5"
    assert decimal_sv(Decimal("-1234567.25")) == f"-1{NB}234{NB}567,25"
    assert decimal_sv(Decimal("10")) == "10"
    assert format_kr(0) == "0"


def test_exact_relation_is_equal_when_whole_and_approximate_when_cut():
    # 3 104 293,74419…: cut to three decimals, marked by ≈ before it, never by a … after the digits
    assert exact_relation(Fraction(112_500_000 * 288_164, 10_443_100)) == f"≈ 3{NB}104{NB}293,744"
    assert exact_relation(Fraction(2, 3)) == "≈ 0,666"
    assert exact_relation(Fraction(1, 8)) == "= 0,125"
    assert exact_relation(Fraction(3, 2)) == "= 1,5"
    assert exact_relation(Fraction(1, 1000)) == "= 0,001"
    assert exact_relation(Fraction(1, 2000)) == "≈ 0,000"
    assert exact_relation(Fraction(6_000, 3)) == f"= 2{NB}000"


def test_mismatch_measures_the_difference_from_the_sum():
    assert mismatch("the total", 1_000, 1_200, "its pots") == (
        "the total is stated as 1 000 kr but its pots add up to 1 200 kr, 200 kr more; "
        "correct whichever figure differs from the source"
    )
    assert ", 1 kr less;" in mismatch("x", 5, 4, "y")
