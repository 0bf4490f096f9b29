"""Fund-collection audits of the Vietnamese rulebook, each rule in both directions at its boundary.

Expected values are typed from ``shared/domain/regulations.md`` (the row is named in a comment; section (g)
overrides (c) and (e)), never computed by the code under test.
"""

from __future__ import annotations

import datetime as dt

import pytest
from tests.vn_facts import D, World, evaluate, found, month, rows_of

CELL_SHARE = "audit.dues.cell_share_outside_range"
WARD_SHORT = "audit.dues.ward_remits_short"
OTHER_SHORT = "audit.dues.grassroots_remits_short"
TOTALS = "audit.ledger.totals_mismatch"
UNRECORDED = "audit.dues.collection_unrecorded"
REMIT_MISMATCH = "audit.dues.remittance_mismatch"
REMIT_LATE = "audit.dues.remittance_late"
DEPOSITS = "audit.dues.deposits_mismatch"
NO_DECISION = "audit.fund.no_resident_decision"
NO_QUORUM = "audit.fund.no_quorum"
COMPULSORY = "audit.fund.compulsory_levy"
NOT_POSTED = "audit.fund.not_posted"
COLLECTION = "audit.fund.collection_mismatch"
OVERSPENT = "audit.fund.overspent"
UNAPPROVED = "audit.fund.unapproved_spending"
NO_SETTLEMENT = "audit.fund.no_settlement"

Q1 = (D(2018, 1, 1), D(2018, 4, 1))  # the first quarter of 2018, as a ledger period [start, end)
SENT_IN_TIME = D(2018, 4, 5)
DECIDED = D(2018, 5, 10)
POSTED = D(2018, 5, 12)


def _ledger(
    w: World,
    org: str,
    *,
    collected: int,
    retained: int,
    remitted: int,
    entries_in: int | None = None,
    entries_out: int | None = None,
    in_kind: str = "collected",
    period: tuple[dt.date, dt.date] = Q1,
) -> None:
    """A ledger of ``org`` with the stated totals, and one line in and one line out (the totals by default)."""
    start, end = period
    w.add(
        "ledgers",
        org_id=org,
        period_start=start,
        period_end=end,
        collected=collected,
        retained=retained,
        remitted=remitted,
    )
    money_in = collected if entries_in is None else entries_in
    money_out = remitted if entries_out is None else entries_out
    if money_in:
        w.add(
            "ledger_entries",
            org_id=org,
            period_start=start,
            entry_no="1",
            on=start,
            kind=in_kind,
            amount=money_in,
            ref="",
            member_id=None,
        )
    if money_out:
        w.add(
            "ledger_entries",
            org_id=org,
            period_start=start,
            entry_no="2",
            on=start,
            kind="remitted",
            amount=money_out,
            ref="",
            member_id=None,
        )


def _remit(
    w: World,
    org: str,
    to: str,
    amount: int,
    sent_on: dt.date,
    rid: str = "NP-1",
    period: tuple[dt.date, dt.date] = Q1,
) -> None:
    w.add(
        "remittances",
        remittance_id=rid,
        from_org=org,
        to_org=to,
        period_start=period[0],
        period_end=period[1],
        amount=amount,
        sent_on=sent_on,
    )


# -- retention and remittance shares under QĐ 342 (row 46) --------------------------------------------------
@pytest.mark.parametrize("retained", [300_000, 400_000, 500_000], ids=["30%", "40%", "50%"])
def test_cell_keeping_inside_thirty_to_fifty_percent_does_not_fire(retained: int) -> None:
    """A cell under the ward keeping 30 %, 40 % or 50 % of 1,000,000 đ is inside the range (row 46: 30–50 %)."""
    w = World()
    _ledger(w, "cell1", collected=1_000_000, retained=retained, remitted=1_000_000 - retained)
    assert found(evaluate(w.facts(), 2018), CELL_SHARE) == set()


@pytest.mark.parametrize("retained", [299_999, 500_001], ids=["below-30%", "above-50%"])
def test_cell_keeping_just_outside_thirty_to_fifty_percent_fires(retained: int) -> None:
    """A cell keeping one đồng less than 30 % or one more than 50 % of 1,000,000 đ is outside (row 46)."""
    w = World()
    _ledger(w, "cell1", collected=1_000_000, retained=retained, remitted=1_000_000 - retained)
    assert found(evaluate(w.facts(), 2018), CELL_SHARE) == {("cell1", Q1[0])}


