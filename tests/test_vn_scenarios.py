"""Scenarios of the Vietnamese procedures, written as specifications.

Each scenario tells one story through the engine, in the order it happens; the tests below it check one
thing each. Expected values are typed from ``shared/domain/regulations.md`` (the row or section is named);
dates are counted by hand with the Civil Code rule that the first day is not counted. Every refused step is
checked to raise :class:`~kiemtra.TransitionNotAllowed` and to leave the case and its history unchanged
(``refused`` in ``tests/vn_cast.py``).
"""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
import pytest
from tests.vn_cast import (
    CELL1,
    CELL_SECRETARY,
    DENOUNCER,
    DIRECTORY,
    IC,
    IC_BODY,
    IC_CHAIR,
    IC_MEMBER,
    MEMBER,
    SC,
    SC_SECRETARY,
    SUBJECT_ACTOR,
    at,
    book,
    engine,
    keys,
    refused,
)
from tests.vn_facts import D, World, evaluate, month

from kiemtra import (
    Body,
    Case,
    Duration,
    Engine,
    FixedClock,
    Ground,
    MemberActor,
    MemoryStore,
    PermissionDenied,
    Subject,
    TransitionNotAllowed,
)
from kiemtra._sanctions._limitation import PersonalSituation
from kiemtra._testing_factories import make_member
from kiemtra.rulebooks.vn import open_for_person, open_from_findings
from kiemtra.rulebooks.vn._procedures import (
    BallotRecord,
    ComplaintFacts,
    Doc,
    LetterFacts,
    RatingRecord,
    RemovalFacts,
    RestorationRecord,
    SanctionRecord,
    SuspensionFacts,
    ViolationFacts,
    outcome_of,
)

PROCEEDING = "DisciplinaryProceeding"
CELL_RUN = {"deciding_body": CELL1, "cell": CELL1, "superior_body": IC}


def doc(kind: str, n: int = 1) -> Doc:
    """A plain document of ``kind``."""
    return Doc(f"{kind}-{n}", kind)


def fire(
    eng: Engine,
    case: str,
    trigger: str,
    actor: Any,
    when: pendulum.DateTime,
    *kinds: str,
    facts: tuple[Any, ...] = (),
) -> str:
    """Fire ``trigger`` with documents of ``kinds`` and ``facts``; return the state reached."""
    event = eng.fire(case, trigger, actor, when, evidence=[*(doc(k) for k in kinds), *facts])
    return event.target


def walk_to_ballot(
    eng: Engine, case: str, violation: ViolationFacts, start: pendulum.DateTime
) -> None:
    """A cell-run proceeding from its opening to the secret ballot, one day per step."""
    fire(eng, case, "proceed", CELL_SECRETARY, start, facts=(violation,))
    fire(eng, case, "submit_self_criticism", SUBJECT_ACTOR, start.add(days=1), "self_criticism")
    fire(eng, case, "conclude_cell_meeting", CELL_SECRETARY, start.add(days=2), "minutes")
    fire(eng, case, "hear_member", CELL_SECRETARY, start.add(days=3), "hearing_minutes")


def open_proceeding(
    eng: Engine, when: pendulum.DateTime, parties: dict[str, Body] | None = None
) -> Case:
    """A proceeding about the cell member, opened by the cell secretary."""
    return eng.open(
        PROCEEDING,
        MEMBER,
        [Ground("self_report", "SR-1")],
        CELL_SECRETARY,
        when,
        parties=parties or CELL_RUN,
    )


# =========================================================================================================
# 1. A cell member's disciplinary proceeding, from the violation to the lapse of its effect
#
#    A member of cell kp1 violates the rules on collecting residents' contributions on 10/1/2023, a
#    warning-level violation. The cell takes it up on 1/3/2023 (QĐ 22 version), the member self-criticises,
#    the cell meets and hears the member, and 6 of its 10 full members vote a warning (row 15: more than
#    half). The decision is announced on 20/3/2023; no complaint comes; the warning ceases 12 months after
#    the announcement (row 22, QĐ 69 Art 2 k5).
# =========================================================================================================
VIOLATION_2023 = ViolationFacts("V-1", "warning", D(2023, 1, 10))
WARNING_BALLOT = BallotRecord(
    "B-1",
    ["warning"] * 6 + ["reprimand"] * 3 + [None],
    members=10,
    choices=("reprimand", "warning"),
    violation_on=D(2023, 1, 10),
)
ANNOUNCED_2023 = at(2023, 3, 20)
WARNING_2023 = SanctionRecord("S-1", "warning", D(2023, 3, 20))


@attrs.define
class Story:
    """What a scenario left behind: its engine and the cases it made."""

    eng: Engine
    cases: dict[str, str] = attrs.field(factory=dict)
    seen: dict[str, str] = attrs.field(factory=dict)

    def state(self, name: str) -> str:
        """The state of the case called ``name``."""
        return self.eng.store.load(self.cases[name]).state


@pytest.fixture
def warning_story() -> Story:
    """The cell member's warning, from the opening to the window's close."""
    eng = engine(at(2023, 3, 1))
    case = open_proceeding(eng, at(2023, 3, 1)).id
    walk_to_ballot(eng, case, VIOLATION_2023, at(2023, 3, 1))
    fire(eng, case, "decide_warning", CELL_SECRETARY, at(2023, 3, 10), facts=(WARNING_BALLOT,))
    fire(eng, case, "announce", CELL_SECRETARY, ANNOUNCED_2023, "decision")
    fire(eng, case, "close_complaint_window", CELL_SECRETARY, at(2023, 5, 15))
    return Story(eng, {"proceeding": case})


def test_the_cell_decides_the_warning_it_voted() -> None:
    """6 of 10 full members for a warning carry it, more than half (row 15): the cell decides a warning."""
    eng = engine(at(2023, 3, 1))
    case = open_proceeding(eng, at(2023, 3, 1)).id
    walk_to_ballot(eng, case, VIOLATION_2023, at(2023, 3, 1))
    fire(eng, case, "decide_warning", CELL_SECRETARY, at(2023, 3, 10), facts=(WARNING_BALLOT,))
    assert outcome_of(PROCEEDING, eng.history(case, CELL_SECRETARY)) == "warning"


def test_the_complaint_window_runs_thirty_working_days_from_the_announcement() -> None:
    """Announced on 20/3/2023, the 30-working-day window (row 28, (e)2) ends on 4/5/2023 (29/4–3/5 off)."""
    eng = engine(at(2023, 3, 1))
    case = open_proceeding(eng, at(2023, 3, 1)).id
    walk_to_ballot(eng, case, VIOLATION_2023, at(2023, 3, 1))
    fire(eng, case, "decide_warning", CELL_SECRETARY, at(2023, 3, 10), facts=(WARNING_BALLOT,))
    fire(eng, case, "announce", CELL_SECRETARY, ANNOUNCED_2023, "decision")
    deadline = eng.store.load(case).deadline
    assert deadline is not None
    assert (deadline.period, deadline.due) == (Duration.working_days(30), D(2023, 5, 4))


def test_the_warning_is_in_force_after_the_window_closes(warning_story: Story) -> None:
    """Without a complaint, the window's close leaves the sanction in force."""
    assert warning_story.state("proceeding") == "IN_EFFECT"


def test_the_warning_does_not_lapse_on_the_last_day_of_its_twelve_months(
    warning_story: Story,
) -> None:
    """On 20/3/2024, the last day of the 12 months from 20/3/2023 (row 22), the warning is still in force."""
    exc = refused(
        warning_story.eng,
        warning_story.cases["proceeding"],
        "lapse",
        CELL_SECRETARY,
        at(2024, 3, 20),
        evidence=[WARNING_2023],
    )
    assert keys(exc) == ["sanction.effect.in_force"]


def test_the_warning_lapses_the_day_after_its_twelve_months(warning_story: Story) -> None:
    """On 21/3/2024 the warning has ceased (row 22): the case ends with the effect lapsed."""
    eng = warning_story.eng
    case = warning_story.cases["proceeding"]
    fire(eng, case, "lapse", CELL_SECRETARY, at(2024, 3, 21), facts=(WARNING_2023,))
    assert (
        eng.store.load(case).state,
        outcome_of(PROCEEDING, eng.history(case, CELL_SECRETARY)),
    ) == (
        "EFFECT_LAPSED",
        "effect_lapsed",
    )


