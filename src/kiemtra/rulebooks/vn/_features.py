"""Feature tables of the Vietnamese rulebook: member months, member years, ledgers and fund campaigns.

Each builder turns validated facts into one lazy frame keyed by subject and period, with the governing date
of its rows. Dues due per member and month are computed here, from the parameters in force in that month
(QĐ 342 until QĐ 01 took effect in 2026), so that the duty checks and the three-month rule read one
schedule.

The member tables are built for provinces of a million members. Each member gets an integer index once
(``_mk``, its row in ``members``), and a member's month one integer key (``_k``: the index and the month's
first day), so that the tables of millions of rows (the roll, payments, income bases) meet on integers, never
on (text, date) pairs: each stay on a cell's roll becomes its range of months, and the roll and what it meets
come sorted by key, so they meet in merge joins rather than by probing hash tables. What every dues category
owes in every month is a short list read by position. What only findings read (the member's and the cell's
ids, receipts, meeting and task ids, meetings held) are *details*, computed for the rows a rule found: member
months point to their runs of payments and absences, member years to their runs of months and tasks, so a
detail looks its ids up by position.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from fractions import Fraction

import pendulum
import polars as pl

from kiemtra._errors import DefinitionError
from kiemtra._money import Money
from kiemtra._rules._evaluate import ROW, FeatureContext, FeatureTable
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
                # N years from a day of the month N years earlier end in this month (a 29 February
                # admission reaches them on 28 February), so all of that month is in.
                "exempt_admitted_by": (
                    pm.subtract(years=_years(book, K.DUES_EXEMPT_PARTY_AGE, pm)).end_of("month")
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


# -- the period's months, rates and keys ---------------------------------------------------------------------
_ROUNDINGS = {"up": 1, "half_up": 2}
"""Codes of the rounding rules other than rounding down."""
_CATEGORIES = (
    "exempt",
    "salaried_insured",
    "on_insured_leave",
    "pensioner",
    "non_insured",
    "other_area_1",
    "other_area_2",
    "other_area_3",
    "other_area_4",
    "student",
)
"""The dues categories the schedule knows (code: position); any other category pays the QĐ 342 floor."""
_EXEMPT = _CATEGORIES.index("exempt")
_SHARES = {
    "salaried_insured": "sal",
    "on_insured_leave": "leave",
    "pensioner": "pen",
    "non_insured": "non",
}
_FLATS = {
    "other_area_1": "flat_1",
    "other_area_2": "flat_2",
    "other_area_3": "flat_3",
    "other_area_4": "flat_4",
    "student": "flat_student",
}


def _period_end(period: DateRange) -> _dt.date:
    stop = period.end or period.start.add(years=1)
    return _dt.date(stop.year, stop.month, stop.day)


def _key(index: str, day: pl.Expr) -> pl.Expr:
    """One integer for a member (its index) and a day: ``index * 2**32 + days since 1970``. Keys sort as
    (member, day) pairs do, so frames sorted by member and month are sorted by key."""
    return pl.col(index).cast(pl.Int64) * (1 << 32) + day.cast(pl.Int32).cast(pl.Int64)


def _dates(days: Iterable[_dt.date]) -> pl.Expr:
    return pl.lit(pl.Series(list(days), dtype=pl.Date))


def _ints(values: Iterable[int | None]) -> pl.Expr:
    return pl.lit(pl.Series(list(values), dtype=pl.Int64))


def _count_windows(ctx: FeatureContext) -> list[tuple[_dt.date, _dt.date]]:
    """The windows the three-month rule counts in: each calendar year of the period (the default
    reading of 'ba tháng trong năm'), or the whole period when the parameter says otherwise."""
    return ctx.value("vn.windows", lambda: _windows(ctx))


def _windows(ctx: FeatureContext) -> list[tuple[_dt.date, _dt.date]]:
    start = _dt.date(ctx.period.start.year, ctx.period.start.month, ctx.period.start.day)
    end = _period_end(ctx.period)
    last = pendulum.Date(end.year, end.month, end.day).subtract(days=1)
    if str(ctx.rulebook.value(K.THREE_MONTH_PERIOD, last)) != "calendar_year":
        return [(start, end)]
    windows = []
    year = start.year
    while _dt.date(year, 1, 1) < end:
        windows.append((max(start, _dt.date(year, 1, 1)), min(end, _dt.date(year + 1, 1, 1))))
        year += 1
    return windows


def _window_of(day: pl.Expr, spans: list[tuple[_dt.date, _dt.date]]) -> pl.Expr:
    """The index of the counting window holding ``day`` (a day inside the period: windows tile it)."""
    expr = pl.lit(len(spans) - 1, dtype=pl.Int32)
    for i in reversed(range(len(spans) - 1)):
        expr = pl.when(day < pl.lit(spans[i][1])).then(pl.lit(i, dtype=pl.Int32)).otherwise(expr)
    return expr


def _month_frame(ctx: FeatureContext) -> pl.DataFrame:
    """One row per month of the period (``_m`` its position): its bounds, its counting window ``_w``, the
    month its income base is taken from (``base_of``) and the dues schedule in force (see
    :func:`dues_schedule`); built once per evaluation."""

    def build() -> pl.DataFrame:
        months = month_starts(ctx.period)
        spans = _count_windows(ctx)
        schedule = dues_schedule(ctx.rulebook, months)
        ends = [_dt.date(m.year + m.month // 12, m.month % 12 + 1, 1) for m in months]
        return schedule.with_columns(
            _m=pl.Series(range(len(months)), dtype=pl.Int32),
            period_end=pl.Series(ends, dtype=pl.Date),
            last_day=pl.Series([e - _dt.timedelta(days=1) for e in ends], dtype=pl.Date),
            # QĐ 01 assesses dues on the previous month's insurable salary; QĐ 342 on the month's own.
            base_of=pl.Series(
                [
                    (m - _dt.timedelta(days=1)).replace(day=1) if b == "previous" else m
                    for m, b in zip(months, schedule.get_column("base_month"), strict=True)
                ],
                dtype=pl.Date,
            ),
            _w=pl.Series(
                [next(i for i, (a, b) in enumerate(spans) if a <= m < b) for m in months],
                dtype=pl.Int32,
            ),
        )

    return ctx.value("vn.months", build)


def _rates(months: pl.DataFrame) -> dict[str, list[int | None]]:
    """What each dues category owes in each month, by position ``code * months + month``: ``num``/``den``
    a share of the income base, else ``fallback`` (a flat amount, the QĐ 342 floor, 0 for the exempt; null
    when only a share applies). Under QĐ 342 (until QĐ 01 took effect) members outside the salaried and
    pensioner groups pay the HD 03 flat amount of their area, and a category without one is held to the low
    end of the QĐ 342 range; under QĐ 01, students pay a flat amount and uninsured members a share of their
    income base (the regional minimum wage the host records for them)."""
    out: dict[str, list[int | None]] = {"num": [], "den": [], "fallback": []}
    for category in (*_CATEGORIES, None):  # None: a category the schedule does not know
        for s in months.iter_rows(named=True):
            share = _SHARES.get(category or "")
            flat = _FLATS.get(category or "")
            floor = s["floor_other"]
            num: int | None
            den: int | None
            fallback: int | None
            if category == "exempt":
                num, den, fallback = None, None, 0
            elif share is not None:
                num, den = s[f"{share}_num"], s[f"{share}_den"]
                fallback = floor if category == "non_insured" else None
            else:
                num = den = None
                fallback = s[flat] if flat is not None and s[flat] is not None else floor
            out["num"].append(num)
            out["den"].append(den)
            out["fallback"].append(fallback)
    return out


def _share(
    amount: pl.Expr, num: pl.Expr, den: pl.Expr, rules: list[str], month: pl.Expr
) -> pl.Expr:
    """``amount * num / den`` in whole đồng, settled by the rounding rule of each month (``rules``, by month
    position ``month``), in integers only."""
    product = amount * num
    settled = {
        "up": -((-product) // den),
        "half_up": (2 * product + den) // (2 * den),
    }
    if len(set(rules)) == 1:  # one rule for the whole period: no per-row choice
        return settled.get(rules[0], product // den)
    code = pl.lit(pl.Series([_ROUNDINGS.get(r, 0) for r in rules], dtype=pl.Int8)).gather(month)
    return (
        pl.when(code == _ROUNDINGS["up"])
        .then(settled["up"])
        .when(code == _ROUNDINGS["half_up"])
        .then(settled["half_up"])
        .otherwise(product // den)
    )


# -- members, keyed ------------------------------------------------------------------------------------------
def _members(facts: Facts, ctx: FeatureContext) -> pl.LazyFrame:
    """Members with their integer index ``_mk`` (their row) and dues category code ``_cc``."""
    return ctx.table(
        "vn.members",
        lambda: (
            facts.lazy("members")
            .select("member_id", "dues_category", "admitted_on", "left_on")
            .with_row_index("_mk")
            .with_columns(
                _cc=pl.col("dues_category").replace_strict(
                    _CATEGORIES,
                    range(len(_CATEGORIES)),
                    default=len(_CATEGORIES),
                    return_dtype=pl.Int32,
                )
            )
        ),
        keep=False,
    )


def _index(facts: Facts, ctx: FeatureContext, column: str = "member_id") -> pl.LazyFrame:
    """``column`` (a member id) and the member's index ``_mk``: what a fact table joins to be keyed."""
    return _members(facts, ctx).select(pl.col("member_id").alias(column), "_mk")


