"""The facts a move carries for the Vietnamese guards to check: each is evidence with an ``id`` and a ``kind``.

A move that needs facts requires evidence of a kind (``Requirement(["ballot"])``); the guard then reads the
record of that kind among the evidence attached to the fire. A plain :class:`~._common.Doc` of the same
kind satisfies the engine's requirement but not the guard, which blocks with ``vn.blocked.facts_missing``.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
import pendulum

from kiemtra._model._member import Member
from kiemtra._rules._explanation import Explanation
from kiemtra._sanctions._limitation import PersonalSituation
from kiemtra._sanctions._removal import Education
from kiemtra._util import to_tuple
from kiemtra.rulebooks.vn._procedures._common import a_date, dates, opt_date

__all__ = [
    "BallotRecord",
    "ComplaintFacts",
    "LetterFacts",
    "RatingRecord",
    "RemovalFacts",
    "RestorationRecord",
    "SanctionRecord",
    "SuspensionFacts",
    "ViolationFacts",
]


def _ballots(values: Iterable[str | None]) -> tuple[str | None, ...]:
    return tuple(values)


@attrs.frozen
class ViolationFacts:
    """A violation and the member's situation, for the checks before a proceeding goes on.

    Args:
        id: The record's id.
        level: The form of sanction the violation warrants (its level: ``"reprimand"``...).
        committed_on: When it was committed, or began if it continued.
        ended_on: When a continuing violation ended.
        kinds: Kinds that lift the limitation period (``"internal_politics"``...).
        new_violations: Later violations by the same member (they restart the period).
        subject_status: ``"full_member"``, ``"probationary_member"`` or ``"organisation"``.
        situation: Pregnancy, children nursed and hospital stays, for deferral.
        decided_to_inspect_on: The day of the decision to inspect; the day the case opened if None.
        concluded_on: The day the competent body concluded the violation warrants discipline; the day the
            case opened if None.
        kind: ``"violation"``.
    """

    id: str
    level: str
    committed_on: pendulum.Date = attrs.field(converter=a_date)
    ended_on: pendulum.Date | None = attrs.field(default=None, converter=opt_date)
    kinds: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    new_violations: tuple[pendulum.Date, ...] = attrs.field(default=(), converter=dates)
    subject_status: str = "full_member"
    situation: PersonalSituation = attrs.field(factory=PersonalSituation)
    decided_to_inspect_on: pendulum.Date | None = attrs.field(default=None, converter=opt_date)
    concluded_on: pendulum.Date | None = attrs.field(default=None, converter=opt_date)
    kind: str = "violation"


@attrs.frozen
class BallotRecord:
    """A secret ballot on a sanction: the paper, the ballots and who could vote.

    Args:
        id: The record's id (the tally minutes).
        ballots: Each ballot's form code, or None for no sanction.
        members: Full members of the voting body, the absent included.
        choices: The forms on the paper.
        violation_on: The day of the violation: which forms the subject may receive follows it.
        present: Members present; the number of ballots when None.
        subject_status: ``"full_member"``, ``"probationary_member"`` or ``"organisation"``.
        holds_post: Whether the member holds a post (removal from post needs one).
        higher_level_task: Whether the violation concerns a task assigned by a higher level.
        kind: ``"ballot"``, or ``"proposal_ballot"`` for the lower body's proposal shown to the higher one.
    """

    id: str
    ballots: tuple[str | None, ...] = attrs.field(converter=_ballots)
    members: int
    choices: tuple[str, ...] = attrs.field(converter=to_tuple)
    violation_on: pendulum.Date = attrs.field(converter=a_date)
    present: int | None = None
    subject_status: str = "full_member"
    holds_post: bool = False
    higher_level_task: bool = False
    kind: str = "ballot"


@attrs.frozen
class SanctionRecord:
    """A sanction as announced, for the checks on its effect.

    Args:
        id: The decision's id.
        form: The form.
        announced_on: The day it was announced.
        complaint_filed_on: The day a complaint against it was filed, if any.
        complaint_decided_on: The day that complaint was decided, if it was.
        complaint_outcome: ``"upheld"``, ``"changed"`` or ``"annulled"`` once decided.
        new_violation_on: A new violation within the effect period, if any.
        kind: ``"sanction"``.
    """

    id: str
    form: str
    announced_on: pendulum.Date = attrs.field(converter=a_date)
    complaint_filed_on: pendulum.Date | None = attrs.field(default=None, converter=opt_date)
    complaint_decided_on: pendulum.Date | None = attrs.field(default=None, converter=opt_date)
    complaint_outcome: str | None = None
    new_violation_on: pendulum.Date | None = attrs.field(default=None, converter=opt_date)
    kind: str = "sanction"


@attrs.frozen
class ComplaintFacts:
    """A complaint against a disciplinary decision, for the checks of time and admissibility.

    Args:
        id: The letter's id.
        filed_on: The day it was sent (by hand, or the postmark).
        form: The form of the sanction complained of.
        announced_on: The day the decision complained of was announced (a proceeding uses its own record
            of the announcement instead).
        received_on: The day the member received the decision, when the window runs from receipt.
        by_proxy: Whether someone complains on the member's behalf.
        decision_received: Whether the member received a written decision.
        at_final_level: Whether the body resolving it is the final level for the form.
        handled_by_higher_level: Whether a higher level is already handling it.
        criminal_sentence: Whether a court sentence of non-custodial reform or heavier bears on it.
        kind: ``"complaint"``.
    """

    id: str
    filed_on: pendulum.Date = attrs.field(converter=a_date)
    form: str = "reprimand"
    announced_on: pendulum.Date | None = attrs.field(default=None, converter=opt_date)
    received_on: pendulum.Date | None = attrs.field(default=None, converter=opt_date)
    by_proxy: bool = False
    decision_received: bool = True
    at_final_level: bool = False
    handled_by_higher_level: bool = False
    criminal_sentence: bool = False
    kind: str = "complaint"


@attrs.frozen
class LetterFacts:
    """A denunciation letter as the screening sees it.

    Args:
        id: The letter's id.
        received_on: The day it was received.
        named: Whether it bears the denouncer's real name.
        address_given: Whether it gives an address to answer.
        pseudonymous: Whether the name is assumed.
        concrete: Whether its content is concrete and can be verified.
        repeats_concluded_case: Whether it repeats a denunciation already concluded.
        new_content: Whether, if it repeats, it brings new content or evidence.
        also_complaint: Whether the same letter complains against a disciplinary decision.
        congress_opens_on: The day the coming congress opens, if one is near.
        level: ``"grassroots"`` or ``"above_grassroots"``: which pre-congress window applies.
        kind: ``"letter"``.
    """

    id: str
    received_on: pendulum.Date = attrs.field(converter=a_date)
    named: bool = True
    address_given: bool = True
    pseudonymous: bool = False
    concrete: bool = True
    repeats_concluded_case: bool = False
    new_content: bool = False
    also_complaint: bool = False
    congress_opens_on: pendulum.Date | None = attrs.field(default=None, converter=opt_date)
    level: str = attrs.field(
        default="grassroots", validator=attrs.validators.in_(("grassroots", "above_grassroots"))
    )
    kind: str = "letter"

    @property
    def anonymous(self) -> bool:
        """Anonymous, pseudonymous, or without an address to answer."""
        return not self.named or self.pseudonymous or not self.address_given


@attrs.frozen
class RestorationRecord:
    """What was done for a member whose sanction was annulled (QĐ 117-QĐ/TW).

    Args:
        id: The record's id.
        apologised_on: The day the apology was made, if it was.
        posts_restored: Whether the posts lost through the sanction were restored.
        rights_restored: Whether the rights and benefits were restored.
        kind: ``"restoration_record"``.
    """

    id: str
    apologised_on: pendulum.Date | None = attrs.field(default=None, converter=opt_date)
    posts_restored: bool = False
    rights_restored: bool = False
    kind: str = "restoration_record"


@attrs.frozen
class RemovalFacts:
    """The grounds for removing a member from the roll, as the cell and the committee judge them.

    Args:
        id: The record's id.
        member: The member.
        findings: The rules engine's findings about the member (their explanations).
        education: The cell's education of the member, if it listed them.
        standing_violation_years: Years the host found the member violated member standards.
        deserved_form: The sanction the member's violation deserves, if one was concluded.
        kind: ``"removal_grounds"``.
    """

    id: str
    member: Member
    findings: tuple[Explanation, ...] = attrs.field(default=(), converter=to_tuple)
    education: Education | None = None
    standing_violation_years: tuple[int, ...] | None = None
    deserved_form: str | None = None
    kind: str = "removal_grounds"


@attrs.frozen
class SuspensionFacts:
    """Why a suspension is decided, and whether the member sits on a committee.

    Args:
        id: The record's id.
        committee_member: Whether the member is a committee member (cấp ủy viên).
        grounds: What the suspension prevents (obstruction, prosecution...).
        kind: ``"suspension_grounds"``.
    """

    id: str
    committee_member: bool = False
    grounds: str = ""
    kind: str = "suspension_grounds"


@attrs.frozen
class RatingRecord:
    """The level a member or collective is rated at (from :meth:`kiemtra.Engine.rate`, or proposed).

    Args:
        id: The record's id.
        level: ``"excellent"``, ``"good"``, ``"completed"`` or ``"not_completed"``.
        kind: ``"rating"``.
    """

    id: str
    level: str = attrs.field(
        validator=attrs.validators.in_(("excellent", "good", "completed", "not_completed"))
    )
    kind: str = "rating"
