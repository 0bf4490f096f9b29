"""Working days, legal periods and deadlines, clocks, and instants as stored.

A :class:`WorkCalendar` knows the Vietnamese days off (weekends, public holidays, Tết and the
Saturdays swapped with a weekday) from the ``holidays`` package, plus the days a host adds. Its
:meth:`WorkCalendar.add` counts periods as Civil Code 2015 Arts 147-148 do. A :class:`Clock` tells
the current instant, and a :class:`StoredInstant` is how an instant is kept: UTC plus the zone name
it was given in.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from typing import Final, Protocol, runtime_checkable

import attrs
import holidays
import pendulum

from kiemtra._errors import InvalidInput, InvalidPeriod, UnknownZone
from kiemtra._time import VIETNAM_ZONE, Duration, TimeUnit, as_date, as_instant
from kiemtra._time import zone as tz_zone

__all__ = [
    "Clock",
    "Deadline",
    "FixedClock",
    "StoredInstant",
    "SystemClock",
    "WorkCalendar",
]

_ONE_DAY: Final = _dt.timedelta(days=1)
_SATURDAY: Final = 5
_FIXED_OFFSET: Final = re.compile(r"([+-])(\d{2}):(\d{2})")


def _day(value: object, field: str) -> pendulum.Date:
    # as_date's parameter is typed ``date``; callers hand us anything, so check here too.
    return as_date(value, field)  # type: ignore[arg-type]


def _count(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInput(field, value, "must be a whole number >= 0")
    return value


def _duration(value: object, field: str) -> Duration:
    if not isinstance(value, Duration):
        raise InvalidInput(field, value, "expected a Duration")
    return value


def _day_set(values: object, field: str) -> frozenset[pendulum.Date]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InvalidInput(field, values, "expected a set of dates")
    return frozenset(_day(v, field) for v in values)


def _days_off_set(values: object) -> frozenset[pendulum.Date]:
    return _day_set(values, "WorkCalendar.extra_days_off")


def _working_days_set(values: object) -> frozenset[pendulum.Date]:
    return _day_set(values, "WorkCalendar.extra_working_days")


@attrs.frozen
class WorkCalendar:
    """The Vietnamese working-day calendar of the public sector, with the host's own changes.

    Saturdays and Sundays are days off, and so are the public holidays, Tết and the weekdays swapped
    away, as the ``holidays`` package knows them. A Saturday swapped into a working day works.
    The package lags behind late announcements (holidays 0.109 lacks the 2026 New Year swap of
    Công văn 12729/VPCP-KGVX: Fri 2 Jan off, Sat 10 Jan worked), so the host can add such days.

    Args:
        extra_days_off: Days off the host knows of and the package does not (a swap announced late,
            a local closure). They win over the package.
        extra_working_days: Working days the host knows of (a Saturday worked for a swap). They win
            over the package.

    Raises:
        InvalidInput: an entry is not a date, or a day is both an extra day off and an extra
            working day.
    """

    extra_days_off: frozenset[pendulum.Date] = attrs.field(
        factory=frozenset, converter=_days_off_set
    )
    extra_working_days: frozenset[pendulum.Date] = attrs.field(
        factory=frozenset, converter=_working_days_set
    )
    # One frozenset of days off per year, filled on first use: instance state, never shared.
    _days_off_by_year: dict[int, frozenset[_dt.date]] = attrs.field(
        factory=dict, init=False, eq=False, repr=False
    )
    # Period ends and deadlines already counted: they repeat across cases stepping on the same day.
    # Both grow with distinct (day, period) pairs only: a few thousand a year.
    _ends: dict[tuple[pendulum.Date, Duration], pendulum.Date] = attrs.field(
        factory=dict, init=False, eq=False, repr=False
    )
    _deadlines: dict[tuple[_dt.date, Duration, str, str | None], Deadline] = attrs.field(
        factory=dict, init=False, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        both = self.extra_days_off & self.extra_working_days
        if both:
            first = min(both)
            raise InvalidInput(
                "WorkCalendar.extra_working_days", first, "is also listed in extra_days_off"
            )

    def _days_off(self, year: int) -> frozenset[_dt.date]:
        cached = self._days_off_by_year.get(year)
        if cached is not None:
            return cached
        official = holidays.country_holidays("VN", years=year)
        swapped_in = {d for d in official.weekend_workdays if d.year == year}
        off: set[_dt.date] = set()
        day = _dt.date(year, 1, 1)
        while day.year == year:
            if (day.weekday() >= _SATURDAY and day not in swapped_in) or day in official:
                off.add(day)
            day += _ONE_DAY
        off |= {d for d in self.extra_days_off if d.year == year}
        off -= {d for d in self.extra_working_days if d.year == year}
        result = frozenset(off)
        self._days_off_by_year[year] = result
        return result

    def _works(self, day: _dt.date) -> bool:
        return day not in self._days_off(day.year)

    def is_working_day(self, day: _dt.date) -> bool:
        """Whether ``day`` is a working day.

        Raises:
            InvalidInput: ``day`` is a datetime or not a date.
        """
        return self._works(_day(day, "day"))

    def next_working_day(self, day: _dt.date) -> pendulum.Date:
        """``day`` itself when it is a working day, else the first working day after it.

        Raises:
            InvalidInput: ``day`` is a datetime or not a date.
        """
        given = _day(day, "day")
        current = _dt.date(given.year, given.month, given.day)
        while not self._works(current):
            current += _ONE_DAY
        return pendulum.Date(current.year, current.month, current.day)

    def add_working_days(self, start: _dt.date, n: int) -> pendulum.Date:
        """The ``n``-th working day after ``start``; ``start`` itself is never counted.

        ``n == 0`` gives ``start`` back: a period of no days ends where it begins.

        Raises:
            InvalidInput: ``start`` is not a date, or ``n`` is negative or not an integer.
        """
        first = _day(start, "start")
        left = _count(n, "n")
        # Plain stdlib dates in the loop: pendulum's date arithmetic costs ~5x more per step.
        current = _dt.date(first.year, first.month, first.day)
        while left:
            current += _ONE_DAY
            if self._works(current):
                left -= 1
        return pendulum.Date(current.year, current.month, current.day)

    def working_days_between(self, a: _dt.date, b: _dt.date) -> int:
        """How many working days lie in ``(a, b]``.

        Raises:
            InvalidInput: ``a`` or ``b`` is not a date.
            InvalidPeriod: ``b`` is before ``a``.
        """
        current, end = _day(a, "a"), _day(b, "b")
        if end < current:
            raise InvalidPeriod("b", end, f"must not be before a {current.isoformat()}")
        count = 0
        while current < end:
            current += _ONE_DAY
            count += self._works(current)
        return count

    def add(self, start: _dt.date, duration: Duration) -> pendulum.Date:
        """The last day of a period of ``duration`` that runs from the event on ``start``.

        Civil Code 2015 Art 147: the event day is not counted. Art 148: a period in months or years
        ends on the same day-number, or on the last day of a month that has no such day; a period
        whose last day is a day off ends on the next working day. Working days are counted one by
        one.

        Raises:
            InvalidInput: ``start`` is not a date or ``duration`` is not a Duration.
        """
        first = _day(start, "start")
        period = _duration(duration, "duration")
        key = (first, period)
        cached = self._ends.get(key)
        if cached is None:
            cached = self._ends[key] = self._add(first, period)
        return cached

    def _add(self, first: pendulum.Date, period: Duration) -> pendulum.Date:
        n = period.amount
        if period.unit is TimeUnit.WORKING_DAYS:
            return self.add_working_days(first, n)
        if period.unit is TimeUnit.CALENDAR_DAYS:
            last = first.add(days=n)
        elif period.unit is TimeUnit.MONTHS:
            last = first.add(months=n)  # pendulum clamps 31 Jan + 1 month to the end of February
        else:
            last = first.add(years=n)
        return self.next_working_day(last)

    def deadline(
        self,
        start: _dt.date,
        period: Duration,
        basis: str,
        citation: str | None = None,
    ) -> Deadline:
        """The deadline of ``period`` counted from the event on ``start``.

        Args:
            start: The event day (a notice served, a decision signed).
            period: The length of the period.
            basis: The parameter key the period comes from.
            citation: The legal text, when known.

        Raises:
            InvalidInput: a field is of the wrong type.
        """
        key = (start, period, basis, citation)
        found = self._deadlines.get(key)
        if found is None:  # Deadlines are immutable, so cases stepping on the same day share one
            found = self._deadlines[key] = Deadline(
                start, period, self.add(start, period), basis, citation
            )
        return found


def _check_basis(_instance: object, _attribute: object, value: str) -> None:
    given: object = value  # the annotation is what attrs wants; callers may pass anything
    if not isinstance(given, str) or not given:
        raise InvalidInput("Deadline.basis", value, "must be a non-empty parameter key")


def _deadline_start(value: object) -> pendulum.Date:
    return _day(value, "Deadline.start")


def _deadline_due(value: object) -> pendulum.Date:
    return _day(value, "Deadline.due")


def _deadline_period(value: object) -> Duration:
    return _duration(value, "Deadline.period")


def _extensions(values: object) -> tuple[Duration, ...]:
    if not isinstance(values, Iterable):
        raise InvalidInput("Deadline.extensions", values, "expected a sequence of Durations")
    return tuple(_duration(v, "Deadline.extensions") for v in values)


@attrs.frozen
class Deadline:
    """The day by which something must be done, and where that day comes from.

    Args:
        start: The event day the period counts from.
        period: The period as the regulation states it.
        due: The last day to act (inclusive).
        basis: The parameter key the period comes from.
        citation: The legal text, when known.
        extensions: The extensions granted, in order; each counts from the due date before it.

    Raises:
        InvalidInput: a field is of the wrong type.
        InvalidPeriod: ``due`` is before ``start``.
    """

    start: pendulum.Date = attrs.field(converter=_deadline_start)
    period: Duration = attrs.field(converter=_deadline_period)
    due: pendulum.Date = attrs.field(converter=_deadline_due)
    basis: str = attrs.field(validator=_check_basis)
    citation: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(str))
    )
    extensions: tuple[Duration, ...] = attrs.field(default=(), converter=_extensions)

    def __attrs_post_init__(self) -> None:
        if self.due < self.start:
            raise InvalidPeriod(
                "Deadline.due", self.due, f"must not be before start {self.start.isoformat()}"
            )

    def is_overdue(self, on: _dt.date) -> bool:
        """Whether the deadline has passed on ``on``: the due day itself is still in time.

        Raises:
            InvalidInput: ``on`` is not a date.
        """
        return _day(on, "on") > self.due

    def days_left(self, on: _dt.date, calendar: WorkCalendar) -> int:
        """The working days still available on ``on``, counting ``on`` itself; 0 once overdue.

        Raises:
            InvalidInput: ``on`` is not a date.
        """
        day = _day(on, "on")
        if day > self.due:
            return 0
        return calendar.working_days_between(day - _ONE_DAY, self.due)

    def extended(self, by: Duration, calendar: WorkCalendar) -> Deadline:
        """This deadline extended by ``by``, counted from the current due date.

        Raises:
            InvalidInput: ``by`` is not a Duration.
        """
        extension = _duration(by, "by")
        return attrs.evolve(
            self,
            due=calendar.add(self.due, extension),
            extensions=(*self.extensions, extension),
        )


@runtime_checkable
class Clock(Protocol):
    """Where the library reads the current time; hosts and tests inject their own."""

    def now(self) -> pendulum.DateTime:
        """The current instant, in the clock's zone."""

    def today(self) -> pendulum.Date:
        """The current date in the clock's zone."""


