"""The ``kiemtra`` command, run as a user runs it: ``python -m kiemtra`` and the installed console script,
in a fresh folder. The Hà Lầm review is simulated once for the module and its store and reports reused.

Expected parameter values come from ``shared/domain/regulations.md`` (rows 46 and 47), not from the code.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from kiemtra.review import YearReview
from kiemtra.rulebooks import vn

SCRIPT = Path(sys.executable).parent / "kiemtra"


class Run(NamedTuple):
    code: int
    out: str
    err: str


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    env["PYTHONUTF8"] = "1"
    return env


def kiemtra(*args: str, cwd: Path, script: bool = False) -> Run:
    """Run the command with ``args`` in ``cwd``: ``python -m kiemtra``, or the installed script."""
    command: Sequence[str] = (
        [str(SCRIPT), *args] if script else [sys.executable, "-m", "kiemtra", *args]
    )
    done = subprocess.run(
        command,
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def assert_one_error_line(run: Run) -> None:
    """stderr is one ``kiemtra: error:`` line and no traceback."""
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith("kiemtra: error: ")
    assert "Traceback" not in run.err


class Simulated(NamedTuple):
    folder: Path
    run: Run
    report: dict[str, Any]


@pytest.fixture(scope="module")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> Simulated:
    """``kiemtra simulate --lang en`` on the Hà Lầm data, once, in a fresh folder."""
    folder = tmp_path_factory.mktemp("simulate")
    run = kiemtra("simulate", "--lang", "en", cwd=folder)
    assert run.code == 0, run.err
    report = json.loads((folder / "kiemtra-out" / "review.json").read_text(encoding="utf-8"))
    return Simulated(folder, run, report)


def _members(report: dict[str, Any]) -> set[str]:
    return {r["subject_id"] for r in report["ratings"]}


def _member_with_a_case(report: dict[str, Any]) -> tuple[str, str]:
    members = _members(report)
    found = next(c for c in report["cases"] if c["subject"] in members)
    return found["subject"], found["id"]


def _row(table: str, key: str) -> str | None:
    """The table line of parameter ``key`` (None when it is not listed)."""
    return next((line for line in table.splitlines() if f" {key} " in line), None)


# -- simulate ---------------------------------------------------------------------------------------------------
def test_simulate_prints_the_cells_and_neighbourhood_cells(simulated: Simulated) -> None:
    """The Hà Lầm headline names 11 cells, 6 of them neighbourhood cells."""
    assert "11 cells" in simulated.run.out
    assert "6 neighbourhood cells" in simulated.run.out


def test_simulate_prints_the_grassroots_and_member_counts(simulated: Simulated) -> None:
    """The headline gives the grassroots organisation count and the review's member count."""
    counts = simulated.report["counts"]
    assert f"{counts['organisations']} grassroots organisation(s)" in simulated.run.out
    assert f"{counts['members']} members" in simulated.run.out


def test_simulate_writes_the_store_and_the_reports(simulated: Simulated) -> None:
    """The store and the JSON and CSV reports are in the current folder."""
    assert (simulated.folder / "kiemtra.db").is_file()
    out = simulated.folder / "kiemtra-out"
    assert (out / "review.json").is_file()
    assert {p.name for p in (out / "csv").iterdir()} >= {"findings.csv", "cases.csv"}


def test_simulate_refuses_a_store_that_holds_cases(simulated: Simulated) -> None:
    """A second simulate into the same store stops with exit 1 instead of mixing two reviews."""
    run = kiemtra("simulate", "--out", "again", cwd=simulated.folder)
    assert run.code == 1
    assert_one_error_line(run)
    assert "--replace" in run.err


def test_a_parquet_data_set_is_reviewed(tmp_path: Path) -> None:
    """--data reads the Parquet files that kiemtra.synth writes: its review counts the 11 Hà Lầm cells."""
    from kiemtra.synth import ha_lam_2018

    ha_lam_2018().write_parquet(tmp_path / "data")
    run = kiemtra(
        "report", "--data", "data", "--year", "2018", "--format", "json", "--out", ".", cwd=tmp_path
    )
    assert run.code == 0, run.err
    written = json.loads((tmp_path / "review.vi.json").read_text(encoding="utf-8"))
    assert written["counts"]["cells"] == 11


def test_simulate_refuses_two_sources(tmp_path: Path) -> None:
    """--ha-lam with --members is a usage error (exit 2)."""
    run = kiemtra("simulate", "--ha-lam", "--members", "50", "--year", "2024", cwd=tmp_path)
    assert run.code == 2
    assert_one_error_line(run)


def test_simulate_with_an_unknown_option_is_a_usage_error(tmp_path: Path) -> None:
    """An unknown option exits 2 with one line naming it."""
    run = kiemtra("simulate", "--no-such-option", cwd=tmp_path)
    assert run.code == 2
    assert_one_error_line(run)
    assert "--no-such-option" in run.err


