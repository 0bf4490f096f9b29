"""The Engine: the host's one entry point for cases.

Each procedure version compiles to ONE ``transitions.Machine(model=None, auto_transitions=False)``, shared by
every case of that version and fired as ``machine.events[trigger].trigger(holder)`` on a tiny slotted holder.
A case is a small frozen snapshot; no machine and no model registration per case (measured in
``shared/design.md``: 8 µs per trigger and nothing per case, against 0.4–1.4 ms and 28–82 KB per case).

Embedding: every read releases only what the reader's :class:`~kiemtra._workflow._visibility.View` covers
(rules from the rulebook, ``extras["visibility"]``, or the host); confidential records live in the case file
(:meth:`Engine.attach`) and reach a reader whole only when the reader is entitled, every such read and every
refused read going to the access log. Steps that notify write their notices to the outbox in the same unit
of work as their event (``extras["notifications"]``); hooks run after the commit.
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import os
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import IO, Any, Final

import attrs
import pendulum
from transitions import Machine

from kiemtra._calendar import Clock, Deadline, WorkCalendar
from kiemtra._errors import (
    InvalidInput,
    KiemtraError,
    NotInForce,
    PermissionDenied,
    StaleWrite,
    TransitionNotAllowed,
    UnknownReference,
)
from kiemtra._hooks import EventHook, Hooks, Report, Subscription, log_failure
from kiemtra._model._actor import Actor, Body, MemberActor, OutsidePerson
from kiemtra._rules._explanation import Explanation
from kiemtra._rules._param import ParamUse, value_as
from kiemtra._rules._rulebook import Rulebook
from kiemtra._store._casefile import PendingRecord, StoredRecord
from kiemtra._store._outbox import DEFAULT_LEASE, HOOK, Notice, NoticeBatch
from kiemtra._store._protocol import AccessLogStore, CaseFileStore, EventStore, OutboxStore
from kiemtra._time import VIETNAM_ZONE, DateRange, Duration, as_instant
from kiemtra._workflow._access import AccessPolicy
from kiemtra._workflow._case import Case, Event, Ground, Subject, actor_key
from kiemtra._workflow._context import GuardContext
from kiemtra._workflow._definition import Move, Procedure, ProcedureVersion, State
from kiemtra._workflow._diagram import mermaid
from kiemtra._workflow._directory import Directory, StaticDirectory
from kiemtra._workflow._notify import (
    NoticeRule,
    Notifications,
    event_notices,
    horizon,
    reminder_notices,
)
from kiemtra._workflow._redact import Redacted, confidential_of, redact, redact_error
from kiemtra._workflow._visibility import (
    CASE,
    FINDINGS,
    HISTORY,
    NOTES,
    RATINGS,
    View,
    Visibility,
    default_visibility,
)

__all__ = ["WORKFLOW_MESSAGE_KEYS", "CaseRecord", "Engine", "MoveOption"]

_ACCESS_LOG: Final = logging.getLogger("kiemtra.access")
VIEW_FORMAT: Final = "kiemtra-view"

WORKFLOW_MESSAGE_KEYS = (
    "workflow.blocked.conflict_denouncer",
    "workflow.blocked.conflict_inspector",
    "workflow.blocked.conflict_subject",
    "workflow.blocked.deadline_passed",
    "workflow.blocked.extensions_exhausted",
    "workflow.blocked.level_not_competent",
    "workflow.blocked.missing_evidence",
    "workflow.blocked.not_permitted",
    "workflow.blocked.separation_of_duties",
    "workflow.blocked.subject_post_not_competent",
    "workflow.blocked.wrong_state",
)
"""The message keys the engine's own blocks use; a rulebook supplies their templates."""


_DeadlineAt = tuple[Deadline | None, tuple[tuple[str, str], ...]]
_NO_DEADLINE: Final[_DeadlineAt] = (None, ())
_KEPT: Final = 4096  # answers kept in each of an engine's memos


class _Holder:
    """The state holder a shared machine fires on: one attribute, no per-case registration."""

    __slots__ = ("state",)

    def __init__(self, state: str) -> None:
        self.state = state


@attrs.frozen
class MoveOption:
    """A move as :meth:`Engine.available` reports it.

    Args:
        trigger: The move.
        target: Where it leads.
        allowed: Whether the actor may fire it now.
        reasons: Why not, one explanation per block; empty when allowed.
        requires: Evidence kinds the fire must carry.
        label: The message key of its label.
    """

    trigger: str
    target: str
    allowed: bool
    reasons: tuple[Explanation, ...]
    requires: tuple[str, ...]
    label: str


@attrs.frozen
class CaseRecord:
    """A record of a case file as a reader gets it.

    Args:
        case_id: The case.
        number: Its number in the case file, from 1.
        category: Its visibility category (``"denouncer_identity"``).
        kind: The record's class name.
        attached_at: When it was attached.
        attached_by: Who attached it (an actor key).
        record: The record itself when the reader is entitled to its category, else a
            :class:`~kiemtra._workflow._redact.Redacted` without its confidential fields.
    """

    case_id: str
    number: int
    category: str
    kind: str
    attached_at: pendulum.DateTime
    attached_by: str
    record: Any

    @property
    def redacted(self) -> bool:
        """Whether the confidential fields were withheld from the reader."""
        return isinstance(self.record, Redacted)


@attrs.frozen
class _Compiled:
    procedure: Procedure
    version: ProcedureVersion
    machine: Any
    moves: Mapping[str, Move]
    states: Mapping[str, State]
    notify: Mapping[str, tuple[NoticeRule, ...]] = attrs.field(factory=dict)


def _compile(procedure: Procedure, version: ProcedureVersion) -> _Compiled:
    machine = Machine(
        model=None,
        states=[s.name for s in version.states],
        initial=version.initial,
        transitions=[
            {"trigger": m.trigger, "source": list(m.sources), "dest": m.target}
            for m in version.moves
        ],
        auto_transitions=False,
        send_event=False,
    )
    return _Compiled(
        procedure,
        version,
        machine,
        {m.trigger: m for m in version.moves},
        {s.name: s for s in version.states},
    )


