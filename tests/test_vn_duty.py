"""Member duty checks of the Vietnamese rulebook, each rule in both directions at its boundary.

Expected values are typed from ``shared/domain/regulations.md`` (the row is named in a comment; section (g)
overrides (c) and (e)), never computed by the code under test.
"""

from __future__ import annotations

import datetime as dt

import pytest
from tests.vn_facts import D, World, book, evaluate, found, month, rows_of

from kiemtra import DateRange

UNDERPAID = "duty.dues.underpaid"
ABSENT = "duty.meeting.unexcused_absence"
THREE = "membership.three_month_rule"
LATE = "duty.tasks.not_all_on_time"
FEW = "duty.tasks.few_exceeded"
MARCH_2018 = DateRange.month(2018, 3)
JAN_2026 = DateRange.month(2026, 1)
FEB_2026 = DateRange.month(2026, 2)


def _one_month_dues(
    category: str, income: int | None, paid: int, kind: str = "insurable_salary"
) -> World:
    """Member ``m`` of ``category`` paying ``paid`` for March 2018 (on ``income`` if given)."""
    w = World()
    w.member("m", category)
    if income is not None:
        w.income("m", month(2018, 3), income, kind)
    w.pay("m", month(2018, 3), paid)
    return w


# -- unexcused absence (row 6: the cell meets monthly; row 1: skipping activity) ------------------------
def _one_meeting(*, present: bool, excused: bool) -> World:
    w = World()
    w.member("m", "exempt")
    w.meeting("cell1", D(2018, 3, 5))
    w.attend(
        "cell1-2018-03-05", "m", present=present, excused=excused, reason="ốm" if excused else ""
    )
    return w


def test_unexcused_absence_fires() -> None:
    """A member absent from the March meeting without excuse has a finding for March."""
    findings = evaluate(_one_meeting(present=False, excused=False).facts(), MARCH_2018)
    assert found(findings, ABSENT) == {("m", D(2018, 3, 1))}


def test_excused_absence_does_not_fire() -> None:
    """An absence the cell excused is no finding."""
    findings = evaluate(_one_meeting(present=False, excused=True).facts(), MARCH_2018)
    assert found(findings, ABSENT) == set()


def test_present_member_does_not_fire() -> None:
    """A member present at the meeting is no finding."""
    findings = evaluate(_one_meeting(present=True, excused=False).facts(), MARCH_2018)
    assert found(findings, ABSENT) == set()


def test_unexcused_absence_evidence_is_the_meeting_id() -> None:
    """The finding's evidence is the id of the meeting missed."""
    findings = evaluate(_one_meeting(present=False, excused=False).facts(), MARCH_2018)
    assert [r["evidence"] for r in rows_of(findings, ABSENT)] == [["cell1-2018-03-05"]]


# -- dues under QĐ 342 + HD 03-HD/VPTW (row 45), March 2018 ---------------------------------------------
QD342_DUES = [
    # (category, income base, kind, due in đồng)
    pytest.param(
        "salaried_insured", 5_000_000, "insurable_salary", 50_000, id="salaried-1%"
    ),  # row 45: 1 %
    pytest.param("pensioner", 4_000_000, "pension", 20_000, id="pensioner-0.5%"),  # row 45: 0.5 %
    pytest.param("other_area_1", None, "", 10_000, id="area1-10000"),  # row 45 (HD 03): 10,000 đ
    pytest.param("other_area_2", None, "", 8_000, id="area2-8000"),  # row 45 (HD 03): 8,000 đ
    pytest.param("other_area_3", None, "", 6_000, id="area3-6000"),  # row 45 (HD 03): 6,000 đ
    pytest.param("other_area_4", None, "", 4_000, id="area4-4000"),  # row 45 (HD 03): 4,000 đ
]


@pytest.mark.parametrize(("paid", "fires"), [(50_000, False), (49_999, True)])
def test_qd342_before_hd03_salaried_pays_one_percent(paid: int, fires: bool) -> None:
    """March 2015 (QĐ 342 in force, HD 03 not yet): 1 % of 5,000,000 đ is 50,000 đ (row 45)."""
    w = World()
    w.member("m", "salaried_insured")
    w.income("m", month(2015, 3), 5_000_000)
    w.pay("m", month(2015, 3), paid)
    findings = evaluate(w.facts(), DateRange.month(2015, 3))
    assert found(findings, UNDERPAID) == ({("m", D(2015, 3, 1))} if fires else set())


