"""One explanation type for every outcome: blocked moves, findings, ratings, sanctions."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from fractions import Fraction
from typing import TypeAlias

import attrs
import pendulum

from kiemtra._money import Money
from kiemtra._rules._param import Citation, ParamUse, Range
from kiemtra._rules._templates import Templates
from kiemtra._time import Duration
from kiemtra._util import to_tuple

__all__ = ["Explanation", "GoverningDate", "Scalar"]

Scalar: TypeAlias = "bool | int | str | Fraction | Money | pendulum.Date | pendulum.DateTime | Duration | Range[Fraction] | Range[int] | Range[Money] | None"


class GoverningDate(enum.Enum):
    """Which date decides the rules that apply to a decision."""

    VIOLATION = "violation"
    """The date of the violation: what is a violation, which sanction, the limitation period."""
    STEP = "step"
    """The date of the procedural step: procedure and time limits."""
    REVIEW_YEAR = "review_year"
    """The last day of the review year: annual ratings."""


def _freeze(mapping: Mapping[str, Scalar]) -> Mapping[str, Scalar]:
    return dict(mapping)


@attrs.frozen
class Explanation:
    """Why an outcome is what it is.

    Args:
        rule_id: The rule (or guard, or check) that produced the outcome.
        rule_version: The version of that rule in force for the governing date.
        message_key: The key of the human message; templates come from the rulebook.
        args: The message's arguments.
        params: Every parameter read, with value, citation and status.
        inputs: The input values the rule read.
        thresholds: The thresholds the inputs were compared with.
        evidence: Ids of the evidence records behind the inputs.
        citations: The rule's own legal basis.
        governs: Which date governed the rules applied.
        governing_date: That date.
    """

    rule_id: str
    rule_version: str
    message_key: str
    args: Mapping[str, Scalar] = attrs.field(factory=dict, converter=_freeze)
    params: tuple[ParamUse, ...] = attrs.field(default=(), converter=to_tuple)
    inputs: Mapping[str, Scalar] = attrs.field(factory=dict, converter=_freeze)
    thresholds: Mapping[str, Scalar] = attrs.field(factory=dict, converter=_freeze)
    evidence: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    citations: tuple[Citation, ...] = attrs.field(default=(), converter=to_tuple)
    governs: GoverningDate | None = None
    governing_date: pendulum.Date | None = None

    @property
    def unconfirmed(self) -> tuple[str, ...]:
        """Keys of the parameters used whose value is UNCONFIRMED."""
        return tuple(p.key for p in self.params if p.status.value == "unconfirmed")

    @property
    def overridden(self) -> tuple[str, ...]:
        """Keys of the parameters used whose value the host overrode."""
        return tuple(p.key for p in self.params if p.overridden)

    def render(self, templates: Templates, lang: str) -> str:
        """The message in ``lang``, its arguments formatted for that language."""
        return templates.render(
            self.message_key, {**self.inputs, **self.thresholds, **self.args}, lang
        )

    def describe(self, templates: Templates, lang: str) -> str:
        """The message with its basis: rule and version, citations, parameters, inputs, flags."""
        t = templates
        lines = [self.render(t, lang)]
        lines.append(
            f"  {t.get(lang, 'explain.rule', 'rule')}: {self.rule_id} v{self.rule_version}"
        )
        if self.governing_date is not None:
            label = t.get(lang, "explain.governing_date", "governing date")
            lines.append(f"  {label}: {t.format(self.governing_date, lang)}")
        for c in self.citations:
            lines.append(f"  {t.get(lang, 'explain.citation', 'basis')}: {c}")
        for p in self.params:
            flag = ""
            if p.overridden:
                flag += " [" + t.get(lang, "explain.overridden", "overridden") + "]"
            if p.status.value != "confirmed":
                flag += " [" + t.get(lang, f"status.{p.status.value}", p.status.value) + "]"
            basis = "; ".join(str(c) for c in p.citations)
            lines.append(f"  {p.key} = {t.format(p.value, lang)} ({basis}){flag}")
        for name, value in self.inputs.items():
            lines.append(
                f"  {t.get(lang, 'explain.input', 'input')} {name} = {t.format(value, lang)}"
            )
        for name, value in self.thresholds.items():
            label = t.get(lang, "explain.threshold", "threshold")
            lines.append(f"  {label} {name} = {t.format(value, lang)}")
        if self.evidence:
            lines.append(
                f"  {t.get(lang, 'explain.evidence', 'evidence')}: {', '.join(self.evidence)}"
            )
        return "\n".join(lines)
