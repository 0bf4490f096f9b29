"""Discipline: the DisciplinaryProceeding, and the DisciplinaryComplaintResolution against its decision.

State lists from regulations.md (b)7 and (b)8. The guards call the law of sanctions in
:mod:`kiemtra._sanctions` with the Vietnamese data of :mod:`kiemtra.rulebooks.vn._sanctions` and
:mod:`kiemtra.rulebooks.vn._competence`:

* before anything, **deferral** (pregnancy, a child under the age a parameter gives, serious illness in
  hospital: :func:`~kiemtra._sanctions._limitation.deferral`, on the day of the step) and **limitation**
  (:func:`~kiemtra._sanctions._limitation.limitation`, governed by the violation's date);
* the **secret ballot** (:func:`~kiemtra._sanctions._ballot.count_ballots`): the forms on the paper must be
  forms the subject may receive for a violation on its date (:func:`~kiemtra._sanctions._forms.check_form`);
  a first ballot with expulsion on the paper is a proposal (two-thirds), and when no form has its majority
  the votes count cumulatively from the heaviest form down;
* **competence** (:func:`~kiemtra._sanctions._forms.check_competence`), when the procedures are built with
  the host's directory: a body decides only the forms it may decide on the day, and proposes the rest;
* the **complaint window** (:func:`~kiemtra._sanctions._effect.complaint_in_time`) and the **lapse of
  effect** (:func:`~kiemtra._sanctions._effect.sanction_effect`).

Versions: ``2016`` (QĐ 30) has no deferral step, because regulations.md encodes the deferral rule only
from QĐ 22 Art 9 k7; ``2021`` (QĐ 22) has it; ``2025`` (QĐ 296) adds Art 12 k2.1: a member who repeatedly
fails to attend without good reason is processed in their absence. The complaint resolution gains the
restoration record of QĐ 117-QĐ/TW (18/8/2023) for an annulled sanction.
"""

from __future__ import annotations

from typing import Final

import attrs
import pendulum

from kiemtra._errors import KiemtraError, SanctionNotAllowed
from kiemtra._model._actor import BodyActor, MemberActor
from kiemtra._rules._explanation import Explanation
from kiemtra._sanctions._ballot import BallotPurpose, BallotResult, count_ballots, expulsion_stands
from kiemtra._sanctions._effect import (
    ComplaintOutcome,
    ComplaintRecord,
    EffectState,
    complaint_in_time,
    complaint_window,
    sanction_effect,
)
from kiemtra._sanctions._forms import (
    Decision,
    Power,
    SanctionSubject,
    check_competence,
    check_form,
    relation_between,
)
from kiemtra._sanctions._limitation import (
    LimitationResult,
    LimitationState,
    Violation,
    deferral,
    limitation,
)
from kiemtra._workflow._context import GuardContext
from kiemtra._workflow._definition import (
    Link,
    Move,
    Procedure,
    ProcedureVersion,
    Requirement,
    State,
)
from kiemtra._workflow._directory import Directory
from kiemtra.rulebooks.vn import _sources as s
from kiemtra.rulebooks.vn._competence import COMPETENCE
from kiemtra.rulebooks.vn._procedures._common import (
    CELL,
    DECIDED_BODY,
    DECIDING,
    INSPECTING,
    QD22,
    QD30,
    QD117,
    QD296,
    QD_117,
    RM,
    SUBJECT,
    SUBJECT_ORG,
    SUPERIOR,
    Guard,
    block,
    entered_on,
    era,
    fired,
    lead,
    opened_on,
    record,
)
from kiemtra.rulebooks.vn._procedures._evidence import (
    BallotRecord,
    ComplaintFacts,
    RestorationRecord,
    SanctionRecord,
    ViolationFacts,
)
from kiemtra.rulebooks.vn._sanctions import (
    COMPLAINTS,
    DEFERRAL,
    EFFECT,
    FORMS,
    LIMITATION,
    VOTES,
    Form,
)

__all__ = [
    "COMPLAINT_RESOLUTION",
    "DECIDE_TRIGGERS",
    "PROCEEDING",
    "complaint_resolution",
    "disciplinary_proceeding",
]

PROCEEDING: Final = "DisciplinaryProceeding"
COMPLAINT_RESOLUTION: Final = "DisciplinaryComplaintResolution"
REQ = Requirement

DECIDE_TRIGGERS: Final = {
    "decide_reprimand": Form.REPRIMAND.value,
    "decide_warning": Form.WARNING.value,
    "decide_removal_from_post": Form.REMOVAL_FROM_POST.value,
    "decide_expulsion": Form.EXPULSION.value,
    "decide_dissolution": Form.DISSOLUTION.value,
}
"""The moves by which a body decides a form at its own ballot, and the form each decides."""

