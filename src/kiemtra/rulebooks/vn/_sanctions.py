"""The Vietnamese law of sanctions as data for the generic mechanisms of :mod:`kiemtra._sanctions`.

Forms and their order (regulations.md row 12 and the glossary's severities), the circumstances of (d), the
kinds of violation with no limitation period (rows 19, 20), and the parameter keys each mechanism reads
(rows 11, 15–24, 28–30, (e)2, (e)3, 1–3, g.3 row 56). Every number is a parameter of :mod:`._params`; what
is here is which parameter means what, and the citations of the rules that are not numbers.

How this module settles what regulations.md leaves open:

* **Earlier periods.** As in :mod:`._params`, a rule starts with the first document regulations.md names
  for it. Mitigating circumstances start with QĐ 69 (2022); aggravating ones with QĐ 102 (members, 2017) and
  QĐ 07 (organisations, 2018); a lookup before raises :class:`~kiemtra.NotInForce`.
* **QĐ 69 Art 6 for members** is presumed to list what QĐ 102 Art 4 k2 listed (regulations.md (d): UNCONFIRMED);
  for organisations the items (e)6 quotes are CONFIRMED and the rest UNCONFIRMED.
* **The kinds with no limitation period** under QĐ 69 are SECONDARY for members (row 19: "SECONDARY for QĐ 69
  wording") and UNCONFIRMED for organisations (row 20: not re-checked for QĐ 69).
* **Expulsion is not escaped by removal** (QĐ 30 Art 35 via the Bình Thuận handbook, CONFIRMED); the QĐ 22 and
  QĐ 296 wording was not read and is carried forward UNCONFIRMED.
* **"Two consecutive years violating member standards"** (row 3, (e)9): the reading of a "year of violation" is
  the host's (``host_defined``); every explanation says the question is open.
"""

from __future__ import annotations

import enum
from typing import Final

import pendulum

from kiemtra._rules._param import Citation, Status
from kiemtra._sanctions._ballot import BallotPurpose, Threshold, VoteScheme
from kiemtra._sanctions._effect import BarKind, ComplaintScheme, EffectScheme
from kiemtra._sanctions._forms import (
    Basis,
    Circumstance,
    CircumstanceCatalogue,
    CircumstanceKind,
    FormScheme,
    SanctionForm,
    SanctionSubject,
)
from kiemtra._sanctions._limitation import DeferralScheme, LimitationScheme, UnlimitedKind
from kiemtra._sanctions._removal import RemovalScheme
from kiemtra._time import DateRange
from kiemtra.rulebooks.vn import _sources as s

__all__ = [
    "Aggravating",
    "CIRCUMSTANCES",
    "COMPLAINTS",
    "DEFERRAL",
    "EFFECT",
    "FORMS",
    "Form",
    "LIMITATION",
    "Mitigating",
    "NoLimitationKind",
    "REMOVAL",
    "VOTES",
]

C: Final = Status.CONFIRMED
S: Final = Status.SECONDARY
U: Final = Status.UNCONFIRMED
RM: Final = "shared/domain/regulations.md"

CHARTER = s.CHARTER_2011.effective
QD30 = s.QD_30.effective
QD22 = s.QD_22.effective
QD296 = s.QD_296.effective
QD102 = s.QD_102.effective
QD07 = s.QD_07.effective
QD69 = s.QD_69.effective


def _basis(
    start: pendulum.Date,
    end: pendulum.Date | None,
    citations: list[Citation],
    status: Status,
    note: str = "",
) -> Basis:
    return Basis(DateRange(start, end), citations, status, note)


class Form(enum.StrEnum):
    """The forms of party discipline (regulations.md (a) "Outcomes", row 12)."""

    REPRIMAND = "reprimand"
    """Khiển trách."""
    WARNING = "warning"
    """Cảnh cáo."""
    REMOVAL_FROM_POST = "removal_from_post"
    """Cách chức: only a full member holding a post."""
    EXPULSION = "expulsion"
    """Khai trừ: only a full member."""
    DISSOLUTION = "dissolution"
    """Giải tán: only an organisation."""


_ORG = SanctionSubject.ORGANISATION
_FULL = SanctionSubject.FULL_MEMBER
_PROB = SanctionSubject.PROBATIONARY_MEMBER