@pytest.mark.parametrize(("category", "income", "kind", "due"), QD342_DUES)
def test_qd342_paying_exactly_the_due_does_not_fire(
    category: str, income: int | None, kind: str, due: int
) -> None:
    """Under QĐ 342 a payment of exactly the month's due is no finding."""
    findings = evaluate(_one_month_dues(category, income, due, kind).facts(), MARCH_2018)
    assert found(findings, UNDERPAID) == set()


@pytest.mark.parametrize(("category", "income", "kind", "due"), QD342_DUES)
def test_qd342_one_dong_less_fires(category: str, income: int | None, kind: str, due: int) -> None:
    """Under QĐ 342 a payment one đồng below the month's due is a finding."""
    findings = evaluate(_one_month_dues(category, income, due - 1, kind).facts(), MARCH_2018)
    assert found(findings, UNDERPAID) == {("m", D(2018, 3, 1))}


def test_qd342_no_payment_fires() -> None:
    """A month with no payment at all is a finding (row 45: HD 03 area 3 owes 6,000 đ)."""
    w = World()
    w.member("m", "other_area_3")
    findings = evaluate(w.facts(), MARCH_2018)
    assert found(findings, UNDERPAID) == {("m", D(2018, 3, 1))}


def test_half_up_rounding_at_exactly_half_a_dong_rounds_up() -> None:
    """1 % of 1,234,450 đ is 12,344.5 đ, due as 12,345 đ: paying 12,344 đ fires (dues.rounding default half_up)."""
    # row 45: 1 %; the rounding is the rulebook's UNCONFIRMED default "half_up" (not in regulations.md)
    findings = evaluate(_one_month_dues("salaried_insured", 1_234_450, 12_344).facts(), MARCH_2018)
    assert found(findings, UNDERPAID) == {("m", D(2018, 3, 1))}


def test_half_up_rounding_at_exactly_half_a_dong_is_met_by_the_rounded_amount() -> None:
    """1 % of 1,234,450 đ rounds half-up to 12,345 đ: paying 12,345 đ is no finding."""
    findings = evaluate(_one_month_dues("salaried_insured", 1_234_450, 12_345).facts(), MARCH_2018)
    assert found(findings, UNDERPAID) == set()


def test_two_receipts_for_one_month_add_up() -> None:
    """Two payments for March that add up to the 1 % due (50,000 đ on 5,000,000 đ) are no finding."""
    w = _one_month_dues("salaried_insured", 5_000_000, 30_000)
    w.pay("m", month(2018, 3), 20_000)
    findings = evaluate(w.facts(), MARCH_2018)
    assert found(findings, UNDERPAID) == set()


# -- dues under QĐ 01-QĐ/TW from 1/2/2026 (g.2 rows 47-48, g.3 row 59) ---------------------------------------
def _salaried_2026(jan_paid: int, feb_paid: int) -> World:
    """Insurable salary 6,000,000 đ in Dec 2025 and Jan 2026, 8,000,000 đ in Feb 2026."""
    w = World()
    w.member("m", "salaried_insured")
    w.income("m", month(2025, 12), 6_000_000)
    w.income("m", month(2026, 1), 6_000_000)
    w.income("m", month(2026, 2), 8_000_000)
    w.pay("m", month(2026, 1), jan_paid)
    w.pay("m", month(2026, 2), feb_paid)
    return w


def test_qd01_february_due_is_one_percent_of_january_salary() -> None:
    """Feb 2026: 60,000 đ (1 % of January's 6,000,000 đ, g.2 row 47) meets the due, not 1 % of February's 8,000,000 đ."""
    findings = evaluate(_salaried_2026(60_000, 60_000).facts(), FEB_2026)
    assert found(findings, UNDERPAID) == set()


def test_qd01_february_one_dong_less_than_one_percent_of_january_fires() -> None:
    """Feb 2026: 59,999 đ is one đồng short of 1 % of January's salary (g.2 row 47)."""
    findings = evaluate(_salaried_2026(60_000, 59_999).facts(), FEB_2026)
    assert found(findings, UNDERPAID) == {("m", D(2026, 2, 1))}


