"""Inspections: on signs of violation (with the combined inspection-and-discipline route), thematic
inspection by a cell, and inspection of a lower organisation's oversight and discipline work.

State lists from regulations.md (b)1–3. Every inspection has the three steps of QĐ 354-QĐ/UBKTTW and
QĐ 89-QĐ/TW: prepare, conduct, conclude. The conclusion of an inspection on signs of violation has three
outcomes: no violation; a violation short of the discipline level (the subject self-criticises and draws
lessons); a violation at the discipline level, which opens a DisciplinaryProceeding.
"""

from __future__ import annotations

from typing import Final

import pendulum

from kiemtra._rules._explanation import Explanation
from kiemtra._workflow._context import GuardContext
from kiemtra._workflow._definition import (
    Link,
    Move,
    Procedure,
    ProcedureVersion,
    Requirement,
    State,
)
from kiemtra.rulebooks.vn import _sources as s
from kiemtra.rulebooks.vn._procedures._common import (
    ADVISORY,
    CELL,
    DECIDING,
    INSPECTING,
    INSPECTING_KINDS,
    QD30,
    QD354,
    QD_89,
    QD_354,
    QD_1127_BP,
    RM,
    SUBJECT,
    SUBJECT_ORG,
    SUPERIOR,
    block,
    era,
    lead,
    subject_kind,
    team,
    unless_fired,
    when_fired,
)

__all__ = [
    "INSPECTION_ON_SIGNS",
    "ORG_TO_INSPECTION",
    "OVERSIGHT_DUTIES",
    "THEMATIC_INSPECTION",
    "inspection_on_signs",
    "oversight_duties",
    "thematic_inspection",
]

INSPECTION_ON_SIGNS: Final = "InspectionOnSignsOfViolation"
THEMATIC_INSPECTION: Final = "ThematicInspection"
OVERSIGHT_DUTIES: Final = "InspectionOfOversightDuties"

_ART32 = s.CHARTER_2011.cite("Art 32", source="congan.hatinh.gov.vn; quiz bank Q82")
_ADVISORY = s.QD_296.cite("Art 5", "k1.3 đ", source="quiz bank Q32")
_COMBINED = QD_354.cite(source="mytour.vn copy of QĐ 354; lawnet 'quy trình kép'")

REQ = Requirement

# Links: the follow-up case keeps the inspecting body, the subject's cell and the superior body.
# an organisation subject keeps the body that speaks for it (it self-criticises in the proceeding)
TO_PROCEEDING = Link(
    "DisciplinaryProceeding",
    {
        DECIDING: INSPECTING,
        INSPECTING: INSPECTING,
        CELL: CELL,
        SUPERIOR: SUPERIOR,
        SUBJECT_ORG: SUBJECT_ORG,
    },
)
TO_INSPECTION = Link(INSPECTION_ON_SIGNS, {INSPECTING: INSPECTING, CELL: CELL, SUPERIOR: SUPERIOR})
# an organisation found with signs of violation is inspected with its own body in the cell's part
ORG_TO_INSPECTION = Link(
    INSPECTION_ON_SIGNS, {INSPECTING: INSPECTING, CELL: SUBJECT_ORG, SUPERIOR: SUPERIOR}
)


def competent_inspecting_body(ctx: GuardContext) -> Explanation | None:
    """The inspecting body is a committee, its standing committee, its commission or a cell: not one of the
    committee's staff or advisory bodies (QĐ 296 Art 5 k1.3 đ; Charter 2011 Art 32)."""
    body = ctx.case.party(INSPECTING)
    if body is not None and body.kind in INSPECTING_KINDS:
        return None
    kind = "none" if body is None else body.kind
    key = "vn.blocked.advisory_body" if kind in ADVISORY else "vn.blocked.not_an_inspecting_body"
    return block(
        ctx, "vn.procedure.inspecting_body", key, citations=(_ADVISORY, _ART32), body_kind=kind
    )


_NOT_COMBINED = unless_fired(
    "run_combined",
    rule_id="vn.procedure.combined_route",
    key="vn.blocked.already_combined",
    citations=(_COMBINED,),
)
_COMBINED_ONLY = when_fired(
    "run_combined",
    rule_id="vn.procedure.combined_route",
    key="vn.blocked.not_combined",
    citations=(_COMBINED,),
)

_CONCLUDE = REQ(["conclusion"])


