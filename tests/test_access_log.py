"""The access log: every read of a confidential field and every refused read, append-only and hash-chained.

Runs on every store (memory, SQLite, PostgreSQL, MariaDB).
"""

from __future__ import annotations

import io
from typing import Any

import pendulum
import pytest
from tests.store_helpers import START, make_engine, open_case

from kiemtra import (
    Body,
    DenouncerIdentity,
    IntegrityError,
    MemberActor,
    PermissionDenied,
    WitnessStatement,
)
from kiemtra._example import CompanyCast as C
from kiemtra._store._sql import SqlStore
from kiemtra._workflow._engine import Engine

pytest_plugins = ["tests.conftest_store"]

NAME = "Phạm Thị Kín"
EMPLOYEE = MemberActor("m-9", Body("acme", "engineering"), "engineer")


def _clear_side_tables(store: Any) -> None:
    """Empty the outbox, case files and access log of a shared server store (the suite empties the rest)."""
    if isinstance(store, SqlStore):
        t = store.tables
        with store._engine.begin() as conn:
            for table in (t.outbox, t.records, t.access_log):
                conn.execute(table.delete())


@pytest.fixture
def filed(store: Any) -> tuple[Engine, str]:
    """An engine on an empty store, with a complaint whose file holds an identity and a statement."""
    _clear_side_tables(store)
    engine = make_engine(store)
    case = open_case(engine)
    engine.attach(case.id, DenouncerIdentity("p-1", case.id, NAME, "3 Phố Kín", "+84 90"), C.head)
    engine.attach(
        case.id,
        WitnessStatement("w-1", case.id, "wit-1", START.date(), "Đỗ Văn Thấy", "Saw."),
        C.head,
    )
    return engine, case.id


def _log(engine: Engine) -> Any:
    return engine.store.access_log()  # type: ignore[attr-defined]


def test_a_whole_read_is_logged_with_who_when_and_what(filed: tuple[Engine, str]) -> None:
    """Reading the case file whole logs the reader, the time, and every confidential field released."""
    engine, case_id = filed
    engine.case_file(case_id, C.head)
    (entry,) = _log(engine)
    assert (entry.scope, entry.actor, entry.at, entry.action, entry.target, entry.fields) == (
        case_id,
        "member:h-1",
        START,
        "read",
        "case file",
        (
            "1:DenouncerIdentity.full_name",
            "1:DenouncerIdentity.address",
            "1:DenouncerIdentity.contact",
            "2:WitnessStatement.witness_name",
            "2:WitnessStatement.statement",
        ),
    )


def test_a_redacted_read_releases_nothing_to_log(filed: tuple[Engine, str]) -> None:
    """The employee's read of the case file, every confidential field withheld, leaves no entry."""
    engine, case_id = filed
    engine.case_file(case_id, EMPLOYEE)
    assert _log(engine) == ()


def test_one_record_read_logs_its_fields(filed: tuple[Engine, str]) -> None:
    """Reading one record logs that record's fields only."""
    engine, case_id = filed
    engine.attachment(case_id, 2, C.chair)
    assert [(e.actor, e.target, e.fields) for e in _log(engine)] == [
        (
            "member:c-1",
            "record 2",
            ("2:WitnessStatement.witness_name", "2:WitnessStatement.statement"),
        )
    ]


def test_a_refused_read_names_what_without_revealing_it(filed: tuple[Engine, str]) -> None:
    """A refused read raises PermissionDenied naming the record and its category, not its content."""
    engine, case_id = filed
    with pytest.raises(PermissionDenied) as refused:
        engine.attachment(case_id, 1, EMPLOYEE)
    shown = f"{refused.value} {vars(refused.value)}"
    assert (f"record 1 (denouncer_identity) of case {case_id}" in shown, NAME in shown) == (
        True,
        False,
    )


def test_a_refused_read_is_logged(filed: tuple[Engine, str]) -> None:
    """The refusal goes to the access log, with who asked and what for."""
    engine, case_id = filed
    with pytest.raises(PermissionDenied):
        engine.attachment(case_id, 1, EMPLOYEE)
    assert [(e.actor, e.action, e.target) for e in _log(engine)] == [
        ("member:m-9", "refused", f"read record 1 (denouncer_identity) of case {case_id}")
    ]


