"""The Vietnamese competence table: who decides which sanction for whom, in 2019 and after 1/7/2025."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
import pytest

from kiemtra import Body, BodyActor, Status, TransitionNotAllowed
from kiemtra._calendar import FixedClock
from kiemtra._errors import BeyondCompetence, SanctionNotAllowed
from kiemtra._sanctions._forms import Power, check_competence, relation_between, require_competence
from kiemtra._store._memory import MemoryStore
from kiemtra._time import DateRange
from kiemtra._workflow._access import AccessPolicy
from kiemtra._workflow._case import Ground, Subject
from kiemtra._workflow._context import GuardContext
from kiemtra._workflow._definition import Move, Permit, Procedure, ProcedureVersion, State
from kiemtra._workflow._directory import StaticDirectory
from kiemtra._workflow._engine import Engine
from kiemtra.rulebooks import vn
from kiemtra.rulebooks.vn._competence import COMPETENCE, NO_LEVEL, access_rows, competence_guard
from kiemtra.rulebooks.vn._sanction_labels import sanction_templates

D = pendulum.date
BOOK = vn.rulebook()
TEMPLATES = BOOK.templates.merged(sanction_templates())
IN_2019 = D(2019, 6, 3)
IN_2025 = D(2025, 8, 1)
CELL = Body("cell-5", "cell_meeting")
WARD = "ward-halam"
CITY = "city-halong"


def verdict(
    body: Body,
    level: str,
    form: str,
    on: pendulum.Date,
    *,
    subject: str = "member",
    relation: str | None = "within",
    higher: bool = False,
) -> tuple[Power | None, str | None, Status | None]:
    """The power, the row that gives it and the row's status."""
    found = check_competence(
        COMPETENCE,
        body=body,
        level=level,
        subject=subject,
        relation=relation,
        form=form,
        on=on,
        higher_level_task=higher,
    ).value
    row = found.row
    return found.power, None if row is None else row.id, None if row is None else row.basis.status


# -- the 2019 mapping: Hà Lầm ward committee is grassroots, Hạ Long city is the superior ((e)14, g.1) -------


def test_2019_the_cell_decides_a_warning_on_its_member() -> None:
    """Row 13 (Charter Art 36 k1, CONFIRMED): the cell decides khiển trách, cảnh cáo."""
    assert verdict(CELL, "cell", "warning", IN_2019, relation="own") == (
        Power.DECIDE,
        "cell.decide.2011",
        Status.CONFIRMED,
    )


def test_2019_the_cell_only_proposes_for_a_task_assigned_by_a_higher_level() -> None:
    """Row 13: except tasks assigned by a higher level: the cell then proposes."""
    assert (
        verdict(CELL, "cell", "reprimand", IN_2019, relation="own", higher=True)[0] is Power.PROPOSE
    )


def test_2019_the_cell_only_proposes_an_expulsion() -> None:
    """Rows 13, 16: the cell may not decide khai trừ; it proposes (QĐ 30 Art 38 1.2, UNCONFIRMED wording)."""
    assert verdict(CELL, "cell", "expulsion", IN_2019, relation="own") == (
        Power.PROPOSE,
        "cell.propose.2016",
        Status.UNCONFIRMED,
    )


def test_2019_the_cell_has_no_power_over_another_cells_member() -> None:
    """The cell decides on its own members only."""
    assert verdict(CELL, "cell", "warning", IN_2019, relation=None)[0] is None


def test_2019_the_ward_committee_decides_a_reprimand_unconfirmed() -> None:
    """(e)14: the grassroots committee's competence is not in regulations.md: UNCONFIRMED."""
    assert verdict(Body(WARD, "committee"), "grassroots", "reprimand", IN_2019) == (
        Power.DECIDE,
        "grassroots.committee.decide",
        Status.UNCONFIRMED,
    )


def test_2019_the_ward_standing_committee_only_proposes_an_expulsion() -> None:
    """(e)14: in 2019 khai trừ was for the district level; the ward proposes."""
    assert (
        verdict(Body(WARD, "standing_committee"), "grassroots", "expulsion", IN_2019)[0]
        is Power.PROPOSE
    )


def test_2019_the_city_standing_committee_decides_an_expulsion() -> None:
    """(e)14 (accgroup.vn, SECONDARY): the district BTV decides khai trừ and cách chức."""
    assert verdict(Body(CITY, "standing_committee"), "district", "expulsion", IN_2019) == (
        Power.DECIDE,
        "district.standing_committee.decide.heavy",
        Status.SECONDARY,
    )


