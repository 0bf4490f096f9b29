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
import inspect
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import attrs
import pendulum
import polars as pl

from kiemtra._errors import InvalidInput
from kiemtra._model._actor import Actor
from kiemtra._policy import CaseOutcome, DecisionPolicy, PolicyContext, Step, drive
from kiemtra._rules._evaluate import Findings
from kiemtra._rules._explanation import Explanation
from kiemtra._rules._rule import finding_ref
from kiemtra._time import DateRange
from kiemtra._workflow._case import Case
from kiemtra._workflow._engine import Engine
from kiemtra.facts import Facts, on_roll

__all__ = [
    "CaseOutcome",
    "DecisionPolicy",
    "Places",
    "PolicyContext",
    "Step",
    "YearReview",
    "by_grassroots",
    "drive",
    "finding_ref",
    "policy_context",
    "review_parts",
    "review_year",
]

Intake = Callable[..., Sequence[Case]]

# the consequences that open cases (kiemtra.rulebooks.vn.PROCEDURE_FOR): only their rows are indexed
_OPENING = ("sign_of_violation", "removal_ground")


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
        if self.outcomes:
            ends: dict[str, int] = {}
            for o in self.outcomes:
                key = f"{o.procedure}: {o.sanction or o.outcome or o.state}"
                ends[key] = ends.get(key, 0) + 1
            lines.append(
                f"{len(self.outcomes)} case(s) decided: "
                + ", ".join(f"{k} {v}" for k, v in sorted(ends.items()))
            )
        return lines

    def to_json(self, path: str | Path, lang: str | None = "both") -> Path:
        """Write the whole review as one JSON document: counts, the rules applied with their parameters and
        citations, findings, ratings, cases and their outcomes, each with its explanation.

        Args:
            path: The file written.
            lang: ``"vi"`` or ``"en"``: every explanation rendered in that language; ``"both"``:
                ``{"vi": ..., "en": ...}``; None: for machines at population scale, findings and ratings
                as their structured explanation only (rule id and version, governing date, inputs,
                thresholds and evidence; the parameters and citations once per rule under ``"rules"``),
                written by polars without rendering a sentence per row; the outcomes' explanations as their
                parts (message key and arguments, inputs, thresholds, parameters, evidence, citations).
        """
        templates = self.findings.rulebook.templates

        def said(explanation: Explanation, full: bool = False) -> Any:
            def one(code: str) -> str:
                return (
                    explanation.describe(templates, code)
                    if full
                    else explanation.render(templates, code)
                )

            if lang in ("vi", "en"):
                return one(lang)
            return {"vi": one("vi"), "en": one("en")}

        head: dict[str, Any] = {
            "year": self.year,
            "counts": self.counts,
            "rules": self._rules_applied(),
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
            "outcomes": [
                {
                    "case_id": o.case_id,
                    "procedure": o.procedure,
                    "version": o.version,
                    "subject_kind": o.subject_kind,
                    "subject": o.subject_id,
                    "org_id": o.org_id,
                    "grassroots_id": o.grassroots_id,
                    "state": o.state,
                    "outcome": o.outcome,
                    "sanction": o.sanction,
                    "path": list(o.path),
                    "children": list(o.children),
                    "rule_id": o.explanation.rule_id,
                    "rule_version": o.explanation.rule_version,
                    "explanation": said(o.explanation, full=True)
                    if lang is not None
                    else _structured(o.explanation),
                }
                for o in self.outcomes
            ],
        }
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        tables: list[pl.DataFrame | str]
        if lang is None:
            # polars writes the big tables straight into the file, as bytes
            tables = [
                self.findings.data.with_columns(
                    pl.col("period_start", "period_end", "governing_date").dt.to_string("%Y-%m-%d")
                ),
                "[]" if self.ratings is None else self.ratings.data,
            ]
        else:
            findings = json.dumps(
                [
                    {
                        "rule_id": row["rule_id"],
                        "rule_version": row["rule_version"],
                        "subject_id": row["subject_id"],
                        "period_start": row["period_start"].isoformat(),
                        "consequence": row["consequence"],
                        "explanation": said(self.findings.explanation(row), full=True),
                    }
                    for row in self.findings
                ],
                ensure_ascii=False,
            )
            ratings = json.dumps(
                []
                if self.ratings is None
                else [
                    {
                        "subject_id": r["subject_id"],
                        "level": r["level"],
                        "proposed": r["proposed"],
                        "explanation": said(self.ratings.explanation(r["subject_id"])),
                    }
                    for r in self.ratings
                ],
                ensure_ascii=False,
            )
            tables = [findings, ratings]
        # for people, one key a line; the machine form (lang=None) is not indented
        body = json.dumps(head, ensure_ascii=False, indent=None if lang is None else 1, default=str)
        with target.open("wb") as out:
            for text, table in zip(
                (body[:-1].rstrip() + ',\n "findings": ', ',\n "ratings": '), tables, strict=True
            ):
                out.write(text.encode())
                if isinstance(table, str):
                    out.write(table.encode())
                else:
                    table.write_json(out)
            out.write(b"\n}\n")
        return target

    def _rules_applied(self) -> list[dict[str, Any]]:
        """Each rule applied, per governing date: its citations and the parameters it read, with their
        values, citations and status."""
        book = self.findings.rulebook
        keys = self.findings.data.select("rule_id", "rule_version", "governing_date").unique()
        out = []
        for rule_id, version, day in sorted(keys.iter_rows()):
            rule = self.findings.rules.rule(rule_id, version)
            on = pendulum.Date(day.year, day.month, day.day)
            out.append(
                {
                    "rule_id": rule_id,
                    "rule_version": version,
                    "governing_date": day.isoformat(),
                    "consequence": rule.consequence.value,
                    "citations": [str(c) for c in rule.citations],
                    "params": [
                        {
                            "key": use.key,
                            "value": str(use.value),
                            "status": use.status.value,
                            "citations": [str(c) for c in use.citations],
                        }
                        for use in (book.use(k, on) for k in rule.params)
                    ],
                }
            )
        return out

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

    def to_html(
        self,
        path: str | Path,
        *,
        actor: Actor | None = None,
        lang: str = "vi",
        rulebook: Any = None,
        names: Mapping[str, str] | None = None,
        places: Mapping[str, str] | None = None,
    ) -> Path:
        """Write the report for people: one self-contained HTML page, Vietnamese with an English switch.

        Args:
            path: The file to write.
            actor: Who the report is for: it shows only what they may see (None: everything).
            lang: The language shown first (``"vi"`` or ``"en"``).
            rulebook: The rulebook of the labels and procedures; the findings' rulebook by default.
            names: Display names of organisations, places and campaigns, by id.
            places: ``place id -> organisation id`` for places the organisations table does not list.

        Returns:
            The file written. The charts need the ``report`` extra (``pip install 'kiemtra[report]'``).
        """
        from kiemtra._report import render_html

        return render_html(self, rulebook, path, actor=actor, lang=lang, names=names, places=places)


