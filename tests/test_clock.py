"""Clocks and instants as stored (UTC plus the zone name)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiemtra import InvalidInput, NaiveDatetime, UnknownZone
from kiemtra._calendar import Clock, FixedClock, StoredInstant, SystemClock

ZONES = ["Asia/Ho_Chi_Minh", "UTC", "Europe/Paris", "America/New_York", "Australia/Lord_Howe"]


def test_fixed_clock_refuses_a_naive_datetime() -> None:
    """A naive start instant raises NaiveDatetime naming FixedClock.at."""
    with pytest.raises(NaiveDatetime, match=r"FixedClock\.at"):
        FixedClock(dt.datetime(2026, 1, 1, 9))


def test_fixed_clock_set_refuses_a_naive_datetime() -> None:
    """Moving the clock to a naive datetime raises NaiveDatetime."""
    clock = FixedClock(pendulum.datetime(2026, 1, 1, tz="UTC"))
    with pytest.raises(NaiveDatetime, match=r"FixedClock\.at"):
        clock.set(dt.datetime(2026, 1, 2, 9))


def test_fixed_clock_shows_its_instant() -> None:
    """now() is the instant the clock was given."""
    at = pendulum.datetime(2026, 1, 1, 9, tz="Asia/Ho_Chi_Minh")
    assert FixedClock(at).now() == at


def test_fixed_clock_advances() -> None:
    """advance(days=1, hours=2) moves the clock by exactly that."""
    clock = FixedClock(pendulum.datetime(2026, 1, 1, 9, tz="Asia/Ho_Chi_Minh"))
    clock.advance(days=1, hours=2)
    assert clock.now() == pendulum.datetime(2026, 1, 2, 11, tz="Asia/Ho_Chi_Minh")


def test_fixed_clock_refuses_to_advance_backwards() -> None:
    """A negative amount raises InvalidInput naming it; set() is the way back."""
    clock = FixedClock(pendulum.datetime(2026, 1, 1, tz="UTC"))
    with pytest.raises(InvalidInput, match=r"advance\.days=-1"):
        clock.advance(days=-1)


def test_fixed_clock_set_moves_it() -> None:
    """set() puts the clock at the instant given."""
    clock = FixedClock(pendulum.datetime(2026, 1, 1, tz="UTC"))
    clock.set(pendulum.datetime(2019, 5, 4, 8, tz="UTC"))
    assert clock.now() == pendulum.datetime(2019, 5, 4, 8, tz="UTC")


def test_today_is_the_vietnamese_date() -> None:
    """At 2026-01-01T18:00Z it is already 2 Jan 2026 in Vietnam."""
    clock = FixedClock(pendulum.datetime(2026, 1, 1, 18, tz="UTC"))
    assert clock.today() == pendulum.date(2026, 1, 2)


def test_now_is_given_in_the_clock_zone() -> None:
    """now() is expressed in Asia/Ho_Chi_Minh by default."""
    clock = FixedClock(pendulum.datetime(2026, 1, 1, 18, tz="UTC"))
    assert clock.now().timezone_name == "Asia/Ho_Chi_Minh"


def test_today_follows_another_zone() -> None:
    """A clock in UTC gives the UTC date."""
    clock = FixedClock(pendulum.datetime(2026, 1, 1, 18, tz="UTC"), zone="UTC")
    assert clock.today() == pendulum.date(2026, 1, 1)


def test_system_clock_is_a_clock() -> None:
    """SystemClock meets the Clock protocol."""
    assert isinstance(SystemClock(), Clock)


def test_fixed_clock_is_a_clock() -> None:
    """FixedClock meets the Clock protocol."""
    assert isinstance(FixedClock(pendulum.datetime(2026, 1, 1, tz="UTC")), Clock)


def test_system_clock_reads_the_wall_clock() -> None:
    """SystemClock.now() lies between two readings of the machine's clock."""
    before = pendulum.now("UTC")
    now = SystemClock().now()
    assert before <= now <= pendulum.now("UTC")


def test_system_clock_is_in_vietnam_by_default() -> None:
    """SystemClock.now() is expressed in Asia/Ho_Chi_Minh."""
    assert SystemClock().now().timezone_name == "Asia/Ho_Chi_Minh"


def test_system_clock_refuses_an_unknown_zone() -> None:
    """An unknown zone name raises UnknownZone naming it."""
    with pytest.raises(UnknownZone, match="Asia/Ha_Long"):
        SystemClock(zone="Asia/Ha_Long")


@given(
    st.datetimes(
        min_value=dt.datetime(1950, 1, 1),
        max_value=dt.datetime(2100, 12, 31),
        timezones=st.sampled_from([zoneinfo.ZoneInfo(name) for name in ZONES]),
        allow_imaginary=False,
    )
)
def test_stored_instant_round_trips(value: dt.datetime) -> None:
    """An aware datetime comes back as the same instant, zone and wall-clock time."""
    back = StoredInstant.from_instant(value).to_instant()
    # Compared in UTC: Python's == between zones is always False for a time in a DST fold.
    assert (back.astimezone(dt.UTC), back.timezone_name, back.replace(tzinfo=None)) == (
        value.astimezone(dt.UTC),
        str(value.tzinfo),
        value.replace(tzinfo=None),
    )


@given(
    st.datetimes(min_value=dt.datetime(1950, 1, 1), max_value=dt.datetime(2100, 12, 31)),
    st.integers(min_value=-12 * 60, max_value=14 * 60),
)
def test_stored_instant_round_trips_a_fixed_offset(value: dt.datetime, minutes: int) -> None:
    """A datetime with a bare UTC offset comes back with the same offset."""
    aware = value.replace(tzinfo=dt.timezone(dt.timedelta(minutes=minutes)))
    back = StoredInstant.from_instant(aware).to_instant()
    assert (back, back.utcoffset()) == (aware, aware.utcoffset())


def test_stored_instant_is_kept_in_utc() -> None:
    """09:00 in Vietnam is stored as 02:00 UTC with the zone name beside it."""
    stored = StoredInstant.from_instant(pendulum.datetime(2026, 1, 1, 9, tz="Asia/Ho_Chi_Minh"))
    assert (stored.utc, stored.utc.timezone_name, stored.zone) == (
        pendulum.datetime(2026, 1, 1, 2, tz="UTC"),
        "UTC",
        "Asia/Ho_Chi_Minh",
    )


def test_stored_instant_refuses_an_unknown_zone() -> None:
    """A zone name the tz database lacks raises UnknownZone naming the field and value."""
    with pytest.raises(UnknownZone, match=r"StoredInstant\.zone='Asia/Ha_Long'"):
        StoredInstant(pendulum.datetime(2026, 1, 1, tz="UTC"), "Asia/Ha_Long")


def test_stored_instant_refuses_a_naive_datetime() -> None:
    """A naive datetime raises NaiveDatetime."""
    with pytest.raises(NaiveDatetime, match="instant"):
        StoredInstant.from_instant(dt.datetime(2026, 1, 1, 9))
