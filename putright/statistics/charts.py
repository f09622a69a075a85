"""Vega-Lite specifications for the statistics charts.

One definition serves the dashboard (rendered in the browser by vega-embed) and documents
(rendered to SVG on the server, e.g. with vl-convert). Each spec carries its data inline and
a `description` that states every value, which vega-embed sets as the chart's accessible
label; every chart is also shown as a table beside it, so no chart is the only way to a number.
"""

from __future__ import annotations

from typing import Any

from putright.core.periods import QUARTERS

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
FONT = "Arial, Helvetica, sans-serif"
TEXT_COLOUR = "#0b0c0c"


def _config() -> dict[str, Any]:
    return {
        "font": FONT,
        "view": {"stroke": None},
        "axis": {
            "labelFontSize": 14,
            "titleFontSize": 14,
            "labelColor": TEXT_COLOUR,
            "titleColor": TEXT_COLOUR,
            "titleFontWeight": "normal",
            "grid": True,
            "gridColor": "#e8e8e8",
        },
        "legend": {"labelFontSize": 14, "titleFontSize": 14},
    }


def bar_chart(
    *,
    rows: list[dict[str, Any]],
    category: str,
    category_title: str,
    value: str,
    value_title: str,
    description: str,
    colour: str = "#1d4f91",
    height: int = 220,
) -> dict[str, Any]:
    """A labelled vertical bar chart of one value per category, in the given order."""
    order = [row[category] for row in rows]
    top = max((row[value] or 0 for row in rows), default=0)
    # Counts are whole numbers: small scales get one tick per unit, never 0.5.
    value_axis: dict[str, Any] = {"format": "d", "tickMinStep": 1}
    if top <= 10:
        value_axis["values"] = list(range(top + 1))
    encoding = {
        "x": {
            "field": category,
            "type": "ordinal",
            "title": category_title,
            "sort": order,
            "axis": {"labelAngle": 0},
        },
        "y": {
            "field": value,
            "type": "quantitative",
            "title": value_title,
            "axis": value_axis,
        },
    }
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": "container",
        "height": height,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "data": {"values": rows},
        "encoding": encoding,
        "layer": [
            {"mark": {"type": "bar", "color": colour}},
            {
                "mark": {
                    "type": "text",
                    "dy": -8,
                    "fontSize": 14,
                    "color": TEXT_COLOUR,
                },
                "encoding": {"text": {"field": value, "type": "quantitative"}},
            },
        ],
        "config": _config(),
    }


OTHER_QUARTERS_COLOUR = "#6f777b"  # GOV.UK dark grey: 4.6:1 on white


def quarterly_chart(
    *,
    by_quarter: dict[str, int],
    subject: str,
    year: str,
    colour: str = "#1d4f91",
    chosen: str | None = None,
) -> dict[str, Any]:
    """`subject` received in each quarter of the year (seed 000's quarterly chart).

    With a `chosen` quarter the chart still draws the whole year (`year_by_quarter`), the
    chosen quarter in the council's colour and named so in its label and legend, the
    others in grey: a quarter outside the selection is never drawn as zero.
    """
    if chosen is None:
        rows = [{"quarter": q, "received": by_quarter.get(q, 0)} for q in QUARTERS]
        values = ", ".join(f"{row['quarter']} {row['received']}" for row in rows)
        return bar_chart(
            rows=rows,
            category="quarter",
            category_title=f"Quarter of {year}",
            value="received",
            value_title="Received",
            description=f"Bar chart of {subject} received by quarter, {year}: {values}.",
            colour=colour,
        )
    chosen_label, other_label = "Chosen quarter", "Rest of the year"
    rows = [
        {
            "quarter": f"{q} (chosen)" if q == chosen else q,
            "received": by_quarter.get(q, 0),
            "part": chosen_label if q == chosen else other_label,
        }
        for q in QUARTERS
    ]
    values = ", ".join(f"{row['quarter']} {row['received']}" for row in rows)
    spec = bar_chart(
        rows=rows,
        category="quarter",
        category_title=f"Quarter of {year}",
        value="received",
        value_title="Received",
        description=(
            f"Bar chart of {subject} received by quarter, {year}, {chosen} chosen: "
            f"{values}."
        ),
        colour=colour,
    )
    spec["layer"][0] = {
        "mark": {"type": "bar"},
        "encoding": {
            "color": {
                "field": "part",
                "type": "nominal",
                "title": None,
                "scale": {
                    "domain": [chosen_label, other_label],
                    "range": [colour, OTHER_QUARTERS_COLOUR],
                },
                "legend": {"orient": "bottom", "direction": "horizontal"},
            }
        },
    }
    return spec
