"""Procedure diagrams as inline SVG: shipped pre-rendered, or drawn by Graphviz once per process.

:func:`procedure_svg` returns the drawing of one version of a procedure, labelled in one language. It looks,
in order, in the process cache, among the SVGs shipped with the package (``kiemtra/_report/svg``, written by
``python -m kiemtra.rulebooks.vn.diagrams --svg``), then asks Graphviz's ``dot`` when it is on the PATH. A
shipped file is used only when the DOT text it was drawn from is the one the procedure gives today (its
digest is in the file name), so a host procedure that shares a name with a Vietnamese one is drawn afresh.
When neither is available the report shows the procedure's mermaid text instead.
"""

from __future__ import annotations

import hashlib
import html
import re
import shutil
import subprocess
import textwrap
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final, Literal

import attrs

from kiemtra._rules._templates import Templates
from kiemtra._workflow._definition import Procedure, ProcedureVersion

__all__ = [
    "SHIPPED",
    "Drawing",
    "diagram_id",
    "procedure_dot",
    "procedure_svg",
    "shipped_name",
    "write_svgs",
]

SHIPPED: Final = Path(__file__).resolve().parent / "svg"
"""The folder of the pre-rendered SVGs shipped with the package."""

_LANGS: Final = ("vi", "en")


@attrs.frozen
class Drawing:
    """One procedure diagram, ready to inline.

    Attributes:
        kind: ``"svg"`` (drawn) or ``"mermaid"`` (no drawing was available: the text instead).
        text: The SVG markup (one line, no XML prologue) or the mermaid text.
        source: Where it came from: ``"shipped"``, ``"dot"`` or ``"mermaid"``.
    """

    kind: Literal["svg", "mermaid"]
    text: str
    source: str


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _dot_id(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False) or [
        text
    ]


def _html_label(lines: Sequence[str], small: str | None = None) -> str:
    body = "<BR/>".join(html.escape(line) for line in lines)
    if small:
        body += f'<BR/><FONT POINT-SIZE="8" COLOR="#555555">{html.escape(small)}</FONT>'
    return f"<{body}>"


def _label(templates: Templates, lang: str, key: str) -> str:
    return templates.get(lang, key, "")


def diagram_id(procedure: str, version: str, lang: str) -> str:
    """The element id prefix of one drawing (unique in a report that holds several)."""
    return f"kt-d-{lang}-{_slug(procedure)}-{_slug(version)}"


