"""The roll: members, their cells and posts, checked against the organisation tree."""

from __future__ import annotations

import datetime as _dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import attrs

from kiemtra._errors import InconsistentRecords, InvalidInput, InvalidPeriod, UnknownReference
from kiemtra._model._fields import as_tuple, check_items, check_type
from kiemtra._model._member import CellMembership, Member, MemberStatus, PostHolding
from kiemtra._model._tree import OrgTree, within
from kiemtra._time import DateRange, as_date

__all__ = ["Roll"]


@attrs.frozen
class _Index:
    members: Mapping[str, Member]
    cells_by_member: Mapping[str, tuple[CellMembership, ...]]
    members_by_cell: Mapping[str, tuple[CellMembership, ...]]
    posts_by_member: Mapping[str, tuple[PostHolding, ...]]


def _member_index(members: Sequence[Member], tree: OrgTree) -> dict[str, Member]:
    index: dict[str, Member] = {}
    for member in members:
        if member.id in index:
            raise InconsistentRecords("Member.id", member.id, "two members share this id")
        if member.managed_by is not None and member.managed_by not in tree:
            raise UnknownReference("Member.managed_by", member.managed_by, "no such organisation")
        index[member.id] = member
    return index


def _known(members: Mapping[str, Member], member_id: str, field: str) -> Member:
    try:
        return members[member_id]
    except KeyError:
        raise UnknownReference(field, member_id, "no such member") from None


def _within_lives(valid: DateRange, field: str, member: Member, tree: OrgTree, org_id: str) -> None:
    if not within(valid, member.on_roll):
        raise InvalidPeriod(
            field, valid, f"outside {member.id}'s time on the roll {member.on_roll}"
        )
    lifetime = tree.lifetime(org_id)
    if not within(valid, lifetime):
        raise InvalidPeriod(field, valid, f"outside {org_id}'s lifetime {lifetime}")


def _check_membership(m: CellMembership, members: Mapping[str, Member], tree: OrgTree) -> None:
    member = _known(members, m.member_id, "CellMembership.member_id")
    # A transfer into a cell that no longer exists (or does not yet) is refused here.
    cell = tree.get(m.cell_id, m.valid.start, field="CellMembership.cell_id")
    if not cell.kind.is_cell:
        raise InvalidInput(
            "CellMembership.cell_id", m.cell_id, f"is a {cell.kind.name}, not a cell"
        )
    _within_lives(m.valid, "CellMembership.valid", member, tree, m.cell_id)


def _one_cell_at_a_time(memberships: Sequence[CellMembership]) -> None:
    for before, after in itertools.pairwise(memberships):
        if before.valid.overlaps(after.valid):
            raise InconsistentRecords(
                "CellMembership.valid",
                after.valid,
                f"member {after.member_id} is in cell {before.cell_id} over {before.valid} "
                f"and in cell {after.cell_id} over {after.valid} at once",
            )


def _check_post(post: PostHolding, members: Mapping[str, Member], tree: OrgTree) -> None:
    member = _known(members, post.member_id, "PostHolding.member_id")
    org = tree.get(post.body.org_id, post.valid.start, field="PostHolding.body")
    if post.body not in org.bodies():
        raise InvalidInput("PostHolding.body", post.body, f"{org.id} has no such body then")
    _within_lives(post.valid, "PostHolding.valid", member, tree, org.id)


def _build(
    tree: OrgTree,
    members: Sequence[Member],
    memberships: Sequence[CellMembership],
    posts: Sequence[PostHolding],
) -> _Index:
    by_id = _member_index(members, tree)
    by_member: defaultdict[str, list[CellMembership]] = defaultdict(list)
    by_cell: defaultdict[str, list[CellMembership]] = defaultdict(list)
    for m in memberships:
        _check_membership(m, by_id, tree)
        by_member[m.member_id].append(m)
        by_cell[m.cell_id].append(m)
    for history in by_member.values():
        history.sort(key=lambda m: m.valid.start)
        _one_cell_at_a_time(history)
    posts_by_member: defaultdict[str, list[PostHolding]] = defaultdict(list)
    for post in posts:
        _check_post(post, by_id, tree)
        posts_by_member[post.member_id].append(post)
    return _Index(
        members=by_id,
        cells_by_member={k: tuple(v) for k, v in by_member.items()},
        members_by_cell={k: tuple(v) for k, v in by_cell.items()},
        posts_by_member={k: tuple(v) for k, v in posts_by_member.items()},
    )


