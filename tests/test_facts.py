"""Fact tables: validation names table, row and column; every source gives the same tables; subsets."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import kiemtra
from kiemtra import Body, DateRange, InvalidInput, Money
from kiemtra._errors import InvalidFacts
from kiemtra._model._funds import (
    Contribution,
    Disbursement,
    FundCampaign,
    Household,
    HouseholdMeeting,
    HouseholdVote,
    Posting,
    VoteChoice,
)
from kiemtra._model._member import CellMembership, DuesCategory, Member, PostHolding
from kiemtra._model._org import Organisation, OrgKind, OrgLevel, OrgLink
from kiemtra._model._records import (
    AssignedTask,
    Attendance,
    BankDeposit,
    CellMeeting,
    CriterionScore,
    DuesPayment,
    IncomeBase,
    IncomeKind,
    Ledger,
    LedgerEntry,
    LedgerEntryKind,
    MeetingKind,
    PublishedSettlement,
    Remittance,
    SanctionRecord,
)
from kiemtra.facts import SCHEMAS, Facts

D = dt.date


# -- a small valid base, and the problems of one broken table at a time -----------------------------------
def _members() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "member_id": ["a", "b"],
            "admitted_on": [D(2018, 3, 15), D(2000, 1, 1)],
            "probation_ends_on": [D(2019, 3, 15), D(2001, 1, 1)],
            "dues_category": ["salaried_insured", "pensioner"],
        }
    )


def _meetings() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "meeting_id": ["M1"],
            "cell_id": ["cell1"],
            "held_on": [D(2018, 4, 5)],
            "kind": ["regular"],
            "duration_minutes": [90],
        }
    )


def _payments(rows: list[tuple[str, str, dt.date, int]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "receipt_no": pl.String,
            "member_id": pl.String,
            "month": pl.Date,
            "amount": pl.Int64,
        },
        orient="row",
    ).with_columns(paid_on=pl.lit(D(2018, 5, 10)))


def _households() -> dict[str, pl.DataFrame]:
    return {
        "households": pl.DataFrame(
            {
                "household_id": ["h1", "h2"],
                "area_id": ["q1", "q1"],
                "valid_from": [D(2000, 1, 1)] * 2,
            }
        ),
        "household_meetings": pl.DataFrame(
            {
                "meeting_id": ["HM-1"],
                "area_id": ["q1"],
                "held_on": [D(2018, 5, 10)],
                "households_total": [2],
                "households_present": [2],
                "campaign_id": ["C1"],
            }
        ),
        "campaigns": pl.DataFrame(
            {
                "campaign_id": ["C1"],
                "area_id": ["q1"],
                "decided_on": [D(2018, 5, 10)],
                "per_household": [100_000],
                "compulsory": [False],
            }
        ),
    }


def _problems(**frames: pl.DataFrame) -> list[tuple[Any, ...]]:
    """The problems of the base tables with ``frames`` added or replaced."""
    tables = {"members": _members(), "meetings": _meetings(), **_households(), **frames}
    with pytest.raises(InvalidFacts) as caught:
        Facts.from_frames(tables)
    return list(caught.value.problems)


def _where(problems: list[tuple[Any, ...]]) -> set[tuple[Any, ...]]:
    """(table, row, column, value) of every problem."""
    return {p[:4] for p in problems}


def test_valid_base_is_accepted() -> None:
    """The base tables used below are valid on their own."""
    facts = Facts.from_frames({"members": _members(), "meetings": _meetings(), **_households()})
    assert facts["members"].get_column("member_id").to_list() == ["a", "b"]


def test_unknown_member_in_attendance_is_named() -> None:
    """Attendance by a member who is not on the members table names attendance, row 1, member_id."""
    attendance = pl.DataFrame(
        {
            "meeting_id": ["M1", "M1"],
            "member_id": ["a", "zz"],
            "present": [True, True],
            "excused": [False, False],
            "excuse_reason": ["", ""],
        }
    )
    assert _where(_problems(attendance=attendance)) == {("attendance", 1, "member_id", "zz")}


def test_unknown_member_in_payments_is_named() -> None:
    """A payment by an unknown member names dues_payments, its row, member_id and the id."""
    payments = _payments(
        [("BL-1", "b", D(2018, 4, 1), 20_000), ("BL-2", "zz", D(2018, 4, 1), 20_000)]
    )
    assert _where(_problems(dues_payments=payments)) == {("dues_payments", 1, "member_id", "zz")}


def test_unknown_member_in_income_bases_is_named() -> None:
    """An income base of an unknown member names income_bases, row 0, member_id."""
    bases = pl.DataFrame(
        {"member_id": ["zz"], "month": [D(2018, 4, 1)], "kind": ["pension"], "amount": [1]}
    )
    assert _where(_problems(income_bases=bases)) == {("income_bases", 0, "member_id", "zz")}


def test_unknown_member_problem_says_unknown_member() -> None:
    """The reason of an unknown member says so."""
    payments = _payments([("BL-2", "zz", D(2018, 4, 1), 20_000)])
    assert [p[4] for p in _problems(dues_payments=payments)] == ["unknown member"]


def test_payment_for_a_month_before_admission_is_named() -> None:
    """Member a, admitted 15/3/2018, paying for February 2018 names dues_payments, row 1, month."""
    payments = _payments(
        [("BL-1", "a", D(2018, 3, 1), 10_000), ("BL-2", "a", D(2018, 2, 1), 10_000)]
    )
    assert _where(_problems(dues_payments=payments)) == {
        ("dues_payments", 1, "month", D(2018, 2, 1))
    }


def test_payment_for_the_admission_month_is_accepted() -> None:
    """Member a, admitted 15/3/2018, may pay for March 2018."""
    payments = _payments([("BL-1", "a", D(2018, 3, 1), 10_000)])
    facts = Facts.from_frames({"members": _members(), "dues_payments": payments})
    assert facts["dues_payments"].height == 1


def test_negative_amount_is_named() -> None:
    """A payment of −3 đ names dues_payments, row 0, amount and the value."""
    payments = _payments([("BL-1", "b", D(2018, 4, 1), -3)])
    assert _where(_problems(dues_payments=payments)) == {("dues_payments", 0, "amount", -3)}


def test_negative_ledger_total_is_named() -> None:
    """A ledger stating −1 đ retained names ledgers, row 0, retained."""
    ledgers = pl.DataFrame(
        {
            "org_id": ["cell1"],
            "period_start": [D(2018, 1, 1)],
            "period_end": [D(2018, 4, 1)],
            "collected": [0],
            "retained": [-1],
            "remitted": [1],
        }
    )
    assert _where(_problems(ledgers=ledgers)) == {("ledgers", 0, "retained", -1)}


def test_duplicate_receipt_number_is_named() -> None:
    """Two payments with receipt BL-1 name dues_payments, the second row, receipt_no."""
    payments = _payments(
        [("BL-1", "b", D(2018, 4, 1), 20_000), ("BL-1", "b", D(2018, 5, 1), 20_000)]
    )
    where = {(t, r, c) for t, r, c, _ in _where(_problems(dues_payments=payments))}
    assert ("dues_payments", 1, "receipt_no") in where


def test_vote_by_a_household_that_does_not_exist_is_named() -> None:
    """A vote by household h9 names household_votes, row 0, household_id."""
    votes = pl.DataFrame(
        {"meeting_id": ["HM-1", "HM-1"], "household_id": ["h9", "h1"], "choice": ["for", "for"]}
    )
    assert _where(_problems(household_votes=votes)) == {
        ("household_votes", 0, "household_id", "h9")
    }


def test_contribution_to_an_unknown_campaign_is_named() -> None:
    """A contribution to campaign C9 names contributions, row 0, campaign_id."""
    contributions = pl.DataFrame(
        {
            "receipt_no": ["PT-1"],
            "household_id": ["h1"],
            "campaign_id": ["C9"],
            "amount": [50_000],
            "received_on": [D(2018, 5, 20)],
        }
    )
    assert _where(_problems(contributions=contributions)) == {
        ("contributions", 0, "campaign_id", "C9")
    }


def test_missing_required_column_is_named() -> None:
    """A members table without admitted_on names members, no row, admitted_on, 'column missing'."""
    problems = _problems(members=_members().drop("admitted_on"))
    assert [(p[0], p[1], p[2], p[4]) for p in problems] == [
        ("members", None, "admitted_on", "column missing")
    ]


def test_missing_optional_column_is_accepted() -> None:
    """A members table without the optional left_on is valid; the column is added, all null."""
    facts = Facts.from_frames({"members": _members()})
    assert facts["members"].get_column("left_on").null_count() == 2


def test_column_of_the_wrong_type_is_named() -> None:
    """A duration_minutes column of words names meetings and duration_minutes."""
    problems = _problems(meetings=_meetings().with_columns(duration_minutes=pl.lit("ninety")))
    assert [(p[0], p[2]) for p in problems] == [("meetings", "duration_minutes")]


def test_one_unreadable_value_names_its_row() -> None:
    """In a duration_minutes column ['90', 'ninety'], the problem names row 1."""
    meetings = pl.concat(
        [_meetings(), _meetings().with_columns(meeting_id=pl.lit("M2"))]
    ).with_columns(duration_minutes=pl.Series(["90", "ninety"]))
    assert [(p[0], p[1], p[2]) for p in _problems(meetings=meetings)] == [
        ("meetings", 1, "duration_minutes")
    ]


def test_unknown_table_is_named() -> None:
    """A table the schemas do not know is refused by name."""
    problems = _problems(bogus=_meetings())
    assert [(p[0], p[4]) for p in problems] == [("bogus", "unknown table")]


def test_every_problem_is_named_in_one_pass() -> None:
    """A negative amount in row 0 and an unknown member in row 1 are both named."""
    payments = _payments([("BL-1", "b", D(2018, 4, 1), -3), ("BL-2", "zz", D(2018, 4, 1), 20_000)])
    assert _where(_problems(dues_payments=payments)) == {
        ("dues_payments", 0, "amount", -3),
        ("dues_payments", 1, "member_id", "zz"),
    }


def test_invalid_facts_is_exported() -> None:
    """``kiemtra.InvalidFacts`` is the error validation raises."""
    assert kiemtra.InvalidFacts is InvalidFacts  # type: ignore[attr-defined]


def test_invalid_facts_is_an_invalid_input() -> None:
    """A host catching InvalidInput also catches invalid facts."""
    payments = _payments([("BL-1", "b", D(2018, 4, 1), -3)])
    with pytest.raises(InvalidInput):
        Facts.from_frames({"members": _members(), "dues_payments": payments})


def test_failed_validation_gives_no_facts_to_evaluate() -> None:
    """from_frames raises instead of returning facts, so nothing can be evaluated from them."""
    payments = _payments([("BL-1", "zz", D(2018, 4, 1), 1)])
    result = None
    with pytest.raises(InvalidFacts):
        result = Facts.from_frames({"members": _members(), "dues_payments": payments})
    assert result is None


def test_files_that_fail_validation_give_no_facts(tmp_path: Path) -> None:
    """Parquet files holding a negative amount are refused like frames."""
    _members().write_parquet(tmp_path / "members.parquet")
    _payments([("BL-1", "b", D(2018, 4, 1), -3)]).write_parquet(tmp_path / "dues_payments.parquet")
    with pytest.raises(InvalidFacts):
        Facts.read_parquet(tmp_path)


def test_constructor_refuses_invalid_tables() -> None:
    """Building Facts directly from a table with a negative amount raises InvalidFacts."""
    payments = _payments([("BL-1", "zz", D(2018, 4, 1), -3)])
    with pytest.raises(InvalidFacts):
        Facts({"members": _members(), "dues_payments": payments})


# -- every source gives the same tables ---------------------------------------------------------------------
Q1 = DateRange(D(2018, 1, 1), D(2018, 4, 1))


def _records() -> list[object]:
    """One model record of every type a fact table takes."""
    return [
        Organisation(
            "ward",
            "Đảng bộ phường Hà Lầm",
            OrgLevel.GRASSROOTS,
            OrgKind.WARD_PARTY_ORGANISATION,
            DateRange(D(2000, 1, 1)),
        ),
        Organisation(
            "cell1",
            "Chi bộ khu 1",
            OrgLevel.CELL,
            OrgKind.NEIGHBOURHOOD_CELL,
            DateRange(D(2000, 1, 1)),
        ),
        OrgLink("cell1", "ward", DateRange(D(2000, 1, 1))),
        PostHolding("a", "secretary", Body("cell1", "cell_committee"), DateRange(D(2015, 1, 1))),
        Member(
            "a",
            "Nguyễn Văn A",
            D(1970, 1, 1),
            D(2000, 1, 1),
            D(2001, 1, 1),
            DuesCategory.SALARIED_INSURED,
            full_member_on=D(2001, 1, 1),
        ),
        CellMembership("a", "cell1", DateRange(D(2010, 1, 1))),
        CellMeeting("M1", "cell1", D(2018, 3, 5), MeetingKind.REGULAR, 90),
        Attendance("M1", "a", present=False, excused=True, excuse_reason="ốm"),
        IncomeBase("a", D(2018, 3, 1), IncomeKind.INSURABLE_SALARY, Money(5_000_000)),
        DuesPayment("BL-1", "a", D(2018, 3, 1), Money(50_000), D(2018, 3, 10)),
        Ledger(
            "cell1",
            Q1,
            [
                LedgerEntry(
                    "1", D(2018, 3, 10), LedgerEntryKind.COLLECTED, Money(50_000), "BL-1", "a"
                ),
                LedgerEntry("2", D(2018, 3, 31), LedgerEntryKind.REMITTED, Money(35_000), "NP-1"),
            ],
            Money(50_000),
            Money(15_000),
            Money(35_000),
        ),
        Remittance("NP-1", "cell1", "ward", Q1, Money(35_000), D(2018, 4, 5)),
        BankDeposit("GNT-1", "cell1", Money(50_000), D(2018, 3, 12), "TK-1"),
        AssignedTask(
            "T1", "a", "cell1", D(2018, 1, 10), D(2018, 6, 15), D(2018, 6, 1), exceeded=True
        ),
        CriterionScore("a", 2018, "general", Fraction(30), Fraction(25)),
        SanctionRecord(
            "S1",
            "a",
            "reprimand",
            D(2018, 9, 1),
            D(2018, 9, 5),
            Body("cell1", "cell_meeting"),
            D(2018, 6, 1),
        ),
        Household("h1", "q1", "Trần Thị B", DateRange(D(2000, 1, 1))),
        HouseholdMeeting("HM-1", "q1", D(2018, 5, 10), "Đóng góp làm đường", 10, 8, "C1"),
        HouseholdVote("HM-1", "h1", VoteChoice.FOR),
        FundCampaign(
            "C1", "q1", "Làm đường", D(2018, 5, 10), Money(100_000), False, D(2018, 5, 12)
        ),
        Contribution("PT-1", "h1", "C1", Money(100_000), D(2018, 5, 20)),
        Disbursement("PC-1", "C1", Money(80_000), D(2018, 6, 1), "ward-committee", "Xi măng"),
        PublishedSettlement(
            "QT-1",
            "ward",
            "C1",
            DateRange(D(2018, 5, 1), D(2019, 1, 1)),
            Money(100_000),
            Money(80_000),
            D(2018, 12, 20),
        ),
        Posting("NY-1", "C1", D(2018, 5, 12), "Nhà văn hóa"),
    ]


def _typed_frames() -> dict[str, pl.DataFrame]:
    """The same facts as :func:`_records`, typed by hand as frames."""
    return {
        "orgs": pl.DataFrame(
            {
                "org_id": ["ward", "cell1"],
                "parent_id": [None, "ward"],
                "level": ["grassroots", "cell"],
                "kind": ["ward_party_organisation", "neighbourhood_cell"],
            }
        ),
        "posts": pl.DataFrame(
            {
                "member_id": ["a"],
                "org_id": ["cell1"],
                "post": ["secretary"],
                "start": [D(2015, 1, 1)],
                "end": [None],
            }
        ),
        "members": pl.DataFrame(
            {
                "member_id": ["a"],
                "admitted_on": [D(2000, 1, 1)],
                "probation_ends_on": [D(2001, 1, 1)],
                "full_member_on": [D(2001, 1, 1)],
                "dues_category": ["salaried_insured"],
                "birth_date": [D(1970, 1, 1)],
                "managed_by": [None],
                "left_on": [None],
            }
        ),
        "cell_memberships": pl.DataFrame(
            {"member_id": ["a"], "cell_id": ["cell1"], "start": [D(2010, 1, 1)], "end": [None]}
        ),
        "meetings": pl.DataFrame(
            {
                "meeting_id": ["M1"],
                "cell_id": ["cell1"],
                "held_on": [D(2018, 3, 5)],
                "kind": ["regular"],
                "duration_minutes": [90],
            }
        ),
        "attendance": pl.DataFrame(
            {
                "meeting_id": ["M1"],
                "member_id": ["a"],
                "present": [False],
                "excused": [True],
                "excuse_reason": ["ốm"],
            }
        ),
        "income_bases": pl.DataFrame(
            {
                "member_id": ["a"],
                "month": [D(2018, 3, 1)],
                "kind": ["insurable_salary"],
                "amount": [5_000_000],
            }
        ),
        "dues_payments": pl.DataFrame(
            {
                "receipt_no": ["BL-1"],
                "member_id": ["a"],
                "month": [D(2018, 3, 1)],
                "amount": [50_000],
                "paid_on": [D(2018, 3, 10)],
            }
        ),
        "ledgers": pl.DataFrame(
            {
                "org_id": ["cell1"],
                "period_start": [D(2018, 1, 1)],
                "period_end": [D(2018, 4, 1)],
                "collected": [50_000],
                "retained": [15_000],
                "remitted": [35_000],
            }
        ),
        "ledger_entries": pl.DataFrame(
            {
                "org_id": ["cell1", "cell1"],
                "period_start": [D(2018, 1, 1)] * 2,
                "entry_no": ["1", "2"],
                "on": [D(2018, 3, 10), D(2018, 3, 31)],
                "kind": ["collected", "remitted"],
                "amount": [50_000, 35_000],
                "ref": ["BL-1", "NP-1"],
                "member_id": ["a", None],
            }
        ),
        "remittances": pl.DataFrame(
            {
                "remittance_id": ["NP-1"],
                "from_org": ["cell1"],
                "to_org": ["ward"],
                "period_start": [D(2018, 1, 1)],
                "period_end": [D(2018, 4, 1)],
                "amount": [35_000],
                "sent_on": [D(2018, 4, 5)],
            }
        ),
        "deposits": pl.DataFrame(
            {
                "deposit_id": ["GNT-1"],
                "org_id": ["cell1"],
                "amount": [50_000],
                "deposited_on": [D(2018, 3, 12)],
                "account": ["TK-1"],
            }
        ),
        "settlements": pl.DataFrame(
            {
                "settlement_id": ["QT-1"],
                "org_id": ["ward"],
                "subject_id": ["C1"],
                "period_start": [D(2018, 5, 1)],
                "period_end": [D(2019, 1, 1)],
                "collected": [100_000],
                "spent": [80_000],
                "published_on": [D(2018, 12, 20)],
            }
        ),
        "tasks": pl.DataFrame(
            {
                "task_id": ["T1"],
                "assignee_id": ["a"],
                "assigned_by": ["cell1"],
                "assigned_on": [D(2018, 1, 10)],
                "due_on": [D(2018, 6, 15)],
                "done_on": [D(2018, 6, 1)],
                "exceeded": [True],
            }
        ),
        "scores": pl.DataFrame(
            {
                "subject_id": ["a"],
                "year": [2018],
                "criterion": ["general"],
                "max_points": [30.0],
                "self_score": [25.0],
                "appraised_score": [None],
            }
        ),
        "households": pl.DataFrame(
            {
                "household_id": ["h1"],
                "area_id": ["q1"],
                "valid_from": [D(2000, 1, 1)],
                "valid_to": [None],
            }
        ),
        "household_meetings": pl.DataFrame(
            {
                "meeting_id": ["HM-1"],
                "area_id": ["q1"],
                "held_on": [D(2018, 5, 10)],
                "households_total": [10],
                "households_present": [8],
                "campaign_id": ["C1"],
            }
        ),
        "household_votes": pl.DataFrame(
            {"meeting_id": ["HM-1"], "household_id": ["h1"], "choice": ["for"]}
        ),
        "campaigns": pl.DataFrame(
            {
                "campaign_id": ["C1"],
                "area_id": ["q1"],
                "decided_on": [D(2018, 5, 10)],
                "per_household": [100_000],
                "compulsory": [False],
                "posted_on": [D(2018, 5, 12)],
            }
        ),
        "contributions": pl.DataFrame(
            {
                "receipt_no": ["PT-1"],
                "household_id": ["h1"],
                "campaign_id": ["C1"],
                "amount": [100_000],
                "received_on": [D(2018, 5, 20)],
            }
        ),
        "disbursements": pl.DataFrame(
            {
                "disbursement_id": ["PC-1"],
                "campaign_id": ["C1"],
                "amount": [80_000],
                "spent_on": [D(2018, 6, 1)],
                "approved_by": ["ward-committee"],
            }
        ),
        "postings": pl.DataFrame(
            {
                "posting_id": ["NY-1"],
                "subject_id": ["C1"],
                "posted_on": [D(2018, 5, 12)],
                "removed_on": [None],
            }
        ),
        "sanctions": pl.DataFrame(
            {
                "sanction_id": ["S1"],
                "subject_id": ["a"],
                "form": ["reprimand"],
                "decided_on": [D(2018, 9, 1)],
                "announced_on": [D(2018, 9, 5)],
                "decided_by_org": ["cell1"],
                "decided_by_kind": ["cell_meeting"],
                "violation_on": [D(2018, 6, 1)],
            }
        ),
    }


def _differences(a: Facts, b: Facts) -> list[str]:
    """The tables that differ between two facts (schema or contents)."""
    return [
        name for name in SCHEMAS if not a[name].equals(b[name]) or a[name].schema != b[name].schema
    ]


@pytest.fixture(scope="module")
def from_frames() -> Facts:
    """The hand-typed facts."""
    return Facts.from_frames(_typed_frames())


def test_records_give_the_hand_typed_tables(from_frames: Facts) -> None:
    """Facts from one model record of each type equal the same facts typed as frames."""
    assert _differences(Facts.from_records(_records()), from_frames) == []


def test_unknown_record_type_is_refused() -> None:
    """A record no fact table takes is refused by its type."""
    with pytest.raises(InvalidInput, match="str"):
        Facts.from_records(["not a record"])


def test_csv_files_give_the_same_tables(tmp_path: Path, from_frames: Facts) -> None:
    """CSV files of the tables, read with the declared schemas, give identical facts."""
    for name, frame in _typed_frames().items():
        frame.write_csv(tmp_path / f"{name}.csv")
    assert _differences(Facts.read_csv(tmp_path), from_frames) == []


def test_parquet_files_give_the_same_tables(tmp_path: Path, from_frames: Facts) -> None:
    """Parquet files of the tables give identical facts."""
    for name, frame in _typed_frames().items():
        frame.write_parquet(tmp_path / f"{name}.parquet")
    assert _differences(Facts.read_parquet(tmp_path), from_frames) == []


def _sql_type(dtype: Any) -> Any:
    import sqlalchemy as sa

    return {
        pl.String: sa.String(),
        pl.Date: sa.Date(),
        pl.Int64: sa.BigInteger(),
        pl.Boolean: sa.Boolean(),
        pl.Float64: sa.Float(),
    }[dtype]


def _from_sqlite(frames: dict[str, pl.DataFrame]) -> Facts:
    """Load ``frames`` (every column of each table) into in-memory SQLite; read them back, one query a table."""
    import sqlalchemy as sa

    engine = sa.create_engine("sqlite://")
    try:
        meta = sa.MetaData()
        tables = {
            name: sa.Table(
                name, meta, *(sa.Column(c, _sql_type(t)) for c, t in SCHEMAS[name].columns.items())
            )
            for name in frames
        }
        meta.create_all(engine)
        with engine.begin() as conn:
            for name, frame in frames.items():
                conn.execute(tables[name].insert(), frame.to_dicts())
        queries = {
            name: "SELECT {} FROM {}".format(
                ", ".join(f'"{c}"' for c in frames[name].columns), name
            )
            for name in frames
        }
        return Facts.from_sql(engine, queries)
    finally:
        engine.dispose()


def test_sql_query_gives_the_same_orgs_table() -> None:
    """A table without dates (orgs) read by SQL from SQLite equals the frame."""
    orgs = pl.DataFrame(
        {
            "org_id": ["ward", "cell1"],
            "parent_id": [None, "ward"],
            "level": ["grassroots", "cell"],
            "kind": ["ward", "neighbourhood_cell"],
        }
    )
    assert _differences(_from_sqlite({"orgs": orgs}), Facts.from_frames({"orgs": orgs})) == []


def test_sql_queries_give_the_same_tables(from_frames: Facts) -> None:
    """Every table read by SQL from SQLite gives identical facts."""
    assert _differences(_from_sqlite(_typed_frames()), from_frames) == []


# -- subsets -------------------------------------------------------------------------------------------------
def _two_members() -> Facts:
    frames = {
        "members": _members(),
        "cell_memberships": pl.DataFrame(
            {
                "member_id": ["a", "b"],
                "cell_id": ["cell1", "cell2"],
                "start": [D(2018, 3, 15), D(2010, 1, 1)],
            }
        ),
        "meetings": pl.DataFrame(
            {
                "meeting_id": ["M1", "M2"],
                "cell_id": ["cell1", "cell2"],
                "held_on": [D(2018, 4, 5)] * 2,
                "kind": ["regular"] * 2,
                "duration_minutes": [90, 90],
            }
        ),
        "attendance": pl.DataFrame(
            {
                "meeting_id": ["M1", "M2"],
                "member_id": ["a", "b"],
                "present": [True, True],
                "excused": [False, False],
                "excuse_reason": ["", ""],
            }
        ),
        "income_bases": pl.DataFrame(
            {
                "member_id": ["a", "b"],
                "month": [D(2018, 4, 1)] * 2,
                "kind": ["insurable_salary", "pension"],
                "amount": [5_000_000, 4_000_000],
            }
        ),
        "dues_payments": _payments(
            [("BL-1", "a", D(2018, 4, 1), 50_000), ("BL-2", "b", D(2018, 4, 1), 20_000)]
        ),
        "tasks": pl.DataFrame(
            {
                "task_id": ["T1", "T2"],
                "assignee_id": ["a", "b"],
                "assigned_by": ["cell1", "cell2"],
                "assigned_on": [D(2018, 4, 1)] * 2,
                "due_on": [D(2018, 6, 1)] * 2,
                "exceeded": [False, False],
            }
        ),
    }
    return Facts.from_frames(frames)


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("members", "member_id"),
        ("cell_memberships", "member_id"),
        ("attendance", "member_id"),
        ("income_bases", "member_id"),
        ("dues_payments", "member_id"),
        ("tasks", "assignee_id"),
    ],
)
def test_for_members_keeps_only_the_members_rows(table: str, column: str) -> None:
    """for_members(['a']) keeps only member a's rows of each member table."""
    assert _two_members().for_members(["a"])[table].get_column(column).to_list() == ["a"]


def test_for_members_keeps_only_the_meetings_of_the_members_cell() -> None:
    """for_members(['a']) keeps the meetings of cell1, a's cell, and not cell2's."""
    assert _two_members().for_members(["a"])["meetings"].get_column("meeting_id").to_list() == [
        "M1"
    ]


def test_for_members_leaves_the_original_unchanged() -> None:
    """Taking a subset does not change the facts it was taken from."""
    facts = _two_members()
    facts.for_members(["a"])
    assert facts["dues_payments"].get_column("member_id").to_list() == ["a", "b"]


def test_for_campaigns_keeps_only_the_campaigns_rows(from_frames: Facts) -> None:
    """for_campaigns(['C9']) keeps none of campaign C1's rows."""
    subset = from_frames.for_campaigns(["C9"])
    heights = [
        subset[t].height
        for t in (
            "campaigns",
            "contributions",
            "disbursements",
            "postings",
            "settlements",
            "household_meetings",
            "household_votes",
        )
    ]
    assert heights == [0] * 7
