"""SQL event store: commits per second and verify(), each beside the bare database doing the same rows.

On a SQLite file and on PostgreSQL (``KIEMTRA_PG_URL``, default ``postgresql+psycopg://postgres@127.0.0.1:5432/test``;
its rows are skipped with a note when the server does not answer):

- ``SqlStore.append`` one per transaction, and in units of work of 100;
- the floor: a raw SQLAlchemy ``executemany`` of the very rows the store wrote, 100 per transaction;
- ``Engine.fire`` in units of work of 100, for scale;
- ``verify()`` over the whole store, and its floor: a plain loop fetching the same rows and hashing their
  stored bytes with sha256.

Run: ``python -m benchmarks store`` (``--tiny`` for a smoke run).
"""

from __future__ import annotations

import hashlib
import itertools
import os
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from typing import Any

import pendulum

from benchmarks._harness import Row, ratio_row
from kiemtra._calendar import FixedClock
from kiemtra._example import CompanyCast as C
from kiemtra._example import company_rulebook
from kiemtra._store._memory import MemoryStore
from kiemtra._store._sql import SqlStore
from kiemtra._workflow._access import AccessPolicy
from kiemtra._workflow._case import Case, Event, Ground
from kiemtra._workflow._engine import Engine

START = pendulum.datetime(2024, 3, 1, 9, tz="Asia/Ho_Chi_Minh")
UNIT = 100
PG_URL = os.environ.get("KIEMTRA_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

Step = tuple[Case, Event, int]  # snapshot, event, expected seq (0 for an opening)


def _engine(store: Any) -> Engine:
    counter = itertools.count()
    return Engine(
        company_rulebook(), store, FixedClock(START),
        access=AccessPolicy(directory=C.directory), ids=lambda: f"case-{next(counter):06d}",
    )


def _doc(kind: str) -> Any:
    return type("Doc", (), {"id": f"{kind}-1", "kind": kind})()


LIFE: tuple[tuple[str, Any, tuple[Any, ...]], ...] = (
    ("acknowledge", C.officer, ()),
    ("assign", C.head, ()),
    ("report", C.officer, (_doc("report"),)),
    ("decide", C.head, (_doc("decision"),)),
    ("notify", C.officer, ()),
)


def _open(engine: Engine) -> Case:
    return engine.open(
        "Complaint", C.subject, (Ground("letter", "L-1"),), C.officer, parties=C.parties, people=C.people
    )


def _steps(cases: int) -> list[Step]:
    """Every opening, then every case's first move, then the second...: the writes of a busy office."""
    memory = MemoryStore()
    engine = _engine(memory)
    opened = [_open(engine) for _ in range(cases)]
    for trigger, actor, evidence in LIFE:
        for case in opened:
            engine.fire(case.id, trigger, actor, evidence=evidence)
    steps: list[Step] = [(memory._snapshots[c.id][0], memory._events[c.id][0], 0) for c in opened]
    for i in range(1, len(LIFE) + 1):
        steps.extend((memory._snapshots[c.id][i], memory._events[c.id][i], i) for c in opened)
    return steps


def _write(store: SqlStore, steps: Sequence[Step], unit: int) -> None:
    for start in range(0, len(steps), unit):
        with store.unit_of_work():
            for case, event, expected in steps[start : start + unit]:
                if expected == 0:
                    store.create(case, event)
                else:
                    store.append(case, event, expected)


def _median_us(setup: Callable[[], Any], run: Callable[[Any], object], items: int, repeats: int) -> float:
    samples = []
    for _ in range(repeats):
        arg = setup()
        started = time.perf_counter()
        run(arg)
        samples.append((time.perf_counter() - started) / items * 1e6)
    return statistics.median(samples)


def _backend(label: str, url: str, cases: int, repeats: int, rows: list[Row]) -> None:
    steps = _steps(cases)
    n = len(steps)
    prefix = f"kb_{secrets.token_hex(3)}_"
    stores: list[SqlStore] = []

    def fresh(tag: str) -> SqlStore:
        store = SqlStore(url, prefix=f"{prefix}{tag}{len(stores)}_")
        stores.append(store)
        return store

    try:
        single = steps[: min(n, 1_000)]
        one_us = _median_us(lambda: fresh("o"), lambda s: _write(s, single, 1), len(single), repeats)
        uow_us = _median_us(lambda: fresh("u"), lambda s: _write(s, steps, UNIT), n, repeats)

        # The floor: the same event rows, as the store wrote them, sent raw in transactions of 100.
        source = stores[-1]
        e = source.tables.events
        with source._engine.connect() as conn:
            written = [dict(r._mapping) for r in conn.execute(e.select().order_by(e.c.seq, e.c.case_id))]

        def floor_setup() -> SqlStore:
            return fresh("f")

        def floor(target: SqlStore) -> None:
            table = target.tables.events
            for start in range(0, len(written), UNIT):
                with target._engine.begin() as conn:
                    conn.execute(table.insert(), written[start : start + UNIT])

        floor_us = _median_us(floor_setup, floor, n, repeats)

        def fire_setup() -> tuple[Engine, list[str]]:
            engine = _engine(fresh("e"))
            with engine.store.unit_of_work():
                ids = [_open(engine).id for _ in range(cases)]
            return engine, ids

        def fire(arg: tuple[Engine, list[str]]) -> None:
            engine, ids = arg
            for trigger, actor, evidence in LIFE:
                for start in range(0, len(ids), UNIT):
                    with engine.store.unit_of_work():
                        for case_id in ids[start : start + UNIT]:
                            engine.fire(case_id, trigger, actor, evidence=evidence)

        fire_us = _median_us(fire_setup, fire, cases * len(LIFE), repeats)

        def verify_floor() -> None:
            with source._engine.connect() as conn:
                if source.dialect != "sqlite":
                    conn.execution_options(stream_results=True, yield_per=2_000)
                for _case_id, _seq, body in conn.execute(
                    e.select().with_only_columns(e.c.case_id, e.c.seq, e.c.body).order_by(e.c.case_id, e.c.seq)
                ):
                    hashlib.sha256(body).hexdigest()

        verify_us = _median_us(lambda: None, lambda _: source.verify(), n, repeats)
        hash_us = _median_us(lambda: None, lambda _: verify_floor(), n, repeats)
    finally:
        for store in stores:
            store.drop_tables()
            store.close()

    rows.append(Row(f"{label}: executemany of the same rows, 100/tx (floor)", floor_us))
    rows.append(ratio_row(f"{label}: append in units of work of 100", uow_us, "executemany floor", floor_us, "<= 2"))
    rows.append(ratio_row(f"{label}: append, one per transaction", one_us, "executemany floor", floor_us))
    rows.append(ratio_row(f"{label}: Engine.fire in units of work of 100", fire_us, "executemany floor", floor_us))
    rows.append(Row(f"{label}: fetch + sha256 of stored bytes (floor)", hash_us))
    rows.append(ratio_row(f"{label}: verify() whole store", verify_us, "fetch + sha256 floor", hash_us, "<= 2"))


def _pg_answers() -> str | None:
    import sqlalchemy as sa

    engine = sa.create_engine(PG_URL, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            return None
    except sa.exc.SQLAlchemyError as exc:
        return f"{type(exc.orig or exc).__name__}"
    finally:
        engine.dispose()


def main(tiny: bool) -> list[Row]:
    """Measure and return the rows."""
    cases = 30 if tiny else 2_000
    repeats = 1 if tiny else 3
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        _backend("SQLite file", f"sqlite:///{tmp}/bench.db", cases, repeats, rows)
    problem = _pg_answers()
    if problem is None:
        _backend("PostgreSQL", PG_URL, cases, repeats, rows)
    else:
        rows.append(Row("PostgreSQL: skipped", 0.0, note=f"{PG_URL} does not answer ({problem})"))
    return rows
