"""The yearly review pipeline (kiemtra.review) and the decision policy that drives its cases.

Expected figures come from the seed article (11 cells, 6 neighbourhood cells, 430 members in the Hà Lầm
ward party organisation) and from regulations.md: a removal from the roll ends with the member removed or
kept (row 1, Charter Art 8 k1), a reprimand needs more than half of the voting members (row 15).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kiemtra
from kiemtra import Body, BodyActor, InvalidInput, MemoryStore
from kiemtra._policy import PolicyContext, Step, drive
from kiemtra._workflow._case import Case, Event
from kiemtra.review import YearReview, by_grassroots, review_parts, review_year
from kiemtra.rulebooks import vn
from kiemtra.rulebooks.vn._policy import MONEY_RULES
from kiemtra.synth import generate, ha_lam_2018

WARD_COMMISSION = BodyActor(Body("HA_LAM", "inspection_commission"))


def _engine(year: int) -> kiemtra.Engine:
    return kiemtra.Engine(
        vn.rulebook(),
        MemoryStore(),
        kiemtra.FixedClock(pendulum.datetime(year + 1, 1, 10, 8, tz="Asia/Ho_Chi_Minh")),
    )


@pytest.fixture(scope="module")
def ha_lam() -> tuple[kiemtra.Engine, YearReview]:
    """The Hà Lầm 2018 review, driven by the default simulated ward."""
    engine = _engine(2018)
    return engine, review_year(engine, ha_lam_2018().facts, 2018, actor=WARD_COMMISSION)


def _ends(review: YearReview) -> Counter[tuple[str, str, str, str | None, str | None]]:
    return Counter(
        (o.procedure, o.subject_id, o.state, o.outcome, o.sanction) for o in review.outcomes
    )


def test_the_ha_lam_review_counts_what_the_article_counts(
    ha_lam: tuple[kiemtra.Engine, YearReview],
) -> None:
    """One ward organisation, 11 cells of which 6 neighbourhood cells, 430 members (the seed article)."""
    _, review = ha_lam
    c = review.counts
    assert (c["organisations"], c["cells"], c["neighbourhood_cells"], c["members"]) == (
        1,
        11,
        6,
        430,
    )


def test_every_opened_case_is_driven_to_an_end(
    ha_lam: tuple[kiemtra.Engine, YearReview],
) -> None:
    """Each case the findings opened has an outcome, and each ends in a final state of its procedure."""
    engine, review = ha_lam
    finals = {
        (p.name, v.version): {s.name for s in v.states if s.final}
        for p in engine.procedures.values()
        for v in p.versions
    }
    ended = {o.case_id for o in review.outcomes}
    assert {c.id for c in review.cases} <= ended
    assert all(
        o.state in finals[(o.procedure, o.version)] or o.state == "IN_EFFECT"
        for o in review.outcomes
    )


def test_a_removal_ends_removed_or_kept(ha_lam: tuple[kiemtra.Engine, YearReview]) -> None:
    """Every removal from the roll ends with the member removed or kept (row 1)."""
    _, review = ha_lam
    removals = [o for o in review.outcomes if o.procedure == "RemovalFromRoll"]
    assert removals and {(o.state, o.outcome) for o in removals} <= {
        ("REMOVED", "removed"),
        ("KEPT", "kept"),
    }


def test_a_removed_member_is_one_the_three_month_rule_found(
    ha_lam: tuple[kiemtra.Engine, YearReview],
) -> None:
    """Only members with a three-month-rule finding are removed."""
    _, review = ha_lam
    grounds = {
        r["subject_id"] for r in review.findings if r["rule_id"] == "membership.three_month_rule"
    }
    removed = {o.subject_id for o in review.outcomes if o.outcome == "removed"}
    assert removed and removed <= grounds


def test_money_findings_lead_to_a_reprimand_by_ballot(
    ha_lam: tuple[kiemtra.Engine, YearReview],
) -> None:
    """An inspection on a money finding concludes to the level of discipline, and its proceeding decides a
    reprimand carried by the ballot (row 15) that takes effect."""
    _, review = ha_lam
    money = {r["subject_id"] for r in review.findings if r["rule_id"] in MONEY_RULES}
    inspections = [
        o
        for o in review.outcomes
        if o.procedure == "InspectionOnSignsOfViolation" and o.subject_id in money
    ]
    children = {o.case_id: o for o in review.outcomes if o.procedure == "DisciplinaryProceeding"}
    assert inspections
    for o in inspections:
        assert o.outcome == "violation_to_discipline_level"
        (child,) = (children[c] for c in o.children)
        assert (child.state, child.sanction) == ("IN_EFFECT", "reprimand")


def test_every_outcome_explains_itself_in_both_languages(
    ha_lam: tuple[kiemtra.Engine, YearReview],
) -> None:
    """Each outcome renders in Vietnamese and in English, names its rule and version, and the two differ."""
    engine, review = ha_lam
    templates = engine.rulebook.templates
    for o in review.outcomes:
        vi = o.explanation.describe(templates, "vi")
        en = o.explanation.describe(templates, "en")
        assert o.explanation.rule_id and o.explanation.rule_version
        assert vi != en and o.subject_id in vi and o.subject_id in en


class _Nothing:
    """A policy that decides nothing."""

    def plan(self, case: Case, context: PolicyContext) -> Sequence[Step]:
        return ()

    def conclude(
        self, case: Case, events: Sequence[Event], refused: Any, context: PolicyContext
    ) -> tuple[str | None, str | None, kiemtra.Explanation]:
        return None, None, kiemtra.Explanation("test.nothing", "1", "test.nothing")


class _Skipper(_Nothing):
    """A policy that tries to decide a removal before the cell has reviewed it."""

    def plan(self, case: Case, context: PolicyContext) -> Sequence[Step]:
        return (Step("notify_member"),) if case.procedure == "RemovalFromRoll" else ()

    def conclude(
        self, case: Case, events: Sequence[Event], refused: Any, context: PolicyContext
    ) -> tuple[str | None, str | None, kiemtra.Explanation]:
        if refused is None:
            return None, None, kiemtra.Explanation("test.nothing", "1", "test.nothing")
        return None, None, refused.reasons[0]


def test_a_caller_can_replace_the_policy() -> None:
    """With a policy that decides nothing, every case stays in the state it opened in."""
    engine = _engine(2018)
    review = review_year(
        engine, ha_lam_2018().facts, 2018, actor=WARD_COMMISSION, policy=_Nothing()
    )
    assert review.outcomes and all(o.path == (o.state,) for o in review.outcomes)


def test_a_refused_step_stops_the_case_and_writes_nothing() -> None:
    """A policy's illegal step is refused by the engine: the case keeps its state and one event, and the
    outcome carries the engine's reason."""
    engine = _engine(2018)
    review = review_year(
        engine, ha_lam_2018().facts, 2018, actor=WARD_COMMISSION, policy=_Skipper()
    )
    removals = [o for o in review.outcomes if o.procedure == "RemovalFromRoll"]
    assert removals
    for o in removals:
        assert (o.state, o.explanation.message_key) == (
            "GROUND_FOUND",
            "workflow.blocked.wrong_state",
        )
        assert len(engine.store.events(o.case_id)) == 1


