"""What of a yearly review an actor may see: :func:`scope` returns the restricted copy a report is made from.

The rules are the rulebook's own (``extras["visibility"]``, the engine's default otherwise):

* rows of the population tables (ratings, findings, the roll) follow the visibility's population rules: a
  body sees the rows of its own organisation and of every organisation below it (a cell its own members, a
  ward every cell under the ward), through :meth:`~kiemtra._workflow._visibility.Visibility.org_filter`;
* a finding about an organisation (a cell's ledger) belongs to that organisation, so the cell sees the audit
  of its own books as its ward does; a finding about a place the organisation table does not know (a
  residential area's fund campaign) belongs to the organisation ``places`` names for it, or else to the
  known organisation whose id is the longest prefix of the place's id followed by ``-``
  (``HA_LAM-KHU1`` -> ``HA_LAM``), or else to none (then only an unrestricted report shows it);
* a case is shown when the case visibility rules let the actor see anything of it
  (:meth:`~kiemtra._workflow._visibility.Visibility.view`); a case outcome with no case in the review is
  shown when the actor sees its subject's organisation;
* nobody sees a denouncer's identity: the people playing ``denouncer`` are dropped from every case, and a
  denouncer's id is masked wherever an outcome's explanation names it.

``actor=None`` and a :class:`~kiemtra.SystemActor` see everything (denouncers still masked); an actor acting
for no body (an outside person) sees no row.

The first restricted copy of a large review indexes it once (its tables split by grassroots organisation),
so that writing one report per grassroots organisation costs each report only its own rows.
"""

from __future__ import annotations

import datetime as _dt
import threading
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

import attrs
import polars as pl

from kiemtra._model._actor import Actor, BodyActor, MemberActor, SystemActor
from kiemtra._rules._explanation import Explanation, Scalar
from kiemtra._workflow._case import Case
from kiemtra._workflow._directory import StaticDirectory
from kiemtra._workflow._visibility import (
    FINDINGS,
    RATINGS,
    PopulationRule,
    Visibility,
    default_visibility,
)
from kiemtra.review import CaseOutcome, Places, YearReview

__all__ = ["DENOUNCER", "MASK", "Places", "home_orgs", "scope"]

DENOUNCER: Final = "denouncer"
"""The part whose people the report never names."""
MASK: Final = "***"
"""What stands in for a denouncer's id in an explanation."""

_UNSEEN: Final = (
    "\x00"  # the grassroots key of rows that belong to no known grassroots organisation
)


def _visibility(review: YearReview) -> Visibility:
    found = review.findings.rulebook.extras.get("visibility")
    return found if isinstance(found, Visibility) else default_visibility()


def _population(vis: Visibility, category: str, column: str) -> PopulationRule:
    return vis.population_rule(category) or PopulationRule(category, column)


def home_orgs(
    findings: pl.DataFrame, known: Iterable[str], places: Mapping[str, str] | None = None
) -> pl.Series:
    """The organisation each finding belongs to (see the module docstring), as a series ``home``.

    Args:
        findings: A findings table (``subject_kind``, ``subject_id``, ``org_id``).
        known: The ids of the organisations the review knows.
        places: ``place id -> organisation id`` for places the organisation table does not know.
    """
    return _homes(findings, Places(known, places))


def _homes(findings: pl.DataFrame, resolve: Places) -> pl.Series:
    if findings.height == 0:
        return pl.Series("home", [], dtype=pl.String)
    unknown = set(findings["org_id"].unique().drop_nulls().to_list()) - resolve.known
    moved = {place: resolve(place) for place in unknown}
    known = pl.Series(sorted(resolve.known), dtype=pl.String)
    about_org = pl.col("subject_kind").is_in(["organisation", "cell"]) & pl.col("subject_id").is_in(
        known
    )
    org = pl.col("org_id").replace(moved) if moved else pl.col("org_id")
    return findings.select(
        pl.when(about_org).then(pl.col("subject_id")).otherwise(org).alias("home")
    ).to_series()


