"""What the engine keeps between steps to make them cheap never changes an answer.

The engine remembers the day of the last instant it saw, the deadlines it counted (by parameter and day)
and the ``(trigger, actor)`` pairs of the firers it recorded; each of these must follow a host that
replaces the engine's zone, rulebook or calendar, and the access checks must stay exactly as before.
"""

from __future__ import annotations

import attrs
import pendulum
import pytest

from kiemtra import Explanation, TransitionNotAllowed
from kiemtra._calendar import FixedClock, WorkCalendar
from kiemtra._example import CompanyCast as C
from kiemtra._example import company_rulebook
from kiemtra._store._memory import MemoryStore
from kiemtra._time import Duration
from kiemtra._workflow._access import AccessPolicy
from kiemtra._workflow._case import Case, Ground
from kiemtra._workflow._engine import Engine

VN = "Asia/Ho_Chi_Minh"
FRI = pendulum.datetime(2024, 3, 1, 9, tz=VN)


@attrs.frozen
class Doc:
    """Evidence attached to a fire."""

    id: str
    kind: str


def engine(**kw: object) -> Engine:
    """An engine on the company rulebook, a memory store and a fixed clock."""
    counter = iter(range(1, 10_000))
    store = kw.pop("store", None)
    if store is None:
        store = MemoryStore()
    return Engine(
        company_rulebook(),
        store,  # type: ignore[arg-type]
        FixedClock(FRI),
        ids=lambda: f"c{next(counter)}",
        **kw,  # type: ignore[arg-type]
    )


def opened(e: Engine, when: pendulum.DateTime | None = None) -> Case:
    """A complaint opened by the officer."""
    return e.open(
        "Complaint",
        C.subject,
        [Ground("letter", "L-1")],
        C.officer,
        when,
        parties=C.parties,
        people=C.people,
    )


def due(case: Case) -> pendulum.Date | None:
    """The due day of the case's deadline."""
    return None if case.deadline is None else case.deadline.due


def test_the_day_of_the_same_instant_follows_a_replaced_zone() -> None:
    """Fri 1 Mar 01:00 in Vietnam is still Thu 29 Feb in UTC: the 3 working days count from each day."""
    e = engine()
    early = pendulum.datetime(2024, 3, 1, 1, tz=VN)
    assert due(opened(e, early)) == pendulum.date(2024, 3, 6)  # Mon 4, Tue 5, Wed 6
    e.zone = pendulum.timezone("UTC")
    assert due(opened(e, early)) == pendulum.date(2024, 3, 5)  # Fri 1, Mon 4, Tue 5
    e.zone = pendulum.timezone(VN)
    assert due(opened(e, early)) == pendulum.date(2024, 3, 6)


def test_deadlines_follow_a_replaced_rulebook() -> None:
    """Cases opened on the same day share a deadline until the host overrides its parameter."""
    e = engine()
    first, second = opened(e), opened(e)
    assert due(first) == due(second) == pendulum.date(2024, 3, 6)
    e.rulebook = e.rulebook.with_overrides(
        {"complaint.acknowledge_within": Duration.working_days(5)}, "test"
    )
    third = opened(e)
    assert due(third) == pendulum.date(2024, 3, 8)
    assert third.deadline is not None and third.deadline.period == Duration.working_days(5)


def test_deadlines_follow_a_replaced_calendar() -> None:
    """A day off the host adds (Mon 4 Mar) moves the deadline of the cases opened after it."""
    e = engine()
    assert due(opened(e)) == pendulum.date(2024, 3, 6)
    e.calendar = WorkCalendar(extra_days_off=[pendulum.date(2024, 3, 4)])
    assert due(opened(e)) == pendulum.date(2024, 3, 7)


def test_a_deadline_counted_once_is_the_one_recorded_for_every_case() -> None:
    """Two cases stepping on the same day record equal deadlines and the parameters read."""
    e = engine()
    cases = [opened(e), opened(e)]
    events = [e.store.events(c.id)[0] for c in cases]
    assert events[0].params == events[1].params == (("complaint.acknowledge_within", "2020-01-01"),)
    assert events[0].due == events[1].due == pendulum.date(2024, 3, 6)
    assert cases[0].deadline == cases[1].deadline


def test_firers_record_every_move_and_share_equal_histories() -> None:
    """Each move adds its (trigger, actor key); cases moved by the same people in the same order share
    one history, and a case moved by someone else keeps its own."""
    store = MemoryStore()
    e = engine(store=store)
    a, b, c = opened(e), opened(e), opened(e)
    other = attrs.evolve(C.officer, member_id="o-2")
    for case, officer in ((a, C.officer), (b, C.officer), (c, other)):
        e.fire(case.id, "acknowledge", officer)
        e.fire(case.id, "assign", C.head)
    first, second, third = (e.store.load(x.id) for x in (a, b, c))
    expected = (("acknowledge", "member:o-1"), ("assign", "member:h-1"))
    assert first.firers == second.firers == expected
    assert first.firers is second.firers
    assert third.firers == (("acknowledge", "member:o-2"), ("assign", "member:h-1"))
    assert third.firers[1] is first.firers[1]
    assert [s.firers for s in store._snapshots[a.id]] == [(), expected[:1], expected]


def test_host_conflicts_bind_bodies_not_people_acting_for_themselves() -> None:
    """A host conflict that bars everyone blocks the office's moves but not the complainant's appeal."""

    def everyone(case: Case, actor: object) -> Explanation | None:
        return Explanation("host.barred", "1", "host.barred")

    plain = engine()
    case = opened(plain)
    for trigger, actor, evidence in (
        ("acknowledge", C.officer, ()),
        ("assign", C.head, ()),
        ("report", C.officer, (Doc("r", "report"),)),
        ("decide", C.head, (Doc("d", "decision"),)),
        ("notify", C.officer, ()),
    ):
        plain.fire(case.id, trigger, actor, evidence=evidence)
    plain.access = AccessPolicy(conflicts=[everyone])
    with pytest.raises(TransitionNotAllowed) as err:
        plain.fire(case.id, "close", C.head)
    assert [r.message_key for r in err.value.reasons] == ["host.barred"]
    assert plain.fire(case.id, "appeal", C.complainant).target == "appealed"


def test_a_refused_move_lists_its_reasons_in_order_and_changes_nothing() -> None:
    """Wrong state first, then the permit, then the missing evidence; the store is untouched."""
    e = engine()
    case = opened(e)
    before = (e.store.load(case.id), e.store.events(case.id))
    with pytest.raises(TransitionNotAllowed) as err:
        e.fire(case.id, "decide", C.officer)
    assert [r.message_key for r in err.value.reasons] == [
        "workflow.blocked.wrong_state",
        "workflow.blocked.not_permitted",
        "workflow.blocked.missing_evidence",
    ]
    assert (e.store.load(case.id), e.store.events(case.id)) == before
