"""The Vietnamese party rulebook: inspection, supervision and discipline at a ward party organisation.

Every number is a parameter with its own effective periods, citations and confirmation status, taken from
``shared/domain/regulations.md``; every parameter, status, unit and engine message has a Vietnamese and an
English text. The rulebook carries its rule set, its rating and its twelve procedures
(``extras["procedures"]``, see :mod:`._procedures`)::

    from kiemtra.rulebooks import vn

    book = vn.rulebook(directory=host_directory)   # with the directory, competence is checked too
    book.use("complaint.window", pendulum.date(2019, 6, 1))   # 30 working days, SECONDARY
    engine = kiemtra.Engine(book, store, clock, access=kiemtra.AccessPolicy(directory=host_directory))
    vn.open_from_findings(engine, engine.audit(facts, period), commission, directory=host_directory)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiemtra import Rulebook, Templates
from kiemtra._workflow._directory import Directory
from kiemtra.rulebooks.vn import _visibility
from kiemtra.rulebooks.vn._intake import open_for_person, open_from_findings
from kiemtra.rulebooks.vn._labels import templates as _param_templates
from kiemtra.rulebooks.vn._params import params
from kiemtra.rulebooks.vn._policy import POLICY_TEMPLATES, SimulatedWard
from kiemtra.rulebooks.vn._procedure_labels import procedure_templates
from kiemtra.rulebooks.vn._procedures import Doc, procedures
from kiemtra.rulebooks.vn._rule_labels import rule_templates
from kiemtra.rulebooks.vn._sanction_labels import sanction_templates

if TYPE_CHECKING:
    from kiemtra._rules._evaluate import RuleSet
    from kiemtra.facts import Facts
    from kiemtra.rulebooks.vn._rating import Ratings

__all__ = [
    "Doc",
    "SimulatedWard",
    "open_for_person",
    "open_from_findings",
    "params",
    "procedures",
    "rate_members",
    "rulebook",
    "ruleset",
    "templates",
]

NAME = "vn"
"""The rulebook's id."""


def templates() -> Templates:
    """Every Vietnamese and English text of the rulebook: parameters, engine messages, rules, sanctions and
    procedures."""
    return (
        _param_templates()
        .merged(rule_templates())
        .merged(sanction_templates())
        .merged(procedure_templates())
        .merged(
            Templates(
                {
                    "vi": {k: vi for k, (vi, _en) in POLICY_TEMPLATES.items()},
                    "en": {k: en for k, (_vi, en) in POLICY_TEMPLATES.items()},
                }
            )
        )
    )


def ruleset() -> RuleSet:
    """The duty checks and fund audits (imports polars, so it is loaded on first use)."""
    from kiemtra.rulebooks.vn._ruleset import ruleset as build

    return build()


def rate_members(facts: Facts, year: int, book: Rulebook) -> Ratings:
    """Rate members for ``year`` (imports polars on first use); see :mod:`._rating`."""
    from kiemtra.rulebooks.vn._rating import rate_members as rate

    return rate(facts, year, book)


def rulebook(directory: Directory | None = None) -> Rulebook:
    """The Vietnamese rulebook: parameters and templates, with its rule set (``extras["ruleset"]``) and its
    rating (``extras["rate_members"]``) as factories, so that polars is imported only when used, and its
    twelve procedures (``extras["procedures"]``) with the intake that opens cases from findings
    (``extras["open_from_findings"]``, see :func:`open_from_findings`), its visibility rules
    (``extras["visibility"]``) and its notifications (``extras["notifications"]``, a factory), see
    :mod:`._visibility`.

    Args:
        directory: The host's organisations; with it, the disciplinary proceeding checks every decision and
            proposal against the competence table on the day of the step (see :func:`procedures`).
    """
    return Rulebook(
        NAME,
        params(),
        templates(),
        extras={
            "ruleset": ruleset,
            "rate_members": rate_members,
            "procedures": procedures(directory),
            "open_from_findings": open_from_findings,
            "decision_policy": SimulatedWard,
            "visibility": _visibility.visibility(),
            "notifications": _visibility.notifications,
        },
    )
