"""Rules as data: what a rule reads, whom it judges, what follows, and a predicate written once.

A rule's predicate is a function from parameter columns to a polars boolean expression over a feature
table. The same expression judges a whole population in one evaluation and a single subject (the same
queries over that subject's facts only), so the two paths cannot disagree. This module does not import
polars; only evaluation does.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from kiemtra._rules._explanation import GoverningDate
from kiemtra._rules._param import Citation
from kiemtra._time import DateRange
from kiemtra._util import to_tuple

__all__ = ["Consequence", "Measure", "MeasureKind", "Rule", "SubjectKind", "finding_ref"]


class SubjectKind(enum.Enum):
    """Whom or what a rule judges."""

    MEMBER = "member"
    CELL = "cell"
    ORGANISATION = "organisation"
    CAMPAIGN = "campaign"


class Consequence(enum.Enum):
    """What a finding leads to."""

    NOTE = "note"
    REMINDER = "reminder"
    SIGN_OF_VIOLATION = "sign_of_violation"
    """Grounds for opening an inspection on signs of violation."""
    REMOVAL_GROUND = "removal_ground"
    """Grounds for removal from the roll (not a sanction)."""
    RATING_INPUT = "rating_input"
    """An input to the annual quality rating."""


class MeasureKind(enum.Enum):
    """How a measured value is typed in explanations."""

    MONEY = "money"
    COUNT = "count"
    DATE = "date"
    TEXT = "text"
    FLAG = "flag"


@attrs.frozen
class Measure:
    """A value a rule shows in its explanation: a column of its feature table and its kind."""

    name: str
    kind: MeasureKind = MeasureKind.COUNT


@attrs.frozen
class Rule:
    """A rule: an id and version, whom it judges, what follows, its basis, and its predicate.

    Args:
        id: A stable dotted id (``"duty.dues.underpaid"``).
        version: The version's id; a rule has one version per period of its governing date.
        valid: The governing dates this version applies to.
        subject: Whom it judges.
        consequence: What a finding leads to.
        features: The feature table it reads.
        message: The message key of a finding.
        title: The message key of the rule's title.
        citations: Its legal basis.
        params: The keys of the parameters it reads.
        governs: Which date governs it.
        inputs: The feature columns it shows as inputs.
        thresholds: The feature columns it shows as thresholds (derived from parameters).
        predicate: ``predicate(p) -> polars boolean expression``, where ``p`` gives parameter columns.
        evidence: The feature column listing the evidence ids behind the inputs, if any.
        derive: ``derive(p) -> {column: expression}``: columns computed from features and parameters
            (an amount due, say) before the predicate runs; inputs and thresholds may show them.
    """

    id: str
    version: str
    valid: DateRange
    subject: SubjectKind
    consequence: Consequence
    features: str
    message: str
    title: str
    citations: tuple[Citation, ...] = attrs.field(converter=to_tuple)
    params: tuple[str, ...] = attrs.field(converter=to_tuple)
    governs: GoverningDate
    inputs: tuple[Measure, ...] = attrs.field(converter=to_tuple)
    thresholds: tuple[Measure, ...] = attrs.field(converter=to_tuple)
    predicate: Callable[[Any], Any] = attrs.field(eq=False, repr=False)
    evidence: str | None = None
    derive: Callable[[Any], dict[str, Any]] | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def key(self) -> tuple[str, str]:
        """``(id, version)``."""
        return (self.id, self.version)


def finding_ref(row: Mapping[str, Any]) -> str:
    """The reference of a finding row, as a case's ground names it: ``<rule_id>:<subject_id>:<period_start>``."""
    start = row["period_start"]
    day = start.isoformat() if isinstance(start, _dt.date) else str(start)
    return f"{row['rule_id']}:{row['subject_id']}:{day}"
