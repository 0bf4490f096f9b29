"""JSON for every model type, actor and explanation, exact and with zone names kept.

:func:`make_converter` builds a fresh cattrs ``JsonConverter`` (never the global one, so a host's own
hooks cannot change kiemtra's format). The format:

- Money is an exact integer of đồng; a Fraction is the string ``"n/d"``; a date is ``"YYYY-MM-DD"``.
- An instant is ``{"utc": "<ISO UTC>", "zone": "Asia/Ho_Chi_Minh"}``: the zone's name, not only its
  offset, so a deadline counted in local days stays right across a DST change.
- An actor read as :data:`Actor` carries ``"type"`` (its class name).
- A value of an explanation's ``args``, ``inputs`` or ``thresholds`` (and a parameter value) is a
  JSON null, boolean, integer or string as itself, and anything else tagged:
  ``{"type": "fraction" | "money" | "date" | "instant" | "duration" | "range", "value": ...}``.
- JSON numbers with a fraction part are refused everywhere: nothing here is a float.

:func:`to_json` writes keys sorted and without blanks, so equal objects give equal bytes.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any, Final, TypeVar, get_args, get_origin, overload

import pendulum
from cattrs.errors import (
    AttributeValidationNote,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.json import JsonConverter
from cattrs.preconf.json import make_converter as _make_json_converter
from cattrs.strategies import configure_tagged_union

from kiemtra._calendar import StoredInstant
from kiemtra._errors import InvalidInput, KiemtraError
from kiemtra._model._actor import Actor
from kiemtra._money import Money
from kiemtra._rules._explanation import Explanation, Scalar
from kiemtra._rules._param import ParamUse, ParamVersion, Range
from kiemtra._time import Duration, TimeUnit

__all__ = ["from_json", "make_converter", "to_json"]

_T = TypeVar("_T")
_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_FRACTION: Final = re.compile(r"(-?\d+)/(\d+)")
_MISSING: Final = "<missing>"


def _bad(value: object, reason: str) -> InvalidInput:
    # The field is left blank: from_json fills in the path where the value sat.
    return InvalidInput("", value, reason)


def _date_to_json(value: _dt.date) -> str:
    return value.isoformat()


def _date_from_json(raw: object, _cls: object = None) -> pendulum.Date:
    if not isinstance(raw, str) or not _DATE.fullmatch(raw):
        raise _bad(raw, "expected a date as YYYY-MM-DD")
    try:
        return pendulum.Date.fromisoformat(raw)
    except ValueError as exc:
        raise _bad(raw, str(exc)) from None


def _instant_to_json(value: _dt.datetime) -> dict[str, str]:
    stored = StoredInstant.from_instant(value)
    return {"utc": stored.utc.isoformat(), "zone": stored.zone}


def _instant_from_json(raw: object, _cls: object = None) -> pendulum.DateTime:
    if not isinstance(raw, dict) or set(raw) != {"utc", "zone"}:
        raise _bad(raw, 'expected {"utc": ..., "zone": ...}')
    try:
        utc = _dt.datetime.fromisoformat(raw["utc"])
    except (TypeError, ValueError):
        raise _bad(raw["utc"], "expected an ISO instant with its offset") from None
    return StoredInstant(utc, raw["zone"]).to_instant()


def _money_from_json(raw: object, _cls: object = None) -> Money:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise _bad(raw, "expected a whole number of đồng")
    return Money(raw)


def _fraction_to_json(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


def _fraction_from_json(raw: object, _cls: object = None) -> Fraction:
    match = _FRACTION.fullmatch(raw) if isinstance(raw, str) else None
    if match is None or int(match[2]) == 0:
        raise _bad(raw, 'expected an exact number as "n/d"')
    return Fraction(int(match[1]), int(match[2]))


def _duration_to_json(value: Duration) -> dict[str, object]:
    return {"amount": value.amount, "unit": value.unit.value}


def _duration_from_json(raw: object, _cls: object = None) -> Duration:
    if not isinstance(raw, dict) or set(raw) != {"amount", "unit"}:
        raise _bad(raw, 'expected {"amount": ..., "unit": ...}')
    try:
        unit = TimeUnit(raw["unit"])
    except ValueError:
        raise _bad(raw["unit"], "not a time unit") from None
    return Duration(raw["amount"], unit)


def _range_to_json(value: Range[Any]) -> dict[str, object]:
    return {"low": scalar_to_json(value.low), "high": scalar_to_json(value.high)}


def _range_from_json(raw: object, _cls: object = None) -> Range[Any]:
    if not isinstance(raw, dict) or set(raw) != {"low", "high"}:
        raise _bad(raw, 'expected {"low": ..., "high": ...}')
    low, high = scalar_from_json(raw["low"]), scalar_from_json(raw["high"])
    if not isinstance(low, Fraction | int | Money) or isinstance(low, bool):
        raise _bad(raw["low"], "a range holds exact numbers or money")
    return Range(low, high)


# Tag, type, writer, reader: the order matters, an instant is a date too.
_TAGGED: Final[tuple[tuple[str, type, Callable[[Any], object], Callable[[object], Any]], ...]] = (
    ("fraction", Fraction, _fraction_to_json, _fraction_from_json),
    ("money", Money, lambda m: m.dong, _money_from_json),
    ("instant", _dt.datetime, _instant_to_json, _instant_from_json),
    ("date", _dt.date, _date_to_json, _date_from_json),
    ("duration", Duration, _duration_to_json, _duration_from_json),
    ("range", Range, _range_to_json, _range_from_json),
)


def scalar_to_json(value: Scalar) -> object:
    """The JSON form of an explanation or parameter value (see the module docstring).

    Raises:
        InvalidInput: ``value`` is none of the scalar types (a float, a list...).
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    for tag, kind, write, _read in _TAGGED:
        if isinstance(value, kind):
            return {"type": tag, "value": write(value)}
    raise _bad(
        value,
        "not a scalar: expected None, bool, int, str, Fraction, Money, date, "
        "instant, Duration or Range",
    )