_QD22_15 = s.QD_22.cite("Art 15", source="dongnai.dcs.vn; lawnet.vn 102305")
_QD296_12 = s.QD_296.cite("Art 12", "k1, k2.1", source="quiz bank Q28, Q33")
_QD22_9 = s.QD_22.cite("Art 9", "k7", source="uybankiemtra.laocai.org.vn")
_CHARTER_39 = s.CHARTER_2011.cite("Art 39", "k7, k9", source="dangcongsan.vn Q&A 428680")
_QD296_23 = s.QD_296.cite("Art 23", source="quiz bank Q67")
_QD22_22 = s.QD_22.cite("Art 22", source="lawnet.vn")
_QD117 = QD_117.cite(source="thuvienphapluat QĐ 117 page")
_FACTS = "vn.procedure.facts"


def _invalid(ctx: GuardContext, exc: KiemtraError) -> Explanation:
    """A block for facts the law of sanctions refuses (a decision before the violation, an unknown form)."""
    found = getattr(exc, "explanation", None)
    if isinstance(found, Explanation):
        return found
    return block(ctx, _FACTS, "vn.blocked.facts_invalid", error=exc.message)


# -- before the proceeding goes on: deferral and limitation ----------------------------------------------
def _limitation(
    ctx: GuardContext, facts: ViolationFacts
) -> Decision[LimitationResult] | Explanation:
    opened = opened_on(ctx)
    try:
        violation = Violation(
            SanctionSubject(facts.subject_status),
            facts.level,
            facts.committed_on,
            facts.ended_on,
            facts.kinds,
        )
        return limitation(
            LIMITATION,
            ctx.rulebook,
            ctx.calendar,
            violation,
            decided_to_inspect_on=facts.decided_to_inspect_on or opened,
            concluded_on=facts.concluded_on or max(opened, facts.decided_to_inspect_on or opened),
            new_violations=facts.new_violations,
            as_of=ctx.day,
        )
    except KiemtraError as exc:
        return _invalid(ctx, exc)
    except ValueError as exc:  # a subject status that is not a SanctionSubject
        return block(ctx, _FACTS, "vn.blocked.facts_invalid", error=str(exc))


def _deferral_decision(ctx: GuardContext, facts: ViolationFacts) -> tuple[bool, Explanation]:
    found = deferral(DEFERRAL, ctx.rulebook, facts.situation, on=ctx.day)
    return found.value.deferred, found.explanation


def _precheck(want: str, *, defers: bool) -> Guard:
    """A guard on the first steps: ``want`` is ``defer``, ``resume``, ``bar`` or ``proceed``."""

    def precheck(ctx: GuardContext) -> Explanation | None:
        facts = record(ctx, "violation", ViolationFacts)
        if isinstance(facts, Explanation):
            return facts
        if want in ("defer", "resume") or (want == "proceed" and defers):
            try:
                deferred, why = _deferral_decision(ctx, facts)
            except KiemtraError as exc:
                return _invalid(ctx, exc)
            if want == "defer":
                return None if deferred else why
            if deferred:
                return why
            if want == "resume":
                return None
        lim = _limitation(ctx, facts)
        if isinstance(lim, Explanation):
            return lim
        expired = lim.value.state is LimitationState.EXPIRED
        if want == "bar":
            return None if expired else lim.explanation
        return lim.explanation if expired else None

    precheck.__name__ = f"precheck_{want}"
    return precheck


# -- the ballot ---------------------------------------------------------------------------------------
def _tally(
    ctx: GuardContext, rec: BallotRecord, purpose: BallotPurpose
) -> Decision[BallotResult] | Explanation:
    try:
        subject = SanctionSubject(rec.subject_status)
    except ValueError:
        return block(
            ctx, _FACTS, "vn.blocked.facts_invalid", error=f"unknown subject {rec.subject_status!r}"
        )
    try:
        choices = [
            check_form(FORMS, code, subject, holds_post=rec.holds_post, on=rec.violation_on).value
            for code in rec.choices
        ]
        return count_ballots(
            VOTES,
            FORMS,
            choices,
            rec.ballots,
            members=rec.members,
            voted_on=ctx.day,
            rulebook=ctx.rulebook,
            purpose=purpose,
            present=rec.present,
        )
    except SanctionNotAllowed as exc:
        return _invalid(ctx, exc)
    except KiemtraError as exc:
        return _invalid(ctx, exc)


def _first_purpose(rec: BallotRecord) -> BallotPurpose:
    """A ballot with a two-stage form (expulsion) on the paper proposes; any other decides (row 16)."""
    return (
        BallotPurpose.PROPOSE
        if any(c in VOTES.two_stage for c in rec.choices)
        else BallotPurpose.DECIDE
    )


