"""The access log: every read of a confidential field, and every refused read, by whom and when.

Entries are kept per *scope* (the case read; ``"*"`` for a read over the whole store, such as an export),
append-only and hash-chained like the events (:mod:`kiemtra._store._sidechain`), so the log verifies and a
deleted or edited entry is named by its scope and seq.

An entry's canonical bytes are the JSON object ``{"action", "actor", "at", "fields", "scope", "seq",
"target"}``; ``at`` is the instant as UTC plus its zone, as in the events.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Final

import attrs
import pendulum

from kiemtra._errors import InvalidInput
from kiemtra._store._chain import Link
from kiemtra._store._sidechain import canonical_bytes

__all__ = ["ACTIONS", "STORE_SCOPE", "AccessEntry", "access_body", "read_access"]

ACTIONS: Final = ("read", "refused")
"""What an entry records: a confidential field released to the reader, or a read refused."""
STORE_SCOPE: Final = "*"
"""The scope of reads that are not about one case (an export of the store)."""


@attrs.frozen
class AccessEntry:
    """One entry of the access log.

    Args:
        scope: The case read, or ``"*"``.
        seq: The entry's number in its scope, from 1.
        at: When.
        actor: Who read (:func:`~kiemtra._workflow._case.actor_key`: ``"member:m-9"``).
        action: ``"read"`` or ``"refused"``.
        target: What was read or refused, by name and never by content (``"record 2
            (denouncer_identity)"``, ``"case"``).
        fields: The confidential fields released (``"DenouncerIdentity.full_name"``); empty for a refusal.
        prev: The hash of the entry before in the scope.
        hash: This entry's hash.
    """

    scope: str
    seq: int
    at: pendulum.DateTime
    actor: str
    action: str
    target: str
    fields: tuple[str, ...] = ()
    prev: str = ""
    hash: str = ""


def access_body(
    scope: str,
    seq: int,
    at: pendulum.DateTime,
    actor: str,
    action: str,
    target: str,
    fields: Sequence[str],
) -> bytes:
    """The canonical bytes of an entry.

    Raises:
        InvalidInput: an unknown action.
    """
    if action not in ACTIONS:
        raise InvalidInput("action", action, f"expected one of {ACTIONS}")
    utc = at.in_timezone("UTC")
    return canonical_bytes(
        {
            "action": action,
            "actor": actor,
            "at": {"utc": utc.isoformat(), "zone": at.timezone_name},
            "fields": list(fields),
            "scope": scope,
            "seq": seq,
            "target": target,
        }
    )


def read_access(link: Link) -> AccessEntry:
    """The entry a stored link holds.

    Raises:
        InvalidInput: the body is not an access-log entry.
    """
    try:
        data = json.loads(link.body)
        at = pendulum.parse(data["at"]["utc"])
        assert isinstance(at, pendulum.DateTime)
        return AccessEntry(
            link.case_id, link.seq, at.in_timezone(data["at"]["zone"] or "UTC"),
            str(data["actor"]), str(data["action"]), str(data["target"]),
            tuple(map(str, data["fields"])), link.prev, link.hash,
        )  # fmt: skip
    except (ValueError, TypeError, KeyError, AssertionError) as exc:
        raise InvalidInput(
            "access_log", (link.case_id, link.seq), f"not an access-log entry: {exc!r}"
        ) from exc
