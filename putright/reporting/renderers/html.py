"""The report as one self-contained, accessible HTML document (also the PDF's source)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.template.loader import render_to_string

from putright.reporting.blocks import Report

CSS_PATH = (
    Path(__file__).resolve().parent.parent / "static" / "reporting" / "report.css"
)


@cache
def report_css() -> str:
    return CSS_PATH.read_text(encoding="utf-8")


def render_html(report: Report, *, raster_charts: bool = False) -> str:
    """The whole report as HTML with its stylesheet inlined and charts as SVG images.

    `raster_charts` embeds PNGs instead, for the PDF: WeasyPrint lays out and writes a
    bitmap several times faster than it draws an SVG.
    """
    context = {"report": report, "css": report_css(), "raster_charts": raster_charts}
    return render_to_string("reporting/report.html", context)
