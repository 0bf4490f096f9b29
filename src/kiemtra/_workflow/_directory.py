"""What the engine needs to know about the host's organisations and people, as a small protocol."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from typing import Protocol

import attrs

__all__ = ["Directory", "StaticDirectory"]


class Directory(Protocol):
    """Lookups at a date that authorization needs; a host adapts its own registry to it."""

    def superiors(self, org_id: str, at: _dt.date) -> Sequence[str]:
        """The organisations above ``org_id`` on ``at``, nearest first."""
        ...

    def level(self, org_id: str, at: _dt.date) -> str | None:
        """The level of ``org_id`` on ``at`` (a rulebook string such as ``"grassroots"``)."""
        ...

    def posts(self, member_id: str, at: _dt.date) -> Sequence[str]:
        """The posts ``member_id`` holds on ``at``."""
        ...


@attrs.frozen
class StaticDirectory:
    """A directory from plain mappings, constant over time: for tests, examples and small hosts.

    Args:
        parents: ``org_id -> parent org_id``.
        levels: ``org_id -> level``.
        member_posts: ``member_id -> posts``.
    """

    parents: Mapping[str, str] = attrs.field(factory=dict)
    levels: Mapping[str, str] = attrs.field(factory=dict)
    member_posts: Mapping[str, Sequence[str]] = attrs.field(factory=dict)

    def superiors(self, org_id: str, at: _dt.date) -> Sequence[str]:
        """The chain of parents of ``org_id``, nearest first."""
        out: list[str] = []
        current = self.parents.get(org_id)
        while current is not None and current not in out:
            out.append(current)
            current = self.parents.get(current)
        return out

    def level(self, org_id: str, at: _dt.date) -> str | None:
        """The level of ``org_id``."""
        return self.levels.get(org_id)

    def posts(self, member_id: str, at: _dt.date) -> Sequence[str]:
        """The posts of ``member_id``."""
        return tuple(self.member_posts.get(member_id, ()))
