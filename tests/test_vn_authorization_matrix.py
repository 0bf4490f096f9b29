"""An exhaustive authorization matrix: every role of the cast × every trigger × every procedure, in 2019 and 2025.

The expected allow or deny of each cell comes from :data:`EXPECTED` below, a table written by hand from
``shared/domain/regulations.md`` with a citation per row; nothing in it is read from the procedure
definitions. The observed answer is what :meth:`kiemtra.Engine.available` says about authorization only: a
role is allowed a trigger when none of the reasons it gives is an authorization block (not permitted, not
competent, a conflict of interest, separation of duties); wrong state, missing evidence and guards on facts
are not authorization and are left aside. A role that may not even read the case is denied every trigger.

The cast plays in the ward of ``tests/vn_cast.py``. In 2019 the ward is a grassroots organisation under the
district; in 2025 it is upper-grassroots under the province (QĐ 298, g.0), which changes who may decide
removal from post and expulsion ((e)14).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import pendulum
import pytest
from tests.vn_cast import (
    BOARD_HEAD,
    CELL1,
    CELL_MEMBER,
    CELL_SECRETARY,
    CELL_SUBJECT,
    DENOUNCER,
    IC,
    IC_BODY,
    IC_CHAIR,
    IC_MEMBER,
    MEMBER,
    OTHER_CELL_SECRETARY,
    OTHER_WARD_CHAIR,
    SC,
    SC_SECRETARY,
    SUBJECT_ACTOR,
    at,
    book,
    engine,
)

from kiemtra import Body, Case, Event, Ground, MemberActor, PermissionDenied, Subject, SystemActor

RM: Final = "regulations.md"

# -- the cast ---------------------------------------------------------------------------------------------
ERAS: Final = {"2019": at(2019, 6, 3), "2025": at(2025, 9, 1)}
SUPERIOR_ORG: Final = {"2019": "district", "2025": "province"}


def cast(era: str) -> dict[str, Any]:
    """Every role of the matrix, with the superior bodies of the era."""
    up = SUPERIOR_ORG[era]
    return {
        "ic_chair": IC_CHAIR,
        "ic_member": IC_MEMBER,
        "ic_body": IC_BODY,
        "sc_secretary": SC_SECRETARY,
        "cell_secretary": CELL_SECRETARY,
        "cell_member": CELL_MEMBER,
        "subject": SUBJECT_ACTOR,
        "superior_chair": MemberActor("m-up-chair", Body(up, "inspection_commission"), "chair"),
        "superior_secretary": MemberActor(
            "m-up-secretary", Body(up, "standing_committee"), "secretary"
        ),
        "other_cell_secretary": OTHER_CELL_SECRETARY,
        "other_ward_chair": OTHER_WARD_CHAIR,
        "advisory_board_head": BOARD_HEAD,
        "denouncer": DENOUNCER,
        "system": SystemActor("nightly-job"),
    }


ROLES: Final = tuple(cast("2019"))

# -- how each procedure is set up: (procedure, subject, parties by era, people) ----------------------------


def _sup_ic(era: str) -> Body:
    return Body(SUPERIOR_ORG[era], "inspection_commission")


def _sup_sc(era: str) -> Body:
    return Body(SUPERIOR_ORG[era], "standing_committee")


SETUPS: Final[Mapping[str, tuple[str, Subject, Any, tuple[tuple[str, str], ...]]]] = {
    "InspectionOnSignsOfViolation": (
        "InspectionOnSignsOfViolation",
        MEMBER,
        lambda e: {"inspecting_body": IC, "cell": CELL1, "superior_body": _sup_ic(e)},
        (),
    ),
    "ThematicInspection": (
        "ThematicInspection",
        MEMBER,
        lambda e: {"inspecting_body": CELL1, "cell": CELL1, "superior_body": IC},
        (),
    ),
    "InspectionOfOversightDuties": (
        "InspectionOfOversightDuties",
        CELL_SUBJECT,
        lambda e: {"inspecting_body": IC, "subject_org": CELL1, "superior_body": _sup_ic(e)},
        (),
    ),
    "PartyFinanceInspection": (
        "PartyFinanceInspection",
        CELL_SUBJECT,
        lambda e: {
            "inspecting_body": IC,
            "subject_org": CELL1,
            "deciding_body": SC,
            "superior_body": _sup_ic(e),
        },
        (),
    ),
    "ThematicSupervision": (
        "ThematicSupervision",
        MEMBER,
        lambda e: {"inspecting_body": IC, "cell": CELL1, "superior_body": _sup_ic(e)},
        (),
    ),
    "RegularSupervision": (
        "RegularSupervision",
        MEMBER,
        lambda e: {"inspecting_body": CELL1, "cell": CELL1},
        (),
    ),
    "DenunciationResolution": (
        "DenunciationResolution",
        MEMBER,
        lambda e: {"deciding_body": IC, "cell": CELL1, "superior_body": _sup_ic(e)},
        (("denouncer", DENOUNCER.person_id),),
    ),
    "DisciplinaryProceeding@cell": (
        "DisciplinaryProceeding",
        MEMBER,
        lambda e: {"deciding_body": CELL1, "cell": CELL1, "superior_body": IC},
        (),
    ),
    "DisciplinaryProceeding@commission": (
        "DisciplinaryProceeding",
        MEMBER,
        lambda e: {
            "deciding_body": IC,
            "cell": CELL1,
            "superior_body": _sup_ic(e),
            "inspecting_body": IC,
        },
        (),
    ),
    "DisciplinaryComplaintResolution": (
        "DisciplinaryComplaintResolution",
        MEMBER,
        lambda e: {"deciding_body": IC, "decided_body": CELL1, "superior_body": _sup_ic(e)},
        (),
    ),
    "RemovalFromRoll": (
        "RemovalFromRoll",
        MEMBER,
        lambda e: {
            "cell": CELL1,
            "deciding_body": SC,
            "inspecting_body": IC,
            "superior_body": _sup_sc(e),
        },
        (),
    ),
    "QualityClassification": (
        "QualityClassification",
        MEMBER,
        lambda e: {"cell": CELL1, "deciding_body": SC, "superior_body": _sup_sc(e)},
        (),
    ),
    "Suspension": ("Suspension", MEMBER, lambda e: {"deciding_body": SC, "cell": CELL1}, ()),
}

# -- the expected table ---------------------------------------------------------------------------------------
# Role groups, named for readability only.
IC_LEAD: Final = frozenset({"ic_chair", "ic_body"})
IC_TEAM: Final = frozenset({"ic_chair", "ic_member", "ic_body"})
CELL_LEAD: Final = frozenset({"cell_secretary"})
CELL_TEAM: Final = frozenset({"cell_secretary", "cell_member"})
SC_LEAD: Final = frozenset({"sc_secretary"})
SUBJECT: Final = frozenset({"subject"})
SUP_IC: Final = frozenset({"superior_chair"})
SUP_SC: Final = frozenset({"superior_secretary"})
NOBODY: Final = frozenset[str]()

Row = tuple[frozenset[str], str]

_B1 = f"{RM} (b)1; Charter 2011 Art 32; QĐ 354-QĐ/UBKTTW (prepare, conduct, conclude)"
_B1_DECIDE = f"{RM} (b)1 DECIDED, CONCLUDED: the commission or committee decides; Charter Art 32"
_EXPLAIN = f"{RM} (b)1 SUBJECT_EXPLAINING, (d): the subject's right and duty to explain"
_COMBINED = f"{RM} (b)1 quy trình kép; QĐ 354-QĐ/UBKTTW"
_B2 = f"{RM} (b)2: the cell secretary drafts, notifies and reviews; the cell meeting concludes (QĐ 1127-QĐ/TU)"
_B2_SELF = f"{RM} (b)2 SELF_REPORT: the member submits a self-inspection report"
_B3 = f"{RM} (b)3; QĐ 30 Art 32 2.3.2: the commission inspects the lower organisation"
_B3_SELF = f"{RM} (b)3: the lower organisation writes a self-inspection report"
_B4 = f"{RM} (b)4; Charter 2011 Art 32 k6: the commission inspects finance"
_B4_SELF = f"{RM} (b)4 SELF_REPORT: the inspected organisation reports"
_B5 = f"{RM} (b)5: supervision by the commission (Quy trình 02b); QĐ 22 Art 3 k4"
_B5_REG = f"{RM} (b)5: the cell mainly does regular supervision (HD 08 II.3.2)"
_B6 = (
    f"{RM} (b)6; QĐ 22 Art 19 k1: the commission resolves denunciations against members it manages"
)
_B6_WITHDRAW = f"{RM} (b)6 WITHDRAWN: the denouncer withdraws"
_B7_CELL = (
    f"{RM} row 13; Charter Art 36 k1; QĐ 296 Art 10 1.1: the cell decides reprimand or warning"
)
_B7_PROPOSE = (
    f"{RM} rows 13, 16; QĐ 296 Art 10 1.4: the cell only proposes removal from post and expulsion"
)
_B7_NO_DISSOLUTION = f"{RM} row 12: dissolution is a form for organisations, not members"
_B7_STEPS = f"{RM} (b)7: the competent body runs the precheck, hearing and ballot"
_B7_SELF = f"{RM} (b)7 SELF_CRITICISM; (d): the member writes the self-criticism"
_B7_MEETING = f"{RM} (b)7 CELL_MEETING: the cell discusses and concludes"
_B7_HIGHER = f"{RM} (b)7 HIGHER_DECIDES: the higher level approves, changes or annuls"
_B7_COMPLAIN = f"{RM} row 28; Charter 2011 Art 39 k7: the disciplined member complains"
_B7_RECORD = f"{RM} (b)8, row 29: the body resolving the complaint records its outcome"
_B7_ABSENT = f"{RM} (b)7; QĐ 296 Art 12 k2.1: proceeding in repeated unexcused absence"
_B7_WARD_2019 = (
    f"{RM} (e)14: before 1/7/2025 the grassroots ward only proposes removal and expulsion"
)
_B7_WARD_2025 = f"{RM} g.1 (e)14, g.0: from 1/7/2025 the ward BTV/UBKT decides every form (QĐ 298)"
_B8 = f"{RM} (b)8; QĐ 22 Art 22: the competent body resolves the complaint"
_B8_COMPLAINANT = f"{RM} (b)8: the complainant withdraws or takes the complaint to the next level"
_B8_RESTORE = "QĐ 117-QĐ/TW (18/8/2023), regulations.md (d): the body that disciplined wrongly apologises and restores"
_B9_CELL = f"{RM} (b)9 CELL_REVIEW; Charter 2011 Art 8 k1: the cell considers and proposes"
_B9_DECIDE = f"{RM} (b)9 COMPETENT_COMMITTEE_DECIDES"
_B10_CELL = f"{RM} (b)10 CELL_REVIEW_MEETING: the cell's self-criticism and criticism"
_B10_DECIDE = f"{RM} (b)10 APPRAISED, DECIDED: the competent committee appraises and decides"
_B10_SUPERIOR = f"{RM} (b)10; QĐ 124 Art 13: the superior committee may annul and re-rate"
_B11 = f"{RM} (b)11, row 34; QĐ 22 Art 28, 31: the competent committee suspends"

_CONCLUDE = (IC_LEAD, _B1_DECIDE)
_TEAM_WORK = (IC_TEAM, _B1)

EXPECTED: Final[Mapping[str, Mapping[str, Row]]] = {
    "InspectionOnSignsOfViolation": {
        "propose": _TEAM_WORK,
        "drop": _CONCLUDE,
        "decide_inspection": _CONCLUDE,
        "notify_subject": _CONCLUDE,
        "request_explanation": _TEAM_WORK,
        "submit_explanation": (SUBJECT, _EXPLAIN),
        "proceed_without_explanation": _CONCLUDE,
        "hold_org_meeting": _TEAM_WORK,
        "draft_report": (IC_TEAM | CELL_LEAD, f"{RM} (b)1 ORG_MEETING, DRAFT_REPORT"),
        "submit_report": _TEAM_WORK,
        "conclude_no_violation": _CONCLUDE,
        "conclude_shortcoming": _CONCLUDE,
        "conclude_discipline": _CONCLUDE,
        "conclude_combined": (IC_LEAD, _COMBINED),
        "run_combined": (IC_LEAD, _COMBINED),
        "notify_conclusion": _CONCLUDE,
        "archive": _TEAM_WORK,
    },
    "ThematicInspection": {
        "adopt_plan": (CELL_LEAD, _B2),
        "notify_member": (CELL_LEAD, _B2),
        "submit_self_report": (SUBJECT, _B2_SELF),
        "start_review": (CELL_LEAD, _B2),
        "hold_cell_meeting": (CELL_LEAD, _B2),
        "conclude_compliant": (CELL_LEAD, _B2),
        "conclude_shortcomings": (CELL_LEAD, _B2),
        "conclude_signs_of_violation": (CELL_LEAD, _B2),
        "notify_conclusion": (CELL_LEAD, _B2),
        "archive": (CELL_TEAM, _B2),
    },
    "InspectionOfOversightDuties": {
        "decide_inspection": (IC_LEAD, _B3),
        "notify_subject": (IC_LEAD, _B3),
        "submit_self_report": (CELL_LEAD, _B3_SELF),
        "start_verification": (IC_TEAM, _B3),
        "hold_meeting": (IC_TEAM, _B3),
        "draft_report": (IC_TEAM, _B3),
        "submit_report": (IC_TEAM, _B3),
        "conclude_sound": (IC_LEAD, _B3),
        "conclude_shortcomings": (IC_LEAD, _B3),
        "conclude_signs_of_violation": (IC_LEAD, _B3),
        "notify_conclusion": (IC_LEAD, _B3),
        "archive": (IC_TEAM, _B3),
    },
    "PartyFinanceInspection": {
        "decide_inspection": (IC_LEAD, _B4),
        "send_outline": (IC_TEAM, _B4),
        "submit_self_report": (CELL_LEAD, _B4_SELF),
        "start_verification": (IC_TEAM, _B4),
        "request_clarification": (IC_TEAM, _B4),
        "draft_report": (IC_TEAM, _B4),
        "submit_to_commission": (IC_TEAM, _B4),
        "conclude_sound": (IC_LEAD, _B4),
        "conclude_shortcomings": (IC_LEAD, _B4),
        "conclude_violation": (IC_LEAD, _B4),
        "notify_conclusion": (IC_LEAD, _B4),
        "close": (IC_LEAD, _B4),
        "follow_up": (IC_TEAM, f"{RM} (b)4 REMEDIATION_FOLLOWUP"),
        "confirm_remediation": (IC_LEAD, f"{RM} (b)4 REMEDIATION_FOLLOWUP"),
        "escalate_unremedied": (IC_LEAD, f"{RM} (b)4, (b)1"),
        "run_combined": (IC_LEAD, f"{RM} (b)4 combined DisciplinaryProceeding; QĐ 354"),
    },
    "ThematicSupervision": {
        "brief_team": (IC_LEAD, _B5),
        "receive_report": (IC_TEAM, _B5),
        "draft_minutes": (IC_TEAM, _B5),
        "hold_meeting": (IC_LEAD, _B5),
        "finalise_report": (IC_TEAM, _B5),
        "report_to_commission": (IC_TEAM, _B5),
        "close_with_notice": (IC_LEAD, _B5),
        "escalate": (IC_LEAD, _B5),
    },
    "RegularSupervision": {
        "record_observation": (CELL_TEAM, _B5_REG),
        "remind": (CELL_LEAD, _B5_REG),
        "escalate": (CELL_LEAD, _B5_REG),
        "close": (CELL_LEAD, _B5_REG),
    },
    "DenunciationResolution": {
        "reject_anonymous": (IC_LEAD, _B6),
        "refer_as_sign_of_violation": (IC_LEAD, f"{RM} (d): QĐ 296 Art 19"),
        "reject_repeated": (IC_LEAD, _B6),
        "reject_unverifiable": (IC_LEAD, _B6),
        "defer_pre_congress": (IC_LEAD, f"{RM} row 32"),
        "hand_over": (IC_LEAD, f"{RM} row 32"),
        "handle_as_complaint": (IC_LEAD, f"{RM} (d); HD 02-HD/TW V.2.4"),
        "accept": (IC_LEAD, _B6),
        "withdraw": (frozenset({"denouncer"}), _B6_WITHDRAW),
        "conclude_true": (IC_LEAD, _B6),
        "conclude_partly_true": (IC_LEAD, _B6),
        "conclude_false": (IC_LEAD, _B6),
        "refer_to_discipline": (IC_LEAD, _B6),
        "notify_denouncer": (IC_LEAD, _B6),
        "archive": (IC_TEAM, _B6),
    },
    "DisciplinaryProceeding@cell": {
        "bar_by_limitation": (CELL_LEAD, _B7_STEPS),
        "exempt": (CELL_LEAD, _B7_STEPS),
        "proceed": (CELL_LEAD, _B7_STEPS),
        "defer": (CELL_LEAD, f"{RM} row 18: QĐ 22 Art 9 k7"),
        "resume": (CELL_LEAD, f"{RM} row 18"),
        "submit_self_criticism": (SUBJECT, _B7_SELF),
        "proceed_in_absence": (CELL_LEAD, _B7_ABSENT),
        "conclude_cell_meeting": (CELL_LEAD, _B7_MEETING),
        "hear_member": (CELL_LEAD, _B7_STEPS),
        "decide_reprimand": (CELL_LEAD, _B7_CELL),
        "decide_warning": (CELL_LEAD, _B7_CELL),
        "decide_removal_from_post": (NOBODY, _B7_PROPOSE),
        "decide_expulsion": (NOBODY, _B7_PROPOSE),
        "decide_dissolution": (NOBODY, _B7_NO_DISSOLUTION),
        "propose": (CELL_LEAD, _B7_PROPOSE),
        "no_sanction": (CELL_LEAD, _B7_STEPS),
        "approve_proposal": (IC_LEAD, _B7_HIGHER),
        "change_proposal": (IC_LEAD, _B7_HIGHER),
        "annul_proposal": (IC_LEAD, _B7_HIGHER),
        "announce": (CELL_LEAD | IC_LEAD, f"{RM} (b)7 ANNOUNCED; g.3 row 55"),
        "file_complaint": (SUBJECT, _B7_COMPLAIN),
        "close_complaint_window": (CELL_LEAD | IC_LEAD, f"{RM} row 28"),
        "record_complaint_kept": (IC_LEAD, _B7_RECORD),
        "record_complaint_changed": (IC_LEAD, _B7_RECORD),
        "record_complaint_annulled": (IC_LEAD, _B7_RECORD),
        "lapse": (CELL_LEAD | IC_LEAD, f"{RM} row 22"),
        "close_permanent": (CELL_LEAD | IC_LEAD, f"{RM} row 22"),
    },
    "DisciplinaryProceeding@commission": {
        "bar_by_limitation": (IC_LEAD, _B7_STEPS),
        "exempt": (IC_LEAD, _B7_STEPS),
        "proceed": (IC_LEAD, _B7_STEPS),
        "defer": (IC_LEAD, f"{RM} row 18"),
        "resume": (IC_LEAD, f"{RM} row 18"),
        "submit_self_criticism": (SUBJECT, _B7_SELF),
        "proceed_in_absence": (CELL_LEAD | IC_LEAD, _B7_ABSENT),
        "conclude_cell_meeting": (CELL_LEAD, _B7_MEETING),
        "hear_member": (
            IC_LEAD,
            f"{RM} (d): QĐ 296 Art 12 k1, the competent body hears the member",
        ),
        "decide_reprimand": (
            IC_LEAD,
            f"{RM} (e)14: the ward's commission decides reprimand or warning",
        ),
        "decide_warning": (
            IC_LEAD,
            f"{RM} (e)14: the ward's commission decides reprimand or warning",
        ),
        "decide_removal_from_post": (NOBODY, _B7_WARD_2019),
        "decide_expulsion": (NOBODY, _B7_WARD_2019),
        "decide_dissolution": (NOBODY, _B7_NO_DISSOLUTION),
        "propose": (IC_LEAD, _B7_STEPS),
        "no_sanction": (IC_LEAD, _B7_STEPS),
        "approve_proposal": (SUP_IC, _B7_HIGHER),
        "change_proposal": (SUP_IC, _B7_HIGHER),
        "annul_proposal": (SUP_IC, _B7_HIGHER),
        "announce": (IC_LEAD | SUP_IC, f"{RM} (b)7 ANNOUNCED"),
        "file_complaint": (SUBJECT, _B7_COMPLAIN),
        "close_complaint_window": (IC_LEAD | SUP_IC, f"{RM} row 28"),
        "record_complaint_kept": (SUP_IC, _B7_RECORD),
        "record_complaint_changed": (SUP_IC, _B7_RECORD),
        "record_complaint_annulled": (SUP_IC, _B7_RECORD),
        "lapse": (IC_LEAD | SUP_IC, f"{RM} row 22"),
        "close_permanent": (IC_LEAD | SUP_IC, f"{RM} row 22"),
    },
    "DisciplinaryComplaintResolution": {
        "reject_inadmissible": (IC_LEAD, f"{RM} (b)8 ADMISSIBILITY; QĐ 296 Art 23"),
        "decide_keep": (IC_LEAD, _B8),
        "decide_change": (IC_LEAD, _B8),
        "decide_annul": (IC_LEAD, _B8),
        "withdraw": (SUBJECT, _B8_COMPLAINANT),
        "notify": (IC_LEAD, _B8),
        "close": (IC_LEAD, _B8),
        "escalate": (SUBJECT, _B8_COMPLAINANT),
        "start_restoration": (IC_LEAD | CELL_LEAD, _B8_RESTORE),
        "record_restoration": (IC_LEAD | CELL_LEAD, _B8_RESTORE),
    },
    "RemovalFromRoll": {
        "review_in_cell": (CELL_LEAD, _B9_CELL),
        "keep_on_roll": (CELL_LEAD, _B9_CELL),
        "propose_removal": (CELL_LEAD, _B9_CELL),
        "reject_proposal": (SC_LEAD, _B9_DECIDE),
        "decide_removal": (SC_LEAD, _B9_DECIDE),
        "notify_member": (SC_LEAD, _B9_DECIDE),
    },
    "QualityClassification": {
        "hold_review_meeting": (CELL_LEAD, _B10_CELL),
        "exclude_from_rating": (SC_LEAD, f"{RM} row 44: members exempt or suspended are not rated"),
        "appraise": (SC_LEAD, _B10_DECIDE),
        "rate_excellent": (SC_LEAD, _B10_DECIDE),
        "rate_good": (SC_LEAD, _B10_DECIDE),
        "rate_completed": (SC_LEAD, _B10_DECIDE),
        "rate_not_completed": (SC_LEAD, _B10_DECIDE),
        "publish": (SC_LEAD, _B10_DECIDE),
        "archive": (SC_LEAD, _B10_DECIDE),
        "annul_rating": (SUP_SC, _B10_SUPERIOR),
        "rerate_excellent": (SUP_SC, _B10_SUPERIOR),
        "rerate_good": (SUP_SC, _B10_SUPERIOR),
        "rerate_completed": (SUP_SC, _B10_SUPERIOR),
        "rerate_not_completed": (SUP_SC, _B10_SUPERIOR),
    },
    "Suspension": {
        "suspend_activity": (SC_LEAD, _B11),
        "suspend_activity_and_committee": (SC_LEAD, _B11),
        "suspend_from_committee": (SC_LEAD, _B11),
        "suspend_organisation": (SC_LEAD, _B11),
        "withdraw_proposal": (SC_LEAD, _B11),
        "lift": (SC_LEAD, _B11),
        "end_on_expiry": (SC_LEAD, _B11),
    },
}
"""``setup -> trigger -> (roles allowed, citation)``, the same in both eras unless :data:`BY_ERA` says."""

BY_ERA: Final[Mapping[tuple[str, str, str], Row]] = {
    ("DisciplinaryProceeding@commission", "decide_removal_from_post", "2025"): (
        IC_LEAD,
        _B7_WARD_2025,
    ),
    ("DisciplinaryProceeding@commission", "decide_expulsion", "2025"): (IC_LEAD, _B7_WARD_2025),
}
"""Rows that differ in an era."""

LATER_STEPS: Final[Mapping[tuple[str, str], str]] = {
    (
        "InspectionOnSignsOfViolation",
        "run_combined",
    ): "QĐ 354-QĐ/UBKTTW (22/12/2021): the combined route",
    (
        "InspectionOnSignsOfViolation",
        "conclude_combined",
    ): "QĐ 354-QĐ/UBKTTW (22/12/2021): the combined route",
    ("PartyFinanceInspection", "run_combined"): "QĐ 354-QĐ/UBKTTW (22/12/2021): the combined route",
    ("DisciplinaryProceeding@cell", "defer"): f"{RM} row 18: deferral encoded from QĐ 22 Art 9 k7",
    ("DisciplinaryProceeding@cell", "resume"): f"{RM} row 18: deferral encoded from QĐ 22 Art 9 k7",
    ("DisciplinaryProceeding@cell", "proceed_in_absence"): "QĐ 296 Art 12 k2.1 (2025)",
    (
        "DisciplinaryProceeding@commission",
        "defer",
    ): f"{RM} row 18: deferral encoded from QĐ 22 Art 9 k7",
    (
        "DisciplinaryProceeding@commission",
        "resume",
    ): f"{RM} row 18: deferral encoded from QĐ 22 Art 9 k7",
    ("DisciplinaryProceeding@commission", "proceed_in_absence"): "QĐ 296 Art 12 k2.1 (2025)",
    ("DisciplinaryComplaintResolution", "start_restoration"): "QĐ 117-QĐ/TW (18/8/2023)",
    ("DisciplinaryComplaintResolution", "record_restoration"): "QĐ 117-QĐ/TW (18/8/2023)",
    ("QualityClassification", "appraise"): "QĐ 124 (2023): 'Bước 2: thẩm định'",
    ("QualityClassification", "annul_rating"): "QĐ 124 Art 13 (2023)",
    ("QualityClassification", "rerate_excellent"): "QĐ 124 Art 13 (2023)",
    ("QualityClassification", "rerate_good"): "QĐ 124 Art 13 (2023)",
    ("QualityClassification", "rerate_completed"): "QĐ 124 Art 13 (2023)",
    ("QualityClassification", "rerate_not_completed"): "QĐ 124 Art 13 (2023)",
}
"""Steps a case opened in 2019 does not have: they came with a later text (cited)."""

AUTHORIZATION_KEYS: Final = frozenset(
    {
        "workflow.blocked.not_permitted",
        "workflow.blocked.level_not_competent",
        "workflow.blocked.subject_post_not_competent",
        "workflow.blocked.conflict_subject",
        "workflow.blocked.conflict_denouncer",
        "workflow.blocked.conflict_inspector",
        "workflow.blocked.separation_of_duties",
        "sanction.competence.none",
        "sanction.competence.propose",
    }
)
"""The reasons that are about who acts, not about the state, the evidence or the facts."""


def _observed(setup: str, era: str) -> dict[str, frozenset[str]]:
    """``trigger -> roles allowed`` as the engine answers for a case of ``setup`` in its initial state in ``era``.

    The case is put straight into the store: who may open it is not what the matrix asks.
    """
    procedure, subject, parties, people = SETUPS[setup]
    when: pendulum.DateTime = ERAS[era]
    eng = engine(when)
    version = eng.version_at(procedure, when.date())
    case = Case(
        id="matrix",
        procedure=procedure,
        version=version.version,
        state=version.initial,
        seq=1,
        subject=subject,
        grounds=(Ground("letter", "L"),),
        parties=tuple(sorted(parties(era).items())),
        people=people,
        opened_at=when,
        entered_at=when,
    )
    opening = Event(
        "matrix",
        1,
        "open",
        None,
        None,
        version.initial,
        SystemActor("matrix"),
        when,
        procedure,
        version.version,
    )
    eng.store.create(case, opening)
    allowed: dict[str, set[str]] = {m.trigger: set() for m in version.moves}
    for role, actor in cast(era).items():
        try:
            options = eng.available("matrix", actor, when)
        except PermissionDenied:
            continue
        for option in options:
            if not any(r.message_key in AUTHORIZATION_KEYS for r in option.reasons):
                allowed[option.trigger].add(role)
    return {t: frozenset(r) for t, r in allowed.items()}


_CACHE: dict[tuple[str, str], dict[str, frozenset[str]]] = {}


def observed(setup: str, era: str) -> dict[str, frozenset[str]]:
    """The engine's answers for ``setup`` in ``era`` (computed once)."""
    if (setup, era) not in _CACHE:
        _CACHE[(setup, era)] = _observed(setup, era)
    return _CACHE[(setup, era)]