def test_january_2026_is_judged_by_qd342_and_february_by_qd01() -> None:
    """One đồng short in both months: January's finding rests on QĐ 342 (+ HD 03), February's on QĐ 01."""
    # g.2 row 47: QĐ 01-QĐ/TW applies from 1/2/2026 and replaces QĐ 342 (row 45)
    findings = evaluate(
        _salaried_2026(59_999, 59_999).facts(), DateRange(D(2026, 1, 1), D(2026, 3, 1))
    )
    basis = {
        r["period_start"]: [c.document.split(" (")[0] for c in findings.explanation(r).citations]
        for r in rows_of(findings, UNDERPAID)
    }
    assert basis == {
        D(2026, 1, 1): ["QĐ 342-QĐ/TW", "HD 03-HD/VPTW"],
        D(2026, 2, 1): ["QĐ 01-QĐ/TW"],
    }


def test_january_2026_paying_the_qd342_due_does_not_fire() -> None:
    """Jan 2026 (QĐ 342, salary 6,000,000 đ in both Dec and Jan): 60,000 đ meets the 1 % due (row 45)."""
    findings = evaluate(_salaried_2026(60_000, 60_000).facts(), JAN_2026)
    assert found(findings, UNDERPAID) == set()


@pytest.mark.parametrize(("paid", "fires"), [(5_000, False), (4_999, True)])
def test_qd01_student_pays_five_thousand(paid: int, fires: bool) -> None:
    """Feb 2026: a student owes 5,000 đ (g.2 row 47): 5,000 đ does not fire, 4,999 đ does."""
    w = World()
    w.member("m", "student")
    w.pay("m", month(2026, 2), paid)
    findings = evaluate(w.facts(), FEB_2026)
    assert found(findings, UNDERPAID) == ({("m", D(2026, 2, 1))} if fires else set())


@pytest.mark.parametrize(("paid", "fires"), [(14_880, False), (14_879, True)])
def test_qd01_uninsured_pays_three_per_mille_of_the_base(paid: int, fires: bool) -> None:
    """Feb 2026: 0.3 % of a 4,960,000 đ base is 14,880 đ (g.2 row 48, g.3 row 59)."""
    w = World()
    w.member("m", "non_insured")
    # The host records the regional minimum wage as the base (the model's IncomeKind has no such kind).
    w.income("m", month(2026, 1), 4_960_000, "regional_minimum_wage")
    w.income("m", month(2026, 2), 4_960_000, "regional_minimum_wage")
    w.pay("m", month(2026, 2), paid)
    findings = evaluate(w.facts(), FEB_2026)
    assert found(findings, UNDERPAID) == ({("m", D(2026, 2, 1))} if fires else set())


@pytest.mark.parametrize(("paid", "fires"), [(20_000, False), (19_999, True)])
def test_qd01_pensioner_pays_half_a_percent(paid: int, fires: bool) -> None:
    """Feb 2026: a pensioner owes 0.5 % of a 4,000,000 đ pension, 20,000 đ (g.2 row 47)."""
    w = World()
    w.member("m", "pensioner")
    w.income("m", month(2026, 1), 4_000_000, "pension")
    w.income("m", month(2026, 2), 4_000_000, "pension")
    w.pay("m", month(2026, 2), paid)
    findings = evaluate(w.facts(), FEB_2026)
    assert found(findings, UNDERPAID) == ({("m", D(2026, 2, 1))} if fires else set())


@pytest.mark.parametrize(("paid", "fires"), [(30_000, False), (29_999, True)])
def test_qd01_member_on_leave_pays_one_percent_of_the_allowance(paid: int, fires: bool) -> None:
    """Feb 2026: on sick or maternity leave, 1 % of January's 3,000,000 đ allowance is 30,000 đ (g.2 row 47)."""
    w = World()
    w.member("m", "on_insured_leave")
    w.income("m", month(2026, 1), 3_000_000, "allowance")
    w.income("m", month(2026, 2), 3_000_000, "allowance")
    w.pay("m", month(2026, 2), paid)
    findings = evaluate(w.facts(), FEB_2026)
    assert found(findings, UNDERPAID) == ({("m", D(2026, 2, 1))} if fires else set())


