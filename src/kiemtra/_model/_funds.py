"""Records of residents' funds: households, their meetings and votes, campaigns and the money.

These are the state and Fatherland Front side of a ward's fund collection that party supervision
looks at (regulations.md (b)12): who decided a contribution, how much came in, what was spent, and
what was made public.
"""

from __future__ import annotations

import enum

import attrs
import pendulum

from kiemtra._errors import InconsistentRecords
from kiemtra._model._confidential import PERSONAL
from kiemtra._model._fields import (
    check_amount_due,
    check_count,
    check_date,
    check_enum,
    check_id,
    check_money,
    check_name,
    check_opt_date,
    check_opt_id,
    check_positive,
    check_text,
    check_type,
    not_before,
    to_date,
    to_money,
    to_opt_date,
)
from kiemtra._money import Money
from kiemtra._time import DateRange

__all__ = [
    "Contribution",
    "Disbursement",
    "FundCampaign",
    "Household",
    "HouseholdMeeting",
    "HouseholdVote",
    "Posting",
    "VoteChoice",
]


@attrs.frozen
class Household:
    """A household of a residential area, the unit of residents' decisions.

    Args:
        id: The household.
        area_id: The residential group or quarter (tổ dân phố, khu phố) it lives in.
        representative: The household's representative (personal data).
        valid: When it lived there as a household.
        address: Its address (personal data).
    """

    id: str = attrs.field(validator=check_id)
    area_id: str = attrs.field(validator=check_id)
    representative: str = attrs.field(metadata=PERSONAL, validator=check_name)
    valid: DateRange = attrs.field(validator=check_type(DateRange))
    address: str = attrs.field(default="", metadata=PERSONAL, validator=check_text)


@attrs.frozen
class HouseholdMeeting:
    """A meeting of an area's households, or a round of household ballots.

    Args:
        id: The meeting.
        area_id: The residential area.
        held_on: When.
        agenda: What was put to the households.
        households_total: The households of the area on that day.
        households_present: The households represented.
        campaign_id: The fund campaign decided, if any.

    Raises:
        InconsistentRecords: more households present than there are.
    """

    id: str = attrs.field(validator=check_id)
    area_id: str = attrs.field(validator=check_id)
    held_on: pendulum.Date = attrs.field(converter=to_date, validator=check_date)
    agenda: str = attrs.field(validator=check_name)
    households_total: int = attrs.field(validator=check_positive)
    households_present: int = attrs.field(validator=check_count)
    campaign_id: str | None = attrs.field(default=None, validator=check_opt_id)

    def __attrs_post_init__(self) -> None:
        if self.households_present > self.households_total:
            raise InconsistentRecords(
                "HouseholdMeeting.households_present",
                self.households_present,
                f"more than the {self.households_total} households of the area",
            )


class VoteChoice(enum.Enum):
    """A household's vote."""

    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


@attrs.frozen
class HouseholdVote:
    """How a household voted at a meeting or ballot round."""

    meeting_id: str = attrs.field(validator=check_id)
    household_id: str = attrs.field(validator=check_id)
    choice: VoteChoice = attrs.field(validator=check_enum(VoteChoice))


@attrs.frozen
class FundCampaign:
    """A call for residents' contributions.

    Args:
        id: The campaign.
        area_id: The residential area or ward it covers.
        purpose: What the money is for.
        decided_on: When it was decided.
        per_household: The amount asked of each household (0 for "as each wishes").
        compulsory: Whether households were told they must pay (a voluntary contribution may not
            be made compulsory: flagged by the rules, recorded here as it happened).
        posted_on: When the decision was posted publicly, if it was.

    Raises:
        InvalidPeriod: posted before it was decided.
    """

    id: str = attrs.field(validator=check_id)
    area_id: str = attrs.field(validator=check_id)
    purpose: str = attrs.field(validator=check_name)
    decided_on: pendulum.Date = attrs.field(converter=to_date, validator=check_date)
    per_household: Money = attrs.field(converter=to_money, validator=check_money)
    compulsory: bool = attrs.field(validator=check_type(bool))
    posted_on: pendulum.Date | None = attrs.field(
        default=None, converter=to_opt_date, validator=check_opt_date
    )

    def __attrs_post_init__(self) -> None:
        not_before(self, "posted_on", "decided_on")


@attrs.frozen
class Contribution:
    """Money a household gave to a campaign, against a receipt."""

    receipt_no: str = attrs.field(validator=check_id)
    household_id: str = attrs.field(validator=check_id)
    campaign_id: str = attrs.field(validator=check_id)
    amount: Money = attrs.field(converter=to_money, validator=check_amount_due)
    received_on: pendulum.Date = attrs.field(converter=to_date, validator=check_date)


@attrs.frozen
class Disbursement:
    """Money spent from a campaign's funds.

    Args:
        id: The voucher.
        campaign_id: The campaign whose money was spent.
        amount: The amount, above 0.
        spent_on: When.
        approved_by: Who approved the spending (a body or person id), if anyone did.
        purpose: What it paid for.
    """

    id: str = attrs.field(validator=check_id)
    campaign_id: str = attrs.field(validator=check_id)
    amount: Money = attrs.field(converter=to_money, validator=check_amount_due)
    spent_on: pendulum.Date = attrs.field(converter=to_date, validator=check_date)
    approved_by: str | None = attrs.field(default=None, validator=check_opt_id)
    purpose: str = attrs.field(default="", validator=check_text)


@attrs.frozen
class Posting:
    """A public posting (niêm yết) of a campaign, a settlement or another record.

    Args:
        id: The posting.
        subject_id: What was posted (a campaign or settlement id).
        posted_on: The first day it was up.
        place: Where (the ward's notice board, the quarter's hall, a website).
        removed_on: The first day it was no longer up, when known.

    Raises:
        InvalidPeriod: removed on or before the day it was posted.
    """

    id: str = attrs.field(validator=check_id)
    subject_id: str = attrs.field(validator=check_id)
    posted_on: pendulum.Date = attrs.field(converter=to_date, validator=check_date)
    place: str = attrs.field(default="", validator=check_text)
    removed_on: pendulum.Date | None = attrs.field(
        default=None, converter=to_opt_date, validator=check_opt_date
    )

    def __attrs_post_init__(self) -> None:
        not_before(self, "removed_on", "posted_on", strict=True)