def _on_signs_version(
    version: str, start: pendulum.Date, end: pendulum.Date | None, combined: bool
) -> ProcedureVersion:
    states = [
        State("SIGN_DETECTED"),
        State("PROPOSED"),
        State("DROPPED", final=True),
        State("DECIDED"),
        State("NOTIFIED"),
        State("SUBJECT_EXPLAINING"),
        State("VERIFYING"),
        State("ORG_MEETING"),
        State("DRAFT_REPORT"),
        State("SUBMITTED"),
        State("CONCLUDED"),
        State("CONCLUSION_NOTIFIED"),
        State("ARCHIVED", final=True),
    ]
    conclusions = [
        Move(
            "conclude_no_violation",
            ["SUBMITTED"],
            "CONCLUDED",
            permits=[lead(INSPECTING)],
            requires=_CONCLUDE,
            separate_from=["submit_report"],
        ),
        Move(
            "conclude_shortcoming",
            ["SUBMITTED"],
            "CONCLUDED",
            permits=[lead(INSPECTING)],
            requires=_CONCLUDE,
            separate_from=["submit_report"],
        ),
        Move(
            "conclude_discipline",
            ["SUBMITTED"],
            "CONCLUDED",
            permits=[lead(INSPECTING)],
            requires=_CONCLUDE,
            separate_from=["submit_report"],
            guards=[_NOT_COMBINED],
            opens=TO_PROCEEDING,
        ),
    ]
    meeting_sources = ["VERIFYING"]
    if combined:
        states.append(State("COMBINED"))
        meeting_sources.append("COMBINED")
        conclusions.append(
            Move(
                "conclude_combined",
                ["SUBMITTED"],
                "CONCLUDED",
                permits=[lead(INSPECTING)],
                requires=_CONCLUDE,
                separate_from=["submit_report"],
                guards=[_COMBINED_ONLY],
            )
        )
    moves = [
        Move(
            "propose",
            ["SIGN_DETECTED"],
            "PROPOSED",
            permits=[team(INSPECTING)],
            requires=REQ(["proposal"]),
        ),
        Move("drop", ["PROPOSED"], "DROPPED", permits=[lead(INSPECTING)]),
        Move(
            "decide_inspection",
            ["PROPOSED"],
            "DECIDED",
            permits=[lead(INSPECTING)],
            requires=REQ(["decision", "plan"]),
            guards=[competent_inspecting_body],
        ),
        Move(
            "notify_subject",
            ["DECIDED"],
            "NOTIFIED",
            permits=[lead(INSPECTING)],
            requires=REQ(["notice"]),
        ),
        Move(
            "request_explanation",
            ["NOTIFIED"],
            "SUBJECT_EXPLAINING",
            permits=[team(INSPECTING)],
            requires=REQ(["outline"]),
        ),
        Move(
            "submit_explanation",
            ["SUBJECT_EXPLAINING"],
            "VERIFYING",
            permits=[SUBJECT, lead(SUBJECT_ORG)],
            requires=REQ(["explanatory_report"]),
        ),
        Move(
            "proceed_without_explanation",
            ["SUBJECT_EXPLAINING"],
            "VERIFYING",
            permits=[lead(INSPECTING)],
            requires=REQ(["absence_record"]),
        ),
        Move(
            "hold_org_meeting",
            meeting_sources,
            "ORG_MEETING",
            permits=[team(INSPECTING)],
            requires=REQ(["verification_report"]),
        ),
        Move(
            "draft_report",
            ["ORG_MEETING"],
            "DRAFT_REPORT",
            permits=[team(INSPECTING), lead(CELL)],
            requires=REQ(["minutes"]),
        ),
        Move(
            "submit_report",
            ["DRAFT_REPORT"],
            "SUBMITTED",
            permits=[team(INSPECTING)],
            requires=REQ(["draft_report"]),
        ),
        *conclusions,
        Move(
            "notify_conclusion",
            ["CONCLUDED"],
            "CONCLUSION_NOTIFIED",
            permits=[lead(INSPECTING)],
            requires=REQ(["conclusion_notice"]),
        ),
        Move("archive", ["CONCLUSION_NOTIFIED"], "ARCHIVED", permits=[team(INSPECTING)]),
    ]
    if combined:
        moves.append(
            Move(
                "run_combined",
                ["VERIFYING"],
                "COMBINED",
                permits=[lead(INSPECTING)],
                requires=REQ(["admission"]),
                opens=TO_PROCEEDING,
            )
        )
    citations = [
        str(s.CHARTER_2011.cite("Art 32")),
        str(s.QD_30.cite()) if not combined else str(QD_354.cite()),
        f"{RM} (b)1",
    ]
    if combined:
        citations += [
            str(s.QD_22.cite()),
            str(s.QD_296.cite("Art 5, 6, 18")),
            str(QD_89.cite()),
        ]
    return ProcedureVersion(
        version,
        era(start, end),
        "SIGN_DETECTED",
        states,
        moves,
        openers=[lead(INSPECTING)],
        citations=citations,
    )


