"""Duty, finance, residents' fund and case records: valid on construction, or refused by name."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from fractions import Fraction

import attrs
import pendulum
import pytest

from kiemtra import (
    DateRange,
    InconsistentRecords,
    InvalidInput,
    InvalidPeriod,
    Money,
    NaiveDatetime,
    NegativeAmount,
)
from kiemtra._model._confidential import (
    confidential,
    confidential_fields,
    personal,
    personal_fields,
)
from kiemtra._model._evidence import DenouncerIdentity, DraftConclusion, WitnessStatement
from kiemtra._model._funds import Household
from kiemtra._model._records import IncomeKind, Ledger, LedgerEntry, LedgerEntryKind
from kiemtra.testing import RecordFactory

D = pendulum.date
DAY = D(2019, 1, 10)
F = RecordFactory()


def _entry(kind: LedgerEntryKind, dong: int) -> LedgerEntry:
    return F.ledger_entry(kind=kind, amount=dong)


# A ward (a grassroots organisation of a phường) keeps 90 % of its dues and remits 10 %
# (QĐ 342-QĐ/TW B.II.1, regulations.md (c) row 46).
WARD_ENTRIES = [
    _entry(LedgerEntryKind.COLLECTED, 400_000),
    _entry(LedgerEntryKind.RECEIVED, 600_000),
    _entry(LedgerEntryKind.REMITTED, 100_000),
]


def test_a_ledger_whose_totals_match_its_entries_is_accepted() -> None:
    """1,000,000 đ in, 10 % remitted: 900,000 đ retained."""
    ledger = F.ledger(WARD_ENTRIES)
    assert (ledger.collected, ledger.remitted, ledger.retained) == (
        Money(1_000_000),
        Money(100_000),
        Money(900_000),
    )


def test_a_ledger_stating_another_retained_total_is_refused() -> None:
    """A ledger claiming to retain all it collected while remitting 10 % contradicts itself."""
    with pytest.raises(InconsistentRecords, match=r"entries give 900\.000 đ") as caught:
        F.ledger(WARD_ENTRIES, retained=1_000_000)
    assert (caught.value.field, caught.value.value) == ("Ledger.retained", Money(1_000_000))


def test_a_ledger_stating_another_collected_total_is_refused() -> None:
    """The stated money in must be the sum of collected and received lines."""
    with pytest.raises(InconsistentRecords) as caught:
        F.ledger(WARD_ENTRIES, collected=999_000)
    assert (caught.value.field, caught.value.value) == ("Ledger.collected", Money(999_000))


def test_a_ledger_with_an_entry_outside_its_period_is_refused() -> None:
    """Every line of a monthly ledger falls in that month."""
    late = F.ledger_entry(on=D(2019, 2, 1))
    with pytest.raises(InvalidPeriod) as caught:
        F.ledger([late], collected=80_000, retained=80_000)
    assert (caught.value.field, caught.value.value) == ("Ledger.entries[0].on", D(2019, 2, 1))


def test_a_ledger_over_an_open_period_is_refused() -> None:
    """A ledger closes: its period has an end."""
    with pytest.raises(InvalidPeriod) as caught:
        F.ledger([], period=DateRange(DAY))
    assert caught.value.field == "Ledger.period"


def test_two_ledger_lines_with_one_number_are_refused() -> None:
    """Line numbers are unique within a ledger."""
    line = F.ledger_entry(entry_no="1")
    with pytest.raises(InconsistentRecords) as caught:
        F.ledger([line, line])
    assert (caught.value.field, caught.value.value) == ("Ledger.entries[1].entry_no", "1")


def test_money_given_as_whole_dong_becomes_money() -> None:
    """An int amount is taken as whole đồng."""
    assert F.dues_payment(amount=80_000).amount == Money(80_000)


def test_evidence_keeps_the_fact_date_apart_from_the_upload_instant() -> None:
    """Minutes of a 10/01/2019 meeting uploaded the next morning keep both dates."""
    evidence = F.evidence()
    assert (evidence.fact_date, evidence.uploaded_at.date()) == (DAY, D(2019, 1, 11))


def test_an_upload_instant_keeps_its_zone_name() -> None:
    """A stdlib aware datetime is kept as a pendulum instant in the same named zone."""
    at = dt.datetime(2019, 1, 11, 8, 1, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"))
    assert F.evidence(uploaded_at=at).uploaded_at.timezone_name == "Asia/Ho_Chi_Minh"


def test_a_task_done_by_its_deadline_is_on_time() -> None:
    """A task done on its due day is done on time."""
    assert F.task(done_on=DAY.add(days=30)).done_on_time


def test_a_settlement_balance_may_be_negative() -> None:
    """More spent than collected gives a negative balance in đồng, not a negative Money."""
    assert F.settlement("c", collected=1_000, spent=1_500).balance == -500


BAD_RECORDS: list[tuple[str, Callable[[], object], type[InvalidInput], str, object]] = [
    ("meeting of no minutes", lambda: F.meeting(duration_minutes=0),
     InvalidInput, "CellMeeting.duration_minutes", 0),
    ("meeting on a text date", lambda: F.meeting(held_on="2019-01-10"),
     InvalidInput, "CellMeeting.held_on", "2019-01-10"),
    ("excused without a reason", lambda: F.attendance("m", present=False, excused=True),
     InvalidInput, "Attendance.excuse_reason", ""),
    ("excused while present", lambda: F.attendance("m", excused=True, excuse_reason="ill"),
     InvalidInput, "Attendance.excused", True),
    ("income month mid-month", lambda: F.income(month=DAY),
     InvalidInput, "IncomeBase.month", DAY),
    ("no income with an amount", lambda: F.income(kind=IncomeKind.NONE),
     InvalidInput, "IncomeBase.amount", Money(8_000_000)),
    ("negative dues", lambda: F.dues_payment(amount=-80_000),
     NegativeAmount, "DuesPayment.amount", -80_000),
    ("dues of nothing", lambda: F.dues_payment(amount=0),
     InvalidInput, "DuesPayment.amount", Money(0)),
    ("dues as a float", lambda: F.dues_payment(amount=80_000.0),
     InvalidInput, "DuesPayment.amount", 80_000.0),
    ("ledger line of no receipt", lambda: F.ledger_entry(entry_no=""),
     InvalidInput, "LedgerEntry.entry_no", ""),
    ("remittance to itself", lambda: F.remittance(to_org=F.cell_id),
     InvalidInput, "Remittance.to_org", F.cell_id),
    ("negative deposit", lambda: F.deposit(amount=-1), NegativeAmount, "BankDeposit.amount", -1),
    ("settlement before its period", lambda: F.settlement("c", published_on=D(2018, 12, 31)),
     InvalidPeriod, "PublishedSettlement.published_on", D(2018, 12, 31)),
    ("task due before assigned", lambda: F.task(due_on=DAY.subtract(days=1)),
     InvalidPeriod, "AssignedTask.due_on", DAY.subtract(days=1)),
    ("task done before assigned", lambda: F.task(done_on=DAY.subtract(days=1)),
     InvalidPeriod, "AssignedTask.done_on", DAY.subtract(days=1)),
    ("exceeded but not done", lambda: F.task(exceeded=True),
     InvalidInput, "AssignedTask.exceeded", True),
    ("score above its maximum", lambda: F.score(self_score=31),
     InvalidInput, "CriterionScore.self_score", Fraction(31)),
    ("score as a float", lambda: F.score(appraised_score=25.5),
     InvalidInput, "CriterionScore.appraised_score", 25.5),
    ("year zero", lambda: F.score(year=0), InvalidInput, "CriterionScore.year", 0),
    ("sanction announced before decided", lambda: F.sanction(announced_on=D(2019, 1, 9)),
     InvalidPeriod, "SanctionRecord.announced_on", D(2019, 1, 9)),
    ("sanction before the violation", lambda: F.sanction(violation_on=D(2019, 1, 11)),
     InvalidPeriod, "SanctionRecord.decided_on", DAY),
    ("sanction by no body", lambda: F.sanction(decided_by="ha-lam"),
     InvalidInput, "SanctionRecord.decided_by", "ha-lam"),
    ("household without representative", lambda: F.household(representative=""),
     InvalidInput, "Household.representative", ""),
    ("more households present than exist", lambda: F.household_meeting(households_present=101),
     InconsistentRecords, "HouseholdMeeting.households_present", 101),
    ("vote as text", lambda: F.vote("m", "h", choice="for"),
     InvalidInput, "HouseholdVote.choice", "for"),
    ("negative levy per household", lambda: F.campaign(per_household=-200_000),
     NegativeAmount, "FundCampaign.per_household", -200_000),
    ("campaign posted before decided", lambda: F.campaign(posted_on=D(2019, 1, 9)),
     InvalidPeriod, "FundCampaign.posted_on", D(2019, 1, 9)),
    ("contribution of nothing", lambda: F.contribution("c", "h", amount=0),
     InvalidInput, "Contribution.amount", Money(0)),
    ("negative disbursement", lambda: F.disbursement("c", amount=-5),
     NegativeAmount, "Disbursement.amount", -5),
    ("posting removed the day it went up", lambda: F.posting("c", removed_on=DAY),
     InvalidPeriod, "Posting.removed_on", DAY),
    ("naive upload instant", lambda: F.evidence(uploaded_at=dt.datetime(2019, 1, 11, 8, 1)),
     NaiveDatetime, "EvidenceRef.uploaded_at", dt.datetime(2019, 1, 11, 8, 1)),
    ("digest not hex", lambda: F.evidence(sha256="xyz"), InvalidInput, "EvidenceRef.sha256", "xyz"),
    ("denouncer without name", lambda: F.denouncer("k", full_name=" "),
     InvalidInput, "DenouncerIdentity.full_name", " "),
    ("statement on a text date", lambda: F.witness_statement("k", given_on="10/01/2019"),
     InvalidInput, "WitnessStatement.given_on", "10/01/2019"),
    ("draft version zero", lambda: F.draft_conclusion("k", version=0),
     InvalidInput, "DraftConclusion.version", 0),
]  # fmt: skip


@pytest.mark.parametrize(
    ("make", "error", "field", "value"),
    [case[1:] for case in BAD_RECORDS],
    ids=[case[0] for case in BAD_RECORDS],
)
def test_a_bad_record_is_refused_naming_field_and_value(
    make: Callable[[], object], error: type[InvalidInput], field: str, value: object
) -> None:
    """Each bad record raises its typed error naming Class.field and the value refused."""
    with pytest.raises(error) as caught:
        make()
    assert (type(caught.value), caught.value.field, caught.value.value) == (error, field, value)


def test_a_negative_money_value_is_refused_by_money_itself() -> None:
    """Money below zero raises NegativeAmount naming Money.dong."""
    with pytest.raises(NegativeAmount) as caught:
        F.dues_payment(amount=Money(-1))
    assert (caught.value.field, caught.value.value) == ("Money.dong", -1)


# --- confidential and personal fields ----------------------------------------------------------


def test_a_denouncers_identity_is_confidential() -> None:
    """Name, address and contact of a denouncer are confidential; the pseudonym is not."""
    assert confidential_fields(DenouncerIdentity) == ("full_name", "address", "contact")


def test_witness_statements_and_drafts_are_confidential() -> None:
    """What a witness said, and a draft conclusion's text and proposed form, are confidential."""
    assert (confidential_fields(WitnessStatement), confidential_fields(DraftConclusion)) == (
        ("witness_name", "statement"),
        ("text", "proposed_form"),
    )


