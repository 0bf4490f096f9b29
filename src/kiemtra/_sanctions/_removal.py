"""Removal from the roll (xóa tên): not a sanction, and no substitute for one.

Its grounds, each judged on the day of the step with the parameters in force on it:

* **the three-month rule**, found by the rules engine over a year of attendance and dues: its findings (or
  their explanations) are the input here, matched by rule id and subject;
* **no progress after education**: the cell put the member on its list of members to educate and help
  (a ballot whose threshold is a parameter), and the period a parameter gives has passed without progress;
* **violating member standards for consecutive years**: how many years is a parameter; what counts as a
  year of violation is an open question the rulebook names, so the host supplies the years it found and
  the explanation says the reading is open.

A full member who deserves expulsion must be expelled: striking them off instead is refused.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Sequence

import attrs
import pendulum

from kiemtra._calendar import WorkCalendar
from kiemtra._errors import DefinitionError, ExpulsionRequired, InvalidInput, InvalidPeriod
from kiemtra._model._member import Member, MemberStatus
from kiemtra._rules._explanation import Explanation, GoverningDate, Scalar
from kiemtra._rules._param import Citation, ParamUse
from kiemtra._rules._rulebook import Rulebook
from kiemtra._sanctions._ballot import Threshold, passes, read_threshold
from kiemtra._sanctions._forms import (
    Basis,
    Decision,
    basis_at,
    day_of,
    duration_of,
    joined,
    version_of,
)
from kiemtra._time import TimeUnit
from kiemtra._util import to_tuple

__all__ = [
    "Education",
    "RemovalAssessment",
    "RemovalGround",
    "RemovalScheme",
    "assess_removal",
    "no_progress_ground",
    "screening_vote",
    "standing_violation_ground",
    "three_month_ground",
]


class RemovalGround(enum.Enum):
    """A ground for removal from the roll."""

    THREE_MONTH_RULE = "three_month_rule"
    NO_PROGRESS_AFTER_EDUCATION = "no_progress_after_education"
    STANDING_VIOLATION = "standing_violation"


@attrs.frozen
class RemovalScheme:
    """How a rulebook removes members from the roll.

    Args:
        three_month_rule_id: The rule id of the rules engine's three-month findings.
        no_progress_key: DURATION parameter: how long education may go without progress.
        standing_violation_key: DURATION parameter (in years): how many consecutive years of violating
            member standards.
        screening: The threshold of the ballot that puts a member on the list to educate.
        expulsion_form: The form code a full member may not escape by removal.
        bases: The basis of "removal is not a sanction; a full member who deserves expulsion is
            expelled", by period.
        standing_violation_reading: The rulebook's name for how a "year of violation" is read (the open
            question), carried into explanations.
        rule_id: The prefix of the rule ids explanations carry.
    """

    three_month_rule_id: str
    no_progress_key: str
    standing_violation_key: str
    screening: Threshold
    expulsion_form: str
    bases: tuple[Basis, ...] = attrs.field(converter=to_tuple)
    standing_violation_reading: str = "host_defined"
    rule_id: str = "membership.removal"


def _listed(value: _dt.date) -> pendulum.Date:
    return day_of(value, "Education.listed_on")


@attrs.frozen
class Education:
    """The cell's education of a member it listed as needing education and help.

    Args:
        listed_on: The day the cell put the member on the list.
        progressed: Whether the cell has found progress since.
    """

    listed_on: pendulum.Date = attrs.field(converter=_listed)
    progressed: bool = False


def _explanation(
    rule_id: str,
    key: str,
    day: pendulum.Date,
    params: Sequence[ParamUse] = (),
    *,
    args: dict[str, Scalar] | None = None,
    inputs: dict[str, Scalar] | None = None,
    thresholds: dict[str, Scalar] | None = None,
    evidence: Iterable[str] = (),
    citations: Iterable[Citation] = (),
    bases: Sequence[Basis] = (),
) -> Explanation:
    return Explanation(
        rule_id,
        version_of(params, bases),
        key,
        args=args or {},
        params=params,
        inputs=inputs or {},
        thresholds=thresholds or {},
        evidence=tuple(evidence),
        citations=tuple(citations),
        governs=GoverningDate.STEP,
        governing_date=day,
    )


def three_month_ground(
    scheme: RemovalScheme, member_id: str, findings: Iterable[Explanation], *, on: _dt.date
) -> Decision[bool]:
    """Whether the rules engine found the three-month rule against ``member_id`` by ``on``.

    Args:
        scheme: The removal scheme.
        member_id: The member.
        findings: Explanations of findings (``Findings.explanation(row)``); those of other rules, other
            subjects, or governed by a later day are ignored.
        on: The day of the step.
    """
    day = day_of(on, "on")
    hits = [
        f
        for f in findings
        if f.rule_id == scheme.three_month_rule_id
        and f.args.get("subject") == member_id
        and (f.governing_date is None or f.governing_date <= day)
    ]
    params = tuple(dict.fromkeys(p for f in hits for p in f.params))
    citations = tuple(dict.fromkeys(c for f in hits for c in f.citations))
    explanation = _explanation(
        f"{scheme.rule_id}.{RemovalGround.THREE_MONTH_RULE.value}",
        "membership.removal.three_month_rule." + ("holds" if hits else "absent"),
        day,
        params,
        args={"member": member_id, "periods": joined(str(f.args.get("period", "")) for f in hits)},
        inputs={"findings": len(hits)},
        evidence=dict.fromkeys(e for f in hits for e in f.evidence),
        citations=citations,
    )
    return Decision(bool(hits), explanation)


def no_progress_ground(
    scheme: RemovalScheme,
    rulebook: Rulebook,
    calendar: WorkCalendar,
    education: Education,
    *,
    on: _dt.date,
) -> Decision[bool]:
    """Whether the education period has passed on ``on`` without progress.

    The period counts from the day the member was listed, with the Civil Code rules; the ground holds
    from the day after its last day.

    Raises:
        InvalidPeriod: ``on`` is before the listing.
        NotInForce: no period in force on ``on``.
    """
    day = day_of(on, "on")
    if day < education.listed_on:
        raise InvalidPeriod("on", day, "before the member was listed for education")
    use = rulebook.use(scheme.no_progress_key, day)
    period = duration_of(use)
    ends = calendar.add(education.listed_on, period)
    holds = not education.progressed and day > ends
    outcome = "progressed" if education.progressed else ("holds" if holds else "not_yet")
    explanation = _explanation(
        f"{scheme.rule_id}.{RemovalGround.NO_PROGRESS_AFTER_EDUCATION.value}",
        f"membership.removal.no_progress.{outcome}",
        day,
        [use],
        args={"period_ends": ends},
        inputs={"listed_on": education.listed_on, "progressed": education.progressed},
        thresholds={"period": period, "period_ends": ends},
    )
    return Decision(holds, explanation)


def standing_violation_ground(
    scheme: RemovalScheme,
    rulebook: Rulebook,
    years_violating: Iterable[int],
    *,
    on: _dt.date,
) -> Decision[bool]:
    """Whether the member violated member standards in as many consecutive years as the parameter says,
    the last of them no later than the year of ``on``.

    What makes a year one of violation is not settled (the rulebook's open question): the host decides
    and passes the years; the explanation names the reading (``reading``) and flags the question.

    Raises:
        InvalidInput: a year that is not a whole number.
        DefinitionError: the parameter is not counted in years.
        NotInForce: no value in force on ``on``.
    """
    day = day_of(on, "on")
    years: set[int] = set()
    for i, y in enumerate(years_violating):
        if isinstance(y, bool) or not isinstance(y, int):
            raise InvalidInput(f"years_violating[{i}]", y, "expected a year")
        years.add(y)
    use = rulebook.use(scheme.standing_violation_key, day)
    period = duration_of(use)
    if period.unit is not TimeUnit.YEARS:
        raise DefinitionError(scheme.standing_violation_key, ["expected a number of years"])
    n = period.amount
    run: tuple[int, ...] = ()
    for last in sorted((y for y in years if y <= day.year), reverse=True):
        span = tuple(range(last - n + 1, last + 1))
        if n > 0 and all(y in years for y in span):
            run = span
            break
    holds = bool(run)
    explanation = _explanation(
        f"{scheme.rule_id}.{RemovalGround.STANDING_VIOLATION.value}",
        "membership.removal.standing_violation." + ("holds" if holds else "absent"),
        day,
        [use],
        args={
            "years": joined(run),
            "reading": scheme.standing_violation_reading,
            "open_question": True,
        },
        inputs={"years_violating": joined(sorted(years))},
        thresholds={"consecutive_years": n},
    )
    return Decision(holds, explanation)


def screening_vote(
    scheme: RemovalScheme, rulebook: Rulebook, *, votes_for: int, members: int, on: _dt.date
) -> Decision[bool]:
    """Whether the cell's ballot puts a member on its list to educate and help.

    Args:
        scheme: The removal scheme.
        rulebook: Where the threshold is read.
        votes_for: Ballots in favour.
        members: Full members counted (those exempt from activity left out by the host).
        on: The day of the vote.

    Raises:
        InvalidInput: a count is not a whole number, or there are no members, or more votes than members.
    """
    day = day_of(on, "on")
    counts: tuple[tuple[str, object], ...] = (("votes_for", votes_for), ("members", members))
    for name, value in counts:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidInput(name, value, "must be a whole number >= 0")
    if members == 0 or votes_for > members:
        raise InvalidInput(
            "votes_for", votes_for, f"must be between 0 and the {members} members (> 0)"
        )
    share_value, strict_value, used = read_threshold(rulebook, scheme.screening, day)
    listed = passes(votes_for, members, share_value, strict_value)
    explanation = _explanation(
        f"{scheme.rule_id}.screening",
        "membership.removal.screening." + ("listed" if listed else "not_listed"),
        day,
        used,
        inputs={"votes_for": votes_for, "members": members},
        thresholds={"share": share_value, "strict": strict_value},
    )
    return Decision(listed, explanation)


@attrs.frozen
class RemovalAssessment:
    """The grounds for removing a member from the roll on a day.

    Attributes:
        member_id: The member.
        grounds: Each ground judged, with its own explanation.
        removable: Whether at least one ground holds.
    """

    member_id: str
    grounds: tuple[tuple[RemovalGround, Decision[bool]], ...]
    removable: bool

    def holding(self) -> tuple[RemovalGround, ...]:
        """The grounds that hold."""
        return tuple(g for g, d in self.grounds if d.value)


def assess_removal(
    scheme: RemovalScheme,
    rulebook: Rulebook,
    calendar: WorkCalendar,
    *,
    member: Member,
    on: _dt.date,
    three_month_findings: Iterable[Explanation] = (),
    education: Education | None = None,
    standing_violation_years: Iterable[int] | None = None,
    deserved_form: str | None = None,
) -> Decision[RemovalAssessment]:
    """The grounds for removing ``member`` from the roll on ``on``.

    Args:
        scheme: The removal scheme.
        rulebook: Where the parameters are read.
        calendar: How periods are counted.
        member: The member.
        on: The day of the step.
        three_month_findings: The rules engine's findings (explanations) for the member.
        education: The cell's education of the member, if it listed them.
        standing_violation_years: Years the host found the member violated member standards; None when
            the host has not judged this ground.
        deserved_form: The sanction the member's violation deserves, if one was concluded.

    Raises:
        ExpulsionRequired: a full member who deserves expulsion; the error carries the explanation.
        UnknownReference: the member is not on the roll on ``on``.
    """
    day = day_of(on, "on")
    status = member.status_at(day)
    if deserved_form == scheme.expulsion_form and status is MemberStatus.FULL:
        basis = basis_at(scheme.bases, day, scheme.rule_id)
        explanation = _explanation(
            f"{scheme.rule_id}.not_instead_of_expulsion",
            "membership.removal.expulsion_required",
            day,
            args={"member": member.id, "form": deserved_form, "basis_status": basis.status.value},
            inputs={"status": status.value},
            citations=basis.citations,
            bases=[basis],
        )
        raise ExpulsionRequired(
            "deserved_form",
            deserved_form,
            f"member {member.id} is a full member who deserves expulsion: expel, do not strike off",
            rule=f"{scheme.rule_id}.not_instead_of_expulsion",
            explanation=explanation,
        )
    judged: list[tuple[RemovalGround, Decision[bool]]] = [
        (
            RemovalGround.THREE_MONTH_RULE,
            three_month_ground(scheme, member.id, three_month_findings, on=day),
        )
    ]
    if education is not None:
        judged.append(
            (
                RemovalGround.NO_PROGRESS_AFTER_EDUCATION,
                no_progress_ground(scheme, rulebook, calendar, education, on=day),
            )
        )
    if standing_violation_years is not None:
        judged.append(
            (
                RemovalGround.STANDING_VIOLATION,
                standing_violation_ground(scheme, rulebook, standing_violation_years, on=day),
            )
        )
    assessment = RemovalAssessment(member.id, tuple(judged), any(d.value for _, d in judged))
    params = tuple(dict.fromkeys(p for _, d in judged for p in d.explanation.params))
    holding = assessment.holding()
    explanation = _explanation(
        scheme.rule_id,
        "membership.removal." + ("grounds_hold" if holding else "no_ground"),
        day,
        params,
        args={"member": member.id, "grounds": joined(g.value for g in holding)},
        inputs={"status": status.value, "judged": joined(g.value for g, _ in judged)},
        evidence=dict.fromkeys(e for _, d in judged for e in d.explanation.evidence),
        citations=dict.fromkeys(c for _, d in judged for c in d.explanation.citations),
    )
    return Decision(assessment, explanation)
