"""A second rulebook, written here from scratch: a trading company's compliance office and its gifts rule.

Run: ``python examples/compliance_office.py``. Northwind Trading's compliance office (its Hà Nội branch, so
amounts are in đồng) keeps a register of the gifts its staff receive. Its own policy sets the numbers, each a
rulebook parameter with its citation, status and effective period: gifts above a threshold must be declared
within 14 days, and the threshold was lowered from 2,000,000 to 1,000,000 đồng on 1 July 2025. Its own rule,
written once as a polars predicate, runs over the host's own fact table (a polars frame of gifts, not
kiemtra's fact tables) and finds every gift above the threshold *in force on the gift's date* that was not
declared in time: a sign of violation. Each finding explains itself (rule and version, citation, inputs,
thresholds, evidence) in English and Vietnamese; one opens a case of the office's own procedure, a gift
investigation, which is moved to its end.

The engine is the same ``kiemtra.Engine`` that runs the Vietnamese rulebook: every parameter, procedure, rule,
text and fact below is defined in this file.

The rule set's building blocks (``RuleSet``, ``FeatureTable``, ``FeatureContext``, ``ParamColumns``) come from
the public module ``kiemtra.rules``, which imports polars (so ``import kiemtra`` does not load them).
"""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
import polars as pl

import kiemtra
from kiemtra import (
    Citation,
    Consequence,
    DateRange,
    Duration,
    GoverningDate,
    Measure,
    MeasureKind,
    Money,
    Move,
    Param,
    ParamVersion,
    Permit,
    Procedure,
    ProcedureVersion,
    Requirement,
    Rule,
    State,
    Status,
    SubjectKind,
    Unit,
)
from kiemtra.rules import FeatureContext, FeatureTable, ParamColumns, RuleSet

D = pendulum.date
V3 = Citation("Northwind Gifts & Hospitality Policy v3 (2024)", "s. 2.1")
V4 = Citation("Northwind Gifts & Hospitality Policy v4 (2025)", "s. 2.1")
DECLARE = Citation("Northwind Gifts & Hospitality Policy v3 (2024)", "s. 2.3")
ANNEX = Citation("Northwind Compliance Investigations Procedure, draft annex B", "s. 3")
POLICY_V4_FROM = D(2025, 7, 1)

# -- 1. parameters: the company's numbers, each with its source, status and period -------------------------
PARAMS = [
    Param(
        "gifts.threshold",
        Unit.MONEY,
        [
            ParamVersion(
                Money(2_000_000), DateRange(D(2024, 1, 1), POLICY_V4_FROM), [V3], Status.CONFIRMED
            ),
            ParamVersion(Money(1_000_000), DateRange(POLICY_V4_FROM), [V4], Status.CONFIRMED),
        ],
    ),
    Param(
        "gifts.declare_within",
        Unit.DURATION,
        [ParamVersion(Duration.days(14), DateRange(D(2024, 1, 1)), [DECLARE], Status.CONFIRMED)],
    ),
    Param(
        "investigation.report_within",
        Unit.DURATION,
        [
            ParamVersion(
                Duration.days(30),
                DateRange(D(2024, 1, 1)),
                [ANNEX],
                Status.UNCONFIRMED,
                note="Draft annex; the board has not adopted it yet.",
            )
        ],
    ),
]

# -- 2. the procedure: a gift investigation, its states, its moves and who may make them --------------------
OFFICE = Permit("office", roles=("officer", "head"))
OFFICER = Permit("office", roles=("officer",))
HEAD = Permit("office", roles=("head",))

INVESTIGATION = Procedure(
    "GiftInvestigation",
    [
        ProcedureVersion(
            "2024",
            DateRange(D(2024, 1, 1)),
            "opened",
            states=(
                State("opened"),
                State("investigating", deadline="investigation.report_within"),
                State("reported"),
                State("warned", final=True),
                State("cleared", final=True),
            ),
            moves=(
                Move("investigate", ["opened"], "investigating", permits=[OFFICE]),
                Move(
                    "report",
                    ["investigating"],
                    "reported",
                    permits=[OFFICER],
                    requires=Requirement(["report"]),
                    within_deadline=True,
                ),
                Move(
                    "warn",
                    ["reported"],
                    "warned",
                    permits=[HEAD],
                    requires=Requirement(["decision"]),
                    separate_from=["report"],
                ),
                Move("clear", ["reported"], "cleared", permits=[HEAD], separate_from=["report"]),
            ),
            openers=[OFFICE],
            citations=[str(ANNEX)],
        )
    ],
)


