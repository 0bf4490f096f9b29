"""Charts as Vega-Lite specifications (plain dicts), drawn in the reader's browser by Vega.

A report inlines the Vega, Vega-Lite and Vega-Embed JavaScript that the ``vl-convert-python`` package ships
(:func:`javascript_bundle`, read once per process), so the file draws its charts with no network. Building a
spec is a few dict literals: the per-report cost is the JSON of the chart's rows.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import Any, Final

__all__ = [
    "LEVEL_COLOURS",
    "bar_spec",
    "funnel_spec",
    "javascript_bundle",
    "stacked_spec",
]

_BUNDLE: list[str] = []
_LOCK = threading.Lock()

FONT: Final = "DejaVu Sans, Noto Sans, Segoe UI, Helvetica, Arial, sans-serif"
CONFIG: Final[Mapping[str, Any]] = {
    "font": FONT,
    "background": None,
    "view": {"stroke": None},
    "axis": {"labelFontSize": 11, "titleFontSize": 11, "labelLimit": 280, "grid": False},
    "axisX": {"grid": True, "gridColor": "#e6e9ef"},
    "legend": {"labelFontSize": 11, "labelLimit": 320, "orient": "bottom", "columns": 2},
    "bar": {"cornerRadiusEnd": 2},
}


def _count_axis(rows: Sequence[Mapping[str, Any]], key: str = "y") -> dict[str, Any]:
    """An axis of whole counts: integer labels, no more ticks than the largest count (stacked by ``key``)."""
    totals: dict[Any, int] = {}
    for r in rows:
        totals[r[key]] = totals.get(r[key], 0) + int(r["n"])
    return {
        "format": "d",
        "tickMinStep": 1,
        "tickCount": max(1, min(max(totals.values(), default=1), 8)),
    }


LEVEL_COLOURS: Final = ("#1b7f3b", "#6fbf73", "#9bb8d9", "#d9534f", "#9e9e9e")
"""The colours of the rating levels, best first (the last one for anything else)."""
CATEGORY_COLOURS: Final = (
    "#34568b",
    "#e07b39",
    "#2f8f83",
    "#c24d6b",
    "#7a5cb3",
    "#8c6d31",
    "#5b8fd6",
    "#a3a33a",
    "#d98cb3",
    "#5f6b7a",
)


def javascript_bundle() -> str:
    """The Vega, Vega-Lite and Vega-Embed JavaScript as one self-contained script, read once per process.

    Raises:
        ModuleNotFoundError: ``vl-convert-python`` is not installed (``pip install 'kiemtra[report]'``).
    """
    if _BUNDLE:
        return _BUNDLE[0]
    with _LOCK:
        if not _BUNDLE:
            try:
                import vl_convert
            except ModuleNotFoundError as exc:  # pragma: no cover - the tests install the extra
                raise ModuleNotFoundError(
                    "the HTML report draws its charts with the JavaScript of vl-convert-python: "
                    "pip install 'kiemtra[report]'",
                    name="vl_convert",
                ) from exc
            script = str(vl_convert.javascript_bundle("window.vegaEmbed = vegaEmbed;"))
            # Safe inside <script>: no sequence that ends the element or opens a comment.
            _BUNDLE.append(script.replace("</script", "<\\/script").replace("<!--", "<\\!--"))
    return _BUNDLE[0]


def _height(n: int) -> dict[str, int]:
    return {"step": 22 if n < 30 else 16}


def stacked_spec(
    rows: Sequence[Mapping[str, Any]],
    *,
    y_title: str | None,
    x_title: str,
    domain: Sequence[str],
    colours: Sequence[str],
    y_order: Sequence[str],
    width: int = 600,
) -> dict[str, Any]:
    """Horizontal stacked bars: ``rows`` of ``{"y": label, "c": colour group, "n": count, "k": rank}``.

    Args:
        rows: The data.
        y_title: The title of the category axis (None: none).
        x_title: The title of the count axis.
        domain: The colour groups, in legend order.
        colours: Their colours.
        y_order: The category labels, top first.
        width: The chart's width in pixels.
    """
    return {
        "width": width,
        "height": _height(len(y_order)),
        "data": {"values": list(rows)},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "y": {"field": "y", "type": "nominal", "title": y_title, "sort": list(y_order)},
            "x": {
                "field": "n",
                "type": "quantitative",
                "title": x_title,
                "stack": "zero",
                "axis": _count_axis(rows),
            },
            "color": {
                "field": "c",
                "type": "nominal",
                "title": None,
                "scale": {"domain": list(domain), "range": list(colours)},
            },
            "order": {"field": "k", "type": "ordinal"},
        },
        "config": CONFIG,
    }


def bar_spec(
    rows: Sequence[Mapping[str, Any]],
    *,
    x_title: str,
    domain: Sequence[str],
    width: int = 560,
) -> dict[str, Any]:
    """Horizontal bars, largest first, coloured by group: ``rows`` of ``{"y", "c", "n"}``, with counts."""
    colours = [CATEGORY_COLOURS[i % len(CATEGORY_COLOURS)] for i in range(len(domain))]
    ordered = [r["y"] for r in sorted(rows, key=lambda r: (-int(r["n"]), str(r["y"])))]
    return {
        "width": width,
        "height": _height(len(ordered)),
        "data": {"values": list(rows)},
        "encoding": {
            "y": {"field": "y", "type": "nominal", "title": None, "sort": ordered},
            "x": {
                "field": "n",
                "type": "quantitative",
                "title": x_title,
                "axis": _count_axis(rows),
            },
        },
        "layer": [
            {
                "mark": {"type": "bar", "tooltip": True},
                "encoding": {
                    "color": {
                        "field": "c",
                        "type": "nominal",
                        "title": None,
                        "scale": {"domain": list(domain), "range": colours},
                    }
                },
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 3, "fontSize": 11},
                "encoding": {"text": {"field": "n", "type": "quantitative"}},
            },
        ],
        "config": CONFIG,
    }


def funnel_spec(
    rows: Sequence[Mapping[str, Any]], *, x_title: str, width: int = 230
) -> dict[str, Any]:
    """One procedure's funnel: ``rows`` of ```{"y": state label, "n": cases, "f": "final" or "step"}``` in path order."""
    order = [r["y"] for r in rows]
    return {
        "width": width,
        "height": _height(len(order)),
        "data": {"values": list(rows)},
        "encoding": {
            "y": {"field": "y", "type": "nominal", "title": None, "sort": order},
            "x": {
                "field": "n",
                "type": "quantitative",
                "title": x_title,
                "axis": _count_axis(rows),
            },
        },
        "layer": [
            {
                "mark": {"type": "bar", "tooltip": True},
                "encoding": {
                    "color": {
                        "field": "f",
                        "type": "nominal",
                        "legend": None,
                        "scale": {"domain": ["step", "final"], "range": ["#5b8fd6", "#2f6b3a"]},
                    }
                },
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 3, "fontSize": 11},
                "encoding": {"text": {"field": "n", "type": "quantitative"}},
            },
        ],
        "config": {**CONFIG, "axisY": {"labelLimit": 200}},
    }