# -- verify -----------------------------------------------------------------------------------------------------
def test_verify_a_good_store_with_the_installed_script(simulated: Simulated) -> None:
    """The installed ``kiemtra`` script verifies the simulated store: exit 0 and the counts."""
    run = kiemtra("verify", "kiemtra.db", cwd=simulated.folder, script=True)
    assert run.code == 0, run.err
    assert run.out.startswith("verified: ")
    assert "events" in run.out


def _tampered(simulated: Simulated, target: Path) -> tuple[str, int]:
    """A copy of the store with one event row's body changed; returns its case and seq."""
    for path in simulated.folder.glob("kiemtra.db*"):
        shutil.copy(path, target.parent / path.name.replace("kiemtra.db", target.name))
    with sqlite3.connect(target) as db:
        case_id, seq, body = db.execute(
            "SELECT case_id, seq, body FROM kiemtra_events ORDER BY case_id, seq LIMIT 1 OFFSET 1"
        ).fetchone()
        record = json.loads(body)
        record["event"]["note"] = "changed afterwards"
        db.execute(
            "UPDATE kiemtra_events SET body = ? WHERE case_id = ? AND seq = ?",
            (json.dumps(record).encode(), case_id, seq),
        )
    return str(case_id), int(seq)


def test_verify_a_tampered_store_names_the_broken_link(
    simulated: Simulated, tmp_path: Path
) -> None:
    """One changed event row: exit 1 and one line naming its case and seq."""
    case_id, seq = _tampered(simulated, tmp_path / "tampered.db")
    run = kiemtra("verify", "tampered.db", cwd=tmp_path)
    assert run.code == 1
    assert_one_error_line(run)
    assert f"case {case_id} seq {seq}" in run.err


def test_verify_a_missing_store_is_not_found(tmp_path: Path) -> None:
    """A store file that does not exist: exit 1, one line, and no file created."""
    run = kiemtra("verify", "missing.db", cwd=tmp_path)
    assert run.code == 1
    assert_one_error_line(run)
    assert not (tmp_path / "missing.db").exists()


# -- explain ----------------------------------------------------------------------------------------------------
def test_explain_a_member_in_english(simulated: Simulated) -> None:
    """A member's findings, rating and case, with English headings."""
    member, case_id = _member_with_a_case(simulated.report)
    rules = {f["rule_id"] for f in simulated.report["findings"] if f["subject_id"] == member}
    run = kiemtra("explain", member, "--lang", "en", cwd=simulated.folder)
    assert run.code == 0, run.err
    assert "Rating:" in run.out
    assert case_id in run.out
    assert all(rule in run.out for rule in rules)


def test_explain_a_member_in_vietnamese(simulated: Simulated) -> None:
    """The same member with Vietnamese headings and labels."""
    member, case_id = _member_with_a_case(simulated.report)
    run = kiemtra("explain", member, "--lang", "vi", cwd=simulated.folder)
    assert run.code == 0, run.err
    assert "Xếp loại:" in run.out
    assert "Vụ việc (" in run.out
    assert case_id in run.out


def test_explain_a_case_in_english(simulated: Simulated) -> None:
    """A case from the store: its English procedure title, its state and its history."""
    case = simulated.report["cases"][0]
    title = vn.templates().get("en", f"{case['procedure']}.title")
    run = kiemtra("explain", case["id"], "--lang", "en", cwd=simulated.folder)
    assert run.code == 0, run.err
    assert f"Procedure: {title} ({case['procedure']}" in run.out
    assert "History (" in run.out


def test_explain_a_case_in_vietnamese(simulated: Simulated) -> None:
    """The same case with its Vietnamese procedure title."""
    case = simulated.report["cases"][0]
    title = vn.templates().get("vi", f"{case['procedure']}.title")
    run = kiemtra("explain", case["id"], "--lang", "vi", cwd=simulated.folder)
    assert run.code == 0, run.err
    assert f"Thủ tục: {title} ({case['procedure']}" in run.out
    assert "Diễn biến (" in run.out


def test_explain_an_unknown_id_is_not_found(simulated: Simulated) -> None:
    """An id that is neither a member nor a case: exit 1 and one line."""
    run = kiemtra("explain", "NO-SUCH-ID", cwd=simulated.folder)
    assert run.code == 1
    assert_one_error_line(run)
    assert "NO-SUCH-ID" in run.err


# -- report -----------------------------------------------------------------------------------------------------
def test_report_for_a_cell_holds_only_its_members(simulated: Simulated, tmp_path: Path) -> None:
    """The JSON report for one cell rates only members of that cell."""
    import polars as pl

    ratings = pl.read_csv(simulated.folder / "kiemtra-out" / "csv" / "ratings.csv")
    cell = ratings["cell_id"][0]
    mine = set(ratings.filter(pl.col("cell_id") == cell)["subject_id"].to_list())
    run = kiemtra(
        "report", "--for", cell, "--format", "json", "--lang", "en", "--out", ".", cwd=tmp_path
    )
    assert run.code == 0, run.err
    written = json.loads((tmp_path / f"report-{cell}.en.json").read_text(encoding="utf-8"))
    assert {r["subject_id"] for r in written["ratings"]} == mine


