"""Duty checks and fund audits over a generated province: kiemtra against three baselines, in one run.

The province comes from :func:`kiemtra.synth.generate` (200,000 members, about 2,000 cells with ledgers and
campaigns; ``--tiny``: 2,000 members): 12 meetings, 12 dues payments and about 6 tasks per member. Measured,
per member, each in its own subprocess (so that its peak memory is its own):

- kiemtra: ``RuleSet.evaluate`` of every duty check and fund audit, findings with explanation columns;
- (a) a plain Python loop over model-like records (built before timing), member by member, then ledger by
  ledger and campaign by campaign, producing the same findings with a ``kiemtra.Explanation`` each;
- kiemtra's decision stage alone: the member rules' parameters, predicates and explanation columns (their
  details included: ids, receipts, meetings and tasks, looked up for the rows found) over the member feature
  tables and the frames they share, collected before timing (evaluate's first query);
- (b) zen-engine (GoRules) deciding the same member rules record by record, from the same feature frames, with
  a static loader and a JSON decision table (on a sample of members in the full run: its cost per record
  does not depend on the population);
- (c) hand-written polars computing the same findings without explanations (the floor): one query with
  integer keys for members and their months, each stay's months as a range, the large tables sorted by those
  keys so that they meet in merge joins, group_by aggregations, ids looked up for the findings only; it must
  find exactly kiemtra's (rule, subject, period) set;
- for the diagnosis, evaluate's first query alone (kiemtra's four feature tables and the frames they share,
  no rules): where evaluate's time goes.

Every workload's findings are checked against the generator's planted findings, and so against each other,
before it is timed. Peak memory is the peak resident set (``VmHWM``) of the workload's own subprocess, started
over once the facts are loaded (reading and validating them peaks higher than any workload), while it is
prepared, checked and timed; it is compared with the memory the loaded facts take (psutil is not installed;
tracemalloc does not see polars' allocations). ``--tiny`` runs in process and reports no memory.

Run: ``python -m benchmarks rules`` (``--tiny`` for a smoke run).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from fractions import Fraction
from pathlib import Path
from typing import Any

import polars as pl

from benchmarks._harness import Row, per_item_us, ratio_row
from kiemtra import DateRange, Explanation, Money
from kiemtra._rules._evaluate import FeatureContext, FeatureTable, RuleSet, period_label
from kiemtra._rules._rule import MeasureKind, Rule
from kiemtra.facts import Facts
from kiemtra.rulebooks import vn
from kiemtra.rulebooks.vn import _keys as K
from kiemtra.rulebooks.vn._features import FEATURES, WARD_KINDS, dues_schedule, month_starts

SEED = 2026
YEAR = 2026  # every kind of rule is in force: QĐ 342 shares (ledgers open on 1/1), QĐ 01 dues, QĐ 366 tasks
ZEN_SAMPLE = 20_000
TINY_ZEN_SAMPLE = 500
Key = tuple[str, str, dt.date]
BOOK = vn.rulebook()
RULES = vn.ruleset()
PERIOD = DateRange.year(YEAR)
MEMBER_TABLES = ("member_month", "member_year")


# -- shared ------------------------------------------------------------------------------------------------------
def _rules_for(table: str) -> list[Rule]:
    return [r for r in RULES.rules if r.features == table]


def _version(rule_id: str, day: dt.date) -> Rule | None:
    for r in RULES.rules:
        if r.id == rule_id and day in r.valid:
            return r
    return None


def _maybe(key: str, day: dt.date) -> Any:
    try:
        return BOOK.value(key, day)
    except Exception:  # NotInForce: the parameter has no value then
        return None


def _planted(
    folder: Path, tables: Iterable[str] | None = None, members: set[str] | None = None
) -> set[Key]:
    planted = pl.read_parquet(folder / "planted.parquet")
    if tables is not None:
        ids = {r.id for t in tables for r in _rules_for(t)}
        planted = planted.filter(pl.col("rule_id").is_in(list(ids)))
    keys = set(planted.iter_rows())
    if members is not None:
        keys = {k for k in keys if k[1] in members}
    return keys


def _collected(facts: Facts, tables: Iterable[str] = MEMBER_TABLES) -> FeatureContext:
    """A context with the feature tables ``tables``, and every frame they share, collected: what evaluate's
    first query computes."""
    ctx = FeatureContext(PERIOD, BOOK)
    for t in FEATURES:
        if t.name in tables:
            ctx.table(t.name, functools.partial(t.build, facts, ctx))
    ctx.collect()
    return ctx


def _collected_features(facts: Facts) -> dict[str, pl.DataFrame]:
    """The member feature tables, collected, with the members' ids (a detail for kiemtra's rules)."""
    ctx = _collected(facts)
    ids = pl.lit(facts["members"].get_column("member_id"))
    return {
        t.name: ctx.table(t.name, functools.partial(t.build, facts, ctx))
        .with_columns(subject_id=ids.gather("_mk"))
        .collect()
        for t in FEATURES
        if t.name in MEMBER_TABLES
    }


# -- kiemtra -------------------------------------------------------------------------------------------------------
def _kiemtra(facts: Facts, folder: Path) -> tuple[Callable[[], object], int]:
    found = RULES.evaluate(facts, PERIOD, BOOK)
    assert found.keys() == _planted(folder), "kiemtra disagrees with the planted findings"
    assert "inputs" in found.data.columns and "evidence" in found.data.columns
    return (lambda: RULES.evaluate(facts, PERIOD, BOOK)), facts["members"].height


def _decision_stage(facts: Facts, folder: Path) -> tuple[Callable[[], object], int]:
    ctx = _collected(facts)

    def stage_table(t: FeatureTable) -> FeatureTable:
        frame = ctx.table(t.name, functools.partial(t.build, facts, ctx))
        details = {
            name: functools.partial(lambda f, c, found, d: d(f, ctx, found), d=detail)
            for name, detail in t.details.items()
        }
        return FeatureTable(t.name, t.subject, lambda f, c: frame, t.dates, details)

    tables = [stage_table(t) for t in FEATURES if t.name in MEMBER_TABLES]
    stage = RuleSet(tables, [r for t in MEMBER_TABLES for r in _rules_for(t)])
    assert stage.evaluate(facts, PERIOD, BOOK).keys() == _planted(folder, MEMBER_TABLES)
    return (lambda: stage.evaluate(facts, PERIOD, BOOK)), facts["members"].height


def _features(facts: Facts, folder: Path) -> tuple[Callable[[], object], int]:
    def build() -> FeatureContext:
        return _collected(facts, [t.name for t in FEATURES])

    assert build().table("member_month", pl.LazyFrame).collect().height > facts["members"].height
    return build, facts["members"].height


# -- (b) zen-engine ----------------------------------------------------------------------------------------------
def _jdm(inputs: list[tuple[str, str]], rules: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "nodes": [
            {
                "id": "in",
                "type": "inputNode",
                "name": "Request",
                "position": {"x": 0, "y": 0},
                "content": {"schema": ""},
            },
            {
                "id": "table",
                "type": "decisionTableNode",
                "name": "checks",
                "position": {"x": 200, "y": 0},
                "content": {
                    "hitPolicy": "collect",
                    "inputs": [{"id": i, "name": i, "field": f} for i, f in inputs],
                    "outputs": [{"id": "rule", "name": "rule", "field": "rule_id"}],
                    "rules": rules,
                },
            },
            {
                "id": "out",
                "type": "outputNode",
                "name": "Response",
                "position": {"x": 400, "y": 0},
                "content": {"schema": ""},
            },
        ],
        "edges": [
            {"id": "e1", "sourceId": "in", "targetId": "table", "type": "edge"},
            {"id": "e2", "sourceId": "table", "targetId": "out", "type": "edge"},
        ],
    }


def _row(rule: str, **cells: str) -> dict[str, str]:
    return {"_id": rule, "rule": f"'{rule}'", **cells}


ZEN_MONTH = _jdm(
    [
        ("in_force_absence", "absence_rule"),
        ("absences", "unexcused_absences"),
        ("in_force_dues", "dues_rule"),
        ("short", "dues_short"),
    ],
    [
        _row(
            "duty.meeting.unexcused_absence",
            in_force_absence="true",
            absences="> 0",
            in_force_dues="",
            short="",
        ),
        _row(
            "duty.dues.underpaid",
            in_force_absence="",
            absences="",
            in_force_dues="true",
            short="true",
        ),
    ],
)
ZEN_YEAR = _jdm(
    [
        ("three", "three_rule"),
        ("counting", "counting"),
        ("absent", "months_absent"),
        ("unpaid", "months_unpaid"),
        ("either", "months_absent_or_unpaid"),
        ("tasks", "tasks_rule"),
        ("total", "tasks_total"),
        ("on_time", "tasks_on_time"),
        ("exceeded", "tasks_exceeded"),
    ],
    [
        {
            **_row(
                "membership.three_month_rule",
                three="true",
                counting="'combined'",
                either=">= missed_months",
            ),
            "absent": "",
            "unpaid": "",
            "tasks": "",
            "total": "",
            "on_time": "",
            "exceeded": "",
        },
        {
            **_row(
                "membership.three_month_rule",
                three="true",
                counting="!= 'combined'",
                absent=">= missed_months",
            ),
            "unpaid": "",
            "either": "",
            "tasks": "",
            "total": "",
            "on_time": "",
            "exceeded": "",
        },
        {
            **_row(
                "membership.three_month_rule",
                three="true",
                counting="!= 'combined'",
                unpaid=">= missed_months",
            ),
            "absent": "",
            "either": "",
            "tasks": "",
            "total": "",
            "on_time": "",
            "exceeded": "",
        },
        {
            **_row(
                "duty.tasks.not_all_on_time", tasks="true", total="> 0", on_time="< tasks_total"
            ),
            "three": "",
            "counting": "",
            "absent": "",
            "unpaid": "",
            "either": "",
            "exceeded": "",
        },
        {
            **_row(
                "duty.tasks.few_exceeded",
                tasks="true",
                total="> 0",
                exceeded="$ * exceeding_den < tasks_total * exceeding_num",
            ),
            "three": "",
            "counting": "",
            "absent": "",
            "unpaid": "",
            "either": "",
            "on_time": "",
        },
    ],
)


def _in_force(rule_id: str, day: dt.date) -> bool:
    return _version(rule_id, day) is not None


def _zen_records(
    frames: dict[str, pl.DataFrame], members: set[str]
) -> list[tuple[str, str, dt.date, dict[str, Any]]]:
    """Feature rows as zen contexts: the rows' values and the parameters in force on their governing dates."""
    out: list[tuple[str, str, dt.date, dict[str, Any]]] = []
    ids = pl.Series(sorted(members)).implode()
    month = frames["member_month"].filter(pl.col("subject_id").is_in(ids))
    flags = {
        d: (_in_force("duty.meeting.unexcused_absence", d), _in_force("duty.dues.underpaid", d))
        for d in set(month["governing_date"])
    }
    for sid, start, day, absences, short in month.select(
        "subject_id", "period_start", "governing_date", "unexcused_absences", "dues_short"
    ).iter_rows():
        absence_rule, dues_rule = flags[day]
        out.append(
            (
                "month",
                sid,
                start,
                {
                    "absence_rule": absence_rule,
                    "unexcused_absences": absences,
                    "dues_rule": dues_rule,
                    "dues_short": short,
                },
            )
        )
    year = frames["member_year"].filter(pl.col("subject_id").is_in(ids))
    params: dict[dt.date, dict[str, Any]] = {}
    for day in set(year["governing_date"]):
        exceeding = _maybe(K.TASKS_EXCEEDED_MIN, day)
        params[day] = {
            "three_rule": _in_force("membership.three_month_rule", day),
            "missed_months": _maybe(K.THREE_MONTH_MONTHS, day),
            "counting": _maybe(K.THREE_MONTH_COUNTING, day),
            "tasks_rule": _in_force("duty.tasks.not_all_on_time", day),
            "exceeding_num": exceeding.numerator if exceeding is not None else 0,
            "exceeding_den": exceeding.denominator if exceeding is not None else 1,
        }
    columns = (
        "months_absent",
        "months_unpaid",
        "months_absent_or_unpaid",
        "tasks_total",
        "tasks_on_time",
        "tasks_exceeded",
    )
    for row in year.select("subject_id", "period_start", "governing_date", *columns).iter_rows(
        named=True
    ):
        context = {c: row[c] for c in columns} | params[row["governing_date"]]
        out.append(("year", row["subject_id"], row["period_start"], context))
    return out


