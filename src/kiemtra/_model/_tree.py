"""The organisation tree at any date, checked once when it is built."""

from __future__ import annotations

import datetime as _dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import attrs
import pendulum

from kiemtra._errors import InconsistentRecords, InvalidPeriod, UnknownReference
from kiemtra._model._actor import Body
from kiemtra._model._fields import as_tuple, check_items
from kiemtra._model._org import Organisation, OrgEvent, OrgLink, check_kind_level
from kiemtra._time import DateRange, as_date

__all__ = ["OrgTree", "within"]

# One organisation's states: (first day, the organisation as it stood from that day), by date.
_States = tuple[tuple[pendulum.Date, Organisation], ...]


def within(inner: DateRange, outer: DateRange) -> bool:
    """Whether every day of ``inner`` lies in ``outer``."""
    if inner.start < outer.start:
        return False
    return outer.end is None or (inner.end is not None and inner.end <= outer.end)


def _state_at(states: _States, day: _dt.date) -> Organisation:
    found = states[0][1]
    for start, org in states:
        if start > day:
            break
        found = org
    return found


@attrs.frozen
class _Index:
    states: Mapping[str, _States]
    parents: Mapping[str, tuple[OrgLink, ...]]
    children: Mapping[str, tuple[OrgLink, ...]]
    events: Mapping[str, tuple[OrgEvent, ...]]


def _known(records: Mapping[str, Organisation], org_id: str, field: str) -> Organisation:
    try:
        return records[org_id]
    except KeyError:
        raise UnknownReference(field, org_id, "no such organisation") from None


def _records(orgs: Sequence[Organisation]) -> dict[str, Organisation]:
    records: dict[str, Organisation] = {}
    for org in orgs:
        if org.id in records:
            raise InconsistentRecords("Organisation.id", org.id, "two organisations share this id")
        records[org.id] = org
    return records


def _check_event(event: OrgEvent, records: Mapping[str, Organisation]) -> None:
    org = _known(records, event.org_id, "OrgEvent.org_id")
    day = event.effective_on
    for successor_id in event.successors:
        successor = _known(records, successor_id, "OrgEvent.successors")
        if day not in successor.valid:
            raise InconsistentRecords(
                "OrgEvent.successors", successor_id, f"does not exist on {day.isoformat()}"
            )
    if event.kind.ends and org.valid.end != day:
        raise InconsistentRecords(
            "OrgEvent.effective_on", day, f"{org.id} lives over {org.valid}: it ends on its end"
        )
    if not event.kind.ends and (day == org.valid.start or day not in org.valid):
        raise InvalidPeriod(
            "OrgEvent.effective_on", day, f"must fall within the lifetime {org.valid} of {org.id}"
        )


def _states(org: Organisation, events: Iterable[OrgEvent]) -> _States:
    states = [(org.valid.start, org)]
    current = org
    for event in sorted(events, key=lambda e: e.effective_on):
        if event.new_level is None:  # an ending event: the lifetime already says when
            continue
        if event.effective_on == states[-1][0]:
            raise InconsistentRecords(
                "OrgEvent.effective_on", event.effective_on, f"two level changes of {org.id}"
            )
        kind = event.new_kind or current.kind
        check_kind_level(kind, event.new_level, "OrgEvent.new_level")
        current = attrs.evolve(current, level=event.new_level, kind=kind)
        states.append((event.effective_on, current))
    return tuple(states)


def _check_link(link: OrgLink, states: Mapping[str, _States]) -> None:
    for org_id, field in (
        (link.child_id, "OrgLink.child_id"),
        (link.parent_id, "OrgLink.parent_id"),
    ):
        if org_id not in states:
            raise UnknownReference(field, org_id, "no such organisation")
        lifetime = states[org_id][0][1].valid
        if not within(link.valid, lifetime):
            raise InvalidPeriod(
                "OrgLink.valid", link.valid, f"outside {org_id}'s lifetime {lifetime}"
            )
    changes = [d for o in (link.child_id, link.parent_id) for d, _ in states[o] if d in link.valid]
    for day in sorted({link.valid.start, *changes}):
        child = _state_at(states[link.child_id], day)
        parent = _state_at(states[link.parent_id], day)
        if parent.level.rank >= child.level.rank:
            raise InconsistentRecords(
                "OrgLink.parent_id",
                parent.id,
                f"on {day.isoformat()} it is {parent.level.name}, not above {child.id} "
                f"({child.level.name})",
            )


