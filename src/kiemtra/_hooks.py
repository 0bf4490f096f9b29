"""Host hooks: typed subscribers to case events, run after the events are committed.

A host subscribes a callable that takes an :class:`~kiemtra.Event` (:meth:`kiemtra.Engine.subscribe`),
optionally only for some procedures or moves. The engine calls it once the unit of work that wrote the
event has committed, never before and never for a write that failed. A hook cannot corrupt or block the
store:

* it runs outside every transaction, after the write is final;
* whatever it raises is caught: the failure is *reported* (to the ``report`` callable, by default the
  ``kiemtra.hooks`` logger) and a message to retry it is written to the outbox (kind ``"hook"``); the
  caller of ``fire`` sees its event as usual;
* :meth:`kiemtra.Engine.retry_hooks` takes those messages and calls the hook again on the stored event,
  until it succeeds (at least once, like every outbox message).

A hook that must never miss an event through a crash between the commit and its call should subscribe
to the outbox's notices instead; a hook is called after the commit by the process that wrote.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Final

import attrs

from kiemtra._errors import InvalidInput
from kiemtra._util import to_tuple
from kiemtra._workflow._case import Event

__all__ = ["EventHook", "HookFailure", "Hooks", "Subscription", "log_failure"]

EventHook = Callable[[Event], None]
"""A subscriber: called with each committed event it subscribed to."""

_LOG: Final = logging.getLogger("kiemtra.hooks")


@attrs.frozen
class Subscription:
    """A hook and the events it wants.

    Args:
        name: The hook's name, unique in an engine (retries find the hook by it).
        callback: The hook.
        procedures: Only events of these procedures; empty means every procedure.
        triggers: Only these moves (``"open"`` for openings, ``"extend"`` for extensions); empty means
            every event.
    """

    name: str
    callback: EventHook = attrs.field(repr=False)
    procedures: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    triggers: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)

    def wants(self, event: Event) -> bool:
        """Whether the hook subscribed to ``event``."""
        if self.procedures and event.procedure not in self.procedures:
            return False
        trigger = event.trigger if event.trigger is not None else event.kind
        return not self.triggers or trigger in self.triggers


@attrs.frozen
class HookFailure:
    """A hook that raised.

    Args:
        hook: The hook's name.
        case_id: The case of the event.
        seq: The event's seq.
        error: What the hook raised.
        attempt: 1 for the call after the commit, then 2, 3... for the retries.
    """

    hook: str
    case_id: str
    seq: int
    error: BaseException
    attempt: int


Report = Callable[[HookFailure], None]
"""Where hook failures go."""


def log_failure(failure: HookFailure) -> None:
    """Report a hook failure to the ``kiemtra.hooks`` logger (the default report)."""
    _LOG.error(
        "hook %s failed on case %s seq %d (attempt %d): %r",
        failure.hook,
        failure.case_id,
        failure.seq,
        failure.attempt,
        failure.error,
    )


class Hooks:
    """The subscribers of one engine.

    Args:
        report: Where failures go; a report that raises is itself logged, never propagated.
    """

    def __init__(self, report: Report = log_failure) -> None:
        self._subs: dict[str, Subscription] = {}
        self._report = report
        self.active = False
        """Whether any hook is subscribed (read on every write, so a plain attribute)."""

    def subscribe(
        self,
        name: str,
        callback: EventHook,
        *,
        procedures: Iterable[str] = (),
        triggers: Iterable[str] = (),
    ) -> Subscription:
        """Subscribe ``callback`` as ``name``.

        Raises:
            InvalidInput: the name is empty or taken, or the callback is not callable.
        """
        given: object = name
        if not isinstance(given, str) or not name or name in self._subs:
            raise InvalidInput("name", name, "a hook needs a name of its own")
        if not callable(callback):
            raise InvalidInput("callback", type(callback).__name__, "a hook must be callable")
        sub = Subscription(name, callback, tuple(procedures), tuple(triggers))
        self._subs[name] = sub
        self.active = True
        return sub

    def unsubscribe(self, name: str) -> None:
        """Remove the hook ``name`` (nothing if there is none)."""
        self._subs.pop(name, None)
        self.active = bool(self._subs)

    def get(self, name: str) -> Subscription | None:
        """The hook called ``name``."""
        return self._subs.get(name)

    def __iter__(self) -> Iterator[Subscription]:
        return iter(list(self._subs.values()))

    def __len__(self) -> int:
        return len(self._subs)

    def matching(self, event: Event) -> list[Subscription]:
        """The hooks that subscribed to ``event``."""
        return [s for s in self._subs.values() if s.wants(event)]

    def call(self, sub: Subscription, event: Event, attempt: int) -> HookFailure | None:
        """Call one hook; report and return its failure instead of raising it."""
        try:
            sub.callback(event)
        # A hook may raise anything; it must reach neither the store nor the caller.
        except Exception as exc:
            failure = HookFailure(sub.name, event.case_id, event.seq, exc, attempt)
            self.report(failure)
            return failure
        return None

    def report(self, failure: HookFailure) -> None:
        """Send ``failure`` to the report; a report that raises is logged instead."""
        try:
            self._report(failure)
        except Exception:
            _LOG.exception("the hook failure report raised; the failure was %r", failure)