def _block(rule_id: str, version: str, key: str, **args: Any) -> Explanation:
    return Explanation(rule_id, version, key, args=args)


def _from_book(given: Any, rulebook: Rulebook, key: str, kind: type) -> Any:
    """The host's choice, else the rulebook's ``extras[key]`` (an instance or a factory), else None."""
    if given is not None:
        return given
    found = rulebook.extras.get(key)
    if found is None or isinstance(found, kind):
        return found
    if callable(found):
        made = found()
        if isinstance(made, kind):
            return made
    raise InvalidInput(
        f"rulebook.extras[{key!r}]", type(found).__name__, f"expected a {kind.__name__}"
    )


class Engine:
    """Opens and moves cases under a rulebook's procedures, with a store, a clock and an access policy.

    Nothing here is global: two engines with different rulebooks, stores or clocks live side by side.

    Args:
        rulebook: Parameters, templates and (under ``extras["procedures"]``) procedures.
        store: Where cases and their events live.
        clock: The time when a call gives none.
        calendar: Working days for deadlines; a plain Vietnamese calendar by default.
        access: Who may fire (and, through its directory, who is superior to whom).
        procedures: Procedures to use instead of the rulebook's.
        ids: Makes new case ids; random UUIDs by default.
        zone: The zone whose calendar day is the date of a step.
        visibility: Who may see what, replacing the rulebook's (``extras["visibility"]``); without
            either, the bodies named in a case, their superiors and its people see everything.
        notifications: Which steps notify whom and the deadline reminders, replacing the rulebook's
            (``extras["notifications"]``); without either, nothing is written to the outbox. A store
            without an outbox (:class:`~kiemtra._store._protocol.OutboxStore`) gets no notices.
        report: Where hook failures are reported (the ``kiemtra.hooks`` logger by default).
        record_types: Record classes a case file may hold besides the model's (to read them back).

    Raises:
        DefinitionError: a procedure is unsound (every problem listed).
    """

    def __init__(
        self,
        rulebook: Rulebook,
        store: EventStore,
        clock: Clock,
        *,
        calendar: WorkCalendar | None = None,
        access: AccessPolicy | None = None,
        procedures: Iterable[Procedure] | None = None,
        ids: Callable[[], str] | None = None,
        zone: pendulum.Timezone = VIETNAM_ZONE,
        visibility: Visibility | None = None,
        notifications: Notifications | None = None,
        report: Report = log_failure,
        record_types: Iterable[type] = (),
    ) -> None:
        self.rulebook = rulebook
        self.store = store
        self.clock = clock
        self.calendar = calendar if calendar is not None else WorkCalendar()
        self.access = access if access is not None else AccessPolicy()
        self.zone = zone
        self._ids = ids if ids is not None else (lambda: uuid.uuid4().hex)
        self.visibility: Visibility = _from_book(
            visibility, rulebook, "visibility", Visibility
        ) or (default_visibility(system_reads_all=self.access.system_reads_all))
        self.notifications: Notifications | None = _from_book(
            notifications, rulebook, "notifications", Notifications
        )
        self.hooks = Hooks(report)
        self._outbox: OutboxStore | None = store if isinstance(store, OutboxStore) else None
        self._case_files: CaseFileStore | None = store if isinstance(store, CaseFileStore) else None
        self._access_log: AccessLogStore | None = (
            store if isinstance(store, AccessLogStore) else None
        )
        self._record_types: dict[str, type] = {c.__name__: c for c in self.visibility.categories}
        self._record_types.update((c.__name__, c) for c in record_types)
        self._converter: Any = None
        # Memos of pure look-ups repeated by every step (see _day and _deadline).
        self._last_day: tuple[object, object, pendulum.Date | None] = (None, None, None)
        self._deadlines: dict[tuple[str, _dt.date], _DeadlineAt] = {}
        self._deadlines_of: tuple[Rulebook, WorkCalendar] = (self.rulebook, self.calendar)
        self._pairs: dict[tuple[str, str], tuple[str, str]] = {}
        self._histories: dict[
            tuple[tuple[tuple[str, str], ...], tuple[str, str]], tuple[tuple[str, str], ...]
        ] = {}
        chosen = tuple(
            procedures if procedures is not None else rulebook.extras.get("procedures", ())
        )
        self.procedures: dict[str, Procedure] = {}
        self._compiled: dict[tuple[str, str], _Compiled] = {}
        for procedure in chosen:
            procedure.validate(rulebook)
            self.procedures[procedure.name] = procedure
            notify = (
                self.notifications.by_trigger(procedure.name)
                if self.notifications is not None and self._outbox is not None
                else {}
            )
            for version in procedure.versions:
                compiled = _compile(procedure, version)
                if notify:
                    compiled = attrs.evolve(compiled, notify=notify)
                self._compiled[(procedure.name, version.version)] = compiled

    # -- time --------------------------------------------------------------------------------
    def _when(self, at: _dt.datetime | None) -> pendulum.DateTime:
        return self.clock.now() if at is None else as_instant(at, "at")

    def _day(self, when: pendulum.DateTime) -> pendulum.Date:
        # Instants are immutable and a clock or a batch often gives the same one again: the last
        # answer is kept, keyed by identity (and by the zone, an attribute a host may replace).
        last, zone, day = self._last_day
        if last is when and zone is self.zone and day is not None:
            return day
        zone = self.zone
        # Most instants already carry the engine's zone: skip the conversion then.
        local = when if when.tzinfo is zone else when.in_timezone(zone)
        day = pendulum.Date(local.year, local.month, local.day)
        self._last_day = (when, zone, day)
        return day

    # -- definitions -------------------------------------------------------------------------
    def procedure(self, name: str) -> Procedure:
        """The procedure called ``name``.

        Raises:
            UnknownReference: the engine has no such procedure.
        """
        try:
            return self.procedures[name]
        except KeyError:
            raise UnknownReference("procedure", name, "the engine has no such procedure") from None

    def version_at(self, name: str, day: _dt.date) -> ProcedureVersion:
        """The version of procedure ``name`` under which a case opened on ``day`` runs.

        Raises:
            UnknownReference: no such procedure.
            NotInForce: no version in force on ``day``.
        """
        for v in self.procedure(name).versions:
            if day in v.valid:
                return v
        raise NotInForce(name, day, what="procedure version")

    def diagram(self, name: str, version: str | None = None) -> str:
        """The mermaid state diagram of procedure ``name`` (its newest version by default)."""
        proc = self.procedure(name)
        chosen = None
        if version is not None:
            chosen = next((v for v in proc.versions if v.version == version), None)
            if chosen is None:
                raise UnknownReference("version", version, f"procedure {name} has no such version")
        return mermaid(proc, chosen)

    def _firers_after(
        self, firers: tuple[tuple[str, str], ...], trigger: str, actor: Actor
    ) -> tuple[tuple[str, str], ...]:
        """``firers`` with ``(trigger, actor key)`` added.

        Cases handled by the same people in the same order have the same firers: each pair and each
        history is kept once, like an interned string, and shared by the snapshots of every such case
        (immutable tuples, so nothing can tell), instead of one copy per snapshot.
        """
        pair = (trigger, actor_key(actor))
        kept = self._pairs.get(pair)
        if kept is None:
            if len(self._pairs) >= _KEPT:
                self._pairs.clear()
            kept = self._pairs[pair] = pair
        key = (firers, kept)
        after = self._histories.get(key)
        if after is None:
            if len(self._histories) >= _KEPT:
                self._histories.clear()
            after = self._histories[key] = (*firers, kept)
        return after

    # -- deadlines ---------------------------------------------------------------------------
    def _deadline(self, state: State, day: pendulum.Date) -> _DeadlineAt:
        """The deadline of ``state`` entered on ``day``, and the parameters it read.

        The answer depends only on the parameter, the day, the rulebook and the calendar (both immutable),
        and cases stepping on the same day ask the same question: it is counted once per engine and
        rulebook and calendar, and kept (a few thousand answers a year, dropped past _KEPT).
        """
        key = state.deadline
        if key is None:
            return _NO_DEADLINE
        book, calendar = self._deadlines_of
        if book is not self.rulebook or calendar is not self.calendar:  # a host replaced one
            self._deadlines.clear()
            self._deadlines_of = book, calendar = self.rulebook, self.calendar
        found = self._deadlines.get((key, day))
        if found is None:
            use = book.use(key, day)
            period = value_as(use, Duration)  # the unit is checked when the procedure is loaded
            citation = str(use.citations[0]) if use.citations else None
            deadline = calendar.deadline(day, period, use.key, citation)
            found = (deadline, ((use.key, use.valid.start.isoformat()),))
            if len(self._deadlines) >= _KEPT:
                self._deadlines.clear()
            self._deadlines[(key, day)] = found
        return found

    # -- opening -----------------------------------------------------------------------------
    def open(
        self,
        procedure: str,
        subject: Subject,
        grounds: Sequence[Ground],
        actor: Actor,
        at: _dt.datetime | None = None,
        *,
        parties: Mapping[str, Body] | None = None,
        people: Sequence[tuple[str, str]] = (),
        note: str | None = None,
        parent: str | None = None,
    ) -> Case:
        """Open a case of ``procedure`` about ``subject``, on ``grounds``, under the version in force.

        Args:
            procedure: The procedure's name.
            subject: Whom the case is about.
            grounds: Findings, letters or cases that justify it; at least one.
            actor: Who opens it.
            at: When; the engine's clock by default.
            parties: The bodies playing a part (``{"inspecting_body": Body(...)}``).
            people: The people playing a part (``[("team", "m-5"), ("denouncer", "p-1")]``).
            note: A free note for the record.
            parent: The case this one follows from.

        Raises:
            InvalidInput: no grounds, or a naive ``at``.
            NotInForce: no version of the procedure in force on that day.
            PermissionDenied: ``actor`` may not open it.
        """
        when = self.clock.now() if at is None else as_instant(at, "at")
        day = self._day(when)
        version = self.version_at(procedure, day)
        comp = self._compiled[(procedure, version.version)]
        if not grounds:
            raise InvalidInput("grounds", grounds, f"a {procedure} case needs at least one ground")
        deadline, params = self._deadline(comp.states[version.initial], day)
        case = Case(
            self._ids(),  # id
            procedure,
            version.version,
            version.initial,  # state
            1,  # seq
            subject,
            tuple(grounds),
            tuple(sorted(parties.items())) if parties else (),
            tuple(people),
            when,  # opened_at
            when,  # entered_at
            deadline,
            0,  # extensions
            (),  # firers
            parent,
        )
        if not self.access.may_open(version.openers, case, actor, day):
            raise PermissionDenied(str(actor), f"open a {procedure} case about", subject.id)
        event = Event(
            case.id,
            1,
            "open",
            None,
            None,
            case.state,
            actor,
            when,
            procedure,
            version.version,
            note,
            (),
            params,
            None if deadline is None else deadline.due,
        )
        rules = comp.notify.get("open") if comp.notify else None
        if rules is None:
            self.store.create(case, event)
        else:
            assert self._outbox is not None  # rules are compiled only for a store with an outbox
            self._outbox.create(case, event, NoticeBatch(event_notices, rules, case, event))
        if self.hooks.active:
            self._committed(event)
        return case

    # -- moving ------------------------------------------------------------------------------
    def _blocks(
        self,
        comp: _Compiled,
        case: Case,
        move: Move,
        actor: Actor,
        when: pendulum.DateTime,
        day: pendulum.Date,
        evidence: tuple[Any, ...],
    ) -> list[Explanation]:
        v = case.version
        access = self.access
        # A fresh list even from a policy that returns one it keeps: the blocks below are added to it.
        out = list(access.fire_blocks(case, move, actor, day, v))
        if case.state not in move.sources:
            out.insert(
                0,
                _block(
                    "workflow.state",
                    v,
                    "workflow.blocked.wrong_state",
                    trigger=move.trigger,
                    state=case.state,
                    expected=", ".join(move.sources),
                ),
            )
        if not move.permits and not access.may_read(case, actor, day):
            out.append(
                _block(
                    "workflow.permit",
                    v,
                    "workflow.blocked.not_permitted",
                    trigger=move.trigger,
                    actor=actor_key(actor),
                )
            )
        if move.within_deadline and case.deadline is not None and case.deadline.is_overdue(day):
            out.append(
                Explanation(
                    "workflow.deadline",
                    v,
                    "workflow.blocked.deadline_passed",
                    args={"trigger": move.trigger},
                    inputs={"day": day},
                    thresholds={"due": case.deadline.due},
                    params=(self.rulebook.use(case.deadline.basis, self._day(case.entered_at)),),
                )
            )
        needed = move.requires.evidence_kinds
        if needed:
            have = {getattr(e, "kind", None) for e in evidence}
            for kind in needed:
                if kind not in have:
                    out.append(
                        _block(
                            "workflow.evidence",
                            v,
                            "workflow.blocked.missing_evidence",
                            trigger=move.trigger,
                            kind=kind,
                        )
                    )
        if move.guards:
            ctx = GuardContext(
                case, move, actor, when, day, evidence, self.rulebook, self.calendar, v
            )
            for guard in move.guards:
                found = guard(ctx)
                if found is not None:
                    out.append(found)
        return out

    def move(self, case: Case, trigger: str) -> Move:
        """The definition of move ``trigger`` in the procedure version ``case`` runs under.

        Raises:
            InvalidInput: that version has no such move.
        """
        comp = self._compiled[(case.procedure, case.version)]
        return comp.moves.get(trigger) or self._move(comp, case, trigger)

    def _move(self, comp: _Compiled, case: Case, trigger: str) -> Move:
        move = comp.moves.get(trigger)
        if move is None:
            raise InvalidInput(
                "trigger",
                trigger,
                f"procedure {case.procedure} v{case.version} has no such move (case {case.id}, "
                f"state {case.state!r})",
            )
        return move

    def fire(
        self,
        case_id: str,
        trigger: str,
        actor: Actor,
        at: _dt.datetime | None = None,
        note: str | None = None,
        evidence: Sequence[Any] = (),
        expected_version: int | None = None,
    ) -> Event:
        """Fire ``trigger`` on case ``case_id`` as ``actor``.

        Args:
            case_id: The case.
            trigger: The move.
            actor: Who fires it.
            at: When; the engine's clock by default.
            note: A free note for the record.
            evidence: Evidence records (each with ``id`` and ``kind``) attached to the move.
            expected_version: The case's ``seq`` the caller last saw; a different stored one is stale.

        Returns:
            The event recorded.

        Raises:
            UnknownReference: no such case.
            InvalidInput: no such move in the case's procedure, or a naive ``at``.
            StaleWrite: ``expected_version`` is not the stored version; nothing changes.
            TransitionNotAllowed: the move is blocked; it carries every reason and nothing changes.
        """
        when = self.clock.now() if at is None else as_instant(at, "at")
        day = self._day(when)
        case = self.store.load(case_id)
        if expected_version is not None and expected_version != case.seq:
            raise StaleWrite(case_id, expected_version, case.seq)
        comp = self._compiled[(case.procedure, case.version)]
        move = comp.moves.get(trigger) or self._move(comp, case, trigger)
        attached = tuple(evidence)
        reasons = self._blocks(comp, case, move, actor, when, day, attached)
        if reasons:
            raise TransitionNotAllowed(case.id, case.state, trigger, reasons)
        holder = _Holder(case.state)
        comp.machine.events[trigger].trigger(holder)
        target = holder.state
        deadline, params = self._deadline(comp.states[target], day)
        seq = case.seq + 1
        event = Event(
            case.id,
            seq,
            "move",
            trigger,
            case.state,
            target,
            actor,
            when,
            case.procedure,
            case.version,
            note,
            tuple(e.id for e in attached) if attached else (),
            params,
            None if deadline is None else deadline.due,
        )
        moved = Case(
            case.id,
            case.procedure,
            case.version,
            target,
            seq,
            case.subject,
            case.grounds,
            case.parties,
            case.people,
            case.opened_at,
            when,
            deadline,
            0,
            self._firers_after(case.firers, trigger, actor),
            case.parent,
        )
        rules = comp.notify.get(trigger) if comp.notify else None
        if move.opens is None:
            if rules is None:
                self.store.append(moved, event, case.seq)
            else:
                assert (
                    self._outbox is not None
                )  # rules are compiled only for a store with an outbox
                self._outbox.append(
                    moved, event, case.seq, NoticeBatch(event_notices, rules, moved, event)
                )
        else:
            with self.store.unit_of_work():
                self.store.append(moved, event, case.seq)
                if rules is not None:
                    self._notify(rules, moved, event)
                link = move.opens
                if link is not None:
                    parties = {
                        new: b for new, old in link.parties.items() if (b := case.party(old))
                    }
                    team = [("parent_team", pid) for pid in case.persons("team")]
                    self.open(
                        link.procedure,
                        case.subject,
                        (Ground("case", case.id),),
                        actor,
                        when,
                        parties=parties,
                        people=team,
                        parent=case.id,
                    )
        if self.hooks.active:
            self._committed(event)
        return event

    def extend(
        self,
        case_id: str,
        actor: Actor,
        at: _dt.datetime | None = None,
        note: str | None = None,
        expected_version: int | None = None,
    ) -> Event:
        """Extend the deadline of the case's current state by the state's extension parameter.

        Only an actor matching one of the state's ``extenders`` may extend it.

        Raises:
            TransitionNotAllowed: the state has no extension, its extensions are used up, or the actor
                is not in charge.
        """
        when = self._when(at)
        day = self._day(when)
        case = self.store.load(case_id)
        if expected_version is not None and expected_version != case.seq:
            raise StaleWrite(case_id, expected_version, case.seq)
        comp = self._compiled[(case.procedure, case.version)]
        state = comp.states[case.state]
        reasons: list[Explanation] = []
        if (
            state.extension is None
            or case.deadline is None
            or case.extensions >= state.max_extensions
        ):
            reasons.append(
                _block(
                    "workflow.extension",
                    case.version,
                    "workflow.blocked.extensions_exhausted",
                    state=case.state,
                    used=case.extensions,
                    allowed=state.max_extensions,
                )
            )
        granting = Move("extend", [case.state], case.state, permits=state.extenders)
        if not state.extenders or self.access.fire_blocks(case, granting, actor, day, case.version):
            reasons.append(
                _block(
                    "workflow.permit",
                    case.version,
                    "workflow.blocked.not_permitted",
                    trigger="extend",
                    actor=actor_key(actor),
                )
            )
        if reasons:
            raise TransitionNotAllowed(case.id, case.state, "extend", reasons)
        assert state.extension is not None and case.deadline is not None
        use: ParamUse = self.rulebook.use(state.extension, day)
        deadline = case.deadline.extended(value_as(use, Duration), self.calendar)
        seq = case.seq + 1
        event = Event(
            case.id,
            seq,
            "extend",
            None,
            case.state,
            case.state,
            actor,
            when,
            case.procedure,
            case.version,
            note,
            (),
            ((use.key, use.valid.start.isoformat()),),
            deadline.due,
        )
        extended = attrs.evolve(case, seq=seq, deadline=deadline, extensions=case.extensions + 1)
        rules = comp.notify.get("extend") if comp.notify else None
        if rules is None:
            self.store.append(extended, event, case.seq)
        else:
            assert self._outbox is not None  # rules are compiled only for a store with an outbox
            self._outbox.append(
                extended, event, case.seq, NoticeBatch(event_notices, rules, extended, event)
            )
        if self.hooks.active:
            self._committed(event)
        return event

    # -- notices and hooks -------------------------------------------------------------------
    def _notify(self, rules: Sequence[NoticeRule], case: Case, event: Event) -> None:
        assert self._outbox is not None  # rules are compiled only for a store with an outbox
        self._outbox.enqueue(NoticeBatch(event_notices, rules, case, event))

    def subscribe(
        self,
        name: str,
        callback: EventHook,
        *,
        procedures: Iterable[str] = (),
        triggers: Iterable[str] = (),
    ) -> Subscription:
        """Call ``callback`` with every committed event of ``procedures`` and ``triggers`` (all by default).

        The hook runs after the unit of work that wrote the event has committed. If it raises, the failure
        goes to the engine's ``report`` and a message to retry it to the outbox (:meth:`retry_hooks`);
        the write and its caller are not affected.

        Args:
            name: The hook's name, unique in the engine.
            callback: Called with the :class:`~kiemtra.Event`.
            procedures: Only events of these procedures.
            triggers: Only these moves (``"open"``, ``"extend"`` for openings and extensions).

        Raises:
            InvalidInput: the name is taken or empty, or the callback is not callable.
        """
        return self.hooks.subscribe(name, callback, procedures=procedures, triggers=triggers)

    def _committed(self, event: Event) -> None:
        subs = self.hooks.matching(event)
        if not subs:
            return

        def run() -> None:
            self._run_hooks(subs, event)

        if self._outbox is not None:
            self._outbox.after_commit(run)
        else:
            run()

    def _run_hooks(self, subs: Sequence[Subscription], event: Event) -> None:
        retry = []
        for sub in subs:
            if self.hooks.call(sub, event, 1) is not None:
                retry.append(
                    Notice(
                        f"{HOOK}/{sub.name}/{event.case_id}/{event.seq}",
                        HOOK,
                        event.case_id,
                        event.procedure,
                        event.seq,
                        (HOOK, sub.name),
                        event.at,
                        event.trigger or event.kind,
                        event.target,
                    )
                )
        if retry and self._outbox is not None:
            try:
                self._outbox.enqueue(retry)
            except Exception:  # the event is committed; a failing outbox must not reach the caller
                logging.getLogger("kiemtra.hooks").exception(
                    "could not keep the retries %s", [n.key for n in retry]
                )

    def retry_hooks(
        self,
        *,
        now: _dt.datetime | None = None,
        limit: int = 100,
        lease: _dt.timedelta = DEFAULT_LEASE,
        retry_after: _dt.timedelta = _dt.timedelta(minutes=1),
        consumer: str = "kiemtra.hooks",
    ) -> tuple[int, int]:
        """Call again the hooks that failed, from their outbox messages; return ``(done, failed)``.

        A hook that succeeds has its message acknowledged; one that fails again (or is no longer
        subscribed) has it given back, to be taken after ``retry_after``, and the failure is reported.
        """
        if self._outbox is None:
            return 0, 0
        when = self._when(now)
        done = failed = 0
        for message in self._outbox.take(
            consumer, now=when, limit=limit, lease=lease, kinds=(HOOK,)
        ):
            notice = message.notice
            sub = self.hooks.get(notice.recipient[1])
            event = self._stored_event(notice.case_id, notice.seq)
            if sub is None or event is None:
                why = "no such hook" if sub is None else "no such event"
                self._outbox.release([message.id], now=when, retry_after=retry_after, error=why)
                failed += 1
                continue
            failure = self.hooks.call(sub, event, message.attempts + 1)
            if failure is None:
                self._outbox.ack([message.id], now=when)
                done += 1
            else:
                self._outbox.release(
                    [message.id], now=when, retry_after=retry_after, error=repr(failure.error)
                )
                failed += 1
        return done, failed

    def _stored_event(self, case_id: str, seq: int) -> Event | None:
        try:
            events = self.store.events(case_id)
        except KiemtraError:
            return None
        return events[seq - 1] if 0 < seq <= len(events) else None

    def remind(self, at: _dt.datetime | None = None) -> list[Notice]:
        """Write the deadline reminders due on the day of ``at`` (the clock's by default) to the outbox.

        Run it every day (a host's scheduled job); running it twice writes nothing twice, and a run missed
        is caught up by the next. On a day off it writes nothing unless the reminders say otherwise.

        Returns:
            The reminders due that day (those written before included).
        """
        config = self.notifications
        reminders = None if config is None else config.reminders
        if reminders is None or self._outbox is None:
            return []
        when = self._when(at)
        day = self._day(when)
        cases = self.store.cases(due_before=horizon(reminders, day, self.calendar))
        notices = reminder_notices(reminders, cases, when, day, self.calendar)
        if notices:
            self._outbox.enqueue(notices)
        return notices

    # -- seeing --------------------------------------------------------------------------------
    def view(self, case_id: str, actor: Actor, at: _dt.date | None = None) -> View:
        """What ``actor`` may see of case ``case_id`` on ``at`` (today by default), for a host's screens.

        Raises:
            UnknownReference: no such case.
        """
        return self._view(self.store.load(case_id), actor, at)

    def _view(self, case: Case, actor: Actor, day: _dt.date | None = None) -> View:
        when = self._day(self.clock.now()) if day is None else day
        return self.visibility.view(case, actor, when, self.access.directory)

    def _entitled(self, view: View) -> Callable[[type], bool]:
        category_of = self.visibility.category_of
        return lambda cls: view.sees(category_of(cls))

    def _log(
        self, scope: str, actor: Actor, action: str, target: str, fields: Sequence[str] = ()
    ) -> None:
        who = actor_key(actor)
        if self._access_log is not None:
            self._access_log.log_access(scope, self.clock.now(), who, action, target, fields)
        _ACCESS_LOG.info("%s %s %s %s", who, action, target, " ".join(fields))

    def _refused(
        self, actor: Actor, target: str, scope: str, action: str = "read"
    ) -> PermissionDenied:
        """Log a refusal and make its error: it names what was refused, never its content."""
        self._log(scope, actor, "refused", f"{action} {target}")
        return PermissionDenied(str(actor), action, target)

    def _readable(self, case_id: str, actor: Actor) -> tuple[Case, View]:
        case = self.store.load(case_id)
        view = self._view(case, actor)
        if not view.sees(CASE):
            raise self._refused(actor, f"case {case_id}", case_id)
        return case, view

    def case(self, case_id: str, actor: Actor) -> Case:
        """The current state of case ``case_id``, if ``actor`` may see it.

        Raises:
            UnknownReference: no such case.
            PermissionDenied: ``actor`` may not see it (the refusal is logged).
        """
        return self._readable(case_id, actor)[0]

    def history(self, case_id: str, actor: Actor) -> tuple[Event, ...]:
        """The events of case ``case_id`` that ``actor`` may see, in order.

        An actor who sees the history gets every event; one who sees only some notices (a denouncer: the
        acknowledgement and the outcome notice) gets only those events. Notes are withheld from whoever
        does not see them.

        Raises:
            UnknownReference: no such case.
            PermissionDenied: ``actor`` sees no event of the case (the refusal is logged).
        """
        case = self.store.load(case_id)
        view = self._view(case, actor)
        if not (view.sees(HISTORY) or view.notices()):
            raise self._refused(actor, f"the history of case {case_id}", case_id)
        return self._visible_events(case.procedure, view, self.store.events(case_id))

    def _visible_events(
        self, procedure: str, view: View, events: tuple[Event, ...]
    ) -> tuple[Event, ...]:
        if not view.sees(HISTORY):
            kinds = view.notices()
            notice_of = self.visibility.notice_of
            events = tuple(e for e in events if notice_of(procedure, e.trigger or e.kind) in kinds)
        if not view.sees(NOTES):
            events = tuple(e if e.note is None else attrs.evolve(e, note=None) for e in events)
        return events

    def available(
        self,
        case_id: str,
        actor: Actor,
        at: _dt.datetime | None = None,
        evidence: Sequence[Any] = (),
    ) -> list[MoveOption]:
        """Every move of the case's procedure, allowed or blocked with its reasons, for ``actor``.

        An actor who may not see the case but plays a part that some move permits (a denouncer, who may
        withdraw the letter) gets those moves only, each reason bare (its rule and message key, without
        the arguments that would describe the case).

        Raises:
            UnknownReference: no such case.
            PermissionDenied: ``actor`` may not see the case and no move is theirs (the refusal is
                logged).
        """
        when = self._when(at)
        day = self._day(when)
        case = self.store.load(case_id)
        view = self._view(case, actor)
        comp = self._compiled[(case.procedure, case.version)]
        moves = comp.version.moves
        whole = view.sees(CASE)
        if not whole:
            moves = tuple(m for m in moves if _own_move(m, case, actor))
            if not moves:
                raise self._refused(actor, f"case {case_id}", case_id)
        attached = tuple(evidence)
        out = []
        for move in moves:
            reasons = self._blocks(comp, case, move, actor, when, day, attached)
            if not whole:
                reasons = [Explanation(r.rule_id, r.rule_version, r.message_key) for r in reasons]
            out.append(
                MoveOption(
                    move.trigger,
                    move.target,
                    not reasons,
                    tuple(reasons),
                    move.requires.evidence_kinds,
                    move.label or f"{case.procedure}.move.{move.trigger}",
                )
            )
        released: list[MoveOption] = redact(out, self._entitled(view), self.visibility.category_of)
        return released

    def overdue(self, at: _dt.datetime | _dt.date, actor: Actor) -> list[Case]:
        """The cases ``actor`` may see whose current deadline has passed on the day of ``at``."""
        if isinstance(at, _dt.datetime):
            day = self._day(as_instant(at, "at"))
        else:
            day = pendulum.Date(at.year, at.month, at.day)
        return sorted(
            (c for c in self.store.cases(due_before=day) if self._view(c, actor, day).sees(CASE)),
            key=lambda c: (c.deadline.due if c.deadline else day, c.id),
        )

    # -- case files ----------------------------------------------------------------------------
    def _files(self) -> CaseFileStore:
        if self._case_files is None:
            raise InvalidInput("store", type(self.store).__name__, "the store keeps no case files")
        return self._case_files

    def _json(self, record: Any) -> str:
        from kiemtra._serialize import make_converter, to_json

        if self._converter is None:
            self._converter = make_converter()
        return to_json(record, converter=self._converter)

    def attach(
        self, case_id: str, record: Any, actor: Actor, at: _dt.datetime | None = None
    ) -> CaseRecord:
        """Attach a confidential record (a denouncer's identity, a witness statement...) to a case file.

        The record is kept append-only and hash-chained per case beside the events; readers get it through
        :meth:`case_file` and :meth:`attachment`, whole only when entitled to its category.

        Args:
            case_id: The case.
            record: An attrs record; a ``case_id`` field, if it has one, must name this case.
            actor: Who attaches it: someone who may see records of its category.
            at: When; the engine's clock by default.

        Returns:
            The record as filed, with its number.

        Raises:
            UnknownReference: no such case.
            PermissionDenied: ``actor`` may not see the case or records of that category (logged).
            InvalidInput: not an attrs record, another case's record, or a record without a JSON form;
                the error never shows the record's content.
        """
        when = self._when(at)
        files = self._files()
        case, view = self._readable(case_id, actor)
        cls = type(record)
        if not attrs.has(cls):
            raise InvalidInput("record", cls.__name__, "a case-file record is an attrs instance")
        category = self.visibility.category_of(cls)
        if not view.sees(category):
            raise self._refused(actor, f"a {category} to case {case_id}", case_id, action="attach")
        own = getattr(record, "case_id", None)
        if own is not None and own != case_id:
            raise InvalidInput(
                "record.case_id", own, f"the record belongs to another case than {case_id}"
            )
        try:
            data = self._json(record)
        except KiemtraError as exc:
            raise redact_error(exc, lambda _cls: False, self.visibility.category_of) from None
        self._record_types.setdefault(cls.__name__, cls)
        by = actor_key(actor)
        number = files.add_record(PendingRecord(case.id, category, cls.__name__, when, by, data))
        return CaseRecord(case.id, number, category, cls.__name__, when, by, record)

    def _decode(self, stored: StoredRecord) -> Any:
        from kiemtra._serialize import from_json

        cls = self._record_types.get(stored.kind)
        try:
            if cls is None:
                return json.loads(stored.data)
            if self._converter is None:
                self._json(None)
            return from_json(stored.data, cls, converter=self._converter)
        except (KiemtraError, ValueError):
            raise InvalidInput(
                "case_file", (stored.case_id, stored.seq), "a stored record cannot be read"
            ) from None

    def _release(self, stored: StoredRecord, view: View) -> tuple[Any, tuple[str, ...]]:
        """A stored record as ``view`` may see it, and the confidential fields it releases."""
        record = self._decode(stored)
        whole = view.sees(stored.category)
        if isinstance(record, dict):  # a type this engine does not know: all or nothing
            if whole:
                return record, tuple(f"{stored.kind}.{k}" for k in sorted(record))
            return Redacted(stored.kind, stored.category, {}, tuple(sorted(record))), ()
        entitled = self._entitled(view)
        top = type(record)
        if whole:
            released = tuple(f"{stored.kind}.{f}" for f in confidential_of(top))
            return redact(record, entitled, self.visibility.category_of), released
        return redact(
            record, lambda cls: cls is not top and entitled(cls), self.visibility.category_of
        ), ()

    def _filed(self, stored: StoredRecord, value: Any) -> CaseRecord:
        return CaseRecord(
            stored.case_id, stored.seq, stored.category, stored.kind, stored.at, stored.by, value
        )

    def case_file(self, case_id: str, actor: Actor) -> tuple[CaseRecord, ...]:
        """The records attached to case ``case_id``, each whole or redacted as ``actor`` may see it.

        Every confidential field released whole is written to the access log.

        Raises:
            UnknownReference: no such case.
            PermissionDenied: ``actor`` may not see the case (the refusal is logged).
        """
        _case, view = self._readable(case_id, actor)
        out: list[CaseRecord] = []
        read: list[str] = []
        for stored in self._files().records(case_id):
            value, fields = self._release(stored, view)
            out.append(self._filed(stored, value))
            read.extend(f"{stored.seq}:{f}" for f in fields)
        if read:
            self._log(case_id, actor, "read", "case file", read)
        return tuple(out)

    def attachment(self, case_id: str, number: int, actor: Actor) -> CaseRecord:
        """Record ``number`` of case ``case_id``'s file, whole; only for an actor entitled to its category.

        Raises:
            UnknownReference: no such case or record.
            PermissionDenied: ``actor`` may not see the case or the record's category; the error names the
                record and its category, never its content, and the refusal is logged.
        """
        _case, view = self._readable(case_id, actor)
        stored = next((r for r in self._files().records(case_id) if r.seq == number), None)
        if stored is None:
            raise UnknownReference(
                "number", number, f"case {case_id} has no record with that number"
            )
        if not view.sees(stored.category):
            raise self._refused(
                actor, f"record {number} ({stored.category}) of case {case_id}", case_id
            )
        value, fields = self._release(stored, view)
        if fields:
            self._log(case_id, actor, "read", f"record {number}", [f"{number}:{f}" for f in fields])
        return self._filed(stored, value)

    # -- export for an actor -------------------------------------------------------------------
    def _plain(self, value: Any) -> Any:
        if isinstance(value, Redacted):
            return {
                "category": value.category,
                "shown": {k: self._plain(v) for k, v in value.shown.items()},
                "type": value.type_name,
                "withheld": list(value.withheld),
            }
        if isinstance(value, dict):
            return value
        return json.loads(self._json(value))

    def export(
        self, target: str | os.PathLike[str] | IO[str], actor: Actor
    ) -> tuple[int, int, int]:
        """Write, as JSON lines, everything of the store that ``actor`` may see, and nothing else.

        The lines: a header ``{"actor", "format": "kiemtra-view", "made_at", "version"}``; per case the
        actor sees, ``{"case": ...}`` (when it sees the case), ``{"event": ...}`` for each event it sees
        (notes withheld unless it sees them) and ``{"record": ...}`` for each record of the case file
        (redacted unless entitled); then ``{"cases", "end", "events", "records"}``. Every confidential
        field written whole goes to the access log.

        Returns:
            How many cases, events and records were written.
        """
        from kiemtra._store._codec import RecordWriter

        writer = RecordWriter()
        made = self.clock.now()
        day = self._day(made)
        cases = events = records = 0
        files = self._case_files
        with _Opened(target) as out:
            header = {
                "actor": actor_key(actor),
                "format": VIEW_FORMAT,
                "made_at": made.isoformat(),
                "version": 1,
            }
            out.write(json.dumps(header, sort_keys=True) + "\n")
            for case_id in sorted(self.store):
                case = self.store.load(case_id)
                view = self._view(case, actor, day)
                if not view.anything:
                    continue
                cases += 1
                if view.sees(CASE):
                    out.write(f'{{"case":{writer.case(case)}}}\n')
                shown = self._visible_events(case.procedure, view, self.store.events(case_id))
                for event in shown:
                    out.write(f'{{"event":{writer.event(event)}}}\n')
                events += len(shown)
                if files is None or not view.sees(CASE):
                    continue
                read: list[str] = []
                for stored in files.records(case_id):
                    value, fields = self._release(stored, view)
                    read.extend(f"{stored.seq}:{f}" for f in fields)
                    line = {
                        "attached_at": stored.at.isoformat(), "attached_by": stored.by,
                        "case_id": case_id, "category": stored.category, "kind": stored.kind,
                        "number": stored.seq, "record": self._plain(value),
                    }  # fmt: skip
                    out.write(
                        json.dumps({"record": line}, ensure_ascii=False, sort_keys=True) + "\n"
                    )
                    records += 1
                if read:
                    self._log(case_id, actor, "read", "export", read)
            trailer = {"cases": cases, "end": True, "events": events, "records": records}
            out.write(json.dumps(trailer, sort_keys=True) + "\n")
        return cases, events, records

    # -- rules ---------------------------------------------------------------------------------
    def _book(self, overrides: Mapping[str, Any] | None, reason: str) -> Rulebook:
        return self.rulebook if not overrides else self.rulebook.with_overrides(overrides, reason)

    def audit(
        self,
        facts: Any,
        period: Any,
        *,
        actor: Actor | None = None,
        overrides: Mapping[str, Any] | None = None,
        reason: str = "what-if",
    ) -> Any:
        """Run the rulebook's duty checks and audits over ``facts`` for ``period``; returns findings.

        With ``overrides`` it is a what-if run: the parameters are replaced (and flagged in every
        explanation) for this call only. An audit writes nothing to the store either way.

        Args:
            facts: The fact tables.
            period: The period audited.
            actor: The reader: with one, only the findings of the organisations it may see are kept (the
                visibility's ``findings`` population rule); without, every finding.
            overrides: Parameters to replace for this call.
            reason: Why they are replaced.

        Raises:
            DefinitionError: the rulebook has no rule set.
        """
        book = self._book(overrides, reason)
        factory = book.extras.get("ruleset")
        if factory is None:
            from kiemtra._errors import DefinitionError

            raise DefinitionError(f"rulebook {book.name}", ["no rule set (extras['ruleset'])"])
        ruleset = factory() if callable(factory) else factory
        found = ruleset.evaluate(facts, period, book)
        if actor is None:
            return found
        end = getattr(period, "end", None) if isinstance(period, DateRange) else None
        day = end.subtract(days=1) if end is not None else self._day(self.clock.now())
        return self._population(found, FINDINGS, actor, facts, day)

    def rate(
        self,
        facts: Any,
        year: int,
        *,
        actor: Actor | None = None,
        overrides: Mapping[str, Any] | None = None,
        reason: str = "what-if",
    ) -> Any:
        """Rate members for ``year`` with the rulebook's rating (caps and quota); writes nothing.

        Args:
            facts: The fact tables.
            year: The review year.
            actor: The reader: with one, only the ratings of the organisations it may see are kept (a
                cell sees its own members', a superior body those of the organisations below it);
                without, every rating.
            overrides: Parameters to replace for this call.
            reason: Why they are replaced.

        Raises:
            DefinitionError: the rulebook has no rating.
        """
        book = self._book(overrides, reason)
        rate = book.extras.get("rate_members")
        if rate is None:
            from kiemtra._errors import DefinitionError

            raise DefinitionError(f"rulebook {book.name}", ["no rating (extras['rate_members'])"])
        rated = rate(facts, year, book)
        if actor is None:
            return rated
        return self._population(rated, RATINGS, actor, facts, pendulum.date(year, 12, 31))

    def _population(
        self, result: Any, category: str, actor: Actor, facts: Any, day: _dt.date
    ) -> Any:
        """``result`` with only the rows of the organisations ``actor`` may see."""
        rule = self.visibility.population_rule(category)
        if rule is None:
            return result
        if not attrs.has(type(result)):
            raise PermissionDenied(str(actor), "read", f"{category} it cannot be shown row by row")
        import polars as pl

        directory = _facts_directory(facts) or self.access.directory
        allowed = self.visibility.org_filter(actor, directory, day, rule.superiors)
        changes = {}
        for field in attrs.fields(type(result)):
            table = getattr(result, field.name)
            if isinstance(table, pl.DataFrame) and rule.column in table.columns:
                orgs = [o for o in table[rule.column].unique().to_list() if allowed(o)]
                changes[field.alias] = table.filter(pl.col(rule.column).is_in(orgs))
        return attrs.evolve(result, **changes) if changes else result


