"""A ward, its bodies and its people, for the tests of the Vietnamese procedures.

The ward ``ward`` has two neighbourhood cells (``ward.kp1``, ``ward.kp2``) and, for the fact-table tests of
``tests/vn_facts.py``, the cells ``cell1`` and ``cell2``. Until 30 June 2025 the ward is a grassroots
organisation under the district ``district``; from 1 July 2025 (QĐ 298-QĐ/TW, regulations.md g.0) the district
is gone, the ward is upper-grassroots under the province and its cells are grassroots cells.

Imported as ``from tests.vn_cast import ...`` (pytest registers the ``tests`` package under importlib mode).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Sequence
from typing import Any, ClassVar

import pendulum

from kiemtra import (
    AccessPolicy,
    Body,
    BodyActor,
    Engine,
    FixedClock,
    MemberActor,
    MemoryStore,
    OutsidePerson,
    Rulebook,
    Subject,
    TransitionNotAllowed,
)
from kiemtra.rulebooks import vn

REFORM = pendulum.date(2025, 7, 1)  # QĐ 298-QĐ/TW effective (regulations.md g.0)
ZONE = "Asia/Ho_Chi_Minh"

CELLS = ("ward.kp1", "ward.kp2", "cell1", "cell2")


class WardDirectory:
    """The ward's organisations on a day: parents, levels, and the posts members hold."""

    posts_of: ClassVar[dict[str, tuple[str, ...]]] = {
        "m-treasurer": ("treasurer",),
        "m-cadre": ("committee_member",),
    }

    def _parent(self, org_id: str, at: dt.date) -> str | None:
        before = at < REFORM
        if org_id in CELLS:
            return "ward"
        if org_id in ("ward", "other-ward"):
            return "district" if before else "province"
        if org_id == "district":
            return "province" if before else None
        return None

    def superiors(self, org_id: str, at: dt.date) -> Sequence[str]:
        """The organisations above ``org_id``, nearest first."""
        out: list[str] = []
        current = self._parent(org_id, at)
        while current is not None:
            out.append(current)
            current = self._parent(current, at)
        return out

    def level(self, org_id: str, at: dt.date) -> str | None:
        """The level of ``org_id`` on ``at``."""
        before = at < REFORM
        if org_id in CELLS:
            return "cell" if before else "grassroots"
        if org_id in ("ward", "other-ward"):
            return "grassroots" if before else "upper_grassroots"
        return {"district": "district", "province": "province"}.get(org_id)

    def posts(self, member_id: str, at: dt.date) -> Sequence[str]:
        """The posts ``member_id`` holds."""
        return self.posts_of.get(member_id, ())


DIRECTORY = WardDirectory()

# -- bodies ---------------------------------------------------------------------------------------------
IC = Body("ward", "inspection_commission")
SC = Body("ward", "standing_committee")
COMMITTEE = Body("ward", "committee")
CELL1 = Body("ward.kp1", "cell_meeting")
CELL2 = Body("ward.kp2", "cell_meeting")
DISTRICT_IC = Body("district", "inspection_commission")
DISTRICT_SC = Body("district", "standing_committee")
OTHER_IC = Body("other-ward", "inspection_commission")
BOARD = Body("ward", "party_building_board")

# -- people acting -----------------------------------------------------------------------------------------
SUBJECT_ID = "m-subject"
IC_CHAIR = MemberActor("m-ic-chair", IC, "chair")
IC_MEMBER = MemberActor("m-ic-member", IC, "member")
IC_BODY = BodyActor(IC)
SC_SECRETARY = MemberActor("m-sc-secretary", SC, "secretary")
CELL_SECRETARY = MemberActor("m-cell-secretary", CELL1, "secretary")
CELL_MEMBER = MemberActor("m-cell-member", CELL1, "member")
SUBJECT_ACTOR = MemberActor(SUBJECT_ID, CELL1, "member")
DISTRICT_CHAIR = MemberActor("m-district-chair", DISTRICT_IC, "chair")
DISTRICT_SECRETARY = MemberActor("m-district-secretary", DISTRICT_SC, "secretary")
OTHER_CELL_SECRETARY = MemberActor("m-kp2-secretary", CELL2, "secretary")
OTHER_WARD_CHAIR = MemberActor("m-other-chair", OTHER_IC, "chair")
BOARD_HEAD = MemberActor("m-board-head", BOARD, "chair")
DENOUNCER = OutsidePerson("p-denouncer", "denouncer")

MEMBER = Subject("member", SUBJECT_ID, "ward.kp1")
CELL_SUBJECT = Subject("organisation", "ward.kp1", "ward")


@functools.cache
def book(with_directory: bool = True) -> Rulebook:
    """The Vietnamese rulebook, with the ward's directory for competence checks (built once)."""
    return vn.rulebook(DIRECTORY if with_directory else None)


def at(year: int, month: int, day: int, hour: int = 9) -> pendulum.DateTime:
    """An instant in Hà Nội time."""
    return pendulum.datetime(year, month, day, hour, tz=ZONE)


def engine(start: pendulum.DateTime, *, with_directory: bool = True) -> Engine:
    """A fresh engine on a memory store, its clock at ``start``, case ids ``case-1``, ``case-2``..."""
    counter = itertools.count(1)
    return Engine(
        book(with_directory),
        MemoryStore(),
        FixedClock(start),
        access=AccessPolicy(directory=DIRECTORY),
        ids=lambda: f"case-{next(counter)}",
    )


def refused(
    eng: Engine, case_id: str, trigger: str, actor: Any, when: pendulum.DateTime, **kw: Any
) -> TransitionNotAllowed:
    """Fire a move that must be refused; check nothing changed and return the error."""
    before = eng.store.load(case_id)
    history = eng.store.events(case_id)
    try:
        eng.fire(case_id, trigger, actor, when, **kw)
    except TransitionNotAllowed as exc:
        assert eng.store.load(case_id) == before
        assert eng.store.events(case_id) == history
        return exc
    raise AssertionError(f"{trigger} was not refused")


def keys(exc: TransitionNotAllowed) -> list[str]:
    """The message keys of a refusal's reasons."""
    return [r.message_key for r in exc.reasons]
