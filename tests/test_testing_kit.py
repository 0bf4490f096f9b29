"""The public test kit: deterministic factories, the fixed clock, and the strategies."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from hypothesis import find, given

from kiemtra import DateRange, InvalidInput, Money, NaiveDatetime
from kiemtra._model._member import MemberStatus
from kiemtra._model._org import OrgKind, OrgLevel
from kiemtra.testing import (
    ARTICLE_DAY,
    MODEL_TYPES,
    Ids,
    RecordFactory,
    fixed_clock,
    make_member,
    make_org_tree,
    make_roll,
    st_date_range,
    st_instant,
    st_money,
    strategies_for,
)

D = pendulum.date


def test_ids_count_per_prefix() -> None:
    """Each prefix has its own counter, starting at 1."""
    ids = Ids()
    assert [ids("m"), ids("m"), ids("meeting-")] == ["m0001", "m0002", "meeting-0001"]


def test_ids_start_at_their_seed() -> None:
    """A seeded counter starts at its seed."""
    assert Ids(seed=42)("m") == "m0042"


def test_two_counters_do_not_share_state() -> None:
    """There is no global counter: a new Ids starts over."""
    first = Ids()
    first("m")
    assert Ids()("m") == "m0001"


def test_the_factory_tree_has_the_articles_shape() -> None:
    """11 cells, 6 of them neighbourhood cells, under the ward in 2019 (the seed article)."""
    tree = make_org_tree()
    kinds = [tree.get(c, ARTICLE_DAY).kind for c in tree.children_at("ha-lam", ARTICLE_DAY)]
    assert (len(kinds), kinds.count(OrgKind.NEIGHBOURHOOD_CELL)) == (11, 6)


def test_a_tree_without_the_reform_keeps_the_district() -> None:
    """Without a reform date the ward stays a grassroots organisation under the district."""
    tree = make_org_tree(reform_on=None)
    day = D(2026, 1, 1)
    assert (tree.get("ha-lam", day).level, tree.parent_at("ha-lam", day)) == (
        OrgLevel.GRASSROOTS,
        "ha-long",
    )


def test_a_factory_member_has_the_charters_probation() -> None:
    """Charter Art 5: probation ends 12 months after admission."""
    member = make_member(admitted_on=D(2015, 7, 26))
    assert member.probation_ends_on == D(2016, 7, 26)


def test_a_probationary_factory_member_is_not_yet_full() -> None:
    """probationary=True leaves the member awaiting recognition."""
    member = make_member(probationary=True)
    assert member.status_at(D(2030, 1, 1)) is MemberStatus.PROBATIONARY


def test_the_factory_roll_puts_members_in_every_cell() -> None:
    """Two members in each of the 11 cells makes 22 members under the ward."""
    roll = make_roll(members_per_cell=2)
    assert len(roll.members_under("ha-lam", ARTICLE_DAY)) == 22


def test_each_cell_of_the_factory_roll_has_a_secretary() -> None:
    """The first member of each cell is its secretary."""
    roll = make_roll()
    assert [p.post for p in roll.posts_of("m0001", ARTICLE_DAY)] == ["secretary"]


def test_the_factory_roll_is_deterministic() -> None:
    """Two rolls made alike are equal."""
    assert make_roll() == make_roll()


def test_the_default_clock_stands_at_the_articles_timestamp() -> None:
    """The article is dated 10/01/2019, 08:01 GMT+7."""
    assert fixed_clock().now() == pendulum.datetime(2019, 1, 10, 1, 1, tz="UTC")


def test_the_clock_shows_vietnam_time() -> None:
    """The kit's clock reads in Vietnam's zone."""
    assert fixed_clock().now().timezone_name == "Asia/Ho_Chi_Minh"


def test_the_clock_refuses_a_naive_start() -> None:
    """A naive start instant raises NaiveDatetime."""
    with pytest.raises(NaiveDatetime):
        fixed_clock(dt.datetime(2019, 1, 10, 8, 1))


def test_record_factory_ids_are_fresh() -> None:
    """Two meetings from one factory have different ids."""
    factory = RecordFactory()
    assert factory.meeting().id != factory.meeting().id


def test_record_factory_fields_can_be_overridden() -> None:
    """Any field of a record can be given."""
    assert RecordFactory().meeting(duration_minutes=120).duration_minutes == 120


def test_every_model_type_has_a_strategy() -> None:
    """The kit covers the model: members, records, aggregates, actors, explanations."""
    names = {cls.__name__ for cls in MODEL_TYPES}
    expected = {"OrgTree", "Roll", "Member", "Ledger", "EvidenceRef", "Explanation", "MemberActor"}
    assert expected <= names


def test_a_type_without_a_strategy_is_refused() -> None:
    """strategies_for of a type the kit does not know raises InvalidInput naming it."""
    with pytest.raises(InvalidInput) as caught:
        strategies_for(dict)
    assert caught.value.value is dict


@given(st_money())
def test_drawn_money_is_never_negative(money: Money) -> None:
    """st_money draws amounts of zero đồng or more."""
    assert money.dong >= 0


@given(st_date_range())
def test_drawn_ranges_end_after_they_start(valid: DateRange) -> None:
    """st_date_range draws valid half-open ranges."""
    assert valid.end is None or valid.end > valid.start


def test_drawn_instants_come_in_other_zones_than_vietnam() -> None:
    """st_instant draws instants in several zones, Europe/Paris among them."""
    found = find(st_instant(), lambda at: at.timezone_name == "Europe/Paris")
    assert found.timezone_name == "Europe/Paris"


def test_drawn_instants_include_a_bare_offset() -> None:
    """st_instant also draws an instant with a fixed offset and no zone name."""
    assert find(st_instant(), lambda at: at.timezone_name == "+07:00").utcoffset() == dt.timedelta(
        hours=7
    )
