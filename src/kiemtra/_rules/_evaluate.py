"""Evaluating rules: a population in two lazy polars queries, or one subject through the same definitions.

Stages: (1) feature tables are built from the facts (one lazy frame per table, rows keyed by subject and
period, with a governing date); (2) each rule keeps the rows whose governing date it governs, reads the
parameters in force on each distinct governing date as columns (joined on that date, when its predicate
reads any) and filters the rows with its predicate; (3) the rows found get their explanation columns
(inputs, thresholds, evidence) in batch, not per record: columns only findings read (evidence lists, even
the subject's id) are *details* of a feature table, computed for the rows a rule found rather than for every
row. Stage (1) is one query for every feature table and every frame they share (collected together, so
independent tables are computed side by side and shared frames once); stages (2) and (3) are one query over
its results.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any, TypeVar

import attrs
import pendulum
import polars as pl

from kiemtra._errors import DefinitionError, InvalidInput
from kiemtra._money import Money
from kiemtra._rules._explanation import Explanation, Scalar
from kiemtra._rules._param import ParamUse, Range, Unit
from kiemtra._rules._rule import Measure, MeasureKind, Rule, SubjectKind
from kiemtra._rules._rulebook import Rulebook
from kiemtra._time import DateRange, Duration
from kiemtra._util import to_tuple
from kiemtra.facts import Facts

__all__ = [
    "FINDINGS_SCHEMA",
    "ROW",
    "Detail",
    "FeatureContext",
    "FeatureTable",
    "Findings",
    "ParamColumns",
    "RuleSet",
]

FINDINGS_SCHEMA: Mapping[str, Any] = {
    "rule_id": pl.String,
    "rule_version": pl.String,
    "subject_kind": pl.String,
    "subject_id": pl.String,
    "org_id": pl.String,
    "period_start": pl.Date,
    "period_end": pl.Date,
    "governing_date": pl.Date,
    "consequence": pl.String,
    "message_key": pl.String,
    "inputs": pl.String,
    "thresholds": pl.String,
    "evidence": pl.List(pl.String),
}
"""The columns of every findings table."""

_T = TypeVar("_T")

CORE_COLUMNS = ("subject_id", "org_id", "period_start", "period_end", "governing_date")
"""Columns every feature table has."""


@attrs.frozen
class FeatureContext:
    """What a feature builder may read besides the facts, and what the builders of one evaluation share:
    frames built once (:meth:`table`), their results once collected (:meth:`result`), and values computed
    once (:meth:`value`).

    Args:
        period: The period under review.
        rulebook: The rulebook (for parameters that shape features, such as dues rates by month).
    """

    period: DateRange
    rulebook: Rulebook
    _frames: dict[str, pl.LazyFrame] = attrs.field(factory=dict, init=False, eq=False, repr=False)
    _results: dict[str, pl.DataFrame] = attrs.field(factory=dict, init=False, eq=False, repr=False)
    _values: dict[str, Any] = attrs.field(factory=dict, init=False, eq=False, repr=False)
    _passing: set[str] = attrs.field(factory=set, init=False, eq=False, repr=False)

    def table(
        self, name: str, build: Callable[[], pl.LazyFrame], *, keep: bool = True
    ) -> pl.LazyFrame:
        """The frame ``name`` of this evaluation (a feature table, or an intermediate frame several builders
        read), built once and shared: every plan that reads it reads the same cached subplan, or, once the
        feature tables are collected, its result. Without ``keep`` its result is not kept past that first
        query (only other frames of it read it), to spare memory."""
        found = self._frames.get(name)
        if found is None:
            found = self._frames[name] = build().cache()
            if not keep:
                self._passing.add(name)
        return found

    def result(self, name: str, build: Callable[[], pl.LazyFrame]) -> pl.DataFrame:
        """The frame ``name`` collected (see :meth:`table`): what details look values up in by position."""
        found = self._results.get(name)
        if found is None:
            found = self._results[name] = self.table(name, build).collect()
            self._frames[name] = found.lazy()
        return found

    def value(self, name: str, build: Callable[[], _T]) -> _T:
        """A value builders compute once per evaluation (a schedule read from the rulebook, say)."""
        if name not in self._values:
            self._values[name] = build()
        found: _T = self._values[name]
        return found

    def collect(self) -> None:
        """Compute every frame built so far, together (one query: shared subplans once, independent ones
        side by side), and keep the results for the plans built next."""
        names = [n for n in self._frames if n not in self._results and n not in self._passing]
        frames = pl.collect_all([self._frames[n] for n in names])
        for name, frame in zip(names, frames, strict=True):
            self._results[name] = frame
            self._frames[name] = frame.lazy()


ROW = "_row"
"""The column numbering the rows a rule found, from 0, which details key their values by."""

Detail = Callable[[Facts, FeatureContext, pl.LazyFrame], pl.LazyFrame | pl.Expr]
"""``detail(facts, context, found) -> values``: a column of a feature table computed only for ``found``, the
rows a rule found (every column of the table, and :data:`ROW`). ``values`` is an expression over those rows
(a lookup of an id by position, say), or a frame with :data:`ROW` and the column, one row for each row
found. A list of evidence ids it gives comes sorted."""


@attrs.frozen
class FeatureTable:
    """A named feature table and how to build it.

    Args:
        name: The name rules refer to.
        subject: Whom its rows are about.
        build: ``build(facts, context) -> LazyFrame`` with :data:`CORE_COLUMNS` and the feature columns.
        dates: ``dates(facts, period)`` -> the governing dates the table's rows can carry, computed
            cheaply (month starts, decision days), so that rule versions in force on none of them are
            skipped before the table is built; without it they are read from the built table.
        details: Columns only findings read (evidence lists, inputs no predicate needs, even the subject's
            and organisation's ids), by name: each is computed for the rows a rule found (see
            :data:`Detail`), not for every row of the table. Predicates cannot read them.
    """

    name: str
    subject: SubjectKind
    build: Callable[[Facts, FeatureContext], pl.LazyFrame] = attrs.field(eq=False)
    dates: Callable[[Facts, DateRange], Iterable[_dt.date]] | None = attrs.field(
        default=None, eq=False
    )
    details: Mapping[str, Detail] = attrs.field(factory=dict, eq=False)


def _col(key: str, part: str = "") -> str:
    return f"p:{key}" + (f"#{part}" if part else "")


class ParamColumns:
    """Parameter values as polars expressions, for predicates: each resolves per governing date."""

    def count(self, key: str) -> pl.Expr:
        """A count parameter."""
        return pl.col(_col(key))

    def money(self, key: str) -> pl.Expr:
        """A money parameter, in đồng."""
        return pl.col(_col(key))

    def flag(self, key: str) -> pl.Expr:
        """A flag parameter."""
        return pl.col(_col(key))

    def choice(self, key: str) -> pl.Expr:
        """A choice parameter."""
        return pl.col(_col(key))

    def ratio(self, key: str) -> tuple[pl.Expr, pl.Expr]:
        """A ratio parameter as (numerator, denominator): compare ``a * den`` with ``b * num``."""
        return pl.col(_col(key, "num")), pl.col(_col(key, "den"))

    def amount(self, key: str) -> pl.Expr:
        """The amount of a duration parameter (its unit is fixed by the rule)."""
        return pl.col(_col(key, "amount"))

    def low(self, key: str) -> tuple[pl.Expr, pl.Expr]:
        """The low end of a ratio range, as (numerator, denominator)."""
        return pl.col(_col(key, "low_num")), pl.col(_col(key, "low_den"))

    def high(self, key: str) -> tuple[pl.Expr, pl.Expr]:
        """The high end of a ratio range, as (numerator, denominator)."""
        return pl.col(_col(key, "high_num")), pl.col(_col(key, "high_den"))


P = ParamColumns()


def _param_cells(use: ParamUse) -> dict[str, object]:
    v = use.value
    key = use.key
    if isinstance(v, (bool, int | str)):
        return {_col(key): v}
    if isinstance(v, Money):
        return {_col(key): v.dong}
    if isinstance(v, Fraction):
        return {_col(key, "num"): v.numerator, _col(key, "den"): v.denominator}
    if isinstance(v, Duration):
        return {_col(key, "amount"): v.amount}
    if isinstance(v, Range):
        lo_f, hi_f = (
            Fraction(x.dong) if isinstance(x, Money) else Fraction(x) for x in (v.low, v.high)
        )
        return {
            _col(key, "low_num"): lo_f.numerator,
            _col(key, "low_den"): lo_f.denominator,
            _col(key, "high_num"): hi_f.numerator,
            _col(key, "high_den"): hi_f.denominator,
        }
    raise InvalidInput(f"param[{key}]", v, "cannot be used as a column")


_UNIT_COLUMNS: Mapping[Unit, tuple[tuple[str, Any], ...]] = {
    Unit.COUNT: (("", pl.Int64),),
    Unit.MONEY: (("", pl.Int64),),
    Unit.FLAG: (("", pl.Boolean),),
    Unit.CHOICE: (("", pl.String),),
    Unit.RATIO: (("num", pl.Int64), ("den", pl.Int64)),
    Unit.DURATION: (("amount", pl.Int64),),
    Unit.RANGE: (
        ("low_num", pl.Int64),
        ("low_den", pl.Int64),
        ("high_num", pl.Int64),
        ("high_den", pl.Int64),
    ),
}


def param_frame(rulebook: Rulebook, keys: Iterable[str], dates: Iterable[_dt.date]) -> pl.DataFrame:
    """One row per governing date with the value of each parameter in force on it.

    Raises:
        NotInForce: a parameter has no value on one of the dates.
    """
    keys = sorted(set(keys))
    schema: dict[str, Any] = {"governing_date": pl.Date}
    for key in keys:
        for part, dtype in _UNIT_COLUMNS[rulebook.param(key).unit]:
            schema[_col(key, part)] = dtype
    rows = []
    for day in sorted(set(dates)):
        row: dict[str, object] = {"governing_date": day}
        for key in keys:
            row.update(_param_cells(rulebook.use(key, pendulum.Date(day.year, day.month, day.day))))
        rows.append(row)
    return pl.DataFrame(rows, schema=schema)


def _evidence(column: str | None, table: FeatureTable) -> pl.Expr:
    if column is None:
        return pl.lit([], dtype=pl.List(pl.String))
    if column in table.details:  # details sort their lists (cheaply, before grouping them)
        return pl.col(column)
    # Sorted here, on the findings only, so feature tables need not sort every list.
    return pl.col(column).list.sort()


def _json_of(measures: Sequence[Measure]) -> pl.Expr:
    if not measures:
        return pl.lit("{}")
    return pl.struct([pl.col(m.name) for m in measures]).struct.json_encode()


@attrs.frozen
class RuleSet:
    """Rules and the feature tables they read.

    Raises:
        DefinitionError: a rule reads a feature table the set does not have, or two versions of a rule
            overlap.
    """

    features: tuple[FeatureTable, ...] = attrs.field(converter=to_tuple)
    rules: tuple[Rule, ...] = attrs.field(converter=to_tuple)
    _by_key: dict[tuple[str, str], Rule] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        # Explaining findings looks a rule up per row: index them once.
        self._by_key.update((r.key, r) for r in self.rules)
        names = {f.name for f in self.features}
        problems = [
            f"rule {r.id} v{r.version} reads unknown feature table {r.features!r}"
            for r in self.rules
            if r.features not in names
        ]
        by_id: dict[str, list[Rule]] = {}
        for r in self.rules:
            by_id.setdefault(r.id, []).append(r)
        for rid, versions in by_id.items():
            ordered = sorted(versions, key=lambda r: r.valid.start)
            for a, b in itertools.pairwise(ordered):
                if a.valid.overlaps(b.valid):
                    problems.append(f"rule {rid}: versions {a.version} and {b.version} overlap")
        if problems:
            raise DefinitionError("rule set", problems)

    def rule(self, rule_id: str, version: str) -> Rule:
        """The rule ``rule_id`` at ``version``."""
        found = self._by_key.get((rule_id, version))
        if found is None:
            raise DefinitionError("rule set", [f"no rule {rule_id} v{version}"])
        return found

    def _lazy(self, facts: Facts, context: FeatureContext) -> list[tuple[str, pl.LazyFrame]]:
        """The findings of every rule (with its id), as lazy frames over the collected feature tables."""
        chosen: list[tuple[FeatureTable, list[Rule], list[_dt.date] | None]] = []
        for table in self.features:
            rules = [r for r in self.rules if r.features == table.name]
            live = None
            if rules and table.dates is not None:
                live = sorted(set(table.dates(facts, context.period)))
                # A rule version in force on none of the table's governing dates cannot find anything.
                rules = [r for r in rules if any(d in r.valid for d in live)]
            if rules:
                context.table(table.name, lambda t=table: t.build(facts, context))  # type: ignore[misc]
                chosen.append((table, rules, live))
        context.collect()
        outs: list[tuple[str, pl.LazyFrame]] = []
        for table, rules, live in chosen:
            frame = context.table(table.name, lambda t=table: t.build(facts, context))  # type: ignore[misc]
            if live is None:
                found = frame.select("governing_date").unique().collect()
                live = sorted(
                    d for d in found.get_column("governing_date").to_list() if d is not None
                )
            outs.extend((r.id, self._judge(r, table, frame, live, facts, context)) for r in rules)
        return outs

    @staticmethod
    def _judge(
        r: Rule,
        table: FeatureTable,
        frame: pl.LazyFrame,
        live: Sequence[_dt.date],
        facts: Facts,
        context: FeatureContext,
    ) -> pl.LazyFrame:
        """The findings of rule ``r`` over its feature table, with their explanation columns."""
        in_force = pl.col("governing_date").is_between(
            pl.lit(r.valid.start),
            pl.lit(r.valid.end or _dt.date(9999, 12, 31)),
            closed="left",
        )
        judged = frame.filter(in_force)
        predicate = r.predicate(P)
        if r.params:
            days = [d for d in live if d in r.valid]
            # Built even when unread: a parameter not in force on a governing date is refused here.
            params = param_frame(context.rulebook, r.params, days)
            reads = {*predicate.meta.root_names(), *(m.name for m in (*r.inputs, *r.thresholds))}
            if r.derive is not None or any(c in reads for c in params.columns[1:]):
                judged = judged.join(params.lazy(), on="governing_date", how="left")
        if r.derive is not None:
            judged = judged.with_columns(**r.derive(P))
        judged = judged.filter(predicate)
        shown = {m.name for m in (*r.inputs, *r.thresholds)} | {r.evidence, *CORE_COLUMNS}
        details = {name: detail for name, detail in table.details.items() if name in shown}
        if details:
            # The rows found once (cached), each detail computed from them: expressions in place, frames
            # joined back by row.
            found = judged.with_row_index(ROW).cache()
            judged = found
            for name, detail in details.items():
                values = detail(facts, context, found)
                if isinstance(values, pl.Expr):
                    judged = judged.with_columns(values.alias(name))
                else:
                    judged = judged.join(values, on=ROW, how="left")
        return judged.select(
            pl.lit(r.id).alias("rule_id"),
            pl.lit(r.version).alias("rule_version"),
            pl.lit(r.subject.value).alias("subject_kind"),
            pl.col("subject_id"),
            pl.col("org_id"),
            pl.col("period_start"),
            pl.col("period_end"),
            pl.col("governing_date"),
            pl.lit(r.consequence.value).alias("consequence"),
            pl.lit(r.message).alias("message_key"),
            _json_of(r.inputs).alias("inputs"),
            _json_of(r.thresholds).alias("thresholds"),
            _evidence(r.evidence, table).alias("evidence"),
        )

    def evaluate(self, facts: Facts, period: DateRange, rulebook: Rulebook) -> Findings:
        """Every finding of every rule over the whole population of ``facts`` in ``period``."""
        outs = self._lazy(facts, FeatureContext(period, rulebook))
        if not outs:
            return Findings(pl.DataFrame(schema=dict(FINDINGS_SCHEMA)), self, rulebook)
        # Each rule's findings sorted on their own (side by side), then the rules in order of their ids.
        by_rule: dict[str, list[pl.LazyFrame]] = {}
        for rule_id, out in outs:
            by_rule.setdefault(rule_id, []).append(out)
        parts = [
            pl.concat(by_rule[rule_id], how="vertical").sort("subject_id", "period_start")
            for rule_id in sorted(by_rule)
        ]
        # Many small operations over the rows found: the in-memory engine runs them faster than the streaming
        # one (measured: 185 ms against 280 ms for 120,000 findings of 200,000 members).
        data = pl.concat(parts, how="vertical").collect(engine="in-memory")
        return Findings(data, self, rulebook)

    def evaluate_subject(
        self,
        facts: Facts,
        kind: SubjectKind,
        subject_id: str,
        period: DateRange,
        rulebook: Rulebook,
    ) -> Findings:
        """The findings about one subject, through the same rules over that subject's facts only."""
        if kind is SubjectKind.MEMBER:
            own = facts.for_members([subject_id])
        elif kind is SubjectKind.CAMPAIGN:
            own = facts.for_campaigns([subject_id])
        else:
            own = facts.for_orgs([subject_id])
        subset = RuleSet(self.features, [r for r in self.rules if r.subject is kind])
        found = subset.evaluate(own, period, rulebook)
        return Findings(found.data.filter(pl.col("subject_id") == subject_id), self, rulebook)


