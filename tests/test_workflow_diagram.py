"""Mermaid diagrams are generated from the definitions and show every state and move."""

from __future__ import annotations

import pendulum
import pytest

from kiemtra._calendar import FixedClock
from kiemtra._example import company_rulebook
from kiemtra._store._memory import MemoryStore
from kiemtra._workflow._engine import Engine


def engine() -> Engine:
    """An engine on the company rulebook."""
    return Engine(
        company_rulebook(), MemoryStore(), FixedClock(pendulum.datetime(2024, 1, 1, tz="UTC"))
    )


@pytest.mark.parametrize("name", ["Complaint", "Misconduct"])
def test_every_state_and_move_appears(name: str) -> None:
    """Each state is a node and each (source, move, target) an edge, for every version."""
    e = engine()
    for v in e.procedure(name).versions:
        text = e.diagram(name, v.version)
        assert text.startswith("stateDiagram-v2\n")
        for s in v.states:
            assert f'state "{s.name}" as {s.name}' in text
        for m in v.moves:
            for source in m.sources:
                assert f"{source} --> {m.target}: {m.trigger}" in text


def test_final_states_lead_to_the_end() -> None:
    """Final states are drawn with an edge to the end marker."""
    assert "closed --> [*]" in engine().diagram("Complaint")


def test_unknown_version_is_refused() -> None:
    """Asking for a version the procedure lacks names it."""
    from kiemtra import UnknownReference

    with pytest.raises(UnknownReference, match="1999"):
        engine().diagram("Complaint", "1999")
