"""The report as PDF: WeasyPrint lays out the HTML with its print stylesheet."""

from __future__ import annotations

import weasyprint

from putright.reporting.blocks import Report
from putright.reporting.renderers.html import render_html


def render_pdf(report: Report) -> bytes:
    """A tagged PDF with selectable text, a contents page and page numbers."""
    html = weasyprint.HTML(
        string=render_html(report, raster_charts=True), base_url=None
    )
    return html.write_pdf(pdf_tags=True)
