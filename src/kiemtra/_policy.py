"""Decision policies: who decides what at each step of a case, and a driver that fires their plans.

A yearly review opens cases from findings; a *decision policy* stands in for the people who then decide
them (the cell that reviews a removal, the commission that concludes an inspection, the ballot). It plans a
case as a list of :class:`Step` values; :func:`drive` fires them through the :class:`~kiemtra.Engine`, so
every guard, permit, deadline and event applies exactly as for a host's own fires. A refused step stops its
case where it is, with the engine's reasons as the outcome's explanation: a policy cannot push a case
somewhere the rulebook does not allow. Nothing here is Vietnamese; the Vietnamese rulebook supplies its
policy (``extras["decision_policy"]``), and a caller can pass any object with the same two methods.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

import attrs
import pendulum

from kiemtra._errors import TransitionNotAllowed
from kiemtra._model._actor import Actor, Body, BodyActor, MemberActor
from kiemtra._rules._explanation import Explanation
from kiemtra._util import to_tuple
from kiemtra._workflow._case import Case, Event
from kiemtra._workflow._engine import Engine

__all__ = ["CaseOutcome", "DecisionPolicy", "PolicyContext", "Step", "drive", "party_actor"]


@attrs.frozen
class Step:
    """One decision of a policy: fire ``trigger``, ``days`` after the previous step.

    Args:
        trigger: The move.
        days: Calendar days after the previous step (or the opening) that it is taken.
        evidence: Evidence records attached (documents, ballots, facts).
        actor: Who fires it; None lets the driver take the first party the move permits (:func:`party_actor`).
        note: A note for the record.
    """

    trigger: str
    days: int = 1
    evidence: tuple[Any, ...] = attrs.field(default=(), converter=to_tuple)
    actor: Actor | None = None
    note: str | None = None


@attrs.frozen
class PolicyContext:
    """What a policy may read when it plans a case.

    Args:
        engine: The engine (its rulebook, calendar and store).
        findings: ``ground ref -> finding row`` of the findings that opened cases.
        explain: ``finding row -> its Explanation``.
        year: The review year.
        subjects: ``member id -> its row of the facts' members table``, for the members the cases are
            about.
        rule_titles: ``rule id -> the message key of its title``, to name the grounds in words.
    """

    engine: Engine
    findings: Mapping[str, Mapping[str, Any]]
    explain: Callable[[Mapping[str, Any]], Explanation]
    year: int
    subjects: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)
    rule_titles: Mapping[str, str] = attrs.field(factory=dict)


@attrs.frozen
class CaseOutcome:
    """Where one case of the review ended, and why.

    Attributes:
        case_id: The case.
        procedure: Its procedure.
        version: The procedure version it opened under.
        subject_kind: ``member`` or ``organisation``.
        subject_id: The member or organisation the case is about.
        org_id: The organisation the subject belongs to (a member's cell), when known.
        grassroots_id: The grassroots organisation above it, when known.
        state: The state the case reached.
        outcome: The outcome its concluding move recorded (``removed``, ``violation_to_discipline_level``,
            ...), or None when it did not conclude.
        sanction: The sanction form decided (``reprimand``, ``warning``, ``dismissal``, ``expulsion``), or
            None.
        path: The states the case passed through, in order, its opening state first.
        explanation: Why it ended there: the decision policy's choice, the inputs it read (the grounds'
            findings), its thresholds and citations; or the engine's reason when a step was refused.
        children: Cases this one opened (a proceeding after an inspection), by id.
    """

    case_id: str
    procedure: str
    version: str
    subject_kind: str
    subject_id: str
    org_id: str | None
    grassroots_id: str | None
    state: str
    outcome: str | None
    sanction: str | None
    path: tuple[str, ...]
    explanation: Explanation
    children: tuple[str, ...] = ()


class DecisionPolicy(Protocol):
    """Plans the steps of a case and explains where it ended."""

    def plan(self, case: Case, context: PolicyContext) -> Sequence[Step]:
        """The steps to take on ``case``, in order (empty: leave it where it is)."""
        ...

    def conclude(
        self,
        case: Case,
        events: Sequence[Event],
        refused: TransitionNotAllowed | None,
        context: PolicyContext,
    ) -> tuple[str | None, str | None, Explanation]:
        """``(outcome, sanction form, explanation)`` of a case after its plan ran.

        Args:
            case: The case as it ended.
            events: The events the plan's steps recorded, in order.
            refused: The refusal that stopped the plan, if one did.
            context: The review's context.
        """
        ...


def party_actor(case: Case, engine: Engine, trigger: str) -> Actor:
    """The first actor the move ``trigger`` permits on ``case``: the body itself when it may act as a
    whole, else its first permitted role (``<org>:<role>``); the subject member for a ``subject`` part.

    Raises:
        TransitionNotAllowed: no part the move permits is bound in the case.
    """
    move = engine.move(case, trigger)
    for permit in move.permits:
        if permit.party == "subject" and case.subject.kind == "member":
            org = case.subject.org_id or case.subject.id
            return MemberActor(case.subject.id, Body(org, "cell_meeting"), "member")
        body = case.party(permit.party)
        if body is None:
            continue
        if permit.body_acts:
            return BodyActor(body)
        if permit.roles:
            return MemberActor(f"{body.org_id}:{permit.roles[0]}", body, permit.roles[0])
    reason = Explanation(
        "workflow.permit",
        case.version,
        "workflow.blocked.not_permitted",
        args={"trigger": trigger, "actor": "-"},
        inputs={"case": case.id, "state": case.state, "parties": "none of the permitted parts"},
    )
    raise TransitionNotAllowed(case.id, case.state, trigger, [reason])


def _children(engine: Engine, case: Case) -> list[Case]:
    found: list[Case] = []
    org = case.subject.org_id or case.subject.id
    lookup = getattr(engine.store, "org_cases", None)
    pool: Iterable[Case] = lookup(org) if lookup is not None else engine.store.cases()
    for other in pool:
        if other.parent == case.id:
            found.append(other)
    return found


def drive(
    engine: Engine,
    cases: Iterable[Case],
    policy: DecisionPolicy,
    context: PolicyContext,
    *,
    grassroots: Mapping[str, str | None] | None = None,
    batch: int = 256,
) -> list[CaseOutcome]:
    """Fire each case's plan, and the plans of the cases its moves open, and say where each ended.

    Cases are driven ``batch`` at a time in one unit of work each, so a store writes them in one
    transaction. A refused step stops its case where it is (the steps before it were legal and stay); the
    refusal's reasons become the outcome's explanation.

    Args:
        engine: The engine.
        cases: The cases to drive.
        policy: Who decides.
        context: What the policy may read.
        grassroots: ``org_id -> grassroots org`` for the outcomes' ``grassroots_id``.
        batch: How many cases share one unit of work.

    Returns:
        One outcome per case driven: the given cases in order, then the cases their moves opened.
    """
    up = grassroots or {}
    out: list[CaseOutcome] = []
    pending = list(cases)
    while pending:
        opened_by: list[
            tuple[int, Case]
        ] = []  # (position in ``out``, the case) of cases that opened others
        for first in range(0, len(pending), batch):
            chunk = pending[first : first + batch]
            with engine.store.unit_of_work():
                preload = getattr(engine.store, "preload", None)
                if preload is not None:  # one read for the batch instead of one a case
                    preload([c.id for c in chunk])
                for case in chunk:
                    outcome, opens = _drive_one(engine, case, policy, context, up)
                    out.append(outcome)
                    if opens:
                        opened_by.append((len(out) - 1, case))
        # children are looked up once their parents' unit has been written
        pending = []
        for index, parent in opened_by:
            kids = _children(engine, parent)
            pending.extend(kids)
            out[index] = attrs.evolve(out[index], children=tuple(k.id for k in kids))
    return out


def _drive_one(
    engine: Engine,
    case: Case,
    policy: DecisionPolicy,
    context: PolicyContext,
    up: Mapping[str, str | None],
) -> tuple[CaseOutcome, bool]:
    path = [case.state]
    events: list[Event] = []
    refused: TransitionNotAllowed | None = None
    opens = False
    when = case.entered_at
    for step in policy.plan(case, context):
        when = when.add(days=step.days)
        try:
            # the parts a case's parties play do not change as it moves: the opened case answers
            actor = step.actor or party_actor(case, engine, step.trigger)
            event = engine.fire(case.id, step.trigger, actor, when, step.note, step.evidence)
        except TransitionNotAllowed as exc:
            refused = exc
            break
        opens = opens or _opens(engine, case, step.trigger)
        events.append(event)
        path.append(event.target)
    current = engine.store.load(case.id) if events else case
    outcome, sanction, why = policy.conclude(current, events, refused, context)
    org = current.subject.org_id if current.subject.kind == "member" else current.subject.id
    return (
        CaseOutcome(
            current.id,
            current.procedure,
            current.version,
            current.subject.kind,
            current.subject.id,
            org,
            up.get(org) if org is not None else None,
            current.state,
            outcome,
            sanction,
            tuple(path),
            why,
        ),
        opens,
    )


def _opens(engine: Engine, case: Case, trigger: str) -> bool:
    return engine.move(case, trigger).opens is not None


def local_day(when: _dt.datetime, zone: str) -> pendulum.Date:
    """The calendar day of ``when`` in ``zone``."""
    local = pendulum.instance(when).in_timezone(zone)
    return pendulum.Date(local.year, local.month, local.day)
