"""The Engine on the example company rulebook: opening, moving, every kind of block, versions, reads."""

from __future__ import annotations

import attrs
import pendulum
import pytest

from kiemtra import (
    InvalidInput,
    NotInForce,
    PermissionDenied,
    StaleWrite,
    TransitionNotAllowed,
    UnknownReference,
)
from kiemtra._calendar import FixedClock
from kiemtra._example import CompanyCast as C
from kiemtra._example import company_rulebook
from kiemtra._store._memory import MemoryStore
from kiemtra._workflow._access import AccessPolicy, Competence
from kiemtra._workflow._case import Case, Ground
from kiemtra._workflow._engine import Engine

VN = "Asia/Ho_Chi_Minh"


@attrs.frozen
class Doc:
    """Evidence attached to a fire."""

    id: str
    kind: str


def at(y: int, m: int, d: int, h: int = 9) -> pendulum.DateTime:
    """An instant in Vietnam."""
    return pendulum.datetime(y, m, d, h, tz=VN)


START = at(2024, 3, 1)


def engine(start: pendulum.DateTime = START, **kw: object) -> Engine:
    """An engine on the company rulebook, a memory store and a fixed clock."""
    counter = iter(range(1, 10_000))
    return Engine(
        company_rulebook(),
        MemoryStore(),
        FixedClock(start),
        ids=lambda: f"c{next(counter)}",
        **kw,  # type: ignore[arg-type]
    )


def opened(e: Engine, when: pendulum.DateTime | None = None, **kw: object) -> Case:
    """A complaint opened by the officer."""
    people = kw.pop("people", C.people)
    return e.open(
        "Complaint",
        C.subject,
        [Ground("letter", "L-1")],
        C.officer,
        when,
        parties=C.parties,
        people=people,  # type: ignore[arg-type]
    )


def to_reported(e: Engine, case: Case) -> None:
    """Drive a case to 'reported'."""
    e.fire(case.id, "acknowledge", C.officer)
    e.fire(case.id, "assign", C.head)
    e.fire(case.id, "report", C.officer, evidence=[Doc("r1", "report")])


def keys(err: pytest.ExceptionInfo[TransitionNotAllowed]) -> list[str]:
    """The message keys of a refusal's reasons."""
    return [r.message_key for r in err.value.reasons]


def test_open_starts_in_the_initial_state_with_its_deadline() -> None:
    """A complaint received on Fri 1 Mar 2024 must be acknowledged within 3 working days: Wed 6 Mar."""
    case = opened(engine())
    assert (case.state, case.seq, case.version, case.deadline and case.deadline.due) == (
        "received",
        1,
        "2020",
        pendulum.date(2024, 3, 6),
    )


def test_fire_moves_and_records_the_event() -> None:
    """A landed move records trigger, states, actor, version, evidence and parameters used."""
    e = engine()
    case = opened(e)
    e.fire(case.id, "acknowledge", C.officer)
    event = e.fire(case.id, "assign", C.head, note="to o-1")
    assert (
        event.seq,
        event.source,
        event.target,
        event.actor,
        event.procedure_version,
        event.note,
        event.params,
        event.due,
    ) == (
        3,
        "acknowledged",
        "investigating",
        C.head,
        "2020",
        "to o-1",
        (("complaint.investigate_within", "2020-01-01"),),
        pendulum.date(2024, 4, 1),
    )


def test_wrong_state_blocks() -> None:
    """Deciding a complaint that is only received is refused with the wrong-state reason."""
    e = engine()
    case = opened(e)
    with pytest.raises(TransitionNotAllowed) as err:
        e.fire(case.id, "decide", C.head, evidence=[Doc("d", "decision")])
    assert keys(err) == ["workflow.blocked.wrong_state"]


def test_missing_evidence_blocks() -> None:
    """A report without the report attached is refused with the missing-evidence reason."""
    e = engine()
    case = opened(e)
    e.fire(case.id, "acknowledge", C.officer)
    e.fire(case.id, "assign", C.head)
    with pytest.raises(TransitionNotAllowed) as err:
        e.fire(case.id, "report", C.officer)
    assert keys(err) == ["workflow.blocked.missing_evidence"]


def test_actor_without_the_role_is_blocked() -> None:
    """An officer may not assign; only the head may."""
    e = engine()
    case = opened(e)
    e.fire(case.id, "acknowledge", C.officer)
    with pytest.raises(TransitionNotAllowed) as err:
        e.fire(case.id, "assign", C.officer)
    assert keys(err) == ["workflow.blocked.not_permitted"]


