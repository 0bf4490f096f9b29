"""Parameters: every regulation number, with its unit, citation, status and its own effective period."""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable
from fractions import Fraction
from typing import Generic, TypeAlias, TypeVar

import attrs
import pendulum

from kiemtra._errors import DefinitionError, InvalidInput, NotInForce
from kiemtra._money import Money
from kiemtra._time import DateRange, Duration
from kiemtra._util import to_tuple

__all__ = [
    "Citation",
    "Param",
    "ParamUse",
    "ParamValue",
    "ParamVersion",
    "Range",
    "Status",
    "Unit",
    "value_as",
]


class Status(enum.Enum):
    """How sure the rulebook is of a value (the legend of ``regulations.md``)."""

    CONFIRMED = "confirmed"
    SECONDARY = "secondary"
    UNCONFIRMED = "unconfirmed"


class Unit(enum.Enum):
    """What a parameter's number measures."""

    RATIO = "ratio"  # an exact Fraction: 1/100 is 1 %
    COUNT = "count"
    MONEY = "money"  # Money, whole đồng
    DURATION = "duration"  # a Duration (days, working days, months, years)
    FLAG = "flag"  # a bool
    CHOICE = "choice"  # one of a closed set of strings
    RANGE = "range"  # a Range of ratios, counts or money


_N = TypeVar("_N", Fraction, int, Money)
_V = TypeVar("_V")


@attrs.frozen
class Range(Generic[_N]):
    """A closed range of values ``[low, high]`` such as "keeps 30–50 %".

    Raises:
        InvalidInput: ``high`` is below ``low`` or the two differ in type.
    """

    low: _N
    high: _N

    def __attrs_post_init__(self) -> None:
        if type(self.low) is not type(self.high):
            raise InvalidInput("Range.high", self.high, f"must be of the type of low {self.low!r}")
        if self.high < self.low:
            raise InvalidInput("Range.high", self.high, f"must be >= low {self.low}")

    def __contains__(self, value: object) -> bool:
        try:
            return bool(self.low <= value <= self.high)  # type: ignore[operator]
        except TypeError:
            return False

    def __str__(self) -> str:
        return f"{self.low}–{self.high}"


ParamValue: TypeAlias = (
    "bool | int | str | Fraction | Money | Duration | Range[Fraction] | Range[int] | Range[Money]"
)

_UNIT_TYPES: dict[Unit, tuple[type, ...]] = {
    Unit.RATIO: (Fraction,),
    Unit.COUNT: (int,),
    Unit.MONEY: (Money,),
    Unit.DURATION: (Duration,),
    Unit.FLAG: (bool,),
    Unit.CHOICE: (str,),
    Unit.RANGE: (Range,),
}


@attrs.frozen(cache_hash=True)
class Citation:
    """Where a value or a rule comes from.

    Args:
        document: The document, e.g. ``"QĐ 69-QĐ/TW (6/7/2022)"``.
        article: The article, e.g. ``"Art 4"``.
        clause: The clause or point, e.g. ``"k2 b"``.
        source: Where the text was seen (a page title or address).
    """

    document: str = attrs.field(validator=attrs.validators.min_len(1))
    article: str | None = None
    clause: str | None = None
    source: str | None = None

    def __str__(self) -> str:
        return " ".join(p for p in (self.document, self.article, self.clause) if p)


@attrs.frozen
class ParamVersion:
    """One value of a parameter and the period in which it is in force.

    Args:
        value: The value (its type matches the parameter's unit).
        valid: The effective period, half-open.
        citations: Where the value comes from; at least one.
        status: How sure the value is.
        note: Anything a reader of the rulebook should know (an open question, a conflict).
    """

    value: ParamValue
    valid: DateRange
    citations: tuple[Citation, ...] = attrs.field(converter=to_tuple)
    status: Status
    note: str = ""

    @citations.validator
    def _check_citations(self, _a: object, value: tuple[Citation, ...]) -> None:
        if not value:
            raise InvalidInput(
                "ParamVersion.citations", value, "a value needs at least one citation"
            )


