"""A simulated ward that decides the cases a yearly review opens: who does what, with which papers.

:class:`SimulatedWard` is the decision policy :func:`kiemtra.review.review_year` uses for the Vietnamese
rulebook unless the caller passes another. Its choices are *simulation assumptions*, not regulations, and
each outcome's explanation says which assumption decided it:

* **Removal from the roll** (three-month rule): the cell reviews the ground and proposes the removal, the
  deciding body decides it and the member is notified; in a share of cases (``keep_share``, picked by a
  hash of the seed and the case's subject, so the same run gives the same choice) the cell accepts a
  justified reason and keeps the member. The removal's ground is re-checked by the procedure's own guard
  (the law of sanctions) on the day of each step.
* **Inspection on signs of violation** (fund audits): the commission proposes, decides, notifies,
  hears the subject, verifies, drafts and submits its report and concludes. Findings about money handled
  (``money_rules``: unrecorded collections, deposits or collections that do not match, spending beyond what
  was collected or without approval, compulsory levies) conclude *violation to the level of discipline*,
  which opens a disciplinary proceeding; other findings conclude *violation not to the level of
  discipline*.
* **Disciplinary proceeding** of the organisation: the commission proceeds, the subject self-criticises,
  the meeting concludes, the commission hears the subject and its ``commission_members`` vote by secret
  ballot for a reprimand (the lightest form for a first violation); the decision is announced and, the
  complaint window having closed, takes effect.

Every step goes through :meth:`kiemtra.Engine.fire`, so the rulebook's guards, permits and time limits
apply; a refused step stops the case and its reasons are the outcome's explanation.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Mapping, Sequence
from typing import Any, Final

import attrs
import pendulum

from kiemtra._errors import TransitionNotAllowed
from kiemtra._model._actor import Body, BodyActor, MemberActor
from kiemtra._model._member import DuesCategory, Member
from kiemtra._policy import PolicyContext, Step
from kiemtra._rules._explanation import Explanation
from kiemtra._workflow._case import Case, Event
from kiemtra.rulebooks.vn._procedures import (
    DECIDE_TRIGGERS,
    INSPECTION_ON_SIGNS,
    PROCEEDING,
    REMOVAL_FROM_ROLL,
    BallotRecord,
    Doc,
    RemovalFacts,
    ViolationFacts,
    outcome_of,
)

__all__ = ["MONEY_RULES", "POLICY_TEMPLATES", "SimulatedWard"]

MONEY_RULES: Final = frozenset(
    {
        "audit.dues.collection_unrecorded",
        "audit.dues.deposits_mismatch",
        "audit.fund.collection_mismatch",
        "audit.fund.overspent",
        "audit.fund.unapproved_spending",
        "audit.fund.compulsory_levy",
    }
)
"""Fund-audit rules whose findings the simulated commission concludes as violations to the level of
discipline (money collected, kept or spent wrongly); other signs conclude as shortcomings."""

POLICY_RULE: Final = "vn.review.simulated_ward"
POLICY_VERSION: Final = "1"

POLICY_TEMPLATES: Final[Mapping[str, tuple[str, str]]] = {
    "vn.review.removed": (
        "Đảng viên {subject} bị xóa tên khỏi danh sách đảng viên. Căn cứ: {grounds_vi}. Chi bộ đề nghị, "
        "{deciding_vi} quyết định ({policy_vi}).",
        "Member {subject} was removed from the roll. Grounds: {grounds_en}. The cell proposed it and "
        "{deciding_en} decided it ({policy_en}).",
    ),
    "vn.review.kept": (
        "Chi bộ giữ đảng viên {subject} trong danh sách: chấp nhận lý do chính đáng. Căn cứ đã xem xét: "
        "{grounds_vi} ({policy_vi}).",
        "The cell kept member {subject} on the roll, accepting a justified reason. Grounds reviewed: "
        "{grounds_en} ({policy_en}).",
    ),
    "vn.review.inspection": (
        "Kiểm tra khi có dấu hiệu vi phạm đối với {subject} kết luận: {outcome_vi}. Căn cứ: {grounds_vi} "
        "({policy_vi}).",
        "The inspection on signs of violation of {subject} concluded: {outcome_en}. Grounds: "
        "{grounds_en} ({policy_en}).",
    ),
    "vn.review.sanction": (
        "{subject} bị kỷ luật {form} theo kết quả bỏ phiếu kín ({votes}/{members} phiếu), sau kết luận "
        "kiểm tra {parent} ({policy_vi}).",
        "{subject} was given a {form} by secret ballot ({votes} of {members} votes), after inspection "
        "{parent} concluded ({policy_en}).",
    ),
    "vn.review.stopped": (
        "Vụ việc {case} dừng ở bước {trigger}: {reason}",
        "Case {case} stopped at {trigger}: {reason}",
    ),
    "vn.review.assumption.cell_proposes": (
        "giả định mô phỏng: chi bộ đề nghị xóa tên khi căn cứ được xác nhận",
        "simulation assumption: the cell proposes the removal when the ground holds",
    ),
    "vn.review.assumption.keep_share": (
        "giả định mô phỏng: {share} số trường hợp được chi bộ giữ lại",
        "simulation assumption: the cell keeps {share} of the members",
    ),
    "vn.review.assumption.money_rules": (
        "giả định mô phỏng: sai phạm về thu, giữ, chi tiền kết luận đến mức kỷ luật",
        "simulation assumption: money collected, kept or spent wrongly concludes to the level of discipline",
    ),
    "vn.review.assumption.other_rules": (
        "giả định mô phỏng: các dấu hiệu khác kết luận chưa đến mức kỷ luật",
        "simulation assumption: other signs conclude short of the level of discipline",
    ),
    "vn.review.assumption.ballot": (
        "giả định mô phỏng: {members} ủy viên cùng bỏ phiếu hình thức nhẹ nhất cho vi phạm lần đầu",
        "simulation assumption: {members} voting members all vote the lightest form for a first violation",
    ),
    "vn.review.body.standing_committee": ("Ban Thường vụ {org}", "the standing committee of {org}"),
    "vn.review.body.committee": ("Ban Chấp hành {org}", "the committee of {org}"),
    "vn.review.body.inspection_commission": (
        "Ủy ban Kiểm tra {org}",
        "the inspection commission of {org}",
    ),
    "vn.review.body.cell_meeting": ("chi bộ {org}", "the cell meeting of {org}"),
}
"""The vi and en texts of the outcomes' explanations."""