# =========================================================================================================
# 2. A proceeding deferred for a member nursing a child under 12 months
#
#    The member gave birth on 15/1/2024. The cell takes up her reprimand-level violation on 3/6/2024: she
#    nurses a child under 12 months, so consideration waits (row 18, QĐ 22 Art 9 k7). The child is 12 months
#    old on 15/1/2025, and consideration resumes from that day.
# =========================================================================================================
NURSING = ViolationFacts(
    "V-2", "reprimand", D(2024, 2, 1), situation=PersonalSituation(children_born=[D(2024, 1, 15)])
)


@pytest.fixture
def deferred() -> Story:
    """The proceeding opened on 3/6/2024 and deferred the same day."""
    eng = engine(at(2024, 6, 3))
    case = open_proceeding(eng, at(2024, 6, 3)).id
    fire(eng, case, "defer", CELL_SECRETARY, at(2024, 6, 3), facts=(NURSING,))
    return Story(eng, {"proceeding": case})


def test_a_member_nursing_a_child_under_twelve_months_is_deferred(deferred: Story) -> None:
    """With a child born on 15/1/2024, the proceeding of 3/6/2024 waits (row 18)."""
    assert deferred.state("proceeding") == "DEFERRED"


def test_the_deferred_proceeding_cannot_go_on_while_the_child_is_under_twelve_months() -> None:
    """On 3/6/2024 the step 'proceed' is refused with the deferral's explanation (row 18)."""
    eng = engine(at(2024, 6, 3))
    case = open_proceeding(eng, at(2024, 6, 3)).id
    exc = refused(eng, case, "proceed", CELL_SECRETARY, at(2024, 6, 3), evidence=[NURSING])
    assert keys(exc) == ["sanction.deferral.deferred"]


def test_consideration_cannot_resume_the_day_before_the_child_is_twelve_months(
    deferred: Story,
) -> None:
    """On 14/1/2025 the child born on 15/1/2024 is still under 12 months: resuming is refused (row 18)."""
    exc = refused(
        deferred.eng,
        deferred.cases["proceeding"],
        "resume",
        CELL_SECRETARY,
        at(2025, 1, 14),
        evidence=[NURSING],
    )
    assert exc.reasons[0].args["until"] == D(2025, 1, 15)


def test_consideration_resumes_when_the_child_is_twelve_months(deferred: Story) -> None:
    """On 15/1/2025 the child is 12 months old: the proceeding resumes (row 18)."""
    fire(
        deferred.eng,
        deferred.cases["proceeding"],
        "resume",
        CELL_SECRETARY,
        at(2025, 1, 15),
        facts=(NURSING,),
    )
    assert deferred.state("proceeding") == "INITIATED"


# =========================================================================================================
# 3. A proceeding barred by limitation
#
#    A reprimand-level violation of 1/3/2018 comes to light in 2023; the competent body concludes it
#    warrants discipline on 1/6/2023. The period for a reprimand-level violation by a member is 5 years
#    (row 19, QĐ 102 Art 3, in force on the violation's date), counted to the conclusion (row 21: HD 02-HD/TW
#    from 9/12/2021). It ran out on 1/3/2023: the violation can no longer be disciplined.
# =========================================================================================================
OLD_VIOLATION = ViolationFacts("V-3", "reprimand", D(2018, 3, 1), concluded_on=D(2023, 6, 1))


def test_a_violation_whose_limitation_ran_out_cannot_proceed() -> None:
    """Five years from 1/3/2018 ended on 1/3/2023, before the conclusion of 1/6/2023 (rows 19, 21)."""
    eng = engine(at(2023, 6, 1))
    case = open_proceeding(eng, at(2023, 6, 1)).id
    exc = refused(eng, case, "proceed", CELL_SECRETARY, at(2023, 6, 2), evidence=[OLD_VIOLATION])
    assert (keys(exc), exc.reasons[0].thresholds["expires_on"]) == (
        ["sanction.limitation.expired"],
        D(2023, 3, 1),
    )


def test_a_violation_whose_limitation_ran_out_is_closed_as_barred() -> None:
    """The case ends in BARRED with the outcome 'barred by limitation' (rows 19, 21)."""
    eng = engine(at(2023, 6, 1))
    case = open_proceeding(eng, at(2023, 6, 1)).id
    fire(eng, case, "bar_by_limitation", CELL_SECRETARY, at(2023, 6, 2), facts=(OLD_VIOLATION,))
    assert outcome_of(PROCEEDING, eng.history(case, CELL_SECRETARY)) == "barred_by_limitation"


def test_the_limitation_is_read_under_the_rules_of_the_violation_date() -> None:
    """The 5-year period cited for the 2018 violation is QĐ 102's (row 19: CONFIRMED for QĐ 102)."""
    eng = engine(at(2023, 6, 1))
    case = open_proceeding(eng, at(2023, 6, 1)).id
    exc = refused(eng, case, "proceed", CELL_SECRETARY, at(2023, 6, 2), evidence=[OLD_VIOLATION])
    period = next(
        p for p in exc.reasons[0].params if p.key == "discipline.limitation.member.reprimand"
    )
    assert (period.value, period.citations[0].document.startswith("QĐ 102")) == (
        Duration.years(5),
        True,
    )


# =========================================================================================================
# 4. An expulsion proposal with 60 % of the cell's votes, which falls to the heaviest form with a majority
#
#    Of the cell's 10 full members, 6 vote expulsion, 2 a warning, 2 a reprimand. Proposing expulsion needs
#    at least two-thirds (row 16): 60 % is not enough. No form has its majority on its own, so the votes count
#    from the heaviest form down (row 17): expulsion and warning together make 8 of 10, more than half. The
#    cell decides the warning itself (row 13).
# =========================================================================================================
EXPULSION_BALLOT = BallotRecord(
    "B-4",
    ["expulsion"] * 6 + ["warning"] * 2 + ["reprimand"] * 2,
    members=10,
    choices=("reprimand", "warning", "expulsion"),
    violation_on=D(2024, 2, 1),
)
SERIOUS = ViolationFacts("V-4", "expulsion", D(2024, 2, 1))


@pytest.fixture
def at_ballot() -> Story:
    """A cell-run proceeding of 2024 at its secret ballot."""
    eng = engine(at(2024, 3, 4))
    case = open_proceeding(eng, at(2024, 3, 4)).id
    walk_to_ballot(eng, case, SERIOUS, at(2024, 3, 4))
    return Story(eng, {"proceeding": case})


def test_sixty_percent_does_not_propose_expulsion(at_ballot: Story) -> None:
    """6 of 10 is less than two-thirds: deciding expulsion is refused, the ballot carried a warning (row 16)."""
    exc = refused(
        at_ballot.eng,
        at_ballot.cases["proceeding"],
        "decide_expulsion",
        CELL_SECRETARY,
        at(2024, 3, 12),
        evidence=[EXPULSION_BALLOT],
    )
    assert exc.reasons[0].args["carried"] == "warning"


def test_the_cell_may_not_decide_expulsion_at_all(at_ballot: Story) -> None:
    """Whatever the ballot, a cell only proposes expulsion (row 13): its competence block is among the reasons."""
    exc = refused(
        at_ballot.eng,
        at_ballot.cases["proceeding"],
        "decide_expulsion",
        CELL_SECRETARY,
        at(2024, 3, 12),
        evidence=[EXPULSION_BALLOT],
    )
    assert "sanction.competence.propose" in keys(exc)


def test_the_votes_fall_cumulatively_to_the_warning(at_ballot: Story) -> None:
    """Expulsion's 6 votes added to the warning's 2 make 8 of 10 for a warning, decided by the cell (row 17)."""
    eng, case = at_ballot.eng, at_ballot.cases["proceeding"]
    fire(eng, case, "decide_warning", CELL_SECRETARY, at(2024, 3, 12), facts=(EXPULSION_BALLOT,))
    assert outcome_of(PROCEEDING, eng.history(case, CELL_SECRETARY)) == "warning"


def test_the_cell_does_not_propose_what_it_may_decide(at_ballot: Story) -> None:
    """The ballot carried a warning, which the cell decides itself (row 13): proposing it upward is refused."""
    exc = refused(
        at_ballot.eng,
        at_ballot.cases["proceeding"],
        "propose",
        CELL_SECRETARY,
        at(2024, 3, 12),
        evidence=[EXPULSION_BALLOT],
    )
    assert keys(exc) == ["vn.blocked.decide_not_propose"]