@attrs.frozen
class _Index:
    """A review's organisation tree and its tables split by grassroots organisation, built once."""

    directory: StaticDirectory
    """The organisation tree, with the places the review names hung below their organisations."""
    places: Places
    grassroots: Mapping[str, str | None]
    """``org id -> the grassroots organisation at or above it``."""
    orgs: Mapping[str, pl.DataFrame]
    findings: Mapping[str, pl.DataFrame]
    ratings: Mapping[str, pl.DataFrame]
    roll: Mapping[str, pl.DataFrame]
    cases: Mapping[str, tuple[int, ...]]
    """``grassroots -> positions of the cases naming one of its organisations``."""
    people: Mapping[str, tuple[int, ...]]
    """``person id -> positions of the cases that list the person``."""
    outcomes: Mapping[str, tuple[int, ...]]
    """``grassroots -> positions of the outcomes of its cases``."""
    outcomes_of: Mapping[str, tuple[int, ...]]
    """``case id -> positions of its outcomes``."""
    case_ids: frozenset[str]
    clean_cases: tuple[Case, ...]
    """The cases, no denouncer named."""
    clean_outcomes: tuple[CaseOutcome, ...]
    """The outcomes, no denouncer named."""


_INDEXES: dict[int, tuple[_Index, Mapping[str, str] | None]] = {}
_LOCK = threading.Lock()


def _split(frame: pl.DataFrame, key: pl.Series) -> dict[str, pl.DataFrame]:
    if frame.height == 0:
        return {}
    tagged = frame.with_columns(key.fill_null(_UNSEEN).alias("__g"))
    parts = tagged.partition_by("__g", as_dict=True, include_key=False)
    return {str(k[0]): v for k, v in parts.items()}


def _index(review: YearReview, places: Mapping[str, str] | None) -> _Index:
    found = _INDEXES.get(id(review))
    if found is not None and found[1] == places:
        return found[0]
    from kiemtra.review import grassroots_of

    orgs = review.orgs
    ids: list[str] = orgs["org_id"].to_list() if "org_id" in orgs.columns else []
    parent_ids: list[str | None] = (
        orgs["parent_id"].to_list() if "parent_id" in orgs.columns else [None] * len(ids)
    )
    parents = dict(zip(ids, parent_ids, strict=True))
    up = grassroots_of(orgs) if ids and "level" in orgs.columns else {}
    data = review.findings.data
    resolve = Places(ids, places)
    home = _homes(data, resolve)
    # The places the cases and findings name (residential areas) hang below the organisation they belong
    # to, so that the case visibility rules see the bodies above them as superiors.
    named = set(data["org_id"].unique().drop_nulls().to_list())
    named.update(o for c in review.cases for o in c.org_ids())
    named.update(o.org_id for o in review.outcomes if o.org_id is not None)
    named.update(o.subject_id for o in review.outcomes if o.subject_kind != "member")
    below = {p: resolve(p) for p in named if p not in resolve.known}
    findings = _split(
        data.with_columns(home), home.replace_strict(up, default=None, return_dtype=pl.String)
    )
    ratings: dict[str, pl.DataFrame] = {}
    if review.ratings is not None and "grassroots_id" in review.ratings.data.columns:
        ratings = _split(review.ratings.data, review.ratings.data["grassroots_id"])
    roll: dict[str, pl.DataFrame] = {}
    if "grassroots_id" in review.roll.columns:
        roll = _split(review.roll, review.roll["grassroots_id"])

    def key_of(org: str | None) -> str | None:
        home_org = resolve(org)
        return None if home_org is None else up.get(home_org)

    case_keys: dict[str, list[int]] = {}
    people: dict[str, list[int]] = {}
    keys_of_case: dict[str, set[str]] = {}
    for n, case in enumerate(review.cases):
        keys = keys_of_case[case.id] = {k for o in case.org_ids() if (k := key_of(o)) is not None}
        for k in keys:
            case_keys.setdefault(k, []).append(n)
        for _part, person in case.people:
            people.setdefault(person, []).append(n)
    outcome_keys: dict[str, list[int]] = {}
    by_case: dict[str, list[int]] = {}
    for n, o in enumerate(review.outcomes):
        by_case.setdefault(o.case_id, []).append(n)
        known_keys = keys_of_case.get(o.case_id)
        if known_keys is None:
            known_keys = {k for x in (o.org_id, o.subject_id) if (k := key_of(x)) is not None}
            known_keys.update([o.grassroots_id] if o.grassroots_id is not None else [])
        for k in known_keys:
            outcome_keys.setdefault(k, []).append(n)

    links = {o: p for o, p in parents.items() if p is not None}
    links.update((p, o) for p, o in below.items() if o is not None)
    index = _Index(
        StaticDirectory(parents=links),
        resolve,
        up,
        _split(orgs, pl.Series([up.get(o) for o in ids], dtype=pl.String)) if ids else {},
        findings,
        ratings,
        roll,
        {k: tuple(v) for k, v in case_keys.items()},
        {k: tuple(v) for k, v in people.items()},
        {k: tuple(v) for k, v in outcome_keys.items()},
        {k: tuple(v) for k, v in by_case.items()},
        frozenset(keys_of_case),
        *_without_denouncers(review.cases, review.outcomes),
    )
    with _LOCK:
        if id(review) not in _INDEXES:
            weakref.finalize(review, _INDEXES.pop, id(review), None)
        _INDEXES[id(review)] = (index, places)
    return index


