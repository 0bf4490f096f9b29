"""The notification outbox: written with the events, delivered at least once, never lost, never doubled.

Runs on every store (memory, SQLite, PostgreSQL, MariaDB; the servers follow ``KIEMTRA_REQUIRE_DB`` as the
store suite does). A process killed between the commit and the delivery, and two consumers racing on
PostgreSQL and MariaDB, run against real databases.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.store_helpers import LIFE, RUN_PREFIX, START, make_engine, open_case, url_for

from kiemtra import InvalidInput, NaiveDatetime, StaleWrite
from kiemtra._store._outbox import Notice, SqlOutbox
from kiemtra._store._sql import SqlStore, _tables

pytest_plugins = ["tests.conftest_store"]

ROOT = str(Path(__file__).resolve().parent.parent)
LATER = START.add(hours=1)
LEASE = dt.timedelta(minutes=5)


def _clear_side_tables(store: Any) -> None:
    if isinstance(store, SqlStore):
        t = store.tables
        with store._engine.begin() as conn:
            for table in (t.outbox, t.records, t.access_log):
                conn.execute(table.delete())


@pytest.fixture
def box(store: Any) -> Iterator[Any]:
    """An empty store of every kind, its outbox, case files and access log emptied too."""
    _clear_side_tables(store)
    yield store
    _clear_side_tables(store)


def notice(n: int, kind: str = "decision") -> Notice:
    """A notice with key ``k<n>``."""
    return Notice(f"k{n}", kind, "c1", "Complaint", n, ("body", "office@acme"), START)


# -- written with the events ---------------------------------------------------------------------------
def test_opening_a_complaint_writes_a_received_notice(box: Any) -> None:
    """Opening a complaint leaves a 'received' notice for the office in the outbox."""
    case = open_case(make_engine(box))
    taken = box.take("host", now=LATER)
    assert [(m.notice.kind, m.notice.case_id, m.notice.recipient) for m in taken] == [
        ("received", case.id, ("body", "compliance_office@acme"))
    ]


def test_a_decision_notice_goes_to_each_recipient_apart(box: Any) -> None:
    """Notifying the decision writes one notice for the complainant and one for the employee."""
    engine = make_engine(box)
    case = open_case(engine)
    for trigger, actor, evidence in LIFE[:5]:
        engine.fire(case.id, trigger, actor, evidence=evidence)
    found = box.take("host", now=LATER, kinds=["decision"])
    assert sorted(m.notice.recipient for m in found) == [("member", "m-9"), ("person", "p-1")]


def test_a_step_without_notice_writes_none(box: Any) -> None:
    """Acknowledging a complaint writes its event and no notice."""
    engine = make_engine(box)
    case = open_case(engine)
    engine.fire(case.id, "acknowledge", LIFE[0][1])
    assert [m.notice.kind for m in box.messages()] == ["received"]


def test_a_failed_unit_of_work_writes_no_notice(box: Any) -> None:
    """When the unit of work that opened a case fails, neither the case nor its notice is written."""
    engine = make_engine(box)

    def open_then_fail() -> None:
        with box.unit_of_work():
            open_case(engine)
            raise RuntimeError("the host's own write failed")

    with pytest.raises(RuntimeError):
        open_then_fail()
    assert (list(box), box.messages()) == ([], [])


def test_a_stale_unit_of_work_writes_no_notice(box: Any) -> None:
    """A unit of work refused as stale leaves no notice of its steps."""
    engine = make_engine(box)
    case = open_case(engine)
    for trigger, actor, evidence in LIFE[:4]:
        engine.fire(case.id, trigger, actor, evidence=evidence)
    rival = make_engine(box)

    def notify_twice() -> None:
        with box.unit_of_work():
            engine.fire(case.id, "notify", LIFE[4][1])
            rival.fire(case.id, "notify", LIFE[4][1], expected_version=5)

    with pytest.raises(StaleWrite):
        notify_twice()
    assert [m.notice.kind for m in box.messages()] == ["received"]


# -- delivered at least once -----------------------------------------------------------------------------
def test_an_acknowledged_message_is_not_taken_again(box: Any) -> None:
    """Once acknowledged, a message is not handed out again, even after its lease."""
    box.enqueue([notice(1)])
    taken = box.take("host", now=START)
    box.ack([m.id for m in taken], now=START)
    assert box.take("host", now=START.add(days=1)) == []


def test_a_leased_message_is_not_taken_by_another_consumer(box: Any) -> None:
    """While its lease runs, a message taken by one consumer is not given to another."""
    box.enqueue([notice(1)])
    box.take("first", now=START, lease=LEASE)
    assert box.take("second", now=START.add(minutes=4)) == []


def test_an_unacknowledged_message_comes_back_after_its_lease(box: Any) -> None:
    """A message taken and never acknowledged is taken again once its lease has run out."""
    box.enqueue([notice(1)])
    first = box.take("first", now=START, lease=LEASE)
    again = box.take("second", now=START.add(minutes=6))
    assert [(m.id, m.key, m.attempts, m.taken_by) for m in again] == [
        (first[0].id, "k1", 2, "second")
    ]


def test_delivering_twice_is_harmless(box: Any) -> None:
    """A message delivered, not acknowledged, and delivered again lands once with an idempotent host."""
    box.enqueue([notice(1), notice(2)])
    delivered: dict[str, int] = {}
    for moment in (START, START.add(minutes=6)):  # the first consumer dies before acknowledging
        for message in box.take("host", now=moment, lease=LEASE):
            delivered[message.key] = delivered.get(message.key, 0) + 1
    acked = [box.ack([m.id for m in box.messages()], now=LATER) for _ in range(2)]
    assert (sorted(delivered), acked, box.take("host", now=START.add(days=1))) == (
        ["k1", "k2"],
        [2, 0],
        [],
    )


def test_the_same_notice_written_twice_is_kept_once(box: Any) -> None:
    """Writing a notice whose key is already in the outbox keeps a single message."""
    box.enqueue([notice(1)])
    box.enqueue([notice(1), notice(1)])
    assert [m.key for m in box.messages()] == ["k1"]


def test_a_released_message_waits_until_its_retry(box: Any) -> None:
    """A message given back with a delay is taken again only after it."""
    box.enqueue([notice(1)])
    taken = box.take("host", now=START)
    box.release(
        [m.id for m in taken], now=START, retry_after=dt.timedelta(minutes=10), error="SMTP down"
    )
    assert (
        box.take("host", now=START.add(minutes=9)),
        len(box.take("host", now=START.add(minutes=11))),
    ) == (
        [],
        1,
    )


def test_a_consumer_takes_only_the_kinds_it_asks_for(box: Any) -> None:
    """Taking 'received' messages leaves the decisions in the outbox."""
    box.enqueue([notice(1, "received"), notice(2, "decision")])
    assert [m.key for m in box.take("host", now=START, kinds=["received"])] == ["k1"]


def test_hook_retries_are_not_handed_to_notification_consumers(box: Any) -> None:
    """By default a consumer takes notifications, not the engine's own hook retries."""
    box.enqueue([notice(1, "hook"), notice(2, "decision")])
    assert [m.key for m in box.take("host", now=START)] == ["k2"]