# =========================================================================================================
# 5. A complaint filed one day after its window closes
#
#    The cell announces a warning on Monday 9/9/2024 and the member receives it the same day. Under QĐ 22 the
#    window is 30 working days from receipt (row 28, (e)2, carried UNCONFIRMED): the 30th working day after
#    9/9/2024 is Monday 21/10/2024. A complaint sent on 22/10/2024 is out of time, and inadmissible
#    (QĐ 296 Art 23).
# =========================================================================================================
@pytest.fixture
def announced() -> Story:
    """A cell's warning announced on 9/9/2024."""
    eng = engine(at(2024, 8, 1))
    case = open_proceeding(eng, at(2024, 8, 1)).id
    walk_to_ballot(eng, case, SERIOUS, at(2024, 8, 1))
    fire(eng, case, "decide_warning", CELL_SECRETARY, at(2024, 8, 12), facts=(EXPULSION_BALLOT,))
    fire(eng, case, "announce", CELL_SECRETARY, at(2024, 9, 9), "decision")
    return Story(eng, {"proceeding": case})


def test_a_complaint_one_day_after_the_window_is_refused(announced: Story) -> None:
    """Sent on 22/10/2024, a day after the window's last day 21/10/2024 (row 28), the complaint is late."""
    late = ComplaintFacts("K-5", D(2024, 10, 22), form="warning")
    exc = refused(
        announced.eng,
        announced.cases["proceeding"],
        "file_complaint",
        SUBJECT_ACTOR,
        at(2024, 10, 22),
        evidence=[late],
    )
    assert (keys(exc), exc.reasons[0].thresholds["due"]) == (
        ["complaint.window.late"],
        D(2024, 10, 21),
    )


def test_a_complaint_on_the_last_day_of_the_window_is_in_time(announced: Story) -> None:
    """Sent on 21/10/2024, the window's last day, the complaint is in time and opens its resolution."""
    eng, case = announced.eng, announced.cases["proceeding"]
    fire(
        eng,
        case,
        "file_complaint",
        SUBJECT_ACTOR,
        at(2024, 10, 21),
        facts=(ComplaintFacts("K-5", D(2024, 10, 21), form="warning"),),
    )
    opened = [c for c in eng.store.cases() if c.procedure == "DisciplinaryComplaintResolution"]
    assert [(c.state, c.grounds, c.party("deciding_body")) for c in opened] == [
        ("RECEIVED", (Ground("case", case),), IC)
    ]


# =========================================================================================================
# 6. A complaint upheld at a higher level that annuls the sanction, and the restoration
#
#    The cell's warning of 9/9/2024 is complained of on 20/9/2024, in time. While the complaint is pending
#    the warning stays in force (row 29). The ward's inspection commission, one level up, finds the complaint
#    right and annuls the warning on 15/11/2024; the cell then apologises and restores the member's posts and
#    rights (QĐ 117-QĐ/TW, (d)). Only then is the complaint closed.
# =========================================================================================================
COMPLAINT = ComplaintFacts("K-6", D(2024, 9, 20), form="warning", announced_on=D(2024, 9, 9))
DECIDE_DOCS = ("review_report", "decision")


@pytest.fixture
def annulment() -> Story:
    """The complaint decided and notified: the warning annulled by the ward's commission."""
    eng = engine(at(2024, 8, 1))
    case = open_proceeding(eng, at(2024, 8, 1)).id
    walk_to_ballot(eng, case, SERIOUS, at(2024, 8, 1))
    fire(eng, case, "decide_warning", CELL_SECRETARY, at(2024, 8, 12), facts=(EXPULSION_BALLOT,))
    fire(eng, case, "announce", CELL_SECRETARY, at(2024, 9, 9), "decision")
    fire(eng, case, "file_complaint", SUBJECT_ACTOR, at(2024, 9, 20), facts=(COMPLAINT,))
    complaint = next(
        c.id for c in eng.store.cases() if c.procedure == "DisciplinaryComplaintResolution"
    )
    story = Story(eng, {"proceeding": case, "complaint": complaint})
    story.seen["while pending"] = eng.store.load(case).state
    fire(
        eng, complaint, "decide_annul", IC_CHAIR, at(2024, 11, 15), *DECIDE_DOCS, facts=(COMPLAINT,)
    )
    fire(eng, complaint, "notify", IC_CHAIR, at(2024, 11, 18), "notice")
    return story


def test_the_sanction_stays_in_force_while_the_complaint_is_pending(annulment: Story) -> None:
    """Between the complaint and its decision the proceeding waits with the warning in force (row 29)."""
    assert annulment.seen["while pending"] == "COMPLAINT_PENDING"


def test_the_higher_level_annuls_the_sanction(annulment: Story) -> None:
    """The ward's commission decides to annul the cell's warning: the complaint's outcome is 'annulled'."""
    history = annulment.eng.history(annulment.cases["complaint"], IC_CHAIR)
    assert outcome_of("DisciplinaryComplaintResolution", history) == "annulled"


def test_an_annulled_sanction_is_not_closed_before_the_restoration(annulment: Story) -> None:
    """Closing the complaint before the apology and restoration is refused (QĐ 117-QĐ/TW)."""
    exc = refused(annulment.eng, annulment.cases["complaint"], "close", IC_CHAIR, at(2024, 11, 19))
    assert keys(exc) == ["vn.blocked.restoration_required"]


def test_a_restoration_without_the_rights_restored_is_refused(annulment: Story) -> None:
    """An apology and the posts back, but not the rights: the restoration is incomplete (QĐ 117-QĐ/TW)."""
    eng, complaint = annulment.eng, annulment.cases["complaint"]
    fire(eng, complaint, "start_restoration", CELL_SECRETARY, at(2024, 11, 19))
    partial = RestorationRecord("R-1", D(2024, 11, 25), posts_restored=True)
    exc = refused(
        eng, complaint, "record_restoration", CELL_SECRETARY, at(2024, 11, 25), evidence=[partial]
    )
    assert exc.reasons[0].args["missing"] == "rights"


def test_the_member_is_restored_and_the_sanction_annulled(annulment: Story) -> None:
    """The apology and the restored posts and rights close the complaint; the proceeding ends annulled."""
    eng, complaint, case = (
        annulment.eng,
        annulment.cases["complaint"],
        annulment.cases["proceeding"],
    )
    fire(eng, complaint, "start_restoration", CELL_SECRETARY, at(2024, 11, 19))
    full = RestorationRecord("R-2", D(2024, 11, 26), posts_restored=True, rights_restored=True)
    fire(eng, complaint, "record_restoration", CELL_SECRETARY, at(2024, 11, 26), facts=(full,))
    fire(eng, case, "record_complaint_annulled", IC_CHAIR, at(2024, 11, 26), "complaint_decision")
    assert (eng.store.load(complaint).state, eng.store.load(case).state) == ("RESTORED", "ANNULLED")


# =========================================================================================================
# 7. An anonymous denunciation
#
#    An unsigned letter without an address reaches the ward's commission on 6/5/2024. It is not resolved as
#    a denunciation; its content is concrete, so it may serve as a sign of violation for an inspection
#    ((d); QĐ 296 Art 19).
# =========================================================================================================
ANONYMOUS = LetterFacts("L-7", D(2024, 5, 6), named=False, address_given=False)
DENUNCIATION_PARTIES = {"deciding_body": IC, "cell": CELL1}


def open_denunciation(
    eng: Engine, when: pendulum.DateTime, people: tuple[tuple[str, str], ...] = ()
) -> str:
    """A denunciation about the cell member, received by the ward's commission."""
    case = eng.open(
        "DenunciationResolution",
        MEMBER,
        [Ground("letter", "L")],
        IC_CHAIR,
        when,
        parties=DENUNCIATION_PARTIES,
        people=people,
    )
    return case.id


def test_an_anonymous_letter_is_not_taken_up_as_a_denunciation() -> None:
    """Accepting the unsigned letter is refused: anonymous letters are not resolved ((d))."""
    eng = engine(at(2024, 5, 6))
    case = open_denunciation(eng, at(2024, 5, 6))
    exc = refused(
        eng, case, "accept", IC_CHAIR, at(2024, 5, 7), evidence=[ANONYMOUS, doc("decision")]
    )
    assert keys(exc) == ["vn.blocked.letter.anonymous"]


