"""The event-store protocol the engine works on."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from typing import Protocol

from kiemtra._workflow._case import Case, Event

__all__ = ["EventStore"]


class EventStore(Protocol):
    """Append-only events per case, with the current case snapshot kept for queries.

    Writes are atomic per call; :meth:`unit_of_work` groups several calls into one atomic unit.
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

    def cases(self, *, state: str | None = None, due_before: _dt.date | None = None) -> Iterable[Case]:
        """Case snapshots, optionally only those in ``state`` or with a deadline before ``due_before``."""
        ...

    def unit_of_work(self) -> AbstractContextManager[None]:
        """A context in which every write lands together or not at all."""
        ...

    def __iter__(self) -> Iterator[str]:
        """The ids of every stored case."""
        ...