def _zen(facts: Facts, folder: Path, sample: int) -> tuple[Callable[[], object], int]:
    import zen

    frames = _collected_features(facts)
    members = set(facts["members"]["member_id"].sort().head(sample))
    records = _zen_records(frames, members)
    engine = zen.ZenEngine(
        {"loader": {"type": "static", "content": {"month": ZEN_MONTH, "year": ZEN_YEAR}}}
    )

    def run() -> set[Key]:
        keys: set[Key] = set()
        for table, sid, start, context in records:
            for hit in engine.evaluate(table, context)["result"]:
                keys.add((hit["rule_id"], sid, start))
        return keys

    assert run() == _planted(folder, MEMBER_TABLES, members), (
        "zen disagrees with the planted findings"
    )
    return run, len(members)


# -- (a) a plain Python loop with explanations ----------------------------------------------------------------
class _World:
    """Model-like records, grouped by member, ledger and campaign, built before timing."""

    def __init__(self, facts: Facts) -> None:
        t = facts.tables
        starts = month_starts(PERIOD)
        # (first day, last day) of each month
        self.months = [
            (m, (m.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1))
            for m in starts
        ]
        self.schedule = {
            r["month"]: r
            for r in dues_schedule(BOOK, [m for m, _ in self.months]).iter_rows(named=True)
        }
        meeting = {
            mid: (cell, held.replace(day=1), held)
            for mid, cell, held in t["meetings"]
            .select("meeting_id", "cell_id", "held_on")
            .iter_rows()
        }
        self.meetings_held: dict[tuple[str, dt.date], int] = defaultdict(int)
        for cell, month, _ in meeting.values():
            self.meetings_held[(cell, month)] += 1
        self.members: dict[str, dict[str, Any]] = {}
        for mid, category, admitted, left in (
            t["members"].select("member_id", "dues_category", "admitted_on", "left_on").iter_rows()
        ):
            self.members[mid] = {
                "id": mid,
                "category": category,
                "admitted": admitted,
                "left": left,
                "memberships": [],
                "attendance": [],
                "payments": [],
                "bases": {},
                "tasks": [],
            }
        for mid, cell, start, end in (
            t["cell_memberships"].select("member_id", "cell_id", "start", "end").iter_rows()
        ):
            self.members[mid]["memberships"].append((cell, start, end))
        for mid, present, excused, meeting_id in (
            t["attendance"].select("member_id", "present", "excused", "meeting_id").iter_rows()
        ):
            cell, month, held = meeting[meeting_id]
            self.members[mid]["attendance"].append(
                (meeting_id, cell, month, held, present, excused)
            )
        for mid, month, amount, receipt, paid_on in (
            t["dues_payments"]
            .select("member_id", "month", "amount", "receipt_no", "paid_on")
            .iter_rows()
        ):
            self.members[mid]["payments"].append((month, amount, receipt, paid_on))
        for mid, month, amount in (
            t["income_bases"].select("member_id", "month", "amount").iter_rows()
        ):
            self.members[mid]["bases"][month] = amount
        for task in (
            t["tasks"].select("assignee_id", "task_id", "due_on", "done_on", "exceeded").iter_rows()
        ):
            if task[0] in self.members:
                self.members[task[0]]["tasks"].append(task[1:])
        orgs = {o: (p, lv, k) for o, p, lv, k in t["orgs"].iter_rows()}
        self.ledgers = []
        entries: dict[tuple[str, dt.date], list[tuple[str, int]]] = defaultdict(list)
        for org, start, kind, amount in (
            t["ledger_entries"].select("org_id", "period_start", "kind", "amount").iter_rows()
        ):
            entries[(org, start)].append((kind, amount))
        remittances: dict[str, list[tuple[str, dt.date, int, dt.date]]] = defaultdict(list)
        for rid, org, start, amount, sent in (
            t["remittances"]
            .select("remittance_id", "from_org", "period_start", "amount", "sent_on")
            .iter_rows()
        ):
            remittances[org].append((rid, start, amount, sent))
        deposits: dict[str, list[tuple[int, dt.date]]] = defaultdict(list)
        for org, amount, day in (
            t["deposits"].select("org_id", "amount", "deposited_on").iter_rows()
        ):
            deposits[org].append((amount, day))
        for row in t["ledgers"].iter_rows(named=True):
            parent, level, kind = orgs.get(row["org_id"], (None, None, None))
            parent_level = orgs.get(parent, (None, None, None))[1] if parent else None
            self.ledgers.append(
                row
                | {
                    "parent": parent,
                    "level": level,
                    "kind": kind,
                    "parent_level": parent_level,
                    "entries": entries[(row["org_id"], row["period_start"])],
                    "remittances": remittances[row["org_id"]],
                    "deposits": deposits[row["org_id"]],
                }
            )
        by_campaign: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        votes: dict[str, list[str]] = defaultdict(list)
        for meeting_id, choice in t["household_votes"].select("meeting_id", "choice").iter_rows():
            votes[meeting_id].append(choice)
        for row in (
            t["household_meetings"]
            .filter(pl.col("campaign_id").is_not_null())
            .iter_rows(named=True)
        ):
            by_campaign[row["campaign_id"]]["meetings"].append(
                row | {"votes": votes[row["meeting_id"]]}
            )
        for cid, amount in t["contributions"].select("campaign_id", "amount").iter_rows():
            by_campaign[cid]["contributions"].append(amount)
        for did, cid, amount, approved in (
            t["disbursements"]
            .select("disbursement_id", "campaign_id", "amount", "approved_by")
            .iter_rows()
        ):
            by_campaign[cid]["disbursements"].append((did, amount, approved))
        for sid in t["postings"]["subject_id"]:
            by_campaign[sid]["postings"].append(sid)
        for sid, collected, published in (
            t["settlements"].select("subject_id", "collected", "published_on").iter_rows()
        ):
            by_campaign[sid]["settlements"].append((collected, published))
        self.campaigns = [
            row | {"records": by_campaign[row["campaign_id"]]}
            for row in t["campaigns"].iter_rows(named=True)
        ]


