"""kiemtra: inspection, supervision and discipline cases as state machines with explainable rules."""

from __future__ import annotations

import importlib.metadata as _metadata

from kiemtra._errors import (
    DefinitionError,
    InconsistentRecords,
    InvalidFacts,
    IntegrityError,
    InvalidInput,
    InvalidPeriod,
    KiemtraError,
    NaiveDatetime,
    NegativeAmount,
    NotInForce,
    PermissionDenied,
    SchemaVersionError,
    StaleWrite,
    StoreError,
    TransitionNotAllowed,
    UnknownReference,
    UnknownZone,
)
from kiemtra._model._actor import Actor, Body, BodyActor, MemberActor, OutsidePerson, SystemActor
from kiemtra._money import Money, Rounding
from kiemtra._rules._explanation import Explanation, GoverningDate
from kiemtra._rules._param import Citation, Param, ParamUse, ParamVersion, Range, Status, Unit
from kiemtra._rules._rulebook import Override, Rulebook, governing_day
from kiemtra._rules._templates import Templates
from kiemtra._time import VIETNAM_ZONE, DateRange, Duration, TimeUnit, as_date, as_instant, zone

try:
    __version__ = _metadata.version("kiemtra")
except _metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree without metadata
    __version__ = "0+unknown"

__all__ = [
    "Actor",
    "Body",
    "BodyActor",
    "Citation",
    "DateRange",
    "DefinitionError",
    "Duration",
    "Explanation",
    "GoverningDate",
    "InconsistentRecords",
    "IntegrityError",
    "InvalidFacts",
    "InvalidInput",
    "InvalidPeriod",
    "KiemtraError",
    "MemberActor",
    "Money",
    "NaiveDatetime",
    "NegativeAmount",
    "NotInForce",
    "OutsidePerson",
    "Override",
    "Param",
    "ParamUse",
    "ParamVersion",
    "PermissionDenied",
    "Range",
    "Rounding",
    "Rulebook",
    "SchemaVersionError",
    "StaleWrite",
    "Status",
    "StoreError",
    "SystemActor",
    "Templates",
    "TimeUnit",
    "TransitionNotAllowed",
    "Unit",
    "UnknownReference",
    "UnknownZone",
    "VIETNAM_ZONE",
    "__version__",
    "as_date",
    "as_instant",
    "governing_day",
    "zone",
]
