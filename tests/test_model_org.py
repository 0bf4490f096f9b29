"""Organisations and the organisation tree, before and after the 2025 reform."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pendulum
import pytest

from kiemtra import DateRange, InconsistentRecords, InvalidInput, InvalidPeriod, UnknownReference
from kiemtra._model._org import (
    BodyKind,
    Organisation,
    OrgEvent,
    OrgEventKind,
    OrgKind,
    OrgLevel,
    OrgLink,
)
from kiemtra._model._tree import OrgTree
from kiemtra.testing import make_org_tree

D = pendulum.date
STORY = D(2019, 1, 10)  # the Hà Lầm article
LAST_DAY_BEFORE_REFORM = D(2025, 6, 30)
REFORM = D(2025, 7, 1)  # QĐ 298-QĐ/TW in force; district level abolished
WARD, DISTRICT, PROVINCE, KP1 = "ha-lam", "ha-long", "quang-ninh", "ha-lam.kp1"
SINCE = D(2000, 1, 1)


def _org(
    org_id: str, level: OrgLevel, kind: OrgKind, valid: DateRange | None = None
) -> Organisation:
    return Organisation(org_id, org_id.upper(), level, kind, valid or DateRange(SINCE))


def _province() -> Organisation:
    return _org("p", OrgLevel.PROVINCE, OrgKind.PARTY_ORGANISATION)


def _ward() -> Organisation:
    return _org("w", OrgLevel.GRASSROOTS, OrgKind.WARD_PARTY_ORGANISATION)


@pytest.fixture(scope="module")
def tree() -> OrgTree:
    return make_org_tree()


# --- the tree at dates -------------------------------------------------------------------------


def test_in_2019_the_ward_is_a_grassroots_organisation(tree: OrgTree) -> None:
    """(e)14: for the 2019 case the Hà Lầm ward committee is the grassroots level."""
    assert tree.get(WARD, STORY).level is OrgLevel.GRASSROOTS


def test_in_2019_the_ward_sits_under_the_district(tree: OrgTree) -> None:
    """(e)14: in 2019 the district-level Hạ Long City committee is directly above the ward."""
    assert tree.parent_at(WARD, STORY) == DISTRICT


def test_in_2019_a_neighbourhood_cell_is_a_cell_under_the_ward(tree: OrgTree) -> None:
    """In 2019 a neighbourhood cell is a chi bộ trực thuộc of the ward đảng bộ."""
    assert (tree.get(KP1, STORY).level, tree.parent_at(KP1, STORY)) == (OrgLevel.CELL, WARD)


def test_in_2019_ancestors_run_cell_ward_district_province(tree: OrgTree) -> None:
    """A cell's ancestors in 2019 are ward, district, province, nearest first."""
    assert tree.ancestors_at(KP1, STORY) == (WARD, DISTRICT, PROVINCE)


def test_the_ward_has_eleven_cells_six_of_them_neighbourhood(tree: OrgTree) -> None:
    """The 2019 article: 11 cells under the ward, 6 of them neighbourhood cells."""
    cells = [tree.get(c, STORY) for c in tree.children_at(WARD, STORY)]
    neighbourhood = [c for c in cells if c.kind is OrgKind.NEIGHBOURHOOD_CELL]
    assert (len(cells), len(neighbourhood)) == (11, 6)


def test_the_district_still_exists_on_30_june_2025(tree: OrgTree) -> None:
    """The district level is abolished from 1 July 2025, not before."""
    assert tree.exists_at(DISTRICT, LAST_DAY_BEFORE_REFORM)


def test_the_district_no_longer_exists_on_1_july_2025(tree: OrgTree) -> None:
    """From 1 July 2025 the district level does not exist."""
    assert not tree.exists_at(DISTRICT, REFORM)


def test_looking_up_the_abolished_district_names_its_abolition(tree: OrgTree) -> None:
    """get() on an abolished organisation raises UnknownReference saying when it was abolished."""
    with pytest.raises(UnknownReference, match="abolished on 2025-07-01") as caught:
        tree.get(DISTRICT, REFORM)
    assert (caught.value.field, caught.value.value) == ("org_id", DISTRICT)


def test_from_july_2025_the_ward_is_upper_grassroots(tree: OrgTree) -> None:
    """g.0 / QĐ 298: the ward committee is the directly-superior committee of the grassroots."""
    assert tree.get(WARD, REFORM).level is OrgLevel.UPPER_GRASSROOTS


