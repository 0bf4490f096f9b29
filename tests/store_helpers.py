"""Helpers for the store tests: one suite over the memory store, SQLite, PostgreSQL and MariaDB.

The fixtures are in ``tests/conftest_store.py``; test modules load them with
``pytest_plugins = ["tests.conftest_store"]`` and import these helpers directly.

PostgreSQL and MariaDB are the servers at ``KIEMTRA_PG_URL`` and ``KIEMTRA_MARIADB_URL`` (by default the
local ones: ``postgresql+psycopg://postgres@127.0.0.1:5432/test``, then user ``root``, and
``mysql+pymysql://root:@127.0.0.1:3306/test``). When ``KIEMTRA_REQUIRE_DB=1`` or ``CI=true`` a server that
does not answer fails the tests; otherwise its tests skip and say how to enable them. Every run uses its
own table prefix and drops its tables at the end, so runs never collide.
"""

from __future__ import annotations

import itertools
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest

from kiemtra._calendar import FixedClock
from kiemtra._example import CompanyCast as C
from kiemtra._example import company_rulebook
from kiemtra._store._memory import MemoryStore
from kiemtra._store._sql import SqlStore
from kiemtra._workflow._access import AccessPolicy
from kiemtra._workflow._case import Case, Event, Ground
from kiemtra._workflow._engine import Engine

RUN_PREFIX = f"kt_{secrets.token_hex(3)}_"
"""The table prefix of this test run; every store of the run starts with it."""

START = pendulum.datetime(2024, 3, 1, 9, tz="Asia/Ho_Chi_Minh")
BACKENDS = ("memory", "sqlite", "postgresql", "mariadb")
SQL_BACKENDS = BACKENDS[1:]
SERVERS = {
    "postgresql": (
        "KIEMTRA_PG_URL",
        (
            "postgresql+psycopg://postgres@127.0.0.1:5432/test",
            "postgresql+psycopg://root@127.0.0.1:5432/test",
        ),
        "start PostgreSQL on 127.0.0.1:5432 (trust auth, database 'test') or set KIEMTRA_PG_URL",
    ),
    "mariadb": (
        "KIEMTRA_MARIADB_URL",
        ("mysql+pymysql://root:@127.0.0.1:3306/test",),
        "start MariaDB on 127.0.0.1:3306 (root, empty password, database 'test') or set "
        "KIEMTRA_MARIADB_URL",
    ),
}


@attrs.frozen
class Doc:
    """Evidence attached to a fire."""

    id: str
    kind: str


LIFE: tuple[tuple[str, Any, tuple[Doc, ...]], ...] = (
    ("acknowledge", C.officer, ()),
    ("assign", C.head, ()),
    ("report", C.officer, (Doc("r-1", "report"),)),
    ("decide", C.head, (Doc("d-1", "decision"),)),
    ("notify", C.officer, ()),
    ("close", C.head, ()),
)
"""A complaint's moves, from received to closed, with who fires each and what it needs."""


def db_required() -> bool:
    """Whether an unreachable database server fails the tests instead of skipping them."""
    return os.environ.get("KIEMTRA_REQUIRE_DB") == "1" or os.environ.get("CI") == "true"


_FOUND: dict[str, str | BaseException] = {}


def server_url(kind: str) -> str:
    """The URL of a reachable ``postgresql`` or ``mariadb`` server; skips (or fails, in CI) otherwise."""
    if kind not in _FOUND:
        _FOUND[kind] = _probe(kind)
    found = _FOUND[kind]
    if isinstance(found, str):
        return found
    _env, _, how = SERVERS[kind]
    message = f"{kind} does not answer ({found!r}): {how}"
    if db_required():
        pytest.fail(f"{message}; it is required here (KIEMTRA_REQUIRE_DB=1 or CI=true)")
    pytest.skip(message)


def _probe(kind: str) -> str | BaseException:
    import sqlalchemy as sa

    env, defaults, _ = SERVERS[kind]
    given = os.environ.get(env)
    problem: BaseException = LookupError("no URL")
    for url in (given,) if given else defaults:
        timeout = {"connect_timeout": 3}
        engine = sa.create_engine(url, connect_args=timeout)
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
            return url
        except sa.exc.SQLAlchemyError as exc:
            problem = exc
        finally:
            engine.dispose()
    return problem