def period_label(start: _dt.date, end: _dt.date | None) -> str:
    """A period as people write it: ``03/2018`` for a month, ``2018`` for a year, else two dates."""
    if end is not None and start.day == 1 and end.day == 1:
        months = (end.year - start.year) * 12 + end.month - start.month
        if months == 1:
            return f"{start.month:02d}/{start.year}"
        if months == 12 and start.month == 1:
            return str(start.year)
    tail = "…" if end is None else (end - _dt.timedelta(days=1)).strftime("%d/%m/%Y")
    return f"{start.strftime('%d/%m/%Y')}–{tail}"


def _typed(value: object, kind: MeasureKind) -> Scalar:
    if value is None:
        return None
    if kind is MeasureKind.MONEY:
        return Money(int(str(value)))
    if kind is MeasureKind.DATE:
        day = _dt.date.fromisoformat(str(value))
        return pendulum.Date(day.year, day.month, day.day)
    if kind is MeasureKind.FLAG:
        return bool(value)
    if kind is MeasureKind.COUNT:
        return int(str(value))
    return str(value)


@attrs.frozen
class Findings:
    """A findings table with what it takes to explain each row.

    Attributes:
        data: The table (see :data:`FINDINGS_SCHEMA`).
    """

    data: pl.DataFrame
    rules: RuleSet = attrs.field(repr=False)
    rulebook: Rulebook = attrs.field(repr=False)

    def __len__(self) -> int:
        return self.data.height

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.data.iter_rows(named=True))

    def by_rule(self) -> dict[str, int]:
        """How many findings each rule produced."""
        counts = self.data.group_by("rule_id").len().sort("rule_id")
        return dict(zip(counts["rule_id"].to_list(), counts["len"].to_list(), strict=True))

    def keys(self) -> set[tuple[str, str, _dt.date]]:
        """``(rule_id, subject_id, period_start)`` of every finding."""
        return set(self.data.select("rule_id", "subject_id", "period_start").iter_rows())

    def explanation(self, row: int | Mapping[str, Any]) -> Explanation:
        """The explanation of one finding (by row number or row)."""
        r = self.data.row(row, named=True) if isinstance(row, int) else row
        rule = self.rules.rule(r["rule_id"], r["rule_version"])
        day = pendulum.Date(
            r["governing_date"].year, r["governing_date"].month, r["governing_date"].day
        )
        inputs = json.loads(r["inputs"])
        thresholds = json.loads(r["thresholds"])
        return Explanation(
            rule.id,
            rule.version,
            rule.message,
            args={
                "subject": r["subject_id"],
                "period": period_label(r["period_start"], r["period_end"]),
            },
            params=tuple(self.rulebook.use(k, day) for k in rule.params),
            inputs={m.name: _typed(inputs.get(m.name), m.kind) for m in rule.inputs},
            thresholds={m.name: _typed(thresholds.get(m.name), m.kind) for m in rule.thresholds},
            evidence=tuple(r["evidence"] or ()),
            citations=rule.citations,
            governs=rule.governs,
            governing_date=day,
        )

    def explanations(self) -> list[Explanation]:
        """Every finding's explanation, in table order."""
        return [self.explanation(r) for r in self.data.iter_rows(named=True)]
