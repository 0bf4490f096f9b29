"""Timing helpers shared by the benchmarks: best-of-N medians and a plain-text table."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable

import attrs


@attrs.frozen
class Row:
    """One measured line: a workload, its cost per item, and its ratio to the baseline it names."""

    name: str
    per_item_us: float
    baseline: str | None = None
    ratio: float | None = None
    target: str = ""
    note: str = ""


def per_item_us(fn: Callable[[], object], items: int, repeats: int = 5) -> float:
    """Median over ``repeats`` runs of ``fn`` (which processes ``items`` items), in µs per item."""
    samples = []
    for _ in range(repeats):
        gc.collect()
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) / items * 1e6)
    return statistics.median(samples)


def ratio_row(
    name: str, value: float, baseline_name: str, baseline: float, target: str = "", note: str = ""
) -> Row:
    """A row whose ratio is ``value / baseline``."""
    return Row(name, value, baseline_name, value / baseline if baseline else None, target, note)


def print_rows(rows: list[Row]) -> None:
    """Print rows as an aligned table."""
    print(f"{'workload':58} {'µs/item':>12} {'ratio':>8}  {'vs':28} target / note")
    for r in rows:
        ratio = "" if r.ratio is None else f"{r.ratio:.3f}"
        print(
            f"{r.name:58} {r.per_item_us:12.3f} {ratio:>8}  {r.baseline or '':28} {r.target} {r.note}"
        )
