"""Mermaid state diagrams generated from procedure definitions (pure text, nothing to install)."""

from __future__ import annotations

import re

from kiemtra._workflow._definition import Procedure, ProcedureVersion

__all__ = ["mermaid"]


def _node(name: str) -> str:
    return re.sub(r"\W", "_", name)


def mermaid(procedure: Procedure, version: ProcedureVersion | None = None) -> str:
    """The ``stateDiagram-v2`` text of one version of ``procedure`` (the newest by default).

    Every state appears as a node and every move as an edge labelled with its trigger; final states lead
    to the end marker.
    """
    v = version or max(procedure.versions, key=lambda x: x.valid.start)
    lines = ["stateDiagram-v2", f"    %% {procedure.name} version {v.version}"]
    lines.append(f"    [*] --> {_node(v.initial)}")
    for s in v.states:
        lines.append(f'    state "{s.name}" as {_node(s.name)}')
    for m in v.moves:
        for source in m.sources:
            lines.append(f"    {_node(source)} --> {_node(m.target)}: {m.trigger}")
    for s in v.states:
        if s.final:
            lines.append(f"    {_node(s.name)} --> [*]")
    return "\n".join(lines) + "\n"