def _carried_other(
    ctx: GuardContext, tally: Decision[BallotResult], asked: str | None
) -> Explanation:
    """The ballot's own explanation, re-keyed as the block: it carried another form than the one asked."""
    found = tally.explanation
    return attrs.evolve(
        found,
        message_key="vn.blocked.ballot_carried_other",
        args={
            **found.args,
            "asked": asked or "none",
            "carried": tally.value.outcome or "none",
            "trigger": ctx.move.trigger,
        },
    )


def _ballots(ctx: GuardContext) -> tuple[BallotRecord, BallotRecord | None] | Explanation:
    own = record(ctx, "ballot", BallotRecord)
    if isinstance(own, Explanation):
        return own
    proposal = next(
        (
            e
            for e in ctx.evidence
            if getattr(e, "kind", None) == "proposal_ballot" and isinstance(e, BallotRecord)
        ),
        None,
    )
    return own, proposal


def _decided_form(ctx: GuardContext, form: str | None) -> tuple[str | None, Explanation | None]:
    """The form the body's ballot carried and the block, if any, for deciding ``form`` (None: no form)."""
    found = _ballots(ctx)
    if isinstance(found, Explanation):
        return None, found
    own, proposal = found
    if proposal is None:
        tally = _tally(ctx, own, _first_purpose(own))
        if isinstance(tally, Explanation):
            return None, tally
        carried = tally.value.outcome
        if carried != form:
            return carried, _carried_other(ctx, tally, form)
        if form in VOTES.two_stage:
            return carried, block(
                ctx,
                "vn.procedure.two_stage",
                "vn.blocked.two_stage_needs_proposal",
                citations=(_QD22_15,),
                form=form,
            )
        return carried, None
    proposed = _tally(ctx, proposal, BallotPurpose.PROPOSE)
    if isinstance(proposed, Explanation):
        return None, proposed
    decided = _tally(ctx, own, BallotPurpose.DECIDE)
    if isinstance(decided, Explanation):
        return None, decided
    carried = decided.value.outcome
    if carried != form:
        return carried, _carried_other(ctx, decided, form)
    if form in VOTES.two_stage:
        stands = expulsion_stands(VOTES, proposed, decided)
        if not stands.value:
            return carried, stands.explanation
    return carried, None


def _decide(form: str) -> Guard:
    def ballot_carried(ctx: GuardContext) -> Explanation | None:
        return _decided_form(ctx, form)[1]

    ballot_carried.__name__ = f"ballot_carried_{form}"
    return ballot_carried


def _no_sanction(ctx: GuardContext) -> Explanation | None:
    """The body's ballot carried no form (or its majority voted for none)."""
    return _decided_form(ctx, None)[1]


def _propose(ctx: GuardContext) -> Explanation | None:
    """The body's ballot carried a form to propose to the level above."""
    own = record(ctx, "ballot", BallotRecord)
    if isinstance(own, Explanation):
        return own
    tally = _tally(ctx, own, BallotPurpose.PROPOSE)
    if isinstance(tally, Explanation):
        return tally
    if tally.value.outcome is None:
        return _carried_other(ctx, tally, "any")
    return None


def _proposal_and_decision(
    ctx: GuardContext,
) -> tuple[Decision[BallotResult], Decision[BallotResult]] | Explanation:
    found = _ballots(ctx)
    if isinstance(found, Explanation):
        return found
    own, proposal = found
    if proposal is None:
        return block(ctx, _FACTS, "vn.blocked.facts_missing", kind="proposal_ballot")
    proposed = _tally(ctx, proposal, BallotPurpose.PROPOSE)
    if isinstance(proposed, Explanation):
        return proposed
    decided = _tally(ctx, own, BallotPurpose.DECIDE)
    if isinstance(decided, Explanation):
        return decided
    return proposed, decided


def _higher(outcome: str) -> Guard:
    """The higher body's ballot approves, changes or annuls the proposal."""

    def higher_decision(ctx: GuardContext) -> Explanation | None:
        found = _proposal_and_decision(ctx)
        if isinstance(found, Explanation):
            return found
        proposed, decided = found
        p, d = proposed.value.outcome, decided.value.outcome
        if p is None:
            return _carried_other(ctx, proposed, "any")
        ok = {"approve": d == p, "change": d is not None and d != p, "annul": d is None}[outcome]
        if not ok:
            return _carried_other(ctx, decided, p if outcome == "approve" else None)
        if outcome == "approve" and p in VOTES.two_stage:
            stands = expulsion_stands(VOTES, proposed, decided)
            return None if stands.value else stands.explanation
        return None

    higher_decision.__name__ = f"higher_{outcome}"
    return higher_decision


