"""Deadline reminders across Tết 2026: a fixed clock moved day by day, reminders on the right working days.

Tết 2026 is a day off from Saturday 14 to Sunday 22 February (Thông báo 9441/TB-BNV); the calendar below says
so itself, whatever the ``holidays`` package knows. A complaint assigned for investigation on Monday 2
February 2026 must be investigated within 20 days (the company's 2025 policy): 20 days end on Sunday 22
February, a day off, so the deadline is Monday 23 February. The company reminds its office 3 and 1 working
days ahead, and once the deadline has passed. Every date expected below was counted by hand.
"""

from __future__ import annotations

import itertools
from typing import Any

import pendulum
import pytest

from kiemtra import FixedClock, Ground, InvalidInput, MemoryStore, WorkCalendar
from kiemtra._example import CompanyCast as C
from kiemtra._example import company_rulebook
from kiemtra._workflow._access import AccessPolicy
from kiemtra._workflow._engine import Engine
from kiemtra._workflow._notify import Notifications, Reminders

D = pendulum.date
TET = [D(2026, 2, d) for d in range(14, 23)]
CALENDAR = WorkCalendar(extra_days_off=TET)
ASSIGNED = pendulum.datetime(2026, 2, 2, 9, tz="Asia/Ho_Chi_Minh")


def _engine(notifications: Notifications | None = None) -> tuple[Engine, FixedClock, str]:
    """A complaint under investigation since Monday 2 February 2026, 09:00."""
    clock = FixedClock(ASSIGNED)
    counter = itertools.count(1)
    engine = Engine(
        company_rulebook(), MemoryStore(), clock, calendar=CALENDAR,
        access=AccessPolicy(directory=C.directory), ids=lambda: f"c{next(counter)}",
        notifications=notifications,
    )  # fmt: skip
    case = engine.open(
        "Complaint",
        C.subject,
        [Ground("letter", "L-1")],
        C.officer,
        parties=C.parties,
        people=C.people,
    )
    for trigger, actor in (("triage", C.officer), ("acknowledge", C.officer), ("assign", C.head)):
        engine.fire(case.id, trigger, actor)
    return engine, clock, case.id


def _day_by_day(
    engine: Engine, clock: FixedClock, first: pendulum.Date, last: pendulum.Date, skip: Any = ()
) -> list[tuple[pendulum.Date, str, int | None]]:
    """Run the reminder job at 08:00 every day from ``first`` to ``last``; return the new reminders."""
    store = engine.store
    assert isinstance(store, MemoryStore)
    found = []
    day = first
    while day <= last:
        clock.set(pendulum.datetime(day.year, day.month, day.day, 8, tz="Asia/Ho_Chi_Minh"))
        if day not in skip:
            engine.remind()
            kinds = ["deadline_approaching", "deadline_overdue"]
            for message in store.take("host", now=clock.now(), kinds=kinds):
                found.append((day, message.notice.kind, message.notice.lead))
                store.ack([message.id], now=clock.now())
        day = day.add(days=1)
    return found


def test_the_deadline_moves_past_tet() -> None:
    """Twenty days from Monday 2 February end on Sunday 22, in Tết: the deadline is Monday 23 February."""
    engine, _, case_id = _engine()
    deadline = engine.store.load(case_id).deadline
    assert deadline is not None and deadline.due == D(2026, 2, 23)


def test_reminders_fall_on_the_right_working_days() -> None:
    """3 working days ahead on Wed 11 Feb, 1 ahead on Fri 13 Feb (before Tết), overdue on Tue 24 Feb."""
    engine, clock, _ = _engine()
    assert _day_by_day(engine, clock, D(2026, 2, 2), D(2026, 3, 6)) == [
        (D(2026, 2, 11), "deadline_approaching", 3),
        (D(2026, 2, 13), "deadline_approaching", 1),
        (D(2026, 2, 24), "deadline_overdue", None),
    ]


def test_nothing_is_written_during_tet() -> None:
    """Run on each day of Tết, the job writes nothing: the next reminder waits for a working day."""
    engine, clock, _ = _engine()
    _day_by_day(engine, clock, D(2026, 2, 2), D(2026, 2, 13))
    assert _day_by_day(engine, clock, D(2026, 2, 14), D(2026, 2, 22)) == []


def test_a_missed_run_is_caught_up_on_the_next_working_day() -> None:
    """With the host down on Friday 13 February, the 1-day reminder comes on Monday 23, the due day."""
    engine, clock, _ = _engine()
    found = _day_by_day(engine, clock, D(2026, 2, 2), D(2026, 2, 27), skip={D(2026, 2, 13)})
    assert found == [
        (D(2026, 2, 11), "deadline_approaching", 3),
        (D(2026, 2, 23), "deadline_approaching", 1),
        (D(2026, 2, 24), "deadline_overdue", None),
    ]


