"""Before a sanction is considered: deferral, and the limitation period.

**Deferral.** Consideration waits while the member is pregnant, nurses a child under the age a parameter
gives, or is seriously ill in hospital. The age is an age, counted on the calendar (a child born on 10 March
is 12 months old on the next 10 March); the parameter in force on the day of the step applies.

**Limitation.** The period runs from the violation, or from its end if it continued, until the end point
the rulebook names (the decision to inspect, or the conclusion that the violation warrants discipline). A
new violation committed while the period runs restarts it from the new violation. The period is counted
with the Civil Code rules of :meth:`~kiemtra._calendar.WorkCalendar.add`: the start day is not counted, a
period in years ends on the same day-number (or the month's last day), and a last day that is a day off
moves to the next working day. The end point may fall on that last day and still be in time.

Which date governs: the length of the period is the one in force on the violation's last day (the newer
one when the parameter declares a favourable direction and the newer value is so, see
:meth:`~kiemtra.Rulebook.use_favourable`). When the rulebook has no value for that day (a violation older
than the first text it encodes), the value in force on the end point is read instead, and the explanation
says so (``value_read_on``). Which end point applies is read on the day of the decision to inspect: the
day the case opened, whose procedure it keeps.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Mapping, Sequence

import attrs
import pendulum

from kiemtra._calendar import WorkCalendar
from kiemtra._errors import (
    DefinitionError,
    InvalidInput,
    InvalidPeriod,
    NotInForce,
    UnknownReference,
)
from kiemtra._rules._explanation import Explanation, GoverningDate, Scalar
from kiemtra._rules._param import Citation, ParamUse
from kiemtra._rules._rulebook import Rulebook
from kiemtra._sanctions._forms import (
    Basis,
    Decision,
    SanctionSubject,
    basis_at,
    day_of,
    duration_of,
    group_bases,
    joined,
    version_of,
)
from kiemtra._time import DateRange, Duration, TimeUnit
from kiemtra._util import to_tuple

__all__ = [
    "DeferralGround",
    "DeferralResult",
    "DeferralScheme",
    "EndPoint",
    "LimitationResult",
    "LimitationScheme",
    "LimitationState",
    "PersonalSituation",
    "UnlimitedKind",
    "Violation",
    "deferral",
    "limitation",
]


# -- deferral ----------------------------------------------------------------------------------------------


class DeferralGround(enum.Enum):
    """Why consideration of a sanction waits."""

    PREGNANT = "pregnant"
    NURSING_CHILD = "nursing_child"
    SERIOUSLY_ILL_IN_HOSPITAL = "seriously_ill_in_hospital"


def _ranges(values: Iterable[DateRange], field: str) -> tuple[DateRange, ...]:
    out = tuple(values)
    for i, v in enumerate(out):
        if not isinstance(v, DateRange):
            raise InvalidInput(f"{field}[{i}]", v, "expected a DateRange")
    return out


def _pregnancies(values: Iterable[DateRange]) -> tuple[DateRange, ...]:
    return _ranges(values, "pregnancies")


def _stays(values: Iterable[DateRange]) -> tuple[DateRange, ...]:
    return _ranges(values, "hospital_stays")


def _births(values: Iterable[_dt.date]) -> tuple[pendulum.Date, ...]:
    return tuple(day_of(v, f"children_born[{i}]") for i, v in enumerate(values))


def _committed(value: _dt.date) -> pendulum.Date:
    return day_of(value, "Violation.committed_on")


def _ended(value: _dt.date | None) -> pendulum.Date | None:
    return None if value is None else day_of(value, "Violation.ended_on")


@attrs.frozen
class PersonalSituation:
    """What a member's file shows about the grounds for deferral.

    Args:
        pregnancies: Periods of pregnancy (end: the day after birth or the end; None while pregnant).
        children_born: Birth dates of the children the member nurses.
        hospital_stays: Periods in hospital with a serious illness (None end: still there).
    """

    pregnancies: tuple[DateRange, ...] = attrs.field(default=(), converter=_pregnancies)
    children_born: tuple[pendulum.Date, ...] = attrs.field(default=(), converter=_births)
    hospital_stays: tuple[DateRange, ...] = attrs.field(default=(), converter=_stays)


@attrs.frozen
class DeferralScheme:
    """How a rulebook defers consideration.

    Args:
        child_age_key: The DURATION parameter: a nursed child younger than this defers. The rule is in
            force exactly when this parameter is.
        rule_id: The rule id explanations carry.
    """

    child_age_key: str
    rule_id: str = "sanction.deferral"


@attrs.frozen
class DeferralResult:
    """Whether consideration must wait on a day.

    Attributes:
        deferred: Whether it must wait.
        grounds: The grounds that hold on the day.
        until: The first day on which none of those grounds holds any more, as far as the situation
            shows; None when a ground has no known end (or nothing defers).
    """

    deferred: bool
    grounds: tuple[DeferralGround, ...]
    until: pendulum.Date | None


def add_plain(day: pendulum.Date, duration: Duration, field: str) -> pendulum.Date:
    """``day`` plus ``duration`` on the calendar (an age, not a deadline: no day is moved).

    Raises:
        DefinitionError: a duration in working days.
    """
    if duration.unit is TimeUnit.MONTHS:
        return day.add(months=duration.amount)
    if duration.unit is TimeUnit.YEARS:
        return day.add(years=duration.amount)
    if duration.unit is TimeUnit.CALENDAR_DAYS:
        return day.add(days=duration.amount)
    raise DefinitionError(field, [f"an age cannot be counted in {duration.unit.value}"])


def deferral(
    scheme: DeferralScheme,
    rulebook: Rulebook,
    situation: PersonalSituation,
    *,
    on: _dt.date,
) -> Decision[DeferralResult]:
    """Whether consideration of a sanction must be deferred on ``on``, the day of the step.

    Raises:
        NotInForce: the rulebook has no deferral rule on ``on``.
    """
    day = day_of(on, "on")
    age = rulebook.use(scheme.child_age_key, day)
    limit = duration_of(age)
    grounds: list[DeferralGround] = []
    ends: list[pendulum.Date | None] = []
    for r in situation.pregnancies:
        if day in r:
            grounds.append(DeferralGround.PREGNANT)
            ends.append(r.end)
            break
    young = [
        b for b in situation.children_born if b <= day < add_plain(b, limit, scheme.child_age_key)
    ]
    if young:
        grounds.append(DeferralGround.NURSING_CHILD)
        ends.append(max(add_plain(b, limit, scheme.child_age_key) for b in young))
    for r in situation.hospital_stays:
        if day in r:
            grounds.append(DeferralGround.SERIOUSLY_ILL_IN_HOSPITAL)
            ends.append(r.end)
            break
    known = [e for e in ends if e is not None]
    until = max(known) if grounds and len(known) == len(ends) else None
    result = DeferralResult(bool(grounds), tuple(grounds), until)
    explanation = Explanation(
        scheme.rule_id,
        version_of([age]),
        "sanction.deferral.deferred" if grounds else "sanction.deferral.not_deferred",
        args={"grounds": joined(g.value for g in grounds), "until": until},
        params=[age],
        inputs={
            "pregnant": DeferralGround.PREGNANT in grounds,
            "youngest_child_born": max(situation.children_born, default=None),
            "in_hospital": DeferralGround.SERIOUSLY_ILL_IN_HOSPITAL in grounds,
        },
        thresholds={"child_age": limit},
        citations=age.citations,
        governs=GoverningDate.STEP,
        governing_date=day,
    )
    return Decision(result, explanation)


# -- limitation --------------------------------------------------------------------------------------------


class EndPoint(enum.Enum):
    """Where the limitation period stops running (the values of the rulebook's CHOICE parameter)."""

    DECISION_TO_INSPECT = "decision_to_inspect"
    CONCLUSION = "conclusion"


class LimitationState(enum.Enum):
    """Where a violation stands with its limitation period."""

    UNLIMITED = "unlimited"
    """No limitation period applies."""
    RUNNING = "running"
    """The end point has not been reached and the period has not run out."""
    IN_TIME = "in_time"
    """The end point fell within the period."""
    EXPIRED = "expired"
    """The period ran out before the end point: the violation can no longer be disciplined."""


def _kinds(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


@attrs.frozen
class Violation:
    """A violation as the limitation rules see it.

    Args:
        subject: Who committed it.
        level: The form of sanction it warrants (its "level": reprimand level, warning level...).
        committed_on: When it was committed (or began, if it continued).
        ended_on: For a continuing violation, the day it ended; None for a single act.
        kinds: The rulebook's kinds it falls under (internal politics...), which may lift the period.

    Raises:
        InvalidPeriod: it ended before it began.
    """

    subject: SanctionSubject = attrs.field(validator=attrs.validators.instance_of(SanctionSubject))
    level: str = attrs.field(converter=str)
    committed_on: pendulum.Date = attrs.field(converter=_committed)
    ended_on: pendulum.Date | None = attrs.field(default=None, converter=_ended)
    kinds: tuple[str, ...] = attrs.field(default=(), converter=_kinds)

    def __attrs_post_init__(self) -> None:
        if self.ended_on is not None and self.ended_on < self.committed_on:
            raise InvalidPeriod("Violation.ended_on", self.ended_on, "before the violation began")

    @property
    def last_day(self) -> pendulum.Date:
        """The day the violation was last committed: where the clock starts and what governs."""
        return self.ended_on if self.ended_on is not None else self.committed_on


@attrs.frozen
class UnlimitedKind:
    """A kind of violation to which no limitation period applies.

    Args:
        code: A stable id.
        bases: ``group -> bases``: for members and/or organisations, its legal basis by period of the
            violation date. It applies to the groups named.
    """

    code: str = attrs.field(converter=str, validator=attrs.validators.min_len(1))
    bases: Mapping[str, tuple[Basis, ...]] = attrs.field(converter=group_bases)

    @property
    def groups(self) -> frozenset[str]:
        """Whom it applies to."""
        return frozenset(self.bases)


@attrs.frozen
class LimitationScheme:
    """How a rulebook limits the time to discipline.

    Args:
        periods: ``(group, level form) -> DURATION parameter key`` of the period.
        unlimited_levels: ``(group, level form) -> FLAG parameter key``: no period when the flag is true.
        unlimited_kinds: Kinds of violation with no period.
        ends_at_key: The CHOICE parameter naming the end point (:class:`EndPoint` values).
        rule_id: The rule id explanations carry.
    """

    periods: Mapping[tuple[str, str], str]
    unlimited_levels: Mapping[tuple[str, str], str]
    unlimited_kinds: tuple[UnlimitedKind, ...] = attrs.field(converter=to_tuple)
    ends_at_key: str
    rule_id: str = "sanction.limitation"

    def kind(self, code: str) -> UnlimitedKind:
        """The kind called ``code``.

        Raises:
            UnknownReference: no such kind.
        """
        for k in self.unlimited_kinds:
            if k.code == code:
                return k
        raise UnknownReference("kinds", code, "no such kind of violation")


@attrs.frozen
class LimitationResult:
    """A violation's limitation period and where it stands.

    Attributes:
        state: Unlimited, running, in time or expired.
        period: The period, or None when unlimited.
        clock_start: The day the period counts from (the violation's last day, or the last restart).
        restarted_by: The new violation that last restarted the clock, if any.
        expires_on: The last day on which the end point is in time; None when unlimited.
        end_point: Which event stops the clock.
        end_point_on: The day of that event, when it has happened.
        unlimited_by: What lifts the period: the level's flag key or a kind's code.
    """

    state: LimitationState
    period: Duration | None
    clock_start: pendulum.Date
    restarted_by: pendulum.Date | None
    expires_on: pendulum.Date | None
    end_point: EndPoint
    end_point_on: pendulum.Date | None
    unlimited_by: str | None


def _use_for_violation(
    rulebook: Rulebook, key: str, violation_day: pendulum.Date, later: pendulum.Date
) -> tuple[ParamUse, bool]:
    """The value for a violation, and whether it had to be read on ``later`` (none on the violation day)."""
    try:
        return rulebook.use_favourable(key, violation_day, later), False
    except NotInForce:
        return rulebook.use(key, later), True


def limitation(
    scheme: LimitationScheme,
    rulebook: Rulebook,
    calendar: WorkCalendar,
    violation: Violation,
    *,
    decided_to_inspect_on: _dt.date,
    concluded_on: _dt.date | None = None,
    new_violations: Sequence[_dt.date] = (),
    as_of: _dt.date | None = None,
) -> Decision[LimitationResult]:
    """The limitation period of ``violation`` and whether discipline is still in time.

    Args:
        scheme: The rulebook's limitation scheme.
        rulebook: Where the period, the flags and the end point are read.
        calendar: How the period is counted.
        violation: The violation.
        decided_to_inspect_on: The day of the decision to inspect (the case's opening step).
        concluded_on: The day the competent body concluded the violation warrants discipline, if it has.
        new_violations: Days of later violations by the same subject; one committed while the period
            runs restarts it.
        as_of: The day the question is asked, when the end point has not been reached: past the last day
            of the period, the violation is out of time whatever happens next.

    Raises:
        InvalidPeriod: the decision to inspect comes before the violation, or the conclusion before the
            decision.
        UnknownReference: a kind the scheme does not know.
        DefinitionError: the level has neither a period nor an unlimited flag in the scheme.
        NotInForce: the end point cannot be read on the day of the decision to inspect.
    """
    inspect_day = day_of(decided_to_inspect_on, "decided_to_inspect_on")
    concluded = None if concluded_on is None else day_of(concluded_on, "concluded_on")
    asked = None if as_of is None else day_of(as_of, "as_of")
    last = violation.last_day
    if inspect_day < violation.committed_on:
        raise InvalidPeriod("decided_to_inspect_on", inspect_day, "before the violation")
    if concluded is not None and concluded < inspect_day:
        raise InvalidPeriod("concluded_on", concluded, "before the decision to inspect")
    group = violation.subject.group

    ends_use = rulebook.use(scheme.ends_at_key, inspect_day)
    end_point = EndPoint(ends_use.value)
    end_day = inspect_day if end_point is EndPoint.DECISION_TO_INSPECT else concluded
    reference = end_day or asked or inspect_day
    params: list[ParamUse] = [ends_use]
    fallback = False
    bases: list[Basis] = []
    citations: list[Citation] = []

    unlimited_by: str | None = None
    flag_key = scheme.unlimited_levels.get((group, violation.level))
    if flag_key is not None:
        flag, fell_back = _use_for_violation(rulebook, flag_key, last, reference)
        fallback |= fell_back
        params.append(flag)
        if flag.value is True:
            unlimited_by = flag_key
    for code in violation.kinds:
        kind = scheme.kind(code)
        if group not in kind.groups:
            raise InvalidInput("kinds", code, f"not a kind of violation by a {group}")
        basis = basis_at(kind.bases[group], last, f"{scheme.rule_id}.{code}")
        bases.append(basis)
        citations.extend(c for c in basis.citations if c not in citations)
        if unlimited_by is None:
            unlimited_by = code

    period: Duration | None = None
    start = last
    restarted: pendulum.Date | None = None
    expires: pendulum.Date | None = None
    if unlimited_by is None:
        period_key = scheme.periods.get((group, violation.level))
        if period_key is None:
            raise DefinitionError(
                scheme.rule_id, [f"no limitation period for a {group} at level {violation.level!r}"]
            )
        use, fell_back = _use_for_violation(rulebook, period_key, last, reference)
        fallback |= fell_back
        params.append(use)
        period = duration_of(use)
        expires = calendar.add(start, period)
        for new in sorted(day_of(d, "new_violations") for d in new_violations):
            if end_day is not None and new > end_day:
                break
            if start < new <= expires:
                start, restarted = new, new
                expires = calendar.add(start, period)

    if expires is None:
        state = LimitationState.UNLIMITED
    elif end_day is not None:
        state = LimitationState.IN_TIME if end_day <= expires else LimitationState.EXPIRED
    elif asked is not None and asked > expires:
        state = LimitationState.EXPIRED
    else:
        state = LimitationState.RUNNING
    result = LimitationResult(
        state, period, start, restarted, expires, end_point, end_day, unlimited_by
    )

    inputs: dict[str, Scalar] = {
        "committed_on": violation.committed_on,
        "ended_on": violation.ended_on,
        "level": violation.level,
        "kinds": joined(violation.kinds),
        "decided_to_inspect_on": inspect_day,
        "concluded_on": concluded,
        "new_violations": joined(
            sorted(day_of(d, "new_violations").isoformat() for d in new_violations)
        ),
    }
    if asked is not None:
        inputs["as_of"] = asked
    if fallback:
        inputs["value_read_on"] = reference
    thresholds: dict[str, Scalar] = {"period": period, "expires_on": expires}
    explanation = Explanation(
        scheme.rule_id,
        version_of(params, bases),
        f"sanction.limitation.{state.value}",
        args={
            "subject": violation.subject.value,
            "clock_start": start,
            "restarted_by": restarted,
            "end_point": end_point.value,
            "end_point_on": end_day,
            "unlimited_by": unlimited_by,
            "fallback": fallback,
        },
        params=params,
        inputs=inputs,
        thresholds=thresholds,
        citations=citations,
        governs=GoverningDate.VIOLATION,
        governing_date=last,
    )
    return Decision(result, explanation)
