"""One command writes every Vietnamese procedure's mermaid diagram into ``docs/procedures``."""

from __future__ import annotations

from pathlib import Path

from kiemtra.rulebooks.vn._procedures import NAMES, procedures
from kiemtra.rulebooks.vn.diagrams import main, write_diagrams


def test_the_command_writes_a_diagram_per_procedure_and_an_index(tmp_path: Path) -> None:
    """``python -m kiemtra.rulebooks.vn.diagrams DIR`` writes ``<Name>.mmd`` for the twelve and ``index.md``."""
    assert main([str(tmp_path)]) == 0
    assert {p.name for p in tmp_path.glob("*.mmd") if p.name.count(".") == 1} | {"index.md"} == {
        *(f"{name}.mmd" for name in NAMES),
        "index.md",
    } and (tmp_path / "index.md").exists()


def test_every_state_and_move_of_every_version_is_drawn(tmp_path: Path) -> None:
    """Each version's diagram names all its states and all its moves."""
    write_diagrams(tmp_path)
    missing = []
    for procedure in procedures():
        for version in procedure.versions:
            text = (tmp_path / f"{procedure.name}.v{version.version}.mmd").read_text(
                encoding="utf-8"
            )
            missing += [
                f"{procedure.name} {s.name}" for s in version.states if f'"{s.name}"' not in text
            ]
            missing += [
                f"{procedure.name} {m.trigger}"
                for m in version.moves
                if f": {m.trigger}\n" not in text
            ]
    assert missing == []


def test_the_index_links_every_procedure_with_both_titles(tmp_path: Path) -> None:
    """The index lists each procedure with its English and Vietnamese title ('Giải quyết tố cáo')."""
    write_diagrams(tmp_path)
    index = (tmp_path / "index.md").read_text(encoding="utf-8")
    assert all(f"({name}.mmd)" in index for name in NAMES) and "Giải quyết tố cáo" in index
