"""Deferral of consideration, and the limitation period: its length, clock, restarts and end point."""

from __future__ import annotations

import datetime as _dt

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiemtra import (
    Citation,
    DateRange,
    Duration,
    InvalidInput,
    InvalidPeriod,
    NotInForce,
    ParamVersion,
    Rulebook,
    Status,
)
from kiemtra._calendar import WorkCalendar
from kiemtra._sanctions._forms import SanctionSubject
from kiemtra._sanctions._limitation import (
    DeferralGround,
    EndPoint,
    LimitationState,
    PersonalSituation,
    Violation,
    deferral,
    limitation,
)
from kiemtra.rulebooks import vn
from kiemtra.rulebooks.vn._sanction_labels import sanction_templates
from kiemtra.rulebooks.vn._sanctions import DEFERRAL, LIMITATION, NoLimitationKind

D = pendulum.date
BOOK = vn.rulebook()
CAL = WorkCalendar()
TEMPLATES = BOOK.templates.merged(sanction_templates())
FULL = SanctionSubject.FULL_MEMBER
ORG = SanctionSubject.ORGANISATION


# -- deferral (row 18, g.2 row 18) --------------------------------------------------------------------------


def defer(
    situation: PersonalSituation, on: pendulum.Date
) -> tuple[bool, tuple[DeferralGround, ...]]:
    """Whether consideration waits on ``on``, and why."""
    found = deferral(DEFERRAL, BOOK, situation, on=on)
    return found.value.deferred, found.value.grounds


def test_a_child_of_eleven_months_defers_consideration() -> None:
    """Row 18: child < 12 months: born 10/3/2022, on 9/3/2023 consideration waits."""
    assert defer(PersonalSituation(children_born=[D(2022, 3, 10)]), D(2023, 3, 9)) == (
        True,
        (DeferralGround.NURSING_CHILD,),
    )


def test_a_child_of_twelve_months_no_longer_defers() -> None:
    """Row 18: on the first birthday (10/3/2023) the child is no longer under 12 months."""
    assert defer(PersonalSituation(children_born=[D(2022, 3, 10)]), D(2023, 3, 10)) == (False, ())


def test_deferral_says_when_consideration_may_resume() -> None:
    """Row 18: nursing a child born 10/3/2022: consideration may resume on 10/3/2023."""
    found = deferral(
        DEFERRAL, BOOK, PersonalSituation(children_born=[D(2022, 3, 10)]), on=D(2022, 12, 1)
    )
    assert found.value.until == D(2023, 3, 10)


def test_pregnancy_defers_consideration() -> None:
    """Row 18: a pregnant member is not yet considered."""
    assert defer(PersonalSituation(pregnancies=[DateRange(D(2023, 1, 1))]), D(2023, 5, 1)) == (
        True,
        (DeferralGround.PREGNANT,),
    )


def test_serious_illness_in_hospital_defers_consideration() -> None:
    """Row 18: seriously ill in hospital."""
    stay = DateRange(D(2023, 4, 1), D(2023, 6, 1))
    assert defer(PersonalSituation(hospital_stays=[stay]), D(2023, 5, 1)) == (
        True,
        (DeferralGround.SERIOUSLY_ILL_IN_HOSPITAL,),
    )


def test_after_hospital_consideration_resumes() -> None:
    """Row 18: once out of hospital nothing defers."""
    stay = DateRange(D(2023, 4, 1), D(2023, 6, 1))
    assert defer(PersonalSituation(hospital_stays=[stay]), D(2023, 6, 1)) == (False, ())


def test_an_open_ground_has_no_known_end() -> None:
    """A pregnancy with no end yet gives no resumption day."""
    found = deferral(
        DEFERRAL, BOOK, PersonalSituation(pregnancies=[DateRange(D(2023, 1, 1))]), on=D(2023, 5, 1)
    )
    assert found.value.until is None


def test_deferral_reads_the_child_age_of_qd296_after_may_2025() -> None:
    """g.2 row 18: QĐ 296 Art 8 k7 keeps 12 months (SECONDARY)."""
    found = deferral(DEFERRAL, BOOK, PersonalSituation(), on=D(2025, 8, 1))
    age = found.explanation.params[0]
    assert (age.value, age.status, str(age.citations[0])) == (
        Duration.months(12),
        Status.SECONDARY,
        "QĐ 296-QĐ/TW (30/5/2025) Art 8 k7",
    )


