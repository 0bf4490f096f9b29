"""Members, their cells and posts over time, and the roll that checks them together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pendulum
import pytest

from kiemtra import (
    Body,
    DateRange,
    InconsistentRecords,
    InvalidInput,
    InvalidPeriod,
    UnknownReference,
)
from kiemtra._model._member import CellMembership, Member, MemberStatus, PostHolding
from kiemtra._model._org import Organisation, OrgEvent, OrgEventKind, OrgKind, OrgLevel, OrgLink
from kiemtra._model._roll import Roll
from kiemtra._model._tree import OrgTree
from kiemtra.testing import make_member, make_org_tree

D = pendulum.date
# HD 01-HD/TW (2016) 5.3's worked example: admitted 26/7/2015, full member 26/7/2016.
ADMITTED = D(2015, 7, 26)
FULL = D(2016, 7, 26)
KP1, KP2, WARD = "ha-lam.kp1", "ha-lam.kp2", "ha-lam"


def _example_member(**overrides: object) -> Member:
    return make_member(id="a", admitted_on=ADMITTED, **overrides)


@pytest.fixture(scope="module")
def tree() -> OrgTree:
    return make_org_tree()


def _roll(
    tree: OrgTree, memberships: list[CellMembership], posts: list[PostHolding] | None = None
) -> Roll:
    return Roll(tree, [_example_member()], memberships, posts or [])


# --- Member ------------------------------------------------------------------------------------


def test_probation_lasts_twelve_months_by_default_in_the_kit() -> None:
    """Charter Art 5: probation is 12 months from admission."""
    assert _example_member().probation_ends_on == FULL


def test_a_member_is_probationary_during_probation() -> None:
    """Between admission and recognition the member is probationary."""
    assert _example_member().status_at(D(2016, 1, 1)) is MemberStatus.PROBATIONARY


def test_a_member_is_full_from_recognition() -> None:
    """From the day recognised, the member is a full member."""
    assert _example_member().status_at(FULL) is MemberStatus.FULL


def test_a_member_not_yet_recognised_stays_probationary() -> None:
    """After probation, until the cell decides, the member is still probationary."""
    member = make_member(id="a", admitted_on=ADMITTED, probationary=True)
    assert member.status_at(D(2016, 8, 15)) is MemberStatus.PROBATIONARY


def test_status_before_admission_is_refused() -> None:
    """Before admission there is no member to ask about."""
    with pytest.raises(UnknownReference, match="not on the roll on 2015-07-25"):
        _example_member().status_at(D(2015, 7, 25))


def test_party_age_counts_from_the_admission_decision() -> None:
    """Charter Art 5 k4, HD 01 example: admitted 26/7/2015, 10 years of party age on 26/7/2025."""
    assert _example_member().party_age_years(D(2025, 7, 26)) == 10


def test_party_age_is_in_whole_years() -> None:
    """The day before the tenth anniversary of admission, party age is 9 years."""
    assert _example_member().party_age_years(D(2025, 7, 25)) == 9


def test_a_probationary_member_has_no_party_age_yet() -> None:
    """Party age counts only once the member is recognised as a full member."""
    assert _example_member().party_age_years(D(2016, 3, 1)) == 0


def test_name_and_birth_date_are_personal_data() -> None:
    """A member's name and birth date are marked personal, for redaction."""
    from kiemtra._model._confidential import personal_fields

    assert personal_fields(Member) == ("name", "birth_date")


BAD_MEMBERS: list[tuple[str, Callable[[], object], type[InvalidInput], str, object]] = [
    ("probation ends at admission", lambda: _example_member(probation_ends_on=ADMITTED),
     InvalidPeriod, "Member.probation_ends_on", ADMITTED),
    ("probation ends before admission", lambda: _example_member(probation_ends_on=D(2015, 1, 1)),
     InvalidPeriod, "Member.probation_ends_on", D(2015, 1, 1)),
    ("admitted before birth", lambda: _example_member(birth_date=D(2016, 1, 1)),
     InvalidPeriod, "Member.admitted_on", ADMITTED),
    ("full before probation ends", lambda: _example_member(full_member_on=D(2016, 1, 1)),
     InvalidPeriod, "Member.full_member_on", D(2016, 1, 1)),
    ("left on admission", lambda: _example_member(left_on=ADMITTED),
     InvalidPeriod, "Member.left_on", ADMITTED),
    ("blank name", lambda: _example_member(name="  "), InvalidInput, "Member.name", "  "),
    ("category as text", lambda: _example_member(dues_category="pensioner"),
     InvalidInput, "Member.dues_category", "pensioner"),
    ("birth date as datetime", lambda: _example_member(birth_date=dt.datetime(1985, 1, 1, 7, 0)),
     InvalidInput, "Member.birth_date", dt.datetime(1985, 1, 1, 7, 0)),
    ("membership without range", lambda: CellMembership("a", KP1, D(2015, 7, 26)),  # type: ignore[arg-type]
     InvalidInput, "CellMembership.valid", D(2015, 7, 26)),
    ("membership of nobody", lambda: CellMembership("", KP1, DateRange(ADMITTED)),
     InvalidInput, "CellMembership.member_id", ""),
    ("post without body", lambda: PostHolding("a", "secretary", KP1, DateRange(ADMITTED)),  # type: ignore[arg-type]
     InvalidInput, "PostHolding.body", KP1),
]  # fmt: skip