def scalar_from_json(raw: object) -> Any:
    """The value :func:`scalar_to_json` wrote.

    Raises:
        InvalidInput: ``raw`` is not the JSON form of a scalar.
    """
    if raw is None or isinstance(raw, bool | int | str):
        return raw
    if isinstance(raw, dict) and set(raw) == {"type", "value"}:
        for tag, _kind, _write, read in _TAGGED:
            if raw["type"] == tag:
                return read(raw["value"])
    raise _bad(raw, 'expected null, a boolean, an integer, a string or {"type": ..., "value": ...}')


def _scalars_to_json(values: Mapping[str, Scalar]) -> dict[str, object]:
    return {key: scalar_to_json(value) for key, value in values.items()}


def _scalars_from_json(raw: object, _cls: object = None) -> dict[str, Scalar]:
    if not isinstance(raw, dict):
        raise _bad(raw, "expected an object of named values")
    result: dict[str, Scalar] = {}
    errors: list[Exception] = []
    for key, value in raw.items():
        try:
            result[key] = scalar_from_json(value)
        except InvalidInput as exc:
            exc.add_note(AttributeValidationNote(f"Structuring key {key}", key, object))
            errors.append(exc)
    if errors:
        raise IterableValidationError("While structuring named values", errors, dict)
    return result


def _strict(kind: type[_T]) -> Callable[[object, object], _T]:
    def structure(raw: object, _cls: object) -> _T:
        if not isinstance(raw, kind) or (kind is not bool and isinstance(raw, bool)):
            raise _bad(raw, f"expected {'an integer' if kind is int else kind.__name__}")
        return raw

    return structure


def _is_homogeneous_tuple(cls: object) -> bool:
    args = get_args(cls)
    return get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(
    converter: JsonConverter,
) -> Callable[[Any], Callable[[object, object], tuple[Any, ...]]]:
    # cattrs turns a string into a tuple of its characters; a JSON string is never a list here.
    def factory(cls: Any) -> Callable[[object, object], tuple[Any, ...]]:
        item_type = get_args(cls)[0]

        def structure(raw: object, _cls: object) -> tuple[Any, ...]:
            if not isinstance(raw, list):
                raise _bad(raw, "expected a list")
            items: list[Any] = []
            errors: list[Exception] = []
            for i, item in enumerate(raw):
                try:
                    items.append(converter.structure(item, item_type))
                except Exception as exc:
                    exc.add_note(
                        IterableValidationNote(f"Structuring {cls} @ index {i}", i, item_type)
                    )
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {cls}", errors, cls)
            return tuple(items)

        return structure

    return factory


def _sorted_set_hook(converter: JsonConverter) -> Callable[[Any], Callable[[Any], list[Any]]]:
    # A set comes out sorted, so that equal objects give equal JSON text.
    def factory(cls: Any) -> Callable[[Any], list[Any]]:
        args = get_args(cls)
        item_type = args[0] if args else None

        def unstructure(value: Any) -> list[Any]:
            items = [converter.unstructure(item, unstructure_as=item_type) for item in value]
            return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))

        return unstructure

    return factory


def _is_set_type(cls: Any) -> bool:
    return (get_origin(cls) or cls) in (set, frozenset)


def _is_range(cls: Any) -> bool:
    return cls is Range or get_origin(cls) is Range


def _register_scalar_fields(converter: JsonConverter, cls: type, *names: str, many: bool) -> None:
    write = _scalars_to_json if many else scalar_to_json
    read = _scalars_from_json if many else (lambda raw, _cls: scalar_from_json(raw))
    overrides: dict[str, Any] = {n: override(unstruct_hook=write, struct_hook=read) for n in names}
    converter.register_unstructure_hook(cls, make_dict_unstructure_fn(cls, converter, **overrides))
    converter.register_structure_hook(cls, make_dict_structure_fn(cls, converter, **overrides))


