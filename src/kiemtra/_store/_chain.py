"""The hash chain of each case, the store digest over all case heads, and the walk that checks them.

Every stored step is a *link*: ``(case_id, seq, prev, hash, body)``. ``body`` is the record's canonical
bytes (:mod:`kiemtra._store._codec`), ``prev`` is the hash of the case's previous link (64 zeros for the
opening) and ``hash`` is ``sha256(prev "\\n" case_id "\\n" seq "\\n" body)`` in hex. The row's key is inside
the hashed bytes, so moving a row to another case or seq breaks it as surely as editing its body.

Each case has its own chain, so writers on different cases never wait for each other. The *head* of a
case is its newest link; the store :class:`Digest` hashes every head, so a host that keeps a digest
somewhere else (an anchor) can later prove that nothing it covered was rewritten or removed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any, Final, NamedTuple

import attrs

from kiemtra._errors import IntegrityError, InvalidInput

__all__ = ["GENESIS", "ChainCheck", "Digest", "Head", "Link", "Verification", "link_hash"]

GENESIS: Final = "0" * 64
"""The ``prev`` of a case's opening link."""

_sha256 = hashlib.sha256


def link_hash(prev: str, case_id: str, seq: int, body: bytes) -> str:
    """The hash of a link: sha256 over the previous hash, the row's key and the record bytes."""
    return _sha256(f"{prev}\n{case_id}\n{seq}\n".encode() + body).hexdigest()


class Link(NamedTuple):
    """One stored step as the chain sees it."""

    case_id: str
    seq: int
    prev: str
    hash: str
    body: bytes


@attrs.frozen
class Head:
    """The newest link of a case: its id, seq and hash."""

    case_id: str
    seq: int
    hash: str


def _digest_value(heads: Iterable[Head]) -> str:
    h = _sha256()
    for head in heads:
        h.update(f"{head.case_id}\t{head.seq}\t{head.hash}\n".encode())
    return h.hexdigest()