def test_2019_the_city_inspection_commission_decides_a_removal_from_post() -> None:
    """g.1 (e)14: the district UBKT, by inference: UNCONFIRMED."""
    assert verdict(
        Body(CITY, "inspection_commission"), "district", "removal_from_post", IN_2019
    ) == (
        Power.DECIDE,
        "district.inspection_commission.decide.heavy",
        Status.UNCONFIRMED,
    )


def test_2019_no_row_covers_disciplining_an_organisation() -> None:
    """regulations.md names QĐ 296 Art 11 (2025) only for organisations."""
    verdict_org = verdict(
        Body(WARD, "committee"),
        "grassroots",
        "warning",
        IN_2019,
        subject="organisation",
        relation="direct_superior",
    )
    assert verdict_org == (None, None, None)


# -- from 1 July 2025: the ward committee is directly above the grassroots (g.0, (e)14) ---------------------


def test_2025_the_neighbourhood_cell_as_grassroots_still_decides_a_warning() -> None:
    """g.1 (e)14, QĐ 296 Art 10 1.1 (SECONDARY): the chi bộ cơ sở decides khiển trách, cảnh cáo."""
    assert verdict(CELL, "grassroots", "warning", IN_2025, relation="own") == (
        Power.DECIDE,
        "cell.decide.2025",
        Status.SECONDARY,
    )


def test_2025_the_ward_standing_committee_decides_an_expulsion() -> None:
    """(e)14: khai trừ is decided by the ward BTV (QĐ 298 structure; QĐ 296 Art 10 not read: UNCONFIRMED)."""
    assert verdict(Body(WARD, "standing_committee"), "upper_grassroots", "expulsion", IN_2025) == (
        Power.DECIDE,
        "ward.standing_committee.decide",
        Status.UNCONFIRMED,
    )


def test_2025_the_ward_inspection_commission_decides_a_removal_from_post() -> None:
    """(e)14: cách chức by the ward UBKT."""
    assert (
        verdict(
            Body(WARD, "inspection_commission"), "upper_grassroots", "removal_from_post", IN_2025
        )[0]
        is Power.DECIDE
    )


def test_on_30_june_2025_the_district_still_decides() -> None:
    """g.0: QĐ 298 takes effect on 1/7/2025; the day before, the district decides."""
    assert (
        verdict(Body(CITY, "standing_committee"), "district", "expulsion", D(2025, 6, 30))[0]
        is Power.DECIDE
    )


def test_on_1_july_2025_the_district_no_longer_decides() -> None:
    """g.0: the district level is abolished on 1/7/2025."""
    assert (
        verdict(Body(CITY, "standing_committee"), "district", "expulsion", D(2025, 7, 1))[0] is None
    )


def test_on_30_june_2025_the_ward_as_upper_grassroots_has_no_row() -> None:
    """The ward rows start on 1/7/2025."""
    assert (
        verdict(Body(WARD, "standing_committee"), "upper_grassroots", "expulsion", D(2025, 6, 30))[
            0
        ]
        is None
    )


def test_2025_the_ward_committee_decides_a_warning_on_a_grassroots_cell() -> None:
    """QĐ 296 Art 11 (quiz Q80, SECONDARY): the directly superior committee disciplines an organisation."""
    assert verdict(
        Body(WARD, "committee"),
        "upper_grassroots",
        "warning",
        IN_2025,
        subject="organisation",
        relation="direct_superior",
    ) == (Power.DECIDE, "organisation.committee.decide", Status.SECONDARY)


def test_2025_no_row_covers_dissolution() -> None:
    """regulations.md does not say who dissolves an organisation."""
    assert (
        verdict(
            Body(WARD, "committee"),
            "upper_grassroots",
            "dissolution",
            IN_2025,
            subject="organisation",
            relation="direct_superior",
        )[0]
        is None
    )


def test_a_cell_committee_cannot_discipline() -> None:
    """Glossary (a): the chi ủy has no power to discipline."""
    assert (
        verdict(Body("cell-5", "cell_committee"), "cell", "reprimand", IN_2019, relation="own")[0]
        is None
    )


# -- the table's citations ----------------------------------------------------------------------------------

CITED = [
    ("cell.decide.2011", ["Điều lệ Đảng (2011) Art 36 k1"]),
    ("cell.decide.2021", ["Điều lệ Đảng (2011) Art 36 k1", "QĐ 22-QĐ/TW (28/7/2021) Art 11"]),
    ("cell.decide.2025", ["Điều lệ Đảng (2011) Art 36 k1", "QĐ 296-QĐ/TW (30/5/2025) Art 10 1.1"]),
    ("cell.propose.2021", ["QĐ 22-QĐ/TW (28/7/2021) Art 15"]),
    ("cell.propose.2025", ["QĐ 296-QĐ/TW (30/5/2025) Art 10 1.4"]),
    (
        "ward.standing_committee.decide",
        ["QĐ 298-QĐ/TW (9/6/2025) Art 4", "QĐ 296-QĐ/TW (30/5/2025) Art 10"],
    ),
    ("organisation.standing_committee.decide", ["QĐ 296-QĐ/TW (30/5/2025) Art 11"]),
]