def test_deferral_before_qd22_is_not_encoded() -> None:
    """Row 18 cites QĐ 22 (28/7/2021) first: no deferral rule is encoded before."""
    with pytest.raises(NotInForce):
        deferral(DEFERRAL, BOOK, PersonalSituation(), on=D(2019, 5, 1))


# -- limitation: periods at their boundaries (rows 19–21, g.2 row 19) ---------------------------------------


def limit(
    subject: SanctionSubject,
    level: str,
    committed: pendulum.Date,
    *,
    inspect: pendulum.Date,
    concluded: pendulum.Date | None = None,
    ended: pendulum.Date | None = None,
    kinds: tuple[str, ...] = (),
    new: tuple[pendulum.Date, ...] = (),
    as_of: pendulum.Date | None = None,
) -> tuple[LimitationState, pendulum.Date | None]:
    """The state and the last day of the period."""
    found = limitation(
        LIMITATION,
        BOOK,
        CAL,
        Violation(subject, level, committed, ended, kinds),
        decided_to_inspect_on=inspect,
        concluded_on=concluded,
        new_violations=new,
        as_of=as_of,
    )
    return found.value.state, found.value.expires_on


IN, OUT = LimitationState.IN_TIME, LimitationState.EXPIRED

# (subject, level, violation, conclusion, expected state, expected last day). After 9/12/2021 the end point is
# the conclusion (row 21: HD 02-HD/TW 2021, HD 08-HD/TW 2025). Last days typed from the Civil Code rule:
# same day-number N years later, moved to the next working day if that is a day off.
BOUNDARIES = [
    # row 19: members, 5 years at reprimand level: 15/3/2018 -> Wed 15/3/2023
    (FULL, "reprimand", D(2018, 3, 15), D(2023, 3, 14), IN, D(2023, 3, 15)),
    (FULL, "reprimand", D(2018, 3, 15), D(2023, 3, 15), IN, D(2023, 3, 15)),
    (FULL, "reprimand", D(2018, 3, 15), D(2023, 3, 16), OUT, D(2023, 3, 15)),
    # row 19: members, 10 years at warning level: 15/3/2018 -> Wed 15/3/2028
    (FULL, "warning", D(2018, 3, 15), D(2028, 3, 14), IN, D(2028, 3, 15)),
    (FULL, "warning", D(2018, 3, 15), D(2028, 3, 16), OUT, D(2028, 3, 15)),
    # row 19: removal from post is at the warning level too
    (FULL, "removal_from_post", D(2018, 3, 15), D(2028, 3, 15), IN, D(2028, 3, 15)),
    (FULL, "removal_from_post", D(2018, 3, 15), D(2028, 3, 16), OUT, D(2028, 3, 15)),
    # row 20: organisations, 5 years at reprimand level: 15/3/2019 -> Fri 15/3/2024
    (ORG, "reprimand", D(2019, 3, 15), D(2024, 3, 14), IN, D(2024, 3, 15)),
    (ORG, "reprimand", D(2019, 3, 15), D(2024, 3, 16), OUT, D(2024, 3, 15)),
    # row 20: organisations, 10 years at warning level: 15/3/2019 -> Thu 15/3/2029
    (ORG, "warning", D(2019, 3, 15), D(2029, 3, 14), IN, D(2029, 3, 15)),
    (ORG, "warning", D(2019, 3, 15), D(2029, 3, 16), OUT, D(2029, 3, 15)),
]


@pytest.mark.parametrize(
    ("subject", "level", "committed", "concluded", "state", "last"),
    BOUNDARIES,
    ids=[f"{s.value}-{lv}-{c}" for s, lv, _, c, _, _ in BOUNDARIES],
)
def test_limitation_at_the_boundaries(
    subject: SanctionSubject,
    level: str,
    committed: pendulum.Date,
    concluded: pendulum.Date,
    state: LimitationState,
    last: pendulum.Date,
) -> None:
    """The day before and the last day are in time; the day after is out of time."""
    assert limit(subject, level, committed, inspect=D(2022, 12, 1), concluded=concluded) == (
        state,
        last,
    )