def test_from_july_2025_the_ward_sits_directly_under_the_province(tree: OrgTree) -> None:
    """(e)14: ward committees now report directly to the provincial level."""
    assert tree.parent_at(WARD, REFORM) == PROVINCE


def test_from_july_2025_a_neighbourhood_cell_is_a_grassroots_organisation(tree: OrgTree) -> None:
    """(e)14: former neighbourhood cells are chi bộ cơ sở directly under the ward committee."""
    cell = tree.get(KP1, REFORM)
    assert (cell.level, cell.kind, tree.parent_at(KP1, REFORM)) == (
        OrgLevel.GRASSROOTS,
        OrgKind.NEIGHBOURHOOD_CELL,
        WARD,
    )


def test_the_ward_is_superior_to_its_cells_in_both_eras(tree: OrgTree) -> None:
    """The ward committee is above its neighbourhood cells before and after the reform."""
    assert tree.is_superior(WARD, KP1, STORY) and tree.is_superior(WARD, KP1, REFORM)


def test_the_district_is_superior_to_a_cell_only_before_the_reform(tree: OrgTree) -> None:
    """The district is above a ward cell in 2019 and not once it is abolished."""
    assert (tree.is_superior(DISTRICT, KP1, STORY), tree.is_superior(DISTRICT, KP1, REFORM)) == (
        True,
        False,
    )


def test_descendants_come_level_by_level(tree: OrgTree) -> None:
    """The province's descendants in 2026 are the ward first, then its 11 cells."""
    found = tree.descendants_at(PROVINCE, D(2026, 1, 1))
    assert (found[0], len(found)) == (WARD, 12)


def test_organisations_at_a_date_leave_out_the_abolished(tree: OrgTree) -> None:
    """organisations_at lists what exists that day: no district after the reform."""
    assert DISTRICT not in [o.id for o in tree.organisations_at(REFORM)]


def test_a_lookup_before_founding_is_refused(tree: OrgTree) -> None:
    """An organisation does not exist before its lifetime starts."""
    with pytest.raises(UnknownReference, match="not yet founded"):
        tree.parent_at(WARD, D(1999, 12, 31))


def test_an_unknown_id_is_refused(tree: OrgTree) -> None:
    """A lookup of an id the tree does not know raises UnknownReference naming it."""
    with pytest.raises(UnknownReference, match="ha-lam.kp99"):
        tree.get("ha-lam.kp99", STORY)


def test_a_lookup_at_a_datetime_is_refused(tree: OrgTree) -> None:
    """Lookups are at a date; a datetime raises InvalidInput naming ``at``."""
    with pytest.raises(InvalidInput, match="^at="):
        tree.get(WARD, dt.datetime(2019, 1, 10, 8, 1))


# --- bodies ------------------------------------------------------------------------------------


def _kinds(tree: OrgTree, org_id: str, at: pendulum.Date) -> set[str]:
    return {b.kind for b in tree.bodies_of(org_id, at)}


def test_the_ward_committee_has_a_standing_committee_and_an_inspection_commission(
    tree: OrgTree,
) -> None:
    """QĐ 298: the ward committee has its executive committee, standing committee and UBKT."""
    assert _kinds(tree, WARD, REFORM) == {
        "committee",
        "standing_committee",
        "inspection_commission",
    }


def test_a_cell_decides_in_its_meeting_and_has_its_committee(tree: OrgTree) -> None:
    """A cell with an elected chi ủy has the cell meeting and the cell committee, no UBKT."""
    assert _kinds(tree, KP1, STORY) == {"cell_meeting", "cell_committee"}


def test_a_cell_without_a_cell_committee_has_only_its_meeting() -> None:
    """A small cell that elected no chi ủy decides in its meeting only."""
    cell = _org("c", OrgLevel.CELL, OrgKind.AGENCY_CELL)
    assert [b.kind for b in cell.bodies()] == [BodyKind.CELL_MEETING.value]


def test_a_grassroots_committee_without_a_standing_committee_has_none() -> None:
    """A grassroots committee too small for a standing committee keeps its UBKT."""
    org = Organisation("g", "G", OrgLevel.GRASSROOTS, OrgKind.GRASSROOTS_PARTY_ORGANISATION,
                       DateRange(SINCE), has_standing_committee=False)  # fmt: skip
    assert [b.kind for b in org.bodies()] == ["committee", "inspection_commission"]


def test_a_party_group_has_no_deciding_body() -> None:
    """A tổ đảng decides nothing."""
    assert _org("t", OrgLevel.GROUP, OrgKind.PARTY_GROUP).bodies() == ()


