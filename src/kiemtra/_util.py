"""Small helpers shared by the attrs models."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["to_tuple"]


def to_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """An attrs converter: any iterable becomes a tuple, so frozen models hold immutable sequences."""
    return tuple(values)
