"""The SQL store itself, on SQLite, PostgreSQL and MariaDB: schema, versions, upgrade, tampering, index."""

from __future__ import annotations

import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import mysql
from tests.store_helpers import RUN_PREFIX, SQL_BACKENDS, make_store, steps, url_for, write

from kiemtra import IntegrityError, InvalidInput, SchemaVersionError, StaleWrite, StoreError
from kiemtra._store._memory import MemoryStore
from kiemtra._store._sql import SCHEMA_VERSION, SqlStore, _Writer, store_metadata

pytest_plugins = ["tests.conftest_store"]

TABLES = ("access_log", "case_orgs", "cases", "events", "meta", "outbox", "records")


@pytest.fixture(params=SQL_BACKENDS)
def fresh(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A database URL and a table prefix of the test's own, dropped afterwards."""
    url = url_for(request.param, tmp_path)
    prefix = f"{RUN_PREFIX}{secrets.token_hex(2)}_"
    yield url, prefix
    engine = sa.create_engine(url)
    try:
        store_metadata(prefix).drop_all(engine)
    finally:
        engine.dispose()


def _contents(url: str, prefix: str) -> list[list[tuple[Any, ...]]]:
    """Every row of every table of the store at ``url`` with ``prefix``, read without the store."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return [
                [tuple(r) for r in conn.execute(t.select().order_by(*t.primary_key.columns))]
                for t in store_metadata(prefix).sorted_tables
            ]
    finally:
        engine.dispose()


def _rows(store: SqlStore, table: sa.Table) -> list[tuple[Any, ...]]:
    with store._engine.connect() as conn:
        return [tuple(r) for r in conn.execute(table.select().order_by(*table.primary_key.columns))]


def _execute(store: SqlStore, statement: Any) -> None:
    with store._engine.begin() as conn:
        conn.execute(statement)


# -- schema -------------------------------------------------------------------------------------------


def test_tables_carry_the_prefix(fresh: tuple[str, str]) -> None:
    """A new store makes its tables, each named with the prefix."""
    url, prefix = fresh
    with SqlStore(url, prefix=prefix) as store:
        names = set(sa.inspect(store._engine).get_table_names())
    assert {f"{prefix}{t}" for t in TABLES} <= names


def test_store_metadata_lists_the_tables() -> None:
    """The metadata a host puts into its migrations holds every prefixed table."""
    assert sorted(store_metadata("host_").tables) == [f"host_{t}" for t in TABLES]


def test_bad_prefix_is_refused() -> None:
    """A prefix that is not a plain lower-case identifier is refused as invalid."""
    with pytest.raises(InvalidInput):
        store_metadata("Drop Table;")


def test_schema_version_is_recorded(sql_store: SqlStore) -> None:
    """The meta table records the current schema version."""
    assert _rows(sql_store, sql_store.tables.meta) == [("schema_version", str(SCHEMA_VERSION))]


def test_newer_schema_raises_schema_version_error(fresh: tuple[str, str]) -> None:
    """A store written by a newer schema is refused with the version found and the one supported."""
    url, prefix = fresh
    with SqlStore(url, prefix=prefix) as store:
        meta = store.tables.meta
        _execute(store, meta.update().values(value=str(SCHEMA_VERSION + 1)))
    with pytest.raises(SchemaVersionError) as err:
        SqlStore(url, prefix=prefix)
    assert (err.value.found, err.value.supported) == (SCHEMA_VERSION + 1, SCHEMA_VERSION)


def test_newer_schema_is_left_as_it_was(fresh: tuple[str, str]) -> None:
    """Refusing a newer schema writes nothing to it."""
    url, prefix = fresh
    with SqlStore(url, prefix=prefix) as store:
        write(store, steps(2, 1))
        _execute(store, store.tables.meta.update().values(value=str(SCHEMA_VERSION + 1)))
    before = _contents(url, prefix)
    with pytest.raises(SchemaVersionError):
        SqlStore(url, prefix=prefix)
    assert _contents(url, prefix) == before


def test_missing_schema_without_create_raises_store_error(fresh: tuple[str, str]) -> None:
    """Opening a database without the store's tables, when told not to create them, fails typed."""
    url, prefix = fresh
    with pytest.raises(StoreError):
        SqlStore(url, prefix=prefix, create=False)


def test_unreachable_server_raises_store_error() -> None:
    """A server that does not answer gives a StoreError."""
    with pytest.raises(StoreError):
        SqlStore("postgresql+psycopg://nobody@127.0.0.1:9/none")


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    """A SQLite store puts its file in write-ahead-log mode."""
    with make_store("sqlite", tmp_path) as store, store._engine.connect() as conn:
        mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
    assert mode == "wal"


def test_sql_module_does_not_import_sqlalchemy() -> None:
    """Importing the SQL store's module loads no SQLAlchemy (creating a store does)."""
    code = "import sys, kiemtra._store._sql; print('sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "False"


# -- upgrade from schema version 1 --------------------------------------------------------------------


def _v1_metadata(prefix: str) -> sa.MetaData:
    """Schema version 1, frozen: no ``orgs`` column and no ``case_orgs`` table."""
    key = sa.String(128).with_variant(
        mysql.VARCHAR(128, charset="utf8mb4", collation="utf8mb4_bin"), "mysql", "mariadb"
    )
    blob = sa.LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb")
    md = sa.MetaData()
    sa.Table(
        f"{prefix}meta", md,
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(255), nullable=False),
    )  # fmt: skip
    sa.Table(
        f"{prefix}events", md,
        sa.Column("case_id", key, primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("body", blob, nullable=False),
    )  # fmt: skip
    sa.Table(
        f"{prefix}cases", md,
        sa.Column("case_id", key, primary_key=True),
        sa.Column("procedure_name", key, nullable=False),
        sa.Column("state", key, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("head_hash", sa.String(64), nullable=False),
        sa.Column("due", sa.Date, nullable=True),
        sa.Index(f"ix_{prefix}cases_state", "state"),
        sa.Index(f"ix_{prefix}cases_due", "due"),
    )  # fmt: skip
    return md


def _make_v1_store(url: str, prefix: str) -> MemoryStore:
    """Write a schema-version-1 store at ``url``; return a memory store holding the same steps."""
    reference = MemoryStore()
    write(reference, steps(3, 2))
    md = _v1_metadata(prefix)
    events, cases, meta = (md.tables[f"{prefix}{t}"] for t in ("events", "cases", "meta"))
    links = list(reference._links(sorted(reference)))
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            md.create_all(conn)
            conn.execute(meta.insert(), {"name": "schema_version", "value": "1"})
            conn.execute(
                events.insert(), [dict(zip(events.c.keys(), link, strict=True)) for link in links]
            )
            for case_id in reference:
                case = reference.load(case_id)
                due = case.deadline.due if case.deadline else None
                row = (
                    case_id,
                    case.procedure,
                    case.state,
                    case.seq,
                    reference._head(case_id).hash,
                    due,
                )
                conn.execute(cases.insert(), dict(zip(cases.c.keys(), row, strict=True)))
    finally:
        engine.dispose()
    return reference


def test_upgrade_from_version_1_verifies(fresh: tuple[str, str]) -> None:
    """A version-1 store is upgraded when opened, and then verifies with the same digest."""
    url, prefix = fresh
    reference = _make_v1_store(url, prefix)
    with SqlStore(url, prefix=prefix) as store:
        assert store.verify(anchor=reference.digest()).events == 9


def test_upgrade_from_version_1_records_the_new_version(fresh: tuple[str, str]) -> None:
    """After the upgrade the meta table records the current schema version."""
    url, prefix = fresh
    _make_v1_store(url, prefix)
    with SqlStore(url, prefix=prefix) as store:
        assert _rows(store, store.tables.meta) == [("schema_version", str(SCHEMA_VERSION))]


def test_upgrade_from_version_1_fills_the_organisation_index(fresh: tuple[str, str]) -> None:
    """The organisation index that version 2 adds is filled from the events."""
    url, prefix = fresh
    reference = _make_v1_store(url, prefix)
    with SqlStore(url, prefix=prefix) as store:
        assert [c.id for c in store.org_cases("acme")] == sorted(reference)


# -- tamper evidence ----------------------------------------------------------------------------------


def _flip(text: str) -> str:
    return ("1" if text[0] == "0" else "0") + text[1:]


CHANGES = {
    "case_id": lambda v: f"{v}-moved",
    "seq": lambda v: v + 1000,
    "prev_hash": _flip,
    "hash": _flip,
    "body": lambda v: v.replace(b'"state":"', b'"state":"x', 1),
}


@pytest.mark.parametrize("column", sorted(CHANGES))
def test_changing_any_column_is_caught_at_its_case_and_seq(
    sql_store: SqlStore, column: str
) -> None:
    """Each changed column of a sampled event (first, middle, newest) fails verify at that event."""
    write(sql_store, steps(3, 4))
    events = sql_store.tables.events
    caught = []
    for case_id, seq in (("c001", 1), ("c002", 3), ("c003", 5)):
        key = (events.c.case_id == case_id, events.c.seq == seq)
        with sql_store._engine.connect() as conn:
            original = conn.execute(sa.select(events.c[column]).where(*key)).scalar_one()
        changed = CHANGES[column](original)
        _execute(sql_store, events.update().where(*key).values({column: changed}))
        with pytest.raises(IntegrityError) as err:
            sql_store.verify()
        caught.append((err.value.case_id, err.value.seq))
        moved = (events.c.case_id == changed if column == "case_id" else key[0],)
        moved += (events.c.seq == changed if column == "seq" else events.c.seq == seq,)
        _execute(sql_store, events.update().where(*moved).values({column: original}))
    assert (caught, sql_store.verify().events) == ([("c001", 1), ("c002", 3), ("c003", 5)], 15)


def test_preloaded_cases_load_as_they_are_stored(sql_store: SqlStore) -> None:
    """Inside a unit of work, cases preloaded in one read load exactly as a plain load gives them."""
    write(sql_store, steps(3, 2))
    ids = sorted(sql_store)
    plain = [sql_store.load(i) for i in ids]
    with sql_store.unit_of_work():
        sql_store.preload([*ids, "no-such-case"])
        assert [sql_store.load(i) for i in ids] == plain


def test_loads_of_preloaded_cases_send_no_query(sql_store: SqlStore) -> None:
    """After one preload, loading each of the cases in the unit sends no statement to the server."""
    write(sql_store, steps(4, 1))
    ids = sorted(sql_store)
    sent: list[str] = []

    def count(*args: Any) -> None:
        sent.append(str(args[2]))

    with sql_store.unit_of_work():
        sql_store.preload(ids)
        sa.event.listen(sql_store._engine, "before_cursor_execute", count)
        try:
            for i in ids:
                sql_store.load(i)
        finally:
            sa.event.remove(sql_store._engine, "before_cursor_execute", count)
    assert sent == []


def test_a_case_moved_after_it_was_preloaded_is_a_stale_write(sql_store: SqlStore) -> None:
    """A case another writer moves after the preload fails the unit as stale; nothing of it is written."""
    chosen = steps(1, 2)
    write(sql_store, chosen[:2])
    (case_id,) = sorted(sql_store)
    url = sql_store._engine.url.render_as_string(hide_password=False)

    def moved_meanwhile(other: SqlStore) -> None:
        with sql_store.unit_of_work():
            sql_store.preload([case_id])
            seen = sql_store.load(case_id)
            other.append(chosen[2][0], chosen[2][1], 2)  # the other writer moves it first
            sql_store.append(chosen[2][0], chosen[2][1], seen.seq)

    with SqlStore(url, prefix=sql_store.prefix) as other, pytest.raises(StaleWrite):
        moved_meanwhile(other)
    assert (sql_store.load(case_id).seq, len(sql_store.events(case_id))) == (3, 3)


def test_a_body_rewritten_as_text_is_caught_at_its_case_and_seq(tmp_path: Path) -> None:
    """SQLite lets a hand edit store an event body as TEXT (``replace()``): verify names that event."""
    store = SqlStore(f"sqlite:///{tmp_path / 'text.db'}")
    try:
        write(store, steps(2, 3))
        with store._engine.begin() as conn:
            conn.exec_driver_sql(
                f"UPDATE {store.tables.events.name} SET body = replace(body, 'state', 'STATE') "
                "WHERE case_id = 'c002' AND seq = 2"
            )
        with pytest.raises(IntegrityError) as err:
            store.verify()
        assert (err.value.case_id, err.value.seq) == ("c002", 2)
    finally:
        store.close()


def test_deleting_the_newest_events_is_caught_against_the_anchor(sql_store: SqlStore) -> None:
    """Removing a case's last two events, and fixing the index to match, fails against an anchor."""
    write(sql_store, steps(2, 4))
    anchor = sql_store.digest()
    events, cases = sql_store.tables.events, sql_store.tables.cases
    _execute(sql_store, events.delete().where(events.c.case_id == "c002", events.c.seq > 3))
    with sql_store._engine.connect() as conn:
        head = conn.execute(
            sa.select(events.c.hash).where(events.c.case_id == "c002", events.c.seq == 3)
        ).scalar_one()
    _execute(
        sql_store, cases.update().where(cases.c.case_id == "c002").values(seq=3, head_hash=head)
    )
    with pytest.raises(IntegrityError) as err:
        sql_store.verify(anchor=anchor)
    assert (err.value.case_id, err.value.seq) == ("c002", 4)


def test_deleting_the_newest_events_is_caught_by_the_index(sql_store: SqlStore) -> None:
    """Removing a case's last event alone fails verify: the index still names it."""
    write(sql_store, steps(2, 4))
    events = sql_store.tables.events
    _execute(sql_store, events.delete().where(events.c.case_id == "c001", events.c.seq == 5))
    with pytest.raises(IntegrityError) as err:
        sql_store.verify()
    assert (err.value.case_id, err.value.seq) == ("c001", 5)


def test_deleting_a_middle_event_is_caught(sql_store: SqlStore) -> None:
    """Removing an event from the middle of a case fails verify at that seq."""
    write(sql_store, steps(2, 4))
    events = sql_store.tables.events
    _execute(sql_store, events.delete().where(events.c.case_id == "c002", events.c.seq == 2))
    with pytest.raises(IntegrityError) as err:
        sql_store.verify()
    assert (err.value.case_id, err.value.seq) == ("c002", 2)


def test_deleting_a_whole_case_is_caught_against_the_anchor(sql_store: SqlStore) -> None:
    """A case removed with its index row fails verify against an anchor that has it."""
    write(sql_store, steps(2, 1))
    anchor = sql_store.digest()
    t = sql_store.tables
    for table in (t.events, t.cases, t.case_orgs):
        _execute(sql_store, table.delete().where(table.c.case_id == "c001"))
    with pytest.raises(IntegrityError) as err:
        sql_store.verify(anchor=anchor)
    assert (err.value.case_id, err.value.seq) == ("c001", 1)


def test_a_changed_index_head_is_caught(sql_store: SqlStore) -> None:
    """An index row whose head hash no longer matches the events fails verify at that case."""
    write(sql_store, steps(2, 2))
    cases = sql_store.tables.cases
    _execute(sql_store, cases.update().where(cases.c.case_id == "c002").values(head_hash="0" * 64))
    with pytest.raises(IntegrityError) as err:
        sql_store.verify()
    assert (err.value.case_id, err.value.seq) == ("c002", 3)


# -- the index, rebuilt -------------------------------------------------------------------------------


def test_rebuild_restores_a_damaged_index_exactly(sql_store: SqlStore) -> None:
    """After rows of the index are changed and removed, rebuild gives back exactly the rows it had."""
    write(sql_store, steps(4, 2))
    t = sql_store.tables
    before = _rows(sql_store, t.cases), _rows(sql_store, t.case_orgs)
    _execute(sql_store, t.cases.delete().where(t.cases.c.case_id == "c001"))
    _execute(sql_store, t.cases.update().where(t.cases.c.case_id == "c002").values(state="lost"))
    _execute(sql_store, t.case_orgs.delete().where(t.case_orgs.c.case_id == "c003"))
    sql_store.rebuild()
    assert (_rows(sql_store, t.cases), _rows(sql_store, t.case_orgs)) == before


def test_core_writer_writes_what_the_driver_writer_writes(tmp_path: Path) -> None:
    """The plain SQLAlchemy writer, kept for other dialects, leaves the same rows and digest."""
    chosen = steps(3, 3)
    with (
        make_store("sqlite", tmp_path) as fast,
        make_store("sqlite", tmp_path, prefix="other_") as core,
    ):
        core._write = _Writer(core._engine.dialect, core.tables)
        write(fast, chosen)
        write(core, chosen)
        assert (core.verify().digest, _rows(core, core.tables.cases)) == (
            fast.verify().digest,
            _rows(fast, fast.tables.cases),
        )


def test_url_that_is_no_database_is_refused() -> None:
    """A URL naming no dialect kiemtra can load is refused as invalid, without its password."""
    with pytest.raises(InvalidInput) as err:
        SqlStore("postgresql+nodriver://user:secret@host/db")
    assert "secret" not in str(err.value)
