"""One store suite, run on the memory store, a SQLite file, PostgreSQL and MariaDB."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest
from tests.store_helpers import (
    LIFE,
    drive,
    make_engine,
    open_case,
    snapshot_of,
    steps,
    write,
)

from kiemtra import IntegrityError, InvalidInput, StaleWrite, UnknownReference
from kiemtra._example import CompanyCast as C
from kiemtra._store._chain import Digest
from kiemtra._store._memory import MemoryStore
from kiemtra._store._sql import SqlStore
from kiemtra._workflow._case import Subject

pytest_plugins = ["tests.conftest_store"]


# -- writing and reading ------------------------------------------------------------------------------


def test_create_then_load_gives_the_case(store: Any) -> None:
    """A created case loads back equal."""
    case, event, _ = steps(1, 0)[0]
    store.create(case, event)
    assert store.load(case.id) == case


def test_create_then_events_gives_the_opening(store: Any) -> None:
    """A created case has its opening event and nothing else."""
    case, event, _ = steps(1, 0)[0]
    store.create(case, event)
    assert store.events(case.id) == (event,)


def test_append_moves_the_snapshot_and_adds_the_event(store: Any) -> None:
    """After two appends the snapshot is the last one and the events are all three."""
    chosen = steps(1, 2)
    write(store, chosen)
    assert (store.load(chosen[0][0].id), store.events(chosen[0][0].id)) == (
        chosen[-1][0],
        tuple(e for _, e, _ in chosen),
    )


def test_stale_append_raises_and_writes_nothing(store: Any) -> None:
    """An append that expects an older version fails with StaleWrite and changes nothing."""
    chosen = steps(1, 2)
    write(store, chosen[:2])
    before = snapshot_of(store)
    case, event, _ = chosen[1]
    with pytest.raises(StaleWrite) as err:
        store.append(case, event, 1)
    assert (err.value.expected, err.value.actual, snapshot_of(store)) == (1, 2, before)


def test_append_after_a_competing_append_is_stale(store: Any) -> None:
    """Two writers holding version 1: the second append fails and only the first event is stored."""
    chosen = steps(1, 1)
    write(store, chosen[:1])
    case, event, _ = chosen[1]
    store.append(case, event, 1)
    rival = attrs.evolve(event, note="the other writer")
    with pytest.raises(StaleWrite):
        store.append(case, rival, 1)
    assert store.events(case.id)[-1] == event


def test_create_of_an_existing_case_raises_stale_write(store: Any) -> None:
    """Creating a case id twice fails, and the first case is kept."""
    case, event, _ = steps(1, 0)[0]
    store.create(case, event)
    with pytest.raises(StaleWrite):
        store.create(attrs.evolve(case, state="other"), event)
    assert store.load(case.id) == case


def test_append_to_an_unknown_case_raises_and_writes_nothing(store: Any) -> None:
    """Appending to a case id the store does not have raises UnknownReference and stores nothing."""
    chosen = steps(1, 1)
    case, event, _ = chosen[1]
    with pytest.raises(UnknownReference):
        store.append(case, event, 1)
    assert list(store) == []


def test_load_of_an_unknown_case_raises(store: Any) -> None:
    """Loading a case id the store does not have raises UnknownReference."""
    with pytest.raises(UnknownReference):
        store.load("no-such-case")


def test_events_of_an_unknown_case_raises(store: Any) -> None:
    """Asking for the events of an unknown case raises UnknownReference."""
    with pytest.raises(UnknownReference):
        store.events("no-such-case")


def test_event_of_another_seq_is_refused(store: Any) -> None:
    """An append whose event seq is not the expected one plus one is refused as invalid."""
    chosen = steps(1, 1)
    write(store, chosen[:1])
    case, event, _ = chosen[1]
    with pytest.raises(InvalidInput):
        store.append(case, attrs.evolve(event, seq=5), 1)


def test_case_id_too_long_for_the_store_is_refused(store: Any) -> None:
    """A case id longer than 128 characters is refused as invalid by every store."""
    case, event, _ = steps(1, 0)[0]
    long_id = "c" * 129
    with pytest.raises(InvalidInput):
        store.create(attrs.evolve(case, id=long_id), attrs.evolve(event, case_id=long_id))


def test_unprintable_case_id_is_refused(store: Any) -> None:
    """A case id with a line break is refused as invalid, before anything is written."""
    case, event, _ = steps(1, 0)[0]
    with pytest.raises(InvalidInput):
        store.create(attrs.evolve(case, id="a\nb"), attrs.evolve(event, case_id="a\nb"))


# -- units of work ------------------------------------------------------------------------------------


def test_unit_of_work_writes_several_cases_together(store: Any) -> None:
    """Two cases opened and moved in one unit are all there afterwards."""
    chosen = steps(2, 1)
    with store.unit_of_work():
        write(store, chosen)
    assert [len(store.events(i)) for i in sorted(store)] == [2, 2]


def test_failing_unit_of_work_writes_nothing(store: Any) -> None:
    """A unit whose block raises leaves the store as it was."""
    chosen = steps(2, 1)
    write(store, chosen[:2])
    before = snapshot_of(store)

    def attempt() -> None:
        with store.unit_of_work():
            write(store, chosen[2:])
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        attempt()
    assert snapshot_of(store) == before


def test_stale_write_in_a_unit_of_work_writes_none_of_it(store: Any) -> None:
    """One stale append makes the whole unit fail with StaleWrite, and none of it lands."""
    first, second = steps(1, 2), steps(2, 1)[2:]
    write(store, first)
    before = snapshot_of(store)
    case, event, expected = first[1]

    def attempt() -> None:
        with store.unit_of_work():
            write(store, second)
            store.append(case, event, expected)

    with pytest.raises(StaleWrite):
        attempt()
    assert snapshot_of(store) == before


def test_unknown_case_in_a_unit_of_work_writes_none_of_it(store: Any) -> None:
    """An append to an unknown case makes the whole unit fail, and none of it lands."""
    chosen = steps(2, 1)

    def attempt() -> None:
        with store.unit_of_work():
            write(store, chosen[:2])
            write(store, chosen[3:])

    with pytest.raises(UnknownReference):
        attempt()
    assert list(store) == []


def test_nested_unit_of_work_joins_the_outer_one(store: Any) -> None:
    """Writes of an inner unit are undone when the outer unit fails."""
    chosen = steps(2, 0)

    def attempt() -> None:
        with store.unit_of_work():
            with store.unit_of_work():
                write(store, chosen[:1])
            write(store, chosen[1:])
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        attempt()
    assert list(store) == []


def test_reads_inside_a_unit_of_work_see_its_writes(store: Any) -> None:
    """Inside a unit, load and events show the unit's own steps."""
    chosen = steps(1, 1)
    with store.unit_of_work():
        write(store, chosen)
        seen = (store.load(chosen[0][0].id).seq, len(store.events(chosen[0][0].id)))
    assert seen == (2, 2)


