"""Annual quality ratings of members and collectives, with the 'excellent' quota.

Four levels: excellent, good, completed, not completed. Under QĐ 366 (reviews from 2025) the level comes
from a 100-point score with bands, and 'excellent' also needs every task on time and a share of tasks
exceeding requirements. Under the earlier criteria schemes (QĐ 132, QĐ 124) the cell's proposed level is
the starting point. Hard caps follow (disciplined in the year, unless self-detected and remedied), then the
quota per grassroots organisation: excellent is at most a share of those rated good, members moved down
counting as good. Everything is computed as columns; explanations are built from a row on demand.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

import attrs
import pendulum
import polars as pl

from kiemtra._errors import UnknownReference
from kiemtra._rules._explanation import Explanation, GoverningDate
from kiemtra._rules._param import Citation, ParamUse
from kiemtra._rules._rulebook import Rulebook
from kiemtra.facts import Facts, covers, on_roll

__all__ = ["LEVELS", "Ratings", "rate_collectives", "rate_members"]

LEVELS = ("excellent", "good", "completed", "not_completed")
"""The four levels, best first."""

_RANK = {level: i for i, level in enumerate(LEVELS)}
QD366 = Citation("QĐ 366-QĐ/TW (30/8/2025)", "Art 11")
QD124 = Citation("QĐ 124-QĐ/TW (4/10/2023)", "Art 12")
QD132 = Citation("QĐ 132-QĐ/TW (8/3/2018)")
HD21 = Citation("HD 21-HD/BTCTW (18/10/2019)", "2.3", "a")


def _scheme(book: Rulebook, day: pendulum.Date) -> str:
    return "points" if book.has_value("rating.score.excellent_min", day) else "criteria"


def _on_roll(facts: Facts, day: _dt.date) -> pl.LazyFrame:
    """Members on a cell's roll on ``day``, with their cell and grassroots organisation."""
    return (
        on_roll(facts, day)
        .join(
            facts.lazy("orgs").select(cell_id="org_id", grassroots_id="parent_id"),
            on="cell_id",
            how="left",
        )
        .select(subject_id="member_id", cell_id="cell_id", grassroots_id="grassroots_id")
    )


def _disciplined(facts: Facts, year: int, exempt_remedied: bool) -> pl.LazyFrame:
    start, end = _dt.date(year, 1, 1), _dt.date(year + 1, 1, 1)
    sanctions = facts.lazy("sanctions").filter(
        (pl.col("announced_on") >= start) & (pl.col("announced_on") < end)
    )
    if exempt_remedied:
        sanctions = sanctions.filter(~pl.col("self_remedied").fill_null(False))
    return sanctions.group_by("subject_id").agg(sanctions=pl.col("sanction_id").sort())


def _targets_missed(
    facts: Facts, year: int, book: Rulebook, day: pendulum.Date
) -> pl.LazyFrame | None:
    """Subjects (members or organisations) that completed less than the share of their targets, and,
    where the ground is conjunctive, missed a main target without force majeure (g.2 row 41)."""
    if not book.has_value("rating.targets.completion_below", day):
        return None
    share = book.typed("rating.targets.completion_below", day, Fraction)
    conjunctive = book.typed("rating.targets.conjunctive", day, bool)
    start, end = _dt.date(year, 1, 1), _dt.date(year + 1, 1, 1)
    missed_main = (
        pl.col("main_target").fill_null(False)
        & pl.col("done_on").is_null()
        & ~pl.col("force_majeure").fill_null(False)
    )
    counted = (
        facts.lazy("tasks")
        .filter((pl.col("due_on") >= start) & (pl.col("due_on") < end))
        .group_by(subject_id=pl.col("assignee_id"))
        .agg(
            targets=pl.len().cast(pl.Int64),
            targets_done=pl.col("done_on").is_not_null().sum().cast(pl.Int64),
            main_missed=missed_main.any(),
        )
    )
    below = pl.col("targets_done") * share.denominator < pl.col("targets") * share.numerator
    ground = below & pl.col("main_missed") if conjunctive else below
    return counted.filter(ground).select("subject_id", targets_missed=pl.lit(True))


def _leaders(facts: Facts, year: int) -> pl.LazyFrame:
    start, end = _dt.date(year, 1, 1), _dt.date(year + 1, 1, 1)
    return (
        facts.lazy("posts")
        .filter((pl.col("start") < end) & (pl.col("end").is_null() | (pl.col("end") > start)))
        .select(subject_id="member_id")
        .unique()
        .with_columns(leader=pl.lit(True))
    )


