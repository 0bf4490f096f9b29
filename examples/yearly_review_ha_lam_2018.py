"""The main job: the Hà Lầm ward party organisation's 2018 review, simulated on the embedded SQLite store.

Run: ``python examples/yearly_review_ha_lam_2018.py [output-folder]`` (default ``kiemtra-out``). It builds the
Hà Lầm 2018 data set (11 cells, 6 of them neighbourhood cells, 430 members, residents' road and embankment
campaigns of close to 1 billion đồng, and a small known share of violations), runs the duty checks and fund
audits, rates the members with the quota, opens cases from the findings into a SQLite store, drives every
case to its outcome with the simulated ward's decisions, and writes the report as HTML (for people, in
Vietnamese with an English switch), JSON and CSV.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pendulum

import kiemtra
from kiemtra.review import review_year
from kiemtra.rulebooks import vn
from kiemtra.synth import ha_lam_2018


def main(out: str | Path = "kiemtra-out") -> list[str]:
    """Run the review; return the lines it printed."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    data = ha_lam_2018()
    store_path = folder / "ha-lam-2018.db"
    store_path.unlink(missing_ok=True)
    store = kiemtra.SqlStore(f"sqlite:///{store_path}")
    try:
        engine = kiemtra.Engine(
            vn.rulebook(),
            store,
            kiemtra.FixedClock(pendulum.datetime(2019, 1, 10, 8, tz="Asia/Ho_Chi_Minh")),
        )
        ward_commission = kiemtra.BodyActor(kiemtra.Body("ha-lam", "inspection_commission"))
        review = review_year(engine, data.facts, 2018, actor=ward_commission)
        lines = ["Hà Lầm ward party organisation, review of 2018", *review.summary()]
        first = review.findings.explanations()[:1]
        for e in first:
            lines.append("e.g. " + e.render(engine.rulebook.templates, "vi"))
            lines.append("     " + e.render(engine.rulebook.templates, "en"))
        decided = [o for o in review.outcomes if o.outcome in ("removed", "reprimand")][:2]
        for o in decided:
            lines.append(f"{o.procedure} {o.subject_id}: {o.sanction or o.outcome}")
            lines.append("     " + o.explanation.render(engine.rulebook.templates, "vi"))
            lines.append("     " + o.explanation.render(engine.rulebook.templates, "en"))
        lines.append(f"report: {review.to_html(folder / 'ha-lam-2018.html')}")
        lines.append(f"json: {review.to_json(folder / 'ha-lam-2018.json')}")
        lines.extend(f"csv: {p}" for p in review.to_csv(folder / "csv"))
        checked = store.verify()
        lines.append(
            f"store: {store_path} ({checked.cases} cases, {checked.events} events verified)"
        )
        return lines
    finally:
        store.close()


if __name__ == "__main__":
    for line in main(*sys.argv[1:2]):
        print(line)
