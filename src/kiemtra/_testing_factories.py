"""Deterministic factories of the test kit; the public names are re-exported by kiemtra.testing."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import Any, Final

import attrs
import pendulum

from kiemtra._calendar import FixedClock
from kiemtra._model._actor import Body
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
    VoteChoice,
)
from kiemtra._model._member import CellMembership, DuesCategory, Member, PostHolding
from kiemtra._model._org import (
    BodyKind,
    Organisation,
    OrgEvent,
    OrgEventKind,
    OrgKind,
    OrgLevel,
    OrgLink,
)
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
    MeetingKind,
    PublishedSettlement,
    Remittance,
    SanctionRecord,
)
from kiemtra._model._roll import Roll
from kiemtra._model._tree import OrgTree
from kiemtra._time import VIETNAM_ZONE, DateRange, as_date

__all__ = [
    "ARTICLE_DAY",
    "REFORM_2025",
    "Ids",
    "RecordFactory",
    "fixed_clock",
    "make_member",
    "make_org_tree",
    "make_roll",
]

ARTICLE_DAY: Final = pendulum.date(2019, 1, 10)
"""The day of the 2019 Hà Lầm article (11 cells, 430 members, 6 neighbourhood cells)."""

REFORM_2025: Final = pendulum.date(2025, 7, 1)
"""District level abolished; ward committees directly above the grassroots (QĐ 298-QĐ/TW)."""

_FOUNDED: Final = pendulum.date(2000, 1, 1)
_PROVINCE: Final = "quang-ninh"
_DISTRICT: Final = "ha-long"
_WARD: Final = "ha-lam"


@attrs.define
class Ids:
    """Deterministic ids: one counter per prefix, each starting at ``seed``.

    Example:
        >>> ids = Ids()
        >>> ids("m"), ids("m"), ids("meeting-")
        ('m0001', 'm0002', 'meeting-0001')
    """

    seed: int = 1
    _next: dict[str, int] = attrs.field(factory=dict, init=False)

    def __call__(self, prefix: str) -> str:
        """The next id with ``prefix``."""
        n = self._next.get(prefix, self.seed)
        self._next[prefix] = n + 1
        return f"{prefix}{n:04d}"


def fixed_clock(at: _dt.datetime | None = None, zone: str = "Asia/Ho_Chi_Minh") -> FixedClock:
    """A clock standing at ``at`` (by default 08:01 in Vietnam on the article's day).

    Raises:
        NaiveDatetime: ``at`` has no time zone.
        UnknownZone: ``zone`` is not a tz-database zone.
    """
    start = at or pendulum.datetime(2019, 1, 10, 8, 1, tz=VIETNAM_ZONE)
    return FixedClock(start, zone)


def _cell(cell_id: str, name: str, kind: OrgKind) -> Organisation:
    return Organisation(
        cell_id, name, OrgLevel.CELL, kind, DateRange(_FOUNDED), has_cell_committee=True
    )


def make_org_tree(
    *,
    neighbourhood_cells: int = 6,
    agency_cells: int = 5,
    reform_on: _dt.date | None = REFORM_2025,
) -> OrgTree:
    """A ward shaped like Hà Lầm in 2019, and (unless ``reform_on`` is None) reformed in 2025.

    Until ``reform_on``: province ``quang-ninh`` > district ``ha-long`` > ward ``ha-lam``
    (grassroots) > cells ``ha-lam.kp1``... (neighbourhood) and ``ha-lam.cq1``... (agency).
    From ``reform_on``, as regulations.md (e)14 describes it: the district is abolished, the ward
    committee is upper-grassroots directly under the province, and its cells are grassroots
    organisations (chi bộ cơ sở) directly under it. The rulebook documents this for neighbourhood
    cells; the factory treats agency cells the same way. Ward mergers of 2025 are left out.
    """
    orgs = [
        Organisation(
            _PROVINCE,
            "Đảng bộ tỉnh Quảng Ninh",
            OrgLevel.PROVINCE,
            OrgKind.PARTY_ORGANISATION,
            DateRange(_FOUNDED),
        ),
        Organisation(
            _DISTRICT,
            "Đảng bộ thành phố Hạ Long",
            OrgLevel.DISTRICT,
            OrgKind.PARTY_ORGANISATION,
            DateRange(_FOUNDED, reform_on),
        ),
        Organisation(
            _WARD,
            "Đảng bộ phường Hà Lầm",
            OrgLevel.GRASSROOTS,
            OrgKind.WARD_PARTY_ORGANISATION,
            DateRange(_FOUNDED),
        ),
    ]
    orgs += [
        _cell(f"{_WARD}.kp{i}", f"Chi bộ khu phố {i}", OrgKind.NEIGHBOURHOOD_CELL)
        for i in range(1, neighbourhood_cells + 1)
    ]
    orgs += [
        _cell(f"{_WARD}.cq{i}", f"Chi bộ cơ quan {i}", OrgKind.AGENCY_CELL)
        for i in range(1, agency_cells + 1)
    ]
    cells = [o.id for o in orgs[3:]]
    links = [
        OrgLink(_DISTRICT, _PROVINCE, DateRange(_FOUNDED, reform_on)),
        OrgLink(_WARD, _DISTRICT, DateRange(_FOUNDED, reform_on)),
        *(OrgLink(c, _WARD, DateRange(_FOUNDED)) for c in cells),
    ]
    events: list[OrgEvent] = []
    if reform_on is not None:
        basis = "QĐ 298-QĐ/TW"
        links.append(OrgLink(_WARD, _PROVINCE, DateRange(reform_on)))
        events.append(OrgEvent(OrgEventKind.ABOLISHED, _DISTRICT, reform_on, decision=basis))
        events.append(
            OrgEvent(
                OrgEventKind.LEVEL_CHANGED,
                _WARD,
                reform_on,
                new_level=OrgLevel.UPPER_GRASSROOTS,
                decision=basis,
            )
        )
        events += [
            OrgEvent(OrgEventKind.LEVEL_CHANGED, c, reform_on, new_level=OrgLevel.GRASSROOTS)
            for c in cells
        ]
    return OrgTree(orgs, links, events)


def make_member(
    ids: Ids | None = None,
    *,
    probationary: bool = False,
    **overrides: Any,
) -> Member:
    """A member admitted on 3 Feb 2000 and full member after the Charter's 12 months' probation.

    Args:
        ids: Where the id comes from (``"m0001"``...); a fresh counter when None.
        probationary: Leave ``full_member_on`` unset.
        **overrides: Any :class:`Member` field.
    """
    member_id = overrides.pop("id", None) or (ids or Ids())("m")
    admitted = as_date(overrides.pop("admitted_on", pendulum.date(2000, 2, 3)))
    probation_end = overrides.pop("probation_ends_on", admitted.add(months=12))
    fields: dict[str, Any] = {
        "id": member_id,
        "name": f"Đảng viên {member_id}",
        "birth_date": admitted.subtract(years=30),
        "admitted_on": admitted,
        "probation_ends_on": probation_end,
        "dues_category": DuesCategory.SALARIED_INSURED,
        "full_member_on": None if probationary else probation_end,
    }
    return Member(**{**fields, **overrides})


def make_roll(
    tree: OrgTree | None = None,
    *,
    members_per_cell: int = 3,
    ids: Ids | None = None,
) -> Roll:
    """A roll with ``members_per_cell`` members in every cell of ``tree``; each cell's first is
    its secretary.

    Members are admitted on different days between 2000 and 2011 and stay in their cell from then on.
    """
    tree = tree or make_org_tree()
    ids = ids or Ids()
    members: list[Member] = []
    memberships: list[CellMembership] = []
    posts: list[PostHolding] = []
    for cell in tree.organisations:
        if not cell.kind.is_cell:
            continue
        for i in range(members_per_cell):
            n = len(members)
            admitted = pendulum.date(2000 + n % 12, 1 + n % 12, 1 + n % 28)
            member = make_member(ids, admitted_on=admitted)
            members.append(member)
            memberships.append(CellMembership(member.id, cell.id, DateRange(admitted)))
            if i == 0:
                body = Body(cell.id, BodyKind.CELL_COMMITTEE.value)
                posts.append(PostHolding(member.id, "secretary", body, DateRange(admitted)))
    return Roll(tree, members, memberships, posts)


@attrs.define
class RecordFactory:
    """Records with sensible defaults, each with a fresh deterministic id.

    Every method takes any field of its record as a keyword, to override the default.

    Args:
        ids: The id counter.
        day: The default date of facts (the article's day).
        cell_id: The default cell.
        member_id: The default member.
    """

    ids: Ids = attrs.field(factory=Ids)
    day: pendulum.Date = ARTICLE_DAY
    cell_id: str = f"{_WARD}.kp1"
    member_id: str = "m0001"

    @property
    def month(self) -> pendulum.Date:
        """The first day of the default day's month."""
        return self.day.start_of("month")

    def meeting(self, **overrides: Any) -> CellMeeting:
        """A 90-minute regular meeting of the default cell on the default day."""
        fields = {
            "id": self.ids("meeting-"),
            "cell_id": self.cell_id,
            "held_on": self.day,
            "kind": MeetingKind.REGULAR,
            "duration_minutes": 90,
        }
        return CellMeeting(**{**fields, **overrides})

    def attendance(self, meeting_id: str, **overrides: Any) -> Attendance:
        """The default member present at ``meeting_id``."""
        fields = {"meeting_id": meeting_id, "member_id": self.member_id, "present": True}
        return Attendance(**{**fields, **overrides})

    def income(self, **overrides: Any) -> IncomeBase:
        """An insurable salary of 8,000,000 đ for the default month."""
        fields = {
            "member_id": self.member_id,
            "month": self.month,
            "kind": IncomeKind.INSURABLE_SALARY,
            "amount": 8_000_000,
        }
        return IncomeBase(**{**fields, **overrides})

    def dues_payment(self, **overrides: Any) -> DuesPayment:
        """80,000 đ of dues for the default month, paid on the default day."""
        fields = {
            "receipt_no": self.ids("receipt-"),
            "member_id": self.member_id,
            "month": self.month,
            "amount": 80_000,
            "paid_on": self.day,
        }
        return DuesPayment(**{**fields, **overrides})

    def task(self, **overrides: Any) -> AssignedTask:
        """A task assigned by the ward on the default day, due 30 days later, not yet done."""
        fields = {
            "id": self.ids("task-"),
            "assignee_id": self.member_id,
            "assigned_by": _WARD,
            "assigned_on": self.day,
            "due_on": self.day.add(days=30),
        }
        return AssignedTask(**{**fields, **overrides})

    def score(self, **overrides: Any) -> CriterionScore:
        """A self-assessed score of 25 out of 30 on a general criterion for the default year."""
        fields = {
            "subject_id": self.member_id,
            "year": self.day.year,
            "criterion": "general.political_quality",
            "max_points": 30,
            "self_score": 25,
        }
        return CriterionScore(**{**fields, **overrides})

    def sanction(self, **overrides: Any) -> SanctionRecord:
        """A reprimand decided by the default cell's meeting and announced the same day."""
        fields = {
            "id": self.ids("sanction-"),
            "subject_id": self.member_id,
            "form": "reprimand",
            "decided_on": self.day,
            "announced_on": self.day,
            "decided_by": Body(self.cell_id, BodyKind.CELL_MEETING.value),
        }
        return SanctionRecord(**{**fields, **overrides})

    def household(self, **overrides: Any) -> Household:
        """A household of neighbourhood 1 since 2000."""
        hid = self.ids("household-")
        fields = {
            "id": hid,
            "area_id": "kp1",
            "representative": f"Chủ hộ {hid}",
            "valid": DateRange(_FOUNDED),
        }
        return Household(**{**fields, **overrides})

    def household_meeting(self, **overrides: Any) -> HouseholdMeeting:
        """A meeting of neighbourhood 1 with 60 of its 100 households present."""
        fields = {
            "id": self.ids("hh-meeting-"),
            "area_id": "kp1",
            "held_on": self.day,
            "agenda": "road lighting",
            "households_total": 100,
            "households_present": 60,
        }
        return HouseholdMeeting(**{**fields, **overrides})

    def vote(self, meeting_id: str, household_id: str, **overrides: Any) -> HouseholdVote:
        """A vote for."""
        fields = {"meeting_id": meeting_id, "household_id": household_id, "choice": VoteChoice.FOR}
        return HouseholdVote(**{**fields, **overrides})

    def campaign(self, **overrides: Any) -> FundCampaign:
        """A voluntary campaign of 200,000 đ per household, decided and posted on the default day."""
        fields = {
            "id": self.ids("campaign-"),
            "area_id": "kp1",
            "purpose": "road lighting",
            "decided_on": self.day,
            "per_household": 200_000,
            "compulsory": False,
            "posted_on": self.day,
        }
        return FundCampaign(**{**fields, **overrides})

    def contribution(self, campaign_id: str, household_id: str, **overrides: Any) -> Contribution:
        """200,000 đ received on the default day."""
        fields = {
            "receipt_no": self.ids("receipt-"),
            "household_id": household_id,
            "campaign_id": campaign_id,
            "amount": 200_000,
            "received_on": self.day,
        }
        return Contribution(**{**fields, **overrides})

    def disbursement(self, campaign_id: str, **overrides: Any) -> Disbursement:
        """1,000,000 đ spent on the default day, approved by the ward committee."""
        fields = {
            "id": self.ids("voucher-"),
            "campaign_id": campaign_id,
            "amount": 1_000_000,
            "spent_on": self.day,
            "approved_by": f"{_WARD}.committee",
        }
        return Disbursement(**{**fields, **overrides})

    def posting(self, subject_id: str, **overrides: Any) -> Posting:
        """A posting on the ward's notice board from the default day."""
        fields = {
            "id": self.ids("posting-"),
            "subject_id": subject_id,
            "posted_on": self.day,
            "place": "notice board",
        }
        return Posting(**{**fields, **overrides})

    def evidence(self, **overrides: Any) -> EvidenceRef:
        """Meeting minutes of the default day, uploaded at 08:01 Vietnam time the day after."""
        uploaded = pendulum.instance(
            _dt.datetime.combine(self.day.add(days=1), _dt.time(8, 1)), tz=VIETNAM_ZONE
        )
        fields = {
            "id": self.ids("evidence-"),
            "kind": "minutes",
            "description": "minutes",
            "fact_date": self.day,
            "uploaded_at": uploaded,
        }
        return EvidenceRef(**{**fields, **overrides})

    def denouncer(self, case_id: str, **overrides: Any) -> DenouncerIdentity:
        """A denouncer known by a pseudonymous id."""
        fields = {"person_id": self.ids("person-"), "case_id": case_id, "full_name": "Người tố cáo"}
        return DenouncerIdentity(**{**fields, **overrides})

    def witness_statement(self, case_id: str, **overrides: Any) -> WitnessStatement:
        """A statement given on the default day."""
        fields = {
            "id": self.ids("statement-"),
            "case_id": case_id,
            "witness_id": self.ids("witness-"),
            "given_on": self.day,
            "witness_name": "Nhân chứng",
            "statement": "…",
        }
        return WitnessStatement(**{**fields, **overrides})

    def ledger_entry(self, **overrides: Any) -> LedgerEntry:
        """80,000 đ of dues collected from the default member on the default day."""
        fields = {
            "entry_no": self.ids("entry-"),
            "on": self.day,
            "kind": LedgerEntryKind.COLLECTED,
            "amount": 80_000,
            "member_id": self.member_id,
        }
        return LedgerEntry(**{**fields, **overrides})

    def ledger(self, entries: Sequence[LedgerEntry], **overrides: Any) -> Ledger:
        """The default cell's ledger for the default month, its totals those of ``entries``."""
        money_in = sum(e.amount.dong for e in entries if e.kind is not LedgerEntryKind.REMITTED)
        money_out = sum(e.amount.dong for e in entries if e.kind is LedgerEntryKind.REMITTED)
        fields = {
            "org_id": self.cell_id,
            "period": DateRange.month(self.day.year, self.day.month),
            "entries": entries,
            "collected": money_in,
            "retained": money_in - money_out,
            "remitted": money_out,
        }
        return Ledger(**{**fields, **overrides})

    def remittance(self, **overrides: Any) -> Remittance:
        """The default cell's dues for the default month, 56,000 đ sent to the ward."""
        fields = {
            "id": self.ids("remittance-"),
            "from_org": self.cell_id,
            "to_org": _WARD,
            "period": DateRange.month(self.day.year, self.day.month),
            "amount": 56_000,
            "sent_on": self.day,
        }
        return Remittance(**{**fields, **overrides})

    def deposit(self, **overrides: Any) -> BankDeposit:
        """56,000 đ paid into the ward's account on the default day."""
        fields = {
            "id": self.ids("deposit-"),
            "org_id": _WARD,
            "amount": 56_000,
            "deposited_on": self.day,
        }
        return BankDeposit(**{**fields, **overrides})

    def settlement(self, subject_id: str, **overrides: Any) -> PublishedSettlement:
        """The settlement of ``subject_id`` over the default year, published on the last day."""
        period = DateRange.year(self.day.year)
        fields = {
            "id": self.ids("settlement-"),
            "org_id": _WARD,
            "subject_id": subject_id,
            "period": period,
            "collected": 20_000_000,
            "spent": 18_500_000,
            "published_on": period.end,
        }
        return PublishedSettlement(**{**fields, **overrides})

    def draft_conclusion(self, case_id: str, **overrides: Any) -> DraftConclusion:
        """A first draft by the ward's inspection commission on the default day."""
        fields = {
            "id": self.ids("draft-"),
            "case_id": case_id,
            "version": 1,
            "drafted_on": self.day,
            "drafted_by": Body(_WARD, BodyKind.INSPECTION_COMMISSION.value),
            "text": "…",
        }
        return DraftConclusion(**{**fields, **overrides})
