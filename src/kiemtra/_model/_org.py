"""Party organisations: levels, kinds, and the records of their lifetimes and reorganisations.

An :class:`Organisation` is one party organisation over its lifetime; an :class:`OrgLink` says which
organisation it was directly under, and when; an :class:`OrgEvent` records a reorganisation (merged,
split, abolished, level changed). :class:`OrgTree` in ``_tree`` answers questions at a date.

The 2025 reform is data, not code: on 1 July 2025 the district level was abolished and the ward
party committee became the committee directly above the grassroots organisations of the ward
(QĐ 298-QĐ/TW; regulations.md (e)14 and g.0). A host records it as the district's ABOLISHED event,
the ward's LEVEL_CHANGED event (GRASSROOTS to UPPER_GRASSROOTS), the neighbourhood cells' LEVEL_CHANGED
events (CELL to GRASSROOTS: chi bộ cơ sở), and links that end and start on that day.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs
import pendulum

from kiemtra._errors import InvalidInput
from kiemtra._model._actor import Body
from kiemtra._model._fields import (
    as_tuple,
    check_date,
    check_enum,
    check_id,
    check_ids,
    check_name,
    check_text,
    check_type,
    to_date,
)
from kiemtra._time import DateRange

__all__ = [
    "BodyKind",
    "OrgEvent",
    "OrgEventKind",
    "OrgKind",
    "OrgLevel",
    "OrgLink",
    "Organisation",
]


class OrgLevel(enum.Enum):
    """The level of a party organisation, from the top down."""

    CENTRAL = "central"
    """Trung ương: the Central Committee and its organs."""
    PROVINCE = "province"
    """Tỉnh, thành phố trực thuộc Trung ương: the provincial party organisation (đảng bộ tỉnh)."""
    DISTRICT = "district"
    """Huyện, quận, thị xã, thành phố thuộc tỉnh (đảng bộ huyện). Abolished on 1 July 2025."""
    UPPER_GRASSROOTS = "upper_grassroots"
    """Đảng ủy cấp trên trực tiếp cơ sở: directly above the grassroots. From 1 July 2025 the ward,
    commune or special-zone party committee (QĐ 298-QĐ/TW)."""
    GRASSROOTS = "grassroots"
    """Cơ sở: a tổ chức cơ sở đảng, either a đảng bộ cơ sở or a chi bộ cơ sở. A ward party
    organisation until 30 June 2025; a ward's neighbourhood cell from 1 July 2025."""
    CELL = "cell"
    """Chi bộ trực thuộc: a party cell under a grassroots đảng bộ."""
    GROUP = "group"
    """Tổ đảng: a working subdivision of a large cell. Not a level of the Charter: it decides nothing."""

    @property
    def rank(self) -> int:
        """0 for CENTRAL, growing downwards; an organisation's parent has a smaller rank."""
        return tuple(OrgLevel).index(self)


class OrgKind(enum.Enum):
    """What an organisation is, independently of the level it sits at on a given day."""

    PARTY_ORGANISATION = "party_organisation"
    """Đảng bộ above the grassroots: central, province, district, or another upper-grassroots one."""
    WARD_PARTY_ORGANISATION = "ward_party_organisation"
    """Đảng bộ phường: grassroots until 30 June 2025, upper-grassroots from 1 July 2025."""
    COMMUNE_PARTY_ORGANISATION = "commune_party_organisation"
    """Đảng bộ xã (or đặc khu): the rural twin of the ward party organisation."""
    GRASSROOTS_PARTY_ORGANISATION = "grassroots_party_organisation"
    """Another đảng bộ cơ sở: of an agency, an enterprise, a school, the ward's agencies."""
    NEIGHBOURHOOD_CELL = "neighbourhood_cell"
    """Chi bộ khu phố, khu dân cư, tổ dân phố, thôn: a cell of residents."""
    AGENCY_CELL = "agency_cell"
    """Chi bộ cơ quan: a cell of a state agency, the police, the military, a school."""
    ENTERPRISE_CELL = "enterprise_cell"
    """Chi bộ doanh nghiệp: a cell of an enterprise."""
    PARTY_GROUP = "party_group"
    """Tổ đảng: a subdivision of a large cell."""

    @property
    def is_cell(self) -> bool:
        """Whether members belong to it directly (a chi bộ, trực thuộc or cơ sở)."""
        return self in (OrgKind.NEIGHBOURHOOD_CELL, OrgKind.AGENCY_CELL, OrgKind.ENTERPRISE_CELL)

    @property
    def levels(self) -> frozenset[OrgLevel]:
        """The levels an organisation of this kind can sit at."""
        if self.is_cell:
            return frozenset({OrgLevel.CELL, OrgLevel.GRASSROOTS})
        if self is OrgKind.PARTY_GROUP:
            return frozenset({OrgLevel.GROUP})
        if self is OrgKind.GRASSROOTS_PARTY_ORGANISATION:
            return frozenset({OrgLevel.GRASSROOTS})
        if self is OrgKind.PARTY_ORGANISATION:
            return frozenset(
                {OrgLevel.CENTRAL, OrgLevel.PROVINCE, OrgLevel.DISTRICT, OrgLevel.UPPER_GRASSROOTS}
            )
        return frozenset({OrgLevel.GRASSROOTS, OrgLevel.UPPER_GRASSROOTS})