def test_ward_remitting_exactly_ten_percent_does_not_fire() -> None:
    """The ward remits 100,000 đ of 1,000,000 đ, exactly 10 % (row 46: keeps 90 %, remits 10 %)."""
    w = World()
    _ledger(w, "ward", collected=1_000_000, retained=900_000, remitted=100_000, in_kind="received")
    assert found(evaluate(w.facts(), 2018), WARD_SHORT) == set()


def test_ward_remitting_less_than_ten_percent_fires() -> None:
    """The ward remits 99,999 đ of 1,000,000 đ, less than 10 % (row 46)."""
    w = World()
    _ledger(w, "ward", collected=1_000_000, retained=900_001, remitted=99_999, in_kind="received")
    assert found(evaluate(w.facts(), 2018), WARD_SHORT) == {("ward", Q1[0])}


def test_ward_is_not_held_to_the_thirty_percent_of_other_grassroots() -> None:
    """A ward remitting 10 % is not judged by the 30 % other grassroots organisations remit (row 46)."""
    w = World()
    _ledger(w, "ward", collected=1_000_000, retained=900_000, remitted=100_000, in_kind="received")
    assert found(evaluate(w.facts(), 2018), OTHER_SHORT) == set()


def test_ward_with_the_models_org_kind_remitting_ten_percent_does_not_fire() -> None:
    """A ward whose kind is the model's OrgKind value, remitting exactly 10 %, has no remittance finding (row 46)."""
    from kiemtra._model._org import OrgKind

    w = World(ward_kind=OrgKind.WARD_PARTY_ORGANISATION.value)
    _ledger(w, "ward", collected=1_000_000, retained=900_000, remitted=100_000, in_kind="received")
    findings = evaluate(w.facts(), 2018)
    assert found(findings, WARD_SHORT) | found(findings, OTHER_SHORT) == set()


def _other_grassroots(remitted: int) -> World:
    w = World()
    w.org("school", "city", "grassroots", "grassroots_party_organisation")
    _ledger(w, "school", collected=1_000_000, retained=1_000_000 - remitted, remitted=remitted)
    return w


def test_other_grassroots_remitting_thirty_percent_does_not_fire() -> None:
    """Another grassroots organisation remitting 300,000 đ of 1,000,000 đ remits 30 % (row 46)."""
    assert found(evaluate(_other_grassroots(300_000).facts(), 2018), OTHER_SHORT) == set()


def test_other_grassroots_remitting_less_than_thirty_percent_fires() -> None:
    """Another grassroots organisation remitting 299,999 đ of 1,000,000 đ remits less than 30 % (row 46)."""
    assert found(evaluate(_other_grassroots(299_999).facts(), 2018), OTHER_SHORT) == {
        ("school", Q1[0])
    }


def test_qd342_share_rules_are_not_in_force_after_qd01() -> None:
    """A cell ledger for February 2026 keeping 10 % gives no share finding and no error (g.2 row 49)."""
    w = World()
    _ledger(
        w,
        "cell1",
        collected=1_000_000,
        retained=100_000,
        remitted=900_000,
        period=(D(2026, 2, 1), D(2026, 3, 1)),
    )
    assert found(evaluate(w.facts(), 2026), CELL_SHARE) == set()


def test_a_2026_ledger_does_not_break_the_2018_review() -> None:
    """Facts that also hold a February 2026 ledger still give the 2018 findings."""
    w = World()
    _ledger(w, "cell1", collected=1_000_000, retained=299_999, remitted=700_001)
    _ledger(
        w,
        "cell2",
        collected=1_000_000,
        retained=300_000,
        remitted=700_000,
        period=(D(2026, 2, 1), D(2026, 3, 1)),
    )
    assert found(evaluate(w.facts(), 2018), CELL_SHARE) == {("cell1", Q1[0])}


# -- ledger totals (Charter Art 46; QĐ 342 B.II; (b)4 "books, vouchers, reconciliations") -------------------
def test_consistent_ledger_does_not_fire() -> None:
    """Stated totals equal to their lines, and retained = collected − remitted, are no finding."""
    w = World()
    _ledger(w, "ward", collected=1_000_000, retained=900_000, remitted=100_000, in_kind="received")
    assert found(evaluate(w.facts(), 2018), TOTALS) == set()


