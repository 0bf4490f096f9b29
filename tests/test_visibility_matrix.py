"""The visibility matrix: every role × procedure × confidential field, against tables written by hand.

The expected answers are the tables below (``S`` the field is shown, ``W`` the record is listed with the
field withheld, ``R`` the case file is refused), written from the issue's rules and the rulebooks'
docstrings, not computed from the code under test. Every procedure of the Vietnamese rulebook and of the
example company rulebook gets a case naming every part, with one record of each confidential type attached;
each role then reads the case file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

import pendulum
import pytest

from kiemtra import (
    Body,
    BodyActor,
    Case,
    DenouncerIdentity,
    DraftConclusion,
    Engine,
    Event,
    EvidenceRef,
    FixedClock,
    Ground,
    MemberActor,
    MemoryStore,
    OutsidePerson,
    PermissionDenied,
    StaticDirectory,
    Subject,
    SystemActor,
    WitnessStatement,
    confidential_fields,
)
from kiemtra._example import CompanyCast as Company
from kiemtra._example import company_rulebook
from kiemtra._workflow._access import AccessPolicy
from kiemtra._workflow._redact import Redacted
from kiemtra.rulebooks import vn

AT = pendulum.datetime(2026, 3, 2, 9, tz="Asia/Ho_Chi_Minh")

# -- the tables ------------------------------------------------------------------------------------------
FIELDS = (
    ("DenouncerIdentity", "full_name"),
    ("DenouncerIdentity", "address"),
    ("DenouncerIdentity", "contact"),
    ("WitnessStatement", "witness_name"),
    ("WitnessStatement", "statement"),
    ("DraftConclusion", "text"),
    ("DraftConclusion", "proposed_form"),
    ("EvidenceRef", "content"),
)
"""The columns of the tables, in order: every confidential field of the model."""

# Vietnamese rulebook, the same for each of the twelve procedures.
#                     identity  witness  draft  evidence
VN_TABLE = """
inspecting_chair      S S S     S S      S S    S
inspecting_body       S S S     S S      S S    S
deciding_secretary    S S S     S S      S S    S
superior_chair        S S S     S S      S S    S
province_secretary    S S S     S S      S S    S
team_member           S S S     S S      S S    S
decided_body          W W W     W W      W W    S
subject               W W W     W W      W W    W
cell_secretary        W W W     W W      W W    W
cell_meeting          W W W     W W      W W    W
ward_office           W W W     W W      W W    W
other_cell            R R R     R R      R R    R
denouncer             R R R     R R      R R    R
outsider              R R R     R R      R R    R
system                S S S     S S      S S    S
"""

# The example company rulebook, the same for its two procedures.
#                     identity  witness  draft  evidence
COMPANY_TABLE = """
head                  S S S     S S      S S    S
officer               S S S     S S      S S    S
investigator          S S S     S S      S S    S
board_chair           S S S     S S      S S    S
group_audit           S S S     S S      S S    S
subject               W W W     W W      W W    W
complainant           W W W     W W      W W    W
outsider              R R R     R R      R R    R
system                S S S     S S      S S    S
"""


def _table(text: str) -> dict[str, dict[tuple[str, str], str]]:
    rows = {}
    for line in text.strip().splitlines():
        role, *cells = line.split()
        assert len(cells) == len(FIELDS), role
        rows[role] = dict(zip(FIELDS, cells, strict=True))
    return rows


VN_EXPECTED = _table(VN_TABLE)
COMPANY_EXPECTED = _table(COMPANY_TABLE)

# -- the Vietnamese cast ---------------------------------------------------------------------------------
IC = Body("ward", "inspection_commission")
SC = Body("ward", "standing_committee")
DISTRICT_IC = Body("district", "inspection_commission")
CELL = Body("ward.kp1", "cell_meeting")
DECIDED = Body("ward", "committee")
VN_PARTIES = {
    "inspecting_body": IC,
    "deciding_body": SC,
    "superior_body": DISTRICT_IC,
    "cell": CELL,
    "decided_body": DECIDED,
}
VN_PEOPLE = (("team", "m-team"), ("denouncer", "p-den"))
VN_SUBJECT = Subject("member", "m-subject", "ward.kp1")
VN_DIRECTORY = StaticDirectory(
    parents={
        "ward.kp1": "ward",
        "ward.kp2": "ward",
        "ward": "district",
        "other-ward": "district",
        "district": "province",
    },
    levels={"ward.kp1": "cell", "ward.kp2": "cell", "ward": "grassroots", "district": "district"},
)
VN_ROLES: Mapping[str, Any] = {
    "inspecting_chair": MemberActor("m-ic", IC, "chair"),
    "inspecting_body": BodyActor(IC),
    "deciding_secretary": MemberActor("m-ds", SC, "secretary"),
    "superior_chair": MemberActor("m-sup", DISTRICT_IC, "chair"),
    "province_secretary": MemberActor(
        "m-prov", Body("province", "standing_committee"), "secretary"
    ),
    "team_member": MemberActor("m-team", Body("ward", "party_building_board"), "member"),
    "decided_body": MemberActor("m-dec", DECIDED, "secretary"),
    "subject": MemberActor("m-subject", CELL, "member"),
    "cell_secretary": MemberActor("m-cell", CELL, "secretary"),
    "cell_meeting": BodyActor(CELL),
    "ward_office": MemberActor("m-office", Body("ward", "office"), "member"),
    "other_cell": MemberActor("m-other", Body("ward.kp2", "cell_meeting"), "secretary"),
    "denouncer": OutsidePerson("p-den", "denouncer"),
    "outsider": MemberActor("m-out", Body("other-ward", "inspection_commission"), "chair"),
    "system": SystemActor("nightly"),
}

# -- the company cast ------------------------------------------------------------------------------------
COMPANY_ROLES: Mapping[str, Any] = {
    "head": Company.head,
    "officer": Company.officer2,
    "investigator": MemberActor("o-1", Body("acme", "legal"), "lawyer"),
    "board_chair": Company.chair,
    "group_audit": MemberActor("a-1", Body("acme-group", "audit_committee"), "member"),
    "subject": MemberActor("m-9", Body("acme", "engineering"), "engineer"),
    "complainant": Company.complainant,
    "outsider": Company.outsider,
    "system": SystemActor("nightly"),
}


def _records(case_id: str) -> list[Any]:
    return [
        DenouncerIdentity("p-den", case_id, "Lê Văn Tố", "7 Phố Hạ Long", "+84 912 000 111"),
        WitnessStatement(
            "w-1", case_id, "wit-1", dt.date(2026, 3, 1), "Trần Thị Chứng", "I saw it."
        ),
        DraftConclusion(
            "dc-1", case_id, 1, dt.date(2026, 3, 2), IC, "Draft: a warning.", "warning"
        ),
        EvidenceRef(
            "ev-1", "minutes", "cell minutes", dt.date(2026, 2, 1), AT, case_id, "scan://m-1"
        ),
    ]


def _file_cases(engine: Engine, names: list[str], parties: Any, people: Any, subject: Any) -> None:
    """A case of each procedure, written straight into the store, with one record of each type."""
    day = pendulum.date(2026, 3, 2)
    for name in names:
        version = engine.version_at(name, day)
        case = Case(
            name, name, version.version, version.initial, 1, subject, (Ground("letter", "L-1"),),
            tuple(sorted(parties.items())), tuple(people), AT, AT,
        )  # fmt: skip
        event = Event(name, 1, "open", None, None, case.state, SystemActor("intake"), AT, name,
                      version.version)  # fmt: skip
        engine.store.create(case, event)
        for record in _records(name):
            engine.attach(name, record, SystemActor("intake"))


@pytest.fixture(scope="module")
def vn_engine() -> Engine:
    """Every Vietnamese procedure's case, filed with one record of each confidential type."""
    engine = Engine(
        vn.rulebook(VN_DIRECTORY), MemoryStore(), FixedClock(AT),
        access=AccessPolicy(directory=VN_DIRECTORY),
    )  # fmt: skip
    _file_cases(engine, sorted(engine.procedures), VN_PARTIES, VN_PEOPLE, VN_SUBJECT)
    return engine


