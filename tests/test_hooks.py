"""Host hooks: typed subscribers run after the commit; one that raises is reported, retried from the outbox,
and never corrupts or blocks the store. Runs on the memory store and a SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.store_helpers import LIFE, START, make_engine, make_store, open_case

from kiemtra import Event, FixedClock, InvalidInput, MemoryStore
from kiemtra._example import company_rulebook
from kiemtra._hooks import HookFailure
from kiemtra._store._sql import SqlStore
from kiemtra._workflow._engine import Engine

LATER = START.add(hours=1)


@pytest.fixture(params=["memory", "sqlite"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on the company rulebook over an empty memory store or SQLite file."""
    if request.param == "memory":
        yield make_engine(MemoryStore())
        return
    with make_store("sqlite", tmp_path) as store:
        yield make_engine(store)


class Boom(Exception):
    """What a failing hook raises."""


def _boom(event: Event) -> None:
    raise Boom(f"mail server down for {event.case_id}")


def test_a_hook_gets_each_committed_event(engine: Engine) -> None:
    """A subscriber is called with every event, after it is written."""
    seen: list[tuple[str | None, int, bool]] = []
    engine.subscribe(
        "log", lambda e: seen.append((e.trigger, e.seq, engine.store.load(e.case_id).seq >= e.seq))
    )
    case = open_case(engine)
    engine.fire(case.id, "acknowledge", LIFE[0][1])
    assert seen == [(None, 1, True), ("acknowledge", 2, True)]


def test_a_hook_waits_for_the_unit_of_work(engine: Engine) -> None:
    """Inside a host's unit of work a hook runs only once the unit has committed."""
    seen: list[int] = []
    engine.subscribe("log", lambda e: seen.append(e.seq))
    with engine.store.unit_of_work():
        open_case(engine)
        during = list(seen)
    assert (during, seen) == ([], [1])


def test_a_hook_is_not_called_for_a_failed_write(engine: Engine) -> None:
    """When the unit of work fails, the hook never hears of its events."""
    seen: list[int] = []
    engine.subscribe("log", lambda e: seen.append(e.seq))

    def open_then_fail() -> None:
        with engine.store.unit_of_work():
            open_case(engine)
            raise RuntimeError("host failure")

    with pytest.raises(RuntimeError):
        open_then_fail()
    assert seen == []


def test_a_hook_can_choose_its_moves(engine: Engine) -> None:
    """A hook subscribed to one move hears only that move."""
    seen: list[str | None] = []
    engine.subscribe("acks", lambda e: seen.append(e.trigger), triggers=["acknowledge"])
    case = open_case(engine)
    for trigger, actor, evidence in LIFE[:3]:
        engine.fire(case.id, trigger, actor, evidence=evidence)
    assert seen == ["acknowledge"]


def test_a_hook_can_choose_its_procedures(engine: Engine) -> None:
    """A hook subscribed to another procedure hears nothing of complaints."""
    seen: list[str] = []
    engine.subscribe("misconduct", lambda e: seen.append(e.case_id), procedures=["Misconduct"])
    open_case(engine)
    assert seen == []


def test_a_raising_hook_does_not_reach_the_caller(engine: Engine) -> None:
    """The fire whose hook raises returns its event as usual."""
    engine.subscribe("mail", _boom)
    case = open_case(engine)
    assert engine.fire(case.id, "acknowledge", LIFE[0][1]).target == "acknowledged"


def test_a_raising_hook_is_reported() -> None:
    """The failure goes to the engine's report with the hook, the event and the error."""
    failures: list[HookFailure] = []
    engine = Engine(company_rulebook(), MemoryStore(), FixedClock(START), report=failures.append)
    engine.subscribe("mail", _boom)
    case = open_case(engine)
    (failure,) = failures
    assert (failure.hook, failure.case_id, failure.seq, type(failure.error), failure.attempt) == (
        "mail",
        case.id,
        1,
        Boom,
        1,
    )


