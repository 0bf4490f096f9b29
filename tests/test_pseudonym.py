"""Personal data and the pseudonymised export for statistics: stable pseudonyms per export key."""

from __future__ import annotations

import io
import json
from typing import Any

import pendulum
import pytest
from tests.store_helpers import LIFE, make_engine, open_case

from kiemtra import DenouncerIdentity, InvalidInput, MemoryStore, WitnessStatement
from kiemtra._example import CompanyCast as C
from kiemtra._pseudonym import Pseudonymiser, personal_data, pseudonymised_export

KEY = b"statistics-2026-key-0001"
OTHER_KEY = b"statistics-2027-key-0002"
PERSONAL_IDS = ("m-9", "p-1", "o-1", "h-1", "c-1")
"""Every id of a person the example cases name: the employee, the complainant, the staff and the chair."""


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    """Two complaints, one closed with notes, both with a confidential file."""
    memory = MemoryStore()
    engine = make_engine(memory)
    for n in range(2):
        case = open_case(engine)
        engine.attach(
            case.id, DenouncerIdentity("p-1", case.id, "Vũ Thị Riêng", "9 Phố Tư"), C.head
        )
        engine.attach(
            case.id,
            WitnessStatement(
                "w-1", case.id, "wit-1", pendulum.date(2024, 3, 1), "Lý Văn Nhìn", "Saw."
            ),
            C.head,
        )
        for trigger, actor, evidence in LIFE[: 6 * n]:
            engine.fire(case.id, trigger, actor, evidence=evidence, note="met Vũ Thị Riêng")
    return memory


def _export(store: MemoryStore, key: bytes) -> list[dict[str, Any]]:
    out = io.StringIO()
    pseudonymised_export(store, out, key)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_the_same_key_gives_the_same_export(store: MemoryStore) -> None:
    """Two exports under one key are identical: pseudonyms are stable."""
    assert _export(store, KEY) == _export(store, KEY)


def test_another_key_gives_other_pseudonyms(store: MemoryStore) -> None:
    """Under another key no pseudonym repeats."""

    def pseudonyms(key: bytes) -> set[str]:
        text = json.dumps(_export(store, key))
        return {w.strip('",[]{}') for w in text.split() if w.strip('",[]{}').startswith("ps_")}

    mine, theirs = pseudonyms(KEY), pseudonyms(OTHER_KEY)
    assert (len(mine) > 3, len(theirs) == len(mine), mine & theirs) == (True, True, set())


def test_a_pseudonym_is_the_keyed_hash_of_the_id(store: MemoryStore) -> None:
    """The employee's pseudonym in the export is the one the pseudonymiser gives for 'm-9'."""
    first_case = _export(store, KEY)[1]["case"]
    assert first_case["subject"]["id"] == Pseudonymiser(KEY)("m-9")


def test_no_personal_id_is_exported(store: MemoryStore) -> None:
    """No member's or person's id appears anywhere in the export."""
    text = "\n".join(json.dumps(line, ensure_ascii=False) for line in _export(store, KEY))
    assert [i for i in PERSONAL_IDS if f'"{i}"' in text] == []


def test_no_note_nor_record_content_is_exported(store: MemoryStore) -> None:
    """Notes and case-file contents are left out: the name they hold is nowhere."""
    text = "\n".join(json.dumps(line, ensure_ascii=False) for line in _export(store, KEY))
    assert ("Vũ Thị Riêng" in text, "Lý Văn Nhìn" in text, "Saw." in text) == (False, False, False)


def test_statistics_keep_procedures_states_and_moves(store: MemoryStore) -> None:
    """What statistics need is kept: procedure, state, the moves in order, and the record counts."""
    lines = _export(store, KEY)
    cases = [line["case"] for line in lines if "case" in line]
    moves = [line["event"]["trigger"] for line in lines if "event" in line]
    assert (
        [(c["procedure"], c["state"], c["records"]) for c in cases],
        moves,
    ) == (
        [
            ("Complaint", "received", {"denouncer_identity": 1, "witness_statement": 1}),
            ("Complaint", "closed", {"denouncer_identity": 1, "witness_statement": 1}),
        ],
        [None, None, *(t for t, _, _ in LIFE[:6])],
    )


def test_the_export_counts_what_it_wrote(store: MemoryStore) -> None:
    """The export returns and ends with its counts of cases and events."""
    out = io.StringIO()
    counts = pseudonymised_export(store, out, KEY)
    trailer = json.loads(out.getvalue().splitlines()[-1])
    assert (counts, trailer) == ((2, 8), {"cases": 2, "end": True, "events": 8})


def test_organisations_and_roles_are_kept(store: MemoryStore) -> None:
    """Organisations and roles are not personal data: an actor keeps its body and role."""
    events = [line["event"] for line in _export(store, KEY) if "event" in line]
    actor = next(e["actor"] for e in events if e["trigger"] == "assign")
    assert (actor["body"], actor["role"], actor["id"]) == (
        "compliance_office@acme",
        "head",
        Pseudonymiser(KEY)("h-1"),
    )


def test_a_short_key_is_refused_without_showing_it() -> None:
    """A key under 16 bytes is refused, and the error shows its length, not the key."""
    with pytest.raises(InvalidInput) as refused:
        Pseudonymiser(b"secret-key")
    assert ("secret-key" in str(refused.value), "<10 bytes>" in str(refused.value)) == (False, True)


def test_the_key_is_not_in_the_pseudonymisers_repr() -> None:
    """The key never shows in a pseudonymiser's repr."""
    assert "statistics" not in repr(Pseudonymiser(KEY))


def test_personal_data_lists_the_denouncers_identity() -> None:
    """The documented personal data include the denouncer's identity fields and a member's name."""
    found = personal_data()
    assert (found["DenouncerIdentity"], "name" in found["Member"]) == (
        ("full_name", "address", "contact"),
        True,
    )


def test_personal_data_lists_the_workflow_fields() -> None:
    """The documented personal data include the case's people and the event's actor and note."""
    found = personal_data()
    assert ("people" in found["Case"], "note" in found["Event"]) == (True, True)
