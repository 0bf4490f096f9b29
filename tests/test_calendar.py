"""Working days, Civil Code period counting and deadlines.

Every expected date below is typed in from the government's published holiday announcements, never
computed from the ``holidays`` package the calendar is built on:

* 2019: Công văn 6519/VPCP-KGVX (Văn phòng Chính phủ, 2018), carried out by Thông báo
  3238/TB-LĐTBXH (Bộ Lao động - Thương binh và Xã hội, 2018).
* 2025: Công văn 8726/VPCP-KGVX (Văn phòng Chính phủ, 26/11/2024), carried out by Thông báo
  6150/TB-LĐTBXH (Bộ Lao động - Thương binh và Xã hội, 2024).
* 2026: Thông báo 9441/TB-BNV (Bộ Nội vụ, 16/10/2025) for Tết and Quốc khánh; Công văn
  12729/VPCP-KGVX (Văn phòng Chính phủ, 25/12/2025) for the New Year swap.
"""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiemtra import Duration, InvalidInput, InvalidPeriod
from kiemtra._calendar import Deadline, WorkCalendar

D = pendulum.date


@pytest.fixture(scope="module")
def calendar() -> WorkCalendar:
    """One calendar for the module, so its per-year cache is shared between tests."""
    return WorkCalendar()


def _days(first: pendulum.Date, last: pendulum.Date) -> list[pendulum.Date]:
    return [first.add(days=i) for i in range((last - first).days + 1)]


# 3238/TB-LĐTBXH: Tết Kỷ Hợi off Sat 2 Feb to Sun 10 Feb 2019 (Tết days Mon 4 to Fri 8 Feb).
TET_2019 = _days(D(2019, 2, 2), D(2019, 2, 10))
# 6150/TB-LĐTBXH: Tết Ất Tỵ off Sat 25 Jan to Sun 2 Feb 2025 (Tết days Mon 27 to Fri 31 Jan).
TET_2025 = _days(D(2025, 1, 25), D(2025, 2, 2))
# 9441/TB-BNV: Tết Bính Ngọ off Sat 14 Feb to Sun 22 Feb 2026 (Tết days Mon 16 to Fri 20 Feb).
TET_2026 = _days(D(2026, 2, 14), D(2026, 2, 22))


@pytest.mark.parametrize("day", TET_2019 + TET_2025 + TET_2026, ids=str)
def test_every_day_of_tet_is_a_day_off(calendar: WorkCalendar, day: pendulum.Date) -> None:
    """Each day of the announced Tết break is not a working day."""
    assert not calendar.is_working_day(day)


@pytest.mark.parametrize(
    ("tet_day", "first_working_day"),
    [
        (D(2019, 2, 2), D(2019, 2, 11)),  # 3238/TB-LĐTBXH: back to work Mon 11 Feb 2019
        (D(2025, 1, 25), D(2025, 2, 3)),  # 6150/TB-LĐTBXH: back to work Mon 3 Feb 2025
        (D(2026, 2, 14), D(2026, 2, 23)),  # 9441/TB-BNV: back to work Mon 23 Feb 2026
    ],
    ids=str,
)
def test_first_working_day_after_tet(
    calendar: WorkCalendar, tet_day: pendulum.Date, first_working_day: pendulum.Date
) -> None:
    """From the first day of Tết, the next working day is the announced day back at work."""
    assert calendar.next_working_day(tet_day) == first_working_day


@pytest.mark.parametrize(
    "day",
    [D(2019, 2, 1), D(2025, 1, 24), D(2026, 2, 13)],
    ids=str,
)
def test_friday_before_tet_is_a_working_day(calendar: WorkCalendar, day: pendulum.Date) -> None:
    """The last day before each announced Tết break is still worked."""
    assert calendar.is_working_day(day)


@pytest.mark.parametrize(
    "saturday",
    [
        D(2019, 1, 5),  # 3238/TB-LĐTBXH: worked for Mon 31 Dec 2018
        D(2019, 5, 4),  # 3238/TB-LĐTBXH: worked for Mon 29 Apr 2019
        D(2025, 4, 26),  # 2025 plan (8726/VPCP-KGVX): worked for Fri 2 May 2025
        D(2026, 8, 22),  # 9441/TB-BNV: worked for Mon 31 Aug 2026
    ],
    ids=str,
)
def test_swapped_saturday_is_a_working_day(calendar: WorkCalendar, saturday: pendulum.Date) -> None:
    """A Saturday worked in exchange for a weekday is a working day."""
    assert calendar.is_working_day(saturday)


@pytest.mark.parametrize(
    "weekday",
    [D(2018, 12, 31), D(2019, 4, 29), D(2025, 5, 2), D(2026, 8, 31)],
    ids=str,
)
def test_swapped_weekday_is_a_day_off(calendar: WorkCalendar, weekday: pendulum.Date) -> None:
    """The weekday given in exchange for a worked Saturday is a day off."""
    assert not calendar.is_working_day(weekday)