def make_converter() -> JsonConverter:
    """A new JSON converter for every kiemtra model type, actor, explanation and parameter use.

    Returns:
        A cattrs ``JsonConverter`` of its own: registering hooks on it changes nothing elsewhere.
        Unknown keys are refused.
    """
    converter = _make_json_converter(forbid_extra_keys=True)
    for kind in (int, str, bool):
        converter.register_structure_hook(kind, _strict(kind))
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook(converter))
    converter.register_unstructure_hook_factory(_is_set_type, _sorted_set_hook(converter))
    converter.register_unstructure_hook(pendulum.Date, _date_to_json)
    converter.register_structure_hook(pendulum.Date, _date_from_json)
    converter.register_unstructure_hook(pendulum.DateTime, _instant_to_json)
    converter.register_structure_hook(pendulum.DateTime, _instant_from_json)
    converter.register_unstructure_hook(Money, lambda m: m.dong)
    converter.register_structure_hook(Money, _money_from_json)
    converter.register_unstructure_hook(Fraction, _fraction_to_json)
    converter.register_structure_hook(Fraction, _fraction_from_json)
    converter.register_unstructure_hook(Range, _range_to_json)
    converter.register_structure_hook_func(_is_range, _range_from_json)
    # Parameter uses first: the explanation's hooks are generated with the hooks in place now.
    _register_scalar_fields(converter, ParamUse, "value", many=False)
    _register_scalar_fields(converter, ParamVersion, "value", many=False)
    _register_scalar_fields(converter, Explanation, "args", "inputs", "thresholds", many=True)
    configure_tagged_union(
        Actor, converter, tag_generator=lambda cls: cls.__name__, tag_name="type"
    )
    return converter


def to_json(obj: object, as_type: Any = None, *, converter: JsonConverter | None = None) -> str:
    """``obj`` as JSON text, keys sorted, so that equal objects give equal text.

    Args:
        obj: A model object, actor, explanation, money, range, date...
        as_type: The type to write it as, when not its own class: :data:`Actor` adds the tag
            that :func:`from_json` needs to read an actor back as an ``Actor``.
        converter: One from :func:`make_converter`, to reuse across many calls (building one
            costs far more than a small object's conversion).

    Raises:
        InvalidInput: ``obj`` holds a value that has no JSON form here.
    """
    conv = converter or make_converter()
    data = conv.unstructure(obj, unstructure_as=as_type)
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _type_name(cls: Any) -> str:
    if cls is Actor:
        return "Actor"
    return getattr(get_origin(cls) or cls, "__name__", str(cls))


def _leaf(error: BaseException) -> tuple[BaseException, list[str | int]]:
    # cattrs wraps each failure in groups, noting the attribute or index on the wrapped error.
    path: list[str | int] = []
    while isinstance(error, BaseExceptionGroup) and error.exceptions:
        error = error.exceptions[0]
        for note in getattr(error, "__notes__", ()):
            if isinstance(note, AttributeValidationNote):
                path.append(note.name)
                break
            if isinstance(note, IterableValidationNote):
                path.append(note.index)
                break
    return error, path


def _value_at(data: object, path: list[str | int]) -> object:
    for step in path:
        in_dict = isinstance(data, dict) and step in data
        in_list = isinstance(data, list) and isinstance(step, int) and step < len(data)
        if not (in_dict or in_list):
            return _MISSING
        data = data[step]  # type: ignore[index]
    return data


def _input_error(error: Exception, data: object, root: str) -> KiemtraError:
    leaf, path = _leaf(error)
    field = root + "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in path)
    if isinstance(leaf, InvalidInput):
        if not path and leaf.field:
            return leaf  # the root class refused itself and named its own field
        reason = leaf.reason if not leaf.field else leaf.message
        return type(leaf)(field, leaf.value, reason, rule=leaf.rule)
    if isinstance(leaf, KiemtraError):
        return leaf
    if isinstance(leaf, ForbiddenExtraKeysError):
        return InvalidInput(field, sorted(leaf.extra_fields), "unknown keys")
    value = _value_at(data, path)
    if isinstance(leaf, KeyError) and value is _MISSING:
        return InvalidInput(field, value, "missing")
    return InvalidInput(field, value, f"{type(leaf).__name__}: {leaf}")


@overload
def from_json(
    text: str | bytes, cls: type[_T], *, converter: JsonConverter | None = None
) -> _T: ...


@overload
def from_json(text: str | bytes, cls: Any, *, converter: JsonConverter | None = None) -> Any: ...


def from_json(text: str | bytes, cls: Any, *, converter: JsonConverter | None = None) -> Any:
    """Read an object of type ``cls`` from JSON text that :func:`to_json` wrote.

    Args:
        text: The JSON text.
        cls: The type to read (a model class, ``Actor``, ``Explanation``, ``Money``...).
        converter: One from :func:`make_converter`, to reuse across many calls.

    Raises:
        InvalidInput: the text is not JSON, or a value is missing, unknown or refused; the error
            names the field by its path from ``cls`` (``"Roll.members[3].admitted_on"``) and the
            value, and keeps the model's own error type (NegativeAmount, UnknownZone...).
    """
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise InvalidInput("json", text[:80], f"not JSON: {exc}") from None
    conv = converter or make_converter()
    try:
        return conv.structure(data, cls)
    except Exception as exc:
        raise _input_error(exc, data, _type_name(cls)) from exc