def _uninsured(paid_for: dt.date, paid: int) -> World:
    """An uninsured member whose base (the regional minimum wage) is 5,000,000 đ from Nov 2027 to Jan 2028."""
    w = World()
    w.member("m", "non_insured")
    for base_month in (month(2027, 11), month(2027, 12), month(2028, 1)):
        w.income("m", base_month, 5_000_000, "regional_minimum_wage")
    w.pay("m", paid_for, paid)
    return w


@pytest.mark.parametrize(("paid", "fires"), [(15_000, False), (14_999, True)])
def test_uninsured_rate_is_three_per_mille_until_end_of_2027(paid: int, fires: bool) -> None:
    """Dec 2027: 0.3 % of 5,000,000 đ is 15,000 đ (g.2 row 48: 0.3 % for 2026-2027)."""
    findings = evaluate(_uninsured(month(2027, 12), paid).facts(), DateRange.month(2027, 12))
    assert found(findings, UNDERPAID) == ({("m", D(2027, 12, 1))} if fires else set())


@pytest.mark.parametrize(("paid", "fires"), [(25_000, False), (24_999, True)])
def test_uninsured_rate_is_five_per_mille_from_2028(paid: int, fires: bool) -> None:
    """Jan 2028: 0.5 % of 5,000,000 đ is 25,000 đ (g.2 row 48: 0.5 % from 1/1/2028)."""
    findings = evaluate(_uninsured(month(2028, 1), paid).facts(), DateRange.month(2028, 1))
    assert found(findings, UNDERPAID) == ({("m", D(2028, 1, 1))} if fires else set())


@pytest.mark.xfail(
    strict=True,
    reason="_features._rates charges every 'non_insured' member dues.rate.uninsured.below_retirement_age; "
    "members.birth_date is never read and dues.rate.uninsured.retirement_age (0.2 %) is never used",
)
def test_qd01_uninsured_member_past_retirement_age_pays_two_per_mille() -> None:
    """Feb 2026: an uninsured member born in 1940 owes 0.2 % of 4,960,000 đ, 9,920 đ (g.2 row 48)."""
    w = World()
    w.member("m", "non_insured", born=D(1940, 1, 1))
    w.income("m", month(2026, 1), 4_960_000, "regional_minimum_wage")
    w.income("m", month(2026, 2), 4_960_000, "regional_minimum_wage")
    w.pay("m", month(2026, 2), 9_920)
    findings = evaluate(w.facts(), FEB_2026)
    assert found(findings, UNDERPAID) == set()


@pytest.mark.xfail(
    strict=True,
    reason="_features._rates gives the full HD 03 area amount whatever the member's age; "
    "dues.flat.beyond_working_age_share (50 %, g.2 row 45) is never used and members.birth_date never read",
)
def test_qd342_member_beyond_working_age_pays_half_the_area_amount() -> None:
    """March 2018: an area-1 member born in 1940 owes 50 % of 10,000 đ, 5,000 đ (g.2 row 45, SECONDARY)."""
    w = World()
    w.member("m", "other_area_1", born=D(1940, 1, 1))
    w.pay("m", month(2018, 3), 5_000)
    findings = evaluate(w.facts(), MARCH_2018)
    assert found(findings, UNDERPAID) == set()


def test_qd01_member_with_fifty_years_of_party_age_is_exempt() -> None:
    """Feb 2026: a member admitted in 1970 (56 years of party age) owes no dues (g.2 row 48: exempt at ≥ 50)."""
    w = World()
    w.member("m", "salaried_insured", admitted=D(1970, 1, 1))
    w.income("m", month(2026, 1), 6_000_000)
    findings = evaluate(w.facts(), FEB_2026)
    assert found(findings, UNDERPAID) == set()


def _admitted_on(day: dt.date) -> World:
    """A salaried member admitted on ``day`` (full member a year and a day later), on cell1's roll since,
    with an income base of 6,000,000 đ for January 2026 and nothing paid."""
    w = World()
    w.add(
        "members",
        member_id="m",
        admitted_on=day,
        probation_ends_on=day + dt.timedelta(days=366),
        full_member_on=day + dt.timedelta(days=366),
        dues_category="salaried_insured",
    )
    w.stay("m", "cell1", day)
    w.income("m", month(2026, 1), 6_000_000)
    return w


