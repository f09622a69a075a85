"""A rendered letter as plain text (the email), HTML (preview and PDF), Word and PDF."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.template.loader import render_to_string

from putright.correspondence.placeholders import Block


@dataclass(frozen=True)
class LetterDocument:
    """What every format is made from: the letterhead and the blocks of the body."""

    council: str
    brand_colour: str
    title: str
    language: str
    address: tuple[str, ...]  # empty for staff notices
    reference: str
    date: str
    blocks: list[Block]
    headings: dict[str, str]  # "reference" and "date" labels, in the letter's language


def as_text(doc: LetterDocument) -> str:
    parts = []
    for block in doc.blocks:
        if block.kind == "list":
            parts.append("\n".join(f"- {line}" for line in block.lines))
        elif block.kind == "heading":
            parts.append(block.text)
        else:
            parts.append(block.text)
    return "\n\n".join(parts) + "\n"


def as_html(doc: LetterDocument) -> str:
    return render_to_string("correspondence/letter_document.html", {"doc": doc})


def as_pdf(doc: LetterDocument) -> bytes:
    from weasyprint import HTML

    return HTML(string=as_html(doc)).write_pdf()


def _paragraph(document: object, lines: tuple[str, ...], style: str | None = None):
    paragraph = document.add_paragraph(style=style)  # type: ignore[attr-defined]
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        if index < len(lines) - 1:
            run.add_break()
    return paragraph


def as_docx(doc: LetterDocument) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    document = Document()
    for section in document.sections:  # A4, as councils print
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(22)
        section.top_margin, section.bottom_margin = Mm(20), Mm(22)
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(12)
    heading_style = document.styles["Heading 2"]
    heading_style.font.name = "Arial"
    heading_style.font.size = Pt(13)
    heading_style.font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)
    core = document.core_properties
    core.title = doc.title
    core.author = doc.council
    core.language = doc.language
    header = document.add_paragraph()
    run = header.add_run(doc.council)
    run.bold = True
    run.font.size = Pt(16)
    colour = doc.brand_colour.lstrip("#")
    if len(colour) == 6:
        run.font.color.rgb = RGBColor.from_string(colour.upper())
    if doc.address:
        _paragraph(document, doc.address)
    meta = _paragraph(
        document,
        (
            f"{doc.headings['reference']}: {doc.reference}",
            f"{doc.headings['date']}: {doc.date}",
        ),
    )
    meta.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for block in doc.blocks:
        if block.kind == "heading":
            document.add_heading(block.text, level=2)
        elif block.kind == "list":
            for line in block.lines:
                document.add_paragraph(line, style="List Bullet")
        else:
            _paragraph(document, block.lines)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
