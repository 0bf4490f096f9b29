"""The engine's hypothesis stateful test, run over every one of the twelve Vietnamese procedures.

Each machine opens one case of a procedure in the ward of ``tests/vn_cast.py`` and fires random moves by
random actors on random days with random evidence: no sequence reaches a state its version does not define,
every landed move is a move of the definition from the state the case was in, and every refused fire
leaves the case and its history untouched (:func:`kiemtra.testing.procedure_state_machine`).

The guards read facts (a ballot, a violation, a letter), while the machine attaches bare evidence of a kind.
:class:`PayloadEngine` swaps each for a record of the same kind with facts chosen by the evidence's id and
the day, so the machine reaches the states behind the guards, both ways. Procedures with several versions run once per
version.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pendulum
from hypothesis import HealthCheck, settings
from tests.vn_cast import (
    CELL1,
    CELL_MEMBER,
    CELL_SECRETARY,
    CELL_SUBJECT,
    DENOUNCER,
    DIRECTORY,
    DISTRICT_CHAIR,
    DISTRICT_IC,
    DISTRICT_SC,
    DISTRICT_SECRETARY,
    IC,
    IC_BODY,
    IC_CHAIR,
    IC_MEMBER,
    MEMBER,
    OTHER_CELL_SECRETARY,
    SC,
    SC_SECRETARY,
    SUBJECT_ACTOR,
    SUBJECT_ID,
    at,
    book,
)

from kiemtra import AccessPolicy, Body, Engine, Event, MoveOption, Subject
from kiemtra._sanctions._limitation import PersonalSituation
from kiemtra._sanctions._removal import Education
from kiemtra._stateful import procedure_state_machine
from kiemtra._testing_factories import make_member
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
)

ACTORS = (
    IC_CHAIR,
    IC_MEMBER,
    IC_BODY,
    SC_SECRETARY,
    CELL_SECRETARY,
    CELL_MEMBER,
    SUBJECT_ACTOR,
    DISTRICT_CHAIR,
    DISTRICT_SECRETARY,
    OTHER_CELL_SECRETARY,
    DENOUNCER,
)
BOOK = book()
SETTINGS = settings(
    max_examples=10,
    stateful_step_count=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

Maker = Callable[[str, pendulum.Date], Any]


def _pick(evidence_id: str, options: Sequence[Any]) -> Any:
    return options[zlib.crc32(evidence_id.encode()) % len(options)]


def _violation(i: str, d: pendulum.Date) -> Any:
    return _pick(
        i,
        [
            ViolationFacts(i, "reprimand", d.subtract(years=1)),
            ViolationFacts(i, "reprimand", d.subtract(years=6)),
            ViolationFacts(
                i,
                "warning",
                d.subtract(years=1),
                situation=PersonalSituation(children_born=[d.subtract(months=2)]),
            ),
        ],
    )


def _ballot(i: str, d: pendulum.Date) -> Any:
    on = d.subtract(years=1)
    return _pick(
        i,
        [
            BallotRecord(
                i,
                ["warning"] * 6 + ["reprimand"] * 4,
                members=10,
                choices=("reprimand", "warning"),
                violation_on=on,
            ),
            BallotRecord(
                i,
                ["expulsion"] * 7 + ["warning"] * 3,
                members=10,
                choices=("reprimand", "warning", "expulsion"),
                violation_on=on,
            ),
            BallotRecord(
                i,
                ["reprimand"] * 2 + [None] * 8,
                members=10,
                choices=("reprimand", "warning"),
                violation_on=on,
            ),
        ],
    )


def _proposal(i: str, d: pendulum.Date) -> Any:
    return BallotRecord(
        i,
        ["expulsion"] * 7 + ["warning"] * 3,
        members=10,
        choices=("reprimand", "warning", "expulsion"),
        violation_on=d.subtract(years=1),
        kind="proposal_ballot",
    )


def _letter(i: str, d: pendulum.Date) -> Any:
    return _pick(
        i,
        [
            LetterFacts(i, d),
            LetterFacts(i, d, named=False, address_given=False),
            LetterFacts(i, d, repeats_concluded_case=True),
            LetterFacts(i, d, also_complaint=True),
            LetterFacts(i, d, concrete=False),
            LetterFacts(i, d, congress_opens_on=d.add(days=14)),
        ],
    )


PAYLOADS: Mapping[str, Maker] = {
    "violation": _violation,
    "ballot": _ballot,
    "proposal_ballot": _proposal,
    "letter": _letter,
    "complaint": lambda i, d: ComplaintFacts(
        i, d, form="warning", announced_on=d.subtract(days=10)
    ),
    "sanction": lambda i, d: _pick(
        i,
        [
            SanctionRecord(i, "warning", d.subtract(days=400)),
            SanctionRecord(i, "expulsion", d.subtract(days=400)),
        ],
    ),
    "removal_grounds": lambda i, d: _pick(
        i,
        [
            RemovalFacts(i, make_member(id=SUBJECT_ID), education=Education(d.subtract(days=500))),
            RemovalFacts(i, make_member(id=SUBJECT_ID), deserved_form="expulsion"),
        ],
    ),
    "suspension_grounds": lambda i, d: SuspensionFacts(i, committee_member=_pick(i, [False, True])),
    "rating": lambda i, d: RatingRecord(
        i, _pick(i, ["excellent", "good", "completed", "not_completed"])
    ),
    "restoration_record": lambda i, d: _pick(
        i,
        [
            RestorationRecord(i, d, posts_restored=True, rights_restored=True),
            RestorationRecord(i, None),
        ],
    ),
}


class PayloadEngine(Engine):
    """An engine that gives each bare piece of evidence the facts of its kind before the guards see it."""

    def _facts(self, evidence: Sequence[Any]) -> list[Any]:
        today = self.clock.today()
        return [
            PAYLOADS[e.kind](f"{e.id}@{today.isoformat()}", today)
            if e.kind in PAYLOADS
            else Doc(e.id, e.kind)
            for e in evidence
        ]

    def fire(
        self,
        case_id: str,
        trigger: str,
        actor: Any,
        at: Any = None,
        note: str | None = None,
        evidence: Sequence[Any] = (),
        expected_version: int | None = None,
    ) -> Event:
        """Fire with the evidence given its facts."""
        return super().fire(
            case_id, trigger, actor, at, note, self._facts(evidence), expected_version
        )

    def available(
        self, case_id: str, actor: Any, at: Any = None, evidence: Sequence[Any] = ()
    ) -> list[MoveOption]:
        """Available moves with the evidence given its facts."""
        return super().available(case_id, actor, at, self._facts(evidence))


def _kinds(name: str) -> list[str]:
    proc = next(p for p in BOOK.extras["procedures"] if p.name == name)
    return sorted({k for v in proc.versions for m in v.moves for k in m.requires.evidence_kinds})


def machine(
    name: str,
    start: pendulum.DateTime,
    subject: Subject,
    parties: Mapping[str, Body],
    people: Sequence[tuple[str, str]] = (),
) -> Any:
    """The stateful test of procedure ``name``, its case opened at ``start``."""
    built = procedure_state_machine(
        BOOK,
        name,
        actors=ACTORS,
        subject=subject,
        parties=parties,
        people=people,
        evidence_kinds=_kinds(name),
        start=start,
        access=AccessPolicy(directory=DIRECTORY),
        make_engine=PayloadEngine,
    )
    built.TestCase.settings = SETTINGS
    return built.TestCase


INSPECTING = {"inspecting_body": IC, "cell": CELL1, "superior_body": DISTRICT_IC}
TEAM = (("team", IC_MEMBER.member_id),)
PROCEEDING = {
    "deciding_body": IC,
    "cell": CELL1,
    "superior_body": DISTRICT_IC,
    "inspecting_body": IC,
}
CELL_PROCEEDING = {"deciding_body": CELL1, "cell": CELL1, "superior_body": IC}
ORG_INSPECTION = {
    "inspecting_body": IC,
    "subject_org": CELL1,
    "deciding_body": SC,
    "superior_body": DISTRICT_IC,
}
ROLL = {"cell": CELL1, "deciding_body": SC, "inspecting_body": IC, "superior_body": DISTRICT_SC}

TestInspectionOnSigns2019 = machine(
    "InspectionOnSignsOfViolation", at(2019, 6, 3), MEMBER, INSPECTING, TEAM
)
TestInspectionOnSigns2024 = machine(
    "InspectionOnSignsOfViolation", at(2024, 6, 3), MEMBER, INSPECTING, TEAM
)
TestThematicInspection = machine(
    "ThematicInspection",
    at(2024, 3, 4),
    MEMBER,
    {"inspecting_body": CELL1, "cell": CELL1, "superior_body": IC},
)
TestOversightDuties = machine(
    "InspectionOfOversightDuties", at(2024, 3, 4), CELL_SUBJECT, ORG_INSPECTION, TEAM
)
TestPartyFinance2019 = machine(
    "PartyFinanceInspection", at(2019, 6, 3), CELL_SUBJECT, ORG_INSPECTION, TEAM
)
TestPartyFinance2024 = machine(
    "PartyFinanceInspection", at(2024, 6, 3), CELL_SUBJECT, ORG_INSPECTION, TEAM
)
TestThematicSupervision = machine("ThematicSupervision", at(2024, 3, 4), MEMBER, INSPECTING, TEAM)
TestRegularSupervision = machine(
    "RegularSupervision", at(2024, 3, 4), CELL_SUBJECT, {"inspecting_body": IC, "cell": CELL1}
)
TestDenunciation2019 = machine(
    "DenunciationResolution",
    at(2019, 6, 3),
    MEMBER,
    PROCEEDING,
    (("denouncer", DENOUNCER.person_id), *TEAM),
)
TestDenunciation2024 = machine(
    "DenunciationResolution",
    at(2024, 6, 3),
    MEMBER,
    PROCEEDING,
    (("denouncer", DENOUNCER.person_id), *TEAM),
)
TestProceeding2019 = machine("DisciplinaryProceeding", at(2019, 6, 3), MEMBER, PROCEEDING)
TestProceeding2023 = machine("DisciplinaryProceeding", at(2023, 6, 5), MEMBER, CELL_PROCEEDING)
TestProceeding2025 = machine("DisciplinaryProceeding", at(2025, 9, 1), MEMBER, PROCEEDING)
TestComplaint2019 = machine(
    "DisciplinaryComplaintResolution",
    at(2019, 6, 3),
    MEMBER,
    {"deciding_body": IC, "decided_body": CELL1, "superior_body": DISTRICT_IC},
)
TestComplaint2024 = machine(
    "DisciplinaryComplaintResolution",
    at(2024, 6, 3),
    MEMBER,
    {"deciding_body": IC, "decided_body": CELL1, "superior_body": DISTRICT_IC},
)
TestRemovalFromRoll = machine("RemovalFromRoll", at(2024, 3, 4), MEMBER, ROLL)
TestQuality2019 = machine("QualityClassification", at(2019, 12, 2), MEMBER, ROLL)
TestQuality2024 = machine("QualityClassification", at(2024, 12, 2), MEMBER, ROLL)
TestSuspension = machine("Suspension", at(2024, 3, 4), MEMBER, {"deciding_body": SC, "cell": CELL1})