@pytest.mark.parametrize(
    ("make", "error", "field", "value"),
    [case[1:] for case in BAD_MEMBERS],
    ids=[case[0] for case in BAD_MEMBERS],
)
def test_a_bad_member_record_is_refused_naming_field_and_value(
    make: Callable[[], object], error: type[InvalidInput], field: str, value: object
) -> None:
    """Each bad member, membership or post raises its typed error naming Class.field and value."""
    with pytest.raises(error) as caught:
        make()
    assert (type(caught.value), caught.value.field, caught.value.value) == (error, field, value)


# --- Roll --------------------------------------------------------------------------------------


def test_one_member_in_two_cells_at_once_is_refused(tree: OrgTree) -> None:
    """Overlapping memberships raise InconsistentRecords naming the member and both periods."""
    memberships = [
        CellMembership("a", KP1, DateRange(ADMITTED)),
        CellMembership("a", KP2, DateRange(D(2019, 3, 1))),
    ]
    pattern = r"member a is in cell ha-lam.kp1 over \[2015-07-26, …\) and in cell ha-lam.kp2"
    with pytest.raises(InconsistentRecords, match=pattern) as caught:
        _roll(tree, memberships)
    assert (caught.value.field, caught.value.value) == (
        "CellMembership.valid",
        DateRange(D(2019, 3, 1)),
    )


def test_a_transfer_moves_the_member_on_its_day(tree: OrgTree) -> None:
    """A transfer ends one membership the day the next begins: one cell on each side of it."""
    move = D(2019, 3, 1)
    roll = _roll(tree, [CellMembership("a", KP1, DateRange(ADMITTED, move)),
                        CellMembership("a", KP2, DateRange(move))])  # fmt: skip
    assert (roll.cell_of("a", D(2019, 2, 28)), roll.cell_of("a", move)) == (KP1, KP2)


def test_a_transfer_into_an_abolished_cell_is_refused() -> None:
    """A membership starting after its cell merged away raises UnknownReference naming the cell."""
    end = D(2024, 1, 1)
    ward = Organisation(WARD, "W", OrgLevel.GRASSROOTS, OrgKind.WARD_PARTY_ORGANISATION,
                        DateRange(D(2000, 1, 1)))  # fmt: skip
    gone = Organisation("kp7", "KP7", OrgLevel.CELL, OrgKind.NEIGHBOURHOOD_CELL,
                        DateRange(D(2000, 1, 1), end))  # fmt: skip
    tree = OrgTree([ward, gone], [OrgLink("kp7", WARD, DateRange(D(2000, 1, 1), end))],
                   [OrgEvent(OrgEventKind.ABOLISHED, "kp7", end)])  # fmt: skip
    with pytest.raises(UnknownReference, match="abolished on 2024-01-01") as caught:
        _roll(tree, [CellMembership("a", "kp7", DateRange(D(2024, 3, 1)))])
    assert (caught.value.field, caught.value.value) == ("CellMembership.cell_id", "kp7")


def test_a_membership_running_past_its_cells_abolition_is_refused() -> None:
    """A membership must end when its cell does."""
    end = D(2024, 1, 1)
    cell = Organisation("kp7", "KP7", OrgLevel.CELL, OrgKind.NEIGHBOURHOOD_CELL,
                        DateRange(D(2000, 1, 1), end))  # fmt: skip
    with pytest.raises(InvalidPeriod) as caught:
        _roll(OrgTree([cell]), [CellMembership("a", "kp7", DateRange(ADMITTED))])
    assert (caught.value.field, caught.value.value) == ("CellMembership.valid", DateRange(ADMITTED))