def _doc(case: Case, kind: str) -> Doc:
    return Doc(f"{case.id}:{kind}", kind)


def _share(seed: int, *parts: str) -> float:
    """A number in [0, 1) from the seed and ``parts``: the same for the same arguments, in any process."""
    digest = hashlib.blake2b("|".join((str(seed), *parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


@attrs.frozen
class SimulatedWard:
    """A ward's bodies deciding the cases of a yearly review, deterministically from ``seed``.

    Args:
        seed: The seed of the choices made by share.
        keep_share: The share of removal cases in which the cell keeps the member (a simulation assumption).
        money_rules: The fund-audit rules whose findings conclude as violations to the level of discipline.
        commission_members: How many members of the deciding body vote on a sanction.
        complaint_wait_days: Calendar days between the announcement of a sanction and the step that records
            the complaint window closed (the guard checks the window itself).
    """

    seed: int = 0
    keep_share: float = 0.1
    money_rules: frozenset[str] = MONEY_RULES
    commission_members: int = 5
    complaint_wait_days: int = 75

    # -- planning ----------------------------------------------------------------------------------
    def plan(self, case: Case, context: PolicyContext) -> Sequence[Step]:
        """The steps the simulated ward takes on ``case`` (see the module docstring)."""
        if case.procedure == REMOVAL_FROM_ROLL:
            return self._removal(case, context)
        if case.procedure == INSPECTION_ON_SIGNS:
            return self._inspection(case, context)
        if case.procedure == PROCEEDING and case.subject.kind == "organisation":
            return self._proceeding(case, context)
        return ()

    def _keeps(self, case: Case) -> bool:
        return _share(self.seed, "keep", case.subject.id, *sorted(g.ref for g in case.grounds)) < (
            self.keep_share
        )

    def _removal(self, case: Case, context: PolicyContext) -> Sequence[Step]:
        if self._keeps(case):
            return (Step("review_in_cell", 3), Step("keep_on_roll", 4, (_doc(case, "minutes"),)))
        grounds = RemovalFacts(
            f"{case.id}:grounds",
            _member(context, case.subject.id),
            findings=[context.explain(row) for row in _rows(case, context)],
        )
        return (
            Step("review_in_cell", 3),
            Step("propose_removal", 4, (_doc(case, "cell_resolution"), grounds)),
            Step("decide_removal", 7, (_doc(case, "decision"), grounds)),
            Step("notify_member", 2, (_doc(case, "notice"),)),
        )

    def _to_discipline(self, case: Case, context: PolicyContext) -> bool:
        return any(row["rule_id"] in self.money_rules for row in _rows(case, context))

    def _inspection(self, case: Case, context: PolicyContext) -> Sequence[Step]:
        conclude = (
            "conclude_discipline" if self._to_discipline(case, context) else "conclude_shortcoming"
        )
        body = case.party("inspecting_body")
        # the team member prepares and reports, the chair decides and concludes (separation of duties)
        team = None if body is None else MemberActor(f"{body.org_id}:team", body, "member")
        chair = None if body is None else MemberActor(f"{body.org_id}:chair", body, "chair")
        steps = (
            ("propose", 2, ("proposal",), team),
            ("decide_inspection", 3, ("decision", "plan"), chair),
            ("notify_subject", 2, ("notice",), chair),
            ("request_explanation", 2, ("outline",), team),
            ("submit_explanation", 10, ("explanatory_report",), None),
            ("hold_org_meeting", 10, ("verification_report",), team),
            ("draft_report", 3, ("minutes",), team),
            ("submit_report", 3, ("draft_report",), team),
            (conclude, 5, ("conclusion",), chair),
            ("notify_conclusion", 3, ("conclusion_notice",), chair),
            ("archive", 5, (), team),
        )
        return tuple(
            Step(t, d, tuple(_doc(case, k) for k in kinds), actor) for t, d, kinds, actor in steps
        )

    def _violation_day(self, case: Case, context: PolicyContext) -> pendulum.Date:
        parent = next((g.ref for g in case.grounds if g.kind == "case"), None)
        rows = [] if parent is None else _rows(context.engine.store.load(parent), context)
        days = [_period_end(row) for row in rows]
        return max(days) if days else pendulum.date(context.year, 12, 31)

    def _proceeding(self, case: Case, context: PolicyContext) -> Sequence[Step]:
        committed = self._violation_day(case, context)
        violation = ViolationFacts(
            f"{case.id}:violation", "reprimand", committed, subject_status="organisation"
        )
        ballot = BallotRecord(
            f"{case.id}:ballot",
            ["reprimand"] * self.commission_members,
            members=self.commission_members,
            choices=("reprimand",),
            violation_on=committed,
            subject_status="organisation",
        )
        own = case.party("subject_org")
        speaker = BodyActor(own if own is not None else Body(case.subject.id, "cell_meeting"))
        return (
            Step("proceed", 3, (violation,)),
            Step("submit_self_criticism", 10, (_doc(case, "self_criticism"),), speaker),
            Step("conclude_cell_meeting", 5, (_doc(case, "minutes"),)),
            Step("hear_member", 3, (_doc(case, "hearing_minutes"),)),
            Step("decide_reprimand", 2, (ballot,)),
            Step("announce", 2, (_doc(case, "decision"),)),
            Step("close_complaint_window", self.complaint_wait_days),
        )

    # -- concluding --------------------------------------------------------------------------------
    def conclude(
        self,
        case: Case,
        events: Sequence[Event],
        refused: TransitionNotAllowed | None,
        context: PolicyContext,
    ) -> tuple[str | None, str | None, Explanation]:
        """The outcome, the sanction form and why (see :class:`kiemtra.DecisionPolicy`)."""
        outcome = outcome_of(case.procedure, events)
        sanction = next(
            (DECIDE_TRIGGERS[e.trigger] for e in events if e.trigger in DECIDE_TRIGGERS), None
        )
        if refused is not None:
            # the engine's own reason explains where the case stopped; the step is added to its inputs
            stopped = {"case": case.id, "state": case.state, "stopped_at": refused.trigger}
            if refused.reasons:
                reason = refused.reasons[0]
                return outcome, sanction, attrs.evolve(reason, inputs={**reason.inputs, **stopped})
            return (
                outcome,
                sanction,
                Explanation(
                    POLICY_RULE,
                    POLICY_VERSION,
                    "vn.review.stopped",
                    args={"case": case.id, "trigger": refused.trigger, "reason": "-"},
                    inputs=stopped,
                ),
            )
        return outcome, sanction, self._why(case, outcome, sanction, events, context)

    def _why(
        self,
        case: Case,
        outcome: str | None,
        sanction: str | None,
        events: Sequence[Event],
        context: PolicyContext,
    ) -> Explanation:
        rows = _rows(case, context)
        found = [context.explain(row) for row in rows]
        templates = context.engine.rulebook.templates
        rule_ids = sorted({str(row["rule_id"]) for row in rows})
        inputs: dict[str, Any] = {
            "grounds": ", ".join(rule_ids) or "-",
            "outcome": outcome or "none",
        }
        args: dict[str, Any] = {"subject": case.subject.id}
        titles = context.rule_titles

        def say(code: str, key: str, **words: Any) -> str:
            return templates.render(key, words, code)

        for code in ("vi", "en"):
            args[f"grounds_{code}"] = (
                "; ".join(templates.get(code, titles.get(r) or r, r) for r in rule_ids) or "-"
            )
        extra: dict[str, Any] = {}
        if case.procedure == REMOVAL_FROM_ROLL:
            key = "vn.review.removed" if outcome == "removed" else "vn.review.kept"
            deciding = case.party("deciding_body")
            for code in ("vi", "en"):
                args[f"deciding_{code}"] = (
                    "-"
                    if deciding is None
                    else say(code, f"vn.review.body.{deciding.kind}", org=deciding.org_id)
                )
            assumption = "cell_proposes" if outcome == "removed" else "keep_share"
            if outcome != "removed":
                extra["share"] = f"{self.keep_share:.0%}"
        elif case.procedure == INSPECTION_ON_SIGNS:
            key = "vn.review.inspection"
            for code in ("vi", "en"):
                args[f"outcome_{code}"] = templates.get(
                    code, f"{INSPECTION_ON_SIGNS}.outcome.{outcome}", str(outcome)
                )
            assumption = (
                "money_rules" if outcome == "violation_to_discipline_level" else "other_rules"
            )
        else:
            key = "vn.review.sanction"
            args.update(
                form=sanction or "-",
                votes=self.commission_members,
                members=self.commission_members,
                parent=case.parent or "-",
            )
            assumption = "ballot"
            extra["members"] = self.commission_members
        for code in ("vi", "en"):
            args[f"policy_{code}"] = say(code, f"vn.review.assumption.{assumption}", **extra)
        inputs["assumption"] = assumption
        return Explanation(
            POLICY_RULE,
            POLICY_VERSION,
            key,
            args=args,
            inputs=inputs,
            params=tuple({p.key: p for e in found for p in e.params}.values()),
            thresholds={k: v for e in found for k, v in e.thresholds.items()},
            evidence=tuple(
                dict.fromkeys([*(x for e in found for x in e.evidence), *_event_evidence(events)])
            ),
            citations=tuple({c: None for e in found for c in e.citations}),
            governing_date=events[-1].at.date() if events else None,
        )


def _event_evidence(events: Sequence[Event]) -> list[str]:
    return [x for e in events for x in e.evidence]


def _rows(case: Case, context: PolicyContext) -> list[Mapping[str, Any]]:
    return [context.findings[g.ref] for g in case.grounds if g.ref in context.findings]


def _period_end(row: Mapping[str, Any]) -> pendulum.Date:
    end = row.get("period_end")
    day = end if isinstance(end, _dt.date) else row["period_start"]
    if isinstance(end, _dt.date):
        day = day - _dt.timedelta(days=1)
    return pendulum.date(day.year, day.month, day.day)


def _member(context: PolicyContext, member_id: str) -> Member:
    """The member's record from the reviewed facts (the name is not in the facts: the id stands in)."""
    row = context.subjects.get(member_id, {})
    admitted = row.get("admitted_on") or _dt.date(context.year - 10, 1, 1)
    probation = row.get("probation_ends_on") or admitted + _dt.timedelta(days=365)
    category = row.get("dues_category")
    return Member(
        id=member_id,
        name=f"Đảng viên {member_id}",
        birth_date=row.get("birth_date") or _dt.date(admitted.year - 30, 1, 1),
        admitted_on=admitted,
        probation_ends_on=probation,
        dues_category=DuesCategory(category) if category else DuesCategory.SALARIED_INSURED,
        full_member_on=row.get("full_member_on"),
    )