def test_messages_come_oldest_first(box: Any) -> None:
    """Messages are handed out in the order they were written."""
    box.enqueue([notice(n) for n in (3, 1, 2)])
    assert [m.key for m in box.take("host", now=START, limit=2)] == ["k3", "k1"]


# -- a process killed between the commit and the delivery -------------------------------------------------
WORKER = """
import sys, time, datetime as dt
sys.path.insert(0, {root!r})
from tests.store_helpers import LIFE, START, make_engine, open_case
from kiemtra._store._sql import SqlStore
store = SqlStore({url!r}, prefix={prefix!r})
engine = make_engine(store)
case = open_case(engine)
for trigger, actor, evidence in LIFE[:5]:
    engine.fire(case.id, trigger, actor, evidence=evidence)
if {take!r}:
    store.take("doomed", now=START, lease=dt.timedelta(minutes=5))
print("committed", flush=True)
time.sleep(120)
"""


@pytest.fixture
def shared(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A database URL and a fresh prefix that several processes open; dropped afterwards."""
    url = url_for(request.param, tmp_path)
    prefix = f"{RUN_PREFIX}o{secrets.token_hex(2)}_"
    yield url, prefix
    with SqlStore(url, prefix=prefix) as store:
        store.drop_tables()


def _killed_after_commit(url: str, prefix: str, take: bool) -> None:
    code = WORKER.format(root=ROOT, url=url, prefix=prefix, take=take)
    with subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True
    ) as worker:
        assert worker.stdout is not None
        line = worker.stdout.readline()
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    assert line.strip() == "committed"


@pytest.mark.parametrize("shared", ["sqlite", "postgresql", "mariadb"], indirect=True)
@pytest.mark.parametrize("take", [False, True], ids=["before_taking", "after_taking"])
def test_a_killed_process_loses_no_notification(shared: tuple[str, str], take: bool) -> None:
    """A writer killed with SIGKILL after its commit, before delivering, leaves every notice to deliver."""
    url, prefix = shared
    _killed_after_commit(url, prefix, take)
    with SqlStore(url, prefix=prefix) as store:
        found = store.take("survivor", now=START.add(minutes=6))
    assert sorted((m.notice.kind, m.notice.recipient[0]) for m in found) == [
        ("decision", "member"),
        ("decision", "person"),
        ("received", "body"),
    ]


# -- two consumers racing ----------------------------------------------------------------------------------
def _race(url: str, prefix: str, consumers: int) -> list[list[int]]:
    start = threading.Barrier(consumers)
    taken: list[list[int]] = [[] for _ in range(consumers)]

    def consume(i: int) -> None:
        with SqlStore(url, prefix=prefix) as store:
            start.wait()
            while batch := store.take(f"consumer-{i}", now=START, limit=3, lease=LEASE):
                taken[i].extend(m.id for m in batch)

    threads = [threading.Thread(target=consume, args=(i,)) for i in range(consumers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return taken


@pytest.mark.parametrize("shared", ["postgresql", "mariadb"], indirect=True)
def test_two_consumers_never_take_the_same_message(shared: tuple[str, str]) -> None:
    """Two consumers taking from one outbox at once share its messages, none taken by both."""
    url, prefix = shared
    with SqlStore(url, prefix=prefix) as store:
        store.enqueue([notice(n) for n in range(300)])
        every = {m.id for m in store.messages()}
    first, second = _race(url, prefix, 2)
    assert (
        set(first) & set(second),
        sorted(first + second) == sorted(every),
        bool(first and second),
    ) == (
        set(),
        True,
        True,
    )


class _Recorder:
    """A connection that records the statements it is given and finds nothing."""

    def __init__(self) -> None:
        self.sql: list[str] = []

    def execute(self, statement: Any, *args: Any) -> Any:
        from sqlalchemy.dialects import postgresql

        self.sql.append(str(statement.compile(dialect=postgresql.dialect())))
        return self

    def scalars(self) -> list[int]:
        return []


def test_postgresql_consumers_take_with_skip_locked() -> None:
    """On PostgreSQL a consumer selects its messages FOR UPDATE SKIP LOCKED."""
    _, tables = _tables("x_")
    recorder = _Recorder()
    SqlOutbox(tables.outbox, "postgresql").take(recorder, "c", START, 10, LEASE, None)  # type: ignore[arg-type]
    assert recorder.sql[0].endswith("FOR UPDATE SKIP LOCKED")


def test_naive_now_is_refused(box: Any) -> None:
    """Taking with a naive 'now' is refused: leases are instants."""
    with pytest.raises(NaiveDatetime):
        box.take("host", now=dt.datetime(2024, 3, 1, 9))


def test_lease_must_be_positive(box: Any) -> None:
    """A lease of no time is refused."""
    with pytest.raises(InvalidInput, match="lease"):
        box.take("host", now=START, lease=dt.timedelta(0))


@pytest.mark.parametrize("shared", ["sqlite", "postgresql", "mariadb"], indirect=True)
def test_a_version_2_store_gains_the_outbox_when_opened(shared: tuple[str, str]) -> None:
    """A store of schema version 2 (no outbox, case files nor access log) is upgraded in place to 3."""
    url, prefix = shared
    with SqlStore(url, prefix=prefix) as store:
        case = open_case(make_engine(store))
        t = store.tables
        with store._engine.begin() as conn:
            for table in (t.outbox, t.records, t.access_log):
                table.drop(conn)
            conn.execute(t.meta.update().values(value="2"))
    with SqlStore(url, prefix=prefix) as store:
        store.enqueue([notice(1)])
        found = (store.verify().cases, [m.key for m in store.messages()], store.load(case.id).seq)
        with store._engine.connect() as conn:
            version = conn.execute(store.tables.meta.select()).one().value
    assert (found, version) == ((1, ["k1"], 1), "3")