def _pick(parts: Mapping[str, pl.DataFrame], key: str | None, whole: pl.DataFrame) -> pl.DataFrame:
    """The rows of grassroots organisation ``key`` (all of ``whole`` when None)."""
    if key is None:
        return whole
    found = parts.get(key)
    return whole.clear() if found is None else found


def _keep(frame: pl.DataFrame, column: str, allowed: Callable[[str | None], bool]) -> pl.DataFrame:
    """The rows of ``frame`` whose ``column`` passes ``allowed`` (the frame itself when all do)."""
    if column not in frame.columns:
        return frame.clear()
    if frame.height == 0:
        return frame
    values = frame[column].to_list()
    verdict = {v: allowed(v) for v in set(values)}
    if all(verdict.values()):
        return frame
    if not any(verdict.values()):
        return frame.clear()
    return frame.filter(pl.Series([verdict[v] for v in values], dtype=pl.Boolean))


def _mask(value: Scalar, hidden: frozenset[str]) -> Scalar:
    return MASK if isinstance(value, str) and value in hidden else value


def _masked(explanation: Explanation, hidden: frozenset[str]) -> Explanation:
    if not hidden:
        return explanation
    touched = (
        any(isinstance(v, str) and v in hidden for v in explanation.args.values())
        or any(isinstance(v, str) and v in hidden for v in explanation.inputs.values())
        or any(isinstance(v, str) and v in hidden for v in explanation.thresholds.values())
        or any(e in hidden for e in explanation.evidence)
    )
    if not touched:
        return explanation
    return attrs.evolve(
        explanation,
        args={k: _mask(v, hidden) for k, v in explanation.args.items()},
        inputs={k: _mask(v, hidden) for k, v in explanation.inputs.items()},
        thresholds={k: _mask(v, hidden) for k, v in explanation.thresholds.items()},
        evidence=tuple(MASK if e in hidden else e for e in explanation.evidence),
    )


def _without_denouncers(
    cases: tuple[Case, ...], outcomes: Iterable[CaseOutcome]
) -> tuple[tuple[Case, ...], tuple[CaseOutcome, ...]]:
    hidden = frozenset(p for c in cases for part, p in c.people if part == DENOUNCER)
    out_cases = tuple(
        attrs.evolve(c, people=tuple(p for p in c.people if p[0] != DENOUNCER))
        if any(p[0] == DENOUNCER for p in c.people)
        else c
        for c in cases
    )
    out_outcomes = tuple(
        o
        if not hidden
        or (o.subject_id not in hidden and _masked(o.explanation, hidden) is o.explanation)
        else attrs.evolve(
            o,
            subject_id=MASK if o.subject_id in hidden else o.subject_id,
            explanation=_masked(o.explanation, hidden),
        )
        for o in outcomes
    )
    return out_cases, out_outcomes


def _counts(
    orgs: pl.DataFrame,
    roll: pl.DataFrame,
    findings: pl.DataFrame,
    ratings: Any,
    levels: Iterable[str],
) -> dict[str, Any]:
    """The review's headline figures for the rows kept (counted in Python: the frames are small)."""
    pairs = list(
        zip(
            orgs["level"].to_list() if "level" in orgs.columns else [],
            orgs["kind"].to_list() if "kind" in orgs.columns else [],
            strict=False,
        )
    )
    by_rule = Counter(findings["rule_id"].to_list())
    rated = None
    if ratings is not None:
        found = Counter(ratings.data["level"].to_list())
        rated = {lv: found.pop(lv, 0) for lv in levels}
        rated.update(sorted(found.items()))
    return {
        "organisations": sum(1 for lv, _ in pairs if lv == "grassroots"),
        "cells": sum(1 for lv, _ in pairs if lv == "cell"),
        "neighbourhood_cells": sum(
            1 for lv, k in pairs if lv == "cell" and k == "neighbourhood_cell"
        ),
        "members": roll.height,
        "findings": findings.height,
        "findings_by_rule": dict(sorted(by_rule.items())),
        "ratings": rated,
    }