def _typed(value: Any, kind: MeasureKind) -> Any:
    if value is None:
        return None
    if kind is MeasureKind.MONEY:
        return Money(int(value))
    return value


class _Explainer:
    """Explanation objects, with the parameters in force on each governing date resolved once."""

    def __init__(self) -> None:
        self.uses: dict[tuple[str, str, dt.date], tuple[Any, ...]] = {}
        self.out: list[Explanation] = []
        self.keys: set[Key] = set()

    def add(
        self,
        rule: Rule,
        subject: str,
        start: dt.date,
        end: dt.date,
        day: dt.date,
        values: dict[str, Any],
        evidence: Iterable[str] = (),
    ) -> None:
        key = (rule.id, rule.version, day)
        params = self.uses.get(key)
        if params is None:
            params = self.uses[key] = tuple(BOOK.use(k, day) for k in rule.params)
        self.out.append(
            Explanation(
                rule.id,
                rule.version,
                rule.message,
                args={"subject": subject, "period": period_label(start, end)},
                params=params,
                inputs={m.name: _typed(values.get(m.name), m.kind) for m in rule.inputs},
                thresholds={m.name: _typed(values.get(m.name), m.kind) for m in rule.thresholds},
                evidence=tuple(evidence),
                citations=rule.citations,
                governs=rule.governs,
                governing_date=day,
            )
        )
        self.keys.add((rule.id, subject, start))