def test_an_anonymous_letter_with_concrete_content_opens_an_inspection() -> None:
    """The concrete anonymous letter is used as a sign of violation: an inspection opens on it ((d))."""
    eng = engine(at(2024, 5, 6))
    case = open_denunciation(eng, at(2024, 5, 6))
    fire(eng, case, "refer_as_sign_of_violation", IC_CHAIR, at(2024, 5, 7), facts=(ANONYMOUS,))
    opened = [c for c in eng.store.cases() if c.procedure == "InspectionOnSignsOfViolation"]
    assert [(c.state, c.parent, c.party("inspecting_body")) for c in opened] == [
        ("SIGN_DETECTED", case, IC)
    ]


# =========================================================================================================
# 8. A denunciation received inside the pre-congress window
#
#    The ward's congress opens on Monday 20/7/2020. A signed, concrete letter arrives on Monday 6/7/2020, ten
#    working days before: inside the 25 working days in which a grassroots body does not resolve
#    denunciations (row 32, HD 07-HD/UBKTTW). It is passed to the new committee.
# =========================================================================================================
PRE_CONGRESS = LetterFacts("L-8", D(2020, 7, 6), congress_opens_on=D(2020, 7, 20))


def test_a_letter_inside_the_pre_congress_window_is_not_accepted() -> None:
    """Accepting the letter of 6/7/2020 is refused: 10 working days before the congress, within 25 (row 32)."""
    eng = engine(at(2020, 7, 6))
    case = open_denunciation(eng, at(2020, 7, 6))
    exc = refused(
        eng, case, "accept", IC_CHAIR, at(2020, 7, 7), evidence=[PRE_CONGRESS, doc("decision")]
    )
    reason = exc.reasons[0]
    assert (reason.message_key, reason.inputs["working_days_before"], reason.params[0].value) == (
        "vn.blocked.letter.pre_congress",
        10,
        Duration.working_days(25),
    )


def test_a_letter_inside_the_pre_congress_window_goes_to_the_new_committee() -> None:
    """The letter is deferred, then handed over to the committee elected by the congress (row 32)."""
    eng = engine(at(2020, 7, 6))
    case = open_denunciation(eng, at(2020, 7, 6))
    fire(eng, case, "defer_pre_congress", IC_CHAIR, at(2020, 7, 7), facts=(PRE_CONGRESS,))
    fire(eng, case, "hand_over", IC_CHAIR, at(2020, 7, 27), "handover_record")
    assert eng.store.load(case).state == "HANDED_OVER"


def test_a_letter_before_the_pre_congress_window_is_accepted() -> None:
    """A letter of 1/6/2020, more than 25 working days before 20/7/2020, is taken up (row 32)."""
    eng = engine(at(2020, 6, 1))
    case = open_denunciation(eng, at(2020, 6, 1))
    early = LetterFacts("L-8b", D(2020, 6, 1), congress_opens_on=D(2020, 7, 20))
    fire(eng, case, "accept", IC_CHAIR, at(2020, 6, 2), "decision", facts=(early,))
    assert eng.store.load(case).state == "INVESTIGATING"


# =========================================================================================================
# 9. A finance inspection whose fund-audit findings open a proceeding against a cell's treasurer
#
#    In the first quarter of 2018 the members of cell1 paid 30,000 đ of dues; the cell's ledger records
#    20,000 đ collected (the fund audit finds the collection unrecorded). The ward's commission inspects the
#    cell's finance on those findings (Charter 2011 Art 32 k6), concludes there was a violation, and the
#    cell's treasurer, found responsible, faces a disciplinary proceeding with the inspection as its ground.
# =========================================================================================================
def _fund_findings() -> list[dict[str, Any]]:
    w = World()
    w.member("m", "other_area_1")
    for m in (1, 2, 3):
        w.pay("m", month(2018, m), 10_000)
    w.add(
        "ledgers",
        org_id="cell1",
        period_start=D(2018, 1, 1),
        period_end=D(2018, 4, 1),
        collected=20_000,
        retained=6_000,
        remitted=14_000,
    )
    w.add(
        "ledger_entries",
        org_id="cell1",
        period_start=D(2018, 1, 1),
        entry_no="1",
        on=D(2018, 1, 1),
        kind="collected",
        amount=20_000,
        ref="",
        member_id=None,
    )
    w.add(
        "ledger_entries",
        org_id="cell1",
        period_start=D(2018, 1, 1),
        entry_no="2",
        on=D(2018, 1, 1),
        kind="remitted",
        amount=14_000,
        ref="",
        member_id=None,
    )
    return [r for r in evaluate(w.facts(), 2018) if r["consequence"] == "sign_of_violation"]


CELL1_BODY = Body("cell1", "cell_meeting")
CELL1_SECRETARY = MemberActor("m-c1-secretary", CELL1_BODY, "secretary")
FINANCE_PARTIES = {"inspecting_body": IC, "subject_org": CELL1_BODY}
TREASURER = "m-treasurer"


def _inspect_finance(eng: Engine, case: str, conclusion: str) -> None:
    """The ward's commission inspects cell1's finance, one working step a day from 4/6/2018."""
    steps: list[tuple[str, Any, tuple[str, ...]]] = [
        ("decide_inspection", IC_CHAIR, ("decision", "plan")),
        ("send_outline", IC_MEMBER, ("outline",)),
        ("submit_self_report", CELL1_SECRETARY, ("self_inspection_report",)),
        ("start_verification", IC_MEMBER, ()),
        ("draft_report", IC_MEMBER, ("verification_report",)),
        ("submit_to_commission", IC_MEMBER, ("draft_report",)),
        (conclusion, IC_CHAIR, ("conclusion",)),
        ("notify_conclusion", IC_CHAIR, ("conclusion_notice",)),
    ]
    for n, (trigger, actor, kinds) in enumerate(steps):
        fire(eng, case, trigger, actor, at(2018, 6, 4).add(days=n), *kinds)


@pytest.fixture
def finance() -> Story:
    """A finance inspection of cell1 opened on 4/6/2018 on the fund audit's findings."""
    eng = engine(at(2018, 6, 4))
    grounds = [
        Ground("finding", f"{r['rule_id']}:{r['subject_id']}:{r['period_start']}")
        for r in _fund_findings()
    ]
    case = eng.open(
        "PartyFinanceInspection",
        Subject("organisation", "cell1", "ward"),
        grounds,
        IC_CHAIR,
        at(2018, 6, 4),
        parties=FINANCE_PARTIES,
    )
    return Story(eng, {"finance": case.id})


def test_the_fund_audit_finds_the_cell_collection_unrecorded() -> None:
    """30,000 đ paid against 20,000 đ recorded: the audit's sign of violation is about cell1."""
    assert {(r["rule_id"], r["subject_id"]) for r in _fund_findings()} >= {
        ("audit.dues.collection_unrecorded", "cell1")
    }


def test_the_treasurer_faces_a_proceeding_after_the_finance_inspection(finance: Story) -> None:
    """After a conclusion of violation, a proceeding against the treasurer opens with the inspection as ground."""
    eng, case = finance.eng, finance.cases["finance"]
    _inspect_finance(eng, case, "conclude_violation")
    opened = open_for_person(eng, case, TREASURER, IC_CHAIR, at(2018, 6, 15), org_id="cell1")
    assert (
        opened.procedure,
        opened.subject.id,
        opened.grounds,
        opened.parent,
        opened.party("deciding_body"),
    ) == (
        PROCEEDING,
        TREASURER,
        (Ground("case", case),),
        case,
        IC,
    )


def test_no_proceeding_against_the_treasurer_when_the_finance_was_sound(finance: Story) -> None:
    """A conclusion that the finance was sound gives no ground against a person: the request is refused."""
    eng, case = finance.eng, finance.cases["finance"]
    _inspect_finance(eng, case, "conclude_sound")
    with pytest.raises(TransitionNotAllowed) as caught:
        open_for_person(eng, case, TREASURER, IC_CHAIR, at(2018, 6, 15), org_id="cell1")
    assert (keys(caught.value), len(list(eng.store.cases()))) == (
        ["vn.blocked.no_finding_against_person"],
        1,
    )


