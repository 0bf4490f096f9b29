"""The in-memory event store: for tests, examples, what-if runs and short-lived hosts."""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import IO, TYPE_CHECKING, Final

import attrs
import pendulum

from kiemtra._errors import InvalidInput, StaleWrite, UnknownReference
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
from kiemtra._store._codec import RecordWriter
from kiemtra._store._jsonl import read_jsonl, write_jsonl
from kiemtra._store._outbox import DEFAULT_LEASE, MemoryOutbox, Message, Notice
from kiemtra._store._sidechain import MemoryChains
from kiemtra._workflow._case import Case, Event

__all__ = ["MAX_KEY", "MemoryStore", "check_append", "check_create", "matches"]


MAX_KEY: Final = 128
"""The longest case id, procedure, state or organisation id a store keeps (the SQL columns' size)."""


def _check_key(field: str, value: object) -> None:
    if not isinstance(value, str) or not value or len(value) > MAX_KEY or not value.isprintable():
        raise InvalidInput(field, value, f"must be printable text of 1 to {MAX_KEY} characters")


def check_create(case: Case, event: Event) -> None:
    """Refuse an opening whose case and event do not agree, or whose keys a store cannot keep.

    Raises:
        InvalidInput: a case id, procedure, state or organisation id that is empty, unprintable or
            longer than 128 characters; ids that differ; or a seq other than 1.
    """
    _check_key("case.id", case.id)
    _check_key("case.procedure", case.procedure)
    _check_key("case.state", case.state)
    for org_id in case.org_ids():
        _check_key("case.org_ids", org_id)
    if event.case_id != case.id or case.seq != 1 or event.seq != 1:
        raise InvalidInput(
            "event",
            (event.case_id, event.seq),
            f"an opening of case {case.id!r} must be its event seq 1 with a snapshot at seq 1",
        )


def check_append(case: Case, event: Event, expected_seq: int) -> None:
    """Refuse a step whose case, event and expected seq do not agree.

    Raises:
        InvalidInput: the event is not for this case, or not seq ``expected_seq + 1``, or the state
            is not printable text of 1 to 128 characters.
    """
    if len(case.state) > MAX_KEY:
        _check_key("case.state", case.state)
    if event.case_id != case.id or case.seq != expected_seq + 1 or event.seq != case.seq:
        raise InvalidInput(
            "event",
            (event.case_id, event.seq),
            f"a step of case {case.id!r} after seq {expected_seq} must be event and snapshot seq "
            f"{expected_seq + 1}",
        )


def matches(
    case: Case, state: str | None, due_before: _dt.date | None, org_id: str | None = None
) -> bool:
    """Whether ``case`` passes the filters of :meth:`cases` and :meth:`org_cases`."""
    if state is not None and case.state != state:
        return False
    if due_before is not None and (case.deadline is None or not case.deadline.due < due_before):
        return False
    return org_id is None or org_id in case.org_ids()


def _unknown(case_id: str) -> UnknownReference:
    return UnknownReference("case_id", case_id, "no such case in the store")


