"""Money: whole đồng, never negative, never a float, formatted the Vietnamese way."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiemtra import InvalidInput, Money, NegativeAmount, Rounding


def test_negative_money_is_refused() -> None:
    """Money below zero raises NegativeAmount naming the field and the value."""
    with pytest.raises(NegativeAmount) as info:
        Money(-1)
    assert (info.value.field, info.value.value) == ("Money.dong", -1)


@pytest.mark.parametrize("bad", [1.5, Decimal("2"), "3", True])
def test_non_integer_money_is_refused(bad: object) -> None:
    """Floats, decimals, strings and booleans are not đồng."""
    with pytest.raises(InvalidInput, match="Money.dong"):
        Money(bad)  # type: ignore[arg-type]


def test_subtraction_below_zero_is_refused() -> None:
    """Taking more than there is raises instead of going negative; diff() gives the shortfall."""
    with pytest.raises(NegativeAmount):
        Money(5) - Money(7)


def test_diff_can_be_negative() -> None:
    """A shortfall is a plain signed int."""
    assert Money(5).diff(Money(7)) == -2


@pytest.mark.parametrize(
    ("rounding", "expected"),
    [(Rounding.DOWN, 12_345), (Rounding.UP, 12_346), (Rounding.HALF_UP, 12_346)],
)
def test_one_percent_of_a_salary(rounding: Rounding, expected: int) -> None:
    """1 % of 1,234,567 đ is 12,345.67 đ, settled by the rounding rule."""
    assert Money(1_234_567).times(Fraction(1, 100), rounding) == Money(expected)


def test_half_up_at_exactly_half() -> None:
    """0.5 % of 100,100 đ is exactly 500.5 đ; half-up gives 501."""
    assert Money(100_100).times(Fraction(1, 200), Rounding.HALF_UP) == Money(501)


def test_vietnamese_format() -> None:
    """Vietnamese formatting groups with dots and puts the đồng sign after the number."""
    assert Money(1_000_000).format("vi") == "1.000.000\xa0₫"


@given(st.integers(0, 10**15), st.integers(0, 10**15))
def test_addition_is_exact(a: int, b: int) -> None:
    """Adding money is exact integer addition, however large."""
    assert (Money(a) + Money(b)).dong == a + b


@given(st.integers(0, 10**12), st.fractions(0, 1))
def test_rounding_brackets_the_exact_value(a: int, ratio: Fraction) -> None:
    """DOWN and UP bracket the exact product within one đồng."""
    down = Money(a).times(ratio, Rounding.DOWN).dong
    up = Money(a).times(ratio, Rounding.UP).dong
    assert down <= a * ratio <= up <= down + 1