def rate_members(facts: Facts, year: int, rulebook: Rulebook) -> Ratings:
    """Rate every member on the roll at the end of ``year``, caps and quota applied.

    Members exempt from party activity or suspended at the year's end are not rated (they are listed in
    :attr:`Ratings.unrated`).
    """
    day = pendulum.date(year, 12, 31)
    scheme = _scheme(rulebook, day)
    roll = _on_roll(facts, day)
    out_of_scope = (
        facts.lazy("exemptions")
        .filter(covers(day))
        .select(subject_id="member_id", why="kind")
        .unique("subject_id", keep="first", maintain_order=True)
    )
    rated = roll.join(out_of_scope, on="subject_id", how="anti")
    if scheme == "points":
        rated = _points(facts, year, rulebook, day, rated)
    else:
        proposals = (
            facts.lazy("rating_proposals")
            .filter(pl.col("year") == year)
            .select("subject_id", "level")
        )
        rated = (
            rated.join(proposals, on="subject_id", how="left")
            .with_columns(
                score=pl.lit(None, dtype=pl.Int64),
                proposed=pl.col("level").fill_null("completed"),
                proposal_missing=pl.col("level").is_null(),
                below_excellence=pl.lit(False),
            )
            .drop("level")
        )
    cap = rulebook.typed("rating.disciplined.not_completed", day, bool)
    exempt = rulebook.typed("rating.disciplined.self_remedied_exempt", day, bool)
    rated = rated.join(_disciplined(facts, year, exempt), on="subject_id", how="left").with_columns(
        disciplined=pl.col("sanctions").is_not_null() & pl.lit(cap),
        sanctions=pl.col("sanctions").fill_null(pl.lit([], dtype=pl.List(pl.String))),
    )
    missed = _targets_missed(facts, year, rulebook, day)
    if missed is None:
        rated = rated.with_columns(targets_missed=pl.lit(False))
    else:
        scope = str(rulebook.value("rating.targets.scope", day))
        rated = rated.join(missed, on="subject_id", how="left").join(
            _leaders(facts, year), on="subject_id", how="left"
        )
        applies = pl.lit(True) if scope == "all_rated" else pl.col("leader").fill_null(False)
        rated = rated.with_columns(
            targets_missed=pl.col("targets_missed").fill_null(False) & applies
        ).drop("leader")
    rated = rated.with_columns(
        before_quota=pl.when(pl.col("disciplined") | pl.col("targets_missed"))
        .then(pl.lit("not_completed"))
        .otherwise(pl.col("proposed"))
    )
    data = _quota(rated, rulebook, day).collect().sort("subject_id")
    unrated = roll.join(out_of_scope, on="subject_id", how="inner").collect().sort("subject_id")
    return Ratings(data, unrated, year, scheme, rulebook)


def _points(
    facts: Facts, year: int, book: Rulebook, day: pendulum.Date, rated: pl.LazyFrame
) -> pl.LazyFrame:
    excellent = book.typed("rating.score.excellent_min", day, int)
    good = book.typed("rating.score.good_min", day, int)
    completed = book.typed("rating.score.completed_min", day, int)
    on_time = book.typed("rating.excellent.on_time_share_min", day, Fraction)
    exceeding = book.typed("rating.excellent.exceeding_share_min", day, Fraction)
    scores = (
        facts.lazy("scores")
        .filter(pl.col("year") == year)
        .group_by("subject_id")
        .agg(score=pl.coalesce("appraised_score", "self_score").sum())
    )
    start, end = _dt.date(year, 1, 1), _dt.date(year + 1, 1, 1)
    tasks = (
        facts.lazy("tasks")
        .filter((pl.col("due_on") >= start) & (pl.col("due_on") < end))
        .group_by(subject_id=pl.col("assignee_id"))
        .agg(
            tasks=pl.len().cast(pl.Int64),
            on_time=(pl.col("done_on").is_not_null() & (pl.col("done_on") <= pl.col("due_on")))
            .sum()
            .cast(pl.Int64),
            exceeded=(pl.col("done_on").is_not_null() & pl.col("exceeded")).sum().cast(pl.Int64),
        )
    )
    score = pl.col("score")
    conditions_met = (pl.col("tasks") == 0) | (
        (pl.col("on_time") * on_time.denominator >= pl.col("tasks") * on_time.numerator)
        & (pl.col("exceeded") * exceeding.denominator >= pl.col("tasks") * exceeding.numerator)
    )
    return (
        rated.join(scores, on="subject_id", how="left")
        .join(tasks, on="subject_id", how="left")
        .with_columns(
            pl.col("tasks", "on_time", "exceeded").fill_null(0), proposal_missing=score.is_null()
        )
        .with_columns(
            score=score.fill_null(0).round(0).cast(pl.Int64),
            below_excellence=(score >= excellent) & ~conditions_met,
        )
        .with_columns(
            proposed=pl.when((pl.col("score") >= excellent) & ~pl.col("below_excellence"))
            .then(pl.lit("excellent"))
            .when(pl.col("score") >= good)
            .then(pl.lit("good"))
            .when(pl.col("score") >= completed)
            .then(pl.lit("completed"))
            .otherwise(pl.lit("not_completed"))
        )
        .drop("tasks", "on_time", "exceeded")
    )


