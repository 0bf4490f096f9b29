"""DenunciationResolution (giải quyết tố cáo): screening, resolution within a time limit, conclusion.

State list from regulations.md (b)6 and (d):

* **Screening.** An anonymous or pseudonymous letter, or one without an address, is not resolved as a
  denunciation; if its content is concrete it may serve as a sign of violation for an inspection (QĐ 296
  Art 19). A letter repeating a concluded denunciation without new content, or too vague to verify, is
  not taken up. A letter received inside the pre-congress window is passed to the new committee
  (HD 07-HD/UBKTTW, row 32). A letter that both complains and denounces is handled as a complaint, and the
  writer is guided to denounce separately (HD 02-HD/TW V.2.4).
* **Resolution.** From acceptance the body has the time limit of row 31 (90 working days at the grassroots,
  from QĐ 22), extended once by at most 30 working days through :meth:`kiemtra.Engine.extend`; when it was
  extended, the conclusion must carry the notice sent to the denouncer. regulations.md gives no limit under
  QĐ 30, so the ``2016`` version has none. The handbook counts the limit from receipt; here it runs from
  acceptance (the day the body takes the letter up), which screening makes the same day or close to it.
* **Conclusion.** True, partly true or false; a true or partly true denunciation may be referred to a
  DisciplinaryProceeding; the denouncer is told the result.
"""

from __future__ import annotations

from typing import Final

import pendulum

from kiemtra._errors import NotInForce
from kiemtra._rules._explanation import Explanation, Scalar
from kiemtra._rules._param import ParamUse, value_as
from kiemtra._time import Duration
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
    DENOUNCER,
    INSPECTING,
    QD22,
    QD30,
    RM,
    SUPERIOR,
    Guard,
    block,
    era,
    fired,
    lead,
    record,
    team,
)
from kiemtra.rulebooks.vn._procedures._evidence import LetterFacts
from kiemtra.rulebooks.vn._procedures._inspection import INSPECTION_ON_SIGNS

__all__ = ["DENUNCIATION", "denunciation_resolution", "pre_congress_window"]

DENUNCIATION: Final = "DenunciationResolution"
REQ = Requirement

_ART19 = s.QD_296.cite("Art 19", source="quiz bank Q84, Q85; Bình Thuận handbook")
_HANDBOOK = s.QD_22.cite(source="stdt.danguykhoibinhthuan.vn 'Giải quyết tố cáo...'")
_MIXED = s.HD_02_TW.cite("V.2.4", source="scribd UBKT Q&A 4/2022")
_PRE_CONGRESS = s.HD_07_UBKTTW.cite(source="ubkttw.vn Q&A")
_RULE = "vn.procedure.denunciation_screening"


def pre_congress_window(
    ctx: GuardContext, letter: LetterFacts
) -> tuple[bool, ParamUse | None, int | None]:
    """Whether ``letter`` came inside the pre-congress window (row 32), with the parameter and the count.

    The window is the ``n`` working days before the congress opens (``n`` read on the day of the step): a
    letter received on one of them, or on a day off among them, is inside. No window applies when no
    congress date is given, or when no value is in force (before HD 07-HD/UBKTTW, 12/12/2019).
    """
    if letter.congress_opens_on is None or letter.received_on >= letter.congress_opens_on:
        return False, None, None
    try:
        use = ctx.param(f"denunciation.pre_congress.{letter.level}")
    except NotInForce:
        return False, None, None
    window = value_as(use, Duration)
    before = ctx.calendar.working_days_between(
        letter.received_on.subtract(days=1), letter.congress_opens_on.subtract(days=1)
    )
    return before <= window.amount, use, before


def _screen_block(ctx: GuardContext, letter: LetterFacts, ground: str) -> Explanation:
    inputs: dict[str, Scalar] = {
        "named": letter.named,
        "address_given": letter.address_given,
        "pseudonymous": letter.pseudonymous,
        "concrete": letter.concrete,
        "repeats_concluded_case": letter.repeats_concluded_case,
        "new_content": letter.new_content,
        "also_complaint": letter.also_complaint,
        "received_on": letter.received_on,
    }
    return block(
        ctx,
        _RULE,
        f"vn.blocked.letter.{ground}",
        citations=(_ART19, _HANDBOOK, _MIXED),
        inputs=inputs,
        evidence=(letter.id,),
    )