def _stays(facts: Facts, ctx: FeatureContext) -> pl.LazyFrame:
    """Cell memberships (``_si``: their row) with the member's index, category code and membership dates."""
    return ctx.table(
        "vn.stays",
        lambda: (
            facts.lazy("cell_memberships")
            .with_row_index("_si")
            .join(_members(facts, ctx).drop("dues_category"), on="member_id", maintain_order="left")
        ),
        keep=False,
    )


def _column(facts: Facts, table: str, column: str) -> pl.Expr:
    """A column of a fact table, to ``gather`` by row number: ids are fetched only for the rows found."""
    return pl.lit(facts[table].get_column(column))


def _payments(facts: Facts, ctx: FeatureContext) -> pl.LazyFrame:
    """Dues payments (``_pi``: their row) with the member's index ``_mk``."""
    return ctx.table(
        "vn.payments",
        lambda: (
            facts.lazy("dues_payments")
            .select("member_id", "month", "amount", "paid_on")
            .with_row_index("_pi")
            .join(_index(facts, ctx), on="member_id", maintain_order="left")
            .select("_pi", "_mk", "month", "amount", "paid_on")
        ),
        keep=False,
    )


def _month_payments(facts: Facts, ctx: FeatureContext) -> pl.LazyFrame:
    """Payments for the months of the period, sorted by member and month (``_k``), numbered ``_p`` in that
    order: a member's payments for a month are a run of rows (see :func:`member_months`)."""
    months = pl.Series(month_starts(ctx.period), dtype=pl.Date)
    return ctx.table(
        "vn.month_payments",
        lambda: (
            _payments(facts, ctx)
            .filter(pl.col("month").is_in(months.implode()))
            .select("_pi", "amount", _k=_key("_mk", pl.col("month")))
            .sort("_k", maintain_order=True)
            .with_row_index("_p")
        ),
    )


