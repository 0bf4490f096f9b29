"""Fund-collection audits: party dues retained and remitted per level; residents' fund campaigns."""

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

__all__ = ["AUDIT_RULES"]

_D = pendulum.date
_M = MeasureKind
QD342_SHARES = Citation("QĐ 342-QĐ/TW (28/12/2010)", "B.II.1")
QD342_FINANCE = Citation("QĐ 342-QĐ/TW (28/12/2010)", "B.II")
CHARTER_FINANCE = Citation("Điều lệ Đảng 2011", "Art 46")
PL34 = Citation("Pháp lệnh 34/2007/PL-UBTVQH11", "Art 10, Art 12")
LAW10 = Citation("Luật 10/2022/QH15", "Art 15")
ND61 = Citation("NĐ 61/2023/NĐ-CP", "Art 10")
ND24 = Citation("NĐ 24/1999/NĐ-CP", "Art 1")
DISCLOSE = Citation("Pháp lệnh 34/2007/PL-UBTVQH11", "Art 5", "item 4")
QD69_26 = Citation("QĐ 69-QĐ/TW (6/7/2022)", "Art 26", "k1")

QD342_ERA = DateRange(s.QD_342.effective, s.QD_01.effective)
SINCE_2007 = DateRange(s.PL_34_2007.effective)


def _rule(
    rule_id: str,
    features: str,
    subject: SubjectKind,
    consequence: Consequence,
    predicate: object,
    inputs: tuple[Measure, ...],
    citations: tuple[Citation, ...],
    *,
    version: str = "2011",
    valid: DateRange = SINCE_2007,
    params: tuple[str, ...] = (),
    thresholds: tuple[Measure, ...] = (),
    evidence: str | None = None,
    governs: GoverningDate = GoverningDate.VIOLATION,
) -> Rule:
    return Rule(
        id=rule_id,
        version=version,
        valid=valid,
        subject=subject,
        consequence=consequence,
        features=features,
        message=f"vn.finding.{rule_id}",
        title=f"vn.rule.{rule_id}",
        citations=citations,
        params=params,
        governs=governs,
        inputs=inputs,
        thresholds=thresholds,
        predicate=predicate,  # type: ignore[arg-type]
        evidence=evidence,
    )


# -- party dues ---------------------------------------------------------------------------------------
def _cell_share_outside(p: ParamColumns) -> pl.Expr:
    (lo_n, lo_d), (hi_n, hi_d) = p.low(K.SHARE_CELL_KEEPS), p.high(K.SHARE_CELL_KEEPS)
    kept, base = pl.col("retained"), pl.col("collected")
    return (
        (pl.col("org_class") == "cell_under_grassroots")
        & (base > 0)
        & ((kept * lo_d < base * lo_n) | (kept * hi_d > base * hi_n))
    )


def _remits_short(share_key: str, org_class: str) -> object:
    def predicate(p: ParamColumns) -> pl.Expr:
        num, den = p.ratio(share_key)
        # What must go up is the share of everything that came in, rounded down to whole đồng.
        owed = (pl.col("collected") * num) // den
        return (pl.col("org_class") == org_class) & (pl.col("remitted") < owed)

    return predicate


def _ledger_totals(p: ParamColumns) -> pl.Expr:
    return (
        (pl.col("collected") != pl.col("entries_in"))
        | (pl.col("remitted") != pl.col("entries_out"))
        | (pl.col("retained") != pl.col("collected") - pl.col("remitted"))
    )


def _unrecorded(p: ParamColumns) -> pl.Expr:
    return (pl.col("org_class") == "cell_under_grassroots") & (
        pl.col("members_paid") != pl.col("entries_collected")
    )


def _remittance_missing(p: ParamColumns) -> pl.Expr:
    return pl.col("remitted") != pl.col("remittances")