# -- competence (with the host's directory) ------------------------------------------------------------
def competence_guard(directory: Directory) -> Guard:
    """A guard: the acting body may decide the form (or, for ``propose``, only propose it) on the day of the
    step, by the Vietnamese competence table (:data:`~kiemtra.rulebooks.vn._competence.COMPETENCE`)."""

    def sanction_competence(ctx: GuardContext) -> Explanation | None:
        trigger = ctx.move.trigger
        found = _ballots(ctx)
        own = found[0] if not isinstance(found, Explanation) else None
        form = DECIDE_TRIGGERS.get(trigger)
        if form is None and own is not None:
            purpose = BallotPurpose.PROPOSE if trigger == "propose" else BallotPurpose.DECIDE
            tally = _tally(ctx, own, purpose)
            form = None if isinstance(tally, Explanation) else tally.value.outcome
        if form is None:
            return None  # the ballot guard says why
        actor = ctx.actor
        if not isinstance(actor, MemberActor | BodyActor):
            return block(
                ctx, COMPETENCE.rule_id, "sanction.competence.none", body=str(actor), form=form
            )
        subject = ctx.case.subject
        subject_org = subject.id if subject.kind == "organisation" else subject.org_id
        relation = None
        if subject_org is not None:
            relation = relation_between(
                actor.body.org_id, subject_org, directory.superiors(subject_org, ctx.day)
            )
        verdict = check_competence(
            COMPETENCE,
            body=actor.body,
            level=directory.level(actor.body.org_id, ctx.day),
            subject=subject.kind if subject.kind in ("member", "organisation") else "member",
            relation=relation,
            form=form,
            on=ctx.day,
            higher_level_task=bool(own is not None and own.higher_level_task),
        )
        if trigger == "propose":
            if verdict.value.may_decide:
                return attrs.evolve(
                    verdict.explanation, message_key="vn.blocked.decide_not_propose"
                )
            return None if verdict.value.power is Power.PROPOSE else verdict.explanation
        return None if verdict.value.may_decide else verdict.explanation

    return sanction_competence


# -- announcement, complaint window, effect -------------------------------------------------------------
def _receipt_day(ctx: GuardContext) -> pendulum.Date:
    for item in ctx.evidence:
        if getattr(item, "kind", None) == "receipt" and getattr(item, "on", None) is not None:
            on = item.on
            return pendulum.Date(on.year, on.month, on.day)
    return entered_on(ctx)


def _in_time(ctx: GuardContext) -> Explanation | None:
    """The complaint was sent within the window (row 28, (e)2); the last day is in time."""
    facts = record(ctx, "complaint", ComplaintFacts)
    if isinstance(facts, Explanation):
        return facts
    announced = entered_on(ctx)
    try:
        found = complaint_in_time(
            COMPLAINTS,
            ctx.rulebook,
            ctx.calendar,
            announced_on=announced,
            filed_on=facts.filed_on,
            received_on=facts.received_on or announced,
        )
    except KiemtraError as exc:
        return _invalid(ctx, exc)
    return None if found.value else found.explanation


def _window_closed(ctx: GuardContext) -> Explanation | None:
    """The window to complain has closed without a complaint."""
    announced = entered_on(ctx)
    try:
        window = complaint_window(
            COMPLAINTS,
            ctx.rulebook,
            ctx.calendar,
            announced_on=announced,
            received_on=_receipt_day(ctx),
        )
    except KiemtraError as exc:
        return _invalid(ctx, exc)
    if window.value.is_overdue(ctx.day):
        return None
    return attrs.evolve(window.explanation, message_key="vn.blocked.window_still_open")


def _lapsed(ctx: GuardContext) -> Explanation | None:
    """The sanction has ceased: its effect period ran out with no complaint pending and no new violation."""
    rec = record(ctx, "sanction", SanctionRecord)
    if isinstance(rec, Explanation):
        return rec
    try:
        complaint = None
        if rec.complaint_filed_on is not None:
            outcome = (
                None if rec.complaint_outcome is None else ComplaintOutcome(rec.complaint_outcome)
            )
            complaint = ComplaintRecord(rec.complaint_filed_on, rec.complaint_decided_on, outcome)
        found = sanction_effect(
            EFFECT,
            FORMS,
            ctx.rulebook,
            ctx.calendar,
            form=rec.form,
            announced_on=rec.announced_on,
            on=ctx.day,
            complaint=complaint,
            new_violation_on=rec.new_violation_on,
        )
    except KiemtraError as exc:
        return _invalid(ctx, exc)
    except ValueError as exc:  # an outcome that is not one of ComplaintOutcome's
        return block(ctx, _FACTS, "vn.blocked.facts_invalid", error=str(exc))
    return None if found.value.state is EffectState.LAPSED else found.explanation