@pytest.fixture(scope="module")
def company_engine() -> Engine:
    """Both company procedures' cases, filed with one record of each confidential type."""
    engine = Engine(
        company_rulebook(),
        MemoryStore(),
        FixedClock(AT),
        access=AccessPolicy(directory=Company.directory),
    )
    _file_cases(engine, sorted(engine.procedures), Company.parties, Company.people, Company.subject)
    return engine


VN_PROCEDURES = sorted(e.name for e in vn.rulebook().extras["procedures"])
COMPANY_PROCEDURES = ["Complaint", "Misconduct"]
ORIGINAL = {type(r).__name__: r for r in _records("x")}


def _answer(engine: Engine, case_id: str, actor: Any, kind: str, field: str) -> str:
    """What ``actor`` gets of one field: S (shown), W (withheld) or R (the case file refused)."""
    try:
        found = engine.case_file(case_id, actor)
    except PermissionDenied:
        return "R"
    record = next(r.record for r in found if r.kind == kind)
    if isinstance(record, Redacted):
        return "W" if field in record.withheld and field not in record.shown else "?"
    return "S" if getattr(record, field) == getattr(ORIGINAL[kind], field) else "?"


def _cells(
    roles: Mapping[str, Any], procedures: list[str], expected: Mapping[str, Any]
) -> Iterator[Any]:
    for role in roles:
        for procedure in procedures:
            for kind, field in FIELDS:
                yield pytest.param(
                    role, procedure, kind, field, expected[role][(kind, field)],
                    id=f"{role}-{procedure}-{kind}.{field}",
                )  # fmt: skip


