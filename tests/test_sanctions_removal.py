"""Removal from the roll: its grounds, and no striking off instead of expelling."""

from __future__ import annotations

import pendulum
import pytest

from kiemtra import Duration, Explanation, GoverningDate, InvalidInput, InvalidPeriod, Status
from kiemtra._calendar import WorkCalendar
from kiemtra._errors import ExpulsionRequired
from kiemtra._model._member import DuesCategory, Member
from kiemtra._sanctions._removal import (
    Education,
    RemovalGround,
    assess_removal,
    no_progress_ground,
    screening_vote,
    standing_violation_ground,
    three_month_ground,
)
from kiemtra.rulebooks import vn
from kiemtra.rulebooks.vn._sanction_labels import sanction_templates
from kiemtra.rulebooks.vn._sanctions import REMOVAL

D = pendulum.date
BOOK = vn.rulebook()
CAL = WorkCalendar()
TEMPLATES = BOOK.templates.merged(sanction_templates())


def full_member() -> Member:
    """A full member since 1/3/2018."""
    return Member(
        "m1",
        "Trần Thị B",
        D(1985, 5, 5),
        D(2017, 3, 1),
        D(2018, 3, 1),
        DuesCategory.OTHER_AREA_2,
        full_member_on=D(2018, 3, 1),
    )


def probationary_member() -> Member:
    """A member admitted on 1/3/2022, still in probation."""
    return Member(
        "m2", "Lê Văn C", D(1995, 5, 5), D(2022, 3, 1), D(2023, 3, 1), DuesCategory.OTHER_AREA_2
    )


def finding(member_id: str, year: int, rule_id: str = "membership.three_month_rule") -> Explanation:
    """A three-month-rule finding as the rules engine explains it."""
    return Explanation(
        rule_id,
        "2011",
        rule_id,
        args={"subject": member_id, "period": str(year)},
        evidence=(f"att-{member_id}-{year}",),
        governs=GoverningDate.REVIEW_YEAR,
        governing_date=D(year, 12, 31),
    )


# -- the three-month rule (row 1) ---------------------------------------------------------------------------


def test_a_three_month_finding_is_a_ground() -> None:
    """Row 1: the rules engine's finding for the member is a ground for removal."""
    assert three_month_ground(REMOVAL, "m1", [finding("m1", 2022)], on=D(2023, 2, 1)).value is True


def test_another_members_finding_is_not_a_ground() -> None:
    """A finding about someone else does not count."""
    assert three_month_ground(REMOVAL, "m1", [finding("m9", 2022)], on=D(2023, 2, 1)).value is False


def test_another_rules_finding_is_not_a_ground() -> None:
    """A dues finding is not the three-month rule."""
    assert (
        three_month_ground(
            REMOVAL, "m1", [finding("m1", 2022, "duty.dues.underpaid")], on=D(2023, 2, 1)
        ).value
        is False
    )


def test_a_finding_for_a_later_year_is_not_yet_a_ground() -> None:
    """A finding governed by 31/12/2023 does not count on 1/2/2023."""
    assert three_month_ground(REMOVAL, "m1", [finding("m1", 2023)], on=D(2023, 2, 1)).value is False


def test_the_findings_evidence_is_carried() -> None:
    """The evidence behind the finding reaches the ground's explanation."""
    found = three_month_ground(REMOVAL, "m1", [finding("m1", 2022)], on=D(2023, 2, 1))
    assert found.explanation.evidence == ("att-m1-2022",)


# -- no progress after education (row 2, g.3 row 56) --------------------------------------------------------


def test_no_progress_is_not_yet_a_ground_on_the_last_day() -> None:
    """Row 2: 12 months from Thu 10/3/2022 end on Fri 10/3/2023; on that day not yet."""
    found = no_progress_ground(REMOVAL, BOOK, CAL, Education(D(2022, 3, 10)), on=D(2023, 3, 10))
    assert found.value is False


def test_no_progress_is_a_ground_the_day_after() -> None:
    """Row 2: after 12 months without progress (from 11/3/2023) the ground holds."""
    found = no_progress_ground(REMOVAL, BOOK, CAL, Education(D(2022, 3, 10)), on=D(2023, 3, 11))
    assert found.value is True