def _quota(rated: pl.LazyFrame, book: Rulebook, day: pendulum.Date) -> pl.LazyFrame:
    share = book.typed("rating.quota.excellent_max_share", day, Fraction)
    denominator = str(book.value("rating.quota.denominator", day))
    scope = "cell_id" if str(book.value("rating.quota.scope", day)) == "cell" else "grassroots_id"
    num, den = share.numerator, share.denominator
    is_exc = pl.col("before_quota") == "excellent"
    # Deterministic order among the excellent: higher score first, then member id.
    counted = rated.sort(
        [scope, "score", "subject_id"], descending=[False, True, False], nulls_last=True
    ).with_columns(
        quota_scope=pl.col(scope),
        excellent_before=is_exc.sum().over(scope).cast(pl.Int64),
        good_before=(pl.col("before_quota") == "good").sum().over(scope).cast(pl.Int64),
        excellent_rank=pl.when(is_exc).then(is_exc.cast(pl.Int64).cum_sum().over(scope)),
    )
    pool = pl.col("good_before") + pl.col("excellent_before")
    # Moved-down members count as good: with the "good only" denominator, the largest E' with
    # E' <= share * (G + E - E'); with "good and above", E' <= share * (G + E).
    allowed = (pool * num) // (den + num) if denominator == "good_only" else (pool * num) // den
    return (
        counted.with_columns(quota_allowed=pl.min_horizontal(allowed, pl.col("excellent_before")))
        .with_columns(
            moved_down=is_exc & (pl.col("excellent_rank") > pl.col("quota_allowed")),
        )
        .with_columns(
            level=pl.when(pl.col("moved_down"))
            .then(pl.lit("good"))
            .otherwise(pl.col("before_quota")),
        )
    )


@attrs.frozen
class Ratings:
    """Ratings for one year, with what it takes to explain each.

    Attributes:
        data: One row per rated subject: ``subject_id``, ``level``, ``proposed``, ``score``,
            ``disciplined``, ``sanctions``, ``moved_down``, ``quota_allowed``...
        unrated: Subjects on the roll but not rated (exempt from activity, suspended), with ``why``.
        year: The review year.
        scheme: ``"points"`` (QĐ 366) or ``"criteria"`` (earlier schemes).
    """

    data: pl.DataFrame
    unrated: pl.DataFrame
    year: int
    scheme: str
    rulebook: Rulebook = attrs.field(repr=False)

    def __len__(self) -> int:
        return self.data.height

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.data.iter_rows(named=True))

    def level_counts(self) -> dict[str, int]:
        """How many subjects got each level."""
        counts = dict(self.data.group_by("level").len().iter_rows())
        return {level: int(counts.get(level, 0)) for level in LEVELS}

    def row(self, subject_id: str) -> dict[str, Any]:
        """The rating row of ``subject_id``.

        Raises:
            UnknownReference: the subject was not rated.
        """
        found = self.data.filter(pl.col("subject_id") == subject_id)
        if not found.height:
            raise UnknownReference("subject_id", subject_id, f"not rated for {self.year}")
        return found.row(0, named=True)

    def _params(self, keys: tuple[str, ...]) -> tuple[ParamUse, ...]:
        day = pendulum.date(self.year, 12, 31)
        return tuple(self.rulebook.use(k, day) for k in keys)

    def explanation(self, subject_id: str) -> Explanation:
        """Why ``subject_id`` got its level: the score or proposal, caps, and the quota if it moved down."""
        r = self.row(subject_id)
        day = pendulum.date(self.year, 12, 31)
        if r["moved_down"]:
            key, rule = "vn.rating.moved_down", "rating.quota"
            params = self._params(
                (
                    "rating.quota.excellent_max_share",
                    "rating.quota.denominator",
                    "rating.quota.scope",
                )
            )
            citations: tuple[Citation, ...] = (HD21,)
        elif r["targets_missed"] and not r["disciplined"]:
            key, rule = "vn.rating.targets_missed", "rating.targets"
            params = self._params(
                (
                    "rating.targets.completion_below",
                    "rating.targets.conjunctive",
                    "rating.targets.scope",
                )
            )
            citations = (QD124,)
        elif r["disciplined"]:
            key, rule = "vn.rating.disciplined", "rating.disciplined"
            params = self._params(
                ("rating.disciplined.not_completed", "rating.disciplined.self_remedied_exempt")
            )
            citations = (QD124, HD21)
        elif self.scheme == "points":
            key, rule = "vn.rating.score", "rating.score"
            params = self._params(
                (
                    "rating.score.excellent_min",
                    "rating.score.good_min",
                    "rating.score.completed_min",
                    "rating.excellent.on_time_share_min",
                    "rating.excellent.exceeding_share_min",
                )
            )
            citations = (QD366,)
        else:
            key, rule = "vn.rating.proposal", "rating.proposal"
            params = ()
            citations = (QD132, QD124)
        return Explanation(
            rule_id=rule,
            rule_version=self.scheme,
            message_key=key,
            args={
                "subject": subject_id,
                "level": r["level"],
                "proposed": r["proposed"],
                "year": str(self.year),
            },
            params=params,
            inputs={
                "score": r["score"],
                "proposed": r["proposed"],
                "excellent_before": r["excellent_before"],
                "good_before": r["good_before"],
                "excellent_rank": r["excellent_rank"],
            },
            thresholds={"quota_allowed": r["quota_allowed"]},
            evidence=tuple(r["sanctions"]),
            citations=citations,
            governs=GoverningDate.REVIEW_YEAR,
            governing_date=day,
        )


