"""Swedish amounts to whole kronor: exact, and refusing what is not a whole krona."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vardmedel.amounts import AmountError, parse_amount
from vardmedel.formatting import format_kr


@pytest.mark.parametrize(
    ("text", "kronor"),
    [
        (112500000, 112_500_000),
        ("112 500 000", 112_500_000),
        ("112\u00a0500\u00a0000 kronor", 112_500_000),
        ("172,5 mnkr", 172_500_000),
        ("4,5 miljoner kronor", 4_500_000),
        ("17,5 miljoner kronor", 17_500_000),
        ("2,4 mdkr", 2_400_000_000),
        ("500 tkr", 500_000),
        ("2430 miljoner kronor", 2_430_000_000),
        ("290 miljoner", 290_000_000),
        ("1 miljard kronor", 1_000_000_000),
        ("60 000 000 kr", 60_000_000),
        ("0,001 mnkr", 1_000),
        ("4,5 Mkr", 4_500_000),
    ],
)
def test_swedish_amounts_become_exact_kronor(text, kronor):
    assert parse_amount(text) == kronor


@pytest.mark.parametrize(
    ("value", "kind", "fragment"),
    [
        (4.5, "amount_float", '"4,5 mnkr"'),
        ("4.5 mnkr", "amount_float", "decimal comma"),
        ("1,0005 tkr", "amount_fraction", "whole number of kronor"),
        ("0,5 kr", "amount_fraction", "whole number of kronor"),
        ("12 apor", "amount_unit", "unknown unit"),
        ("yes", "amount_invalid", "not an amount"),
        (True, "amount_type", "yes/no"),
        ("012", "amount_leading_zero", "write 12"),
        (0, "amount_not_positive", "positive"),
        ("-5 mnkr", "amount_not_positive", "positive"),
        (10**30, "amount_too_large", "extra digits"),
        ("", "amount_invalid", "not an amount"),
        (None, "amount_type", "expected an amount"),
    ],
)
def test_bad_amounts_are_refused_with_a_fix(value, kind, fragment):
    with pytest.raises(AmountError) as caught:
        parse_amount(value)
    assert caught.value.kind == kind
    assert fragment in str(caught.value)


@given(st.integers(min_value=1, max_value=10**13))
def test_grouped_text_reads_back_to_the_same_kronor(kronor):
    assert parse_amount(format_kr(kronor, " ")) == kronor
    assert parse_amount(format_kr(kronor) + " kr") == kronor


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=0, max_value=999))
def test_millions_with_a_decimal_comma_are_exact(whole, thousandths):
    text = f"{whole},{thousandths:03d} mnkr"
    assert parse_amount(text) == whole * 1_000_000 + thousandths * 1_000


def test_format_groups_the_swedish_way():
    assert format_kr(112_500_000, " ") == "112 500 000"
    assert format_kr(999, " ") == "999"
    assert format_kr(-1_000, " ") == "-1 000"


def test_a_bad_amount_is_refused_every_time_in_the_language_of_the_moment():
    """Good answers are remembered (amount texts recur); a refusal is not, so its words follow the language."""
    from vardmedel import i18n

    assert parse_amount("453 miljoner kronor") == parse_amount("453 miljoner kronor") == 453_000_000
    try:
        with pytest.raises(AmountError, match="unknown unit"):
            parse_amount("12 apor")
        i18n.set_language("sv")
        with pytest.raises(AmountError, match="okänd enhet"):
            parse_amount("12 apor")
    finally:
        i18n.set_language("en")