def test_progress_removes_the_ground() -> None:
    """Row 2: a member who progressed is not struck off on this ground."""
    found = no_progress_ground(
        REMOVAL, BOOK, CAL, Education(D(2022, 3, 10), progressed=True), on=D(2023, 6, 1)
    )
    assert found.value is False


def test_the_no_progress_period_cites_qd24() -> None:
    """Row 2: QĐ 24 8.1, 12 months (CONFIRMED)."""
    found = no_progress_ground(REMOVAL, BOOK, CAL, Education(D(2022, 3, 10)), on=D(2023, 3, 11))
    p = found.explanation.params[0]
    assert (p.value, p.status, str(p.citations[0])) == (
        Duration.months(12),
        Status.CONFIRMED,
        "QĐ 24-QĐ/TW (30/7/2021) 8.1",
    )


def test_a_step_before_the_listing_is_refused() -> None:
    """The education period cannot be judged before it began."""
    with pytest.raises(InvalidPeriod):
        no_progress_ground(REMOVAL, BOOK, CAL, Education(D(2022, 3, 10)), on=D(2022, 3, 9))


def test_two_thirds_of_the_cell_list_a_member_for_education() -> None:
    """g.3 row 56: ≥ 2/3 of full members: 6 of 9 list the member."""
    assert screening_vote(REMOVAL, BOOK, votes_for=6, members=9, on=D(2022, 1, 10)).value is True


def test_less_than_two_thirds_do_not_list() -> None:
    """g.3 row 56: 5 of 9 is below 2/3."""
    assert screening_vote(REMOVAL, BOOK, votes_for=5, members=9, on=D(2022, 1, 10)).value is False


def test_more_votes_than_members_are_refused() -> None:
    """Ten votes among nine members are refused."""
    with pytest.raises(InvalidInput):
        screening_vote(REMOVAL, BOOK, votes_for=10, members=9, on=D(2022, 1, 10))


# -- two consecutive years violating member standards (row 3, (e)9) -----------------------------------------


def test_two_consecutive_years_are_a_ground() -> None:
    """Row 3: 2019 and 2020: two consecutive years."""
    assert standing_violation_ground(REMOVAL, BOOK, [2019, 2020], on=D(2021, 3, 1)).value is True


def test_two_years_apart_are_not_a_ground() -> None:
    """Row 3: 2018 and 2020 are not consecutive."""
    assert standing_violation_ground(REMOVAL, BOOK, [2018, 2020], on=D(2021, 3, 1)).value is False


def test_years_after_the_step_do_not_count() -> None:
    """Years after the year of the step are not looked at."""
    assert standing_violation_ground(REMOVAL, BOOK, [2021, 2022], on=D(2021, 3, 1)).value is False


def test_the_open_question_is_in_the_explanation() -> None:
    """(e)9: the meaning of 'vi phạm tư cách đảng viên' is open, and the message says so."""
    found = standing_violation_ground(REMOVAL, BOOK, [2022, 2023], on=D(2024, 3, 1))
    assert (
        found.explanation.args["open_question"],
        "Open question" in found.explanation.render(TEMPLATES, "en"),
    ) == (
        True,
        True,
    )


@pytest.mark.parametrize(
    ("day", "status"),
    [
        (D(2021, 3, 1), Status.UNCONFIRMED),  # QĐ 29: assumed like QĐ 24 (row 3)
        (D(2023, 3, 1), Status.CONFIRMED),  # QĐ 24 8.1 (row 3)
        (D(2025, 8, 1), Status.UNCONFIRMED),  # QĐ 294: carried forward
    ],
)
def test_the_two_years_carry_the_status_of_their_period(day: pendulum.Date, status: Status) -> None:
    """Row 3: 2 years in every period, with each period's status."""
    p = standing_violation_ground(REMOVAL, BOOK, [2019, 2020], on=day).explanation.params[0]
    assert (p.value, p.status) == (Duration.years(2), status)


# -- the assessment, and expulsion ((b)9, (d)) --------------------------------------------------------------


