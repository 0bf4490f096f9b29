"""A hypothesis stateful test that any procedure definition can be plugged into.

Used through :func:`kiemtra.testing.procedure_state_machine`; imports hypothesis, so ``import kiemtra``
never loads this module.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs
import pendulum
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from kiemtra._calendar import FixedClock, WorkCalendar
from kiemtra._errors import KiemtraError, TransitionNotAllowed
from kiemtra._model._actor import Actor, Body
from kiemtra._rules._rulebook import Rulebook
from kiemtra._store._memory import MemoryStore
from kiemtra._workflow._access import AccessPolicy
from kiemtra._workflow._case import Ground, Subject
from kiemtra._workflow._engine import Engine

__all__ = ["AttachedEvidence", "procedure_state_machine"]


@attrs.frozen
class AttachedEvidence:
    """A minimal evidence record for tests: an id and a kind."""

    id: str
    kind: str


def procedure_state_machine(
    rulebook: Rulebook,
    procedure: str,
    *,
    actors: Sequence[Actor],
    subject: Subject,
    parties: Mapping[str, Body],
    people: Sequence[tuple[str, str]] = (),
    evidence_kinds: Sequence[str] = (),
    start: pendulum.DateTime,
    access: AccessPolicy | None = None,
    calendar: WorkCalendar | None = None,
    make_engine: Callable[..., Engine] = Engine,
) -> type[RuleBasedStateMachine]:
    """A state machine test that opens a case of ``procedure`` and fires random moves at it.

    It checks that no sequence of fires by any actor reaches a state the definition does not allow, that
    every landed move is a move of the definition from the state the case was in, and that every refused
    fire leaves the case and its events untouched.
    """
    proc = next(p for p in rulebook.extras["procedures"] if p.name == procedure)
    triggers = sorted({m.trigger for v in proc.versions for m in v.moves})
    kinds = list(evidence_kinds)

    class ProcedureMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.clock = FixedClock(start)
            self.engine = make_engine(
                rulebook,
                MemoryStore(),
                self.clock,
                access=access,
                calendar=calendar,
                ids=self._next_id,
            )
            self.counter = 0
            self.case_id: str | None = None

        def _next_id(self) -> str:
            self.counter += 1
            return f"case-{self.counter}"

        @precondition(lambda self: self.case_id is None)
        @rule(opener=st.sampled_from(list(actors)))
        def open_case(self, opener: Actor) -> None:
            try:
                case = self.engine.open(
                    procedure,
                    subject,
                    [Ground("letter", "L-1")],
                    opener,
                    parties=parties,
                    people=people,
                )
            except KiemtraError:
                return
            self.case_id = case.id

        @precondition(lambda self: self.case_id is not None)
        @rule(
            trigger=st.sampled_from(triggers),
            actor=st.sampled_from(list(actors)),
            days=st.integers(0, 40),
            attached=st.lists(st.sampled_from(kinds), unique=True) if kinds else st.just([]),
        )
        def fire(self, trigger: str, actor: Actor, days: int, attached: list[str]) -> None:
            assert self.case_id is not None
            self.clock.advance(days=days)
            store = self.engine.store
            before = store.load(self.case_id)
            events_before = store.events(self.case_id)
            evidence = [AttachedEvidence(f"ev-{k}-{before.seq}", k) for k in attached]
            version = next(v for v in proc.versions if v.version == before.version)
            try:
                event = self.engine.fire(self.case_id, trigger, actor, evidence=evidence)
            except (TransitionNotAllowed, KiemtraError) as refused:
                assert store.load(self.case_id) == before, refused
                assert store.events(self.case_id) == events_before, refused
                return
            allowed = {
                (s, m.target) for m in version.moves if m.trigger == trigger for s in m.sources
            }
            assert (event.source, event.target) in allowed
            assert event.source == before.state
            assert store.load(self.case_id).state == event.target

        @precondition(lambda self: self.case_id is not None)
        @rule(actor=st.sampled_from(list(actors)), pick=st.integers(0, 1_000))
        def advance(self, actor: Actor, pick: int) -> None:
            """Fire a move that available() says is allowed: it must land where the definition says."""
            assert self.case_id is not None
            evidence = [AttachedEvidence(f"ev-{k}", k) for k in kinds]
            try:
                options = self.engine.available(self.case_id, actor, evidence=evidence)
            except KiemtraError:
                return  # the actor may not read the case
            allowed = [o for o in options if o.allowed]
            if not allowed:
                return
            option = allowed[pick % len(allowed)]
            event = self.engine.fire(self.case_id, option.trigger, actor, evidence=evidence)
            assert event.target == option.target

        @invariant()
        def state_is_defined_and_history_is_whole(self) -> None:
            if self.case_id is None:
                return
            store = self.engine.store
            case = store.load(self.case_id)
            version = next(v for v in proc.versions if v.version == case.version)
            assert case.state in {s.name for s in version.states}
            events: Any = store.events(self.case_id)
            assert [e.seq for e in events] == list(range(1, case.seq + 1))
            for earlier, later in itertools.pairwise(events):
                assert later.source == earlier.target
            assert events[-1].target == case.state

    ProcedureMachine.__name__ = f"{procedure}StateMachine"
    return ProcedureMachine
