"""Hypothesis strategies for every model type; the public names are re-exported by kiemtra.testing.

Most types are drawn field by field from their annotations; a type whose fields depend on each other
(an end after its start, a score below its maximum) adds a fix-up that makes the draw valid, so no
draw is ever thrown away.
"""

from __future__ import annotations

import enum
import types
from collections.abc import Callable
from fractions import Fraction
from typing import Any, Final, TypeVar, Union, cast, get_args, get_origin

import attrs
import pendulum
from hypothesis import strategies as st

from kiemtra._calendar import Deadline, StoredInstant
from kiemtra._errors import InvalidInput
from kiemtra._model._actor import Body, BodyActor, MemberActor, OutsidePerson, SystemActor
from kiemtra._model._evidence import (
    DenouncerIdentity,
    DraftConclusion,
    EvidenceRef,
    WitnessStatement,
)
from kiemtra._model._funds import (
    Contribution,
    Disbursement,
    FundCampaign,
    Household,
    HouseholdMeeting,
    HouseholdVote,
    Posting,
)
from kiemtra._model._member import CellMembership, Member, PostHolding
from kiemtra._model._org import Organisation, OrgEvent, OrgEventKind, OrgLevel, OrgLink
from kiemtra._model._records import (
    AssignedTask,
    Attendance,
    BankDeposit,
    CellMeeting,
    CriterionScore,
    DuesPayment,
    IncomeBase,
    IncomeKind,
    Ledger,
    LedgerEntry,
    LedgerEntryKind,
    PublishedSettlement,
    Remittance,
    SanctionRecord,
)
from kiemtra._model._roll import Roll
from kiemtra._model._tree import OrgTree
from kiemtra._money import Money
from kiemtra._rules._explanation import Explanation, GoverningDate
from kiemtra._rules._param import Citation, ParamUse, Range, Status, Unit
from kiemtra._testing_factories import REFORM_2025, make_org_tree, make_roll
from kiemtra._time import DateRange, Duration, TimeUnit, as_date

__all__ = [
    "MODEL_TYPES",
    "st_date",
    "st_date_range",
    "st_explanation",
    "st_instant",
    "st_money",
    "st_scalar",
    "strategies_for",
]

_T = TypeVar("_T")
_Draw = Callable[[st.SearchStrategy[Any]], Any]
_Fix = Callable[[_Draw, dict[str, Any]], None]

ZONES: Final = (
    "Asia/Ho_Chi_Minh",
    "UTC",
    "Europe/Paris",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "+07:00",
)
_FIRST: Final = pendulum.date(1950, 1, 1)
_LAST: Final = pendulum.date(2100, 12, 31)

_ids: Final = st.from_regex(r"[a-z][a-z0-9-]{0,8}(\.[a-z0-9]{1,4})?", fullmatch=True)
_words: Final = (
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=16).map(str.strip).filter(bool)
)


def st_money(min_dong: int = 0, max_dong: int = 10**12) -> st.SearchStrategy[Money]:
    """Money between ``min_dong`` and ``max_dong`` đồng."""
    return st.integers(min_dong, max_dong).map(Money)


def st_date(
    min_value: pendulum.Date = _FIRST, max_value: pendulum.Date = _LAST
) -> st.SearchStrategy[pendulum.Date]:
    """Pendulum dates, by default between 1950 and 2100."""
    return st.dates(min_value, max_value).map(as_date)


def st_date_range(open_ended: bool = True) -> st.SearchStrategy[DateRange]:
    """Date ranges of up to about 30 years, some of them (with ``open_ended``) without an end."""

    @st.composite
    def draw_range(draw: _Draw) -> DateRange:
        start = draw(st_date())
        days = (
            draw(st.none() | st.integers(1, 11_000)) if open_ended else draw(st.integers(1, 11_000))
        )
        return DateRange(start, None if days is None else start.add(days=days))

    return draw_range()


def _zone(name: str) -> pendulum.Timezone | pendulum.FixedTimezone:
    if name.startswith("+"):
        hours, minutes = name[1:].split(":")
        return pendulum.FixedTimezone(int(hours) * 3600 + int(minutes) * 60)
    return pendulum.timezone(name)


def st_instant() -> st.SearchStrategy[pendulum.DateTime]:
    """Aware instants between 1950 and 2100 in several zones, one of them a bare offset."""

    @st.composite
    def draw_instant(draw: _Draw) -> pendulum.DateTime:
        utc = draw(st.datetimes(pendulum.naive(1950, 1, 2), pendulum.naive(2100, 12, 30)))
        instant = pendulum.instance(utc, tz="UTC")
        return instant.in_timezone(_zone(draw(st.sampled_from(ZONES))))

    return draw_instant()


