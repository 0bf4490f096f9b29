"""Rule sets: one lazy query for a population, the same definitions for one subject, versions by date."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction

import attrs
import pendulum
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiemtra import (
    Citation,
    DateRange,
    DefinitionError,
    Money,
    Param,
    ParamVersion,
    Rulebook,
    Status,
    Unit,
)
from kiemtra._rules._evaluate import ROW, FeatureContext, FeatureTable, ParamColumns, RuleSet
from kiemtra._rules._explanation import GoverningDate
from kiemtra._rules._rule import Consequence, Measure, MeasureKind, Rule, SubjectKind
from kiemtra.facts import Facts

D = pendulum.date
POLICY = Citation("Test policy", "s. 1")


def book() -> Rulebook:
    """A minimum monthly payment that doubles from 2019."""
    return Rulebook(
        "t",
        [
            Param(
                "min_payment",
                Unit.MONEY,
                [
                    ParamVersion(
                        Money(1_000),
                        DateRange(D(2010, 1, 1), D(2019, 1, 1)),
                        [POLICY],
                        Status.CONFIRMED,
                    ),
                    ParamVersion(
                        Money(2_000), DateRange(D(2019, 1, 1)), [POLICY], Status.UNCONFIRMED
                    ),
                ],
            ),
            Param(
                "share",
                Unit.RATIO,
                [
                    ParamVersion(
                        Fraction(1, 2), DateRange(D(2010, 1, 1)), [POLICY], Status.CONFIRMED
                    )
                ],
            ),
        ],
    )


def paid_per_month(facts: Facts, ctx: FeatureContext) -> pl.LazyFrame:
    """Each member's payments summed per month."""
    return (
        facts.lazy("dues_payments")
        .filter(pl.col("month").is_between(ctx.period.start, ctx.period.end, closed="left"))
        .group_by("member_id", "month")
        .agg(paid=pl.col("amount").sum(), receipts=pl.col("receipt_no").sort())
        .select(
            subject_id="member_id",
            org_id=pl.lit("org"),
            period_start="month",
            period_end=pl.col("month").dt.offset_by("1mo"),
            governing_date="month",
            paid="paid",
            receipts="receipts",
        )
    )


def rule(version: str, valid: DateRange, params: tuple[str, ...] = ("min_payment",)) -> Rule:
    """A rule: a month's payments below the minimum."""

    def below(p: ParamColumns) -> pl.Expr:
        return pl.col("paid") < p.money("min_payment")

    return Rule(
        id="low_payment",
        version=version,
        valid=valid,
        subject=SubjectKind.MEMBER,
        consequence=Consequence.REMINDER,
        features="paid",
        message="low_payment",
        title="low_payment.title",
        citations=[POLICY],
        params=params,
        governs=GoverningDate.VIOLATION,
        inputs=[Measure("paid", MeasureKind.MONEY)],
        thresholds=[],
        predicate=below,
        evidence="receipts",
    )


RULES = RuleSet(
    [FeatureTable("paid", SubjectKind.MEMBER, paid_per_month)],
    [rule("1", DateRange(D(2010, 1, 1)))],
)


def facts(payments: list[tuple[str, str, dt.date, int]]) -> Facts:
    """Facts with members m0..m9 and the given payments."""
    members = pl.DataFrame(
        {
            "member_id": [f"m{i}" for i in range(10)],
            "admitted_on": [dt.date(2000, 1, 1)] * 10,
            "probation_ends_on": [dt.date(2001, 1, 1)] * 10,
            "dues_category": ["salaried_insured"] * 10,
        }
    )
    pay = pl.DataFrame(
        payments, schema=["receipt_no", "member_id", "month", "amount"], orient="row"
    ).with_columns(paid_on=pl.col("month"))
    return Facts.from_frames({"members": members, "dues_payments": pay})


YEAR = DateRange.year(2018)


def test_rule_fires_below_the_threshold_and_not_at_it() -> None:
    """999 đ is below the 2018 minimum of 1,000 đ; 1,000 đ is not."""
    f = facts([("r1", "m1", dt.date(2018, 3, 1), 999), ("r2", "m2", dt.date(2018, 3, 1), 1_000)])
    assert RULES.evaluate(f, YEAR, book()).keys() == {("low_payment", "m1", dt.date(2018, 3, 1))}


def test_parameter_in_force_on_the_governing_date_applies() -> None:
    """1,500 đ passes in December 2018 and fails in January 2019, when the minimum doubled."""
    f = facts([("r1", "m1", dt.date(2018, 12, 1), 1_500), ("r2", "m1", dt.date(2019, 1, 1), 1_500)])
    found = RULES.evaluate(f, DateRange(D(2018, 12, 1), D(2019, 2, 1)), book())
    assert found.keys() == {("low_payment", "m1", dt.date(2019, 1, 1))}


def test_finding_explains_itself() -> None:
    """A finding carries rule and version, the parameter with its status, input, evidence and date."""
    f = facts([("r1", "m1", dt.date(2019, 3, 1), 600), ("r2", "m1", dt.date(2019, 3, 1), 400)])
    e = RULES.evaluate(f, DateRange.year(2019), book()).explanation(0)
    assert (
        e.rule_id,
        e.rule_version,
        e.inputs["paid"],
        e.params[0].value,
        e.unconfirmed,
        e.evidence,
        e.governing_date,
    ) == (
        "low_payment",
        "1",
        Money(1_000),
        Money(2_000),
        ("min_payment",),
        ("r1", "r2"),
        D(2019, 3, 1),
    )


