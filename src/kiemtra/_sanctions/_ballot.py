"""Counting a secret ballot on a sanction.

Each ballot names one form, or no sanction. A form is carried when its votes, as a share of the
denominator (all full members of the body, or those present, as the rulebook's parameter says), pass its
threshold. When no form passes on its own, votes count cumulatively from the heaviest form down: a vote for
a heavier form also supports every lighter one, and the first form whose running total passes is carried.
The thresholds are parameters read on the day of the vote; a form may have its own threshold for a given
purpose (expulsion needs two-thirds to be proposed and a majority of the deciding body to be decided).
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

import attrs

from kiemtra._errors import DefinitionError, InconsistentRecords, InvalidInput
from kiemtra._rules._explanation import Explanation, GoverningDate, Scalar
from kiemtra._rules._param import Citation, ParamUse
from kiemtra._rules._rulebook import Rulebook
from kiemtra._sanctions._forms import (
    CircumstanceRecord,
    Decision,
    FormScheme,
    SanctionForm,
    day_of,
    joined,
    version_of,
)

__all__ = [
    "BallotPurpose",
    "BallotResult",
    "BallotStep",
    "Threshold",
    "VoteScheme",
    "count_ballots",
    "expulsion_stands",
    "passes",
    "read_threshold",
]

NO_SANCTION = None
"""A ballot for no sanction."""


class BallotPurpose(enum.Enum):
    """Whether the body decides the sanction or proposes it to a body that decides."""

    DECIDE = "decide"
    PROPOSE = "propose"


@attrs.frozen
class Threshold:
    """A vote threshold as two parameters: a RATIO share and a FLAG (True: more than; False: at least)."""

    share_key: str
    strict_key: str


def _codes(values: Iterable[str]) -> frozenset[str]:
    return frozenset(str(v) for v in values)


@attrs.frozen
class VoteScheme:
    """How a rulebook counts sanction ballots.

    Args:
        default: The threshold of every form unless ``special`` names another.
        special: Thresholds for a ``(form code, purpose)``.
        denominator_key: A CHOICE parameter: ``"all_full_members"`` (the default when None) or
            ``"present_full_members"``.
        two_stage: Forms that must be proposed, then decided by another body (expulsion).
        rule_id: The rule id explanations carry.
    """

    default: Threshold
    special: Mapping[tuple[str, BallotPurpose], Threshold] = attrs.field(factory=dict)
    denominator_key: str | None = None
    two_stage: frozenset[str] = attrs.field(factory=frozenset, converter=_codes)
    rule_id: str = "sanction.ballot"

    def threshold(self, form: str, purpose: BallotPurpose) -> Threshold:
        """The threshold of ``form`` for ``purpose``."""
        return self.special.get((form, purpose), self.default)


def passes(votes: int, denominator: int, share: Fraction, strict: bool) -> bool:
    """Whether ``votes`` out of ``denominator`` pass ``share`` (strictly when ``strict``)."""
    ratio = Fraction(votes, denominator)
    return ratio > share if strict else ratio >= share


@attrs.frozen
class BallotStep:
    """One step of the cumulative count, heaviest form first.

    Attributes:
        form: The form.
        votes: Its own votes.
        running: Its votes plus those of every heavier form.
        share: The threshold share it had to pass.
        strict: Whether it had to be passed strictly.
        carried: Whether the running total passed.
    """

    form: str
    votes: int
    running: int
    share: Fraction
    strict: bool
    carried: bool


@attrs.frozen
class BallotResult:
    """The outcome of a ballot.

    Attributes:
        outcome: The form carried, or None (no form reached its threshold, or no sanction won).
        purpose: Decide or propose.
        counts: Votes per form code, every form on the ballot listed.
        no_sanction: Ballots for no sanction.
        members: Full members of the body (the eligible voters).
        present: Members who voted or were present.
        denominator: What the shares were taken of.
        cumulative: Whether the outcome was carried only with votes for heavier forms.
        steps: The count, heaviest form first, up to the form carried.
    """

    outcome: str | None
    purpose: BallotPurpose
    counts: Mapping[str, int]
    no_sanction: int
    members: int
    present: int
    denominator: int
    cumulative: bool
    steps: tuple[BallotStep, ...]


def _count(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInput(field, value, "must be a whole number >= 0")
    return value


def _denominator(
    scheme: VoteScheme, rulebook: Rulebook, day: _dt.date, members: int, present: int
) -> tuple[int, list[ParamUse]]:
    if scheme.denominator_key is None:
        return members, []
    use = rulebook.use(scheme.denominator_key, day)
    if use.value == "all_full_members":
        return members, [use]
    if use.value == "present_full_members":
        return present, [use]
    raise DefinitionError(scheme.denominator_key, [f"unknown denominator {use.value!r}"])


def read_threshold(
    rulebook: Rulebook, threshold: Threshold, day: _dt.date
) -> tuple[Fraction, bool, list[ParamUse]]:
    """The share and strictness of ``threshold`` in force on ``day``, and the parameters read.

    Raises:
        DefinitionError: the parameters are not a RATIO and a FLAG.
    """
    share = rulebook.use(threshold.share_key, day)
    strict = rulebook.use(threshold.strict_key, day)
    if not isinstance(share.value, Fraction) or not isinstance(strict.value, bool):
        raise DefinitionError(
            threshold.share_key, ["a threshold is a RATIO share and a FLAG strictness"]
        )
    return share.value, strict.value, [share, strict]


def count_ballots(
    scheme: VoteScheme,
    forms: FormScheme,
    choices: Sequence[SanctionForm],
    ballots: Iterable[str | None],
    *,
    members: int,
    voted_on: _dt.date,
    rulebook: Rulebook,
    purpose: BallotPurpose = BallotPurpose.DECIDE,
    present: int | None = None,
    circumstances: CircumstanceRecord | None = None,
) -> Decision[BallotResult]:
    """Count a secret ballot on a sanction.

    Args:
        scheme: How the rulebook counts.
        forms: The forms, for their order of severity.
        choices: The forms on the ballot paper (those the subject may receive, see
            :func:`~kiemtra._sanctions._forms.allowed_forms`).
        ballots: Each ballot's form code, or None for no sanction.
        members: The full members of the body, the absent included (those on leave or exempt from
            activity are the host's to leave out).
        voted_on: The day of the vote: the thresholds in force on it apply.
        rulebook: Where the thresholds are read.
        purpose: Decide or propose.
        present: Members present; the number of ballots when not given.
        circumstances: The circumstances recorded, carried into the explanation.

    Raises:
        InvalidInput: a ballot names a form not on the paper; a count is not a whole number; the body
            has no members.
        InconsistentRecords: more ballots than members present, or more present than members.
    """
    day = day_of(voted_on, "voted_on")
    members = _count(members, "members")
    on_paper = {f.code: f for f in choices}
    votes: Counter[str] = Counter()
    blank = 0
    cast = 0
    for i, ballot in enumerate(ballots):
        cast += 1
        if ballot is NO_SANCTION:
            blank += 1
        elif ballot in on_paper:
            votes[ballot] += 1
        else:
            raise InvalidInput(
                f"ballots[{i}]", ballot, f"not a form on the ballot ({joined(on_paper)})"
            )
    here = cast if present is None else _count(present, "present")
    if cast > here:
        raise InconsistentRecords("ballots", cast, f"more ballots than the {here} members present")
    if here > members:
        raise InconsistentRecords("present", here, f"more than the {members} members of the body")
    denominator, params = _denominator(scheme, rulebook, day, members, here)
    if denominator == 0:
        raise InvalidInput("members", members, "a body without members cannot vote")

    steps: list[BallotStep] = []
    thresholds: dict[str, Scalar] = {}
    running = 0
    outcome: SanctionForm | None = None
    for form in forms.heaviest_first(on_paper.values()):
        share, strict, used = read_threshold(rulebook, scheme.threshold(form.code, purpose), day)
        params.extend(u for u in used if u not in params)
        running += votes[form.code]
        carried = passes(running, denominator, share, strict)
        steps.append(BallotStep(form.code, votes[form.code], running, share, strict, carried))
        thresholds[f"share_{form.code}"] = share
        thresholds[f"strict_{form.code}"] = strict
        if carried:
            outcome = form
            break
    cumulative = outcome is not None and not passes(
        votes[outcome.code], denominator, steps[-1].share, steps[-1].strict
    )
    counts = {f.code: votes[f.code] for f in forms.heaviest_first(on_paper.values())}
    result = BallotResult(
        outcome=None if outcome is None else outcome.code,
        purpose=purpose,
        counts=counts,
        no_sanction=blank,
        members=members,
        present=here,
        denominator=denominator,
        cumulative=cumulative,
        steps=tuple(steps),
    )
    if outcome is None:
        key = "sanction.ballot.no_form_carried"
    elif cumulative:
        key = "sanction.ballot.carried_cumulatively"
    else:
        key = "sanction.ballot.carried"
    inputs: dict[str, Scalar] = {
        "members": members,
        "present": here,
        "ballots": cast,
        "denominator": denominator,
        "no_sanction": blank,
    }
    inputs.update({f"votes_{code}": n for code, n in counts.items()})
    args: dict[str, Scalar] = {
        "outcome": result.outcome,
        "purpose": purpose.value,
        "running": steps[-1].running if outcome is not None else None,
        "steps": joined(f"{s.form}:{s.running}" for s in steps),
    }
    citations: tuple[Citation, ...] = ()
    if circumstances is not None:
        args.update(circumstances.args())
        citations = circumstances.citations
    explanation = Explanation(
        scheme.rule_id,
        version_of(params),
        key,
        args=args,
        params=params,
        inputs=inputs,
        thresholds=thresholds,
        citations=citations,
        governs=GoverningDate.STEP,
        governing_date=day,
    )
    return Decision(result, explanation)


def expulsion_stands(
    scheme: VoteScheme,
    proposal: Decision[BallotResult],
    decision: Decision[BallotResult],
) -> Decision[bool]:
    """Whether a two-stage form (expulsion) stands: proposed by one ballot and decided by another.

    Raises:
        InvalidInput: ``proposal`` is not a PROPOSE ballot or ``decision`` not a DECIDE ballot.
    """
    if proposal.value.purpose is not BallotPurpose.PROPOSE:
        raise InvalidInput("proposal", proposal.value.purpose.value, "expected a ballot to propose")
    if decision.value.purpose is not BallotPurpose.DECIDE:
        raise InvalidInput("decision", decision.value.purpose.value, "expected a ballot to decide")
    proposed = proposal.value.outcome
    decided = decision.value.outcome
    stands = proposed is not None and proposed in scheme.two_stage and decided == proposed
    params = tuple(dict.fromkeys((*proposal.explanation.params, *decision.explanation.params)))
    explanation = Explanation(
        f"{scheme.rule_id}.two_stage",
        version_of(params),
        "sanction.ballot.two_stage_stands" if stands else "sanction.ballot.two_stage_fails",
        args={"proposed": proposed, "decided": decided},
        params=params,
        inputs={
            "proposal_votes": proposal.value.steps[-1].running if proposal.value.steps else 0,
            "proposal_denominator": proposal.value.denominator,
            "decision_votes": decision.value.steps[-1].running if decision.value.steps else 0,
            "decision_denominator": decision.value.denominator,
        },
        governs=GoverningDate.STEP,
        governing_date=decision.explanation.governing_date,
    )
    return Decision(stands, explanation)