def test_a_raising_hook_leaves_a_retry_in_the_outbox(engine: Engine) -> None:
    """The failed call waits in the outbox as a hook message."""
    engine.subscribe("mail", _boom)
    case = open_case(engine)
    hooks = engine.store.messages(kinds=["hook"])  # type: ignore[attr-defined]
    assert [(m.notice.recipient, m.notice.case_id, m.notice.seq) for m in hooks] == [
        (("hook", "mail"), case.id, 1)
    ]


def test_a_raising_hook_does_not_corrupt_the_store(engine: Engine) -> None:
    """After hooks raising on every step, the store verifies and holds every event."""
    engine.subscribe("mail", _boom)
    case = open_case(engine)
    for trigger, actor, evidence in LIFE:
        engine.fire(case.id, trigger, actor, evidence=evidence)
    found = engine.store.verify()  # type: ignore[attr-defined]
    assert (found.events, engine.store.load(case.id).state) == (len(LIFE) + 1, "closed")


def test_a_raising_hook_does_not_block_other_writers(tmp_path: Path) -> None:
    """A second store on the same SQLite file writes while the first one's hook is failing."""
    with (
        make_store("sqlite", tmp_path) as first,
        SqlStore(f"sqlite:///{tmp_path / 'store.db'}") as second,
    ):
        writer = make_engine(first)
        other = make_engine(second)
        other._ids = iter(["z1"]).__next__

        def write_elsewhere(event: Event) -> None:
            open_case(other)
            raise Boom("after writing elsewhere")

        writer.subscribe("cross", write_elsewhere)
        case = open_case(writer)
        assert (first.load(case.id).seq, second.load("z1").seq) == (1, 1)


def test_retrying_calls_the_hook_again_on_the_stored_event(engine: Engine) -> None:
    """Once the hook works again, a retry calls it with the stored event and clears the message."""
    attempts: list[Event] = []
    broken = [True]

    def flaky(event: Event) -> None:
        attempts.append(event)
        if broken[0]:
            raise Boom("down")

    engine.subscribe("flaky", flaky)
    case = open_case(engine)
    broken[0] = False
    done = engine.retry_hooks(now=LATER)
    assert (done, [e == engine.store.events(case.id)[0] for e in attempts]) == (
        (1, 0),
        [True, True],
    )


def test_a_retried_hook_is_not_called_again(engine: Engine) -> None:
    """After a successful retry, another retry finds nothing to do."""
    broken = [True]

    def flaky(event: Event) -> None:
        if broken[0]:
            raise Boom("down")

    engine.subscribe("flaky", flaky)
    open_case(engine)
    broken[0] = False
    engine.retry_hooks(now=LATER)
    assert engine.retry_hooks(now=LATER.add(days=1)) == (0, 0)


def test_a_hook_failing_again_waits_for_its_next_retry(engine: Engine) -> None:
    """A retry that fails again gives the message back, reported as attempt 2, due a minute later."""
    engine.subscribe("mail", _boom)
    open_case(engine)
    first = engine.retry_hooks(now=LATER)
    too_soon = engine.retry_hooks(now=LATER.add(seconds=30))
    assert (first, too_soon, engine.retry_hooks(now=LATER.add(minutes=2))) == (
        (0, 1),
        (0, 0),
        (0, 1),
    )


def test_a_hook_gone_since_is_left_waiting(engine: Engine) -> None:
    """A retry for a hook no longer subscribed is given back, not lost."""
    engine.subscribe("mail", _boom)
    open_case(engine)
    engine.hooks.unsubscribe("mail")
    assert (
        engine.retry_hooks(now=LATER),
        len(engine.store.messages(kinds=["hook"], delivered=False)),
    ) == (  # type: ignore[attr-defined]
        (0, 1),
        1,
    )


def test_a_hook_name_is_unique(engine: Engine) -> None:
    """Subscribing a second hook under a taken name is refused."""
    engine.subscribe("mail", _boom)
    with pytest.raises(InvalidInput, match="name"):
        engine.subscribe("mail", _boom)


def test_a_hook_must_be_callable(engine: Engine) -> None:
    """A hook that cannot be called is refused."""
    not_a_hook: Any = "send mail"
    with pytest.raises(InvalidInput, match="callable"):
        engine.subscribe("mail", not_a_hook)
