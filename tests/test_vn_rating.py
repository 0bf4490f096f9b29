"""Annual ratings: QĐ 366 score bands, caps for the disciplined, and the HD 21 'excellent' quota."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiemtra.facts import Facts
from kiemtra.rulebooks import vn
from kiemtra.rulebooks.vn._rating import LEVELS, rate_collectives, rate_members

D = dt.date
BOOK = vn.rulebook()


def roll(n: int, cells: int = 1) -> dict[str, pl.DataFrame]:
    """n members spread over ``cells`` cells of one ward."""
    ids = [f"m{i:03d}" for i in range(n)]
    return {
        "members": pl.DataFrame(
            {
                "member_id": ids,
                "admitted_on": [D(2000, 1, 1)] * n,
                "probation_ends_on": [D(2001, 1, 1)] * n,
                "dues_category": ["exempt"] * n,
            }
        ),
        "cell_memberships": pl.DataFrame(
            {
                "member_id": ids,
                "cell_id": [f"c{i % cells}" for i in range(n)],
                "start": [D(2010, 1, 1)] * n,
            }
        ),
        "orgs": pl.DataFrame(
            {
                "org_id": ["ward", *[f"c{i}" for i in range(cells)]],
                "parent_id": [None, *["ward"] * cells],
                "level": ["grassroots", *["cell"] * cells],
                "kind": ["ward", *["neighbourhood_cell"] * cells],
            }
        ),
    }


def proposals(levels: list[str], year: int) -> pl.DataFrame:
    """The cell's proposed level for each member, in member order."""
    return pl.DataFrame(
        {
            "subject_id": [f"m{i:03d}" for i in range(len(levels))],
            "year": [year] * len(levels),
            "level": levels,
        }
    )


def scores(points: list[int], year: int) -> pl.DataFrame:
    """One criterion carrying each member's whole score."""
    return pl.DataFrame(
        {
            "subject_id": [f"m{i:03d}" for i in range(len(points))],
            "year": [year] * len(points),
            "criterion": ["all"] * len(points),
            "max_points": [100.0] * len(points),
            "self_score": [float(p) for p in points],
            "appraised_score": [float(p) for p in points],
        }
    )


def sanction(member: str, announced: dt.date, remedied: bool = False) -> pl.DataFrame:
    """A sanction announced on ``announced``."""
    return pl.DataFrame(
        {
            "sanction_id": [f"s-{member}"],
            "subject_id": [member],
            "form": ["reprimand"],
            "decided_on": [announced],
            "announced_on": [announced],
            "decided_by_org": ["c0"],
            "decided_by_kind": ["cell"],
            "self_remedied": [remedied],
        }
    )


@pytest.mark.parametrize(
    ("score", "expected"),
    [  # QĐ 366 Art 11 (row 37): >= 90 excellent, 70–<90 good, 50–<70 completed, < 50 not completed
        (100, "excellent"),
        (90, "excellent"),
        (89, "good"),
        (70, "good"),
        (69, "completed"),
        (50, "completed"),
        (49, "not_completed"),
        (0, "not_completed"),
    ],
)
def test_qd366_score_bands(score: int, expected: str) -> None:
    """A 2025 score maps to its band at each boundary (no tasks, so no task condition; five members at 75
    points leave room for one 'excellent' under the quota)."""
    f = Facts.from_frames({**roll(6), "scores": scores([score, 75, 75, 75, 75, 75], 2025)})
    assert rate_members(f, 2025, BOOK).row("m000")["level"] == expected


def tasks(member: str, total: int, on_time: int, exceeded: int) -> pl.DataFrame:
    """``total`` tasks due in 2025: ``on_time`` done on time, ``exceeded`` of those exceeding requirements."""
    rows = []
    for i in range(total):
        done = D(2025, 6, 1) if i < on_time else D(2025, 7, 1)
        rows.append(
            {
                "task_id": f"t{i}",
                "assignee_id": member,
                "assigned_by": "c0",
                "assigned_on": D(2025, 1, 1),
                "due_on": D(2025, 6, 15),
                "done_on": done,
                "exceeded": i < exceeded,
            }
        )
    return pl.DataFrame(rows)


@pytest.mark.parametrize(
    ("on_time", "exceeded", "expected"),
    [  # row 38: excellent needs 100 % on time and >= 30 % exceeding
        (10, 3, "excellent"),
        (10, 2, "good"),
        (9, 9, "good"),
    ],
)
def test_qd366_excellent_conditions(on_time: int, exceeded: int, expected: str) -> None:
    """95 points is excellent only with every task on time and at least 30 % exceeding."""
    f = Facts.from_frames(
        {
            **roll(6),
            "scores": scores([95, 75, 75, 75, 75, 75], 2025),
            "tasks": tasks("m000", 10, on_time, exceeded),
        }
    )
    assert rate_members(f, 2025, BOOK).row("m000")["level"] == expected


