"""Records of members' duties and of party finance: meetings, dues, ledgers, tasks, scores, sanctions.

Each record is checked on its own when constructed; checks across records (a payment by an unknown
member, a meeting of an abolished cell) belong to the fact tables and rules that read them together.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from fractions import Fraction

import attrs
import pendulum

from kiemtra._errors import InconsistentRecords, InvalidInput, InvalidPeriod
from kiemtra._model._actor import Body
from kiemtra._model._fields import (
    as_tuple,
    check_amount_due,
    check_date,
    check_enum,
    check_fraction,
    check_id,
    check_items,
    check_money,
    check_month,
    check_name,
    check_opt_date,
    check_opt_fraction,
    check_opt_id,
    check_positive,
    check_text,
    check_type,
    check_year,
    not_before,
    to_date,
    to_fraction,
    to_money,
    to_opt_date,
    to_opt_fraction,
)
from kiemtra._money import Money
from kiemtra._time import DateRange

__all__ = [
    "AssignedTask",
    "Attendance",
    "BankDeposit",
    "CellMeeting",
    "CriterionScore",
    "DuesPayment",
    "IncomeBase",
    "IncomeKind",
    "Ledger",
    "LedgerEntry",
    "LedgerEntryKind",
    "MeetingKind",
    "PublishedSettlement",
    "Remittance",
    "SanctionRecord",
]


class MeetingKind(enum.Enum):
    """Regular or thematic cell meeting (sinh hoạt chi bộ thường kỳ / chuyên đề), or both at once."""

    REGULAR = "regular"
    THEMATIC = "thematic"
    REGULAR_AND_THEMATIC = "regular_and_thematic"


@attrs.frozen
class CellMeeting:
    """A meeting of a cell.

    Raises:
        InvalidInput: a field is missing or malformed, or the duration is not above 0 minutes.
    """

    id: str = attrs.field(validator=check_id)
    cell_id: str = attrs.field(validator=check_id)
    held_on: pendulum.Date = attrs.field(converter=to_date, validator=check_date)
    kind: MeetingKind = attrs.field(validator=check_enum(MeetingKind))
    duration_minutes: int = attrs.field(validator=check_positive)


@attrs.frozen
class Attendance:
    """Whether a member attended a meeting, and whether an absence was excused.

    Args:
        meeting_id: The meeting.
        member_id: The member.
        present: Whether the member attended.
        excused: For an absence: whether the cell accepted the reason.
        excuse_reason: The reason given; kept even when the cell did not accept it.

    Raises:
        InvalidInput: a member present is marked excused, or an excused absence has no reason.
    """

    meeting_id: str = attrs.field(validator=check_id)
    member_id: str = attrs.field(validator=check_id)
    present: bool = attrs.field(validator=check_type(bool))
    excused: bool = attrs.field(default=False, validator=check_type(bool))
    excuse_reason: str = attrs.field(default="", validator=check_text)

    def __attrs_post_init__(self) -> None:
        if self.present and self.excused:
            raise InvalidInput("Attendance.excused", True, "a member present needs no excuse")
        if self.excused and not self.excuse_reason.strip():
            raise InvalidInput(
                "Attendance.excuse_reason", self.excuse_reason, "an excuse needs a reason"
            )


class IncomeKind(enum.Enum):
    """What a member's dues are assessed on in a month."""

    INSURABLE_SALARY = "insurable_salary"
    """Salary, allowances and wages subject to social insurance."""
    ALLOWANCE = "allowance"
    """Sick-leave or maternity allowance paid instead of a salary."""
    PENSION = "pension"
    """A pension."""
    NONE = "none"
    """No income that dues are a share of."""


@attrs.frozen
class IncomeBase:
    """The income a member's dues for ``month`` are assessed on.

    Raises:
        InvalidInput: ``month`` is not a first day, or a NONE income has an amount.
    """

    member_id: str = attrs.field(validator=check_id)
    month: pendulum.Date = attrs.field(converter=to_date, validator=check_month)
    kind: IncomeKind = attrs.field(validator=check_enum(IncomeKind))
    amount: Money = attrs.field(converter=to_money, validator=check_money)

    def __attrs_post_init__(self) -> None:
        if self.kind is IncomeKind.NONE and self.amount.dong:
            raise InvalidInput("IncomeBase.amount", self.amount, "an income of kind NONE is 0")


@attrs.frozen
class DuesPayment:
    """A member's payment of party dues for ``month`` (paid early or late, ``paid_on`` says when).

    Raises:
        InvalidInput: ``month`` is not a first day, or the amount is not above 0.
        NegativeAmount: the amount is negative.
    """

    receipt_no: str = attrs.field(validator=check_id)
    member_id: str = attrs.field(validator=check_id)
    month: pendulum.Date = attrs.field(converter=to_date, validator=check_month)
    amount: Money = attrs.field(converter=to_money, validator=check_amount_due)
    paid_on: pendulum.Date = attrs.field(converter=to_date, validator=check_date)


