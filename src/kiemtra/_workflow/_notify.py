"""Which steps produce notifications, for whom, and when deadline reminders fall: data a rulebook supplies.

:class:`Notifications` tells the engine which moves write a :class:`~kiemtra._store._outbox.Notice` into
the outbox in the same unit of work as their event (a complaint or denunciation received, a decision to
announce), and how the reminder job (:meth:`kiemtra.Engine.remind`) warns of deadlines: lead times in
working days, and a notice once a deadline has passed.

Recipients are audiences as in :mod:`kiemtra._workflow._visibility` (``party:<part>``, ``party:*``,
``people:<part>``, ``subject``, ``subject_org``), resolved against the case when the notice is written: one
notice per recipient, so no recipient learns who else was told.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from typing import Any, Final

import attrs
import pendulum

from kiemtra._calendar import WorkCalendar
from kiemtra._errors import InvalidInput
from kiemtra._store._outbox import Notice
from kiemtra._util import to_tuple
from kiemtra._workflow._case import Case, Event

__all__ = [
    "NoticeRule",
    "Notifications",
    "Reminders",
    "event_notices",
    "horizon",
    "recipients",
    "reminder_notices",
]

_RECIPIENT: Final = re.compile(r"(?:party|people):(?:\*|[A-Za-z0-9_.-]+)|subject|subject_org")


def _check_recipients(_instance: object, attribute: Any, value: tuple[str, ...]) -> None:
    for item in value:
        given: object = item
        if not isinstance(given, str) or not _RECIPIENT.fullmatch(given):
            raise InvalidInput(
                f"{attribute.name}",
                item,
                "expected party:<part>, people:<part>, subject or subject_org",
            )


def _check_kind(_instance: object, _attribute: object, value: str) -> None:
    if value not in ("received", "decision"):
        raise InvalidInput("NoticeRule.kind", value, "a step notifies 'received' or 'decision'")


def _check_leads(_instance: object, _attribute: object, value: tuple[int, ...]) -> None:
    if any(type(n) is not int or n < 0 for n in value) or len(set(value)) != len(value):
        raise InvalidInput(
            "Reminders.leads", value, "distinct whole numbers of working days, 0 or more"
        )


@attrs.frozen
class NoticeRule:
    """Steps that produce a notice.

    Args:
        kind: ``"received"`` (a complaint or denunciation received) or ``"decision"`` (a decision to
            announce).
        triggers: The moves; ``"open"`` is the opening of a case and ``"extend"`` an extension.
        to: Who is told, as audiences.
        procedures: The procedures the rule covers; empty means every procedure.

    Raises:
        InvalidInput: an unknown kind or recipient form.
    """

    kind: str = attrs.field(validator=_check_kind)
    triggers: tuple[str, ...] = attrs.field(converter=to_tuple)
    to: tuple[str, ...] = attrs.field(converter=to_tuple, validator=_check_recipients)
    procedures: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)


@attrs.frozen
class Reminders:
    """When the reminder job warns of deadlines.

    On a working day, a case whose deadline is ``n`` working days away or fewer gets one notice for the
    smallest lead time of at least ``n``: with leads ``(5, 1)``, one notice when five working days or
    fewer are left, and another on the last working day before the deadline. A deadline that has passed
    gets one ``deadline_overdue`` notice. Each notice is written once per deadline (its key names the
    case, the step that set the deadline, the due day and the lead), however often the job runs; an
    extension is a new deadline and is reminded again.

    Args:
        leads: Lead times in working days.
        overdue: Whether to write a notice once a deadline has passed.
        to: Who is told, as audiences.
        procedures: The procedures covered; empty means every procedure.
        working_days_only: Whether the job writes nothing on a day off (the next working day catches up).
    """

    leads: tuple[int, ...] = attrs.field(default=(5, 1), converter=to_tuple, validator=_check_leads)
    overdue: bool = True
    to: tuple[str, ...] = attrs.field(
        default=("party:*",), converter=to_tuple, validator=_check_recipients
    )
    procedures: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    working_days_only: bool = True

    def covers(self, procedure: str) -> bool:
        """Whether cases of ``procedure`` are reminded."""
        return not self.procedures or procedure in self.procedures


@attrs.frozen
class Notifications:
    """The notifications of a rulebook: the steps that notify, and the reminders.

    Args:
        rules: Steps that produce notices.
        reminders: Deadline reminders; None for none.
    """

    rules: tuple[NoticeRule, ...] = attrs.field(default=(), converter=to_tuple)
    reminders: Reminders | None = attrs.field(factory=Reminders)

    def by_trigger(self, procedure: str) -> dict[str, tuple[NoticeRule, ...]]:
        """The rules of ``procedure`` by trigger (only triggers that notify are keys)."""
        out: dict[str, tuple[NoticeRule, ...]] = {}
        for rule in self.rules:
            if rule.procedures and procedure not in rule.procedures:
                continue
            for trigger in rule.triggers:
                out[trigger] = (*out.get(trigger, ()), rule)
        return out


def recipients(case: Case, audiences: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """The recipients ``audiences`` name on ``case``, each once, in order."""
    found: dict[tuple[str, str], None] = {}
    for audience in audiences:
        if audience.startswith("party:"):
            part = audience[6:]
            for p, body in case.parties:
                if part in ("*", p):
                    found[("body", str(body))] = None
        elif audience.startswith("people:"):
            part = audience[7:]
            for p, who in case.people:
                if part in ("*", p):
                    found[("person", who)] = None
        elif audience == "subject":
            kind = {"member": "member", "organisation": "organisation"}.get(
                case.subject.kind, "other"
            )
            found[(kind, case.subject.id)] = None
        elif audience == "subject_org":
            org = case.subject.id if case.subject.kind == "organisation" else case.subject.org_id
            if org is not None:
                found[("organisation", org)] = None
    return tuple(found)


def event_notices(rules: Iterable[NoticeRule], case: Case, event: Event) -> list[Notice]:
    """The notices ``event`` produces under ``rules`` (``case`` is the snapshot it left)."""
    trigger = event.trigger if event.trigger is not None else event.kind
    out = []
    for rule in rules:
        for kind, who in recipients(case, rule.to):
            out.append(
                Notice(
                    f"{rule.kind}/{case.id}/{event.seq}/{kind}:{who}",
                    rule.kind,
                    case.id,
                    case.procedure,
                    event.seq,
                    (kind, who),
                    event.at,
                    trigger,
                    event.target,
                    event.due,
                )
            )
    return out


def horizon(reminders: Reminders, day: _dt.date, calendar: WorkCalendar) -> pendulum.Date:
    """The ``due_before`` a reminder run asks the store for: the day after the longest lead."""
    furthest = calendar.add_working_days(day, max(reminders.leads, default=0))
    return furthest.add(days=1)


def reminder_notices(
    reminders: Reminders,
    cases: Iterable[Case],
    at: pendulum.DateTime,
    day: pendulum.Date,
    calendar: WorkCalendar,
) -> list[Notice]:
    """The reminders due on ``day`` for ``cases`` (those a store lists with a deadline before the horizon).

    Args:
        reminders: The configuration.
        cases: The cases to look at.
        at: The instant of the run (written in each notice).
        day: The day of the run.
        calendar: The working days.
    """
    if reminders.working_days_only and not calendar.is_working_day(day):
        return []
    out: list[Notice] = []
    leads = sorted(reminders.leads)
    for case in cases:
        deadline = case.deadline
        if deadline is None or not reminders.covers(case.procedure):
            continue
        due = deadline.due
        if day > due:
            if not reminders.overdue:
                continue
            kind, lead, tag = "deadline_overdue", None, f"{due.isoformat()}"
        else:
            left = calendar.working_days_between(day, due)
            band = next((n for n in leads if n >= left), None)
            if band is None:
                continue
            kind, lead, tag = "deadline_approaching", band, f"{due.isoformat()}/{band}"
        for rkind, who in recipients(case, reminders.to):
            out.append(
                Notice(
                    f"{kind}/{case.id}/{case.seq}/{tag}/{rkind}:{who}",
                    kind,
                    case.id,
                    case.procedure,
                    case.seq,
                    (rkind, who),
                    at,
                    None,
                    case.state,
                    due,
                    lead,
                )
            )
    return out
