"""After a sanction: how long it is in force, what it bars, and the complaint against it.

**Effect.** A sanction that lapses stops being in force after the period a parameter gives, counted from
its announcement, or from the decision on a complaint against it. A new violation within that period stops
the automatic lapse. Forms that do not lapse (expulsion, dissolution) stay. While a complaint is pending the
sanction stays in force. Periods are counted with the Civil Code rules of
:meth:`~kiemtra._calendar.WorkCalendar.add`; the last day it gives is the last day in force.

**Bars.** Each form may bar the member from appointment or election for a period from its announcement;
every bar is a parameter, read on the day of the announcement. A bar whose parameter has no value on that
day is not invented: the result lists its key as not in force.

**Complaints.** The window runs from the event the rulebook's CHOICE parameter names (the announcement or
the receipt of the decision) for the period its DURATION parameter gives, both read on the day of the
announcement. A complaint sent on the last day of the window is in time. The time to resolve a complaint is
a deadline from its receipt, with the status of the value it rests on.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Mapping

import attrs
import pendulum

from kiemtra._calendar import Deadline, WorkCalendar
from kiemtra._errors import InvalidInput, InvalidPeriod, NotInForce, UnknownReference
from kiemtra._rules._explanation import Explanation, GoverningDate, Scalar
from kiemtra._rules._param import ParamUse, Status
from kiemtra._rules._rulebook import Rulebook
from kiemtra._sanctions._forms import (
    Basis,
    Decision,
    FormScheme,
    basis_at,
    day_of,
    duration_of,
    joined,
    version_of,
)
from kiemtra._time import Duration
from kiemtra._util import to_tuple

__all__ = [
    "Bar",
    "BarKind",
    "ComplaintOutcome",
    "ComplaintRecord",
    "ComplaintScheme",
    "EffectScheme",
    "EffectState",
    "SanctionEffect",
    "TimeLimit",
    "WindowStart",
    "bars",
    "complaint_in_time",
    "complaint_window",
    "resolution_deadline",
    "sanction_effect",
]


class BarKind(enum.Enum):
    """What a sanction bars for a while."""

    APPOINTMENT = "appointment"
    """No planning for, or appointment to, a higher post."""
    ELECTION_OR_EQUAL_POST = "election_or_equal_post"
    """No election to a committee, no appointment to an equal or higher post (after removal from post)."""


@attrs.frozen
class EffectScheme:
    """How a rulebook times the effect of sanctions.

    Args:
        lapse_key: The DURATION parameter after which a sanction that lapses is no longer in force.
        pending_bases: The basis of "in force while a complaint is pending", by period.
        bars: ``form code -> ((kind, DURATION parameter key), ...)``: what each form bars, and how long.
        rule_id: The rule id of the effect.
        bars_rule_id: The rule id of the bars.
    """

    lapse_key: str
    pending_bases: tuple[Basis, ...] = attrs.field(converter=to_tuple)
    bars: Mapping[str, tuple[tuple[BarKind, str], ...]] = attrs.field(factory=dict)
    rule_id: str = "sanction.effect"
    bars_rule_id: str = "sanction.bars"


class ComplaintOutcome(enum.Enum):
    """What the body resolving a complaint decided about the sanction."""

    UPHELD = "upheld"
    CHANGED = "changed"
    """Replaced by another form; pass the new form as the sanction's form."""
    ANNULLED = "annulled"


def _filed(value: _dt.date) -> pendulum.Date:
    return day_of(value, "ComplaintRecord.filed_on")


def _decided(value: _dt.date | None) -> pendulum.Date | None:
    return None if value is None else day_of(value, "ComplaintRecord.decided_on")


@attrs.frozen
class ComplaintRecord:
    """A complaint against a sanction.

    Args:
        filed_on: The day it was sent.
        decided_on: The day it was decided, once it was.
        outcome: The decision, once made.

    Raises:
        InvalidInput: decided without an outcome, or an outcome without a decision date.
        InvalidPeriod: decided before it was filed.
    """

    filed_on: pendulum.Date = attrs.field(converter=_filed)
    decided_on: pendulum.Date | None = attrs.field(default=None, converter=_decided)
    outcome: ComplaintOutcome | None = None

    def __attrs_post_init__(self) -> None:
        if (self.decided_on is None) != (self.outcome is None):
            raise InvalidInput(
                "ComplaintRecord.outcome",
                self.outcome,
                "a decided complaint has a date and an outcome",
            )
        if self.decided_on is not None and self.decided_on < self.filed_on:
            raise InvalidPeriod(
                "ComplaintRecord.decided_on", self.decided_on, "before it was filed"
            )

    def pending_on(self, day: pendulum.Date) -> bool:
        """Whether the complaint is filed and not yet decided on ``day``."""
        return self.filed_on <= day and (self.decided_on is None or day < self.decided_on)


