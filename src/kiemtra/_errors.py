"""Every error kiemtra raises, as one tree under :class:`KiemtraError`.

.. code-block:: text

    KiemtraError                         base of every error the library raises
    ├── InvalidInput (ValueError)        a value that a model, table or call refuses: names field and value
    │   ├── NaiveDatetime                a datetime without a time zone
    │   ├── UnknownZone                  a zone name that the tz database does not know
    │   ├── NegativeAmount               money below zero
    │   ├── InvalidPeriod                an end before its start, overlapping periods
    │   ├── UnknownReference             a member, organisation or case id that does not exist (at that date)
    │   ├── InconsistentRecords          records that contradict each other (a ledger, two cells at once)
    │   ├── InvalidFacts                 fact tables that failed validation: every problem with table, row, column
    │   ├── SanctionNotAllowed           a sanction form the subject cannot receive (no post, probationary...)
    │   │   └── BeyondCompetence         a body deciding a sanction it may only propose, or not at all
    │   └── ExpulsionRequired            striking off the roll a full member who deserves expulsion
    ├── NotInForce (LookupError)         no parameter, rule or procedure version in force at a date
    ├── DefinitionError                  a rulebook, parameter or procedure definition that cannot work
    ├── TransitionNotAllowed             a move refused: carries the explanations of every block
    ├── PermissionDenied                 an actor without competence or access for a read or a write
    ├── StaleWrite                       a writer's expected version is not the stored one
    ├── IntegrityError                   a hash chain or anchored digest that does not verify
    └── StoreError                       the store cannot serve the request (schema, connection)
        └── SchemaVersionError           the stored schema is newer than this library

Every error keeps its details as attributes (``field``, ``value``, ``rule``, ``case_id``, ``state``...), so a host
can react to them without parsing messages, and every message names what it refers to.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiemtra._rules._explanation import Explanation

__all__ = [
    "BeyondCompetence",
    "DefinitionError",
    "ExpulsionRequired",
    "InconsistentRecords",
    "IntegrityError",
    "InvalidFacts",
    "InvalidInput",
    "InvalidPeriod",
    "KiemtraError",
    "NaiveDatetime",
    "NegativeAmount",
    "NotInForce",
    "PermissionDenied",
    "SanctionNotAllowed",
    "SchemaVersionError",
    "StaleWrite",
    "StoreError",
    "TransitionNotAllowed",
    "UnknownReference",
    "UnknownZone",
]

_MAX_VALUE_REPR = 80


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _MAX_VALUE_REPR else text[: _MAX_VALUE_REPR - 3] + "..."


class KiemtraError(Exception):
    """Base class of every error raised by kiemtra.

    Args:
        message: A sentence that names the subject (case, field, rule) the error is about.
        rule: The rule or parameter key the error refers to, when there is one.
    """

    def __init__(self, message: str, *, rule: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.rule = rule

    def __str__(self) -> str:
        return self.message if self.rule is None else f"{self.message} [rule {self.rule}]"


class InvalidInput(KiemtraError, ValueError):
    """A value refused by a model type, a fact table or an API call.

    Attributes:
        field: Dotted path of the offending field, e.g. ``"Member.admitted_on"``.
        value: The value that was refused.
        reason: Why it was refused, in plain words.
    """

    def __init__(
        self,
        field: str,
        value: object,
        reason: str,
        *,
        rule: str | None = None,
    ) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field}={_short(value)}: {reason}", rule=rule)


class NaiveDatetime(InvalidInput):
    """A datetime without a time zone was given where an instant is needed."""


class UnknownZone(InvalidInput):
    """A time-zone name that the tz database does not know."""


class NegativeAmount(InvalidInput):
    """An amount of money below zero."""


class InvalidPeriod(InvalidInput):
    """A period whose end comes before its start, or periods that overlap where they may not."""


class UnknownReference(InvalidInput):
    """An id (member, organisation, case, household) that does not exist, or not at that date."""


class InconsistentRecords(InvalidInput):
    """Records that contradict each other: a ledger whose total is not its entries, two cells at once."""


class InvalidFacts(InvalidInput):
    """Fact tables that failed validation; nothing is evaluated from them.

    Attributes:
        problems: ``(table, row, column, value, reason)`` for each problem found (row is None when the
            problem is the whole column).
    """

    def __init__(self, problems: Sequence[tuple[str, int | None, str, object, str]]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0]
        where = (
            f"{first[0]}[row {first[1]}].{first[2]}"
            if first[1] is not None
            else f"{first[0]}.{first[2]}"
        )
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(where, first[3], first[4] + more)


class SanctionNotAllowed(InvalidInput):
    """A sanction that cannot be imposed on this subject: removal from post of a member who holds no post,
    expulsion of a probationary member, dissolution of a member, a member's form for an organisation.

    Attributes:
        explanation: Why, with the rule, its basis and the inputs, when the caller has one.
    """

    def __init__(
        self,
        field: str,
        value: object,
        reason: str,
        *,
        rule: str | None = None,
        explanation: Explanation | None = None,
    ) -> None:
        self.explanation = explanation
        super().__init__(field, value, reason, rule=rule)


class BeyondCompetence(SanctionNotAllowed):
    """A body asked to decide a sanction beyond its competence (a cell deciding an expulsion, or a
    warning for a task assigned by a higher level, which it may only propose)."""


class ExpulsionRequired(InvalidInput):
    """A full member who deserves expulsion may not be struck off the roll instead.

    Attributes:
        explanation: Why, with the rule and its basis, when the caller has one.
    """

    def __init__(
        self,
        field: str,
        value: object,
        reason: str,
        *,
        rule: str | None = None,
        explanation: Explanation | None = None,
    ) -> None:
        self.explanation = explanation
        super().__init__(field, value, reason, rule=rule)


class NotInForce(KiemtraError, LookupError):
    """Nothing is in force for ``key`` at ``at``.

    Attributes:
        key: The parameter, rule or procedure key looked up.
        at: The date of the lookup.
    """

    def __init__(self, key: str, at: object, *, what: str = "parameter") -> None:
        self.key = key
        self.at = at
        self.what = what
        super().__init__(f"no {what} {key!r} in force on {at}", rule=key)


class DefinitionError(KiemtraError):
    """A rulebook, parameter or procedure definition that cannot work.

    Attributes:
        definition: The name of the definition (procedure, parameter, rulebook).
        problems: Every problem found, so that one load reports them all.
    """

    def __init__(self, definition: str, problems: Sequence[str]) -> None:
        self.definition = definition
        self.problems = tuple(problems)
        super().__init__(f"{definition}: " + "; ".join(self.problems))


class TransitionNotAllowed(KiemtraError):
    """A move was refused; nothing changed.

    Attributes:
        case_id: The case.
        state: The state the case is in.
        trigger: The move that was asked for.
        reasons: One explanation per block (wrong state, missing evidence, competence, deadline, guard).
    """

    def __init__(
        self,
        case_id: str,
        state: str,
        trigger: str,
        reasons: Sequence[Explanation],
    ) -> None:
        self.case_id = case_id
        self.state = state
        self.trigger = trigger
        self.reasons = tuple(reasons)
        keys = ", ".join(r.message_key for r in self.reasons) or "no reason given"
        rule = self.reasons[0].rule_id if self.reasons else None
        super().__init__(
            f"case {case_id} in state {state!r}: move {trigger!r} refused ({keys})", rule=rule
        )


class PermissionDenied(KiemtraError):
    """An actor may not do or see what was asked. The message names what, never its content.

    Attributes:
        actor: A description of the actor (its id and role), not the actor's personal data.
        action: What was refused (``"read"``, ``"fire:decide"``...).
        target: What it was refused on (a case id, a field name).
    """

    def __init__(
        self,
        actor: str,
        action: str,
        target: str,
        *,
        rule: str | None = None,
        reasons: Sequence[Explanation] = (),
    ) -> None:
        self.actor = actor
        self.action = action
        self.target = target
        self.reasons = tuple(reasons)
        super().__init__(f"{actor} may not {action} {target}", rule=rule)


class StaleWrite(KiemtraError):
    """The writer expected another version than the stored one; nothing was written.

    Attributes:
        case_id: The case.
        expected: The version the writer held.
        actual: The version in the store.
    """

    def __init__(self, case_id: str, expected: int, actual: int) -> None:
        self.case_id = case_id
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"case {case_id}: stale write, expected version {expected} but the store has {actual}"
        )


class IntegrityError(KiemtraError):
    """A stored record does not verify.

    Attributes:
        case_id: The case whose chain breaks (None for a digest mismatch over the store).
        seq: The first broken link, when known.
        detail: What did not match.
    """

    def __init__(self, case_id: str | None, seq: int | None, detail: str) -> None:
        self.case_id = case_id
        self.seq = seq
        self.detail = detail
        where = (
            "store"
            if case_id is None
            else f"case {case_id}" + (f" seq {seq}" if seq is not None else "")
        )
        super().__init__(f"{where}: integrity broken: {detail}")


class StoreError(KiemtraError):
    """The store cannot serve the request."""


class SchemaVersionError(StoreError):
    """The stored schema is newer than this library knows.

    Attributes:
        found: The schema version in the store.
        supported: The newest version this library knows.
    """

    def __init__(self, found: int, supported: int) -> None:
        self.found = found
        self.supported = supported
        super().__init__(
            f"store schema version {found} is newer than the supported version {supported}"
        )


def error_details(error: KiemtraError) -> Mapping[str, Any]:
    """Return the public attributes of ``error`` as a mapping, for logs and APIs."""
    return {k: v for k, v in vars(error).items() if not k.startswith("_")}