def test_collected_total_not_matching_its_lines_fires() -> None:
    """Stated collected 1,000,000 đ while the lines in add up to 999,000 đ is a finding."""
    w = World()
    _ledger(
        w,
        "ward",
        collected=1_000_000,
        retained=900_000,
        remitted=100_000,
        entries_in=999_000,
        in_kind="received",
    )
    assert found(evaluate(w.facts(), 2018), TOTALS) == {("ward", Q1[0])}


def test_remitted_total_not_matching_its_lines_fires() -> None:
    """Stated remitted 100,000 đ while the lines out add up to 90,000 đ is a finding."""
    w = World()
    _ledger(
        w,
        "ward",
        collected=1_000_000,
        retained=900_000,
        remitted=100_000,
        entries_out=90_000,
        in_kind="received",
    )
    assert found(evaluate(w.facts(), 2018), TOTALS) == {("ward", Q1[0])}


def test_retained_not_collected_less_remitted_fires() -> None:
    """Stated retained 910,000 đ while collected less remitted is 900,000 đ is a finding."""
    w = World()
    _ledger(w, "ward", collected=1_000_000, retained=910_000, remitted=100_000, in_kind="received")
    assert found(evaluate(w.facts(), 2018), TOTALS) == {("ward", Q1[0])}


# -- collection, remittance and deposits (QĐ 342 B.II; (b)4 checklist) ---------------------------------------
def _cell_collecting(recorded: int) -> World:
    """Member ``m`` of cell1 pays 10,000 đ for each of January to March 2018; the ledger records ``recorded``."""
    w = World()
    w.member("m", "other_area_1")
    for m in (1, 2, 3):
        w.pay("m", month(2018, m), 10_000)
    _ledger(w, "cell1", collected=recorded, retained=recorded, remitted=0)
    return w


def test_collection_recorded_in_full_does_not_fire() -> None:
    """The 30,000 đ members paid for the quarter is what the cell's ledger records as collected."""
    assert found(evaluate(_cell_collecting(30_000).facts(), 2018), UNRECORDED) == set()


def test_collection_not_recorded_in_full_fires() -> None:
    """Members paid 30,000 đ for the quarter; the ledger records 29,999 đ collected."""
    assert found(evaluate(_cell_collecting(29_999).facts(), 2018), UNRECORDED) == {("cell1", Q1[0])}


def test_collection_follows_the_cell_the_member_was_in() -> None:
    """A member who moved to cell2 on 1/3/2018 paid cell1 for January and February only: 20,000 đ."""
    w = World()
    w.member("t", "other_area_1", cell=None)
    w.stay("t", "cell1", D(2010, 1, 1), D(2018, 3, 1))
    w.stay("t", "cell2", D(2018, 3, 1))
    for m in (1, 2, 3):
        w.pay("t", month(2018, m), 10_000)
    _ledger(w, "cell1", collected=20_000, retained=20_000, remitted=0)
    _ledger(w, "cell2", collected=10_000, retained=10_000, remitted=0)
    assert found(evaluate(w.facts(), 2018), UNRECORDED) == set()


def _remitting(sent: list[int], sent_on: dt.date = SENT_IN_TIME) -> World:
    w = World()
    _ledger(w, "cell1", collected=1_000_000, retained=300_000, remitted=700_000)
    for i, amount in enumerate(sent):
        _remit(w, "cell1", "ward", amount, sent_on, rid=f"NP-{i + 1}")
    return w


def test_remittances_matching_the_ledger_do_not_fire() -> None:
    """Two transfers of 400,000 đ and 300,000 đ match the 700,000 đ the ledger says was remitted."""
    assert found(evaluate(_remitting([400_000, 300_000]).facts(), 2018), REMIT_MISMATCH) == set()


def test_remittances_short_of_the_ledger_fire() -> None:
    """Transfers of 690,000 đ against 700,000 đ recorded as remitted are a finding, with the transfer ids."""
    findings = evaluate(_remitting([690_000]).facts(), 2018)
    assert [(r["subject_id"], r["evidence"]) for r in rows_of(findings, REMIT_MISMATCH)] == [
        ("cell1", ["NP-1"])
    ]


def test_missing_remittance_fires() -> None:
    """No transfer at all against 700,000 đ recorded as remitted is a finding."""
    assert found(evaluate(_remitting([]).facts(), 2018), REMIT_MISMATCH) == {("cell1", Q1[0])}


