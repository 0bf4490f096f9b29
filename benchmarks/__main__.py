"""Run every benchmark: ``python -m benchmarks`` (full size) or ``python -m benchmarks --tiny`` (CI smoke).

Each ``benchmarks/bench_*.py`` module has ``main(tiny: bool) -> list[Row]``; rows print as one table whose
ratios compare a workload with its baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import time

import benchmarks
from benchmarks._harness import Row, print_rows


def main(argv: list[str] | None = None) -> int:
    """Run the selected benchmarks and print their rows."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--tiny", action="store_true", help="a tiny size, to check nothing rotted")
    parser.add_argument("names", nargs="*", help="benchmark modules to run (default: all)")
    args = parser.parse_args(argv)
    found = sorted(
        m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_")
    )
    chosen = [
        n
        for n in found
        if not args.names or n.removeprefix("bench_") in args.names or n in args.names
    ]
    if not chosen:
        print(f"no benchmark matches {args.names}; have {found}", file=sys.stderr)
        return 2
    for name in chosen:
        module = importlib.import_module(f"benchmarks.{name}")
        started = time.perf_counter()
        rows: list[Row] = module.main(tiny=args.tiny)
        print(
            f"\n## {name} ({'tiny' if args.tiny else 'full'}, {time.perf_counter() - started:.1f} s)"
        )
        print_rows(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