def _screening(ground: str) -> Guard:
    """A guard that passes when the letter's screening ground is ``ground``."""

    def screened(ctx: GuardContext) -> Explanation | None:
        letter = record(ctx, "letter", LetterFacts)
        if isinstance(letter, Explanation):
            return letter
        holds = {
            "anonymous": letter.anonymous,
            "anonymous_and_concrete": letter.anonymous and letter.concrete,
            "repeated": letter.repeats_concluded_case and not letter.new_content,
            "unverifiable": not letter.anonymous and not letter.concrete,
            "also_complaint": letter.also_complaint,
        }
        if ground == "pre_congress":
            inside, use, before = pre_congress_window(ctx, letter)
            if inside:
                return None
            return block(
                ctx,
                _RULE,
                "vn.blocked.letter.not_in_pre_congress_window",
                citations=(_PRE_CONGRESS,),
                params=() if use is None else (use,),
                inputs={
                    "received_on": letter.received_on,
                    "congress_opens_on": letter.congress_opens_on,
                    "working_days_before": before,
                },
                evidence=(letter.id,),
            )
        if holds[ground]:
            return None
        return _screen_block(ctx, letter, f"not_{ground}")

    screened.__name__ = f"letter_{ground}"
    return screened


def acceptable(ctx: GuardContext) -> Explanation | None:
    """A letter is taken up only when no screening ground holds: named with an address, concrete, not a
    repeat without new content, outside the pre-congress window, and not also a complaint."""
    letter = record(ctx, "letter", LetterFacts)
    if isinstance(letter, Explanation):
        return letter
    if letter.also_complaint:
        return _screen_block(ctx, letter, "also_complaint")
    if letter.anonymous:
        return _screen_block(ctx, letter, "anonymous")
    if letter.repeats_concluded_case and not letter.new_content:
        return _screen_block(ctx, letter, "repeated")
    if not letter.concrete:
        return _screen_block(ctx, letter, "unverifiable")
    inside, use, before = pre_congress_window(ctx, letter)
    if inside:
        assert use is not None
        return block(
            ctx,
            _RULE,
            "vn.blocked.letter.pre_congress",
            citations=(_PRE_CONGRESS,),
            params=(use,),
            inputs={
                "received_on": letter.received_on,
                "congress_opens_on": letter.congress_opens_on,
                "working_days_before": before,
            },
            evidence=(letter.id,),
        )
    return None


def extension_notified(ctx: GuardContext) -> Explanation | None:
    """When the time limit was extended, the conclusion carries the notice sent to the denouncer (row 31)."""
    if ctx.case.extensions == 0 or any(
        getattr(e, "kind", None) == "extension_notice" for e in ctx.evidence
    ):
        return None
    return block(
        ctx,
        "vn.procedure.denunciation_extension",
        "vn.blocked.extension_not_notified",
        citations=(_HANDBOOK,),
        extensions=ctx.case.extensions,
    )


def _true_or_partly(ctx: GuardContext) -> Explanation | None:
    if fired(ctx, "conclude_true", "conclude_partly_true"):
        return None
    return block(ctx, "vn.procedure.denunciation_referral", "vn.blocked.denunciation_not_true")


_SUB_STEPS = REQ(
    [
        "denouncer_minutes",
        "explanatory_report",
        "verification_report",
        "minutes",
        "draft_conclusion",
    ]
)


