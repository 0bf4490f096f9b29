"""What the Vietnamese procedures share: the parts bodies play, who may act, versions, and guard helpers.

**Parts.** A case names the bodies that play a part in it (``Engine.open(..., parties=...)``):

* ``inspecting_body`` — the body that inspects, supervises or receives a letter: an inspection commission
  (UBKT), a standing committee (BTV), a committee, or a cell meeting (chi bộ);
* ``deciding_body`` — the body that decides: a discipline, the resolution of a denunciation or a complaint,
  a removal from the roll, a suspension, a rating;
* ``cell`` — the subject member's cell meeting, where the member self-criticises and the cell votes;
* ``subject_org`` — for a case about an organisation, that organisation's own body, which reports and
  explains for it;
* ``superior_body`` — the body one level up: it approves, changes or annuls proposals, resolves complaints
  against the deciding body's decisions, and annuls ratings;
* ``decided_body`` — in a complaint, the body whose decision is complained of.

People play parts too: ``subject`` (the member the case is about), ``denouncer``, ``team`` (inspectors).

**Who acts.** A body acts as a whole (its decision) or through its leaders: the chair and deputy chair of a
commission, the secretary and deputy secretary of a committee or cell. Ordinary members of an inspecting
body may do the team's work (proposals, verification, drafts), never decide.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from typing import Final, TypeVar

import attrs
import pendulum

from kiemtra._rules._explanation import Explanation, GoverningDate, Scalar
from kiemtra._rules._param import Citation, ParamUse
from kiemtra._time import VIETNAM_ZONE, DateRange, as_date
from kiemtra._workflow._context import GuardContext
from kiemtra._workflow._definition import Permit
from kiemtra.rulebooks.vn import _sources as s
from kiemtra.rulebooks.vn._sources import Document

__all__ = [
    "ADVISORY",
    "CELL",
    "DECIDED_BODY",
    "DECIDING",
    "INSPECTING",
    "INSPECTING_KINDS",
    "LEADS",
    "SUBJECT_ORG",
    "SUPERIOR",
    "Doc",
    "Guard",
    "block",
    "docs",
    "fired",
    "lead",
    "record",
    "team",
]

# -- parts ----------------------------------------------------------------------------------------------
INSPECTING: Final = "inspecting_body"
DECIDING: Final = "deciding_body"
CELL: Final = "cell"
SUBJECT_ORG: Final = "subject_org"
SUPERIOR: Final = "superior_body"
DECIDED_BODY: Final = "decided_body"

LEADS: Final = ("chair", "deputy_chair", "secretary", "deputy_secretary")
"""The roles that act for a body: chair and deputy of a commission, secretary and deputy of a committee."""
TEAM_ROLES: Final = (*LEADS, "member")

INSPECTING_KINDS: Final = frozenset(
    {"inspection_commission", "standing_committee", "committee", "cell_meeting"}
)
"""Bodies that may run an inspection (Charter 2011 Art 32; QĐ 296 Art 5, 6, 18)."""
ADVISORY: Final = frozenset({"office", "party_building_board", "commission_agency"})
"""Staff and advisory bodies of a committee, which may not run an inspection (QĐ 296 Art 5 k1.3 đ)."""

SUBJECT: Final = Permit("subject")
DENOUNCER: Final = Permit("denouncer")


def lead(part: str) -> Permit:
    """The body playing ``part``, acting as a whole or through its chair, secretary or their deputies."""
    return Permit(part, roles=LEADS)


def team(part: str) -> Permit:
    """Any member of the body playing ``part`` (the team's work), or the body itself."""
    return Permit(part, roles=TEAM_ROLES)


# -- documents not in the rulebook's source list -----------------------------------------------------------
QD_354: Final = Document(
    "QĐ 354-QĐ/UBKTTW",
    "22/12/2021",
    pendulum.date(2021, 12, 22),
    "Quy trình kiểm tra, giám sát, thi hành kỷ luật",
)
QD_89: Final = Document(
    "QĐ 89-QĐ/TW",
    "1/12/2022",
    pendulum.date(2022, 12, 1),
    "Quy trình kiểm tra, giám sát của cấp ủy tỉnh đến cơ sở",
)
QD_117: Final = Document(
    "QĐ 117-QĐ/TW",
    "18/8/2023",
    pendulum.date(2023, 8, 18),
    "Xin lỗi và phục hồi quyền lợi khi bị kỷ luật oan, sai",
)
QD_1127_BP: Final = Document(
    "QĐ 1127-QĐ/TU (Bình Phước)",
    "14/7/2023",
    pendulum.date(2023, 7, 14),
    "Quy trình kiểm tra, giám sát của chi bộ",
)
RM: Final = "shared/domain/regulations.md"

# -- eras -------------------------------------------------------------------------------------------------
QD30 = s.QD_30.effective  # 26/7/2016
QD22 = s.QD_22.effective  # 28/7/2021
QD296 = s.QD_296.effective  # 30/5/2025
QD354 = QD_354.effective  # 22/12/2021
QD117 = QD_117.effective  # 18/8/2023
QD132 = s.QD_132.effective  # 8/3/2018
QD124 = s.QD_124.effective  # 4/10/2023
CHARTER = s.CHARTER_2011.effective  # 19/1/2011


def era(start: pendulum.Date, end: pendulum.Date | None = None) -> DateRange:
    """The period ``[start, end)`` in which new cases open under a version."""
    return DateRange(start, end)


# -- guards -----------------------------------------------------------------------------------------------
Guard = Callable[[GuardContext], Explanation | None]
T = TypeVar("T")


def block(
    ctx: GuardContext,
    rule_id: str,
    key: str,
    *,
    citations: Iterable[Citation] = (),
    params: Iterable[ParamUse] = (),
    inputs: dict[str, Scalar] | None = None,
    thresholds: dict[str, Scalar] | None = None,
    evidence: Iterable[str] = (),
    **args: Scalar,
) -> Explanation:
    """The explanation of a move a Vietnamese guard refuses, governed by the day of the step."""
    return Explanation(
        rule_id,
        ctx.version,
        key,
        args={"trigger": ctx.move.trigger, **args},
        params=tuple(params),
        inputs=inputs or {},
        thresholds=thresholds or {},
        evidence=tuple(evidence),
        citations=tuple(citations),
        governs=GoverningDate.STEP,
        governing_date=ctx.day,
    )


def record(ctx: GuardContext, kind: str, cls: type[T]) -> T | Explanation:
    """The evidence of ``kind`` attached to the fire, if it carries the facts of ``cls``; else the block.

    A document of the right kind without the facts a guard reads (a bare reference) blocks with
    ``vn.blocked.facts_missing``: the guard cannot check what it was not shown.
    """
    for item in ctx.evidence:
        if getattr(item, "kind", None) == kind and isinstance(item, cls):
            return item
    return block(ctx, "vn.procedure.facts", "vn.blocked.facts_missing", kind=kind)


def fired(ctx: GuardContext, *triggers: str) -> bool:
    """Whether any of ``triggers`` was fired earlier in the case."""
    return any(t in triggers for t, _ in ctx.case.firers)


def when_fired(*triggers: str, rule_id: str, key: str, citations: Iterable[Citation] = ()) -> Guard:
    """A guard that passes only when one of ``triggers`` was fired earlier in the case."""
    cites = tuple(citations)

    def earlier_step(ctx: GuardContext) -> Explanation | None:
        if fired(ctx, *triggers):
            return None
        return block(ctx, rule_id, key, citations=cites, needed=", ".join(triggers))

    earlier_step.__name__ = f"after_{'_or_'.join(triggers)}"
    return earlier_step


def unless_fired(
    *triggers: str, rule_id: str, key: str, citations: Iterable[Citation] = ()
) -> Guard:
    """A guard that passes only when none of ``triggers`` was fired earlier in the case."""
    cites = tuple(citations)

    def no_earlier_step(ctx: GuardContext) -> Explanation | None:
        if not fired(ctx, *triggers):
            return None
        return block(ctx, rule_id, key, citations=cites, earlier=", ".join(triggers))

    no_earlier_step.__name__ = f"not_after_{'_or_'.join(triggers)}"
    return no_earlier_step


def subject_kind(kind: str, *, rule_id: str, citations: Iterable[Citation] = ()) -> Guard:
    """A guard that passes only for a case about a ``kind`` subject (``member`` or ``organisation``)."""
    cites = tuple(citations)

    def about_subject(ctx: GuardContext) -> Explanation | None:
        if ctx.case.subject.kind == kind:
            return None
        return block(
            ctx,
            rule_id,
            "vn.blocked.subject_kind",
            citations=cites,
            expected=kind,
            actual=ctx.case.subject.kind,
        )

    about_subject.__name__ = f"about_{kind}"
    return about_subject


def local_day(at: pendulum.DateTime) -> pendulum.Date:
    """The Vietnamese calendar day of an instant (the rulebook's zone)."""
    local = at.in_timezone(VIETNAM_ZONE)
    return pendulum.Date(local.year, local.month, local.day)


def opened_on(ctx: GuardContext) -> pendulum.Date:
    """The day the case was opened."""
    return local_day(ctx.case.opened_at)


def entered_on(ctx: GuardContext) -> pendulum.Date:
    """The day the case entered its current state."""
    return local_day(ctx.case.entered_at)


# -- evidence ---------------------------------------------------------------------------------------------
def opt_date(value: _dt.date | None) -> pendulum.Date | None:
    """An attrs converter: a date, or None."""
    return None if value is None else as_date(value, "date")


def a_date(value: _dt.date) -> pendulum.Date:
    """An attrs converter: a date."""
    return as_date(value, "date")


def dates(values: Iterable[_dt.date]) -> tuple[pendulum.Date, ...]:
    """An attrs converter: a tuple of dates."""
    return tuple(as_date(v, "date") for v in values)


@attrs.frozen
class Doc:
    """A document attached to a move (a decision, minutes, a notice): its id, kind and date.

    Args:
        id: The document's id in the host's records.
        kind: What it is (``"decision"``, ``"minutes"``...), matched against a move's requirements.
        on: The day it bears, if it matters.
        note: A free note.
    """

    id: str
    kind: str
    on: pendulum.Date | None = attrs.field(default=None, converter=opt_date)
    note: str = ""


def docs(kinds: Iterable[str], prefix: str = "doc") -> tuple[Doc, ...]:
    """Plain documents of ``kinds``, with ids ``<prefix>-<kind>`` (for hosts and tests)."""
    return tuple(Doc(f"{prefix}-{k}", k) for k in kinds)