def _absences(facts: Facts, ctx: FeatureContext) -> pl.LazyFrame:
    """Unexcused absences in the months of the period, one row each (``_k`` of the month, ``meeting_id``),
    counted when the member belonged to that meeting's cell on the day it was held: one who moved mid-month
    keeps an absence at the cell they left, but not one recorded there after. Sorted by member, month and
    meeting, numbered ``_q`` in that order."""
    months = pl.Series(month_starts(ctx.period), dtype=pl.Date)
    return ctx.table(
        "vn.absences",
        lambda: (
            facts.lazy("attendance")
            .filter(~pl.col("present") & ~pl.col("excused"))
            .select("meeting_id", "member_id")
            .join(
                facts.lazy("meetings").select(
                    "meeting_id", "cell_id", "held_on", month=pl.col("held_on").dt.month_start()
                ),
                on="meeting_id",
            )
            .filter(pl.col("month").is_in(months.implode()))
            .join(
                _stays(facts, ctx).select("member_id", "cell_id", "start", "end", "_mk"),
                on=["member_id", "cell_id"],
            )
            .filter(covers(pl.col("held_on")))
            .select("meeting_id", _k=_key("_mk", pl.col("month")))
            .sort("_k", "meeting_id")
            .with_row_index("_q")
        ),
    )