def _structured(explanation: Explanation) -> dict[str, Any]:
    """An explanation as data, for machines: what a template would render, and what it rests on."""
    return {
        "rule_id": explanation.rule_id,
        "rule_version": explanation.rule_version,
        "message_key": explanation.message_key,
        "args": dict(explanation.args),
        "inputs": dict(explanation.inputs),
        "thresholds": dict(explanation.thresholds),
        "params": [p.key for p in explanation.params],
        "evidence": list(explanation.evidence),
        "citations": [str(c) for c in explanation.citations],
        "governing_date": explanation.governing_date,
    }


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


def _counts(facts: Facts, roll: pl.DataFrame, findings: Findings, ratings: Any) -> dict[str, Any]:
    orgs = facts["orgs"]
    cells = orgs.filter(pl.col("level") == "cell")
    return {
        "organisations": orgs.filter(pl.col("level") == "grassroots").height,
        "cells": cells.height,
        "neighbourhood_cells": cells.filter(pl.col("kind") == "neighbourhood_cell").height,
        "members": roll.height,
        "findings": len(findings),
        "findings_by_rule": findings.by_rule(),
        "ratings": None if ratings is None else ratings.level_counts(),
    }


def review_year(
    engine: Engine,
    facts: Facts | Iterable[Facts],
    year: int,
    *,
    actor: Actor,
    intake_args: Mapping[str, Any] | None = None,
    policy: DecisionPolicy | None = None,
    decide: bool = True,
    progress: Callable[[str, int], None] | None = None,
) -> YearReview:
    """Run the yearly review of ``year`` over ``facts`` with ``engine``'s rulebook.

    The steps, in order: the duty checks and fund audits (the parameters in force on each rule's governing
    date), the ratings with their quota, the cases the findings call for, and those cases driven to their
    outcomes by ``policy``. ``facts`` may be one table set or an iterable of them, one per group of
    grassroots organisations (:func:`by_grassroots`, or the host's own partitions): each part is reviewed
    and may be dropped before the next is read, so a province need not fit in memory at once. The ratings'
    quota is per grassroots organisation, so parts must not split one.

    Args:
        engine: The engine (its rulebook, store and clock).
        facts: The validated fact tables, or an iterable of parts.
        year: The review year.
        actor: Who runs the review (opens the cases).
        intake_args: Extra arguments for the rulebook's intake (the organisation directory, say).
        policy: Who decides the cases; the rulebook's ``extras["decision_policy"]`` (a factory) by default.
        decide: Whether to drive the cases at all (False: they stay where they opened).
        progress: Called with ``(stage, count)`` as each part is evaluated (``evaluate``: findings and
            ratings ready) and as its cases are opened (``cases``) and decided (``outcomes``).
    """
    reviews = list(
        review_parts(
            engine,
            facts,
            year,
            actor=actor,
            intake_args=intake_args,
            policy=policy,
            decide=decide,
            progress=progress,
        )
    )
    if not reviews:
        raise InvalidInput("facts", "no parts", "a review needs at least one set of facts")
    return reviews[0] if len(reviews) == 1 else _merge(reviews)