# -- 3. the rule, over the host's own facts -------------------------------------------------------------------
@attrs.frozen
class GiftRegister:
    """The host's facts: one polars frame, with the company's own columns.

    ``gifts``: gift_id, employee_id, department, giver, received_on (date), value (đồng),
    declared_on (date, null when never declared).
    """

    gifts: pl.DataFrame


def gift_rows(facts: Any, ctx: FeatureContext) -> pl.LazyFrame:
    """The feature table: one row per gift received in the period, governed by the day it was received.

    ``facts`` is whatever the host handed to ``Engine.audit``: here a :class:`GiftRegister`, passed through
    untouched (the annotation is ``Any`` because ``FeatureTable.build`` is declared over kiemtra's ``Facts``).
    """
    gifts: pl.DataFrame = facts.gifts
    received = pl.col("received_on")
    period = ctx.period
    in_period = received >= period.start
    if period.end is not None:
        in_period = in_period & (received < period.end)
    return (
        gifts.lazy()
        .filter(in_period)
        .select(
            pl.col("employee_id").alias("subject_id"),
            pl.col("department").alias("org_id"),
            received.alias("period_start"),
            (received + pl.duration(days=1)).alias("period_end"),
            received.alias("governing_date"),
            received,
            pl.col("declared_on"),
            pl.col("giver"),
            pl.col("value").alias("gift_value"),
            (pl.col("declared_on") - received).dt.total_days().alias("days_to_declare"),
            pl.concat_list(pl.col("gift_id")).alias("evidence"),
        )
    )


def _in_force(p: ParamColumns) -> dict[str, pl.Expr]:
    """The thresholds in force on each gift's date, as columns the explanation shows."""
    return {
        "threshold": p.money("gifts.threshold"),
        "declare_within_days": p.amount("gifts.declare_within"),
    }


def _undeclared(p: ParamColumns) -> pl.Expr:
    """Above the threshold in force on its date, and not declared within the days allowed."""
    late = pl.col("declared_on").is_null() | (
        pl.col("days_to_declare") > pl.col("declare_within_days")
    )
    return (pl.col("gift_value") > pl.col("threshold")) & late


def _rule(version: str, valid: DateRange, citation: Citation) -> Rule:
    return Rule(
        id="gifts.undeclared",
        version=version,
        valid=valid,
        subject=SubjectKind.MEMBER,  # a member of staff
        consequence=Consequence.SIGN_OF_VIOLATION,
        features="gift",
        message="northwind.finding.gifts.undeclared",
        title="northwind.rule.gifts.undeclared",
        citations=[citation, DECLARE],
        params=["gifts.threshold", "gifts.declare_within"],
        governs=GoverningDate.VIOLATION,
        inputs=[
            Measure("gift_value", MeasureKind.MONEY),
            Measure("received_on", MeasureKind.DATE),
            Measure("declared_on", MeasureKind.DATE),
            Measure("giver", MeasureKind.TEXT),
        ],
        thresholds=[
            Measure("threshold", MeasureKind.MONEY),
            Measure("declare_within_days", MeasureKind.COUNT),
        ],
        predicate=_undeclared,
        evidence="evidence",
        derive=_in_force,
    )


def ruleset() -> RuleSet:
    """The office's rules: one rule, a version per policy, over one feature table."""
    return RuleSet(
        [FeatureTable("gift", SubjectKind.MEMBER, gift_rows)],
        [
            _rule("3", DateRange(D(2024, 1, 1), POLICY_V4_FROM), V3),
            _rule("4", DateRange(POLICY_V4_FROM), V4),
        ],
    )


