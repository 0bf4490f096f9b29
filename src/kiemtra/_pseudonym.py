"""Personal data in kiemtra, and a pseudonymised export of a store for statistics.

**Which fields are personal data.** :func:`personal_data` lists them, class by class:

* in the model, every field marked personal or confidential (``attrs`` metadata, see
  :func:`kiemtra.personal_fields`): a member's name and birth date, a household's representative and
  address, a denouncer's identity, a witness's name and statement, a draft conclusion, evidence content;
* in a case: the subject's id when the subject is a member, the people and their parts (the denouncer, the
  team...), the ids in ``firers``, the refs of the grounds (a letter, a finding about a member);
* in an event: the actor (a member or a person), the free-text note, the evidence ids;
* in the store: the case files (every record), the actors of the access log, the recipients of the outbox.

Organisations, bodies, procedures, states, triggers, roles and dates are not personal data.

**The export.** :func:`pseudonymised_export` writes every case and event as JSON lines for statistics:
procedures, states, moves, dates, deadlines, organisations and roles stay as they are; every id of a person
or a case becomes a *pseudonym*, ``"ps_"`` and 16 hex digits of HMAC-SHA256 under the export key. The same
key gives the same pseudonym for the same id in every export (so exports can be joined and compared over
time), another key unrelated ones, and without the key a pseudonym cannot be traced back. Notes, evidence
ids, ground refs, instants (only days are kept) and the case files' contents are left out; of a case file
only the count of records per category is kept.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Iterable
from typing import IO, Any, Final

import attrs

from kiemtra._errors import InvalidInput
from kiemtra._model._actor import Actor, BodyActor, MemberActor, OutsidePerson, SystemActor
from kiemtra._model._confidential import personal_fields
from kiemtra._model._evidence import (
    DenouncerIdentity,
    DraftConclusion,
    EvidenceRef,
    WitnessStatement,
)
from kiemtra._model._funds import Household
from kiemtra._model._member import Member
from kiemtra._store._protocol import EventStore
from kiemtra._time import VIETNAM_ZONE
from kiemtra._workflow._case import Case, Event

__all__ = ["STATISTICS_FORMAT", "Pseudonymiser", "personal_data", "pseudonymised_export"]

STATISTICS_FORMAT: Final = "kiemtra-statistics"
_MIN_KEY: Final = 16

_WORKFLOW_PERSONAL: Final = {
    "Case": ("subject.id (a member)", "people", "firers", "grounds.ref"),
    "Event": ("actor (a member or a person)", "note", "evidence"),
    "StoredRecord": ("data (every record of a case file)",),
    "AccessEntry": ("actor",),
    "Notice": ("recipient",),
}


def personal_data(extra: Iterable[type] = ()) -> dict[str, tuple[str, ...]]:
    """The personal fields of kiemtra's records, by class name (and of ``extra`` attrs classes)."""
    model: tuple[type, ...] = (Member, Household, DenouncerIdentity, WitnessStatement)
    model += (DraftConclusion, EvidenceRef)
    out = {cls.__name__: personal_fields(cls) for cls in (*model, *extra)}
    out.update(_WORKFLOW_PERSONAL)
    return out


@attrs.frozen
class Pseudonymiser:
    """Stable pseudonyms under a secret key: ``"ps_"`` and 16 hex digits of HMAC-SHA256 of the id.

    Args:
        key: The export key, at least 16 bytes; kept out of ``repr``.

    Raises:
        InvalidInput: a key that is not bytes, or shorter than 16 bytes (the error never shows it).
    """

    key: bytes = attrs.field(repr=False)

    def __attrs_post_init__(self) -> None:
        given: object = self.key
        if not isinstance(given, bytes) or len(given) < _MIN_KEY:
            size = len(given) if isinstance(given, bytes | str) else None
            raise InvalidInput("key", f"<{size} bytes>", f"must be at least {_MIN_KEY} bytes")

    def __call__(self, value: str) -> str:
        """The pseudonym of ``value``."""
        return "ps_" + hmac.new(self.key, value.encode(), hashlib.sha256).hexdigest()[:16]