def test_confidential_fields_are_personal_too() -> None:
    """Hiding personal data hides confidential data as well."""
    assert personal_fields(DenouncerIdentity) == confidential_fields(DenouncerIdentity)


def test_a_households_representative_is_personal_not_confidential() -> None:
    """A household's representative and address are personal data, not case secrets."""
    assert (personal_fields(Household), confidential_fields(Household)) == (
        ("representative", "address"),
        (),
    )


def test_the_markers_mark_a_hosts_own_class() -> None:
    """confidential() and personal() mark fields of a host's attrs class the same way."""

    @attrs.frozen
    class Note:
        author: str = personal()
        text: str = confidential(default="")

    assert (personal_fields(Note), confidential_fields(Note)) == (("author", "text"), ("text",))


def test_the_markers_keep_given_metadata() -> None:
    """Metadata given to confidential() is kept beside the mark."""

    @attrs.frozen
    class Note:
        text: str = confidential(metadata={"host": 1})

    assert attrs.fields(Note).text.metadata["host"] == 1


def test_asking_a_non_attrs_class_for_its_fields_is_refused() -> None:
    """confidential_fields of a plain class raises InvalidInput naming it."""
    with pytest.raises(InvalidInput) as caught:
        confidential_fields(dict)
    assert (caught.value.field, caught.value.value) == ("cls", dict)


def test_a_ledger_holds_its_lines_as_a_tuple() -> None:
    """A ledger built from a list of lines holds them as a tuple."""
    assert isinstance(Ledger("o", DateRange.month(2019, 1), [], 0, 0, 0).entries, tuple)
