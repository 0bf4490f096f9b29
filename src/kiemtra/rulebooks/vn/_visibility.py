"""Who sees what of the Vietnamese cases, and whom the rulebook's notifications tell.

Visibility (``extras["visibility"]``):

* the bodies that inspect, decide and review (``inspecting_body``, ``deciding_body``, ``superior_body``), the
  bodies above them, and the inspection team see everything;
* the inspectors of an earlier case see its follow-up (case, history, notes);
* the body whose decision is complained of sees the complaint's case, history, notes and evidence;
* the subject sees their own case and its history, never the denouncer's identity, the witness statements,
  the drafts, the evidence's content nor the notes (QĐ 22-QĐ/TW Art 19: the denouncer is protected);
* the subject's cell and organisation (as a party or not) see the case and its history, never the
  denouncer's identity nor the notes, even when they also decide (a cell meeting deciding a warning); the
  bodies above them see what they see;
* the denouncer sees, of the denunciation, only the acknowledgement (the letter taken up, or why not) and
  the notice of the outcome;
* a cell sees its own members' ratings and findings and no other cell's; a body sees those of the
  organisations below it.

Notifications (``extras["notifications"]``): denunciations and complaints received (to the bodies that
handle them); the acknowledgement and the outcome notice (to the denouncer); every concluding move (to the
subject, the handling bodies and the cell); deadline reminders 5 and 1 working days ahead (to the handling
bodies).
"""

from __future__ import annotations

from typing import Final

from kiemtra._workflow._notify import NoticeRule, Notifications, Reminders
from kiemtra._workflow._visibility import (
    ACKNOWLEDGEMENT,
    ALL,
    CASE,
    DENOUNCER_IDENTITY,
    DRAFT_CONCLUSION,
    EVIDENCE,
    FINDINGS,
    HISTORY,
    NOTES,
    OUTCOME_NOTICE,
    RATINGS,
    WITNESS_STATEMENT,
    PopulationRule,
    Visibility,
    VisibilityRule,
)
from kiemtra.rulebooks.vn._procedures._common import (
    CELL,
    DECIDED_BODY,
    DECIDING,
    INSPECTING,
    SUBJECT_ORG,
    SUPERIOR,
)

__all__ = ["ACKNOWLEDGING", "DENOUNCER_NOTICES", "notifications", "visibility"]

DENUNCIATION: Final = "DenunciationResolution"
COMPLAINT: Final = "DisciplinaryComplaintResolution"

ACKNOWLEDGING: Final = (
    "accept",
    "reject_repeated",
    "reject_unverifiable",
    "handle_as_complaint",
    "defer_pre_congress",
)
"""The moves of a denunciation that tell the denouncer whether the letter was taken up."""
DENOUNCER_NOTICES: Final = {
    DENUNCIATION: {
        **dict.fromkeys(ACKNOWLEDGING, "acknowledgement"),
        "notify_denouncer": "outcome_notice",
    }
}
"""The events the denouncer sees: ``procedure -> {trigger: notice kind}``."""

HANDLERS: Final = (INSPECTING, DECIDING, SUPERIOR)


def visibility() -> Visibility:
    """The visibility rules of the Vietnamese procedures (see the module docstring)."""
    subject_never = (DENOUNCER_IDENTITY, WITNESS_STATEMENT, DRAFT_CONCLUSION, EVIDENCE, NOTES)
    cell_never = (DENOUNCER_IDENTITY, NOTES)
    return Visibility(
        [
            *(VisibilityRule(f"party:{part}", sees=[ALL], superiors=True) for part in HANDLERS),
            VisibilityRule("people:team", sees=[ALL]),
            VisibilityRule("people:parent_team", sees=[CASE, HISTORY, NOTES]),
            VisibilityRule(
                f"party:{DECIDED_BODY}", sees=[CASE, HISTORY, NOTES, EVIDENCE], superiors=True
            ),
            VisibilityRule(
                f"party:{CELL}", sees=[CASE, HISTORY], withholds=cell_never, superiors=True
            ),
            VisibilityRule(
                f"party:{SUBJECT_ORG}", sees=[CASE, HISTORY], withholds=cell_never, superiors=True
            ),
            VisibilityRule(
                "subject_org", sees=[CASE, HISTORY], withholds=cell_never, superiors=True
            ),
            VisibilityRule("subject", sees=[CASE, HISTORY], withholds=subject_never),
            VisibilityRule("people:denouncer", sees=[ACKNOWLEDGEMENT, OUTCOME_NOTICE]),
            VisibilityRule("system", sees=[ALL]),
        ],
        notices=DENOUNCER_NOTICES,
        population=[PopulationRule(RATINGS, "cell_id"), PopulationRule(FINDINGS, "org_id")],
    )


def notifications() -> Notifications:
    """The notifications of the Vietnamese procedures (see the module docstring)."""
    from kiemtra.rulebooks.vn._procedures import OUTCOMES

    handlers = [f"party:{INSPECTING}", f"party:{DECIDING}"]
    told = ["subject", *handlers, f"party:{CELL}"]
    return Notifications(
        [
            NoticeRule("received", ["open"], handlers, procedures=[DENUNCIATION, COMPLAINT]),
            NoticeRule(
                "decision",
                [*ACKNOWLEDGING, "notify_denouncer"],
                ["people:denouncer"],
                procedures=[DENUNCIATION],
            ),
            *(
                NoticeRule("decision", sorted(moves), told, procedures=[procedure])
                for procedure, moves in sorted(OUTCOMES.items())
            ),
        ],
        Reminders(leads=(5, 1), to=handlers),
    )
