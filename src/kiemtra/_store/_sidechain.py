"""Append-only, hash-chained side logs beside the events: the case file and the access log.

Each log keeps one chain per *scope* (a case id), linked exactly like the events
(:func:`~kiemtra._store._chain.link_hash` over the previous hash, the scope, the seq and the canonical
bytes), so :class:`~kiemtra._store._chain.ChainCheck` verifies it and names the first broken link.
Nothing here updates or deletes a row.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from kiemtra._store._chain import GENESIS, ChainCheck, Link, Verification, link_hash

if TYPE_CHECKING:
    from sqlalchemy import Connection, MetaData, Table

__all__ = ["MemoryChains", "SqlChains", "canonical_bytes", "chained_table"]


def canonical_bytes(data: dict[str, Any]) -> bytes:
    """Canonical JSON bytes: sorted keys, no whitespace, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


MakeBody = Callable[[int], bytes]
"""Builds a row's canonical bytes once its seq is known."""


@attrs.define
class MemoryChains:
    """Chains of links per scope, in memory."""

    _links: dict[str, list[Link]] = attrs.field(factory=dict)

    def append(self, scope: str, make_body: MakeBody) -> Link:
        """Append the next link of ``scope``."""
        chain = self._links.setdefault(scope, [])
        prev = chain[-1].hash if chain else GENESIS
        seq = len(chain) + 1
        body = make_body(seq)
        link = Link(scope, seq, prev, link_hash(prev, scope, seq, body), body)
        chain.append(link)
        return link

    def pop(self, scope: str) -> None:
        """Remove the newest link of ``scope`` (a unit of work undone)."""
        chain = self._links.get(scope)
        if chain:
            chain.pop()
            if not chain:
                del self._links[scope]

    def head(self, scope: str) -> int:
        """The seq of the newest link of ``scope`` (0 for none)."""
        return len(self._links.get(scope, ()))

    def links(self, scope: str | None = None) -> Iterator[Link]:
        """The links of ``scope``, or of every scope in scope order."""
        scopes = [scope] if scope is not None else sorted(self._links)
        for s in scopes:
            yield from self._links.get(s, ())

    def verify(self, scope: str | None = None) -> Verification:
        """Walk the chains.

        Raises:
            IntegrityError: the first broken link.
        """
        check = ChainCheck()
        check.feed_all(self.links(scope))
        return check.close()


def chained_table(
    md: MetaData, name: str, key: Any, opts: dict[str, Any], *, scope: str = "scope"
) -> Table:
    """A side log's table: ``(scope, seq)`` the key, then ``prev_hash``, ``hash``, ``body``."""
    import sqlalchemy as sa
    from sqlalchemy.dialects import mysql

    blob = sa.LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb")
    return sa.Table(
        name,
        md,
        sa.Column(scope, key, primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("body", blob, nullable=False),
        **opts,
    )


class SqlChains:
    """Appends to and reads a side log's table on connections the store gives."""

    def __init__(self, table: Table) -> None:
        import sqlalchemy as sa

        self.table = table
        t = table
        self.scope = t.c[t.primary_key.columns.keys()[0]]
        self._head = (
            sa.select(t.c.seq, t.c.hash)
            .where(self.scope == sa.bindparam("scope"))
            .order_by(t.c.seq.desc())
            .limit(1)
        )

    def head(self, conn: Connection, scope: str) -> tuple[int, str]:
        """The seq and hash of the newest link of ``scope`` (0 and the genesis hash for none)."""
        row = conn.execute(self._head, {"scope": scope}).first()
        return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))

    def append(self, conn: Connection, scope: str, make_body: MakeBody) -> Link:
        """Append the next link of ``scope`` in the caller's transaction.

        Two writers appending to one scope at once meet on the primary key: the loser's transaction fails
        and the store retries it.
        """
        seq, prev = self.head(conn, scope)
        body = make_body(seq + 1)
        link = Link(scope, seq + 1, prev, link_hash(prev, scope, seq + 1, body), body)
        conn.execute(
            self.table.insert(),
            {
                self.scope.name: scope,
                "seq": link.seq,
                "prev_hash": prev,
                "hash": link.hash,
                "body": body,
            },
        )
        return link

    def links(self, conn: Connection, scope: str | None = None) -> list[Link]:
        """The links of ``scope``, or of every scope, in ``(scope, seq)`` order."""
        import sqlalchemy as sa

        t = self.table
        q = sa.select(self.scope, t.c.seq, t.c.prev_hash, t.c.hash, t.c.body)
        if scope is not None:
            q = q.where(self.scope == scope)
        rows = conn.execute(q.order_by(self.scope, t.c.seq))
        return [Link(str(s), int(n), p, h, bytes(b)) for s, n, p, h, b in rows]

    def verify(self, conn: Connection, scope: str | None = None) -> Verification:
        """Walk the chains.

        Raises:
            IntegrityError: the first broken link.
        """
        check = ChainCheck()
        check.feed_all(self.links(conn, scope))
        return check.close()