def _permanent(ctx: GuardContext) -> Explanation | None:
    """The form does not lapse (expulsion, dissolution): the case closes with the sanction in force."""
    rec = record(ctx, "sanction", SanctionRecord)
    if isinstance(rec, Explanation):
        return rec
    try:
        form = FORMS.form(rec.form)
    except KiemtraError as exc:
        return _invalid(ctx, exc)
    if not form.lapses:
        return None
    return block(ctx, "vn.procedure.effect", "vn.blocked.form_lapses", form=rec.form)


# -- the proceeding ---------------------------------------------------------------------------------------
def _proceeding_version(
    version: str,
    start: pendulum.Date,
    end: pendulum.Date | None,
    *,
    defers: bool,
    in_absence: bool,
    competence: Guard | None,
) -> ProcedureVersion:
    checked = [competence] if competence is not None else []
    violation = REQ(["violation"])
    deciders = [lead(DECIDING)]
    states = [
        State("INITIATED"),
        State("BARRED", final=True),
        State("NOT_DISCIPLINED", final=True),
        State("SELF_CRITICISM"),
        State("CELL_MEETING"),
        State("HEARING"),
        State("SECRET_BALLOT"),
        State("PROPOSED_TO_HIGHER"),
        State("DECIDED"),
        State("ANNOUNCED", deadline="complaint.window"),
        State("COMPLAINT_PENDING"),
        State("IN_EFFECT"),
        State("ANNULLED", final=True),
        State("EFFECT_LAPSED", final=True),
        State("CLOSED", final=True),
    ]
    moves = [
        Move(
            "bar_by_limitation",
            ["INITIATED"],
            "BARRED",
            permits=deciders,
            requires=violation,
            guards=[_precheck("bar", defers=defers)],
        ),
        Move(
            "exempt",
            ["INITIATED"],
            "NOT_DISCIPLINED",
            permits=deciders,
            requires=REQ(["exemption_decision"]),
        ),
        Move(
            "proceed",
            ["INITIATED"],
            "SELF_CRITICISM",
            permits=deciders,
            requires=violation,
            guards=[_precheck("proceed", defers=defers)],
        ),
        Move(
            "submit_self_criticism",
            ["SELF_CRITICISM"],
            "CELL_MEETING",
            permits=[SUBJECT, lead(SUBJECT_ORG)],
            requires=REQ(["self_criticism"]),
        ),
        Move(
            "conclude_cell_meeting",
            ["CELL_MEETING"],
            "HEARING",
            permits=[lead(CELL)],
            requires=REQ(["minutes"]),
        ),
        Move(
            "hear_member",
            ["HEARING"],
            "SECRET_BALLOT",
            permits=deciders,
            requires=REQ(["hearing_minutes"]),
        ),
        *(
            Move(
                trigger,
                ["SECRET_BALLOT"],
                "DECIDED",
                permits=deciders,
                requires=REQ(["ballot"]),
                guards=[_decide(form), *checked],
            )
            for trigger, form in DECIDE_TRIGGERS.items()
        ),
        Move(
            "propose",
            ["SECRET_BALLOT"],
            "PROPOSED_TO_HIGHER",
            permits=deciders,
            requires=REQ(["ballot"]),
            guards=[_propose, *checked],
        ),
        Move(
            "no_sanction",
            ["SECRET_BALLOT"],
            "NOT_DISCIPLINED",
            permits=deciders,
            requires=REQ(["ballot"]),
            guards=[_no_sanction],
        ),
        Move(
            "approve_proposal",
            ["PROPOSED_TO_HIGHER"],
            "DECIDED",
            permits=[lead(SUPERIOR)],
            requires=REQ(["proposal_ballot", "ballot"]),
            guards=[_higher("approve"), *checked],
        ),
        Move(
            "change_proposal",
            ["PROPOSED_TO_HIGHER"],
            "DECIDED",
            permits=[lead(SUPERIOR)],
            requires=REQ(["proposal_ballot", "ballot"]),
            guards=[_higher("change"), *checked],
        ),
        Move(
            "annul_proposal",
            ["PROPOSED_TO_HIGHER"],
            "NOT_DISCIPLINED",
            permits=[lead(SUPERIOR)],
            requires=REQ(["proposal_ballot", "ballot"]),
            guards=[_higher("annul")],
        ),
        Move(
            "announce",
            ["DECIDED"],
            "ANNOUNCED",
            permits=[lead(DECIDING), lead(SUPERIOR)],
            requires=REQ(["decision"]),
        ),
        Move(
            "file_complaint",
            ["ANNOUNCED"],
            "COMPLAINT_PENDING",
            permits=[SUBJECT, lead(SUBJECT_ORG)],
            requires=REQ(["complaint"]),
            guards=[_in_time],
            opens=Link(
                COMPLAINT_RESOLUTION,
                {DECIDING: SUPERIOR, DECIDED_BODY: DECIDING, SUBJECT_ORG: SUBJECT_ORG},
            ),
        ),
        Move(
            "close_complaint_window",
            ["ANNOUNCED"],
            "IN_EFFECT",
            permits=[lead(DECIDING), lead(SUPERIOR)],
            guards=[_window_closed],
        ),
        Move(
            "record_complaint_kept",
            ["COMPLAINT_PENDING"],
            "IN_EFFECT",
            permits=[lead(SUPERIOR)],
            requires=REQ(["complaint_decision"]),
        ),
        Move(
            "record_complaint_changed",
            ["COMPLAINT_PENDING"],
            "IN_EFFECT",
            permits=[lead(SUPERIOR)],
            requires=REQ(["complaint_decision"]),
        ),
        Move(
            "record_complaint_annulled",
            ["COMPLAINT_PENDING"],
            "ANNULLED",
            permits=[lead(SUPERIOR)],
            requires=REQ(["complaint_decision"]),
        ),
        Move(
            "lapse",
            ["IN_EFFECT"],
            "EFFECT_LAPSED",
            permits=[lead(DECIDING), lead(SUPERIOR)],
            requires=REQ(["sanction"]),
            guards=[_lapsed],
        ),
        Move(
            "close_permanent",
            ["IN_EFFECT"],
            "CLOSED",
            permits=[lead(DECIDING), lead(SUPERIOR)],
            requires=REQ(["sanction"]),
            guards=[_permanent],
        ),
    ]
    citations = [
        str(s.CHARTER_2011.cite("Art 35–40")),
        str(_QD22_15),
        f"{RM} (b)7, (d), rows 12–29",
    ]
    if defers:
        states.append(State("DEFERRED"))
        moves += [
            Move(
                "defer",
                ["INITIATED"],
                "DEFERRED",
                permits=deciders,
                requires=violation,
                guards=[_precheck("defer", defers=True)],
            ),
            Move(
                "resume",
                ["DEFERRED"],
                "INITIATED",
                permits=deciders,
                requires=violation,
                guards=[_precheck("resume", defers=True)],
            ),
        ]
        citations.append(str(_QD22_9))
    else:
        citations[1] = str(s.QD_30.cite("Art 38", "1.2"))
    if in_absence:
        moves.append(
            Move(
                "proceed_in_absence",
                ["SELF_CRITICISM"],
                "CELL_MEETING",
                permits=[lead(CELL), lead(DECIDING)],
                requires=REQ(["absence_record"]),
            )
        )
        citations.append(str(_QD296_12))
    return ProcedureVersion(
        version,
        era(start, end),
        "INITIATED",
        states,
        moves,
        openers=[lead(DECIDING), lead(INSPECTING), lead(CELL)],
        citations=citations,
    )