def test_on_29_february_the_period_ends_with_february() -> None:
    """Row 19: 5 years from 29/2/2016 end on 28/2/2021, a Sunday, so on Monday 1/3/2021."""
    assert limit(FULL, "reprimand", D(2016, 2, 29), inspect=D(2021, 3, 1)) == (IN, D(2021, 3, 1))


def test_the_day_after_the_29_february_period_is_out_of_time() -> None:
    """Row 19, 21: a decision to inspect on 2/3/2021 comes after the period's last day."""
    assert limit(FULL, "reprimand", D(2016, 2, 29), inspect=D(2021, 3, 2)) == (OUT, D(2021, 3, 1))


def test_a_violation_older_than_qd102_reads_the_value_in_force_at_the_end_point() -> None:
    """No text before QĐ 102 is encoded: the value on the end point is read, and the explanation says so."""
    found = limitation(
        LIMITATION,
        BOOK,
        CAL,
        Violation(FULL, "reprimand", D(2016, 2, 29)),
        decided_to_inspect_on=D(2021, 3, 1),
    )
    assert (found.explanation.inputs["value_read_on"], found.explanation.args["fallback"]) == (
        D(2021, 3, 1),
        True,
    )


# -- the end point by period (row 21) -----------------------------------------------------------------------


def test_before_december_2021_the_decision_to_inspect_stops_the_clock() -> None:
    """Row 21: HD 04-HD/UBKTTW (2018): up to the decision to inspect, so a late conclusion is in time."""
    found = limitation(
        LIMITATION,
        BOOK,
        CAL,
        Violation(FULL, "reprimand", D(2016, 2, 29)),
        decided_to_inspect_on=D(2021, 3, 1),
        concluded_on=D(2021, 6, 1),
    )
    assert (found.value.end_point, found.value.end_point_on, found.value.state) == (
        EndPoint.DECISION_TO_INSPECT,
        D(2021, 3, 1),
        IN,
    )


def test_after_december_2021_the_conclusion_stops_the_clock() -> None:
    """Row 21: HD 02-HD/TW (9/12/2021): up to the conclusion, so inspecting in time is not enough."""
    found = limitation(
        LIMITATION,
        BOOK,
        CAL,
        Violation(FULL, "reprimand", D(2018, 3, 15)),
        decided_to_inspect_on=D(2023, 3, 1),
        concluded_on=D(2023, 3, 16),
    )
    assert (found.value.end_point, found.value.state) == (EndPoint.CONCLUSION, OUT)


def test_the_end_point_of_qd296_is_the_conclusion_of_hd08() -> None:
    """Row 21: HD 08-HD/TW (2025) I.7 keeps the conclusion (CONFIRMED)."""
    found = limitation(
        LIMITATION,
        BOOK,
        CAL,
        Violation(FULL, "reprimand", D(2021, 3, 15)),
        decided_to_inspect_on=D(2025, 8, 1),
        concluded_on=D(2025, 9, 1),
    )
    ends = found.explanation.params[0]
    assert (ends.value, str(ends.citations[0])) == ("conclusion", "HD 08-HD/TW (10/6/2025) I.7")


def test_without_a_conclusion_the_period_is_running() -> None:
    """Row 21: before the conclusion and before the last day, the period runs."""
    assert limit(
        FULL, "reprimand", D(2018, 3, 15), inspect=D(2023, 1, 5), as_of=D(2023, 3, 15)
    ) == (
        LimitationState.RUNNING,
        D(2023, 3, 15),
    )


def test_without_a_conclusion_the_period_expires_after_its_last_day() -> None:
    """Row 21: past the last day with no conclusion, the violation is out of time."""
    assert limit(
        FULL, "reprimand", D(2018, 3, 15), inspect=D(2023, 1, 5), as_of=D(2023, 3, 16)
    ) == (
        OUT,
        D(2023, 3, 15),
    )


# -- the clock (row 21) -------------------------------------------------------------------------------------


def test_a_continuing_violation_counts_from_its_end() -> None:
    """Row 21: from 1/6/2018 to 15/3/2019: 5 years from 15/3/2019 end on Fri 15/3/2024."""
    assert limit(
        FULL,
        "reprimand",
        D(2018, 6, 1),
        ended=D(2019, 3, 15),
        inspect=D(2024, 1, 2),
        concluded=D(2024, 3, 15),
    ) == (IN, D(2024, 3, 15))