def _st_duration() -> st.SearchStrategy[Duration]:
    return st.builds(Duration, st.integers(0, 10_000), st.sampled_from(TimeUnit))


def _st_range() -> st.SearchStrategy[Range[Any]]:
    values = st.one_of(
        st.lists(st.fractions(), min_size=2, max_size=2),
        st.lists(st.integers(), min_size=2, max_size=2),
        st.lists(st_money(), min_size=2, max_size=2),
    )
    return values.map(lambda pair: Range(min(pair), max(pair)))


def st_scalar() -> st.SearchStrategy[Any]:
    """Values an explanation can carry: None, bool, int, str, Fraction, Money, date, instant,
    Duration, Range."""
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        _words,
        st.fractions(),
        st_money(),
        st_date(),
        st_instant(),
        _st_duration(),
        _st_range(),
    )


def _param_value() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.booleans(),
        st.integers(),
        _words,
        st.fractions(),
        st_money(),
        _st_duration(),
        _st_range(),
    )


def _optional_inner(kind: Any) -> Any:
    if get_origin(kind) in (Union, types.UnionType):
        rest = [a for a in get_args(kind) if a is not type(None)]
        if len(rest) == 1 and len(get_args(kind)) == 2:  # "X | None"
            return rest[0]
    return None


def _for_type(kind: Any) -> st.SearchStrategy[Any]:
    inner = _optional_inner(kind)
    if inner is not None:
        return st.none() | _for_type(inner)
    simple: dict[Any, st.SearchStrategy[Any]] = {
        str: _ids,
        bool: st.booleans(),
        int: st.integers(1, 10_000),
        Money: st_money(),
        Fraction: st.fractions(0, 100, max_denominator=1_000),
        pendulum.Date: st_date(),
        pendulum.DateTime: st_instant(),
        DateRange: st_date_range(),
        Duration: _st_duration(),
        Body: st.builds(Body, _ids, _ids),
    }
    if kind in simple:
        return simple[kind]
    if get_origin(kind) is tuple and get_args(kind)[1:] == (Ellipsis,):
        return st.lists(_for_type(get_args(kind)[0]), max_size=3).map(tuple)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return st.sampled_from(kind)
    raise TypeError(f"no strategy for field type {kind!r}")  # a gap in this kit, not bad input


def _builds(
    cls: type[_T], fix: _Fix | None = None, **given: st.SearchStrategy[Any]
) -> st.SearchStrategy[_T]:
    fields = [f for f in attrs.fields(attrs.resolve_types(cast(Any, cls))) if f.init]
    drawn = {f.alias: given[f.name] if f.name in given else _for_type(f.type) for f in fields}

    @st.composite
    def build(draw: _Draw) -> _T:
        kwargs = {alias: draw(strategy) for alias, strategy in drawn.items()}
        if fix is not None:
            fix(draw, kwargs)
        return cls(**kwargs)

    return build()


def _after(draw: _Draw, day: pendulum.Date, least: int = 0) -> pendulum.Date:
    return day.add(days=draw(st.integers(least, 4_000)))


def _order(*names: str, strict: bool = False) -> _Fix:
    # Each named date field comes on or after the one before it (None fields are skipped).
    def fix(draw: _Draw, kw: dict[str, Any]) -> None:
        previous: pendulum.Date | None = None
        for name in names:
            if kw[name] is not None and previous is not None:
                kw[name] = _after(draw, previous, 1 if strict else 0)
            previous = kw[name] if kw[name] is not None else previous

    return fix


def _differ(first: str, second: str) -> _Fix:
    # Two ids that must differ (a link's child and parent, a remittance's two ends).
    def fix(draw: _Draw, kw: dict[str, Any]) -> None:
        if kw[first] == kw[second]:
            kw[second] += "-other"

    return fix


def _fix_organisation(draw: _Draw, kw: dict[str, Any]) -> None:
    kw["level"] = draw(st.sampled_from(sorted(kw["kind"].levels, key=lambda lv: lv.rank)))
    kw["has_cell_committee"] = kw["has_cell_committee"] and kw["kind"].is_cell


@st.composite
def _org_event(draw: _Draw) -> OrgEvent:
    kind = draw(st.sampled_from(OrgEventKind))
    sizes = {OrgEventKind.MERGED: (1, 1), OrgEventKind.SPLIT: (2, 4)}
    low, high = sizes.get(kind, (0, 0))
    org_id = draw(_ids)
    successors = draw(st.lists(_ids.filter(lambda s: s != org_id), min_size=low, max_size=high))
    level = draw(st.sampled_from(OrgLevel)) if kind is OrgEventKind.LEVEL_CHANGED else None
    return OrgEvent(
        kind, org_id, draw(st_date()), successors, new_level=level, decision=draw(_words)
    )


