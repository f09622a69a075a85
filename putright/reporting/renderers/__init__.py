"""Renderers: the report dataclasses laid out as HTML, PDF, Word or Excel."""

from __future__ import annotations

from collections.abc import Callable

from putright.reporting.blocks import Report

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def renderer_for(fmt: str) -> Callable[[Report], bytes]:
    """The function that turns a report into the bytes of one format."""
    if fmt == "html":
        from putright.reporting.renderers.html import render_html

        return lambda report: render_html(report).encode("utf-8")
    if fmt == "pdf":
        from putright.reporting.renderers.pdf import render_pdf

        return render_pdf
    if fmt == "docx":
        from putright.reporting.renderers.docx import render_docx

        return render_docx
    if fmt == "xlsx":
        from putright.reporting.renderers.xlsx import render_xlsx

        return render_xlsx
    raise ValueError(f"Format {fmt!r} is not recognised: use html, pdf, docx or xlsx.")