@attrs.frozen
class _Evaluated:
    """A part's facts with what the rules and the rating made of them."""

    facts: Facts
    findings: Findings
    ratings: Any
    counts: Mapping[str, Any]
    roll: pl.DataFrame


def review_parts(
    engine: Engine,
    facts: Facts | Iterable[Facts],
    year: int,
    *,
    actor: Actor,
    intake_args: Mapping[str, Any] | None = None,
    policy: DecisionPolicy | None = None,
    decide: bool = True,
    progress: Callable[[str, int], None] | None = None,
    prefetch: bool = True,
) -> Iterator[YearReview]:
    """The review of each part of ``facts`` in turn, as :func:`review_year` runs it, without merging them:
    a host writes each part's reports and lets it go.

    With ``prefetch`` the next part is read, checked and rated in a worker thread while this part's cases
    are opened and driven: the rules run in polars, which releases the interpreter, so the two overlap on
    two cores. The store is written by the calling thread only.

    Args:
        engine: The engine (its rulebook, store and clock).
        facts: The validated fact tables, or an iterable of parts (read lazily, one ahead with ``prefetch``).
        year: The review year.
        actor: Who runs the review (opens the cases).
        intake_args: Extra arguments for the rulebook's intake.
        policy: Who decides the cases; the rulebook's ``extras["decision_policy"]`` by default.
        decide: Whether to drive the cases at all.
        progress: Called with ``(stage, count)`` from the calling thread: ``evaluate`` when a part's findings
            and ratings are ready, then ``cases`` and ``outcomes``.
        prefetch: Evaluate the next part while this one's cases are driven.
    """
    args = dict(intake_args or {})
    intake = engine.rulebook.extras.get("open_from_findings")
    if intake is not None and "seen" in inspect.signature(intake).parameters:
        # the parts share what is already taken up: the store is read once, not once a part
        args.setdefault("seen", set())
    parts = iter([facts] if isinstance(facts, Facts) else facts)
    period = DateRange.year(year)
    rate = engine.rulebook.extras.get("rate_members")

    def evaluate() -> _Evaluated | None:
        part = next(parts, None)
        if part is None:
            return None
        findings = engine.audit(part, period)
        ratings = None if rate is None else engine.rate(part, year)
        roll = year_end_roll(part, year)
        return _Evaluated(part, findings, ratings, _counts(part, roll, findings, ratings), roll)

    tick = progress or (lambda stage, n: None)
    if not prefetch:
        while (done := evaluate()) is not None:
            tick("evaluate", len(done.findings))
            yield _decide_part(engine, done, year, actor, args, policy, decide, tick)
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiemtra-review") as pool:
        ahead = pool.submit(evaluate)
        while (done := ahead.result()) is not None:
            tick("evaluate", len(done.findings))
            ahead = pool.submit(evaluate)
            yield _decide_part(engine, done, year, actor, args, policy, decide, tick)