def expected(setup: str, trigger: str, era: str) -> Row:
    """The table's row for ``trigger`` of ``setup`` in ``era``."""
    return BY_ERA.get((setup, trigger, era), EXPECTED[setup][trigger])


CELLS: Final = [
    pytest.param(setup, era, trigger, id=f"{setup}-{era}-{trigger}")
    for setup in EXPECTED
    for era in ERAS
    for trigger in EXPECTED[setup]
]


@pytest.mark.parametrize(("setup", "era", "trigger"), CELLS)
def test_roles_allowed(setup: str, era: str, trigger: str) -> None:
    """The roles the engine allows for the trigger are those of the table's row; a later step is absent in 2019."""
    got = observed(setup, era)
    if era == "2019" and (setup, trigger) in LATER_STEPS:
        assert trigger not in got
        return
    allowed, _citation = expected(setup, trigger, era)
    assert sorted(got[trigger]) == sorted(allowed)


def test_the_table_covers_every_trigger_of_every_procedure() -> None:
    """Every trigger of every version of the twelve procedures has a row, and no row names another."""
    defined = {
        (p.name, m.trigger)
        for p in book().extras["procedures"]
        for v in p.versions
        for m in v.moves
    }
    tabled = {(SETUPS[s][0], t) for s, rows in EXPECTED.items() for t in rows}
    assert (sorted(defined - tabled), sorted(tabled - defined)) == ([], [])


def test_the_table_covers_every_procedure() -> None:
    """The twelve procedures all appear in the matrix."""
    assert sorted({SETUPS[s][0] for s in EXPECTED}) == sorted(
        p.name for p in book().extras["procedures"]
    )


def test_every_row_has_a_citation() -> None:
    """Each row of the table names its basis."""
    rows = [*(r for rows in EXPECTED.values() for r in rows.values()), *BY_ERA.values()]
    assert [r for r in rows if not r[1]] == []


def test_the_matrix_spans_every_role() -> None:
    """Every role of the cast is asked about every trigger (14 roles)."""
    assert len(ROLES) == 14