def test_disciplined_in_the_year_is_not_completed() -> None:
    """A member sanctioned in 2019 is rated not completed whatever the cell proposed (row 40)."""
    f = Facts.from_frames(
        {
            **roll(1),
            "rating_proposals": proposals(["excellent"], 2019),
            "sanctions": sanction("m000", D(2019, 12, 31)),
        }
    )
    assert rate_members(f, 2019, BOOK).row("m000")["level"] == "not_completed"


def test_sanction_of_another_year_does_not_count() -> None:
    """A sanction announced on 1 January 2020 does not touch the 2019 rating."""
    f = Facts.from_frames(
        {
            **roll(1),
            "rating_proposals": proposals(["good"], 2019),
            "sanctions": sanction("m000", D(2020, 1, 1)),
        }
    )
    assert rate_members(f, 2019, BOOK).row("m000")["level"] == "good"


def test_self_detected_and_remedied_is_exempt() -> None:
    """Under QĐ 124 a violation the member found and remedied does not cap the rating (row 40)."""
    f = Facts.from_frames(
        {
            **roll(1),
            "rating_proposals": proposals(["good"], 2024),
            "sanctions": sanction("m000", D(2024, 3, 1), remedied=True),
        }
    )
    assert rate_members(f, 2024, BOOK).row("m000")["level"] == "good"


def test_exempt_and_suspended_members_are_not_rated() -> None:
    """Members exempt from activity or suspended at the year's end are left out (row 44)."""
    ex = pl.DataFrame(
        {
            "member_id": ["m000", "m001"],
            "kind": ["exempt", "suspended"],
            "start": [D(2019, 1, 1), D(2019, 11, 1)],
        }
    )
    f = Facts.from_frames(
        {**roll(3), "rating_proposals": proposals(["good"] * 3, 2019), "exemptions": ex}
    )
    r = rate_members(f, 2019, BOOK)
    assert (r.data["subject_id"].to_list(), sorted(r.unrated["subject_id"].to_list())) == (
        ["m002"],
        ["m000", "m001"],
    )


@pytest.mark.parametrize(
    ("excellent", "good", "kept"),
    [  # HD 21 2.3 a (g (e)7): E' <= 20 % of (good + moved down), rounded down
        (7, 18, 4),  # 4 <= 0.2 * 21; 5 > 0.2 * 20
        (1, 5, 1),  # 1 <= 0.2 * 5
        (1, 4, 0),  # 1 > 0.2 * 4; 0 <= 0.2 * 5
        (10, 0, 1),  # 1 <= 0.2 * 9; 2 > 0.2 * 8
        (0, 10, 0),
        (2, 10, 2),
    ],
)
def test_quota_keeps_the_largest_allowed_number(excellent: int, good: int, kept: int) -> None:
    """The number kept excellent is the largest E' with E' <= 20 % x (good + moved down)."""
    f = Facts.from_frames(
        {
            **roll(excellent + good),
            "rating_proposals": proposals(["excellent"] * excellent + ["good"] * good, 2019),
        }
    )
    assert rate_members(f, 2019, BOOK).level_counts()["excellent"] == kept


def test_quota_denominator_good_and_above_is_a_parameter() -> None:
    """With the local 'good and above' variant, 7 excellent and 18 good keep 5 (20 % of 25)."""
    f = Facts.from_frames(
        {**roll(25), "rating_proposals": proposals(["excellent"] * 7 + ["good"] * 18, 2019)}
    )
    book = BOOK.with_overrides({"rating.quota.denominator": "good_and_above"}, "local guidance")
    assert rate_members(f, 2019, book).level_counts()["excellent"] == 5


def test_quota_tie_break_by_score_then_id() -> None:
    """Under QĐ 366 the highest scores keep 'excellent'; equal scores go by member id."""
    f = Facts.from_frames(
        {**roll(10), "scores": scores([91, 99, 95, 95, 70, 70, 70, 70, 70, 70], 2025)}
    )
    r = rate_members(f, 2025, BOOK)
    assert r.data.filter(pl.col("level") == "excellent")["subject_id"].to_list() == ["m001"]


def test_moved_down_member_is_told_why() -> None:
    """A member moved down by the quota gets an explanation naming the quota and its numbers."""
    f = Facts.from_frames(
        {**roll(6), "rating_proposals": proposals(["excellent"] * 2 + ["good"] * 4, 2019)}
    )
    r = rate_members(f, 2019, BOOK)
    e = r.explanation("m001")
    assert (e.rule_id, e.thresholds["quota_allowed"], e.inputs["excellent_rank"]) == (
        "rating.quota",
        1,
        2,
    )
    assert "quota allows 1" in e.render(BOOK.templates, "en")