@pytest.mark.parametrize(("row_id", "citations"), CITED, ids=[c[0] for c in CITED])
def test_each_row_cites_its_text(row_id: str, citations: list[str]) -> None:
    """Rows 13, 15, 16, (e)14, g.0, g.2 row 13: each row cites the texts regulations.md names."""
    assert [str(c) for c in COMPETENCE.row(row_id).basis.citations] == citations


def test_every_row_cites_where_it_was_seen() -> None:
    """Every citation of every row names its source."""
    assert [r.id for r in COMPETENCE.rows if any(not c.source for c in r.basis.citations)] == []


def test_every_unconfirmed_row_says_why() -> None:
    """An UNCONFIRMED row carries a note."""
    assert [
        r.id for r in COMPETENCE.rows if r.basis.status is Status.UNCONFIRMED and not r.basis.note
    ] == []


def test_the_rows_in_force_change_on_1_july_2025() -> None:
    """The district rows give way to the ward rows (g.0)."""
    before = {r.id.split(".")[0] for r in COMPETENCE.in_force(D(2025, 6, 30))}
    after = {r.id.split(".")[0] for r in COMPETENCE.in_force(D(2025, 7, 1))}
    assert (before - after, after - before) == ({"district"}, {"ward"})


# -- typed refusal ------------------------------------------------------------------------------------------


def test_a_cell_deciding_an_expulsion_is_beyond_its_competence() -> None:
    """Row 13: a cell asked to decide khai trừ raises BeyondCompetence."""
    with pytest.raises(BeyondCompetence, match="may only propose"):
        require_competence(
            COMPETENCE,
            body=CELL,
            level="cell",
            subject="member",
            relation="own",
            form="expulsion",
            on=IN_2019,
            higher_level_task=False,
        )


def test_a_cell_deciding_a_warning_for_a_higher_task_is_beyond_its_competence() -> None:
    """QĐ 296 Art 10 1.4: for a task assigned by a higher level the cell only proposes."""
    with pytest.raises(BeyondCompetence):
        require_competence(
            COMPETENCE,
            body=CELL,
            level="grassroots",
            subject="member",
            relation="own",
            form="warning",
            on=IN_2025,
            higher_level_task=True,
        )


def test_beyond_competence_is_a_sanction_not_allowed() -> None:
    """BeyondCompetence is a SanctionNotAllowed, so one handler catches both."""
    assert issubclass(BeyondCompetence, SanctionNotAllowed)


def test_the_refusal_renders_in_vietnamese() -> None:
    """The refusal explains that the cell may only propose."""
    with pytest.raises(BeyondCompetence) as caught:
        require_competence(
            COMPETENCE,
            body=CELL,
            level="cell",
            subject="member",
            relation="own",
            form="expulsion",
            on=IN_2019,
            higher_level_task=False,
        )
    assert caught.value.explanation is not None
    assert caught.value.explanation.render(TEMPLATES, "vi") == (
        "cell_meeting@cell-5 chỉ được đề nghị hình thức khai trừ, không được quyết định (theo dòng cell.propose.2016)."
    )


# -- relation and the engine --------------------------------------------------------------------------------


def test_relation_of_a_body_to_its_subject() -> None:
    """Own organisation, direct superior, further up, or unrelated."""
    chain = ("ward-halam", "city-halong")
    assert [
        relation_between(o, "cell-5", chain)
        for o in ("cell-5", "ward-halam", "city-halong", "cell-6")
    ] == [
        "own",
        "direct_superior",
        "within",
        None,
    ]


def test_engine_rows_of_2019_give_expulsion_to_the_district_only() -> None:
    """(e)14: in 2019 khai trừ of a ward cell member is for the district level."""
    rows = access_rows(IN_2019, procedure="Discipline", triggers={"expulsion": "decide_expulsion"})
    assert [(r.trigger, r.levels) for r in rows] == [("decide_expulsion", ("district",))]