def scope(
    review: YearReview, actor: Actor | None, *, places: Mapping[str, str] | None = None
) -> YearReview:
    """The part of ``review`` that ``actor`` may see, as a review of its own (see the module docstring).

    Args:
        review: The whole review.
        actor: Who the report is for; None for everything.
        places: ``place id -> organisation id`` for the places (residential areas) that fund campaigns
            belong to and the organisation table does not know.

    Returns:
        A copy with only the organisations, roll, findings, ratings, cases and outcomes ``actor`` may
        see, its counts recomputed, and no denouncer named.
    """
    index = _index(review, places)
    cases, outcomes = index.clean_cases, index.clean_outcomes
    if actor is None or isinstance(actor, SystemActor):
        return attrs.evolve(review, cases=cases, outcomes=outcomes)

    vis = _visibility(review)
    day = _dt.date(review.year, 12, 31)
    body = actor.body if isinstance(actor, MemberActor | BodyActor) else None
    own = body.org_id if body is not None else None
    rating_rule = _population(vis, RATINGS, "cell_id")
    finding_rule = _population(vis, FINDINGS, "org_id")
    allowed = vis.org_filter(actor, index.directory, day, finding_rule.superiors)
    rating_allowed = vis.org_filter(actor, index.directory, day, rating_rule.superiors)

    # A body at or below a grassroots organisation sees rows of that organisation only: read its part
    # of the index; a body above (a district) reads the whole tables.
    key = None if own is None else index.grassroots.get(own)
    data = review.findings.data
    whole = data.with_columns(_homes(data, index.places)) if key is None else data
    findings = _keep(_pick(index.findings, key, whole), "home", allowed).drop("home", strict=False)
    scoped_findings = attrs.evolve(review.findings, data=findings)

    ratings = review.ratings
    if ratings is not None:
        table = _pick(index.ratings, key, ratings.data)
        changes = {"data": _keep(table, rating_rule.column, rating_allowed)}
        unrated = getattr(ratings, "unrated", None)
        if isinstance(unrated, pl.DataFrame) and rating_rule.column in unrated.columns:
            changes["unrated"] = _keep(unrated, rating_rule.column, rating_allowed)
        ratings = attrs.evolve(ratings, **changes)

    roll = _keep(_pick(index.roll, key, review.roll), "cell_id", rating_allowed)
    orgs = _keep(_pick(index.orgs, key, review.orgs), "org_id", allowed)

    # The cases that could concern the actor: those naming an organisation of its grassroots organisation
    # or listing the actor among their people; the case visibility rules decide among them.
    if key is None:
        case_at: Iterable[int] = range(len(cases))
        outcome_at: Iterable[int] = range(len(outcomes))
    else:
        person = actor.member_id if isinstance(actor, MemberActor) else None
        listed = index.people.get(person or "", ())
        case_at = sorted({*index.cases.get(key, ()), *listed})
        outcome_at = sorted(
            {
                *index.outcomes.get(key, ()),
                *(n for c in listed for n in index.outcomes_of.get(cases[c].id, ())),
            }
        )
    seen_cases = tuple(
        c for c in (cases[n] for n in case_at) if vis.view(c, actor, day, index.directory).anything
    )
    all_ids = index.case_ids
    seen_ids = {c.id for c in seen_cases}

    def shows(o: CaseOutcome) -> bool:
        if o.case_id in all_ids:
            return o.case_id in seen_ids
        org = o.org_id
        if org is None and o.subject_kind != "member":
            org = o.subject_id
        return allowed(org if org is not None else o.grassroots_id)

    return YearReview(
        review.year,
        scoped_findings,
        ratings,
        seen_cases,
        _counts(orgs, roll, findings, ratings, (review.counts.get("ratings") or {}).keys()),
        outcomes=tuple(o for o in (outcomes[n] for n in outcome_at) if shows(o)),
        orgs=orgs,
        roll=roll,
    )