def rate_collectives(facts: Facts, year: int, rulebook: Rulebook) -> pl.DataFrame:
    """Rate the cells and grassroots organisations for ``year`` from their proposed level or score.

    A collective is not completed when it or its leadership was disciplined in the year, or when more than
    the parameter's share of its subordinate units were; under QĐ 366 it cannot be excellent when any
    subordinate unit or leadership member was disciplined.
    """
    day = pendulum.date(year, 12, 31)
    start, end = _dt.date(year, 1, 1), _dt.date(year + 1, 1, 1)
    orgs = facts.lazy("orgs").filter(pl.col("level").is_in(["cell", "grassroots"]))
    disciplined = _disciplined(
        facts, year, rulebook.typed("rating.disciplined.self_remedied_exempt", day, bool)
    )
    sanctioned_ids = disciplined.select("subject_id")
    leaders = (
        facts.lazy("posts")
        .filter((pl.col("start") < end) & (pl.col("end").is_null() | (pl.col("end") > start)))
        .join(sanctioned_ids, left_on="member_id", right_on="subject_id")
        .group_by("org_id")
        .agg(leaders_disciplined=pl.len().cast(pl.Int64))
    )
    units = (
        facts.lazy("orgs")
        .join(
            sanctioned_ids.with_columns(unit_disciplined=pl.lit(True)),
            left_on="org_id",
            right_on="subject_id",
            how="left",
        )
        .group_by(org_id=pl.col("parent_id"))
        .agg(
            units=pl.len().cast(pl.Int64),
            units_disciplined=pl.col("unit_disciplined").fill_null(False).sum().cast(pl.Int64),
        )
    )
    share = (
        rulebook.typed("rating.collective.disciplined_units_above", day, Fraction)
        if rulebook.has_value("rating.collective.disciplined_units_above", day)
        else None
    )
    proposals = (
        facts.lazy("rating_proposals")
        .filter(pl.col("year") == year)
        .select(org_id="subject_id", proposed="level")
    )
    frame = (
        orgs.select("org_id", "level", "kind")
        .join(proposals, on="org_id", how="left")
        .join(leaders, on="org_id", how="left")
        .join(units, on="org_id", how="left")
        .join(
            disciplined.select(org_id="subject_id", own_sanctions="sanctions"),
            on="org_id",
            how="left",
        )
        .with_columns(
            pl.col("leaders_disciplined", "units", "units_disciplined").fill_null(0),
            proposed=pl.col("proposed").fill_null("completed"),
        )
    )
    too_many = pl.lit(False)
    if share is not None:
        too_many = (
            pl.col("units_disciplined") * share.denominator > pl.col("units") * share.numerator
        )
    missed = _targets_missed(facts, year, rulebook, day)
    if missed is not None:
        frame = frame.join(
            missed.select(org_id="subject_id", targets_missed="targets_missed"),
            on="org_id",
            how="left",
        )
    else:
        frame = frame.with_columns(targets_missed=pl.lit(None, dtype=pl.Boolean))
    frame = frame.with_columns(targets_missed=pl.col("targets_missed").fill_null(False))
    capped = (
        pl.col("own_sanctions").is_not_null()
        | (pl.col("leaders_disciplined") > 0)
        | too_many
        | pl.col("targets_missed")
    )
    any_discipline = (pl.col("units_disciplined") > 0) | (pl.col("leaders_disciplined") > 0)
    points = _scheme(rulebook, day) == "points"
    return (
        frame.with_columns(
            level=pl.when(capped)
            .then(pl.lit("not_completed"))
            .when(pl.lit(points) & any_discipline & (pl.col("proposed") == "excellent"))
            .then(pl.lit("good"))
            .otherwise(pl.col("proposed")),
            capped=capped,
        )
        .collect()
        .sort("org_id")
    )