@pytest.mark.skipif(
    not hasattr(YearReview, "to_html"), reason="YearReview.to_html is not there yet"
)
def test_report_for_a_cell_writes_html(simulated: Simulated, tmp_path: Path) -> None:
    """--format html writes the cell's report in the language asked for."""
    cell = next(c["subject"] for c in simulated.report["cases"] if "-CB-" in c["subject"])
    run = kiemtra("report", "--for", cell, "--lang", "vi", "--out", ".", cwd=tmp_path)
    assert run.code == 0, run.err
    assert (tmp_path / f"report-{cell}.vi.html").is_file()


def test_report_for_an_unknown_organisation_is_not_found(tmp_path: Path) -> None:
    """--for an organisation the data set does not hold: exit 1 and one line."""
    run = kiemtra("report", "--for", "NO-SUCH-ORG", "--format", "json", cwd=tmp_path)
    assert run.code == 1
    assert_one_error_line(run)


# -- diagram ----------------------------------------------------------------------------------------------------
def test_diagram_names_every_state(tmp_path: Path) -> None:
    """The mermaid text of a procedure has every state of its newest version."""
    procedure = next(p for p in vn.procedures() if p.name == "DisciplinaryProceeding")
    newest = max(procedure.versions, key=lambda v: v.valid.start)
    run = kiemtra("diagram", "DisciplinaryProceeding", cwd=tmp_path)
    assert run.code == 0, run.err
    assert run.out.startswith("stateDiagram-v2")
    assert all(f'state "{s.name}"' in run.out for s in newest.states)


def test_diagram_of_an_unknown_procedure_lists_the_valid_names(tmp_path: Path) -> None:
    """An unknown procedure: exit 2 and one line that lists the procedures."""
    run = kiemtra("diagram", "NoSuchProcedure", cwd=tmp_path)
    assert run.code == 2
    assert_one_error_line(run)
    assert "RemovalFromRoll" in run.err


# -- rules ------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def rules_tables(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The English tables of ``kiemtra rules`` on 1 June 2018 and on 1 June 2026."""
    folder = tmp_path_factory.mktemp("rules")
    then = kiemtra("rules", "--at", "2018-06-01", "--lang", "en", cwd=folder)
    now = kiemtra("rules", "--at", "2026-06-01", "--lang", "en", cwd=folder)
    assert then.code == now.code == 0, then.err + now.err
    return then.out, now.out


def test_rules_ward_share_is_in_force_in_2018_only(rules_tables: tuple[str, str]) -> None:
    """A ward grassroots organisation remits 10 % of dues under QĐ 342 (2018); no share is known in 2026."""
    then, now = rules_tables
    row = _row(then, "dues.share.ward_grassroots.remitted")
    assert row is not None
    assert "10%" in row
    assert _row(now, "dues.share.ward_grassroots.remitted") is None


def test_rules_student_dues_are_in_force_in_2026_only(rules_tables: tuple[str, str]) -> None:
    """Students pay 5,000 đ a month under QĐ 01-QĐ/TW (2026); QĐ 342 (2018) has no such rate."""
    then, now = rules_tables
    row = _row(now, "dues.rate.student")
    assert row is not None
    assert "5,000" in row
    assert _row(then, "dues.rate.student") is None


def test_rules_flat_dues_of_a_city_core_are_in_force_in_2018_only(
    rules_tables: tuple[str, str],
) -> None:
    """Members outside salaried work in a central city's core pay 10,000 đ a month under HD 03 (2018)."""
    then, now = rules_tables
    row = _row(then, "dues.flat.central_city_core")
    assert row is not None
    assert "10,000" in row
    assert _row(now, "dues.flat.central_city_core") is None


def test_rules_filters_by_status(tmp_path: Path) -> None:
    """--status unconfirmed lists only unconfirmed values."""
    run = kiemtra(
        "rules", "--at", "2018-06-01", "--status", "unconfirmed", "--lang", "en", cwd=tmp_path
    )
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in run.out.splitlines()]
    statuses = [cells[-1] for cells in rows if cells and cells[0]]
    assert statuses
    assert set(statuses) == {"unconfirmed"}


def test_rules_with_a_bad_date_is_a_usage_error(tmp_path: Path) -> None:
    """--at 2026-13-01 exits 2 with one line and no traceback."""
    run = kiemtra("rules", "--at", "2026-13-01", cwd=tmp_path)
    assert run.code == 2
    assert_one_error_line(run)
    assert "--at" in run.err


# -- the command itself -----------------------------------------------------------------------------------------
def test_help_documents_the_exit_codes(tmp_path: Path) -> None:
    """``kiemtra --help`` lists the subcommands and the exit codes."""
    run = kiemtra("--help", cwd=tmp_path)
    assert run.code == 0
    assert "Exit codes: 0 ok; 1" in " ".join(run.out.split())
    assert all(
        name in run.out for name in ("simulate", "report", "explain", "diagram", "verify", "rules")
    )


def test_an_unknown_subcommand_is_a_usage_error(tmp_path: Path) -> None:
    """An unknown subcommand exits 2 with one line."""
    run = kiemtra("no-such-command", cwd=tmp_path)
    assert run.code == 2
    assert_one_error_line(run)