# -- 4. texts in English and Vietnamese ------------------------------------------------------------------------
TEXTS: dict[str, tuple[str, str]] = {  # key: (en, vi)
    "northwind.finding.gifts.undeclared": (
        "{subject} received a gift worth {gift_value} from {giver} on {received_on}, above the threshold "
        "of {threshold}, and did not declare it within {declare_within_days} days (declared: {declared_on}).",
        "{subject} nhận quà trị giá {gift_value} của {giver} ngày {received_on}, vượt ngưỡng {threshold}, "
        "và không kê khai trong {declare_within_days} ngày (ngày kê khai: {declared_on}).",
    ),
    "northwind.rule.gifts.undeclared": ("Undeclared gift", "Quà tặng không kê khai"),
    "value.none": ("never", "không có"),
    "status.unconfirmed": ("unconfirmed", "chưa xác nhận"),
    "unit.calendar_days": ("days", "ngày"),
    "explain.rule": ("rule", "quy tắc"),
    "explain.citation": ("basis", "căn cứ"),
    "explain.input": ("input", "dữ liệu"),
    "explain.threshold": ("threshold", "ngưỡng"),
    "explain.evidence": ("evidence", "chứng cứ"),
    "explain.governing_date": ("governing date", "ngày áp dụng quy định"),
    "workflow.blocked.wrong_state": (
        "'{trigger}' cannot be done in state {state} (only from {expected}).",
        "Không thể '{trigger}' ở trạng thái {state} (chỉ từ {expected}).",
    ),
    "workflow.blocked.not_permitted": (
        "{actor} may not do '{trigger}'.",
        "{actor} không có thẩm quyền '{trigger}'.",
    ),
    "workflow.blocked.missing_evidence": (
        "'{trigger}' needs a {kind} attached.",
        "'{trigger}' cần kèm {kind}.",
    ),
    "workflow.blocked.deadline_passed": (
        "'{trigger}' came too late: due {due}, asked on {day}.",
        "'{trigger}' quá hạn: hạn {due}, yêu cầu ngày {day}.",
    ),
    "workflow.blocked.conflict_subject": (
        "The employee investigated may not act on the case.",
        "Nhân viên bị điều tra không được tham gia xử lý.",
    ),
    "workflow.blocked.conflict_denouncer": (
        "Whoever reported the gift may not act on the case.",
        "Người báo cáo không được tham gia xử lý.",
    ),
    "workflow.blocked.conflict_inspector": (
        "An investigator of the earlier case may not decide this one.",
        "Người đã điều tra vụ trước không được quyết định vụ này.",
    ),
    "workflow.blocked.separation_of_duties": (
        "Whoever did '{earlier}' may not also do '{trigger}'.",
        "Người đã '{earlier}' không được đồng thời '{trigger}'.",
    ),
    "workflow.blocked.level_not_competent": (
        "A body at level {level} may not do '{trigger}'.",
        "Cấp {level} không có thẩm quyền '{trigger}'.",
    ),
    "workflow.blocked.subject_post_not_competent": (
        "'{trigger}' is not for this body when the employee is {post}.",
        "'{trigger}' không thuộc thẩm quyền khi nhân viên là {post}.",
    ),
    "workflow.blocked.extensions_exhausted": (
        "No extension left in state {state} ({used} of {allowed} used).",
        "Hết số lần gia hạn ở trạng thái {state} ({used}/{allowed}).",
    ),
    "GiftInvestigation.title": ("gift investigation", "điều tra quà tặng"),
    "GiftInvestigation.state.opened": ("opened", "đã mở"),
    "GiftInvestigation.state.investigating": ("investigating", "đang điều tra"),
    "GiftInvestigation.state.reported": ("reported", "đã báo cáo"),
    "GiftInvestigation.state.warned": ("warned", "đã cảnh cáo"),
    "GiftInvestigation.state.cleared": ("cleared", "không vi phạm"),
    "GiftInvestigation.move.investigate": ("investigate", "điều tra"),
    "GiftInvestigation.move.report": ("report", "báo cáo"),
    "GiftInvestigation.move.warn": ("warn", "cảnh cáo"),
    "GiftInvestigation.move.clear": ("clear", "kết luận không vi phạm"),
}


def rulebook() -> kiemtra.Rulebook:
    """Northwind's compliance rulebook: parameters, one procedure, one rule set, texts in en and vi."""
    templates = kiemtra.Templates(
        {
            "en": {key: en for key, (en, _vi) in TEXTS.items()},
            "vi": {key: vi for key, (_en, vi) in TEXTS.items()},
        }
    )
    needed = [*kiemtra.WORKFLOW_MESSAGE_KEYS, *INVESTIGATION.label_keys()]
    assert not templates.missing(needed), templates.missing(needed)
    return kiemtra.Rulebook(
        "northwind-compliance",
        PARAMS,
        templates,
        extras={"procedures": (INVESTIGATION,), "ruleset": ruleset},
    )


# -- 5. the host's facts and people ---------------------------------------------------------------------------
GIFTS = pl.DataFrame(
    [
        ("G-1", "e-01", "sales", "Contoso", D(2025, 3, 10), 1_500_000, None),
        ("G-2", "e-02", "sales", "Fabrikam", D(2025, 4, 2), 2_500_000, D(2025, 4, 20)),
        ("G-3", "e-03", "procurement", "Litware", D(2025, 5, 15), 3_000_000, D(2025, 5, 20)),
        ("G-4", "e-01", "sales", "Contoso", D(2025, 6, 30), 2_000_000, None),
        ("G-5", "e-06", "procurement", "Tailspin", D(2025, 7, 1), 1_200_000, D(2025, 7, 25)),
        ("G-6", "e-04", "procurement", "Litware", D(2025, 8, 5), 1_500_000, None),
        ("G-7", "e-05", "sales", "Fabrikam", D(2025, 9, 1), 900_000, None),
    ],
    schema={
        "gift_id": pl.String,
        "employee_id": pl.String,
        "department": pl.String,
        "giver": pl.String,
        "received_on": pl.Date,
        "value": pl.Int64,
        "declared_on": pl.Date,
    },
    orient="row",
)
"""The host's register of gifts in 2025, as its own system keeps it."""