def test_qd01_fifty_years_from_29_february_are_reached_on_28_february() -> None:
    """Feb 2026: fifty years from 29/2/1976 end on 28/2/2026 (a common year has no 29 February), so a member
    admitted that day is exempt for February 2026 (g.2 row 48: exempt at ≥ 50 years of party age)."""
    findings = evaluate(_admitted_on(D(1976, 2, 29)).facts(), FEB_2026)
    assert found(findings, UNDERPAID) == set()


def test_qd01_fifty_years_from_1_march_are_not_reached_in_february() -> None:
    """Feb 2026: a member admitted on 1/3/1976 reaches fifty years of party age only in March 2026, so
    February's 1 % of 6,000,000 đ is owed and paying nothing fires (g.2 row 48)."""
    findings = evaluate(_admitted_on(D(1976, 3, 1)).facts(), FEB_2026)
    assert found(findings, UNDERPAID) == {("m", D(2026, 2, 1))}


@pytest.mark.parametrize("year", [2018, 2026])
def test_exempt_member_paying_nothing_never_fires(year: int) -> None:
    """An exempt member who pays nothing all year has no dues finding and no three-month finding."""
    w = World()
    w.member("m", "exempt")
    findings = evaluate(w.facts(), year)
    assert found(findings, UNDERPAID) | found(findings, THREE) == set()


def test_year_2016_can_be_evaluated() -> None:
    """2016 (QĐ 342 in force, HD 03 only from July) is evaluated: an unexcused March absence is found."""
    w = World()
    w.member("m", "salaried_insured")
    w.meeting("cell1", D(2016, 3, 5))
    w.attend("cell1-2016-03-05", "m", present=False)
    findings = evaluate(w.facts(), 2016)
    assert found(findings, ABSENT) == {("m", D(2016, 3, 1))}


# -- the three-month rule (row 1; g.2 row 47) ---------------------------------------------------------------
def _year_member(absent: tuple[int, ...] = (), unpaid: tuple[int, ...] = ()) -> World:
    """Member ``m`` (HD 03 area 1, 10,000 đ a month) in 2018, absent and not paying in the given months."""
    w = World()
    w.member("m", "other_area_1")
    w.monthly_meetings("cell1", 2018)
    for m in range(1, 13):
        if m in absent:
            w.absent("cell1", "m", 2018, m)
        else:
            w.attend(f"cell1-{D(2018, m, 5).isoformat()}", "m")
        if m not in unpaid:
            w.pay("m", month(2018, m), 10_000)
    return w


YEAR_2018 = D(2018, 1, 1)


def test_three_months_absent_fires() -> None:
    """Three months of unexcused absence in 2018 are a ground for removal (row 1: 3 months in a year)."""
    findings = evaluate(_year_member(absent=(2, 6, 10)).facts(), 2018)
    assert found(findings, THREE) == {("m", YEAR_2018)}


def test_two_months_absent_do_not_fire() -> None:
    """Two months of unexcused absence are not enough (row 1)."""
    findings = evaluate(_year_member(absent=(2, 6)).facts(), 2018)
    assert found(findings, THREE) == set()


def test_three_months_unpaid_fire() -> None:
    """Three months without dues in 2018 are a ground for removal (row 1; g.2 row 47)."""
    findings = evaluate(_year_member(unpaid=(3, 7, 11)).facts(), 2018)
    assert found(findings, THREE) == {("m", YEAR_2018)}


def test_two_months_unpaid_do_not_fire() -> None:
    """Two months without dues are not enough (row 1)."""
    findings = evaluate(_year_member(unpaid=(3, 7)).facts(), 2018)
    assert found(findings, THREE) == set()


def test_three_month_rule_is_a_removal_ground() -> None:
    """The three-month finding's consequence is a ground for removal from the roll (row 1, (b)9)."""
    findings = evaluate(_year_member(absent=(1, 2, 3)).facts(), 2018)
    assert [r["consequence"] for r in rows_of(findings, THREE)] == ["removal_ground"]


def test_months_with_no_payment_count_even_without_an_income_base() -> None:
    """A salaried member with no income base on record who pays nothing in 2018 has a removal ground (row 1)."""
    w = World()
    w.member("m", "salaried_insured")
    findings = evaluate(w.facts(), 2018)
    assert found(findings, THREE) == {("m", YEAR_2018)}


