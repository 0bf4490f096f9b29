"""The public test kit: deterministic factories, a fixed clock, and hypothesis strategies.

Everything here is deterministic: ids come from an :class:`Ids` counter that a test owns (there is no
global counter), and default dates come from the 2019 Hà Lầm article the project started from.

It also carries :func:`procedure_state_machine`, a hypothesis stateful test that any procedure
definition plugs into, and :func:`company_rulebook`, a small rulebook that is not Vietnamese (a company's
complaint handling) with its :class:`CompanyCast` of actors, to exercise the engine generically. This module imports hypothesis; ``import kiemtra`` never imports it.

Example:
    >>> tree = make_org_tree()
    >>> roll = make_roll(tree)
    >>> roll.cell_of("m0001", pendulum.date(2019, 1, 10))
    'ha-lam.kp1'
"""

from __future__ import annotations

from kiemtra._example import CompanyCast, company_rulebook
from kiemtra._stateful import AttachedEvidence, procedure_state_machine
from kiemtra._testing_factories import (
    ARTICLE_DAY,
    REFORM_2025,
    Ids,
    RecordFactory,
    fixed_clock,
    make_member,
    make_org_tree,
    make_roll,
)
from kiemtra._testing_strategies import (
    MODEL_TYPES,
    st_date,
    st_date_range,
    st_explanation,
    st_instant,
    st_money,
    st_scalar,
    strategies_for,
)

__all__ = [
    "ARTICLE_DAY",
    "MODEL_TYPES",
    "REFORM_2025",
    "AttachedEvidence",
    "CompanyCast",
    "Ids",
    "RecordFactory",
    "company_rulebook",
    "fixed_clock",
    "make_member",
    "make_org_tree",
    "make_roll",
    "procedure_state_machine",
    "st_date",
    "st_date_range",
    "st_explanation",
    "st_instant",
    "st_money",
    "st_scalar",
    "strategies_for",
]