_CHARTER_35 = s.CHARTER_2011.cite("Art 35", "k2", source="hcmup.edu.vn (Charter ch. VIII)")
FORMS: Final = FormScheme(
    forms=(
        SanctionForm(Form.REPRIMAND, 1, {_ORG, _FULL, _PROB}),
        SanctionForm(Form.WARNING, 2, {_ORG, _FULL, _PROB}),
        SanctionForm(Form.REMOVAL_FROM_POST, 3, {_FULL}, needs_post=True),
        SanctionForm(Form.EXPULSION, 4, {_FULL}, lapses=False),
        SanctionForm(Form.DISSOLUTION, 3, {_ORG}, lapses=False),
    ),
    bases=(
        # row 12; severities from the glossary (a): dissolution is 3 for organisations
        _basis(CHARTER, QD22, [_CHARTER_35], C),
        _basis(QD22, QD69, [_CHARTER_35, s.QD_22.cite("Art 10", source="dongnai.dcs.vn")], C),
        _basis(
            QD69,
            QD296,
            [_CHARTER_35, s.QD_69.cite("Art 7", source="thuvienphapluat 41466; lawnet EN 24507")],
            C,
        ),
        _basis(
            QD296,
            None,
            [
                _CHARTER_35,
                s.QD_69.cite("Art 7", source="thuvienphapluat 41466; lawnet EN 24507"),
                s.QD_296.cite("Art 9", source="quiz bank Q69, Q83"),
            ],
            C,
            "The forms are confirmed by the Charter and QĐ 69; the QĐ 296 article number is SECONDARY "
            "(regulations.md g.2 row 12).",
        ),
    ),
)
"""Forms by subject, in order of severity, with their basis by violation date."""


# -- circumstances (regulations.md (d), (e)6) ---------------------------------------------------------------


class Mitigating(enum.StrEnum):
    """Mitigating circumstances (QĐ 69 Art 5: k1 organisations, k2 members)."""

    SELF_REPORTED = "self_reported"
    """Self-reported the violation and self-proposed a proportional sanction before or during KTGS."""
    INFORMED_ON_CO_VIOLATORS = "informed_on_co_violators"
    """Gave full, truthful information on co-violators (members)."""
    STOPPED_AND_REMEDIED = "stopped_and_remedied"
    """Stopped the violation, helped prevent it, returned assets, compensated or remedied."""
    AUTHORISED_INNOVATION = "authorised_innovation"
    """Violated while carrying out an authorised pilot or innovation (members)."""
    PROVIDED_EVIDENCE = "provided_evidence"
    """Provided evidence (organisations)."""
    HELPED_HANDLE_OTHERS = "helped_handle_others"
    """Helped the competent organisation handle others (organisations)."""


class Aggravating(enum.StrEnum):
    """Aggravating circumstances (QĐ 102 Art 4 k2; QĐ 07; QĐ 69 Art 6)."""

    NOT_CORRECTED_AFTER_REMINDER = "not_corrected_after_reminder"
    """Reminded or educated but did not correct; did not remedy shortcomings named in a conclusion."""
    EVASIVE_OR_CONCEALING = "evasive_or_concealing"
    """Evasive, concealing, not admitting."""
    COVERING_CO_VIOLATORS = "covering_co_violators"
    """Covering up for co-violators."""
    RETALIATING = "retaliating"
    """Retaliating against or suppressing denouncers, witnesses, providers of evidence."""
    FALSE_REPORTS_OR_DESTROYED_EVIDENCE = "false_reports_or_destroyed_evidence"
    """False reports, threats to withhold evidence, destroyed documents, forged records."""
    DAMAGE_NOT_REMEDIED = "damage_not_remedied"
    """Material damage not remedied."""
    REPEATED = "repeated"
    """Repeated or systematic violation, recidivism."""
    EXPLOITING_EMERGENCIES = "exploiting_emergencies"
    """Exploiting emergencies, disasters, epidemics, social-security policies or security measures for gain."""


_QD69_5_SOURCE = "thuvienphapluat 43958; a thuvienphapluat mirror Q&A"
_MIT_MEMBER = [_basis(QD69, None, [s.QD_69.cite("Art 5", "k2", source=_QD69_5_SOURCE)], C)]
_MIT_ORG = [_basis(QD69, None, [s.QD_69.cite("Art 5", "k1", source=_QD69_5_SOURCE)], C)]

_QD102_4 = s.QD_102.cite("Art 4", "k2", source="vtv.vn")
_QD07_AGG = s.QD_07.cite(source="thukyluat.vn")
_QD69_6_MEMBER = s.QD_69.cite("Art 6", source=RM + " (d) (presumed like QĐ 102 Art 4 k2)")
_QD69_6_ORG = s.QD_69.cite("Art 6", source="lawnet.vn 146185")
_PRESUMED = "QĐ 69 Art 6 for members was not read; presumed to list what QĐ 102 Art 4 k2 listed (regulations.md (d))."
_ORG_NOT_QUOTED = "Not among the QĐ 69 Art 6 items regulations.md (e)6 quotes (the list is cut); carried from QĐ 07."