def test_without_deciding_no_case_moves() -> None:
    """``decide=False`` opens the cases and drives none."""
    engine = _engine(2018)
    review = review_year(engine, ha_lam_2018().facts, 2018, actor=WARD_COMMISSION, decide=False)
    assert review.cases and review.outcomes == ()


def test_the_review_is_deterministic() -> None:
    """Two reviews of the same facts end every case the same way."""
    facts = ha_lam_2018().facts
    first = review_year(_engine(2018), facts, 2018, actor=WARD_COMMISSION)
    second = review_year(_engine(2018), facts, 2018, actor=WARD_COMMISSION)
    assert _ends(first) == _ends(second)


@pytest.fixture(scope="module")
def province() -> Any:
    """A small generated province of four wards."""
    return generate(5, members=2_400, wards=4, year=2026)


def test_a_review_in_parts_finds_what_the_whole_review_finds(province: Any) -> None:
    """Reviewing a province one ward at a time gives the same findings, ratings and outcomes as reviewing
    it at once."""
    actor = BodyActor(Body("T01", "inspection_commission"))
    whole = review_year(_engine(2026), province.facts, 2026, actor=actor)
    parts = review_year(_engine(2026), by_grassroots(province.facts, 1), 2026, actor=actor)
    assert parts.findings.keys() == whole.findings.keys()
    assert (
        parts.ratings.data.select("subject_id", "level")
        .sort("subject_id")
        .equals(whole.ratings.data.select("subject_id", "level").sort("subject_id"))
    )
    assert _ends(parts) == _ends(whole)
    assert parts.counts == whole.counts


def test_parts_must_be_positive() -> None:
    """``by_grassroots`` refuses a part size below one, naming it."""
    with pytest.raises(InvalidInput, match="per_part"):
        next(by_grassroots(ha_lam_2018().facts, 0))


def test_the_full_report_explains_each_outcome_in_both_languages(
    ha_lam: tuple[kiemtra.Engine, YearReview], tmp_path: Path
) -> None:
    """The default JSON holds each outcome's explanation rendered in Vietnamese and in English."""
    _, review = ha_lam
    doc = json.loads(review.to_json(tmp_path / "r.json").read_text("utf-8"))
    assert doc["outcomes"] and all(
        set(o["explanation"]) == {"vi", "en"} and o["explanation"]["vi"] != o["explanation"]["en"]
        for o in doc["outcomes"]
    )