class BodyKind(enum.StrEnum):
    """The bodies (collective organs) of party organisations, as :class:`Body` kinds."""

    COMMITTEE = "committee"
    """Cấp ủy: the executive committee elected by a đảng bộ (Ban chấp hành, đảng ủy)."""
    STANDING_COMMITTEE = "standing_committee"
    """Ban thường vụ of a committee."""
    INSPECTION_COMMISSION = "inspection_commission"
    """Ủy ban kiểm tra: exists from the grassroots đảng ủy upwards."""
    POLITBURO = "politburo"
    """Bộ Chính trị (central level only)."""
    SECRETARIAT = "secretariat"
    """Ban Bí thư (central level only)."""
    CELL_MEETING = "cell_meeting"
    """The cell deciding in its meeting (chi bộ)."""
    CELL_COMMITTEE = "cell_committee"
    """Chi ủy: the committee a cell elects when it has one; it cannot discipline."""


def check_kind_level(kind: OrgKind, level: OrgLevel, field: str) -> None:
    """Refuse an organisation of ``kind`` placed at ``level``.

    Raises:
        InvalidInput: naming ``field``.
    """
    if level not in kind.levels:
        allowed = ", ".join(sorted(lv.name for lv in kind.levels))
        raise InvalidInput(field, level, f"a {kind.name} sits at {allowed}, not {level.name}")


@attrs.frozen
class Organisation:
    """A party organisation over its lifetime, as it stood when its record begins.

    Args:
        id: A stable id.
        name: The official name, as the host writes it.
        level: Its level when the record begins; OrgTree applies later LEVEL_CHANGED events.
        kind: What it is.
        valid: Its lifetime, half-open: it no longer exists on ``valid.end``.
        label_vi: A Vietnamese label for reports, when it differs from the name.
        label_en: An English label for reports.
        has_standing_committee: For an organisation led by a committee: whether it has a standing
            committee (a small grassroots committee may have none).
        has_cell_committee: For a cell: whether it elected a cell committee (chi ủy).

    Raises:
        InvalidInput: a field is missing or malformed, or the kind cannot sit at the level.
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(validator=check_name)
    level: OrgLevel = attrs.field(validator=check_enum(OrgLevel))
    kind: OrgKind = attrs.field(validator=check_enum(OrgKind))
    valid: DateRange = attrs.field(validator=check_type(DateRange))
    label_vi: str = attrs.field(default="", validator=check_text)
    label_en: str = attrs.field(default="", validator=check_text)
    has_standing_committee: bool = attrs.field(default=True, validator=check_type(bool))
    has_cell_committee: bool = attrs.field(default=False, validator=check_type(bool))

    def __attrs_post_init__(self) -> None:
        check_kind_level(self.kind, self.level, "Organisation.level")
        if self.has_cell_committee and not self.kind.is_cell:
            raise InvalidInput(
                "Organisation.has_cell_committee", True, f"a {self.kind.name} is not a cell"
            )

    def label(self, lang: str) -> str:
        """The label in ``lang`` (``"vi"`` or ``"en"``), falling back to the name."""
        text = {"vi": self.label_vi, "en": self.label_en}.get(lang, "")
        return text or self.name

    def bodies(self) -> tuple[Body, ...]:
        """The bodies this organisation has at its level: who can decide for it."""
        kinds: list[BodyKind] = []
        if self.kind.is_cell:
            kinds.append(BodyKind.CELL_MEETING)
            if self.has_cell_committee:
                kinds.append(BodyKind.CELL_COMMITTEE)
        elif self.level is OrgLevel.CENTRAL:
            kinds += [BodyKind.COMMITTEE, BodyKind.POLITBURO, BodyKind.SECRETARIAT]
            kinds.append(BodyKind.INSPECTION_COMMISSION)
        elif self.level is not OrgLevel.GROUP:
            kinds.append(BodyKind.COMMITTEE)
            if self.has_standing_committee:
                kinds.append(BodyKind.STANDING_COMMITTEE)
            kinds.append(BodyKind.INSPECTION_COMMISSION)
        return tuple(Body(self.id, k.value) for k in kinds)


@attrs.frozen
class OrgLink:
    """``child_id`` sat directly under ``parent_id`` over ``valid``.

    Raises:
        InvalidInput: an id is empty, or the organisation is its own parent.
    """

    child_id: str = attrs.field(validator=check_id)
    parent_id: str = attrs.field(validator=check_id)
    valid: DateRange = attrs.field(validator=check_type(DateRange))

    def __attrs_post_init__(self) -> None:
        if self.child_id == self.parent_id:
            raise InvalidInput("OrgLink.parent_id", self.parent_id, "is the child itself")


class OrgEventKind(enum.Enum):
    """What happened to an organisation on a date."""

    MERGED = "merged"
    """It ceased, merged into its one successor."""
    SPLIT = "split"
    """It ceased, split into two or more successors."""
    ABOLISHED = "abolished"
    """It ceased without successor (giải thể, or a level abolished)."""
    LEVEL_CHANGED = "level_changed"
    """It continues at another level (and possibly as another kind)."""

    @property
    def ends(self) -> bool:
        """Whether the organisation ceases to exist on the event's date."""
        return self is not OrgEventKind.LEVEL_CHANGED


