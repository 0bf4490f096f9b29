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

import datetime as dt
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
        company_rulebook(),
        store,
        FixedClock(START),
        access=AccessPolicy(directory=C.directory),
        ids=lambda: f"case-{next(counter):06d}",
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
        "Complaint",
        C.subject,
        (Ground("letter", "L-1"),),
        C.officer,
        parties=C.parties,
        people=C.people,
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


def _case_row(case: Case, head: str) -> dict[str, Any]:
    """The case-table row the store keeps for ``case`` after the step whose hash is ``head``."""
    from kiemtra._store._sql import _orgs_json

    due = None if case.deadline is None else case.deadline.due
    return {
        "case_id": case.id,
        "procedure_name": case.procedure,
        "state": case.state,
        "seq": case.seq,
        "head_hash": head,
        "due": due and dt.date(due.year, due.month, due.day),
        "orgs": _orgs_json(case),
    }


def _upsert(store: SqlStore, table: Any) -> Any:
    """An insert-or-update of the case table in the store's dialect."""
    names = [c.name for c in table.columns if c.name != "case_id"]
    if store.dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    stmt = insert(table)
    return stmt.on_conflict_do_update(
        index_elements=["case_id"], set_={n: stmt.excluded[n] for n in names}
    )


def _write(store: SqlStore, steps: Sequence[Step], unit: int) -> None:
    for start in range(0, len(steps), unit):
        with store.unit_of_work():
            for case, event, expected in steps[start : start + unit]:
                if expected == 0:
                    store.create(case, event)
                else:
                    store.append(case, event, expected)


def _backend(label: str, url: str, cases: int, repeats: int, rows: list[Row]) -> None:
    """Measure one database; workloads compared by a ratio take turns, so drifting load hits both."""
    steps = _steps(cases)
    n = len(steps)
    prefix = f"kb_{secrets.token_hex(3)}_"
    made = itertools.count()

    def timed(run: Callable[[SqlStore], object], items: int) -> float:
        """Per item µs of ``run`` on a store of its own, made and dropped outside the timing."""
        store = SqlStore(url, prefix=f"{prefix}{next(made)}_")
        try:
            started = time.perf_counter()
            run(store)
            return (time.perf_counter() - started) / items * 1e6
        finally:
            store.drop_tables()
            store.close()

    source = SqlStore(url, prefix=f"{prefix}src_")
    try:
        _write(source, steps, UNIT)
        e = source.tables.events
        with (
            source._engine.connect() as conn
        ):  # the rows the store wrote, in the order it wrote them
            query = e.select().order_by(e.c.seq, e.c.case_id)
            written = [dict(r._mapping) for r in conn.execute(query)]

        def floor(target: SqlStore) -> None:
            table = target.tables.events
            for start in range(0, len(written), UNIT):
                with target._engine.begin() as conn:
                    conn.execute(table.insert(), written[start : start + UNIT])

        # The same rows the store commits per unit: the events, and each case's row in the case table
        # (inserted on opening, updated after), with raw Core executemany and an upsert.
        hashes = {(r["case_id"], r["seq"]): r["hash"] for r in written}
        by_step = {(c.id, c.seq): (c, hashes[(c.id, c.seq)]) for c, _, _ in steps}
        written_units = [written[i : i + UNIT] for i in range(0, len(written), UNIT)]
        case_units = [
            [_case_row(*by_step[(r["case_id"], r["seq"])]) for r in unit] for unit in written_units
        ]

        def floor_with_cases(target: SqlStore) -> None:
            events, cases_t = target.tables.events, target.tables.cases
            upsert = _upsert(target, cases_t)
            for event_rows, case_rows in zip(written_units, case_units, strict=True):
                with target._engine.begin() as conn:
                    conn.execute(events.insert(), event_rows)
                    conn.execute(upsert, case_rows)

        def fire(store: SqlStore) -> None:
            engine = _engine(store)
            with store.unit_of_work():
                ids = [_open(engine).id for _ in range(cases)]
            for trigger, actor, evidence in LIFE:
                for start in range(0, len(ids), UNIT):
                    with store.unit_of_work():
                        for case_id in ids[start : start + UNIT]:
                            engine.fire(case_id, trigger, actor, evidence=evidence)

        def fetch_and_hash() -> None:
            with source._engine.connect() as conn:
                if source.dialect != "sqlite":
                    conn.execution_options(stream_results=True, yield_per=2_000)
                query = e.select().with_only_columns(e.c.case_id, e.c.seq, e.c.body)
                for _case_id, _seq, body in conn.execute(query.order_by(e.c.case_id, e.c.seq)):
                    hashlib.sha256(body).hexdigest()

        def clock(run: Callable[[], object]) -> float:
            started = time.perf_counter()
            run()
            return (time.perf_counter() - started) / n * 1e6

        samples: dict[str, list[float]] = {
            k: [] for k in ("uow", "floor", "verify", "hash", "floor2")
        }
        for _ in range(repeats):
            samples["uow"].append(timed(lambda s: _write(s, steps, UNIT), n))
            samples["floor"].append(timed(floor, n))
            samples["floor2"].append(timed(floor_with_cases, n))
            samples["verify"].append(clock(source.verify))
            samples["hash"].append(clock(fetch_and_hash))
        single = steps[: min(n, 500)]
        one_us = timed(lambda s: _write(s, single, 1), len(single))
        fire_us = timed(fire, cases * (len(LIFE) + 1))
    finally:
        source.drop_tables()
        source.close()
    uow_us, floor_us, verify_us, hash_us, floor2_us = (
        statistics.median(samples[k]) for k in samples
    )

    def vs_floor(name: str, value: float, target: str = "") -> Row:
        return ratio_row(f"{label}: {name}", value, "executemany floor", floor_us, target)

    rows.append(Row(f"{label}: executemany of the same rows, 100/tx (floor)", floor_us))
    rows.append(vs_floor("append in units of work of 100", uow_us, "<= 2"))
    rows.append(Row(f"{label}: executemany of events + case rows, 100/tx (floor 2)", floor2_us))
    rows.append(
        ratio_row(
            f"{label}: append in units of work of 100",
            uow_us,
            "floor 2 (events + cases)",
            floor2_us,
            "<= 2",
        )
    )
    rows.append(vs_floor("append, one per transaction", one_us))
    rows.append(vs_floor("Engine open + fire in units of work of 100", fire_us))
    rows.append(Row(f"{label}: fetch + sha256 of the stored bytes (floor)", hash_us))
    rows.append(
        ratio_row(
            f"{label}: verify() whole store", verify_us, "fetch + sha256 floor", hash_us, "<= 2"
        )
    )


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
    repeats = 1 if tiny else 5
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        _backend("SQLite file", f"sqlite:///{tmp}/bench.db", cases, repeats, rows)
    problem = _pg_answers()
    if problem is None:
        _backend("PostgreSQL", PG_URL, cases, repeats, rows)
    else:
        rows.append(Row("PostgreSQL: skipped", 0.0, note=f"{PG_URL} does not answer ({problem})"))
    return rows
