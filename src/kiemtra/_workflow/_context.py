"""What a guard sees when it checks a move."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from kiemtra._model._actor import Actor
from kiemtra._rules._param import ParamUse
from kiemtra._rules._rulebook import Rulebook
from kiemtra._workflow._case import Case
from kiemtra._workflow._definition import Move

if TYPE_CHECKING:
    from kiemtra._calendar import WorkCalendar

__all__ = ["GuardContext"]


@attrs.frozen
class GuardContext:
    """The case, the move, the actor and the time a guard checks, with the rulebook to read from.

    Args:
        case: The case as it is before the move.
        move: The move asked for.
        actor: Who asks.
        at: When.
        day: The day of ``at`` in the engine's zone: the date of the step.
        evidence: The evidence attached to the fire.
        rulebook: The rulebook, to read parameters in force on ``day``.
        calendar: The working-day calendar.
        version: The procedure version of the case.
    """

    case: Case
    move: Move
    actor: Actor
    at: pendulum.DateTime
    day: pendulum.Date
    evidence: tuple[Any, ...]
    rulebook: Rulebook
    calendar: WorkCalendar
    version: str

    def param(self, key: str) -> ParamUse:
        """The parameter ``key`` in force on the day of the step."""
        return self.rulebook.use(key, self.day)