def test_running_twice_a_day_writes_each_reminder_once() -> None:
    """Two runs on Wednesday 11 February leave one reminder."""
    engine, clock, _ = _engine()
    clock.set(pendulum.datetime(2026, 2, 11, 8, tz="Asia/Ho_Chi_Minh"))
    engine.remind()
    engine.remind(clock.now().add(hours=9))
    assert len(engine.store.messages(kinds=["deadline_approaching"])) == 1  # type: ignore[attr-defined]


def test_an_extension_is_reminded_again() -> None:
    """Extended on Fri 13 Feb by 10 working days to Mon 9 Mar: reminded on Wed 4 and Fri 6 Mar, overdue Tue 10."""
    engine, clock, case_id = _engine()
    _day_by_day(engine, clock, D(2026, 2, 2), D(2026, 2, 12))
    clock.set(pendulum.datetime(2026, 2, 13, 7, tz="Asia/Ho_Chi_Minh"))
    assert engine.extend(case_id, C.head).due == D(2026, 3, 9)
    assert _day_by_day(engine, clock, D(2026, 2, 13), D(2026, 3, 13)) == [
        (D(2026, 3, 4), "deadline_approaching", 3),
        (D(2026, 3, 6), "deadline_approaching", 1),
        (D(2026, 3, 10), "deadline_overdue", None),
    ]


def test_lead_times_are_configurable() -> None:
    """With leads of 5 and 2 working days: Mon 9 Feb (5 left: 10, 11, 12, 13, 23) and Thu 12 Feb (2 left)."""
    reminders = Reminders(leads=(5, 2), overdue=False, to=("party:office",))
    engine, clock, _ = _engine(Notifications((), reminders))
    assert _day_by_day(engine, clock, D(2026, 2, 2), D(2026, 3, 6)) == [
        (D(2026, 2, 9), "deadline_approaching", 5),
        (D(2026, 2, 12), "deadline_approaching", 2),
    ]


def test_a_reminder_goes_to_the_office() -> None:
    """The reminder names the case, its deadline and the office as recipient."""
    engine, clock, case_id = _engine()
    clock.set(pendulum.datetime(2026, 2, 11, 8, tz="Asia/Ho_Chi_Minh"))
    (sent,) = engine.remind()
    assert (sent.case_id, sent.due, sent.state, sent.recipient) == (
        case_id,
        D(2026, 2, 23),
        "investigating",
        ("body", "compliance_office@acme"),
    )


def _received(notifications: Notifications | None = None) -> tuple[Engine, FixedClock]:
    """A complaint received on Tuesday 10 February 2026: acknowledge within 3 working days, by Friday 13."""
    clock = FixedClock(pendulum.datetime(2026, 2, 10, 9, tz="Asia/Ho_Chi_Minh"))
    engine = Engine(
        company_rulebook(), MemoryStore(), clock, calendar=CALENDAR,
        access=AccessPolicy(directory=C.directory), notifications=notifications,
    )  # fmt: skip
    case = engine.open(
        "Complaint",
        C.subject,
        [Ground("letter", "L-2")],
        C.officer,
        parties=C.parties,
        people=C.people,
    )
    assert case.deadline is not None and case.deadline.due == D(2026, 2, 13)
    return engine, clock


def test_an_overdue_notice_waits_for_the_end_of_tet() -> None:
    """Due Friday 13 February, just before Tết: overdue is told on Monday 23, the first working day after."""
    engine, clock = _received()
    assert _day_by_day(engine, clock, D(2026, 2, 10), D(2026, 2, 27)) == [
        (D(2026, 2, 10), "deadline_approaching", 3),
        (D(2026, 2, 12), "deadline_approaching", 1),
        (D(2026, 2, 23), "deadline_overdue", None),
    ]


def test_days_off_are_reminded_when_asked() -> None:
    """A job told to run on days off too tells of the same deadline's passing on Saturday 14 February."""
    reminders = Reminders(leads=(1,), to=("party:office",), working_days_only=False)
    engine, clock = _received(Notifications((), reminders))
    assert _day_by_day(engine, clock, D(2026, 2, 10), D(2026, 2, 27)) == [
        (D(2026, 2, 12), "deadline_approaching", 1),
        (D(2026, 2, 14), "deadline_overdue", None),
    ]


@pytest.mark.parametrize("leads", [(-1,), (1, 1), (1.5,)])
def test_bad_lead_times_are_refused(leads: Any) -> None:
    """Lead times are distinct whole numbers of working days."""
    with pytest.raises(InvalidInput, match="leads"):
        Reminders(leads=leads)