def test_queries_inside_a_unit_of_work_see_its_writes(store: Any) -> None:
    """Inside a unit, the state query finds a case the unit moved."""
    chosen = steps(1, 1)
    write(store, chosen[:1])
    with store.unit_of_work():
        write(store, chosen[1:])
        found = [c.id for c in store.cases(state="acknowledged")]
    assert found == [chosen[0][0].id]


def test_engine_fire_twice_in_one_unit_of_work(store: Any) -> None:
    """Two fires on one case inside one unit both land, in order."""
    engine = make_engine(store)
    case = open_case(engine)
    with store.unit_of_work():
        drive(engine, case.id, 2)
    assert [e.trigger for e in store.events(case.id)] == [None, "acknowledge", "assign"]


# -- queries and the index ----------------------------------------------------------------------------


def _populated(store: Any) -> dict[str, Any]:
    """Three cases in three states, one about another organisation."""
    engine = make_engine(store)
    first = open_case(engine)
    second = open_case(engine)
    third = open_case(
        engine, subject=Subject("member", "m-7", "globex"), parties={"office": C.office}
    )
    drive(engine, second.id, 1)
    drive(engine, third.id, 2)
    return {"received": first.id, "acknowledged": second.id, "investigating": third.id}


def test_cases_by_state(store: Any) -> None:
    """The state query finds exactly the case in that state."""
    ids = _populated(store)
    assert [c.id for c in store.cases(state="acknowledged")] == [ids["acknowledged"]]


def test_cases_due_before_a_date(store: Any) -> None:
    """The deadline query finds the cases whose deadline is before the day, and not the others."""
    ids = _populated(store)
    due = store.load(ids["received"]).deadline.due
    found = sorted(c.id for c in store.cases(due_before=due.add(days=1)))
    assert (found, list(store.cases(due_before=due))) == (sorted([ids["received"]]), [])