def _aggravating(org_quoted: bool, *, before_69: bool = True) -> dict[str, list[Basis]]:
    member = [_basis(QD69, None, [_QD69_6_MEMBER], U, _PRESUMED)]
    org = [
        _basis(QD69, None, [_QD69_6_ORG], C)
        if org_quoted
        else _basis(QD69, None, [_QD69_6_ORG], U, _ORG_NOT_QUOTED)
    ]
    if before_69:
        member.insert(0, _basis(QD102, QD69, [_QD102_4], C))
        org.insert(0, _basis(QD07, QD69, [_QD07_AGG], C))
    return {"member": member, "organisation": org}


CIRCUMSTANCES: Final = CircumstanceCatalogue(
    (
        Circumstance(
            Mitigating.SELF_REPORTED,
            CircumstanceKind.MITIGATING,
            {"member": _MIT_MEMBER, "organisation": _MIT_ORG},
        ),
        Circumstance(
            Mitigating.INFORMED_ON_CO_VIOLATORS,
            CircumstanceKind.MITIGATING,
            {"member": _MIT_MEMBER},
        ),
        Circumstance(
            Mitigating.STOPPED_AND_REMEDIED,
            CircumstanceKind.MITIGATING,
            {"member": _MIT_MEMBER, "organisation": _MIT_ORG},
        ),
        Circumstance(
            Mitigating.AUTHORISED_INNOVATION, CircumstanceKind.MITIGATING, {"member": _MIT_MEMBER}
        ),
        Circumstance(
            Mitigating.PROVIDED_EVIDENCE, CircumstanceKind.MITIGATING, {"organisation": _MIT_ORG}
        ),
        Circumstance(
            Mitigating.HELPED_HANDLE_OTHERS, CircumstanceKind.MITIGATING, {"organisation": _MIT_ORG}
        ),
        Circumstance(
            Aggravating.NOT_CORRECTED_AFTER_REMINDER,
            CircumstanceKind.AGGRAVATING,
            _aggravating(True),
        ),
        Circumstance(
            Aggravating.EVASIVE_OR_CONCEALING, CircumstanceKind.AGGRAVATING, _aggravating(True)
        ),
        Circumstance(
            Aggravating.COVERING_CO_VIOLATORS, CircumstanceKind.AGGRAVATING, _aggravating(True)
        ),
        Circumstance(Aggravating.RETALIATING, CircumstanceKind.AGGRAVATING, _aggravating(True)),
        Circumstance(
            Aggravating.FALSE_REPORTS_OR_DESTROYED_EVIDENCE,
            CircumstanceKind.AGGRAVATING,
            _aggravating(True),
        ),
        Circumstance(
            Aggravating.DAMAGE_NOT_REMEDIED, CircumstanceKind.AGGRAVATING, _aggravating(False)
        ),
        Circumstance(Aggravating.REPEATED, CircumstanceKind.AGGRAVATING, _aggravating(True)),
        Circumstance(
            Aggravating.EXPLOITING_EMERGENCIES,
            CircumstanceKind.AGGRAVATING,
            _aggravating(True, before_69=False),
        ),
    )
)
"""The circumstances of regulations.md (d) and (e)6, with their basis by violation date."""


# -- limitation (rows 19–21, g.2 row 19) ---------------------------------------------------------------------


class NoLimitationKind(enum.StrEnum):
    """Kinds of violation with no limitation period (row 19 for members, row 20 for organisations)."""

    INTERNAL_POLITICS = "internal_politics"
    """Internal political protection (bảo vệ chính trị nội bộ)."""
    SECURITY_DEFENCE_FOREIGN_AFFAIRS = "security_defence_foreign_affairs"
    """National security, defence or foreign affairs, harming the national interest."""
    ILLEGAL_DIPLOMA = "illegal_diploma"
    """Using illegal diplomas or certificates (members only)."""


_QD102_3 = s.QD_102.cite(
    "Art 3", source="stdt.danguykhoibinhthuan.vn 'Thời hiệu'; congan.hatinh.gov.vn"
)
_QD69_4 = s.QD_69.cite("Art 4", source="m.vinhcity.gov.vn; quiz bank Q25")
_QD07_5 = s.QD_07.cite("Art 5", source="thukyluat.vn; thuvienphapluat Q&A")
_QD69_4_ORG = s.QD_69.cite("Art 4", source=RM + " row 20")
_MEMBER_KINDS = [
    _basis(QD102, QD69, [_QD102_3], C),
    _basis(
        QD69,
        None,
        [_QD69_4],
        S,
        "regulations.md row 19: the QĐ 69 wording of the list is SECONDARY.",
    ),
]
_ORG_KINDS = [
    _basis(QD07, QD69, [_QD07_5], C),
    _basis(QD69, None, [_QD69_4_ORG], U, "regulations.md row 20: not re-checked for QĐ 69."),
]

