"""The member's standing: removal from the roll, the annual quality classification, and suspension.

State lists from regulations.md (b)9–(b)11:

* **RemovalFromRoll** (xóa tên) is not a sanction. Its grounds are judged by
  :func:`~kiemtra._sanctions._removal.assess_removal` on the day of each step; a full member who deserves
  expulsion is expelled, never struck off instead. The case is opened by the cell, the deciding committee
  or the body whose audit found the ground (``inspecting_body``; see
  :func:`~kiemtra.rulebooks.vn.open_from_findings`).
* **QualityClassification**: self-assessment, the cell's review meeting, (from QĐ 124) appraisal, the
  decision and its publication; from QĐ 124 Art 13 the superior committee may annul a rating and re-rate.
* **Suspension** (đình chỉ) of party activity, of committee membership, or of an organisation, for the
  time limits of row 34, extended once (:meth:`kiemtra.Engine.extend`); a committee member suspended from
  party activity is suspended from the committee too (QĐ 22 Art 28).
"""

from __future__ import annotations

from typing import Final

from kiemtra._errors import ExpulsionRequired, KiemtraError
from kiemtra._rules._explanation import Explanation
from kiemtra._sanctions._removal import assess_removal
from kiemtra._workflow._context import GuardContext
from kiemtra._workflow._definition import Move, Procedure, ProcedureVersion, Requirement, State
from kiemtra.rulebooks.vn import _sources as s
from kiemtra.rulebooks.vn._procedures._common import (
    CELL,
    CHARTER,
    DECIDING,
    INSPECTING,
    QD30,
    QD124,
    QD132,
    RM,
    SUPERIOR,
    Guard,
    block,
    era,
    lead,
    record,
)
from kiemtra.rulebooks.vn._procedures._evidence import RatingRecord, RemovalFacts, SuspensionFacts
from kiemtra.rulebooks.vn._sanctions import REMOVAL

__all__ = [
    "LEVELS",
    "QUALITY",
    "REMOVAL_FROM_ROLL",
    "SUSPENSION",
    "quality_classification",
    "removal_from_roll",
    "suspension",
]

REMOVAL_FROM_ROLL: Final = "RemovalFromRoll"
QUALITY: Final = "QualityClassification"
SUSPENSION: Final = "Suspension"
LEVELS: Final = ("excellent", "good", "completed", "not_completed")
REQ = Requirement

_ART8 = s.CHARTER_2011.cite("Art 8", "k1", source="a copy of the 2011 Charter text")
_QD24 = s.QD_24.cite("8.1", source="c1thule-bd.edu.vn; luatduonggia.vn")
_QD124_13 = s.QD_124.cite("Art 13", source="baohaiduong.vn")
_QD22_28 = s.QD_22.cite("Art 28", source="thutucphapluat.com")
_QD22_31 = s.QD_22.cite("Art 31", source="thuvienphapluat hỏi đáp 5A381; lawnet.vn 119412")


# -- removal from the roll -------------------------------------------------------------------------------
def removal_grounds_hold(ctx: GuardContext) -> Explanation | None:
    """A ground for removal holds on the day of the step, and the member does not deserve expulsion."""
    facts = record(ctx, "removal_grounds", RemovalFacts)
    if isinstance(facts, Explanation):
        return facts
    try:
        found = assess_removal(
            REMOVAL,
            ctx.rulebook,
            ctx.calendar,
            member=facts.member,
            on=ctx.day,
            three_month_findings=facts.findings,
            education=facts.education,
            standing_violation_years=facts.standing_violation_years,
            deserved_form=facts.deserved_form,
        )
    except ExpulsionRequired as exc:
        if exc.explanation is not None:
            return exc.explanation
        return block(ctx, "membership.removal", "vn.blocked.facts_invalid", error=exc.message)
    except KiemtraError as exc:
        return block(ctx, "membership.removal", "vn.blocked.facts_invalid", error=exc.message)
    return None if found.value.removable else found.explanation