def _roll(facts: Facts, ctx: FeatureContext) -> pl.LazyFrame:
    """One row per member and month of the period while on a cell's roll at the month's end: ``_mk``, ``_m``
    (the month's position), the stay ``_si``, the category code ``_cc`` and ``admitted_on``, sorted by
    member and month.

    A stay covers the months whose last day falls in it and in the membership, a range of months found by
    searching the months' last days, so a stay is never paired with every month."""
    last = pl.lit(_month_frame(ctx).get_column("last_day"))
    far = pl.lit(_dt.date(9999, 12, 31))
    since = pl.max_horizontal("start", "admitted_on")
    until = pl.min_horizontal(pl.col("end").fill_null(far), pl.col("left_on").fill_null(far))
    return ctx.table(
        "vn.roll",
        lambda: (
            _stays(facts, ctx)
            .select(
                "_mk",
                "_si",
                "_cc",
                "admitted_on",
                "start",
                _from=last.search_sorted(since, side="left").cast(pl.Int32),
                _to=last.search_sorted(until, side="left").cast(pl.Int32),
            )
            .filter(pl.col("_to") > pl.col("_from"))
            # Stays of one member do not overlap: sorted by member and start, their months come out in order.
            .sort("_mk", "start", maintain_order=True)
            .select(
                "_mk", "_si", "_cc", "admitted_on", _m=pl.int_ranges("_from", "_to", dtype=pl.Int32)
            )
            .explode("_m")
        ),
        keep=False,
    )