def _members(value: Iterable[Member]) -> tuple[Member, ...]:
    result: tuple[Member, ...] = as_tuple(value)
    return result


def _memberships(value: Iterable[CellMembership]) -> tuple[CellMembership, ...]:
    result: tuple[CellMembership, ...] = as_tuple(value)
    return result


def _posts(value: Iterable[PostHolding]) -> tuple[PostHolding, ...]:
    result: tuple[PostHolding, ...] = as_tuple(value)
    return result


@attrs.frozen
class Roll:
    """Who was a member, in which cell, holding which posts, on any date.

    Args:
        tree: The organisation tree the cells and bodies belong to.
        members: Every member, over their whole time on the roll.
        memberships: Which cell each member belonged to, and when.
        posts: Which posts members held, and when.

    Raises:
        UnknownReference: a record names a member or organisation that does not exist, or a cell
            that did not exist when the membership starts (a transfer into an abolished cell).
        InvalidPeriod: a membership or post reaches outside the member's time on the roll or the
            organisation's lifetime.
        InconsistentRecords: two members share an id, or a member is in two cells at once.
        InvalidInput: a membership names an organisation that is not a cell, or a post names a
            body its organisation does not have.
    """

    tree: OrgTree = attrs.field(validator=check_type(OrgTree))
    members: tuple[Member, ...] = attrs.field(converter=_members, validator=check_items(Member))
    memberships: tuple[CellMembership, ...] = attrs.field(
        default=(), converter=_memberships, validator=check_items(CellMembership)
    )
    posts: tuple[PostHolding, ...] = attrs.field(
        default=(), converter=_posts, validator=check_items(PostHolding)
    )
    _index: _Index = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        index = _build(self.tree, self.members, self.memberships, self.posts)
        object.__setattr__(self, "_index", index)

    def member(self, member_id: str) -> Member:
        """The member with this id.

        Raises:
            UnknownReference: no member has this id.
        """
        return _known(self._index.members, member_id, "member_id")

    def status_at(self, member_id: str, at: _dt.date) -> MemberStatus:
        """Full or probationary on ``at``.

        Raises:
            UnknownReference: no such member, or not on the roll on ``at``.
        """
        return self.member(member_id).status_at(at)

    def cell_of(self, member_id: str, at: _dt.date) -> str | None:
        """The id of the cell the member belonged to on ``at``; None between cells or off the roll.

        Raises:
            UnknownReference: no member has this id.
        """
        self.member(member_id)
        day = as_date(at, "at")
        for m in self._index.cells_by_member.get(member_id, ()):
            if day in m.valid:
                return m.cell_id
        return None

    def members_of(self, cell_id: str, at: _dt.date) -> tuple[str, ...]:
        """The ids of the members in the cell ``cell_id`` on ``at``, sorted.

        Raises:
            UnknownReference: the cell did not exist on ``at``.
        """
        self.tree.get(cell_id, at, field="cell_id")
        day = as_date(at, "at")
        found = (
            m.member_id for m in self._index.members_by_cell.get(cell_id, ()) if day in m.valid
        )
        return tuple(sorted(found))

    def members_under(self, org_id: str, at: _dt.date) -> tuple[str, ...]:
        """The ids of the members of ``org_id`` and of every cell below it on ``at``, sorted.

        Raises:
            UnknownReference: the organisation did not exist on ``at``.
        """
        orgs = (org_id, *self.tree.descendants_at(org_id, at))
        return tuple(sorted(m for org in orgs for m in self.members_of(org, at)))

    def posts_of(self, member_id: str, at: _dt.date) -> tuple[PostHolding, ...]:
        """The posts the member held on ``at``.

        Raises:
            UnknownReference: no member has this id.
        """
        self.member(member_id)
        day = as_date(at, "at")
        return tuple(p for p in self._index.posts_by_member.get(member_id, ()) if day in p.valid)
