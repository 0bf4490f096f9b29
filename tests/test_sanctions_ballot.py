"""Counting secret ballots on sanctions: thresholds, the denominator, cumulative counting, expulsion."""

from __future__ import annotations

from fractions import Fraction

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiemtra import InconsistentRecords, InvalidInput, Status
from kiemtra._sanctions._ballot import BallotPurpose, count_ballots, expulsion_stands
from kiemtra._sanctions._forms import (
    SanctionForm,
    SanctionSubject,
    allowed_forms,
    record_circumstances,
)
from kiemtra.rulebooks import vn
from kiemtra.rulebooks.vn._sanction_labels import sanction_templates
from kiemtra.rulebooks.vn._sanctions import CIRCUMSTANCES, FORMS, VOTES, Aggravating

D = pendulum.date
BOOK = vn.rulebook()
TEMPLATES = BOOK.templates.merged(sanction_templates())
DAY_2019 = D(2019, 6, 3)
DAY_2023 = D(2023, 6, 5)
FULL = SanctionSubject.FULL_MEMBER


def paper(post: bool = True, on: pendulum.Date = DAY_2019) -> tuple[SanctionForm, ...]:
    """The forms on the ballot paper for a full member."""
    return allowed_forms(FORMS, FULL, holds_post=post, on=on).value


def ballot(
    votes: dict[str | None, int],
    members: int,
    *,
    purpose: BallotPurpose = BallotPurpose.DECIDE,
    present: int | None = None,
    on: pendulum.Date = DAY_2019,
    post: bool = True,
) -> tuple[str | None, bool]:
    """The outcome and whether it was cumulative."""
    ballots = [choice for choice, n in votes.items() for _ in range(n)]
    found = count_ballots(
        VOTES,
        FORMS,
        paper(post, on),
        ballots,
        members=members,
        voted_on=on,
        rulebook=BOOK,
        purpose=purpose,
        present=present,
    )
    return found.value.outcome, found.value.cumulative


# -- the denominator: all full members (rows 11, 15) --------------------------------------------------------


def test_a_majority_of_all_full_members_carries_a_warning() -> None:
    """Row 15: > 1/2 of full members: 5 of 9 carry."""
    assert ballot({"warning": 5, None: 4}, 9) == ("warning", False)


def test_a_majority_of_those_present_is_not_enough() -> None:
    """Row 11: absent members still count: 4 of 9 (4 of 6 present) do not carry."""
    assert ballot({"warning": 4, None: 2}, 9) == (None, False)


def test_exactly_half_does_not_carry() -> None:
    """Row 15: 'trên một nửa' is strictly more than half: 5 of 10 do not carry."""
    assert ballot({"reprimand": 5, None: 5}, 10) == (None, False)


def test_the_denominator_is_shown_in_the_explanation() -> None:
    """The explanation's inputs give 9 members and a denominator of 9 with 6 present."""
    found = count_ballots(
        VOTES,
        FORMS,
        paper(),
        ["warning"] * 4 + [None] * 2,
        members=9,
        voted_on=DAY_2019,
        rulebook=BOOK,
    )
    e = found.explanation
    assert (e.inputs["members"], e.inputs["present"], e.inputs["denominator"]) == (9, 6, 9)


def test_a_host_counting_those_present_is_flagged_as_overridden() -> None:
    """Overriding row 11's denominator to members present carries 4 of 6, flagged."""
    book = BOOK.with_overrides(
        {"membership.vote.denominator": "present_full_members"}, "local practice"
    )
    found = count_ballots(
        VOTES,
        FORMS,
        paper(),
        ["warning"] * 4 + [None] * 2,
        members=9,
        voted_on=DAY_2019,
        rulebook=book,
    )
    assert (found.value.outcome, found.explanation.overridden) == (
        "warning",
        ("membership.vote.denominator",),
    )


# -- cumulative counting (row 17) ---------------------------------------------------------------------------


def test_votes_count_down_from_the_heaviest_form() -> None:
    """Row 17: 3 removal + 3 warning + 2 reprimand of 9: warning carries with 6."""
    assert ballot({"removal_from_post": 3, "warning": 3, "reprimand": 2, None: 1}, 9) == (
        "warning",
        True,
    )


def test_cumulative_counting_stops_at_the_first_form_with_a_majority() -> None:
    """Row 17: 2 expulsion + 3 removal of 9 reach 5 at removal from post."""
    assert ballot({"expulsion": 2, "removal_from_post": 3, "reprimand": 4}, 9) == (
        "removal_from_post",
        True,
    )


def test_the_running_totals_are_listed_heaviest_first() -> None:
    """The steps give each form's running total down to the one carried."""
    found = count_ballots(
        VOTES,
        FORMS,
        paper(),
        ["removal_from_post"] * 3 + ["warning"] * 3 + ["reprimand"] * 2,
        members=9,
        voted_on=DAY_2019,
        rulebook=BOOK,
    )
    assert [(s.form, s.running, s.carried) for s in found.value.steps] == [
        ("expulsion", 0, False),
        ("removal_from_post", 3, False),
        ("warning", 6, True),
    ]


