"""Findings open cases: a sign of violation opens an inspection, a ground for removal opens a removal.

:func:`open_from_findings` takes the findings table of :meth:`kiemtra.Engine.audit` and opens, for each
subject, the procedure its findings call for, with every finding as a ground
(``Ground("finding", "<rule_id>:<subject_id>:<period_start>")``). A finding that is already the ground of a
case of that procedure opens nothing: running it twice on the same findings opens nothing new.

:func:`open_for_person` opens a case against a person an earlier case found responsible (a cell's
treasurer after a finance inspection), with that case as its ground.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

import pendulum

from kiemtra._errors import TransitionNotAllowed
from kiemtra._model._actor import Actor, Body, BodyActor, MemberActor
from kiemtra._rules._explanation import Explanation
from kiemtra._rules._rule import Consequence, finding_ref
from kiemtra._time import VIETNAM_ZONE, as_instant
from kiemtra._workflow._case import Case, Ground, Subject
from kiemtra._workflow._directory import Directory
from kiemtra._workflow._engine import Engine
from kiemtra.rulebooks.vn._procedures import (
    DENUNCIATION,
    INSPECTION_ON_SIGNS,
    OVERSIGHT_DUTIES,
    PARTY_FINANCE,
    PROCEEDING,
    REMOVAL_FROM_ROLL,
    THEMATIC_INSPECTION,
    outcome_of,
)
from kiemtra.rulebooks.vn._procedures._common import CELL, DECIDING, INSPECTING, SUPERIOR

__all__ = [
    "FOLLOW_UP_OUTCOMES",
    "PROCEDURE_FOR",
    "finding_ground",
    "open_for_person",
    "open_from_findings",
]

PROCEDURE_FOR: Final[Mapping[str, str]] = {
    Consequence.SIGN_OF_VIOLATION.value: INSPECTION_ON_SIGNS,
    Consequence.REMOVAL_GROUND.value: REMOVAL_FROM_ROLL,
}
"""The procedure each kind of finding opens."""

FOLLOW_UP_OUTCOMES: Final[Mapping[str, frozenset[str]]] = {
    PARTY_FINANCE: frozenset({"violation"}),
    OVERSIGHT_DUTIES: frozenset({"signs_of_violation"}),
    THEMATIC_INSPECTION: frozenset({"signs_of_violation"}),
    INSPECTION_ON_SIGNS: frozenset({"violation_to_discipline_level"}),
    DENUNCIATION: frozenset({"true", "partly_true"}),
}
"""The outcomes of an earlier case that let :func:`open_for_person` proceed against a person it found
responsible."""

PartiesFor = Callable[[str, Subject, pendulum.Date], Mapping[str, Body]]
"""``(procedure, subject, day) -> parties``: who plays which part in a new case."""


def finding_ground(row: Mapping[str, Any]) -> Ground:
    """The ground a finding row gives a case: ``finding`` with its :func:`~kiemtra.rules.finding_ref`."""
    return Ground("finding", finding_ref(row))


def _subject(row: Mapping[str, Any], directory: Directory | None, day: pendulum.Date) -> Subject:
    kind = row["subject_kind"]
    if kind == "member":
        return Subject("member", row["subject_id"], row["org_id"])
    org = row["subject_id"] if kind in ("cell", "organisation") else row["org_id"]
    above = directory.superiors(org, day) if directory is not None else ()
    return Subject("organisation", org, above[0] if above else None)


def ward_parties(
    directory: Directory,
    *,
    inspecting_kind: str = "inspection_commission",
    deciding_kind: str = "standing_committee",
    org_body: Callable[[str, pendulum.Date], Body] | None = None,
) -> PartiesFor:
    """The parties of a new case as a ward's structure gives them on the day.

    The body of the organisation directly above the subject's organisation inspects (its inspection
    commission by default) and decides (its standing committee); the same body one level further up is the
    superior body; the subject's cell (or the subject organisation's own body) is the cell.

    Args:
        directory: The host's organisations on a day.
        inspecting_kind: The kind of body that inspects.
        deciding_kind: The kind of body that decides a removal from the roll.
        org_body: The body that speaks for an organisation subject; by default its cell meeting when the
            directory says it sits at level ``cell``, else its committee.
    """

    def own_body(org: str, day: pendulum.Date) -> Body:
        if org_body is not None:
            return org_body(org, day)
        return Body(org, "cell_meeting" if directory.level(org, day) == "cell" else "committee")

    def parties(procedure: str, subject: Subject, day: pendulum.Date) -> Mapping[str, Body]:
        org = subject.org_id if subject.kind == "member" else subject.id
        assert org is not None
        above = list(directory.superiors(org, day))
        out: dict[str, Body] = {
            CELL: Body(org, "cell_meeting") if subject.kind == "member" else own_body(org, day)
        }
        if subject.kind != "member":
            out["subject_org"] = out[CELL]
        if above:
            out[INSPECTING] = Body(above[0], inspecting_kind)
            if procedure == REMOVAL_FROM_ROLL:
                out[DECIDING] = Body(above[0], deciding_kind)
        if len(above) > 1:
            out[SUPERIOR] = Body(
                above[1], deciding_kind if procedure == REMOVAL_FROM_ROLL else inspecting_kind
            )
        return out

    return parties


def actor_parties(actor: Actor, *, deciding_kind: str = "standing_committee") -> PartiesFor:
    """The parties of a new case when no directory is known: the opening body inspects, the standing
    committee of its organisation decides a removal, and the subject's organisation is the cell.

    Args:
        actor: The body (or its member) opening the cases.
        deciding_kind: The kind of body of the actor's organisation that decides a removal.
    """
    body = actor.body if isinstance(actor, MemberActor | BodyActor) else None

    def parties(procedure: str, subject: Subject, day: pendulum.Date) -> Mapping[str, Body]:
        org = subject.org_id if subject.kind == "member" else subject.id
        assert org is not None
        own = Body(org, "cell_meeting")
        out: dict[str, Body] = (
            {CELL: own} if subject.kind == "member" else {CELL: own, "subject_org": own}
        )
        if body is not None:
            out[INSPECTING] = body
            if procedure == REMOVAL_FROM_ROLL:
                out[DECIDING] = Body(body.org_id, deciding_kind)
        return out

    return parties


def _grounded(engine: Engine, procedures: Iterable[str]) -> set[tuple[str, Ground]]:
    wanted = set(procedures)
    return {
        (c.procedure, g) for c in engine.store.cases() if c.procedure in wanted for g in c.grounds
    }


def open_from_findings(
    engine: Engine,
    findings: Iterable[Mapping[str, Any]],
    actor: Actor,
    at: _dt.datetime | None = None,
    *,
    directory: Directory | None = None,
    parties: PartiesFor | None = None,
    seen: set[tuple[str, Ground]] | None = None,
) -> list[Case]:
    """Open the procedure each finding calls for, one case per subject and procedure, idempotently.

    A finding whose consequence is a sign of violation opens an InspectionOnSignsOfViolation; a ground for
    removal opens a RemovalFromRoll; other findings (reminders, rating inputs, notes) open nothing. A finding
    already the ground of a case of its procedure is left out, so a second run opens nothing new. All the
    cases open together or none does.

    Args:
        engine: The engine (its rulebook must carry the Vietnamese procedures).
        findings: The findings table (:class:`~kiemtra._rules._evaluate.Findings`) or its rows.
        actor: Who opens the cases (the inspecting body, acting as a whole or through its chair).
        at: When; the engine's clock by default.
        directory: The host's organisations, for the subject's cell and the bodies above it; the engine's
            access policy's directory by default.
        parties: Who plays which part; :func:`ward_parties` of the directory by default, or
            :func:`actor_parties` when no directory is known.
        seen: The ``(procedure, ground)`` pairs already taken up, shared by calls over the parts of one
            review: an empty set is filled from the store on first use, and every call adds what it
            opens, so the store is read once instead of once a call. None reads the store each time.

    Returns:
        The cases opened, in the order of the findings.

    Raises:
        PermissionDenied: ``actor`` may not open one of the cases; nothing is opened.
        NotInForce: no version of a procedure is in force on the day.
    """
    when = engine.clock.now() if at is None else as_instant(at, "at")
    local = when.in_timezone(VIETNAM_ZONE)
    day = pendulum.Date(local.year, local.month, local.day)
    known = directory if directory is not None else engine.access.directory
    if parties is not None:
        resolve = parties
    else:
        resolve = ward_parties(known) if known is not None else actor_parties(actor)
    if seen is None:
        seen = _grounded(engine, PROCEDURE_FOR.values())
    elif not seen:
        seen.update(_grounded(engine, PROCEDURE_FOR.values()))
    groups: dict[tuple[str, Subject], list[Ground]] = {}
    data = getattr(findings, "data", None)
    rows: Iterable[Mapping[str, Any]] = (
        # a findings table: only the rows whose consequence opens a case are read
        data.filter(data["consequence"].is_in(list(PROCEDURE_FOR))).iter_rows(named=True)
        if data is not None
        else findings
    )
    for row in rows:
        procedure = PROCEDURE_FOR.get(row["consequence"])
        if procedure is None:
            continue
        ground = finding_ground(row)
        if (procedure, ground) in seen:
            continue
        seen.add((procedure, ground))
        groups.setdefault((procedure, _subject(row, known, day)), []).append(ground)
    opened: list[Case] = []
    with engine.store.unit_of_work():
        for (procedure, subject), grounds in groups.items():
            opened.append(
                engine.open(
                    procedure,
                    subject,
                    grounds,
                    actor,
                    when,
                    parties=resolve(procedure, subject, day),
                )
            )
    return opened


def open_for_person(
    engine: Engine,
    case_id: str,
    member_id: str,
    actor: Actor,
    at: _dt.datetime | None = None,
    *,
    org_id: str,
    procedure: str = PROCEEDING,
    parties: Mapping[str, Body] | None = None,
) -> Case:
    """Open a case of ``procedure`` against ``member_id``, whom case ``case_id`` found responsible.

    The earlier case must have concluded with an outcome that finds a violation (:data:`FOLLOW_UP_OUTCOMES`):
    a finance inspection whose fund audit found the cell's books wrong opens a proceeding against the
    cell's treasurer. The new case's ground is the earlier case, its inspecting and deciding body the
    earlier case's inspecting body, and the earlier case's team may not decide it. Asking twice gives back
    the case already opened.

    Args:
        engine: The engine.
        case_id: The earlier case.
        member_id: The member found responsible.
        actor: Who opens the case (and reads the earlier one).
        at: When; the engine's clock by default.
        org_id: The member's cell.
        procedure: The procedure to open.
        parties: Who plays which part, instead of those taken from the earlier case.

    Raises:
        TransitionNotAllowed: the earlier case found no violation (its explanation says which outcome it has).
        PermissionDenied: ``actor`` may not read the earlier case or open the new one.
    """
    parent = engine.case(case_id, actor)
    events = engine.history(case_id, actor)
    outcome = outcome_of(parent.procedure, events)
    allowed = FOLLOW_UP_OUTCOMES.get(parent.procedure, frozenset())
    if outcome not in allowed:
        reason = Explanation(
            "vn.procedure.follow_up",
            parent.version,
            "vn.blocked.no_finding_against_person",
            args={"case": parent.id, "outcome": outcome or "none", "member": member_id},
            inputs={"procedure": parent.procedure},
        )
        raise TransitionNotAllowed(parent.id, parent.state, "open_for_person", [reason])
    ground = Ground("case", parent.id)
    for existing in engine.store.cases():
        if (
            existing.procedure == procedure
            and existing.subject.id == member_id
            and ground in existing.grounds
        ):
            return existing
    chosen = (
        dict(parties)
        if parties is not None
        else {
            k: b
            for k, b in {
                DECIDING: parent.party(INSPECTING),
                INSPECTING: parent.party(INSPECTING),
                CELL: Body(org_id, "cell_meeting"),
                SUPERIOR: parent.party(SUPERIOR),
            }.items()
            if b is not None
        }
    )
    team = [("parent_team", pid) for pid in parent.persons("team")]
    return engine.open(
        procedure,
        Subject("member", member_id, org_id),
        [ground],
        actor,
        at,
        parties=chosen,
        people=team,
        parent=parent.id,
    )