class EffectState(enum.Enum):
    """Whether a sanction is in force on a day."""

    IN_FORCE = "in_force"
    LAPSED = "lapsed"
    ANNULLED = "annulled"


@attrs.frozen
class SanctionEffect:
    """A sanction's effect on a day.

    Attributes:
        state: In force, lapsed or annulled on the day asked.
        lapses: Whether the form lapses at all.
        counted_from: The day the effect period counts from (announcement or complaint decision), if
            it is counting.
        in_force_until: The last day in force; None when it does not lapse, or not yet known (a
            complaint pending, a new violation).
        complaint_pending: Whether a complaint is pending on the day asked.
        new_violation_on: A new violation within the effect period that stopped the automatic lapse.
    """

    state: EffectState
    lapses: bool
    counted_from: pendulum.Date | None
    in_force_until: pendulum.Date | None
    complaint_pending: bool
    new_violation_on: pendulum.Date | None


def sanction_effect(
    scheme: EffectScheme,
    forms: FormScheme,
    rulebook: Rulebook,
    calendar: WorkCalendar,
    *,
    form: str,
    announced_on: _dt.date,
    on: _dt.date,
    complaint: ComplaintRecord | None = None,
    new_violation_on: _dt.date | None = None,
) -> Decision[SanctionEffect]:
    """Whether a sanction of ``form`` announced on ``announced_on`` is in force on ``on``.

    Raises:
        UnknownReference: no such form.
        InvalidPeriod: ``on`` or the complaint comes before the announcement.
        NotInForce: no effect period in force on the day the period counts from.
    """
    announced = day_of(announced_on, "announced_on")
    day = day_of(on, "on")
    found = forms.form(form)
    new = None if new_violation_on is None else day_of(new_violation_on, "new_violation_on")
    if day < announced:
        raise InvalidPeriod("on", day, "before the announcement")
    if complaint is not None and complaint.filed_on < announced:
        raise InvalidPeriod("complaint.filed_on", complaint.filed_on, "before the announcement")
    pending = complaint is not None and complaint.pending_on(day)
    decided = (
        complaint is not None and complaint.decided_on is not None and complaint.decided_on <= day
    )
    params: list[ParamUse] = []
    bases: list[Basis] = []
    counted_from: pendulum.Date | None = None
    until: pendulum.Date | None = None
    stopped: pendulum.Date | None = None

    if pending:
        bases.append(basis_at(scheme.pending_bases, day, f"{scheme.rule_id}.pending"))
        state, key = EffectState.IN_FORCE, "sanction.effect.complaint_pending"
    elif decided and complaint is not None and complaint.outcome is ComplaintOutcome.ANNULLED:
        state, key = EffectState.ANNULLED, "sanction.effect.annulled"
    elif not found.lapses:
        state, key = EffectState.IN_FORCE, "sanction.effect.permanent"
    else:
        counted_from = complaint.decided_on if decided and complaint is not None else announced
        assert counted_from is not None
        use = rulebook.use(scheme.lapse_key, counted_from)
        params.append(use)
        until = calendar.add(counted_from, duration_of(use))
        if new is not None and counted_from < new <= until:
            stopped, until = new, None
            state, key = EffectState.IN_FORCE, "sanction.effect.new_violation"
        elif day <= until:
            state, key = EffectState.IN_FORCE, "sanction.effect.in_force"
        else:
            state, key = EffectState.LAPSED, "sanction.effect.lapsed"
    result = SanctionEffect(state, found.lapses, counted_from, until, pending, stopped)
    citations = tuple(c for b in bases for c in b.citations)
    explanation = Explanation(
        scheme.rule_id,
        version_of(params, bases),
        key,
        args={"form": found.code, "counted_from": counted_from, "in_force_until": until},
        params=params,
        inputs={
            "announced_on": announced,
            "on": day,
            "complaint_filed_on": None if complaint is None else complaint.filed_on,
            "complaint_decided_on": None if complaint is None else complaint.decided_on,
            "complaint_outcome": None
            if complaint is None or complaint.outcome is None
            else complaint.outcome.value,
            "new_violation_on": new,
        },
        thresholds={"in_force_until": until},
        citations=citations,
        governs=GoverningDate.STEP,
        governing_date=counted_from or day,
    )
    return Decision(result, explanation)


