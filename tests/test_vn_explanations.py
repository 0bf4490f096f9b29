"""Explanations of the Vietnamese findings: texts in both languages, basis, parameters, typed values, purity.

Expected values are typed from ``shared/domain/regulations.md`` (the row is named in a comment), never
computed by the code under test.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pendulum
import polars as pl
import pytest
from tests.vn_facts import D, World, book, evaluate, month, rows_of, ruleset

from kiemtra import DateRange, Explanation, GoverningDate, Money, Rulebook, Status
from kiemtra._rules._evaluate import Findings
from kiemtra.facts import Facts

UNDERPAID = "duty.dues.underpaid"


# -- one world per era, together triggering every rule version --------------------------------------------
def _world_2018() -> World:
    """2018 (QĐ 342, Pháp lệnh 34): every duty check but tasks, every dues audit, every campaign audit but quorum."""
    w = World()
    w.member("a", "salaried_insured")
    w.income("a", month(2018, 3), 5_000_000)
    w.pay("a", month(2018, 3), 49_999, receipt="BL-0307")
    w.member("c", "other_area_1")
    w.monthly_meetings("cell1", 2018)
    for m in (2, 3, 4):
        w.absent("cell1", "c", 2018, m)
    for m in range(1, 13):
        w.pay("c", month(2018, m), 10_000, receipt=f"BL-c{m:02d}")
    q1 = (D(2018, 1, 1), D(2018, 4, 1))
    w.add(
        "ledgers",
        org_id="cell1",
        period_start=q1[0],
        period_end=q1[1],
        collected=1_000_000,
        retained=200_000,
        remitted=800_000,
    )
    w.add(
        "ledger_entries",
        org_id="cell1",
        period_start=q1[0],
        entry_no="1",
        on=q1[0],
        kind="collected",
        amount=999_000,
        ref="",
        member_id=None,
    )
    w.add(
        "ledger_entries",
        org_id="cell1",
        period_start=q1[0],
        entry_no="2",
        on=q1[0],
        kind="remitted",
        amount=800_000,
        ref="",
        member_id=None,
    )
    w.add(
        "remittances",
        remittance_id="NP-1",
        from_org="cell1",
        to_org="ward",
        period_start=q1[0],
        period_end=q1[1],
        amount=700_000,
        sent_on=D(2018, 4, 20),
    )
    w.add(
        "deposits",
        deposit_id="GNT-1",
        org_id="cell1",
        amount=500_000,
        deposited_on=D(2018, 2, 1),
        account="TK-1",
    )
    w.add(
        "ledgers",
        org_id="ward",
        period_start=q1[0],
        period_end=q1[1],
        collected=1_000_000,
        retained=950_000,
        remitted=50_000,
    )
    w.org("school", "city", "grassroots", "grassroots_party_organisation")
    w.add(
        "ledgers",
        org_id="school",
        period_start=q1[0],
        period_end=q1[1],
        collected=1_000_000,
        retained=900_000,
        remitted=100_000,
    )
    _campaign(
        w,
        "C1",
        D(2018, 5, 10),
        votes_for=5,
        present=10,
        compulsory=True,
        posted=False,
        contributions=(300_000,),
        spending=((200_000, "ward-committee"), (200_000, None)),
        settled=250_000,
    )
    _campaign(
        w,
        "C2",
        D(2018, 6, 1),
        votes_for=6,
        present=10,
        compulsory=False,
        posted=True,
        contributions=(100_000,),
        spending=(),
        settled=None,
    )
    return w


def _campaign(
    w: World,
    cid: str,
    decided: dt.date,
    *,
    votes_for: int,
    present: int,
    compulsory: bool,
    posted: bool,
    contributions: tuple[int, ...],
    spending: tuple[tuple[int, str | None], ...],
    settled: int | None,
) -> None:
    area = f"q-{cid}"
    for i in range(1, 11):
        w.add(
            "households",
            household_id=f"{cid}-h{i}",
            area_id=area,
            valid_from=D(2000, 1, 1),
            valid_to=None,
        )
    w.add(
        "campaigns",
        campaign_id=cid,
        area_id=area,
        decided_on=decided,
        per_household=100_000,
        compulsory=compulsory,
        posted_on=decided if posted else None,
    )
    w.add(
        "household_meetings",
        meeting_id=f"HM-{cid}",
        area_id=area,
        held_on=decided,
        households_total=10,
        households_present=present,
        campaign_id=cid,
    )
    for i in range(1, present + 1):
        w.add(
            "household_votes",
            meeting_id=f"HM-{cid}",
            household_id=f"{cid}-h{i}",
            choice="for" if i <= votes_for else "against",
        )
    for i, amount in enumerate(contributions):
        w.add(
            "contributions",
            receipt_no=f"PT-{cid}-{i}",
            household_id=f"{cid}-h{i + 1}",
            campaign_id=cid,
            amount=amount,
            received_on=decided,
        )
    for i, (amount, approver) in enumerate(spending):
        w.add(
            "disbursements",
            disbursement_id=f"PC-{cid}-{i}",
            campaign_id=cid,
            amount=amount,
            spent_on=decided,
            approved_by=approver,
        )
    if settled is not None:
        w.add(
            "settlements",
            settlement_id=f"QT-{cid}",
            org_id="ward",
            subject_id=cid,
            period_start=decided,
            period_end=D(decided.year, 12, 31),
            collected=settled,
            spent=0,
            published_on=D(decided.year, 12, 1),
        )


def _world_2025() -> World:
    """2025 (QĐ 366, Luật 10/2022, NĐ 61/2023): the task checks, and a campaign decided without quorum."""
    w = World()
    w.member("t", "exempt")
    for i in range(10):
        due = D(2025, 6, 15)
        w.add(
            "tasks",
            task_id=f"T{i}",
            assignee_id="t",
            assigned_by="cell1",
            assigned_on=D(2025, 1, 10),
            due_on=due,
            done_on=due + dt.timedelta(days=1 if i == 0 else 0),
            exceeded=False,
        )
    _campaign(
        w,
        "C3",
        D(2025, 3, 1),
        votes_for=5,
        present=5,
        compulsory=False,
        posted=True,
        contributions=(),
        spending=(),
        settled=None,
    )
    return w


def _world_2026() -> World:
    """February 2026 (QĐ 01-QĐ/TW): a student paying 4,000 đ of the 5,000 đ due (g.2 row 47)."""
    w = World()
    w.member("s", "student")
    w.pay("s", month(2026, 2), 4_000, receipt="BL-S-0226")
    return w


def _world_2015() -> World:
    """March 2015 (QĐ 342 before HD 03-HD/VPTW): 49,999 đ paid of 1 % of 5,000,000 đ (row 45)."""
    w = World()
    w.member("p", "salaried_insured")
    w.income("p", month(2015, 3), 5_000_000)
    w.pay("p", month(2015, 3), 49_999, receipt="BL-P-0315")
    return w


def _all_findings() -> list[Findings]:
    return [
        evaluate(_world_2018().facts(), 2018),
        evaluate(_world_2025().facts(), 2025),
        evaluate(_world_2026().facts(), DateRange.month(2026, 2)),
        evaluate(_world_2015().facts(), DateRange.month(2015, 3)),
    ]


@pytest.fixture(scope="module")
def all_findings() -> list[Findings]:
    """Findings of the four worlds."""
    return _all_findings()


@pytest.fixture(scope="module")
def explanations(all_findings: list[Findings]) -> list[Explanation]:
    """Every finding's explanation."""
    return [e for f in all_findings for e in f.explanations()]