def removal_from_roll() -> Procedure:
    """RemovalFromRoll (xóa tên), regulations.md (b)9: one version since the 2011 Charter (Art 8 k1, as
    QĐ 29, QĐ 24 8.1 and QĐ 294 implement it; the steps did not change). The complaint period against a
    removal (QĐ 24 Art 8.2) is not in regulations.md, so the case ends when the member is notified."""
    states = [
        State("GROUND_FOUND"),
        State("CELL_REVIEW"),
        State("PROPOSED"),
        State("DECIDED"),
        State("REMOVED", final=True),
        State("KEPT", final=True),
    ]
    moves = [
        Move("review_in_cell", ["GROUND_FOUND"], "CELL_REVIEW", permits=[lead(CELL)]),
        Move(
            "keep_on_roll", ["CELL_REVIEW"], "KEPT", permits=[lead(CELL)], requires=REQ(["minutes"])
        ),
        Move(
            "propose_removal",
            ["CELL_REVIEW"],
            "PROPOSED",
            permits=[lead(CELL)],
            requires=REQ(["cell_resolution", "removal_grounds"]),
            guards=[removal_grounds_hold],
        ),
        Move(
            "reject_proposal",
            ["PROPOSED"],
            "KEPT",
            permits=[lead(DECIDING)],
            requires=REQ(["decision"]),
        ),
        Move(
            "decide_removal",
            ["PROPOSED"],
            "DECIDED",
            permits=[lead(DECIDING)],
            requires=REQ(["decision", "removal_grounds"]),
            guards=[removal_grounds_hold],
        ),
        Move(
            "notify_member",
            ["DECIDED"],
            "REMOVED",
            permits=[lead(DECIDING)],
            requires=REQ(["notice"]),
        ),
    ]
    return Procedure(
        REMOVAL_FROM_ROLL,
        [
            ProcedureVersion(
                "2011",
                era(CHARTER),
                "GROUND_FOUND",
                states,
                moves,
                openers=[lead(CELL), lead(DECIDING), lead(INSPECTING)],
                citations=[str(_ART8), str(_QD24), f"{RM} (b)9, rows 1–3, (d)"],
            )
        ],
    )


# -- quality classification -------------------------------------------------------------------------------
def _rated(level: str) -> Guard:
    def rating_is(ctx: GuardContext) -> Explanation | None:
        rec = record(ctx, "rating", RatingRecord)
        if isinstance(rec, Explanation):
            return rec
        if rec.level == level:
            return None
        return block(
            ctx,
            "vn.procedure.rating",
            "vn.blocked.rating_differs",
            asked=level,
            rated=rec.level,
            evidence=(rec.id,),
        )

    rating_is.__name__ = f"rated_{level}"
    return rating_is


def _quality_version(version: str, appraisal: bool) -> ProcedureVersion:
    deciders = [lead(DECIDING)]
    states = [
        State("SELF_ASSESSED"),
        State("CELL_REVIEW_MEETING"),
        State("DECIDED"),
        State("PUBLISHED"),
        State("ARCHIVED", final=True),
        State("NOT_RATED", final=True),
    ]
    rate_from = "APPRAISED" if appraisal else "CELL_REVIEW_MEETING"
    moves = [
        Move(
            "hold_review_meeting",
            ["SELF_ASSESSED"],
            "CELL_REVIEW_MEETING",
            permits=[lead(CELL)],
            requires=REQ(["self_assessment"]),
        ),
        Move(
            "exclude_from_rating",
            ["SELF_ASSESSED"],
            "NOT_RATED",
            permits=deciders,
            requires=REQ(["exemption_record"]),
        ),
        *(
            Move(
                f"rate_{level}",
                [rate_from],
                "DECIDED",
                permits=deciders,
                requires=REQ(["rating"]),
                guards=[_rated(level)],
            )
            for level in LEVELS
        ),
        Move("publish", ["DECIDED"], "PUBLISHED", permits=deciders, requires=REQ(["notice"])),
        Move("archive", ["PUBLISHED"], "ARCHIVED", permits=deciders),
    ]
    citations = [f"{RM} (b)10, rows 36–44"]
    if appraisal:
        states += [State("APPRAISED"), State("ANNULLED")]
        moves += [
            Move(
                "appraise",
                ["CELL_REVIEW_MEETING"],
                "APPRAISED",
                permits=deciders,
                requires=REQ(["minutes"]),
            ),
            Move(
                "annul_rating",
                ["DECIDED", "PUBLISHED"],
                "ANNULLED",
                permits=[lead(SUPERIOR)],
                requires=REQ(["decision"]),
            ),
            *(
                Move(
                    f"rerate_{level}",
                    ["ANNULLED"],
                    "DECIDED",
                    permits=[lead(SUPERIOR)],
                    requires=REQ(["rating"]),
                    guards=[_rated(level)],
                )
                for level in LEVELS
            ),
        ]
        citations[:0] = [str(s.QD_124.cite("Art 12, Art 13")), str(s.QD_366.cite("Art 11"))]
        return ProcedureVersion(
            version,
            era(QD124),
            "SELF_ASSESSED",
            states,
            moves,
            openers=[lead(CELL), *deciders],
            citations=citations,
        )
    citations[:0] = [str(s.QD_132.cite()), str(s.HD_16_BTCTW.cite()), str(s.HD_21_BTCTW.cite())]
    return ProcedureVersion(
        version,
        era(QD132, QD124),
        "SELF_ASSESSED",
        states,
        moves,
        openers=[lead(CELL), *deciders],
        citations=citations,
    )