def test_body_of_another_organisation_is_blocked() -> None:
    """The head of another company's office has no competence over this case."""
    e = engine()
    case = opened(e)
    with pytest.raises(TransitionNotAllowed) as err:
        e.fire(case.id, "acknowledge", C.outsider)
    assert keys(err) == ["workflow.blocked.not_permitted"]


def test_superior_body_may_act_where_permitted() -> None:
    """The group's ethics board chair reviews an appeal against the company office's decision."""
    e = engine(access=AccessPolicy(directory=C.directory))
    case = opened(e)
    to_reported(e, case)
    e.fire(case.id, "decide", C.head, evidence=[Doc("d", "decision")])
    e.fire(case.id, "notify", C.officer)
    e.fire(case.id, "appeal", C.complainant)
    assert e.fire(case.id, "review", C.chair).target == "reviewed"


def test_subject_has_a_conflict() -> None:
    """The member the complaint is about may not acknowledge it, even holding the officer role."""
    e = engine()
    case = opened(e)
    subject_as_officer = attrs.evolve(C.officer, member_id=C.subject.id)
    with pytest.raises(TransitionNotAllowed) as err:
        e.fire(case.id, "acknowledge", subject_as_officer)
    assert "workflow.blocked.conflict_subject" in keys(err)


def test_denouncer_has_a_conflict() -> None:
    """A person who is the case's denouncer may not act for the office."""
    e = engine()
    case = opened(e, people=(("denouncer", "o-2"),))
    with pytest.raises(TransitionNotAllowed) as err:
        e.fire(case.id, "acknowledge", C.officer2)
    assert keys(err) == ["workflow.blocked.conflict_denouncer"]


def test_inspector_of_the_earlier_case_has_a_conflict() -> None:
    """An investigator of a complaint may not act on the misconduct case it opened."""
    e = engine()
    case = opened(e)
    to_reported(e, case)
    e.fire(case.id, "refer", C.head)
    follow_up = next(c for c in e.store.cases() if c.parent == case.id)
    with pytest.raises(TransitionNotAllowed) as err:
        e.fire(follow_up.id, "hear", C.officer)  # o-1 was on the complaint's team
    assert keys(err) == ["workflow.blocked.conflict_inspector"]


def test_host_conflict_blocks() -> None:
    """A host-supplied conflict (kinship) blocks the actor with the host's explanation."""
    from kiemtra import Explanation

    def kin(case: Case, actor: object) -> Explanation | None:
        return Explanation("host.kinship", "1", "host.kinship") if actor == C.officer else None

    e = engine(access=AccessPolicy(conflicts=[kin]))
    case = opened(e)
    with pytest.raises(TransitionNotAllowed) as err:
        e.fire(case.id, "acknowledge", C.officer)
    assert keys(err) == ["host.kinship"]


def test_separation_of_duties_blocks() -> None:
    """Whoever wrote the report may not decide on it."""
    e = engine()
    case = opened(e)
    e.fire(case.id, "acknowledge", C.officer)
    e.fire(case.id, "assign", C.head)
    writer_and_head = attrs.evolve(C.head, member_id="h-2")
    e.fire(
        case.id, "report", attrs.evolve(C.officer, member_id="h-2"), evidence=[Doc("r", "report")]
    )
    with pytest.raises(TransitionNotAllowed) as err:
        e.fire(case.id, "decide", writer_and_head, evidence=[Doc("d", "decision")])
    assert keys(err) == ["workflow.blocked.separation_of_duties"]


def test_competence_by_level_blocks() -> None:
    """A competence row limiting 'decide' to group-level bodies blocks the company office."""
    rows = [Competence("Complaint", "decide", levels=("group",), rule_id="acme.competence.decide")]
    e = engine(access=AccessPolicy(directory=C.directory, competence=rows))
    case = opened(e)
    to_reported(e, case)
    with pytest.raises(TransitionNotAllowed) as err:
        e.fire(case.id, "decide", C.head, evidence=[Doc("d", "decision")])
    assert [(r.rule_id, r.message_key) for r in err.value.reasons] == [
        ("acme.competence.decide", "workflow.blocked.level_not_competent")
    ]


def test_competence_by_subject_post_blocks() -> None:
    """A competence row taking engineers out of the office's hands blocks its decision."""
    rows = [Competence("Complaint", "decide", barred_subject_posts=("engineer",))]
    e = engine(access=AccessPolicy(directory=C.directory, competence=rows))
    case = opened(e)
    to_reported(e, case)
    with pytest.raises(TransitionNotAllowed) as err:
        e.fire(case.id, "decide", C.head, evidence=[Doc("d", "decision")])
    assert keys(err) == ["workflow.blocked.subject_post_not_competent"]