# -- member months ------------------------------------------------------------------------------------------
def member_months(facts: Facts, ctx: FeatureContext) -> pl.LazyFrame:
    """One row per member and month of the period while on a cell's roll at the month's end, sorted by
    member and month (``_k``).

    The roll and the payments, income bases and absences it meets are all sorted by their integer keys, so
    they meet in merge joins (as-of joins with no tolerance: exact matches of unique keys, a left join), not
    by probing hash tables of millions of rows. The member's and the cell's ids and the dues category are
    details: fetched for the rows a rule found, by the member's index ``_mk`` and the stay ``_si``; so are
    the receipts and the meetings missed, from the runs of payments and absences each row points to
    (``_p0``, ``_pn``; ``_a0``, ``unexcused_absences``). Rows are numbered ``_r``."""
    months = _month_frame(ctx)
    n, windows = months.height, len(_count_windows(ctx))
    rates = ctx.value("vn.rates", lambda: _rates(months))
    m, rate = pl.col("_m"), pl.col("_cc") * n + pl.col("_m")
    paid = (
        _month_payments(facts, ctx)
        .set_sorted("_k")
        .group_by("_k", maintain_order=True)
        .agg(dues_paid=pl.col("amount").sum(), _p0=pl.col("_p").first(), _pn=pl.len())
        .set_sorted("_k")
    )
    bases = (
        facts.lazy("income_bases")
        .filter(pl.col("month").is_in(months.get_column("base_of").unique().implode()))
        .select("member_id", "month", "amount")
        .join(_index(facts, ctx), on="member_id", maintain_order="left")
        .select(_bk=_key("_mk", pl.col("month")), income_base=pl.col("amount"))
        .sort("_bk", maintain_order=True)
        .set_sorted("_bk")
    )
    absent = (
        _absences(facts, ctx)
        .set_sorted("_k")
        .group_by("_k", maintain_order=True)
        .agg(unexcused_absences=pl.len(), _a0=pl.col("_q").first())
        .set_sorted("_k")
    )
    due = (
        pl.when(pl.col("admitted_on") <= _dates(months.get_column("exempt_admitted_by")).gather(m))
        .then(pl.lit(0, dtype=pl.Int64))
        .otherwise(
            pl.coalesce(
                _share(
                    pl.col("income_base"),
                    _ints(rates["num"]).gather(rate),
                    _ints(rates["den"]).gather(rate),
                    months.get_column("rounding").to_list(),
                    m,
                ),
                _ints(rates["fallback"]).gather(rate),
            )
        )
    )
    month = _dates(months.get_column("month")).gather(m)
    return (
        _roll(facts, ctx)
        .with_columns(
            _k=_key("_mk", month),
            # base months never go back as months go on, so this key is sorted too
            _bk=_key("_mk", _dates(months.get_column("base_of")).gather(m)),
        )
        .set_sorted("_k")
        .join_asof(paid, on="_k", tolerance=0)
        .set_sorted("_bk")
        .join_asof(bases, on="_bk", tolerance=0)
        .set_sorted("_k")
        .join_asof(absent, on="_k", tolerance=0)
        .with_columns(
            dues_paid=pl.col("dues_paid").fill_null(0),
            unexcused_absences=pl.col("unexcused_absences").fill_null(0),
            _pn=pl.col("_pn").fill_null(0),
            dues_due=due,
        )
        # A month is short when less than the due was paid; when the due cannot be computed (no income
        # base recorded) a month with nothing paid is still short, since every non-exempt member owes.
        .select(
            "_k",
            "_mk",
            "_si",
            _yk=pl.col("_mk").cast(pl.Int64) * windows + pl.lit(months.get_column("_w")).gather(m),
            period_start=month,
            period_end=_dates(months.get_column("period_end")).gather(m),
            governing_date=month,
            unexcused_absences=pl.col("unexcused_absences"),
            income_base=pl.col("income_base"),
            dues_due=pl.col("dues_due"),
            dues_paid=pl.col("dues_paid"),
            dues_short=pl.when(pl.col("dues_due").is_null())
            .then((pl.col("dues_paid") == 0) & (pl.col("_cc") != _EXEMPT))
            .otherwise(pl.col("dues_paid") < pl.col("dues_due")),
            _p0=pl.col("_p0"),
            _pn=pl.col("_pn"),
            _a0=pl.col("_a0"),
        )
        .with_row_index("_r")
    )


def _member_month(facts: Facts, ctx: FeatureContext) -> pl.LazyFrame:
    return ctx.table("member_month", lambda: member_months(facts, ctx))


def _positions(
    ctx: FeatureContext, name: str, frame: Callable[[], pl.LazyFrame], column: str
) -> pl.Expr:
    """A column of the shared frame ``name`` (``frame()`` builds it), collected (evaluate's first query
    computed it), to ``gather`` by position."""
    return ctx.value(f"{name}:{column}", lambda: pl.lit(ctx.result(name, frame).get_column(column)))


def _listed(found: pl.LazyFrame, runs: pl.LazyFrame, name: str, *, sort: bool) -> pl.LazyFrame:
    """Detail values: the list ``name`` of the ids (column ``id`` of ``runs``, keyed by :data:`ROW`) of each
    row found, sorted (rows sorted before grouping them: far cheaper than sorting every list); a row
    without ids gets an empty list."""
    ids = runs.sort(ROW, "id") if sort else runs
    lists = ids.group_by(ROW, maintain_order=True).agg(pl.col("id").alias(name))
    return (
        found.select(ROW)
        .join(lists, on=ROW, how="left")
        .with_columns(pl.col(name).fill_null(pl.lit([], dtype=pl.List(pl.String))))
    )


