"""Fixtures for the store tests; test modules load them with ``pytest_plugins = ["tests.conftest_store"]``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.store_helpers import _FOUND, BACKENDS, SQL_BACKENDS, drop_run_tables, store_of

from kiemtra._store._sql import SqlStore


@pytest.fixture(scope="session", autouse=True)
def _drop_server_tables() -> Iterator[None]:
    """After the run, drop the tables it made on every server it reached."""
    yield
    for found in _FOUND.values():
        if isinstance(found, str):
            drop_run_tables(found)


@pytest.fixture(scope="session")
def _server_stores() -> Iterator[dict[str, SqlStore]]:
    """One store per server for the whole run; each test gets it emptied."""
    made: dict[str, SqlStore] = {}
    yield made
    for store in made.values():
        store.close()


@pytest.fixture(params=BACKENDS)
def store(
    request: pytest.FixtureRequest, tmp_path: Path, _server_stores: dict[str, SqlStore]
) -> Iterator[Any]:
    """An empty store of every kind: memory, SQLite file, PostgreSQL, MariaDB."""
    yield from store_of(request.param, tmp_path, _server_stores)


@pytest.fixture(params=SQL_BACKENDS)
def sql_store(
    request: pytest.FixtureRequest, tmp_path: Path, _server_stores: dict[str, SqlStore]
) -> Iterator[SqlStore]:
    """An empty SQL store: SQLite file, PostgreSQL, MariaDB."""
    yield from store_of(request.param, tmp_path, _server_stores)