def quality_classification() -> Procedure:
    """QualityClassification (kiểm điểm, đánh giá, xếp loại chất lượng), regulations.md (b)10.

    Version ``2018`` (QĐ 132) goes from the cell's review meeting to the decision; version ``2023``
    (QĐ 124, carried under QĐ 366) adds the appraisal step ("Bước 2: thẩm định và đề xuất mức xếp loại") and
    the superior committee's power to annul a rating and re-rate (QĐ 124 Art 13). Members exempt from
    activity or suspended are not rated (HD 21-HD/BTCTW, row 44).
    """
    return Procedure(QUALITY, [_quality_version("2018", False), _quality_version("2023", True)])


# -- suspension ---------------------------------------------------------------------------------------------
def _suspension_case(scope: str) -> Guard:
    """``scope`` is ``activity``, ``activity_and_committee``, ``committee`` or ``organisation``."""

    def suspension_scope(ctx: GuardContext) -> Explanation | None:
        subject = ctx.case.subject
        if scope == "organisation":
            if subject.kind == "organisation":
                return None
            return block(
                ctx,
                "vn.procedure.suspension",
                "vn.blocked.subject_kind",
                expected="organisation",
                actual=subject.kind,
            )
        if subject.kind != "member":
            return block(
                ctx,
                "vn.procedure.suspension",
                "vn.blocked.subject_kind",
                expected="member",
                actual=subject.kind,
            )
        facts = record(ctx, "suspension_grounds", SuspensionFacts)
        if isinstance(facts, Explanation):
            return facts
        if scope == "activity" and facts.committee_member:
            return block(
                ctx,
                "vn.procedure.suspension",
                "vn.blocked.committee_member_suspended_too",
                citations=(_QD22_28,),
                evidence=(facts.id,),
            )
        if scope in ("activity_and_committee", "committee") and not facts.committee_member:
            return block(
                ctx,
                "vn.procedure.suspension",
                "vn.blocked.not_a_committee_member",
                citations=(_QD22_28,),
                evidence=(facts.id,),
            )
        return None

    suspension_scope.__name__ = f"suspend_{scope}"
    return suspension_scope


def _expired(ctx: GuardContext) -> Explanation | None:
    """The suspension's time limit (with any extension) has passed."""
    deadline = ctx.case.deadline
    if deadline is not None and deadline.is_overdue(ctx.day):
        return None
    return block(
        ctx,
        "vn.procedure.suspension",
        "vn.blocked.suspension_running",
        citations=(_QD22_31,),
        due=None if deadline is None else deadline.due,
    )


