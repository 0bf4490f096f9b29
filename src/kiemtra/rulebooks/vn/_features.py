"""Feature tables of the Vietnamese rulebook: member months, member years, ledgers and fund campaigns.

Each builder turns validated facts into one lazy frame keyed by subject and period, with the governing date
of its rows. Dues due per member and month are computed here, from the parameters in force in that month
(QĐ 342 until QĐ 01 took effect in 2026), so that the duty checks and the three-month rule read one
schedule.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from fractions import Fraction

import pendulum
import polars as pl

from kiemtra._errors import DefinitionError
from kiemtra._money import Money
from kiemtra._rules._evaluate import FeatureContext, FeatureTable
from kiemtra._rules._param import Range
from kiemtra._rules._rule import SubjectKind
from kiemtra._rules._rulebook import Rulebook
from kiemtra._time import DateRange, Duration, TimeUnit
from kiemtra.facts import Facts, covers
from kiemtra.rulebooks.vn import _keys as K

__all__ = ["FEATURES", "WARD_KINDS", "dues_schedule", "month_starts"]

WARD_KINDS = ("ward_party_organisation", "commune_party_organisation", "ward")
"""Organisation kinds QĐ 342 B.II.1 groups as grassroots organisations in a commune, ward or township."""


def month_starts(period: DateRange) -> list[_dt.date]:
    """The first day of every month that starts inside ``period``."""
    end = period.end or period.start.add(years=1)
    out = []
    day = _dt.date(period.start.year, period.start.month, 1)
    if day < period.start:
        day = pendulum.Date(day.year, day.month, 1).add(months=1)
    while day < end:
        out.append(_dt.date(day.year, day.month, day.day))
        nxt = pendulum.Date(day.year, day.month, 1).add(months=1)
        day = _dt.date(nxt.year, nxt.month, 1)
    return out


def _years(book: Rulebook, key: str, day: _dt.date) -> int:
    value = book.typed(key, day, Duration)
    if value.unit is not TimeUnit.YEARS:
        raise DefinitionError(f"parameter {key}", [f"expected a period in years, found {value}"])
    return value.amount


def dues_schedule(book: Rulebook, months: Iterable[_dt.date]) -> pl.DataFrame:
    """One row per month: the rates and flat amounts in force, as integer columns.

    Rates are ``(num, den)`` pairs so that dues are computed in whole đồng without floats. Under QĐ 342
    (until QĐ 01 took effect) members outside the salaried and pensioner groups pay the HD 03 flat amount
    of their area, and a category without one is held to the low end of the QĐ 342 range; under QĐ 01,
    students pay a flat amount and uninsured members a share of their income base (the regional minimum
    wage the host records for them).
    """
    rows = []
    for m in months:
        pm = pendulum.Date(m.year, m.month, m.day)
        qd01 = book.has_value(K.DUES_STUDENT, pm)
        sal = book.typed(K.DUES_SALARY, pm, Fraction)
        pen = book.typed(K.DUES_PENSION, pm, Fraction)
        leave = book.typed(K.DUES_LEAVE, pm, Fraction) if qd01 else sal
        non = book.typed(K.DUES_UNINSURED, pm, Fraction) if qd01 else None
        # HD 03's flat amounts apply from 6/7/2016; before, and under QĐ 01, there are none.
        flats = [
            book.typed(k, pm, Money).dong if not qd01 and book.has_value(k, pm) else None
            for k in (K.DUES_FLAT_1, K.DUES_FLAT_2, K.DUES_FLAT_3, K.DUES_FLAT_4)
        ]
        floor = None
        if not qd01:
            rng = book.value(K.DUES_OTHER_RANGE, pm)
            assert isinstance(rng, Range) and isinstance(rng.low, Money)
            floor = rng.low.dong
        rows.append(
            {
                "month": m,
                "regime": "qd01" if qd01 else "qd342",
                "rounding": str(book.value(K.DUES_ROUNDING, pm)),
                "base_month": str(book.value(K.DUES_BASE_MONTH, pm)),
                "sal_num": sal.numerator,
                "sal_den": sal.denominator,
                "leave_num": leave.numerator,
                "leave_den": leave.denominator,
                "pen_num": pen.numerator,
                "pen_den": pen.denominator,
                "non_num": None if non is None else non.numerator,
                "non_den": None if non is None else non.denominator,
                "flat_1": flats[0],
                "flat_2": flats[1],
                "flat_3": flats[2],
                "flat_4": flats[3],
                "flat_student": book.typed(K.DUES_STUDENT, pm, Money).dong if qd01 else None,
                "floor_other": floor,
                # QĐ 01 exempts members of 50 years' party age and more (admitted on or before this day, counted
                # at the month's end); QĐ 342 has no such exemption.
                "exempt_admitted_by": (
                    pm.end_of("month").subtract(years=_years(book, K.DUES_EXEMPT_PARTY_AGE, pm))
                    if qd01
                    else None
                ),
            }
        )
    schema = {
        "month": pl.Date,
        "regime": pl.String,
        "rounding": pl.String,
        "base_month": pl.String,
        **dict.fromkeys(
            (
                "sal_num",
                "sal_den",
                "leave_num",
                "leave_den",
                "pen_num",
                "pen_den",
                "non_num",
                "non_den",
                "flat_1",
                "flat_2",
                "flat_3",
                "flat_4",
                "flat_student",
                "floor_other",
            ),
            pl.Int64,
        ),
        "exempt_admitted_by": pl.Date,
    }
    return pl.DataFrame(rows, schema=schema)


def _share(amount: pl.Expr, num: pl.Expr, den: pl.Expr, rounding: pl.Expr) -> pl.Expr:
    """``amount * num / den`` in whole đồng, settled by the rounding rule, in integers only."""
    product = amount * num
    return (
        pl.when(rounding == "up")
        .then(-((-product) // den))
        .when(rounding == "half_up")
        .then((2 * product + den) // (2 * den))
        .otherwise(product // den)
    )


def _due() -> pl.Expr:
    cat = pl.col("dues_category")
    base = pl.col("income_base")
    r = pl.col("rounding")
    other = pl.col("floor_other")
    return (
        pl.when(cat == "exempt")
        .then(pl.lit(0, dtype=pl.Int64))
        .when(pl.col("admitted_on") <= pl.col("exempt_admitted_by"))
        .then(pl.lit(0, dtype=pl.Int64))
        .when(cat == "salaried_insured")
        .then(_share(base, pl.col("sal_num"), pl.col("sal_den"), r))
        .when(cat == "on_insured_leave")
        .then(_share(base, pl.col("leave_num"), pl.col("leave_den"), r))
        .when(cat == "pensioner")
        .then(_share(base, pl.col("pen_num"), pl.col("pen_den"), r))
        .when(cat == "other_area_1")
        .then(pl.coalesce(pl.col("flat_1"), other))
        .when(cat == "other_area_2")
        .then(pl.coalesce(pl.col("flat_2"), other))
        .when(cat == "other_area_3")
        .then(pl.coalesce(pl.col("flat_3"), other))
        .when(cat == "other_area_4")
        .then(pl.coalesce(pl.col("flat_4"), other))
        .when(cat == "student")
        .then(pl.coalesce(pl.col("flat_student"), other))
        .when(cat == "non_insured")
        .then(pl.coalesce(_share(base, pl.col("non_num"), pl.col("non_den"), r), other))
        .otherwise(other)
    )


def _next_month(col: str) -> pl.Expr:
    return pl.col(col).dt.offset_by("1mo")


def member_months(facts: Facts, ctx: FeatureContext) -> pl.LazyFrame:
    """One row per member and month of the period while on a cell's roll at the month's end."""
    months = month_starts(ctx.period)
    month_frame = pl.DataFrame({"month": months}, schema={"month": pl.Date}).lazy()
    roll = (
        facts.lazy("cell_memberships")
        .join(month_frame, how="cross")
        .with_columns(last_day=pl.col("month").dt.month_end())
        .filter(covers(pl.col("last_day")))
        .join(
            facts.lazy("members").select("member_id", "dues_category", "admitted_on", "left_on"),
            on="member_id",
        )
        .filter(covers(pl.col("last_day"), "admitted_on", "left_on"))
        .select("member_id", "cell_id", "month", "dues_category", "admitted_on")
    )
    meetings = facts.lazy("meetings").with_columns(month=pl.col("held_on").dt.month_start())
    held = meetings.group_by("cell_id", "month").agg(meetings_held=pl.len())
    absences = (
        facts.lazy("attendance")
        .filter(~pl.col("present") & ~pl.col("excused"))
        .join(meetings.select("meeting_id", "cell_id", "held_on", "month"), on="meeting_id")
        # An absence counts when the member belonged to that meeting's cell on the day it was held: one
        # who moved mid-month keeps an absence at the cell they left, but not one recorded there after.
        .join(facts.lazy("cell_memberships"), on=["member_id", "cell_id"])
        .filter(covers(pl.col("held_on")))
        .group_by("member_id", "month")
        .agg(unexcused_absences=pl.len(), absent_meetings=pl.col("meeting_id"))
    )
    paid = (
        facts.lazy("dues_payments")
        .group_by("member_id", "month")
        .agg(dues_paid=pl.col("amount").sum(), receipts=pl.col("receipt_no"))
    )
    bases = facts.lazy("income_bases").select(
        "member_id", base_of=pl.col("month"), income_base=pl.col("amount")
    )
    schedule = dues_schedule(ctx.rulebook, months).lazy()
    return (
        roll.join(held, on=["cell_id", "month"], how="left")
        .join(absences, on=["member_id", "month"], how="left")
        .join(paid, on=["member_id", "month"], how="left")
        .join(schedule, on="month", how="left")
        # QĐ 01 assesses dues on the previous month's insurable salary; QĐ 342 on the month's own.
        .with_columns(
            base_of=pl.when(pl.col("base_month") == "previous")
            .then(pl.col("month").dt.offset_by("-1mo"))
            .otherwise(pl.col("month"))
        )
        .join(bases, on=["member_id", "base_of"], how="left")
        .with_columns(
            meetings_held=pl.col("meetings_held").fill_null(0),
            unexcused_absences=pl.col("unexcused_absences").fill_null(0),
            absent_meetings=pl.col("absent_meetings").fill_null(
                pl.lit([], dtype=pl.List(pl.String))
            ),
            dues_paid=pl.col("dues_paid").fill_null(0),
            receipts=pl.col("receipts").fill_null(pl.lit([], dtype=pl.List(pl.String))),
        )
        .with_columns(dues_due=_due())
        # A month is short when less than the due was paid; when the due cannot be computed (no income
        # base recorded) a month with nothing paid is still short, since every non-exempt member owes.
        .with_columns(
            dues_short=pl.when(pl.col("dues_due").is_null())
            .then((pl.col("dues_paid") == 0) & (pl.col("dues_category") != "exempt"))
            .otherwise(pl.col("dues_paid") < pl.col("dues_due"))
        )
        .select(
            subject_id=pl.col("member_id"),
            org_id=pl.col("cell_id"),
            period_start=pl.col("month"),
            period_end=_next_month("month"),
            governing_date=pl.col("month"),
            dues_category=pl.col("dues_category"),
            meetings_held=pl.col("meetings_held"),
            unexcused_absences=pl.col("unexcused_absences"),
            absent_meetings=pl.col("absent_meetings"),
            income_base=pl.col("income_base"),
            dues_due=pl.col("dues_due"),
            dues_paid=pl.col("dues_paid"),
            dues_short=pl.col("dues_short"),
            receipts=pl.col("receipts"),
            regime=pl.col("regime"),
        )
    )


def _count_windows(ctx: FeatureContext) -> list[tuple[_dt.date, _dt.date]]:
    """The windows the three-month rule counts in: each calendar year of the period (the default
    reading of 'ba tháng trong năm'), or the whole period when the parameter says otherwise."""
    start = _dt.date(ctx.period.start.year, ctx.period.start.month, ctx.period.start.day)
    stop = ctx.period.end or ctx.period.start.add(years=1)
    end = _dt.date(stop.year, stop.month, stop.day)
    last = pendulum.Date(end.year, end.month, end.day).subtract(days=1)
    if str(ctx.rulebook.value(K.THREE_MONTH_PERIOD, last)) != "calendar_year":
        return [(start, end)]
    windows = []
    year = start.year
    while _dt.date(year, 1, 1) < end:
        windows.append((max(start, _dt.date(year, 1, 1)), min(end, _dt.date(year + 1, 1, 1))))
        year += 1
    return windows


def member_years(facts: Facts, ctx: FeatureContext) -> pl.LazyFrame:
    """One row per member and counting window (each calendar year of the period): months absent, months
    unpaid, tasks due in the window."""
    spans = _count_windows(ctx)
    windows = pl.DataFrame(
        {"window_start": [a for a, _ in spans], "window_end": [b for _, b in spans]},
        schema={"window_start": pl.Date, "window_end": pl.Date},
    ).lazy()
    underpaid = pl.col("dues_short")
    counted = (
        ctx.table("member_month", lambda: member_months(facts, ctx))
        .lazy()
        .join(windows, how="cross")
        .filter(
            (pl.col("period_start") >= pl.col("window_start"))
            & (pl.col("period_start") < pl.col("window_end"))
        )
        .group_by("subject_id", "window_start", "window_end")
        .agg(
            org_id=pl.col("org_id").sort_by("period_start").last(),
            months_on_roll=pl.len(),
            months_absent=(pl.col("unexcused_absences") > 0).sum(),
            months_unpaid=underpaid.sum(),
            months_absent_or_unpaid=((pl.col("unexcused_absences") > 0) | underpaid).sum(),
            absent_ids=pl.col("absent_meetings").list.explode(
                keep_nulls=False, empty_as_null=False
            ),
            underpaid_receipts=pl.col("receipts")
            .filter(underpaid)
            .list.explode(keep_nulls=False, empty_as_null=False),
        )
        .with_columns(evidence=pl.concat_list(pl.col("absent_ids"), pl.col("underpaid_receipts")))
    )
    tasks = (
        facts.lazy("tasks")
        .join(windows, how="cross")
        .filter(
            (pl.col("due_on") >= pl.col("window_start")) & (pl.col("due_on") < pl.col("window_end"))
        )
        .group_by(pl.col("assignee_id").alias("subject_id"), "window_start")
        .agg(
            tasks_total=pl.len(),
            tasks_done=pl.col("done_on").is_not_null().sum(),
            tasks_on_time=(
                pl.col("done_on").is_not_null() & (pl.col("done_on") <= pl.col("due_on"))
            ).sum(),
            tasks_exceeded=(pl.col("done_on").is_not_null() & pl.col("exceeded")).sum(),
            task_ids=pl.col("task_id"),
        )
    )
    return counted.join(tasks, on=["subject_id", "window_start"], how="left").with_columns(
        pl.col("tasks_total", "tasks_done", "tasks_on_time", "tasks_exceeded")
        .fill_null(0)
        .cast(pl.Int64),
        pl.col("months_absent", "months_unpaid", "months_absent_or_unpaid").cast(pl.Int64),
        task_ids=pl.col("task_ids").fill_null(pl.lit([], dtype=pl.List(pl.String))),
        period_start=pl.col("window_start"),
        period_end=pl.col("window_end"),
        governing_date=pl.col("window_end").dt.offset_by("-1d"),
    )


def ledgers(facts: Facts, ctx: FeatureContext) -> pl.LazyFrame:
    """One row per ledger: stated totals, the entries' totals, members' payments, remittances, deposits."""
    orgs = facts.lazy("orgs")
    parents = orgs.select(
        parent_id=pl.col("org_id"), parent_level=pl.col("level"), parent_kind=pl.col("kind")
    )
    entries = (
        facts.lazy("ledger_entries")
        .group_by("org_id", "period_start")
        .agg(
            entries_in=pl.col("amount")
            .filter(pl.col("kind").is_in(["collected", "received"]))
            .sum(),
            entries_collected=pl.col("amount").filter(pl.col("kind") == "collected").sum(),
            entries_out=pl.col("amount").filter(pl.col("kind") == "remitted").sum(),
        )
    )
    ledger = (
        facts.lazy("ledgers")
        .filter(
            (pl.col("period_start") >= pl.lit(ctx.period.start))
            & (pl.col("period_start") < pl.lit(ctx.period.end or _dt.date(9999, 1, 1)))
        )
        .join(entries, on=["org_id", "period_start"], how="left")
        .join(orgs.select("org_id", "parent_id", "level", "kind"), on="org_id", how="left")
        .join(parents, on="parent_id", how="left")
    )
    # Members' payments for months inside each cell ledger's period, by the cell the member was in.
    # A payment is collected by the cell the member is in on the day of payment, and booked in that
    # cell's ledger for the period containing that day (December's dues paid in January go to January).
    pay = facts.lazy("dues_payments").select("member_id", "paid_on", "amount")
    memberships = facts.lazy("cell_memberships")
    paid = (
        pay.join(memberships, on="member_id")
        .filter(covers(pl.col("paid_on")))
        .join(
            ledger.select("org_id", "period_start", "period_end"),
            left_on="cell_id",
            right_on="org_id",
        )
        .filter(
            (pl.col("paid_on") >= pl.col("period_start"))
            & (pl.col("paid_on") < pl.col("period_end"))
        )
        .group_by(org_id=pl.col("cell_id"), period_start=pl.col("period_start"))
        .agg(members_paid=pl.col("amount").sum())
    )
    # Transfers for any part of a ledger's period count against it (monthly transfers, quarterly books).
    sent = (
        facts.lazy("remittances")
        .join(
            ledger.select("org_id", "period_start", "period_end"),
            left_on="from_org",
            right_on="org_id",
        )
        # Left columns are the transfer's period, "_right" ones the ledger's.
        .filter(
            (pl.col("period_start") >= pl.col("period_start_right"))
            & (pl.col("period_start") < pl.col("period_end_right"))
        )
        .group_by(org_id=pl.col("from_org"), period_start=pl.col("period_start_right"))
        .agg(
            remittances=pl.col("amount").sum(),
            last_sent=pl.col("sent_on").max(),
            remittance_ids=pl.col("remittance_id"),
        )
    )
    deposits = (
        facts.lazy("deposits")
        .join(ledger.select("org_id", "period_start", "period_end"), on="org_id")
        .filter(
            (pl.col("deposited_on") >= pl.col("period_start"))
            & (pl.col("deposited_on") < pl.col("period_end"))
        )
        .group_by("org_id", "period_start")
        .agg(deposited=pl.col("amount").sum(), deposit_count=pl.len())
    )
    return (
        ledger.join(paid, on=["org_id", "period_start"], how="left")
        .join(sent, on=["org_id", "period_start"], how="left")
        .join(deposits, on=["org_id", "period_start"], how="left")
        .with_columns(
            pl.col(
                "entries_in",
                "entries_collected",
                "entries_out",
                "members_paid",
                "remittances",
                "deposited",
                "deposit_count",
            )
            .fill_null(0)
            .cast(pl.Int64),
            remittance_ids=pl.col("remittance_ids").fill_null(pl.lit([], dtype=pl.List(pl.String))),
            org_class=(
                pl.when((pl.col("level") == "cell") & (pl.col("parent_level") == "grassroots"))
                .then(pl.lit("cell_under_grassroots"))
                .when((pl.col("level") == "grassroots") & pl.col("kind").is_in(WARD_KINDS))
                .then(pl.lit("ward_grassroots"))
                .when(pl.col("level") == "grassroots")
                .then(pl.lit("other_grassroots"))
                .otherwise(pl.lit("other"))
            ),
        )
        .select(
            subject_id=pl.col("org_id"),
            org_id=pl.col("parent_id"),
            period_start=pl.col("period_start"),
            period_end=pl.col("period_end"),
            governing_date=pl.col("period_start"),
            org_class=pl.col("org_class"),
            collected=pl.col("collected"),
            retained=pl.col("retained"),
            remitted=pl.col("remitted"),
            entries_in=pl.col("entries_in"),
            entries_collected=pl.col("entries_collected"),
            entries_out=pl.col("entries_out"),
            members_paid=pl.col("members_paid"),
            remittances=pl.col("remittances"),
            last_sent=pl.col("last_sent"),
            deposited=pl.col("deposited"),
            deposit_count=pl.col("deposit_count"),
            remittance_ids=pl.col("remittance_ids"),
        )
    )


def campaigns(facts: Facts, ctx: FeatureContext) -> pl.LazyFrame:
    """One row per residents' fund campaign decided in the period."""
    start, end = ctx.period.start, ctx.period.end or _dt.date(9999, 1, 1)
    decisions = (
        facts.lazy("household_meetings")
        .filter(pl.col("campaign_id").is_not_null())
        .join(
            facts.lazy("household_votes")
            .group_by("meeting_id")
            .agg(votes_for=(pl.col("choice") == "for").sum(), votes_cast=pl.len()),
            on="meeting_id",
            how="left",
        )
        .with_columns(pl.col("votes_for", "votes_cast").fill_null(0).cast(pl.Int64))
        .sort("held_on", "meeting_id")
        .group_by("campaign_id")
        .agg(pl.all().last())
        .select(
            "campaign_id",
            "households_total",
            "households_present",
            "votes_for",
            "votes_cast",
            decision_meeting=pl.col("meeting_id"),
        )
    )
    contributions = (
        facts.lazy("contributions")
        .group_by("campaign_id")
        .agg(contributed=pl.col("amount").sum(), contribution_count=pl.len())
    )
    spending = (
        facts.lazy("disbursements")
        .group_by("campaign_id")
        .agg(
            spent=pl.col("amount").sum(),
            unapproved=pl.col("approved_by").is_null().sum(),
            unapproved_vouchers=pl.col("disbursement_id")
            .filter(pl.col("approved_by").is_null())
            .sort(),
        )
    )
    postings = (
        facts.lazy("postings").group_by(campaign_id=pl.col("subject_id")).agg(postings=pl.len())
    )
    settlements = (
        facts.lazy("settlements")
        .filter(pl.col("published_on") < pl.lit(end))
        .group_by(campaign_id=pl.col("subject_id"))
        .agg(
            settled_collected=pl.col("collected").sum(),
            settled_spent=pl.col("spent").sum(),
            settlements=pl.len(),
        )
    )
    return (
        facts.lazy("campaigns")
        .filter((pl.col("decided_on") >= pl.lit(start)) & (pl.col("decided_on") < pl.lit(end)))
        .join(decisions, on="campaign_id", how="left")
        .join(contributions, on="campaign_id", how="left")
        .join(spending, on="campaign_id", how="left")
        .join(postings, on="campaign_id", how="left")
        .join(settlements, on="campaign_id", how="left")
        .with_columns(
            pl.col(
                "households_total",
                "households_present",
                "votes_for",
                "votes_cast",
                "contributed",
                "contribution_count",
                "spent",
                "unapproved",
                "postings",
                "settlements",
                "settled_collected",
                "settled_spent",
            )
            .fill_null(0)
            .cast(pl.Int64),
            unapproved_vouchers=pl.col("unapproved_vouchers").fill_null(
                pl.lit([], dtype=pl.List(pl.String))
            ),
            decided=pl.col("decision_meeting").is_not_null(),
            posted=pl.col("posted_on").is_not_null() | (pl.col("postings").fill_null(0) > 0),
        )
        .select(
            subject_id=pl.col("campaign_id"),
            org_id=pl.col("area_id"),
            period_start=pl.lit(start, dtype=pl.Date),
            period_end=pl.lit(end, dtype=pl.Date),
            governing_date=pl.col("decided_on"),
            decided=pl.col("decided"),
            decision_meeting=pl.col("decision_meeting"),
            households_total=pl.col("households_total"),
            households_present=pl.col("households_present"),
            votes_for=pl.col("votes_for"),
            compulsory=pl.col("compulsory"),
            per_household=pl.col("per_household"),
            posted=pl.col("posted"),
            contributed=pl.col("contributed"),
            spent=pl.col("spent"),
            unapproved=pl.col("unapproved"),
            unapproved_vouchers=pl.col("unapproved_vouchers"),
            settlements=pl.col("settlements"),
            settled_collected=pl.col("settled_collected"),
        )
    )


