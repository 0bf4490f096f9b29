"""Annual ratings with quotas over a province, against hand-written polars doing the same rating.

Run: ``python -m benchmarks rating`` (``--tiny`` for a smoke run).
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

import numpy as np
import polars as pl

from benchmarks._harness import Row, ratio_row
from kiemtra.facts import Facts
from kiemtra.rulebooks import vn
from kiemtra.rulebooks.vn._rating import rate_members

YEAR = 2025
D = dt.date


def province(members: int, seed: int = 7) -> Facts:
    """``members`` members in cells of 100 under wards of 100 cells, with 2025 scores, tasks, sanctions."""
    rng = np.random.default_rng(seed)
    cells = max(1, members // 100)
    wards = max(1, cells // 100)
    ids = np.array([f"m{i:07d}" for i in range(members)])
    cell_of = np.array([f"c{i:05d}" for i in range(cells)])[np.arange(members) % cells]
    ward_ids = [f"w{i:03d}" for i in range(wards)]
    orgs = pl.DataFrame(
        {
            "org_id": ["province", *ward_ids, *[f"c{i:05d}" for i in range(cells)]],
            "parent_id": [
                None,
                *["province"] * wards,
                *[ward_ids[i % wards] for i in range(cells)],
            ],
            "level": ["province", *["grassroots"] * wards, *["cell"] * cells],
            "kind": ["province", *["ward"] * wards, *["neighbourhood_cell"] * cells],
        }
    )
    score = np.clip(rng.normal(80, 9, members), 0, 100).round()
    tasks_per = 6
    task_member = np.repeat(ids, tasks_per)
    late = rng.random(members * tasks_per) < 0.03
    exceeded = rng.random(members * tasks_per) < 0.4
    sanctioned = rng.random(members) < 0.01
    return Facts.from_frames(
        {
            "members": pl.DataFrame(
                {
                    "member_id": ids,
                    "admitted_on": [D(2000, 1, 1)] * members,
                    "probation_ends_on": [D(2001, 1, 1)] * members,
                    "dues_category": ["exempt"] * members,
                }
            ),
            "cell_memberships": pl.DataFrame(
                {"member_id": ids, "cell_id": cell_of, "start": [D(2010, 1, 1)] * members}
            ),
            "orgs": orgs,
            "scores": pl.DataFrame(
                {
                    "subject_id": ids,
                    "year": [YEAR] * members,
                    "criterion": ["total"] * members,
                    "max_points": [100.0] * members,
                    "self_score": score,
                    "appraised_score": score,
                }
            ),
            "tasks": pl.DataFrame(
                {
                    "task_id": [f"t{i}" for i in range(members * tasks_per)],
                    "assignee_id": task_member,
                    "assigned_by": ["c"] * (members * tasks_per),
                    "assigned_on": [D(YEAR, 1, 1)] * (members * tasks_per),
                    "due_on": [D(YEAR, 6, 30)] * (members * tasks_per),
                    "done_on": np.where(
                        late, np.datetime64("2025-07-15"), np.datetime64("2025-06-01")
                    ).astype("datetime64[D]"),
                    "exceeded": exceeded,
                }
            ),
            "sanctions": pl.DataFrame(
                {
                    "sanction_id": [f"s{m}" for m in ids[sanctioned]],
                    "subject_id": ids[sanctioned],
                    "form": ["reprimand"] * int(sanctioned.sum()),
                    "decided_on": [D(YEAR, 5, 1)] * int(sanctioned.sum()),
                    "announced_on": [D(YEAR, 5, 2)] * int(sanctioned.sum()),
                    "decided_by_org": ["c"] * int(sanctioned.sum()),
                    "decided_by_kind": ["cell"] * int(sanctioned.sum()),
                }
            ),
        }
    )


def hand_written(f: Facts) -> pl.DataFrame:
    """The same QĐ 366 rating with caps and the HD 21 quota, written directly in polars, no explanations."""
    book = vn.rulebook()
    day = D(YEAR, 12, 31)
    exc, good, comp = (
        book.value(k, day)
        for k in (
            "rating.score.excellent_min",
            "rating.score.good_min",
            "rating.score.completed_min",
        )
    )
    on_time, exceeding, share = (
        book.value(k, day)
        for k in (
            "rating.excellent.on_time_share_min",
            "rating.excellent.exceeding_share_min",
            "rating.quota.excellent_max_share",
        )
    )
    t = (
        f.lazy("tasks")
        .group_by(member_id=pl.col("assignee_id"))
        .agg(
            n=pl.len().cast(pl.Int64),
            ok=(pl.col("done_on") <= pl.col("due_on")).sum().cast(pl.Int64),
            ex=pl.col("exceeded").sum().cast(pl.Int64),
        )
    )
    s = (
        f.lazy("scores")
        .group_by(member_id=pl.col("subject_id"))
        .agg(score=pl.col("appraised_score").sum().round(0).cast(pl.Int64))
    )
    x = f.lazy("sanctions").select(member_id="subject_id", hit=pl.lit(True)).unique("member_id")
    base = (
        f.lazy("cell_memberships")
        .join(f.lazy("orgs").select(cell_id="org_id", ward="parent_id"), on="cell_id")
        .join(s, on="member_id", how="left")
        .join(t, on="member_id", how="left")
        .join(x, on="member_id", how="left")
        .with_columns(pl.col("n", "ok", "ex").fill_null(0))
        .with_columns(
            level=pl.when(pl.col("hit"))
            .then(pl.lit("not_completed"))
            .when(
                (pl.col("score") >= exc)
                & (
                    (pl.col("n") == 0)
                    | (
                        (pl.col("ok") * on_time.denominator >= pl.col("n") * on_time.numerator)  # type: ignore[union-attr]
                        & (
                            pl.col("ex") * exceeding.denominator
                            >= pl.col("n") * exceeding.numerator
                        )
                    )
                )
            )
            .then(pl.lit("excellent"))  # type: ignore[union-attr]
            .when(pl.col("score") >= good)
            .then(pl.lit("good"))
            .when(pl.col("score") >= comp)
            .then(pl.lit("completed"))
            .otherwise(pl.lit("not_completed"))
        )
        .sort(["ward", "score", "member_id"], descending=[False, True, False])
        .with_columns(
            e=(pl.col("level") == "excellent").sum().over("ward"),
            g=(pl.col("level") == "good").sum().over("ward"),
            r=(pl.col("level") == "excellent").cast(pl.Int64).cum_sum().over("ward"),
        )
        .with_columns(
            level=pl.when(
                (pl.col("level") == "excellent")
                & (
                    pl.col("r")
                    > ((pl.col("e") + pl.col("g")) * share.numerator)
                    // (share.denominator + share.numerator)
                )
            )  # type: ignore[union-attr]
            .then(pl.lit("good"))
            .otherwise(pl.col("level"))
        )
        .select(subject_id="member_id", level="level")
    )
    return base.collect().sort("subject_id")


def main(tiny: bool) -> list[Row]:
    """Measure and return the rows."""
    n = 2_000 if tiny else 200_000
    f = province(n)
    book = vn.rulebook()
    ours = rate_members(f, YEAR, book)
    floor = hand_written(f)
    assert ours.data.select("subject_id", "level").equals(floor), "the two ratings disagree"
    a, b = [], []
    for _ in range(5):  # interleaved, medians
        t0 = time.perf_counter()
        rate_members(f, YEAR, book)
        a.append((time.perf_counter() - t0) / n * 1e6)
        t0 = time.perf_counter()
        hand_written(f)
        b.append((time.perf_counter() - t0) / n * 1e6)
    ours_us, floor_us = statistics.median(a), statistics.median(b)
    counts = ours.level_counts()
    return [
        Row("hand-written polars rating (no explanations)", floor_us, note=f"{n:,} members"),
        ratio_row(
            "kiemtra rate_members (caps, quota, explainable)",
            ours_us,
            "hand-written polars",
            floor_us,
            "<= 2",
            note=str(counts),
        ),
    ]