def test_engine_rows_of_2025_give_expulsion_to_the_ward() -> None:
    """(e)14, g.0: from 1/7/2025 the ward (upper grassroots) decides khai trừ."""
    rows = access_rows(IN_2025, procedure="Discipline", triggers={"expulsion": "decide_expulsion"})
    assert [(r.trigger, r.levels) for r in rows] == [("decide_expulsion", ("upper_grassroots",))]


def test_engine_rows_block_a_form_nobody_may_decide() -> None:
    """No row decides dissolution: the engine row names a level no directory reports."""
    rows = access_rows(
        IN_2025,
        procedure="Discipline",
        triggers={"dissolution": "dissolve"},
        subject="organisation",
    )
    assert rows[0].levels == (NO_LEVEL,)


@attrs.frozen
class Doc:
    """Evidence attached to a fire."""

    id: str
    kind: str


def discipline_engine(start: pendulum.DateTime) -> Engine:
    """An engine with a two-move discipline procedure guarded by the competence table."""
    directory = StaticDirectory(
        parents={"cell-5": WARD, WARD: CITY},
        levels={"cell-5": "cell", WARD: "grassroots", CITY: "district"},
    )
    triggers = {"decide_warning": "warning", "decide_expulsion": "expulsion"}

    def higher(ctx: GuardContext) -> bool:
        return any(getattr(e, "kind", "") == "higher_level_task" for e in ctx.evidence)

    guard = competence_guard(directory, triggers=triggers, higher_level_task=higher)
    deciding = Permit("deciding_body", body_acts=True)
    version = ProcedureVersion(
        "2019",
        DateRange(D(2011, 1, 19)),
        "considering",
        states=(State("considering"), State("decided", final=True)),
        moves=(
            Move(
                "decide_warning", ("considering",), "decided", permits=(deciding,), guards=(guard,)
            ),
            Move(
                "decide_expulsion",
                ("considering",),
                "decided",
                permits=(deciding,),
                guards=(guard,),
            ),
        ),
    )
    counter = iter(range(1, 1000))
    return Engine(
        BOOK,
        MemoryStore(),
        FixedClock(start),
        procedures=[Procedure("Discipline", (version,))],
        access=AccessPolicy(directory=directory),
        ids=lambda: f"d{next(counter)}",
    )


def open_case(e: Engine, body: Body) -> str:
    """A discipline case about member m1 of cell-5, with ``body`` deciding."""
    case = e.open(
        "Discipline",
        Subject("member", "m1", "cell-5"),
        [Ground("case", "insp-1")],
        BodyActor(body),
        parties={"deciding_body": body},
    )
    return case.id


def blocked_keys(
    e: Engine, case_id: str, trigger: str, body: Body, evidence: tuple[Any, ...] = ()
) -> list[str]:
    """The message keys of the blocks, empty when the move went through."""
    try:
        e.fire(case_id, trigger, BodyActor(body), evidence=evidence)
    except TransitionNotAllowed as exc:
        return [r.message_key for r in exc.reasons]
    return []


def test_the_engine_lets_the_cell_decide_a_warning() -> None:
    """Row 13 through the engine: the cell's warning goes through."""
    e = discipline_engine(pendulum.datetime(2019, 6, 3, 9, tz="Asia/Ho_Chi_Minh"))
    assert blocked_keys(e, open_case(e, CELL), "decide_warning", CELL) == []


def test_the_engine_blocks_the_cell_deciding_an_expulsion() -> None:
    """Row 13 through the engine: the cell deciding khai trừ is blocked, with the 'propose' reason."""
    e = discipline_engine(pendulum.datetime(2019, 6, 3, 9, tz="Asia/Ho_Chi_Minh"))
    assert blocked_keys(e, open_case(e, CELL), "decide_expulsion", CELL) == [
        "sanction.competence.propose"
    ]


def test_the_engine_blocks_the_cell_on_a_higher_level_task() -> None:
    """QĐ 296 Art 10 1.4 through the engine: a task assigned by a higher level blocks the cell's warning."""
    e = discipline_engine(pendulum.datetime(2019, 6, 3, 9, tz="Asia/Ho_Chi_Minh"))
    keys = blocked_keys(
        e, open_case(e, CELL), "decide_warning", CELL, (Doc("t1", "higher_level_task"),)
    )
    assert keys == ["sanction.competence.propose"]


def test_the_engine_lets_the_city_standing_committee_decide_an_expulsion() -> None:
    """(e)14 through the engine: in 2019 the Hạ Long city BTV decides khai trừ."""
    e = discipline_engine(pendulum.datetime(2019, 6, 3, 9, tz="Asia/Ho_Chi_Minh"))
    city = Body(CITY, "standing_committee")
    assert blocked_keys(e, open_case(e, city), "decide_expulsion", city) == []