def _fix_member(draw: _Draw, kw: dict[str, Any]) -> None:
    _order("birth_date", "admitted_on", "probation_ends_on", strict=True)(draw, kw)
    _order("probation_ends_on", "full_member_on")(draw, kw)
    if kw["left_on"] is not None:
        kw["left_on"] = _after(draw, kw["full_member_on"] or kw["admitted_on"], 1)


def _fix_attendance(draw: _Draw, kw: dict[str, Any]) -> None:
    if kw["present"]:
        kw["excused"] = False
    elif kw["excused"]:
        kw["excuse_reason"] = draw(_words)


def _fix_income(draw: _Draw, kw: dict[str, Any]) -> None:
    kw["month"] = kw["month"].start_of("month")
    if kw["kind"] is IncomeKind.NONE:
        kw["amount"] = Money(0)


def _first_of_month(draw: _Draw, kw: dict[str, Any]) -> None:
    kw["month"] = kw["month"].start_of("month")


@st.composite
def _ledger(draw: _Draw) -> Ledger:
    start = draw(st_date(max_value=pendulum.date(2099, 1, 1)))
    length = draw(st.integers(1, 366))
    entries = [
        LedgerEntry(
            number,
            start.add(days=draw(st.integers(0, length - 1))),
            draw(st.sampled_from(LedgerEntryKind)),
            draw(st_money(1, 10**9)),
        )
        for number in draw(st.lists(_ids, unique=True, max_size=6))
    ]
    money_in = sum(e.amount.dong for e in entries if e.kind is not LedgerEntryKind.REMITTED)
    money_out = sum(e.amount.dong for e in entries if e.kind is LedgerEntryKind.REMITTED)
    if money_out > money_in:  # top up so that no more is remitted than came in
        entries.append(
            LedgerEntry("top-up", start, LedgerEntryKind.COLLECTED, Money(money_out - money_in))
        )
        money_in = money_out
    period = DateRange(start, start.add(days=length))
    return Ledger(draw(_ids), period, entries, money_in, money_in - money_out, money_out)


def _fix_settlement(draw: _Draw, kw: dict[str, Any]) -> None:
    kw["published_on"] = _after(draw, kw["period"].start)


def _fix_task(draw: _Draw, kw: dict[str, Any]) -> None:
    _order("assigned_on", "due_on")(draw, kw)
    _order("assigned_on", "done_on")(draw, kw)
    kw["exceeded"] = kw["exceeded"] and kw["done_on"] is not None


def _fix_score(draw: _Draw, kw: dict[str, Any]) -> None:
    kw["max_points"] += 1
    for name in ("self_score", "appraised_score"):
        if kw[name] is not None:
            kw[name] = min(kw[name], kw["max_points"])


def _fix_sanction(draw: _Draw, kw: dict[str, Any]) -> None:
    _order("decided_on", "announced_on")(draw, kw)
    if kw["violation_on"] is not None:
        kw["violation_on"] = kw["decided_on"].subtract(days=draw(st.integers(0, 4_000)))


def _fix_household_meeting(draw: _Draw, kw: dict[str, Any]) -> None:
    kw["households_present"] = draw(st.integers(0, kw["households_total"]))


def _trees() -> st.SearchStrategy[OrgTree]:
    return st.builds(
        make_org_tree,
        neighbourhood_cells=st.integers(0, 3),
        agency_cells=st.integers(0, 2),
        reform_on=st.none() | st.just(REFORM_2025),
    )


def _rolls() -> st.SearchStrategy[Roll]:
    return st.builds(make_roll, _trees(), members_per_cell=st.integers(0, 2))


_due: Final = st_money(1, 10**12)
_sha256: Final = st.none() | st.from_regex(r"[0-9a-f]{64}", fullmatch=True)


def _citation() -> st.SearchStrategy[Citation]:
    return st.builds(Citation, _words, st.none() | _words, st.none() | _words, st.none() | _words)


def _param_use() -> st.SearchStrategy[ParamUse]:
    return st.builds(
        ParamUse,
        _ids,
        _param_value(),
        st.sampled_from(Unit),
        st_date_range(),
        st.lists(_citation(), max_size=2).map(tuple),
        st.sampled_from(Status),
        st.booleans(),
        _words,
    )


