"""Converters and validators shared by the model's attrs classes.

A converter cannot tell which field it converts (mypy's attrs plugin accepts only plain functions),
so converters here normalise what they can and hand anything else through unchanged; the field's
validator then refuses it with an error that names ``Class.field`` and the value.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import Any, TypeVar, cast

import attrs
import pendulum

from kiemtra._errors import InvalidInput, InvalidPeriod, NegativeAmount
from kiemtra._money import Money
from kiemtra._time import as_date, as_instant

__all__ = [
    "as_tuple",
    "check_amount_due",
    "check_count",
    "check_date",
    "check_enum",
    "check_fraction",
    "check_id",
    "check_ids",
    "check_instant",
    "check_items",
    "check_money",
    "check_month",
    "check_name",
    "check_opt_date",
    "check_opt_fraction",
    "check_opt_id",
    "check_positive",
    "check_text",
    "check_type",
    "check_year",
    "field_name",
    "not_before",
    "to_date",
    "to_fraction",
    "to_instant",
    "to_money",
    "to_opt_date",
    "to_opt_fraction",
]

_E = TypeVar("_E", bound=enum.Enum)
_MIN_YEAR = 1
_MAX_YEAR = 9999


def field_name(instance: object, attribute: attrs.Attribute[Any]) -> str:
    """``"Class.field"``, the way every model error names what it refuses."""
    return f"{type(instance).__name__}.{attribute.name}"


def _is_id(value: object) -> bool:
    return isinstance(value, str) and bool(value) and value == value.strip()


_ID_RULE = "must be a non-empty id without blanks around"


def _is_date(value: object) -> bool:
    return isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)


def to_date(value: _dt.date) -> pendulum.Date:
    """A stdlib date as a pendulum date; anything else passes through to the validator."""
    return as_date(value) if _is_date(value) else cast(pendulum.Date, value)


def to_opt_date(value: _dt.date | None) -> pendulum.Date | None:
    """Like :func:`to_date`, keeping None."""
    return None if value is None else to_date(value)


def to_instant(value: _dt.datetime) -> pendulum.DateTime:
    """An aware datetime as a pendulum instant in its own zone; anything else passes through."""
    try:
        return as_instant(value)
    except InvalidInput:
        return cast(pendulum.DateTime, value)


def to_money(value: Money | int) -> Money:
    """A whole number of đồng as Money; a negative int passes through so the field is named."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return Money(value)
    return cast(Money, value)


def to_opt_fraction(value: Fraction | int | None) -> Fraction | None:
    """Like :func:`to_fraction`, keeping None."""
    return None if value is None else to_fraction(value)


def to_fraction(value: Fraction | int) -> Fraction:
    """An int as an exact Fraction; floats and the rest pass through to the validator."""
    if isinstance(value, int) and not isinstance(value, bool):
        return Fraction(value)
    return cast(Fraction, value)


def as_tuple(value: object) -> Any:
    """``value`` as a tuple when it is a non-string iterable; else unchanged, for the validator.

    Typed converters wrap this per item type: mypy's attrs plugin cannot type a generic converter.
    """
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):
        return tuple(value)
    return value


def check_items(kind: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """A validator accepting a tuple whose items are all instances of ``kind``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        name = field_name(instance, attribute)
        if not isinstance(value, tuple):
            raise InvalidInput(name, value, f"expected a sequence of {kind.__name__}")
        for i, item in enumerate(value):
            if not isinstance(item, kind):
                raise InvalidInput(f"{name}[{i}]", item, f"expected {kind.__name__}")

    return check


def check_type(kind: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """A validator accepting instances of ``kind`` only (for bool, ints are refused too)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            raise InvalidInput(field_name(instance, attribute), value, f"expected {kind.__name__}")

    return check


def check_ids(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A tuple of ids."""
    name = field_name(instance, attribute)
    if not isinstance(value, tuple):
        raise InvalidInput(name, value, "expected a sequence of ids")
    for i, item in enumerate(value):
        if not _is_id(item):
            raise InvalidInput(f"{name}[{i}]", item, _ID_RULE)


def check_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An id: a non-empty string without surrounding blanks."""
    if not _is_id(value):
        raise InvalidInput(field_name(instance, attribute), value, _ID_RULE)


def check_opt_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An id or None."""
    if value is not None:
        check_id(instance, attribute, value)


def check_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Free text: any string, empty allowed."""
    if not isinstance(value, str):
        raise InvalidInput(field_name(instance, attribute), value, "must be a string")


def check_name(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A name or other text that may not be blank."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(field_name(instance, attribute), value, "must be a non-blank string")


def check_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A calendar date (a datetime is refused: it would hide a time and a zone)."""
    if not _is_date(value):
        raise InvalidInput(field_name(instance, attribute), value, "expected a date")


def check_opt_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A date or None."""
    if value is not None:
        check_date(instance, attribute, value)


def check_instant(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An aware datetime; a naive one raises NaiveDatetime."""
    as_instant(value, field_name(instance, attribute))  # type: ignore[arg-type]


def check_money(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Money, or a whole number of đồng that is not negative."""
    if isinstance(value, Money):
        return
    name = field_name(instance, attribute)
    if isinstance(value, int) and not isinstance(value, bool):
        raise NegativeAmount(name, value, "money cannot be negative")
    raise InvalidInput(name, value, "expected Money or a whole number of đồng")


def check_amount_due(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Money above zero: a receipt, a payment or a transfer of nothing is a data error."""
    check_money(instance, attribute, value)
    if isinstance(value, Money) and value.dong == 0:
        raise InvalidInput(field_name(instance, attribute), value, "must be more than 0 đồng")


def check_month(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A month, given as its first day."""
    check_date(instance, attribute, value)
    if isinstance(value, _dt.date) and value.day != 1:
        raise InvalidInput(
            field_name(instance, attribute), value, "must be the first day of a month"
        )


def check_positive(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A whole number > 0."""
    check_count(instance, attribute, value)
    if value == 0:
        raise InvalidInput(field_name(instance, attribute), value, "must be more than 0")


def check_count(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A whole number >= 0."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInput(field_name(instance, attribute), value, "must be a whole number >= 0")


def check_year(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A calendar year."""
    if isinstance(value, bool) or not isinstance(value, int) or not _MIN_YEAR <= value <= _MAX_YEAR:
        raise InvalidInput(field_name(instance, attribute), value, "must be a calendar year")


def check_fraction(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An exact number (a Fraction); floats are refused, they are not exact."""
    if not isinstance(value, Fraction):
        raise InvalidInput(
            field_name(instance, attribute), value, "expected an exact number (int or Fraction)"
        )


def check_opt_fraction(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An exact number or None."""
    if value is not None:
        check_fraction(instance, attribute, value)


def check_enum(kind: type[_E]) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """A validator accepting members of the enum ``kind`` only."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            choices = ", ".join(m.name for m in kind)
            raise InvalidInput(field_name(instance, attribute), value, f"expected one of {choices}")

    return check


def not_before(instance: object, later: str, earlier: str, *, strict: bool = False) -> None:
    """Refuse ``instance.later`` (a date) falling before ``instance.earlier`` (None skips).

    Raises:
        InvalidPeriod: naming ``Class.later``; with ``strict`` the two may not be equal either.
    """
    end = getattr(instance, later)
    start = getattr(instance, earlier)
    if end is None or start is None:
        return
    if end < start or (strict and end == start):
        relation = "after" if strict else "on or after"
        raise InvalidPeriod(
            f"{type(instance).__name__}.{later}",
            end,
            f"must be {relation} {earlier} {start.isoformat()}",
        )