def test_a_new_violation_restarts_the_clock() -> None:
    """Row 21 (QĐ 102 Art 3 b): a new violation on 10/10/2022 restarts: 5 years end Mon 11/10/2027."""
    assert limit(
        FULL,
        "reprimand",
        D(2018, 3, 15),
        inspect=D(2023, 1, 5),
        concluded=D(2023, 3, 16),
        new=(D(2022, 10, 10),),
    ) == (IN, D(2027, 10, 11))


def test_a_new_violation_after_the_period_restarts_nothing() -> None:
    """Row 21: a violation on 20/3/2023 comes after the old period ended on 15/3/2023."""
    assert limit(
        FULL,
        "reprimand",
        D(2018, 3, 15),
        inspect=D(2023, 1, 5),
        concluded=D(2023, 3, 21),
        new=(D(2023, 3, 20),),
    ) == (OUT, D(2023, 3, 15))


def test_the_violation_date_governs_the_period() -> None:
    """Design: the violation date governs the limitation period."""
    found = limitation(
        LIMITATION,
        BOOK,
        CAL,
        Violation(FULL, "warning", D(2018, 3, 15)),
        decided_to_inspect_on=D(2023, 1, 5),
        concluded_on=D(2023, 3, 1),
    )
    period = next(p for p in found.explanation.params if p.key.endswith("warning_or_removal"))
    assert (found.explanation.governing_date, period.valid.start) == (
        D(2018, 3, 15),
        D(2017, 11, 15),
    )


# -- no limitation (row 19, 20) -----------------------------------------------------------------------------


def test_expulsion_level_has_no_limitation() -> None:
    """Row 19 (QĐ 69 Art 4 k2 b): no limitation at khai trừ level."""
    assert limit(FULL, "expulsion", D(2000, 1, 10), inspect=D(2024, 1, 2)) == (
        LimitationState.UNLIMITED,
        None,
    )


def test_dissolution_level_has_no_limitation_for_organisations() -> None:
    """Row 20: none at giải tán level."""
    assert limit(ORG, "dissolution", D(2019, 1, 10), inspect=D(2040, 1, 2)) == (
        LimitationState.UNLIMITED,
        None,
    )


@pytest.mark.parametrize("kind", list(NoLimitationKind))
def test_a_listed_kind_lifts_the_period_for_members(kind: NoLimitationKind) -> None:
    """Row 19: internal politics, security/defence/foreign affairs, illegal diplomas: no limitation."""
    assert limit(FULL, "reprimand", D(2018, 3, 15), inspect=D(2030, 1, 2), kinds=(kind,)) == (
        LimitationState.UNLIMITED,
        None,
    )


def test_illegal_diplomas_are_not_a_kind_for_organisations() -> None:
    """Row 20 lists internal politics and security/defence/foreign affairs for organisations only."""
    with pytest.raises(InvalidInput, match="illegal_diploma"):
        limit(
            ORG,
            "reprimand",
            D(2019, 3, 15),
            inspect=D(2020, 1, 2),
            kinds=(NoLimitationKind.ILLEGAL_DIPLOMA,),
        )


def test_the_kind_that_lifts_the_period_is_cited() -> None:
    """Row 19: the kind's basis under QĐ 102 is Art 3."""
    found = limitation(
        LIMITATION,
        BOOK,
        CAL,
        Violation(FULL, "reprimand", D(2019, 3, 15), kinds=("internal_politics",)),
        decided_to_inspect_on=D(2030, 1, 2),
    )
    assert (found.value.unlimited_by, [str(c) for c in found.explanation.citations]) == (
        "internal_politics",
        ["QĐ 102-QĐ/TW (15/11/2017) Art 3"],
    )


def test_a_decision_to_inspect_before_the_violation_is_refused() -> None:
    """The clock cannot stop before it starts."""
    with pytest.raises(InvalidPeriod):
        limit(FULL, "reprimand", D(2019, 3, 15), inspect=D(2019, 3, 1))


