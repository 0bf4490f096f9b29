"""The yearly review: facts -> parameters in force -> duty checks and fund audits -> ratings with quotas ->
cases opened from findings -> a report.

A review is run by an :class:`~kiemtra.Engine` whose rulebook supplies the rule set (``extras["ruleset"]``),
the rating (``extras["rate_members"]``) and, when it has procedures, the intake that turns findings into
cases (``extras["open_from_findings"]``). Nothing here is Vietnamese; the Vietnamese rulebook supplies all of
it. This module imports polars.
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import polars as pl

from kiemtra._model._actor import Actor
from kiemtra._rules._evaluate import Findings
from kiemtra._rules._explanation import Explanation
from kiemtra._time import DateRange
from kiemtra._workflow._case import Case
from kiemtra._workflow._engine import Engine
from kiemtra.facts import Facts, on_roll

__all__ = ["CaseOutcome", "YearReview", "review_year"]

Intake = Callable[..., Sequence[Case]]


@attrs.frozen
class CaseOutcome:
    """Where one case of the review ended, and why.

    Attributes:
        case_id: The case.
        procedure: Its procedure.
        version: The procedure version it opened under.
        subject_kind: ``member`` or ``organisation``.
        subject_id: The member or organisation the case is about.
        org_id: The organisation the subject belongs to (a member's cell), when known.
        grassroots_id: The grassroots organisation above it, when known.
        state: The state the case reached.
        outcome: The outcome its concluding move recorded (``removed``, ``violation_to_discipline_level``,
            ...), or None when it did not conclude.
        sanction: The sanction form decided (``reprimand``, ``warning``, ``dismissal``, ``expulsion``), or
            None.
        path: The states the case passed through, in order, its opening state first.
        explanation: Why it ended there: the decision policy's choice, the inputs it read (the grounds'
            findings), its thresholds and citations.
        children: Cases this one opened (a proceeding after an inspection), by id.
    """

    case_id: str
    procedure: str
    version: str
    subject_kind: str
    subject_id: str
    org_id: str | None
    grassroots_id: str | None
    state: str
    outcome: str | None
    sanction: str | None
    path: tuple[str, ...]
    explanation: Explanation
    children: tuple[str, ...] = ()


@attrs.frozen
class YearReview:
    """What a yearly review found, rated and opened.

    Attributes:
        year: The review year.
        findings: Every duty-check and audit finding, with explanations.
        ratings: The members' ratings (caps and quota applied), or None when the rulebook has no rating.
        cases: The cases opened from findings (signs of violation, grounds for removal).
        counts: Headline figures: organisations, cells, members, findings by rule, ratings by level.
        outcomes: Where every case of the review ended (the opened ones and the ones they opened), with
            explanations; empty when no decision policy drove them.
        orgs: The organisations: ``org_id``, ``parent_id``, ``level``, ``kind``.
        roll: The members on a cell's roll at the end of the year: ``member_id``, ``cell_id``,
            ``grassroots_id``.
    """

    year: int
    findings: Findings
    ratings: Any
    cases: tuple[Case, ...]
    counts: Mapping[str, Any]
    outcomes: tuple[CaseOutcome, ...] = ()
    orgs: pl.DataFrame = attrs.field(factory=pl.DataFrame, repr=False)
    roll: pl.DataFrame = attrs.field(factory=pl.DataFrame, repr=False)

    def summary(self, lang: str = "en") -> list[str]:
        """Human-readable headline lines."""
        c = self.counts
        lines = [
            f"{c['organisations']} grassroots organisation(s), {c['cells']} cells "
            f"({c['neighbourhood_cells']} neighbourhood cells), {c['members']} members",
            f"{c['findings']} findings: "
            + ", ".join(f"{k} {v}" for k, v in c["findings_by_rule"].items()),
        ]
        if c.get("ratings"):
            lines.append("ratings: " + ", ".join(f"{k} {v}" for k, v in c["ratings"].items()))
        lines.append(f"{len(self.cases)} case(s) opened")
        return lines

    def to_json(self, path: str | Path, lang: str = "en") -> Path:
        """Write the whole review as one JSON document: counts, findings with explanations, ratings, cases."""
        templates = self.findings.rulebook.templates
        doc = {
            "year": self.year,
            "counts": self.counts,
            "findings": [
                {
                    "rule_id": row["rule_id"],
                    "rule_version": row["rule_version"],
                    "subject_id": row["subject_id"],
                    "period_start": row["period_start"].isoformat(),
                    "consequence": row["consequence"],
                    "explanation": self.findings.explanation(row).describe(templates, lang),
                }
                for row in self.findings
            ],
            "ratings": []
            if self.ratings is None
            else [
                {
                    "subject_id": r["subject_id"],
                    "level": r["level"],
                    "proposed": r["proposed"],
                    "explanation": self.ratings.explanation(r["subject_id"]).render(
                        templates, lang
                    ),
                }
                for r in self.ratings
            ],
            "cases": [
                {
                    "id": c.id,
                    "procedure": c.procedure,
                    "version": c.version,
                    "state": c.state,
                    "subject": c.subject.id,
                    "grounds": [f"{g.kind}:{g.ref}" for g in c.grounds],
                }
                for c in self.cases
            ],
        }
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps(doc, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
        )
        return target

    def to_csv(self, folder: str | Path) -> list[Path]:
        """Write findings and ratings as CSV files for machines."""
        base = Path(folder)
        base.mkdir(parents=True, exist_ok=True)
        out = [base / "findings.csv"]
        self.findings.data.with_columns(pl.col("evidence").list.join(" ")).write_csv(out[0])
        if self.ratings is not None:
            out.append(base / "ratings.csv")
            self.ratings.data.select(
                "subject_id",
                "cell_id",
                "grassroots_id",
                "proposed",
                "level",
                "score",
                "moved_down",
                "disciplined",
            ).write_csv(out[1])
        out.append(base / "cases.csv")
        with out[-1].open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "procedure", "version", "state", "subject", "grounds"])
            for c in self.cases:
                writer.writerow(
                    [
                        c.id,
                        c.procedure,
                        c.version,
                        c.state,
                        c.subject.id,
                        " ".join(f"{g.kind}:{g.ref}" for g in c.grounds),
                    ]
                )
        return out


def grassroots_of(orgs: pl.DataFrame) -> dict[str, str | None]:
    """``org_id -> the grassroots organisation at or above it`` (None above the grassroots level)."""
    parent = dict(zip(orgs["org_id"].to_list(), orgs["parent_id"].to_list(), strict=True))
    level = dict(zip(orgs["org_id"].to_list(), orgs["level"].to_list(), strict=True))
    out: dict[str, str | None] = {}
    for org in parent:
        seen, cur = 0, org
        while cur is not None and level.get(cur) != "grassroots" and seen <= len(parent):
            cur, seen = parent.get(cur), seen + 1
        out[org] = cur if cur is not None and level.get(cur) == "grassroots" else None
    return out


def year_end_roll(facts: Facts, year: int) -> pl.DataFrame:
    """The members on a cell's roll on 31 December of ``year``: ``member_id``, ``cell_id``, ``grassroots_id``."""
    roll = on_roll(facts, _dt.date(year, 12, 31)).collect()
    up = grassroots_of(facts["orgs"])
    return roll.with_columns(
        pl.col("cell_id")
        .replace_strict(up, default=None, return_dtype=pl.String)
        .alias("grassroots_id")
    ).sort("member_id")