def _run(first: str, count: str) -> pl.Expr:
    """The positions ``first`` to ``first + count`` (exclusive) as a list, to explode."""
    return pl.int_ranges(pl.col(first), pl.col(first) + pl.col(count), dtype=pl.Int64)


def _member_id(facts: Facts, ctx: FeatureContext, found: pl.LazyFrame) -> pl.Expr:
    """Detail: the member's id."""
    return _column(facts, "members", "member_id").gather("_mk")


def _dues_category(facts: Facts, ctx: FeatureContext, found: pl.LazyFrame) -> pl.Expr:
    """Detail: the member's dues category."""
    return _column(facts, "members", "dues_category").gather("_mk")


def _cell_id(facts: Facts, ctx: FeatureContext, found: pl.LazyFrame) -> pl.Expr:
    """Detail: the cell of the stay (the cell on whose roll the member was)."""
    return _column(facts, "cell_memberships", "cell_id").gather("_si")


def _meetings_held(facts: Facts, ctx: FeatureContext, found: pl.LazyFrame) -> pl.LazyFrame:
    """Detail: the meetings the member's cell held that month."""
    held = (
        facts.lazy("meetings")
        .group_by("cell_id", month=pl.col("held_on").dt.month_start())
        .agg(meetings_held=pl.len())
    )
    return (
        found.select(
            ROW,
            "period_start",
            cell_id=_column(facts, "cell_memberships", "cell_id").gather("_si"),
        )
        .join(held, left_on=["cell_id", "period_start"], right_on=["cell_id", "month"], how="left")
        .select(ROW, pl.col("meetings_held").fill_null(0))
    )


def _absent_meetings(facts: Facts, ctx: FeatureContext, found: pl.LazyFrame) -> pl.LazyFrame:
    """Detail: the ids of the meetings missed without excuse that month (a run of absences, sorted)."""
    meetings = _positions(ctx, "vn.absences", lambda: _absences(facts, ctx), "meeting_id")
    runs = (
        found.select(ROW, _q=_run("_a0", "unexcused_absences"))
        .explode("_q")
        .drop_nulls("_q")
        .select(ROW, id=meetings.gather("_q"))
    )
    return _listed(found, runs, "absent_meetings", sort=False)


def _receipts(facts: Facts, ctx: FeatureContext, found: pl.LazyFrame) -> pl.LazyFrame:
    """Detail: the receipts of the month's payments (a run of payments)."""
    rows = _positions(ctx, "vn.month_payments", lambda: _month_payments(facts, ctx), "_pi")
    receipts = _column(facts, "dues_payments", "receipt_no")
    runs = (
        found.select(ROW, _p=_run("_p0", "_pn"))
        .explode("_p")
        .drop_nulls("_p")
        .select(ROW, id=receipts.gather(rows.gather("_p")))
    )
    return _listed(found, runs, "receipts", sort=True)


# -- member years -------------------------------------------------------------------------------------------
def _tasks(facts: Facts, ctx: FeatureContext) -> pl.LazyFrame:
    """Tasks due in the period, with the assignee's member-year key ``_yk``, sorted by it and numbered
    ``_t`` in that order: the tasks of a member's year are a run of rows."""
    spans = _count_windows(ctx)
    start, end = spans[0][0], spans[-1][1]
    return ctx.table(
        "vn.tasks",
        lambda: (
            facts.lazy("tasks")
            .select("assignee_id", "due_on", "done_on", "exceeded")
            .with_row_index("_ti")
            .filter((pl.col("due_on") >= pl.lit(start)) & (pl.col("due_on") < pl.lit(end)))
            .join(_index(facts, ctx, "assignee_id"), on="assignee_id", maintain_order="left")
            .select(
                "_ti",
                "due_on",
                "done_on",
                "exceeded",
                _yk=pl.col("_mk").cast(pl.Int64) * len(spans) + _window_of(pl.col("due_on"), spans),
            )
            .sort("_yk", maintain_order=True)
            .with_row_index("_t")
        ),
    )