def test_bodies_of_an_abolished_organisation_are_refused(tree: OrgTree) -> None:
    """After its abolition the district has no bodies to act."""
    with pytest.raises(UnknownReference):
        tree.bodies_of(DISTRICT, REFORM)


# --- bad records -------------------------------------------------------------------------------

BAD_RECORDS: list[tuple[str, Callable[[], object], type[InvalidInput], str, object]] = [
    ("empty id", lambda: _org("", OrgLevel.PROVINCE, OrgKind.PARTY_ORGANISATION),
     InvalidInput, "Organisation.id", ""),
    ("cell at province level", lambda: _org("c", OrgLevel.PROVINCE, OrgKind.NEIGHBOURHOOD_CELL),
     InvalidInput, "Organisation.level", OrgLevel.PROVINCE),
    ("level as a string", lambda: Organisation("c", "C", "cell", OrgKind.AGENCY_CELL,  # type: ignore[arg-type]
                                               DateRange(SINCE)),
     InvalidInput, "Organisation.level", "cell"),
    ("cell committee on a ward", lambda: Organisation("w", "W", OrgLevel.GRASSROOTS,
     OrgKind.WARD_PARTY_ORGANISATION, DateRange(SINCE), has_cell_committee=True),
     InvalidInput, "Organisation.has_cell_committee", True),
    ("lifetime not a range", lambda: Organisation("w", "W", OrgLevel.GRASSROOTS,
     OrgKind.WARD_PARTY_ORGANISATION, SINCE),  # type: ignore[arg-type]
     InvalidInput, "Organisation.valid", SINCE),
    ("own parent", lambda: OrgLink("w", "w", DateRange(SINCE)), InvalidInput, "OrgLink.parent_id", "w"),
    ("merger without successor", lambda: OrgEvent(OrgEventKind.MERGED, "c", REFORM),
     InvalidInput, "OrgEvent.successors", ()),
    ("split into one", lambda: OrgEvent(OrgEventKind.SPLIT, "c", REFORM, ["d"]),
     InvalidInput, "OrgEvent.successors", ("d",)),
    ("level change without level", lambda: OrgEvent(OrgEventKind.LEVEL_CHANGED, "c", REFORM),
     InvalidInput, "OrgEvent.new_level", None),
    ("abolition with a new level", lambda: OrgEvent(OrgEventKind.ABOLISHED, "c", REFORM,
     new_level=OrgLevel.CELL), InvalidInput, "OrgEvent.new_level", OrgLevel.CELL),
    ("effective at a datetime", lambda: OrgEvent(OrgEventKind.ABOLISHED, "c",
     dt.datetime(2025, 7, 1, 0, 0)), InvalidInput, "OrgEvent.effective_on",
     dt.datetime(2025, 7, 1, 0, 0)),
    ("successors as a string", lambda: OrgEvent(OrgEventKind.MERGED, "c", REFORM, "d"),
     InvalidInput, "OrgEvent.successors", "d"),
    ("organisations not a list", lambda: OrgTree(5),  # type: ignore[arg-type]
     InvalidInput, "OrgTree.organisations", 5),
]  # fmt: skip


@pytest.mark.parametrize(
    ("make", "error", "field", "value"),
    [case[1:] for case in BAD_RECORDS],
    ids=[case[0] for case in BAD_RECORDS],
)
def test_a_bad_organisation_record_is_refused_naming_field_and_value(
    make: Callable[[], object], error: type[InvalidInput], field: str, value: object
) -> None:
    """Each bad organisation record raises its typed error naming Class.field and the value."""
    with pytest.raises(error) as caught:
        make()
    assert (type(caught.value), caught.value.field, caught.value.value) == (error, field, value)


def test_a_link_to_an_unknown_organisation_is_refused() -> None:
    """A link whose parent is not in the tree raises UnknownReference naming OrgLink.parent_id."""
    with pytest.raises(UnknownReference) as caught:
        OrgTree([_ward()], [OrgLink("w", "nowhere", DateRange(SINCE))])
    assert (caught.value.field, caught.value.value) == ("OrgLink.parent_id", "nowhere")


def test_two_parents_at_once_are_refused() -> None:
    """A child under two parents over overlapping periods raises InconsistentRecords."""
    other = _org("q", OrgLevel.PROVINCE, OrgKind.PARTY_ORGANISATION)
    links = [OrgLink("w", "p", DateRange(SINCE)), OrgLink("w", "q", DateRange(D(2010, 1, 1)))]
    with pytest.raises(InconsistentRecords, match="under p .* and under q .* at once") as caught:
        OrgTree([_province(), other, _ward()], links)
    assert caught.value.field == "OrgLink.valid"


