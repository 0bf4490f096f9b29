"""Rule sets over fact tables: the public face of kiemtra's rule evaluation (imports polars).

A host that writes its own rulebook builds its rules here: :class:`~kiemtra.Rule` values (exported by
``kiemtra``) computed over :class:`FeatureTable` values, evaluated by a :class:`RuleSet` over a whole
population in two lazy queries (features, then verdicts and their details), or for one subject through the same definitions, into :class:`Findings` that
explain themselves. ``examples/compliance_office.py`` builds a company's rule set this way; the Vietnamese
rulebook's is ``kiemtra.rulebooks.vn.ruleset()``.
"""

from __future__ import annotations

from kiemtra._rules._evaluate import (
    FINDINGS_SCHEMA,
    ROW,
    Detail,
    FeatureContext,
    FeatureTable,
    Findings,
    ParamColumns,
    RuleSet,
    param_frame,
    period_label,
)
from kiemtra._rules._rule import finding_ref

__all__ = [
    "FINDINGS_SCHEMA",
    "ROW",
    "Detail",
    "FeatureContext",
    "FeatureTable",
    "Findings",
    "ParamColumns",
    "RuleSet",
    "finding_ref",
    "param_frame",
    "period_label",
]