def st_explanation() -> st.SearchStrategy[Explanation]:
    """Explanations with every kind of scalar in their args, inputs and thresholds."""
    scalars = st.dictionaries(_ids, st_scalar(), max_size=4)
    return st.builds(
        Explanation,
        _ids,
        _ids,
        _ids,
        args=scalars,
        params=st.lists(_param_use(), max_size=3),
        inputs=scalars,
        thresholds=scalars,
        evidence=st.lists(_ids, max_size=3),
        citations=st.lists(_citation(), max_size=2),
        governs=st.none() | st.sampled_from(GoverningDate),
        governing_date=st.none() | st_date(),
    )


def _builders() -> dict[type, Callable[[], st.SearchStrategy[Any]]]:
    # Builders, not strategies: strategies_for builds only the one asked for.
    name = {"name": _words}
    return {
        # values and actors
        Money: lambda: st_money(),
        DateRange: lambda: st_date_range(),
        Duration: lambda: _st_duration(),
        Range: lambda: _st_range(),
        Citation: lambda: _citation(),
        ParamUse: lambda: _param_use(),
        Explanation: lambda: st_explanation(),
        Deadline: lambda: _builds(Deadline, _order("start", "due")),
        StoredInstant: lambda: st_instant().map(StoredInstant.from_instant),
        Body: lambda: _builds(Body),
        MemberActor: lambda: _builds(MemberActor),
        BodyActor: lambda: _builds(BodyActor),
        OutsidePerson: lambda: _builds(OutsidePerson),
        SystemActor: lambda: _builds(SystemActor),
        # organisations and members
        Organisation: lambda: _builds(Organisation, _fix_organisation, **name),
        OrgLink: lambda: _builds(OrgLink, _differ("child_id", "parent_id")),
        OrgEvent: lambda: _org_event(),
        OrgTree: lambda: _trees(),
        Member: lambda: _builds(Member, _fix_member, **name),
        CellMembership: lambda: _builds(CellMembership),
        PostHolding: lambda: _builds(PostHolding),
        Roll: lambda: _rolls(),
        # duties and party finance
        CellMeeting: lambda: _builds(CellMeeting),
        Attendance: lambda: _builds(Attendance, _fix_attendance, excuse_reason=_words),
        IncomeBase: lambda: _builds(IncomeBase, _fix_income),
        DuesPayment: lambda: _builds(DuesPayment, _first_of_month, amount=_due),
        LedgerEntry: lambda: _builds(LedgerEntry, amount=_due),
        Ledger: lambda: _ledger(),
        Remittance: lambda: _builds(Remittance, _differ("from_org", "to_org"), amount=_due),
        BankDeposit: lambda: _builds(BankDeposit, amount=_due),
        PublishedSettlement: lambda: _builds(PublishedSettlement, _fix_settlement),
        AssignedTask: lambda: _builds(AssignedTask, _fix_task),
        CriterionScore: lambda: _builds(CriterionScore, _fix_score, year=st.integers(1950, 2100)),
        SanctionRecord: lambda: _builds(SanctionRecord, _fix_sanction, form=_words),
        # residents' funds
        Household: lambda: _builds(Household, representative=_words, address=_words),
        HouseholdMeeting: lambda: _builds(HouseholdMeeting, _fix_household_meeting, agenda=_words),
        HouseholdVote: lambda: _builds(HouseholdVote),
        FundCampaign: lambda: _builds(
            FundCampaign, _order("decided_on", "posted_on"), purpose=_words
        ),
        Contribution: lambda: _builds(Contribution, amount=_due),
        Disbursement: lambda: _builds(Disbursement, amount=_due, purpose=_words),
        Posting: lambda: _builds(
            Posting, _order("posted_on", "removed_on", strict=True), place=_words
        ),
        # case records
        EvidenceRef: lambda: _builds(
            EvidenceRef, sha256=_sha256, description=_words, content=st.none() | _words
        ),
        DenouncerIdentity: lambda: _builds(DenouncerIdentity, full_name=_words, address=_words),
        WitnessStatement: lambda: _builds(WitnessStatement, witness_name=_words, statement=_words),
        DraftConclusion: lambda: _builds(DraftConclusion, text=_words),
    }


MODEL_TYPES: Final[tuple[type, ...]] = tuple(_builders())
"""Every type :func:`strategies_for` draws: model records, aggregates, actors and values."""


def strategies_for(cls: type[_T]) -> st.SearchStrategy[_T]:
    """A strategy drawing valid instances of ``cls``, one of :data:`MODEL_TYPES`.

    Raises:
        InvalidInput: the kit has no strategy for ``cls``.
    """
    builders = _builders()
    if cls not in builders:
        raise InvalidInput("cls", cls, "not one of kiemtra.testing.MODEL_TYPES")
    strategy: st.SearchStrategy[_T] = builders[cls]()
    return strategy