def test_host_day_off_is_not_a_working_day() -> None:
    """A day off the host injects (Fri 2 Jan 2026, 12729/VPCP-KGVX) is a day off."""
    assert not WorkCalendar(extra_days_off={D(2026, 1, 2)}).is_working_day(D(2026, 1, 2))


def test_host_working_day_is_a_working_day() -> None:
    """A working day the host injects (Sat 10 Jan 2026, 12729/VPCP-KGVX) is a working day."""
    assert WorkCalendar(extra_working_days={D(2026, 1, 10)}).is_working_day(D(2026, 1, 10))


def test_host_day_off_moves_a_period_end() -> None:
    """A period ending on a host day off (Fri 2 Jan 2026) ends on Mon 5 Jan 2026."""
    cal = WorkCalendar(extra_days_off={D(2026, 1, 2)})
    assert cal.add(D(2025, 12, 26), Duration.days(7)) == D(2026, 1, 5)


def test_a_day_both_off_and_working_is_refused() -> None:
    """The host cannot list a day as both a day off and a working day."""
    with pytest.raises(InvalidInput, match=r"extra_working_days=Date\(2026, 1, 2\)"):
        WorkCalendar(extra_days_off={D(2026, 1, 2)}, extra_working_days={D(2026, 1, 2)})


def test_host_days_must_be_dates() -> None:
    """A datetime among the host's days off is refused, naming the field."""
    with pytest.raises(InvalidInput, match="extra_days_off"):
        WorkCalendar(extra_days_off={dt.datetime(2026, 1, 2, tzinfo=dt.UTC)})


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2019, 2, 1), 1, D(2019, 2, 11)),  # Fri before Tết 2019 -> Mon after it
        (D(2025, 1, 24), 3, D(2025, 2, 5)),  # Fri before Tết 2025 -> Mon 3, Tue 4, Wed 5 Feb
        (D(2026, 2, 13), 1, D(2026, 2, 23)),  # Fri before Tết 2026 -> Mon after it
    ],
    ids=str,
)
def test_add_working_days_across_tet(
    calendar: WorkCalendar, start: pendulum.Date, n: int, expected: pendulum.Date
) -> None:
    """Counting working days skips the whole Tết break."""
    assert calendar.add_working_days(start, n) == expected


def test_working_days_between_spans_tet(calendar: WorkCalendar) -> None:
    """Between the Friday before Tết 2026 and the Monday after there is one working day."""
    assert calendar.working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1


def test_working_days_between_refuses_a_reversed_range(calendar: WorkCalendar) -> None:
    """An end before the start raises InvalidPeriod naming it."""
    with pytest.raises(InvalidPeriod, match="b="):
        calendar.working_days_between(D(2026, 3, 2), D(2026, 3, 1))


def test_negative_working_days_are_refused(calendar: WorkCalendar) -> None:
    """A negative count raises InvalidInput naming n and its value."""
    with pytest.raises(InvalidInput, match="n=-1"):
        calendar.add_working_days(D(2026, 3, 2), -1)


def test_a_datetime_is_not_a_day(calendar: WorkCalendar) -> None:
    """A datetime where a date is needed raises InvalidInput naming the field."""
    with pytest.raises(InvalidInput, match="day="):
        calendar.is_working_day(dt.datetime(2026, 3, 2, tzinfo=dt.UTC))


def test_add_refuses_what_is_not_a_duration(calendar: WorkCalendar) -> None:
    """A plain number as a period raises InvalidInput naming duration."""
    with pytest.raises(InvalidInput, match="duration=7"):
        calendar.add(D(2026, 3, 2), 7)  # type: ignore[arg-type]


# Civil Code 2015 Arts 147-148.


def test_month_from_31_january_ends_28_february_in_a_common_year(calendar: WorkCalendar) -> None:
    """31 Jan 2025 + 1 month is Fri 28 Feb 2025."""
    assert calendar.add(D(2025, 1, 31), Duration.months(1)) == D(2025, 2, 28)


def test_month_from_31_january_ends_29_february_in_a_leap_year(calendar: WorkCalendar) -> None:
    """31 Jan 2024 + 1 month is Thu 29 Feb 2024."""
    assert calendar.add(D(2024, 1, 31), Duration.months(1)) == D(2024, 2, 29)


def test_month_ending_on_a_day_off_moves_to_next_working_day(calendar: WorkCalendar) -> None:
    """31 Jan 2026 + 1 month is Sat 28 Feb 2026, so the period ends Mon 2 Mar 2026."""
    assert calendar.add(D(2026, 1, 31), Duration.months(1)) == D(2026, 3, 2)


def test_year_from_29_february_ends_28_february(calendar: WorkCalendar) -> None:
    """29 Feb 2024 + 1 year is Fri 28 Feb 2025."""
    assert calendar.add(D(2024, 2, 29), Duration.years(1)) == D(2025, 2, 28)


def test_twelve_months_from_29_february_end_28_february(calendar: WorkCalendar) -> None:
    """29 Feb 2024 + 12 months is Fri 28 Feb 2025."""
    assert calendar.add(D(2024, 2, 29), Duration.months(12)) == D(2025, 2, 28)


