"""Cases and events: the small state a case holds, and the record every move leaves."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import pendulum

from kiemtra._errors import InvalidInput
from kiemtra._model._actor import Actor, Body, BodyActor, MemberActor, OutsidePerson, SystemActor

if TYPE_CHECKING:
    from kiemtra._calendar import Deadline

__all__ = ["Case", "Event", "Ground", "Subject", "actor_key", "org_ids_of"]

SUBJECT_KINDS = ("member", "organisation", "other")


@attrs.frozen
class Subject:
    """Whom or what a case is about.

    Args:
        kind: ``"member"``, ``"organisation"`` or ``"other"``.
        id: The member's or organisation's id.
        org_id: The organisation the subject belongs to (a member's cell), if any.
    """

    kind: str = attrs.field(validator=attrs.validators.in_(SUBJECT_KINDS))
    id: str = attrs.field(validator=attrs.validators.min_len(1))
    org_id: str | None = None


@attrs.frozen
class Ground:
    """Why a case was opened: a finding, a letter, another case, a self-report.

    Args:
        kind: ``"finding"``, ``"letter"``, ``"case"``, ``"self_report"`` or another rulebook kind.
        ref: The id of the finding, letter or case.
    """

    kind: str = attrs.field(validator=attrs.validators.min_len(1))
    ref: str = attrs.field(validator=attrs.validators.min_len(1))


def actor_key(actor: Actor) -> str:
    """A stable short key for an actor, used for separation of duties and the record."""
    if isinstance(actor, MemberActor):
        return f"member:{actor.member_id}"
    if isinstance(actor, BodyActor):
        return f"body:{actor.body}"
    if isinstance(actor, OutsidePerson):
        return f"person:{actor.person_id}"
    if isinstance(actor, SystemActor):
        return f"system:{actor.name}"
    raise InvalidInput("actor", actor, "not an actor")


def org_ids_of(parties: tuple[tuple[str, Body], ...], subject: Subject) -> tuple[str, ...]:
    """The organisations named by a case's parties and subject, in order, without repeats."""
    ids = [b.org_id for _, b in parties]
    if subject.kind == "organisation":
        ids.append(subject.id)
    if subject.org_id is not None:
        ids.append(subject.org_id)
    return tuple(dict.fromkeys(ids))


@attrs.frozen
class Case:
    """The current state of one case; a new snapshot replaces it at every move.

    Args:
        id: The case id.
        procedure: The procedure's name.
        version: The procedure version the case opened under, kept for its whole life.
        state: The current state.
        seq: How many events the case has: its version for optimistic concurrency.
        subject: Whom the case is about.
        grounds: Why it was opened.
        parties: The bodies that play a part, as ``(part, body)`` pairs.
        people: The people who play a part (``("team", member_id)``, ``("denouncer", person_id)``).
        opened_at: When it was opened.
        entered_at: When it entered its current state.
        deadline: The deadline running in the current state, if any.
        extensions: How many times that deadline was extended.
        firers: ``(trigger, actor key)`` of past moves, for separation of duties.
        parent: The case whose move opened this one, if any.
    """

    id: str
    procedure: str
    version: str
    state: str
    seq: int
    subject: Subject
    grounds: tuple[Ground, ...]
    parties: tuple[tuple[str, Body], ...]
    people: tuple[tuple[str, str], ...]
    opened_at: pendulum.DateTime
    entered_at: pendulum.DateTime
    deadline: Deadline | None = None
    extensions: int = 0
    firers: tuple[tuple[str, str], ...] = ()
    parent: str | None = None

    def party(self, name: str) -> Body | None:
        """The body playing part ``name``, or None."""
        for part, body in self.parties:
            if part == name:
                return body
        return None

    def persons(self, part: str) -> tuple[str, ...]:
        """The ids of the people playing part ``part``."""
        return tuple(pid for p, pid in self.people if p == part)

    def person_ids(self, part: str) -> tuple[str, ...]:
        """Like :meth:`persons`, with ``"subject"`` meaning the subject member."""
        if part == "subject":
            return (self.subject.id,) if self.subject.kind == "member" else ()
        return self.persons(part)

    def org_ids(self) -> tuple[str, ...]:
        """Every organisation named in the case: the parties' and the subject's."""
        return org_ids_of(self.parties, self.subject)


@attrs.frozen
class Event:
    """The record of one step of a case.

    Args:
        case_id: The case.
        seq: The step's number in the case, from 1 (the opening).
        kind: ``"open"``, ``"move"`` or ``"extend"``.
        trigger: The move fired (None for an opening).
        source: The state left (None for an opening).
        target: The state entered.
        actor: Who did it.
        at: When.
        procedure: The procedure's name.
        procedure_version: The version the case runs under.
        note: A free note.
        evidence: Ids of the evidence attached.
        params: ``(key, first day of the value used)`` of every parameter read for the step.
        due: The deadline of the state entered, if any.
    """

    case_id: str
    seq: int
    kind: str
    trigger: str | None
    source: str | None
    target: str
    actor: Actor
    at: pendulum.DateTime
    procedure: str
    procedure_version: str
    note: str | None = None
    evidence: tuple[str, ...] = ()
    params: tuple[tuple[str, str], ...] = ()
    due: pendulum.Date | None = None