class Places:
    """Finds the organisation a place the organisation table does not know belongs to (a residential area):
    the one ``places`` names, or else the known organisation whose id is the longest prefix of the place's
    id followed by ``-`` (``HA_LAM-KHU1`` -> ``HA_LAM``), or else none. Each answer is remembered.

    Args:
        known: The ids of the organisations the review knows (a known id is its own answer).
        places: ``place id -> organisation id`` where the ids do not say it.
    """

    def __init__(self, known: Iterable[str], places: Mapping[str, str] | None) -> None:
        self.known = set(known)
        self.places = places or {}
        self._cache: dict[str, str | None] = {}

    def __call__(self, place: str | None) -> str | None:
        if place is None or place in self.known:
            return place
        if place in self._cache:
            return self._cache[place]
        found = self.places.get(place)
        cut = len(place)
        while found is None and (cut := place.rfind("-", 0, cut)) > 0:
            if place[:cut] in self.known:  # the longest known id the place's id starts with
                found = place[:cut]
        self._cache[place] = found
        return found


def by_grassroots(
    facts: Facts, per_part: int, *, area_org: Mapping[str, str] | None = None
) -> Iterator[Facts]:
    """``facts`` in parts of ``per_part`` grassroots organisations each, with their cells, members,
    ledgers and their residential areas' campaigns (for :func:`review_year` over a large province).

    Args:
        facts: The whole province's facts.
        per_part: Grassroots organisations per part.
        area_org: ``area_id -> organisation`` of the residential areas. By default an area belongs to the
            organisation whose id begins its id (:class:`Places`: ``P001-KP02`` to ``P001``), and so to
            that organisation's grassroots organisation; a campaign whose area matches none goes with the
            first part, so every campaign is audited once.

    Raises:
        InvalidInput: ``per_part`` is not a positive integer.
    """
    if type(per_part) is not int or per_part < 1:
        raise InvalidInput("per_part", per_part, "must be a positive integer")
    up = grassroots_of(facts["orgs"])
    roots = sorted({g for g in up.values() if g is not None})
    areas = facts["campaigns"]["area_id"].unique().to_list()
    place = Places(up, area_org)
    owner = {a: g for a in areas if (o := place(a)) is not None and (g := up.get(o)) is not None}
    for first in range(0, len(roots), per_part):
        chosen = set(roots[first : first + per_part])
        part = facts.for_orgs([o for o, g in up.items() if g in chosen])
        mine = [a for a in areas if owner.get(a) in chosen or (first == 0 and a not in owner)]
        ids = facts["campaigns"].filter(pl.col("area_id").is_in(mine))["campaign_id"].to_list()
        own = {n: facts.for_campaigns(ids).tables[n] for n in _CAMPAIGN_TABLES}
        # the part's organisations: its grassroots organisations, what is below and what is above them
        keep = [o for o, g in up.items() if g in chosen or g is None]
        own["orgs"] = facts["orgs"].filter(pl.col("org_id").is_in(keep))
        yield attrs.evolve(part, tables={**part.tables, **own})


_CAMPAIGN_TABLES = (
    "campaigns",
    "household_meetings",
    "household_votes",
    "contributions",
    "disbursements",
    "postings",
    "settlements",
)


