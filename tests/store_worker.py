"""What the processes of ``test_store_processes.py`` run (a module of functions, not a test module).

The test starts them from a ``forkserver`` that has imported this module once, so eight workers cost one
interpreter start, not eight.
"""

from __future__ import annotations

import random
import time
from typing import Any

from tests.store_helpers import LIFE, make_engine, open_case

from kiemtra import StaleWrite
from kiemtra._store._sql import SqlStore

NEXT = {
    "received": LIFE[0],
    "acknowledged": LIFE[1],
    "investigating": LIFE[2],
    "reported": LIFE[3],
    "decided": LIFE[4],
    "notified": LIFE[5],
}
"""The move each state leads to, with who fires it and what it needs."""


def fire(
    url: str, prefix: str, case_ids: list[str], seed: int, passes: int, start: Any, out: Any
) -> None:
    """Go ``passes`` times over the cases (in an order of its own), firing each one's next move on the
    version just read, once every worker is ready (``start`` is a barrier); put what landed on ``out``.

    Any error other than StaleWrite escapes, so the process ends with a non-zero exit code.
    """
    rng = random.Random(seed)
    landed = stale = 0
    with SqlStore(url, prefix=prefix) as store:
        engine = make_engine(store)
        order = list(case_ids)
        start.wait()
        for _ in range(passes):
            rng.shuffle(order)
            for case_id in order:
                case = store.load(case_id)
                if case.state not in NEXT:
                    continue
                trigger, actor, evidence = NEXT[case.state]
                try:
                    engine.fire(
                        case_id, trigger, actor, evidence=evidence, expected_version=case.seq
                    )
                except StaleWrite:
                    stale += 1
                else:
                    landed += 1
    out.put({"landed": landed, "stale": stale})


def units(url: str, prefix: str, count: int, size: int, kill_at: int, inside: Any) -> None:
    """Write ``count`` units of work, each opening ``size`` cases and moving each once; in unit
    ``kill_at``, set ``inside`` just before COMMIT and wait there to be killed."""
    with SqlStore(url, prefix=prefix) as store:
        engine = make_engine(store)
        counter = iter(range(10**6))
        unit = 0
        engine._ids = lambda: f"u{unit:03d}-{next(counter):04d}"

        def hang() -> None:
            inside.set()
            time.sleep(120)

        for unit in range(count):
            if unit == kill_at:
                store._before_commit = hang
            with store.unit_of_work():
                for _ in range(size):
                    case = open_case(engine)
                    trigger, actor, evidence = LIFE[0]
                    engine.fire(case.id, trigger, actor, evidence=evidence)
