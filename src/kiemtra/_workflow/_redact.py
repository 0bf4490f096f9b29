"""Structural redaction: confidential fields are withheld by their type, never by replacing text.

A field is confidential when its attrs metadata says so (:mod:`kiemtra._model._confidential`). Redaction
walks a value by structure (attrs instances, mappings, sequences) and replaces every record of a
confidential type the reader is not entitled to with a :class:`Redacted` that keeps the record's other
fields and only the *names* of the withheld ones. Nothing is searched for or replaced in text, so a value
the reader may see is never altered, and a withheld one never reaches the reader in any form (its
``repr`` included).
"""

from __future__ import annotations

import copy
import datetime as _dt
import enum
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any, Final

import attrs

from kiemtra._errors import InvalidInput, KiemtraError
from kiemtra._model._confidential import confidential_fields

__all__ = ["Redacted", "confidential_of", "redact", "redact_error"]

_SCALARS: Final = (
    str,
    bytes,
    int,
    float,
    bool,
    type(None),
    Fraction,
    _dt.date,
    _dt.timedelta,
    enum.Enum,
)
_DEPTH: Final = 32


@attrs.frozen(repr=False)
class Redacted:
    """A record shown without its confidential fields.

    Args:
        type_name: The record's class name (``"DenouncerIdentity"``).
        category: Its visibility category (``"denouncer_identity"``).
        shown: Its other fields, by name (themselves redacted where needed).
        withheld: The names of the fields withheld.
    """

    type_name: str
    category: str
    shown: Mapping[str, Any]
    withheld: tuple[str, ...]

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.shown.items())
        return f"Redacted({self.type_name}: {shown}; withheld {', '.join(self.withheld)})"

    def __getitem__(self, name: str) -> Any:
        """A shown field by name (KeyError for a withheld or unknown one)."""
        return self.shown[name]


_CONFIDENTIAL: dict[type, tuple[str, ...]] = {}


def confidential_of(cls: type) -> tuple[str, ...]:
    """The confidential fields of ``cls`` (empty for a class that is not attrs)."""
    found = _CONFIDENTIAL.get(cls)
    if found is None:
        found = _CONFIDENTIAL[cls] = confidential_fields(cls) if attrs.has(cls) else ()
    return found


Entitled = Callable[[type], bool]
"""Whether the reader may see the confidential fields of records of a type."""
Categorise = Callable[[type], str]
"""The visibility category of a record type."""


def _name(cls: type) -> str:
    return cls.__name__


def redact(value: Any, entitled: Entitled, category_of: Categorise = _name) -> Any:
    """``value`` with every confidential record the reader may not see replaced by a :class:`Redacted`.

    Values the reader may see come back as the same objects; containers and attrs instances are copied
    only where something inside them was redacted.

    Args:
        value: Anything: a record, an explanation, a list of options, a mapping...
        entitled: Whether the reader may see the confidential fields of a type.
        category_of: The category a redacted record is reported under.
    """
    return _walk(value, entitled, category_of, 0)


def _walk(value: Any, entitled: Entitled, category_of: Categorise, depth: int) -> Any:
    if isinstance(value, _SCALARS) or depth > _DEPTH:
        return value
    cls = type(value)
    if attrs.has(cls):
        return _attrs(value, cls, entitled, category_of, depth)
    if isinstance(value, Mapping):
        items = {k: _walk(v, entitled, category_of, depth + 1) for k, v in value.items()}
        if all(items[k] is v for k, v in value.items()):
            return value
        return items
    if isinstance(value, tuple | list | frozenset | set):
        items_ = [_walk(v, entitled, category_of, depth + 1) for v in value]
        if all(a is b for a, b in zip(items_, value, strict=True)):
            return value
        if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple
            return cls(*items_)
        return cls(items_)
    return value


def _attrs(value: Any, cls: type, entitled: Entitled, category_of: Categorise, depth: int) -> Any:
    hidden = confidential_of(cls)
    fields = attrs.fields(cls)
    if hidden and not entitled(cls):
        shown = {
            a.name: _walk(getattr(value, a.name), entitled, category_of, depth + 1)
            for a in fields
            if a.name not in hidden
        }
        return Redacted(cls.__name__, category_of(cls), shown, hidden)
    changes = {}
    for a in fields:
        inner = getattr(value, a.name)
        out = _walk(inner, entitled, category_of, depth + 1)
        if out is not inner:
            changes[a.name] = out
    if not changes:
        return value
    # Set the fields on a copy, without the class's validators: a Redacted is not what they expect.
    copied = copy.copy(value)
    for name, out in changes.items():
        object.__setattr__(copied, name, out)
    return copied


def redact_error(
    error: KiemtraError, entitled: Entitled, category_of: Categorise = _name
) -> KiemtraError:
    """``error`` with the value it carries redacted, so its message cannot reveal a confidential field.

    Only :class:`InvalidInput` carries a caller's value; any other error is returned as it is.
    """
    if not isinstance(error, InvalidInput):
        return error
    value = redact(error.value, entitled, category_of)
    if value is error.value:
        return error
    return InvalidInput(error.field, value, error.reason, rule=error.rule)
