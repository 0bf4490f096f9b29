"""Many processes on one store, and a process killed in the middle of its writes."""

from __future__ import annotations

import multiprocessing
import os
import secrets
import signal
import sys
from collections import Counter
from collections.abc import Iterator
from multiprocessing.context import ForkServerContext
from pathlib import Path
from typing import Any

import pytest
from tests import store_worker
from tests.store_helpers import RUN_PREFIX, make_engine, open_case, url_for

from kiemtra._store._sql import SqlStore

pytest_plugins = ["tests.conftest_store"]

WORKERS = 8
CASES = 50
PASSES = 2
ROOT = str(Path(__file__).resolve().parent.parent)


@pytest.fixture(scope="module")
def ctx() -> ForkServerContext:
    """A forkserver that has imported the worker module once: each worker is a cheap fork of it."""
    if ROOT not in sys.path:  # the fork server imports tests.store_worker by name
        sys.path.insert(0, ROOT)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.store_worker", "psycopg", "pymysql"])
    return context


@pytest.fixture
def shared(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A database URL and a fresh prefix that several processes open; dropped afterwards."""
    url = url_for(request.param, tmp_path)
    prefix = f"{RUN_PREFIX}p{secrets.token_hex(2)}_"
    yield url, prefix
    with SqlStore(url, prefix=prefix) as store:
        store.drop_tables()


def _race(ctx: ForkServerContext, url: str, prefix: str) -> list[dict[str, int]]:
    """Open the cases, start the workers together, and collect what each says landed."""
    with SqlStore(url, prefix=prefix) as store:
        engine = make_engine(store)
        with store.unit_of_work():
            ids = [open_case(engine).id for _ in range(CASES)]
    start, out = ctx.Barrier(WORKERS), ctx.Queue()
    workers = [
        ctx.Process(target=store_worker.fire, args=(url, prefix, ids, seed, PASSES, start, out))
        for seed in range(WORKERS)
    ]
    for worker in workers:
        worker.start()
    try:
        for worker in workers:
            worker.join(timeout=120)
        codes = [w.exitcode for w in workers]
        assert codes == [0] * WORKERS, codes
        return [out.get(timeout=5) for _ in workers]
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.kill()
                worker.join()
            worker.close()
        out.close()
        out.join_thread()


@pytest.mark.parametrize("shared", ["sqlite", "postgresql"], indirect=True)
def test_racing_processes_store_exactly_the_fires_that_landed(
    ctx: ForkServerContext, shared: tuple[str, str]
) -> None:
    """8 processes fire on the same 50 cases: each fire lands or is stale, and the store verifies."""
    url, prefix = shared
    reports = _race(ctx, url, prefix)
    with SqlStore(url, prefix=prefix) as store:
        found = store.verify()
    landed = sum(r["landed"] for r in reports)
    contended = sum(r["stale"] for r in reports) > 0
    assert (found.events, found.cases, contended) == (CASES + landed, CASES, True)


@pytest.mark.parametrize("shared", ["sqlite", "postgresql", "mariadb"], indirect=True)
def test_killed_writer_leaves_only_whole_units(
    ctx: ForkServerContext, shared: tuple[str, str]
) -> None:
    """A process killed with SIGKILL inside a unit of work leaves a store that verifies, whole units only."""
    url, prefix = shared
    SqlStore(url, prefix=prefix).close()  # the schema exists before the writer starts
    inside = ctx.Event()
    worker = ctx.Process(target=store_worker.units, args=(url, prefix, 50, 5, 7, inside))
    worker.start()
    try:
        reached = inside.wait(timeout=60)
        os.kill(worker.pid or 0, signal.SIGKILL)
        worker.join()
    finally:
        worker.close()
    with SqlStore(url, prefix=prefix) as store:
        found = store.verify()
        per_unit: Counter[Any] = Counter(case_id.split("-")[0] for case_id in store)
        lengths = {len(store.events(case_id)) for case_id in store}
    assert (reached, found.events, per_unit, lengths) == (
        True,
        7 * 5 * 2,
        Counter({f"u{u:03d}": 5 for u in range(7)}),
        {2},
    )