def member_years(facts: Facts, ctx: FeatureContext) -> pl.LazyFrame:
    """One row per member and counting window (each calendar year of the period): months absent, months
    unpaid, tasks due in the window."""
    spans = _count_windows(ctx)
    w = (pl.col("_yk") % len(spans)).cast(pl.Int32)
    absent = pl.col("unexcused_absences") > 0
    underpaid = pl.col("dues_short")
    done = pl.col("done_on").is_not_null()
    # Flags first, then plain sums: aggregations of plain columns are the fast ones. Rows keep their order
    # within a group, and member months come sorted by month: the last stay is the cell of the window's last
    # month on the roll, and the window's months are the run of rows from the first (``_r0``).
    counted = (
        _member_month(facts, ctx)
        .select("_yk", "_mk", "_si", "_r", a=absent, u=underpaid, e=absent | underpaid)
        .group_by("_yk")
        .agg(
            pl.col("_mk").first(),
            pl.col("_si").last(),
            _r0=pl.col("_r").first(),
            months_on_roll=pl.len().cast(pl.Int64),
            months_absent=pl.col("a").sum().cast(pl.Int64),
            months_unpaid=pl.col("u").sum().cast(pl.Int64),
            months_absent_or_unpaid=pl.col("e").sum().cast(pl.Int64),
        )
    )
    tasks = (
        _tasks(facts, ctx)
        .select(
            "_yk",
            "_t",
            d=done,
            o=done & (pl.col("done_on") <= pl.col("due_on")),
            x=done & pl.col("exceeded"),
        )
        .group_by("_yk")
        .agg(
            _t0=pl.col("_t").first(),
            tasks_total=pl.len(),
            tasks_done=pl.col("d").sum(),
            tasks_on_time=pl.col("o").sum(),
            tasks_exceeded=pl.col("x").sum(),
        )
    )
    return counted.join(tasks, on="_yk", how="left").with_columns(
        pl.col("tasks_total", "tasks_done", "tasks_on_time", "tasks_exceeded")
        .fill_null(0)
        .cast(pl.Int64),
        period_start=_dates(a for a, _ in spans).gather(w),
        period_end=_dates(b for _, b in spans).gather(w),
        governing_date=_dates(b - _dt.timedelta(days=1) for _, b in spans).gather(w),
    )


def _year_evidence(facts: Facts, ctx: FeatureContext, found: pl.LazyFrame) -> pl.LazyFrame:
    """Detail: the meetings missed and the receipts of the months underpaid in the window (the window's
    months are a run of member months, each pointing to its runs of absences and payments)."""

    def months(column: str) -> pl.Expr:
        return _positions(ctx, "member_month", lambda: _member_month(facts, ctx), column)

    months_of = (
        found.select(ROW, _r=_run("_r0", "months_on_roll"))
        .explode("_r")
        .drop_nulls("_r")
        .select(ROW, *(months(c).gather("_r").alias(c) for c in _RUN_COLUMNS))
    )
    meetings = _positions(ctx, "vn.absences", lambda: _absences(facts, ctx), "meeting_id")
    missed = (
        months_of.select(ROW, _q=_run("_a0", "unexcused_absences"))
        .explode("_q")
        .drop_nulls("_q")
        .select(ROW, id=meetings.gather("_q"))
    )
    rows = _positions(ctx, "vn.month_payments", lambda: _month_payments(facts, ctx), "_pi")
    receipts = (
        months_of.filter("dues_short")
        .select(ROW, _p=_run("_p0", "_pn"))
        .explode("_p")
        .drop_nulls("_p")
        .select(ROW, id=_column(facts, "dues_payments", "receipt_no").gather(rows.gather("_p")))
    )
    return _listed(found, pl.concat([missed, receipts]), "evidence", sort=True)


_RUN_COLUMNS = ("dues_short", "unexcused_absences", "_a0", "_p0", "_pn")