def test_the_commission_may_not_inspect_its_own_committees_finance() -> None:
    """The ward commission deciding to inspect the ward committee's finance is refused (Charter Art 32 k6)."""
    eng = engine(at(2018, 6, 4))
    case = eng.open(
        "PartyFinanceInspection",
        Subject("organisation", "ward"),
        [Ground("letter", "X")],
        IC_CHAIR,
        at(2018, 6, 4),
        parties={"inspecting_body": IC},
    ).id
    exc = refused(
        eng,
        case,
        "decide_inspection",
        IC_CHAIR,
        at(2018, 6, 5),
        evidence=[doc("decision"), doc("plan")],
    )
    assert keys(exc) == ["vn.blocked.own_committee_finance"]


# =========================================================================================================
# 10. A thematic supervision that escalates
#
#    The ward's commission supervises the cell member's work on a theme from 4/3/2024. At the meeting on the
#    draft result it finds signs of violation; instead of closing with a notice it escalates, and an
#    inspection on signs of violation opens on the supervision (regulations.md (b)5).
# =========================================================================================================
SUPERVISION_STEPS: tuple[tuple[str, Any, tuple[str, ...]], ...] = (
    ("brief_team", IC_CHAIR, ("plan",)),
    ("receive_report", IC_MEMBER, ("report",)),
    ("draft_minutes", IC_MEMBER, ()),
    ("hold_meeting", IC_CHAIR, ("minutes",)),
    ("finalise_report", IC_MEMBER, ("final_report",)),
    ("report_to_commission", IC_MEMBER, ()),
)


@pytest.fixture
def supervision() -> Story:
    """A thematic supervision reported to the commission."""
    eng = engine(at(2024, 3, 4))
    case = eng.open(
        "ThematicSupervision",
        MEMBER,
        [Ground("plan", "KH-2024")],
        IC_CHAIR,
        at(2024, 3, 4),
        parties={"inspecting_body": IC, "cell": CELL1},
        people=[("team", IC_MEMBER.member_id)],
    ).id
    for n, (trigger, actor, kinds) in enumerate(SUPERVISION_STEPS):
        fire(eng, case, trigger, actor, at(2024, 3, 5).add(days=n), *kinds)
    return Story(eng, {"supervision": case})


def test_a_supervision_escalates_to_an_inspection(supervision: Story) -> None:
    """Escalating with the signs found opens an inspection on signs of violation about the same member."""
    eng, case = supervision.eng, supervision.cases["supervision"]
    fire(eng, case, "escalate", IC_CHAIR, at(2024, 3, 15), "signs_of_violation")
    opened = [c for c in eng.store.cases() if c.procedure == "InspectionOnSignsOfViolation"]
    assert [(c.subject, c.grounds, c.parent, c.persons("parent_team")) for c in opened] == [
        (MEMBER, (Ground("case", case),), case, (IC_MEMBER.member_id,))
    ]


def test_escalating_without_the_signs_found_is_refused(supervision: Story) -> None:
    """An escalation must carry the signs of violation found: without them it is refused."""
    exc = refused(
        supervision.eng, supervision.cases["supervision"], "escalate", IC_CHAIR, at(2024, 3, 15)
    )
    assert keys(exc) == ["workflow.blocked.missing_evidence"]


def test_the_supervision_team_may_not_decide_the_inspection_it_led_to(supervision: Story) -> None:
    """A member of the supervision team may not act for the commission on the inspection it opened."""
    eng, case = supervision.eng, supervision.cases["supervision"]
    fire(eng, case, "escalate", IC_CHAIR, at(2024, 3, 15), "signs_of_violation")
    inspection = next(
        c.id for c in eng.store.cases() if c.procedure == "InspectionOnSignsOfViolation"
    )
    exc = refused(
        eng, inspection, "propose", IC_MEMBER, at(2024, 3, 16), evidence=[doc("proposal")]
    )
    assert keys(exc) == ["workflow.blocked.conflict_inspector"]


# =========================================================================================================
# 11. A three-month dues default leading to removal from the roll
#
#    Member m of cell1 pays no dues in March, July and November 2018: three months in a year (row 1, Charter
#    Art 8 k1). The rules engine finds the ground for removal; the finding opens a removal from the roll,
#    the cell proposes it, the ward's standing committee decides it and the member is notified.
# =========================================================================================================
REMOVAL_ACTOR = IC_BODY


@pytest.fixture(scope="module")
def dues_default() -> tuple[list[dict[str, Any]], Any]:
    """The findings of 2018 for member m, and their explanations."""
    w = World()
    w.member("m", "other_area_1")
    w.monthly_meetings("cell1", 2018)
    for m in range(1, 13):
        w.attend(f"cell1-{D(2018, m, 5).isoformat()}", "m")
        if m not in (3, 7, 11):
            w.pay("m", month(2018, m), 10_000)
    findings = evaluate(w.facts(), 2018)
    return list(findings), findings


def test_the_dues_default_is_a_ground_for_removal(
    dues_default: tuple[list[dict[str, Any]], Any],
) -> None:
    """Three unpaid months in 2018 give the finding 'membership.three_month_rule' about m (row 1)."""
    rows, _ = dues_default
    assert [
        (r["rule_id"], r["subject_id"], r["consequence"])
        for r in rows
        if r["consequence"] == "removal_ground"
    ] == [("membership.three_month_rule", "m", "removal_ground")]


def test_the_finding_opens_a_removal_from_the_roll(
    dues_default: tuple[list[dict[str, Any]], Any],
) -> None:
    """The finding opens one RemovalFromRoll about m, its ground the finding's rule, subject and period."""
    rows, _ = dues_default
    eng = engine(at(2019, 1, 14))
    opened = open_from_findings(eng, rows, REMOVAL_ACTOR, at(2019, 1, 14), directory=DIRECTORY)
    removal = [c for c in opened if c.procedure == "RemovalFromRoll"]
    assert [(c.subject, c.grounds) for c in removal] == [
        (
            Subject("member", "m", "cell1"),
            (Ground("finding", "membership.three_month_rule:m:2018-01-01"),),
        )
    ]


def test_opening_from_the_same_findings_twice_opens_nothing_new(
    dues_default: tuple[list[dict[str, Any]], Any],
) -> None:
    """A second run over the same findings opens no case: the grounds are already taken up."""
    rows, _ = dues_default
    eng = engine(at(2019, 1, 14))
    first = open_from_findings(eng, rows, REMOVAL_ACTOR, at(2019, 1, 14), directory=DIRECTORY)
    again = open_from_findings(eng, rows, REMOVAL_ACTOR, at(2019, 1, 21), directory=DIRECTORY)
    assert (len(first) > 0, again, len(list(eng.store.cases()))) == (True, [], len(first))


def _removal_case(rows: list[dict[str, Any]]) -> tuple[Engine, str]:
    eng = engine(at(2019, 1, 14))
    opened = open_from_findings(eng, rows, REMOVAL_ACTOR, at(2019, 1, 14), directory=DIRECTORY)
    case = next(c.id for c in opened if c.procedure == "RemovalFromRoll")
    return eng, case


def test_the_member_is_removed_from_the_roll(
    dues_default: tuple[list[dict[str, Any]], Any],
) -> None:
    """The cell proposes, the ward's standing committee decides, the member is notified: removed (row 1)."""
    rows, findings = dues_default
    eng, case = _removal_case(rows)
    row = next(r for r in rows if r["rule_id"] == "membership.three_month_rule")
    grounds = RemovalFacts("G-1", make_member(id="m"), findings=[findings.explanation(row)])
    fire(eng, case, "review_in_cell", CELL1_SECRETARY, at(2019, 1, 15))
    fire(
        eng,
        case,
        "propose_removal",
        CELL1_SECRETARY,
        at(2019, 1, 16),
        "cell_resolution",
        facts=(grounds,),
    )
    fire(eng, case, "decide_removal", SC_SECRETARY, at(2019, 1, 22), "decision", facts=(grounds,))
    fire(eng, case, "notify_member", SC_SECRETARY, at(2019, 1, 23), "notice")
    assert outcome_of("RemovalFromRoll", eng.history(case, SC_SECRETARY)) == "removed"


