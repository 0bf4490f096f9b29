"""Who may decide which sanction for whom, and when: the Vietnamese competence table as data.

Levels are :class:`~kiemtra._model._org.OrgLevel` values and body kinds :class:`~kiemtra._model._org.BodyKind`
values, as a host's directory reports them on the day of the step. Rows (regulations.md rows 13–16, (e)14,
g.0, g.1 (e)14, g.2 row 13):

* **The cell** (``cell_meeting``, at level ``cell`` or, for a chi bộ cơ sở, ``grassroots``) decides a
  reprimand or a warning on its own members, committee members and higher-managed cadres included, except
  for violations of tasks assigned by a higher level (Charter 2011 Art 36 k1; QĐ 22 Art 11; QĐ 296 Art 10
  1.1). For those, and for removal from post and expulsion, it only proposes (QĐ 22 Art 15; QĐ 296 Art 10
  1.4).
* **The grassroots committee**, its standing committee and its inspection commission decide a reprimand or
  a warning on members of the organisation, and propose removal from post and expulsion. regulations.md
  does not state this ((e)1: Charter Arts 37–40 not read; (e)14: grassroots competence not researched):
  UNCONFIRMED.
* **The level directly above the grassroots** decides every form on members below it through its standing
  committee or inspection commission. Until 30 June 2025 that was the district (Hạ Long city for the Hà Lầm
  ward; accgroup.vn: "ban thường vụ huyện ủy hoặc tương đương quyết định", SECONDARY for removal and
  expulsion); from 1 July 2025 it is the ward committee (QĐ 298-QĐ/TW, CONFIRMED for the structure; the
  QĐ 296 Art 10 clause was not read, so the competence is UNCONFIRMED at article level). Reprimand and
  warning at that level rest on the inference "the committee directly above decides all forms":
  UNCONFIRMED.
* **Organisations**: the directly superior committee or its standing committee decides a reprimand or a
  warning (QĐ 296 Art 11, quiz Q80, SECONDARY). regulations.md names no earlier text, so no row covers an
  organisation before 30 May 2025, and no row covers dissolution at all (not in regulations.md).

:func:`access_rows` turns the table into the engine's :class:`~kiemtra._workflow._access.Competence` rows for
one day (levels only: the engine's rows know no body kinds); :func:`competence_guard` gives a move guard
that checks the whole table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

import pendulum

from kiemtra._model._actor import BodyActor, MemberActor
from kiemtra._rules._explanation import Explanation
from kiemtra._rules._param import Citation, Status
from kiemtra._sanctions._forms import (
    Basis,
    CompetenceRow,
    CompetenceTable,
    Power,
    check_competence,
    relation_between,
)
from kiemtra._time import DateRange
from kiemtra._workflow._access import Competence
from kiemtra._workflow._context import GuardContext
from kiemtra._workflow._directory import Directory
from kiemtra.rulebooks.vn import _sources as s
from kiemtra.rulebooks.vn._sanctions import Form

__all__ = ["COMPETENCE", "NO_LEVEL", "access_rows", "competence_guard"]

C: Final = Status.CONFIRMED
S: Final = Status.SECONDARY
U: Final = Status.UNCONFIRMED
RM: Final = "shared/domain/regulations.md"

CHARTER = s.CHARTER_2011.effective
QD30 = s.QD_30.effective
QD22 = s.QD_22.effective
QD296 = s.QD_296.effective
QD298 = s.QD_298.effective  # 1/7/2025: the ward committee becomes upper-grassroots

MEMBER_FORMS = (Form.REPRIMAND, Form.WARNING, Form.REMOVAL_FROM_POST, Form.EXPULSION)
LIGHT = (Form.REPRIMAND, Form.WARNING)
HEAVY = (Form.REMOVAL_FROM_POST, Form.EXPULSION)
CELL_LEVELS = ("cell", "grassroots")
COMMISSION_BODIES = ("standing_committee", "inspection_commission")
GRASSROOTS_BODIES = ("committee", "standing_committee", "inspection_commission")

NO_LEVEL: Final = "no_competent_level"
"""The level named in an engine row for a form no body may decide on a day: no directory reports it."""

_CHARTER_36 = s.CHARTER_2011.cite("Art 36", "k1", source="hcmup.edu.vn; dangcongsan.vn Q&A")
_QD22_11 = s.QD_22.cite("Art 11", source="accgroup.vn; dangcongsan.vn Q&A")
_QD22_15 = s.QD_22.cite(
    "Art 15", source="dongnai.dcs.vn/bo-phieu-trong-ky-luat-dang-3329; lawnet.vn 102305"
)
_QD30_38 = s.QD_30.cite("Art 38", "1.2", source="th389.vn; ubkttu.camau.dcs.vn/chi-tiet-hoi-dap-8")
_QD296_10_1 = s.QD_296.cite("Art 10", "1.1", source="quiz bank Q8, Q71")
_QD296_10_4 = s.QD_296.cite("Art 10", "1.4", source="quiz bank Q8, Q71")
_QD296_10 = s.QD_296.cite("Art 10", source=RM + " (e)14 (clause not read)")
_QD296_11 = s.QD_296.cite("Art 11", source="quiz bank Q80")
_QD298 = s.QD_298.cite("Art 4", source="luatvietnam.vn 102448")
_CHARTER_36_GRASSROOTS = s.CHARTER_2011.cite(
    "Art 36", source=RM + " (e)1, (e)14 (inferred; text not read)"
)
_DISTRICT = s.CHARTER_2011.cite("Art 36", source="accgroup.vn (regulations.md (e)14)")


def _basis(
    start: pendulum.Date,
    end: pendulum.Date | None,
    cites: list[Citation],
    status: Status,
    note: str = "",
) -> Basis:
    return Basis(DateRange(start, end), cites, status, note)


def _rows() -> list[CompetenceRow]:
    rows: list[CompetenceRow] = []

    def row(
        id: str,
        body: str,
        levels: tuple[str, ...],
        subject: str,
        relation: str,
        forms: tuple[str, ...],
        power: Power,
        higher: bool,
        basis: Basis,
    ) -> None:
        rows.append(CompetenceRow(id, body, levels, subject, relation, forms, power, higher, basis))

    # The cell decides reprimand or warning on its members, except for tasks assigned by a higher level (row 13).
    cell_decides = [
        ("2011", _basis(CHARTER, QD22, [_CHARTER_36], C)),
        ("2021", _basis(QD22, QD296, [_CHARTER_36, _QD22_11], C)),
        (
            "2025",
            _basis(
                QD296,
                None,
                [_CHARTER_36, _QD296_10_1],
                S,
                "The QĐ 296 clause (1.1) is SECONDARY (regulations.md g.2 row 13).",
            ),
        ),
    ]
    for era, basis in cell_decides:
        row(
            f"cell.decide.{era}",
            "cell_meeting",
            CELL_LEVELS,
            "member",
            "own",
            LIGHT,
            Power.DECIDE,
            False,
            basis,
        )

    # The cell proposes what it may not decide (rows 15-17; g.2 row 13: QĐ 296 Art 10 1.4).
    cell_proposes = [
        (
            "2016",
            _basis(
                QD30,
                QD22,
                [_QD30_38],
                U,
                "regulations.md confirms QĐ 30 Art 38 1.2 for the ballot (row 17), not its wording on proposals.",
            ),
        ),
        ("2021", _basis(QD22, QD296, [_QD22_15], C)),
        ("2025", _basis(QD296, None, [_QD296_10_4], S)),
    ]
    for era, basis in cell_proposes:
        row(
            f"cell.propose.{era}",
            "cell_meeting",
            CELL_LEVELS,
            "member",
            "own",
            MEMBER_FORMS,
            Power.PROPOSE,
            True,
            basis,
        )

    # The grassroots committee and its organs: reprimand or warning, and proposals ((e)1, (e)14).
    grassroots_note = (
        "regulations.md does not state the grassroots committee's competence ((e)1: Charter Arts 37–40 not "
        "read; (e)14: not researched)."
    )
    for body in GRASSROOTS_BODIES:
        basis = _basis(CHARTER, None, [_CHARTER_36_GRASSROOTS], U, grassroots_note)
        row(
            f"grassroots.{body}.decide",
            body,
            ("grassroots",),
            "member",
            "within",
            LIGHT,
            Power.DECIDE,
            True,
            basis,
        )
        row(
            f"grassroots.{body}.propose",
            body,
            ("grassroots",),
            "member",
            "within",
            HEAVY,
            Power.PROPOSE,
            True,
            basis,
        )

    # The level directly above the grassroots: the district until 30/6/2025, the ward from 1/7/2025.
    district_heavy = {
        "standing_committee": _basis(
            CHARTER,
            QD298,
            [_DISTRICT],
            S,
            "accgroup.vn: 'ban thường vụ huyện ủy hoặc tương đương quyết định'.",
        ),
        "inspection_commission": _basis(
            CHARTER,
            QD298,
            [_DISTRICT],
            U,
            "regulations.md g.1 (e)14 names the district BTV/UBKT by inference from the Charter scheme.",
        ),
    }
    inferred_light = (
        "By inference from the Charter scheme in which the committee directly above the grassroots decides "
        "all forms (regulations.md g.1 (e)14)."
    )
    ward_note = (
        "QĐ 298 makes the ward committee the committee directly above the grassroots (CONFIRMED); the QĐ 296 "
        "Art 10 clause naming its BTV/UBKT was not read (regulations.md (e)14, g.4 item 7)."
    )
    for body in COMMISSION_BODIES:
        row(
            f"district.{body}.decide.heavy",
            body,
            ("district",),
            "member",
            "within",
            HEAVY,
            Power.DECIDE,
            True,
            district_heavy[body],
        )
        row(
            f"district.{body}.decide.light",
            body,
            ("district",),
            "member",
            "within",
            LIGHT,
            Power.DECIDE,
            True,
            _basis(CHARTER, QD298, [_DISTRICT], U, inferred_light),
        )
        row(
            f"ward.{body}.decide",
            body,
            ("upper_grassroots",),
            "member",
            "within",
            MEMBER_FORMS,
            Power.DECIDE,
            True,
            _basis(QD298, None, [_QD298, _QD296_10], U, ward_note),
        )

    # Organisations: the directly superior committee or its standing committee (QĐ 296 Art 11).
    for body in ("committee", "standing_committee"):
        row(
            f"organisation.{body}.decide",
            body,
            (),
            "organisation",
            "direct_superior",
            LIGHT,
            Power.DECIDE,
            True,
            _basis(QD296, None, [_QD296_11], S),
        )
    return rows


COMPETENCE: Final = CompetenceTable(tuple(_rows()))
"""The Vietnamese competence table."""


def access_rows(
    on: pendulum.Date,
    *,
    procedure: str,
    triggers: Mapping[str, str],
    subject: str = "member",
    table: CompetenceTable = COMPETENCE,
) -> tuple[Competence, ...]:
    """The engine's competence rows for one day: for each form's trigger, the levels whose bodies may
    decide it on ``on``.

    The engine's rows know levels only, not body kinds, so at the grassroots level a chi bộ cơ sở's meeting
    and a grassroots committee are not told apart; :func:`competence_guard` checks the whole table. A form
    no body may decide on ``on`` gets the level :data:`NO_LEVEL`, which no directory reports, so the move is
    blocked for everyone. Rebuild the rows (and the access policy) when the table changes (1/7/2025).

    Args:
        on: The day.
        procedure: The discipline procedure's name.
        triggers: ``form code -> trigger`` of the moves that decide each form.
        subject: ``"member"`` or ``"organisation"``: whom the procedure disciplines.
        table: The competence table.
    """
    out: list[Competence] = []
    in_force = [r for r in table.in_force(on) if r.subject == subject]
    for form, trigger in triggers.items():
        deciding = [r for r in in_force if r.power is Power.DECIDE and form in r.forms]
        if any(not r.levels for r in deciding):
            levels: tuple[str, ...] = ()
        else:
            levels = tuple(sorted({lv for r in deciding for lv in r.levels})) or (NO_LEVEL,)
        cites = dict.fromkeys(str(c) for r in deciding for c in r.basis.citations)
        out.append(
            Competence(
                procedure,
                trigger,
                levels=levels,
                rule_id=f"{table.rule_id}.{form}",
                citation="; ".join(cites),
            )
        )
    return tuple(out)


def competence_guard(
    directory: Directory,
    *,
    triggers: Mapping[str, str],
    higher_level_task: Callable[[GuardContext], bool],
    table: CompetenceTable = COMPETENCE,
) -> Callable[[GuardContext], Explanation | None]:
    """A move guard that blocks a body deciding a form beyond its competence on the day of the step.

    Args:
        directory: The host's organisations (levels and superiors on a day).
        triggers: ``trigger -> form code`` of the moves that decide a form; other moves pass.
        higher_level_task: Whether the case's violation concerns a task assigned by a higher level.
        table: The competence table.

    Returns:
        A guard: None when the acting body may decide the form, else the explanation of the block (the
        body may only propose it, or no row covers it).
    """

    def sanction_competence(ctx: GuardContext) -> Explanation | None:
        form = triggers.get(ctx.move.trigger)
        if form is None:
            return None
        actor = ctx.actor
        if not isinstance(actor, MemberActor | BodyActor):
            return Explanation(
                table.rule_id,
                "none",
                "sanction.competence.none",
                args={"body": str(actor), "form": form},
            )
        subject = ctx.case.subject
        subject_org = subject.id if subject.kind == "organisation" else subject.org_id
        relation = None
        if subject_org is not None:
            relation = relation_between(
                actor.body.org_id, subject_org, directory.superiors(subject_org, ctx.day)
            )
        verdict = check_competence(
            table,
            body=actor.body,
            level=directory.level(actor.body.org_id, ctx.day),
            subject=subject.kind,
            relation=relation,
            form=form,
            on=ctx.day,
            higher_level_task=higher_level_task(ctx),
        )
        return None if verdict.value.may_decide else verdict.explanation

    return sanction_competence