def _counts(facts: Facts, year: int, findings: Findings, ratings: Any) -> dict[str, Any]:
    day = _dt.date(year, 12, 31)
    orgs = facts["orgs"]
    members = on_roll(facts, day).collect()
    cells = orgs.filter(pl.col("level") == "cell")
    return {
        "organisations": orgs.filter(pl.col("level") == "grassroots").height,
        "cells": cells.height,
        "neighbourhood_cells": cells.filter(pl.col("kind") == "neighbourhood_cell").height,
        "members": members.height,
        "findings": len(findings),
        "findings_by_rule": findings.by_rule(),
        "ratings": None if ratings is None else ratings.level_counts(),
    }


def review_year(
    engine: Engine,
    facts: Facts,
    year: int,
    *,
    actor: Actor,
    intake_args: Mapping[str, Any] | None = None,
) -> YearReview:
    """Run the yearly review of ``year`` over ``facts`` with ``engine``'s rulebook.

    Args:
        engine: The engine (its rulebook, store and clock).
        facts: The validated fact tables.
        year: The review year.
        actor: Who runs the review (opens the cases).
        intake_args: Extra arguments for the rulebook's intake (the organisation directory, say).
    """
    period = DateRange.year(year)
    findings = engine.audit(facts, period)
    rate = engine.rulebook.extras.get("rate_members")
    ratings = None if rate is None else engine.rate(facts, year)
    intake: Intake | None = engine.rulebook.extras.get("open_from_findings")
    cases: tuple[Case, ...] = ()
    if intake is not None and engine.procedures:
        cases = tuple(intake(engine, findings, actor, **(intake_args or {})))
    return YearReview(
        year,
        findings,
        ratings,
        cases,
        _counts(facts, year, findings, ratings),
        orgs=facts["orgs"],
        roll=year_end_roll(facts, year),
    )