def test_cases_of_an_organisation(store: Any) -> None:
    """The organisation query finds the cases that name it."""
    ids = _populated(store)
    assert [c.id for c in store.org_cases("globex")] == [ids["investigating"]]


def test_iter_and_len_list_every_case(store: Any) -> None:
    """Iterating gives every case id once, and len counts them."""
    ids = _populated(store)
    assert (sorted(store), len(store)) == (sorted(ids.values()), 3)


def test_rebuild_keeps_every_query_answer(store: Any) -> None:
    """Rebuilding the index from the events changes no snapshot, query or count."""
    _populated(store)
    before = (
        snapshot_of(store),
        sorted(c.id for c in store.cases(due_before=pendulum.date(2030, 1, 1))),
    )
    count = store.rebuild()
    after = (
        snapshot_of(store),
        sorted(c.id for c in store.cases(due_before=pendulum.date(2030, 1, 1))),
    )
    assert (count, after) == (3, before)


# -- the chain ----------------------------------------------------------------------------------------


def test_verify_passes_on_a_written_store(store: Any) -> None:
    """A store written through the engine verifies, counting every case and event."""
    write(store, steps(3, 2))
    found = store.verify()
    assert (found.cases, found.events) == (3, 9)


def test_verify_one_case(store: Any) -> None:
    """Verifying one case walks only its events."""
    chosen = steps(2, 3)
    write(store, chosen)
    assert store.verify(chosen[0][0].id).events == 4


def test_verify_an_organisation(store: Any) -> None:
    """Verifying an organisation walks the cases that name it."""
    _populated(store)
    assert (store.verify(org_id="globex").cases, store.verify(org_id="acme").cases) == (1, 3)


def test_verify_of_an_unknown_case_raises(store: Any) -> None:
    """Verifying a case id the store does not have raises UnknownReference."""
    with pytest.raises(UnknownReference):
        store.verify("no-such-case")


def test_digest_is_the_same_on_every_backend(store: Any) -> None:
    """The same steps give the digest the memory store computes."""
    chosen = steps(3, 2)
    write(store, chosen)
    reference = MemoryStore()
    write(reference, chosen)
    assert store.digest().value == reference.digest().value


def test_digest_of_an_organisation_covers_its_cases(store: Any) -> None:
    """An organisation's digest lists the heads of its cases only."""
    ids = _populated(store)
    assert [h.case_id for h in store.digest(org_id="globex").heads] == [ids["investigating"]]


def test_verify_against_an_earlier_anchor_passes_after_more_steps(store: Any) -> None:
    """An anchor taken earlier still verifies once more events and cases were added."""
    chosen = steps(2, 3)
    write(store, [s for s in chosen if s[2] < 2])
    anchor = store.digest()
    write(store, [s for s in chosen if s[2] >= 2])
    write(store, steps(3, 0)[2:])
    assert store.verify(anchor=anchor).events == 9


def test_verify_against_an_anchor_as_json(store: Any) -> None:
    """An anchor kept as JSON text verifies like the digest itself."""
    write(store, steps(2, 1))
    assert store.verify(anchor=store.digest().to_json()).cases == 2


def test_verify_against_a_bare_digest_value(store: Any) -> None:
    """A bare digest value verifies when nothing was added since."""
    write(store, steps(2, 1))
    assert store.verify(anchor=store.digest().value).cases == 2


def test_verify_against_another_history_names_the_case(store: Any) -> None:
    """An anchor from a store with another history fails at the first case whose head differs."""
    chosen = steps(1, 1)
    write(store, chosen)
    other = MemoryStore()
    case, event, _ = chosen[1]
    other.create(*chosen[0][:2])
    other.append(case, attrs.evolve(event, note="another history"), 1)
    with pytest.raises(IntegrityError) as err:
        store.verify(anchor=other.digest())
    assert (err.value.case_id, err.value.seq) == (case.id, 2)


# -- export and import --------------------------------------------------------------------------------


def _export(store: Any) -> tuple[str, Digest]:
    out = io.StringIO()
    digest = store.export_jsonl(out)
    return out.getvalue(), digest


