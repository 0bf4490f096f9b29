"""Every example script runs as a test: each has a ``main()`` that returns what it printed."""

from __future__ import annotations

import runpy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pendulum
import polars as pl
import pytest

import kiemtra

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.py"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_runs(path: Path) -> None:
    """The example's main() runs to the end and reports something."""
    namespace = runpy.run_path(str(path))
    assert namespace["main"]()


def test_company_example_shows_a_blocked_move_in_both_languages() -> None:
    """The embedding example explains its blocked move in English and Vietnamese."""
    lines = runpy.run_path(str(Path(__file__).parent.parent / "examples" / "company_complaint.py"))[
        "main"
    ]()
    assert any(line.startswith("blocked (en)") for line in lines)
    assert any(line.startswith("blocked (vi)") for line in lines)


def _example(name: str) -> dict[str, Any]:
    """The namespace of ``examples/<name>.py``, run as a module (its ``__main__`` block not run)."""
    return runpy.run_path(str(Path(__file__).parent.parent / "examples" / f"{name}.py"))


def test_host_app_outbox_held_the_notices_of_its_moves_and_all_were_acked(tmp_path: Path) -> None:
    """The host's outbox holds one 'received' notice for the office (the opening) and one 'decision'
    notice for the complainant and one for the employee (the notify move, step 7), nothing for the
    other moves nor for the refused one; the worker delivered every one, the employee's on a second
    attempt, and the hash chains verify."""
    lines = _example("host_app")["main"](tmp_path)
    with kiemtra.SqlStore(f"sqlite:///{tmp_path / 'cases.db'}", create=False) as store:
        messages = store.messages()
        assert [
            (m.notice.kind, m.notice.recipient, m.notice.seq, m.notice.trigger, m.attempts)
            for m in messages
        ] == [
            ("received", ("body", "compliance_office@acme"), 1, "open", 1),
            ("decision", ("person", "p-1"), 7, "notify", 1),
            ("decision", ("member", "m-9"), 7, "notify", 2),
        ]
        assert store.messages(delivered=False) == []
        steps = [e.trigger or e.kind for e in store.events("CMP-0001")]
        assert steps == ["open", "triage", "acknowledge", "assign", "report", "decide", "notify"]
        checked = store.verify()
        assert (checked.cases, checked.events) == (1, 7)
    assert "POST /cases/CMP-0001/decide as o-1 -> 409, nothing written:" in lines
    assert "  member:o-1 không có thẩm quyền 'decide'. / 'decide' cần kèm decision." in lines


def test_compliance_office_finds_only_gifts_above_the_threshold_in_force_on_their_date() -> None:
    """Northwind's policy: above 2,000,000 đồng until 30/06/2025, above 1,000,000 from 01/07/2025, to be
    declared within 14 days. Of its 2025 register, G-2 (2.5M, declared after 18 days), G-5 (1.2M on the
    first day of the lower threshold, declared after 24 days) and G-6 (1.5M in August, never declared) are
    found; G-1 (1.5M in March) and G-4 (exactly 2M, the day before the change) are not above the threshold
    then, G-3 was declared in 5 days, G-7 (900,000) is below both."""
    ns = _example("compliance_office")
    book = ns["rulebook"]()
    engine = kiemtra.Engine(
        book, kiemtra.MemoryStore(), kiemtra.FixedClock(pendulum.datetime(2026, 1, 12, 9, tz="UTC"))
    )
    findings = engine.audit(ns["GiftRegister"](ns["GIFTS"]), kiemtra.DateRange.year(2025))
    found = {
        row["evidence"][0]: (row["subject_id"], row["rule_version"], findings.explanation(row))
        for row in findings
    }
    assert sorted(found) == ["G-2", "G-5", "G-6"]
    assert {gift: (who, version) for gift, (who, version, _) in found.items()} == {
        "G-2": ("e-02", "3"),
        "G-5": ("e-06", "4"),
        "G-6": ("e-04", "4"),
    }
    why = found["G-5"][2]
    assert why.thresholds == {"threshold": kiemtra.Money(1_000_000), "declare_within_days": 14}
    assert why.inputs["gift_value"] == kiemtra.Money(1_200_000)
    assert found["G-2"][2].thresholds["threshold"] == kiemtra.Money(2_000_000)
    assert [str(c) for c in found["G-6"][2].citations] == [
        "Northwind Gifts & Hospitality Policy v4 (2025) s. 2.1",
        "Northwind Gifts & Hospitality Policy v3 (2024) s. 2.3",
    ]
    assert why.render(book.templates, "vi").startswith("e-06 nhận quà trị giá 1.200.000\xa0₫")


def test_compliance_office_threshold_turns_on_its_date() -> None:
    """The same undeclared gift of 1,500,000 đồng is no finding on 30/06/2025 and a finding on 01/07/2025."""
    ns = _example("compliance_office")
    gifts = pl.DataFrame(
        {
            "gift_id": ["X-1", "X-2"],
            "employee_id": ["e-09", "e-09"],
            "department": ["sales", "sales"],
            "giver": ["Contoso", "Contoso"],
            "received_on": [pendulum.date(2025, 6, 30), pendulum.date(2025, 7, 1)],
            "value": [1_500_000, 1_500_000],
            "declared_on": [None, None],
        },
        schema=ns["GIFTS"].schema,
    )
    findings = ns["ruleset"]().evaluate(
        ns["GiftRegister"](gifts), kiemtra.DateRange.year(2025), ns["rulebook"]()
    )
    assert [row["evidence"] for row in findings] == [["X-2"]]


def test_compliance_office_needs_nothing_of_the_vietnamese_rulebook() -> None:
    """The second rulebook's walkthrough runs to the end without the Vietnamese rulebook ever loaded."""
    script = (
        "import runpy, sys\n"
        "lines = runpy.run_path(sys.argv[1])['main']()\n"
        "assert lines[-1] == 'INV-0001 ended warned (đã cảnh cáo)', lines[-1]\n"
        "print(sorted(m for m in sys.modules if m.startswith('kiemtra.rulebooks')))\n"
    )
    path = Path(__file__).parent.parent / "examples" / "compliance_office.py"
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