def inspection_on_signs() -> Procedure:
    """InspectionOnSignsOfViolation (kiểm tra khi có dấu hiệu vi phạm), regulations.md (b)1.

    Version ``2016`` (QĐ 30) has no combined route; version ``2021`` (QĐ 354-QĐ/UBKTTW, carried under
    QĐ 22 and QĐ 296) runs the inspection and the discipline together when the subject admits a clear
    violation (``run_combined``), and then concludes without opening a second proceeding.
    """
    return Procedure(
        INSPECTION_ON_SIGNS,
        [
            _on_signs_version("2016", QD30, QD354, combined=False),
            _on_signs_version("2021", QD354, None, combined=True),
        ],
    )


def thematic_inspection() -> Procedure:
    """ThematicInspection by a cell (kiểm tra đảng viên chấp hành), regulations.md (b)2.

    The example procedure of Bình Phước QĐ 1127-QĐ/TU (2023) for cells without a cell committee; a finding
    of signs of violation opens an InspectionOnSignsOfViolation.
    """
    states = [
        State("ANNUAL_PLAN_DRAFTED"),
        State("PLAN_ADOPTED"),
        State("NOTIFIED"),
        State("SELF_REPORT"),
        State("REVIEWING"),
        State("CELL_MEETING"),
        State("CONCLUDED"),
        State("CONCLUSION_NOTIFIED"),
        State("ARCHIVED", final=True),
    ]
    conclude = REQ(["minutes"])
    moves = [
        Move(
            "adopt_plan",
            ["ANNUAL_PLAN_DRAFTED"],
            "PLAN_ADOPTED",
            permits=[lead(INSPECTING)],
            requires=REQ(["plan"]),
        ),
        Move(
            "notify_member",
            ["PLAN_ADOPTED"],
            "NOTIFIED",
            permits=[lead(INSPECTING)],
            requires=REQ(["notice"]),
        ),
        Move(
            "submit_self_report",
            ["NOTIFIED"],
            "SELF_REPORT",
            permits=[SUBJECT],
            requires=REQ(["self_inspection_report"]),
        ),
        Move("start_review", ["SELF_REPORT"], "REVIEWING", permits=[lead(INSPECTING)]),
        Move(
            "hold_cell_meeting",
            ["REVIEWING"],
            "CELL_MEETING",
            permits=[lead(INSPECTING)],
            requires=REQ(["draft_report"]),
        ),
        Move(
            "conclude_compliant",
            ["CELL_MEETING"],
            "CONCLUDED",
            permits=[lead(INSPECTING)],
            requires=conclude,
        ),
        Move(
            "conclude_shortcomings",
            ["CELL_MEETING"],
            "CONCLUDED",
            permits=[lead(INSPECTING)],
            requires=conclude,
        ),
        Move(
            "conclude_signs_of_violation",
            ["CELL_MEETING"],
            "CONCLUDED",
            permits=[lead(INSPECTING)],
            requires=conclude,
            opens=TO_INSPECTION,
        ),
        Move(
            "notify_conclusion",
            ["CONCLUDED"],
            "CONCLUSION_NOTIFIED",
            permits=[lead(INSPECTING)],
            requires=REQ(["conclusion_notice"]),
        ),
        Move("archive", ["CONCLUSION_NOTIFIED"], "ARCHIVED", permits=[team(INSPECTING)]),
    ]
    return Procedure(
        THEMATIC_INSPECTION,
        [
            ProcedureVersion(
                "2016",
                era(QD30),
                "ANNUAL_PLAN_DRAFTED",
                states,
                moves,
                openers=[lead(INSPECTING)],
                citations=[
                    str(s.CHARTER_2011.cite("Art 32")),
                    str(QD_1127_BP.cite(source="tinhuybinhphuoc.vn")),
                    f"{RM} (b)2",
                ],
            )
        ],
    )


_ABOUT_ORG = subject_kind(
    "organisation",
    rule_id="vn.procedure.oversight_subject",
    citations=(s.QD_30.cite("Art 32", "2.3.2", source="dangcongsan.vn Q&A"),),
)