def _remittance_late(p: ParamColumns) -> pl.Expr:
    grace = p.amount(K.REMITTANCE_DUE)
    limit = pl.col("period_end").dt.offset_by(pl.format("{}d", grace))
    return pl.col("last_sent").is_not_null() & (pl.col("last_sent") >= limit)


def _deposits(p: ParamColumns) -> pl.Expr:
    return (pl.col("deposit_count") > 0) & (pl.col("deposited") != pl.col("collected"))


# -- residents' fund campaigns ---------------------------------------------------------------------------
def _short_of(count: str, total: str, share: tuple[pl.Expr, pl.Expr], strict: pl.Expr) -> pl.Expr:
    """Whether ``count / total`` misses the share: "more than" when strict, "at least" otherwise."""
    num, den = share
    left, right = pl.col(count) * den, pl.col(total) * num
    return pl.when(strict).then(left <= right).otherwise(left < right)


def _undecided(p: ParamColumns) -> pl.Expr:
    majority = p.ratio(K.FUND_MAJORITY)
    short = _short_of("votes_for", "households_total", majority, p.flag(K.FUND_MAJORITY_STRICT))
    return ~pl.col("decided") | short


def _no_quorum(p: ParamColumns) -> pl.Expr:
    quorum = p.ratio(K.FUND_QUORUM)
    short = _short_of(
        "households_present", "households_total", quorum, p.flag(K.FUND_QUORUM_STRICT)
    )
    return pl.col("decided") & short


def _compulsory(p: ParamColumns) -> pl.Expr:
    return pl.col("compulsory")


def _not_posted(p: ParamColumns) -> pl.Expr:
    return ~pl.col("posted")


def _collection_mismatch(p: ParamColumns) -> pl.Expr:
    return (pl.col("settlements") > 0) & (pl.col("settled_collected") != pl.col("contributed"))


def _overspent(p: ParamColumns) -> pl.Expr:
    return pl.col("spent") > pl.col("contributed")


def _unapproved(p: ParamColumns) -> pl.Expr:
    return pl.col("unapproved") > 0


def _no_settlement(p: ParamColumns) -> pl.Expr:
    return (pl.col("contributed") > 0) & (pl.col("settlements") == 0)


_LEDGER = ("ledger", SubjectKind.ORGANISATION)
_CAMPAIGN = ("campaign", SubjectKind.CAMPAIGN)
_SIGN = Consequence.SIGN_OF_VIOLATION
_DECISION_IN = (Measure("decided", _M.FLAG), Measure("households_total"), Measure("votes_for"))
_LEDGER_IN = (
    Measure("collected", _M.MONEY),
    Measure("retained", _M.MONEY),
    Measure("remitted", _M.MONEY),
)