def test_the_tables_cover_every_role() -> None:
    """The hand-written tables have a row for every role of each cast."""
    assert (sorted(VN_EXPECTED), sorted(COMPANY_EXPECTED)) == (
        sorted(VN_ROLES),
        sorted(COMPANY_ROLES),
    )


def test_the_columns_are_every_confidential_field() -> None:
    """The tables' columns are exactly the confidential fields of the model's record types."""
    marked = [
        (cls.__name__, f) for cls in map(type, ORIGINAL.values()) for f in confidential_fields(cls)
    ]
    assert sorted(marked) == sorted(FIELDS)


def test_every_vietnamese_procedure_is_in_the_matrix() -> None:
    """The matrix runs over the twelve procedures of the Vietnamese rulebook."""
    assert len(VN_PROCEDURES) == 12


@pytest.mark.parametrize(
    ("role", "procedure", "kind", "field", "expected"),
    list(_cells(VN_ROLES, VN_PROCEDURES, VN_EXPECTED)),
)
def test_vietnamese_matrix(
    vn_engine: Engine, role: str, procedure: str, kind: str, field: str, expected: str
) -> None:
    """A role reading a Vietnamese case file gets the field as the table says."""
    assert _answer(vn_engine, procedure, VN_ROLES[role], kind, field) == expected


@pytest.mark.parametrize(
    ("role", "procedure", "kind", "field", "expected"),
    list(_cells(COMPANY_ROLES, COMPANY_PROCEDURES, COMPANY_EXPECTED)),
)
def test_company_matrix(
    company_engine: Engine, role: str, procedure: str, kind: str, field: str, expected: str
) -> None:
    """A role reading a company case file gets the field as the table says."""
    assert _answer(company_engine, procedure, COMPANY_ROLES[role], kind, field) == expected