def _task_ids(facts: Facts, ctx: FeatureContext, found: pl.LazyFrame) -> pl.LazyFrame:
    """Detail: the ids of the tasks due in the window (a run of tasks)."""
    rows = _positions(ctx, "vn.tasks", lambda: _tasks(facts, ctx), "_ti")
    runs = (
        found.select(ROW, _t=_run("_t0", "tasks_total"))
        .explode("_t")
        .drop_nulls("_t")
        .select(ROW, id=_column(facts, "tasks", "task_id").gather(rows.gather("_t")))
    )
    return _listed(found, runs, "task_ids", sort=True)


def _amount_if(condition: pl.Expr) -> pl.Expr:
    return pl.when(condition).then(pl.col("amount")).otherwise(0)


def ledgers(facts: Facts, ctx: FeatureContext) -> pl.LazyFrame:
    """One row per ledger: stated totals, the entries' totals, members' payments, remittances, deposits."""
    orgs = facts.lazy("orgs")
    parents = orgs.select(
        parent_id=pl.col("org_id"), parent_level=pl.col("level"), parent_kind=pl.col("kind")
    )
    in_period = (pl.col("period_start") >= pl.lit(ctx.period.start)) & (
        pl.col("period_start") < pl.lit(ctx.period.end or _dt.date(9999, 1, 1))
    )
    entries = (
        facts.lazy("ledger_entries")
        .filter(in_period)
        .group_by("org_id", "period_start")
        .agg(
            entries_in=_amount_if(pl.col("kind").is_in(["collected", "received"])).sum(),
            entries_collected=_amount_if(pl.col("kind") == "collected").sum(),
            entries_out=_amount_if(pl.col("kind") == "remitted").sum(),
        )
    )
    ledger = ctx.table(
        "vn.ledgers",
        lambda: (
            facts.lazy("ledgers")
            .filter(in_period)
            .with_row_index("_li")
            .join(entries, on=["org_id", "period_start"], how="left")
            .join(orgs.select("org_id", "parent_id", "level", "kind"), on="org_id", how="left")
            .join(parents, on="parent_id", how="left")
        ),
        keep=False,
    )
    # Members' payments for months inside each cell ledger's period, by the cell the member was in.
    # A payment is collected by the cell the member is in on the day of payment, and booked in that
    # cell's ledger for the period containing that day (December's dues paid in January go to January).
    # Payments are matched to the stays of their member (on the member's index), and each stay to the
    # ledgers of its cell, so the millions of payments never meet a text key.
    books = _stays(facts, ctx).join(
        ledger.select("_li", "org_id", ledger_start="period_start", ledger_end="period_end"),
        left_on="cell_id",
        right_on="org_id",
    )
    paid = (
        _payments(facts, ctx)
        .select("_mk", "paid_on", "amount")
        .join(books.select("_mk", "start", "end", "_li", "ledger_start", "ledger_end"), on="_mk")
        .filter(
            covers(pl.col("paid_on"))
            & (pl.col("paid_on") >= pl.col("ledger_start"))
            & (pl.col("paid_on") < pl.col("ledger_end"))
        )
        .group_by("_li")
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
        ledger.join(paid, on="_li", how="left")
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
    FeatureTable(
        "member_month",
        SubjectKind.MEMBER,
        member_months,
        _month_dates,
        {
            "subject_id": _member_id,
            "org_id": _cell_id,
            "dues_category": _dues_category,
            "meetings_held": _meetings_held,
            "absent_meetings": _absent_meetings,
            "receipts": _receipts,
        },
    ),
    FeatureTable(
        "member_year",
        SubjectKind.MEMBER,
        member_years,
        _year_end,
        {
            "subject_id": _member_id,
            "org_id": _cell_id,
            "evidence": _year_evidence,
            "task_ids": _task_ids,
        },
    ),
    FeatureTable("ledger", SubjectKind.ORGANISATION, ledgers, _ledger_dates),
    FeatureTable("campaign", SubjectKind.CAMPAIGN, campaigns, _campaign_dates),
)
"""The feature tables the Vietnamese rules read."""
