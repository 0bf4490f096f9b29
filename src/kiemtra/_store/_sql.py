"""The SQL event store on SQLAlchemy Core 2: a SQLite file by default, PostgreSQL and MariaDB to share.

Tables (``prefix`` is ``"kiemtra_"`` unless told otherwise; :func:`store_metadata` gives them as
SQLAlchemy ``MetaData`` for a host's own migrations):

``{prefix}meta``
    ``name``, ``value``: the schema version (``schema_version``).
``{prefix}events``
    ``case_id``, ``seq`` (the primary key: one writer wins each step, a stale one fails), ``prev_hash``,
    ``hash``, ``body`` (the canonical record: the event and the case snapshot it left). Append-only.
``{prefix}cases``
    The case index, one row per case: ``procedure_name``, ``state``, ``seq`` and ``head_hash`` of its newest
    event, ``due`` (the deadline running in its state) and ``orgs`` (its organisations, as JSON). Kept in
    the same transaction as the events, and rebuilt from them by :meth:`SqlStore.rebuild`.
``{prefix}case_orgs``
    ``org_id``, ``case_id``: which cases name which organisation (schema version 2).
``{prefix}outbox``
    The notification outbox (schema version 3), written in the same transaction as the events of a unit
    of work; see :mod:`kiemtra._store._outbox`.
``{prefix}records``
    The case files (schema version 3): confidential records attached to cases, ``(case_id, seq)`` the key,
    hash-chained per case like the events; see :mod:`kiemtra._store._casefile`.
``{prefix}access_log``
    Every read of a confidential field and every refused read (schema version 3), ``(scope, seq)`` the key,
    hash-chained per scope; see :mod:`kiemtra._store._access_log`.

A unit of work collects its writes and sends them at its end in one transaction: one query for the heads
of the cases it touches, then one batch per table. SQLAlchemy is imported when a store is created, never
by ``import kiemtra``.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as _dt
import functools
import json
import os
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any, Final, NamedTuple, ParamSpec, TypeVar

import attrs
import pendulum

from kiemtra._errors import (
    InvalidInput,
    SchemaVersionError,
    StaleWrite,
    StoreError,
    UnknownReference,
)
from kiemtra._model._actor import Body
from kiemtra._store._access_log import AccessEntry, access_body, read_access
from kiemtra._store._casefile import PendingRecord, StoredRecord, read_record, record_body
from kiemtra._store._chain import (
    GENESIS,
    ChainCheck,
    Digest,
    Head,
    Link,
    Verification,
    link_hash,
    parse_anchor,
)
from kiemtra._store._codec import RecordWriter, decode_case, decode_event
from kiemtra._store._jsonl import read_jsonl, write_jsonl
from kiemtra._store._memory import check_append, check_create, matches
from kiemtra._store._outbox import DEFAULT_LEASE, Message, Notice, SqlOutbox, outbox_table
from kiemtra._store._sidechain import SqlChains, chained_table
from kiemtra._workflow._case import Case, Event, Subject, org_ids_of

if TYPE_CHECKING:
    from sqlalchemy import Connection, Dialect, Engine, MetaData, Table
    from sqlalchemy.sql import Select
    from sqlalchemy.sql.elements import BindParameter

__all__ = ["SCHEMA_VERSION", "SqlStore", "StoreTables", "store_metadata"]

SCHEMA_VERSION: Final = 3
"""The schema version this library writes. Version 1 had no ``orgs`` column and no ``case_orgs`` table;
version 2 had no ``outbox``, ``records`` and ``access_log`` tables."""

DEFAULT_URL: Final = "sqlite:///kiemtra.db"
DEFAULT_PREFIX: Final = "kiemtra_"
_PREFIX: Final = re.compile(r"[a-z][a-z0-9_]{0,29}")
_CHUNK: Final = 500  # ids in one IN list
_ATTEMPTS: Final = 4
_SQLITE_BUSY_MS: Final = 30_000

_HEADS_KEPT: Final = 16_384  # case heads a store remembers
_NO_HEAD: Final = (-1, "", None, None)
# seq, hash, organisations (JSON) and, when this store wrote or read it, the snapshot of a case's newest
# event. A step never changes once written, so what is known of it stays true.
_HeadRow = tuple[int, str, "str | None", "Case | None"]
_MOVED: Final = ("state", "seq", "head_hash", "due", "orgs")  # the index columns a step changes
_P = ParamSpec("_P")
_T = TypeVar("_T")


class StoreTables(NamedTuple):
    """The tables of one store."""

    meta: Table
    events: Table
    cases: Table
    case_orgs: Table
    outbox: Table
    records: Table
    access_log: Table


def _check_prefix(prefix: str) -> str:
    given: object = prefix  # typed str; a host may still pass anything
    if not isinstance(given, str) or not _PREFIX.fullmatch(given):
        raise InvalidInput(
            "prefix",
            prefix,
            "must be 1-30 lower-case letters, digits or '_', starting with a letter",
        )
    return prefix


def _tables(prefix: str) -> tuple[MetaData, StoreTables]:
    import sqlalchemy as sa
    from sqlalchemy.dialects import mysql

    _check_prefix(prefix)
    # Ids compare byte for byte everywhere (MariaDB's default collation would fold case).
    key = sa.String(128).with_variant(
        mysql.VARCHAR(128, charset="utf8mb4", collation="utf8mb4_bin"), "mysql", "mariadb"
    )
    digest = sa.String(64)
    blob = sa.LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb")
    opts: dict[str, Any] = {"mysql_engine": "InnoDB", "mysql_charset": "utf8mb4"}
    md = sa.MetaData()
    meta = sa.Table(
        f"{prefix}meta",
        md,
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(255), nullable=False),
        **opts,
    )
    events = sa.Table(
        f"{prefix}events",
        md,
        sa.Column("case_id", key, primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("prev_hash", digest, nullable=False),
        sa.Column("hash", digest, nullable=False),
        sa.Column("body", blob, nullable=False),
        **opts,
    )
    cases = sa.Table(
        f"{prefix}cases",
        md,
        sa.Column("case_id", key, primary_key=True),
        sa.Column("procedure_name", key, nullable=False),
        sa.Column("state", key, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("head_hash", digest, nullable=False),
        sa.Column("due", sa.Date, nullable=True),
        sa.Column("orgs", sa.Text, nullable=True),
        sa.Index(f"ix_{prefix}cases_state", "state"),
        sa.Index(f"ix_{prefix}cases_due", "due"),
        **opts,
    )
    case_orgs = sa.Table(
        f"{prefix}case_orgs",
        md,
        sa.Column("org_id", key, primary_key=True),
        sa.Column("case_id", key, primary_key=True),
        sa.Index(f"ix_{prefix}case_orgs_case", "case_id"),
        **opts,
    )
    outbox = outbox_table(md, prefix, key, opts)
    records = chained_table(md, f"{prefix}records", key, opts, scope="case_id")
    access_log = chained_table(md, f"{prefix}access_log", key, opts)
    return md, StoreTables(meta, events, cases, case_orgs, outbox, records, access_log)


def store_metadata(prefix: str = DEFAULT_PREFIX) -> MetaData:
    """The store's tables as SQLAlchemy ``MetaData``, for a host's own migrations.

    Args:
        prefix: Put before every table and index name.

    Raises:
        InvalidInput: the prefix is not 1-30 lower-case letters, digits or ``_``.
    """
    return _tables(prefix)[0]


@attrs.define
class _Pending:
    """What a unit of work will write for one case: from stored seq ``base``, the steps in order."""

    base: int
    created: bool
    items: list[tuple[Case, Event]]

    @property
    def last(self) -> Case:
        return self.items[-1][0]


@attrs.define
class _Extra:
    """What a unit of work writes besides events: notices, case-file records, and what runs after."""

    notices: list[Notice] = attrs.field(factory=list)
    records: list[tuple[PendingRecord, int]] = attrs.field(factory=list)  # with the number promised
    after: list[Callable[[], None]] = attrs.field(factory=list)
    read: dict[str, Case] = attrs.field(factory=dict)  # snapshots preloaded for the unit's loads

    def __bool__(self) -> bool:
        return bool(self.notices or self.records)


def _unknown(case_id: str) -> UnknownReference:
    return UnknownReference("case_id", case_id, "no such case in the store")


def _plain_date(day: _dt.date | None) -> _dt.date | None:
    # Drivers look adapters up by exact type; pendulum.Date is a subclass.
    return None if day is None else _dt.date(day.year, day.month, day.day)


IndexRow = tuple[str, str, str, int, str, "_dt.date | None", str]
"""A row of the case index, in column order: case_id, procedure_name, state, seq, head_hash, due, orgs."""
EventRow = tuple[str, int, str, str, bytes]
"""A row of the events table, in column order: case_id, seq, prev_hash, hash, body."""


def _index_row(case: Case, head_hash: str) -> IndexRow:
    due = None if case.deadline is None else case.deadline.due  # a pendulum Date: see _Writer.dates
    return (case.id, case.procedure, case.state, case.seq, head_hash, due, _orgs_json(case))


def _orgs_json(case: Case) -> str:
    return _orgs_text(case.parties, case.subject)


@functools.lru_cache(maxsize=4096)
def _orgs_text(parties: tuple[tuple[str, Body], ...], subject: Subject) -> str:
    # Memoised: the parties and subject rarely change between steps, and both are immutable.
    return json.dumps(list(org_ids_of(parties, subject)), ensure_ascii=False)


class _Writer:
    """Sends rows to the store's tables through SQLAlchemy Core, one ``executemany`` per table.

    The subclasses send the same rows in fewer round trips where the dialect allows it.
    """

    def __init__(self, dialect: Dialect, tables: StoreTables) -> None:
        import sqlalchemy as sa

        self.dialect = dialect
        self.tables = tables
        c = tables.cases
        self._update = (
            c.update()
            .where(c.c.case_id == sa.bindparam("b_case_id"))
            .values({n: sa.bindparam(n) for n in _MOVED})
        )

    def _quote(self, name: str) -> str:
        return str(self.dialect.identifier_preparer.quote(name))

    def _quoted(self, table: Table) -> str:
        return self._quote(table.name)

    def _dicts(self, table: Table, rows: Iterable[Sequence[Any]]) -> list[dict[str, Any]]:
        names = [c.name for c in table.columns]
        return [dict(zip(names, row, strict=True)) for row in rows]

    def dates(self, rows: Iterable[Sequence[Any]]) -> list[tuple[Any, ...]]:
        """Index rows with ``due`` as the plain date drivers adapt (they look up the exact type)."""
        return [(i, p, s, n, h, _plain_date(d), o) for i, p, s, n, h, d, o in rows]

    def events(self, conn: Connection, rows: list[EventRow]) -> None:
        conn.execute(self.tables.events.insert(), self._dicts(self.tables.events, rows))

    def new_cases(self, conn: Connection, rows: list[IndexRow]) -> None:
        conn.execute(self.tables.cases.insert(), self._dicts(self.tables.cases, self.dates(rows)))

    def moved_cases(self, conn: Connection, rows: list[IndexRow]) -> None:
        dicts = self._dicts(self.tables.cases, self.dates(rows))
        conn.execute(self._update, [{**row, "b_case_id": row["case_id"]} for row in dicts])

    def orgs(self, conn: Connection, rows: list[tuple[str, str]]) -> None:
        conn.execute(self.tables.case_orgs.insert(), self._dicts(self.tables.case_orgs, rows))


class _DriverWriter(_Writer):
    """Positional rows straight to the driver's ``executemany``, skipping SQLAlchemy's per-row work.

    For drivers whose placeholder is ``?`` (sqlite3) or ``%s`` (psycopg, PyMySQL).
    """

    def __init__(self, dialect: Dialect, tables: StoreTables) -> None:
        super().__init__(dialect, tables)
        self._mark = "?" if dialect.paramstyle == "qmark" else "%s"
        self._iso_dates = dialect.name == "sqlite"  # where SQLAlchemy stores a date as ISO text
        self._sql_events = self._insert_sql(tables.events)
        self._sql_cases = self._insert_sql(tables.cases)
        self._sql_orgs = self._insert_sql(tables.case_orgs)
        sets = ", ".join(f"{self._quote(n)} = {self._mark}" for n in _MOVED)
        self._sql_update = (
            f"UPDATE {self._quoted(tables.cases)} SET {sets} WHERE case_id = {self._mark}"
        )

    def _insert_sql(self, table: Table) -> str:
        names = [self._quote(c.name) for c in table.columns]
        marks = ", ".join([self._mark] * len(names))
        return f"INSERT INTO {self._quoted(table)} ({', '.join(names)}) VALUES ({marks})"

    def dates(self, rows: Iterable[Sequence[Any]]) -> list[tuple[Any, ...]]:
        """Index rows with ``due`` as the driver takes it: ISO text on SQLite, a plain date elsewhere."""
        if self._iso_dates:
            return [(i, p, s, n, h, d and d.isoformat(), o) for i, p, s, n, h, d, o in rows]
        return super().dates(rows)

    def events(self, conn: Connection, rows: list[EventRow]) -> None:
        conn.exec_driver_sql(self._sql_events, rows)

    def new_cases(self, conn: Connection, rows: list[IndexRow]) -> None:
        conn.exec_driver_sql(self._sql_cases, self.dates(rows))

    def moved_cases(self, conn: Connection, rows: list[IndexRow]) -> None:
        params = [(s, n, h, d, o, i) for i, _p, s, n, h, d, o in self.dates(rows)]
        conn.exec_driver_sql(self._sql_update, params)

    def orgs(self, conn: Connection, rows: list[tuple[str, str]]) -> None:
        conn.exec_driver_sql(self._sql_orgs, rows)


class _PostgresWriter(_DriverWriter):
    """Index rows as one JSON parameter read by ``json_to_recordset``: one statement and one round trip
    per table, and no per-value work in the driver (psycopg adapts each value of a list in Python)."""

    _TYPES: Final = {
        "case_id": "text", "procedure_name": "text", "state": "text", "seq": "integer",
        "head_hash": "text", "due": "date", "orgs": "text", "org_id": "text",
    }  # fmt: skip

    def __init__(self, dialect: Dialect, tables: StoreTables) -> None:
        import sqlalchemy as sa

        super().__init__(dialect, tables)
        c = tables.cases
        sets = ", ".join(f"{n} = v.{n}" for n in _MOVED)
        self._pg_update = sa.text(
            f"UPDATE {self._quoted(c)} AS c SET {sets} FROM {self._recordset(c)} "
            "WHERE c.case_id = v.case_id"
        )
        self._pg_cases = self._recordset_insert(c)
        self._pg_orgs = self._recordset_insert(tables.case_orgs)

    def _recordset(self, table: Table) -> str:
        columns = ", ".join(f"{col.name} {self._TYPES[col.name]}" for col in table.columns)
        return f"json_to_recordset(CAST(:rows AS json)) AS v({columns})"

    def _recordset_insert(self, table: Table) -> Any:
        import sqlalchemy as sa

        names = ", ".join(col.name for col in table.columns)
        return sa.text(
            f"INSERT INTO {self._quoted(table)} ({names}) SELECT {names} FROM {self._recordset(table)}"
        )

    @staticmethod
    def _json(table: Table, rows: Iterable[Sequence[Any]]) -> dict[str, str]:
        names = [col.name for col in table.columns]
        return {"rows": json.dumps([dict(zip(names, row, strict=True)) for row in rows])}

    def dates(self, rows: Iterable[Sequence[Any]]) -> list[tuple[Any, ...]]:
        """Index rows with ``due`` as ISO text, as JSON carries it."""
        return [(i, p, s, n, h, d and d.isoformat(), o) for i, p, s, n, h, d, o in rows]

    def new_cases(self, conn: Connection, rows: list[IndexRow]) -> None:
        conn.execute(self._pg_cases, self._json(self.tables.cases, self.dates(rows)))

    def moved_cases(self, conn: Connection, rows: list[IndexRow]) -> None:
        conn.execute(self._pg_update, self._json(self.tables.cases, self.dates(rows)))

    def orgs(self, conn: Connection, rows: list[tuple[str, str]]) -> None:
        conn.execute(self._pg_orgs, self._json(self.tables.case_orgs, rows))


class _MysqlWriter(_DriverWriter):
    """PyMySQL sends an ``executemany`` INSERT as one multi-row statement; moved cases go as an upsert."""

    def __init__(self, dialect: Dialect, tables: StoreTables) -> None:
        super().__init__(dialect, tables)
        names = ", ".join(f"{self._quote(n)} = VALUES({self._quote(n)})" for n in _MOVED)
        self._sql_upsert = f"{self._sql_cases} ON DUPLICATE KEY UPDATE {names}"

    def moved_cases(self, conn: Connection, rows: list[IndexRow]) -> None:
        conn.exec_driver_sql(self._sql_upsert, self.dates(rows))


def _writer(dialect: Dialect, tables: StoreTables) -> _Writer:
    if dialect.name == "postgresql" and dialect.driver == "psycopg":
        return _PostgresWriter(dialect, tables)
    if dialect.name in ("mysql", "mariadb") and dialect.paramstyle in ("format", "pyformat"):
        return _MysqlWriter(dialect, tables)
    if dialect.paramstyle in ("qmark", "format", "pyformat"):
        return _DriverWriter(dialect, tables)
    return _Writer(dialect, tables)


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling is switched off; _sqlite_begin opens every transaction
    # itself, IMMEDIATE for writes, so that writers queue on the lock instead of failing to upgrade.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {_SQLITE_BUSY_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    options = conn.get_execution_options()
    if not options.get("kiemtra_autocommit", False):
        conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get("kiemtra_write") else "BEGIN")


def _db_errors(method: Callable[_P, _T]) -> Callable[_P, _T]:
    """Turn a database failure into :class:`StoreError`."""

    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        from sqlalchemy.exc import DBAPIError

        try:
            return method(*args, **kwargs)
        except DBAPIError as exc:
            raise StoreError(f"the store cannot serve {method.__name__}: {exc.orig!r}") from exc

    return wrapper


def _retryable(exc: Exception) -> bool:
    """A conflict between writers: a key taken, a deadlock or a serialization failure."""
    from sqlalchemy.exc import IntegrityError, OperationalError

    if isinstance(exc, IntegrityError):
        return True
    if not isinstance(exc, OperationalError):
        return False
    orig = exc.orig
    sqlstate = getattr(orig, "sqlstate", None)
    if isinstance(sqlstate, str) and sqlstate.startswith("40"):
        return True
    args: tuple[Any, ...] = getattr(orig, "args", ())
    return bool(args) and args[0] in (1205, 1213)  # MySQL/MariaDB lock wait timeout, deadlock


class SqlStore:
    """The event store in a SQL database, tamper-evident, shared safely by many processes.

    Args:
        url: A SQLAlchemy URL (``sqlite:///path.db``, ``postgresql+psycopg://…``,
            ``mysql+pymysql://…``) or an ``Engine`` the host owns (kiemtra then never disposes it; on
            SQLite it adds its transaction listeners to it).
        prefix: Put before every table name, so several stores or a host's tables share a database.
        create: Create the schema when it is missing and upgrade an older one; with False the schema
            must be there at the current version.
        engine_options: Passed to ``sqlalchemy.create_engine`` when ``url`` is a string.

    SQLite runs in WAL mode with ``synchronous=FULL`` and a 30 s busy timeout; a write takes the write
    lock when its transaction begins (``BEGIN IMMEDIATE``), so writers queue instead of failing.

    Raises:
        SchemaVersionError: the store was written by a newer kiemtra.
        StoreError: the database cannot be reached, or the schema is missing and ``create`` is False.
        InvalidInput: a bad prefix.
    """

    schema_version: Final = SCHEMA_VERSION

    def __init__(
        self,
        url: str | Engine = DEFAULT_URL,
        *,
        prefix: str = DEFAULT_PREFIX,
        create: bool = True,
        engine_options: Mapping[str, Any] | None = None,
    ) -> None:
        import sqlalchemy as sa

        self.prefix = _check_prefix(prefix)
        self.metadata, self.tables = _tables(prefix)
        self._owns_engine = isinstance(url, str)
        if isinstance(url, str):
            try:
                options = {**self._default_options(url), **(engine_options or {})}
                self._engine: Engine = sa.create_engine(url, **options)
            except (sa.exc.ArgumentError, ImportError) as exc:
                shown = url.split("@")[-1]  # never the password
                raise InvalidInput(
                    "url", shown, f"not a database URL kiemtra can use: {exc}"
                ) from exc
        else:
            self._engine = url
        self.dialect: str = self._engine.dialect.name
        self._unit: contextvars.ContextVar[dict[str, _Pending] | None] = contextvars.ContextVar(
            f"kiemtra_unit_{id(self)}", default=None
        )
        self._extra: contextvars.ContextVar[_Extra | None] = contextvars.ContextVar(
            f"kiemtra_extra_{id(self)}", default=None
        )
        self._outbox = SqlOutbox(self.tables.outbox, self.dialect)
        self._casefile = SqlChains(self.tables.records)
        self._access = SqlChains(self.tables.access_log)
        # A test hook: runs inside the transaction of every write, just before COMMIT.
        self._before_commit: Callable[[], None] | None = None
        self._known: dict[str, _HeadRow] = {}
        self._records = RecordWriter()
        self._statements()
        if self.dialect == "sqlite":
            self._sqlite_listeners()
        try:
            self._open_schema(create)
        except BaseException:
            self.close()
            raise

    @staticmethod
    def _default_options(url: str) -> dict[str, Any]:
        if url.startswith(("mysql", "mariadb")):
            return {"isolation_level": "READ COMMITTED"}
        return {}

    def __repr__(self) -> str:
        return f"SqlStore({self._engine.url.render_as_string(hide_password=True)!r}, prefix={self.prefix!r})"

    # -- lifecycle -----------------------------------------------------------------------------------
    def close(self) -> None:
        """Close the store's connections (the engine is disposed when the store created it)."""
        if self._owns_engine:
            self._engine.dispose()

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def drop_tables(self) -> None:
        """Drop every table of the store (its data with it). For tests and deliberate teardown."""
        self.metadata.drop_all(self._engine)

    def _sqlite_listeners(self) -> None:
        from sqlalchemy import event

        if not event.contains(self._engine, "connect", _sqlite_connect):
            event.listen(self._engine, "connect", _sqlite_connect)
            event.listen(self._engine, "begin", _sqlite_begin)
            self._engine.dispose()  # connections pooled before the listeners were there

    @contextlib.contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A connection for a single query, outside a transaction where that saves round trips."""
        with self._engine.connect() as conn:
            if self.dialect == "sqlite":
                conn.execution_options(kiemtra_autocommit=True)
            elif self.dialect == "postgresql":
                conn.execution_options(isolation_level="AUTOCOMMIT")
            yield conn

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Connection]:
        with self._engine.connect() as conn:
            conn.execution_options(kiemtra_write=True)
            with conn.begin():
                yield conn

    # -- schema --------------------------------------------------------------------------------------
    def _open_schema(self, create: bool) -> None:
        from sqlalchemy.exc import DBAPIError

        try:
            self._engine.connect().close()
        except DBAPIError as exc:
            raise StoreError(f"cannot reach the store at {self!r}: {exc.orig!r}") from exc
        for attempt in range(_ATTEMPTS):
            try:
                with self._writing() as conn:
                    self._check_schema(conn, create)
                return
            except DBAPIError as exc:  # two processes creating the tables at once: look again
                if attempt == _ATTEMPTS - 1:
                    raise StoreError(f"cannot open the store at {self!r}: {exc.orig!r}") from exc

    def _check_schema(self, conn: Connection, create: bool) -> None:
        import sqlalchemy as sa

        inspector = sa.inspect(conn)
        t = self.tables
        if not inspector.has_table(t.meta.name):
            if inspector.has_table(t.events.name):
                raise StoreError(f"{self!r}: table {t.events.name} exists without a schema version")
            if not create:
                raise StoreError(f"{self!r}: no kiemtra store with prefix {self.prefix!r}")
            self.metadata.create_all(conn)
            conn.execute(t.meta.insert(), {"name": "schema_version", "value": str(SCHEMA_VERSION)})
            return
        found = conn.execute(
            sa.select(t.meta.c.value).where(t.meta.c.name == "schema_version")
        ).scalar()
        if found is None or not found.isdigit():
            raise StoreError(f"{self!r}: unreadable schema version {found!r}")
        version = int(found)
        if version > SCHEMA_VERSION:
            raise SchemaVersionError(version, SCHEMA_VERSION)
        if version < SCHEMA_VERSION:
            if not create:
                raise StoreError(
                    f"{self!r}: schema version {version} needs an upgrade (create=True)"
                )
            self._upgrade(conn, version)

    def _upgrade(self, conn: Connection, version: int) -> None:
        """Upgrade an older schema in place; each step is safe to run again after a crash."""
        import sqlalchemy as sa

        t = self.tables
        if version < 2:  # 1 -> 2: the organisations of each case, for queries by organisation
            columns = {c["name"] for c in sa.inspect(conn).get_columns(t.cases.name)}
            if "orgs" not in columns:
                quote = conn.dialect.identifier_preparer.quote
                kind = sa.Text().compile(dialect=conn.dialect)
                conn.exec_driver_sql(f"ALTER TABLE {quote(t.cases.name)} ADD COLUMN orgs {kind}")
            t.case_orgs.create(conn, checkfirst=True)
            self._rebuild_index(conn)
        if version < 3:  # 2 -> 3: the outbox, the case files and the access log
            for table in (t.outbox, t.records, t.access_log):
                table.create(conn, checkfirst=True)
        conn.execute(
            t.meta.update().where(t.meta.c.name == "schema_version"), {"value": str(SCHEMA_VERSION)}
        )

    def _statements(self) -> None:
        import sqlalchemy as sa

        t = self.tables
        e, c, o = t.events, t.cases, t.case_orgs
        ids: BindParameter[Any] = sa.bindparam("ids", expanding=True)
        self._q_heads = sa.select(c.c.case_id, c.c.seq, c.c.head_hash, c.c.orgs).where(
            c.c.case_id.in_(ids)
        )
        self._q_present = sa.select(c.c.case_id).where(c.c.case_id.in_(ids))
        self._q_newest_many = (
            sa.select(e.c.case_id, e.c.seq, e.c.hash, e.c.body)
            .select_from(e.join(c, sa.and_(e.c.case_id == c.c.case_id, e.c.seq == c.c.seq)))
            .where(c.c.case_id.in_(ids))
        )
        self._q_newest = (
            sa.select(e.c.seq, e.c.hash, e.c.body)
            .where(e.c.case_id == sa.bindparam("case_id"))
            .order_by(e.c.seq.desc())
            .limit(1)
        )
        self._q_bodies = (
            sa.select(e.c.body).where(e.c.case_id == sa.bindparam("case_id")).order_by(e.c.seq)
        )
        self._q_links = sa.select(e.c.case_id, e.c.seq, e.c.prev_hash, e.c.hash, e.c.body)
        self._write = _writer(self._engine.dialect, t)
        self._d_orgs = o.delete().where(o.c.case_id.in_(ids))
        newest = (
            sa.select(e.c.case_id, sa.func.max(e.c.seq).label("seq"))
            .group_by(e.c.case_id)
            .subquery()
        )
        on_newest = sa.and_(newest.c.case_id == e.c.case_id, newest.c.seq == e.c.seq)
        self._q_head_records = sa.select(e.c.case_id, e.c.hash, e.c.body).join(newest, on_newest)
        self._q_head_hashes = sa.select(e.c.case_id, e.c.seq, e.c.hash).join(newest, on_newest)

    # -- writing -------------------------------------------------------------------------------------
    def create(self, case: Case, event: Event, notices: Sequence[Notice] = ()) -> None:
        """Store a new case with its opening event (seq 1), and the notices the opening gives.

        Inside a unit of work the write is sent when the unit ends, and so is a conflict.

        Raises:
            StaleWrite: a case with that id exists already; nothing is written.
            InvalidInput: the case and event do not agree, or the case id is not printable.
        """
        check_create(case, event)
        unit = self._unit.get()
        pending = _Pending(0, True, [(case, event)])
        if unit is None:
            self._commit({case.id: pending}, _Extra(notices=list(notices)) if notices else None)
            return
        found = unit.get(case.id)
        if found is not None:
            raise StaleWrite(case.id, 0, found.last.seq)
        unit[case.id] = pending
        if notices:
            self.enqueue(notices)

    def append(
        self, case: Case, event: Event, expected_seq: int, notices: Sequence[Notice] = ()
    ) -> None:
        """Append ``event`` and replace the case snapshot, if the stored seq is ``expected_seq``; write
        ``notices`` in the same transaction.

        Inside a unit of work the write is sent when the unit ends, and so is a conflict.

        Raises:
            UnknownReference: no such case; nothing is written.
            StaleWrite: the stored seq is not ``expected_seq``; nothing is written.
            InvalidInput: the case, event and seq do not agree.
        """
        unit = self._unit.get()
        found = None if unit is None else unit.get(case.id)
        if found is not None:
            if found.last.seq != expected_seq:
                raise StaleWrite(case.id, expected_seq, found.last.seq)
            check_append(case, event, expected_seq)
            found.items.append((case, event))
            if notices:
                self.enqueue(notices)
            return
        check_append(case, event, expected_seq)
        pending = _Pending(expected_seq, False, [(case, event)])
        if unit is None:
            self._commit({case.id: pending}, _Extra(notices=list(notices)) if notices else None)
        else:
            unit[case.id] = pending
            if notices:
                self.enqueue(notices)

    @contextlib.contextmanager
    def unit_of_work(self) -> Iterator[None]:
        """Collect the block's writes and send them in one transaction when it ends.

        Nested use joins the outer unit. If the block raises, nothing is written. A conflict found when
        the unit is sent (a stale version, an unknown case) raises :class:`StaleWrite` or
        :class:`UnknownReference` as the block ends, and nothing of the unit is written. Reads inside
        the block see its own writes.
        """
        if self._unit.get() is not None:
            yield
            return
        pending: dict[str, _Pending] = {}
        extra = _Extra()
        token = self._unit.set(pending)
        token_extra = self._extra.set(extra)
        try:
            yield
        finally:
            self._unit.reset(token)
            self._extra.reset(token_extra)
        if pending or extra:
            self._commit(pending, extra)
        for callback in extra.after:
            callback()

    def _commit(self, pending: dict[str, _Pending], extra: _Extra | None = None) -> None:
        from sqlalchemy.exc import DBAPIError

        for attempt in range(_ATTEMPTS):
            try:
                with self._writing() as conn:
                    heads = self._flush(conn, pending) if pending else {}
                    if extra:
                        self._flush_extra(conn, extra)
                    if self._before_commit is not None:
                        self._before_commit()
            except DBAPIError as exc:
                if not _retryable(exc):
                    raise StoreError(f"{self!r}: the write failed: {exc.orig!r}") from exc
                self._raise_conflict(pending)  # a writer got there first: say which case
                if attempt == _ATTEMPTS - 1:
                    raise StoreError(f"{self!r}: the write kept conflicting: {exc.orig!r}") from exc
                continue
            self._remember(heads)
            return

    def _remember(self, heads: Mapping[str, _HeadRow]) -> None:
        if len(self._known) + len(heads) > _HEADS_KEPT:
            self._known.clear()
        self._known.update(heads)

    def _heads(self, conn: Connection, ids: Sequence[str]) -> dict[str, _HeadRow]:
        found: dict[str, _HeadRow] = {}
        for start in range(0, len(ids), _CHUNK):
            for case_id, seq, head, orgs in conn.execute(
                self._q_heads, {"ids": ids[start : start + _CHUNK]}
            ):
                found[case_id] = (seq, head, orgs, None)
        return found

    def _conflict(
        self, case_id: str, pending: _Pending, head: _HeadRow | None
    ) -> StaleWrite | UnknownReference | None:
        if pending.created:
            return None if head is None else StaleWrite(case_id, 0, head[0])
        if head is None:
            return _unknown(case_id)
        return None if head[0] == pending.base else StaleWrite(case_id, pending.base, head[0])

    def _raise_conflict(self, pending: dict[str, _Pending]) -> None:
        ids = sorted(pending)
        with self._reading() as conn:
            heads = self._heads(conn, ids)
        for case_id in ids:
            error = self._conflict(case_id, pending[case_id], heads.get(case_id))
            if error is not None:
                raise error

    def _flush(self, conn: Connection, pending: dict[str, _Pending]) -> dict[str, _HeadRow]:
        """Send a unit's writes on ``conn``; return the new head of every case it wrote.

        The head a step builds on comes from :attr:`_known` when this store saw it last (a step never
        changes once written, so neither does its hash), else from the index, in one query. A writer
        that got there first since is caught by the events' primary key.
        """
        ids = sorted(pending)  # one order for every writer: no deadlocks between them
        known = self._known
        unknown = [
            i
            for i in ids
            if not pending[i].created and known.get(i, _NO_HEAD)[0] != pending[i].base
        ]
        heads = self._heads(conn, unknown) if unknown else {}
        rows: list[EventRow] = []
        created: list[IndexRow] = []
        moved: list[IndexRow] = []
        orgs_gone: list[str] = []
        orgs_new: list[tuple[str, str]] = []
        new_heads: dict[str, _HeadRow] = {}
        for case_id in ids:
            p = pending[case_id]
            head = None if p.created else heads.get(case_id) or known.get(case_id)
            if head is None or head[0] != p.base:
                error = self._conflict(case_id, p, head)
                if error is not None:
                    raise error
            prev = GENESIS if head is None else head[1]
            for case, event in p.items:
                body = self._records.record_bytes(case, event)
                digest = link_hash(prev, case_id, case.seq, body)
                rows.append((case_id, case.seq, prev, digest, body))
                prev = digest
            row = _index_row(p.last, prev)
            new_heads[case_id] = (p.last.seq, prev, row[6], p.last)
            if head is None:
                created.append(row)
            else:
                moved.append(row)
                if row[6] == head[2]:
                    continue
                orgs_gone.append(case_id)
            orgs_new.extend((org, case_id) for org in p.last.org_ids())
        write = self._write
        write.events(conn, rows)
        if created:
            write.new_cases(conn, created)
        if moved:
            write.moved_cases(conn, moved)
        if orgs_gone:
            conn.execute(self._d_orgs, {"ids": orgs_gone})
        if orgs_new:
            write.orgs(conn, orgs_new)
        return new_heads

    def _flush_extra(self, conn: Connection, extra: _Extra) -> None:
        """Send a unit's notices and case-file records on ``conn``.

        Raises:
            StaleWrite: another writer attached a record to a case first; the unit is not written.
        """
        self._outbox.insert(conn, extra.notices)
        heads: dict[str, int] = {}
        for record, promised in extra.records:
            case_id = record.case_id
            if case_id not in heads:
                heads[case_id] = self._casefile.head(conn, case_id)[0]
            if promised != heads[case_id] + 1:
                raise StaleWrite(case_id, promised - 1, heads[case_id])
            self._casefile.append(conn, case_id, functools.partial(record_body, record))
            heads[case_id] = promised

    # -- the outbox ----------------------------------------------------------------------------------
    def enqueue(self, notices: Sequence[Notice]) -> None:
        """Write ``notices``: with the unit of work if one is open, else at once in their own transaction.

        A notice whose key is stored already is kept once.
        """
        extra = self._extra.get()
        if extra is not None:
            extra.notices.extend(notices)
        elif notices:
            self._commit({}, _Extra(notices=list(notices)))

    @_db_errors
    def take(
        self,
        consumer: str,
        *,
        now: _dt.datetime,
        limit: int = 100,
        lease: _dt.timedelta = DEFAULT_LEASE,
        kinds: Iterable[str] | None = None,
    ) -> list[Message]:
        """Lease up to ``limit`` undelivered messages to ``consumer`` until ``now + lease``, oldest first.

        On PostgreSQL and MariaDB the rows are locked with ``FOR UPDATE SKIP LOCKED``: consumers taking at
        the same time skip each other's rows and never take the same message; on SQLite writers take turns.

        Raises:
            InvalidInput: a limit below 1, a lease that is not a positive timedelta, or a naive ``now``.
        """
        with self._writing() as conn:
            return self._outbox.take(conn, consumer, now, limit, lease, kinds)

    @_db_errors
    def ack(self, ids: Iterable[int], *, now: _dt.datetime) -> int:
        """Mark messages delivered; return how many were not delivered before (acking twice is harmless)."""
        with self._writing() as conn:
            return self._outbox.ack(conn, list(ids), now)

    @_db_errors
    def release(
        self,
        ids: Iterable[int],
        *,
        now: _dt.datetime,
        retry_after: _dt.timedelta = _dt.timedelta(0),
        error: str | None = None,
    ) -> int:
        """Give leased messages back, to be taken again after ``retry_after``."""
        with self._writing() as conn:
            return self._outbox.release(conn, list(ids), now, retry_after, error)

    @_db_errors
    def messages(
        self, *, kinds: Iterable[str] | None = None, delivered: bool | None = None
    ) -> list[Message]:
        """The messages of ``kinds`` (every kind when None), delivered or not (both when None)."""
        with self._reading() as conn:
            return self._outbox.messages(conn, kinds, delivered)

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the current unit of work has committed (at once outside one)."""
        extra = self._extra.get()
        if extra is None:
            callback()
        else:
            extra.after.append(callback)

    # -- case files and the access log ---------------------------------------------------------------
    @_db_errors
    def add_record(self, record: PendingRecord) -> int:
        """Attach ``record`` to its case (with the unit of work, if one is open); return its number.

        Raises:
            UnknownReference: no such case.
            StaleWrite: inside a unit of work, another writer attached a record to the case first (raised
                when the unit ends, and nothing of the unit is written).
        """
        self.load(record.case_id)
        extra = self._extra.get()
        if extra is not None:
            return self._promise(extra, record)
        for attempt in range(_ATTEMPTS):
            alone = _Extra()
            number = self._promise(alone, record)
            try:
                self._commit({}, alone)
            except StaleWrite:
                if attempt == _ATTEMPTS - 1:
                    raise
                continue
            return number
        raise AssertionError("unreachable")  # pragma: no cover

    def _promise(self, extra: _Extra, record: PendingRecord) -> int:
        earlier = [n for r, n in extra.records if r.case_id == record.case_id]
        if earlier:
            number = earlier[-1] + 1
        else:
            with self._reading() as conn:
                number = self._casefile.head(conn, record.case_id)[0] + 1
        extra.records.append((record, number))
        return number

    @_db_errors
    def records(self, case_id: str) -> tuple[StoredRecord, ...]:
        """The records attached to ``case_id``, in order (with those of the open unit of work)."""
        with self._reading() as conn:
            stored = tuple(map(read_record, self._casefile.links(conn, case_id)))
        extra = self._extra.get()
        if extra is None or not extra.records:
            return stored
        mine = [
            StoredRecord(r.case_id, n, r.category, r.kind, r.at, r.by, r.data, "", "")
            for r, n in extra.records
            if r.case_id == case_id
        ]
        return stored + tuple(mine)

    @_db_errors
    def verify_records(self, case_id: str | None = None) -> Verification:
        """Walk the case files' chains.

        Raises:
            IntegrityError: the first broken link (case and record number).
        """
        with self._snapshot() as conn:
            return self._casefile.verify(conn, case_id)

    @_db_errors
    def log_access(
        self,
        scope: str,
        at: pendulum.DateTime,
        actor: str,
        action: str,
        target: str,
        fields: Sequence[str] = (),
    ) -> AccessEntry:
        """Append an entry to the access log at once, in its own transaction (whatever a unit of work does).

        Raises:
            InvalidInput: an unknown action.
            StoreError: the entry could not be written.
        """
        from sqlalchemy.exc import DBAPIError

        access_body(
            scope, 1, at, actor, action, target, fields
        )  # refuse a bad entry before writing
        for attempt in range(_ATTEMPTS):
            try:
                with self._writing() as conn:
                    link = self._access.append(
                        conn,
                        scope,
                        lambda seq: access_body(scope, seq, at, actor, action, target, fields),
                    )
            except DBAPIError as exc:
                if not _retryable(exc) or attempt == _ATTEMPTS - 1:
                    raise StoreError(
                        f"{self!r}: the access log write failed: {exc.orig!r}"
                    ) from exc
                continue
            return read_access(link)
        raise AssertionError("unreachable")  # pragma: no cover

    @_db_errors
    def access_log(self, scope: str | None = None) -> tuple[AccessEntry, ...]:
        """The entries of ``scope`` (a case id, or ``"*"``), or of every scope."""
        with self._reading() as conn:
            return tuple(map(read_access, self._access.links(conn, scope)))

    @_db_errors
    def verify_access_log(self, scope: str | None = None) -> Verification:
        """Walk the access log's chains.

        Raises:
            IntegrityError: the first broken link (scope and seq).
        """
        with self._snapshot() as conn:
            return self._access.verify(conn, scope)

    # -- reading -------------------------------------------------------------------------------------
    def _pending(self, case_id: str) -> _Pending | None:
        unit = self._unit.get()
        return None if unit is None else unit.get(case_id)

    @_db_errors
    def load(self, case_id: str) -> Case:
        """The current snapshot of ``case_id``.

        Raises:
            UnknownReference: no such case.
        """
        pending = self._pending(case_id)
        if pending is not None:
            return pending.last
        extra = self._extra.get()
        if extra is not None and case_id in extra.read:
            return extra.read[case_id]
        with self._reading() as conn:
            row = conn.execute(self._q_newest, {"case_id": case_id}).first()
        if row is None:
            raise _unknown(case_id)
        return self._snapshot_of(case_id, *row)

    @_db_errors
    def preload(self, case_ids: Iterable[str]) -> None:
        """Read the newest snapshots of ``case_ids`` in a few queries, for the loads of the current unit of
        work (a batch of cases about to move). Outside a unit it does nothing. A case another writer moves
        meanwhile is caught when the unit is written, as for any load: its version is checked then.
        """
        extra = self._extra.get()
        if extra is None:
            return
        unit = self._unit.get() or {}
        wanted = [c for c in dict.fromkeys(case_ids) if c not in unit and c not in extra.read]
        for first in range(0, len(wanted), 500):
            with self._reading() as conn:
                rows = conn.execute(self._q_newest_many, {"ids": wanted[first : first + 500]}).all()
            for case_id, seq, hash_, body in rows:
                extra.read[case_id] = self._snapshot_of(case_id, seq, hash_, body)

    def _snapshot_of(self, case_id: str, seq: int, hash_: str, body: bytes) -> Case:
        """The snapshot in the record ``body``: the one this store holds if it is that very record."""
        known = self._known.get(case_id, _NO_HEAD)
        if known[0] == seq and known[1] == hash_ and known[3] is not None:
            return known[3]
        case = decode_case(body)
        self._remember({case_id: (seq, hash_, _orgs_json(case), case)})
        return case

    @_db_errors
    def events(self, case_id: str) -> tuple[Event, ...]:
        """The events of ``case_id`` in order.

        Raises:
            UnknownReference: no such case.
        """
        pending = self._pending(case_id)
        with self._reading() as conn:
            bodies = conn.execute(self._q_bodies, {"case_id": case_id}).scalars().all()
        if not bodies and (pending is None or not pending.created):
            raise _unknown(case_id)
        stored = tuple(map(decode_event, bodies))
        return stored if pending is None else stored + tuple(e for _, e in pending.items)

    def _query(
        self, state: str | None, due_before: _dt.date | None, org_id: str | None
    ) -> list[Case]:
        import sqlalchemy as sa

        t = self.tables
        e, c = t.events, t.cases
        stmt: Select[Any] = sa.select(e.c.case_id, e.c.seq, e.c.hash, e.c.body).join(
            c, sa.and_(c.c.case_id == e.c.case_id, c.c.seq == e.c.seq)
        )
        if org_id is not None:
            o = t.case_orgs
            stmt = stmt.join(o, o.c.case_id == c.c.case_id).where(o.c.org_id == org_id)
        if state is not None:
            stmt = stmt.where(c.c.state == state)
        if due_before is not None:
            stmt = stmt.where(c.c.due < _plain_date(due_before))
        with self._reading() as conn:
            rows = conn.execute(stmt.order_by(c.c.case_id)).all()
        found = [self._snapshot_of(*row) for row in rows]
        unit = self._unit.get()
        if not unit:
            return found
        kept = [case for case in found if case.id not in unit]
        kept.extend(p.last for p in unit.values() if matches(p.last, state, due_before, org_id))
        return kept

    @_db_errors
    def cases(
        self, *, state: str | None = None, due_before: _dt.date | None = None
    ) -> Iterable[Case]:
        """Case snapshots, optionally only those in ``state`` or with a deadline before ``due_before``."""
        return self._query(state, due_before, None)

    @_db_errors
    def org_cases(
        self, org_id: str, *, state: str | None = None, due_before: _dt.date | None = None
    ) -> list[Case]:
        """The cases that name organisation ``org_id`` (:meth:`Case.org_ids`), filtered like :meth:`cases`."""
        return self._query(state, due_before, org_id)

    def _ids(self) -> list[str]:
        import sqlalchemy as sa

        c = self.tables.cases
        with self._reading() as conn:
            ids: list[str] = list(
                conn.execute(sa.select(c.c.case_id).order_by(c.c.case_id)).scalars()
            )
        unit = self._unit.get()
        if unit:
            ids.extend(case_id for case_id, p in unit.items() if p.created)
        return ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids())

    def __len__(self) -> int:
        return len(self._ids())

    # -- the chain -----------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _snapshot(self) -> Iterator[Connection]:
        """A read connection that sees one state of the store for all its queries, rows streamed."""
        with self._engine.connect() as conn:
            if self.dialect != "sqlite":
                conn.execution_options(
                    isolation_level="REPEATABLE READ", stream_results=True, yield_per=2_000
                )
            with conn.begin():
                yield conn

    def _present(self, conn: Connection, ids: Collection[str]) -> set[str]:
        wanted = sorted(ids)
        found: set[str] = set()
        for start in range(0, len(wanted), _CHUNK):
            found.update(
                conn.execute(self._q_present, {"ids": wanted[start : start + _CHUNK]}).scalars()
            )
        return found

    @_db_errors
    def verify(
        self,
        case_id: str | None = None,
        *,
        org_id: str | None = None,
        anchor: Digest | str | None = None,
    ) -> Verification:
        """Walk the chains of one case, of an organisation's cases, or of the whole store.

        Every event's hash must match its record and key, link to the event before, and run without
        gaps from seq 1; the case index must agree with each case's newest event. With ``anchor`` (a
        :class:`Digest` kept elsewhere, its JSON, or its bare value), every case it covers must still
        hold, at the anchored seq, the anchored hash.

        Args:
            case_id: Walk only this case.
            org_id: Walk only the cases that name this organisation.
            anchor: A digest taken earlier, to check against.

        Returns:
            What was checked, with the digest of the heads found.

        Raises:
            UnknownReference: ``case_id`` is not in the store.
            IntegrityError: the first broken link (case and seq), or a mismatch with the anchor.
        """
        import sqlalchemy as sa

        chosen = parse_anchor(anchor)
        t = self.tables
        e, c = t.events, t.cases
        index_q = sa.select(c.c.case_id, c.c.seq, c.c.head_hash)
        links_q = self._q_links
        in_scope: Callable[[Collection[str]], Collection[str]] | None = None
        with self._snapshot() as conn:
            if case_id is not None:
                index_q = index_q.where(c.c.case_id == case_id)
                links_q = links_q.where(e.c.case_id == case_id)
                in_scope = functools.partial(_only, case_id)
            elif org_id is not None:
                o = t.case_orgs
                index_q = index_q.join(o, o.c.case_id == c.c.case_id).where(o.c.org_id == org_id)
                links_q = links_q.join(o, o.c.case_id == e.c.case_id).where(o.c.org_id == org_id)

                def in_scope(ids: Collection[str]) -> Collection[str]:
                    return set(ids) - self._present(conn, ids)

            index = {row[0]: (row[1], row[2]) for row in conn.execute(index_q)}
            check = ChainCheck(index=index, anchor=chosen, in_scope=in_scope)
            feed = check.feed
            with contextlib.closing(conn.execute(links_q.order_by(e.c.case_id, e.c.seq))) as rows:
                for cid, seq, prev, hash_, body in rows:
                    feed(cid, seq, prev, hash_, body)
            if case_id is not None and not index and not check.events:
                raise _unknown(case_id)
            return check.close()

    @_db_errors
    def digest(self, *, org_id: str | None = None) -> Digest:
        """The digest of every case's newest event (or of an organisation's cases), to anchor elsewhere."""
        q = self._q_head_hashes
        if org_id is not None:
            o = self.tables.case_orgs
            q = q.join(o, o.c.case_id == self.tables.events.c.case_id).where(o.c.org_id == org_id)
        with self._snapshot() as conn, contextlib.closing(conn.execute(q)) as rows:
            return Digest.of(Head(*row) for row in rows)

    def _rebuild_index(self, conn: Connection) -> int:
        t = self.tables
        conn.execute(t.case_orgs.delete())
        conn.execute(t.cases.delete())
        count = 0
        cases: list[IndexRow] = []
        orgs: list[tuple[str, str]] = []

        def send() -> None:
            if cases:
                self._write.new_cases(conn, cases)
            if orgs:
                self._write.orgs(conn, orgs)
            cases.clear()
            orgs.clear()

        for case_id, hash_, body in conn.execute(self._q_head_records).all():
            case = decode_case(body)
            cases.append(_index_row(case, hash_))
            orgs.extend((org, case_id) for org in case.org_ids())
            count += 1
            if len(cases) >= _CHUNK:
                send()
        send()
        return count

    @_db_errors
    def rebuild(self) -> int:
        """Rebuild the case index (states, deadlines, organisations) from the events.

        Returns:
            How many cases the index holds.
        """
        with self._writing() as conn:
            return self._rebuild_index(conn)

    # -- export and import ---------------------------------------------------------------------------
    @_db_errors
    def export_jsonl(self, target: str | os.PathLike[str] | IO[str]) -> Digest:
        """Write every case's events to ``target`` as JSON lines; return the digest written with them."""
        e = self.tables.events
        with (
            self._snapshot() as conn,
            contextlib.closing(conn.execute(self._q_links.order_by(e.c.case_id, e.c.seq))) as rows,
        ):
            return write_jsonl((Link(*row) for row in rows), target)

    @_db_errors
    def import_jsonl(self, source: str | os.PathLike[str] | IO[str]) -> int:
        """Add the cases of a JSON-lines export in one transaction; return how many events were added.

        Raises:
            InvalidInput: the file is corrupt, or names a case already in the store; nothing is written.
        """
        records = read_jsonl(source)
        heads: dict[str, tuple[Case, str]] = {
            link.case_id: (case, link.hash) for link, case, _ in records
        }
        with self._writing() as conn:
            taken = self._present(conn, heads) | self._with_events(conn, heads)
            if taken:
                raise InvalidInput("case_id", min(taken), "already in the store")
            links: list[EventRow] = [
                (k.case_id, k.seq, k.prev, k.hash, k.body) for k, _, _ in records
            ]
            index = [_index_row(case, hash_) for case, hash_ in heads.values()]
            orgs = [(o, case.id) for case, _ in heads.values() for o in case.org_ids()]
            for start in range(0, max(len(links), len(index), len(orgs)), _CHUNK):
                end = start + _CHUNK
                if links[start:end]:
                    self._write.events(conn, links[start:end])
                if index[start:end]:
                    self._write.new_cases(conn, index[start:end])
                if orgs[start:end]:
                    self._write.orgs(conn, orgs[start:end])
        return len(records)

    def _with_events(self, conn: Connection, ids: Iterable[str]) -> set[str]:
        import sqlalchemy as sa

        e = self.tables.events
        wanted = sorted(ids)
        found: set[str] = set()
        q = (
            sa.select(e.c.case_id)
            .where(e.c.case_id.in_(sa.bindparam("ids", expanding=True)))
            .distinct()
        )
        for start in range(0, len(wanted), _CHUNK):
            found.update(conn.execute(q, {"ids": wanted[start : start + _CHUNK]}).scalars())
        return found


def _only(case_id: str, ids: Collection[str]) -> list[str]:
    return [i for i in ids if i == case_id]


if TYPE_CHECKING:
    from kiemtra._store._protocol import (
        AccessLogStore,
        AuditableStore,
        CaseFileStore,
        OutboxStore,
    )

    def _conforms(store: SqlStore) -> AuditableStore:
        return store

    def _has_outbox(store: SqlStore) -> OutboxStore:
        return store

    def _has_case_files(store: SqlStore) -> CaseFileStore:
        return store

    def _has_access_log(store: SqlStore) -> AccessLogStore:
        return store
