"""Workflow engine: Engine.fire against a bare shared-machine trigger and a Machine-per-case lifecycle.

Run: ``python -m benchmarks workflow`` (``--tiny`` for a smoke run).
"""

from __future__ import annotations

import gc
import itertools
import statistics
import tracemalloc
from typing import Any

import attrs
import pendulum
from transitions import Machine

from benchmarks._harness import Row, per_item_us, ratio_row
from kiemtra._calendar import FixedClock
from kiemtra._example import CompanyCast as C
from kiemtra._example import company_rulebook
from kiemtra._store._memory import MemoryStore
from kiemtra._workflow._case import Case, Event, Ground, actor_key
from kiemtra._workflow._context import GuardContext
from kiemtra._workflow._engine import Engine, _Holder

START = pendulum.datetime(2024, 3, 1, 9, tz="Asia/Ho_Chi_Minh")


@attrs.frozen
class Doc:
    """Evidence attached to a fire."""

    id: str
    kind: str


REPORT = (Doc("r", "report"),)
DECISION = (Doc("d", "decision"),)
LIFE: tuple[tuple[str, Any, tuple[Doc, ...]], ...] = (
    ("acknowledge", C.officer, ()),
    ("assign", C.head, ()),
    ("report", C.officer, REPORT),
    ("decide", C.head, DECISION),
    ("notify", C.officer, ()),
    ("appeal", C.complainant, ()),
    ("review", C.chair, ()),
    ("close", C.head, ()),
)


def make_engine(notices: bool = True) -> Engine:
    """An engine on the company rulebook with a fixed clock and counting ids; ``notices=False`` leaves
    out the rulebook's notifications (the outbox writes of the embedding layer)."""
    from kiemtra._workflow._access import AccessPolicy

    counter = itertools.count()
    book = company_rulebook()
    if not notices:
        book = book.with_extra("notifications", None)
    return Engine(
        book,
        MemoryStore(),
        FixedClock(START),
        access=AccessPolicy(directory=C.directory),
        ids=lambda: f"c{next(counter)}",
    )


def open_case(engine: Engine) -> Case:
    """Open one complaint."""
    return engine.open(
        "Complaint",
        C.subject,
        (Ground("letter", "L"),),
        C.officer,
        parties=C.parties,
        people=C.people,
    )


class NaiveCase:
    """A case with its own transitions Machine, as a naive lifecycle would hold it."""

    def __init__(self, engine: Engine, case: Case) -> None:
        self.snapshot = case
        self.events: list[Event] = []
        self.engine = engine
        version = engine._compiled[("Complaint", case.version)].version
        self.version = version
        self.machine = Machine(
            model=self,
            states=[s.name for s in version.states],
            initial=case.state,
            transitions=[
                {
                    "trigger": m.trigger,
                    "source": list(m.sources),
                    "dest": m.target,
                    "conditions": "allowed",
                    "after": "record",
                }
                for m in version.moves
            ],
            auto_transitions=False,
            send_event=True,
        )

    def allowed(self, event: Any) -> bool:
        """The same authorization, evidence and guard checks the engine makes."""
        kw = event.kwargs
        move = next(m for m in self.version.moves if m.trigger == event.event.name)
        case = self.snapshot
        day = self.engine._day(kw["at"])
        if self.engine.access.fire_blocks(case, move, kw["actor"], day, case.version):
            return False
        have = {e.kind for e in kw["evidence"]}
        if any(k not in have for k in move.requires.evidence_kinds):
            return False
        ctx = GuardContext(
            case,
            move,
            kw["actor"],
            kw["at"],
            day,
            kw["evidence"],
            self.engine.rulebook,
            self.engine.calendar,
            case.version,
        )
        return all(g(ctx) is None for g in move.guards)

    def record(self, event: Any) -> None:
        """The same deadline, event record and snapshot the engine writes."""
        kw = event.kwargs
        case = self.snapshot
        target = self.state  # type: ignore[attr-defined]
        day = self.engine._day(kw["at"])
        deadline, params = self.engine._deadline(
            self.engine._compiled[("Complaint", case.version)].states[target], day
        )
        seq = case.seq + 1
        recorded = Event(
            case.id,
            seq,
            "move",
            event.event.name,
            case.state,
            target,
            kw["actor"],
            kw["at"],
            case.procedure,
            case.version,
            None,
            tuple(e.id for e in kw["evidence"]),
            params,
            None if deadline is None else deadline.due,
        )
        moved = attrs.evolve(
            case,
            state=target,
            seq=seq,
            deadline=deadline,
            firers=(*case.firers, (event.event.name, actor_key(kw["actor"]))),
        )
        # The same event record the engine writes, into the same store.
        self.engine.store.append(moved, recorded, case.seq)
        self.events.append(recorded)
        self.snapshot = moved