def test_what_if_uses_the_override_and_flags_it() -> None:
    """With the minimum overridden to 500 đ, a 600 đ month passes; the override is in explanations."""
    f = facts([("r1", "m1", dt.date(2018, 3, 1), 600), ("r2", "m2", dt.date(2018, 3, 1), 400)])
    what_if = book().with_overrides({"min_payment": Money(500)}, "what-if")
    found = RULES.evaluate(f, YEAR, what_if)
    assert found.keys() == {("low_payment", "m2", dt.date(2018, 3, 1))}
    assert found.explanation(0).overridden == ("min_payment",)


def test_rule_versions_follow_the_governing_date() -> None:
    """A rule with a 2019 version reports each month under the version in force then."""
    rs = RuleSet(
        RULES.features,
        [rule("a", DateRange(D(2010, 1, 1), D(2019, 1, 1))), rule("b", DateRange(D(2019, 1, 1)))],
    )
    f = facts([("r1", "m1", dt.date(2018, 12, 1), 5), ("r2", "m1", dt.date(2019, 1, 1), 5)])
    found = rs.evaluate(f, DateRange(D(2018, 12, 1), D(2019, 2, 1)), book())
    assert sorted(found.data.select("period_start", "rule_version").iter_rows()) == [
        (dt.date(2018, 12, 1), "a"),
        (dt.date(2019, 1, 1), "b"),
    ]


def test_overlapping_rule_versions_are_refused() -> None:
    """Two versions of one rule in force on the same day are a definition error."""
    with pytest.raises(DefinitionError, match="overlap"):
        RuleSet(
            RULES.features,
            [rule("a", DateRange(D(2010, 1, 1))), rule("b", DateRange(D(2019, 1, 1)))],
        )


def test_rule_reading_an_unknown_table_is_refused() -> None:
    """A rule naming a feature table the set lacks is a definition error."""
    with pytest.raises(DefinitionError, match="unknown feature table"):
        RuleSet([], [rule("1", DateRange(D(2010, 1, 1)))])


def test_parameter_not_in_force_is_named() -> None:
    """A rule reading a parameter not in force on the governing date raises NotInForce."""
    from kiemtra import NotInForce

    early = RuleSet(RULES.features, [rule("0", DateRange(D(2005, 1, 1)))])
    f = facts([("r1", "m1", dt.date(2009, 3, 1), 5)])
    with pytest.raises(NotInForce, match="min_payment.*2009-03-01"):
        early.evaluate(f, DateRange.year(2009), book())


def test_same_facts_twice_give_identical_findings() -> None:
    """Evaluation is deterministic: the same facts give the same table, row for row."""
    f = facts(
        [(f"r{i}", f"m{i % 10}", dt.date(2018, 1 + i % 12, 1), i * 37 % 1500) for i in range(200)]
    )
    a, b = RULES.evaluate(f, YEAR, book()), RULES.evaluate(f, YEAR, book())
    assert a.data.equals(b.data)


payments = st.lists(
    st.tuples(st.integers(0, 9), st.integers(1, 12), st.integers(0, 2_000)), max_size=60
)


@settings(max_examples=40)
@given(payments)
def test_population_and_single_subject_agree(rows: list[tuple[int, int, int]]) -> None:
    """For every member, the single-subject path finds exactly the population's findings about them."""
    f = facts(
        [(f"r{i}", f"m{m}", dt.date(2018, mo, 1), amt) for i, (m, mo, amt) in enumerate(rows)]
    )
    everyone = RULES.evaluate(f, YEAR, book())
    for i in range(10):
        one = RULES.evaluate_subject(f, SubjectKind.MEMBER, f"m{i}", YEAR, book())
        assert one.keys() == {k for k in everyone.keys() if k[1] == f"m{i}"}  # noqa: SIM118


def _receipts_detail(facts: Facts, ctx: FeatureContext, found: pl.LazyFrame) -> pl.LazyFrame:
    """The receipts of a row found, as a detail: a frame keyed by the found row."""
    ids = facts.lazy("dues_payments").select(
        subject_id="member_id", period_start="month", id="receipt_no"
    )
    return (
        found.join(ids, on=["subject_id", "period_start"], how="left")
        .group_by(ROW)
        .agg(receipts=pl.col("id").drop_nulls().sort())
    )


def _rows_found(facts: Facts, ctx: FeatureContext, found: pl.LazyFrame) -> pl.Expr:
    """How many rows the rule found, as a detail: an expression over the rows found."""
    return pl.len()


def test_details_are_computed_for_the_rows_found_only() -> None:
    """Columns only findings read (details: a frame or an expression) are computed for the rows a rule
    found, and read like any column of the table."""
    table = FeatureTable(
        "paid",
        SubjectKind.MEMBER,
        lambda f, c: paid_per_month(f, c).drop("receipts"),
        details={"receipts": _receipts_detail, "rows_found": _rows_found},
    )
    low = attrs.evolve(
        rule("1", DateRange(D(2010, 1, 1))),
        inputs=[Measure("paid", MeasureKind.MONEY), Measure("rows_found")],
    )
    f = facts(
        [
            ("r2", "m1", dt.date(2018, 3, 1), 5),
            ("r1", "m1", dt.date(2018, 3, 1), 7),
            ("r3", "m2", dt.date(2018, 3, 1), 5_000),
            ("r4", "m3", dt.date(2018, 4, 1), 1),
        ]
    )
    found = RuleSet([table], [low]).evaluate(f, YEAR, book())
    assert [(r["subject_id"], r["evidence"]) for r in found] == [
        ("m1", ["r1", "r2"]),
        ("m3", ["r4"]),
    ]
    assert [json.loads(r["inputs"]) for r in found] == [
        {"paid": 12, "rows_found": 2},
        {"paid": 1, "rows_found": 2},
    ]