def test_monthly_remittances_add_up_against_a_quarterly_ledger() -> None:
    """Three monthly transfers of 200,000 đ for January-March match the 600,000 đ the Q1 ledger says was remitted."""
    w = World()
    _ledger(w, "cell1", collected=900_000, retained=300_000, remitted=600_000)
    for m in (1, 2, 3):
        _remit(
            w,
            "cell1",
            "ward",
            200_000,
            D(2018, m + 1, 5),
            rid=f"NP-{m}",
            period=(D(2018, m, 1), D(2018, m + 1, 1)),
        )
    assert found(evaluate(w.facts(), 2018), REMIT_MISMATCH) == set()


def test_remittance_on_the_due_day_is_not_late() -> None:
    """Sent 10/4/2018, ten days after the quarter's last day 31/3 (dues.remittance.due_within, UNCONFIRMED, row 49)."""
    findings = evaluate(_remitting([700_000], sent_on=D(2018, 4, 10)).facts(), 2018)
    assert found(findings, REMIT_LATE) == set()


def test_remittance_the_day_after_the_due_day_is_late() -> None:
    """Sent 11/4/2018, eleven days after the quarter's last day, is late (placeholder 10 days, row 49)."""
    findings = evaluate(_remitting([700_000], sent_on=D(2018, 4, 11)).facts(), 2018)
    assert found(findings, REMIT_LATE) == {("cell1", Q1[0])}


def test_late_remittance_explanation_flags_the_unconfirmed_deadline() -> None:
    """The deadline is UNCONFIRMED (regulations.md row 49, g.2 row 49): the explanation says so."""
    findings = evaluate(_remitting([700_000], sent_on=D(2018, 4, 11)).facts(), 2018)
    (row,) = rows_of(findings, REMIT_LATE)
    assert findings.explanation(row).unconfirmed == ("dues.remittance.due_within",)


def _depositing(amounts: list[int]) -> World:
    w = World()
    _ledger(w, "cell1", collected=1_000_000, retained=300_000, remitted=700_000)
    for i, amount in enumerate(amounts):
        w.add(
            "deposits",
            deposit_id=f"GNT-{i}",
            org_id="cell1",
            amount=amount,
            deposited_on=D(2018, 2, 1 + i),
            account="TK-1",
        )
    return w


def test_deposits_matching_collections_do_not_fire() -> None:
    """Deposits of 600,000 đ and 400,000 đ match the 1,000,000 đ collected."""
    assert found(evaluate(_depositing([600_000, 400_000]).facts(), 2018), DEPOSITS) == set()


def test_deposits_not_matching_collections_fire() -> None:
    """Deposits of 999,999 đ against 1,000,000 đ collected are a finding."""
    assert found(evaluate(_depositing([999_999]).facts(), 2018), DEPOSITS) == {("cell1", Q1[0])}


# -- residents' fund campaigns ((b)12; rows 50-51; g.3 row 57) -------------------------------------------
def _campaign(
    *,
    decided: dt.date = DECIDED,
    total: int = 10,
    present: int = 10,
    votes_for: int | None = 6,
    compulsory: bool = False,
    posted_on: dt.date | None = POSTED,
    contributions: tuple[int, ...] = (),
    spending: tuple[tuple[int, str | None], ...] = (),
    settled: int | None = None,
) -> World:
    """Campaign C1 of quarter q1 (``total`` households), decided at meeting HM-1 (none if votes_for is None)."""
    w = World()
    for i in range(1, total + 1):
        w.add(
            "households",
            household_id=f"h{i}",
            area_id="q1",
            valid_from=D(2000, 1, 1),
            valid_to=None,
        )
    w.add(
        "campaigns",
        campaign_id="C1",
        area_id="q1",
        decided_on=decided,
        per_household=100_000,
        compulsory=compulsory,
        posted_on=posted_on,
    )
    if votes_for is not None:
        w.add(
            "household_meetings",
            meeting_id="HM-1",
            area_id="q1",
            held_on=decided,
            households_total=total,
            households_present=present,
            campaign_id="C1",
        )
        for i in range(1, present + 1):
            w.add(
                "household_votes",
                meeting_id="HM-1",
                household_id=f"h{i}",
                choice="for" if i <= votes_for else "against",
            )
    for i, amount in enumerate(contributions):
        w.add(
            "contributions",
            receipt_no=f"PT-{i}",
            household_id=f"h{i + 1}",
            campaign_id="C1",
            amount=amount,
            received_on=decided + dt.timedelta(days=5),
        )
    for i, (amount, approver) in enumerate(spending):
        w.add(
            "disbursements",
            disbursement_id=f"PC-{i}",
            campaign_id="C1",
            amount=amount,
            spent_on=decided + dt.timedelta(days=20),
            approved_by=approver,
        )
    if settled is not None:
        w.add(
            "settlements",
            settlement_id="QT-1",
            org_id="ward",
            subject_id="C1",
            period_start=decided,
            period_end=D(decided.year, 12, 31),
            collected=settled,
            spent=0,
            published_on=D(decided.year, 12, 20),
        )
    return w


