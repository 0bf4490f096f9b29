"""The Vietnamese rule set: duty checks and fund audits over their feature tables."""

from __future__ import annotations

from kiemtra._rules._evaluate import RuleSet
from kiemtra.rulebooks.vn._audit import AUDIT_RULES
from kiemtra.rulebooks.vn._duty import DUTY_RULES
from kiemtra.rulebooks.vn._features import FEATURES

__all__ = ["ruleset"]


def ruleset() -> RuleSet:
    """Every rule of the Vietnamese rulebook, with the feature tables they read."""
    return RuleSet(FEATURES, (*DUTY_RULES, *AUDIT_RULES))