class LedgerEntryKind(enum.Enum):
    """A line of a dues ledger (sổ thu, nộp đảng phí)."""

    COLLECTED = "collected"
    """Dues collected from the organisation's own members."""
    RECEIVED = "received"
    """Dues passed up by a lower organisation."""
    REMITTED = "remitted"
    """Dues passed up to the superior organisation."""


@attrs.frozen
class LedgerEntry:
    """One line of a ledger.

    Args:
        entry_no: The line's number in the book.
        on: The day of the movement.
        kind: Money in (collected, received) or out (remitted).
        amount: The amount, above 0.
        ref: The voucher it rests on (a receipt number, a remittance id).
        member_id: For dues collected from one member: who paid.

    Raises:
        InvalidInput: a field is missing or malformed, or the amount is not above 0.
    """

    entry_no: str = attrs.field(validator=check_id)
    on: pendulum.Date = attrs.field(converter=to_date, validator=check_date)
    kind: LedgerEntryKind = attrs.field(validator=check_enum(LedgerEntryKind))
    amount: Money = attrs.field(converter=to_money, validator=check_amount_due)
    ref: str = attrs.field(default="", validator=check_text)
    member_id: str | None = attrs.field(default=None, validator=check_opt_id)


def _entries(value: Iterable[LedgerEntry]) -> tuple[LedgerEntry, ...]:
    result: tuple[LedgerEntry, ...] = as_tuple(value)
    return result


def _total(entries: Iterable[LedgerEntry], *kinds: LedgerEntryKind) -> Money:
    return Money(sum(e.amount.dong for e in entries if e.kind in kinds))


@attrs.frozen
class Ledger:
    """An organisation's dues ledger for a closed period, with the totals it states.

    Args:
        org_id: The organisation keeping the ledger.
        period: The period it covers; it must have an end.
        entries: Its lines.
        collected: The stated total in: collected from members plus received from below.
        retained: The stated total kept: collected less remitted.
        remitted: The stated total passed up.

    Raises:
        InvalidPeriod: the period is open, or an entry falls outside it.
        InconsistentRecords: two entries share a number, or a stated total is not what the
            entries add up to.
    """

    org_id: str = attrs.field(validator=check_id)
    period: DateRange = attrs.field(validator=check_type(DateRange))
    entries: tuple[LedgerEntry, ...] = attrs.field(
        converter=_entries, validator=check_items(LedgerEntry)
    )
    collected: Money = attrs.field(converter=to_money, validator=check_money)
    retained: Money = attrs.field(converter=to_money, validator=check_money)
    remitted: Money = attrs.field(converter=to_money, validator=check_money)

    def __attrs_post_init__(self) -> None:
        if self.period.end is None:
            raise InvalidPeriod("Ledger.period", self.period, "a ledger covers a closed period")
        numbers: set[str] = set()
        for i, entry in enumerate(self.entries):
            if entry.on not in self.period:
                raise InvalidPeriod(f"Ledger.entries[{i}].on", entry.on, f"outside {self.period}")
            if entry.entry_no in numbers:
                raise InconsistentRecords(
                    f"Ledger.entries[{i}].entry_no", entry.entry_no, "two lines share this number"
                )
            numbers.add(entry.entry_no)
        money_in = _total(self.entries, LedgerEntryKind.COLLECTED, LedgerEntryKind.RECEIVED)
        money_out = _total(self.entries, LedgerEntryKind.REMITTED)
        self._agree("collected", money_in.dong)
        self._agree("remitted", money_out.dong)
        self._agree("retained", money_in.diff(money_out))

    def _agree(self, name: str, computed: int) -> None:
        stated: Money = getattr(self, name)
        if stated.dong != computed:
            raise InconsistentRecords(
                f"Ledger.{name}", stated, f"the entries give {computed:,} đ".replace(",", ".")
            )


@attrs.frozen
class Remittance:
    """Dues passed up from one organisation to another for a period.

    Raises:
        InvalidInput: the two organisations are the same, or the amount is not above 0.
    """

    id: str = attrs.field(validator=check_id)
    from_org: str = attrs.field(validator=check_id)
    to_org: str = attrs.field(validator=check_id)
    period: DateRange = attrs.field(validator=check_type(DateRange))
    amount: Money = attrs.field(converter=to_money, validator=check_amount_due)
    sent_on: pendulum.Date = attrs.field(converter=to_date, validator=check_date)

    def __attrs_post_init__(self) -> None:
        if self.from_org == self.to_org:
            raise InvalidInput("Remittance.to_org", self.to_org, "is the sending organisation")


@attrs.frozen
class BankDeposit:
    """Money an organisation paid into its bank account.

    Raises:
        InvalidInput: a field is missing or malformed, or the amount is not above 0.
    """

    id: str = attrs.field(validator=check_id)
    org_id: str = attrs.field(validator=check_id)
    amount: Money = attrs.field(converter=to_money, validator=check_amount_due)
    deposited_on: pendulum.Date = attrs.field(converter=to_date, validator=check_date)
    account: str = attrs.field(default="", validator=check_text)


