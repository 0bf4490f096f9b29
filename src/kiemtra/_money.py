"""Money as a whole number of Vietnamese đồng. No float ever comes near money."""

from __future__ import annotations

import enum
from fractions import Fraction
from typing import Final

import attrs

from kiemtra._errors import InvalidInput, NegativeAmount

__all__ = ["Money", "Rounding"]

CURRENCY: Final = "VND"


class Rounding(enum.Enum):
    """How a fraction of a đồng is settled."""

    DOWN = "down"
    UP = "up"
    HALF_UP = "half_up"


def _check_amount(_instance: object, _attribute: object, value: int) -> None:
    given: object = value  # callers may pass anything; the annotation is what attrs wants
    if isinstance(given, bool) or not isinstance(given, int):
        raise InvalidInput("Money.dong", value, "must be a whole number of đồng (int)")
    if value < 0:
        raise NegativeAmount("Money.dong", value, "money cannot be negative")


@attrs.frozen(order=True)
class Money:
    """A non-negative amount in whole đồng.

    Differences that may be negative (a shortfall) are plain ``int`` values from :meth:`diff`.

    Raises:
        NegativeAmount: the amount is below zero.
        InvalidInput: the amount is not an integer (a float or a Decimal).
    """

    dong: int = attrs.field(validator=_check_amount)

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.dong + other.dong)

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.dong - other.dong)

    def diff(self, other: Money) -> int:
        """``self - other`` in đồng, which may be negative."""
        return self.dong - other.dong

    def times(self, ratio: Fraction | int, rounding: Rounding) -> Money:
        """This amount multiplied by an exact ``ratio``, settled to whole đồng by ``rounding``."""
        exact = Fraction(self.dong) * Fraction(ratio)
        if rounding is Rounding.DOWN:
            whole = exact.numerator // exact.denominator
        elif rounding is Rounding.UP:
            whole = -((-exact.numerator) // exact.denominator)
        else:
            half_up = exact + Fraction(1, 2)
            whole = half_up.numerator // half_up.denominator
        return Money(whole)

    def format(self, locale: str = "vi") -> str:
        """The amount formatted for ``locale`` with Babel, e.g. ``"1.000.000 ₫"`` in Vietnamese."""
        from babel.numbers import format_currency

        return str(format_currency(self.dong, CURRENCY, locale=locale))

    def __str__(self) -> str:
        return f"{self.dong:,} đ".replace(",", ".")