def test_a_refused_case_read_is_logged(filed: tuple[Engine, str]) -> None:
    """An outsider refused the case itself is logged too."""
    engine, case_id = filed
    with pytest.raises(PermissionDenied, match="read case"):
        engine.case(case_id, C.outsider)
    assert [(e.actor, e.action) for e in _log(engine)] == [("member:x-1", "refused")]


def test_an_export_logs_what_it_released(filed: tuple[Engine, str]) -> None:
    """An export made for the head logs the confidential fields it wrote whole."""
    engine, case_id = filed
    engine.export(io.StringIO(), C.head)
    assert [(e.scope, e.target, len(e.fields)) for e in _log(engine)] == [(case_id, "export", 5)]


def test_the_log_verifies(filed: tuple[Engine, str]) -> None:
    """Entries are chained per case; the log verifies and counts them."""
    engine, case_id = filed
    for _ in range(3):
        engine.case_file(case_id, C.head)
    found = engine.store.verify_access_log()  # type: ignore[attr-defined]
    assert (found.cases, found.events) == (1, 3)


def test_entries_are_numbered_and_linked(filed: tuple[Engine, str]) -> None:
    """Each entry has the next number and names the hash of the one before."""
    engine, case_id = filed
    engine.case_file(case_id, C.head)
    engine.case_file(case_id, C.chair)
    first, second = _log(engine)
    assert (first.seq, second.seq, second.prev) == (1, 2, first.hash)


def test_a_failed_unit_of_work_keeps_its_log(filed: tuple[Engine, str]) -> None:
    """A read made inside a unit of work that fails stays in the log: the read happened."""
    engine, case_id = filed

    def read_then_fail() -> None:
        with engine.store.unit_of_work():
            engine.case_file(case_id, C.head)
            raise RuntimeError("the host's write failed")

    with pytest.raises(RuntimeError):
        read_then_fail()
    assert len(_log(engine)) == 1


def test_an_edited_sql_entry_is_caught(sql_store: SqlStore) -> None:
    """Changing a stored entry's bytes breaks the chain: verify names the case and the entry."""
    t = sql_store.tables
    _clear_side_tables(sql_store)
    engine = make_engine(sql_store)
    case = open_case(engine)
    engine.attach(case.id, DenouncerIdentity("p-1", case.id, NAME), C.head)
    engine.case_file(case.id, C.head)
    engine.case_file(case.id, C.chair)
    log = t.access_log
    with sql_store._engine.begin() as conn:
        body = conn.execute(log.select().where(log.c.seq == 2)).one().body
        forged = body.replace(b"member:c-1", b"member:o-2")
        conn.execute(log.update().where(log.c.seq == 2).values(body=forged))
    with pytest.raises(IntegrityError) as broken:
        sql_store.verify_access_log()
    assert (broken.value.case_id, broken.value.seq) == (case.id, 2)


def test_a_deleted_sql_entry_is_caught(sql_store: SqlStore) -> None:
    """Deleting an entry from the middle leaves a gap that verify names."""
    t = sql_store.tables
    _clear_side_tables(sql_store)
    engine = make_engine(sql_store)
    case = open_case(engine)
    for _ in range(3):
        with pytest.raises(PermissionDenied):
            engine.case(case.id, C.outsider)
    log = t.access_log
    with sql_store._engine.begin() as conn:
        conn.execute(log.delete().where(log.c.seq == 2))
    with pytest.raises(IntegrityError) as broken:
        sql_store.verify_access_log()
    assert (broken.value.case_id, broken.value.seq) == (case.id, 2)


def test_entries_keep_their_instant(filed: tuple[Engine, str]) -> None:
    """An entry records the engine clock's instant of the read, zone included."""
    engine, case_id = filed
    engine.clock.set(pendulum.datetime(2024, 3, 5, 14, 30, tz="Asia/Ho_Chi_Minh"))  # type: ignore[attr-defined]
    engine.case_file(case_id, C.head)
    (entry,) = _log(engine)
    assert (entry.at, entry.at.timezone_name) == (
        pendulum.datetime(2024, 3, 5, 14, 30, tz="Asia/Ho_Chi_Minh"),
        "Asia/Ho_Chi_Minh",
    )