def _explain(
    findings: Findings, rule_id: str, subject: str, month: dt.date | None = None
) -> Explanation:
    (row,) = [
        r
        for r in rows_of(findings, rule_id)
        if r["subject_id"] == subject and (month is None or r["period_start"] == month)
    ]
    return findings.explanation(row)


@pytest.fixture(scope="module")
def dues_2018(all_findings: list[Findings]) -> Explanation:
    """Member a's March 2018 underpayment: 49,999 đ of the 50,000 đ due (1 % of 5,000,000 đ, row 45)."""
    return _explain(all_findings[0], UNDERPAID, "a", dt.date(2018, 3, 1))


# -- templates ---------------------------------------------------------------------------------------------
def test_every_rule_message_and_title_has_a_vietnamese_and_an_english_template() -> None:
    """No finding message or rule title of the rule set lacks a vi or en template."""
    keys = [k for r in ruleset().rules for k in (r.message, r.title)]
    assert book().templates.missing(keys, ("vi", "en")) == []


def test_the_scenarios_exercise_every_rule_version(all_findings: list[Findings]) -> None:
    """The four worlds together produce a finding of every rule version, so the rendering test covers all."""
    seen = {(r["rule_id"], r["rule_version"]) for f in all_findings for r in f}
    assert seen == {r.key for r in ruleset().rules}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_finding_renders_without_error(explanations: list[Explanation], lang: str) -> None:
    """Every finding's message renders in the language, with every placeholder filled."""
    texts = [e.render(book().templates, lang) for e in explanations]
    assert all(t and "{" not in t for t in texts)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_finding_describes_its_basis_without_error(
    explanations: list[Explanation], lang: str
) -> None:
    """Every finding's full description (rule, citations, parameters, inputs) renders in the language."""
    texts = [e.describe(book().templates, lang) for e in explanations]
    assert all(
        f"{e.rule_id} v{e.rule_version}" in t for e, t in zip(explanations, texts, strict=True)
    )


