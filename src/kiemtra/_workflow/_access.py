"""Authorization: who may fire a move and who may read a case.

The mechanism is generic; its tables come from the rulebook (the permits on each move, the competence rows,
which moves must be impartial) and from the host (a directory of organisations and posts, extra conflicts
such as kinship).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Final

import attrs

from kiemtra._model._actor import Actor, BodyActor, MemberActor, OutsidePerson, SystemActor
from kiemtra._rules._explanation import Explanation
from kiemtra._util import to_tuple
from kiemtra._workflow._case import Case, actor_key
from kiemtra._workflow._definition import Move, Permit

if TYPE_CHECKING:
    from kiemtra._workflow._directory import Directory

__all__ = ["AccessPolicy", "Competence", "Conflict"]

Conflict = Callable[[Case, Actor], Explanation | None]
"""A host-supplied conflict check (kinship, say): an explanation when ``actor`` may not act on ``case``."""


@attrs.frozen
class Competence:
    """A row of a competence table: a limit on which bodies may fire a move.

    Args:
        procedure: The procedure.
        trigger: The move.
        levels: Levels of organisation whose bodies may fire it (empty: any level).
        barred_subject_posts: Posts of the subject that take the move out of the acting body's hands
            (a cell may not decide on a cadre managed by a higher level, for instance).
        rule_id: The id of the rule the row encodes, for explanations.
        citation: Its legal basis.
    """

    procedure: str
    trigger: str
    levels: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    barred_subject_posts: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    rule_id: str = "competence"
    citation: str = ""


# People whose part in a case bars them from acting on it for a body, and the message that says so.
_CONFLICTED_PARTS = {
    "denouncer": "workflow.blocked.conflict_denouncer",
    "parent_team": "workflow.blocked.conflict_inspector",
}


# What a permit matched: nothing, the body the actor acts for, or the actor as a person playing the part.
_NO_MATCH: Final = object()
_BODY: Final = object()
_PERSON: Final = object()
_BODY_ACTORS: Final = (MemberActor, BodyActor)


def _block(rule_id: str, version: str, key: str, **args: str | int | None) -> Explanation:
    return Explanation(rule_id, version, key, args=args)


@attrs.frozen
class AccessPolicy:
    """Decides who may fire and who may read.

    Args:
        directory: The host's organisations and posts at a date; None means no superiors are known.
        competence: Competence rows from the rulebook, by ``(procedure, trigger)``.
        conflicts: Host-supplied conflict checks.
        system_reads_all: Whether a :class:`~kiemtra.SystemActor` (the host's own jobs) may read every case.
    """

    directory: Directory | None = None
    competence: Sequence[Competence] = attrs.field(default=(), converter=to_tuple)
    conflicts: Sequence[Conflict] = attrs.field(default=(), converter=to_tuple)
    system_reads_all: bool = True
    _by_move: dict[tuple[str, str], tuple[Competence, ...]] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        for row in self.competence:
            key = (row.procedure, row.trigger)
            self._by_move[key] = (*self._by_move.get(key, ()), row)

    def _superiors(self, org_id: str, at: _dt.date) -> Sequence[str]:
        return () if self.directory is None else self.directory.superiors(org_id, at)

    def _match(self, permit: Permit, case: Case, actor: Actor, at: _dt.date) -> object:
        """_BODY when ``actor`` acts for the body playing the permit's part, _PERSON when it plays the
        part itself (a part played by people: the subject, a complainant), else _NO_MATCH."""
        name = permit.party
        body = None
        for part, party in case.parties:  # Case.party, inlined: this runs at every fire
            if part == name:
                body = party
                break
        if body is None:  # a part played by people, not by a body
            pid = (
                actor.member_id
                if isinstance(actor, MemberActor)
                else (actor.person_id if isinstance(actor, OutsidePerson) else None)
            )
            if pid is not None and pid in case.person_ids(name):
                return _PERSON
            return _NO_MATCH
        if isinstance(actor, MemberActor):
            acting, ok_role = actor.body, actor.role in permit.roles
        elif isinstance(actor, BodyActor):
            acting, ok_role = actor.body, permit.body_acts
        else:
            return _NO_MATCH
        if not ok_role or acting.kind != body.kind:
            return _NO_MATCH
        if acting.org_id == body.org_id:
            return _BODY
        if permit.superior and acting.org_id in self._superiors(body.org_id, at):
            return _BODY
        return _NO_MATCH

    def fire_blocks(
        self, case: Case, move: Move, actor: Actor, at: _dt.date, version: str
    ) -> list[Explanation]:
        """Every reason ``actor`` may not fire ``move`` on ``case`` on ``at``; empty when it may."""
        # People acting for themselves (the subject explaining, a complainant appealing) have no
        # conflict with their own case; everyone acting for a body (or under a move open to any
        # party) is checked.
        conflicts_apply = True
        if move.permits:
            for permit in move.permits:
                found = self._match(permit, case, actor, at)
                if found is not _NO_MATCH:
                    conflicts_apply = found is _BODY
                    break
            else:
                return [
                    _block(
                        "workflow.permit",
                        version,
                        "workflow.blocked.not_permitted",
                        trigger=move.trigger,
                        actor=actor_key(actor),
                    )
                ]
        out: list[Explanation] = []
        if self._by_move:
            acting_org = actor.body.org_id if isinstance(actor, _BODY_ACTORS) else None
            for row in self._by_move.get((case.procedure, move.trigger), ()):
                out.extend(self._competence_blocks(row, case, acting_org, at, version))
        if conflicts_apply:
            pid = (
                actor.member_id
                if isinstance(actor, MemberActor)
                else (actor.person_id if isinstance(actor, OutsidePerson) else None)
            )
            if pid is not None:
                if case.subject.kind == "member" and pid == case.subject.id:
                    out.append(
                        _block("workflow.conflict", version, "workflow.blocked.conflict_subject")
                    )
                for part, who in case.people:
                    if who == pid and part in _CONFLICTED_PARTS:
                        out.append(_block("workflow.conflict", version, _CONFLICTED_PARTS[part]))
            for check in self.conflicts:
                blocked = check(case, actor)
                if blocked is not None:
                    out.append(blocked)
        if move.separate_from:
            key = actor_key(actor)
            for trigger, who in case.firers:
                if trigger in move.separate_from and who == key:
                    out.append(
                        _block(
                            "workflow.separation",
                            version,
                            "workflow.blocked.separation_of_duties",
                            trigger=move.trigger,
                            earlier=trigger,
                        )
                    )
        return out

    def _competence_blocks(
        self, row: Competence, case: Case, acting_org: str | None, at: _dt.date, version: str
    ) -> list[Explanation]:
        out = []
        if row.levels:
            level = None
            if acting_org is not None and self.directory is not None:
                level = self.directory.level(acting_org, at)
            if level not in row.levels:
                out.append(
                    _block(
                        row.rule_id,
                        version,
                        "workflow.blocked.level_not_competent",
                        trigger=row.trigger,
                        level=level,
                    )
                )
        if (
            row.barred_subject_posts
            and case.subject.kind == "member"
            and self.directory is not None
        ):
            held = set(self.directory.posts(case.subject.id, at)) & set(row.barred_subject_posts)
            if held:
                out.append(
                    _block(
                        row.rule_id,
                        version,
                        "workflow.blocked.subject_post_not_competent",
                        trigger=row.trigger,
                        post=sorted(held)[0],
                    )
                )
        return out

    def may_open(self, openers: Sequence[Permit], case: Case, actor: Actor, at: _dt.date) -> bool:
        """Whether ``actor`` may open ``case`` (an empty opener list admits any party body)."""
        if not openers:
            return self.may_read(case, actor, at)
        return any(self._match(p, case, actor, at) is not _NO_MATCH for p in openers)

    def may_read(self, case: Case, actor: Actor, at: _dt.date) -> bool:
        """Whether ``actor`` takes part in ``case``: a body named in it, a superior, or one of its people.

        The engine asks this of moves open to any party and of openings without openers. What a reader
        may *see* is decided by the visibility rules (:class:`~kiemtra._workflow._visibility.Visibility`),
        whose default is this same rule.
        """
        if isinstance(actor, SystemActor):
            return self.system_reads_all
        if isinstance(actor, OutsidePerson):
            return any(actor.person_id == pid for _, pid in case.people)
        if isinstance(actor, MemberActor) and any(actor.member_id == pid for _, pid in case.people):
            return True
        org = actor.body.org_id
        named = case.org_ids()
        if org in named:
            return True
        return any(org in self._superiors(o, at) for o in named)