def _to_zone(value: pendulum.Timezone | str) -> pendulum.Timezone:
    if isinstance(value, pendulum.Timezone):
        return value
    if isinstance(value, str):
        return tz_zone(value)
    raise InvalidInput("zone", value, "expected a tz-database zone or its name")


@attrs.frozen
class SystemClock:
    """The wall clock of the machine.

    Args:
        zone: The zone ``now`` and ``today`` are given in; Vietnam unless told otherwise.

    Raises:
        UnknownZone: ``zone`` names no tz-database zone.
    """

    zone: pendulum.Timezone = attrs.field(default=VIETNAM_ZONE, converter=_to_zone)

    def now(self) -> pendulum.DateTime:
        """The current instant, in the clock's zone."""
        return pendulum.now(self.zone)

    def today(self) -> pendulum.Date:
        """The current date in the clock's zone."""
        return self.now().date()


def _fixed_instant(value: _dt.datetime) -> pendulum.DateTime:
    return as_instant(value, "FixedClock.at")


@attrs.define
class FixedClock:
    """A clock that stands still until told to move; mutable on purpose, so tests can move it.

    Args:
        at: The instant it shows; must be aware.
        zone: The zone ``now`` and ``today`` are given in; Vietnam unless told otherwise.

    Raises:
        NaiveDatetime: ``at`` has no time zone.
        UnknownZone: ``zone`` names no tz-database zone.
    """

    # attrs.define runs the converter on assignment too, so set() cannot store a naive datetime.
    at: pendulum.DateTime = attrs.field(converter=_fixed_instant)
    zone: pendulum.Timezone = attrs.field(default=VIETNAM_ZONE, converter=_to_zone)

    def now(self) -> pendulum.DateTime:
        """The instant the clock shows, in the clock's zone."""
        at = self.at
        return at if at.tzinfo is self.zone else at.in_timezone(self.zone)

    def today(self) -> pendulum.Date:
        """The date the clock shows in its zone."""
        return self.now().date()

    def set(self, at: _dt.datetime) -> None:
        """Move the clock to ``at``, forward or back.

        Raises:
            NaiveDatetime: ``at`` has no time zone.
        """
        self.at = _fixed_instant(at)

    def advance(
        self,
        *,
        years: int = 0,
        months: int = 0,
        weeks: int = 0,
        days: int = 0,
        hours: int = 0,
        minutes: int = 0,
        seconds: int = 0,
        microseconds: int = 0,
    ) -> None:
        """Move the clock forward by the amounts given, as pendulum's ``add`` counts them.

        Raises:
            InvalidInput: an amount is negative or not an integer; use :meth:`set` to go back.
        """
        amounts = {
            "years": years,
            "months": months,
            "weeks": weeks,
            "days": days,
            "hours": hours,
            "minutes": minutes,
            "seconds": seconds,
            "microseconds": microseconds,
        }
        for name, amount in amounts.items():
            _count(amount, f"advance.{name}")
        self.at = self.at.add(
            years=years,
            months=months,
            weeks=weeks,
            days=days,
            hours=hours,
            minutes=minutes,
            seconds=seconds,
            microseconds=microseconds,
        )