def procedure_dot(
    procedure: Procedure, version: ProcedureVersion, templates: Templates, lang: str
) -> str:
    """The Graphviz DOT text of one version of ``procedure``, labelled in ``lang``.

    States are boxes labelled with their label and, small, their name (double border when final, amber when
    a time limit runs there); moves are edges labelled with their label (or trigger), bold when they open a
    follow-up case; a dot marks where a case starts. Every element has an id that starts with
    :func:`diagram_id`, so several drawings live in one page, and each edge's id names its trigger.
    """
    base = diagram_id(procedure.name, version.version, lang)
    lines = [
        f"digraph {_dot_id(base)} {{",
        f'  graph [id={_dot_id(base)}, rankdir=TB, bgcolor="transparent", fontname="DejaVu Sans", '
        "nodesep=0.35, ranksep=0.4, pad=0.15];",
        '  node [shape=box, style="rounded,filled", fillcolor="#eef3fb", color="#34568b", '
        'fontname="DejaVu Sans", fontsize=10, margin="0.12,0.06"];',
        '  edge [fontname="DejaVu Sans", fontsize=8, color="#4d4d4d", fontcolor="#222222", '
        "arrowsize=0.7];",
        f'  "__start" [id={_dot_id(base + "-start")}, shape=circle, width=0.16, label="", '
        'style=filled, fillcolor="#222222", color="#222222"];',
        f'  "__start" -> {_dot_id(version.initial)} [id={_dot_id(base + "-start-edge")}];',
    ]
    for s in version.states:
        text = _label(templates, lang, s.label or f"{procedure.name}.state.{s.name}")
        shown = _html_label(_wrap(text, 22), s.name) if text else _html_label([s.name])
        attrs_ = [f"id={_dot_id(base + '-state-' + s.name)}", f"label={shown}"]
        if s.final:
            attrs_ += ["peripheries=2", 'fillcolor="#e7f4ea"', 'color="#2f6b3a"']
        elif s.deadline:
            attrs_ += ['fillcolor="#fff4dc"', 'color="#9a6700"']
        lines.append(f"  {_dot_id(s.name)} [{', '.join(attrs_)}];")
    for m in version.moves:
        text = _label(templates, lang, m.label or f"{procedure.name}.move.{m.trigger}") or m.trigger
        for number, source in enumerate(m.sources):
            attrs_ = [
                f"id={_dot_id(f'{base}-move-{m.trigger}-{number}')}",
                f"label={_html_label(_wrap(text, 20))}",
            ]
            if m.opens is not None:
                attrs_.append('style="bold"')
            lines.append(f"  {_dot_id(source)} -> {_dot_id(m.target)} [{', '.join(attrs_)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _digest(dot: str) -> str:
    return hashlib.sha256(dot.encode()).hexdigest()[:12]


def shipped_name(procedure: str, version: str, lang: str, dot: str) -> str:
    """The file name of a shipped SVG: ``<Procedure>.v<version>.<lang>.<digest of its DOT>.svg``."""
    return f"{procedure}.v{version}.{lang}.{_digest(dot)}.svg"


_XML_JUNK: Final = re.compile(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->", re.S)
_SIZE: Final = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


def _inline(svg: str) -> str:
    """``dot -Tsvg`` output as one line of inline markup that fits its column."""
    svg = " ".join(_XML_JUNK.sub("", svg).split())

    def sized(match: re.Match[str]) -> str:
        width = float(match.group(1))
        return (
            f'<svg class="kt-svg" role="img" style="width:100%;height:auto;max-width:{width:.0f}pt"'
        )

    return _SIZE.sub(sized, svg, count=1)


def _run_dot(dot: str) -> str | None:
    exe = shutil.which("dot")
    if exe is None:
        return None
    done = subprocess.run([exe, "-Tsvg"], input=dot.encode(), capture_output=True, check=False)
    if done.returncode != 0:
        return None
    return _inline(done.stdout.decode())


_CACHE: dict[tuple[int, int, str], tuple[ProcedureVersion, Templates, Drawing]] = {}
_LOCK = threading.Lock()


def procedure_svg(
    procedure: Procedure,
    version: ProcedureVersion,
    templates: Templates,
    lang: str,
    *,
    shipped: Path | None = SHIPPED,
    use_dot: bool = True,
) -> Drawing:
    """The drawing of one version of ``procedure`` in ``lang``, computed once per process.

    Args:
        procedure: The procedure.
        version: One of its versions.
        templates: The rulebook's templates (state and move labels).
        lang: ``"vi"`` or ``"en"``.
        shipped: The folder of pre-rendered SVGs to look in first (None: none).
        use_dot: Whether Graphviz may be run when no shipped drawing fits.

    Returns:
        The SVG, or the mermaid text when no drawing is available.
    """
    key = (id(version), id(templates), lang)
    found = _CACHE.get(key)
    if found is not None and found[0] is version and found[1] is templates:
        return found[2]
    dot = procedure_dot(procedure, version, templates, lang)
    drawing: Drawing | None = None
    if shipped is not None:
        path = shipped / shipped_name(procedure.name, version.version, lang, dot)
        if path.is_file():
            drawing = Drawing("svg", path.read_text(encoding="utf-8"), "shipped")
    if drawing is None and use_dot:
        svg = _run_dot(dot)
        if svg is not None:
            drawing = Drawing("svg", svg, "dot")
    if drawing is None:
        from kiemtra._workflow._diagram import mermaid

        drawing = Drawing("mermaid", mermaid(procedure, version), "mermaid")
    with _LOCK:
        _CACHE[key] = (version, templates, drawing)
    return drawing


def write_svgs(
    procedures: Iterable[Procedure], templates: Templates, target: Path = SHIPPED
) -> list[Path]:
    """Draw every version of every procedure in Vietnamese and English with Graphviz into ``target``.

    Files of earlier drawings of the same procedures (another digest) are removed, so the folder holds
    exactly the current drawings.

    Returns:
        The files written.

    Raises:
        RuntimeError: Graphviz's ``dot`` is not on the PATH, or failed.
    """
    if shutil.which("dot") is None:
        raise RuntimeError("Graphviz 'dot' is not on the PATH (Debian: apt-get install graphviz)")
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    names: set[str] = set()
    for procedure in procedures:
        names.add(procedure.name)
        for version in procedure.versions:
            for lang in _LANGS:
                dot = procedure_dot(procedure, version, templates, lang)
                svg = _run_dot(dot)
                if svg is None:
                    raise RuntimeError(f"dot failed on {procedure.name} v{version.version}")
                path = target / shipped_name(procedure.name, version.version, lang, dot)
                path.write_text(svg + "\n", encoding="utf-8")
                written.append(path)
    keep = set(written)
    for old in target.glob("*.svg"):
        if old.name.split(".v", 1)[0] in names and old not in keep:
            old.unlink()
    return written