def _one_parent_at_a_time(links: Sequence[OrgLink]) -> None:
    for before, after in itertools.pairwise(links):
        if before.valid.overlaps(after.valid):
            raise InconsistentRecords(
                "OrgLink.valid",
                after.valid,
                f"{after.child_id} is under {before.parent_id} over {before.valid} "
                f"and under {after.parent_id} over {after.valid} at once",
            )


def _build(
    orgs: Sequence[Organisation], links: Sequence[OrgLink], events: Sequence[OrgEvent]
) -> _Index:
    records = _records(orgs)
    by_org: defaultdict[str, list[OrgEvent]] = defaultdict(list)
    for event in events:
        _check_event(event, records)
        if event.kind.ends and any(e.kind.ends for e in by_org[event.org_id]):
            raise InconsistentRecords("OrgEvent.kind", event.kind, f"{event.org_id} ends twice")
        by_org[event.org_id].append(event)
    states = {org.id: _states(org, by_org.get(org.id, ())) for org in orgs}
    parents: defaultdict[str, list[OrgLink]] = defaultdict(list)
    children: defaultdict[str, list[OrgLink]] = defaultdict(list)
    for link in links:
        _check_link(link, states)
        parents[link.child_id].append(link)
        children[link.parent_id].append(link)
    for child_links in parents.values():
        child_links.sort(key=lambda link: link.valid.start)
        _one_parent_at_a_time(child_links)
    return _Index(
        states=states,
        parents={k: tuple(v) for k, v in parents.items()},
        children={k: tuple(sorted(v, key=lambda link: link.child_id)) for k, v in children.items()},
        events={k: tuple(sorted(v, key=lambda e: e.effective_on)) for k, v in by_org.items()},
    )


def _organisations(value: Iterable[Organisation]) -> tuple[Organisation, ...]:
    result: tuple[Organisation, ...] = as_tuple(value)
    return result


def _links(value: Iterable[OrgLink]) -> tuple[OrgLink, ...]:
    result: tuple[OrgLink, ...] = as_tuple(value)
    return result


def _events(value: Iterable[OrgEvent]) -> tuple[OrgEvent, ...]:
    result: tuple[OrgEvent, ...] = as_tuple(value)
    return result