def test_a_membership_before_admission_is_refused(tree: OrgTree) -> None:
    """A member is in no cell before being admitted."""
    with pytest.raises(InvalidPeriod, match="outside a's time on the roll"):
        _roll(tree, [CellMembership("a", KP1, DateRange(D(2015, 1, 1)))])


def test_a_membership_of_a_ward_organisation_is_refused(tree: OrgTree) -> None:
    """Members belong to cells, not directly to a đảng bộ."""
    with pytest.raises(InvalidInput) as caught:
        _roll(tree, [CellMembership("a", WARD, DateRange(ADMITTED))])
    assert (caught.value.field, caught.value.value) == ("CellMembership.cell_id", WARD)


def test_a_membership_of_an_unknown_member_is_refused(tree: OrgTree) -> None:
    """A membership naming no member on the roll raises UnknownReference."""
    with pytest.raises(UnknownReference) as caught:
        _roll(tree, [CellMembership("zz", KP1, DateRange(ADMITTED))])
    assert (caught.value.field, caught.value.value) == ("CellMembership.member_id", "zz")


def test_two_members_with_one_id_are_refused(tree: OrgTree) -> None:
    """Two members sharing an id raise InconsistentRecords."""
    with pytest.raises(InconsistentRecords) as caught:
        Roll(tree, [_example_member(), _example_member()])
    assert (caught.value.field, caught.value.value) == ("Member.id", "a")


def test_management_by_an_unknown_organisation_is_refused(tree: OrgTree) -> None:
    """A member managed by an organisation the tree does not know is refused."""
    with pytest.raises(UnknownReference) as caught:
        Roll(tree, [_example_member(managed_by="ha-long-x")])
    assert (caught.value.field, caught.value.value) == ("Member.managed_by", "ha-long-x")


def test_a_post_in_a_body_the_organisation_lacks_is_refused(tree: OrgTree) -> None:
    """A cell has no inspection commission, so no one can chair one."""
    post = PostHolding("a", "chair", Body(KP1, "inspection_commission"), DateRange(ADMITTED))
    with pytest.raises(InvalidInput) as caught:
        _roll(tree, [], [post])
    assert (caught.value.field, caught.value.value) == ("PostHolding.body", post.body)


def test_members_of_a_cell_at_a_date(tree: OrgTree) -> None:
    """members_of lists the members of the cell on that day only."""
    roll = Roll(tree, [_example_member(), make_member(id="b", admitted_on=D(2020, 1, 1))],
                [CellMembership("a", KP1, DateRange(ADMITTED)),
                 CellMembership("b", KP1, DateRange(D(2020, 1, 1)))])  # fmt: skip
    assert (roll.members_of(KP1, D(2019, 1, 10)), roll.members_of(KP1, D(2020, 1, 1))) == (
        ("a",),
        ("a", "b"),
    )


def test_members_under_the_ward_include_every_cell(tree: OrgTree) -> None:
    """members_under(ward) gathers the members of all the ward's cells."""
    roll = Roll(tree, [_example_member(), make_member(id="b", admitted_on=ADMITTED)],
                [CellMembership("a", KP1, DateRange(ADMITTED)),
                 CellMembership("b", KP2, DateRange(ADMITTED))])  # fmt: skip
    assert roll.members_under(WARD, D(2026, 1, 1)) == ("a", "b")


def test_posts_of_a_member_at_a_date(tree: OrgTree) -> None:
    """posts_of gives the posts held that day: the secretaryship ends when its term does."""
    term = DateRange(D(2015, 9, 1), D(2020, 9, 1))
    post = PostHolding("a", "secretary", Body(KP1, "cell_committee"), term)
    roll = _roll(tree, [CellMembership("a", KP1, DateRange(ADMITTED))], [post])
    assert (roll.posts_of("a", D(2019, 1, 10)), roll.posts_of("a", D(2020, 9, 1))) == ((post,), ())


def test_status_through_the_roll(tree: OrgTree) -> None:
    """The roll answers a member's status at a date."""
    roll = _roll(tree, [CellMembership("a", KP1, DateRange(ADMITTED))])
    assert roll.status_at("a", D(2019, 1, 10)) is MemberStatus.FULL


def test_an_unknown_member_is_refused_by_lookups(tree: OrgTree) -> None:
    """Lookups of a member id the roll does not hold raise UnknownReference."""
    with pytest.raises(UnknownReference, match="no such member"):
        _roll(tree, []).cell_of("zz", D(2019, 1, 10))