def test_export_then_import_into_memory_keeps_everything(store: Any) -> None:
    """A store exported and imported into a memory store reads the same and has the same digest."""
    _populated(store)
    text, digest = _export(store)
    copy = MemoryStore()
    copy.import_jsonl(io.StringIO(text))
    assert (snapshot_of(copy), copy.digest()) == (snapshot_of(store), digest)


def test_export_then_import_into_sqlite_keeps_everything(store: Any, tmp_path: Path) -> None:
    """A store exported and imported into a SQLite file reads the same and verifies."""
    _populated(store)
    text, digest = _export(store)
    with SqlStore(f"sqlite:///{tmp_path / 'copy.db'}") as copy:
        copy.import_jsonl(io.StringIO(text))
        assert (snapshot_of(copy), copy.verify(anchor=digest).cases) == (snapshot_of(store), 3)


def test_import_into_the_store_from_a_file(store: Any, tmp_path: Path) -> None:
    """An export written to a file imports into an empty store of the same kind."""
    source = MemoryStore()
    write(source, steps(2, 2))
    path = tmp_path / "store.jsonl"
    source.export_jsonl(path)
    assert (store.import_jsonl(path), store.digest()) == (6, source.digest())


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _edit_record(line: str) -> str:
    value = json.loads(line)
    value["record"]["event"]["target"] = "closed"
    return json.dumps(value) + "\n"


CORRUPTIONS = {
    "not json": lambda ls: [*ls[:2], "{oops\n", *ls[3:]],
    "edited record": lambda ls: [*ls[:2], _edit_record(ls[2]), *ls[3:]],
    "missing event": lambda ls: [*ls[:2], *ls[3:]],
    "events swapped": lambda ls: [ls[0], ls[2], ls[1], *ls[3:]],
    "no trailer": lambda ls: ls[:-1],
    "wrong header": lambda ls: ['{"format":"other","version":1}\n', *ls[1:]],
    "line after trailer": lambda ls: [*ls, ls[1]],
    "trailer digest": lambda ls: [*ls[:-1], ls[-1].replace('"digest":"', '"digest":"0')],
    "empty": lambda ls: [],
}


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
def test_corrupt_import_raises_and_writes_nothing(store: Any, corruption: str) -> None:
    """A damaged export is refused with InvalidInput, and the store is unchanged."""
    source = MemoryStore()
    write(source, steps(2, 2))
    text, _ = _export(source)
    write(store, steps(3, 0)[2:])
    before = snapshot_of(store)
    damaged = "".join(CORRUPTIONS[corruption](_lines(text)))
    with pytest.raises(InvalidInput):
        store.import_jsonl(io.StringIO(damaged))
    assert snapshot_of(store) == before


def test_import_of_a_case_already_there_raises_and_writes_nothing(store: Any) -> None:
    """An export naming a case the store has is refused, and the store is unchanged."""
    chosen = steps(2, 1)
    source = MemoryStore()
    write(source, chosen)
    write(store, chosen[:2])
    before = snapshot_of(store)
    with pytest.raises(InvalidInput):
        store.import_jsonl(io.StringIO(_export(source)[0]))
    assert snapshot_of(store) == before


# -- the engine, unchanged, on every store ------------------------------------------------------------


def test_engine_drives_a_case_to_its_end(store: Any) -> None:
    """The engine opens and closes a complaint through every move on any store."""
    engine = make_engine(store)
    case = open_case(engine)
    drive(engine, case.id, len(LIFE))
    assert (store.load(case.id).state, len(store.events(case.id))) == ("closed", len(LIFE) + 1)


def test_engine_follow_up_lands_with_its_move(store: Any) -> None:
    """A move that opens a follow-up case writes both in one unit."""
    engine = make_engine(store)
    case = open_case(engine)
    drive(engine, case.id, 3)
    engine.fire(case.id, "refer", C.head)
    follow_up = [c for c in store.cases() if c.parent == case.id]
    assert (store.load(case.id).state, [c.procedure for c in follow_up]) == (
        "closed",
        ["Misconduct"],
    )


def test_engine_overdue_reads_the_deadline_index(store: Any) -> None:
    """The engine's overdue list finds the case whose acknowledgement deadline passed."""
    engine = make_engine(store)
    late = open_case(engine)
    drive(engine, open_case(engine).id, 1)
    day = store.load(late.id).deadline.due.add(days=1)
    assert [c.id for c in engine.overdue(day, C.head)] == [late.id]
