"""The event-store protocol the engine works on."""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import IO, Protocol, runtime_checkable

import pendulum

from kiemtra._store._access_log import AccessEntry
from kiemtra._store._casefile import PendingRecord, StoredRecord
from kiemtra._store._chain import Digest, Verification
from kiemtra._store._outbox import DEFAULT_LEASE, Message, Notice
from kiemtra._workflow._case import Case, Event

__all__ = ["AccessLogStore", "AuditableStore", "CaseFileStore", "EventStore", "OutboxStore"]


class EventStore(Protocol):
    """Append-only events per case, with the current case snapshot kept for queries.

    Writes are atomic per call; :meth:`unit_of_work` groups several calls into one atomic unit. A store
    may check a write inside a unit of work only when the unit ends (the SQL store does): the error is
    then raised as the block ends, and nothing of the unit is written.
    """

    def create(self, case: Case, event: Event) -> None:
        """Store a new case with its opening event (seq 1).

        Raises:
            StaleWrite: a case with that id exists already.
        """
        ...

    def append(self, case: Case, event: Event, expected_seq: int) -> None:
        """Append ``event`` and replace the case snapshot, if the stored seq is ``expected_seq``.

        Raises:
            UnknownReference: no such case.
            StaleWrite: the stored seq is not ``expected_seq``; nothing is written.
        """
        ...

    def load(self, case_id: str) -> Case:
        """The current snapshot of ``case_id``.

        Raises:
            UnknownReference: no such case.
        """
        ...

    def events(self, case_id: str) -> tuple[Event, ...]:
        """The events of ``case_id`` in order.

        Raises:
            UnknownReference: no such case.
        """
        ...

    def cases(
        self, *, state: str | None = None, due_before: _dt.date | None = None
    ) -> Iterable[Case]:
        """Case snapshots, optionally only those in ``state`` or with a deadline before ``due_before``."""
        ...

    def unit_of_work(self) -> AbstractContextManager[None]:
        """A context in which every write lands together or not at all."""
        ...

    def __iter__(self) -> Iterator[str]:
        """The ids of every stored case."""
        ...


class AuditableStore(EventStore, Protocol):
    """An event store with per-case hash chains, a digest to anchor, a rebuildable index and an export.

    Both :class:`~kiemtra._store._memory.MemoryStore` and :class:`~kiemtra._store._sql.SqlStore` are
    one; the engine needs only :class:`EventStore`.
    """

    def org_cases(
        self, org_id: str, *, state: str | None = None, due_before: _dt.date | None = None
    ) -> list[Case]:
        """The cases that name organisation ``org_id``, filtered like :meth:`cases`."""
        ...

    def verify(
        self,
        case_id: str | None = None,
        *,
        org_id: str | None = None,
        anchor: Digest | str | None = None,
    ) -> Verification:
        """Walk the chains of a case, an organisation's cases or the whole store.

        Raises:
            UnknownReference: ``case_id`` is not in the store.
            IntegrityError: the first broken link (case and seq), or a mismatch with ``anchor``.
        """
        ...

    def digest(self, *, org_id: str | None = None) -> Digest:
        """The digest of every case head (or of an organisation's cases), to anchor elsewhere."""
        ...

    def rebuild(self) -> int:
        """Rebuild the case index from the events; return how many cases it holds."""
        ...

    def export_jsonl(self, target: str | os.PathLike[str] | IO[str]) -> Digest:
        """Write the whole store as JSON lines; return the digest written with it."""
        ...

    def import_jsonl(self, source: str | os.PathLike[str] | IO[str]) -> int:
        """Add the cases of a JSON-lines export; return how many events were added.

        Raises:
            InvalidInput: the file is corrupt or names a case already stored; nothing is written.
        """
        ...

    def __len__(self) -> int:
        """How many cases the store holds."""
        ...


@runtime_checkable
class OutboxStore(Protocol):
    """A store with a notification outbox written in the same unit of work as the events.

    See :mod:`kiemtra._store._outbox` for the delivery contract (at least once, an idempotency key per
    message, leases, ``FOR UPDATE SKIP LOCKED`` on PostgreSQL and MariaDB).
    """

    def create(self, case: Case, event: Event, notices: Sequence[Notice] = ()) -> None:
        """:meth:`EventStore.create`, writing ``notices`` with the opening, atomically."""
        ...

    def append(
        self, case: Case, event: Event, expected_seq: int, notices: Sequence[Notice] = ()
    ) -> None:
        """:meth:`EventStore.append`, writing ``notices`` with the step, atomically."""
        ...

    def enqueue(self, notices: Sequence[Notice]) -> None:
        """Write ``notices`` (in the unit of work, if one is open); a key already there is kept once."""
        ...

    def take(
        self,
        consumer: str,
        *,
        now: _dt.datetime,
        limit: int = 100,
        lease: _dt.timedelta = DEFAULT_LEASE,
        kinds: Iterable[str] | None = None,
    ) -> list[Message]:
        """Lease up to ``limit`` undelivered messages of ``kinds`` (the notice kinds when None), oldest
        first, to ``consumer`` until ``now + lease``."""
        ...

    def ack(self, ids: Iterable[int], *, now: _dt.datetime) -> int:
        """Mark messages delivered; return how many were not delivered before (acking twice is harmless)."""
        ...

    def release(
        self,
        ids: Iterable[int],
        *,
        now: _dt.datetime,
        retry_after: _dt.timedelta = _dt.timedelta(0),
        error: str | None = None,
    ) -> int:
        """Give leased messages back, to be taken again after ``retry_after``."""
        ...

    def messages(
        self, *, kinds: Iterable[str] | None = None, delivered: bool | None = None
    ) -> list[Message]:
        """The messages of ``kinds`` (every kind when None), delivered or not (both when None)."""
        ...

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the current unit of work has committed (at once outside one); never when
        the unit fails."""
        ...


@runtime_checkable
class CaseFileStore(Protocol):
    """A store that keeps the confidential records attached to cases, hash-chained per case."""

    def add_record(self, record: PendingRecord) -> int:
        """Attach ``record`` to its case (in the unit of work, if one is open); return its number."""
        ...

    def records(self, case_id: str) -> tuple[StoredRecord, ...]:
        """The records attached to ``case_id``, in order."""
        ...

    def verify_records(self, case_id: str | None = None) -> Verification:
        """Walk the case files' chains.

        Raises:
            IntegrityError: the first broken link (case and record number).
        """
        ...


@runtime_checkable
class AccessLogStore(Protocol):
    """A store that keeps the access log, append-only and hash-chained per scope."""

    def log_access(
        self,
        scope: str,
        at: pendulum.DateTime,
        actor: str,
        action: str,
        target: str,
        fields: Sequence[str] = (),
    ) -> AccessEntry:
        """Append an entry at once, in its own transaction (a unit of work that fails keeps it)."""
        ...

    def access_log(self, scope: str | None = None) -> tuple[AccessEntry, ...]:
        """The entries of ``scope`` (a case id, or ``"*"``), or of every scope."""
        ...

    def verify_access_log(self, scope: str | None = None) -> Verification:
        """Walk the access log's chains.

        Raises:
            IntegrityError: the first broken link (scope and seq).
        """
        ...