def disciplinary_proceeding(directory: Directory | None = None) -> Procedure:
    """DisciplinaryProceeding (thi hành kỷ luật), regulations.md (b)7.

    Args:
        directory: The host's organisations; with it, every decision and proposal is checked against the
            competence table on the day of the step. Without it, only the permits (which body, which role)
            apply.
    """
    guard = None if directory is None else competence_guard(directory)
    return Procedure(
        PROCEEDING,
        [
            _proceeding_version(
                "2016", QD30, QD22, defers=False, in_absence=False, competence=guard
            ),
            _proceeding_version(
                "2021", QD22, QD296, defers=True, in_absence=False, competence=guard
            ),
            _proceeding_version(
                "2025", QD296, None, defers=True, in_absence=True, competence=guard
            ),
        ],
    )


# -- the complaint resolution -------------------------------------------------------------------------------
def _grounds(ctx: GuardContext, facts: ComplaintFacts) -> tuple[list[str], Explanation | None]:
    """The inadmissibility grounds that hold (QĐ 296 Art 23), and the window's explanation when late."""
    grounds: list[str] = []
    late: Explanation | None = None
    if facts.announced_on is not None:
        found = complaint_in_time(
            COMPLAINTS,
            ctx.rulebook,
            ctx.calendar,
            announced_on=facts.announced_on,
            filed_on=facts.filed_on,
            received_on=facts.received_on or facts.announced_on,
        )
        if not found.value:
            grounds.append("late")
            late = found.explanation
    flags = {
        "by_proxy": facts.by_proxy,
        "no_written_decision": not facts.decision_received,
        "handled_by_higher_level": facts.handled_by_higher_level,
        "criminal_sentence": facts.criminal_sentence,
    }
    grounds += [name for name, holds in flags.items() if holds]
    return grounds, late


