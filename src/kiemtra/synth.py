"""Deterministic synthetic party organisations: a year of records and the violations planted in them.

:func:`generate` builds a province of ward party organisations from a seed: orgs, members and their cells,
monthly cell meetings with attendance, income bases and monthly dues payments, tasks, dues ledgers with
their entries, remittances up the hierarchy and bank deposits, and residents' fund campaigns with their
households, votes, receipts, spending, postings and settlements. :func:`ha_lam_2018` builds the Hà Lầm ward
party organisation of 2018 as the 2019 article about it describes it (11 cells, 6 of them neighbourhood
cells, 430 members, nearly 1 billion đồng raised for roads and embankments).

A small, known share of violations is planted, each designed to break exactly one rule, and
:attr:`Synthetic.planted` lists the findings the rules must produce: ``(rule_id, subject_id,
period_start)``. The generator is an independent check of the rules: it computes what members owe with
its own integer arithmetic from the parameter *values* of the rulebook (never from the rule code), and it
records what it planted rather than running the rules::

    from kiemtra import synth
    from kiemtra.rulebooks import vn

    data = synth.generate(7, members=5_000, wards=5, year=2024)
    found = vn.ruleset().evaluate(data.facts, data.period, vn.rulebook())
    assert found.keys() == data.planted_keys()

Everything is vectorised with numpy and polars: 200,000 members generate in seconds.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt
import polars as pl

from kiemtra._errors import InvalidInput, NotInForce
from kiemtra._money import Money
from kiemtra._rules._param import Range
from kiemtra._rules._rulebook import Rulebook
from kiemtra._time import DateRange, Duration, TimeUnit
from kiemtra.facts import Facts
from kiemtra.rulebooks.vn import _keys as K

__all__ = ["PLANTED_SCHEMA", "Synthetic", "generate", "ha_lam_2018"]

_A: TypeAlias = npt.NDArray[Any]
_I64 = np.int64

PLANTED_SCHEMA: Mapping[str, Any] = {
    "rule_id": pl.String,
    "subject_id": pl.String,
    "period_start": pl.Date,
}
"""The columns of :attr:`Synthetic.planted`."""

# The rules a planted violation must trigger (ids only: what counts as a violation is computed here).
_ABSENCE = "duty.meeting.unexcused_absence"
_UNDERPAID = "duty.dues.underpaid"
_THREE_MONTHS = "membership.three_month_rule"
_TASKS_LATE = "duty.tasks.not_all_on_time"
_TASKS_FEW_EXCEEDED = "duty.tasks.few_exceeded"
_CELL_SHARE = "audit.dues.cell_share_outside_range"
_WARD_SHORT = "audit.dues.ward_remits_short"
_TOTALS = "audit.ledger.totals_mismatch"
_UNRECORDED = "audit.dues.collection_unrecorded"
_REMITTANCE_MISMATCH = "audit.dues.remittance_mismatch"
_REMITTANCE_LATE = "audit.dues.remittance_late"
_DEPOSITS = "audit.dues.deposits_mismatch"
_NO_DECISION = "audit.fund.no_resident_decision"
_NO_QUORUM = "audit.fund.no_quorum"
_COMPULSORY = "audit.fund.compulsory_levy"
_NOT_POSTED = "audit.fund.not_posted"
_COLLECTION_MISMATCH = "audit.fund.collection_mismatch"
_OVERSPENT = "audit.fund.overspent"
_UNAPPROVED = "audit.fund.unapproved_spending"
_NO_SETTLEMENT = "audit.fund.no_settlement"

# Dues categories, as codes into _CATEGORIES.
_CATEGORIES = (
    "salaried_insured",
    "on_insured_leave",
    "pensioner",
    "other_area_1",
    "other_area_2",
    "other_area_3",
    "other_area_4",
    "student",
    "non_insured",
    "exempt",
)
_SAL, _LEAVE, _PEN, _AREA1, _AREA2, _AREA3, _AREA4, _STU, _NON, _EXE = range(10)
_INCOME_KIND = {
    _SAL: "insurable_salary",
    _LEAVE: "allowance",
    _PEN: "pension",
    _NON: "regional_minimum_wage",
}
_EXCUSES = ("", "ốm đau", "đi công tác", "việc gia đình", "chăm người nhà ốm")
_EPOCH = _dt.date(1970, 1, 1)
_PROBATION = "membership.probation"
_MIN_CELL = "membership.cell.min_full_members"
_EXEMPT_AGE = "dues.exemption.party_age"
_PURPOSES = {
    "DUONG": "làm đường",
    "KE": "xây kè",
    "MOITRUONG": "vệ sinh môi trường",
    "NHAVANHOA": "nhà văn hoá",
}


# -- the result ------------------------------------------------------------------------------------------
@attrs.frozen
class Synthetic:
    """A generated data set: validated facts, the findings planted in them, and the period they cover.

    Attributes:
        facts: The fact tables (validated).
        planted: The findings the rules must produce, one row each (see :data:`PLANTED_SCHEMA`), sorted.
        period: The calendar year generated.
        names: Display names of the organisations, residential areas and campaigns, by id.
    """

    facts: Facts
    planted: pl.DataFrame
    period: DateRange
    names: Mapping[str, str] = attrs.field(factory=dict)

    def planted_keys(self) -> set[tuple[str, str, _dt.date]]:
        """``(rule_id, subject_id, period_start)`` of every planted finding, as ``Findings.keys()`` gives them."""
        return set(self.planted.iter_rows())

    def write_parquet(self, folder: str | Path) -> None:
        """Write the facts to ``<folder>/<table>.parquet`` (readable by :meth:`Facts.read_parquet`) and the
        planted findings and names to ``planted.parquet`` and ``names.parquet`` beside them."""
        base = Path(folder)
        self.facts.write_parquet(base)
        self.planted.write_parquet(base / "planted.parquet")
        pl.DataFrame(
            {"id": list(self.names), "name": list(self.names.values())},
            schema={"id": pl.String, "name": pl.String},
        ).write_parquet(base / "names.parquet")


# -- small helpers ---------------------------------------------------------------------------------------
def _day(d: _dt.date) -> int:
    return (_dt.date(d.year, d.month, d.day) - _EPOCH).days


def _on(n: int | np.integer[Any]) -> _dt.date:
    return _EPOCH + _dt.timedelta(days=int(n))


def _dates(days: _A) -> pl.Series:
    return pl.Series(np.asarray(days, dtype=np.int32)).cast(pl.Date)


def _opt_dates(days: _A, present: _A) -> pl.Series:
    frame = pl.DataFrame(
        {"d": _dates(np.where(present, days, 0)), "p": np.asarray(present, dtype=bool)}
    )
    return frame.select(pl.when("p").then("d")).to_series()


def _ids(values: Sequence[str]) -> pl.Series:
    return pl.Series(values, dtype=pl.String)


def _maybe(book: Rulebook, key: str, day: _dt.date) -> object:
    """The value of ``key`` on ``day``, or None when no version is in force then."""
    try:
        return book.value(key, day)
    except NotInForce:
        return None


def _fraction(book: Rulebook, key: str, day: _dt.date) -> Fraction | None:
    value = _maybe(book, key, day)
    return value if isinstance(value, Fraction) else None


def _dong(book: Rulebook, key: str, day: _dt.date) -> int | None:
    value = _maybe(book, key, day)
    return value.dong if isinstance(value, Money) else None


def _sum_by(index: _A, values: _A, size: int) -> _A:
    out = np.zeros(size, dtype=_I64)
    np.add.at(out, index, values.astype(_I64))
    return out


def _ranks(groups: _A, keys: _A) -> _A:
    """The rank of each item within its group, ordered by ``keys`` (0 for the smallest)."""
    order = np.lexsort((keys, groups))
    sorted_groups = groups[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_groups)) + 1]
    first = np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    ranks = np.empty(len(order), dtype=_I64)
    ranks[order] = np.arange(len(order)) - first
    return ranks


def _ceil_div(a: _A | int, b: int) -> Any:
    return -((-np.asarray(a, dtype=_I64)) // b)


def _share(amount: _A, num: int, den: int, rounding: str) -> _A:
    """``amount * num / den`` in whole đồng, rounded as the rulebook says, in integers only."""
    product = amount.astype(_I64) * num
    if rounding == "half_up":
        return (2 * product + den) // (2 * den)
    if rounding == "up":
        return -((-product) // den)
    if rounding == "down":
        return product // den
    raise InvalidInput("dues.rounding", rounding, "the generator knows half_up, up and down")


def _add_duration(days: _A, duration: Duration) -> _A:
    """``days`` (days since 1970) plus ``duration`` (calendar units), month ends clamped."""
    if duration.unit is TimeUnit.CALENDAR_DAYS:
        return days + duration.amount
    if duration.unit in (TimeUnit.MONTHS, TimeUnit.YEARS):
        months = duration.amount * (12 if duration.unit is TimeUnit.YEARS else 1)
        d = days.astype("datetime64[D]")
        m = d.astype("datetime64[M]")
        offset = (d - m.astype("datetime64[D]")).astype(_I64)
        target = m + months
        length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(
            _I64
        )
        return np.asarray(
            target.astype("datetime64[D]").astype(_I64) + np.minimum(offset, length - 1)
        )
    raise InvalidInput(
        "duration", str(duration), "the generator adds calendar days, months or years"
    )


# -- the shape of what is generated ------------------------------------------------------------------------
@attrs.frozen
class _Plan:
    """The organisations and their sizes; everything else is drawn from them."""

    province: str
    districts: tuple[str, ...]
    wards: tuple[str, ...]
    ward_district: _A  # index into districts, or -1 when the ward sits under the province
    ward_area_class: _A  # 1..4: the HD 03 area of the ward's "other" members
    cells: tuple[str, ...]
    cell_ward: _A
    cell_neighbourhood: _A
    cell_sizes: _A
    areas: tuple[str, ...]  # one residential area per neighbourhood cell
    area_cell: _A
    area_households: _A
    area_purpose: tuple[str, ...]
    member_prefix: str
    campaign_total: int | None
    names: Mapping[str, str]
    leave_rate: float = 0.008  # members who leave during the year (death, moving away)


@attrs.frozen
class _Rates:
    member: float
    org: float


@attrs.frozen
class _Year:
    """The calendar of the year, in days since 1970."""

    year: int
    period: DateRange
    month_start: _A  # 13 days: the 12 month starts and the next year's first day
    start: int
    end: int
    last_day: _dt.date

    @classmethod
    def of(cls, year: int) -> _Year:
        starts = [_day(_dt.date(year, m, 1)) for m in range(1, 13)] + [
            _day(_dt.date(year + 1, 1, 1))
        ]
        return cls(
            year,
            DateRange.year(year),
            np.array(starts, dtype=_I64),
            starts[0],
            starts[12],
            _dt.date(year, 12, 31),
        )

    def month(self, m: int) -> _dt.date:
        return _on(self.month_start[m])


# -- planning a province -------------------------------------------------------------------------------------
def _province_plan(
    rng: np.random.Generator,
    members: int,
    wards: int,
    cells_per_ward: int,
    min_members: int,
    with_districts: bool,
    province: str = "T01",
) -> _Plan:
    n_districts = max(1, round(wards / 8)) if with_districts else 0
    districts = tuple(f"{province}-H{d + 1:02d}" for d in range(n_districts))
    ward_ids = tuple(f"{province}-P{w + 1:03d}" for w in range(wards))
    ward_district = (
        np.minimum(np.arange(wards) * n_districts // wards, n_districts - 1)
        if n_districts
        else np.full(wards, -1)
    ).astype(_I64)
    district_class = rng.choice(
        np.array([1, 2, 3, 4]), size=max(n_districts, 1), p=[0.05, 0.45, 0.40, 0.10]
    )
    ward_class = (
        district_class[ward_district]
        if n_districts
        else rng.choice(np.array([1, 2, 3, 4]), size=wards, p=[0.05, 0.45, 0.40, 0.10])
    ).astype(_I64)
    cell_ward = np.repeat(np.arange(wards), cells_per_ward).astype(_I64)
    position = np.tile(np.arange(cells_per_ward), wards)
    neighbourhood_count = max(1, round(cells_per_ward * 0.55))
    neighbourhood = position < neighbourhood_count
    cells = tuple(f"{ward_ids[w]}-CB{k + 1:02d}" for w, k in zip(cell_ward, position, strict=True))
    weights = rng.gamma(3.0, 1.0, size=len(cells)) * np.where(neighbourhood, 1.6, 0.6)
    sizes = np.full(len(cells), min_members, dtype=_I64) + rng.multinomial(
        members - min_members * len(cells), weights / weights.sum()
    )
    area_cell = np.flatnonzero(neighbourhood).astype(_I64)
    areas = tuple(f"{ward_ids[cell_ward[c]]}-KP{position[c] + 1:02d}" for c in area_cell)
    households = rng.integers(120, 420, size=len(areas)).astype(_I64)
    purposes = tuple(
        rng.choice(np.array(["DUONG", "KE", "MOITRUONG", "NHAVANHOA"]), size=len(areas)).tolist()
    )
    names: dict[str, str] = {province: f"Đảng bộ tỉnh {province}"}
    names.update({d: f"Đảng bộ huyện {i + 1:02d}" for i, d in enumerate(districts)})
    names.update({w: f"Đảng bộ phường {i + 1:03d}" for i, w in enumerate(ward_ids)})
    for c, cid in enumerate(cells):
        kind = "khu phố" if neighbourhood[c] else "cơ quan"
        names[cid] = f"Chi bộ {kind} {position[c] + 1:02d}, phường {cell_ward[c] + 1:03d}"
    names.update({a: f"Khu phố {i + 1}" for i, a in enumerate(areas)})
    return _Plan(
        province=province,
        districts=districts,
        wards=ward_ids,
        ward_district=ward_district,
        ward_area_class=ward_class,
        cells=cells,
        cell_ward=cell_ward,
        cell_neighbourhood=neighbourhood,
        cell_sizes=sizes,
        areas=areas,
        area_cell=area_cell,
        area_households=households,
        area_purpose=purposes,
        member_prefix=f"{province}-DV",
        campaign_total=None,
        names=names,
    )


# Hà Lầm, 2018 (Báo Quảng Ninh, 10/01/2019): 11 cells of which 6 neighbourhood cells, 430 members; nearly
# 1 billion đồng raised in 2018 for roads, embankments and environmental works; 29 poor and near-poor
# households were 1 % of all households (so about 2,900 households).
_HA_LAM_CELLS = (
    ("HA_LAM-CB-KHU1", True, 61, "Chi bộ khu 1"),
    ("HA_LAM-CB-KHU2", True, 57, "Chi bộ khu 2"),
    ("HA_LAM-CB-KHU3", True, 63, "Chi bộ khu 3"),
    ("HA_LAM-CB-KHU4", True, 55, "Chi bộ khu 4"),
    ("HA_LAM-CB-KHU5", True, 52, "Chi bộ khu 5"),
    ("HA_LAM-CB-KHU6", True, 54, "Chi bộ khu 6"),
    ("HA_LAM-CB-UBND", False, 31, "Chi bộ cơ quan UBND phường"),
    ("HA_LAM-CB-CONGAN", False, 17, "Chi bộ Công an phường"),
    ("HA_LAM-CB-QUANSU", False, 9, "Chi bộ Quân sự phường"),
    ("HA_LAM-CB-THCS", False, 16, "Chi bộ trường THCS Hà Lầm"),
    ("HA_LAM-CB-TIEUHOC", False, 15, "Chi bộ trường Tiểu học Hà Lầm"),
)
_HA_LAM_AREAS = (  # area, households, what the campaign built
    ("HA_LAM-KHU1", 512, "DUONG", "Khu 1"),
    ("HA_LAM-KHU2", 468, "KE", "Khu 2"),
    ("HA_LAM-KHU3", 531, "DUONG", "Khu 3"),
    ("HA_LAM-KHU4", 447, "MOITRUONG", "Khu 4"),
    ("HA_LAM-KHU5", 462, "KE", "Khu 5"),
    ("HA_LAM-KHU6", 480, "DUONG", "Khu 6"),
)
_HA_LAM_RAISED = 962_000_000  # "gần 1 tỷ đồng": what the contributions are scaled to


_LEVELS = ("excellent", "good", "completed", "not_completed")
_LEVEL_SHARES = (0.15, 0.66, 0.16, 0.03)  # what cells propose, before caps and the quota


def _assessments(
    rng: np.random.Generator, book: Rulebook, y: _Year, member_ids: pl.Series, rated: _A
) -> dict[str, pl.DataFrame]:
    """Each member on the roll at the year's end proposes a level (the criteria schemes) and is scored out of
    100 (the points scheme); the rulebook in force picks which one the rating reads. The points fall in the
    band of the proposed level, the bands read from the rulebook when its points scheme is in force."""
    idx = np.flatnonzero(rated)
    n = len(idx)
    level = rng.choice(len(_LEVELS), size=n, p=_LEVEL_SHARES)
    bands = [_maybe(book, f"rating.score.{k}_min", y.last_day) for k in _LEVELS[:3]]
    if all(isinstance(b, int) for b in bands):
        low = np.array([*bands, 0], dtype=_I64)  # excellent, good, completed, then below completed
        high = np.array([100, bands[0] - 1, bands[1] - 1, bands[2] - 1], dtype=_I64)  # type: ignore[operator]
    else:  # no points scheme that year: the scores are not read
        low, high = np.zeros(4, dtype=_I64), np.full(4, 100, dtype=_I64)
    appraised = low[level] + (rng.random(n) * (high[level] - low[level] + 1)).astype(_I64)
    self_score = np.minimum(100, appraised + rng.integers(0, 4, size=n))
    ids = member_ids.gather(idx)
    return {
        "rating_proposals": pl.DataFrame(
            {"subject_id": ids, "year": np.full(n, y.year), "level": _ids(_LEVELS).gather(level)}
        ),
        "scores": pl.DataFrame(
            {
                "subject_id": ids,
                "year": np.full(n, y.year),
                "criterion": np.full(n, "total"),
                "max_points": np.full(n, 100),
                "self_score": self_score,
                "appraised_score": appraised,
            }
        ),
    }


def _ha_lam_plan() -> _Plan:
    names = {
        "QUANG_NINH": "Đảng bộ tỉnh Quảng Ninh",
        "HA_LONG": "Đảng bộ thành phố Hạ Long",
        "HA_LAM": "Đảng bộ phường Hà Lầm",
    }
    names.update({c[0]: c[3] for c in _HA_LAM_CELLS})
    names.update({a[0]: a[3] for a in _HA_LAM_AREAS})
    return _Plan(
        province="QUANG_NINH",
        districts=("HA_LONG",),
        wards=("HA_LAM",),
        ward_district=np.zeros(1, dtype=_I64),
        ward_area_class=np.array([2], dtype=_I64),  # Hạ Long: a type I city, HD 03 area 2
        cells=tuple(c[0] for c in _HA_LAM_CELLS),
        cell_ward=np.zeros(len(_HA_LAM_CELLS), dtype=_I64),
        cell_neighbourhood=np.array([c[1] for c in _HA_LAM_CELLS]),
        cell_sizes=np.array([c[2] for c in _HA_LAM_CELLS], dtype=_I64),
        areas=tuple(a[0] for a in _HA_LAM_AREAS),
        area_cell=np.arange(6, dtype=_I64),
        area_households=np.array([a[1] for a in _HA_LAM_AREAS], dtype=_I64),
        area_purpose=tuple(a[2] for a in _HA_LAM_AREAS),
        member_prefix="HA_LAM-DV",
        campaign_total=_HA_LAM_RAISED,
        names=names,
        # the article counts 430 members on the roll: nobody is made to leave during the year
        leave_rate=0.0,
    )


# -- the builder ---------------------------------------------------------------------------------------------
class _Truth:
    """The planted findings, collected as they are planted."""

    def __init__(self) -> None:
        self.frames: list[pl.DataFrame] = []

    def add(
        self,
        rule_id: str,
        subjects: pl.Series | Sequence[str],
        period_start: _dt.date | pl.Series,
    ) -> None:
        ids = subjects if isinstance(subjects, pl.Series) else _ids(list(subjects))
        starts = (
            period_start
            if isinstance(period_start, pl.Series)
            else pl.Series([period_start] * len(ids), dtype=pl.Date)
        )
        if len(ids):
            self.frames.append(
                pl.DataFrame(
                    {
                        "rule_id": pl.Series([rule_id] * len(ids), dtype=pl.String),
                        "subject_id": ids.cast(pl.String),
                        "period_start": starts,
                    }
                )
            )

    def frame(self) -> pl.DataFrame:
        if not self.frames:
            return pl.DataFrame(schema=dict(PLANTED_SCHEMA))
        return pl.concat(self.frames).unique().sort("rule_id", "subject_id", "period_start")


def _build(
    rng: np.random.Generator, plan: _Plan, book: Rulebook, year: int, rates: _Rates
) -> Synthetic:
    y = _Year.of(year)
    truth = _Truth()
    frames: dict[str, pl.DataFrame] = {"orgs": _orgs(plan)}
    people = _members(rng, plan, book, y)
    frames.update(people.frames)
    month_ids = _ids([f"{m + 1:02d}" for m in range(12)])
    month_dates = _dates(y.month_start[:12])
    member_ids = people.ids

    # meetings and attendance
    n_cells = len(plan.cells)
    held = y.month_start[:12][None, :] + rng.integers(3, 25, size=(n_cells, 12))
    meeting_ids = _ids([f"{c}-SH{year}{m + 1:02d}" for c in plan.cells for m in range(12)])
    thematic = np.tile(np.arange(12) % 3 == 2, n_cells)
    frames["meetings"] = pl.DataFrame(
        {
            "meeting_id": meeting_ids,
            "cell_id": _ids(plan.cells).gather(np.repeat(np.arange(n_cells), 12)),
            "held_on": _dates(held.ravel()),
            "kind": np.where(thematic, "regular_and_thematic", "regular"),
            "duration_minutes": np.where(thematic, 150, 90)
            + rng.integers(0, 46, size=n_cells * 12),
        }
    )
    roll = people.roll  # (members, 12): the cell on the member's roll at the month's end, or -1
    on_roll = roll >= 0
    cell_or_0 = np.where(on_roll, roll, 0)
    held_for = held[cell_or_0, np.arange(12)[None, :]]
    attends = on_roll & (held_for >= people.admitted[:, None])
    three = _three_month_rule(book, y)
    absent = _plant_months(rng, attends, rates.member, three[0])
    present = attends & ~absent & (rng.random(attends.shape) < 0.93)
    excused = attends & ~absent & ~present
    mi, mm = np.nonzero(attends)
    reason = np.where(excused[mi, mm], rng.integers(1, len(_EXCUSES), size=len(mi)), 0)
    frames["attendance"] = pl.DataFrame(
        {
            "meeting_id": meeting_ids.gather(roll[mi, mm] * 12 + mm),
            "member_id": member_ids.gather(mi),
            "present": present[mi, mm],
            "excused": excused[mi, mm],
            "excuse_reason": _ids(_EXCUSES).gather(reason),
        }
    )
    ai, am = np.nonzero(absent)
    truth.add(_ABSENCE, member_ids.gather(ai), month_dates.gather(am))

    # dues: what each member owes each month, from the rulebook's values, in integers
    due = _dues_due(book, y, people)
    owes = on_roll & (due > 0)
    short = _plant_months(rng, owes, rates.member, three[0])
    unpaid = short & (rng.random(short.shape) < 0.5)
    extra = people.pays_extra[:, None] & owes  # some pay a round sum above what is due
    step = np.where(people.flat_payer, 5_000, 1_000)[:, None]
    cut = rng.integers(40, 91, size=due.shape)
    underpaid = np.minimum(
        due * cut // 10_000 * 100, due - 1
    )  # a share of what is due, in hundreds
    unpaid |= short & (underpaid <= 0)
    paid_amount = np.where(short, underpaid, np.where(extra, due + (-due) % step, due))
    pays = owes & ~unpaid
    pi, pm = np.nonzero(pays)
    paid_on = np.maximum(held_for[pi, pm], people.admitted[pi])
    pay_cell = roll[pi, pm]
    amounts = paid_amount[pi, pm].astype(_I64)
    receipts = pl.concat_str(
        [pl.lit(f"BL{year}-"), member_ids.gather(pi), pl.lit("-"), month_ids.gather(pm)]
    )
    receipt_ids = pl.select(receipts.alias("r")).to_series()
    frames["dues_payments"] = pl.DataFrame(
        {
            "receipt_no": receipt_ids,
            "member_id": member_ids.gather(pi),
            "month": month_dates.gather(pm),
            "amount": amounts,
            "paid_on": _dates(paid_on),
        }
    )
    si, sm = np.nonzero(short)
    truth.add(_UNDERPAID, member_ids.gather(si), month_dates.gather(sm))
    _three_month_truth(truth, three, absent, short, member_ids, y)

    # tasks
    frames["tasks"] = _tasks(rng, book, y, people, plan, rates, truth)

    # ledgers, remittances, deposits
    ledgers = _Ledgers(rng, book, y, plan, rates, truth)
    ledgers.cells(pay_cell, pm, paid_on, amounts, receipt_ids, member_ids.gather(pi))
    ledgers.wards()
    frames.update(ledgers.frames())

    # residents' fund campaigns
    frames.update(_campaigns(rng, book, y, plan, rates, truth))

    # the members' self-assessment for the year's rating, drawn last so the draws above stay the same
    frames.update(_assessments(rng, book, y, member_ids, roll[:, 11] >= 0))

    facts = Facts.from_frames(frames)
    names = dict(plan.names)
    for area, purpose in zip(plan.areas, plan.area_purpose, strict=True):
        names[f"{area}-{purpose}{year}"] = (
            f"Quỹ {_PURPOSES.get(purpose, purpose)}, {names.get(area, area)}, {year}"
        )
    return Synthetic(facts, truth.frame(), y.period, names)


def _orgs(plan: _Plan) -> pl.DataFrame:
    ids = [plan.province, *plan.districts, *plan.wards, *plan.cells]
    parents: list[str | None] = [None, *([plan.province] * len(plan.districts))]
    parents += [plan.districts[d] if d >= 0 else plan.province for d in plan.ward_district]
    parents += [plan.wards[w] for w in plan.cell_ward]
    levels = [
        "province",
        *(["district"] * len(plan.districts)),
        *(["grassroots"] * len(plan.wards)),
    ]
    levels += ["cell"] * len(plan.cells)
    kinds = [
        "party_organisation",
        *(["party_organisation"] * len(plan.districts)),
        *(["ward"] * len(plan.wards)),
    ]
    kinds += ["neighbourhood_cell" if n else "agency_cell" for n in plan.cell_neighbourhood]
    return pl.DataFrame(
        {"org_id": ids, "parent_id": parents, "level": levels, "kind": kinds},
        schema={"org_id": pl.String, "parent_id": pl.String, "level": pl.String, "kind": pl.String},
    )


# -- members ---------------------------------------------------------------------------------------------------
@attrs.frozen
class _People:
    ids: pl.Series
    category: _A
    admitted: _A
    roll: _A  # (members, 12) cell index on the roll at the month's end, or -1
    base: (
        _A  # (members, 13) income base of the month before the year and of each month; 0 when none
    )
    pays_extra: _A
    flat_payer: _A
    first_cell: _A
    frames: Mapping[str, pl.DataFrame]


def _mix(uses_uninsured_rate: bool, area_class: _A, neighbourhood: _A, u: _A) -> _A:
    """Dues categories: neighbourhood cells are mostly pensioners and others, agency cells mostly salaried."""
    other = np.where(uses_uninsured_rate, _NON, _AREA1 - 1 + area_class)
    #                     salaried leave  pension other student exempt
    nb = np.cumsum([0.115, 0.005, 0.50, 0.245, 0.01, 0.125])
    ag = np.cumsum([0.895, 0.03, 0.015, 0.02, 0.04, 0.0])
    edges = np.where(neighbourhood[:, None], nb[None, :], ag[None, :])
    slot = (u[:, None] >= edges).sum(axis=1)
    slot = np.minimum(slot, 5)
    table = np.stack(
        [
            np.full_like(other, _SAL),
            np.full_like(other, _LEAVE),
            np.full_like(other, _PEN),
            other,
            np.full_like(other, _STU),
            np.full_like(other, _EXE),
        ],
        axis=1,
    )
    return np.asarray(table[np.arange(len(u)), slot])


def _members(rng: np.random.Generator, plan: _Plan, book: Rulebook, y: _Year) -> _People:
    n = int(plan.cell_sizes.sum())
    n_cells = len(plan.cells)
    cell = np.repeat(np.arange(n_cells), plan.cell_sizes).astype(_I64)
    width = max(4, len(str(n)))
    ids = pl.select(
        pl.concat_str(
            [pl.lit(plan.member_prefix), pl.int_range(1, n + 1).cast(pl.String).str.zfill(width)]
        )
    ).to_series()
    uses_uninsured_rate = any(
        _fraction(book, K.DUES_UNINSURED, y.month(m)) is not None for m in range(12)
    )
    ward = plan.cell_ward[cell]
    category = _mix(
        uses_uninsured_rate,
        plan.ward_area_class[ward],
        plan.cell_neighbourhood[cell],
        rng.random(n),
    )
    # ages on 1 January, by category; "others" of working age (HD 03 halves the amount beyond it, QĐ 01 has
    # a lower rate past retirement age: neither is generated)
    low = np.array([23, 24, 58, 25, 25, 25, 25, 19, 25, 80])[category]
    high = np.array([59, 40, 90, 54, 54, 54, 54, 23, 54, 97])[category]
    age_days = (rng.integers(low, high + 1) * 365.25 + rng.integers(0, 365, size=n)).astype(_I64)
    birth = y.start - age_days
    room = np.clip(age_days - 18 * 365.25 - 30, 0, 22 * 365.25)
    join_age = (18 * 365.25 + rng.random(n) * room).astype(_I64)
    join_age = np.where(
        category == _EXE, (18 * 365.25 + rng.random(n) * 6 * 365.25).astype(_I64), join_age
    )
    admitted = birth + join_age
    # a few admitted during the year (the young and working)
    newcomer = (rng.random(n) < 0.015) & np.isin(
        category, [_SAL, _STU, _AREA1, _AREA2, _AREA3, _AREA4, _NON]
    )
    admitted = np.where(newcomer, y.start + rng.integers(0, 300, size=n), admitted)
    probation = book.value(_PROBATION, y.last_day)
    if not isinstance(probation, Duration):
        raise InvalidInput("membership.probation", probation, "expected a duration")
    probation_ends = _add_duration(admitted, probation)
    full_on = probation_ends + rng.integers(0, 31, size=n)
    is_full = full_on < y.end
    # some leave during the year (death, moving away), some transfer to another cell at a month's start
    settled = ~newcomer & is_full & (full_on < y.start)
    leaves = settled & (rng.random(n) < plan.leave_rate)
    left_on = y.start + rng.integers(31, 365, size=n)
    moves = settled & ~leaves & (rng.random(n) < 0.01) & (n_cells > 1)
    move_month = rng.integers(1, 12, size=n)
    same_ward = _same_ward_cell(rng, plan, cell)
    new_cell = np.where(
        same_ward >= 0,
        same_ward,
        (cell + 1 + rng.integers(0, max(n_cells - 1, 1), size=n)) % n_cells,
    )
    since = np.where(
        newcomer, admitted, np.maximum(admitted, y.start - rng.integers(1, 3650, size=n))
    )
    month_end = y.month_start[1:] - 1
    end1 = np.where(moves, y.month_start[move_month], np.where(leaves, left_on, np.iinfo(_I64).max))
    first = (since[:, None] <= month_end[None, :]) & (month_end[None, :] < end1[:, None])
    second = moves[:, None] & (y.month_start[move_month][:, None] <= month_end[None, :])
    roll = np.where(first, cell[:, None], np.where(second, new_cell[:, None], -1)).astype(_I64)

    # income bases: insurable salaries, allowances and pensions (raised in July), regional minimum wages
    prev_needed = any(
        str(_maybe(book, K.DUES_BASE_MONTH, y.month(m))) == "previous" for m in range(12)
    )
    level = 5_000_000 * 1.06 ** (y.year - 2014)
    raw = np.select(
        [category == _SAL, category == _LEAVE, category == _PEN],
        [
            rng.lognormal(np.log(level), 0.35, size=n),
            rng.lognormal(np.log(level * 0.75), 0.3, size=n),
            rng.lognormal(np.log(level * 0.7), 0.4, size=n),
        ],
        default=0.0,
    )
    raw = np.clip(raw, 0, 60_000_000)
    minimum_wage = (
        np.array([0, 1.0, 0.89, 0.78, 0.70])[plan.ward_area_class[ward]]
        * 4_960_000
        * 1.07 ** (y.year - 2025)
    )
    raw = np.where(category == _NON, np.round(minimum_wage / 10_000) * 10_000, raw)
    month_of_column = np.arange(-1, 12)  # column 0 is December of the year before
    raised = np.where((month_of_column >= 6)[None, :] & (category != _NON)[:, None], 1.07, 1.0)
    base = (np.round(raw[:, None] * raised / 200) * 200).astype(_I64)
    base = np.where(np.isin(category, list(_INCOME_KIND))[:, None], base, 0)
    columns = tuple(range(0 if prev_needed else 1, 13))
    bi, bc = np.nonzero(base[:, list(columns)] > 0)
    bc = np.asarray(columns)[bc]
    month_days = np.r_[_day(_dt.date(y.year - 1, 12, 1)), y.month_start[:12]]
    kinds = np.array([_INCOME_KIND.get(c, "") for c in range(len(_CATEGORIES))])
    income = pl.DataFrame(
        {
            "member_id": ids.gather(bi),
            "month": _dates(month_days[bc]),
            "kind": kinds[category[bi]],
            "amount": base[bi, bc],
        }
    )
    members = pl.DataFrame(
        {
            "member_id": ids,
            "admitted_on": _dates(admitted),
            "probation_ends_on": _dates(probation_ends),
            "full_member_on": _opt_dates(full_on, is_full),
            "dues_category": np.array(_CATEGORIES)[category],
            "birth_date": _dates(birth),
            "left_on": _opt_dates(left_on, leaves),
        }
    )
    memberships = pl.concat(
        [
            pl.DataFrame(
                {
                    "member_id": ids,
                    "cell_id": _ids(plan.cells).gather(cell),
                    "start": _dates(since),
                    "end": _opt_dates(end1, moves | leaves),
                }
            ),
            pl.DataFrame(
                {
                    "member_id": ids.filter(pl.Series(moves)),
                    "cell_id": _ids(plan.cells).gather(new_cell[moves]),
                    "start": _dates(y.month_start[move_month[moves]]),
                    "end": pl.Series([None] * int(moves.sum()), dtype=pl.Date),
                }
            ),
        ]
    )
    flat_payer = np.isin(category, [_AREA1, _AREA2, _AREA3, _AREA4, _STU])
    pays_extra = (rng.random(n) < 0.08) & (category != _EXE)
    return _People(
        ids,
        category,
        admitted,
        roll,
        base,
        pays_extra,
        flat_payer,
        cell,
        {"members": members, "cell_memberships": memberships, "income_bases": income},
    )


def _same_ward_cell(rng: np.random.Generator, plan: _Plan, cell: _A) -> _A:
    """Another cell of the same ward for each member, or -1 when the ward has one cell."""
    ward = plan.cell_ward[cell]
    counts = np.bincount(plan.cell_ward, minlength=len(plan.wards))
    first = np.r_[0, np.cumsum(counts)[:-1]]
    size = counts[ward]
    offset = cell - first[ward]
    pick = (offset + 1 + rng.integers(0, np.maximum(size - 1, 1))) % np.maximum(size, 1)
    return np.where(size > 1, first[ward] + pick, -1).astype(_I64)


def _dues_due(book: Rulebook, y: _Year, people: _People) -> _A:
    """What each member owes each month: the generator's own reading of the rulebook's values."""
    n = len(people.category)
    due = np.zeros((n, 12), dtype=_I64)
    for m in range(12):
        day = y.month(m)
        rounding = str(book.value(K.DUES_ROUNDING, day))
        column = m if str(book.value(K.DUES_BASE_MONTH, day)) == "previous" else m + 1
        rng_value = _maybe(book, K.DUES_OTHER_RANGE, day)
        floor = (
            rng_value.low.dong
            if isinstance(rng_value, Range) and isinstance(rng_value.low, Money)
            else None
        )
        salary = _fraction(book, K.DUES_SALARY, day)
        rates: dict[int, Fraction | None] = {
            _SAL: salary,
            _LEAVE: _fraction(book, K.DUES_LEAVE, day) or salary,
            _PEN: _fraction(book, K.DUES_PENSION, day),
            _NON: _fraction(book, K.DUES_UNINSURED, day),
        }
        flats: dict[int, int | None] = {
            _AREA1: _dong(book, K.DUES_FLAT_1, day),
            _AREA2: _dong(book, K.DUES_FLAT_2, day),
            _AREA3: _dong(book, K.DUES_FLAT_3, day),
            _AREA4: _dong(book, K.DUES_FLAT_4, day),
            _STU: _dong(book, K.DUES_STUDENT, day),
            _EXE: 0,
        }
        base = people.base[:, column]
        for code in range(len(_CATEGORIES)):
            members = people.category == code
            if not members.any():
                continue
            rate = rates.get(code)
            if rate is not None:
                due[members, m] = _share(base[members], rate.numerator, rate.denominator, rounding)
                continue
            flat = flats.get(code)
            amount = (
                flat if flat is not None else floor
            )  # a category without its own amount: the range's low end
            if amount is None:
                raise InvalidInput(
                    "year", y.year, f"no dues amount for {_CATEGORIES[code]} on {day}"
                )
            due[members, m] = amount
        # QĐ 01 exempts long-standing members from the month their party age reaches the threshold
        exemption = _maybe(book, _EXEMPT_AGE, day)
        if isinstance(exemption, Duration):
            due[_add_duration(people.admitted, exemption) < y.month_start[m + 1], m] = 0
    return due


def _three_month_rule(book: Rulebook, y: _Year) -> tuple[int, str]:
    months = _maybe(book, K.THREE_MONTH_MONTHS, y.last_day)
    counting = _maybe(book, K.THREE_MONTH_COUNTING, y.last_day)
    return (int(months) if isinstance(months, int) else 13, str(counting))


def _plant_months(rng: np.random.Generator, eligible: _A, rate: float, months: int) -> _A:
    """Member-months to break: each eligible one with ``rate``, and for ``rate`` of the members ``months``
    of them at once (a three-month case)."""
    chosen = eligible & (rng.random(eligible.shape) < rate)
    n = eligible.shape[0]
    whole = (rng.random(n) < rate) & (eligible.sum(axis=1) >= months)
    keys = np.where(eligible, rng.random(eligible.shape), 2.0)
    rank = np.argsort(np.argsort(keys, axis=1), axis=1)
    return np.asarray(chosen | (whole[:, None] & (rank < months) & eligible))


def _three_month_truth(
    truth: _Truth, rule: tuple[int, str], absent: _A, short: _A, ids: pl.Series, y: _Year
) -> None:
    months, counting = rule
    if counting == "combined":
        hit = (absent | short).sum(axis=1) >= months
    else:
        hit = (absent.sum(axis=1) >= months) | (short.sum(axis=1) >= months)
    truth.add(_THREE_MONTHS, ids.filter(pl.Series(hit)), y.month(0))


# -- tasks -----------------------------------------------------------------------------------------------------
def _tasks(
    rng: np.random.Generator,
    book: Rulebook,
    y: _Year,
    people: _People,
    plan: _Plan,
    rates: _Rates,
    truth: _Truth,
) -> pl.DataFrame:
    on_roll = people.roll >= 0
    months = on_roll.sum(axis=1)
    active = months > 0
    first_month = np.argmax(on_roll, axis=1)
    last_month = 11 - np.argmax(on_roll[:, ::-1], axis=1)
    window_start = np.maximum(y.month_start[first_month], people.admitted)
    window_end = y.month_start[last_month + 1] - 1  # the last day of the last month on the roll
    count = np.where(
        active, np.maximum(1, np.round(rng.integers(4, 9, size=len(months)) * months / 12)), 0
    )
    count = count.astype(_I64)
    owner = np.repeat(np.arange(len(count)), count)
    span = np.maximum(window_end - window_start, 0)
    due_on = window_start[owner] + (rng.random(len(owner)) * (span[owner] + 1)).astype(_I64)
    assigned_on = np.maximum(due_on - rng.integers(14, 61, size=len(owner)), people.admitted[owner])
    rank = _ranks(owner, rng.random(len(owner)))
    exceeding = _fraction(book, K.TASKS_EXCEEDED_MIN, y.last_day)
    if exceeding is None:  # the task rules are not in force: realistic records
        on_time = rng.random(len(owner)) < 0.93
        done = on_time | (rng.random(len(owner)) < 0.7)
        exceeded = done & (rng.random(len(owner)) < 0.25)
    else:
        need = _ceil_div(count * exceeding.numerator, exceeding.denominator)
        late = active & (rng.random(len(count)) < rates.member) & (count - 1 >= need)
        few = active & (rng.random(len(count)) < rates.member) & (need >= 1)
        top = np.maximum(count - late, 0)
        clean_count = need + (rng.random(len(count)) * (top - need + 1)).astype(_I64)
        few_count = (rng.random(len(count)) * need).astype(_I64)
        exceeded_count = np.where(few, few_count, clean_count)
        is_late = late[owner] & (rank == count[owner] - 1)
        on_time = ~is_late
        done = on_time | (rng.random(len(owner)) < 0.6)
        exceeded = (rank < exceeded_count[owner]) & on_time
        truth.add(_TASKS_LATE, people.ids.filter(pl.Series(late)), y.month(0))
        truth.add(_TASKS_FEW_EXCEEDED, people.ids.filter(pl.Series(few)), y.month(0))
    done_on = np.where(
        on_time,
        np.maximum(due_on - rng.integers(0, 11, size=len(owner)), assigned_on),
        due_on + rng.integers(1, 21, size=len(owner)),
    )
    numbers = pl.Series(rank + 1).cast(pl.String)
    return pl.DataFrame(
        {
            "task_id": pl.select(
                pl.concat_str([people.ids.gather(owner), pl.lit(f"-NV{y.year}-"), pl.lit(numbers)])
            ).to_series(),
            "assignee_id": people.ids.gather(owner),
            "assigned_by": _ids(plan.cells).gather(people.first_cell[owner]),
            "assigned_on": _dates(assigned_on),
            "due_on": _dates(due_on),
            "done_on": _opt_dates(done_on, done),
            "exceeded": exceeded,
        }
    )


# -- dues ledgers ------------------------------------------------------------------------------------------------
_ENTRY_SCHEMA = {
    "org_id": pl.String,
    "period_start": pl.Date,
    "entry_no": pl.String,
    "on": pl.Date,
    "kind": pl.String,
    "amount": pl.Int64,
    "ref": pl.String,
    "member_id": pl.String,
}


class _Ledgers:
    """Cell and ward ledgers with their entries, remittances and deposits, and what was planted in them."""

    def __init__(
        self,
        rng: np.random.Generator,
        book: Rulebook,
        y: _Year,
        plan: _Plan,
        rates: _Rates,
        truth: _Truth,
    ) -> None:
        self.rng = rng
        self.book = book
        self.y = y
        self.plan = plan
        self.rates = rates
        self.truth = truth
        self.start = y.month(0)
        grace = _maybe(book, K.REMITTANCE_DUE, self.start)
        self.grace = grace.amount if isinstance(grace, Duration) else None
        self.ledgers: list[dict[str, object]] = []
        self.entries: list[pl.DataFrame] = []
        self.remittances: list[dict[str, object]] = []
        self.deposits: list[dict[str, object]] = []
        # what the cells sent their wards: (ward, amount, remittance id, day sent)
        self.cell_sent: list[tuple[int, int, str, int]] = []

    def _plant(self, n: int) -> _A:
        return self.rng.random(n) < self.rates.org

    def cells(
        self, cell: _A, month: _A, paid_on: _A, amount: _A, receipts: pl.Series, members: pl.Series
    ) -> None:
        plan, rng = self.plan, self.rng
        n = len(plan.cells)
        # the collected entries: one per payment, except one payment a planted cell left out of its book
        unrecorded = self._plant(n)
        key = rng.random(len(cell))
        first = np.zeros(len(cell), dtype=bool)
        if len(cell):
            r = _ranks(cell, key)
            first = r == 0
        dropped = first & unrecorded[cell]
        unrecorded &= np.bincount(cell[dropped], minlength=n) > 0
        kept = ~dropped
        order = np.lexsort((key, paid_on, cell))
        order = order[kept[order]]
        e_cell = cell[order]
        entry_rank = (
            _ranks(e_cell, np.arange(len(e_cell))) if len(e_cell) else np.zeros(0, dtype=_I64)
        )
        self.entries.append(
            pl.DataFrame(
                {
                    "org_id": _ids(plan.cells).gather(e_cell),
                    "period_start": pl.Series([self.start] * len(e_cell), dtype=pl.Date),
                    "entry_no": pl.Series(entry_rank + 1).cast(pl.String).str.zfill(6),
                    "on": _dates(paid_on[order]),
                    "kind": pl.Series(["collected"] * len(e_cell), dtype=pl.String),
                    "amount": amount[order],
                    "ref": receipts.gather(order),
                    "member_id": members.gather(order),
                }
            )
        )
        recorded = _sum_by(e_cell, amount[order], n)
        by_month = np.zeros((n, 12), dtype=_I64)
        np.add.at(by_month, (e_cell, month[order]), amount[order])
        entries_in = np.bincount(e_cell, minlength=n)
        self.truth.add(_UNRECORDED, [plan.cells[c] for c in np.flatnonzero(unrecorded)], self.start)
        # what each cell keeps: inside the range in force, or (planted) outside it
        keep_range = _maybe(self.book, K.SHARE_CELL_KEEPS, self.start)
        outside = self._plant(n) & (recorded > 0) & isinstance(keep_range, Range)
        keep = self._cell_keeps(recorded, keep_range, outside)
        self.truth.add(_CELL_SHARE, [plan.cells[c] for c in np.flatnonzero(outside)], self.start)
        remitted = recorded - keep
        quarters = by_month.reshape(n, 4, 3).sum(axis=2)
        ward_of = [plan.wards[w] for w in plan.cell_ward]
        deposits = (rng.random(n) < np.where(plan.cell_neighbourhood, 0.2, 0.6)) & (recorded > 0)
        bad_deposit = self._plant(n) & deposits
        for c in range(n):
            self._book(
                plan.cells[c],
                int(recorded[c]),
                int(remitted[c]),
                quarters[c],
                [ward_of[c]] * 4,
                int(entries_in[c]),
                ward=int(plan.cell_ward[c]),
            )
            if deposits[c]:
                self._deposit(plan.cells[c], by_month[c], bool(bad_deposit[c]))
        self.truth.add(_DEPOSITS, [plan.cells[c] for c in np.flatnonzero(bad_deposit)], self.start)

    def _cell_keeps(self, collected: _A, keep_range: object, outside: _A) -> _A:
        rng = self.rng
        if not isinstance(keep_range, Range):
            return collected * 3 // 10
        lo, hi = Fraction(keep_range.low), Fraction(keep_range.high)
        lowest = _ceil_div(collected * lo.numerator, lo.denominator)
        highest = collected * hi.numerator // hi.denominator
        # many cells keep exactly the low end; the others somewhere inside the range
        share = np.where(rng.random(len(collected)) < 0.5, 0.0, rng.random(len(collected)))
        keep = lowest + (share * np.maximum(highest - lowest, 0)).astype(_I64)
        keep = np.clip(keep, lowest, np.maximum(highest, lowest))
        below = rng.random(len(collected)) < 0.5
        low_keep = (
            collected
            * lo.numerator
            * rng.integers(20, 80, size=len(collected))
            // (100 * lo.denominator)
        )
        low_keep = np.minimum(low_keep, lowest - 1)
        high_keep = (
            highest + 1 + (rng.random(len(collected)) * (collected - highest - 1)).astype(_I64)
        )
        bad = np.where(below & (lowest > 0), low_keep, np.minimum(high_keep, collected))
        keep = np.where(outside, bad, keep)
        # the generator's own check of what it planted: outside means strictly outside, inside inside
        out = (keep * lo.denominator < collected * lo.numerator) | (
            keep * hi.denominator > collected * hi.numerator
        )
        assert bool(np.all(out[outside])) and not bool(np.any(out & ~outside & (collected > 0)))
        return np.asarray(np.maximum(keep, 0))

    def _book(
        self,
        org: str,
        collected: int,
        remitted: int,
        weights: _A,
        to_orgs: Sequence[str],
        entries_in: int,
        ward: int | None = None,
    ) -> None:
        """A ledger, its remitted entries and its remittances, planting late, mismatched and misstated ones."""
        rng, y, start = self.rng, self.y, self.start
        year_end = y.end - 1
        parts = [0, 0, 0, 0]
        total = int(weights.sum())
        if remitted > 0:
            for q in range(3):
                parts[q] = remitted * int(weights[q]) // total if total else remitted // 4
            parts[3] = remitted - sum(parts[:3])
        sent = [int(y.month_start[3 * (q + 1)] + rng.integers(4, 15)) for q in range(3)]
        grace = self.grace
        if grace is not None and grace >= 2:
            sent.append(y.end + int(rng.integers(1, grace)))
        else:
            sent.append(y.end - int(rng.integers(1, 7)))
        used = [q for q in range(4) if parts[q] > 0]
        late = False
        if used and grace is not None and self._plant(1)[0]:
            late = True
            sent[used[-1]] = y.end + grace + int(rng.integers(0, 46))
        mismatch = bool(used) and self._plant(1)[0]
        wrong = used[int(rng.integers(0, len(used)))] if mismatch else -1
        misstated = bool(used) and self._plant(1)[0]
        number = entries_in
        rows = []
        for q in used:
            rid = f"{org}-NP{y.year}-Q{q + 1}"
            booked = parts[q]
            actual = booked
            if q == wrong:
                delta = max(1, booked // 10)
                actual = booked - delta if rng.random() < 0.7 else booked + delta
            self.remittances.append(
                {
                    "remittance_id": rid,
                    "from_org": org,
                    "to_org": to_orgs[q],
                    "period_start": start,
                    "period_end": _on(y.end),
                    "amount": actual,
                    "sent_on": _on(sent[q]),
                }
            )
            if ward is not None:
                self.cell_sent.append((ward, actual, rid, sent[q]))
            number += 1
            rows.append((f"{number:06d}", _on(min(sent[q], year_end)), booked, rid))
        if misstated:  # the first remittance booked twice
            number += 1
            rows.append((f"{number:06d}", rows[0][1], rows[0][2], rows[0][3]))
        if rows:
            self.entries.append(
                pl.DataFrame(
                    {
                        "org_id": [org] * len(rows),
                        "period_start": [start] * len(rows),
                        "entry_no": [r[0] for r in rows],
                        "on": [r[1] for r in rows],
                        "kind": ["remitted"] * len(rows),
                        "amount": [r[2] for r in rows],
                        "ref": [r[3] for r in rows],
                        "member_id": [None] * len(rows),
                    },
                    schema=_ENTRY_SCHEMA,
                )
            )
        self.ledgers.append(
            {
                "org_id": org,
                "period_start": start,
                "period_end": _on(y.end),
                "collected": collected,
                "retained": collected - remitted,
                "remitted": remitted,
            }
        )
        for rule, hit in (
            (_REMITTANCE_LATE, late),
            (_REMITTANCE_MISMATCH, mismatch),
            (_TOTALS, misstated),
        ):
            if hit:
                self.truth.add(rule, [org], start)

    def _deposit(self, org: str, by_month: _A, short: bool) -> None:
        rng, y = self.rng, self.y
        months = [m for m in range(12) if by_month[m] > 0]
        wrong = months[int(rng.integers(0, len(months)))] if short else -1
        for m in months:
            amount = int(by_month[m])
            if m == wrong:
                amount -= max(1, min(amount // 5, 50_000))
            self.deposits.append(
                {
                    "deposit_id": f"{org}-GT{y.year}{m + 1:02d}",
                    "org_id": org,
                    "amount": amount,
                    "deposited_on": _on(y.month_start[m + 1] - 1 - int(rng.integers(0, 4))),
                    "account": f"{org}-TK",
                }
            )

    def wards(self) -> None:
        plan, y = self.plan, self.y
        n = len(plan.wards)
        received: list[list[tuple[int, str, int]]] = [[] for _ in range(n)]
        for ward, amount, rid, sent in self.cell_sent:
            if amount > 0:
                received[ward].append((amount, rid, sent))
        share = _fraction(self.book, K.SHARE_WARD_REMITS, self.start)
        short = self._plant(n)
        short_wards = []
        year_end = y.end - 1
        for w in range(n):
            rows = sorted(received[w], key=lambda r: (r[2], r[1]))
            collected = sum(r[0] for r in rows)
            if rows:
                self.entries.append(
                    pl.DataFrame(
                        {
                            "org_id": [plan.wards[w]] * len(rows),
                            "period_start": [self.start] * len(rows),
                            "entry_no": [f"{k + 1:06d}" for k in range(len(rows))],
                            "on": [_on(min(r[2], year_end)) for r in rows],
                            "kind": ["received"] * len(rows),
                            "amount": [r[0] for r in rows],
                            "ref": [r[1] for r in rows],
                            "member_id": [None] * len(rows),
                        },
                        schema=_ENTRY_SCHEMA,
                    )
                )
            if share is not None:
                owed = collected * share.numerator // share.denominator
                remitted = -(-owed // 1000) * 1000
                if short[w] and owed >= 2:
                    remitted = min(owed * int(self.rng.integers(30, 80)) // 100, owed - 1)
                    short_wards.append(plan.wards[w])
            else:
                remitted = collected // 10
            d = int(plan.ward_district[w])
            parent = plan.districts[d] if d >= 0 else plan.province
            # From 1 July 2025 the districts are gone: the second half of 2025 goes to the province.
            to_orgs = (
                [parent] * 4
                if y.year != 2025 or d < 0
                else [parent, parent, plan.province, plan.province]
            )
            self._book(
                plan.wards[w], collected, remitted, np.ones(4, dtype=_I64), to_orgs, len(rows)
            )
        self.truth.add(_WARD_SHORT, short_wards, self.start)

    def frames(self) -> dict[str, pl.DataFrame]:
        ledger_schema = {
            "org_id": pl.String,
            "period_start": pl.Date,
            "period_end": pl.Date,
            "collected": pl.Int64,
            "retained": pl.Int64,
            "remitted": pl.Int64,
        }
        remittance_schema = {
            "remittance_id": pl.String,
            "from_org": pl.String,
            "to_org": pl.String,
            "period_start": pl.Date,
            "period_end": pl.Date,
            "amount": pl.Int64,
            "sent_on": pl.Date,
        }
        deposit_schema = {
            "deposit_id": pl.String,
            "org_id": pl.String,
            "amount": pl.Int64,
            "deposited_on": pl.Date,
            "account": pl.String,
        }
        return {
            "ledgers": pl.DataFrame(self.ledgers, schema=ledger_schema),
            "ledger_entries": pl.concat(self.entries),
            "remittances": pl.DataFrame(self.remittances, schema=remittance_schema),
            "deposits": pl.DataFrame(self.deposits, schema=deposit_schema),
        }


# -- residents' fund campaigns --------------------------------------------------------------------------------
def _needed(total: int, share: Fraction | None, strict: bool) -> int:
    """The fewest households out of ``total`` that make the share: "more than" when strict, else "at least"
    (a simple majority when the share is not in force)."""
    if share is None:
        return total // 2 + 1
    if strict:
        return total * share.numerator // share.denominator + 1
    return -(-total * share.numerator // share.denominator)


def _campaigns(
    rng: np.random.Generator, book: Rulebook, y: _Year, plan: _Plan, rates: _Rates, truth: _Truth
) -> dict[str, pl.DataFrame]:
    n = len(plan.areas)
    start = y.month(0)
    areas = _ids(plan.areas)
    ids = _ids([f"{a}-{p}{y.year}" for a, p in zip(plan.areas, plan.area_purpose, strict=True)])
    decided = y.start + 40 + rng.integers(0, 140, size=n)  # February to June
    hh = plan.area_households
    # households: contiguous per area
    owner = np.repeat(np.arange(n), hh)
    number = _ranks(owner, np.arange(len(owner))) + 1
    household_ids = pl.select(
        pl.concat_str(
            [
                areas.gather(owner),
                pl.lit("-HO"),
                pl.lit(pl.Series(number).cast(pl.String).str.zfill(4)),
            ]
        )
    ).to_series()
    households = pl.DataFrame(
        {
            "household_id": household_ids,
            "area_id": areas.gather(owner),
            "valid_from": _dates(y.start - rng.integers(30, 12_000, size=len(owner))),
            "valid_to": pl.Series([None] * len(owner), dtype=pl.Date),
        }
    )

    # what is planted, campaign by campaign, where the rule is in force on the day of the decision
    def pick() -> _A:
        return rng.random(n) < rates.org

    majority = [_fraction(book, K.FUND_MAJORITY, _on(d)) for d in decided]
    quorum = [_fraction(book, K.FUND_QUORUM, _on(d)) for d in decided]
    no_decision = pick() & np.array([m is not None for m in majority])
    no_quorum = pick() & np.array([q is not None for q in quorum])
    no_meeting = no_decision & ~no_quorum & (rng.random(n) < 0.5)
    compulsory = pick()
    not_posted = pick()
    no_settlement = pick()
    mismatch = pick() & ~no_settlement
    overspent = pick()
    unapproved = pick()
    strict_majority = [bool(_maybe(book, K.FUND_MAJORITY_STRICT, _on(d)) or False) for d in decided]
    strict_quorum = [bool(_maybe(book, K.FUND_QUORUM_STRICT, _on(d)) or False) for d in decided]
    need_for = np.array(
        [_needed(int(t), m, s) for t, m, s in zip(hh, majority, strict_majority, strict=True)]
    )
    need_present = np.array(
        [_needed(int(t), q, s) for t, q, s in zip(hh, quorum, strict_quorum, strict=True)]
    )
    # the meeting: households present and votes for
    present = np.minimum(
        hh, np.maximum(need_present, need_for) + (rng.random(n) * (hh * 0.35)).astype(_I64)
    )
    present = np.where(
        no_quorum,
        np.maximum(need_present - 1 - (rng.random(n) * hh * 0.15).astype(_I64), 0),
        present,
    )
    votes_for = np.maximum(need_for, (present * rng.uniform(0.85, 0.97, size=n)).astype(_I64))
    votes_for = np.where(
        no_decision,
        np.maximum(need_for - 1 - (rng.random(n) * hh * 0.1).astype(_I64), 0),
        np.minimum(votes_for, hh),
    )
    voters = np.where(no_quorum, np.maximum(votes_for, present), np.maximum(present, votes_for))
    voters = np.minimum(voters, hh)
    meeting = ~no_meeting
    meeting_ids = pl.select(pl.concat_str([ids, pl.lit("-HOP")])).to_series()
    household_meetings = pl.DataFrame(
        {
            "meeting_id": meeting_ids,
            "area_id": areas,
            "held_on": _dates(decided),
            "households_total": hh,
            "households_present": present,
            "campaign_id": ids,
        }
    ).filter(pl.Series(meeting))
    rank = _ranks(owner, rng.random(len(owner)))
    votes_mask = meeting[owner] & (rank < voters[owner])
    choice = np.where(rank < votes_for[owner], "for", np.where(rank % 3 == 0, "abstain", "against"))
    household_votes = pl.DataFrame(
        {
            "meeting_id": meeting_ids.gather(owner),
            "household_id": household_ids,
            "choice": choice,
        }
    ).filter(pl.Series(votes_mask))
    # contributions: voluntary, around the amount asked, a few large gifts
    asked = rng.choice(np.array([0, 100_000, 200_000, 300_000, 500_000]), size=n)
    gives = rng.random(len(owner)) < 0.82
    base_gift = np.where(asked[owner] > 0, asked[owner], 200_000).astype(np.float64)
    gift = base_gift * rng.choice(np.array([0.5, 1.0, 1.0, 1.0, 1.5, 2.0]), size=len(owner))
    gift = np.where(
        rng.random(len(owner)) < 0.01, gift * rng.integers(10, 60, size=len(owner)), gift
    )
    if plan.campaign_total is not None:
        gift = gift * plan.campaign_total / float(gift[gives].sum())
    gift_amount = np.maximum(np.round(gift / 10_000) * 10_000, 10_000).astype(_I64)
    received_on = decided[owner] + rng.integers(3, 120, size=len(owner))
    gi = np.flatnonzero(gives)
    receipt_no = _ranks(owner[gi], np.arange(len(gi))) + 1
    contributions = pl.DataFrame(
        {
            "receipt_no": pl.select(
                pl.concat_str(
                    [
                        ids.gather(owner[gi]),
                        pl.lit("-PT"),
                        pl.lit(pl.Series(receipt_no).cast(pl.String).str.zfill(5)),
                    ]
                )
            ).to_series(),
            "household_id": household_ids.gather(gi),
            "campaign_id": ids.gather(owner[gi]),
            "amount": gift_amount[gi],
            "received_on": _dates(received_on[gi]),
        }
    )
    contributed = _sum_by(owner[gi], gift_amount[gi], n)
    # spending: approved vouchers up to what came in; planted overspending and a voucher nobody approved
    disbursements: list[dict[str, object]] = []
    spent = np.zeros(n, dtype=_I64)
    last_spent = decided.copy()
    for c in range(n):
        target = int(contributed[c]) * int(rng.integers(85, 101)) // 100
        if overspent[c]:
            target = int(contributed[c]) + max(
                1_000, int(contributed[c]) * int(rng.integers(3, 16)) // 100
            )
        k = int(rng.integers(2, 6))
        cuts = (
            np.sort(rng.integers(0, target + 1, size=k - 1))
            if target > 0
            else np.zeros(k - 1, dtype=_I64)
        )
        parts = np.diff(np.r_[0, cuts, target])
        parts = parts[parts > 0]
        lacking = int(rng.integers(0, len(parts))) if unapproved[c] and len(parts) else -1
        if unapproved[c] and not len(parts):
            unapproved[c] = False
        for v, amount in enumerate(parts):
            day = int(decided[c] + 30 + int(rng.random() * (y.end - 60 - decided[c])))
            last_spent[c] = max(last_spent[c], day)
            disbursements.append(
                {
                    "disbursement_id": f"{ids[c]}-PC{v + 1}",
                    "campaign_id": ids[c],
                    "amount": int(amount),
                    "spent_on": _on(day),
                    "approved_by": None
                    if v == lacking
                    else f"{plan.wards[plan.cell_ward[plan.area_cell[c]]]}-UBND",
                }
            )
        spent[c] = int(parts.sum())
    # posting, settlement
    posted_on = decided + rng.integers(1, 8, size=n)
    campaigns = pl.DataFrame(
        {
            "campaign_id": ids,
            "area_id": areas,
            "decided_on": _dates(decided),
            "per_household": asked,
            "compulsory": compulsory,
            "posted_on": _opt_dates(posted_on, ~not_posted),
        }
    )
    postings = pl.DataFrame(
        {
            "posting_id": pl.select(pl.concat_str([ids, pl.lit("-NY")])).to_series(),
            "subject_id": ids,
            "posted_on": _dates(posted_on),
            "removed_on": _dates(posted_on + 30),
        }
    ).filter(pl.Series(~not_posted))
    published = np.maximum(y.end - 10 - rng.integers(0, 16, size=n), last_spent + 1)
    late_publication = no_settlement & (rng.random(n) < 0.5)
    published = np.where(late_publication, y.end + rng.integers(5, 60, size=n), published)
    stated = np.where(
        mismatch,
        contributed
        - np.maximum(contributed * rng.integers(2, 10, size=n) // 100 // 1000 * 1000, 1000),
        contributed,
    )
    stated = np.maximum(stated, 0)
    mismatch &= stated != contributed
    has_settlement = ~no_settlement | late_publication
    settlements = pl.DataFrame(
        {
            "settlement_id": pl.select(pl.concat_str([ids, pl.lit("-QT")])).to_series(),
            "org_id": areas,
            "subject_id": ids,
            "period_start": pl.Series([start] * n, dtype=pl.Date),
            "period_end": _dates(np.full(n, y.end)),
            "collected": stated,
            "spent": spent,
            "published_on": _dates(published),
        }
    ).filter(pl.Series(has_settlement))
    no_settlement &= contributed > 0
    for rule, hit in (
        (_NO_DECISION, no_decision),
        (_NO_QUORUM, no_quorum & meeting),
        (_COMPULSORY, compulsory),
        (_NOT_POSTED, not_posted),
        (_COLLECTION_MISMATCH, mismatch),
        (_OVERSPENT, spent > contributed),
        (_UNAPPROVED, unapproved),
        (_NO_SETTLEMENT, no_settlement),
    ):
        truth.add(rule, ids.filter(pl.Series(hit)), start)
    return {
        "households": households,
        "household_meetings": household_meetings,
        "household_votes": household_votes,
        "campaigns": campaigns,
        "contributions": contributions,
        "disbursements": pl.DataFrame(
            disbursements,
            schema={
                "disbursement_id": pl.String,
                "campaign_id": pl.String,
                "amount": pl.Int64,
                "spent_on": pl.Date,
                "approved_by": pl.String,
            },
        ),
        "postings": postings,
        "settlements": settlements,
    }


# -- the public entry points ------------------------------------------------------------------------------------
def _default_book() -> Rulebook:
    from kiemtra.rulebooks import vn

    return vn.rulebook()


def generate(
    seed: int,
    *,
    members: int,
    wards: int,
    year: int,
    cells_per_ward: int | None = None,
    violation_rate: float = 0.02,
    rulebook: Rulebook | None = None,
    province: str = "T01",
) -> Synthetic:
    """A synthetic province of ward party organisations for ``year``, the same for the same arguments.

    The province holds districts until 2025 (they were abolished on 1 July 2025; from 2026 the wards sit
    directly under the province), ``wards`` ward party organisations and their cells (about 55 % of each
    ward's cells are neighbourhood cells), and ``members`` members spread over the cells. Each kind of
    violation the rule set checks that year is planted with probability ``violation_rate`` per candidate
    (member-month, member, ledger or campaign); see :attr:`Synthetic.planted`.

    Args:
        seed: The random seed.
        members: How many members.
        wards: How many ward party organisations.
        year: The calendar year generated.
        cells_per_ward: Cells in each ward; by default about one cell per 100 members.
        violation_rate: The probability of planting each kind of violation on each candidate.
        rulebook: The rulebook whose parameter values decide what is due and what is a violation (the
            Vietnamese rulebook by default).
        province: The province's id, which begins every id generated (so that several provinces can be
            reviewed together).

    Returns:
        The facts, the planted findings and the period.

    Raises:
        InvalidInput: a size or rate out of range, fewer members than the cells need, or a year without
            the dues parameters in force.
    """
    book = rulebook if rulebook is not None else _default_book()
    for name, value, least in (("members", members, 1), ("wards", wards, 1), ("year", year, 1900)):
        if type(value) is not int or value < least:
            raise InvalidInput(name, value, f"must be an integer of at least {least}")
    if not 0.0 <= violation_rate <= 1.0:
        raise InvalidInput("violation_rate", violation_rate, "must be between 0 and 1")
    per_ward = (
        cells_per_ward if cells_per_ward is not None else max(1, round(members / (100 * wards)))
    )
    if type(per_ward) is not int or per_ward < 1:
        raise InvalidInput("cells_per_ward", cells_per_ward, "must be a positive integer")
    minimum = _maybe(book, _MIN_CELL, _dt.date(year, 1, 1))
    least_per_cell = int(minimum) if isinstance(minimum, int) else 3
    if members < least_per_cell * per_ward * wards:
        raise InvalidInput(
            "members",
            members,
            f"{wards * per_ward} cells need at least {least_per_cell} members each",
        )
    _check_year(book, year)
    rng = np.random.default_rng(seed)
    # the districts were abolished on 1 July 2025: from 2026 the wards sit under the province
    plan = _province_plan(
        rng,
        members,
        wards,
        per_ward,
        least_per_cell,
        with_districts=year <= 2025,
        province=province,
    )
    return _build(rng, plan, book, year, _Rates(violation_rate, violation_rate))


def _check_year(book: Rulebook, year: int) -> None:
    y = _Year.of(year)
    missing = [y.month(m) for m in range(12) if _fraction(book, K.DUES_SALARY, y.month(m)) is None]
    if missing:
        raise InvalidInput("year", year, f"the rulebook has no dues rates in force on {missing[0]}")


def ha_lam_2018(seed: int = 2018) -> Synthetic:
    """The Hà Lầm ward party organisation (Hạ Long City, Quảng Ninh) in 2018, as the 2019 article about it
    describes it: 11 cells, 6 of them neighbourhood cells, 430 members, and nearly 1 billion đồng raised by
    residents for roads and embankments, with a small, known share of violations.

    Args:
        seed: The random seed of everything the article does not say.

    Returns:
        The facts, the planted findings and the year 2018.
    """
    rng = np.random.default_rng(seed)
    return _build(rng, _ha_lam_plan(), _default_book(), 2018, _Rates(member=0.004, org=0.06))