def oversight_duties() -> Procedure:
    """InspectionOfOversightDuties (kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát và thi hành kỷ luật),
    regulations.md (b)3: the shape of (b)1, with a self-inspection report instead of an explanation; its
    object is a lower organisation competent to discipline and resolve complaints (QĐ 30 Art 32 2.3.2).
    """
    conclude = REQ(["conclusion"])
    states = [
        State("PLANNED"),
        State("DECIDED"),
        State("NOTIFIED"),
        State("SELF_REPORT"),
        State("VERIFYING"),
        State("MEETING"),
        State("DRAFT_REPORT"),
        State("SUBMITTED"),
        State("CONCLUDED"),
        State("CONCLUSION_NOTIFIED"),
        State("ARCHIVED", final=True),
    ]
    moves = [
        Move(
            "decide_inspection",
            ["PLANNED"],
            "DECIDED",
            permits=[lead(INSPECTING)],
            requires=REQ(["decision", "plan"]),
            guards=[competent_inspecting_body, _ABOUT_ORG],
        ),
        Move(
            "notify_subject",
            ["DECIDED"],
            "NOTIFIED",
            permits=[lead(INSPECTING)],
            requires=REQ(["notice"]),
        ),
        Move(
            "submit_self_report",
            ["NOTIFIED"],
            "SELF_REPORT",
            permits=[lead(SUBJECT_ORG)],
            requires=REQ(["self_inspection_report"]),
        ),
        Move("start_verification", ["SELF_REPORT"], "VERIFYING", permits=[team(INSPECTING)]),
        Move(
            "hold_meeting",
            ["VERIFYING"],
            "MEETING",
            permits=[team(INSPECTING)],
            requires=REQ(["verification_report"]),
        ),
        Move(
            "draft_report",
            ["MEETING"],
            "DRAFT_REPORT",
            permits=[team(INSPECTING)],
            requires=REQ(["minutes"]),
        ),
        Move(
            "submit_report",
            ["DRAFT_REPORT"],
            "SUBMITTED",
            permits=[team(INSPECTING)],
            requires=REQ(["draft_report"]),
        ),
        Move(
            "conclude_sound",
            ["SUBMITTED"],
            "CONCLUDED",
            permits=[lead(INSPECTING)],
            requires=conclude,
            separate_from=["submit_report"],
        ),
        Move(
            "conclude_shortcomings",
            ["SUBMITTED"],
            "CONCLUDED",
            permits=[lead(INSPECTING)],
            requires=conclude,
            separate_from=["submit_report"],
        ),
        Move(
            "conclude_signs_of_violation",
            ["SUBMITTED"],
            "CONCLUDED",
            permits=[lead(INSPECTING)],
            requires=conclude,
            separate_from=["submit_report"],
            opens=ORG_TO_INSPECTION,
        ),
        Move(
            "notify_conclusion",
            ["CONCLUDED"],
            "CONCLUSION_NOTIFIED",
            permits=[lead(INSPECTING)],
            requires=REQ(["conclusion_notice"]),
        ),
        Move("archive", ["CONCLUSION_NOTIFIED"], "ARCHIVED", permits=[team(INSPECTING)]),
    ]
    return Procedure(
        OVERSIGHT_DUTIES,
        [
            ProcedureVersion(
                "2016",
                era(QD30),
                "PLANNED",
                states,
                moves,
                openers=[lead(INSPECTING)],
                citations=[
                    str(s.CHARTER_2011.cite("Art 32", "k4")),
                    str(s.QD_30.cite("Art 30, Art 32", "2.3.2")),
                    str(QD_354.cite()),
                    f"{RM} (b)3",
                ],
            )
        ],
    )


OUTCOMES: Final = {
    INSPECTION_ON_SIGNS: {
        "drop": "not_inspected",
        "conclude_no_violation": "no_violation",
        "conclude_shortcoming": "violation_not_to_discipline_level",
        "conclude_discipline": "violation_to_discipline_level",
        "conclude_combined": "violation_to_discipline_level",
    },
    THEMATIC_INSPECTION: {
        "conclude_compliant": "complied",
        "conclude_shortcomings": "shortcomings",
        "conclude_signs_of_violation": "signs_of_violation",
    },
    OVERSIGHT_DUTIES: {
        "conclude_sound": "sound",
        "conclude_shortcomings": "shortcomings",
        "conclude_signs_of_violation": "signs_of_violation",
    },
}
"""The outcome each concluding move records, per procedure."""

GUARD_KEYS: Final = (
    "vn.blocked.advisory_body",
    "vn.blocked.not_an_inspecting_body",
    "vn.blocked.already_combined",
    "vn.blocked.not_combined",
    "vn.blocked.subject_kind",
)
"""The message keys of this module's guards."""