def test_collective_not_completed_when_over_20_percent_of_units_disciplined() -> None:
    """A ward with 1 of 4 cells disciplined (25 %) is not completed; 1 of 5 (20 %) is (row 42)."""

    def ward(cells: int) -> str:
        f = Facts.from_frames(
            {
                **roll(cells, cells),
                "rating_proposals": pl.DataFrame(
                    {"subject_id": ["ward"], "year": [2024], "level": ["good"]}
                ),
                "sanctions": sanction("c0", D(2024, 5, 1)),
            }
        )
        return rate_collectives(f, 2024, BOOK).filter(pl.col("org_id") == "ward")["level"].item()

    assert (ward(4), ward(5)) == ("not_completed", "good")


levels = st.lists(st.sampled_from(LEVELS), min_size=1, max_size=60)


@settings(max_examples=60)
@given(levels, st.integers(1, 4))
def test_quota_never_exceeds_its_share(proposed: list[str], cells: int) -> None:
    """Kept excellent never exceeds 20 % of (good + moved down), in every grassroots organisation."""
    f = Facts.from_frames(
        {**roll(len(proposed), cells), "rating_proposals": proposals(proposed, 2019)}
    )
    counts = rate_members(f, 2019, BOOK).level_counts()
    moved = proposed.count("excellent") - counts["excellent"]
    assert counts["excellent"] * 5 <= proposed.count("good") + moved


@settings(max_examples=60)
@given(levels)
def test_quota_only_turns_excellent_into_good(proposed: list[str]) -> None:
    """Every change the quota makes is from excellent to good; nothing else moves."""
    f = Facts.from_frames({**roll(len(proposed)), "rating_proposals": proposals(proposed, 2019)})
    r = rate_members(f, 2019, BOOK)
    for row in r:
        if row["level"] != row["before_quota"]:
            assert (row["before_quota"], row["level"]) == ("excellent", "good")


def targets(
    subject: str, total: int, done: int, main_missed: bool, force_majeure: bool = False
) -> pl.DataFrame:
    """2024 targets of ``subject``: ``done`` of ``total`` done; the first undone one is a main target."""
    rows = []
    for i in range(total):
        finished = i < done
        rows.append(
            {
                "task_id": f"{subject}-t{i}",
                "assignee_id": subject,
                "assigned_by": "ward",
                "assigned_on": D(2024, 1, 1),
                "due_on": D(2024, 6, 30),
                "done_on": D(2024, 6, 1) if finished else None,
                "exceeded": False,
                "main_target": main_missed and i == done,
                "force_majeure": force_majeure,
            }
        )
    return pl.DataFrame(rows, schema_overrides={"done_on": pl.Date})


def leader_post(member: str) -> pl.DataFrame:
    """``member`` is the cell's secretary through 2024."""
    return pl.DataFrame(
        {"member_id": [member], "org_id": ["c0"], "post": ["secretary"], "start": [D(2020, 1, 1)]}
    )


@pytest.mark.parametrize(
    ("done", "main_missed", "force_majeure", "expected"),
    [  # g.2 row 41: < 50 % AND a main target missed AND no force majeure -> not completed
        (4, True, False, "not_completed"),  # 40 %, main missed
        (5, True, False, "good"),  # exactly 50 % is not below half
        (4, False, False, "good"),  # below half but no main target missed (conjunctive)
        (4, True, True, "good"),  # force majeure
    ],
)
def test_leader_below_half_of_targets(
    done: int, main_missed: bool, force_majeure: bool, expected: str
) -> None:
    """A cell secretary's rating falls to not completed only on the conjunctive QĐ 124 ground."""
    f = Facts.from_frames(
        {
            **roll(1),
            "rating_proposals": proposals(["good"], 2024),
            "posts": leader_post("m000"),
            "tasks": targets("m000", 10, done, main_missed, force_majeure),
        }
    )
    assert rate_members(f, 2024, BOOK).row("m000")["level"] == expected


def test_ordinary_member_is_not_held_to_the_targets_ground() -> None:
    """Without a post, 4 of 10 targets with a main one missed does not cap the rating (g.2 row 41 scope)."""
    f = Facts.from_frames(
        {
            **roll(1),
            "rating_proposals": proposals(["good"], 2024),
            "tasks": targets("m000", 10, 4, True),
        }
    )
    assert rate_members(f, 2024, BOOK).row("m000")["level"] == "good"


def test_collective_below_half_of_targets_is_not_completed() -> None:
    """A cell that did 4 of its 10 targets and missed a main one is not completed (QĐ 124 Art 12)."""
    f = Facts.from_frames(
        {
            **roll(1),
            "rating_proposals": pl.DataFrame(
                {"subject_id": ["c0"], "year": [2024], "level": ["good"]}
            ),
            "tasks": targets("c0", 10, 4, True),
        }
    )
    assert (
        rate_collectives(f, 2024, BOOK).filter(pl.col("org_id") == "c0")["level"].item()
        == "not_completed"
    )