def _day(value: Any) -> str:
    local = value.in_timezone(VIETNAM_ZONE)
    return str(local.date().isoformat())


def _actor(actor: Actor, ps: Pseudonymiser) -> dict[str, Any]:
    if isinstance(actor, MemberActor):
        return {
            "body": str(actor.body),
            "id": ps(actor.member_id),
            "role": actor.role,
            "type": "member",
        }
    if isinstance(actor, BodyActor):
        return {"body": str(actor.body), "type": "body"}
    if isinstance(actor, OutsidePerson):
        return {"capacity": actor.capacity, "id": ps(actor.person_id), "type": "person"}
    if isinstance(actor, SystemActor):
        return {"name": actor.name, "type": "system"}
    raise InvalidInput("actor", type(actor).__name__, "not an actor")


def _case(case: Case, events: int, records: dict[str, int], ps: Pseudonymiser) -> dict[str, Any]:
    subject = case.subject
    return {
        "due": None if case.deadline is None else case.deadline.due.isoformat(),
        "events": events,
        "extensions": case.extensions,
        "grounds": sorted({g.kind for g in case.grounds}),
        "id": ps(case.id),
        "opened_on": _day(case.opened_at),
        "parent": None if case.parent is None else ps(case.parent),
        "parties": [[part, body.kind, body.org_id] for part, body in case.parties],
        "people": [[part, ps(who)] for part, who in case.people],
        "procedure": case.procedure,
        "records": records,
        "state": case.state,
        "subject": {
            "id": ps(subject.id) if subject.kind != "organisation" else subject.id,
            "kind": subject.kind,
            "org_id": subject.org_id,
        },
        "version": case.version,
    }


def _event(event: Event, ps: Pseudonymiser) -> dict[str, Any]:
    return {
        "actor": _actor(event.actor, ps),
        "case": ps(event.case_id),
        "due": None if event.due is None else event.due.isoformat(),
        "evidence": len(event.evidence),
        "kind": event.kind,
        "on": _day(event.at),
        "procedure_version": event.procedure_version,
        "seq": event.seq,
        "source": event.source,
        "target": event.target,
        "trigger": event.trigger,
    }


def _line(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def pseudonymised_export(
    store: EventStore, target: str | os.PathLike[str] | IO[str], key: bytes
) -> tuple[int, int]:
    """Write every case and event of ``store`` as pseudonymised JSON lines for statistics.

    The lines: ``{"format": "kiemtra-statistics", "pseudonyms": "hmac-sha256", "version": 1}``, then per case
    ``{"case": ...}`` followed by its ``{"event": ...}`` lines, then ``{"cases", "end", "events"}``. See the
    module docstring for what is kept, what is pseudonymised and what is left out.

    Args:
        store: The store.
        target: A path or a text stream.
        key: The export key (at least 16 bytes): the same key gives the same pseudonyms.

    Returns:
        How many cases and events were written.

    Raises:
        InvalidInput: a key shorter than 16 bytes.
    """
    ps = Pseudonymiser(key)
    records_of = getattr(store, "records", None)
    cases = events = 0
    owned = isinstance(target, str | os.PathLike)
    out: IO[str] = (
        open(target, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 - closed below
        if isinstance(target, str | os.PathLike)
        else target
    )
    try:
        out.write(_line({"format": STATISTICS_FORMAT, "pseudonyms": "hmac-sha256", "version": 1}))
        for case_id in sorted(store):
            case = store.load(case_id)
            history = store.events(case_id)
            counts: dict[str, int] = {}
            for stored in records_of(case_id) if records_of is not None else ():
                counts[stored.category] = counts.get(stored.category, 0) + 1
            out.write(_line({"case": _case(case, len(history), counts, ps)}))
            for event in history:
                out.write(_line({"event": _event(event, ps)}))
            cases += 1
            events += len(history)
        out.write(_line({"cases": cases, "end": True, "events": events}))
    finally:
        if owned:
            out.close()
    return cases, events
