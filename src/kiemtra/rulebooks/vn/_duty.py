"""Member duty checks: cell meetings, party dues, the three-month rule, assigned tasks."""

from __future__ import annotations

import pendulum
import polars as pl

from kiemtra._rules._evaluate import ParamColumns
from kiemtra._rules._explanation import GoverningDate
from kiemtra._rules._param import Citation
from kiemtra._rules._rule import Consequence, Measure, MeasureKind, Rule, SubjectKind
from kiemtra._time import DateRange
from kiemtra.rulebooks.vn import _keys as K
from kiemtra.rulebooks.vn import _sources as s

__all__ = ["DUTY_RULES"]

_D = pendulum.date
CHARTER_ART8 = Citation("Điều lệ Đảng 2011", "Art 8", "k1")
QD24_81 = Citation("QĐ 24-QĐ/TW (30/7/2021)", "8.1")
QD294 = Citation("QĐ 294-QĐ/TW (26/5/2025)")
CHARTER_ART24 = Citation("Điều lệ Đảng 2011", "Art 24", "k2")
QD342 = Citation("QĐ 342-QĐ/TW (28/12/2010)", "B")
HD03 = Citation("HD 03-HD/VPTW (6/7/2016)")
QD01 = Citation("QĐ 01-QĐ/TW (3/2/2026)", "Art 2, Art 3")
QD366 = Citation("QĐ 366-QĐ/TW (30/8/2025)", "Art 11", "k1")

SINCE_2011 = DateRange(s.QD_342.effective, s.QD_01.effective)
SINCE_2026 = DateRange(s.QD_01.effective)
ALWAYS = DateRange(s.QD_342.effective)

_M = MeasureKind
_342_PARAMS = (
    K.DUES_SALARY,
    K.DUES_PENSION,
    K.DUES_OTHER_RANGE,
    K.DUES_ROUNDING,
    K.DUES_BASE_MONTH,
)
_HD03_PARAMS = (*_342_PARAMS, K.DUES_FLAT_1, K.DUES_FLAT_2, K.DUES_FLAT_3, K.DUES_FLAT_4)
_01_PARAMS = (
    K.DUES_SALARY,
    K.DUES_LEAVE,
    K.DUES_PENSION,
    K.DUES_STUDENT,
    K.DUES_UNINSURED,
    K.DUES_ROUNDING,
    K.DUES_BASE_MONTH,
    K.DUES_EXEMPT_PARTY_AGE,
)


def _absent(p: ParamColumns) -> pl.Expr:
    return pl.col("unexcused_absences") > 0


def _underpaid(p: ParamColumns) -> pl.Expr:
    return pl.col("dues_short")


def _three_months(p: ParamColumns) -> pl.Expr:
    n = p.count(K.THREE_MONTH_MONTHS)
    separately = (pl.col("months_absent") >= n) | (pl.col("months_unpaid") >= n)
    combined = pl.col("months_absent_or_unpaid") >= n
    return (
        pl.when(p.choice(K.THREE_MONTH_COUNTING) == "combined").then(combined).otherwise(separately)
    )


def _late_tasks(p: ParamColumns) -> pl.Expr:
    return (pl.col("tasks_total") > 0) & (pl.col("tasks_on_time") < pl.col("tasks_total"))


def _few_exceeded(p: ParamColumns) -> pl.Expr:
    num, den = p.ratio(K.TASKS_EXCEEDED_MIN)
    return (pl.col("tasks_total") > 0) & (
        pl.col("tasks_exceeded") * den < pl.col("tasks_total") * num
    )


def _month_rule(
    rule_id: str,
    version: str,
    valid: DateRange,
    params: tuple[str, ...],
    predicate: object,
    consequence: Consequence,
    inputs: tuple[Measure, ...],
    thresholds: tuple[Measure, ...],
    evidence: str,
    citations: tuple[Citation, ...],
) -> Rule:
    return Rule(
        id=rule_id,
        version=version,
        valid=valid,
        subject=SubjectKind.MEMBER,
        consequence=consequence,
        features="member_month",
        message=f"vn.finding.{rule_id}",
        title=f"vn.rule.{rule_id}",
        citations=citations,
        params=params,
        governs=GoverningDate.VIOLATION,
        inputs=inputs,
        thresholds=thresholds,
        predicate=predicate,  # type: ignore[arg-type]
        evidence=evidence,
    )