def test_every_limitation_message_renders_in_both_languages() -> None:
    """Unlimited, running, in-time and expired results describe in vi and en."""
    # (level, decision to inspect, conclusion, as of)
    cases: list[tuple[str, pendulum.Date, pendulum.Date | None, pendulum.Date | None]] = [
        ("expulsion", D(2024, 1, 2), None, None),
        ("reprimand", D(2023, 1, 5), None, D(2023, 2, 1)),
        ("reprimand", D(2023, 1, 5), D(2023, 2, 1), None),
        ("reprimand", D(2023, 1, 5), D(2023, 4, 1), None),
    ]
    for level, inspect, concluded, as_of in cases:
        found = limitation(
            LIMITATION,
            BOOK,
            CAL,
            Violation(FULL, level, D(2018, 3, 15)),
            decided_to_inspect_on=inspect,
            concluded_on=concluded,
            as_of=as_of,
        )
        for lang in ("vi", "en"):
            assert found.explanation.describe(TEMPLATES, lang)


def test_the_in_time_message_reads_in_vietnamese() -> None:
    """The 29 February case reads with its end point and last day."""
    found = limitation(
        LIMITATION,
        BOOK,
        CAL,
        Violation(FULL, "reprimand", D(2016, 2, 29)),
        decided_to_inspect_on=D(2021, 3, 1),
    )
    assert found.explanation.render(TEMPLATES, "vi") == (
        "Còn thời hiệu: quyết định kiểm tra ngày 01/03/2021, trong thời hiệu 5 năm tính từ 29/02/2016 "
        "(hết ngày 01/03/2021)."
    )


# -- property: no period expires before its term ------------------------------------------------------------

PERIOD_YEARS = {"reprimand": 5, "warning": 10, "removal_from_post": 10}  # row 19
FIRST_END_POINT = D(2017, 11, 15)  # row 21: HD 04-HD/UBKTTW, applied from QĐ 102


@given(
    committed=st.dates(min_value=_dt.date(2012, 1, 1), max_value=_dt.date(2035, 12, 31)),
    level=st.sampled_from(sorted(PERIOD_YEARS)),
    lag=st.integers(min_value=0, max_value=6000),
    restarts=st.lists(st.integers(min_value=1, max_value=4000), max_size=3),
)
def test_no_limitation_period_expires_before_its_term(
    committed: _dt.date, level: str, lag: int, restarts: list[int]
) -> None:
    """The last day is never earlier than the clock's start plus the period, and never before the violation's."""
    start = D(committed.year, committed.month, committed.day)
    inspect = max(start, FIRST_END_POINT).add(days=lag)  # no end point is encoded before QĐ 102
    found = limitation(
        LIMITATION,
        BOOK,
        CAL,
        Violation(FULL, level, start),
        decided_to_inspect_on=inspect,
        new_violations=[start.add(days=d) for d in restarts],
    ).value
    assert found.expires_on is not None
    years = PERIOD_YEARS[level]
    assert found.expires_on >= found.clock_start.add(years=years) >= start.add(years=years)


def test_a_newer_period_declared_favourable_reaches_back() -> None:
    """With a hypothetical 4-year period from 2024 declared favourable ('lower'), a 2018 violation gets it."""
    key = "discipline.limitation.member.reprimand"
    old = BOOK.param(key)
    first = old.versions[0]
    favourable = attrs.evolve(
        old,
        versions=(
            attrs.evolve(first, valid=DateRange(first.valid.start, D(2024, 1, 1))),
            ParamVersion(
                Duration.years(4),
                DateRange(D(2024, 1, 1)),
                [Citation("a hypothetical text")],
                Status.UNCONFIRMED,
            ),
        ),
        favourable="lower",
    )
    book = Rulebook("test", {**BOOK.params, key: favourable}, BOOK.templates)
    found = limitation(
        LIMITATION,
        book,
        CAL,
        Violation(FULL, "reprimand", D(2018, 3, 15)),
        decided_to_inspect_on=D(2024, 1, 5),
        concluded_on=D(2024, 2, 1),
    )
    # 4 years from Thu 15/3/2018 end on Tue 15/3/2022: the conclusion of 1/2/2024 is out of time.
    assert (found.value.period, found.value.expires_on, found.value.state) == (
        Duration.years(4),
        D(2022, 3, 15),
        OUT,
    )
