"""The notification outbox: what the host must tell people, written with the events, read by the host.

kiemtra sends nothing. When a step produces a notification (a complaint or a denunciation received, a
decision to announce) the engine writes a :class:`Notice` into the outbox *in the same unit of work* as the
event, so a notification exists exactly when its step does. A reminder job (:meth:`kiemtra.Engine.remind`)
adds the deadlines approaching and overdue. Hooks that failed wait here too, to be retried.

The host reads the outbox with at-least-once delivery:

1. :meth:`take` leases up to ``limit`` messages to a consumer until ``now + lease``; another consumer does
   not get them while the lease runs (on PostgreSQL and MariaDB the rows are taken with
   ``FOR UPDATE SKIP LOCKED``, so consumers never wait for each other nor take the same message);
2. the host delivers each message, using :attr:`Notice.key` as its idempotency key (the same key every time
   the same notice is written or delivered);
3. :meth:`ack` marks them delivered. A consumer that dies before acking loses nothing: once the lease
   ends the messages are taken again. Acking twice is harmless.

Each stored row: ``id`` (the order of writing), ``key_hash`` (sha256 of the key, unique: writing the same
notice twice keeps one), ``kind``, ``case_id``, ``created_us``, ``available_us`` (when it may next be
taken: at once when written), ``taken_by``, ``attempts``, ``delivered_us``, ``last_error`` and ``body`` (the notice as JSON).
Times are microseconds since 1970-01-01 UTC.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final, overload

import attrs
import pendulum

from kiemtra._errors import InvalidInput
from kiemtra._time import as_instant

if TYPE_CHECKING:
    from sqlalchemy import Connection, MetaData, Table

__all__ = [
    "DEFAULT_LEASE",
    "HOOK",
    "NOTICE_KINDS",
    "Message",
    "MemoryOutbox",
    "Notice",
    "NoticeBatch",
    "SqlOutbox",
    "micros",
]

NOTICE_KINDS: Final = ("received", "decision", "deadline_approaching", "deadline_overdue")
"""The kinds of notifications the engine writes for the host to deliver."""
HOOK: Final = "hook"
"""The kind of an outbox message that holds a hook call to retry."""

_MICRO: Final = _dt.timedelta(microseconds=1)
DEFAULT_LEASE: Final = _dt.timedelta(minutes=5)


def micros(at: _dt.datetime) -> int:
    """Microseconds since 1970-01-01 UTC of an aware instant.

    Raises:
        NaiveDatetime: ``at`` has no time zone.
    """
    utc = as_instant(at, "now").astimezone(_dt.UTC)
    return calendar.timegm(utc.timetuple()) * 1_000_000 + utc.microsecond


@attrs.frozen
class Notice:
    """A notification for the host to deliver; it names people and cases by id, and holds no content of
    a confidential record.

    Args:
        key: The idempotency key: the same every time this notice is written or delivered.
        kind: One of :data:`NOTICE_KINDS`, or :data:`HOOK` for a hook call to retry.
        case_id: The case.
        procedure: The case's procedure.
        seq: The event the notice follows (for a reminder, the event that started the deadline).
        recipient: Whom to tell: ``("body", "kind@org")``, ``("member", id)``, ``("person", id)``,
            ``("organisation", id)``, or ``("hook", name)``.
        at: When it was written: the event's instant, or the reminder run's.
        trigger: The move (``"open"`` for an opening, ``"extend"`` for an extension).
        state: The state the case entered.
        due: The deadline, for a reminder.
        lead: For a reminder, the working days left before the deadline.
    """

    key: str
    kind: str
    case_id: str
    procedure: str
    seq: int
    recipient: tuple[str, str]
    at: pendulum.DateTime
    trigger: str | None = None
    state: str | None = None
    due: pendulum.Date | None = None
    lead: int | None = None

    @property
    def key_hash(self) -> str:
        """The sha256 of the key, hex: what the store keeps unique."""
        return hashlib.sha256(self.key.encode()).hexdigest()

    def to_json(self) -> str:
        """The notice as JSON text (keys sorted)."""
        utc = self.at.in_timezone("UTC")
        data = {
            "at": {"utc": utc.isoformat(), "zone": self.at.timezone_name},
            "case_id": self.case_id,
            "due": None if self.due is None else self.due.isoformat(),
            "key": self.key,
            "kind": self.kind,
            "lead": self.lead,
            "procedure": self.procedure,
            "recipient": list(self.recipient),
            "seq": self.seq,
            "state": self.state,
            "trigger": self.trigger,
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> Notice:
        """Read a notice written by :meth:`to_json`.

        Raises:
            InvalidInput: the text is not such a notice.
        """
        try:
            data = json.loads(text)
            at = pendulum.parse(data["at"]["utc"])
            zone = data["at"]["zone"] or "UTC"
            assert isinstance(at, pendulum.DateTime)
            due = data["due"]
            return cls(
                str(data["key"]), str(data["kind"]), str(data["case_id"]), str(data["procedure"]),
                int(data["seq"]), (str(data["recipient"][0]), str(data["recipient"][1])),
                at.in_timezone(zone), data["trigger"], data["state"],
                None if due is None else pendulum.Date.fromisoformat(due), data["lead"],
            )  # fmt: skip
        except (ValueError, TypeError, KeyError, IndexError, AssertionError) as exc:
            raise InvalidInput("notice", str(text)[:80], f"not a kiemtra notice: {exc!r}") from exc


class NoticeBatch(Sequence[Notice]):
    """The notices of one step, built when first read.

    A step that notifies hands its batch to the store in its unit of work; the memory store keeps the batch
    as it is until someone reads the outbox, so writing a notifying step costs next to nothing more than
    writing any other step. A SQL store reads the batch when it sends the unit.

    Args:
        build: Makes the notices, called with ``args``.
        *args: What ``build`` needs.
    """

    __slots__ = ("_args", "_build", "_built")

    def __init__(self, build: Callable[..., list[Notice]], *args: Any) -> None:
        self._build: Callable[..., list[Notice]] | None = build
        self._args: tuple[Any, ...] = args
        self._built: list[Notice] | None = None

    def _items(self) -> list[Notice]:
        if self._built is None:
            assert self._build is not None
            self._built, self._build, self._args = self._build(*self._args), None, ()
        return self._built

    def __len__(self) -> int:
        return len(self._items())

    def __bool__(self) -> bool:
        """True: a batch counts as given, without building it (it may still hold no notice)."""
        return True

    @overload
    def __getitem__(self, index: int) -> Notice: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Notice]: ...

    def __getitem__(self, index: int | slice) -> Notice | Sequence[Notice]:
        return self._items()[index]

    def __iter__(self) -> Iterator[Notice]:
        return iter(self._items())

    def __repr__(self) -> str:
        return f"NoticeBatch({self._items()!r})"


@attrs.frozen
class Message:
    """A notice as a consumer takes it from the outbox.

    Args:
        id: The row's id: acknowledge or release the message by it.
        notice: The notice.
        attempts: How many times it was taken, this time included.
        taken_by: The consumer holding the lease.
    """

    id: int
    notice: Notice
    attempts: int
    taken_by: str | None = None

    @property
    def key(self) -> str:
        """The idempotency key of the notice."""
        return self.notice.key


def _kinds(kinds: Iterable[str] | None) -> tuple[str, ...]:
    return NOTICE_KINDS if kinds is None else tuple(kinds)


def _limit(limit: int) -> int:
    if type(limit) is not int or limit < 1:
        raise InvalidInput("limit", limit, "must be a positive integer")
    return limit


def _lease(lease: _dt.timedelta) -> int:
    given: object = lease
    if not isinstance(given, _dt.timedelta) or lease <= _dt.timedelta(0):
        raise InvalidInput("lease", lease, "must be a positive timedelta")
    return lease // _MICRO


@attrs.define
class _Row:
    id: int
    notice: Notice
    available_us: int
    taken_by: str | None = None
    attempts: int = 0
    delivered_us: int | None = None
    last_error: str | None = None

    def message(self) -> Message:
        return Message(self.id, self.notice, self.attempts, self.taken_by)


@attrs.define
class MemoryOutbox:
    """The outbox of the memory store.

    Batches wait as they were given until the outbox is read; they are then settled into rows in the order
    they came, each key kept once.
    """

    _rows: dict[str, _Row] = attrs.field(factory=dict)
    _by_id: dict[int, _Row] = attrs.field(factory=dict)
    _next: int = 1
    _waiting: list[Sequence[Notice]] = attrs.field(factory=list)
    _tracked: dict[int, list[str] | None] = attrs.field(factory=dict)

    def add(self, notices: Sequence[Notice], *, undoable: bool = False) -> None:
        """Add a batch of notices; with ``undoable`` it may be :meth:`discard`-ed until :meth:`forget`."""
        self._waiting.append(notices)
        if undoable:
            self._tracked[id(notices)] = None

    def _settle(self) -> None:
        for batch in self._waiting:
            added = []
            for notice in batch:
                if notice.key in self._rows:
                    continue
                row = _Row(self._next, notice, 0)
                self._next += 1
                self._rows[notice.key] = row
                self._by_id[row.id] = row
                added.append(notice.key)
            if id(batch) in self._tracked:
                self._tracked[id(batch)] = added
        self._waiting.clear()

    def discard(self, notices: Sequence[Notice]) -> None:
        """Take back a batch added with ``undoable`` (a unit of work undone)."""
        for i, batch in enumerate(self._waiting):
            if batch is notices:
                del self._waiting[i]
                return
        for key in self._tracked.get(id(notices)) or ():
            row = self._rows.pop(key, None)
            if row is not None:
                del self._by_id[row.id]

    def forget(self) -> None:
        """Stop tracking batches for :meth:`discard` (the unit of work has ended)."""
        self._tracked.clear()

    def take(
        self,
        consumer: str,
        now: _dt.datetime,
        limit: int,
        lease: _dt.timedelta,
        kinds: Iterable[str] | None,
    ) -> list[Message]:
        """Lease up to ``limit`` messages to ``consumer``, oldest first."""
        self._settle()
        now_us, until, chosen = micros(now), micros(now) + _lease(lease), _kinds(kinds)
        most = _limit(limit)
        out: list[Message] = []
        for row in self._by_id.values():
            if len(out) >= most:
                break
            if (
                row.delivered_us is None
                and row.available_us <= now_us
                and row.notice.kind in chosen
            ):
                row.available_us, row.taken_by, row.attempts = until, consumer, row.attempts + 1
                out.append(row.message())
        return out

    def ack(self, ids: Iterable[int], now: _dt.datetime) -> int:
        """Mark delivered; return how many were not delivered before."""
        self._settle()
        count, now_us = 0, micros(now)
        for i in ids:
            row = self._by_id.get(i)
            if row is not None and row.delivered_us is None:
                row.delivered_us = now_us
                count += 1
        return count

    def release(
        self, ids: Iterable[int], now: _dt.datetime, retry_after: _dt.timedelta, error: str | None
    ) -> int:
        """Give leased messages back, to be taken again after ``retry_after``."""
        self._settle()
        count, at = 0, micros(now) + retry_after // _MICRO
        for i in ids:
            row = self._by_id.get(i)
            if row is not None and row.delivered_us is None:
                row.available_us, row.taken_by, row.last_error = at, None, error
                count += 1
        return count

    def messages(self, kinds: Iterable[str] | None, delivered: bool | None) -> list[Message]:
        """The messages of ``kinds`` (every kind when None), delivered or not (both when None)."""
        self._settle()
        chosen = None if kinds is None else set(kinds)
        return [
            row.message()
            for row in self._by_id.values()
            if (chosen is None or row.notice.kind in chosen)
            and (delivered is None or (row.delivered_us is not None) == delivered)
        ]


def outbox_table(md: MetaData, prefix: str, key: Any, opts: dict[str, Any]) -> Table:
    """The outbox table of a SQL store."""
    import sqlalchemy as sa

    big = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    return sa.Table(
        f"{prefix}outbox",
        md,
        sa.Column("id", big, primary_key=True, autoincrement=True),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("case_id", key, nullable=True),
        sa.Column("created_us", sa.BigInteger, nullable=False),
        sa.Column("available_us", sa.BigInteger, nullable=False),
        sa.Column("taken_by", sa.String(128), nullable=True),
        sa.Column("attempts", sa.Integer, nullable=False, default=0),
        sa.Column("delivered_us", sa.BigInteger, nullable=True),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("body", sa.Text, nullable=False),
        # Undelivered rows in id order: a consumer reads (and on MariaDB locks) only the rows it takes.
        sa.Index(f"ix_{prefix}outbox_pending", "delivered_us", "id"),
        **opts,
    )


class SqlOutbox:
    """Reads and writes the outbox table of a SQL store on a connection the store gives."""

    def __init__(self, table: Table, dialect: str) -> None:
        import sqlalchemy as sa

        self.table = table
        self.dialect = dialect
        t = table
        if dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            self._insert: Any = sqlite_insert(t).on_conflict_do_nothing()
        elif dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            self._insert = pg_insert(t).on_conflict_do_nothing()
        elif dialect in ("mysql", "mariadb"):
            self._insert = t.insert().prefix_with("IGNORE")
        else:  # pragma: no cover - the three dialects above are the supported ones
            self._insert = t.insert()
        self._ids: Any = sa.bindparam("ids", expanding=True)

    def insert(self, conn: Connection, notices: Sequence[Notice]) -> None:
        """Insert the notices, keeping one row per key (a notice written twice stays one)."""
        unique = {n.key: n for n in notices}
        rows = [
            {
                "key_hash": n.key_hash,
                "kind": n.kind,
                "case_id": n.case_id,
                "created_us": micros(n.at),
                "available_us": 0,
                "taken_by": None,
                "attempts": 0,
                "delivered_us": None,
                "last_error": None,
                "body": n.to_json(),
            }
            for n in unique.values()
        ]
        if rows:
            conn.execute(self._insert, rows)

    def take(
        self,
        conn: Connection,
        consumer: str,
        now: _dt.datetime,
        limit: int,
        lease: _dt.timedelta,
        kinds: Iterable[str] | None,
    ) -> list[Message]:
        """Lease up to ``limit`` messages to ``consumer`` inside the caller's write transaction."""
        import sqlalchemy as sa

        t = self.table
        now_us = micros(now)
        until = now_us + _lease(lease)
        q = (
            sa.select(t.c.id)
            .where(
                t.c.delivered_us.is_(None),
                t.c.available_us <= now_us,
                t.c.kind.in_(_kinds(kinds)),
            )
            .order_by(t.c.id)
            .limit(_limit(limit))
        )
        if self.dialect != "sqlite":  # SQLite serialises writers with BEGIN IMMEDIATE instead
            q = q.with_for_update(skip_locked=True)
        ids = list(conn.execute(q).scalars())
        if not ids:
            return []
        conn.execute(
            t.update()
            .where(t.c.id.in_(self._ids))
            .values(available_us=until, taken_by=consumer, attempts=t.c.attempts + 1),
            {"ids": ids},
        )
        rows = conn.execute(
            sa.select(t.c.id, t.c.body, t.c.attempts, t.c.taken_by)
            .where(t.c.id.in_(self._ids))
            .order_by(t.c.id),
            {"ids": ids},
        )
        return [Message(int(i), Notice.from_json(body), int(n), by) for i, body, n, by in rows]

    def ack(self, conn: Connection, ids: Sequence[int], now: _dt.datetime) -> int:
        """Mark delivered; return how many were not delivered before."""
        t = self.table
        if not ids:
            return 0
        result = conn.execute(
            t.update()
            .where(t.c.id.in_(self._ids), t.c.delivered_us.is_(None))
            .values(delivered_us=micros(now)),
            {"ids": list(ids)},
        )
        return int(result.rowcount)

    def release(
        self,
        conn: Connection,
        ids: Sequence[int],
        now: _dt.datetime,
        retry_after: _dt.timedelta,
        error: str | None,
    ) -> int:
        """Give leased messages back, to be taken again after ``retry_after``."""
        t = self.table
        if not ids:
            return 0
        result = conn.execute(
            t.update()
            .where(t.c.id.in_(self._ids), t.c.delivered_us.is_(None))
            .values(
                available_us=micros(now) + retry_after // _MICRO,
                taken_by=None,
                last_error=None if error is None else error[:2000],
            ),
            {"ids": list(ids)},
        )
        return int(result.rowcount)

    def messages(
        self, conn: Connection, kinds: Iterable[str] | None, delivered: bool | None
    ) -> list[Message]:
        """The messages of ``kinds`` (every kind when None), delivered or not (both when None)."""
        import sqlalchemy as sa

        t = self.table
        q = sa.select(t.c.id, t.c.body, t.c.attempts, t.c.taken_by).order_by(t.c.id)
        if kinds is not None:
            q = q.where(t.c.kind.in_(list(kinds)))
        if delivered is not None:
            q = q.where(t.c.delivered_us.is_not(None) if delivered else t.c.delivered_us.is_(None))
        return [Message(int(i), Notice.from_json(b), int(n), by) for i, b, n, by in conn.execute(q)]