def _campaign_findings(w: World, rule: str, year: int = 2018) -> set[tuple[str, dt.date]]:
    return found(evaluate(w.facts(), year), rule)


def test_campaign_without_a_residents_decision_fires() -> None:
    """A campaign no household meeting decided is a finding (rows 50-51: residents decide contributions)."""
    assert _campaign_findings(_campaign(votes_for=None), NO_DECISION) == {("C1", D(2018, 1, 1))}


def test_exactly_half_of_households_in_favour_is_no_majority_under_pl34() -> None:
    """5 of 10 households in favour is not 'more than 50 %' (row 50: Pháp lệnh 34/2007 Art 12)."""
    assert _campaign_findings(_campaign(votes_for=5), NO_DECISION) == {("C1", D(2018, 1, 1))}


def test_half_of_households_plus_one_in_favour_is_a_majority_under_pl34() -> None:
    """6 of 10 households in favour is more than 50 % (row 50)."""
    assert _campaign_findings(_campaign(votes_for=6), NO_DECISION) == set()


def test_majority_counts_all_households_of_the_area_not_those_present() -> None:
    """4 in favour of 6 present (10 in the area) is not more than half of the quarter's households (row 50)."""
    assert _campaign_findings(_campaign(present=6, votes_for=4), NO_DECISION) == {
        ("C1", D(2018, 1, 1))
    }


def test_decision_before_2023_cites_pl34_and_after_cites_luat_10() -> None:
    """A 2018 decision is judged by the Pháp lệnh 34 version, a 2024 one by the Luật 10/2022 version (section 0)."""
    old = evaluate(_campaign(votes_for=5).facts(), 2018)
    new = evaluate(_campaign(votes_for=5, decided=D(2024, 3, 1)).facts(), 2024)
    assert [r["rule_version"] for r in rows_of(old, NO_DECISION) + rows_of(new, NO_DECISION)] == [
        "2007",
        "2023",
    ]


def test_half_plus_one_is_a_majority_under_luat_10() -> None:
    """A 2024 decision with 6 of 10 households in favour is a decision (row 50 value kept, (e)11)."""
    w = _campaign(votes_for=6, decided=D(2024, 3, 1))
    assert _campaign_findings(w, NO_DECISION, 2024) == set()


def test_majority_under_luat_10_is_flagged_unconfirmed() -> None:
    """Under Luật 10/2022 the > 50 % threshold is UNCONFIRMED ((e)11, g.4 item 8): the explanation says so."""
    findings = evaluate(_campaign(votes_for=5, decided=D(2024, 3, 1)).facts(), 2024)
    (row,) = rows_of(findings, NO_DECISION)
    unconfirmed = findings.explanation(row).unconfirmed
    assert set(unconfirmed) == {"funds.direct_decision.share", "funds.direct_decision.strict"}


def test_majority_under_pl34_is_confirmed() -> None:
    """Under Pháp lệnh 34/2007 the > 50 % threshold is CONFIRMED (row 50): nothing is flagged."""
    findings = evaluate(_campaign(votes_for=5).facts(), 2018)
    (row,) = rows_of(findings, NO_DECISION)
    assert findings.explanation(row).unconfirmed == ()


def test_quorum_rule_not_in_force_the_day_before_nd61() -> None:
    """Decided 15/8/2023 with 5 of 10 households present: no quorum finding (NĐ 61/2023 dated 16/8/2023)."""
    # g.3 row 57 cites NĐ 61/2023 Art 10 without a date; 16/8/2023 is the decree's published date
    w = _campaign(decided=D(2023, 8, 15), present=5, votes_for=5)
    assert _campaign_findings(w, NO_QUORUM, 2023) == set()


def test_quorum_of_exactly_half_fires_from_nd61() -> None:
    """Decided 16/8/2023 with 5 of 10 households present: not 'more than 50 %' (g.3 row 57, (e)11)."""
    w = _campaign(decided=D(2023, 8, 16), present=5, votes_for=5)
    assert _campaign_findings(w, NO_QUORUM, 2023) == {("C1", D(2023, 1, 1))}


