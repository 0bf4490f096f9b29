"""A whole store as JSON lines: a header, one line per event, and a trailer with the counts and digest.

.. code-block:: text

    {"format":"kiemtra-store","version":1}
    {"case_id":"c1","hash":"…","prev":"000…","record":{"case":{…},"event":{…},"v":1},"seq":1}
    …
    {"cases":12,"digest":"…","end":true,"events":96}

Events come in ``(case_id, seq)`` order, each case's together. ``record`` is the stored record itself, so
an import recomputes its canonical bytes and checks every hash, every link, the counts and the digest
before a single row is written: a corrupt or truncated file raises :class:`InvalidInput` and writes
nothing.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Iterator
from typing import IO, Any, Final

from kiemtra._errors import IntegrityError, InvalidInput
from kiemtra._store._chain import ChainCheck, Digest, Head, Link
from kiemtra._store._codec import canonical, decode_record
from kiemtra._workflow._case import Case, Event

__all__ = ["read_jsonl", "write_jsonl"]

FORMAT_NAME: Final = "kiemtra-store"
VERSION: Final = 1
_EVENT_KEYS: Final = frozenset({"case_id", "hash", "prev", "record", "seq"})
_TRAILER_KEYS: Final = frozenset({"cases", "digest", "end", "events"})


@contextlib.contextmanager
def _opened(target: str | os.PathLike[str] | IO[str], mode: str) -> Iterator[IO[str]]:
    if isinstance(target, str | os.PathLike):
        with open(target, mode, encoding="utf-8", newline="\n") as f:
            yield f
    else:
        yield target


def write_jsonl(links: Iterable[Link], target: str | os.PathLike[str] | IO[str]) -> Digest:
    """Write ``links`` (in ``(case_id, seq)`` order) as JSON lines; return the digest of their heads."""
    heads: list[Head] = []
    events = 0
    last: Link | None = None
    with _opened(target, "w") as out:
        out.write(
            json.dumps({"format": FORMAT_NAME, "version": VERSION}, separators=(",", ":")) + "\n"
        )
        for link in links:
            if last is not None and link.case_id != last.case_id:
                heads.append(Head(last.case_id, last.seq, last.hash))
            out.write(
                f'{{"case_id":{json.dumps(link.case_id, ensure_ascii=False)},"hash":"{link.hash}",'
                f'"prev":"{link.prev}","record":{link.body.decode()},"seq":{link.seq}}}\n'
            )
            events += 1
            last = link
        if last is not None:
            heads.append(Head(last.case_id, last.seq, last.hash))
        digest = Digest.of(heads)
        trailer = {"cases": len(heads), "digest": digest.value, "end": True, "events": events}
        out.write(json.dumps(trailer, separators=(",", ":")) + "\n")
    return digest


def _bad(line_no: int, value: object, reason: str) -> InvalidInput:
    return InvalidInput(f"jsonl line {line_no}", value, reason)


def _object(line_no: int, text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise _bad(line_no, text, f"not JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise _bad(line_no, text, "not a JSON object")
    return value


def _event_line(line_no: int, value: dict[str, Any]) -> tuple[Link, Case, Event]:
    if value.keys() != _EVENT_KEYS:
        raise _bad(
            line_no, sorted(value), f"an event line has exactly the keys {sorted(_EVENT_KEYS)}"
        )
    case_id, seq, prev, hash_, record = (
        value[k] for k in ("case_id", "seq", "prev", "hash", "record")
    )
    if not (
        isinstance(case_id, str)
        and type(seq) is int
        and isinstance(prev, str)
        and isinstance(hash_, str)
        and isinstance(record, dict)
    ):
        raise _bad(line_no, value, "an event line has a wrong type")
    try:
        case, event = decode_record(record)
    except InvalidInput as exc:
        raise _bad(line_no, record, exc.reason) from exc
    if (event.case_id, event.seq, case.id, case.seq) != (case_id, seq, case_id, seq):
        raise _bad(line_no, (case_id, seq), "the record is not the event and snapshot of this line")
    return Link(case_id, seq, prev, hash_, canonical(record)), case, event


def read_jsonl(source: str | os.PathLike[str] | IO[str]) -> list[tuple[Link, Case, Event]]:
    """Read and check a JSON-lines export: every hash, link, count and the digest.

    Returns:
        Every event's link, snapshot and event, in file order.

    Raises:
        InvalidInput: the file is not a whole, unaltered export; names the line.
    """
    out: list[tuple[Link, Case, Event]] = []
    check = ChainCheck()
    seen: set[str] = set()
    trailer: dict[str, Any] | None = None
    line_no = 0
    with _opened(source, "r") as f:
        for line_no, text in enumerate(f, start=1):
            if trailer is not None:
                raise _bad(line_no, text, "a line after the trailer")
            value = _object(line_no, text)
            if line_no == 1:
                if value != {"format": FORMAT_NAME, "version": VERSION}:
                    raise _bad(1, value, f"not a {FORMAT_NAME} export of version {VERSION}")
                continue
            if "end" in value:
                trailer = value
                continue
            link, case, event = _event_line(line_no, value)
            if out and link.case_id != out[-1][0].case_id:
                if link.case_id in seen:
                    raise _bad(line_no, link.case_id, "the case's events are not together")
                seen.add(out[-1][0].case_id)
            try:
                check.feed(*link)
            except IntegrityError as exc:
                raise _bad(line_no, (link.case_id, link.seq), exc.detail) from exc
            out.append((link, case, event))
    if line_no == 0:
        raise _bad(1, "", "empty file")
    if trailer is None:
        raise _bad(line_no, None, "no trailer: the file is truncated")
    if trailer.keys() != _TRAILER_KEYS:
        raise _bad(line_no, trailer, f"the trailer has exactly the keys {sorted(_TRAILER_KEYS)}")
    found = check.close()
    if (found.cases, found.events, found.digest.value) != (
        trailer["cases"],
        trailer["events"],
        trailer["digest"],
    ):
        raise _bad(
            line_no,
            trailer,
            f"the file holds {found.cases} cases, {found.events} events, digest {found.digest.value}",
        )
    return out
