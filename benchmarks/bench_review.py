"""The yearly review end to end, as a province would run it, against the single-subject path.

Run: ``python -m benchmarks review`` (``--tiny`` for a smoke run). Each size runs in its own process so that
its peak memory (max RSS) is its own:

* **200,000 and 1,000,000 members** (``kiemtra.synth.generate`` at the generator's violation rate, parts of
  200,000 members in 100 wards written to Parquet first, as a host's data set would be): for each part, read
  the facts, run the duty checks and fund audits, rate with the quota, open the cases the findings call for
  and drive every case to its outcome with the default decision policy in a SQLite store on disk (the
  events hash-chained), write the machine JSON for everything and the HTML report of every grassroots
  organisation for that organisation's committee (``kiemtra.review.review_parts``: the next part is read,
  checked and evaluated in a worker thread while this part's cases are driven). Wall time excludes
  generating the data set. As a host would, the run starts reading the charts' JavaScript while the first
  part is evaluated, and writes each part's machine JSON in a writer thread while the HTML reports are
  drawn (it waits for every write). Time by stage is the calling thread's: ``evaluate`` is the time it
  waited for a part's findings and ratings, ``json`` the time it waited for the writes at the end.
* **The single-subject path**, per member: on a 10,000-member province, the same review member by member
  (``RuleSet.evaluate_subject`` for the member's rules, the rating of that member's facts, its cases opened
  and driven one at a time), timed on the first members of the sample, against the whole review of the
  same 10,000 members divided by 10,000.
* **Projection** to the whole party (about 5,500,000 members) from the two sizes, assuming the measured
  linear scaling (``t = a + b·n``); memory stays that of one part because parts stream.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from benchmarks._harness import Row, ratio_row

PART = 200_000
WARDS_PER_PART = 100
YEAR = 2026
PARTY = 5_500_000


def _engine(store_path: Path) -> Any:
    import pendulum

    import kiemtra
    from kiemtra.rulebooks import vn

    store_path.unlink(missing_ok=True)
    return kiemtra.Engine(
        vn.rulebook(),
        kiemtra.SqlStore(f"sqlite:///{store_path}"),
        kiemtra.FixedClock(pendulum.datetime(YEAR + 1, 1, 10, 8, tz="Asia/Ho_Chi_Minh")),
    )


def write_parts(folder: Path, members: int, part: int) -> list[Path]:
    """Generate ``members`` members as parts of ``part`` members, each a folder of Parquet files."""
    from kiemtra.synth import generate

    out = []
    for i in range((members + part - 1) // part):
        size = min(part, members - i * part)
        target = folder / f"part{i:02d}"
        if not (target / "members.parquet").exists():
            data = generate(
                100 + i,
                members=size,
                wards=max(1, size * WARDS_PER_PART // PART),
                year=YEAR,
                province=f"T{i + 1:02d}",
            )
            target.mkdir(parents=True, exist_ok=True)
            for name, frame in data.facts.tables.items():
                frame.write_parquet(target / f"{name}.parquet")
        out.append(target)
    return out


def run_review(parts: list[Path], work: Path) -> dict[str, Any]:
    """The end-to-end review of ``parts``; returns counts and the wall time."""
    import polars as pl

    import kiemtra
    from kiemtra.facts import Facts
    from kiemtra.review import review_parts

    engine = _engine(work / "review.db")
    started = time.perf_counter()
    totals: dict[str, int] = {"members": 0, "findings": 0, "cases": 0, "outcomes": 0, "html": 0}
    stages: dict[str, float] = {}
    mark = [time.perf_counter()]

    def tick(stage: str, _count: int = 0) -> None:
        now = time.perf_counter()
        stages[stage] = stages.get(stage, 0.0) + now - mark[0]
        mark[0] = now

    def read() -> Iterator[Facts]:
        for folder in parts:  # read (and checked) in the review's worker thread, one part ahead
            yield Facts.read_parquet(folder)

    # the charts' JavaScript is read once per process: a host starts it while the first part is evaluated
    from kiemtra._report._charts import javascript_bundle

    warm = threading.Thread(target=javascript_bundle, daemon=True)
    warm.start()
    orgs = pl.read_parquet(parts[0] / "orgs.parquet")
    org = orgs.filter(orgs["level"] == "province")["org_id"][0]
    actor = kiemtra.BodyActor(kiemtra.Body(org, "inspection_commission"))
    # the machine JSON (written mostly by polars, off the interpreter) goes to a writer thread while the
    # HTML reports are drawn; the wall time waits for every write
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="json")
    written = []
    mark[0] = time.perf_counter()
    for n, review in enumerate(review_parts(engine, read(), YEAR, actor=actor, progress=tick)):
        tick("summary")
        written.append(writer.submit(review.to_json, work / f"review{n:02d}.json", lang=None))
        tick("json")
        roots = review.orgs.filter(review.orgs["level"] == "grassroots")["org_id"].to_list()
        for root in roots:
            reader = kiemtra.BodyActor(kiemtra.Body(root, "committee"))
            review.to_html(work / "html" / f"{root}.html", actor=reader)
            totals["html"] += 1
        tick("html")
        totals["members"] += review.counts["members"]
        totals["findings"] += len(review.findings)
        totals["cases"] += len(review.cases)
        totals["outcomes"] += len(review.outcomes)
        del review
    for done in written:
        done.result()
    writer.shutdown()
    tick("json")
    seconds = time.perf_counter() - started
    verified = engine.store.verify()
    engine.store.close()
    return {
        **totals,
        "seconds": seconds,
        "stages": stages,
        "events": verified.events,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def single_subject(folder: Path, work: Path, sample: int) -> dict[str, Any]:
    """Per member: the whole review of ``folder`` vs the member-by-member path on ``sample`` members."""
    import kiemtra
    from kiemtra._rules._rule import SubjectKind
    from kiemtra.facts import Facts
    from kiemtra.review import drive, policy_context, review_year
    from kiemtra.rulebooks import vn

    facts = Facts.read_parquet(folder)
    org = facts["orgs"].filter(facts["orgs"]["level"] == "province")["org_id"][0]
    actor = kiemtra.BodyActor(kiemtra.Body(org, "inspection_commission"))
    engine = _engine(work / "batch.db")
    started = time.perf_counter()
    review = review_year(engine, facts, YEAR, actor=actor)
    batch = (time.perf_counter() - started) / review.counts["members"]
    engine.store.close()

    one = _engine(work / "single.db")
    rules = vn.ruleset()
    period = kiemtra.DateRange.year(YEAR)
    intake = one.rulebook.extras["open_from_findings"]
    policy = vn.SimulatedWard()
    ids = review.roll["member_id"].head(sample).to_list()
    started = time.perf_counter()
    for member in ids:
        found = rules.evaluate_subject(facts, SubjectKind.MEMBER, member, period, one.rulebook)
        one.rate(facts.for_members([member]), YEAR)
        cases = intake(one, found, actor)
        if cases:
            drive(one, cases, policy, policy_context(one, facts, found, cases, YEAR))
    single = (time.perf_counter() - started) / len(ids)
    one.store.close()
    return {
        "batch_s": batch,
        "single_s": single,
        "sample": len(ids),
        "members": review.counts["members"],
    }


def _child(args: list[str]) -> dict[str, Any]:
    """Run one measurement in a fresh process (its own peak memory) and return its JSON."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_review", *args],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(tiny: bool) -> list[Row]:
    """Measure and return the rows (see the module docstring)."""
    sizes = (2_000,) if tiny else (200_000, 1_000_000)
    part = 2_000 if tiny else PART
    sample, timed = (1_000, 5) if tiny else (10_000, 200)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="kiemtra-bench-review-") as tmp:
        base = Path(tmp)
        measured = {}
        for size in sizes:
            parts = write_parts(base / "data", size, part)
            work = base / f"run{size}"
            work.mkdir()
            measured[size] = r = _child(["--review", str(work), *map(str, parts)])
            rows.append(
                Row(
                    f"review end to end, {size:,} members",
                    r["seconds"] / r["members"] * 1e6,
                    note=(
                        f"wall {r['seconds']:.1f} s, peak {r['peak_mb']:,.0f} MB, {r['findings']:,} findings, "
                        f"{r['cases']:,} cases opened, {r['outcomes']:,} decided, {r['events']:,} events, "
                        f"{r['html']} HTML reports; s by stage: "
                        + ", ".join(f"{k} {v:.1f}" for k, v in r["stages"].items())
                        + ("" if tiny or size < 1_000_000 else "  [target: < 60 s, < 8 GB]")
                    ),
                )
            )
        sample_parts = write_parts(base / "sample", sample, sample)
        work = base / "single"
        work.mkdir()
        s = _child(["--single", str(work), str(sample_parts[0]), str(timed)])
        rows.append(
            ratio_row(
                f"single-subject path, per member ({s['sample']} of {s['members']:,})",
                s["single_s"] * 1e6,
                "whole review, per member",
                s["batch_s"] * 1e6,
                "whole review at least 10x faster",
                f"speed-up {s['single_s'] / s['batch_s']:.1f}x",
            )
        )
        rows.append(
            Row(f"whole review of the sample, per member ({s['members']:,})", s["batch_s"] * 1e6)
        )
        if len(sizes) == 2:
            (n1, n2) = sizes
            t1, t2 = measured[n1]["seconds"], measured[n2]["seconds"]
            slope = (t2 - t1) / (n2 - n1)
            projected = t1 + slope * (PARTY - n1)
            rows.append(
                Row(
                    f"projection to the whole party, {PARTY:,} members",
                    projected / PARTY * 1e6,
                    note=f"{projected:.0f} s ({projected / 60:.1f} min) from t = a + b·n; memory that of one part",
                )
            )
    return rows


def _run_child(argv: list[str]) -> None:
    if argv[0] == "--review":
        result = run_review([Path(p) for p in argv[2:]], Path(argv[1]))
    else:
        result = single_subject(Path(argv[2]), Path(argv[1]), int(argv[3]))
    print(json.dumps(result))


if __name__ == "__main__":
    _run_child(sys.argv[1:])