# -- beyond the case file: the case, its history and notes -------------------------------------------------
#                     case  history   notes
VN_READS_TABLE = """
inspecting_chair      S     all       S
superior_chair        S     all       S
team_member           S     all       S
subject               S     all       W
cell_secretary        S     all       W
ward_office           S     all       W
denouncer             R     notices   W
outsider              R     R         R
"""
VN_READS = {
    role: dict(zip(("case", "history", "notes"), cells, strict=True))
    for role, *cells in (line.split() for line in VN_READS_TABLE.strip().splitlines())
}
DENUNCIATION = "DenunciationResolution"


@pytest.fixture(scope="module")
def denunciation(vn_engine: Engine) -> str:
    """A denunciation accepted and notified, with a note on every move (written as the handling body)."""
    store = vn_engine.store
    case = store.load(DENUNCIATION)
    moves = (("accept", "INVESTIGATING"), ("conclude_true", "CONCLUDED"),
             ("notify_denouncer", "DENOUNCER_NOTIFIED"))  # fmt: skip
    for trigger, target in moves:
        moved = Case(
            case.id, case.procedure, case.version, target, case.seq + 1, case.subject, case.grounds,
            case.parties, case.people, case.opened_at, AT,
        )  # fmt: skip
        event = Event(case.id, moved.seq, "move", trigger, case.state, target, VN_ROLES["inspecting_chair"],
                      AT, case.procedure, case.version, note=f"note on {trigger}")  # fmt: skip
        store.append(moved, event, case.seq)
        case = moved
    return case.id


def _reads(engine: Engine, case_id: str, actor: Any) -> dict[str, str]:
    out = {}
    try:
        engine.case(case_id, actor)
        out["case"] = "S"
    except PermissionDenied:
        out["case"] = "R"
    try:
        events = engine.history(case_id, actor)
    except PermissionDenied:
        out["history"] = out["notes"] = "R"
        return out
    triggers = [e.trigger for e in events]
    out["history"] = (
        "all"
        if triggers == [None, "accept", "conclude_true", "notify_denouncer"]
        else ("notices" if triggers == ["accept", "notify_denouncer"] else repr(triggers))
    )
    noted = [e.note for e in events if e.trigger is not None]
    out["notes"] = (
        "S"
        if all(n and n.startswith("note on") for n in noted)
        else ("W" if not any(noted) else repr(noted))
    )
    return out


@pytest.mark.parametrize("role", sorted(VN_READS))
def test_vietnamese_reads_of_a_denunciation(
    vn_engine: Engine, denunciation: str, role: str
) -> None:
    """A role reading a denunciation gets the case, the history and the notes as the table says."""
    assert _reads(vn_engine, denunciation, VN_ROLES[role]) == VN_READS[role]


def test_the_denouncer_may_ask_only_about_withdrawing(vn_engine: Engine) -> None:
    """Not seeing the case, the denouncer is told of the move that is theirs alone, its reasons bare."""
    options = vn_engine.available(DENUNCIATION, VN_ROLES["denouncer"])
    bare = [(o.trigger, bool(o.reasons), all(not r.args for r in o.reasons)) for o in options]
    assert bare == [("withdraw", True, True)]


def test_a_reader_without_a_move_of_their_own_is_refused_the_moves(vn_engine: Engine) -> None:
    """An outsider asking which moves are open is refused, as for the case itself."""
    with pytest.raises(PermissionDenied, match="may not read case"):
        vn_engine.available(DENUNCIATION, VN_ROLES["outsider"])