def test_vietnamese_rendering_formats_money_the_vietnamese_way(dues_2018: Explanation) -> None:
    """The Vietnamese message writes 49.999 and 50.000 with dots as thousands separators."""
    text = dues_2018.render(book().templates, "vi")
    assert "49.999" in text and "50.000" in text


def test_english_rendering_formats_money_the_english_way(dues_2018: Explanation) -> None:
    """The English message writes 49,999 and 50,000 with commas."""
    text = dues_2018.render(book().templates, "en")
    assert "49,999" in text and "50,000" in text


# -- what an explanation carries -----------------------------------------------------------------------------
def test_explanation_carries_rule_id_and_version(dues_2018: Explanation) -> None:
    """A March 2018 dues finding is rule duty.dues.underpaid in its QĐ 342 + HD 03 (6/7/2016) version."""
    assert (dues_2018.rule_id, dues_2018.rule_version) == (UNDERPAID, "2016")


def test_explanation_cites_qd342_and_hd03_in_2018(dues_2018: Explanation) -> None:
    """A 2018 dues finding cites QĐ 342-QĐ/TW and HD 03-HD/VPTW (row 45)."""
    documents = [c.document for c in dues_2018.citations]
    assert [d.split(" (")[0] for d in documents] == ["QĐ 342-QĐ/TW", "HD 03-HD/VPTW"]


def test_explanation_cites_qd342_alone_before_hd03(all_findings: list[Findings]) -> None:
    """A March 2015 dues finding cites QĐ 342-QĐ/TW only: HD 03-HD/VPTW dates from 6/7/2016 (row 45)."""
    e = _explain(all_findings[3], UNDERPAID, "p")
    assert [c.document.split(" (")[0] for c in e.citations] == ["QĐ 342-QĐ/TW"]


def test_explanation_cites_qd01_in_february_2026(all_findings: list[Findings]) -> None:
    """A February 2026 dues finding cites QĐ 01-QĐ/TW only (g.2 row 47)."""
    e = _explain(all_findings[2], UNDERPAID, "s")
    assert [c.document.split(" (")[0] for c in e.citations] == ["QĐ 01-QĐ/TW"]


def test_explanation_lists_the_salary_rate_as_one_percent_confirmed(dues_2018: Explanation) -> None:
    """The salary rate used is 1 %, CONFIRMED (row 45)."""
    (rate,) = [p for p in dues_2018.params if p.key == "dues.rate.salary"]
    assert (rate.value, rate.status) == (Fraction(1, 100), Status.CONFIRMED)


def test_explanation_lists_the_area_amounts_used(dues_2018: Explanation) -> None:
    """The HD 03 area amounts read are 10,000 / 8,000 / 6,000 / 4,000 đ, CONFIRMED (row 45)."""
    flats = {
        p.key: (p.value, p.status)
        for p in dues_2018.params
        if p.key.startswith("dues.flat.") and p.key != "dues.flat.range"
    }
    assert flats == {
        "dues.flat.central_city_core": (Money(10_000), Status.CONFIRMED),
        "dues.flat.urban": (Money(8_000), Status.CONFIRMED),
        "dues.flat.other": (Money(6_000), Status.CONFIRMED),
        "dues.flat.mountain_remote": (Money(4_000), Status.CONFIRMED),
    }


def test_explanation_inputs_are_typed_money(dues_2018: Explanation) -> None:
    """Inputs are the category, and the income base and amount paid as Money."""
    assert dues_2018.inputs == {
        "dues_category": "salaried_insured",
        "income_base": Money(5_000_000),
        "dues_paid": Money(49_999),
    }


