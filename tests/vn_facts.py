"""Small builders of Vietnamese fact tables for the duty, audit and explanation tests.

Imported as ``from tests.vn_facts import ...``: under ``--import-mode=importlib`` pytest registers the
``tests`` package when it imports the test modules, so this works from any working directory.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import polars as pl

from kiemtra import DateRange, Rulebook
from kiemtra._rules._evaluate import Findings, RuleSet
from kiemtra.facts import SCHEMAS, Facts
from kiemtra.rulebooks import vn

D = dt.date
LONG_AGO = D(2000, 1, 1)

_RULESET: RuleSet | None = None
_BOOK: Rulebook | None = None


def ruleset() -> RuleSet:
    """The Vietnamese rule set, built once per session."""
    global _RULESET
    if _RULESET is None:
        _RULESET = vn.ruleset()
    return _RULESET


def book() -> Rulebook:
    """The Vietnamese rulebook, built once per session."""
    global _BOOK
    if _BOOK is None:
        _BOOK = vn.rulebook()
    return _BOOK


def month(year: int, m: int) -> dt.date:
    """The first day of month ``m`` of ``year``."""
    return D(year, m, 1)


class World:
    """Rows of fact tables, added one by one, turned into validated :class:`Facts`.

    A new world has a district ``city``, a ward grassroots organisation ``ward`` (kind ``"ward"``) and
    two cells ``cell1`` and ``cell2`` under the ward.
    """

    def __init__(self, *, ward_kind: str = "ward") -> None:
        self.rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.org("city", None, "district", "city")
        self.org("ward", "city", "grassroots", ward_kind)
        self.org("cell1", "ward", "cell", "neighbourhood_cell")
        self.org("cell2", "ward", "cell", "neighbourhood_cell")
        self._receipts = 0

    # -- generic ---------------------------------------------------------------------------------
    def add(self, table: str, **row: Any) -> None:
        """Add a row to ``table`` (optional columns may be left out)."""
        self.rows[table].append(row)

    def org(self, org_id: str, parent: str | None, level: str, kind: str) -> None:
        """Add an organisation."""
        self.add("orgs", org_id=org_id, parent_id=parent, level=level, kind=kind)

    # -- members -----------------------------------------------------------------------------------
    def member(
        self,
        member_id: str,
        category: str = "salaried_insured",
        *,
        admitted: dt.date = LONG_AGO,
        cell: str | None = "cell1",
        born: dt.date | None = None,
    ) -> None:
        """Add a member admitted on ``admitted`` (full member a year later), on ``cell``'s roll from that day
        (unless None)."""
        self.add(
            "members",
            member_id=member_id,
            admitted_on=admitted,
            probation_ends_on=D(admitted.year + 1, admitted.month, admitted.day),
            full_member_on=D(admitted.year + 1, admitted.month, admitted.day),
            dues_category=category,
            birth_date=born,
        )
        if cell is not None:
            self.stay(member_id, cell, admitted)

    def stay(self, member_id: str, cell: str, start: dt.date, end: dt.date | None = None) -> None:
        """``member_id`` on ``cell``'s roll from ``start`` until ``end``."""
        self.add("cell_memberships", member_id=member_id, cell_id=cell, start=start, end=end)

    def meeting(self, cell: str, day: dt.date) -> str:
        """A regular meeting of ``cell`` on ``day``; returns its id."""
        meeting_id = f"{cell}-{day.isoformat()}"
        self.add(
            "meetings",
            meeting_id=meeting_id,
            cell_id=cell,
            held_on=day,
            kind="regular",
            duration_minutes=90,
        )
        return meeting_id

    def monthly_meetings(self, cell: str, year: int, months: Iterable[int] = range(1, 13)) -> None:
        """One meeting of ``cell`` on the 5th of each month."""
        for m in months:
            self.meeting(cell, D(year, m, 5))

    def attend(
        self,
        meeting_id: str,
        member_id: str,
        *,
        present: bool = True,
        excused: bool = False,
        reason: str = "",
    ) -> None:
        """Record ``member_id``'s attendance at ``meeting_id``."""
        self.add(
            "attendance",
            meeting_id=meeting_id,
            member_id=member_id,
            present=present,
            excused=excused,
            excuse_reason=reason,
        )

    def absent(
        self, cell: str, member_id: str, year: int, m: int, *, excused: bool = False
    ) -> None:
        """``member_id`` missed ``cell``'s meeting of month ``m`` (on the 5th)."""
        self.attend(
            f"{cell}-{D(year, m, 5).isoformat()}",
            member_id,
            present=False,
            excused=excused,
            reason="ốm" if excused else "",
        )

    def income(
        self, member_id: str, on: dt.date, amount: int, kind: str = "insurable_salary"
    ) -> None:
        """The income ``member_id``'s dues for the month ``on`` are assessed on."""
        self.add("income_bases", member_id=member_id, month=on, kind=kind, amount=amount)

    def pay(
        self,
        member_id: str,
        on: dt.date,
        amount: int,
        *,
        receipt: str | None = None,
        paid_on: dt.date | None = None,
    ) -> str:
        """A dues payment by ``member_id`` for the month ``on``; returns the receipt number."""
        self._receipts += 1
        receipt_no = receipt or f"BL-{member_id}-{on.isoformat()}-{self._receipts}"
        self.add(
            "dues_payments",
            receipt_no=receipt_no,
            member_id=member_id,
            month=on,
            amount=amount,
            paid_on=paid_on or D(on.year, on.month, 10),
        )
        return receipt_no

    # -- output -------------------------------------------------------------------------------------
    def frames(self) -> dict[str, pl.DataFrame]:
        """The tables as typed frames."""
        out = {}
        for table, rows in self.rows.items():
            columns = SCHEMAS[table].columns
            out[table] = pl.DataFrame(
                [{c: r.get(c) for c in columns} for r in rows], schema=dict(columns), orient="row"
            )
        return out

    def facts(self) -> Facts:
        """The validated facts."""
        return Facts.from_frames(self.frames())


def evaluate(facts: Facts, period: DateRange | int, rulebook: Rulebook | None = None) -> Findings:
    """Every finding of the Vietnamese rule set over ``period`` (a year, or a DateRange)."""
    span = DateRange.year(period) if isinstance(period, int) else period
    return ruleset().evaluate(facts, span, rulebook or book())


def found(findings: Findings, rule_id: str) -> set[tuple[str, dt.date]]:
    """``(subject_id, period_start)`` of every finding of ``rule_id``."""
    return {(s, p) for r, s, p in findings.keys() if r == rule_id}  # noqa: SIM118 (rows, not keys)


def rows_of(findings: Findings, rule_id: str) -> list[Mapping[str, Any]]:
    """The findings rows of ``rule_id``."""
    return [r for r in findings if r["rule_id"] == rule_id]
