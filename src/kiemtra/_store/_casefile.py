"""The case file: confidential records attached to a case (a denouncer's identity, witness statements,
draft conclusions, evidence), append-only and hash-chained per case beside the events.

A record is kept as JSON in the format of :mod:`kiemtra._serialize`, inside the canonical bytes
``{"at", "by", "case_id", "category", "kind", "record", "seq"}``; ``kind`` is the record's class name and
``category`` its visibility category. The store never reads a record's content: the engine decodes it and
releases it to a reader only as the reader's view allows (:meth:`kiemtra.Engine.case_file`).
"""

from __future__ import annotations

import json

import attrs
import pendulum

from kiemtra._errors import InvalidInput
from kiemtra._store._chain import Link
from kiemtra._store._sidechain import canonical_bytes

__all__ = ["PendingRecord", "StoredRecord", "read_record", "record_body"]


@attrs.frozen
class PendingRecord:
    """A record to attach, before the store gives it its number.

    Args:
        case_id: The case.
        category: Its visibility category.
        kind: The record's class name.
        at: When it was attached.
        by: Who attached it (an actor key).
        data: The record as JSON text.
    """

    case_id: str
    category: str
    kind: str
    at: pendulum.DateTime
    by: str
    data: str


@attrs.frozen(repr=False)
class StoredRecord:
    """A record of a case file as stored: its place in the case's chain and its JSON.

    Its ``repr`` never shows the record's content.

    Args:
        case_id: The case.
        seq: Its number in the case file, from 1.
        category: Its visibility category.
        kind: The record's class name.
        at: When it was attached.
        by: Who attached it (an actor key).
        data: The record as JSON text.
        prev: The hash of the record before in the case file.
        hash: This record's hash.
    """

    case_id: str
    seq: int
    category: str
    kind: str
    at: pendulum.DateTime
    by: str
    data: str
    prev: str
    hash: str

    def __repr__(self) -> str:
        return f"StoredRecord({self.case_id!r}, {self.seq}, {self.kind}, {self.category})"


def record_body(pending: PendingRecord, seq: int) -> bytes:
    """The canonical bytes of a record at ``seq`` in its case file."""
    utc = pending.at.in_timezone("UTC")
    return canonical_bytes(
        {
            "at": {"utc": utc.isoformat(), "zone": pending.at.timezone_name},
            "by": pending.by,
            "case_id": pending.case_id,
            "category": pending.category,
            "kind": pending.kind,
            "record": json.loads(pending.data),
            "seq": seq,
        }
    )


def read_record(link: Link) -> StoredRecord:
    """The record a stored link holds.

    Raises:
        InvalidInput: the body is not a case-file record (the message never shows the body).
    """
    try:
        data = json.loads(link.body)
        at = pendulum.parse(data["at"]["utc"])
        assert isinstance(at, pendulum.DateTime)
        text = json.dumps(data["record"], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return StoredRecord(
            link.case_id, link.seq, str(data["category"]), str(data["kind"]),
            at.in_timezone(data["at"]["zone"] or "UTC"), str(data["by"]), text, link.prev, link.hash,
        )  # fmt: skip
    except (ValueError, TypeError, KeyError, AssertionError) as exc:
        raise InvalidInput(
            "case_file", (link.case_id, link.seq), f"not a case-file record: {type(exc).__name__}"
        ) from None
