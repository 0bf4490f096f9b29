"""Supervision: thematic supervision, which may escalate to an inspection, and regular supervision.

State lists from regulations.md (b)5. Supervision observes, follows, considers and concludes in order to
remind (QĐ 22 Art 3 k4); a thematic one may verify when needed, and escalates to an
InspectionOnSignsOfViolation when it finds signs of violation. Regular supervision is a running watch that
ends in a reminder, an escalation or closing.
"""

from __future__ import annotations

from typing import Final

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
    INSPECTING,
    QD30,
    RM,
    SUPERIOR,
    era,
    lead,
    team,
)
from kiemtra.rulebooks.vn._procedures._inspection import INSPECTION_ON_SIGNS

__all__ = [
    "REGULAR_SUPERVISION",
    "THEMATIC_SUPERVISION",
    "regular_supervision",
    "thematic_supervision",
]

THEMATIC_SUPERVISION: Final = "ThematicSupervision"
REGULAR_SUPERVISION: Final = "RegularSupervision"
REQ = Requirement
_ESCALATE = Link(INSPECTION_ON_SIGNS, {INSPECTING: INSPECTING, CELL: CELL, SUPERIOR: SUPERIOR})
_DEFINITION = str(s.QD_22.cite("Art 3", "k4", source="dongnai.dcs.vn"))


def thematic_supervision() -> Procedure:
    """ThematicSupervision (giám sát chuyên đề), regulations.md (b)5, as the grassroots commission runs it
    ("Quy trình 02b", stdt.danguykhoibinhthuan.vn)."""
    states = [
        State("DECIDED"),
        State("TEAM_BRIEFED"),
        State("REPORT_RECEIVED"),
        State("DRAFT_MINUTES"),
        State("MEETING"),
        State("FINAL_REPORT"),
        State("REPORTED_TO_COMMISSION"),
        State("CLOSED_WITH_NOTICE", final=True),
        State("ESCALATED", final=True),
    ]
    moves = [
        Move(
            "brief_team",
            ["DECIDED"],
            "TEAM_BRIEFED",
            permits=[lead(INSPECTING)],
            requires=REQ(["plan"]),
        ),
        Move(
            "receive_report",
            ["TEAM_BRIEFED"],
            "REPORT_RECEIVED",
            permits=[team(INSPECTING)],
            requires=REQ(["report"]),
        ),
        Move("draft_minutes", ["REPORT_RECEIVED"], "DRAFT_MINUTES", permits=[team(INSPECTING)]),
        Move(
            "hold_meeting",
            ["DRAFT_MINUTES"],
            "MEETING",
            permits=[lead(INSPECTING)],
            requires=REQ(["minutes"]),
        ),
        Move(
            "finalise_report",
            ["MEETING"],
            "FINAL_REPORT",
            permits=[team(INSPECTING)],
            requires=REQ(["final_report"]),
        ),
        Move(
            "report_to_commission",
            ["FINAL_REPORT"],
            "REPORTED_TO_COMMISSION",
            permits=[team(INSPECTING)],
        ),
        Move(
            "close_with_notice",
            ["REPORTED_TO_COMMISSION"],
            "CLOSED_WITH_NOTICE",
            permits=[lead(INSPECTING)],
            requires=REQ(["notice"]),
        ),
        Move(
            "escalate",
            ["REPORTED_TO_COMMISSION"],
            "ESCALATED",
            permits=[lead(INSPECTING)],
            requires=REQ(["signs_of_violation"]),
            opens=_ESCALATE,
        ),
    ]
    return Procedure(
        THEMATIC_SUPERVISION,
        [
            ProcedureVersion(
                "2016",
                era(QD30),
                "DECIDED",
                states,
                moves,
                openers=[lead(INSPECTING)],
                citations=[
                    _DEFINITION,
                    "stdt.danguykhoibinhthuan.vn 'Quy trình 02b'",
                    str(s.HD_08_TW.cite("II.3.2", source="quiz bank Q59")),
                    f"{RM} (b)5",
                ],
            )
        ],
    )


def regular_supervision() -> Procedure:
    """RegularSupervision (giám sát thường xuyên): monitoring, then a reminder, an escalation or closing."""
    states = [
        State("MONITORING"),
        State("REMINDED", final=True),
        State("ESCALATED", final=True),
        State("CLOSED", final=True),
    ]
    moves = [
        Move(
            "record_observation",
            ["MONITORING"],
            "MONITORING",
            permits=[team(INSPECTING)],
            requires=REQ(["observation"]),
        ),
        Move(
            "remind",
            ["MONITORING"],
            "REMINDED",
            permits=[lead(INSPECTING)],
            requires=REQ(["reminder"]),
        ),
        Move(
            "escalate",
            ["MONITORING"],
            "ESCALATED",
            permits=[lead(INSPECTING)],
            requires=REQ(["signs_of_violation"]),
            opens=_ESCALATE,
        ),
        Move("close", ["MONITORING"], "CLOSED", permits=[lead(INSPECTING)]),
    ]
    return Procedure(
        REGULAR_SUPERVISION,
        [
            ProcedureVersion(
                "2016",
                era(QD30),
                "MONITORING",
                states,
                moves,
                openers=[lead(INSPECTING)],
                citations=[_DEFINITION, f"{RM} (b)5"],
            )
        ],
    )


OUTCOMES: Final = {
    THEMATIC_SUPERVISION: {"close_with_notice": "closed_with_notice", "escalate": "escalated"},
    REGULAR_SUPERVISION: {"remind": "reminder", "escalate": "escalated", "close": "closed"},
}
"""The outcome each concluding move records."""

GUARD_KEYS: Final = ()
"""This module's moves have no guards of their own."""