DESK = kiemtra.Body("northwind", "compliance_office")
HEAD_OF_COMPLIANCE = kiemtra.MemberActor("h-1", DESK, "head")
OFFICER_1 = kiemtra.MemberActor("o-1", DESK, "officer")


@attrs.frozen
class Doc:
    """A document of the host's attached to a move."""

    id: str
    kind: str


def main() -> list[str]:
    """Run the walkthrough; return the lines it printed."""
    out: list[str] = []
    say = out.append
    book = rulebook()
    engine = kiemtra.Engine(
        book,
        kiemtra.MemoryStore(),
        kiemtra.FixedClock(pendulum.datetime(2026, 1, 12, 9, tz="Asia/Ho_Chi_Minh")),
        ids=lambda: "INV-0001",
    )
    say(
        f"engine: rulebook {book.name!r}, procedures {sorted(engine.procedures)}, "
        f"rules {sorted({r.id for r in book.extras['ruleset']().rules})}; all defined in this file"
    )

    for day in (D(2025, 6, 30), D(2025, 7, 1)):
        use = book.use("gifts.threshold", day)
        assert isinstance(use.value, Money)
        say(
            f"gifts.threshold on {day}: {use.value.format('en')} "
            f"({'; '.join(map(str, use.citations))}, {use.status.value}, from {use.valid.start})"
        )

    findings = engine.audit(GiftRegister(GIFTS), DateRange.year(2025))
    say(f"audit of 2025: {len(GIFTS)} gifts, {len(findings)} findings")
    found = {row["evidence"][0] for row in findings}
    say("no finding: " + ", ".join(g for g in GIFTS["gift_id"] if g not in found))
    for row in findings:
        why = findings.explanation(row)
        say(f"finding {row['evidence'][0]} ({row['consequence']}):")
        for lang in ("en", "vi"):
            out.extend("  " + line for line in why.describe(book.templates, lang).splitlines())

    first_v4 = next(r for r in findings if r["rule_version"] == "4")
    gift = first_v4["evidence"][0]
    case = engine.open(
        "GiftInvestigation",
        kiemtra.Subject("member", first_v4["subject_id"], first_v4["org_id"]),
        [kiemtra.Ground("finding", f"{first_v4['rule_id']}/{first_v4['rule_version']}/{gift}")],
        OFFICER_1,
        parties={"office": DESK},
        people=[("employee", first_v4["subject_id"])],
    )
    say(f"opened {case.id} about {case.subject.id} on {case.grounds[0].kind} {case.grounds[0].ref}")
    moved = engine.fire(case.id, "investigate", OFFICER_1)
    deadline = engine.case(case.id, HEAD_OF_COMPLIANCE).deadline
    assert deadline is not None
    basis = book.use(deadline.basis, deadline.start)
    say(
        f"investigating: report due {moved.due} ({deadline.basis} = {basis.value}, "
        f"{deadline.citation}, {basis.status.value})"
    )
    engine.fire(case.id, "report", OFFICER_1, evidence=[Doc("R-7", "report")])
    try:
        engine.fire(case.id, "warn", OFFICER_1, evidence=[Doc("W-7", "decision")])
    except kiemtra.TransitionNotAllowed as refused:
        for lang in ("en", "vi"):
            say(
                f"refused ({lang}): "
                + " ".join(r.render(book.templates, lang) for r in refused.reasons)
            )
    engine.fire(case.id, "warn", HEAD_OF_COMPLIANCE, evidence=[Doc("W-7", "decision")])
    for e in engine.history(case.id, HEAD_OF_COMPLIANCE):
        say(f"  {e.seq}. {e.trigger or e.kind}: {e.source or '-'} -> {e.target} by {e.actor}")
    final = engine.case(case.id, HEAD_OF_COMPLIANCE)
    label = book.templates.get("vi", f"GiftInvestigation.state.{final.state}")
    say(f"{case.id} ended {final.state} ({label})")
    return out


if __name__ == "__main__":
    for line in main():
        print(line)
