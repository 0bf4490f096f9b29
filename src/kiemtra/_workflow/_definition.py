"""Declarative procedure definitions: states, moves, permits, requirements, links and versions.

A definition is data. It is validated once, when an engine loads it, against the rulebook that supplies its
deadlines and labels: unreachable states, dead ends, unknown triggers and deadlines without a parameter are
all reported together in one :class:`~kiemtra.DefinitionError`.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Protocol

import attrs

from kiemtra._errors import DefinitionError
from kiemtra._rules._param import Unit
from kiemtra._time import DateRange
from kiemtra._util import to_tuple

if TYPE_CHECKING:
    from kiemtra._rules._explanation import Explanation
    from kiemtra._rules._rulebook import Rulebook
    from kiemtra._workflow._context import GuardContext

__all__ = [
    "Guard",
    "Link",
    "Move",
    "Permit",
    "Procedure",
    "ProcedureVersion",
    "Requirement",
    "State",
]


class Guard(Protocol):
    """A rulebook check on a move: returns None when the move may go ahead, or an explanation why not."""

    __name__: str

    def __call__(self, ctx: GuardContext, /) -> Explanation | None:
        """Check the move in ``ctx``."""
        ...


@attrs.frozen
class Permit:
    """Who may fire a move, by the role they hold in a body that plays a part in the case.

    Args:
        party: The part the body plays in the case (``"inspecting_body"``, ``"subject_cell"``), as named
            when the case was opened.
        roles: Member roles in that body that may act (``("chair", "deputy_chair")``). Empty means only
            the body acting as a whole.
        body_acts: Whether the body itself (a :class:`~kiemtra.BodyActor`) may act.
        superior: Whether the same kind of body of a superior organisation may act too.
    """

    party: str
    roles: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    body_acts: bool = True
    superior: bool = False


@attrs.frozen
class Requirement:
    """What a move needs: evidence of given kinds attached to the fire (a decision, minutes, a ballot)."""

    evidence_kinds: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)


@attrs.frozen
class Link:
    """A move that opens a follow-up case of another procedure (an inspection opening a proceeding).

    Args:
        procedure: The procedure of the follow-up case.
        parties: How the new case's parties map from this case's (new party -> this case's party).
    """

    procedure: str
    parties: Mapping[str, str] = attrs.field(factory=dict)


@attrs.frozen
class State:
    """A state of a procedure.

    Args:
        name: The state's id.
        final: Whether a case ends here.
        deadline: The key of the Duration parameter that runs while a case sits here, or None.
        extension: The key of the Duration parameter by which the deadline may be extended, or None.
        max_extensions: How many extensions the state allows.
        extenders: Who may extend the deadline.
        label: The message key of the state's label; default ``"<procedure>.state.<name>"``.
    """

    name: str
    final: bool = False
    deadline: str | None = None
    extension: str | None = None
    max_extensions: int = 0
    extenders: tuple[Permit, ...] = attrs.field(default=(), converter=to_tuple)
    label: str | None = None


@attrs.frozen
class Move:
    """A move between states.

    Args:
        trigger: The move's id (the transitions trigger).
        sources: The states it may leave from.
        target: The state it leads to.
        permits: Who may fire it. Empty means any actor the access policy admits as a party.
        guards: Rulebook checks, each returning an explanation when the move is blocked.
        requires: What must be attached to the fire.
        opens: A follow-up case opened by the move.
        within_deadline: Whether the move is blocked once the current state's deadline has passed.
        separate_from: Triggers whose actor may not fire this move (separation of duties).
        label: The message key of the move's label; default ``"<procedure>.move.<trigger>"``.
    """

    trigger: str
    sources: tuple[str, ...] = attrs.field(converter=to_tuple)
    target: str
    permits: tuple[Permit, ...] = attrs.field(default=(), converter=to_tuple)
    guards: tuple[Callable[..., Explanation | None], ...] = attrs.field(
        default=(), converter=to_tuple
    )
    requires: Requirement = attrs.field(factory=Requirement)
    opens: Link | None = None
    within_deadline: bool = False
    separate_from: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    label: str | None = None


@attrs.frozen
class ProcedureVersion:
    """One version of a procedure, in force for cases opened within ``valid``.

    Args:
        version: The version's id (``"2021"``), kept by every case opened under it.
        valid: The period in which new cases open under this version.
        initial: The state a new case starts in.
        states: The states.
        moves: The moves.
        openers: Who may open a case under this version.
        citations: The legal basis of the procedure as a whole.
    """

    version: str
    valid: DateRange
    initial: str
    states: tuple[State, ...] = attrs.field(converter=to_tuple)
    moves: tuple[Move, ...] = attrs.field(converter=to_tuple)
    openers: tuple[Permit, ...] = attrs.field(default=(), converter=to_tuple)
    citations: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)

    def state(self, name: str) -> State:
        """The state called ``name`` (KeyError if the version has none)."""
        for s in self.states:
            if s.name == name:
                return s
        raise KeyError(name)

    def problems(self, procedure: str, rulebook: Rulebook | None) -> list[str]:
        """Everything wrong with this version, as sentences; empty when it is sound."""
        where = f"version {self.version}"
        names = [s.name for s in self.states]
        known = set(names)
        out = [f"{where}: state {n!r} defined twice" for n in sorted(known) if names.count(n) > 1]
        if self.initial not in known:
            out.append(f"{where}: initial state {self.initial!r} is not a state")
        triggers = {m.trigger for m in self.moves}
        for m in self.moves:
            for name in (*m.sources, m.target):
                if name not in known:
                    out.append(f"{where}: move {m.trigger!r} names unknown state {name!r}")
            for t in m.separate_from:
                if t not in triggers:
                    out.append(
                        f"{where}: move {m.trigger!r} is separated from unknown trigger {t!r}"
                    )
        seen_pairs: set[tuple[str, str]] = set()
        for m in self.moves:
            for source in m.sources:
                if (m.trigger, source) in seen_pairs:
                    out.append(f"{where}: move {m.trigger!r} leaves {source!r} twice")
                seen_pairs.add((m.trigger, source))
        out.extend(self._graph_problems(where, known))
        for s in self.states:
            for key in (s.deadline, s.extension):
                if key is None:
                    continue
                if rulebook is None or key not in rulebook.params:
                    out.append(
                        f"{where}: state {s.name!r} has a deadline without a parameter ({key!r})"
                    )
                elif rulebook.params[key].unit is not Unit.DURATION:
                    out.append(
                        f"{where}: state {s.name!r} has a deadline parameter {key!r} that is not a period"
                    )
            if s.extension is not None and s.deadline is None:
                out.append(f"{where}: state {s.name!r} has an extension but no deadline")
            if s.extension is not None and not s.extenders:
                out.append(f"{where}: state {s.name!r} has an extension but nobody may grant it")
        return out

    def _graph_problems(self, where: str, known: set[str]) -> list[str]:
        out: list[str] = []
        exits: dict[str, set[str]] = {s: set() for s in known}
        for m in self.moves:
            for source in m.sources:
                if source in exits and m.target in known:
                    exits[source].add(m.target)
        reached = {self.initial} if self.initial in known else set()
        queue = deque(reached)
        while queue:
            for nxt in exits[queue.popleft()]:
                if nxt not in reached:
                    reached.add(nxt)
                    queue.append(nxt)
        for s in self.states:
            if s.name not in reached:
                out.append(f"{where}: state {s.name!r} is unreachable")
            if not s.final and not exits.get(s.name):
                out.append(f"{where}: non-final state {s.name!r} has no way out")
            if s.final and exits.get(s.name):
                out.append(f"{where}: final state {s.name!r} has moves out of it")
        return out


@attrs.frozen
class Procedure:
    """A procedure: a name and its versions by effective period.

    Args:
        name: The procedure's id (``"DisciplinaryProceeding"``).
        versions: Versions whose periods do not overlap.
        label: The message key of its title; default ``"<name>.title"``.
    """

    name: str
    versions: tuple[ProcedureVersion, ...] = attrs.field(converter=to_tuple)
    label: str | None = None

    def validate(self, rulebook: Rulebook | None) -> None:
        """Raise one DefinitionError listing every problem, or return when the procedure is sound."""
        problems: list[str] = []
        ordered = sorted(self.versions, key=lambda v: v.valid.start)
        for a, b in itertools.pairwise(ordered):
            if a.valid.overlaps(b.valid):
                problems.append(f"versions {a.version} and {b.version} overlap")
        ids = [v.version for v in self.versions]
        problems.extend(
            f"version {v!r} defined twice" for v in sorted(set(ids)) if ids.count(v) > 1
        )
        if not self.versions:
            problems.append("no version")
        for v in self.versions:
            problems.extend(v.problems(self.name, rulebook))
        if problems:
            raise DefinitionError(f"procedure {self.name}", problems)

    def label_keys(self) -> list[str]:
        """Every message key the procedure's labels need (title, states, moves)."""
        keys = {self.label or f"{self.name}.title"}
        for v in self.versions:
            keys.update(s.label or f"{self.name}.state.{s.name}" for s in v.states)
            keys.update(m.label or f"{self.name}.move.{m.trigger}" for m in v.moves)
        return sorted(keys)


def procedures_by_name(procedures: Iterable[Procedure]) -> dict[str, Procedure]:
    """Index procedures by name, refusing duplicates."""
    out: dict[str, Procedure] = {}
    for p in procedures:
        if p.name in out:
            raise DefinitionError("procedures", [f"procedure {p.name!r} defined twice"])
        out[p.name] = p
    return out
