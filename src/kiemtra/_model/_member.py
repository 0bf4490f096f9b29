"""Party members, the cells they belong to and the posts they hold, over time."""

from __future__ import annotations

import datetime as _dt
import enum

import attrs
import pendulum

from kiemtra._errors import UnknownReference
from kiemtra._model._actor import Body
from kiemtra._model._confidential import PERSONAL
from kiemtra._model._fields import (
    check_date,
    check_enum,
    check_id,
    check_name,
    check_opt_date,
    check_opt_id,
    check_type,
    not_before,
    to_date,
    to_opt_date,
)
from kiemtra._time import DateRange, as_date

__all__ = ["CellMembership", "DuesCategory", "Member", "MemberStatus", "PostHolding"]


class MemberStatus(enum.Enum):
    """Full or probationary membership (đảng viên chính thức / dự bị)."""

    FULL = "full"
    PROBATIONARY = "probationary"


class DuesCategory(enum.Enum):
    """How a member's party dues are assessed; the rulebook holds the rates for each."""

    SALARIED_INSURED = "salaried_insured"
    """Paid a salary subject to social insurance: a share of the insurable salary."""
    ON_INSURED_LEAVE = "on_insured_leave"
    """On sick or maternity leave: a share of the allowance (QĐ 01-QĐ/TW, 2026)."""
    PENSIONER = "pensioner"
    """Drawing a pension: a share of the pension."""
    OTHER_AREA_1 = "other_area_1"
    """Others, in the core of a centrally-run city (HD 03-HD/VPTW area 1)."""
    OTHER_AREA_2 = "other_area_2"
    """Others, in a type I-III urban area (area 2)."""
    OTHER_AREA_3 = "other_area_3"
    """Others, elsewhere (area 3)."""
    OTHER_AREA_4 = "other_area_4"
    """Others, in a mountainous or remote area (area 4)."""
    STUDENT = "student"
    """A pupil or student: a flat monthly amount (QĐ 01-QĐ/TW, 2026)."""
    NON_INSURED = "non_insured"
    """Neither insured nor a pensioner: a share of the regional minimum wage (QĐ 01-QĐ/TW, 2026)."""
    EXEMPT = "exempt"
    """Exempted from dues (long party age, social pension, hardship), by a decision on record."""


@attrs.frozen
class Member:
    """A party member.

    Args:
        id: A stable id.
        name: Full name (personal data).
        birth_date: Date of birth (personal data).
        admitted_on: The date of the admission decision; party age counts from it.
        probation_ends_on: The end of probation; the rulebook says how long probation lasts.
        dues_category: How the member's dues are assessed.
        full_member_on: The date from which the member is recognised as a full member, once the
            cell has decided; never before the end of probation.
        managed_by: The organisation whose committee manages the member as a cadre, when it is not
            the member's own (cán bộ thuộc diện cấp ủy cấp trên quản lý).
        left_on: The first day the member is no longer on the roll (removal, expulsion, death).

    Raises:
        InvalidPeriod: the dates are out of order (probation ending on or before admission...).
        InvalidInput: a field is missing or malformed.
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(metadata=PERSONAL, validator=check_name)
    birth_date: pendulum.Date = attrs.field(
        metadata=PERSONAL, converter=to_date, validator=check_date
    )
    admitted_on: pendulum.Date = attrs.field(converter=to_date, validator=check_date)
    probation_ends_on: pendulum.Date = attrs.field(converter=to_date, validator=check_date)
    dues_category: DuesCategory = attrs.field(validator=check_enum(DuesCategory))
    full_member_on: pendulum.Date | None = attrs.field(
        default=None, converter=to_opt_date, validator=check_opt_date
    )
    managed_by: str | None = attrs.field(default=None, validator=check_opt_id)
    left_on: pendulum.Date | None = attrs.field(
        default=None, converter=to_opt_date, validator=check_opt_date
    )

    def __attrs_post_init__(self) -> None:
        not_before(self, "admitted_on", "birth_date", strict=True)
        not_before(self, "probation_ends_on", "admitted_on", strict=True)
        not_before(self, "full_member_on", "probation_ends_on")
        not_before(self, "left_on", "admitted_on", strict=True)
        if self.full_member_on is not None and self.left_on is not None:
            not_before(self, "left_on", "full_member_on", strict=True)

    @property
    def on_roll(self) -> DateRange:
        """The days the member is on the roll."""
        return DateRange(self.admitted_on, self.left_on)

    def status_at(self, at: _dt.date) -> MemberStatus:
        """Full or probationary on ``at``.

        Raises:
            UnknownReference: the member is not on the roll on ``at``.
        """
        day = as_date(at, "at")
        if day not in self.on_roll:
            raise UnknownReference("Member.id", self.id, f"not on the roll on {day.isoformat()}")
        if self.full_member_on is not None and day >= self.full_member_on:
            return MemberStatus.FULL
        return MemberStatus.PROBATIONARY

    def party_age_years(self, at: _dt.date) -> int:
        """Whole years of party age on ``at``; 0 until the member is a full member.

        Once a member is recognised as a full member, party age counts from the date of the
        admission decision (Charter 2011 Art 5 k4). Periods out of party activity, which the
        Charter deducts, are not recorded here.

        Raises:
            UnknownReference: the member is not on the roll on ``at``.
        """
        if self.status_at(at) is MemberStatus.PROBATIONARY:
            return 0
        return self.admitted_on.diff(as_date(at, "at")).in_years()


@attrs.frozen
class CellMembership:
    """``member_id`` belonged to the cell ``cell_id`` over ``valid`` (sinh hoạt đảng tại chi bộ).

    A transfer (chuyển sinh hoạt đảng) is one membership ending and the next one starting.

    Raises:
        InvalidInput: an id is empty or ``valid`` is not a DateRange.
    """

    member_id: str = attrs.field(validator=check_id)
    cell_id: str = attrs.field(validator=check_id)
    valid: DateRange = attrs.field(validator=check_type(DateRange))


@attrs.frozen
class PostHolding:
    """``member_id`` held ``post`` in ``body`` over ``valid`` (a cell secretary, a commission chair).

    Args:
        member_id: The member.
        post: The post, as the rulebook names it (``"secretary"``, ``"chair"``, ``"member"``).
        body: The body the post belongs to.
        valid: When the member held it.

    Raises:
        InvalidInput: an id or the post is empty, or ``body`` is not a Body.
    """

    member_id: str = attrs.field(validator=check_id)
    post: str = attrs.field(validator=check_id)
    body: Body = attrs.field(validator=check_type(Body))
    valid: DateRange = attrs.field(validator=check_type(DateRange))
