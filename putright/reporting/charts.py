"""Charts of the annual report: Vega-Lite specs rendered to SVG and PNG on the server.

One spec serves every format: the HTML and PDF embed the SVG, Word embeds the PNG. Rendering
uses vl-convert (an embedded engine; no browser and no network).
"""

from __future__ import annotations

import base64
from typing import Any

import vl_convert

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
# GOV.UK Design System colours: distinguishable and dark enough on white.
PALETTE = ["#1d70b8", "#f47738", "#00703c", "#4c2c92", "#d4351c", "#505a5f"]
# A list, so that a server without Arial still draws text (Liberation Sans has its metrics).
FONT = "Arial, Helvetica, Liberation Sans, DejaVu Sans, sans-serif"


def _config() -> dict[str, Any]:
    return {
        "font": FONT,
        "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 320},
        "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
        "title": {"fontSize": 14, "anchor": "start"},
        "view": {"stroke": None},
        "range": {"category": PALETTE},
    }


def grouped_bars(
    *,
    rows: list[dict[str, Any]],
    x_title: str,
    y_title: str,
    series_title: str,
    width: int = 520,
    height: int = 240,
) -> dict[str, Any]:
    """Vertical bars grouped by category, one colour per series (e.g. year)."""
    return {
        "$schema": SCHEMA,
        "data": {"values": rows},
        "width": width,
        "height": height,
        "mark": {"type": "bar"},
        "encoding": {
            "x": {
                "field": "category",
                "type": "nominal",
                "title": x_title,
                "sort": None,
                "axis": {"labelAngle": 0},
            },
            "xOffset": {"field": "series", "type": "nominal", "sort": None},
            "y": {"field": "value", "type": "quantitative", "title": y_title},
            "color": {
                "field": "series",
                "type": "nominal",
                "title": series_title,
                "sort": None,
            },
        },
        "config": _config(),
    }


def horizontal_bars(
    *,
    rows: list[dict[str, Any]],
    x_title: str,
    target: float | None = None,
    width: int = 440,
) -> dict[str, Any]:
    """Horizontal bars of one value per label, with an optional target line."""
    height = max(60, 26 * len(rows))
    bars: dict[str, Any] = {
        "mark": {"type": "bar", "color": PALETTE[0]},
        "encoding": {
            "y": {"field": "label", "type": "nominal", "title": None, "sort": None},
            "x": {"field": "value", "type": "quantitative", "title": x_title},
        },
    }
    labels: dict[str, Any] = {
        "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 11},
        "encoding": {
            "y": {"field": "label", "type": "nominal", "sort": None},
            "x": {"field": "value", "type": "quantitative"},
            "text": {"field": "value", "type": "quantitative"},
        },
    }
    layers = [bars, labels]
    if target is not None:
        layers.append(
            {
                "data": {"values": [{"target": target}]},
                "mark": {"type": "rule", "color": "#d4351c", "strokeWidth": 2},
                "encoding": {"x": {"field": "target", "type": "quantitative"}},
            }
        )
    return {
        "$schema": SCHEMA,
        "data": {"values": rows},
        "width": width,
        "height": height,
        "layer": layers,
        "config": _config(),
    }


def render_svg(spec: dict[str, Any]) -> str:
    """The chart as SVG text."""
    return vl_convert.vegalite_to_svg(spec)


def render_png(spec: dict[str, Any], scale: float = 2.0) -> bytes:
    """The chart as a PNG image (for Word), at twice screen resolution for print."""
    return vl_convert.vegalite_to_png(spec, scale=scale)


def svg_data_uri(svg: str) -> str:
    """An SVG as a data: URI, so an <img> can show it under the site's CSP."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def png_data_uri(png: bytes) -> str:
    """A PNG as a data: URI (the PDF embeds raster charts: much quicker to lay out)."""
    return "data:image/png;base64," + base64.b64encode(png).decode()