def test_four_years_from_29_february_end_29_february(calendar: WorkCalendar) -> None:
    """29 Feb 2024 + 4 years is Tue 29 Feb 2028."""
    assert calendar.add(D(2024, 2, 29), Duration.years(4)) == D(2028, 2, 29)


def test_calendar_days_do_not_count_the_event_day(calendar: WorkCalendar) -> None:
    """10 days from Mon 2 Mar 2026 end on Thu 12 Mar 2026."""
    assert calendar.add(D(2026, 3, 2), Duration.days(10)) == D(2026, 3, 12)


def test_calendar_days_ending_on_a_weekend_move_to_monday(calendar: WorkCalendar) -> None:
    """5 days from Mon 2 Mar 2026 reach Sat 7 Mar, so the period ends Mon 9 Mar 2026."""
    assert calendar.add(D(2026, 3, 2), Duration.days(5)) == D(2026, 3, 9)


def test_period_ending_in_tet_moves_past_tet(calendar: WorkCalendar) -> None:
    """7 days from Mon 9 Feb 2026 reach Mon 16 Feb (Tết), so the period ends Mon 23 Feb 2026."""
    assert calendar.add(D(2026, 2, 9), Duration.days(7)) == D(2026, 2, 23)


def test_working_day_period_uses_working_days(calendar: WorkCalendar) -> None:
    """5 working days from Fri 24 Jan 2025 end on Fri 7 Feb 2025, past Tết Ất Tỵ."""
    assert calendar.add(D(2025, 1, 24), Duration.working_days(5)) == D(2025, 2, 7)


@given(
    start=st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2027, 12, 31)),
    n=st.integers(min_value=1, max_value=60),
)
def test_working_day_period_ends_on_a_working_day(
    calendar: WorkCalendar, start: dt.date, n: int
) -> None:
    """n >= 1 working days from any day end on a working day."""
    assert calendar.is_working_day(calendar.add(start, Duration.working_days(n)))


@given(
    start=st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2027, 12, 31)),
    n=st.integers(min_value=0, max_value=60),
)
def test_working_day_period_holds_exactly_n_working_days(
    calendar: WorkCalendar, start: dt.date, n: int
) -> None:
    """Exactly n working days lie in (start, start + n working days]."""
    end = calendar.add(start, Duration.working_days(n))
    assert calendar.working_days_between(start, end) == n


# Deadlines.


@pytest.fixture
def deadline(calendar: WorkCalendar) -> Deadline:
    """10 calendar days from Mon 2 Mar 2026: due Thu 12 Mar 2026."""
    return calendar.deadline(D(2026, 3, 2), Duration.days(10), "appeal.period", "Art 10")


def test_deadline_due_date(deadline: Deadline) -> None:
    """The deadline is due on the last day of its period."""
    assert deadline.due == D(2026, 3, 12)


def test_deadline_not_overdue_on_due_day(deadline: Deadline) -> None:
    """The due day itself is still in time."""
    assert not deadline.is_overdue(D(2026, 3, 12))


def test_deadline_overdue_the_day_after(deadline: Deadline) -> None:
    """The day after the due day is overdue."""
    assert deadline.is_overdue(D(2026, 3, 13))


def test_days_left_counts_the_day_itself(deadline: Deadline, calendar: WorkCalendar) -> None:
    """On Mon 9 Mar 2026, Mon to Thu 12 Mar leave 4 working days."""
    assert deadline.days_left(D(2026, 3, 9), calendar) == 4


def test_days_left_is_zero_once_overdue(deadline: Deadline, calendar: WorkCalendar) -> None:
    """After the due day no working day is left."""
    assert deadline.days_left(D(2026, 3, 16), calendar) == 0


def test_extension_counts_from_the_due_date(deadline: Deadline, calendar: WorkCalendar) -> None:
    """5 working days from Thu 12 Mar 2026 move the due date to Thu 19 Mar 2026."""
    assert deadline.extended(Duration.working_days(5), calendar).due == D(2026, 3, 19)


def test_extension_is_recorded(deadline: Deadline, calendar: WorkCalendar) -> None:
    """The extension keeps the original period and lists what was added."""
    longer = deadline.extended(Duration.days(3), calendar)
    assert (longer.period, longer.extensions) == (Duration.days(10), (Duration.days(3),))


def test_deadline_due_before_start_is_refused() -> None:
    """A due date before the event day raises InvalidPeriod naming Deadline.due."""
    with pytest.raises(InvalidPeriod, match=r"Deadline\.due"):
        Deadline(D(2026, 3, 2), Duration.days(1), D(2026, 3, 1), "appeal.period")


def test_deadline_needs_a_basis() -> None:
    """An empty basis raises InvalidInput naming Deadline.basis."""
    with pytest.raises(InvalidInput, match=r"Deadline\.basis"):
        Deadline(D(2026, 3, 2), Duration.days(1), D(2026, 3, 3), "")