def _ids(value: Iterable[str]) -> tuple[str, ...]:
    result: tuple[str, ...] = as_tuple(value)
    return result


@attrs.frozen
class OrgEvent:
    """A reorganisation of ``org_id`` taking effect on ``effective_on``.

    Args:
        kind: What happened.
        org_id: The organisation it happened to.
        effective_on: The first day of the new state (an ending organisation no longer exists).
        successors: MERGED: the one organisation it merged into; SPLIT: the organisations it
            split into; otherwise empty.
        new_level: LEVEL_CHANGED: its level from ``effective_on``.
        new_kind: LEVEL_CHANGED: its kind from ``effective_on``, when that changes too.
        decision: The deciding document, for the record (e.g. ``"QĐ 298-QĐ/TW"``).

    Raises:
        InvalidInput: successors or the new level do not fit the kind of event.
    """

    kind: OrgEventKind = attrs.field(validator=check_enum(OrgEventKind))
    org_id: str = attrs.field(validator=check_id)
    effective_on: pendulum.Date = attrs.field(converter=to_date, validator=check_date)
    successors: tuple[str, ...] = attrs.field(default=(), converter=_ids, validator=check_ids)
    new_level: OrgLevel | None = attrs.field(
        default=None, validator=attrs.validators.optional(check_enum(OrgLevel))
    )
    new_kind: OrgKind | None = attrs.field(
        default=None, validator=attrs.validators.optional(check_enum(OrgKind))
    )
    decision: str = attrs.field(default="", validator=check_text)

    def __attrs_post_init__(self) -> None:
        n = len(self.successors)
        problem = ""
        if self.kind is OrgEventKind.MERGED and n != 1:
            problem = "MERGED needs exactly one successor"
        elif self.kind is OrgEventKind.SPLIT and n < 2:  # a split makes at least two parts
            problem = "SPLIT needs two or more successors"
        elif self.kind in (OrgEventKind.ABOLISHED, OrgEventKind.LEVEL_CHANGED) and n:
            problem = f"{self.kind.name} has no successor"
        elif self.org_id in self.successors:
            problem = "the organisation cannot succeed itself"
        if problem:
            raise InvalidInput("OrgEvent.successors", self.successors, problem)
        changes_level = self.kind is OrgEventKind.LEVEL_CHANGED
        if changes_level and self.new_level is None:
            raise InvalidInput("OrgEvent.new_level", None, "LEVEL_CHANGED needs the new level")
        if not changes_level and (self.new_level is not None or self.new_kind is not None):
            raise InvalidInput(
                "OrgEvent.new_level", self.new_level, f"{self.kind.name} changes no level or kind"
            )