def test_successive_parents_are_accepted() -> None:
    """A child moved from one parent to another on a day has one parent on each side of it."""
    other = _org("q", OrgLevel.PROVINCE, OrgKind.PARTY_ORGANISATION)
    move = D(2010, 1, 1)
    links = [OrgLink("w", "p", DateRange(SINCE, move)), OrgLink("w", "q", DateRange(move))]
    tree = OrgTree([_province(), other, _ward()], links)
    assert (tree.parent_at("w", move.subtract(days=1)), tree.parent_at("w", move)) == ("p", "q")


def test_a_link_outside_the_parent_lifetime_is_refused() -> None:
    """A link running past the parent's abolition raises InvalidPeriod naming OrgLink.valid."""
    district = _org("d", OrgLevel.DISTRICT, OrgKind.PARTY_ORGANISATION, DateRange(SINCE, REFORM))
    with pytest.raises(InvalidPeriod) as caught:
        OrgTree([district, _ward()], [OrgLink("w", "d", DateRange(SINCE))])
    assert (caught.value.field, caught.value.value) == ("OrgLink.valid", DateRange(SINCE))


def test_a_parent_below_its_child_is_refused() -> None:
    """A ward placed under one of its own cells raises InconsistentRecords naming the parent."""
    cell = _org("c", OrgLevel.CELL, OrgKind.NEIGHBOURHOOD_CELL)
    with pytest.raises(InconsistentRecords) as caught:
        OrgTree([_ward(), cell], [OrgLink("w", "c", DateRange(SINCE))])
    assert (caught.value.field, caught.value.value) == ("OrgLink.parent_id", "c")


def test_two_organisations_with_one_id_are_refused() -> None:
    """Two records sharing an id raise InconsistentRecords naming Organisation.id."""
    with pytest.raises(InconsistentRecords) as caught:
        OrgTree([_ward(), _ward()])
    assert (caught.value.field, caught.value.value) == ("Organisation.id", "w")


def test_an_abolition_off_the_end_of_the_lifetime_is_refused() -> None:
    """An ABOLISHED event on a day other than the lifetime's end contradicts the record."""
    district = _org("d", OrgLevel.DISTRICT, OrgKind.PARTY_ORGANISATION, DateRange(SINCE, REFORM))
    event = OrgEvent(OrgEventKind.ABOLISHED, "d", D(2025, 1, 1))
    with pytest.raises(InconsistentRecords) as caught:
        OrgTree([district], events=[event])
    assert (caught.value.field, caught.value.value) == ("OrgEvent.effective_on", D(2025, 1, 1))


def test_an_event_of_an_unknown_organisation_is_refused() -> None:
    """An event naming an organisation not in the tree raises UnknownReference."""
    with pytest.raises(UnknownReference) as caught:
        OrgTree([_ward()], events=[OrgEvent(OrgEventKind.ABOLISHED, "x", REFORM)])
    assert (caught.value.field, caught.value.value) == ("OrgEvent.org_id", "x")


def test_a_level_change_to_a_level_the_kind_cannot_take_is_refused() -> None:
    """A neighbourhood cell cannot become a province."""
    event = OrgEvent(OrgEventKind.LEVEL_CHANGED, "c", REFORM, new_level=OrgLevel.PROVINCE)
    with pytest.raises(InvalidInput) as caught:
        OrgTree([_org("c", OrgLevel.CELL, OrgKind.NEIGHBOURHOOD_CELL)], events=[event])
    assert (caught.value.field, caught.value.value) == ("OrgEvent.new_level", OrgLevel.PROVINCE)


def test_a_merger_names_its_successor_on_lookup() -> None:
    """After a merger, looking the old cell up says which cell it merged into."""
    end = D(2024, 1, 1)
    old = _org("a", OrgLevel.CELL, OrgKind.NEIGHBOURHOOD_CELL, DateRange(SINCE, end))
    new = _org("b", OrgLevel.CELL, OrgKind.NEIGHBOURHOOD_CELL)
    tree = OrgTree([old, new], events=[OrgEvent(OrgEventKind.MERGED, "a", end, ["b"])])
    with pytest.raises(UnknownReference, match="merged on 2024-01-01 into b"):
        tree.get("a", end)