def test_a_full_member_who_deserves_expulsion_is_not_struck_off(
    dues_default: tuple[list[dict[str, Any]], Any],
) -> None:
    """If m's violation deserves expulsion, proposing removal instead is refused ((d); QĐ 30 Art 35)."""
    rows, findings = dues_default
    eng, case = _removal_case(rows)
    row = next(r for r in rows if r["rule_id"] == "membership.three_month_rule")
    grounds = RemovalFacts(
        "G-2", make_member(id="m"), findings=[findings.explanation(row)], deserved_form="expulsion"
    )
    fire(eng, case, "review_in_cell", CELL1_SECRETARY, at(2019, 1, 15))
    exc = refused(
        eng,
        case,
        "propose_removal",
        CELL1_SECRETARY,
        at(2019, 1, 16),
        evidence=[doc("cell_resolution"), grounds],
    )
    assert keys(exc) == ["membership.removal.expulsion_required"]


# =========================================================================================================
# 12. Two violations of the same kind, committed in 2016 and in 2023, each judged under its own date
#
#    The same member breaks the rules on collecting residents' contributions twice, each at reprimand level:
#    on 1/9/2016 and on 1/3/2023. The first comes to light in 2018, the second in 2024. What is a violation,
#    its sanction and its limitation follow the violation's date; procedure follows the day the case opens.
#    * 2016: no text regulations.md encodes yet gives the period (QĐ 102 starts 15/11/2017), so the value is
#      read on the end point, as the explanation says; the end point is the decision to inspect (row 21:
#      HD 04-HD/UBKTTW before HD 02-HD/TW); the case runs under the QĐ 30 version.
#    * 2023: QĐ 69 Art 4 gives 5 years (g.2 row 19, CONFIRMED); the end point is the conclusion (HD 02); the
#      case runs under the QĐ 22 version.
#    Neither is barred: asking to bar each is refused with the limitation's explanation, which shows the
#    rules it was judged by.
# =========================================================================================================
FIRST = ViolationFacts("V-2016", "reprimand", D(2016, 9, 1))
SECOND = ViolationFacts("V-2023", "reprimand", D(2023, 3, 1))


@pytest.fixture(scope="module")
def two_violations() -> dict[str, tuple[Case, Any]]:
    """Each violation's case and the explanation of the refusal to bar it."""
    out = {}
    for name, facts, opened in (("2016", FIRST, at(2018, 5, 2)), ("2023", SECOND, at(2024, 5, 6))):
        eng = engine(opened)
        case = open_proceeding(eng, opened)
        exc = refused(
            eng, case.id, "bar_by_limitation", CELL_SECRETARY, opened.add(days=1), evidence=[facts]
        )
        out[name] = (case, exc.reasons[0])
    return out


def test_each_case_keeps_the_procedure_version_of_its_opening(
    two_violations: dict[str, tuple[Case, Any]],
) -> None:
    """The 2018 case runs under QĐ 30's version, the 2024 case under QĐ 22's (section 0)."""
    assert (two_violations["2016"][0].version, two_violations["2023"][0].version) == (
        "2016",
        "2021",
    )


def test_each_violation_is_governed_by_its_own_date(
    two_violations: dict[str, tuple[Case, Any]],
) -> None:
    """The limitation of each is governed by the day of its violation: 1/9/2016 and 1/3/2023."""
    assert (two_violations["2016"][1].governing_date, two_violations["2023"][1].governing_date) == (
        D(2016, 9, 1),
        D(2023, 3, 1),
    )


def test_the_2023_violation_is_judged_under_qd_69(
    two_violations: dict[str, tuple[Case, Any]],
) -> None:
    """The 5-year period of the 2023 violation cites QĐ 69 (g.2 row 19), read on the violation's date."""
    reason = two_violations["2023"][1]
    period = next(p for p in reason.params if p.key == "discipline.limitation.member.reprimand")
    assert (
        period.value,
        period.citations[0].document.startswith("QĐ 69"),
        "value_read_on" in reason.inputs,
    ) == (
        Duration.years(5),
        True,
        False,
    )


def test_the_2016_violation_falls_back_to_the_end_point(
    two_violations: dict[str, tuple[Case, Any]],
) -> None:
    """No period is encoded for 1/9/2016: QĐ 102's is read on the decision to inspect, 2/5/2018 (rows 19, 21)."""
    reason = two_violations["2016"][1]
    period = next(p for p in reason.params if p.key == "discipline.limitation.member.reprimand")
    assert (period.citations[0].document.startswith("QĐ 102"), reason.inputs["value_read_on"]) == (
        True,
        D(2018, 5, 2),
    )


def test_the_end_points_differ_by_the_rules_of_their_day(
    two_violations: dict[str, tuple[Case, Any]],
) -> None:
    """The 2016 violation's clock stops at the decision to inspect; the 2023 one's at the conclusion (row 21)."""
    assert (
        two_violations["2016"][1].args["end_point"],
        two_violations["2023"][1].args["end_point"],
    ) == (
        "decision_to_inspect",
        "conclusion",
    )


def test_neither_violation_is_barred(two_violations: dict[str, tuple[Case, Any]]) -> None:
    """Both are in time: 2016 + 5 years is past 2/5/2018, 2023 + 5 years past 2024 (row 19)."""
    assert [r.message_key for _, r in two_violations.values()] == [
        "sanction.limitation.in_time",
        "sanction.limitation.in_time",
    ]


# =========================================================================================================
# 13. Suspension, with its one extension; a committee member is suspended from the committee too
#
#    On 2/10/2023 (QĐ 22) the ward's standing committee suspends a member's party activity for 90 days (row
#    34): the 90th day, 31/12/2023, is a Sunday and 1/1/2024 a holiday, so it runs to 2/1/2024. Extended once
#    by 90 days (180 in all) from that day, it runs to 1/4/2024. A second extension is refused. A committee member suspended from party activity is suspended from the committee
#    too (QĐ 22 Art 28).
# =========================================================================================================
SUSPENSION_PARTIES = {"deciding_body": SC, "cell": CELL1}
WARD_SECRETARY = SC_SECRETARY


def _suspension(eng: Engine, when: pendulum.DateTime) -> str:
    return eng.open(
        "Suspension",
        MEMBER,
        [Ground("case", "P-1")],
        WARD_SECRETARY,
        when,
        parties=SUSPENSION_PARTIES,
    ).id


def test_a_suspension_runs_ninety_days_and_one_extension() -> None:
    """90 days from 2/10/2023 end on 31/12/2023 (a Sunday: next working day 2/1/2024); +90 days: 1/4/2024."""
    eng = engine(at(2023, 10, 2))
    case = _suspension(eng, at(2023, 10, 2))
    fire(
        eng,
        case,
        "suspend_activity",
        WARD_SECRETARY,
        at(2023, 10, 2),
        "decision",
        facts=(SuspensionFacts("SG-1"),),
    )
    first = eng.store.load(case).deadline
    eng.extend(case, WARD_SECRETARY, at(2023, 12, 20))
    second = eng.store.load(case).deadline
    assert (first and first.due, second and second.due) == (D(2024, 1, 2), D(2024, 4, 1))


def test_a_suspension_is_extended_only_once() -> None:
    """A second extension of the member's suspension is refused (row 34: one extension)."""
    eng = engine(at(2023, 10, 2))
    case = _suspension(eng, at(2023, 10, 2))
    fire(
        eng,
        case,
        "suspend_activity",
        WARD_SECRETARY,
        at(2023, 10, 2),
        "decision",
        facts=(SuspensionFacts("SG-1"),),
    )
    eng.extend(case, WARD_SECRETARY, at(2023, 12, 20))
    before, history = eng.store.load(case), eng.store.events(case)
    with pytest.raises(TransitionNotAllowed) as caught:
        eng.extend(case, WARD_SECRETARY, at(2024, 3, 20))
    assert (keys(caught.value), eng.store.load(case), eng.store.events(case)) == (
        ["workflow.blocked.extensions_exhausted"],
        before,
        history,
    )


def test_a_committee_member_is_not_suspended_from_activity_alone() -> None:
    """Suspending a committee member's party activity alone is refused: the committee goes too (QĐ 22 Art 28)."""
    eng = engine(at(2023, 10, 2))
    case = _suspension(eng, at(2023, 10, 2))
    exc = refused(
        eng,
        case,
        "suspend_activity",
        WARD_SECRETARY,
        at(2023, 10, 2),
        evidence=[doc("decision"), SuspensionFacts("SG-2", committee_member=True)],
    )
    assert keys(exc) == ["vn.blocked.committee_member_suspended_too"]