def test_deadline_passed_blocks() -> None:
    """An appeal 16 days after the notice misses the 15-day window; on day 15 it lands."""
    e = engine()
    case = opened(e)
    to_reported(e, case)
    e.fire(case.id, "decide", C.head, evidence=[Doc("d", "decision")])
    e.fire(case.id, "notify", C.officer, at=at(2024, 4, 1))  # Mon; +15 days = Tue 16 Apr
    with pytest.raises(TransitionNotAllowed) as err:
        e.fire(case.id, "appeal", C.complainant, at=at(2024, 4, 17))
    assert keys(err) == ["workflow.blocked.deadline_passed"]
    assert err.value.reasons[0].thresholds["due"] == pendulum.date(2024, 4, 16)
    assert e.fire(case.id, "appeal", C.complainant, at=at(2024, 4, 16)).target == "appealed"


def test_rulebook_guard_blocks() -> None:
    """An anonymous complaint cannot be assigned for investigation (the rulebook's guard)."""
    e = engine()
    case = opened(e, people=())
    e.fire(case.id, "acknowledge", C.officer)
    with pytest.raises(TransitionNotAllowed) as err:
        e.fire(case.id, "assign", C.head)
    assert keys(err) == ["company.blocked.anonymous"]


def test_blocked_fire_changes_nothing() -> None:
    """A refused fire leaves the case snapshot and the events exactly as they were."""
    e = engine()
    case = opened(e)
    before = (e.store.load(case.id), e.store.events(case.id))
    with pytest.raises(TransitionNotAllowed):
        e.fire(case.id, "assign", C.officer)
    assert (e.store.load(case.id), e.store.events(case.id)) == before


def test_all_reasons_are_reported_together() -> None:
    """A fire blocked for several reasons carries every one of them."""
    e = engine()
    case = opened(e)
    with pytest.raises(TransitionNotAllowed) as err:
        e.fire(case.id, "report", C.head)
    assert keys(err) == [
        "workflow.blocked.wrong_state",
        "workflow.blocked.not_permitted",
        "workflow.blocked.missing_evidence",
    ]


def test_available_lists_allowed_and_blocked_moves() -> None:
    """available() gives every move with the same reasons a fire would raise."""
    e = engine()
    case = opened(e)
    options = {o.trigger: o for o in e.available(case.id, C.officer)}
    assert options["acknowledge"].allowed
    assert not options["decide"].allowed
    assert next(r.message_key for r in options["decide"].reasons) == "workflow.blocked.wrong_state"
    assert set(options) == {m.trigger for m in e.procedure("Complaint").versions[0].moves}


def test_stale_expected_version_is_refused() -> None:
    """A writer holding version 1 after someone moved the case to version 2 gets StaleWrite."""
    e = engine()
    case = opened(e)
    e.fire(case.id, "acknowledge", C.officer, expected_version=1)
    with pytest.raises(StaleWrite) as err:
        e.fire(case.id, "assign", C.head, expected_version=1)
    assert (err.value.expected, err.value.actual, e.store.load(case.id).state) == (
        1,
        2,
        "acknowledged",
    )


def test_unknown_trigger_is_invalid_input() -> None:
    """A trigger the procedure does not define is refused naming it, the case and the state."""
    e = engine()
    case = opened(e)
    with pytest.raises(InvalidInput, match="explode.*received"):
        e.fire(case.id, "explode", C.head)


def test_unknown_case_is_refused() -> None:
    """Firing on a case id that does not exist raises UnknownReference."""
    with pytest.raises(UnknownReference, match="nope"):
        engine().fire("nope", "acknowledge", C.officer)


def test_naive_time_is_refused() -> None:
    """A naive 'at' is refused before anything is written."""
    import datetime as dt

    e = engine()
    case = opened(e)
    with pytest.raises(InvalidInput, match="naive"):
        e.fire(case.id, "acknowledge", C.officer, at=dt.datetime(2024, 3, 2, 9))


def test_open_needs_grounds() -> None:
    """A case opened without grounds is refused."""
    e = engine()
    with pytest.raises(InvalidInput, match="ground"):
        e.open("Complaint", C.subject, [], C.officer, parties=C.parties)


def test_open_by_an_outsider_is_refused() -> None:
    """Another company's office may not open a complaint about this company's member."""
    with pytest.raises(PermissionDenied):
        engine().open(
            "Complaint", C.subject, [Ground("letter", "L")], C.outsider, parties=C.parties
        )


