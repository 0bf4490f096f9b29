"""Canonical record bytes, the hash chain's links and the digest: the parts every store shares."""

from __future__ import annotations

import json

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.store_helpers import make_engine, open_case, steps

from kiemtra import InvalidInput
from kiemtra._calendar import Deadline
from kiemtra._example import CompanyCast as C
from kiemtra._model._actor import BodyActor, OutsidePerson, SystemActor
from kiemtra._serialize import make_converter, to_json
from kiemtra._store._chain import GENESIS, Digest, Head, link_hash
from kiemtra._store._codec import canonical, decode_record, record_bytes
from kiemtra._store._memory import MemoryStore
from kiemtra._time import Duration
from kiemtra._workflow import _case
from kiemtra._workflow._case import Case, Event

ACTORS = (
    C.officer,
    BodyActor(C.board),
    OutsidePerson("p-1", "complainant"),
    SystemActor("nightly"),
)
ZONES = ("Asia/Ho_Chi_Minh", "UTC", "Europe/Paris", "+07:00")


def _sample() -> tuple[Case, Event]:
    """A move whose snapshot carries a deadline with an extension."""
    case, event, _ = steps(1, 2)[-1]
    deadline = Deadline(
        pendulum.date(2024, 3, 4), Duration.days(30), pendulum.date(2024, 4, 3), "complaint.x", None,
        (Duration.working_days(10),),
    )  # fmt: skip
    return attrs.evolve(case, deadline=deadline, extensions=1), event


def test_record_bytes_are_canonical_json() -> None:
    """The bytes written are exactly json.dumps with sorted keys and no blanks of what they parse to."""
    case, event = _sample()
    body = record_bytes(case, event)
    assert canonical(json.loads(body)) == body


def test_record_round_trips() -> None:
    """A record reads back as the very snapshot and event written."""
    case, event = _sample()
    assert decode_record(record_bytes(case, event)) == (case, event)


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: type(a).__name__)
def test_every_kind_of_actor_round_trips(actor: object) -> None:
    """Members, bodies, outside persons and the system itself read back as they were."""
    case, event = _sample()
    event = attrs.evolve(event, actor=actor)
    assert decode_record(record_bytes(case, event))[1] == event


@pytest.mark.parametrize("zone", ZONES)
def test_instants_keep_their_zone(zone: str) -> None:
    """An instant reads back in the zone it was given in, a bare offset included."""
    case, event = _sample()
    at = pendulum.parse("2024-03-01T09:30:15.25+07:00").in_timezone(
        pendulum.FixedTimezone(7 * 3600) if zone == "+07:00" else zone
    )
    back = decode_record(record_bytes(case, attrs.evolve(event, at=at)))[1].at
    assert (back, back.timezone_name) == (at, zone)


@given(note=st.text(), evidence=st.lists(st.text(min_size=1), max_size=3))
def test_any_text_gives_canonical_bytes_that_round_trip(note: str, evidence: list[str]) -> None:
    """Whatever the note and evidence ids hold, the bytes are canonical and read back equal."""
    case, event = _sample()
    event = attrs.evolve(event, note=note, evidence=tuple(evidence))
    try:
        body = record_bytes(case, event)
    except InvalidInput:  # text that is not valid Unicode (a lone surrogate) cannot be stored
        assert any(0xD800 <= ord(c) <= 0xDFFF for c in note + "".join(evidence))
        return
    assert (canonical(json.loads(body)), decode_record(body)[1]) == (body, event)


def test_lone_surrogate_is_refused() -> None:
    """Text that cannot be UTF-8 is refused with InvalidInput naming the event."""
    case, event = _sample()
    with pytest.raises(InvalidInput, match="event"):
        record_bytes(case, attrs.evolve(event, note="\ud800"))


def test_event_is_written_as_the_serialize_module_writes_it() -> None:
    """The event part of a record is what kiemtra's JSON converter makes of the event."""
    case, event = _sample()
    expected = json.loads(to_json(event, converter=make_converter()))
    assert json.loads(record_bytes(case, event))["event"] == expected


def test_case_is_written_as_the_serialize_module_writes_it() -> None:
    """The snapshot part of a record is what kiemtra's JSON converter makes of the case."""
    attrs.resolve_types(Case, {**vars(_case), "Deadline": Deadline})
    case, event = _sample()
    expected = json.loads(to_json(case, converter=make_converter()))
    assert json.loads(record_bytes(case, event))["case"] == expected


@pytest.mark.parametrize(
    "body", [b"not json", b"[]", b'{"v":2,"case":{},"event":{}}', b'{"v":1,"case":{},"event":{}}']
)
def test_unreadable_record_raises_invalid_input(body: bytes) -> None:
    """Bytes that are not a known record are refused with InvalidInput."""
    with pytest.raises(InvalidInput):
        decode_record(body)


def test_link_hash_covers_the_key() -> None:
    """The same record under another case id or seq has another hash."""
    hashes = {link_hash(GENESIS, c, s, b"{}") for c, s in (("a", 1), ("b", 1), ("a", 2))}
    assert len(hashes) == 3


def test_digest_json_round_trips() -> None:
    """A digest written as JSON reads back equal."""
    store = MemoryStore()
    engine = make_engine(store)
    open_case(engine)
    open_case(engine)
    digest = store.digest()
    assert Digest.from_json(digest.to_json()) == digest


def test_digest_json_with_another_value_is_refused() -> None:
    """A digest whose value does not match its heads is refused with InvalidInput."""
    digest = Digest.of([Head("c1", 2, "a" * 64)])
    text = digest.to_json().replace(digest.value, "b" * 64)
    with pytest.raises(InvalidInput):
        Digest.from_json(text)


def test_digest_counts_cases_and_events() -> None:
    """A digest covers as many events as its heads' seqs add up to."""
    digest = Digest.of([Head("c1", 2, "a" * 64), Head("c2", 5, "b" * 64)])
    assert (digest.cases, digest.events) == (2, 7)