def test_a_full_member_who_deserves_expulsion_cannot_be_struck_off() -> None:
    """(d): a full member deserving expulsion must be expelled, not struck off."""
    with pytest.raises(ExpulsionRequired):
        assess_removal(
            REMOVAL, BOOK, CAL, member=full_member(), on=D(2023, 2, 1), deserved_form="expulsion"
        )


def test_the_expulsion_refusal_cites_qd30_article_35() -> None:
    """(d): QĐ 30 Art 35 via the Bình Thuận handbook; carried forward UNCONFIRMED after QĐ 22."""
    with pytest.raises(ExpulsionRequired) as caught:
        assess_removal(
            REMOVAL, BOOK, CAL, member=full_member(), on=D(2023, 2, 1), deserved_form="expulsion"
        )
    e = caught.value.explanation
    assert e is not None
    assert (str(e.citations[0]), e.args["basis_status"]) == (
        "QĐ 30-QĐ/TW (26/7/2016) Art 35",
        "unconfirmed",
    )


def test_expulsion_required_is_an_invalid_input() -> None:
    """ExpulsionRequired is an InvalidInput for hosts that catch bad requests."""
    assert issubclass(ExpulsionRequired, InvalidInput)


def test_a_probationary_member_is_struck_off_not_expelled() -> None:
    """(d): a probationary member who is no longer qualified is struck off; no refusal."""
    found = assess_removal(
        REMOVAL,
        BOOK,
        CAL,
        member=probationary_member(),
        on=D(2023, 2, 1),
        deserved_form="expulsion",
        three_month_findings=[finding("m2", 2022)],
    )
    assert found.value.removable is True


def test_a_deserved_warning_does_not_bar_removal() -> None:
    """Only expulsion is refused: a member deserving a warning may still be struck off on a ground."""
    found = assess_removal(
        REMOVAL,
        BOOK,
        CAL,
        member=full_member(),
        on=D(2023, 2, 1),
        deserved_form="warning",
        three_month_findings=[finding("m1", 2022)],
    )
    assert found.value.holding() == (RemovalGround.THREE_MONTH_RULE,)


def test_the_assessment_lists_every_ground_judged() -> None:
    """All three grounds judged: only the education ground holds."""
    found = assess_removal(
        REMOVAL,
        BOOK,
        CAL,
        member=full_member(),
        on=D(2023, 3, 11),
        education=Education(D(2022, 3, 10)),
        standing_violation_years=[2021],
    )
    assert ([g for g, _ in found.value.grounds], found.value.holding()) == (
        [
            RemovalGround.THREE_MONTH_RULE,
            RemovalGround.NO_PROGRESS_AFTER_EDUCATION,
            RemovalGround.STANDING_VIOLATION,
        ],
        (RemovalGround.NO_PROGRESS_AFTER_EDUCATION,),
    )


def test_no_ground_means_not_removable() -> None:
    """Without any ground the member stays on the roll."""
    found = assess_removal(REMOVAL, BOOK, CAL, member=full_member(), on=D(2023, 2, 1))
    assert (found.value.removable, found.explanation.message_key) == (
        False,
        "membership.removal.no_ground",
    )


def test_removal_says_it_is_not_a_sanction() -> None:
    """(b)9: removal from the roll is not a sanction; the message says so."""
    found = assess_removal(
        REMOVAL,
        BOOK,
        CAL,
        member=full_member(),
        on=D(2023, 2, 1),
        three_month_findings=[finding("m1", 2022)],
    )
    assert "không phải là hình thức kỷ luật" in found.explanation.render(TEMPLATES, "vi")


def test_every_removal_message_renders_in_both_languages() -> None:
    """Each ground's explanation describes in vi and en."""
    found = assess_removal(
        REMOVAL,
        BOOK,
        CAL,
        member=full_member(),
        on=D(2023, 3, 11),
        three_month_findings=[finding("m1", 2022)],
        education=Education(D(2022, 3, 10)),
        standing_violation_years=[2020, 2021],
    )
    explanations = [found.explanation, *(d.explanation for _, d in found.value.grounds)]
    explanations.append(
        screening_vote(REMOVAL, BOOK, votes_for=6, members=9, on=D(2022, 1, 10)).explanation
    )
    for e in explanations:
        for lang in ("vi", "en"):
            assert e.describe(TEMPLATES, lang)
