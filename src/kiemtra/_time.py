"""Dates, instants, date ranges and durations: the time vocabulary every layer shares.

Instants are pendulum ``DateTime`` objects with a real zone; a naive datetime is refused everywhere. Dates are
``pendulum.Date``. A :class:`DateRange` is half-open, ``[start, end)``, with ``end=None`` meaning "still open".
"""

from __future__ import annotations

import datetime as _dt
import enum
from typing import Final

import attrs
import pendulum

from kiemtra._errors import InvalidInput, InvalidPeriod, NaiveDatetime, UnknownZone

__all__ = [
    "VIETNAM_ZONE",
    "DateRange",
    "Duration",
    "TimeUnit",
    "as_date",
    "as_instant",
    "zone",
]

VIETNAM_ZONE_NAME: Final = "Asia/Ho_Chi_Minh"


def zone(name: str) -> pendulum.Timezone:
    """Return the tz-database zone called ``name``.

    Raises:
        UnknownZone: ``name`` is not a zone of the tz database.
    """
    try:
        return pendulum.timezone(name)
    except Exception as exc:  # pendulum raises InvalidTimezone, a ValueError subclass or KeyError
        raise UnknownZone("zone", name, "not a tz-database zone name") from exc


VIETNAM_ZONE: Final = zone(VIETNAM_ZONE_NAME)


def as_instant(value: _dt.datetime, field: str = "instant") -> pendulum.DateTime:
    """Return ``value`` as an aware pendulum ``DateTime``, keeping its zone.

    Raises:
        NaiveDatetime: ``value`` has no time zone.
        InvalidInput: ``value`` is not a datetime.
    """
    if not isinstance(value, _dt.datetime):
        raise InvalidInput(field, value, "expected an aware datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetime(field, value, "naive datetime: give it a time zone")
    if isinstance(value, pendulum.DateTime) and isinstance(value.tzinfo, pendulum.Timezone):
        return value
    tz = value.tzinfo
    name = getattr(tz, "key", None) or getattr(tz, "name", None)
    if isinstance(name, str):
        try:
            return pendulum.instance(value, tz=zone(name))
        except UnknownZone:
            pass
    return pendulum.instance(value)


def as_date(value: _dt.date, field: str = "date") -> pendulum.Date:
    """Return ``value`` as a ``pendulum.Date``.

    Raises:
        InvalidInput: ``value`` is a datetime (ambiguous) or not a date at all.
    """
    if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date):
        raise InvalidInput(field, value, "expected a date (not a datetime)")
    if isinstance(value, pendulum.Date):
        return value
    return pendulum.date(value.year, value.month, value.day)


def _to_date(value: _dt.date) -> pendulum.Date:
    return as_date(value)


def _to_opt_date(value: _dt.date | None) -> pendulum.Date | None:
    return None if value is None else as_date(value)


@attrs.frozen(order=True)
class DateRange:
    """A half-open range of dates ``[start, end)``; ``end=None`` means open-ended.

    Args:
        start: First day in the range.
        end: First day no longer in the range, or None.

    Raises:
        InvalidPeriod: ``end`` is not after ``start``.
    """

    start: pendulum.Date = attrs.field(converter=_to_date)
    end: pendulum.Date | None = attrs.field(default=None, converter=_to_opt_date)

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end <= self.start:
            raise InvalidPeriod(
                "DateRange.end", self.end, f"must be after start {self.start.isoformat()}"
            )

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, _dt.date) or isinstance(day, _dt.datetime):
            return False
        return self.start <= day and (self.end is None or day < self.end)

    def overlaps(self, other: DateRange) -> bool:
        """Whether the two ranges share at least one day."""
        return (other.end is None or self.start < other.end) and (
            self.end is None or other.start < self.end
        )

    @classmethod
    def year(cls, year: int) -> DateRange:
        """The calendar year ``year``."""
        return cls(pendulum.date(year, 1, 1), pendulum.date(year + 1, 1, 1))

    @classmethod
    def month(cls, year: int, month: int) -> DateRange:
        """The calendar month ``month`` of ``year``."""
        first = pendulum.date(year, month, 1)
        return cls(first, first.add(months=1))

    def __str__(self) -> str:
        end = "…" if self.end is None else self.end.isoformat()
        return f"[{self.start.isoformat()}, {end})"


class TimeUnit(enum.Enum):
    """How a period is counted."""

    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"
    YEARS = "years"


@attrs.frozen
class Duration:
    """A length of time as regulations state it: an amount and the unit it is counted in.

    Raises:
        InvalidInput: ``amount`` is negative or not an integer.
    """

    amount: int = attrs.field()
    unit: TimeUnit = attrs.field(validator=attrs.validators.instance_of(TimeUnit))

    @amount.validator
    def _check_amount(self, _attribute: attrs.Attribute[int], value: int) -> None:
        given: object = value  # callers may pass anything; the annotation is what attrs wants
        if isinstance(given, bool) or not isinstance(given, int) or given < 0:
            raise InvalidInput("Duration.amount", value, "must be a whole number >= 0")

    @classmethod
    def days(cls, n: int) -> Duration:
        """``n`` calendar days."""
        return cls(n, TimeUnit.CALENDAR_DAYS)

    @classmethod
    def working_days(cls, n: int) -> Duration:
        """``n`` working days."""
        return cls(n, TimeUnit.WORKING_DAYS)

    @classmethod
    def months(cls, n: int) -> Duration:
        """``n`` months."""
        return cls(n, TimeUnit.MONTHS)

    @classmethod
    def years(cls, n: int) -> Duration:
        """``n`` years."""
        return cls(n, TimeUnit.YEARS)

    def __str__(self) -> str:
        return f"{self.amount} {self.unit.value.replace('_', ' ')}"