def test_a_committee_member_is_suspended_from_activity_and_the_committee() -> None:
    """The committee member's suspension covers party activity and the committee (QĐ 22 Art 28)."""
    eng = engine(at(2023, 10, 2))
    case = _suspension(eng, at(2023, 10, 2))
    fire(
        eng,
        case,
        "suspend_activity_and_committee",
        WARD_SECRETARY,
        at(2023, 10, 2),
        "decision",
        facts=(SuspensionFacts("SG-2", committee_member=True),),
    )
    assert eng.store.load(case).state == "SUSPENDED_FROM_ACTIVITY_AND_COMMITTEE"


def test_a_suspension_under_qd_296_is_extended_by_thirty_days() -> None:
    """From 30/5/2025 the one extension is 30 days (row 34, (e)4, UNCONFIRMED): 90 + 30 days from 2/6/2025."""
    eng = engine(at(2025, 6, 2))
    case = _suspension(eng, at(2025, 6, 2))
    fire(
        eng,
        case,
        "suspend_activity",
        WARD_SECRETARY,
        at(2025, 6, 2),
        "decision",
        facts=(SuspensionFacts("SG-3"),),
    )
    eng.extend(case, WARD_SECRETARY, at(2025, 8, 20))
    deadline = eng.store.load(case).deadline
    assert deadline is not None and deadline.extensions == (Duration.days(30),)


# =========================================================================================================
# 14. A rating annulled by the superior committee and re-rated (QĐ 124 Art 13)
# =========================================================================================================
RATING_PARTIES = {
    "cell": CELL1,
    "deciding_body": SC,
    "superior_body": Body("district", "standing_committee"),
}
DISTRICT_SECRETARY = MemberActor(
    "m-district-secretary", Body("district", "standing_committee"), "secretary"
)


def _rated_excellent(eng: Engine) -> str:
    case = eng.open(
        "QualityClassification",
        MEMBER,
        [Ground("review", "2024")],
        CELL_SECRETARY,
        at(2024, 12, 2),
        parties=RATING_PARTIES,
    ).id
    fire(eng, case, "hold_review_meeting", CELL_SECRETARY, at(2024, 12, 5), "self_assessment")
    fire(eng, case, "appraise", WARD_SECRETARY, at(2024, 12, 10), "minutes")
    fire(
        eng,
        case,
        "rate_excellent",
        WARD_SECRETARY,
        at(2024, 12, 12),
        facts=(RatingRecord("RT-1", "excellent"),),
    )
    fire(eng, case, "publish", WARD_SECRETARY, at(2024, 12, 13), "notice")
    return case


def test_the_superior_committee_annuls_and_re_rates() -> None:
    """The district's standing committee annuls the 'excellent' rating and re-rates it 'good' (QĐ 124 Art 13)."""
    eng = engine(at(2024, 12, 2))
    case = _rated_excellent(eng)
    fire(eng, case, "annul_rating", DISTRICT_SECRETARY, at(2025, 1, 6), "decision")
    fire(
        eng,
        case,
        "rerate_good",
        DISTRICT_SECRETARY,
        at(2025, 1, 7),
        facts=(RatingRecord("RT-2", "good"),),
    )
    assert outcome_of("QualityClassification", eng.history(case, DISTRICT_SECRETARY)) == "good"


def test_the_rating_committee_may_not_annul_its_own_rating() -> None:
    """Annulling a rating belongs to the superior committee: the ward's own secretary is refused."""
    eng = engine(at(2024, 12, 2))
    case = _rated_excellent(eng)
    exc = refused(
        eng, case, "annul_rating", WARD_SECRETARY, at(2025, 1, 6), evidence=[doc("decision")]
    )
    assert keys(exc) == ["workflow.blocked.not_permitted"]


# =========================================================================================================
# 15. The combined route: inspection and discipline together when the subject admits (QĐ 354)
# =========================================================================================================
INSPECTION_PARTIES = {"inspecting_body": IC, "cell": CELL1}


def _verifying(eng: Engine, when: pendulum.DateTime) -> str:
    case = eng.open(
        "InspectionOnSignsOfViolation",
        MEMBER,
        [Ground("letter", "L-15")],
        IC_CHAIR,
        when,
        parties=INSPECTION_PARTIES,
    ).id
    steps = (
        ("propose", IC_MEMBER, ("proposal",)),
        ("decide_inspection", IC_CHAIR, ("decision", "plan")),
        ("notify_subject", IC_CHAIR, ("notice",)),
        ("request_explanation", IC_MEMBER, ("outline",)),
        ("submit_explanation", SUBJECT_ACTOR, ("explanatory_report",)),
    )
    for n, (trigger, actor, kinds) in enumerate(steps):
        fire(eng, case, trigger, actor, when.add(days=n + 1), *kinds)
    return case


def test_the_admitted_violation_opens_the_proceeding_during_the_inspection() -> None:
    """With the subject's admission the proceeding opens at once, and the inspection goes on (QĐ 354)."""
    eng = engine(at(2024, 4, 1))
    case = _verifying(eng, at(2024, 4, 1))
    fire(eng, case, "run_combined", IC_CHAIR, at(2024, 4, 10), "admission")
    opened = [c.procedure for c in eng.store.cases() if c.parent == case]
    assert (eng.store.load(case).state, opened) == ("COMBINED", [PROCEEDING])


def test_a_combined_inspection_does_not_open_a_second_proceeding() -> None:
    """After the combined route, concluding 'to discipline level' is refused; 'conclude_combined' ends it."""
    eng = engine(at(2024, 4, 1))
    case = _verifying(eng, at(2024, 4, 1))
    fire(eng, case, "run_combined", IC_CHAIR, at(2024, 4, 10), "admission")
    fire(eng, case, "hold_org_meeting", IC_MEMBER, at(2024, 4, 11), "verification_report")
    fire(eng, case, "draft_report", IC_MEMBER, at(2024, 4, 12), "minutes")
    fire(eng, case, "submit_report", IC_MEMBER, at(2024, 4, 15), "draft_report")
    exc = refused(
        eng, case, "conclude_discipline", IC_CHAIR, at(2024, 4, 16), evidence=[doc("conclusion")]
    )
    assert keys(exc) == ["vn.blocked.already_combined"]


def test_an_advisory_body_may_not_run_an_inspection() -> None:
    """The party-building board named as inspecting body cannot decide an inspection (QĐ 296 Art 5 k1.3 đ)."""
    board = Body("ward", "party_building_board")
    head = MemberActor("m-board", board, "chair")
    eng = engine(at(2025, 9, 1))
    case = eng.open(
        "InspectionOnSignsOfViolation",
        MEMBER,
        [Ground("letter", "L")],
        head,
        at(2025, 9, 1),
        parties={"inspecting_body": board, "cell": CELL1},
    ).id
    fire(eng, case, "propose", head, at(2025, 9, 2), "proposal")
    exc = refused(
        eng,
        case,
        "decide_inspection",
        head,
        at(2025, 9, 3),
        evidence=[doc("decision"), doc("plan")],
    )
    assert keys(exc) == ["vn.blocked.advisory_body"]


# =========================================================================================================
# 16. A denunciation resolved late with its one extension, and the notice to the denouncer (row 31)
# =========================================================================================================
SUB_STEPS = (
    "denouncer_minutes",
    "explanatory_report",
    "verification_report",
    "minutes",
    "draft_conclusion",
)


def _investigating(eng: Engine) -> str:
    case = open_denunciation(eng, at(2024, 5, 6), people=(("denouncer", DENOUNCER.person_id),))
    fire(
        eng,
        case,
        "accept",
        IC_CHAIR,
        at(2024, 5, 7),
        "decision",
        facts=(LetterFacts("L-16", D(2024, 5, 6)),),
    )
    return case


def test_the_resolution_runs_ninety_working_days_from_acceptance() -> None:
    """Accepted on 7/5/2024, the 90 working days (row 31) are counted from the next day."""
    eng = engine(at(2024, 5, 6))
    case = _investigating(eng)
    deadline = eng.store.load(case).deadline
    assert deadline is not None
    assert (deadline.period, eng.calendar.working_days_between(D(2024, 5, 7), deadline.due)) == (
        Duration.working_days(90),
        90,
    )


