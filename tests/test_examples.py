"""Every example script runs as a test: each has a ``main()`` that returns what it printed."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

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