LIMITATION: Final = LimitationScheme(
    periods={
        ("member", Form.REPRIMAND): "discipline.limitation.member.reprimand",
        ("member", Form.WARNING): "discipline.limitation.member.warning_or_removal",
        ("member", Form.REMOVAL_FROM_POST): "discipline.limitation.member.warning_or_removal",
        ("organisation", Form.REPRIMAND): "discipline.limitation.org.reprimand",
        ("organisation", Form.WARNING): "discipline.limitation.org.warning",
    },
    unlimited_levels={
        ("member", Form.EXPULSION): "discipline.limitation.member.expulsion_unlimited",
        ("organisation", Form.DISSOLUTION): "discipline.limitation.org.dissolution_unlimited",
    },
    unlimited_kinds=(
        UnlimitedKind(
            NoLimitationKind.INTERNAL_POLITICS,
            {"member": _MEMBER_KINDS, "organisation": _ORG_KINDS},
        ),
        UnlimitedKind(
            NoLimitationKind.SECURITY_DEFENCE_FOREIGN_AFFAIRS,
            {"member": _MEMBER_KINDS, "organisation": _ORG_KINDS},
        ),
        UnlimitedKind(NoLimitationKind.ILLEGAL_DIPLOMA, {"member": _MEMBER_KINDS}),
    ),
    ends_at_key="discipline.limitation.ends_at",
)
"""Limitation periods by subject and level, the kinds with none, and the end point."""

DEFERRAL: Final = DeferralScheme(child_age_key="discipline.deferral.child_age")
"""Deferral while pregnant, nursing a young child, or seriously ill in hospital (row 18)."""

VOTES: Final = VoteScheme(
    default=Threshold("discipline.vote.sanction.share", "discipline.vote.sanction.strict"),
    special={
        (Form.EXPULSION, BallotPurpose.PROPOSE): Threshold(
            "discipline.vote.expulsion_proposal.share", "discipline.vote.expulsion_proposal.strict"
        ),
        (Form.EXPULSION, BallotPurpose.DECIDE): Threshold(
            "discipline.vote.expulsion_decision.share", "discipline.vote.expulsion_decision.strict"
        ),
    },
    denominator_key="membership.vote.denominator",
    two_stage=(Form.EXPULSION,),
)
"""Ballot thresholds (rows 11, 15–17, g.2 row 15)."""

EFFECT: Final = EffectScheme(
    lapse_key="discipline.effect_lapse",
    pending_bases=(
        _basis(
            CHARTER,
            None,
            [s.CHARTER_2011.cite("Art 39", "k9", source="dangcongsan.vn Q&A 428680")],
            C,
            "While a complaint is pending, the sanction stays in force (row 29).",
        ),
    ),
    bars={
        Form.REPRIMAND: ((BarKind.APPOINTMENT, "discipline.appointment_bar.reprimand"),),
        Form.WARNING: ((BarKind.APPOINTMENT, "discipline.appointment_bar.warning"),),
        Form.REMOVAL_FROM_POST: (
            (BarKind.APPOINTMENT, "discipline.appointment_bar.removal"),
            (BarKind.ELECTION_OR_EQUAL_POST, "discipline.removal_from_post.bar"),
        ),
    },
)
"""Effect period, the pending-complaint rule and the bars (rows 22–24, 29)."""

COMPLAINTS: Final = ComplaintScheme(
    window_key="complaint.window",
    start_key="complaint.window_start",
    resolution_keys={
        "provincial_and_below": "complaint.resolution.provincial_and_below",
        "central": "complaint.resolution.central",
    },
)
"""The complaint window, its start event, and the resolution time limits (row 28, 30, (e)2, (e)3)."""

_NOT_INSTEAD = s.QD_30.cite(
    "Art 35", source="stdt.danguykhoibinhthuan.vn 'Hình thức kỷ luật' (Bình Thuận handbook)"
)
REMOVAL: Final = RemovalScheme(
    three_month_rule_id="membership.three_month_rule",
    no_progress_key="membership.removal.no_progress",
    standing_violation_key="membership.removal.standing_violation",
    screening=Threshold("membership.screening.share", "membership.screening.strict"),
    expulsion_form=Form.EXPULSION,
    bases=(
        _basis(QD30, QD22, [_NOT_INSTEAD], C),
        _basis(
            QD22,
            None,
            [_NOT_INSTEAD, s.QD_22.cite(source=RM + " (b)9, (d)")],
            U,
            "The QĐ 22 and QĐ 296 wording was not read: QĐ 30's rule is carried forward UNCONFIRMED.",
        ),
    ),
    standing_violation_reading="host_defined",
)
"""Removal from the roll: the grounds' parameters and the rule against striking off instead of expelling."""
