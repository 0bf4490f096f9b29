"""PartyFinanceInspection (kiểm tra tài chính đảng): prepare, conduct, conclude, then follow up remediation.

State list from regulations.md (b)4 (QĐ 354-QĐ/UBKTTW). Its object is the finance of lower-level
committees and the finance office of the same-level committee, never the same-level committee itself
(Charter 2011 Art 32 k6; QĐ 30 Art 32 6.2). From QĐ 354 a violation the subject admits, at the discipline
level, runs with a combined DisciplinaryProceeding against the organisation; a person found responsible
(a cell's treasurer) is proceeded against through :func:`~kiemtra.rulebooks.vn.open_for_person`.
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
    CELL,
    DECIDING,
    INSPECTING,
    QD30,
    QD354,
    QD_354,
    RM,
    SUBJECT_ORG,
    SUPERIOR,
    block,
    era,
    lead,
    team,
    unless_fired,
    when_fired,
)
from kiemtra.rulebooks.vn._procedures._inspection import (
    ORG_TO_INSPECTION,
    competent_inspecting_body,
)

__all__ = ["PARTY_FINANCE", "party_finance_inspection"]

PARTY_FINANCE: Final = "PartyFinanceInspection"

_K6 = s.CHARTER_2011.cite("Art 32", "k6", source="congan.hatinh.gov.vn Q&A")
_QD30_62 = s.QD_30.cite("Art 32", "6.2", source="congan.hatinh.gov.vn Q&A")
_DEFINITION = s.QD_22.cite("Art 3", "k11", source="nghean.dcs.vn")
REQ = Requirement


def not_own_committee(ctx: GuardContext) -> Explanation | None:
    """The commission inspects lower committees' finance and its own committee's finance office, never its
    own committee (Charter 2011 Art 32 k6; QĐ 30 Art 32 6.2)."""
    body = ctx.case.party(INSPECTING)
    subject = ctx.case.subject
    if subject.kind == "member":
        return block(
            ctx,
            "vn.procedure.finance_object",
            "vn.blocked.finance_of_a_member",
            citations=(_DEFINITION,),
        )
    if body is not None and subject.kind == "organisation" and subject.id == body.org_id:
        return block(
            ctx,
            "vn.procedure.finance_object",
            "vn.blocked.own_committee_finance",
            citations=(_K6, _QD30_62),
            org=subject.id,
        )
    return None


_AFTER_SOUND = when_fired(
    "conclude_sound", rule_id="vn.procedure.finance_followup", key="vn.blocked.remediation_needed"
)
_NOT_SOUND = unless_fired(
    "conclude_sound", rule_id="vn.procedure.finance_followup", key="vn.blocked.nothing_to_remedy"
)


def _version(
    version: str, start: pendulum.Date, end: pendulum.Date | None, combined: bool
) -> ProcedureVersion:
    conclude = REQ(["conclusion"])
    states = [
        State("PLANNED"),
        State("DECIDED"),
        State("OUTLINE_SENT"),
        State("SELF_REPORT"),
        State("VERIFYING"),
        State("CLARIFYING"),
        State("DRAFT_REPORT"),
        State("COMMISSION_REVIEW"),
        State("CONCLUDED"),
        State("NOTIFIED"),
        State("REMEDIATION_FOLLOWUP"),
        State("REMEDIATED", final=True),
        State("ESCALATED", final=True),
        State("CLOSED", final=True),
    ]
    draft_sources = ["VERIFYING", "CLARIFYING", *(["COMBINED"] if combined else [])]
    moves = [
        Move(
            "decide_inspection",
            ["PLANNED"],
            "DECIDED",
            permits=[lead(INSPECTING)],
            requires=REQ(["decision", "plan"]),
            guards=[competent_inspecting_body, not_own_committee],
        ),
        Move(
            "send_outline",
            ["DECIDED"],
            "OUTLINE_SENT",
            permits=[team(INSPECTING)],
            requires=REQ(["outline"]),
        ),
        Move(
            "submit_self_report",
            ["OUTLINE_SENT"],
            "SELF_REPORT",
            permits=[lead(SUBJECT_ORG)],
            requires=REQ(["self_inspection_report"]),
        ),
        Move("start_verification", ["SELF_REPORT"], "VERIFYING", permits=[team(INSPECTING)]),
        Move(
            "request_clarification",
            ["VERIFYING"],
            "CLARIFYING",
            permits=[team(INSPECTING)],
            requires=REQ(["request"]),
        ),
        Move(
            "draft_report",
            draft_sources,
            "DRAFT_REPORT",
            permits=[team(INSPECTING)],
            requires=REQ(["verification_report"]),
        ),
        Move(
            "submit_to_commission",
            ["DRAFT_REPORT"],
            "COMMISSION_REVIEW",
            permits=[team(INSPECTING)],
            requires=REQ(["draft_report"]),
        ),
        Move(
            "conclude_sound",
            ["COMMISSION_REVIEW"],
            "CONCLUDED",
            permits=[lead(INSPECTING)],
            requires=conclude,
            separate_from=["submit_to_commission"],
        ),
        Move(
            "conclude_shortcomings",
            ["COMMISSION_REVIEW"],
            "CONCLUDED",
            permits=[lead(INSPECTING)],
            requires=conclude,
            separate_from=["submit_to_commission"],
        ),
        Move(
            "conclude_violation",
            ["COMMISSION_REVIEW"],
            "CONCLUDED",
            permits=[lead(INSPECTING)],
            requires=conclude,
            separate_from=["submit_to_commission"],
        ),
        Move(
            "notify_conclusion",
            ["CONCLUDED"],
            "NOTIFIED",
            permits=[lead(INSPECTING)],
            requires=REQ(["conclusion_notice"]),
        ),
        Move("close", ["NOTIFIED"], "CLOSED", permits=[lead(INSPECTING)], guards=[_AFTER_SOUND]),
        Move(
            "follow_up",
            ["NOTIFIED"],
            "REMEDIATION_FOLLOWUP",
            permits=[team(INSPECTING)],
            guards=[_NOT_SOUND],
        ),
        Move(
            "confirm_remediation",
            ["REMEDIATION_FOLLOWUP"],
            "REMEDIATED",
            permits=[lead(INSPECTING)],
            requires=REQ(["remediation_report"]),
        ),
        Move(
            "escalate_unremedied",
            ["REMEDIATION_FOLLOWUP"],
            "ESCALATED",
            permits=[lead(INSPECTING)],
            requires=REQ(["followup_report"]),
            opens=ORG_TO_INSPECTION,
        ),
    ]
    citations = [str(_K6), str(_DEFINITION), str(QD_354.cite()), f"{RM} (b)4"]
    if combined:
        states.append(State("COMBINED"))
        moves.append(
            Move(
                "run_combined",
                ["VERIFYING", "CLARIFYING"],
                "COMBINED",
                permits=[lead(INSPECTING)],
                requires=REQ(["admission"]),
                opens=Link(
                    "DisciplinaryProceeding",
                    {
                        DECIDING: DECIDING,
                        INSPECTING: INSPECTING,
                        CELL: SUBJECT_ORG,
                        SUPERIOR: SUPERIOR,
                    },
                ),
            )
        )
    else:
        citations.insert(2, str(_QD30_62))
    return ProcedureVersion(
        version,
        era(start, end),
        "PLANNED",
        states,
        moves,
        openers=[lead(INSPECTING)],
        citations=citations,
    )


def party_finance_inspection() -> Procedure:
    """PartyFinanceInspection, regulations.md (b)4.

    Version ``2016`` (QĐ 30) has no combined route; version ``2021`` (QĐ 354) opens a combined
    DisciplinaryProceeding when the subject admits a violation at the discipline level.
    """
    return Procedure(
        PARTY_FINANCE,
        [
            _version("2016", QD30, QD354, combined=False),
            _version("2021", QD354, None, combined=True),
        ],
    )


OUTCOMES: Final = {
    PARTY_FINANCE: {
        "conclude_sound": "sound",
        "conclude_shortcomings": "shortcomings",
        "conclude_violation": "violation",
        "confirm_remediation": "remediated",
        "escalate_unremedied": "escalated",
    }
}
"""The outcome each concluding move records."""

GUARD_KEYS: Final = (
    "vn.blocked.finance_of_a_member",
    "vn.blocked.own_committee_finance",
    "vn.blocked.remediation_needed",
    "vn.blocked.nothing_to_remedy",
)
"""The message keys of this module's guards."""