@attrs.frozen(cache_hash=True)
class ParamUse:
    """A parameter as it was read for one decision: what an explanation records.

    ``overridden`` is true when a host replaced the rulebook's value; ``override_reason`` says why.
    """

    key: str
    value: ParamValue
    unit: Unit
    valid: DateRange
    citations: tuple[Citation, ...]
    status: Status
    overridden: bool = False
    override_reason: str = ""

    @property
    def needs_review(self) -> bool:
        """True when an explanation must flag this value: unconfirmed, or overridden by the host."""
        return self.overridden or self.status is Status.UNCONFIRMED


def value_as(use: ParamUse, kind: type[_V]) -> _V:
    """The value ``use`` read, as ``kind``: the one check every reader of a typed parameter needs.

    Raises:
        DefinitionError: the parameter holds another kind of value (a bool is not a count).
    """
    value = use.value
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    raise DefinitionError(
        f"parameter {use.key}", [f"expected a {kind.__name__}, found {type(value).__name__}"]
    )


def _check_unit(key: str, unit: Unit, value: object) -> None:
    types = _UNIT_TYPES[unit]
    ok = isinstance(value, types) and not (unit is Unit.COUNT and isinstance(value, bool))
    if not ok:
        raise InvalidInput(f"Param[{key}].value", value, f"expected {unit.value}", rule=key)


@attrs.frozen
class Param:
    """A named regulation number whose value changes over time.

    Args:
        key: A stable dotted id, e.g. ``"discipline.limitation.member.reprimand"``.
        unit: What the number measures.
        versions: Non-overlapping values by effective period.
        title_key: The message key of its human title.
        choices: For :attr:`Unit.CHOICE`, the allowed strings.
        favourable: ``"lower"`` or ``"higher"`` when a newer value more favourable to the subject
            applies to earlier violations; None when the value at the violation date always governs.

    Raises:
        DefinitionError: versions overlap, or a value does not fit the unit.
    """

    key: str
    unit: Unit
    versions: tuple[ParamVersion, ...] = attrs.field(converter=to_tuple)
    title_key: str = ""
    choices: tuple[str, ...] = ()
    favourable: str | None = attrs.field(
        default=None, validator=attrs.validators.in_((None, "lower", "higher"))
    )
    _uses: dict[pendulum.Date, ParamUse] = attrs.field(
        init=False, factory=dict, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        problems: list[str] = []
        ordered = sorted(self.versions, key=lambda v: v.valid.start)
        for version in ordered:
            try:
                _check_unit(self.key, self.unit, version.value)
            except InvalidInput as exc:
                problems.append(exc.message)
            if self.unit is Unit.CHOICE and version.value not in self.choices:
                problems.append(f"value {version.value!r} not among choices {self.choices}")
        for before, after in itertools.pairwise(ordered):
            if before.valid.overlaps(after.valid):
                problems.append(f"versions {before.valid} and {after.valid} overlap")
        if not self.versions:
            problems.append("no version")
        if problems:
            raise DefinitionError(f"parameter {self.key}", problems)
        object.__setattr__(self, "versions", tuple(ordered))

    def in_force_on(self, at: pendulum.Date) -> bool:
        """Whether a version covers ``at``."""
        return any(at in v.valid for v in self.versions)

    def version_at(self, at: pendulum.Date) -> ParamVersion:
        """The version in force on ``at``.

        Raises:
            NotInForce: no version covers ``at``.
        """
        for version in self.versions:
            if at in version.valid:
                return version
        raise NotInForce(self.key, at)

    def use_at(self, at: pendulum.Date) -> ParamUse:
        """The version in force on ``at`` as a :class:`ParamUse` for explanations."""
        v = self.version_at(at)
        use = self._uses.get(v.valid.start)
        if use is None:  # one ParamUse per version, made once: rules read parameters in hot loops
            use = ParamUse(self.key, v.value, self.unit, v.valid, v.citations, v.status)
            self._uses[v.valid.start] = use
        return use

    def change_dates(self) -> Iterable[pendulum.Date]:
        """The days on which a new value takes effect."""
        return (v.valid.start for v in self.versions)