@attrs.define
class MemoryStore:
    """Keeps case snapshots and events in dictionaries.

    Writes land at once; a unit of work keeps an undo list and undoes its writes if its block fails, so a
    failure inside it leaves the store as it was. The hash chain is computed when first asked for
    (:meth:`verify`, :meth:`digest`, :meth:`export_jsonl`), so writing costs nothing extra.

    It also keeps the notification outbox and the case files (undone with a failed unit of work like the
    events), and the access log (never undone: a read happened whatever the unit did).
    """

    _cases: dict[str, Case] = attrs.field(factory=dict, init=False)
    _events: dict[str, list[Event]] = attrs.field(factory=dict, init=False)
    _snapshots: dict[str, list[Case]] = attrs.field(factory=dict, init=False)
    _hashes: dict[str, list[str]] = attrs.field(factory=dict, init=False)
    _undo: list[tuple[str, Case | None]] | None = attrs.field(default=None, init=False)
    _records: RecordWriter = attrs.field(factory=RecordWriter, init=False, repr=False)
    _outbox: MemoryOutbox = attrs.field(factory=MemoryOutbox, init=False, repr=False)
    _casefile: MemoryChains = attrs.field(factory=MemoryChains, init=False, repr=False)
    _access: MemoryChains = attrs.field(factory=MemoryChains, init=False, repr=False)
    _undo_more: list[Callable[[], None]] = attrs.field(factory=list, init=False, repr=False)
    _after: list[Callable[[], None]] = attrs.field(factory=list, init=False, repr=False)

    # -- writing -------------------------------------------------------------------------------------
    def create(self, case: Case, event: Event, notices: Sequence[Notice] = ()) -> None:
        """Store a new case with its opening event, and the notices the opening gives.

        Raises:
            StaleWrite: a case with that id exists already.
            InvalidInput: the case and event do not agree.
        """
        check_create(case, event)
        found = self._cases.get(case.id)
        if found is not None:
            raise StaleWrite(case.id, 0, found.seq)
        self._cases[case.id] = case
        self._events[case.id] = [event]
        self._snapshots[case.id] = [case]
        if self._undo is not None:
            self._undo.append((case.id, None))
        if notices:
            self.enqueue(notices)

    def append(
        self, case: Case, event: Event, expected_seq: int, notices: Sequence[Notice] = ()
    ) -> None:
        """Append an event if the stored seq is ``expected_seq``, with the notices the step gives.

        Raises:
            UnknownReference: no such case.
            StaleWrite: the stored seq is not ``expected_seq``; nothing is written.
            InvalidInput: the case, event and seq do not agree.
        """
        case_id = case.id
        found = self._cases.get(case_id)
        if found is None:
            raise _unknown(case_id)
        if found.seq != expected_seq:
            raise StaleWrite(case_id, expected_seq, found.seq)
        seq = case.seq
        if (
            event.case_id != case_id
            or seq != expected_seq + 1
            or event.seq != seq
            or len(case.state) > MAX_KEY
        ):
            check_append(case, event, expected_seq)  # raises the error that says which
        self._cases[case_id] = case
        self._events[case_id].append(event)
        self._snapshots[case_id].append(case)
        if self._undo is not None:
            self._undo.append((case_id, found))
        if notices:
            self.enqueue(notices)

    def unit_of_work(self) -> AbstractContextManager[None]:
        """Apply the block's writes together: if the block raises, every one of them is undone.

        Nested use joins the outer unit. Callbacks given to :meth:`after_commit` run when the outermost
        unit ends well.
        """
        return _Unit(self)

    def _begin(self) -> bool:
        if self._undo is not None:  # nested: the outer unit decides
            return False
        self._undo = []
        return True

    def _end(self, failed: bool) -> None:
        undo = self._undo
        assert undo is not None
        if failed:
            self._rollback(undo)
            for step in reversed(self._undo_more):
                step()
        self._undo = None
        self._undo_more.clear()
        self._outbox.forget()
        after, self._after = self._after, []
        if not failed:
            for callback in after:
                callback()

    def _rollback(self, undo: list[tuple[str, Case | None]]) -> None:
        for case_id, before in reversed(undo):
            if before is None:
                for table in (self._cases, self._events, self._snapshots, self._hashes):
                    table.pop(case_id, None)
                continue
            self._cases[case_id] = before
            self._events[case_id].pop()
            self._snapshots[case_id].pop()
            hashes = self._hashes.get(case_id)
            if hashes is not None:
                del hashes[before.seq :]

    # -- the outbox ----------------------------------------------------------------------------------
    def enqueue(self, notices: Sequence[Notice]) -> None:
        """Write ``notices`` with the unit of work (undone with it); a key already there is kept once."""
        if self._undo is None:
            self._outbox.add(notices)
            return
        self._outbox.add(notices, undoable=True)
        self._undo_more.append(lambda: self._outbox.discard(notices))

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

        Raises:
            InvalidInput: a limit below 1, a lease that is not a positive timedelta, or a naive ``now``.
        """
        return self._outbox.take(consumer, now, limit, lease, kinds)

    def ack(self, ids: Iterable[int], *, now: _dt.datetime) -> int:
        """Mark messages delivered; return how many were not delivered before."""
        return self._outbox.ack(ids, now)

    def release(
        self,
        ids: Iterable[int],
        *,
        now: _dt.datetime,
        retry_after: _dt.timedelta = _dt.timedelta(0),
        error: str | None = None,
    ) -> int:
        """Give leased messages back, to be taken again after ``retry_after``."""
        return self._outbox.release(ids, now, retry_after, error)

    def messages(
        self, *, kinds: Iterable[str] | None = None, delivered: bool | None = None
    ) -> list[Message]:
        """The messages of ``kinds`` (every kind when None), delivered or not (both when None)."""
        return self._outbox.messages(kinds, delivered)

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` when the current unit of work ends well (at once outside one)."""
        if self._undo is None:
            callback()
        else:
            self._after.append(callback)

    # -- case files and the access log ---------------------------------------------------------------
    def add_record(self, record: PendingRecord) -> int:
        """Attach ``record`` to its case, with the unit of work; return its number in the case file.

        Raises:
            UnknownReference: no such case.
        """
        self.load(record.case_id)
        link = self._casefile.append(record.case_id, lambda seq: record_body(record, seq))
        if self._undo is not None:
            self._undo_more.append(lambda: self._casefile.pop(record.case_id))
        return link.seq

    def records(self, case_id: str) -> tuple[StoredRecord, ...]:
        """The records attached to ``case_id``, in order."""
        return tuple(map(read_record, self._casefile.links(case_id)))

    def verify_records(self, case_id: str | None = None) -> Verification:
        """Walk the case files' chains.

        Raises:
            IntegrityError: the first broken link (case and record number).
        """
        return self._casefile.verify(case_id)

    def log_access(
        self,
        scope: str,
        at: pendulum.DateTime,
        actor: str,
        action: str,
        target: str,
        fields: Sequence[str] = (),
    ) -> AccessEntry:
        """Append an entry to the access log; a failing unit of work does not undo it."""
        link = self._access.append(
            scope, lambda seq: access_body(scope, seq, at, actor, action, target, fields)
        )
        return read_access(link)

    def access_log(self, scope: str | None = None) -> tuple[AccessEntry, ...]:
        """The entries of ``scope``, or of every scope."""
        return tuple(map(read_access, self._access.links(scope)))

    def verify_access_log(self, scope: str | None = None) -> Verification:
        """Walk the access log's chains.

        Raises:
            IntegrityError: the first broken link (scope and seq).
        """
        return self._access.verify(scope)

    # -- reading -------------------------------------------------------------------------------------
    def load(self, case_id: str) -> Case:
        """The current snapshot of ``case_id``.

        Raises:
            UnknownReference: no such case.
        """
        found = self._cases.get(case_id)
        if found is None:
            raise _unknown(case_id)
        return found

    def events(self, case_id: str) -> tuple[Event, ...]:
        """The events of ``case_id`` in order.

        Raises:
            UnknownReference: no such case.
        """
        found = self._events.get(case_id)
        if found is None:
            raise _unknown(case_id)
        return tuple(found)

    def cases(
        self, *, state: str | None = None, due_before: _dt.date | None = None
    ) -> Iterable[Case]:
        """Case snapshots, filtered by state or by a deadline before ``due_before``."""
        return [c for c in self._cases.values() if matches(c, state, due_before)]

    def org_cases(
        self, org_id: str, *, state: str | None = None, due_before: _dt.date | None = None
    ) -> list[Case]:
        """The cases that name organisation ``org_id`` (:meth:`Case.org_ids`), filtered like :meth:`cases`."""
        return [c for c in self._cases.values() if matches(c, state, due_before, org_id)]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._cases))

    def __len__(self) -> int:
        return len(self._cases)

    # -- the chain -----------------------------------------------------------------------------------
    def _links(self, case_ids: Iterable[str]) -> Iterator[Link]:
        for case_id in case_ids:
            events = self._events[case_id]
            hashes = self._hashes.setdefault(case_id, [])
            prev = GENESIS
            for i, (event, snapshot) in enumerate(
                zip(events, self._snapshots[case_id], strict=True)
            ):
                body = self._records.record_bytes(snapshot, event)
                if i == len(hashes):
                    hashes.append(link_hash(prev, case_id, event.seq, body))
                yield Link(case_id, event.seq, prev, hashes[i], body)
                prev = hashes[i]

    def _head(self, case_id: str) -> Head:
        hashes = self._hashes.get(case_id)
        if hashes is None or len(hashes) < len(self._events[case_id]):
            for _ in self._links([case_id]):
                pass
            hashes = self._hashes[case_id]
        return Head(case_id, len(hashes), hashes[-1])

    def _scope(self, case_id: str | None, org_id: str | None) -> list[str]:
        if case_id is not None:
            self.load(case_id)
            return [case_id]
        if org_id is not None:
            return sorted(c.id for c in self.org_cases(org_id))
        return sorted(self._cases)

    def verify(
        self,
        case_id: str | None = None,
        *,
        org_id: str | None = None,
        anchor: Digest | str | None = None,
    ) -> Verification:
        """Walk the chains of one case, of an organisation's cases, or of the whole store.

        Raises:
            UnknownReference: ``case_id`` is not in the store.
            IntegrityError: the first broken link, or a mismatch with ``anchor``.
        """
        ids = self._scope(case_id, org_id)
        index = {i: (self._cases[i].seq, self._head(i).hash) for i in ids}
        scope = self._anchor_scope(case_id, org_id)
        check = ChainCheck(index=index, anchor=parse_anchor(anchor), in_scope=scope)
        check.feed_all(self._links(ids))
        return check.close()

    def _anchor_scope(
        self, case_id: str | None, org_id: str | None
    ) -> Callable[[Collection[str]], Collection[str]] | None:
        if case_id is not None:
            return lambda ids: [i for i in ids if i == case_id]
        if org_id is not None:
            return lambda ids: [i for i in ids if i not in self._cases]
        return None

    def digest(self, *, org_id: str | None = None) -> Digest:
        """The digest of the heads of every case (or of an organisation's cases), to anchor elsewhere."""
        return Digest.of(self._head(i) for i in self._scope(None, org_id))

    def rebuild(self) -> int:
        """Set every case snapshot from its newest event's; return how many cases there are."""
        for case_id, snapshots in self._snapshots.items():
            self._cases[case_id] = snapshots[-1]
        return len(self._cases)

    # -- export and import ---------------------------------------------------------------------------
    def export_jsonl(self, target: str | os.PathLike[str] | IO[str]) -> Digest:
        """Write every case's events to ``target`` as JSON lines; return the digest written with them."""
        return write_jsonl(self._links(sorted(self._cases)), target)

    def import_jsonl(self, source: str | os.PathLike[str] | IO[str]) -> int:
        """Add the cases of a JSON-lines export; return how many events were added.

        Raises:
            InvalidInput: the file is corrupt, or names a case already in the store; nothing is written.
        """
        records = read_jsonl(source)
        for link, _, _ in records:
            if link.case_id in self._cases:
                raise InvalidInput("case_id", link.case_id, "already in the store")
        for link, case, event in records:
            if link.seq == 1:
                self._events[link.case_id] = []
                self._snapshots[link.case_id] = []
                self._hashes[link.case_id] = []
            self._events[link.case_id].append(event)
            self._snapshots[link.case_id].append(case)
            self._hashes[link.case_id].append(link.hash)
            self._cases[link.case_id] = case
        return len(records)


class _Unit:
    """The context of a memory store's unit of work (a class: cheaper to enter than a generator)."""

    __slots__ = ("_outer", "_store")

    def __init__(self, store: MemoryStore) -> None:
        self._store = store
        self._outer = False

    def __enter__(self) -> None:
        self._outer = self._store._begin()

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if self._outer:
            self._store._end(failed=kind is not None)


if TYPE_CHECKING:
    from kiemtra._store._protocol import (
        AccessLogStore,
        AuditableStore,
        CaseFileStore,
        OutboxStore,
    )

    def _conforms(store: MemoryStore) -> AuditableStore:
        return store

    def _has_outbox(store: MemoryStore) -> OutboxStore:
        return store

    def _has_case_files(store: MemoryStore) -> CaseFileStore:
        return store

    def _has_access_log(store: MemoryStore) -> AccessLogStore:
        return store
