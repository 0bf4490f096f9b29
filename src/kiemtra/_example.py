"""A small rulebook that is not Vietnamese: complaint handling in a company's compliance office.

It exercises the engine with two roles, deadlines, an extension, an appeal window, a follow-up link and
two procedure versions, and nothing of the party rulebook. Its visibility rules and notifications show the
embedding features on a rulebook of its own: the office, its board and the investigators see everything;
the employee complained about sees the case and its history but no confidential record and no note; the
complainant sees only the acknowledgement and the notice of the outcome.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import pendulum

from kiemtra._model._actor import Actor, Body, MemberActor, OutsidePerson
from kiemtra._rules._explanation import Explanation
from kiemtra._rules._param import Citation, Param, ParamVersion, Status, Unit
from kiemtra._rules._rulebook import Rulebook
from kiemtra._rules._templates import Templates
from kiemtra._time import DateRange, Duration
from kiemtra._workflow._case import Subject
from kiemtra._workflow._context import GuardContext
from kiemtra._workflow._definition import (
    Link,
    Move,
    Permit,
    Procedure,
    ProcedureVersion,
    Requirement,
    State,
)
from kiemtra._workflow._directory import StaticDirectory
from kiemtra._workflow._notify import NoticeRule, Notifications, Reminders
from kiemtra._workflow._visibility import (
    ACKNOWLEDGEMENT,
    ALL,
    CASE,
    DENOUNCER_IDENTITY,
    DRAFT_CONCLUSION,
    HISTORY,
    NOTES,
    OUTCOME_NOTICE,
    WITNESS_STATEMENT,
    Visibility,
    VisibilityRule,
)

__all__ = ["CompanyCast", "company_notifications", "company_rulebook", "company_visibility"]

_POLICY = Citation("Acme Compliance Policy 2020", "s. 4")
_POLICY_2025 = Citation("Acme Compliance Policy 2025", "s. 4")
_D = pendulum.date

OFFICE = Permit("office", roles=("officer", "head"))
HEAD = Permit("office", roles=("head",))
OFFICER = Permit("office", roles=("officer",))
BOARD = Permit("board", roles=("chair",), superior=True)
COMPLAINANT = Permit("complainant")


def _params() -> list[Param]:
    def one(key: str, value: Duration, cite: Citation = _POLICY) -> Param:
        return Param(
            key,
            Unit.DURATION,
            [ParamVersion(value, DateRange(_D(2020, 1, 1)), [cite], Status.CONFIRMED)],
        )

    return [
        one("complaint.acknowledge_within", Duration.working_days(3)),
        Param(
            "complaint.investigate_within",
            Unit.DURATION,
            [
                ParamVersion(
                    Duration.days(30),
                    DateRange(_D(2020, 1, 1), _D(2025, 1, 1)),
                    [_POLICY],
                    Status.CONFIRMED,
                ),
                ParamVersion(
                    Duration.days(20), DateRange(_D(2025, 1, 1)), [_POLICY_2025], Status.CONFIRMED
                ),
            ],
        ),
        one("complaint.extension", Duration.working_days(10)),
        one("complaint.appeal_window", Duration.days(15)),
        one("complaint.review_within", Duration.working_days(20)),
        Param(
            "complaint.min_report_pages",
            Unit.COUNT,
            [ParamVersion(1, DateRange(_D(2020, 1, 1)), [_POLICY], Status.UNCONFIRMED)],
        ),
    ]


def _not_anonymous(ctx: GuardContext) -> Explanation | None:
    """An anonymous complaint is not investigated (s. 4.2)."""
    if ctx.case.persons("complainant"):
        return None
    return Explanation(
        "company.complaint.named",
        ctx.version,
        "company.blocked.anonymous",
        citations=(_POLICY,),
        inputs={"complainants": 0},
    )


_STATES = (
    State("received", deadline="complaint.acknowledge_within"),
    State("acknowledged"),
    State(
        "investigating",
        deadline="complaint.investigate_within",
        extension="complaint.extension",
        max_extensions=1,
        extenders=[HEAD],
    ),
    State("reported"),
    State("decided"),
    State("notified", deadline="complaint.appeal_window"),
    State("appealed", deadline="complaint.review_within"),
    State("reviewed"),
    State("closed", final=True),
    State("withdrawn", final=True),
)


def _moves(first: str) -> tuple[Move, ...]:
    return (
        Move("acknowledge", [first], "acknowledged", permits=[OFFICE]),
        Move("assign", ["acknowledged"], "investigating", permits=[HEAD], guards=[_not_anonymous]),
        Move(
            "report",
            ["investigating"],
            "reported",
            permits=[OFFICER],
            requires=Requirement(["report"]),
            within_deadline=True,
        ),
        Move(
            "decide",
            ["reported"],
            "decided",
            permits=[HEAD],
            separate_from=["report"],
            requires=Requirement(["decision"]),
        ),
        Move("notify", ["decided"], "notified", permits=[OFFICE]),
        Move("appeal", ["notified"], "appealed", permits=[COMPLAINANT], within_deadline=True),
        Move("review", ["appealed"], "reviewed", permits=[BOARD]),
        Move("close", ["notified", "reviewed"], "closed", permits=[HEAD]),
        Move(
            "withdraw",
            ["received", "acknowledged", "investigating"],
            "withdrawn",
            permits=[COMPLAINANT],
        ),
        Move(
            "refer",
            ["reported"],
            "closed",
            permits=[HEAD],
            opens=Link("Misconduct", {"office": "office", "board": "board"}),
        ),
    )


def _procedures() -> list[Procedure]:
    complaint = Procedure(
        "Complaint",
        [
            ProcedureVersion(
                "2020",
                DateRange(_D(2020, 1, 1), _D(2025, 1, 1)),
                "received",
                _STATES,
                _moves("received"),
                openers=[OFFICE, COMPLAINANT],
                citations=["Acme Policy 2020 s. 4"],
            ),
            ProcedureVersion(
                "2025",
                DateRange(_D(2025, 1, 1)),
                "received",
                (*_STATES, State("triaged")),
                (Move("triage", ["received"], "triaged", permits=[OFFICE]), *_moves("triaged")),
                openers=[OFFICE, COMPLAINANT],
                citations=["Acme Policy 2025 s. 4"],
            ),
        ],
    )
    misconduct = Procedure(
        "Misconduct",
        [
            ProcedureVersion(
                "2020",
                DateRange(_D(2020, 1, 1)),
                "opened",
                (
                    State("opened"),
                    State("heard"),
                    State("sanctioned", final=True),
                    State("cleared", final=True),
                ),
                (
                    Move("hear", ["opened"], "heard", permits=[OFFICE]),
                    Move("sanction", ["heard"], "sanctioned", permits=[BOARD]),
                    Move("clear", ["heard"], "cleared", permits=[BOARD]),
                ),
                openers=[OFFICE],
            )
        ],
    )
    return [complaint, misconduct]


_EN = {
    "workflow.blocked.wrong_state": "'{trigger}' cannot be done in state {state} (only from {expected}).",
    "workflow.blocked.not_permitted": "{actor} may not do '{trigger}'.",
    "workflow.blocked.missing_evidence": "'{trigger}' needs a {kind} attached.",
    "workflow.blocked.deadline_passed": "'{trigger}' came too late: due {due}, asked on {day}.",
    "workflow.blocked.conflict_subject": "The subject of the case may not act on it.",
    "workflow.blocked.conflict_denouncer": "The denouncer may not act on the case.",
    "workflow.blocked.conflict_inspector": "An investigator of the earlier case may not decide this one.",
    "workflow.blocked.separation_of_duties": "Whoever did '{earlier}' may not also do '{trigger}'.",
    "workflow.blocked.level_not_competent": "A body at level {level} may not do '{trigger}'.",
    "workflow.blocked.subject_post_not_competent": "'{trigger}' is not for this body when the subject is {post}.",
    "workflow.blocked.extensions_exhausted": "No extension left in state {state} ({used} of {allowed} used).",
    "company.blocked.anonymous": "An anonymous complaint is not investigated.",
}
_VI = {
    "workflow.blocked.wrong_state": "Không thể '{trigger}' ở trạng thái {state} (chỉ từ {expected}).",
    "workflow.blocked.not_permitted": "{actor} không có thẩm quyền '{trigger}'.",
    "workflow.blocked.missing_evidence": "'{trigger}' cần kèm {kind}.",
    "workflow.blocked.deadline_passed": "'{trigger}' quá hạn: hạn {due}, yêu cầu ngày {day}.",
    "workflow.blocked.conflict_subject": "Đối tượng của vụ việc không được tham gia xử lý.",
    "workflow.blocked.conflict_denouncer": "Người tố cáo không được tham gia xử lý.",
    "workflow.blocked.conflict_inspector": "Người đã kiểm tra vụ việc trước không được quyết định vụ này.",
    "workflow.blocked.separation_of_duties": "Người đã '{earlier}' không được đồng thời '{trigger}'.",
    "workflow.blocked.level_not_competent": "Cấp {level} không có thẩm quyền '{trigger}'.",
    "workflow.blocked.subject_post_not_competent": "'{trigger}' không thuộc thẩm quyền khi đối tượng là {post}.",
    "workflow.blocked.extensions_exhausted": "Hết số lần gia hạn ở trạng thái {state} ({used}/{allowed}).",
    "company.blocked.anonymous": "Khiếu nại nặc danh không được giải quyết.",
}


def _labels() -> tuple[dict[str, str], dict[str, str]]:
    en: dict[str, str] = {}
    vi: dict[str, str] = {}
    for proc in _procedures():
        for key in proc.label_keys():
            text = key.rsplit(".", 1)[-1].replace("_", " ")
            en[key] = text
            vi[key] = (
                text  # the company's own staff work in English; a Vietnamese label is its copy
            )
    return en, vi


def company_visibility() -> Visibility:
    """Who sees what of the company's cases.

    The office and the board (and the bodies above them) and the investigators (``team``) see everything;
    investigators of an earlier case see its follow-up and history; the employee complained about sees the
    case and its history, never a confidential record nor a note; the complainant sees the case (what it
    may do next) but, of its history, only the acknowledgement and the notice of the outcome; the host's
    jobs see everything.
    """
    never = (DENOUNCER_IDENTITY, WITNESS_STATEMENT, DRAFT_CONCLUSION, NOTES)
    return Visibility(
        [
            VisibilityRule("party:office", sees=[ALL], superiors=True),
            VisibilityRule("party:board", sees=[ALL], superiors=True),
            VisibilityRule("people:team", sees=[ALL]),
            VisibilityRule("people:parent_team", sees=[CASE, HISTORY, NOTES]),
            VisibilityRule("subject", sees=[CASE, HISTORY], withholds=never),
            VisibilityRule(
                "people:complainant", sees=[CASE, ACKNOWLEDGEMENT, OUTCOME_NOTICE], withholds=never
            ),
            VisibilityRule("system", sees=[ALL]),
        ],
        notices={"Complaint": {"acknowledge": "acknowledgement", "notify": "outcome_notice"}},
    )


def company_notifications() -> Notifications:
    """What the company tells whom: complaints received (to the office), decisions announced (to the
    complainant and the employee), and deadline reminders 3 and 1 working days ahead (to the office)."""
    told = ["people:complainant", "subject"]
    return Notifications(
        [
            NoticeRule("received", ["open"], ["party:office"], procedures=["Complaint"]),
            NoticeRule("decision", ["notify", "review"], told, procedures=["Complaint"]),
            NoticeRule("decision", ["sanction", "clear"], ["subject"], procedures=["Misconduct"]),
        ],
        Reminders(leads=(3, 1), to=("party:office",)),
    )


def company_rulebook() -> Rulebook:
    """The example company's compliance rulebook: parameters, two procedures, templates in en and vi,
    visibility rules (``extras["visibility"]``) and notifications (``extras["notifications"]``)."""
    en, vi = _labels()
    return Rulebook(
        "acme",
        _params(),
        Templates({"en": {**en, **_EN}, "vi": {**vi, **_VI}}),
        extras={
            "procedures": tuple(_procedures()),
            "visibility": company_visibility(),
            "notifications": company_notifications(),
        },
    )


class CompanyCast:
    """The people and bodies of the example company, for tests and examples."""

    office = Body("acme", "compliance_office")
    board = Body("acme-group", "ethics_board")
    other_office = Body("globex", "compliance_office")
    head = MemberActor("h-1", office, "head")
    officer = MemberActor("o-1", office, "officer")
    officer2 = MemberActor("o-2", office, "officer")
    chair = MemberActor("c-1", board, "chair")
    outsider = MemberActor("x-1", other_office, "head")
    complainant = OutsidePerson("p-1", "complainant")
    subject = Subject("member", "m-9", "acme")
    parties: Mapping[str, Body] = MappingProxyType({"office": office, "board": board})
    people: tuple[tuple[str, str], ...] = (("complainant", "p-1"), ("team", "o-1"))
    directory = StaticDirectory(
        parents={"acme": "acme-group"},
        levels={"acme": "company", "acme-group": "group", "globex": "company"},
        member_posts={"m-9": ("engineer",)},
    )

    @classmethod
    def actors(cls) -> tuple[Actor, ...]:
        """Every actor of the cast."""
        return (cls.head, cls.officer, cls.officer2, cls.chair, cls.outsider, cls.complainant)