def _month_dates(facts: Facts, period: DateRange) -> list[_dt.date]:
    return month_starts(period)


def _year_end(facts: Facts, period: DateRange) -> list[_dt.date]:
    end = period.end or period.start.add(years=1)
    last = _dt.date(end.year, end.month, end.day) - _dt.timedelta(days=1)
    # Every possible window end: each year's last day inside the period, and the period's last day.
    ends = {
        _dt.date(y, 12, 31)
        for y in range(period.start.year, end.year + 1)
        if _dt.date(y, 12, 31) < end
    }
    return sorted({*ends, last})


def _ledger_dates(facts: Facts, period: DateRange) -> list[_dt.date]:
    starts = facts["ledgers"].get_column("period_start").unique().to_list()
    return [d for d in starts if d in period]


def _campaign_dates(facts: Facts, period: DateRange) -> list[_dt.date]:
    days = facts["campaigns"].get_column("decided_on").unique().to_list()
    return [d for d in days if d in period]


FEATURES = (
    FeatureTable("member_month", SubjectKind.MEMBER, member_months, _month_dates),
    FeatureTable("member_year", SubjectKind.MEMBER, member_years, _year_end),
    FeatureTable("ledger", SubjectKind.ORGANISATION, ledgers, _ledger_dates),
    FeatureTable("campaign", SubjectKind.CAMPAIGN, campaigns, _campaign_dates),
)
"""The feature tables the Vietnamese rules read."""
