"""A rulebook: parameters by effective period, templates, and (later layers) rules and procedures.

The engine asks a rulebook "the value of P in force at date D". A host may override any parameter; the
override is recorded and every explanation that uses it says so.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import attrs
import pendulum

from kiemtra._errors import DefinitionError, InvalidInput, UnknownReference
from kiemtra._rules._explanation import GoverningDate
from kiemtra._rules._param import Param, ParamUse, ParamValue, value_as
from kiemtra._rules._templates import Templates
from kiemtra._time import as_date

__all__ = ["Override", "Rulebook", "governing_day"]

_V = TypeVar("_V")


@attrs.frozen
class Override:
    """A host's replacement for a parameter's value, with the reason, recorded in explanations."""

    value: ParamValue
    reason: str = attrs.field(validator=attrs.validators.min_len(1))


def governing_day(
    governs: GoverningDate,
    *,
    violation_on: _dt.date | None = None,
    step_on: _dt.date | None = None,
    review_year: int | None = None,
) -> pendulum.Date:
    """The date whose rules apply, by what governs the decision.

    Raises:
        InvalidInput: the date that governs was not given.
    """
    if governs is GoverningDate.VIOLATION:
        if violation_on is None:
            raise InvalidInput("violation_on", None, "the violation date governs this rule")
        return as_date(violation_on, "violation_on")
    if governs is GoverningDate.STEP:
        if step_on is None:
            raise InvalidInput("step_on", None, "the date of the step governs this rule")
        return as_date(step_on, "step_on")
    if review_year is None:
        raise InvalidInput("review_year", None, "the review year governs this rule")
    return pendulum.date(review_year, 12, 31)


def _index(params: Iterable[Param] | Mapping[str, Param]) -> dict[str, Param]:
    if isinstance(params, Mapping):
        params = params.values()
    out: dict[str, Param] = {}
    duplicates = []
    for p in params:
        if p.key in out:
            duplicates.append(p.key)
        out[p.key] = p
    if duplicates:
        raise DefinitionError("rulebook", [f"parameter {k!r} defined twice" for k in duplicates])
    return out


@attrs.frozen
class Rulebook:
    """Parameters, templates, and the rules and procedures later layers attach.

    Args:
        name: The rulebook's id, e.g. ``"vn"``.
        params: The parameters.
        templates: Message templates by language.
        overrides: Host overrides by parameter key.
        extras: Named parts that higher layers attach (rules, procedures, competence tables); the core
            stores them and never interprets them.
    """

    name: str
    params: Mapping[str, Param] = attrs.field(converter=_index)
    templates: Templates = attrs.field(factory=Templates)
    overrides: Mapping[str, Override] = attrs.field(factory=dict)
    extras: Mapping[str, Any] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        unknown = [k for k in self.overrides if k not in self.params]
        if unknown:
            raise DefinitionError(
                self.name, [f"override of unknown parameter {k!r}" for k in unknown]
            )
        for key, override in self.overrides.items():
            param = self.params[key]
            probe = attrs.evolve(param.versions[0], value=override.value)
            try:
                attrs.evolve(param, versions=(probe,))
            except DefinitionError as exc:
                raise InvalidInput(
                    f"override[{key}]", override.value, "; ".join(exc.problems), rule=key
                ) from None

    def param(self, key: str) -> Param:
        """The parameter called ``key``.

        Raises:
            UnknownReference: the rulebook has no such parameter.
        """
        try:
            return self.params[key]
        except KeyError:
            raise UnknownReference(
                "param", key, f"rulebook {self.name!r} has no such parameter"
            ) from None

    def use(self, key: str, at: _dt.date) -> ParamUse:
        """The parameter ``key`` as in force on ``at``, override applied and flagged.

        Raises:
            UnknownReference: no such parameter.
            NotInForce: no value in force on ``at``.
        """
        use = self.param(key).use_at(as_date(at, "at"))
        override = self.overrides.get(key)
        if override is None:
            return use
        return attrs.evolve(
            use, value=override.value, overridden=True, override_reason=override.reason
        )

    def value(self, key: str, at: _dt.date) -> ParamValue:
        """The value of ``key`` in force on ``at`` (see :meth:`use`)."""
        return self.use(key, at).value

    def typed(self, key: str, at: _dt.date, kind: type[_V]) -> _V:
        """The value of ``key`` in force on ``at`` as ``kind`` (a Fraction, Money, Duration, bool...).

        Raises:
            DefinitionError: the parameter holds another kind of value.
        """
        return value_as(self.use(key, at), kind)

    def has_value(self, key: str, at: _dt.date) -> bool:
        """Whether ``key`` has a value in force on ``at``.

        Raises:
            UnknownReference: the rulebook has no such parameter.
        """
        return self.param(key).in_force_on(as_date(at, "at"))

    def use_favourable(self, key: str, violation_on: _dt.date, decided_on: _dt.date) -> ParamUse:
        """The value for a violation: the one in force on ``violation_on``, or the newer one in force on
        ``decided_on`` when the parameter declares which direction is more favourable and the newer
        value is so.
        """
        old = self.use(key, violation_on)
        direction = self.param(key).favourable
        if direction is None:
            return old
        new = self.use(key, decided_on)
        if _more_favourable(new.value, old.value, direction):
            return new
        return old

    def in_force(self, at: _dt.date) -> list[ParamUse]:
        """Every parameter in force on ``at``, sorted by key (parameters not in force are left out)."""
        day = as_date(at, "at")
        out = []
        for key in sorted(self.params):
            if self.params[key].in_force_on(day):
                out.append(self.use(key, day))
        return out

    def with_overrides(self, values: Mapping[str, ParamValue], reason: str) -> Rulebook:
        """A copy with ``values`` overriding the rulebook's, each recorded with ``reason``.

        Raises:
            DefinitionError: an unknown parameter.
            InvalidInput: a value that does not fit the parameter's unit.
        """
        merged = dict(self.overrides)
        merged.update({k: Override(v, reason) for k, v in values.items()})
        return attrs.evolve(self, overrides=merged)

    def with_extra(self, name: str, value: Any) -> Rulebook:
        """A copy with the part ``name`` (rules, procedures...) set to ``value``."""
        return attrs.evolve(self, extras={**self.extras, name: value})


def _more_favourable(new: object, old: object, direction: str) -> bool:
    from kiemtra._time import Duration

    if isinstance(new, Duration) and isinstance(old, Duration):
        if new.unit is not old.unit:
            return False
        new, old = new.amount, old.amount
    try:
        return bool(new < old) if direction == "lower" else bool(new > old)  # type: ignore[operator]
    except TypeError:
        return False