def suspension() -> Procedure:
    """Suspension (đình chỉ sinh hoạt đảng, sinh hoạt cấp ủy, hoạt động), regulations.md (b)11 and row 34.

    One version since QĐ 30: the steps are the same, the time limits are the parameters in force on the day
    of the decision (90 then 180 working days under QĐ 30; 90 then 180 days under QĐ 22; 90 then 120 days
    under QĐ 296, UNCONFIRMED), with one extension.
    """
    deciders = [lead(DECIDING)]

    def member_limit(name: str) -> State:
        return State(
            name,
            deadline="suspension.member.initial",
            extension="suspension.member.extension",
            max_extensions=1,
            extenders=deciders,
        )

    suspended = (
        "SUSPENDED_FROM_ACTIVITY",
        "SUSPENDED_FROM_ACTIVITY_AND_COMMITTEE",
        "SUSPENDED_FROM_COMMITTEE",
    )
    states = [
        State("PROPOSED"),
        *(member_limit(name) for name in suspended),
        State("ORG_SUSPENDED", deadline="suspension.org.max"),
        State("NOT_SUSPENDED", final=True),
        State("LIFTED", final=True),
        State("EXPIRED", final=True),
    ]
    grounds = REQ(["decision", "suspension_grounds"])
    all_suspended = [*suspended, "ORG_SUSPENDED"]
    moves = [
        Move(
            "suspend_activity",
            ["PROPOSED"],
            "SUSPENDED_FROM_ACTIVITY",
            permits=deciders,
            requires=grounds,
            guards=[_suspension_case("activity")],
        ),
        Move(
            "suspend_activity_and_committee",
            ["PROPOSED"],
            "SUSPENDED_FROM_ACTIVITY_AND_COMMITTEE",
            permits=deciders,
            requires=grounds,
            guards=[_suspension_case("activity_and_committee")],
        ),
        Move(
            "suspend_from_committee",
            ["PROPOSED"],
            "SUSPENDED_FROM_COMMITTEE",
            permits=deciders,
            requires=grounds,
            guards=[_suspension_case("committee")],
        ),
        Move(
            "suspend_organisation",
            ["PROPOSED"],
            "ORG_SUSPENDED",
            permits=deciders,
            requires=REQ(["decision"]),
            guards=[_suspension_case("organisation")],
        ),
        Move("withdraw_proposal", ["PROPOSED"], "NOT_SUSPENDED", permits=deciders),
        Move("lift", all_suspended, "LIFTED", permits=deciders, requires=REQ(["decision"])),
        Move("end_on_expiry", all_suspended, "EXPIRED", permits=deciders, guards=[_expired]),
    ]
    return Procedure(
        SUSPENSION,
        [
            ProcedureVersion(
                "2016",
                era(QD30),
                "PROPOSED",
                states,
                moves,
                openers=[lead(DECIDING), lead(CELL)],
                citations=[
                    str(s.QD_30.cite("Art 40")),
                    str(_QD22_28),
                    str(_QD22_31),
                    f"{RM} (b)11, row 34, (e)4",
                ],
            )
        ],
    )


OUTCOMES: Final = {
    REMOVAL_FROM_ROLL: {
        "notify_member": "removed",
        "keep_on_roll": "kept",
        "reject_proposal": "kept",
    },
    QUALITY: {
        "exclude_from_rating": "not_rated",
        **{f"rate_{level}": level for level in LEVELS},
        **{f"rerate_{level}": level for level in LEVELS},
        "annul_rating": "annulled",
    },
    SUSPENSION: {
        "suspend_activity": "suspended_from_activity",
        "suspend_activity_and_committee": "suspended_from_activity_and_committee",
        "suspend_from_committee": "suspended_from_committee",
        "suspend_organisation": "organisation_suspended",
        "withdraw_proposal": "not_suspended",
        "lift": "lifted",
        "end_on_expiry": "expired",
    },
}
"""The outcome each deciding move records."""

GUARD_KEYS: Final = (
    "vn.blocked.facts_missing",
    "vn.blocked.facts_invalid",
    "vn.blocked.rating_differs",
    "vn.blocked.subject_kind",
    "vn.blocked.committee_member_suspended_too",
    "vn.blocked.not_a_committee_member",
    "vn.blocked.suspension_running",
)
"""The message keys of this module's guards."""

SANCTION_KEYS: Final = (
    "membership.removal.no_ground",
    "membership.removal.expulsion_required",
)
"""Message keys of the removal rules that this module's guards may return as blocks."""