def _own_move(move: Move, case: Case, actor: Actor) -> bool:
    """Whether ``move`` is permitted to a part of people that ``actor`` plays in ``case``."""
    pid = (
        actor.member_id
        if isinstance(actor, MemberActor)
        else (actor.person_id if isinstance(actor, OutsidePerson) else None)
    )
    return pid is not None and any(
        case.party(p.party) is None and pid in case.person_ids(p.party) for p in move.permits
    )


def _facts_directory(facts: Any) -> Directory | None:
    """The organisation tree of the facts' ``orgs`` table (``org_id``, ``parent_id``), if they have one."""
    tables = getattr(facts, "tables", None)
    orgs = tables.get("orgs") if isinstance(tables, Mapping) else None
    columns = getattr(orgs, "columns", ())
    if orgs is None or "org_id" not in columns or "parent_id" not in columns:
        return None
    pairs = zip(orgs["org_id"].to_list(), orgs["parent_id"].to_list(), strict=True)
    return StaticDirectory(parents={o: p for o, p in pairs if p is not None})


class _Opened:
    """A file path opened for writing, or a stream the caller owns (left open)."""

    def __init__(self, target: str | os.PathLike[str] | IO[str]) -> None:
        self._target = target
        self._owned: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        if isinstance(self._target, str | os.PathLike):
            self._owned = open(self._target, "w", encoding="utf-8", newline="\n")
            return self._owned
        return self._target

    def __exit__(self, *exc: object) -> None:
        if self._owned is not None:
            self._owned.close()