def test_an_extended_resolution_must_notify_the_denouncer() -> None:
    """After the one extension, concluding without the notice sent to the denouncer is refused (row 31)."""
    eng = engine(at(2024, 5, 6))
    case = _investigating(eng)
    eng.extend(case, IC_CHAIR, at(2024, 9, 2))
    exc = refused(
        eng, case, "conclude_true", IC_CHAIR, at(2024, 9, 20), evidence=[doc(k) for k in SUB_STEPS]
    )
    assert keys(exc) == ["vn.blocked.extension_not_notified"]


def test_the_denouncer_may_not_act_for_the_commission() -> None:
    """A commission member who is also the denouncer may not conclude (conflict of interest)."""
    eng = engine(at(2024, 5, 6))
    conflicted = MemberActor("p-denouncer", IC, "chair")
    case = _investigating(eng)
    exc = refused(
        eng, case, "conclude_true", conflicted, at(2024, 6, 3), evidence=[doc(k) for k in SUB_STEPS]
    )
    assert keys(exc) == ["workflow.blocked.conflict_denouncer"]


# =========================================================================================================
# 17. Findings that are signs of violation open inspections; other findings open nothing
# =========================================================================================================
def test_the_fund_audits_signs_open_one_inspection_of_the_cell() -> None:
    """The audit's signs of violation about cell1 open one inspection on signs of violation, every finding a ground."""
    rows = _fund_findings()
    eng = engine(at(2018, 6, 4))
    opened = open_from_findings(eng, rows, IC_CHAIR, at(2018, 6, 4), directory=DIRECTORY)
    assert [
        (c.procedure, c.subject, len(c.grounds), c.party("inspecting_body")) for c in opened
    ] == [("InspectionOnSignsOfViolation", Subject("organisation", "cell1", "ward"), len(rows), IC)]


def test_reminders_open_no_case(dues_default: tuple[list[dict[str, Any]], Any]) -> None:
    """The monthly 'dues underpaid' reminders of 2018 open nothing: only signs and removal grounds do."""
    rows, _ = dues_default
    reminders = [r for r in rows if r["consequence"] == "reminder"]
    eng = engine(at(2019, 1, 14))
    assert (
        len(reminders) > 0,
        open_from_findings(eng, reminders, IC_CHAIR, directory=DIRECTORY),
    ) == (True, [])


def test_an_actor_who_may_not_open_every_case_opens_none(
    dues_default: tuple[list[dict[str, Any]], Any],
) -> None:
    """A cell secretary may open the removal but not the inspection: nothing is opened at all."""
    rows, _ = dues_default
    eng = engine(at(2019, 1, 14))
    mixed = [*rows, *_fund_findings()]
    with pytest.raises(PermissionDenied):
        open_from_findings(eng, mixed, CELL1_SECRETARY, at(2019, 1, 14), directory=DIRECTORY)
    assert list(eng.store.cases()) == []


# =========================================================================================================
# 18. A case keeps its version; each step's time limit is the one in force on the day of the step
#
#    A proceeding opens on 26/5/2025 under QĐ 22 and keeps that version. Its decision is announced on
#    2/6/2025, after QĐ 296 took effect (30/5/2025): the complaint window is QĐ 296's 30 calendar days
#    (row 28, (e)2: SECONDARY), ending on 2/7/2025, not QĐ 22's 30 working days.
# =========================================================================================================
def test_a_step_after_qd_296_takes_its_time_limit_in_a_case_opened_under_qd_22() -> None:
    """Opened 26/5/2025 (version 2021), announced 2/6/2025: the window is 30 days, due 2/7/2025 (row 28)."""
    eng = engine(at(2025, 5, 26))
    case = open_proceeding(eng, at(2025, 5, 26)).id
    walk_to_ballot(eng, case, SERIOUS, at(2025, 5, 26))
    fire(eng, case, "decide_warning", CELL_SECRETARY, at(2025, 5, 29), facts=(EXPULSION_BALLOT,))
    fire(eng, case, "announce", CELL_SECRETARY, at(2025, 6, 2), "decision")
    stored = eng.store.load(case)
    assert stored.deadline is not None
    assert (stored.version, stored.deadline.period, stored.deadline.due) == (
        "2021",
        Duration.days(30),
        D(2025, 7, 2),
    )


def test_without_a_directory_the_opening_body_inspects(
    dues_default: tuple[list[dict[str, Any]], Any],
) -> None:
    """With no directory known, the commission opening the cases is their inspecting body."""
    rows, _ = dues_default
    eng = Engine(book(), MemoryStore(), FixedClock(at(2019, 1, 14)))
    opened = open_from_findings(eng, rows, IC_BODY)
    assert [
        (c.procedure, c.party("inspecting_body"), c.party("deciding_body")) for c in opened
    ] == [("RemovalFromRoll", IC, Body("ward", "standing_committee"))]


# =========================================================================================================
# 19. Expulsion in two stages, decided by the ward's commission after 1 July 2025
#
#    From 1/7/2025 the ward committee is directly above its grassroots cells, and its commission decides
#    every form for their members ((e)14, QĐ 298). Expulsion still needs at least two-thirds of the cell's
#    full members to propose it and more than half of the deciding body to agree (row 16).
# =========================================================================================================
def _commission_ballot(cell_votes_for_expulsion: int) -> tuple[BallotRecord, BallotRecord]:
    paper = ("reprimand", "warning", "expulsion")
    proposal = BallotRecord(
        "B-cell",
        ["expulsion"] * cell_votes_for_expulsion + ["warning"] * (10 - cell_votes_for_expulsion),
        members=10,
        choices=paper,
        violation_on=D(2025, 8, 1),
        kind="proposal_ballot",
    )
    decision = BallotRecord(
        "B-ic",
        ["expulsion"] * 4 + ["warning"] * 3,
        members=7,
        choices=paper,
        violation_on=D(2025, 8, 1),
    )
    return proposal, decision


@pytest.fixture
def commission_ballot() -> Story:
    """A proceeding run by the ward's commission in September 2025, at its secret ballot."""
    eng = engine(at(2025, 9, 1))
    parties = {
        "deciding_body": IC,
        "cell": CELL1,
        "superior_body": Body("province", "inspection_commission"),
    }
    case = eng.open(
        PROCEEDING, MEMBER, [Ground("case", "I-1")], IC_CHAIR, at(2025, 9, 1), parties=parties
    ).id
    fire(
        eng,
        case,
        "proceed",
        IC_CHAIR,
        at(2025, 9, 2),
        facts=(ViolationFacts("V-19", "expulsion", D(2025, 8, 1)),),
    )
    fire(eng, case, "submit_self_criticism", SUBJECT_ACTOR, at(2025, 9, 3), "self_criticism")
    fire(eng, case, "conclude_cell_meeting", CELL_SECRETARY, at(2025, 9, 4), "minutes")
    fire(eng, case, "hear_member", IC_CHAIR, at(2025, 9, 5), "hearing_minutes")
    return Story(eng, {"proceeding": case})


def test_the_ward_commission_expels_on_a_two_thirds_proposal(commission_ballot: Story) -> None:
    """7 of 10 in the cell propose, 4 of 7 in the commission agree: the expulsion stands (row 16, (e)14)."""
    eng, case = commission_ballot.eng, commission_ballot.cases["proceeding"]
    fire(eng, case, "decide_expulsion", IC_CHAIR, at(2025, 9, 8), facts=_commission_ballot(7))
    assert outcome_of(PROCEEDING, eng.history(case, IC_CHAIR)) == "expulsion"


def test_the_ward_commission_may_not_expel_on_sixty_percent(commission_ballot: Story) -> None:
    """6 of 10 in the cell is less than two-thirds: the proposal carried a warning, the expulsion fails (row 16)."""
    exc = refused(
        commission_ballot.eng,
        commission_ballot.cases["proceeding"],
        "decide_expulsion",
        IC_CHAIR,
        at(2025, 9, 8),
        evidence=list(_commission_ballot(6)),
    )
    assert (keys(exc), exc.reasons[0].args["proposed"]) == (
        ["sanction.ballot.two_stage_fails"],
        "warning",
    )