def test_two_absent_and_one_unpaid_do_not_fire_counted_separately() -> None:
    """Two absent months and one unpaid month are not three of either under the default 'separately'."""
    findings = evaluate(_year_member(absent=(2, 6), unpaid=(9,)).facts(), 2018)
    assert found(findings, THREE) == set()


def test_two_absent_and_one_unpaid_fire_counted_combined() -> None:
    """Counted 'combined' (membership.removal.counting overridden), 2 absent + 1 unpaid months make three."""
    combined = book().with_overrides({"membership.removal.counting": "combined"}, "what-if")
    findings = evaluate(_year_member(absent=(2, 6), unpaid=(9,)).facts(), 2018, combined)
    assert found(findings, THREE) == {("m", YEAR_2018)}


def test_absence_and_non_payment_in_the_same_months_counted_combined_count_once() -> None:
    """Counted 'combined', two months each absent and unpaid are two months, not four."""
    combined = book().with_overrides({"membership.removal.counting": "combined"}, "what-if")
    findings = evaluate(_year_member(absent=(2, 6), unpaid=(2, 6)).facts(), 2018, combined)
    assert found(findings, THREE) == set()


def test_months_need_not_be_consecutive() -> None:
    """January, June and December absences count as three months (row 1 says 'in a year', not consecutive)."""
    findings = evaluate(_year_member(absent=(1, 6, 12)).facts(), 2018)
    assert found(findings, THREE) == {("m", YEAR_2018)}


def test_three_month_rule_counts_within_each_calendar_year() -> None:
    """Reviewing 2018-2019 at once, two absent months in each year are not three months in a year (row 1)."""
    w = World()
    w.member("m", "exempt")
    for year in (2018, 2019):
        w.monthly_meetings("cell1", year)
        w.absent("cell1", "m", year, 2)
        w.absent("cell1", "m", year, 6)
    findings = evaluate(w.facts(), DateRange(D(2018, 1, 1), D(2020, 1, 1)))
    assert found(findings, THREE) == set()


def test_member_admitted_mid_year_is_checked_only_from_the_admission_month() -> None:
    """Admitted 15/7/2018 and never paying: July to December are underpaid, January to June are not."""
    w = World()
    w.member("m", "other_area_2", admitted=D(2018, 7, 15))
    findings = evaluate(w.facts(), 2018)
    assert found(findings, UNDERPAID) == {("m", D(2018, m, 1)) for m in range(7, 13)}


def test_member_admitted_mid_year_is_not_counted_unpaid_before_admission() -> None:
    """Admitted 15/10/2018, paying for December only: October and November are two months, no removal ground."""
    w = World()
    w.member("m", "other_area_2", admitted=D(2018, 10, 15))
    w.pay("m", month(2018, 12), 8_000)
    findings = evaluate(w.facts(), 2018)
    assert found(findings, THREE) == set()


def _transferred() -> World:
    """Member ``t`` in cell1 until 30/6/2018, then in cell2; both cells meet monthly."""
    w = World()
    w.member("t", "exempt", cell=None)
    w.stay("t", "cell1", D(2010, 1, 1), D(2018, 7, 1))
    w.stay("t", "cell2", D(2018, 7, 1))
    w.monthly_meetings("cell1", 2018)
    w.monthly_meetings("cell2", 2018)
    w.absent("cell1", "t", 2018, 3)
    w.absent("cell1", "t", 2018, 4)
    w.absent("cell2", "t", 2018, 9)
    return w


def test_transferred_member_absences_are_judged_by_the_cell_of_the_month() -> None:
    """Absences in cell1 (March, April) and cell2 (September) are each found under the cell of that month."""
    findings = evaluate(_transferred().facts(), 2018)
    cells = {r["period_start"]: r["org_id"] for r in rows_of(findings, ABSENT)}
    assert cells == {D(2018, 3, 1): "cell1", D(2018, 4, 1): "cell1", D(2018, 9, 1): "cell2"}


def test_transferred_member_months_add_up_across_cells() -> None:
    """Two months absent in cell1 and one in cell2 are three months in the year (row 1)."""
    findings = evaluate(_transferred().facts(), 2018)
    assert found(findings, THREE) == {("t", YEAR_2018)}