def _stored_zone(name: str) -> pendulum.Timezone | pendulum.FixedTimezone:
    if not isinstance(name, str):
        raise UnknownZone("StoredInstant.zone", name, "expected a zone name")
    # An instant given with a bare UTC offset keeps it, named "+07:00", since it has no tz name.
    match = _FIXED_OFFSET.fullmatch(name)
    if match:
        sign = -1 if match[1] == "-" else 1
        return pendulum.FixedTimezone(sign * (int(match[2]) * 3600 + int(match[3]) * 60))
    try:
        return tz_zone(name)
    except UnknownZone as exc:
        raise UnknownZone("StoredInstant.zone", name, "not a tz-database zone name") from exc


def _check_zone(_instance: object, _attribute: object, value: str) -> None:
    _stored_zone(value)


def _to_utc(value: _dt.datetime) -> pendulum.DateTime:
    return as_instant(value, "StoredInstant.utc").in_timezone("UTC")


@attrs.frozen
class StoredInstant:
    """An instant as it is stored: the UTC time plus the name of the zone it was given in.

    Args:
        utc: The instant; any aware datetime is converted to UTC.
        zone: A tz-database zone name, or a fixed offset such as ``"+07:00"``.

    Raises:
        NaiveDatetime: ``utc`` has no time zone.
        UnknownZone: ``zone`` is not a known zone name.
    """

    utc: pendulum.DateTime = attrs.field(converter=_to_utc)
    zone: str = attrs.field(validator=_check_zone)

    @classmethod
    def from_instant(cls, instant: _dt.datetime) -> StoredInstant:
        """The stored form of an aware ``instant``.

        Raises:
            NaiveDatetime: ``instant`` has no time zone.
        """
        value = as_instant(instant, "instant")
        return cls(value, value.timezone_name or "UTC")

    def to_instant(self) -> pendulum.DateTime:
        """The instant back in the zone it was given in."""
        return self.utc.in_timezone(_stored_zone(self.zone))