# -- replaced by the host ----------------------------------------------------------------------------------
def test_a_host_replaces_the_rulebooks_rules() -> None:
    """A host's own rules replace the rulebook's: here the subject is shown the denouncer's identity."""
    from kiemtra._workflow._visibility import ALL, Visibility, VisibilityRule

    engine = Engine(
        vn.rulebook(VN_DIRECTORY), MemoryStore(), FixedClock(AT),
        access=AccessPolicy(directory=VN_DIRECTORY),
        visibility=Visibility([VisibilityRule("subject", sees=[ALL]), VisibilityRule("system", sees=[ALL])]),
    )  # fmt: skip
    _file_cases(engine, [DENUNCIATION], VN_PARTIES, VN_PEOPLE, VN_SUBJECT)
    assert (
        _answer(engine, DENUNCIATION, VN_ROLES["subject"], "DenouncerIdentity", "full_name") == "S"
    )


# -- ratings: a cell sees its own members', a superior body those below it ---------------------------------
WARD_CELLS = ("HA_LAM-CB-KHU1", "HA_LAM-CB-KHU2")


@pytest.fixture(scope="module")
def rating() -> Any:
    """The Hà Lầm 2018 facts and an engine with no directory (the facts' organisation tree is used)."""
    from kiemtra import synth

    facts = synth.ha_lam_2018().facts
    return facts, Engine(vn.rulebook(), MemoryStore(), FixedClock(AT))


def _rated_cells(rating: Any, actor: Any) -> set[str]:
    facts, engine = rating
    return set(engine.rate(facts, 2018, actor=actor).data["cell_id"].to_list())


def test_a_cell_sees_its_own_members_ratings_only(rating: Any) -> None:
    """The secretary of cell KHU1 gets the ratings of KHU1's members and of no other cell."""
    actor = MemberActor("s-1", Body(WARD_CELLS[0], "cell_meeting"), "secretary")
    assert _rated_cells(rating, actor) == {WARD_CELLS[0]}


def test_another_cell_sees_its_own(rating: Any) -> None:
    """The secretary of cell KHU2 gets KHU2's ratings only."""
    actor = MemberActor("s-2", Body(WARD_CELLS[1], "cell_meeting"), "secretary")
    assert _rated_cells(rating, actor) == {WARD_CELLS[1]}


def test_the_ward_sees_what_its_cells_see(rating: Any) -> None:
    """The ward's standing committee, above every cell, gets the ratings of all its cells."""
    facts, engine = rating
    every = set(engine.rate(facts, 2018).data["cell_id"].to_list())
    assert _rated_cells(rating, BodyActor(Body("HA_LAM", "standing_committee"))) == every


def test_an_outside_person_sees_no_rating(rating: Any) -> None:
    """Someone outside the party organisation gets no rating at all."""
    assert _rated_cells(rating, OutsidePerson("p-9", "complainant")) == set()


# -- an export made for an actor -----------------------------------------------------------------------------
def _exported(engine: Engine, actor: Any) -> list[dict[str, Any]]:
    import io
    import json

    out = io.StringIO()
    engine.export(out, actor)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_the_denouncers_export_holds_their_notices_only(
    vn_engine: Engine, denunciation: str
) -> None:
    """Exported for the denouncer: the acknowledgement and the outcome notice, no case, no record."""
    lines = _exported(vn_engine, VN_ROLES["denouncer"])[1:-1]
    kept = [(sorted(line), line.get("event", {}).get("trigger")) for line in lines]
    assert kept == [(["event"], "accept"), (["event"], "notify_denouncer")]


def test_an_outsiders_export_is_empty(vn_engine: Engine) -> None:
    """Exported for someone with no part in any case: a header and a trailer counting nothing."""
    lines = _exported(vn_engine, VN_ROLES["outsider"])
    assert lines[1:] == [{"cases": 0, "end": True, "events": 0, "records": 0}]


def test_the_subjects_export_has_every_case_and_no_identity(vn_engine: Engine) -> None:
    """Exported for the subject: all twelve cases, their records redacted, no identity anywhere."""
    lines = _exported(vn_engine, VN_ROLES["subject"])
    text = str(lines)
    assert (lines[-1]["cases"], "Lê Văn Tố" in text, "Trần Thị Chứng" in text) == (12, False, False)