def url_for(kind: str, tmp: Path) -> str:
    """A database URL for ``kind``: a file under ``tmp`` for SQLite, the server otherwise."""
    if kind == "sqlite":
        return f"sqlite:///{tmp / 'store.db'}"
    return server_url(kind)


def clear(store: SqlStore) -> None:
    """Delete every row of a store's tables, keeping the tables."""
    t = store.tables
    with store._engine.begin() as conn:
        for table in (t.case_orgs, t.cases, t.events):
            conn.execute(table.delete())


def drop_run_tables(url: str) -> None:
    """Drop every table this run made on the server at ``url`` (and no other run's)."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        mine = [n for n in sa.inspect(engine).get_table_names() if n.startswith(RUN_PREFIX)]
        metadata = sa.MetaData()
        metadata.reflect(engine, only=mine)
        metadata.drop_all(engine)
    finally:
        engine.dispose()


def make_store(kind: str, tmp: Path, prefix: str = RUN_PREFIX, **options: Any) -> SqlStore:
    """A new SQL store of ``kind`` with ``prefix``; the caller closes it."""
    return SqlStore(url_for(kind, tmp), prefix=prefix, **options)


def store_of(kind: str, tmp: Path, shared: dict[str, SqlStore]) -> Iterator[Any]:
    if kind == "memory":
        yield MemoryStore()
        return
    if kind == "sqlite":
        with make_store(kind, tmp) as store:
            yield store
        return
    if kind not in shared:
        shared[kind] = make_store(kind, tmp, prefix=f"{RUN_PREFIX}s_")
    store = shared[kind]
    clear(store)
    store._known.clear()
    yield store
    clear(store)


def make_engine(store: Any, start: pendulum.DateTime = START) -> Engine:
    """An engine on the company rulebook over ``store``, with counting case ids."""
    counter = itertools.count(1)
    return Engine(
        company_rulebook(), store, FixedClock(start),
        access=AccessPolicy(directory=C.directory), ids=lambda: f"c{next(counter):03d}",
    )  # fmt: skip


def open_case(engine: Engine, **kw: Any) -> Case:
    """A complaint opened by the officer."""
    return engine.open(
        "Complaint", kw.pop("subject", C.subject), [Ground("letter", "L-1")], C.officer,
        parties=kw.pop("parties", C.parties), people=C.people, **kw,
    )  # fmt: skip


def drive(engine: Engine, case_id: str, moves: int) -> None:
    """Fire the first ``moves`` moves of :data:`LIFE` on a case."""
    for trigger, actor, evidence in LIFE[:moves]:
        engine.fire(case_id, trigger, actor, evidence=evidence)


Step = tuple[Case, Event, int]


def steps(cases: int, moves: int) -> list[Step]:
    """Openings and moves of ``cases`` complaints (each ``moves`` moves), as ``(case, event, expected)``.

    Made by an engine on a memory store, so a test can write them into any store directly.
    """
    memory = MemoryStore()
    engine = make_engine(memory)
    ids = [open_case(engine).id for _ in range(cases)]
    for case_id in ids:
        drive(engine, case_id, moves)
    return [
        (memory._snapshots[i][n], memory._events[i][n], n) for i in ids for n in range(moves + 1)
    ]


def write(store: Any, chosen: list[Step]) -> None:
    """Write ``chosen`` steps into ``store`` (create for an opening, append for a move)."""
    for case, event, expected in chosen:
        if expected == 0:
            store.create(case, event)
        else:
            store.append(case, event, expected)


def snapshot_of(store: Any) -> tuple[Any, ...]:
    """Everything a reader can see in a store: ids, snapshots, events, queries."""
    ids = sorted(store)
    return (
        ids,
        [store.load(i) for i in ids],
        [store.events(i) for i in ids],
        sorted(c.id for c in store.cases(state="acknowledged")),
        sorted(c.id for c in store.org_cases("acme")),
    )
