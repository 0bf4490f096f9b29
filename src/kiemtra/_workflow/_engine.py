"""The Engine: the host's one entry point for cases.

Each procedure version compiles to ONE ``transitions.Machine(model=None, auto_transitions=False)``, shared by
every case of that version and fired as ``machine.events[trigger].trigger(holder)`` on a tiny slotted holder.
A case is a small frozen snapshot; no machine and no model registration per case (measured in
``shared/design.md``: 8 µs per trigger and nothing per case, against 0.4–1.4 ms and 28–82 KB per case).
"""

from __future__ import annotations

import datetime as _dt
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs
import pendulum
from transitions import Machine

from kiemtra._calendar import Clock, Deadline, WorkCalendar
from kiemtra._errors import (
    InvalidInput,
    PermissionDenied,
    StaleWrite,
    TransitionNotAllowed,
    UnknownReference,
)
from kiemtra._model._actor import Actor, Body
from kiemtra._rules._explanation import Explanation
from kiemtra._rules._param import ParamUse
from kiemtra._rules._rulebook import Rulebook
from kiemtra._store._protocol import EventStore
from kiemtra._time import VIETNAM_ZONE, Duration, as_instant
from kiemtra._workflow._access import AccessPolicy
from kiemtra._workflow._case import Case, Event, Ground, Subject, actor_key
from kiemtra._workflow._context import GuardContext
from kiemtra._workflow._definition import Move, Procedure, ProcedureVersion, State
from kiemtra._workflow._diagram import mermaid

__all__ = ["WORKFLOW_MESSAGE_KEYS", "Engine", "MoveOption"]

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
class _Compiled:
    procedure: Procedure
    version: ProcedureVersion
    machine: Any
    moves: Mapping[str, Move]
    states: Mapping[str, State]