def _admissibility(want_admissible: bool) -> Guard:
    def admissibility(ctx: GuardContext) -> Explanation | None:
        facts = record(ctx, "complaint", ComplaintFacts)
        if isinstance(facts, Explanation):
            return facts
        if facts.announced_on is None:
            return block(ctx, _FACTS, "vn.blocked.facts_missing", kind="complaint.announced_on")
        try:
            grounds, late = _grounds(ctx, facts)
        except KiemtraError as exc:
            return _invalid(ctx, exc)
        if want_admissible == (not grounds):
            return None
        if want_admissible and late is not None:
            return late
        key = (
            "vn.blocked.complaint_inadmissible"
            if want_admissible
            else "vn.blocked.complaint_admissible"
        )
        return block(
            ctx,
            "vn.procedure.complaint_admissibility",
            key,
            citations=(_QD296_23, _CHARTER_39),
            grounds=", ".join(grounds) or "none",
            evidence=(facts.id,),
        )

    admissibility.__name__ = "admissible" if want_admissible else "inadmissible"
    return admissibility


def _escalable(ctx: GuardContext) -> Explanation | None:
    """A further complaint goes to the next level, up to the final level for the form (QĐ 22 Art 22)."""
    facts = record(ctx, "complaint", ComplaintFacts)
    if isinstance(facts, Explanation):
        return facts
    if fired(ctx, "decide_annul"):
        return block(
            ctx,
            "vn.procedure.complaint_escalation",
            "vn.blocked.nothing_to_escalate",
            citations=(_QD22_22,),
        )
    if facts.at_final_level or ctx.case.party(SUPERIOR) is None:
        return block(
            ctx,
            "vn.procedure.complaint_escalation",
            "vn.blocked.final_level",
            citations=(_QD22_22,),
            form=facts.form,
        )
    return None


def _not_annulled(ctx: GuardContext) -> Explanation | None:
    """An annulled sanction is not closed before the member is restored (QĐ 117-QĐ/TW)."""
    if not fired(ctx, "decide_annul"):
        return None
    return block(
        ctx, "vn.procedure.restoration", "vn.blocked.restoration_required", citations=(_QD117,)
    )


def _annulled(ctx: GuardContext) -> Explanation | None:
    if fired(ctx, "decide_annul"):
        return None
    return block(ctx, "vn.procedure.restoration", "vn.blocked.not_annulled", citations=(_QD117,))


def _restored(ctx: GuardContext) -> Explanation | None:
    """The apology was made and the posts and rights lost were restored (QĐ 117-QĐ/TW)."""
    rec = record(ctx, "restoration_record", RestorationRecord)
    if isinstance(rec, Explanation):
        return rec
    missing = [
        name
        for name, done in (
            ("apology", rec.apologised_on is not None),
            ("posts", rec.posts_restored),
            ("rights", rec.rights_restored),
        )
        if not done
    ]
    if not missing:
        return None
    return block(
        ctx,
        "vn.procedure.restoration",
        "vn.blocked.restoration_incomplete",
        citations=(_QD117,),
        missing=", ".join(missing),
        evidence=(rec.id,),
    )


def _complaint_version(
    version: str, start: pendulum.Date, end: pendulum.Date | None, *, restoration: bool
) -> ProcedureVersion:
    complainant = [SUBJECT, lead(SUBJECT_ORG)]
    resolvers = [lead(DECIDING)]
    decide = REQ(["complaint", "review_report", "decision"])
    admissible = _admissibility(True)
    states = [
        State("RECEIVED", deadline="complaint.resolution.provincial_and_below"),
        State("INADMISSIBLE", final=True),
        State("WITHDRAWN", final=True),
        State("DECIDED"),
        State("NOTIFIED"),
        State("CLOSED", final=True),
        State("ESCALATED", final=True),
    ]
    moves = [
        Move(
            "reject_inadmissible",
            ["RECEIVED"],
            "INADMISSIBLE",
            permits=resolvers,
            requires=REQ(["complaint", "inadmissibility_notice"]),
            guards=[_admissibility(False)],
        ),
        Move(
            "decide_keep",
            ["RECEIVED"],
            "DECIDED",
            permits=resolvers,
            requires=decide,
            guards=[admissible],
        ),
        Move(
            "decide_change",
            ["RECEIVED"],
            "DECIDED",
            permits=resolvers,
            requires=decide,
            guards=[admissible],
        ),
        Move(
            "decide_annul",
            ["RECEIVED"],
            "DECIDED",
            permits=resolvers,
            requires=decide,
            guards=[admissible],
        ),
        Move(
            "withdraw",
            ["RECEIVED"],
            "WITHDRAWN",
            permits=complainant,
            requires=REQ(["withdrawal_letter"]),
        ),
        Move("notify", ["DECIDED"], "NOTIFIED", permits=resolvers, requires=REQ(["notice"])),
        Move(
            "close",
            ["NOTIFIED"],
            "CLOSED",
            permits=resolvers,
            guards=[_not_annulled] if restoration else [],
        ),
        Move(
            "escalate",
            ["NOTIFIED"],
            "ESCALATED",
            permits=complainant,
            requires=REQ(["complaint"]),
            guards=[_escalable],
            opens=Link(
                COMPLAINT_RESOLUTION,
                {DECIDING: SUPERIOR, DECIDED_BODY: DECIDING, SUBJECT_ORG: SUBJECT_ORG},
            ),
        ),
    ]
    citations = [
        str(_CHARTER_39),
        str(_QD22_22),
        str(_QD296_23),
        f"{RM} (b)8, rows 28–30, (e)2, (e)3",
    ]
    if restoration:
        restorers = [lead(DECIDING), lead(DECIDED_BODY)]
        states += [State("RESTORATION"), State("RESTORED", final=True)]
        moves += [
            Move(
                "start_restoration",
                ["NOTIFIED"],
                "RESTORATION",
                permits=restorers,
                guards=[_annulled],
            ),
            Move(
                "record_restoration",
                ["RESTORATION"],
                "RESTORED",
                permits=restorers,
                requires=REQ(["restoration_record"]),
                guards=[_restored],
            ),
        ]
        citations.append(str(_QD117))
    return ProcedureVersion(
        version,
        era(start, end),
        "RECEIVED",
        states,
        moves,
        openers=[SUBJECT, lead(SUBJECT_ORG), *resolvers],
        citations=citations,
    )