@attrs.frozen
class Digest:
    """A digest of case heads, for a host to keep outside the database (an *anchor*).

    Verifying against an anchor later checks that every case it covers still has, at the anchored seq,
    the anchored hash: events appended since are fine, anything rewritten or removed is not.

    Args:
        value: sha256 over ``"case_id\\tseq\\thash\\n"`` of every head, in case-id order.
        heads: The heads, in case-id order.
    """

    value: str
    heads: tuple[Head, ...]

    @classmethod
    def of(cls, heads: Iterable[Head]) -> Digest:
        """The digest of ``heads`` (in any order)."""
        ordered = tuple(sorted(heads, key=lambda h: h.case_id))
        return cls(_digest_value(ordered), ordered)

    @property
    def cases(self) -> int:
        """How many cases the digest covers."""
        return len(self.heads)

    @property
    def events(self) -> int:
        """How many events the digest covers (every case's seq runs from 1 to its head)."""
        return sum(h.seq for h in self.heads)

    def to_json(self) -> str:
        """The digest as JSON text, to store elsewhere."""
        heads = [[h.case_id, h.seq, h.hash] for h in self.heads]
        return json.dumps({"digest": self.value, "heads": heads}, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> Digest:
        """Read a digest written by :meth:`to_json`.

        Raises:
            InvalidInput: the text is not such a digest, or its value does not match its heads.
        """
        try:
            data = json.loads(text)
            heads = tuple(Head(str(c), int(s), str(h)) for c, s, h in data["heads"])
            value = str(data["digest"])
        except (ValueError, TypeError, KeyError) as exc:
            raise InvalidInput("digest", text, f"not a kiemtra digest: {exc!r}") from exc
        digest = cls.of(heads)
        if digest.value != value:
            raise InvalidInput("digest", value, "does not match the heads it lists")
        return digest


@attrs.frozen
class Verification:
    """What a successful :meth:`verify` walked.

    Args:
        cases: Cases checked.
        events: Events checked.
        digest: The digest of the heads it found.
    """

    cases: int
    events: int
    digest: Digest


def _claimed_key(link: Link) -> tuple[str, int] | None:
    """The key a broken row's own record claims, when that key (not the row's) matches its hash."""
    try:
        event = json.loads(link.body)["event"]
        case_id, seq = event["case_id"], event["seq"]
    except (ValueError, TypeError, KeyError):
        return None
    if not isinstance(case_id, str) or type(seq) is not int:
        return None
    if (case_id, seq) != (link.case_id, link.seq) and link_hash(
        link.prev, case_id, seq, link.body
    ) == link.hash:
        return case_id, seq
    return None


class ChainCheck:
    """Walks links in ``(case_id, seq)`` order and raises :class:`IntegrityError` at the first break.

    Args:
        index: The heads the store's case index records, ``{case_id: (seq, hash)}``, for the cases in
            scope; None to skip that check.
        anchor: A digest kept elsewhere (or its bare value) to check against.
        in_scope: Tells which anchored cases belong to the walked scope, given the ids of those the walk
            did not meet; None means every anchored case does.
    """

    def __init__(
        self,
        *,
        index: Mapping[str, tuple[int, str]] | None = None,
        anchor: Digest | str | None = None,
        in_scope: Callable[[Collection[str]], Collection[str]] | None = None,
    ) -> None:
        self._index = index
        self._anchor_value = anchor if isinstance(anchor, str) else None
        self._anchored = (
            {h.case_id: (h.seq, h.hash) for h in anchor.heads} if isinstance(anchor, Digest) else {}
        )
        self._in_scope = in_scope
        self._heads: list[Head] = []
        self._case: str | None = None
        self._seq = 0
        self._hash = GENESIS
        self._anchor_seq = -1
        self._anchor_hash = ""
        self.events = 0

    def feed(self, case_id: str, seq: int, prev: str, hash: str, body: bytes | str) -> None:
        """Check the next link.

        Raises:
            IntegrityError: the link is broken; names the case and seq the broken record belongs to.
        """
        if case_id != self._case:
            self._end_case()
            self._start_case(case_id)
        if isinstance(body, str):  # a body rewritten as text by hand (SQLite): checked as its bytes
            body = body.encode()
        if _sha256(f"{prev}\n{case_id}\n{seq}\n".encode() + body).hexdigest() != hash:
            link = Link(case_id, seq, prev, hash, body)
            claimed = _claimed_key(link)
            if claimed is not None:
                raise IntegrityError(
                    claimed[0],
                    claimed[1],
                    f"the record is stored under case {case_id!r} seq {seq}, not under its own key",
                )
            raise IntegrityError(case_id, seq, "the stored hash does not match the record")
        expected = self._seq + 1
        if seq != expected:
            if seq > expected:
                raise IntegrityError(
                    case_id, expected, f"missing: the next stored event is seq {seq}"
                )
            raise IntegrityError(case_id, seq, f"out of order: expected seq {expected}")
        if prev != self._hash:
            raise IntegrityError(
                case_id, seq, "the previous-hash link does not match the event before"
            )
        if seq == self._anchor_seq and hash != self._anchor_hash:
            raise IntegrityError(case_id, seq, "the hash differs from the anchored digest")
        self._seq = seq
        self._hash = hash
        self.events += 1

    def feed_all(self, links: Iterable[Link | tuple[str, int, str, str, bytes]]) -> None:
        """Feed every link of ``links``."""
        feed = self.feed
        for case_id, seq, prev, hash_, body in links:
            feed(case_id, seq, prev, hash_, body)

    def _start_case(self, case_id: str) -> None:
        self._case = case_id
        self._seq = 0
        self._hash = GENESIS
        self._anchor_seq, self._anchor_hash = self._anchored.pop(case_id, (-1, ""))

    def _end_case(self) -> None:
        case_id = self._case
        if case_id is None:
            return
        if self._anchor_seq > self._seq:
            raise IntegrityError(
                case_id,
                self._seq + 1,
                f"missing: the anchored digest has the case up to seq {self._anchor_seq}, the store up to "
                f"seq {self._seq}",
            )
        if self._index is not None:
            recorded = self._index.get(case_id)
            if recorded is None:
                raise IntegrityError(case_id, None, "events of a case the case index does not list")
            if recorded != (self._seq, self._hash):
                seq = min(recorded[0], self._seq + 1)
                raise IntegrityError(
                    case_id,
                    seq,
                    f"the case index has head seq {recorded[0]}, the events end at seq {self._seq} "
                    "with another hash",
                )
        self._heads.append(Head(case_id, self._seq, self._hash))
        self._case = None

    def close(self) -> Verification:
        """Finish the walk: check what the walk did not meet, and return what it checked.

        Raises:
            IntegrityError: the case index or the anchor names a case without events, or the digest
                differs from an anchored bare value.
        """
        self._end_case()
        seen = {h.case_id for h in self._heads}
        if self._index is not None:
            for case_id in sorted(set(self._index) - seen):
                raise IntegrityError(case_id, 1, "the case index lists a case without events")
        if self._anchored:
            missing: Collection[str] = self._anchored.keys()
            if self._in_scope is not None:
                missing = self._in_scope(missing)
            for case_id in sorted(missing):
                raise IntegrityError(
                    case_id, 1, "missing: the anchored digest has the case, the store not"
                )
        digest = Digest.of(self._heads)
        if self._anchor_value is not None and digest.value != self._anchor_value:
            raise IntegrityError(
                None, None, f"digest {digest.value} differs from the anchored {self._anchor_value}"
            )
        return Verification(len(self._heads), self.events, digest)


def parse_anchor(anchor: Any) -> Digest | str | None:
    """Accept a :class:`Digest`, its JSON text, a bare digest value, or None.

    Raises:
        InvalidInput: anything else.
    """
    if anchor is None or isinstance(anchor, Digest):
        return anchor
    if (
        isinstance(anchor, str)
        and len(anchor) == 64
        and all(c in "0123456789abcdef" for c in anchor)
    ):
        return anchor
    if isinstance(anchor, str | bytes):
        return Digest.from_json(anchor)
    raise InvalidInput("anchor", anchor, "expected a Digest, its JSON, or a digest value")