AUDIT_RULES = (
    _rule(
        "audit.dues.cell_share_outside_range",
        *_LEDGER,
        _SIGN,
        _cell_share_outside,
        _LEDGER_IN,
        (QD342_SHARES,),
        valid=QD342_ERA,
        params=(K.SHARE_CELL_KEEPS,),
    ),
    _rule(
        "audit.dues.ward_remits_short",
        *_LEDGER,
        _SIGN,
        _remits_short(K.SHARE_WARD_REMITS, "ward_grassroots"),
        _LEDGER_IN,
        (QD342_SHARES,),
        valid=QD342_ERA,
        params=(K.SHARE_WARD_REMITS,),
    ),
    _rule(
        "audit.dues.grassroots_remits_short",
        *_LEDGER,
        _SIGN,
        _remits_short(K.SHARE_OTHER_REMITS, "other_grassroots"),
        _LEDGER_IN,
        (QD342_SHARES,),
        valid=QD342_ERA,
        params=(K.SHARE_OTHER_REMITS,),
    ),
    _rule(
        "audit.ledger.totals_mismatch",
        *_LEDGER,
        _SIGN,
        _ledger_totals,
        (*_LEDGER_IN, Measure("entries_in", _M.MONEY), Measure("entries_out", _M.MONEY)),
        (QD342_FINANCE, CHARTER_FINANCE),
    ),
    _rule(
        "audit.dues.collection_unrecorded",
        *_LEDGER,
        _SIGN,
        _unrecorded,
        (Measure("members_paid", _M.MONEY), Measure("entries_collected", _M.MONEY)),
        (QD342_FINANCE,),
    ),
    _rule(
        "audit.dues.remittance_mismatch",
        *_LEDGER,
        _SIGN,
        _remittance_missing,
        (Measure("remitted", _M.MONEY), Measure("remittances", _M.MONEY)),
        (QD342_SHARES,),
        evidence="remittance_ids",
    ),
    _rule(
        "audit.dues.remittance_late",
        *_LEDGER,
        Consequence.REMINDER,
        _remittance_late,
        (Measure("period_end", _M.DATE), Measure("last_sent", _M.DATE)),
        (QD342_SHARES,),
        valid=QD342_ERA,
        params=(K.REMITTANCE_DUE,),
        evidence="remittance_ids",
    ),
    _rule(
        "audit.dues.deposits_mismatch",
        *_LEDGER,
        _SIGN,
        _deposits,
        (Measure("collected", _M.MONEY), Measure("deposited", _M.MONEY)),
        (QD342_FINANCE,),
    ),
    _rule(
        "audit.fund.no_resident_decision",
        *_CAMPAIGN,
        _SIGN,
        _undecided,
        _DECISION_IN,
        (PL34, ND24),
        version="2007",
        valid=DateRange(s.PL_34_2007.effective, s.LUAT_10_2022.effective),
        params=(K.FUND_MAJORITY, K.FUND_MAJORITY_STRICT),
    ),
    _rule(
        "audit.fund.no_resident_decision",
        *_CAMPAIGN,
        _SIGN,
        _undecided,
        _DECISION_IN,
        (LAW10, ND24),
        version="2023",
        valid=DateRange(s.LUAT_10_2022.effective),
        params=(K.FUND_MAJORITY, K.FUND_MAJORITY_STRICT),
    ),
    _rule(
        "audit.fund.no_quorum",
        *_CAMPAIGN,
        _SIGN,
        _no_quorum,
        (Measure("households_total"), Measure("households_present")),
        (ND61,),
        version="2023",
        valid=DateRange(s.ND_61_2023.effective),
        params=(K.FUND_QUORUM, K.FUND_QUORUM_STRICT),
    ),
    _rule(
        "audit.fund.compulsory_levy",
        *_CAMPAIGN,
        _SIGN,
        _compulsory,
        (Measure("compulsory", _M.FLAG), Measure("per_household", _M.MONEY)),
        (ND24, QD69_26),
    ),
    _rule(
        "audit.fund.not_posted",
        *_CAMPAIGN,
        Consequence.REMINDER,
        _not_posted,
        (Measure("posted", _M.FLAG),),
        (DISCLOSE,),
    ),
    _rule(
        "audit.fund.collection_mismatch",
        *_CAMPAIGN,
        _SIGN,
        _collection_mismatch,
        (Measure("contributed", _M.MONEY), Measure("settled_collected", _M.MONEY)),
        (DISCLOSE, ND24),
    ),
    _rule(
        "audit.fund.overspent",
        *_CAMPAIGN,
        _SIGN,
        _overspent,
        (Measure("contributed", _M.MONEY), Measure("spent", _M.MONEY)),
        (ND24,),
    ),
    _rule(
        "audit.fund.unapproved_spending",
        *_CAMPAIGN,
        _SIGN,
        _unapproved,
        (Measure("unapproved"), Measure("spent", _M.MONEY)),
        (LAW10,),
        evidence="unapproved_vouchers",
    ),
    _rule(
        "audit.fund.no_settlement",
        *_CAMPAIGN,
        Consequence.REMINDER,
        _no_settlement,
        (Measure("contributed", _M.MONEY), Measure("settlements")),
        (DISCLOSE,),
    ),
)
"""The fund-collection audits, every version."""