def _compile(procedure: Procedure, version: ProcedureVersion) -> _Compiled:
    machine = Machine(
        model=None,
        states=[s.name for s in version.states],
        initial=version.initial,
        transitions=[
            {"trigger": m.trigger, "source": list(m.sources), "dest": m.target} for m in version.moves
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


class Engine:
    """Opens and moves cases under a rulebook's procedures, with a store, a clock and an access policy.

    Nothing here is global: two engines with different rulebooks, stores or clocks live side by side.

    Args:
        rulebook: Parameters, templates and (under ``extras["procedures"]``) procedures.
        store: Where cases and their events live.
        clock: The time when a call gives none.
        calendar: Working days for deadlines; a plain Vietnamese calendar by default.
        access: Who may fire and read; the default admits the bodies named in a case and their superiors.
        procedures: Procedures to use instead of the rulebook's.
        ids: Makes new case ids; random UUIDs by default.
        zone: The zone whose calendar day is the date of a step.

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
    ) -> None:
        self.rulebook = rulebook
        self.store = store
        self.clock = clock
        self.calendar = calendar if calendar is not None else WorkCalendar()
        self.access = access if access is not None else AccessPolicy()
        self.zone = zone
        self._ids = ids if ids is not None else (lambda: uuid.uuid4().hex)
        chosen = tuple(procedures if procedures is not None else rulebook.extras.get("procedures", ()))
        self.procedures: dict[str, Procedure] = {}
        self._compiled: dict[tuple[str, str], _Compiled] = {}
        for procedure in chosen:
            procedure.validate(rulebook)
            self.procedures[procedure.name] = procedure
            for version in procedure.versions:
                self._compiled[(procedure.name, version.version)] = _compile(procedure, version)

    # -- time --------------------------------------------------------------------------------
    def _when(self, at: _dt.datetime | None) -> pendulum.DateTime:
        return self.clock.now() if at is None else as_instant(at, "at")

    def _day(self, when: pendulum.DateTime) -> pendulum.Date:
        # Most instants already carry the engine's zone: skip the conversion then.
        local = when if when.tzinfo is self.zone else when.in_timezone(self.zone)
        return pendulum.Date(local.year, local.month, local.day)

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
        from kiemtra._errors import NotInForce

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

    # -- deadlines ---------------------------------------------------------------------------
    def _deadline(
        self, state: State, day: pendulum.Date
    ) -> tuple[Deadline | None, tuple[tuple[str, str], ...]]:
        if state.deadline is None:
            return None, ()
        use = self.rulebook.use(state.deadline, day)
        period = use.value
        if not isinstance(period, Duration):
            raise InvalidInput(f"param[{use.key}]", period, "a deadline parameter must be a Duration")
        citation = str(use.citations[0]) if use.citations else None
        deadline = self.calendar.deadline(day, period, use.key, citation)
        return deadline, ((use.key, use.valid.start.isoformat()),)

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
        when = self._when(at)
        day = self._day(when)
        version = self.version_at(procedure, day)
        comp = self._compiled[(procedure, version.version)]
        if not grounds:
            raise InvalidInput("grounds", grounds, f"a {procedure} case needs at least one ground")
        initial = comp.states[version.initial]
        deadline, params = self._deadline(initial, day)
        case = Case(
            id=self._ids(),
            procedure=procedure,
            version=version.version,
            state=version.initial,
            seq=1,
            subject=subject,
            grounds=tuple(grounds),
            parties=tuple(sorted((parties or {}).items())),
            people=tuple(people),
            opened_at=when,
            entered_at=when,
            deadline=deadline,
            parent=parent,
        )
        if not self.access.may_open(version.openers, case, actor, day):
            raise PermissionDenied(str(actor), f"open a {procedure} case about", subject.id)
        event = Event(
            case.id, 1, "open", None, None, case.state, actor, when, procedure, version.version,
            note, (), params, None if deadline is None else deadline.due,
        )
        self.store.create(case, event)
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
        out: list[Explanation] = []
        if case.state not in move.sources:
            out.append(
                _block("workflow.state", v, "workflow.blocked.wrong_state",
                       trigger=move.trigger, state=case.state, expected=", ".join(move.sources))
            )
        out.extend(self.access.fire_blocks(case, move, actor, day, v))
        if not move.permits and not self.access.may_read(case, actor, day):
            out.append(
                _block("workflow.permit", v, "workflow.blocked.not_permitted",
                       trigger=move.trigger, actor=actor_key(actor))
            )
        if move.within_deadline and case.deadline is not None and case.deadline.is_overdue(day):
            out.append(
                Explanation(
                    "workflow.deadline", v, "workflow.blocked.deadline_passed",
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
                        _block("workflow.evidence", v, "workflow.blocked.missing_evidence",
                               trigger=move.trigger, kind=kind)
                    )
        if move.guards:
            ctx = GuardContext(case, move, actor, when, day, evidence, self.rulebook, self.calendar, v)
            for guard in move.guards:
                found = guard(ctx)
                if found is not None:
                    out.append(found)
        return out

    def _move(self, comp: _Compiled, case: Case, trigger: str) -> Move:
        move = comp.moves.get(trigger)
        if move is None:
            raise InvalidInput(
                "trigger", trigger,
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
        when = self._when(at)
        day = self._day(when)
        case = self.store.load(case_id)
        if expected_version is not None and expected_version != case.seq:
            raise StaleWrite(case_id, expected_version, case.seq)
        comp = self._compiled[(case.procedure, case.version)]
        move = self._move(comp, case, trigger)
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
            case.id, seq, "move", trigger, case.state, target, actor, when, case.procedure,
            case.version, note, tuple(e.id for e in attached) if attached else (), params,
            None if deadline is None else deadline.due,
        )
        moved = Case(
            case.id, case.procedure, case.version, target, seq, case.subject, case.grounds,
            case.parties, case.people, case.opened_at, when, deadline, 0,
            (*case.firers, (trigger, actor_key(actor))), case.parent,
        )
        if move.opens is None:
            self.store.append(moved, event, case.seq)
            return event
        with self.store.unit_of_work():
            self.store.append(moved, event, case.seq)
            link = move.opens
            parties = {new: b for new, old in link.parties.items() if (b := case.party(old))}
            team = [("parent_team", pid) for pid in case.persons("team")]
            self.open(
                link.procedure, case.subject, (Ground("case", case.id),), actor, when,
                parties=parties, people=team, parent=case.id,
            )
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
        if state.extension is None or case.deadline is None or case.extensions >= state.max_extensions:
            reasons.append(
                _block("workflow.extension", case.version, "workflow.blocked.extensions_exhausted",
                       state=case.state, used=case.extensions, allowed=state.max_extensions)
            )
        granting = Move("extend", [case.state], case.state, permits=state.extenders)
        if not state.extenders or self.access.fire_blocks(case, granting, actor, day, case.version):
            reasons.append(
                _block("workflow.permit", case.version, "workflow.blocked.not_permitted",
                       trigger="extend", actor=actor_key(actor))
            )
        if reasons:
            raise TransitionNotAllowed(case.id, case.state, "extend", reasons)
        assert state.extension is not None and case.deadline is not None
        use: ParamUse = self.rulebook.use(state.extension, day)
        if not isinstance(use.value, Duration):
            raise InvalidInput(f"param[{use.key}]", use.value, "an extension must be a Duration")
        deadline = case.deadline.extended(use.value, self.calendar)
        seq = case.seq + 1
        event = Event(
            case.id, seq, "extend", None, case.state, case.state, actor, when, case.procedure,
            case.version, note, (), ((use.key, use.valid.start.isoformat()),), deadline.due,
        )
        extended = attrs.evolve(case, seq=seq, deadline=deadline, extensions=case.extensions + 1)
        self.store.append(extended, event, case.seq)
        return event

    # -- reading -----------------------------------------------------------------------------
    def _readable(self, case_id: str, actor: Actor) -> Case:
        case = self.store.load(case_id)
        if not self.access.may_read(case, actor, self._day(self.clock.now())):
            raise PermissionDenied(str(actor), "read", f"case {case_id}")
        return case

    def case(self, case_id: str, actor: Actor) -> Case:
        """The current state of case ``case_id``, if ``actor`` may read it.

        Raises:
            UnknownReference: no such case.
            PermissionDenied: ``actor`` may not read it.
        """
        return self._readable(case_id, actor)

    def history(self, case_id: str, actor: Actor) -> tuple[Event, ...]:
        """The events of case ``case_id`` in order, if ``actor`` may read it."""
        self._readable(case_id, actor)
        return self.store.events(case_id)

    def available(
        self,
        case_id: str,
        actor: Actor,
        at: _dt.datetime | None = None,
        evidence: Sequence[Any] = (),
    ) -> list[MoveOption]:
        """Every move of the case's procedure, allowed or blocked with its reasons, for ``actor``.

        Raises:
            UnknownReference: no such case.
            PermissionDenied: ``actor`` may not read the case.
        """
        when = self._when(at)
        day = self._day(when)
        case = self._readable(case_id, actor)
        comp = self._compiled[(case.procedure, case.version)]
        attached = tuple(evidence)
        out = []
        for move in comp.version.moves:
            reasons = self._blocks(comp, case, move, actor, when, day, attached)
            out.append(
                MoveOption(
                    move.trigger, move.target, not reasons, tuple(reasons),
                    move.requires.evidence_kinds,
                    move.label or f"{case.procedure}.move.{move.trigger}",
                )
            )
        return out

    def overdue(self, at: _dt.datetime | _dt.date, actor: Actor) -> list[Case]:
        """The cases ``actor`` may read whose current deadline has passed on the day of ``at``."""
        if isinstance(at, _dt.datetime):
            day = self._day(as_instant(at, "at"))
        else:
            day = pendulum.Date(at.year, at.month, at.day)
        return sorted(
            (c for c in self.store.cases(due_before=day) if self.access.may_read(c, actor, day)),
            key=lambda c: (c.deadline.due if c.deadline else day, c.id),
        )

    # -- rules ---------------------------------------------------------------------------------
    def _book(self, overrides: Mapping[str, Any] | None, reason: str) -> Rulebook:
        return self.rulebook if not overrides else self.rulebook.with_overrides(overrides, reason)

    def audit(
        self,
        facts: Any,
        period: Any,
        *,
        overrides: Mapping[str, Any] | None = None,
        reason: str = "what-if",
    ) -> Any:
        """Run the rulebook's duty checks and audits over ``facts`` for ``period``; returns findings.

        With ``overrides`` it is a what-if run: the parameters are replaced (and flagged in every
        explanation) for this call only. An audit writes nothing to the store either way.

        Raises:
            DefinitionError: the rulebook has no rule set.
        """
        book = self._book(overrides, reason)
        factory = book.extras.get("ruleset")
        if factory is None:
            from kiemtra._errors import DefinitionError

            raise DefinitionError(f"rulebook {book.name}", ["no rule set (extras['ruleset'])"])
        ruleset = factory() if callable(factory) else factory
        return ruleset.evaluate(facts, period, book)

    def rate(
        self,
        facts: Any,
        year: int,
        *,
        overrides: Mapping[str, Any] | None = None,
        reason: str = "what-if",
    ) -> Any:
        """Rate members for ``year`` with the rulebook's rating (caps and quota); writes nothing.

        Raises:
            DefinitionError: the rulebook has no rating.
        """
        book = self._book(overrides, reason)
        rate = book.extras.get("rate_members")
        if rate is None:
            from kiemtra._errors import DefinitionError

            raise DefinitionError(f"rulebook {book.name}", ["no rating (extras['rate_members'])"])
        return rate(facts, year, book)