def test_transferred_member_is_not_judged_by_the_old_cell_after_leaving() -> None:
    """An absence recorded at cell1's meeting in September, after the transfer, is no finding."""
    w = World()
    w.member("t", "exempt", cell=None)
    w.stay("t", "cell1", D(2010, 1, 1), D(2018, 7, 1))
    w.stay("t", "cell2", D(2018, 7, 1))
    w.monthly_meetings("cell1", 2018)
    w.absent("cell1", "t", 2018, 9)
    findings = evaluate(w.facts(), 2018)
    assert found(findings, ABSENT) == set()


# -- assigned tasks (QĐ 366 Art 11 k1, row 38; in force from 30/8/2025, section 0) -------------------------
def _tasks(year: int, done: list[tuple[int, bool]]) -> World:
    """Member ``m`` with tasks due 15/6 of ``year``: (days done after the due day, exceeded) each."""
    w = World()
    w.member("m", "exempt")
    due = D(year, 6, 15)
    for i, (late_by, exceeded) in enumerate(done):
        w.add(
            "tasks",
            task_id=f"T{i}",
            assignee_id="m",
            assigned_by="cell1",
            assigned_on=D(year, 1, 10),
            due_on=due,
            done_on=due + dt.timedelta(days=late_by),
            exceeded=exceeded,
        )
    return w


def test_task_done_a_day_late_fires_under_qd366() -> None:
    """2025: one task done the day after its due day means not all tasks on time (row 38: 100 % on time)."""
    findings = evaluate(_tasks(2025, [(0, True), (1, True)]).facts(), 2025)
    assert found(findings, LATE) == {("m", D(2025, 1, 1))}


def test_tasks_all_done_on_the_due_day_do_not_fire() -> None:
    """2025: every task done on its due day is on time (row 38)."""
    findings = evaluate(_tasks(2025, [(0, True), (0, False)]).facts(), 2025)
    assert found(findings, LATE) == set()


def test_task_never_done_fires() -> None:
    """2025: a task never done is not done on time (row 38)."""
    w = _tasks(2025, [(0, True)])
    w.add(
        "tasks",
        task_id="T9",
        assignee_id="m",
        assigned_by="cell1",
        assigned_on=D(2025, 1, 10),
        due_on=D(2025, 6, 15),
        done_on=None,
        exceeded=False,
    )
    findings = evaluate(w.facts(), 2025)
    assert found(findings, LATE) == {("m", D(2025, 1, 1))}


def test_task_rules_are_not_in_force_before_qd366() -> None:
    """2024 (review year ending before QĐ 366 of 30/8/2025): a late task and no exceeded task find nothing."""
    findings = evaluate(_tasks(2024, [(1, False), (0, False)]).facts(), 2024)
    assert found(findings, LATE) | found(findings, FEW) == set()


def test_task_rules_apply_to_a_review_period_ending_on_qd366s_effective_day() -> None:
    """A review period whose last day is 30/8/2025 (QĐ 366's date, section 0) is judged by QĐ 366."""
    w = _tasks(2025, [(1, True)])
    findings = evaluate(w.facts(), DateRange(D(2024, 8, 31), D(2025, 8, 31)))
    assert [(r["subject_id"], r["governing_date"]) for r in rows_of(findings, LATE)] == [
        ("m", D(2025, 8, 30))
    ]


def test_task_rules_do_not_apply_to_a_review_period_ending_the_day_before_qd366() -> None:
    """A review period whose last day is 29/8/2025 precedes QĐ 366 (30/8/2025): no task finding."""
    w = _tasks(2025, [(1, True)])
    findings = evaluate(w.facts(), DateRange(D(2024, 8, 30), D(2025, 8, 30)))
    assert found(findings, LATE) == set()


def test_three_of_ten_tasks_exceeded_do_not_fire() -> None:
    """3 of 10 tasks exceeding requirements is the 30 % minimum (row 38: ≥ 30 %)."""
    findings = evaluate(_tasks(2025, [(0, i < 3) for i in range(10)]).facts(), 2025)
    assert found(findings, FEW) == set()


def test_two_of_ten_tasks_exceeded_fire() -> None:
    """2 of 10 tasks exceeding requirements is below 30 % (row 38)."""
    findings = evaluate(_tasks(2025, [(0, i < 2) for i in range(10)]).facts(), 2025)
    assert found(findings, FEW) == {("m", D(2025, 1, 1))}