def test_the_machine_report_holds_every_row(
    ha_lam: tuple[kiemtra.Engine, YearReview], tmp_path: Path
) -> None:
    """The population-scale JSON (lang=None) holds every finding and rating, the rules applied with their
    parameters, and each outcome's explanation as data: its rule, message and evidence."""
    _, review = ha_lam
    doc = json.loads(review.to_json(tmp_path / "r.json", lang=None).read_text("utf-8"))
    assert (len(doc["findings"]), len(doc["ratings"]), len(doc["outcomes"])) == (
        len(review.findings),
        len(review.ratings),
        len(review.outcomes),
    )
    assert {r["rule_id"] for r in doc["rules"]} == {f["rule_id"] for f in doc["findings"]}
    assert [
        (o["case_id"], o["explanation"]["rule_id"], o["explanation"]["message_key"])
        for o in doc["outcomes"]
    ] == [(o.case_id, o.explanation.rule_id, o.explanation.message_key) for o in review.outcomes]
    assert all(o["explanation"]["evidence"] for o in doc["outcomes"] if len(o["path"]) > 1)


# -- any plan, legal or not ---------------------------------------------------------------------------------
_REMOVAL_TRIGGERS = (
    "review_in_cell",
    "keep_on_roll",
    "propose_removal",
    "reject_proposal",
    "decide_removal",
    "notify_member",
)


class _Random(_Nothing):
    """A policy that fires a given sequence of removal moves, with only the minutes attached."""

    def __init__(self, triggers: Sequence[str]) -> None:
        self.triggers = triggers

    def plan(self, case: Case, context: PolicyContext) -> Sequence[Step]:
        return tuple(
            Step(t, 1, (vn.Doc(f"{case.id}:{n}", "minutes"),)) for n, t in enumerate(self.triggers)
        )

    def conclude(
        self, case: Case, events: Sequence[Event], refused: Any, context: PolicyContext
    ) -> tuple[str | None, str | None, kiemtra.Explanation]:
        self.seen = (case, tuple(events), refused)
        return super().conclude(case, events, refused, context)


@pytest.fixture(scope="module")
def removal_grounds() -> Any:
    """The Hà Lầm findings, and the engine's opening of their cases, for random plans to drive."""
    return review_year(
        _engine(2018), ha_lam_2018().facts, 2018, actor=WARD_COMMISSION, decide=False
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(triggers=st.lists(st.sampled_from(_REMOVAL_TRIGGERS), max_size=6))
def test_any_plan_leaves_each_case_where_its_accepted_steps_took_it(
    removal_grounds: YearReview, triggers: list[str]
) -> None:
    """Whatever a policy plans, a case moves only by the steps the engine accepted: its path is the
    prefix of the plan before the first refusal, and its stored events are exactly those steps."""
    engine = _engine(2018)
    intake = engine.rulebook.extras["open_from_findings"]
    cases = [
        c
        for c in intake(engine, removal_grounds.findings, WARD_COMMISSION)
        if c.procedure == "RemovalFromRoll"
    ][:1]
    policy = _Random(triggers)
    context = PolicyContext(engine, {}, removal_grounds.findings.explanation, 2018)
    (outcome,) = drive(engine, cases, policy, context)
    final, events, refused = policy.seen
    fired = [e.trigger for e in events]
    assert fired == triggers[: len(fired)]
    assert (refused is None) == (len(fired) == len(triggers))
    stored = engine.store.events(final.id)
    assert [e.trigger for e in stored[1:]] == fired
    assert outcome.path == (stored[0].target, *(e.target for e in events))
    assert outcome.state == final.state == stored[-1].target


def test_a_second_review_of_the_same_year_opens_nothing_new() -> None:
    """Reviewing the same facts again into the same store opens no case: the grounds are taken up."""
    engine = _engine(2018)
    facts = ha_lam_2018().facts
    first = review_year(engine, facts, 2018, actor=WARD_COMMISSION)
    again = review_year(engine, by_grassroots(facts, 1), 2018, actor=WARD_COMMISSION)
    assert (len(first.cases) > 0, again.cases) == (True, ())


def test_review_parts_yields_each_part_with_or_without_prefetch(province: Any) -> None:
    """Each part's review comes out in order, the same whether the next part is evaluated ahead or not."""
    actor = BodyActor(Body("T01", "inspection_commission"))
    ahead = list(review_parts(_engine(2026), by_grassroots(province.facts, 2), 2026, actor=actor))
    plain = list(
        review_parts(
            _engine(2026), by_grassroots(province.facts, 2), 2026, actor=actor, prefetch=False
        )
    )
    assert len(ahead) == len(plain) == 2
    assert [p.findings.keys() for p in ahead] == [p.findings.keys() for p in plain]
    assert [_ends(p) for p in ahead] == [_ends(p) for p in plain]


def test_a_part_that_fails_to_read_raises_in_the_caller(province: Any) -> None:
    """An error raised while the worker reads the next part reaches the caller, after the parts before it."""
    actor = BodyActor(Body("T01", "inspection_commission"))

    def parts() -> Any:
        yield next(by_grassroots(province.facts, 2))
        raise InvalidInput("part", 2, "unreadable")

    seen: list[int] = []

    def consume() -> None:
        for review in review_parts(_engine(2026), parts(), 2026, actor=actor):
            seen.append(review.counts["organisations"])

    with pytest.raises(InvalidInput, match="unreadable"):
        consume()
    assert seen == [2]