@attrs.frozen
class Bar:
    """A bar a sanction imposes.

    Attributes:
        kind: What it bars.
        form: The form that imposes it.
        start: The day it counts from (the announcement).
        period: How long it lasts.
        until: The last day barred.
        param: The parameter it rests on, with its citation and status.
    """

    kind: BarKind
    form: str
    start: pendulum.Date
    period: Duration
    until: pendulum.Date
    param: ParamUse

    def bars_on(self, day: _dt.date) -> bool:
        """Whether ``day`` is barred."""
        return self.start <= day_of(day, "day") <= self.until


def bars(
    scheme: EffectScheme,
    forms: FormScheme,
    rulebook: Rulebook,
    calendar: WorkCalendar,
    *,
    form: str,
    announced_on: _dt.date,
) -> Decision[tuple[Bar, ...]]:
    """The bars a sanction of ``form`` announced on ``announced_on`` imposes.

    A bar whose parameter has no value on the announcement day (a text the rulebook does not encode) is
    left out, and its key is listed in the explanation's ``not_in_force`` input.

    Raises:
        UnknownReference: no such form.
    """
    announced = day_of(announced_on, "announced_on")
    found = forms.form(form)
    out: list[Bar] = []
    missing: list[str] = []
    for kind, key in scheme.bars.get(found.code, ()):
        try:
            use = rulebook.use(key, announced)
        except NotInForce:
            missing.append(key)
            continue
        period = duration_of(use)
        out.append(Bar(kind, found.code, announced, period, calendar.add(announced, period), use))
    params = [b.param for b in out]
    thresholds: dict[str, Scalar] = {f"until_{b.kind.value}": b.until for b in out}
    explanation = Explanation(
        scheme.bars_rule_id,
        version_of(params),
        "sanction.bars.some" if out else "sanction.bars.none",
        args={
            "form": found.code,
            "bars": joined(f"{b.kind.value}:{b.until.isoformat()}" for b in out),
        },
        params=params,
        inputs={"announced_on": announced, "not_in_force": joined(missing)},
        thresholds=thresholds,
        governs=GoverningDate.STEP,
        governing_date=announced,
    )
    return Decision(tuple(out), explanation)


# -- complaints --------------------------------------------------------------------------------------------


class WindowStart(enum.Enum):
    """The event the complaint window runs from (the values of the rulebook's CHOICE parameter)."""

    ANNOUNCED = "announced"
    RECEIVED = "received"


@attrs.frozen
class ComplaintScheme:
    """How a rulebook times complaints against sanctions.

    Args:
        window_key: The DURATION parameter: how long the subject has to complain.
        start_key: The CHOICE parameter: :class:`WindowStart` values.
        resolution_keys: ``level -> DURATION parameter``: time to resolve a complaint at each level.
        rule_id: The rule id of the window.
        resolution_rule_id: The rule id of the resolution time limit.
    """

    window_key: str
    start_key: str
    resolution_keys: Mapping[str, str] = attrs.field(factory=dict)
    rule_id: str = "complaint.window"
    resolution_rule_id: str = "complaint.resolution"


def _window(
    scheme: ComplaintScheme,
    rulebook: Rulebook,
    calendar: WorkCalendar,
    announced: pendulum.Date,
    received: pendulum.Date | None,
) -> tuple[Deadline, WindowStart, list[ParamUse]]:
    start_use = rulebook.use(scheme.start_key, announced)
    window_use = rulebook.use(scheme.window_key, announced)
    start_event = WindowStart(start_use.value)
    if start_event is WindowStart.RECEIVED:
        if received is None:
            raise InvalidInput(
                "received_on",
                None,
                f"the window runs from receipt of the decision on {announced.isoformat()}",
                rule=scheme.start_key,
            )
        start = received
    else:
        start = announced
    citation = "; ".join(str(c) for c in window_use.citations) or None
    deadline = calendar.deadline(start, duration_of(window_use), scheme.window_key, citation)
    return deadline, start_event, [start_use, window_use]


def _window_inputs(announced: pendulum.Date, received: pendulum.Date | None) -> dict[str, Scalar]:
    return {"announced_on": announced, "received_on": received}