def test_no_sanction_wins_when_no_cumulative_total_passes() -> None:
    """Row 17: 1 warning + 3 reprimand of 9 never pass; 5 ballots for no sanction."""
    assert ballot({"warning": 1, "reprimand": 3, None: 5}, 9) == (None, False)


def test_a_form_with_its_own_majority_is_not_cumulative() -> None:
    """A reprimand with 6 of 9 carries on its own."""
    assert ballot({"reprimand": 6, "warning": 2}, 9) == ("reprimand", False)


# -- expulsion (row 16) -------------------------------------------------------------------------------------


def test_two_thirds_of_the_cell_propose_expulsion() -> None:
    """Row 16: ≥ 2/3 of full members propose khai trừ: 6 of 9."""
    assert ballot({"expulsion": 6, None: 3}, 9, purpose=BallotPurpose.PROPOSE) == (
        "expulsion",
        False,
    )


def test_a_simple_majority_does_not_propose_expulsion() -> None:
    """Row 16: 5 of 9 for expulsion is below 2/3; counted down they carry removal from post."""
    assert ballot({"expulsion": 5, None: 4}, 9, purpose=BallotPurpose.PROPOSE) == (
        "removal_from_post",
        True,
    )


def test_without_a_post_the_expulsion_votes_fall_to_a_warning() -> None:
    """Row 16, 17: 5 of 9 for expulsion, no post: the count goes down to a warning."""
    assert ballot({"expulsion": 5, None: 4}, 9, purpose=BallotPurpose.PROPOSE, post=False) == (
        "warning",
        True,
    )


def test_a_majority_of_the_deciding_body_decides_expulsion() -> None:
    """Row 16: > 1/2 of the deciding body: 4 of 7 standing committee members decide."""
    assert ballot({"expulsion": 4, "warning": 3}, 7) == ("expulsion", False)


def test_half_of_the_deciding_body_does_not_decide_expulsion() -> None:
    """Row 16: 3 of 6 is not more than half; the count goes on down."""
    assert ballot({"expulsion": 3, "warning": 3}, 6) == ("warning", True)


def test_expulsion_stands_when_proposed_and_decided() -> None:
    """Row 16: proposed by 6 of 9, decided by 4 of 7: it stands."""
    proposal = count_ballots(
        VOTES,
        FORMS,
        paper(),
        ["expulsion"] * 6 + [None] * 3,
        members=9,
        voted_on=DAY_2019,
        rulebook=BOOK,
        purpose=BallotPurpose.PROPOSE,
    )
    decision = count_ballots(
        VOTES,
        FORMS,
        paper(),
        ["expulsion"] * 4 + ["warning"] * 3,
        members=7,
        voted_on=D(2019, 7, 1),
        rulebook=BOOK,
    )
    assert expulsion_stands(VOTES, proposal, decision).value is True


def test_expulsion_does_not_stand_without_the_proposal() -> None:
    """Row 16: decided by the body but proposed by only 5 of 9: it does not stand."""
    proposal = count_ballots(
        VOTES,
        FORMS,
        paper(),
        ["expulsion"] * 5 + [None] * 4,
        members=9,
        voted_on=DAY_2019,
        rulebook=BOOK,
        purpose=BallotPurpose.PROPOSE,
    )
    decision = count_ballots(
        VOTES,
        FORMS,
        paper(),
        ["expulsion"] * 4 + ["warning"] * 3,
        members=7,
        voted_on=D(2019, 7, 1),
        rulebook=BOOK,
    )
    assert expulsion_stands(VOTES, proposal, decision).value is False


def test_the_stages_must_be_given_in_order() -> None:
    """A deciding ballot given as the proposal is refused."""
    decision = count_ballots(
        VOTES, FORMS, paper(), ["expulsion"] * 4, members=7, voted_on=DAY_2019, rulebook=BOOK
    )
    with pytest.raises(InvalidInput, match="propose"):
        expulsion_stands(VOTES, decision, decision)


# -- thresholds by period (rows 15–17, g.2 row 15) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "status"),
    [
        (
            D(2019, 6, 3),
            Status.UNCONFIRMED,
        ),  # QĐ 30 Art 38 1.2: threshold not read, QĐ 22's assumed
        (D(2023, 6, 5), Status.CONFIRMED),  # QĐ 22 Art 15 (row 15, g.2 row 15)
        (D(2025, 8, 1), Status.UNCONFIRMED),  # QĐ 296: QĐ 22's value carried forward
    ],
)
def test_the_majority_threshold_is_one_half_with_the_status_of_its_period(
    day: pendulum.Date, status: Status
) -> None:
    """Row 15: > 1/2 in every period; the status is that of the text in force."""
    found = count_ballots(
        VOTES, FORMS, paper(on=day), ["warning"] * 5, members=9, voted_on=day, rulebook=BOOK
    )
    share = next(p for p in found.explanation.params if p.key == "discipline.vote.sanction.share")
    assert (share.value, share.status) == (Fraction(1, 2), status)