def _version(
    version: str, start: pendulum.Date, end: pendulum.Date | None, limited: bool
) -> ProcedureVersion:
    if limited:
        investigating = State(
            "INVESTIGATING",
            deadline="denunciation.resolution.grassroots",
            extension="denunciation.extension.grassroots",
            max_extensions=1,
            extenders=[lead(DECIDING)],
        )
    else:
        investigating = State("INVESTIGATING")
    states = [
        State("RECEIVED"),
        State("REJECTED", final=True),
        State("REFERRED_AS_SIGN", final=True),
        State("DEFERRED_PRE_CONGRESS"),
        State("HANDED_OVER", final=True),
        State("HANDLED_AS_COMPLAINT", final=True),
        investigating,
        State("WITHDRAWN", final=True),
        State("CONCLUDED"),
        State("REFERRED"),
        State("DENOUNCER_NOTIFIED"),
        State("ARCHIVED", final=True),
    ]
    letter = REQ(["letter"])
    screen = [lead(DECIDING)]

    def conclude(trigger: str) -> Move:
        return Move(
            trigger,
            ["INVESTIGATING"],
            "CONCLUDED",
            permits=[lead(DECIDING)],
            requires=_SUB_STEPS,
            guards=[extension_notified],
        )

    moves = [
        Move(
            "reject_anonymous",
            ["RECEIVED"],
            "REJECTED",
            permits=screen,
            requires=letter,
            guards=[_screening("anonymous")],
        ),
        Move(
            "refer_as_sign_of_violation",
            ["RECEIVED"],
            "REFERRED_AS_SIGN",
            permits=screen,
            requires=letter,
            guards=[_screening("anonymous_and_concrete")],
            opens=Link(INSPECTION_ON_SIGNS, {INSPECTING: DECIDING, CELL: CELL, SUPERIOR: SUPERIOR}),
        ),
        Move(
            "reject_repeated",
            ["RECEIVED"],
            "REJECTED",
            permits=screen,
            requires=letter,
            guards=[_screening("repeated")],
        ),
        Move(
            "reject_unverifiable",
            ["RECEIVED"],
            "REJECTED",
            permits=screen,
            requires=letter,
            guards=[_screening("unverifiable")],
        ),
        Move(
            "defer_pre_congress",
            ["RECEIVED"],
            "DEFERRED_PRE_CONGRESS",
            permits=screen,
            requires=letter,
            guards=[_screening("pre_congress")],
        ),
        Move(
            "hand_over",
            ["DEFERRED_PRE_CONGRESS"],
            "HANDED_OVER",
            permits=screen,
            requires=REQ(["handover_record"]),
        ),
        Move(
            "handle_as_complaint",
            ["RECEIVED"],
            "HANDLED_AS_COMPLAINT",
            permits=screen,
            requires=REQ(["letter", "guidance_notice"]),
            guards=[_screening("also_complaint")],
        ),
        Move(
            "accept",
            ["RECEIVED"],
            "INVESTIGATING",
            permits=screen,
            requires=REQ(["letter", "decision"]),
            guards=[acceptable],
        ),
        Move(
            "withdraw",
            ["RECEIVED", "INVESTIGATING"],
            "WITHDRAWN",
            permits=[DENOUNCER],
            requires=REQ(["withdrawal_letter"]),
        ),
        conclude("conclude_true"),
        conclude("conclude_partly_true"),
        conclude("conclude_false"),
        Move(
            "refer_to_discipline",
            ["CONCLUDED"],
            "REFERRED",
            permits=[lead(DECIDING)],
            guards=[_true_or_partly],
            opens=Link(
                "DisciplinaryProceeding",
                {DECIDING: DECIDING, INSPECTING: DECIDING, CELL: CELL, SUPERIOR: SUPERIOR},
            ),
        ),
        Move(
            "notify_denouncer",
            ["CONCLUDED", "REFERRED"],
            "DENOUNCER_NOTIFIED",
            permits=[lead(DECIDING)],
            requires=REQ(["notice"]),
        ),
        Move("archive", ["DENOUNCER_NOTIFIED"], "ARCHIVED", permits=[team(DECIDING)]),
    ]
    citations = [
        str(s.QD_22.cite("Art 19", "k1")),
        str(_ART19),
        str(_MIXED),
        f"{RM} (b)6, (d), row 31, row 32",
    ]
    if not limited:
        citations[0] = str(s.QD_30.cite())
    return ProcedureVersion(
        version,
        era(start, end),
        "RECEIVED",
        states,
        moves,
        openers=[lead(DECIDING)],
        citations=citations,
    )


def denunciation_resolution() -> Procedure:
    """DenunciationResolution, regulations.md (b)6.

    Version ``2016`` (QĐ 30) runs without a time limit (none is in regulations.md for it); version
    ``2021`` (QĐ 22, HD 02-HD/TW, carried under QĐ 296) limits the resolution to the parameter
    ``denunciation.resolution.grassroots``, extended once by ``denunciation.extension.grassroots``.
    """
    return Procedure(
        DENUNCIATION,
        [_version("2016", QD30, QD22, limited=False), _version("2021", QD22, None, limited=True)],
    )


OUTCOMES: Final = {
    DENUNCIATION: {
        "reject_anonymous": "rejected_anonymous",
        "refer_as_sign_of_violation": "used_as_sign_of_violation",
        "reject_repeated": "rejected_repeated",
        "reject_unverifiable": "rejected_unverifiable",
        "defer_pre_congress": "deferred_pre_congress",
        "handle_as_complaint": "handled_as_complaint",
        "withdraw": "withdrawn",
        "conclude_true": "true",
        "conclude_partly_true": "partly_true",
        "conclude_false": "false",
    }
}
"""The outcome each concluding move records."""

GUARD_KEYS: Final = (
    "vn.blocked.letter.not_anonymous",
    "vn.blocked.letter.not_anonymous_and_concrete",
    "vn.blocked.letter.not_repeated",
    "vn.blocked.letter.not_unverifiable",
    "vn.blocked.letter.not_also_complaint",
    "vn.blocked.letter.not_in_pre_congress_window",
    "vn.blocked.letter.anonymous",
    "vn.blocked.letter.repeated",
    "vn.blocked.letter.unverifiable",
    "vn.blocked.letter.also_complaint",
    "vn.blocked.letter.pre_congress",
    "vn.blocked.extension_not_notified",
    "vn.blocked.denunciation_not_true",
    "vn.blocked.facts_missing",
)
"""The message keys of this module's guards."""