def _decide_part(
    engine: Engine,
    done: _Evaluated,
    year: int,
    actor: Actor,
    intake_args: Mapping[str, Any],
    policy: DecisionPolicy | None,
    decide: bool,
    tick: Callable[[str, int], None],
) -> YearReview:
    facts, findings = done.facts, done.findings
    intake: Intake | None = engine.rulebook.extras.get("open_from_findings")
    cases: tuple[Case, ...] = ()
    if intake is not None and engine.procedures:
        cases = tuple(intake(engine, findings, actor, **intake_args))
    tick("cases", len(cases))
    outcomes: tuple[CaseOutcome, ...] = ()
    chosen = policy if policy is not None else _default_policy(engine)
    if decide and cases and chosen is not None:
        context = policy_context(engine, facts, findings, cases, year)
        up = grassroots_of(facts["orgs"])
        outcomes = tuple(drive(engine, cases, chosen, context, grassroots=up))
    tick("outcomes", len(outcomes))
    return YearReview(
        year,
        findings,
        done.ratings,
        cases,
        done.counts,
        outcomes=outcomes,
        orgs=facts["orgs"],
        roll=done.roll,
    )


def _default_policy(engine: Engine) -> DecisionPolicy | None:
    factory = engine.rulebook.extras.get("decision_policy")
    return None if factory is None else factory()


def policy_context(
    engine: Engine, facts: Facts, findings: Findings, cases: Sequence[Case], year: int
) -> PolicyContext:
    """What a decision policy may read about ``cases``: the findings that are their grounds (each
    explained once), the members they are about, and the rules' titles.

    Args:
        engine: The engine.
        facts: The facts reviewed.
        findings: Their findings.
        cases: The cases about to be driven.
        year: The review year.
    """
    wanted = {g.ref for c in cases for g in c.grounds if g.kind == "finding"}
    by_ground: dict[str, Mapping[str, Any]] = {}
    for row in findings.data.filter(pl.col("consequence").is_in(list(_OPENING))).iter_rows(
        named=True
    ):
        ref = finding_ref(row)
        if ref in wanted:
            by_ground[ref] = row
    members = {c.subject.id for c in cases if c.subject.kind == "member"}
    subjects = {
        r["member_id"]: r
        for r in facts["members"]
        .filter(pl.col("member_id").is_in(pl.Series(sorted(members), dtype=pl.String).implode()))
        .iter_rows(named=True)
    }
    titles = {r.id: r.title for r in findings.rules.rules}
    explained: dict[str, Explanation] = {}

    def explain(row: Mapping[str, Any]) -> Explanation:
        # a policy reads a ground's explanation when it plans and again when it concludes
        ref = finding_ref(row)
        found = explained.get(ref)
        if found is None:
            found = explained[ref] = findings.explanation(row)
        return found

    return PolicyContext(engine, by_ground, explain, year, subjects, titles)


def _merge(reviews: Sequence[YearReview]) -> YearReview:
    first = reviews[0]
    findings = Findings(
        pl.concat([r.findings.data for r in reviews], how="vertical"),
        first.findings.rules,
        first.findings.rulebook,
    )
    ratings = first.ratings
    if ratings is not None:
        ratings = attrs.evolve(
            ratings,
            data=pl.concat([r.ratings.data for r in reviews], how="vertical_relaxed"),
            unrated=pl.concat([r.ratings.unrated for r in reviews], how="vertical_relaxed"),
        )
    counts = _sum_counts([r.counts for r in reviews])
    orgs = pl.concat([r.orgs for r in reviews], how="vertical").unique("org_id", keep="first")
    return YearReview(
        first.year,
        findings,
        ratings,
        tuple(c for r in reviews for c in r.cases),
        counts,
        outcomes=tuple(o for r in reviews for o in r.outcomes),
        orgs=orgs.sort("org_id"),
        roll=pl.concat([r.roll for r in reviews], how="vertical").sort("member_id"),
    )


def _sum_counts(parts: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for part in parts:
        for key, value in part.items():
            if isinstance(value, Mapping):
                into = out.setdefault(key, {})
                for k, v in value.items():
                    into[k] = into.get(k, 0) + v
            elif isinstance(value, int):
                out[key] = out.get(key, 0) + value
            else:
                out.setdefault(key, value)
    return out
