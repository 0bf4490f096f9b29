"""Sanction forms by subject, aggravating and mitigating circumstances, and who may decide what.

Everything here is a generic mechanism: the forms, their order, the circumstances and the competence table
are data a rulebook passes in (the Vietnamese ones live in :mod:`kiemtra.rulebooks.vn`). Every function
returns a :class:`Decision`: the result with the :class:`~kiemtra.Explanation` of why.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from typing import Generic, TypeVar

import attrs
import pendulum

from kiemtra._errors import (
    BeyondCompetence,
    DefinitionError,
    InvalidInput,
    NotInForce,
    SanctionNotAllowed,
    UnknownReference,
)
from kiemtra._model._actor import Body
from kiemtra._model._member import Member, MemberStatus, PostHolding
from kiemtra._rules._explanation import Explanation, GoverningDate, Scalar
from kiemtra._rules._param import Citation, ParamUse, Status, value_as
from kiemtra._time import DateRange, Duration, as_date
from kiemtra._util import to_tuple

__all__ = [
    "Basis",
    "Circumstance",
    "CircumstanceCatalogue",
    "CircumstanceKind",
    "CircumstanceRecord",
    "CompetenceRow",
    "CompetenceTable",
    "CompetenceVerdict",
    "Decision",
    "FormScheme",
    "Power",
    "SanctionForm",
    "SanctionSubject",
    "allowed_forms",
    "check_competence",
    "check_form",
    "holds_post",
    "record_circumstances",
    "relation_between",
    "require_competence",
    "subject_of_member",
]

T = TypeVar("T")


@attrs.frozen
class Decision(Generic[T]):
    """A result and the explanation of why it is what it is.

    Args:
        value: The result.
        explanation: The rule and version, parameters, inputs, thresholds, citations and governing date.
    """

    value: T
    explanation: Explanation


@attrs.frozen
class Basis:
    """The legal basis of a rule or a table row over one period: the citations, how sure, and a note.

    Args:
        valid: The governing dates it covers, half-open.
        citations: Where the rule comes from; at least one.
        status: How sure the rulebook is of it (the legend of ``regulations.md``).
        note: Anything a reader should know (an open question, an inference).
    """

    valid: DateRange
    citations: tuple[Citation, ...] = attrs.field(converter=to_tuple)
    status: Status
    note: str = ""

    @citations.validator
    def _check(self, _a: object, value: tuple[Citation, ...]) -> None:
        if not value:
            raise InvalidInput("Basis.citations", value, "a basis needs at least one citation")

    @property
    def version(self) -> str:
        """The version label of the rule over this period: the ISO date it takes effect."""
        return self.valid.start.isoformat()


def basis_at(bases: Sequence[Basis], day: pendulum.Date, what: str) -> Basis:
    """The basis in force on ``day``.

    Raises:
        NotInForce: none covers ``day``.
    """
    for b in bases:
        if day in b.valid:
            return b
    raise NotInForce(what, day, what="rule")


def version_of(params: Iterable[ParamUse], bases: Iterable[Basis] = ()) -> str:
    """A rule version from what it read: the ISO date of the latest value or basis to take effect."""
    starts = [p.valid.start for p in params] + [b.valid.start for b in bases]
    return max(starts).isoformat() if starts else "1"


def day_of(value: object, field: str) -> pendulum.Date:
    """``value`` as a date, refusing anything else with an InvalidInput naming ``field``."""
    return as_date(value, field)  # type: ignore[arg-type]


def duration_of(use: ParamUse) -> Duration:
    """The value of a DURATION parameter as read.

    Raises:
        DefinitionError: the parameter does not hold a Duration.
    """
    return value_as(use, Duration)


def joined(values: Iterable[object]) -> str:
    """Values as one comma-separated text for an explanation (explanations hold scalars only)."""
    return ", ".join(str(v) for v in values)


class SanctionSubject(enum.Enum):
    """Who or what a sanction is for."""

    ORGANISATION = "organisation"
    FULL_MEMBER = "full_member"
    PROBATIONARY_MEMBER = "probationary_member"

    @property
    def group(self) -> str:
        """``"organisation"`` or ``"member"``: the subject kind of a case (:class:`~kiemtra._workflow._case.Subject`)."""
        return "organisation" if self is SanctionSubject.ORGANISATION else "member"


def _subjects(values: Iterable[SanctionSubject]) -> frozenset[SanctionSubject]:
    out = frozenset(values)
    for v in out:
        if not isinstance(v, SanctionSubject):
            raise InvalidInput("SanctionForm.subjects", v, "expected a SanctionSubject")
    return out


@attrs.frozen
class SanctionForm:
    """A form of sanction as a rulebook defines it.

    Args:
        code: A stable id (``"reprimand"``); its labels come from the rulebook's templates.
        severity: Its place in the order of severity, 1 the lightest; forms for one subject differ.
        subjects: Whom it may be imposed on.
        needs_post: Whether the subject must hold a post on the date (removal from post).
        lapses: Whether it ceases after its effect period (expulsion and dissolution do not).
    """

    code: str = attrs.field(converter=str, validator=attrs.validators.min_len(1))
    severity: int = attrs.field(validator=attrs.validators.ge(1))
    subjects: frozenset[SanctionSubject] = attrs.field(converter=_subjects)
    needs_post: bool = False
    lapses: bool = True


@attrs.frozen
class FormScheme:
    """The forms of sanction and their legal basis by period.

    Args:
        forms: The forms.
        bases: The legal basis of the list of forms, by period of the violation date.
        rule_id: The rule id explanations carry.

    Raises:
        DefinitionError: two forms share a code, or two forms for one subject share a severity.
    """

    forms: tuple[SanctionForm, ...] = attrs.field(converter=to_tuple)
    bases: tuple[Basis, ...] = attrs.field(converter=to_tuple)
    rule_id: str = "sanction.forms"

    def __attrs_post_init__(self) -> None:
        problems: list[str] = []
        codes = [f.code for f in self.forms]
        problems += [f"form {c!r} defined twice" for c in sorted(set(codes)) if codes.count(c) > 1]
        for subject in SanctionSubject:
            ranks = [f.severity for f in self.forms if subject in f.subjects]
            if len(ranks) != len(set(ranks)):
                problems.append(f"two forms for {subject.value} share a severity")
        if problems:
            raise DefinitionError("sanction forms", problems)

    def form(self, code: str) -> SanctionForm:
        """The form called ``code``.

        Raises:
            UnknownReference: no such form.
        """
        for f in self.forms:
            if f.code == code:
                return f
        raise UnknownReference("form", code, "no such sanction form")

    def for_subject(self, subject: SanctionSubject) -> tuple[SanctionForm, ...]:
        """The forms ``subject`` may receive in principle, lightest first (posts not considered)."""
        return tuple(
            sorted((f for f in self.forms if subject in f.subjects), key=lambda f: f.severity)
        )

    def heaviest_first(self, forms: Iterable[SanctionForm]) -> tuple[SanctionForm, ...]:
        """``forms`` ordered from the heaviest to the lightest."""
        return tuple(sorted(forms, key=lambda f: (-f.severity, f.code)))


def subject_of_member(member: Member, on: _dt.date) -> SanctionSubject:
    """Full or probationary member on ``on``, as a sanction subject.

    Raises:
        UnknownReference: the member is not on the roll on ``on``.
    """
    status = member.status_at(day_of(on, "on"))
    return (
        SanctionSubject.FULL_MEMBER
        if status is MemberStatus.FULL
        else SanctionSubject.PROBATIONARY_MEMBER
    )


def holds_post(posts: Iterable[PostHolding], member_id: str, on: _dt.date) -> bool:
    """Whether ``member_id`` holds a post on ``on`` among ``posts``."""
    day = day_of(on, "on")
    return any(p.member_id == member_id and day in p.valid for p in posts)


def _forms_explanation(
    scheme: FormScheme,
    key: str,
    day: pendulum.Date,
    subject: SanctionSubject,
    post: bool,
    **args: Scalar,
) -> Explanation:
    basis = basis_at(scheme.bases, day, scheme.rule_id)
    return Explanation(
        scheme.rule_id,
        basis.version,
        key,
        args={"subject": subject.value, "basis_status": basis.status.value, **args},
        inputs={"holds_post": post},
        citations=basis.citations,
        governs=GoverningDate.VIOLATION,
        governing_date=day,
    )


def allowed_forms(
    scheme: FormScheme, subject: SanctionSubject, *, holds_post: bool, on: _dt.date
) -> Decision[tuple[SanctionForm, ...]]:
    """The forms ``subject`` may receive for a violation on ``on``, lightest first.

    A form that needs a post is left out when the subject holds none.

    Raises:
        NotInForce: the scheme has no basis for ``on``.
    """
    day = day_of(on, "on")
    forms = tuple(f for f in scheme.for_subject(subject) if holds_post or not f.needs_post)
    explanation = _forms_explanation(
        scheme,
        "sanction.forms.allowed",
        day,
        subject,
        holds_post,
        forms=joined(f.code for f in forms),
    )
    return Decision(forms, explanation)


def check_form(
    scheme: FormScheme, form: str, subject: SanctionSubject, *, holds_post: bool, on: _dt.date
) -> Decision[SanctionForm]:
    """The form ``form`` if ``subject`` may receive it for a violation on ``on``.

    Raises:
        UnknownReference: no such form.
        SanctionNotAllowed: the form is not one for this subject (expulsion of a probationary member,
            dissolution of a member, a member's form for an organisation), or it needs a post the subject
            does not hold; the error carries the explanation.
    """
    day = day_of(on, "on")
    found = scheme.form(form)
    if subject not in found.subjects:
        explanation = _forms_explanation(
            scheme, "sanction.form.not_for_subject", day, subject, holds_post, form=found.code
        )
        raise SanctionNotAllowed(
            "form",
            found.code,
            f"not a form for a {subject.value}",
            rule=scheme.rule_id,
            explanation=explanation,
        )
    if found.needs_post and not holds_post:
        explanation = _forms_explanation(
            scheme, "sanction.form.needs_post", day, subject, holds_post, form=found.code
        )
        raise SanctionNotAllowed(
            "form",
            found.code,
            f"the subject holds no post on {day.isoformat()}",
            rule=scheme.rule_id,
            explanation=explanation,
        )
    explanation = _forms_explanation(
        scheme,
        "sanction.form.allowed",
        day,
        subject,
        holds_post,
        form=found.code,
        severity=found.severity,
    )
    return Decision(found, explanation)


# -- circumstances -----------------------------------------------------------------------------------------


class CircumstanceKind(enum.Enum):
    """Whether a circumstance weighs for a heavier or a lighter sanction."""

    AGGRAVATING = "aggravating"
    MITIGATING = "mitigating"


GROUPS = ("member", "organisation")
"""The kinds of subject: members (full or probationary) and organisations."""


def group_bases(value: Mapping[str, Iterable[Basis]]) -> Mapping[str, tuple[Basis, ...]]:
    """An attrs converter: ``group -> bases`` with tuples, refusing groups other than :data:`GROUPS`."""
    out = {group: tuple(bases) for group, bases in value.items()}
    bad = sorted(set(out) - set(GROUPS))
    if bad or not out:
        raise InvalidInput(
            "Circumstance.bases", bad or out, "keys are 'member' and/or 'organisation'"
        )
    return out


@attrs.frozen
class Circumstance:
    """An aggravating or mitigating circumstance a rulebook lists.

    Args:
        code: A stable id (a rulebook may give typed codes as a ``StrEnum``).
        kind: Aggravating or mitigating.
        bases: ``group -> bases``: for members and/or organisations, its legal basis by period of the
            violation date. It applies to the groups named.
    """

    code: str = attrs.field(converter=str, validator=attrs.validators.min_len(1))
    kind: CircumstanceKind
    bases: Mapping[str, tuple[Basis, ...]] = attrs.field(converter=group_bases)

    @property
    def groups(self) -> frozenset[str]:
        """Whom it applies to."""
        return frozenset(self.bases)


@attrs.frozen
class CircumstanceCatalogue:
    """Every circumstance a rulebook lists.

    Raises:
        DefinitionError: two circumstances share a code.
    """

    circumstances: tuple[Circumstance, ...] = attrs.field(converter=to_tuple)
    rule_id: str = "sanction.circumstances"

    def __attrs_post_init__(self) -> None:
        codes = [c.code for c in self.circumstances]
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        if dupes:
            raise DefinitionError(
                "circumstances", [f"circumstance {c!r} defined twice" for c in dupes]
            )

    def get(self, code: str) -> Circumstance:
        """The circumstance called ``code``.

        Raises:
            UnknownReference: no such circumstance.
        """
        for c in self.circumstances:
            if c.code == code:
                return c
        raise UnknownReference("circumstance", code, "no such circumstance")


@attrs.frozen
class CircumstanceRecord:
    """The circumstances recorded for one violation, with the basis of each as in force on its date.

    Attributes:
        aggravating: The aggravating ones, in the order recorded.
        mitigating: The mitigating ones, in the order recorded.
        citations: The citations of all of them, without repeats.
    """

    aggravating: tuple[str, ...]
    mitigating: tuple[str, ...]
    citations: tuple[Citation, ...]

    def args(self) -> dict[str, Scalar]:
        """The record as explanation arguments."""
        return {"aggravating": joined(self.aggravating), "mitigating": joined(self.mitigating)}


def record_circumstances(
    catalogue: CircumstanceCatalogue,
    codes: Iterable[str],
    subject: SanctionSubject,
    *,
    violation_on: _dt.date,
) -> Decision[CircumstanceRecord]:
    """Record the circumstances ``codes`` of a violation committed on ``violation_on``.

    Raises:
        UnknownReference: a code the catalogue lacks.
        InvalidInput: a circumstance that does not apply to this kind of subject, or is given twice.
        NotInForce: a circumstance with no basis on the violation date.
    """
    day = day_of(violation_on, "violation_on")
    agg: list[str] = []
    mit: list[str] = []
    cites: list[Citation] = []
    statuses: list[str] = []
    versions: list[Basis] = []
    seen: set[str] = set()
    for i, code in enumerate(codes):
        found = catalogue.get(code)
        if found.code in seen:
            raise InvalidInput(f"codes[{i}]", code, "recorded twice")
        seen.add(found.code)
        if subject.group not in found.groups:
            raise InvalidInput(f"codes[{i}]", code, f"does not apply to a {subject.group}")
        basis = basis_at(found.bases[subject.group], day, f"{catalogue.rule_id}.{found.code}")
        versions.append(basis)
        (agg if found.kind is CircumstanceKind.AGGRAVATING else mit).append(found.code)
        cites.extend(c for c in basis.citations if c not in cites)
        if basis.status is not Status.CONFIRMED:
            statuses.append(f"{found.code}={basis.status.value}")
    record = CircumstanceRecord(tuple(agg), tuple(mit), tuple(cites))
    explanation = Explanation(
        catalogue.rule_id,
        version_of((), versions),
        "sanction.circumstances.recorded",
        args={"subject": subject.value, **record.args(), "not_confirmed": joined(statuses)},
        inputs={"aggravating_count": len(agg), "mitigating_count": len(mit)},
        citations=record.citations,
        governs=GoverningDate.VIOLATION,
        governing_date=day,
    )
    return Decision(record, explanation)


# -- competence --------------------------------------------------------------------------------------------


class Power(enum.Enum):
    """What a body may do with a form: decide it, or only propose it to a body that may."""

    DECIDE = "decide"
    PROPOSE = "propose"


RELATIONS = ("own", "direct_superior", "within")
"""How a deciding body's organisation stands to the subject: ``own`` (the member's own cell, the
organisation itself), ``direct_superior`` (directly above the subject organisation), ``within`` (the
subject lies anywhere below it; a direct superior is also ``within``)."""


def _levels(values: Iterable[str]) -> frozenset[str]:
    return frozenset(values)


def _forms_set(values: Iterable[str]) -> frozenset[str]:
    out = frozenset(values)
    if not out:
        raise InvalidInput("CompetenceRow.forms", values, "a row names at least one form")
    return out


@attrs.frozen
class CompetenceRow:
    """One row of a competence table: which body may decide or propose which forms for whom, and when.

    Args:
        id: A stable id of the row, for explanations and tests.
        body_kind: The kind of the acting body (``"cell_meeting"``, ``"standing_committee"``...).
        levels: Levels of the acting body's organisation the row covers; empty means any level.
        subject: ``"member"`` or ``"organisation"``.
        relation: How the body's organisation must stand to the subject (see :data:`RELATIONS`).
        forms: The form codes covered.
        power: Decide or propose.
        higher_level_tasks: Whether the row also covers violations of tasks assigned by a higher level
            (False: such violations are outside it).
        basis: Its period, citations, status and note.
    """

    id: str = attrs.field(validator=attrs.validators.min_len(1))
    body_kind: str = attrs.field(validator=attrs.validators.min_len(1))
    levels: frozenset[str] = attrs.field(converter=_levels)
    subject: str = attrs.field(validator=attrs.validators.in_(("member", "organisation")))
    relation: str = attrs.field(validator=attrs.validators.in_(RELATIONS))
    forms: frozenset[str] = attrs.field(converter=_forms_set)
    power: Power
    higher_level_tasks: bool
    basis: Basis

    def covers(
        self,
        *,
        body_kind: str,
        level: str | None,
        subject: str,
        relation: str | None,
        form: str,
        on: pendulum.Date,
        higher_level_task: bool,
    ) -> bool:
        """Whether the row covers the request."""
        return (
            on in self.basis.valid
            and self.body_kind == body_kind
            and (not self.levels or level in self.levels)
            and self.subject == subject
            and _relation_fits(self.relation, relation)
            and form in self.forms
            and (self.higher_level_tasks or not higher_level_task)
        )


def _relation_fits(wanted: str, actual: str | None) -> bool:
    return actual == wanted or (wanted == "within" and actual == "direct_superior")


@attrs.frozen
class CompetenceTable:
    """A competence table.

    Raises:
        DefinitionError: two rows share an id.
    """

    rows: tuple[CompetenceRow, ...] = attrs.field(converter=to_tuple)
    rule_id: str = "sanction.competence"

    def __attrs_post_init__(self) -> None:
        ids = [r.id for r in self.rows]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise DefinitionError("competence table", [f"row {i!r} defined twice" for i in dupes])

    def in_force(self, on: _dt.date) -> tuple[CompetenceRow, ...]:
        """The rows in force on ``on``."""
        day = day_of(on, "on")
        return tuple(r for r in self.rows if day in r.basis.valid)

    def row(self, row_id: str) -> CompetenceRow:
        """The row called ``row_id``.

        Raises:
            UnknownReference: no such row.
        """
        for r in self.rows:
            if r.id == row_id:
                return r
        raise UnknownReference("row", row_id, "no such competence row")


@attrs.frozen
class CompetenceVerdict:
    """What a body may do with a form for a subject on a date.

    Attributes:
        power: DECIDE, PROPOSE, or None when the body may do neither.
        row: The row that gives the power, or None.
    """

    power: Power | None
    row: CompetenceRow | None

    @property
    def may_decide(self) -> bool:
        """Whether the body may decide the form."""
        return self.power is Power.DECIDE


def relation_between(
    body_org: str, subject_org: str, superiors_of_subject: Sequence[str]
) -> str | None:
    """How ``body_org`` stands to ``subject_org`` (a member's cell, or the organisation itself).

    Args:
        body_org: The acting body's organisation.
        subject_org: The subject's organisation.
        superiors_of_subject: The organisations above ``subject_org`` on the date, nearest first (as
            :meth:`~kiemtra._model._tree.OrgTree.ancestors_at` or a Directory's ``superiors`` give them).

    Returns:
        ``"own"``, ``"direct_superior"``, ``"within"``, or None when the body is not above the subject.
    """
    if body_org == subject_org:
        return "own"
    if superiors_of_subject and superiors_of_subject[0] == body_org:
        return "direct_superior"
    if body_org in superiors_of_subject:
        return "within"
    return None


def check_competence(
    table: CompetenceTable,
    *,
    body: Body,
    level: str | None,
    subject: str,
    relation: str | None,
    form: str,
    on: _dt.date,
    higher_level_task: bool,
) -> Decision[CompetenceVerdict]:
    """What ``body`` may do with ``form`` for a subject on the day of the step ``on``.

    Args:
        table: The competence table.
        body: The acting body.
        level: The level of the body's organisation on ``on``.
        subject: ``"member"`` or ``"organisation"``.
        relation: How the body's organisation stands to the subject (see :func:`relation_between`).
        form: The form asked for.
        on: The day of the step.
        higher_level_task: Whether the violation concerns a task assigned by a higher level.

    Returns:
        DECIDE when a row lets the body decide; otherwise PROPOSE when a row lets it propose;
        otherwise no power. The explanation cites the row, or says that no row covers the request.
    """
    day = day_of(on, "on")
    candidates = [
        r
        for r in table.rows
        if r.covers(
            body_kind=body.kind,
            level=level,
            subject=subject,
            relation=relation,
            form=form,
            on=day,
            higher_level_task=higher_level_task,
        )
    ]
    row = next((r for r in candidates if r.power is Power.DECIDE), None) or next(
        iter(candidates), None
    )
    verdict = CompetenceVerdict(None if row is None else row.power, row)
    key = "sanction.competence.none" if row is None else f"sanction.competence.{row.power.value}"
    explanation = Explanation(
        table.rule_id,
        row.basis.version if row is not None else "none",
        key,
        args={
            "body": str(body),
            "form": form,
            "row": None if row is None else row.id,
            "basis_status": None if row is None else row.basis.status.value,
        },
        inputs={
            "body_kind": body.kind,
            "level": level,
            "subject": subject,
            "relation": relation,
            "higher_level_task": higher_level_task,
        },
        citations=() if row is None else row.basis.citations,
        governs=GoverningDate.STEP,
        governing_date=day,
    )
    return Decision(verdict, explanation)


def require_competence(
    table: CompetenceTable,
    *,
    body: Body,
    level: str | None,
    subject: str,
    relation: str | None,
    form: str,
    on: _dt.date,
    higher_level_task: bool,
) -> Decision[CompetenceVerdict]:
    """Like :func:`check_competence` for a body asked to *decide*: the verdict when it may.

    Raises:
        BeyondCompetence: the body may only propose the form, or may do nothing with it; the error
            carries the explanation.
    """
    found = check_competence(
        table,
        body=body,
        level=level,
        subject=subject,
        relation=relation,
        form=form,
        on=on,
        higher_level_task=higher_level_task,
    )
    if not found.value.may_decide:
        what = "may only propose" if found.value.power is Power.PROPOSE else "has no competence for"
        raise BeyondCompetence(
            "form",
            form,
            f"{body} {what} this form for a {subject} on {day_of(on, 'on').isoformat()}",
            rule=table.rule_id,
            explanation=found.explanation,
        )
    return found