def test_no_version_in_force_before_the_first() -> None:
    """A complaint dated 2019 finds no procedure version in force."""
    with pytest.raises(NotInForce, match="Complaint"):
        opened(engine(), at(2019, 6, 1))


def test_case_keeps_the_version_it_opened_under() -> None:
    """A case opened in December 2024 runs under version 2020 in 2025; a new one gets version 2025."""
    e = engine(at(2024, 12, 30))
    old = opened(e)
    e.clock.set(at(2025, 1, 6))  # type: ignore[attr-defined]
    e.fire(old.id, "acknowledge", C.officer)
    new = opened(e)
    assert (e.store.load(old.id).version, new.version) == ("2020", "2025")
    with pytest.raises(InvalidInput, match="v2020 has no such move"):
        e.fire(old.id, "triage", C.officer)


def test_later_steps_read_parameters_in_force_on_their_date() -> None:
    """A 2020-version case assigned in 2025 gets the 2025 investigation limit of 20 days."""
    e = engine(at(2024, 12, 30))
    case = opened(e)
    e.fire(case.id, "acknowledge", C.officer)
    event = e.fire(
        case.id, "assign", C.head, at=at(2025, 3, 3)
    )  # Mon 3 Mar + 20 days = Sun 23 -> Mon 24
    assert event.due == pendulum.date(2025, 3, 24)


def test_extension_is_an_event_and_counts() -> None:
    """Extending the investigation adds 10 working days once; a second extension is refused."""
    e = engine()
    case = opened(e)
    e.fire(case.id, "acknowledge", C.officer)
    e.fire(case.id, "assign", C.head)  # due Mon 1 Apr 2024
    event = e.extend(case.id, C.head)
    assert (event.kind, event.due) == ("extend", pendulum.date(2024, 4, 15))
    with pytest.raises(TransitionNotAllowed) as err:
        e.extend(case.id, C.head)
    assert keys(err) == ["workflow.blocked.extensions_exhausted"]


def test_extension_by_an_actor_not_in_charge_is_refused() -> None:
    """The complainant cannot extend the office's investigation deadline."""
    e = engine()
    case = opened(e)
    e.fire(case.id, "acknowledge", C.officer)
    e.fire(case.id, "assign", C.head)
    with pytest.raises(TransitionNotAllowed) as err:
        e.extend(case.id, C.complainant)
    assert "workflow.blocked.not_permitted" in keys(err)


def test_link_opens_a_follow_up_case() -> None:
    """Referring a complaint opens a misconduct case grounded on it, with the parties carried over."""
    e = engine()
    case = opened(e)
    to_reported(e, case)
    e.fire(case.id, "refer", C.head)
    follow_up = next(c for c in e.store.cases() if c.parent == case.id)
    assert (
        follow_up.procedure,
        follow_up.grounds,
        follow_up.party("board"),
        follow_up.subject,
    ) == (
        "Misconduct",
        (Ground("case", case.id),),
        C.board,
        C.subject,
    )


def test_party_may_read_and_outsider_may_not() -> None:
    """The office reads its case; another company's office is refused."""
    e = engine()
    case = opened(e)
    assert e.case(case.id, C.head).id == case.id
    with pytest.raises(PermissionDenied, match="read"):
        e.case(case.id, C.outsider)


def test_superior_may_read() -> None:
    """The group's board, superior to the company, reads the company's case history."""
    e = engine(access=AccessPolicy(directory=C.directory))
    case = opened(
        e,
    )
    other = attrs.evolve(C.chair, body=attrs.evolve(C.board, kind="audit_committee"))
    assert len(e.history(case.id, other)) == 1


def test_overdue_across_tet() -> None:
    """Received Thu 12 Feb 2026, 3 working days run Fri 13, Mon 23, Tue 24 Feb: Tết (14–22) is skipped."""
    e = engine(at(2026, 2, 12))
    case = opened(e)
    assert case.deadline is not None and case.deadline.due == pendulum.date(2026, 2, 24)
    assert e.overdue(pendulum.date(2026, 2, 20), C.head) == []
    assert e.overdue(pendulum.date(2026, 2, 24), C.head) == []
    assert [c.id for c in e.overdue(pendulum.date(2026, 2, 25), C.head)] == [case.id]


def test_overdue_only_lists_readable_cases() -> None:
    """An overdue case is not shown to an actor who may not read it."""
    e = engine(at(2026, 2, 6))
    opened(e)
    assert e.overdue(pendulum.date(2026, 3, 31), C.outsider) == []