@attrs.frozen
class PublishedSettlement:
    """The final accounts (quyết toán) of a fund or campaign, as made public.

    Args:
        id: The settlement.
        org_id: The organisation or authority that settled it.
        subject_id: What was settled (a campaign, a fund).
        period: The period settled.
        collected: Total money in.
        spent: Total money out.
        published_on: When it was made public; not before the period began.

    Raises:
        InvalidPeriod: published before the period began.
    """

    id: str = attrs.field(validator=check_id)
    org_id: str = attrs.field(validator=check_id)
    subject_id: str = attrs.field(validator=check_id)
    period: DateRange = attrs.field(validator=check_type(DateRange))
    collected: Money = attrs.field(converter=to_money, validator=check_money)
    spent: Money = attrs.field(converter=to_money, validator=check_money)
    published_on: pendulum.Date = attrs.field(converter=to_date, validator=check_date)

    def __attrs_post_init__(self) -> None:
        if self.published_on < self.period.start:
            raise InvalidPeriod(
                "PublishedSettlement.published_on", self.published_on, f"before {self.period}"
            )

    @property
    def balance(self) -> int:
        """Collected less spent, in đồng; negative when more was spent than collected."""
        return self.collected.diff(self.spent)


@attrs.frozen
class AssignedTask:
    """A task assigned to a member or an organisation, and how it was done.

    Args:
        id: The task.
        assignee_id: The member or organisation it was assigned to.
        assigned_by: The organisation that assigned it.
        assigned_on: When.
        due_on: Its deadline.
        done_on: When it was done, if it was.
        exceeded: Whether the result exceeded what was required (it must be done).

    Raises:
        InvalidPeriod: due or done before it was assigned.
        InvalidInput: exceeded while not done.
    """

    id: str = attrs.field(validator=check_id)
    assignee_id: str = attrs.field(validator=check_id)
    assigned_by: str = attrs.field(validator=check_id)
    assigned_on: pendulum.Date = attrs.field(converter=to_date, validator=check_date)
    due_on: pendulum.Date = attrs.field(converter=to_date, validator=check_date)
    done_on: pendulum.Date | None = attrs.field(
        default=None, converter=to_opt_date, validator=check_opt_date
    )
    exceeded: bool = attrs.field(default=False, validator=check_type(bool))

    def __attrs_post_init__(self) -> None:
        not_before(self, "due_on", "assigned_on")
        not_before(self, "done_on", "assigned_on")
        if self.exceeded and self.done_on is None:
            raise InvalidInput("AssignedTask.exceeded", True, "a task not done cannot exceed")

    @property
    def done_on_time(self) -> bool:
        """Whether it was done by its deadline."""
        return self.done_on is not None and self.done_on <= self.due_on


@attrs.frozen
class CriterionScore:
    """Points on one criterion of a yearly review: self-assessed, then appraised.

    Args:
        subject_id: The member or organisation reviewed.
        year: The review year.
        criterion: The criterion, as the rulebook names it.
        max_points: The most the criterion gives.
        self_score: The subject's own score, once given.
        appraised_score: The appraising body's score, once given.

    Raises:
        InvalidInput: a score is negative or above ``max_points``, or ``max_points`` is not above 0.
    """

    subject_id: str = attrs.field(validator=check_id)
    year: int = attrs.field(validator=check_year)
    criterion: str = attrs.field(validator=check_id)
    max_points: Fraction = attrs.field(converter=to_fraction, validator=check_fraction)
    self_score: Fraction | None = attrs.field(
        default=None, converter=to_opt_fraction, validator=check_opt_fraction
    )
    appraised_score: Fraction | None = attrs.field(
        default=None, converter=to_opt_fraction, validator=check_opt_fraction
    )

    def __attrs_post_init__(self) -> None:
        if self.max_points <= 0:
            raise InvalidInput("CriterionScore.max_points", self.max_points, "must be above 0")
        for name in ("self_score", "appraised_score"):
            score: Fraction | None = getattr(self, name)
            if score is not None and not 0 <= score <= self.max_points:
                raise InvalidInput(
                    f"CriterionScore.{name}", score, f"must be between 0 and {self.max_points}"
                )


@attrs.frozen
class SanctionRecord:
    """A disciplinary sanction as decided and announced.

    Args:
        id: The decision.
        subject_id: The member or organisation sanctioned.
        form: The form, as the rulebook names it (``"reprimand"``, ``"warning"``...).
        decided_on: The decision date.
        announced_on: The announcement date; effect periods run from it.
        decided_by: The deciding body.
        violation_on: When the violation happened, when known; limitation runs from it.

    Raises:
        InvalidPeriod: announced before decided, or the violation after the decision.
    """

    id: str = attrs.field(validator=check_id)
    subject_id: str = attrs.field(validator=check_id)
    form: str = attrs.field(validator=check_name)
    decided_on: pendulum.Date = attrs.field(converter=to_date, validator=check_date)
    announced_on: pendulum.Date = attrs.field(converter=to_date, validator=check_date)
    decided_by: Body = attrs.field(validator=check_type(Body))
    violation_on: pendulum.Date | None = attrs.field(
        default=None, converter=to_opt_date, validator=check_opt_date
    )

    def __attrs_post_init__(self) -> None:
        not_before(self, "announced_on", "decided_on")
        not_before(self, "decided_on", "violation_on")
