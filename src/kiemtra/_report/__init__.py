"""Reports for people: the yearly review as one self-contained HTML page (issue #9).

* :func:`render_html` writes the page, :func:`report_html` returns it: ratings per cell and findings by rule
  as charts, the case funnel of each procedure, the sanctions and removals with their explanations, the fund
  audits per cell, and the procedures' diagrams; in Vietnamese with an English switch; no network needed.
* :func:`scope` is what a report shows an actor: a cell its own members and cases, a ward every cell under
  it, nobody a denouncer's identity.
* :func:`procedure_svg` draws one version of a procedure (shipped SVG, else Graphviz once per process, else
  the mermaid text); :func:`write_svgs` writes the shipped drawings.

The charts need the ``report`` extra (``pip install 'kiemtra[report]'``: the Vega JavaScript that
``vl-convert-python`` ships). Importing this package imports polars; ``import kiemtra`` does not import it.
"""

from __future__ import annotations

from kiemtra._report._diagrams import Drawing, procedure_dot, procedure_svg, write_svgs
from kiemtra._report._html import fund_audits, render_html, report_html, sanctions_and_removals
from kiemtra._report._scope import scope

__all__ = [
    "Drawing",
    "fund_audits",
    "procedure_dot",
    "procedure_svg",
    "render_html",
    "report_html",
    "sanctions_and_removals",
    "scope",
    "write_svgs",
]
