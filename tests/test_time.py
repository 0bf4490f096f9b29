"""Dates, instants, ranges and durations."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pendulum
import pytest

from kiemtra import (
    DateRange,
    Duration,
    InvalidInput,
    InvalidPeriod,
    NaiveDatetime,
    UnknownZone,
    as_date,
    as_instant,
    zone,
)

D = pendulum.date


def test_naive_datetime_is_refused() -> None:
    """A datetime without a zone raises NaiveDatetime naming the field."""
    with pytest.raises(NaiveDatetime, match="held_at"):
        as_instant(dt.datetime(2019, 1, 10, 8, 1), "held_at")


def test_zoneinfo_datetime_keeps_its_zone_name() -> None:
    """A stdlib aware datetime becomes a pendulum instant in the same named zone."""
    value = dt.datetime(2019, 1, 10, 8, 1, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"))
    assert as_instant(value).timezone_name == "Asia/Ho_Chi_Minh"


def test_unknown_zone_is_refused() -> None:
    """A zone name the tz database lacks raises UnknownZone naming the value."""
    with pytest.raises(UnknownZone, match="Asia/Ha_Long"):
        zone("Asia/Ha_Long")


def test_datetime_is_not_a_date() -> None:
    """A datetime where a date is needed is refused rather than truncated."""
    with pytest.raises(InvalidInput, match="due_on"):
        as_date(pendulum.datetime(2019, 1, 1), "due_on")


def test_end_before_start_is_refused() -> None:
    """A range ending before it starts raises InvalidPeriod naming the end."""
    with pytest.raises(InvalidPeriod, match=r"DateRange.end"):
        DateRange(D(2019, 2, 1), D(2019, 1, 1))


def test_range_is_half_open() -> None:
    """A range contains its start and not its end."""
    r = DateRange(D(2019, 1, 1), D(2019, 2, 1))
    assert (D(2019, 1, 1) in r, D(2019, 1, 31) in r, D(2019, 2, 1) in r) == (True, True, False)


def test_open_range_contains_the_future() -> None:
    """An open-ended range contains every later day."""
    assert D(2099, 1, 1) in DateRange(D(2019, 1, 1))


def test_year_and_month_ranges() -> None:
    """Year and month helpers cover exactly the calendar period, February of a leap year included."""
    assert (DateRange.year(2018), DateRange.month(2024, 2)) == (
        DateRange(D(2018, 1, 1), D(2019, 1, 1)),
        DateRange(D(2024, 2, 1), D(2024, 3, 1)),
    )


def test_adjacent_ranges_do_not_overlap() -> None:
    """Back-to-back periods share no day; a day in common is an overlap."""
    a = DateRange(D(2019, 1, 1), D(2019, 2, 1))
    assert (a.overlaps(DateRange(D(2019, 2, 1))), a.overlaps(DateRange(D(2019, 1, 31)))) == (
        False,
        True,
    )


def test_negative_duration_is_refused() -> None:
    """A duration cannot be negative."""
    with pytest.raises(InvalidInput, match="Duration.amount"):
        Duration.days(-1)