def _share(amount: int, num: int, den: int, rounding: str) -> int:
    product = amount * num
    if rounding == "up":
        return -((-product) // den)
    if rounding == "half_up":
        return (2 * product + den) // (2 * den)
    return product // den


def _due(
    category: str, base: int | None, s: dict[str, Any], admitted: dt.date, last_day: dt.date
) -> int | None:
    """What the feature table computes as due, written as a plain function."""
    if category == "exempt":
        return 0
    admitted_by = s["exempt_admitted_by"]
    if admitted_by is not None and admitted <= admitted_by:
        return 0
    floor = s["floor_other"]
    rate = {
        "salaried_insured": ("sal_num", "sal_den"),
        "on_insured_leave": ("leave_num", "leave_den"),
        "pensioner": ("pen_num", "pen_den"),
    }.get(category)
    if rate is not None:
        return None if base is None else _share(base, s[rate[0]], s[rate[1]], s["rounding"])
    flat = {
        "other_area_1": "flat_1",
        "other_area_2": "flat_2",
        "other_area_3": "flat_3",
        "other_area_4": "flat_4",
        "student": "flat_student",
    }.get(category)
    if flat is not None:
        return s[flat] if s[flat] is not None else floor
    if category == "non_insured":
        if s["non_num"] is not None and base is not None:
            return _share(base, s["non_num"], s["non_den"], s["rounding"])
        return floor
    return floor


def _cell_at(memberships: list[tuple[str, dt.date, dt.date | None]], day: dt.date) -> str | None:
    for cell, start, end in memberships:
        if start <= day and (end is None or end > day):
            return cell
    return None


def _python_loop(world: _World) -> _Explainer:
    x = _Explainer()
    start, end = PERIOD.start, PERIOD.end or PERIOD.start
    start, end = dt.date(start.year, start.month, start.day), dt.date(end.year, end.month, end.day)
    year_last = end - dt.timedelta(days=1)
    rule_cache: dict[tuple[str, dt.date], Rule | None] = {}

    def rule(rule_id: str, day: dt.date) -> Rule | None:
        key = (rule_id, day)
        if key not in rule_cache:
            rule_cache[key] = _version(rule_id, day)
        return rule_cache[key]

    missed = _maybe(K.THREE_MONTH_MONTHS, year_last)
    counting = _maybe(K.THREE_MONTH_COUNTING, year_last)
    exceeding: Fraction | None = _maybe(K.TASKS_EXCEEDED_MIN, year_last)
    # what each cell collected, by day: a payment goes to the member's cell on the day it is paid
    paid_by_cell: dict[str, dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
    for m in world.members.values():
        absent_months = unpaid_months = either_months = on_roll = 0
        absent_ids: list[str] = []
        short_receipts: list[str] = []
        last_cell = None
        paid: dict[dt.date, int] = defaultdict(int)
        receipts: dict[dt.date, list[str]] = defaultdict(list)
        for month, amount, receipt, paid_on in m["payments"]:
            paid[month] += amount
            receipts[month].append(receipt)
            cell = _cell_at(m["memberships"], paid_on)
            if cell is not None:
                paid_by_cell[cell][paid_on] += amount
        # an absence counts when the member belonged to the meeting's cell on the day it was held
        absences: dict[dt.date, list[str]] = defaultdict(list)
        for meeting_id, cell, month, held, present, excused in m["attendance"]:
            if not present and not excused and _cell_at(m["memberships"], held) == cell:
                absences[month].append(meeting_id)
        for month_start, last_day in world.months:
            cell = _cell_at(m["memberships"], last_day)
            if (
                cell is None
                or m["admitted"] > last_day
                or (m["left"] is not None and m["left"] <= last_day)
            ):
                continue
            on_roll += 1
            last_cell = cell
            missing = sorted(absences.get(month_start, ()))
            s = world.schedule[month_start]
            base_month = (
                month_start
                if s["base_month"] != "previous"
                else (month_start - dt.timedelta(days=1)).replace(day=1)
            )
            base = m["bases"].get(base_month)
            due = _due(m["category"], base, s, m["admitted"], last_day)
            got = paid.get(month_start, 0)
            short = (got == 0 and m["category"] != "exempt") if due is None else got < due
            values = {
                "meetings_held": world.meetings_held.get((cell, month_start), 0),
                "unexcused_absences": len(missing),
                "dues_category": m["category"],
                "income_base": base,
                "dues_paid": got,
                "dues_due": due,
            }
            month_end = last_day + dt.timedelta(days=1)
            if missing:
                absent_months += 1
                absent_ids += missing
                r = rule("duty.meeting.unexcused_absence", month_start)
                if r is not None:
                    x.add(r, m["id"], month_start, month_end, month_start, values, missing)
            if short:
                unpaid_months += 1
                short_receipts += receipts.get(month_start, [])
                r = rule("duty.dues.underpaid", month_start)
                if r is not None:
                    x.add(
                        r,
                        m["id"],
                        month_start,
                        month_end,
                        month_start,
                        values,
                        sorted(receipts.get(month_start, [])),
                    )
            if missing or short:
                either_months += 1
        if not on_roll or last_cell is None:
            continue
        tasks = [task for task in m["tasks"] if start <= task[1] < end]
        total = len(tasks)
        done = sum(1 for t in tasks if t[2] is not None)
        on_time = sum(1 for t in tasks if t[2] is not None and t[2] <= t[1])
        exceeded = sum(1 for t in tasks if t[2] is not None and t[3])
        values = {
            "months_on_roll": on_roll,
            "months_absent": absent_months,
            "months_unpaid": unpaid_months,
            "months_absent_or_unpaid": either_months,
            "tasks_total": total,
            "tasks_done": done,
            "tasks_on_time": on_time,
            "tasks_exceeded": exceeded,
        }
        task_ids = sorted(t[0] for t in tasks)
        r = rule("membership.three_month_rule", year_last)
        if (
            r is not None
            and missed is not None
            and (
                either_months >= missed
                if counting == "combined"
                else (absent_months >= missed or unpaid_months >= missed)
            )
        ):
            x.add(r, m["id"], start, end, year_last, values, sorted(absent_ids + short_receipts))
        r = rule("duty.tasks.not_all_on_time", year_last)
        if r is not None and total > 0 and on_time < total:
            x.add(r, m["id"], start, end, year_last, values, task_ids)
        r = rule("duty.tasks.few_exceeded", year_last)
        if (
            r is not None
            and exceeding is not None
            and total > 0
            and exceeded * exceeding.denominator < total * exceeding.numerator
        ):
            x.add(r, m["id"], start, end, year_last, values, task_ids)
    _python_ledgers(world, x, rule, paid_by_cell, start, end)
    _python_campaigns(world, x, rule, start, end)
    return x


def _python_ledgers(
    world: _World,
    x: _Explainer,
    rule: Callable[[str, dt.date], Rule | None],
    paid_by_cell: dict[str, dict[dt.date, int]],
    start: dt.date,
    end: dt.date,
) -> None:
    for g in world.ledgers:
        ps, pe, org = g["period_start"], g["period_end"], g["org_id"]
        if not start <= ps < end:
            continue
        entries_in = sum(a for k, a in g["entries"] if k in ("collected", "received"))
        entries_collected = sum(a for k, a in g["entries"] if k == "collected")
        entries_out = sum(a for k, a in g["entries"] if k == "remitted")
        members_paid = (
            sum(v for day, v in paid_by_cell[org].items() if ps <= day < pe)
            if g["level"] == "cell"
            else 0
        )
        sent = [r for r in g["remittances"] if ps <= r[1] < pe]
        remittances = sum(r[2] for r in sent)
        last_sent = max((r[3] for r in sent), default=None)
        kept = [(a, d) for a, d in g["deposits"] if ps <= d < pe]
        deposited, deposit_count = sum(a for a, _ in kept), len(kept)
        if g["level"] == "cell" and g["parent_level"] == "grassroots":
            org_class = "cell_under_grassroots"
        elif g["level"] == "grassroots":
            org_class = "ward_grassroots" if g["kind"] in WARD_KINDS else "other_grassroots"
        else:
            org_class = "other"
        collected, retained, remitted = g["collected"], g["retained"], g["remitted"]
        values = g | {
            "entries_in": entries_in,
            "entries_collected": entries_collected,
            "entries_out": entries_out,
            "members_paid": members_paid,
            "remittances": remittances,
            "last_sent": last_sent,
            "deposited": deposited,
        }
        evidence = sorted(r[0] for r in sent)
        hits = []
        r = rule("audit.dues.cell_share_outside_range", ps)
        if r is not None and org_class == "cell_under_grassroots" and collected > 0:
            keep = BOOK.value(K.SHARE_CELL_KEEPS, ps)
            lo, hi = Fraction(keep.low), Fraction(keep.high)  # type: ignore[union-attr]
            if (
                retained * lo.denominator < collected * lo.numerator
                or retained * hi.denominator > collected * hi.numerator
            ):
                hits.append((r, ()))
        for rule_id, key, cls in (
            ("audit.dues.ward_remits_short", K.SHARE_WARD_REMITS, "ward_grassroots"),
            ("audit.dues.grassroots_remits_short", K.SHARE_OTHER_REMITS, "other_grassroots"),
        ):
            r = rule(rule_id, ps)
            if r is not None and org_class == cls:
                share = BOOK.value(key, ps)
                if remitted < collected * share.numerator // share.denominator:  # type: ignore[union-attr]
                    hits.append((r, ()))
        r = rule("audit.ledger.totals_mismatch", ps)
        if r is not None and (
            collected != entries_in or remitted != entries_out or retained != collected - remitted
        ):
            hits.append((r, ()))
        r = rule("audit.dues.collection_unrecorded", ps)
        if (
            r is not None
            and org_class == "cell_under_grassroots"
            and members_paid != entries_collected
        ):
            hits.append((r, ()))
        r = rule("audit.dues.remittance_mismatch", ps)
        if r is not None and remitted != remittances:
            hits.append((r, evidence))
        r = rule("audit.dues.remittance_late", ps)
        if r is not None and last_sent is not None:
            grace = BOOK.value(K.REMITTANCE_DUE, ps)
            if last_sent >= pe + dt.timedelta(days=grace.amount):  # type: ignore[union-attr]
                hits.append((r, evidence))
        r = rule("audit.dues.deposits_mismatch", ps)
        if r is not None and deposit_count > 0 and deposited != collected:
            hits.append((r, ()))
        for r, ev in hits:
            x.add(r, org, ps, pe, ps, values, ev)


def _short_of(count: int, total: int, share: Fraction, strict: bool) -> bool:
    left, right = count * share.denominator, total * share.numerator
    return left <= right if strict else left < right


def _python_campaigns(
    world: _World,
    x: _Explainer,
    rule: Callable[[str, dt.date], Rule | None],
    start: dt.date,
    end: dt.date,
) -> None:
    for c in world.campaigns:
        day, cid, rec = c["decided_on"], c["campaign_id"], c["records"]
        if not start <= day < end:
            continue
        meetings = sorted(rec["meetings"], key=lambda m: (m["held_on"], m["meeting_id"]))
        last = meetings[-1] if meetings else None
        decided = last is not None
        total = last["households_total"] if last else 0
        present = last["households_present"] if last else 0
        votes_for = sum(1 for v in last["votes"] if v == "for") if last else 0
        contributed = sum(rec["contributions"])
        spent = sum(d[1] for d in rec["disbursements"])
        unapproved = [d[0] for d in rec["disbursements"] if d[2] is None]
        settled = [s for s in rec["settlements"] if s[1] < end]
        posted = c["posted_on"] is not None or len(rec["postings"]) > 0
        values = c | {
            "decided": decided,
            "households_total": total,
            "households_present": present,
            "votes_for": votes_for,
            "contributed": contributed,
            "spent": spent,
            "unapproved": len(unapproved),
            "settlements": len(settled),
            "settled_collected": sum(s[0] for s in settled),
            "posted": posted,
        }
        hits = []
        r = rule("audit.fund.no_resident_decision", day)
        if r is not None and (
            not decided
            or _short_of(
                votes_for,
                total,
                BOOK.value(K.FUND_MAJORITY, day),  # type: ignore[arg-type]
                bool(BOOK.value(K.FUND_MAJORITY_STRICT, day)),
            )
        ):
            hits.append((r, ()))
        r = rule("audit.fund.no_quorum", day)
        if (
            r is not None
            and decided
            and _short_of(
                present,
                total,
                BOOK.value(K.FUND_QUORUM, day),  # type: ignore[arg-type]
                bool(BOOK.value(K.FUND_QUORUM_STRICT, day)),
            )
        ):
            hits.append((r, ()))
        for rule_id, hit, ev in (
            ("audit.fund.compulsory_levy", c["compulsory"], ()),
            ("audit.fund.not_posted", not posted, ()),
            (
                "audit.fund.collection_mismatch",
                len(settled) > 0 and values["settled_collected"] != contributed,
                (),
            ),
            ("audit.fund.overspent", spent > contributed, ()),
            ("audit.fund.unapproved_spending", len(unapproved) > 0, sorted(unapproved)),
            ("audit.fund.no_settlement", contributed > 0 and not settled, ()),
        ):
            r = rule(rule_id, day)
            if r is not None and hit:
                hits.append((r, ev))
        for r, ev in hits:
            x.add(r, cid, start, end, day, values, ev)


def _python(facts: Facts, folder: Path) -> tuple[Callable[[], object], int]:
    world = _World(facts)
    found = _python_loop(world)
    assert found.keys == _planted(folder), "the Python loop disagrees with the planted findings"
    assert len(found.out) == len(found.keys)
    return (lambda: _python_loop(world)), facts["members"].height


# -- (c) hand-written polars, no explanations ------------------------------------------------------------------------
_FAR = dt.date(9999, 12, 31)


def _rate_lists(categories: list[str], schedule: pl.DataFrame) -> tuple[list[Any], ...]:
    """Per (category, month), at ``category * months + month``: the share of the income base owed
    (numerator, denominator) or else the amount owed without one, as ``_due`` above computes it."""
    num: list[int | None] = []
    den: list[int | None] = []
    other: list[int | None] = []
    shares = {"salaried_insured": "sal", "on_insured_leave": "leave", "pensioner": "pen"}
    flats = {f"other_area_{i}": f"flat_{i}" for i in range(1, 5)} | {"student": "flat_student"}
    for category in categories:
        for s in schedule.iter_rows(named=True):
            floor = s["floor_other"]
            if category == "exempt":
                num.append(None), den.append(None), other.append(0)
            elif category in shares:
                part = shares[category]
                num.append(s[f"{part}_num"]), den.append(s[f"{part}_den"]), other.append(None)
            elif category == "non_insured":
                num.append(s["non_num"]), den.append(s["non_den"]), other.append(floor)
            else:
                flat = s[flats[category]] if category in flats else None
                num.append(None), den.append(None), other.append(floor if flat is None else flat)
    return num, den, other


def _hand_written(facts: Facts) -> set[Key]:
    """The same findings, written directly in polars over the facts, without explanations: one query.

    Written for speed, not generality: the benchmark year's rule versions and parameters are read once in
    Python, members get an integer index, a member's month is one integer key, the roll is built from each
    stay's range of months, and the large tables are sorted by those keys so that they meet in merge joins.
    Member and organisation ids are looked up for the findings only.
    """
    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR + 1, 1, 1)
    last = end - dt.timedelta(days=1)
    months = month_starts(PERIOD)
    n = len(months)
    schedule = dues_schedule(BOOK, months)
    last_days = [
        (m.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        for m in months
    ]
    base_of = [
        (m - dt.timedelta(days=1)).replace(day=1) if b == "previous" else m
        for m, b in zip(months, schedule["base_month"], strict=True)
    ]
    assert set(schedule["rounding"]) == {"half_up"}, "the floor rounds half up"
    categories = sorted(set(facts["members"]["dues_category"]))
    num, den, other = _rate_lists(categories, schedule)
    mi = pl.col("mi")
    rate = pl.col("cc") * n + mi
    ids = pl.lit(facts["members"]["member_id"])

    def key(index: str, day: pl.Expr) -> pl.Expr:
        return pl.col(index).cast(pl.Int64) * (1 << 32) + day.cast(pl.Int32).cast(pl.Int64)

    members = (
        facts.lazy("members")
        .select("member_id", "dues_category", "admitted_on", "left_on")
        .with_row_index("mk")
        .with_columns(
            cc=pl.col("dues_category").replace_strict(
                categories, range(len(categories)), return_dtype=pl.Int32
            )
        )
        .cache()
    )
    index = members.select("member_id", "mk")
    stays = (
        facts.lazy("cell_memberships")
        .join(members, on="member_id", maintain_order="left")
        .select("mk", "cc", "cell_id", "start", "end", "admitted_on", "left_on")
        .cache()
    )
    ends = pl.lit(pl.Series(last_days))
    roll = (
        stays.select(
            "mk",
            "cc",
            "admitted_on",
            "start",
            a=ends.search_sorted(pl.max_horizontal("start", "admitted_on")).cast(pl.Int32),
            b=ends.search_sorted(
                pl.min_horizontal(pl.col("end").fill_null(_FAR), pl.col("left_on").fill_null(_FAR))
            ).cast(pl.Int32),
        )
        .filter(pl.col("b") > pl.col("a"))
        .sort("mk", "start")
        .select("mk", "cc", "admitted_on", mi=pl.int_ranges("a", "b", dtype=pl.Int32))
        .explode("mi")
        .with_columns(
            k=key("mk", pl.lit(pl.Series(months)).gather(mi)),
            bk=key("mk", pl.lit(pl.Series(base_of)).gather(mi)),
        )
    )
    payments = (
        facts.lazy("dues_payments")
        .select("member_id", "month", "amount", "paid_on")
        .join(index, on="member_id", maintain_order="left")
        .cache()
    )
    paid = (
        payments.filter(pl.col("month").is_in(pl.Series(months).implode()))
        .select(k=key("mk", pl.col("month")), amount="amount")
        .sort("k")
        .group_by("k", maintain_order=True)
        .agg(paid=pl.col("amount").sum())
    )
    bases = (
        facts.lazy("income_bases")
        .filter(pl.col("month").is_in(pl.Series(sorted(set(base_of))).implode()))
        .select("member_id", "month", "amount")
        .join(index, on="member_id", maintain_order="left")
        .select(bk=key("mk", pl.col("month")), base="amount")
        .sort("bk")
    )
    absent = (
        facts.lazy("attendance")
        .filter(~pl.col("present") & ~pl.col("excused"))
        .join(facts.lazy("meetings").select("meeting_id", "cell_id", "held_on"), on="meeting_id")
        .join(index, on="member_id")
        .join(stays.select("mk", "cell_id", "start", "end"), on=["mk", "cell_id"])
        .filter(
            (pl.col("start") <= pl.col("held_on"))
            & (pl.col("end").is_null() | (pl.col("end") > pl.col("held_on")))
        )
        .select(k=key("mk", pl.col("held_on").dt.month_start()))
        .unique()
        .sort("k")
        .with_columns(absent=pl.lit(True))
    )
    n_, d_ = (
        pl.lit(pl.Series(num, dtype=pl.Int64)).gather(rate),
        pl.lit(pl.Series(den, dtype=pl.Int64)).gather(rate),
    )
    cut = pl.lit(pl.Series(schedule["exempt_admitted_by"])).gather(mi)
    due = (
        pl.when(pl.col("admitted_on") <= cut)
        .then(0)
        .otherwise(
            pl.coalesce(
                (2 * pl.col("base") * n_ + d_) // (2 * d_),
                pl.lit(pl.Series(other, dtype=pl.Int64)).gather(rate),
            )
        )
    )
    exempt = categories.index("exempt") if "exempt" in categories else -1
    mm = (
        roll.set_sorted("k")
        .join_asof(paid.set_sorted("k"), on="k", tolerance=0)
        .set_sorted("bk")
        .join_asof(bases.set_sorted("bk"), on="bk", tolerance=0)
        .set_sorted("k")
        .join_asof(absent.set_sorted("k"), on="k", tolerance=0)
        .with_columns(
            due=due, paid=pl.col("paid").fill_null(0), absent=pl.col("absent").fill_null(False)
        )
        .select(
            "mk",
            "mi",
            "absent",
            short=pl.when(pl.col("due").is_null())
            .then((pl.col("paid") == 0) & (pl.col("cc") != exempt))
            .otherwise(pl.col("paid") < pl.col("due")),
        )
        .cache()
    )
    missed, counting = (
        BOOK.value(K.THREE_MONTH_MONTHS, last),
        BOOK.value(K.THREE_MONTH_COUNTING, last),
    )
    assert str(BOOK.value(K.THREE_MONTH_PERIOD, last)) == "calendar_year", (
        "the floor counts by year"
    )
    years = (
        mm.set_sorted("mk")
        .group_by("mk", maintain_order=True)
        .agg(
            a=pl.col("absent").sum(),
            u=pl.col("short").sum(),
            e=(pl.col("absent") | pl.col("short")).sum(),
        )
        .cache()
    )
    month = pl.lit(pl.Series(months)).gather(mi)
    out = [
        mm.filter("absent").select(
            rule_id=pl.lit("duty.meeting.unexcused_absence"),
            subject_id=ids.gather("mk"),
            period_start=month,
        ),
        mm.filter("short").select(
            rule_id=pl.lit("duty.dues.underpaid"), subject_id=ids.gather("mk"), period_start=month
        ),
        years.filter(
            (pl.col("e") >= missed)
            if counting == "combined"
            else ((pl.col("a") >= missed) | (pl.col("u") >= missed))
        ).select(
            rule_id=pl.lit("membership.three_month_rule"),
            subject_id=ids.gather("mk"),
            period_start=pl.lit(start),
        ),
    ]
    if _in_force("duty.tasks.not_all_on_time", last):
        ex = BOOK.value(K.TASKS_EXCEEDED_MIN, last)
        tasks = (
            facts.lazy("tasks")
            .filter((pl.col("due_on") >= start) & (pl.col("due_on") < end))
            .select("assignee_id", "due_on", "done_on", "exceeded")
            .join(index, left_on="assignee_id", right_on="member_id", maintain_order="left")
            .sort("mk")
            .group_by("mk", maintain_order=True)
            .agg(
                n=pl.len(),
                ok=(pl.col("done_on") <= pl.col("due_on")).sum(),
                x=(pl.col("done_on").is_not_null() & pl.col("exceeded")).sum(),
            )
            .join(years.select("mk"), on="mk", how="semi")  # members on the roll in the year
            .cache()
        )
        out += [
            tasks.filter(pl.col("ok") < pl.col("n")).select(
                rule_id=pl.lit("duty.tasks.not_all_on_time"),
                subject_id=ids.gather("mk"),
                period_start=pl.lit(start),
            ),
            tasks.filter(pl.col("x") * ex.denominator < pl.col("n") * ex.numerator).select(  # type: ignore[union-attr]
                rule_id=pl.lit("duty.tasks.few_exceeded"),
                subject_id=ids.gather("mk"),
                period_start=pl.lit(start),
            ),
        ]
    out += _hand_written_ledgers(facts, stays, payments, start, end)
    out += _hand_written_campaigns(facts, start, end)
    frames = pl.collect_all([f.with_columns(pl.col("rule_id").cast(pl.String)) for f in out])
    return {k for f in frames for k in f.iter_rows()}


def _hand_written_ledgers(
    facts: Facts, stays: pl.LazyFrame, payments: pl.LazyFrame, start: dt.date, end: dt.date
) -> list[pl.LazyFrame]:
    orgs = facts.lazy("orgs")
    in_year = (pl.col("period_start") >= start) & (pl.col("period_start") < end)
    kind = pl.col("kind")
    e = (
        facts.lazy("ledger_entries")
        .filter(in_year)
        .group_by("org_id", "period_start")
        .agg(
            i=pl.when(kind.is_in(["collected", "received"])).then("amount").otherwise(0).sum(),
            c=pl.when(kind == "collected").then("amount").otherwise(0).sum(),
            o=pl.when(kind == "remitted").then("amount").otherwise(0).sum(),
        )
    )
    g = (
        facts.lazy("ledgers")
        .filter(in_year)
        .with_row_index("li")
        .join(e, on=["org_id", "period_start"], how="left")
        .join(orgs.select("org_id", "parent_id", "level", "kind"), on="org_id", how="left")
        .join(orgs.select(parent_id="org_id", parent_level="level"), on="parent_id", how="left")
        .cache()
    )
    books = stays.select("mk", "cell_id", "start", "end").join(
        g.select("li", "org_id", ps="period_start", pe="period_end"),
        left_on="cell_id",
        right_on="org_id",
    )
    paid = (
        payments.select("mk", "paid_on", "amount")
        .join(books, on="mk")
        .filter(
            (pl.col("start") <= pl.col("paid_on"))
            & (pl.col("end").is_null() | (pl.col("end") > pl.col("paid_on")))
            & (pl.col("paid_on") >= pl.col("ps"))
            & (pl.col("paid_on") < pl.col("pe"))
        )
        .group_by("li")
        .agg(p=pl.col("amount").sum())
    )
    sent = (
        facts.lazy("remittances")
        .join(
            g.select("org_id", ls="period_start", le="period_end"),
            left_on="from_org",
            right_on="org_id",
        )
        .filter((pl.col("period_start") >= pl.col("ls")) & (pl.col("period_start") < pl.col("le")))
        .group_by(org_id="from_org", period_start="ls")
        .agg(s=pl.col("amount").sum(), last=pl.col("sent_on").max())
    )
    dep = (
        facts.lazy("deposits")
        .join(g.select("org_id", "period_start", "period_end"), on="org_id")
        .filter(
            (pl.col("deposited_on") >= pl.col("period_start"))
            & (pl.col("deposited_on") < pl.col("period_end"))
        )
        .group_by("org_id", "period_start")
        .agg(d=pl.col("amount").sum(), dn=pl.len())
    )
    g = (
        g.join(paid, on="li", how="left")
        .join(sent, on=["org_id", "period_start"], how="left")
        .join(dep, on=["org_id", "period_start"], how="left")
        .with_columns(
            pl.col("i", "c", "o", "p", "s", "d", "dn").fill_null(0),
            cell=(pl.col("level") == "cell") & (pl.col("parent_level") == "grassroots"),
            ward=(pl.col("level") == "grassroots") & pl.col("kind").is_in(WARD_KINDS),
            other=(pl.col("level") == "grassroots") & ~pl.col("kind").is_in(WARD_KINDS),
        )
    )
    checks: list[tuple[str, pl.Expr]] = [
        (
            "audit.ledger.totals_mismatch",
            (pl.col("collected") != pl.col("i"))
            | (pl.col("remitted") != pl.col("o"))
            | (pl.col("retained") != pl.col("collected") - pl.col("remitted")),
        ),
        ("audit.dues.collection_unrecorded", pl.col("cell") & (pl.col("p") != pl.col("c"))),
        ("audit.dues.remittance_mismatch", pl.col("remitted") != pl.col("s")),
        ("audit.dues.deposits_mismatch", (pl.col("dn") > 0) & (pl.col("d") != pl.col("collected"))),
    ]
    if _in_force("audit.dues.cell_share_outside_range", start):
        keep = BOOK.value(K.SHARE_CELL_KEEPS, start)
        lo, hi = Fraction(keep.low), Fraction(keep.high)  # type: ignore[union-attr]
        checks.append(
            (
                "audit.dues.cell_share_outside_range",
                pl.col("cell")
                & (pl.col("collected") > 0)
                & (
                    (pl.col("retained") * lo.denominator < pl.col("collected") * lo.numerator)
                    | (pl.col("retained") * hi.denominator > pl.col("collected") * hi.numerator)
                ),
            )
        )
    for rule_id, key, flag in (
        ("audit.dues.ward_remits_short", K.SHARE_WARD_REMITS, "ward"),
        ("audit.dues.grassroots_remits_short", K.SHARE_OTHER_REMITS, "other"),
    ):
        if _in_force(rule_id, start):
            share = BOOK.value(key, start)
            checks.append(
                (
                    rule_id,
                    pl.col(flag)
                    & (
                        pl.col("remitted")
                        < pl.col("collected") * share.numerator // share.denominator
                    ),
                )
            )  # type: ignore[union-attr]
    if _in_force("audit.dues.remittance_late", start):
        grace = BOOK.value(K.REMITTANCE_DUE, start).amount  # type: ignore[union-attr]
        checks.append(
            (
                "audit.dues.remittance_late",
                pl.col("last").is_not_null()
                & (pl.col("last") >= pl.col("period_end").dt.offset_by(f"{grace}d")),
            )
        )
    return [
        g.filter(expr).select(
            rule_id=pl.lit(rule_id), subject_id="org_id", period_start="period_start"
        )
        for rule_id, expr in checks
    ]


def _hand_written_campaigns(facts: Facts, start: dt.date, end: dt.date) -> list[pl.LazyFrame]:
    votes = (
        facts.lazy("household_votes")
        .group_by("meeting_id")
        .agg(f=(pl.col("choice") == "for").sum())
    )
    decision = (
        facts.lazy("household_meetings")
        .filter(pl.col("campaign_id").is_not_null())
        .join(votes, on="meeting_id", how="left")
        .sort("held_on", "meeting_id")
        .group_by("campaign_id")
        .agg(pl.all().last())
        .select(
            "campaign_id",
            "households_total",
            "households_present",
            pl.col("f").fill_null(0),
            decided=pl.lit(True),
        )
    )
    c = (
        facts.lazy("campaigns")
        .filter((pl.col("decided_on") >= start) & (pl.col("decided_on") < end))
        .join(decision, on="campaign_id", how="left")
        .join(
            facts.lazy("contributions").group_by("campaign_id").agg(got=pl.col("amount").sum()),
            on="campaign_id",
            how="left",
        )
        .join(
            facts.lazy("disbursements")
            .group_by("campaign_id")
            .agg(spent=pl.col("amount").sum(), un=pl.col("approved_by").is_null().sum()),
            on="campaign_id",
            how="left",
        )
        .join(
            facts.lazy("postings").group_by(campaign_id="subject_id").agg(posts=pl.len()),
            on="campaign_id",
            how="left",
        )
        .join(
            facts.lazy("settlements")
            .filter(pl.col("published_on") < end)
            .group_by(campaign_id="subject_id")
            .agg(n=pl.len(), sc=pl.col("collected").sum()),
            on="campaign_id",
            how="left",
        )
        .with_columns(
            pl.col(
                "households_total",
                "households_present",
                "f",
                "got",
                "spent",
                "un",
                "posts",
                "n",
                "sc",
            ).fill_null(0),
            decided=pl.col("decided").fill_null(False),
        )
    )
    days = c.select("decided_on").unique().collect()["decided_on"].to_list()
    params = pl.DataFrame(
        [
            {
                "decided_on": d,
                "maj": _in_force("audit.fund.no_resident_decision", d),
                "quo": _in_force("audit.fund.no_quorum", d),
                "mn": Fraction(_maybe(K.FUND_MAJORITY, d) or 0).numerator,
                "md": Fraction(_maybe(K.FUND_MAJORITY, d) or 0).denominator,
                "ms": bool(_maybe(K.FUND_MAJORITY_STRICT, d)),
                "qn": Fraction(_maybe(K.FUND_QUORUM, d) or 0).numerator,
                "qd": Fraction(_maybe(K.FUND_QUORUM, d) or 0).denominator,
                "qs": bool(_maybe(K.FUND_QUORUM_STRICT, d)),
            }
            for d in days
        ],
        schema={
            "decided_on": pl.Date,
            "maj": pl.Boolean,
            "quo": pl.Boolean,
            "mn": pl.Int64,
            "md": pl.Int64,
            "ms": pl.Boolean,
            "qn": pl.Int64,
            "qd": pl.Int64,
            "qs": pl.Boolean,
        },
    )
    c = c.join(params.lazy(), on="decided_on", how="left")

    def short(count: str, num: str, den: str, strict: str) -> pl.Expr:
        left, right = pl.col(count) * pl.col(den), pl.col("households_total") * pl.col(num)
        return pl.when(strict).then(left <= right).otherwise(left < right)

    checks = [
        (
            "audit.fund.no_resident_decision",
            pl.col("maj") & (~pl.col("decided") | short("f", "mn", "md", "ms")),
        ),
        (
            "audit.fund.no_quorum",
            pl.col("quo") & pl.col("decided") & short("households_present", "qn", "qd", "qs"),
        ),
        ("audit.fund.compulsory_levy", pl.col("compulsory")),
        ("audit.fund.not_posted", pl.col("posted_on").is_null() & (pl.col("posts") == 0)),
        ("audit.fund.collection_mismatch", (pl.col("n") > 0) & (pl.col("sc") != pl.col("got"))),
        ("audit.fund.overspent", pl.col("spent") > pl.col("got")),
        ("audit.fund.unapproved_spending", pl.col("un") > 0),
        ("audit.fund.no_settlement", (pl.col("got") > 0) & (pl.col("n") == 0)),
    ]
    return [
        c.filter(expr).select(
            rule_id=pl.lit(rule_id), subject_id="campaign_id", period_start=pl.lit(start)
        )
        for rule_id, expr in checks
    ]


def _polars(facts: Facts, folder: Path) -> tuple[Callable[[], object], int]:
    found = _hand_written(facts)
    assert found == _planted(folder), "hand-written polars disagrees with the planted findings"
    assert found == RULES.evaluate(facts, PERIOD, BOOK).keys(), (
        "hand-written polars disagrees with kiemtra"
    )
    return (lambda: _hand_written(facts)), facts["members"].height


# -- running the workloads ---------------------------------------------------------------------------------------
WORKLOADS: dict[str, Callable[[Facts, Path], tuple[Callable[[], object], int]]] = {
    "kiemtra": _kiemtra,
    "decision": _decision_stage,
    "features": _features,
    "python": _python,
    "zen": functools.partial(_zen, sample=ZEN_SAMPLE),
    "polars": _polars,
}


def _memory_mb(field: str) -> float | None:
    """``VmRSS`` (now) or ``VmHWM`` (the peak) of this process, from ``/proc/self/status`` (Linux)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(f"{field}:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return None


def _rss_mb() -> float:
    now = _memory_mb("VmRSS")
    return now if now is not None else _peak_mb()


def _peak_mb() -> float:
    peak = _memory_mb("VmHWM")
    if peak is not None:
        return peak
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _reset_peak() -> None:
    """Start the peak over from the memory in use now (Linux: ``5`` to ``/proc/self/clear_refs``), so that
    reading and validating the facts, whose transient peak is higher than any workload's, does not hide it."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        pass


def measure(name: str, folder: Path, repeats: int, tiny: bool) -> dict[str, float]:
    """Load the facts, prepare and check workload ``name``, time it; with its process's peak memory from
    the loaded facts on."""
    facts = Facts.read_parquet(folder)
    prepare = (
        functools.partial(_zen, sample=TINY_ZEN_SAMPLE)
        if tiny and name == "zen"
        else WORKLOADS[name]
    )
    loaded = _rss_mb()
    _reset_peak()
    fn, items = prepare(facts, folder)
    prepared = _rss_mb()
    us = per_item_us(fn, items, repeats)
    return {
        "us": us,
        "items": items,
        "loaded_mb": loaded,
        "prepared_mb": prepared,
        "peak_mb": _peak_mb(),
    }


def _subprocess(name: str, folder: Path, repeats: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_rules", name, str(folder), str(repeats)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main(tiny: bool) -> list[Row]:
    """Generate the province, then measure kiemtra and the three baselines on it (see the module docstring)."""
    from kiemtra import synth

    members, wards = (2_000, 2) if tiny else (200_000, 100)
    started = time.perf_counter()
    data = synth.generate(SEED, members=members, wards=wards, year=YEAR)
    generated = time.perf_counter() - started
    cells = data.facts["orgs"].filter(pl.col("level") == "cell").height
    repeats = (
        dict.fromkeys(WORKLOADS, 1)
        if tiny
        else {"kiemtra": 2, "decision": 3, "features": 2, "python": 1, "zen": 1, "polars": 3}
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data.write_parquet(folder)
        if tiny:
            r = {n: measure(n, folder, repeats[n], tiny=True) for n in WORKLOADS}
        else:
            r = {n: _subprocess(n, folder, repeats[n]) for n in WORKLOADS}

    def mem(name: str, lead: str = "") -> str:
        if tiny:
            return lead
        m = r[name]
        peak = f"peak RSS {m['peak_mb']:,.0f} MB, +{m['peak_mb'] - m['loaded_mb']:,.0f} MB over the loaded facts"
        return f"{lead}; {peak}" if lead else peak

    size = f"{members:,} members, {cells:,} cells, {data.planted.height:,} findings"
    k, a, d, z, c, f = (
        r[n]["us"] for n in ("kiemtra", "decision", "python", "zen", "polars", "features")
    )
    return [
        Row("synth.generate, per member", generated / members * 1e6, note=size),
        Row("kiemtra RuleSet.evaluate, all rules, per member", k, note=mem("kiemtra")),
        ratio_row(
            "(a) Python loop + Explanation, per member",
            d,
            "kiemtra evaluate",
            k,
            "≥ 5",
            mem("python"),
        ),
        Row("kiemtra decision stage (member rules), per member", a, note=mem("decision")),
        ratio_row(
            "(b) zen-engine per record (member rules), per member",
            z,
            "kiemtra decision stage",
            a,
            "≥ 100",
            mem("zen", f"sample of {int(r['zen']['items']):,} members"),
        ),
        ratio_row(
            "kiemtra evaluate vs (c) hand-written polars",
            k,
            "(c) polars, no explanations",
            c,
            "≤ 2",
            mem("kiemtra"),
        ),
        Row("(c) hand-written polars, per member", c, note=mem("polars")),
        ratio_row(
            "kiemtra feature tables (evaluate's first query), per member",
            f,
            "(c) polars, no explanations",
            c,
            note=mem("features", "where evaluate's time goes"),
        ),
    ]


if __name__ == "__main__":  # a worker: python -m benchmarks.bench_rules NAME FOLDER REPEATS
    print(json.dumps(measure(sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), tiny=False)))