def test_explanation_threshold_is_the_due_as_money(dues_2018: Explanation) -> None:
    """The threshold is the due, 1 % of 5,000,000 đ = 50,000 đ (row 45), as Money."""
    assert dues_2018.thresholds == {"dues_due": Money(50_000)}


def test_explanation_evidence_is_the_receipt_number(dues_2018: Explanation) -> None:
    """The evidence of a dues finding is the receipt of the payment."""
    assert dues_2018.evidence == ("BL-0307",)


def test_absence_explanation_evidence_is_the_meeting_id(all_findings: list[Findings]) -> None:
    """The evidence of an absence finding is the id of the meeting missed."""
    findings = all_findings[0]
    (row,) = [
        r
        for r in rows_of(findings, "duty.meeting.unexcused_absence")
        if r["period_start"] == D(2018, 2, 1)
    ]
    assert findings.explanation(row).evidence == ("cell1-2018-02-05",)


def test_three_month_explanation_evidence_lists_the_missed_meetings(
    all_findings: list[Findings],
) -> None:
    """The three-month finding's evidence is the three meetings missed (row 1)."""
    e = _explain(all_findings[0], "membership.three_month_rule", "c")
    assert e.evidence == ("cell1-2018-02-05", "cell1-2018-03-05", "cell1-2018-04-05")


def test_explanation_carries_the_governing_date(dues_2018: Explanation) -> None:
    """A monthly dues check is governed by the violation: the month, 1/3/2018."""
    assert (dues_2018.governs, dues_2018.governing_date) == (
        GoverningDate.VIOLATION,
        pendulum.date(2018, 3, 1),
    )


def test_task_explanation_is_governed_by_the_review_year(all_findings: list[Findings]) -> None:
    """A task finding is governed by the last day of the review year, 31/12/2025 (QĐ 366, row 38)."""
    e = _explain(all_findings[1], "duty.tasks.not_all_on_time", "t")
    assert (e.governs, e.governing_date) == (GoverningDate.REVIEW_YEAR, pendulum.date(2025, 12, 31))


def test_ledger_explanation_inputs_are_money(all_findings: list[Findings]) -> None:
    """A cell's share finding shows collected, retained and remitted as Money."""
    e = _explain(all_findings[0], "audit.dues.cell_share_outside_range", "cell1")
    assert e.inputs == {
        "collected": Money(1_000_000),
        "retained": Money(200_000),
        "remitted": Money(800_000),
    }


def test_late_remittance_explanation_inputs_are_dates(all_findings: list[Findings]) -> None:
    """A late remittance shows the period's end and the day sent as dates."""
    e = _explain(all_findings[0], "audit.dues.remittance_late", "cell1")
    assert e.inputs == {
        "period_end": pendulum.date(2018, 4, 1),
        "last_sent": pendulum.date(2018, 4, 20),
    }


def test_cell_share_explanation_lists_the_thirty_to_fifty_percent_range(
    all_findings: list[Findings],
) -> None:
    """The share parameter read is the 30–50 % range of QĐ 342, CONFIRMED (row 46)."""
    e = _explain(all_findings[0], "audit.dues.cell_share_outside_range", "cell1")
    (share,) = e.params
    assert (share.key, share.value.low, share.value.high, share.status) == (
        "dues.share.cell_in_grassroots.retained",
        Fraction(3, 10),
        Fraction(1, 2),
        Status.CONFIRMED,
    )


def test_unapproved_spending_evidence_is_the_voucher(all_findings: list[Findings]) -> None:
    """The evidence of unapproved spending is the unapproved voucher."""
    assert _explain(all_findings[0], "audit.fund.unapproved_spending", "C1").evidence == (
        "PC-C1-1",
    )


# -- unconfirmed and overridden parameters -----------------------------------------------------------------
def test_unconfirmed_rounding_is_listed(dues_2018: Explanation) -> None:
    """dues.rounding is not in regulations.md (UNCONFIRMED default): the explanation lists it as unconfirmed."""
    assert "dues.rounding" in dues_2018.unconfirmed


def test_confirmed_rate_is_not_listed_as_unconfirmed(dues_2018: Explanation) -> None:
    """The 1 % salary rate is CONFIRMED (row 45), so it is not listed as unconfirmed."""
    assert "dues.rate.salary" not in dues_2018.unconfirmed


