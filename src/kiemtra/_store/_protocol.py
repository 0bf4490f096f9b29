"""The event-store protocol the engine works on."""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from typing import IO, Protocol

from kiemtra._store._chain import Digest, Verification
from kiemtra._workflow._case import Case, Event

__all__ = ["AuditableStore", "EventStore"]


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
