"""The in-memory event store: for tests, examples, what-if runs and short-lived hosts."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import attrs

from kiemtra._errors import StaleWrite, UnknownReference
from kiemtra._workflow._case import Case, Event

__all__ = ["MemoryStore"]


@attrs.define
class MemoryStore:
    """Keeps case snapshots and events in dictionaries.

    A unit of work buffers its writes and applies them on exit, so a failure inside it leaves the store
    as it was.
    """

    _cases: dict[str, Case] = attrs.field(factory=dict, init=False)
    _events: dict[str, list[Event]] = attrs.field(factory=dict, init=False)
    _pending: list[tuple[Case, Event | None, int]] | None = attrs.field(default=None, init=False)

    def create(self, case: Case, event: Event) -> None:
        """Store a new case with its opening event."""
        if case.id in self._cases or self._pending_has(case.id):
            raise StaleWrite(case.id, 0, self._current_seq(case.id))
        if self._pending is not None:
            self._pending.append((case, event, 0))
            return
        self._cases[case.id] = case
        self._events[case.id] = [event]

    def append(self, case: Case, event: Event, expected_seq: int) -> None:
        """Append an event if the stored seq is ``expected_seq``."""
        current = self._current_seq(case.id)
        if current != expected_seq:
            raise StaleWrite(case.id, expected_seq, current)
        if self._pending is not None:
            self._pending.append((case, event, expected_seq))
            return
        self._cases[case.id] = case
        self._events[case.id].append(event)

    def _pending_has(self, case_id: str) -> bool:
        return self._pending is not None and any(c.id == case_id for c, _, _ in self._pending)

    def _current_seq(self, case_id: str) -> int:
        if self._pending is not None:
            for case, _, _ in reversed(self._pending):
                if case.id == case_id:
                    return case.seq
        found = self._cases.get(case_id)
        if found is None:
            raise UnknownReference("case_id", case_id, "no such case in the store")
        return found.seq

    def load(self, case_id: str) -> Case:
        """The current snapshot of ``case_id``."""
        found = self._cases.get(case_id)
        if found is None:
            raise UnknownReference("case_id", case_id, "no such case in the store")
        return found

    def events(self, case_id: str) -> tuple[Event, ...]:
        """The events of ``case_id`` in order."""
        found = self._events.get(case_id)
        if found is None:
            raise UnknownReference("case_id", case_id, "no such case in the store")
        return tuple(found)

    def cases(self, *, state: str | None = None, due_before: _dt.date | None = None) -> Iterable[Case]:
        """Case snapshots, filtered by state or by a deadline before ``due_before``."""
        for case in self._cases.values():
            if state is not None and case.state != state:
                continue
            if due_before is not None and (case.deadline is None or not case.deadline.due < due_before):
                continue
            yield case

    @contextmanager
    def unit_of_work(self) -> Iterator[None]:
        """Buffer writes and apply them together on a clean exit."""
        if self._pending is not None:  # nested: the outer unit decides
            yield
            return
        self._pending = []
        try:
            yield
            pending = self._pending
        finally:
            self._pending = None
        for case, event, expected in pending:
            if expected == 0:
                self._cases[case.id] = case
                self._events[case.id] = [event] if event is not None else []
            else:
                self._cases[case.id] = case
                if event is not None:
                    self._events[case.id].append(event)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._cases))

    def __len__(self) -> int:
        return len(self._cases)