class SnapshotOnlyStore(MemoryStore):
    """A memory store that drops events, to measure the case state an engine holds per open case."""

    def create(self, case: Case, event: Event) -> None:
        """Keep only the snapshot."""
        self._cases[case.id] = case


def main(tiny: bool) -> list[Row]:
    """Measure and return the rows."""
    n = 30 if tiny else 3_000
    rows: list[Row] = []

    # Engine.fire: 8 fires per case on pre-opened cases.
    engine = make_engine()
    cases = [open_case(engine) for _ in range(n)]

    def fire_all() -> None:
        for trigger, actor, evidence in LIFE:
            for case in cases:
                engine.fire(case.id, trigger, actor, evidence=evidence)

    fire_us = per_item_us(fire_all, n * len(LIFE), repeats=1)

    comp = engine._compiled[("Complaint", "2020")]

    def bare_all() -> None:
        holders = [_Holder("received") for _ in range(n)]
        for trigger, _actor, _evidence in LIFE:
            event = comp.machine.events[trigger]
            for h in holders:
                event.trigger(h)

    bare_us = per_item_us(bare_all, n * len(LIFE))
    rows.append(Row("bare shared-machine trigger", bare_us))
    rows.append(
        ratio_row(
            "Engine.fire (auth + deadline + event + store)",
            fire_us,
            "bare shared-machine trigger",
            bare_us,
            "<= 3",
        )
    )

    # Opening a case against creating a Machine for one.
    engine2 = make_engine()
    open_us = per_item_us(lambda: [open_case(engine2) for _ in range(n)], n)
    version = comp.version
    spec = {
        "states": [s.name for s in version.states],
        "initial": "received",
        "transitions": [
            {"trigger": m.trigger, "source": list(m.sources), "dest": m.target}
            for m in version.moves
        ],
        "auto_transitions": False,
    }

    class Model:
        pass

    machine_us = per_item_us(lambda: [Machine(model=Model(), **spec) for _ in range(n)], n)
    rows.append(Row("create a transitions Machine for one case", machine_us))
    rows.append(
        ratio_row("Engine.open", open_us, "create a Machine per case", machine_us, "<= 0.05")
    )

    # Lifecycle: open + 8 fires, engine against naive Machine-per-case.
    def engine_life(notices: bool = True) -> None:
        e = make_engine(notices)
        for _ in range(n):
            case = open_case(e)
            for trigger, actor, evidence in LIFE:
                e.fire(case.id, trigger, actor, evidence=evidence)

    def naive_life() -> None:
        e = make_engine()
        for _ in range(n):
            naive = NaiveCase(e, open_case(e))
            for trigger, actor, evidence in LIFE:
                assert naive.trigger(trigger, actor=actor, at=START, evidence=evidence)  # type: ignore[attr-defined]

    # Interleaved, so both see the same machine state; medians of 5.
    life_samples, bare_life_samples, naive_samples = [], [], []
    for _ in range(5):
        life_samples.append(per_item_us(engine_life, n, repeats=1))
        bare_life_samples.append(per_item_us(lambda: engine_life(False), n, repeats=1))
        naive_samples.append(per_item_us(naive_life, n, repeats=1))
    life_us, naive_us = statistics.median(life_samples), statistics.median(naive_samples)
    bare_life_us = statistics.median(bare_life_samples)
    rows.append(Row("naive lifecycle: Machine per case, open + 8 fires", naive_us))
    rows.append(
        ratio_row(
            "Engine lifecycle: open + 8 fires (same work as naive)",
            bare_life_us,
            "naive lifecycle",
            naive_us,
            "<= 0.4 (2.5x faster)",
        )
    )
    rows.append(
        ratio_row(
            "Engine lifecycle with the outbox notices too",
            life_us,
            "naive lifecycle",
            naive_us,
            note="3 of 9 steps also write a notice",
        )
    )

    # The same two lifecycles with the cyclic garbage collector off: CPU work alone. With it on (above, as in
    # production) the engine's fewer tracked objects also mean fewer collections, which depends on the heap.
    gc.disable()
    try:
        quiet_life = statistics.median(
            per_item_us(lambda: engine_life(False), n, repeats=1) for _ in range(3)
        )
        quiet_naive = statistics.median(per_item_us(naive_life, n, repeats=1) for _ in range(3))
    finally:
        gc.enable()
    rows.append(
        ratio_row(
            "Engine lifecycle, garbage collector off",
            quiet_life,
            "naive lifecycle, collector off",
            quiet_naive,
            note=f"naive {quiet_naive:.1f} µs: the CPU work alone",
        )
    )

    # Memory per open case: snapshots only.
    engine3 = make_engine()
    engine3.store = SnapshotOnlyStore()
    m = 200 if tiny else 20_000
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for _ in range(m):
        open_case(engine3)
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    per_case = (after - before) / m
    rows.append(Row("memory per open case (bytes, not µs)", per_case, None, None, "<= 2048 bytes"))
    return rows
