"""The Vietnamese rulebook's parameters: values, statuses and periods as regulations.md gives them.

Every expected value, date and status below is typed from ``shared/domain/regulations.md`` (the row or
section is named beside it; its addendum (g) overrides (c) and (e)), never read from the code under test.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import TypeAlias

import pendulum
import pytest

from kiemtra import Duration, Money, NotInForce, Param, Range, Status, Unit
from kiemtra._rules._param import ParamValue
from kiemtra.rulebooks import vn

D = pendulum.date
C, S, U = Status.CONFIRMED, Status.SECONDARY, Status.UNCONFIRMED
F = Fraction
YEARS, MONTHS, DAYS, WDAYS = Duration.years, Duration.months, Duration.days, Duration.working_days

Expected: TypeAlias = "tuple[ParamValue, Status] | None"  # None: no value in force
Row: TypeAlias = "tuple[str, pendulum.Date, Expected]"

# Dates as regulations.md gives them (section 0 unless named).
CHARTER = D(2011, 1, 19)  # Charter 2011, adopted at the XIth Congress
QD342 = D(2011, 4, 1)  # QĐ 342 (28/12/2010), effective 1/4/2011 (row 45)
QD46 = D(2011, 11, 1)  # guidance with QĐ 46 ((e)2)
HD03 = D(2016, 7, 6)  # HD 03-HD/VPTW (row 45)
QD29 = D(2016, 7, 25)
QD30 = D(2016, 7, 26)
QD102 = D(2017, 11, 15)
HD12 = D(2018, 1, 1)  # HD 12-HD/BTCTW "(2018)" (row 10): 1/1 stands in for its date
QD132 = D(2018, 3, 8)
QD07 = D(2018, 8, 28)
HD16 = D(2018, 9, 24)
HD21 = D(2019, 10, 18)
HD07U = D(2019, 12, 12)  # HD 07-HD/UBKTTW (row 32)
HD02B = D(2021, 4, 12)  # HD 02-HD/BTCTW ((e)9, g.3 row 56)
QD22 = D(2021, 7, 28)
QD24 = D(2021, 7, 30)
HD02 = D(2021, 12, 9)  # HD 02-HD/TW (row 21)
QD69 = D(2022, 7, 6)
QD80 = D(2022, 8, 18)
LUAT10 = D(2023, 7, 1)  # Luật 10/2022 effective 1/7/2023
ND61 = D(2023, 8, 16)  # NĐ 61/2023 (date of the decree; regulations.md gives none)
QD124 = D(2023, 10, 4)
QD164 = D(2024, 6, 6)  # (e)3
HD08U = D(2024, 11, 18)  # HD 08-HD/UBKTTW (row 32)
QD294 = D(2025, 5, 26)
QD296 = D(2025, 5, 30)
HD08 = D(2025, 6, 10)  # HD 08-HD/TW (row 21)
QD298 = D(2025, 7, 1)  # g.0: effective 1/7/2025
QD366 = D(2025, 8, 30)
HD42 = D(2025, 10, 28)  # row 8
QD01 = D(2026, 2, 1)  # g.2 row 47: effective 1/2/2026 (SECONDARY)
Y2028 = D(2028, 1, 1)  # g.2 row 48: 0.3 % → 0.5 % from 1/1/2028
PL34 = D(2007, 7, 1)  # Pháp lệnh 34/2007, effective 1/7/2007


def history(
    key: str, *versions: tuple[pendulum.Date, ParamValue, Status], end: pendulum.Date | None = None
) -> Iterator[Row]:
    """The day before, on and after each change of ``key``: nothing before the first, nothing from ``end``."""
    previous: Expected = None
    for start, value, status in versions:
        current: Expected = (value, status)
        yield key, start.subtract(days=1), previous
        yield key, start, current
        yield key, start.add(days=1), current
        previous = current
    if end is not None:
        yield key, end.subtract(days=1), previous
        yield key, end, None
        yield key, end.add(days=1), None


ROWS: list[Row] = [
    # -- membership ------------------------------------------------------------------------------------------
    *history("membership.probation", (CHARTER, MONTHS(12), C)),  # row 4
    *history("membership.full_membership.consider_within", (QD294, WDAYS(30), S)),  # row 5
    *history(
        "membership.removal.missed_months", (CHARTER, 3, C), (QD01, 3, C)
    ),  # row 1; g.2 row 47
    *history(
        "membership.removal.count_period", (CHARTER, "calendar_year", U)
    ),  # row 1, interpretation
    *history("membership.removal.counting", (CHARTER, "separately", U)),  # row 1, interpretation
    *history("membership.removal.months_consecutive", (CHARTER, False, U)),  # row 1, interpretation
    *history(  # row 2 (QĐ 24 8.1); QĐ 29 / QĐ 294 not read
        "membership.removal.no_progress",
        (QD29, MONTHS(12), U),
        (QD24, MONTHS(12), C),
        (QD294, MONTHS(12), U),
    ),
    *history(  # row 3; (e)9 meaning unconfirmed
        "membership.removal.standing_violation",
        (QD29, YEARS(2), U),
        (QD24, YEARS(2), C),
        (QD294, YEARS(2), U),
    ),
    *history("membership.screening.share", (HD02B, F(2, 3), S)),  # g.3 row 56
    *history("membership.screening.strict", (HD02B, False, S)),  # g.3 row 56: "≥ 2/3"
    *history("membership.cell.min_full_members", (CHARTER, 3, S)),  # row 7
    *history("membership.meeting.regular_interval", (CHARTER, MONTHS(1), S)),  # row 6
    *history("membership.meeting.min_minutes", (HD42, 90, C)),  # row 8
    *history("membership.meeting.min_minutes_combined", (HD42, 120, C)),  # row 8
    *history("membership.meeting.documents_posted_before", (HD42, DAYS(1), C)),  # row 9
    *history("membership.meeting.thematic_interval", (HD12, MONTHS(3), U)),  # row 10
    *history(  # row 11 (QĐ 294 9.3.2)
        "membership.vote.denominator",
        (QD29, "all_full_members", U),
        (QD294, "all_full_members", S),
    ),
    # -- dues ------------------------------------------------------------------------------------------------
    *history("dues.rate.salary", (QD342, F(1, 100), C), (QD01, F(1, 100), C)),  # rows 45, 47
    *history("dues.salary_base_month", (QD342, "current", U), (QD01, "previous", C)),  # row 47
    *history("dues.rate.pension", (QD342, F(1, 200), C), (QD01, F(1, 200), C)),  # rows 45, 47
    *history("dues.rate.sickness_maternity_allowance", (QD01, F(1, 100), C)),  # row 47
    *history("dues.rate.student", (QD01, Money(5_000), C)),  # row 47
    *history("dues.flat.central_city_core", (HD03, Money(10_000), C), end=QD01),  # row 45
    *history("dues.flat.urban", (HD03, Money(8_000), C), end=QD01),  # row 45
    *history("dues.flat.other", (HD03, Money(6_000), C), end=QD01),  # row 45
    *history("dues.flat.mountain_remote", (HD03, Money(4_000), C), end=QD01),  # row 45
    *history(
        "dues.flat.range", (QD342, Range(Money(2_000), Money(30_000)), S), end=QD01
    ),  # g.2 row 45
    *history("dues.flat.beyond_working_age_share", (QD342, F(1, 2), S), end=QD01),  # g.2 row 45
    *history(  # g.2 row 48, g.3 row 59
        "dues.rate.uninsured.below_retirement_age", (QD01, F(3, 1000), C), (Y2028, F(5, 1000), C)
    ),
    *history(  # g.2 row 48, g.3 row 59
        "dues.rate.uninsured.retirement_age", (QD01, F(2, 1000), C), (Y2028, F(3, 1000), C)
    ),
    *history("dues.exemption.party_age", (QD01, YEARS(50), C)),  # g.2 row 48
    *history("dues.reduction.low", (QD01, F(3, 10), C)),  # g.2 row 48
    *history("dues.reduction.middle", (QD01, F(1, 2), C)),  # g.2 row 48
    *history("dues.reduction.high", (QD01, F(7, 10), C)),  # g.2 row 48
    *history("dues.reduction.max_period", (QD01, MONTHS(12), C)),  # g.2 row 48
    *history(  # row 46, g.2 row 49: ends with QĐ 342
        "dues.share.cell_in_grassroots.retained", (QD342, Range(F(3, 10), F(1, 2)), C), end=QD01
    ),
    *history(
        "dues.share.cell_in_grassroots.remitted", (QD342, Range(F(1, 2), F(7, 10)), C), end=QD01
    ),
    *history("dues.share.ward_grassroots.retained", (QD342, F(9, 10), C), end=QD01),
    *history("dues.share.ward_grassroots.remitted", (QD342, F(1, 10), C), end=QD01),
    *history("dues.share.other_grassroots.retained", (QD342, F(7, 10), C), end=QD01),
    *history("dues.share.other_grassroots.remitted", (QD342, F(3, 10), C), end=QD01),
    *history("dues.share.above_grassroots.retained", (QD342, F(1, 2), C), end=QD01),
    *history("dues.rounding", (QD342, "half_up", U), (QD01, "half_up", U)),  # no source
    *history(
        "dues.payment_interval", (QD342, MONTHS(1), U), (QD01, MONTHS(1), C)
    ),  # row 49; g.2 49
    # row 49, g.2 row 49: no source for the remittance schedule; a flagged placeholder
    *history("dues.remittance.due_within", (QD342, Duration.days(10), U), end=QD01),
    # -- discipline ------------------------------------------------------------------------------------------
    *history(  # row 19, g.2 row 19
        "discipline.limitation.member.reprimand", (QD102, YEARS(5), C), (QD69, YEARS(5), C)
    ),
    *history(
        "discipline.limitation.member.warning_or_removal",
        (QD102, YEARS(10), C),
        (QD69, YEARS(10), C),
    ),
    *history("discipline.limitation.member.expulsion_unlimited", (QD102, True, C), (QD69, True, C)),
    *history(  # row 20: confirmed for QĐ 07 only (g.2 row 20 not re-checked)
        "discipline.limitation.org.reprimand", (QD07, YEARS(5), C), (QD69, YEARS(5), U)
    ),
    *history("discipline.limitation.org.warning", (QD07, YEARS(10), C), (QD69, YEARS(10), U)),
    *history("discipline.limitation.org.dissolution_unlimited", (QD07, True, C), (QD69, True, U)),
    *history(  # row 21
        "discipline.limitation.ends_at",
        (QD102, "decision_to_inspect", C),
        (HD02, "conclusion", C),
        (HD08, "conclusion", C),
    ),
    *history(  # rows 15–17; g.2 row 15
        "discipline.vote.sanction.share",
        (QD30, F(1, 2), U),
        (QD22, F(1, 2), C),
        (QD296, F(1, 2), U),
    ),
    *history("discipline.vote.sanction.strict", (QD30, True, U), (QD22, True, C), (QD296, True, U)),
    *history(  # row 16: ≥ 2/3 propose
        "discipline.vote.expulsion_proposal.share",
        (QD30, F(2, 3), U),
        (QD22, F(2, 3), C),
        (QD296, F(2, 3), U),
    ),
    *history(
        "discipline.vote.expulsion_proposal.strict",
        (QD30, False, U),
        (QD22, False, C),
        (QD296, False, U),
    ),
    *history(  # row 16: > 1/2 of the deciding body
        "discipline.vote.expulsion_decision.share",
        (QD30, F(1, 2), U),
        (QD22, F(1, 2), C),
        (QD296, F(1, 2), U),
    ),
    *history(
        "discipline.vote.expulsion_decision.strict",
        (QD30, True, U),
        (QD22, True, C),
        (QD296, True, U),
    ),
    *history(
        "discipline.deferral.child_age", (QD22, MONTHS(12), C), (QD296, MONTHS(12), S)
    ),  # row 18
    *history(  # row 22: QĐ 30 "sau một năm", QĐ 69 Art 2 k5 12 months
        "discipline.effect_lapse", (QD30, YEARS(1), C), (QD22, YEARS(1), U), (QD69, MONTHS(12), C)
    ),
    *history("discipline.appointment_bar.reprimand", (QD80, MONTHS(12), S)),  # row 24
    *history("discipline.appointment_bar.warning", (QD80, MONTHS(30), S)),  # row 24
    *history("discipline.appointment_bar.removal", (QD80, MONTHS(60), S)),  # row 24
    *history("discipline.removal_from_post.bar", (CHARTER, YEARS(1), C)),  # row 23
    *history("discipline.state_followup", (QD22, WDAYS(30), U)),  # row 26
    *history("discipline.notify.state_to_party", (QD296, DAYS(5), C)),  # row 27
    *history("discipline.notify.prosecution", (QD22, DAYS(3), C), (QD296, DAYS(3), U)),  # row 35
    # -- complaints ((e)2, (e)3, g.2 row 28) -----------------------------------------------------------------
    *history(
        "complaint.window",
        (CHARTER, MONTHS(1), C),
        (QD46, WDAYS(30), C),
        (QD30, WDAYS(30), S),
        (QD22, WDAYS(30), U),
        (QD296, DAYS(30), S),
    ),
    *history(
        "complaint.window_start",
        (CHARTER, "received", C),
        (QD46, "announced", C),
        (QD30, "received", S),
        (QD22, "received", U),
        (QD296, "received", S),
    ),
    *history(
        "complaint.resolution.provincial_and_below",
        (QD30, WDAYS(90), C),
        (QD22, WDAYS(90), U),
        (QD296, WDAYS(90), U),
    ),
    *history(
        "complaint.resolution.central",
        (QD30, WDAYS(180), C),
        (QD22, WDAYS(180), U),
        (QD296, WDAYS(180), U),
    ),
    # -- denunciations (rows 31–33, (e)3) ---------------------------------------------------------------------
    *history("denunciation.resolution.grassroots", (QD22, WDAYS(90), S), (QD296, WDAYS(90), U)),
    *history("denunciation.extension.grassroots", (QD22, WDAYS(30), S), (QD296, WDAYS(30), U)),
    *history("denunciation.pre_congress.grassroots", (HD07U, WDAYS(25), C), (HD08U, WDAYS(25), U)),
    *history(
        "denunciation.pre_congress.above_grassroots", (HD07U, WDAYS(30), C), (HD08U, WDAYS(30), U)
    ),
    *history("denunciation.resolution.central", (QD164, DAYS(180), C)),
    *history("denunciation.extension.central", (QD164, DAYS(60), C)),  # g.2 row 33
    # -- suspension (row 34, (e)4) ----------------------------------------------------------------------------
    *history(
        "suspension.member.initial", (QD30, WDAYS(90), C), (QD22, DAYS(90), C), (QD296, DAYS(90), U)
    ),
    *history(
        "suspension.member.max_total",
        (QD30, WDAYS(180), C),
        (QD22, DAYS(180), C),
        (QD296, DAYS(120), U),
    ),
    *history(  # (e)4: one extension, the maximum less the initial period
        "suspension.member.extension",
        (QD30, WDAYS(90), C),
        (QD22, DAYS(90), C),
        (QD296, DAYS(30), U),
    ),
    *history("suspension.org.max", (QD30, WDAYS(90), C), (QD22, DAYS(90), C), (QD296, DAYS(90), U)),
    # -- ratings ---------------------------------------------------------------------------------------------
    *history("rating.levels", (QD132, 4, U), (QD124, 4, C), (QD366, 4, C)),  # row 36
    *history("rating.score.excellent_min", (QD366, 90, C)),  # row 37
    *history("rating.score.good_min", (QD366, 70, C)),  # row 37
    *history("rating.score.completed_min", (QD366, 50, C)),  # row 37
    *history("rating.score.not_completed_below", (QD366, 50, S)),  # g.2 row 37
    *history("rating.score.general_points", (QD366, 30, S)),  # g.3 row 58
    *history("rating.score.task_points", (QD366, 70, S)),  # g.3 row 58
    *history("rating.excellent.on_time_share_min", (QD366, F(1), C)),  # row 38
    *history("rating.excellent.exceeding_share_min", (QD366, F(3, 10), C)),  # row 38
    *history("rating.excellent.shortcomings_fixed_share_min", (QD366, F(1), C)),  # g.2 row 38
    *history("rating.collective.completed.done_share_min", (QD366, F(1), S)),  # row 39
    *history("rating.collective.completed.late_share_max", (QD366, F(1, 5), S)),  # row 39
    *history(
        "rating.collective.disciplined_units_above", (QD124, F(1, 5), C), (QD366, F(1, 5), U)
    ),  # 42
    *history(  # row 41, g.2 row 41
        "rating.targets.completion_below",
        (HD16, F(1, 2), C),
        (QD124, F(1, 2), C),
        (QD366, F(1, 2), U),
    ),
    *history("rating.targets.conjunctive", (HD16, True, U), (QD124, True, C), (QD366, True, U)),
    *history(
        "rating.targets.scope",
        (HD16, "collectives_and_leaders", U),
        (QD124, "collectives_and_leaders", C),
        (QD366, "collectives_and_leaders", U),
    ),
    *history(  # row 40, g.2 row 40, (e)8
        "rating.disciplined.not_completed",
        (QD132, True, U),
        (HD21, True, C),
        (QD124, True, C),
        (QD366, True, U),
    ),
    *history(  # row 40 (QĐ 124 exception), (e)8
        "rating.disciplined.self_remedied_exempt",
        (QD132, True, U),
        (QD124, True, C),
        (QD366, True, U),
    ),
    *history(  # row 43, (e)7, g.2 row 43
        "rating.quota.excellent_max_share",
        (QD132, F(1, 5), S),
        (HD21, F(1, 5), C),
        (QD124, F(1, 5), U),
        (QD366, F(1, 5), U),
    ),
    *history(
        "rating.quota.denominator",
        (QD132, "good_only", S),
        (HD21, "good_only", C),
        (QD124, "good_only", U),
        (QD366, "good_only", U),
    ),
    *history(
        "rating.quota.scope",
        (QD132, "grassroots_organisation", S),
        (HD21, "grassroots_organisation", C),
        (QD124, "grassroots_organisation", U),
        (QD366, "grassroots_organisation", U),
    ),
    # -- residents' funds ------------------------------------------------------------------------------------
    *history(
        "funds.direct_decision.share", (PL34, F(1, 2), C), (LUAT10, F(1, 2), U)
    ),  # row 50, (e)11
    *history("funds.direct_decision.strict", (PL34, True, C), (LUAT10, True, U)),
    *history("funds.community_meeting.quorum.share", (ND61, F(1, 2), C)),  # g.3 row 57
    *history("funds.community_meeting.quorum.strict", (ND61, True, C)),
    *history("funds.community_rule.adoption.share", (ND61, F(1, 2), C)),  # g.3 row 57
    *history("funds.community_rule.adoption.strict", (ND61, True, C)),
    *history("funds.community_draft.posting_min", (ND61, DAYS(30), U)),  # row 53
    *history(
        "funds.disclosure.budget_interval", (PL34, MONTHS(3), U), (LUAT10, MONTHS(3), C)
    ),  # row 52
    *history(  # (e)5: provisional mapping, for legal review
        "funds.offence.wrongful_collection", (QD102, "unmapped", U), (QD69, "QĐ69.Art26.k1", U)
    ),
    # -- organisation (g.0, (e)14) ---------------------------------------------------------------------------
    *history(
        "org.ward_committee.level", (CHARTER, "grassroots", C), (QD298, "upper_grassroots", C)
    ),
    *history(
        "org.neighbourhood_cell.kind",
        (CHARTER, "cell_in_grassroots", C),
        (QD298, "grassroots_cell", S),
    ),
    *history(
        "org.neighbourhood_cell.upper_grassroots_committee",
        (CHARTER, "district", C),
        (QD298, "ward", C),
    ),
    *history("org.district_level.exists", (CHARTER, True, C), (QD298, False, C)),
]

BOOK = vn.rulebook()


@pytest.mark.parametrize(("key", "day", "expected"), ROWS, ids=[f"{k}@{d}" for k, d, _ in ROWS])
def test_value_and_status_on_the_day(key: str, day: pendulum.Date, expected: Expected) -> None:
    """The value and status in force on each side of every change are those regulations.md gives."""
    if expected is None:
        with pytest.raises(NotInForce):
            BOOK.use(key, day)
        return
    use = BOOK.use(key, day)
    value, status = expected
    assert (use.value, type(use.value), use.status) == (value, type(value), status)


def _boundaries(param: Param) -> set[pendulum.Date]:
    days = {v.valid.start for v in param.versions}
    days |= {v.valid.end for v in param.versions if v.valid.end is not None}
    return days


def test_the_table_covers_every_parameter() -> None:
    """Every parameter of the rulebook appears in the table, and the table names no other."""
    assert {k for k, _, _ in ROWS} == set(BOOK.params)


def test_the_table_covers_every_change() -> None:
    """The table checks the day before, on and after every start and end of every version."""
    checked = {(k, d) for k, d, _ in ROWS}
    missing = [
        f"{p.key}@{b}"
        for p in BOOK.params.values()
        for b in _boundaries(p)
        for d in (b.subtract(days=1), b, b.add(days=1))
        if (p.key, d) not in checked
    ]
    assert missing == []


def test_every_version_cites_a_document_and_where_it_was_seen() -> None:
    """Every version has at least one citation naming its document and the page it was seen on."""
    weak = [
        f"{p.key}@{v.valid}"
        for p in BOOK.params.values()
        for v in p.versions
        if not v.citations or any(not c.document or not c.source for c in v.citations)
    ]
    assert weak == []


def test_every_unconfirmed_version_says_why() -> None:
    """An UNCONFIRMED value always carries a note with the open question."""
    silent = [
        f"{p.key}@{v.valid}"
        for p in BOOK.params.values()
        for v in p.versions
        if v.status is Status.UNCONFIRMED and not v.note
    ]
    assert silent == []


@pytest.mark.parametrize(
    ("key", "day", "status"),
    [
        ("suspension.member.max_total", D(2025, 6, 2), U),  # (e)4: QĐ 296 90 + 30 is a quiz answer
        ("complaint.window", D(2025, 6, 2), S),  # (e)2: QĐ 296 Art 25 k1 via quiz Q31
        ("complaint.window", D(2019, 6, 3), S),  # (e)2: QĐ 30 gloss
        ("complaint.resolution.provincial_and_below", D(2019, 6, 3), C),  # (e)3: QĐ 30 re-checked
        ("complaint.resolution.provincial_and_below", D(2023, 6, 1), U),  # (e)3: QĐ 22 not found
        ("discipline.limitation.member.reprimand", D(2023, 1, 2), C),  # g.2 row 19 upgrade
        ("discipline.appointment_bar.warning", D(2023, 1, 2), S),  # row 24: news
        ("rating.quota.excellent_max_share", D(2019, 12, 31), C),  # g.2 row 43: HD 21
        (
            "rating.quota.excellent_max_share",
            D(2024, 12, 31),
            U,
        ),  # (e)7: QĐ 124 article not located
        ("rating.score.not_completed_below", D(2025, 12, 31), S),  # g.2 row 37
        ("dues.rate.uninsured.below_retirement_age", D(2026, 3, 1), C),  # g.2 row 48 upgrade
        ("funds.direct_decision.share", D(2024, 1, 2), U),  # (e)11
        ("membership.full_membership.consider_within", D(2025, 9, 1), S),  # row 5
        ("membership.meeting.thematic_interval", D(2019, 4, 1), U),  # row 10
        ("funds.offence.wrongful_collection", D(2023, 1, 2), U),  # (e)5
    ],
)
def test_status_matches_regulations_for_a_sample(
    key: str, day: pendulum.Date, status: Status
) -> None:
    """A sample of SECONDARY and UNCONFIRMED statuses, each checked against its row."""
    assert BOOK.use(key, day).status is status


def test_qd342_shares_are_not_in_force_under_qd01() -> None:
    """After 1/2/2026 the unknown QĐ 01 shares are not invented: the lookup raises (g.2 row 49)."""
    with pytest.raises(NotInForce):
        BOOK.value("dues.share.ward_grassroots.retained", D(2026, 3, 1))


def test_ratios_are_exact_fractions() -> None:
    """Every ratio and every range of ratios is made of Fractions, never floats."""
    floats = [
        p.key
        for p in BOOK.params.values()
        if p.unit in (Unit.RATIO, Unit.RANGE)
        for v in p.versions
        if isinstance(v.value, float)
        or (isinstance(v.value, Range) and isinstance(v.value.low, float | int))
    ]
    assert floats == []


def test_every_title_key_is_param_dot_key() -> None:
    """Every parameter's title key is ``param.<key>``."""
    assert [p.key for p in BOOK.params.values() if p.title_key != f"param.{p.key}"] == []


def test_rulebook_is_vn_with_the_parameters_and_templates() -> None:
    """``rulebook()`` is called "vn" and holds exactly ``params()`` and ``templates()``."""
    assert (BOOK.name, set(BOOK.params), BOOK.templates) == (
        "vn",
        {p.key for p in vn.params()},
        vn.templates(),
    )


def test_a_host_override_of_an_interpretation_is_flagged() -> None:
    """A host may count absence and non-payment months together; the use says it was overridden."""
    book = BOOK.with_overrides({"membership.removal.counting": "combined"}, "ward practice")
    use = book.use("membership.removal.counting", D(2019, 6, 3))
    assert (use.value, use.overridden, use.needs_review) == ("combined", True, True)


def test_an_override_outside_the_choices_is_refused() -> None:
    """A rounding rule that is not down, up or half_up is refused."""
    from kiemtra import InvalidInput

    with pytest.raises(InvalidInput):
        BOOK.with_overrides({"dues.rounding": "bankers"}, "try")