_DUES_INPUTS = (
    Measure("dues_category", _M.TEXT),
    Measure("income_base", _M.MONEY),
    Measure("dues_paid", _M.MONEY),
)

DUTY_RULES = (
    _month_rule(
        "duty.meeting.unexcused_absence",
        "2011",
        ALWAYS,
        (),
        _absent,
        Consequence.REMINDER,
        (Measure("meetings_held"), Measure("unexcused_absences")),
        (),
        "absent_meetings",
        (CHARTER_ART24, CHARTER_ART8),
    ),
    _month_rule(  # QĐ 342 alone: members outside salary and pension are held to the range's low end
        "duty.dues.underpaid",
        "2011",
        DateRange(s.QD_342.effective, s.HD_03_VPTW.effective),
        _342_PARAMS,
        _underpaid,
        Consequence.REMINDER,
        _DUES_INPUTS,
        (Measure("dues_due", _M.MONEY),),
        "receipts",
        (QD342,),
    ),
    _month_rule(  # QĐ 342 with HD 03's flat amounts by area
        "duty.dues.underpaid",
        "2016",
        DateRange(s.HD_03_VPTW.effective, s.QD_01.effective),
        _HD03_PARAMS,
        _underpaid,
        Consequence.REMINDER,
        _DUES_INPUTS,
        (Measure("dues_due", _M.MONEY),),
        "receipts",
        (QD342, HD03),
    ),
    _month_rule(
        "duty.dues.underpaid",
        "2026",
        SINCE_2026,
        _01_PARAMS,
        _underpaid,
        Consequence.REMINDER,
        _DUES_INPUTS,
        (Measure("dues_due", _M.MONEY),),
        "receipts",
        (QD01,),
    ),
    Rule(
        id="membership.three_month_rule",
        version="2011",
        valid=ALWAYS,
        subject=SubjectKind.MEMBER,
        consequence=Consequence.REMOVAL_GROUND,
        features="member_year",
        message="vn.finding.membership.three_month_rule",
        title="vn.rule.membership.three_month_rule",
        citations=(CHARTER_ART8, QD24_81),
        params=(K.THREE_MONTH_MONTHS, K.THREE_MONTH_COUNTING, K.THREE_MONTH_PERIOD),
        governs=GoverningDate.VIOLATION,
        inputs=(
            Measure("months_on_roll"),
            Measure("months_absent"),
            Measure("months_unpaid"),
            Measure("months_absent_or_unpaid"),
        ),
        thresholds=(),
        predicate=_three_months,
        evidence="evidence",
    ),
    Rule(
        id="duty.tasks.not_all_on_time",
        version="2025",
        valid=DateRange(s.QD_366.effective),
        subject=SubjectKind.MEMBER,
        consequence=Consequence.RATING_INPUT,
        features="member_year",
        message="vn.finding.duty.tasks.not_all_on_time",
        title="vn.rule.duty.tasks.not_all_on_time",
        citations=(QD366,),
        params=(),
        governs=GoverningDate.REVIEW_YEAR,
        inputs=(Measure("tasks_total"), Measure("tasks_done"), Measure("tasks_on_time")),
        thresholds=(),
        predicate=_late_tasks,
        evidence="task_ids",
    ),
    Rule(
        id="duty.tasks.few_exceeded",
        version="2025",
        valid=DateRange(s.QD_366.effective),
        subject=SubjectKind.MEMBER,
        consequence=Consequence.RATING_INPUT,
        features="member_year",
        message="vn.finding.duty.tasks.few_exceeded",
        title="vn.rule.duty.tasks.few_exceeded",
        citations=(QD366,),
        params=(K.TASKS_EXCEEDED_MIN,),
        governs=GoverningDate.REVIEW_YEAR,
        inputs=(Measure("tasks_total"), Measure("tasks_exceeded")),
        thresholds=(),
        predicate=_few_exceeded,
        evidence="task_ids",
    ),
)
"""The member duty checks, every version."""