def complaint_resolution() -> Procedure:
    """DisciplinaryComplaintResolution (giải quyết khiếu nại kỷ luật đảng), regulations.md (b)8.

    While the complaint is pending the sanction stays in force (Charter 2011 Art 39 k9): the proceeding
    waits in ``COMPLAINT_PENDING`` until the resolver records the outcome there. Version ``2016`` closes an
    annulment like any decision; version ``2023`` (QĐ 117-QĐ/TW) requires the restoration record first.
    """
    return Procedure(
        COMPLAINT_RESOLUTION,
        [
            _complaint_version("2016", QD30, QD117, restoration=False),
            _complaint_version("2023", QD117, None, restoration=True),
        ],
    )


OUTCOMES: Final = {
    PROCEEDING: {
        "defer": "deferred",
        "bar_by_limitation": "barred_by_limitation",
        "exempt": "exempted",
        "no_sanction": "no_sanction",
        **DECIDE_TRIGGERS,
        "propose": "proposed_to_higher",
        "approve_proposal": "proposal_approved",
        "change_proposal": "proposal_changed",
        "annul_proposal": "proposal_annulled",
        "record_complaint_annulled": "annulled_on_complaint",
        "lapse": "effect_lapsed",
        "close_permanent": "permanent",
    },
    COMPLAINT_RESOLUTION: {
        "reject_inadmissible": "inadmissible",
        "withdraw": "withdrawn",
        "decide_keep": "kept",
        "decide_change": "changed",
        "decide_annul": "annulled",
        "escalate": "escalated",
        "record_restoration": "restored",
    },
}
"""The outcome each deciding move records."""

GUARD_KEYS: Final = (
    "vn.blocked.facts_missing",
    "vn.blocked.facts_invalid",
    "vn.blocked.ballot_carried_other",
    "vn.blocked.two_stage_needs_proposal",
    "vn.blocked.decide_not_propose",
    "vn.blocked.window_still_open",
    "vn.blocked.form_lapses",
    "vn.blocked.complaint_inadmissible",
    "vn.blocked.complaint_admissible",
    "vn.blocked.nothing_to_escalate",
    "vn.blocked.final_level",
    "vn.blocked.restoration_required",
    "vn.blocked.not_annulled",
    "vn.blocked.restoration_incomplete",
)
"""The message keys of this module's own guards (the law of sanctions brings its own)."""

SANCTION_KEYS: Final = (
    "sanction.deferral.deferred",
    "sanction.deferral.not_deferred",
    "sanction.limitation.unlimited",
    "sanction.limitation.running",
    "sanction.limitation.in_time",
    "sanction.limitation.expired",
    "sanction.ballot.two_stage_fails",
    "sanction.competence.none",
    "sanction.competence.propose",
    "complaint.window.late",
    "sanction.effect.in_force",
    "sanction.effect.complaint_pending",
    "sanction.effect.new_violation",
    "sanction.effect.permanent",
    "sanction.effect.annulled",
    "sanction.form.not_for_subject",
    "sanction.form.needs_post",
)
"""Message keys of the law of sanctions that this module's guards may return as blocks."""