def test_nothing_is_overridden_by_default(dues_2018: Explanation) -> None:
    """With the rulebook as published, no parameter is overridden."""
    assert dues_2018.overridden == ()


def _half_dong_case() -> Facts:
    """1 % of 1,234,450 đ is 12,344.5 đ (row 45); the member pays 12,344 đ for March 2018."""
    w = World()
    w.member("m", "salaried_insured")
    w.income("m", month(2018, 3), 1_234_450)
    w.pay("m", month(2018, 3), 12_344, receipt="BL-HALF")
    return w.facts()


def _rounding_down() -> Rulebook:
    return book().with_overrides({"dues.rounding": "down"}, "the cell rounds dues down")


def test_overridden_parameter_is_listed() -> None:
    """With dues.rounding overridden, an explanation using it lists it as overridden."""
    findings = evaluate(_world_2018().facts(), 2018, _rounding_down())
    e = _explain(findings, UNDERPAID, "a", dt.date(2018, 3, 1))
    assert e.overridden == ("dues.rounding",)


def test_overridden_parameter_carries_the_reason_and_value() -> None:
    """The overridden parameter use records the new value and the host's reason."""
    findings = evaluate(_world_2018().facts(), 2018, _rounding_down())
    (use,) = [
        p
        for p in _explain(findings, UNDERPAID, "a", dt.date(2018, 3, 1)).params
        if p.key == "dues.rounding"
    ]
    assert (use.value, use.overridden, use.override_reason) == (
        "down",
        True,
        "the cell rounds dues down",
    )


def test_what_if_rounding_down_changes_the_findings() -> None:
    """12,344 đ is short of 12,345 đ (half-up) but meets 12,344 đ (rounded down): the what-if finds nothing."""
    facts = _half_dong_case()
    march = DateRange.month(2018, 3)
    before = evaluate(facts, march).keys()
    after = evaluate(facts, march, _rounding_down()).keys()
    assert (before, after) == ({(UNDERPAID, "m", D(2018, 3, 1))}, set())


def test_what_if_leaves_the_facts_unchanged() -> None:
    """Evaluating with overridden parameters writes nothing into the facts tables."""
    facts = _half_dong_case()
    snapshot = {name: table.clone() for name, table in facts.tables.items()}
    evaluate(facts, DateRange.month(2018, 3), _rounding_down())
    assert all(facts[name].equals(snapshot[name]) for name in snapshot)


def test_what_if_leaves_the_rulebook_unchanged() -> None:
    """Overriding returns a copy: the published rulebook still has no override and still rounds half-up."""
    _rounding_down()
    assert (dict(book().overrides), book().value("dues.rounding", D(2018, 3, 1))) == ({}, "half_up")


def test_what_if_does_not_change_a_later_evaluation() -> None:
    """After a what-if, evaluating with the published rulebook finds what it found before."""
    facts = _half_dong_case()
    march = DateRange.month(2018, 3)
    first = evaluate(facts, march).data
    evaluate(facts, march, _rounding_down())
    assert evaluate(facts, march).data.equals(first)


def test_evaluating_the_same_facts_twice_gives_identical_findings() -> None:
    """The same facts give the same findings table, row for row."""
    facts = _world_2018().facts()
    first, second = evaluate(facts, 2018).data, evaluate(facts, 2018).data
    assert first.equals(second) and first.height > 0


def test_findings_table_has_one_row_per_finding_with_its_period() -> None:
    """The findings table gives each finding's subject, period and consequence."""
    findings = evaluate(_half_dong_case(), DateRange.month(2018, 3))
    assert findings.data.select(
        "subject_id", "period_start", "period_end", "consequence"
    ).rows() == [("m", D(2018, 3, 1), D(2018, 4, 1), "reminder")]


def test_explanation_by_row_number_is_the_explanation_of_that_row() -> None:
    """``explanation(0)`` explains the first row: the March 2018 underpayment with its receipt."""
    findings = evaluate(_half_dong_case(), DateRange.month(2018, 3))
    e = findings.explanation(0)
    assert (e.rule_id, e.evidence, e.thresholds) == (
        UNDERPAID,
        ("BL-HALF",),
        {"dues_due": Money(12_345)},
    )


def test_findings_table_evidence_column_is_a_list_of_strings() -> None:
    """The evidence column holds lists of ids."""
    findings = evaluate(_half_dong_case(), DateRange.month(2018, 3))
    assert findings.data.schema["evidence"] == pl.List(pl.String)
