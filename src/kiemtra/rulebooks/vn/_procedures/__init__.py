"""The twelve procedures of the Vietnamese rulebook, as definitions for :class:`kiemtra.Engine`.

===================================  ==========================================================
Procedure                            Module
===================================  ==========================================================
InspectionOnSignsOfViolation         :mod:`._inspection` (with the combined route from QĐ 354)
ThematicInspection                   :mod:`._inspection`
InspectionOfOversightDuties          :mod:`._inspection`
PartyFinanceInspection               :mod:`._finance`
ThematicSupervision                  :mod:`._supervision`
RegularSupervision                   :mod:`._supervision`
DenunciationResolution               :mod:`._denunciation`
DisciplinaryProceeding               :mod:`._discipline`
DisciplinaryComplaintResolution      :mod:`._discipline`
RemovalFromRoll                      :mod:`._roll`
QualityClassification                :mod:`._roll`
Suspension                           :mod:`._roll`
===================================  ==========================================================

A case keeps the version in force on the day it opened; each step's time limit is the parameter in force
on the day of that step (the engine reads it). What is a violation, its sanction and its limitation follow
the violation's date (the guards pass it to the law of sanctions).

Every concluding move records an *outcome* (:data:`OUTCOMES`); :func:`outcome_of` reads it back from a
case's history. Labels: ``<Procedure>.title``, ``.state.<STATE>``, ``.move.<trigger>`` and
``.outcome.<outcome>``, and the guards' ``vn.blocked.<reason>`` messages (:func:`label_keys`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from kiemtra._workflow._case import Event
from kiemtra._workflow._definition import Procedure
from kiemtra._workflow._directory import Directory
from kiemtra.rulebooks.vn._procedures import (
    _denunciation,
    _discipline,
    _finance,
    _inspection,
    _roll,
    _supervision,
)
from kiemtra.rulebooks.vn._procedures._common import Doc, docs
from kiemtra.rulebooks.vn._procedures._denunciation import DENUNCIATION
from kiemtra.rulebooks.vn._procedures._discipline import (
    COMPLAINT_RESOLUTION,
    DECIDE_TRIGGERS,
    PROCEEDING,
)
from kiemtra.rulebooks.vn._procedures._evidence import (
    BallotRecord,
    ComplaintFacts,
    LetterFacts,
    RatingRecord,
    RemovalFacts,
    RestorationRecord,
    SanctionRecord,
    SuspensionFacts,
    ViolationFacts,
)
from kiemtra.rulebooks.vn._procedures._finance import PARTY_FINANCE
from kiemtra.rulebooks.vn._procedures._inspection import (
    INSPECTION_ON_SIGNS,
    OVERSIGHT_DUTIES,
    THEMATIC_INSPECTION,
)
from kiemtra.rulebooks.vn._procedures._roll import QUALITY, REMOVAL_FROM_ROLL, SUSPENSION
from kiemtra.rulebooks.vn._procedures._supervision import REGULAR_SUPERVISION, THEMATIC_SUPERVISION

__all__ = [
    "COMPLAINT_RESOLUTION",
    "DECIDE_TRIGGERS",
    "DENUNCIATION",
    "GUARD_MESSAGE_KEYS",
    "INSPECTION_ON_SIGNS",
    "NAMES",
    "OUTCOMES",
    "OVERSIGHT_DUTIES",
    "PARTY_FINANCE",
    "PROCEEDING",
    "QUALITY",
    "REGULAR_SUPERVISION",
    "REMOVAL_FROM_ROLL",
    "SANCTION_MESSAGE_KEYS",
    "SUSPENSION",
    "THEMATIC_INSPECTION",
    "THEMATIC_SUPERVISION",
    "BallotRecord",
    "ComplaintFacts",
    "Doc",
    "LetterFacts",
    "RatingRecord",
    "RemovalFacts",
    "RestorationRecord",
    "SanctionRecord",
    "SuspensionFacts",
    "ViolationFacts",
    "docs",
    "label_keys",
    "outcome_of",
    "procedures",
]

NAMES: Final = (
    INSPECTION_ON_SIGNS,
    THEMATIC_INSPECTION,
    OVERSIGHT_DUTIES,
    PARTY_FINANCE,
    THEMATIC_SUPERVISION,
    REGULAR_SUPERVISION,
    DENUNCIATION,
    PROCEEDING,
    COMPLAINT_RESOLUTION,
    REMOVAL_FROM_ROLL,
    QUALITY,
    SUSPENSION,
)
"""The twelve procedures, in the order of regulations.md (b)."""

OUTCOMES: Final[Mapping[str, Mapping[str, str]]] = {
    **_inspection.OUTCOMES,
    **_finance.OUTCOMES,
    **_supervision.OUTCOMES,
    **_denunciation.OUTCOMES,
    **_discipline.OUTCOMES,
    **_roll.OUTCOMES,
}
"""``procedure -> {trigger: outcome}``: what each concluding move records."""

GUARD_MESSAGE_KEYS: Final = tuple(
    sorted(
        {
            *_inspection.GUARD_KEYS,
            *_finance.GUARD_KEYS,
            *_supervision.GUARD_KEYS,
            *_denunciation.GUARD_KEYS,
            *_discipline.GUARD_KEYS,
            *_roll.GUARD_KEYS,
            "vn.blocked.no_finding_against_person",  # kiemtra.rulebooks.vn.open_for_person
        }
    )
)
"""The message keys of the procedures' own guards; the rulebook supplies their vi and en texts."""

SANCTION_MESSAGE_KEYS: Final = tuple(sorted({*_discipline.SANCTION_KEYS, *_roll.SANCTION_KEYS}))
"""Message keys of the law of sanctions that the guards may return as the reason for a block."""


def procedures(directory: Directory | None = None) -> tuple[Procedure, ...]:
    """The twelve procedures, in the order of :data:`NAMES`.

    Args:
        directory: The host's organisations. With it, every decision and proposal of a sanction is checked
            against the competence table on the day of the step (which body may decide which form for whom);
            without it, only the permits apply (which part of the case, which role).
    """
    return (
        _inspection.inspection_on_signs(),
        _inspection.thematic_inspection(),
        _inspection.oversight_duties(),
        _finance.party_finance_inspection(),
        _supervision.thematic_supervision(),
        _supervision.regular_supervision(),
        _denunciation.denunciation_resolution(),
        _discipline.disciplinary_proceeding(directory),
        _discipline.complaint_resolution(),
        _roll.removal_from_roll(),
        _roll.quality_classification(),
        _roll.suspension(),
    )


def label_keys(chosen: Iterable[Procedure] | None = None) -> tuple[str, ...]:
    """Every message key the procedures need a vi and an en text for: titles, states, moves, outcomes and
    the guards' own messages."""
    keys: set[str] = set(GUARD_MESSAGE_KEYS)
    for procedure in chosen if chosen is not None else procedures():
        keys.update(procedure.label_keys())
        keys.update(
            f"{procedure.name}.outcome.{o}" for o in OUTCOMES.get(procedure.name, {}).values()
        )
    return tuple(sorted(keys))


def outcome_of(procedure: str, events: Iterable[Event]) -> str | None:
    """The outcome the case's history records: the last concluding move's, or None.

    Args:
        procedure: The case's procedure.
        events: Its events, in order (``Engine.history``).
    """
    table = OUTCOMES.get(procedure, {})
    found = None
    for event in events:
        if event.trigger is not None and event.trigger in table:
            found = table[event.trigger]
    return found