def test_the_vote_governs_by_its_own_day() -> None:
    """The date of the vote (a step) governs the thresholds."""
    found = count_ballots(
        VOTES,
        FORMS,
        paper(on=DAY_2023),
        ["warning"] * 5,
        members=9,
        voted_on=DAY_2023,
        rulebook=BOOK,
    )
    assert (
        found.explanation.governs.value if found.explanation.governs else None,
        found.explanation.governing_date,
    ) == (
        "step",
        DAY_2023,
    )


# -- refusals -----------------------------------------------------------------------------------------------


def test_a_ballot_for_a_form_not_on_the_paper_is_refused() -> None:
    """Removal from post is not on the paper of a member without a post."""
    with pytest.raises(InvalidInput, match=r"ballots\[0\]"):
        count_ballots(
            VOTES,
            FORMS,
            paper(post=False),
            ["removal_from_post"],
            members=9,
            voted_on=DAY_2019,
            rulebook=BOOK,
        )


def test_more_ballots_than_members_is_inconsistent() -> None:
    """Ten ballots in a body of nine are refused."""
    with pytest.raises(InconsistentRecords):
        count_ballots(
            VOTES, FORMS, paper(), ["warning"] * 10, members=9, voted_on=DAY_2019, rulebook=BOOK
        )


def test_a_body_without_members_cannot_vote() -> None:
    """Zero members is refused."""
    with pytest.raises(InvalidInput, match="members"):
        count_ballots(VOTES, FORMS, paper(), [], members=0, voted_on=DAY_2019, rulebook=BOOK)


# -- explanations -------------------------------------------------------------------------------------------


def test_the_circumstances_are_carried_into_the_ballot_explanation() -> None:
    """The aggravating circumstance and its citation appear on the ballot's explanation."""
    record = record_circumstances(
        CIRCUMSTANCES, [Aggravating.REPEATED], FULL, violation_on=D(2019, 1, 10)
    ).value
    found = count_ballots(
        VOTES,
        FORMS,
        paper(),
        ["warning"] * 5,
        members=9,
        voted_on=DAY_2019,
        rulebook=BOOK,
        circumstances=record,
    )
    e = found.explanation
    assert (e.args["aggravating"], [str(c) for c in e.citations]) == (
        "repeated",
        ["QĐ 102-QĐ/TW (15/11/2017) Art 4 k2"],
    )


def test_a_cumulative_result_reads_in_vietnamese() -> None:
    """The cumulative message names the form carried and the votes out of all members."""
    found = count_ballots(
        VOTES,
        FORMS,
        paper(),
        ["removal_from_post"] * 3 + ["warning"] * 3,
        members=9,
        voted_on=DAY_2019,
        rulebook=BOOK,
    )
    assert "hình thức cảnh cáo đạt 6/9 phiếu" in found.explanation.render(TEMPLATES, "vi")


def test_every_ballot_message_renders_in_both_languages() -> None:
    """Carried, cumulative and no-form results all render with their basis in vi and en."""
    outcomes: list[list[str | None]] = [
        ["warning"] * 5,
        [
            "removal_from_post",
            "removal_from_post",
            "removal_from_post",
            "warning",
            "warning",
            "warning",
        ],
        [None] * 9,
    ]
    for ballots in outcomes:
        e = count_ballots(
            VOTES, FORMS, paper(), ballots, members=9, voted_on=DAY_2019, rulebook=BOOK
        ).explanation
        for lang in ("vi", "en"):
            assert e.describe(TEMPLATES, lang)


# -- property: order does not matter ------------------------------------------------------------------------

CHOICES = [None, "reprimand", "warning", "removal_from_post", "expulsion"]


@st.composite
def ballots_and_order(
    draw: st.DrawFn,
) -> tuple[list[str | None], list[str | None], int, BallotPurpose]:
    """A ballot, the same ballot in another order, the body's size and the purpose."""
    cast = draw(st.lists(st.sampled_from(CHOICES), min_size=0, max_size=25))
    members = draw(st.integers(min_value=max(1, len(cast)), max_value=30))
    shuffled = draw(st.permutations(cast))
    purpose = draw(st.sampled_from(list(BallotPurpose)))
    return cast, list(shuffled), members, purpose


@given(ballots_and_order())
def test_the_result_does_not_depend_on_the_order_of_the_ballots(
    case: tuple[list[str | None], list[str | None], int, BallotPurpose],
) -> None:
    """Any order of the same ballots gives the same result and the same explanation."""
    cast, shuffled, members, purpose = case
    forms = paper()
    a = count_ballots(
        VOTES,
        FORMS,
        forms,
        cast,
        members=members,
        voted_on=DAY_2023,
        rulebook=BOOK,
        purpose=purpose,
    )
    b = count_ballots(
        VOTES,
        FORMS,
        forms,
        shuffled,
        members=members,
        voted_on=DAY_2023,
        rulebook=BOOK,
        purpose=purpose,
    )
    assert (a.value, a.explanation) == (b.value, b.explanation)