def _received(announced: pendulum.Date, received_on: _dt.date | None) -> pendulum.Date | None:
    if received_on is None:
        return None
    received = day_of(received_on, "received_on")
    if received < announced:
        raise InvalidPeriod("received_on", received, "before the announcement")
    return received


def complaint_window(
    scheme: ComplaintScheme,
    rulebook: Rulebook,
    calendar: WorkCalendar,
    *,
    announced_on: _dt.date,
    received_on: _dt.date | None = None,
) -> Decision[Deadline]:
    """The last day to complain against a decision announced on ``announced_on``.

    Raises:
        InvalidInput: the window runs from receipt and ``received_on`` is not given.
        InvalidPeriod: received before it was announced.
        NotInForce: no window in force on the announcement day.
    """
    announced = day_of(announced_on, "announced_on")
    received = _received(announced, received_on)
    deadline, start_event, params = _window(scheme, rulebook, calendar, announced, received)
    explanation = Explanation(
        scheme.rule_id,
        version_of(params),
        "complaint.window.due",
        args={"start_event": start_event.value, "start": deadline.start, "due": deadline.due},
        params=params,
        inputs=_window_inputs(announced, received),
        thresholds={"window": deadline.period, "due": deadline.due},
        governs=GoverningDate.STEP,
        governing_date=announced,
    )
    return Decision(deadline, explanation)


def complaint_in_time(
    scheme: ComplaintScheme,
    rulebook: Rulebook,
    calendar: WorkCalendar,
    *,
    announced_on: _dt.date,
    filed_on: _dt.date,
    received_on: _dt.date | None = None,
) -> Decision[bool]:
    """Whether a complaint sent on ``filed_on`` against a decision announced on ``announced_on`` is in
    time; the last day of the window is.

    Raises:
        InvalidInput: the window runs from receipt and ``received_on`` is not given.
        InvalidPeriod: received or filed before the announcement.
        NotInForce: no window in force on the announcement day.
    """
    announced = day_of(announced_on, "announced_on")
    filed = day_of(filed_on, "filed_on")
    if filed < announced:
        raise InvalidPeriod("filed_on", filed, "before the announcement")
    received = _received(announced, received_on)
    deadline, start_event, params = _window(scheme, rulebook, calendar, announced, received)
    in_time = not deadline.is_overdue(filed)
    inputs = _window_inputs(announced, received)
    inputs["filed_on"] = filed
    explanation = Explanation(
        scheme.rule_id,
        version_of(params),
        "complaint.window.in_time" if in_time else "complaint.window.late",
        args={"start_event": start_event.value, "start": deadline.start},
        params=params,
        inputs=inputs,
        thresholds={"window": deadline.period, "due": deadline.due},
        governs=GoverningDate.STEP,
        governing_date=announced,
    )
    return Decision(in_time, explanation)


@attrs.frozen
class TimeLimit:
    """A time limit as a deadline, with the status of the value it rests on.

    Attributes:
        deadline: The deadline.
        status: How sure the rulebook is of the period.
    """

    deadline: Deadline
    status: Status


def resolution_deadline(
    scheme: ComplaintScheme,
    rulebook: Rulebook,
    calendar: WorkCalendar,
    *,
    level: str,
    received_on: _dt.date,
) -> Decision[TimeLimit]:
    """The deadline to resolve a complaint received on ``received_on`` at ``level``.

    Raises:
        UnknownReference: the scheme has no time limit for ``level``.
        NotInForce: no time limit in force on the day of receipt.
    """
    received = day_of(received_on, "received_on")
    key = scheme.resolution_keys.get(level)
    if key is None:
        raise UnknownReference(
            "level", level, f"no time limit (levels: {joined(sorted(scheme.resolution_keys))})"
        )
    use = rulebook.use(key, received)
    citation = "; ".join(str(c) for c in use.citations) or None
    deadline = calendar.deadline(received, duration_of(use), key, citation)
    explanation = Explanation(
        scheme.resolution_rule_id,
        version_of([use]),
        "complaint.resolution.due",
        args={"level": level, "due": deadline.due, "status": use.status.value},
        params=[use],
        inputs={"received_on": received},
        thresholds={"period": deadline.period, "due": deadline.due},
        governs=GoverningDate.STEP,
        governing_date=received,
    )
    return Decision(TimeLimit(deadline, use.status), explanation)