def test_quorum_of_half_plus_one_does_not_fire() -> None:
    """Decided 16/8/2023 with 6 of 10 households present: more than 50 % (g.3 row 57)."""
    w = _campaign(decided=D(2023, 8, 16), present=6, votes_for=6)
    assert _campaign_findings(w, NO_QUORUM, 2023) == set()


def test_compulsory_levy_fires() -> None:
    """A contribution households were told they must pay is a finding ((b)12 item 2, NĐ 24/1999 Art 1: voluntary)."""
    assert _campaign_findings(_campaign(compulsory=True), COMPULSORY) == {("C1", D(2018, 1, 1))}


def test_voluntary_contribution_does_not_fire() -> None:
    """A voluntary contribution is no compulsory-levy finding."""
    assert _campaign_findings(_campaign(compulsory=False), COMPULSORY) == set()


def test_campaign_never_posted_fires() -> None:
    """A campaign with no posting date and no Posting record was not made public ((b)12 item 3)."""
    assert _campaign_findings(_campaign(posted_on=None), NOT_POSTED) == {("C1", D(2018, 1, 1))}


def test_posting_record_counts_as_posted() -> None:
    """A Posting record of the campaign counts as posted even without a posting date on the campaign."""
    w = _campaign(posted_on=None)
    w.add("postings", posting_id="NY-1", subject_id="C1", posted_on=D(2018, 5, 12), removed_on=None)
    assert _campaign_findings(w, NOT_POSTED) == set()


def test_campaign_posting_date_counts_as_posted() -> None:
    """A campaign with a posting date was made public."""
    assert _campaign_findings(_campaign(posted_on=D(2018, 5, 12)), NOT_POSTED) == set()


def test_settlement_matching_receipts_does_not_fire() -> None:
    """Receipts of 300,000 đ and a settlement stating 300,000 đ collected agree ((b)12 item 4)."""
    w = _campaign(contributions=(100_000, 200_000), settled=300_000)
    assert _campaign_findings(w, COLLECTION) == set()


def test_settlement_not_matching_receipts_fires() -> None:
    """Receipts of 300,000 đ and a settlement stating 250,000 đ collected disagree ((b)12 item 4)."""
    w = _campaign(contributions=(100_000, 200_000), settled=250_000)
    assert _campaign_findings(w, COLLECTION) == {("C1", D(2018, 1, 1))}


def test_spending_what_was_collected_does_not_fire() -> None:
    """Spending exactly the 300,000 đ collected is not overspending ((b)12 item 4)."""
    w = _campaign(
        contributions=(100_000, 200_000), spending=((300_000, "ward-committee"),), settled=300_000
    )
    assert _campaign_findings(w, OVERSPENT) == set()


def test_spending_more_than_was_collected_fires() -> None:
    """Spending 300,001 đ of 300,000 đ collected is a finding ((b)12 item 4)."""
    w = _campaign(
        contributions=(100_000, 200_000), spending=((300_001, "ward-committee"),), settled=300_000
    )
    assert _campaign_findings(w, OVERSPENT) == {("C1", D(2018, 1, 1))}


def test_approved_spending_does_not_fire() -> None:
    """Every voucher approved is no unapproved-spending finding."""
    w = _campaign(
        contributions=(300_000,),
        spending=((100_000, "ward-committee"), (50_000, "q1-head")),
        settled=300_000,
    )
    assert _campaign_findings(w, UNAPPROVED) == set()


def test_unapproved_spending_fires_with_the_voucher() -> None:
    """A voucher nobody approved is a finding, and its id is the evidence (row 51 item 2)."""
    w = _campaign(
        contributions=(300_000,),
        spending=((100_000, "ward-committee"), (50_000, None)),
        settled=300_000,
    )
    assert [r["evidence"] for r in rows_of(evaluate(w.facts(), 2018), UNAPPROVED)] == [["PC-1"]]


def test_campaign_with_money_and_no_settlement_fires() -> None:
    """Money collected and no settlement published in the year is a finding ((b)12 item 5)."""
    assert _campaign_findings(_campaign(contributions=(300_000,)), NO_SETTLEMENT) == {
        ("C1", D(2018, 1, 1))
    }


def test_campaign_with_a_published_settlement_does_not_fire() -> None:
    """A settlement published in the year is no no-settlement finding."""
    w = _campaign(contributions=(300_000,), settled=300_000)
    assert _campaign_findings(w, NO_SETTLEMENT) == set()