@attrs.frozen
class OrgTree:
    """Organisations, who was under whom when, and their reorganisations; asked at a date.

    Every lookup takes the date it is about: the tree of 2019 is not the tree of 2026.

    Args:
        organisations: Every organisation, each over its whole lifetime.
        links: Who was directly under whom, and when.
        events: Mergers, splits, abolitions and level changes.

    Raises:
        UnknownReference: a link or event names an organisation that is not in ``organisations``.
        InvalidPeriod: a link reaches outside the lifetime of one of its organisations, or a level
            change falls outside the organisation's lifetime.
        InconsistentRecords: two organisations share an id; a child has two parents at once; a
            parent is not above its child; an ending event does not fall on the organisation's end.
    """

    organisations: tuple[Organisation, ...] = attrs.field(
        converter=_organisations, validator=check_items(Organisation)
    )
    links: tuple[OrgLink, ...] = attrs.field(
        default=(), converter=_links, validator=check_items(OrgLink)
    )
    events: tuple[OrgEvent, ...] = attrs.field(
        default=(), converter=_events, validator=check_items(OrgEvent)
    )
    _index: _Index = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", _build(self.organisations, self.links, self.events))

    def _states(self, org_id: str, field: str) -> _States:
        try:
            return self._index.states[org_id]
        except KeyError:
            raise UnknownReference(field, org_id, "no such organisation") from None

    def __contains__(self, org_id: object) -> bool:
        return org_id in self._index.states

    def lifetime(self, org_id: str) -> DateRange:
        """The days on which ``org_id`` exists.

        Raises:
            UnknownReference: no organisation has this id.
        """
        return self._states(org_id, "org_id")[0][1].valid

    def exists_at(self, org_id: str, at: _dt.date) -> bool:
        """Whether ``org_id`` exists on ``at`` (False for an id the tree does not know)."""
        states = self._index.states.get(org_id)
        return states is not None and as_date(at, "at") in states[0][1].valid

    def get(self, org_id: str, at: _dt.date, *, field: str = "org_id") -> Organisation:
        """The organisation as it stood on ``at``: its level and kind on that day.

        Args:
            org_id: The organisation.
            at: The day.
            field: How an error names the id (the caller's own field, e.g. ``"CellMembership.cell_id"``).

        Raises:
            UnknownReference: no such organisation, or it did not exist on ``at`` (not yet founded,
                or abolished, merged or split before).
        """
        day = as_date(at, "at")
        states = self._states(org_id, field)
        lifetime = states[0][1].valid
        if day in lifetime:
            return _state_at(states, day)
        if day < lifetime.start:
            reason = f"not yet founded on {day.isoformat()} (founded {lifetime.start.isoformat()})"
        else:
            reason = f"no longer exists on {day.isoformat()}"
            for event in self.events_of(org_id):
                if event.kind.ends:
                    reason += f": {event.kind.name.lower()} on {event.effective_on.isoformat()}"
                    if event.successors:
                        reason += " into " + ", ".join(event.successors)
        raise UnknownReference(field, org_id, reason)

    def events_of(self, org_id: str) -> tuple[OrgEvent, ...]:
        """The reorganisations of ``org_id``, by date."""
        return self._index.events.get(org_id, ())

    def organisations_at(self, at: _dt.date) -> tuple[Organisation, ...]:
        """Every organisation existing on ``at``, as it stood that day, by id."""
        day = as_date(at, "at")
        return tuple(
            _state_at(states, day)
            for org_id, states in sorted(self._index.states.items())
            if day in states[0][1].valid
        )

    def parent_at(self, org_id: str, at: _dt.date) -> str | None:
        """The id of the organisation ``org_id`` was directly under on ``at``, if any.

        Raises:
            UnknownReference: ``org_id`` did not exist on ``at``.
        """
        self.get(org_id, at)
        day = as_date(at, "at")
        for link in self._index.parents.get(org_id, ()):
            if day in link.valid:
                return link.parent_id
        return None

    def ancestors_at(self, org_id: str, at: _dt.date) -> tuple[str, ...]:
        """The ids of the organisations above ``org_id`` on ``at``, nearest first.

        Raises:
            UnknownReference: ``org_id`` did not exist on ``at``.
        """
        found: list[str] = []
        parent = self.parent_at(org_id, at)
        while parent is not None:
            found.append(parent)
            parent = self.parent_at(parent, at)
        return tuple(found)

    def children_at(self, org_id: str, at: _dt.date) -> tuple[str, ...]:
        """The ids of the organisations directly under ``org_id`` on ``at``, by id.

        Raises:
            UnknownReference: ``org_id`` did not exist on ``at``.
        """
        self.get(org_id, at)
        day = as_date(at, "at")
        links = self._index.children.get(org_id, ())
        return tuple(link.child_id for link in links if day in link.valid)

    def descendants_at(self, org_id: str, at: _dt.date) -> tuple[str, ...]:
        """The ids of every organisation below ``org_id`` on ``at``, level by level.

        Raises:
            UnknownReference: ``org_id`` did not exist on ``at``.
        """
        found: list[str] = []
        level = list(self.children_at(org_id, at))
        while level:
            found += level
            level = [c for org in level for c in self.children_at(org, at)]
        return tuple(found)

    def is_superior(self, upper_id: str, lower_id: str, at: _dt.date) -> bool:
        """Whether ``upper_id`` is above ``lower_id`` (at any distance) on ``at``.

        Raises:
            UnknownReference: ``lower_id`` did not exist on ``at``.
        """
        return upper_id in self.ancestors_at(lower_id, at)

    def bodies_of(self, org_id: str, at: _dt.date) -> tuple[Body, ...]:
        """The bodies of ``org_id`` on ``at``, as its level and kind that day give them.

        Raises:
            UnknownReference: ``org_id`` did not exist on ``at``.
        """
        return self.get(org_id, at).bodies()
