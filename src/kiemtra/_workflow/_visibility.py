"""Who may see what of a case: visibility rules as data, supplied by a rulebook, replaceable by a host.

A rule names an *audience* (a part people or bodies play in a case) and the *categories* of material it
sees, or withholds. The engine asks :meth:`Visibility.view` for the :class:`View` of an actor on a case and
releases only what that view covers.

Audiences (strings, so a host can keep its rules in a file):

``party:<part>``
    The body playing ``<part>`` (``party:inspecting_body``), acting as a whole or through a member; ``party:*``
    is any party body.
``people:<part>``
    The people playing ``<part>`` (``people:team``, ``people:denouncer``); ``people:*`` is anyone listed.
``subject``
    The member the case is about, whatever body they act for.
``subject_org``
    Any body of the subject's organisation (a member's cell, or the organisation a case is about).
``named_org``
    Any body of an organisation named in the case (the parties' and the subject's): the engine's default.
``system``
    The host's own jobs (:class:`~kiemtra.SystemActor`).

With ``superiors=True`` a rule also covers the bodies of every organisation above the audience's
organisation (a superior body sees what its subordinates see). ``withholds`` applies to direct members of
the audience only, and wins over every grant: the subject never sees the denouncer's identity, even when
another rule would show it.

Categories:

``case``
    The case itself (state, deadline, parties, subject): :meth:`~kiemtra.Engine.case`, ``available``,
    ``overdue``, and the list of the case file (redacted).
``history``
    Every event; ``notice:<kind>`` covers only the events of the moves the rules tag with that kind
    (``notice:acknowledgement``, ``notice:outcome_notice``).
``notes``
    The free-text notes of events (free text may name anyone: it goes to those who handle the case only).
``denouncer_identity``, ``witness_statement``, ``draft_conclusion``, ``evidence``
    The confidential fields of the records of these types attached to a case (:data:`RECORD_CATEGORIES`);
    a record of another type is in the category of its class name.
``*``
    Everything.

Population tables (ratings, findings) follow :class:`PopulationRule`: an actor acting for a body sees the
rows of its own organisation, and a superior body the rows of every organisation below it.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from kiemtra._errors import InvalidInput
from kiemtra._model._actor import Actor, Body, BodyActor, MemberActor, OutsidePerson, SystemActor
from kiemtra._model._evidence import (
    DenouncerIdentity,
    DraftConclusion,
    EvidenceRef,
    WitnessStatement,
)
from kiemtra._util import to_tuple
from kiemtra._workflow._case import Case

if TYPE_CHECKING:
    from kiemtra._workflow._directory import Directory

__all__ = [
    "ACKNOWLEDGEMENT",
    "ALL",
    "CASE",
    "DENOUNCER_IDENTITY",
    "DRAFT_CONCLUSION",
    "EVIDENCE",
    "FINDINGS",
    "HISTORY",
    "NOTES",
    "OUTCOME_NOTICE",
    "RATINGS",
    "RECORD_CATEGORIES",
    "WITNESS_STATEMENT",
    "PopulationRule",
    "View",
    "Visibility",
    "VisibilityRule",
    "default_visibility",
    "notice_category",
]

ALL: Final = "*"
CASE: Final = "case"
HISTORY: Final = "history"
NOTES: Final = "notes"
DENOUNCER_IDENTITY: Final = "denouncer_identity"
WITNESS_STATEMENT: Final = "witness_statement"
DRAFT_CONCLUSION: Final = "draft_conclusion"
EVIDENCE: Final = "evidence"
RATINGS: Final = "ratings"
FINDINGS: Final = "findings"


def notice_category(kind: str) -> str:
    """The category of the events of the moves tagged ``kind`` (``"notice:acknowledgement"``)."""
    return f"notice:{kind}"


ACKNOWLEDGEMENT: Final = notice_category("acknowledgement")
OUTCOME_NOTICE: Final = notice_category("outcome_notice")

RECORD_CATEGORIES: Final[Mapping[type, str]] = {
    DenouncerIdentity: DENOUNCER_IDENTITY,
    WitnessStatement: WITNESS_STATEMENT,
    DraftConclusion: DRAFT_CONCLUSION,
    EvidenceRef: EVIDENCE,
}
"""The category of each confidential record type of the model."""

_AUDIENCE: Final = re.compile(
    r"(?:party|people):(?:\*|[A-Za-z0-9_.-]+)|subject|subject_org|named_org|system"
)
_CATEGORY: Final = re.compile(r"\*|[A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z0-9_.-]+)?")


def _check_audience(_instance: object, _attribute: object, value: str) -> None:
    given: object = value
    if not isinstance(given, str) or not _AUDIENCE.fullmatch(given):
        raise InvalidInput(
            "VisibilityRule.audience",
            value,
            "expected party:<part>, people:<part>, subject, subject_org, named_org or system",
        )


def _check_categories(_instance: object, attribute: Any, value: tuple[str, ...]) -> None:
    for item in value:
        given: object = item
        if not isinstance(given, str) or not _CATEGORY.fullmatch(given):
            raise InvalidInput(f"VisibilityRule.{attribute.name}", item, "not a category name")


@attrs.frozen
class VisibilityRule:
    """One row of visibility: an audience, what it sees and what it never sees, in which procedures.

    Args:
        audience: Who (see the module docstring): ``"party:inspecting_body"``, ``"subject"``...
        sees: The categories the audience sees.
        withholds: Categories the audience never sees, whatever another rule grants.
        procedures: The procedures the rule applies to; empty means every procedure.
        superiors: Whether the bodies of the organisations above the audience's see what it sees.

    Raises:
        InvalidInput: an unknown audience form or a malformed category.
    """

    audience: str = attrs.field(validator=_check_audience)
    sees: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_check_categories)
    withholds: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_check_categories
    )
    procedures: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    superiors: bool = False

    def applies_to(self, procedure: str) -> bool:
        """Whether the rule covers cases of ``procedure``."""
        return not self.procedures or procedure in self.procedures


@attrs.frozen
class PopulationRule:
    """Who sees which rows of a population table (ratings, findings).

    An actor acting for a body sees the rows whose organisation (the value in ``column``) is the body's
    own, and, with ``superiors``, the rows of every organisation below it. The host's jobs see every row;
    anyone else none.

    Args:
        category: The table (``"ratings"``, ``"findings"``).
        column: The column that holds each row's organisation (``"cell_id"``, ``"org_id"``).
        superiors: Whether a body sees the rows of the organisations below its own.
    """

    category: str
    column: str
    superiors: bool = True


@attrs.frozen
class View:
    """What one actor may see of one case.

    Args:
        granted: The categories some rule grants.
        withheld: The categories some rule withholds (they win).
        roles: The audiences the actor matched, for the record.
    """

    granted: frozenset[str]
    withheld: frozenset[str] = frozenset()
    roles: tuple[str, ...] = ()

    def sees(self, category: str) -> bool:
        """Whether the view covers ``category``."""
        if category in self.withheld:
            return False
        if category in self.granted or ALL in self.granted:
            return True
        return category.startswith("notice:") and HISTORY in self.granted

    @property
    def anything(self) -> bool:
        """Whether the actor may see anything of the case at all."""
        return self.sees(CASE) or self.sees(HISTORY) or bool(self.notices())

    def notices(self) -> frozenset[str]:
        """The notice kinds the view covers explicitly (without the whole history)."""
        return frozenset(
            c.removeprefix("notice:")
            for c in self.granted
            if c.startswith("notice:") and c not in self.withheld
        )


NOTHING: Final = View(frozenset())


def _person_id(actor: Actor) -> str | None:
    if isinstance(actor, MemberActor):
        return actor.member_id
    if isinstance(actor, OutsidePerson):
        return actor.person_id
    return None


def _body(actor: Actor) -> Body | None:
    if isinstance(actor, MemberActor | BodyActor):
        return actor.body
    return None


class _Match:
    """Matches audiences for one actor on one case, asking the directory at most once per organisation."""

    __slots__ = ("actor", "body", "case", "day", "directory", "pid", "superiors")

    def __init__(
        self, case: Case, actor: Actor, day: _dt.date, directory: Directory | None
    ) -> None:
        self.case = case
        self.actor = actor
        self.day = day
        self.directory = directory
        self.pid = _person_id(actor)
        self.body = _body(actor)
        self.superiors: dict[str, Sequence[str]] = {}

    def _above(self, org_id: str) -> bool:
        """Whether the actor acts for a body of an organisation above ``org_id``."""
        if self.body is None or self.directory is None:
            return False
        found = self.superiors.get(org_id)
        if found is None:
            found = self.superiors[org_id] = tuple(self.directory.superiors(org_id, self.day))
        return self.body.org_id in found

    def _orgs(self, audience: str) -> tuple[str, ...]:
        """The organisations of the bodies an audience names (for its superiors)."""
        case = self.case
        if audience.startswith("party:"):
            part = audience[6:]
            return tuple(b.org_id for p, b in case.parties if part in ("*", p))
        if audience == "subject_org":
            return _subject_orgs(case)
        if audience == "named_org":
            return case.org_ids()
        return ()

    def direct(self, audience: str) -> bool:
        """Whether the actor belongs to ``audience`` itself."""
        case, body, pid = self.case, self.body, self.pid
        if audience.startswith("party:"):
            part = audience[6:]
            return body is not None and any(part in ("*", p) and b == body for p, b in case.parties)
        if audience.startswith("people:"):
            part = audience[7:]
            return pid is not None and any(
                part in ("*", p) and who == pid for p, who in case.people
            )
        if audience == "subject":
            return case.subject.kind == "member" and pid == case.subject.id
        if audience == "system":
            return isinstance(self.actor, SystemActor)
        if audience == "subject_org":
            return body is not None and body.org_id in _subject_orgs(case)
        if audience == "named_org":
            return body is not None and body.org_id in case.org_ids()
        return False

    def above(self, audience: str) -> bool:
        """Whether the actor acts for a body above one the audience names."""
        return any(self._above(org) for org in self._orgs(audience))


def _subject_orgs(case: Case) -> tuple[str, ...]:
    subject = case.subject
    if subject.kind == "organisation":
        return (subject.id,)
    return () if subject.org_id is None else (subject.org_id,)


@attrs.frozen
class Visibility:
    """The visibility rules of a rulebook (or a host), with what the engine needs to apply them.

    Args:
        rules: The rules; an actor's view is the union of what the rules it matches grant, less what the
            rules it matches directly withhold.
        notices: ``procedure -> {trigger: notice kind}``: the moves whose events an audience with
            ``notice:<kind>`` sees (the acknowledgement, the outcome notice); ``"open"`` and ``"extend"``
            stand for the opening and the extensions.
        categories: The category of each confidential record type; another type is in the category of
            its class name.
        population: Who sees which rows of the population tables.
    """

    rules: tuple[VisibilityRule, ...] = attrs.field(converter=to_tuple)
    notices: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict)
    categories: Mapping[type, str] = attrs.field(factory=lambda: dict(RECORD_CATEGORIES))
    population: tuple[PopulationRule, ...] = attrs.field(default=(), converter=to_tuple)

    def view(
        self, case: Case, actor: Actor, day: _dt.date, directory: Directory | None = None
    ) -> View:
        """What ``actor`` may see of ``case`` on ``day`` (superiors come from ``directory``)."""
        match = _Match(case, actor, day, directory)
        granted: set[str] = set()
        withheld: set[str] = set()
        roles: list[str] = []
        for rule in self.rules:
            if not rule.applies_to(case.procedure):
                continue
            if match.direct(rule.audience):
                granted.update(rule.sees)
                withheld.update(rule.withholds)
                roles.append(rule.audience)
            elif rule.superiors and rule.sees and match.above(rule.audience):
                granted.update(rule.sees)
                roles.append(f"superior of {rule.audience}")
        if not granted:
            return NOTHING
        return View(frozenset(granted), frozenset(withheld), tuple(dict.fromkeys(roles)))

    def category_of(self, cls: type) -> str:
        """The category of records of type ``cls``."""
        found = self.categories.get(cls)
        return found if found is not None else cls.__name__

    def notice_of(self, procedure: str, trigger: str | None) -> str | None:
        """The notice kind of ``trigger``'s events in ``procedure``, if the rules tag it."""
        if trigger is None:
            return None
        return self.notices.get(procedure, {}).get(trigger)

    def population_rule(self, category: str) -> PopulationRule | None:
        """The population rule of ``category``, if any."""
        return next((r for r in self.population if r.category == category), None)

    def org_filter(
        self, actor: Actor, directory: Directory | None, day: _dt.date, superiors: bool = True
    ) -> Callable[[str | None], bool]:
        """A test of a row's organisation: whether ``actor`` sees the rows of that organisation."""
        if isinstance(actor, SystemActor):
            return lambda _org: True
        body = _body(actor)
        if body is None:
            return lambda _org: False
        own = body.org_id
        if not superiors or directory is None:
            return lambda org: org == own
        cache: dict[str, bool] = {}

        def allowed(org: str | None) -> bool:
            if org is None:
                return False
            if org == own:
                return True
            found = cache.get(org)
            if found is None:
                found = cache[org] = own in directory.superiors(org, day)
            return found

        return allowed

    def with_rules(self, rules: Iterable[VisibilityRule]) -> Visibility:
        """The same visibility with ``rules`` instead of its own (a host replacing the rulebook's)."""
        return attrs.evolve(self, rules=tuple(rules))


def default_visibility(*, system_reads_all: bool = True) -> Visibility:
    """The engine's default when neither the rulebook nor the host supplies rules.

    It is the visibility of the workflow issue: every body of an organisation named in the case and of the
    organisations above it, and every person the case lists, sees everything; so does the host's own job
    when ``system_reads_all``.
    """
    rules = [
        VisibilityRule("named_org", sees=(ALL,), superiors=True),
        VisibilityRule("people:*", sees=(ALL,)),
    ]
    if system_reads_all:
        rules.append(VisibilityRule("system", sees=(ALL,)))
    return Visibility(rules)
