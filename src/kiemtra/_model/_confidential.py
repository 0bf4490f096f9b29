"""Marking attrs fields as confidential or personal, so later layers can redact by structure.

A field is marked through its attrs metadata, not its name or type, so redaction needs no list of
field names kept beside the model: whatever is marked is hidden from an actor who may not see it.

Confidential data (a denouncer's identity, witness statements, draft conclusions) is personal too:
hiding personal data must never reveal confidential data.

mypy's attrs plugin only reads direct ``attrs.field(...)`` calls, and takes any other call on the
right-hand side for a default value. Typed code therefore writes
``attrs.field(metadata=CONFIDENTIAL, ...)``; :func:`confidential` and :func:`personal` are for
untyped hosts and produce exactly the same field.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs

from kiemtra._errors import InvalidInput

__all__ = [
    "CONFIDENTIAL",
    "CONFIDENTIAL_KEY",
    "PERSONAL",
    "PERSONAL_KEY",
    "confidential",
    "confidential_fields",
    "personal",
    "personal_fields",
]

CONFIDENTIAL_KEY: Final = "kiemtra.confidential"
PERSONAL_KEY: Final = "kiemtra.personal"

CONFIDENTIAL: Final[Mapping[str, bool]] = MappingProxyType(
    {CONFIDENTIAL_KEY: True, PERSONAL_KEY: True}
)
"""attrs metadata marking a field confidential (and therefore personal)."""

PERSONAL: Final[Mapping[str, bool]] = MappingProxyType({PERSONAL_KEY: True})
"""attrs metadata marking a field as personal data."""


def _marked(marks: Mapping[str, bool], kwargs: dict[str, Any]) -> Any:
    metadata = {**(kwargs.pop("metadata", None) or {}), **marks}
    return attrs.field(metadata=metadata, **kwargs)


def confidential(**kwargs: Any) -> Any:
    """An ``attrs.field(**kwargs)`` marked confidential and personal.

    Args:
        **kwargs: Anything ``attrs.field`` takes; given ``metadata`` is kept and extended.
    """
    return _marked(CONFIDENTIAL, kwargs)


def personal(**kwargs: Any) -> Any:
    """An ``attrs.field(**kwargs)`` marked as personal data.

    Args:
        **kwargs: Anything ``attrs.field`` takes; given ``metadata`` is kept and extended.
    """
    return _marked(PERSONAL, kwargs)


def _fields_with(cls: type, key: str) -> tuple[str, ...]:
    if not attrs.has(cls):
        raise InvalidInput("cls", cls, "expected an attrs class")
    return tuple(a.name for a in attrs.fields(cls) if a.metadata.get(key, False))


def confidential_fields(cls: type) -> tuple[str, ...]:
    """Names of the fields of the attrs class ``cls`` marked confidential, in field order.

    Raises:
        InvalidInput: ``cls`` is not an attrs class.
    """
    return _fields_with(cls, CONFIDENTIAL_KEY)


def personal_fields(cls: type) -> tuple[str, ...]:
    """Names of the fields of ``cls`` marked personal, confidential ones included, in field order.

    Raises:
        InvalidInput: ``cls`` is not an attrs class.
    """
    return _fields_with(cls, PERSONAL_KEY)
