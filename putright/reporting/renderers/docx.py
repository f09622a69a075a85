"""The report as a Word document, built with python-docx from the same report data.

Real headings (Heading 1/2, so Word's navigation pane and contents work), real tables with
captions, and the charts as PNG pictures with their text alternative; page numbers in the
footer. Councils edit this version before it goes to committee.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from putright.core.presentation import time_and_date
from putright.reporting.blocks import (
    NUMERIC_FORMATS,
    BulletList,
    Chart,
    Paragraph,
    Report,
    Section,
    Suppressed,
    Table,
    format_cell,
)
from putright.reporting.renderers.layout import column_widths

BRAND = RGBColor(0x1D, 0x4F, 0x91)
MUTED = RGBColor(0x50, 0x5A, 0x5F)
NUMERIC = NUMERIC_FORMATS


def _field(run, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES, TOC) in a run."""
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, text, separate, placeholder, end):
        run._r.append(element)


def _shade(cell, colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    properties.append(shading)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _styles(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Arial")
    for name, size in (("Title", 26), ("Heading 1", 18), ("Heading 2", 14)):
        style = document.styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.color.rgb = BRAND if name != "Heading 2" else RGBColor(0, 0, 0)
        # The default template's headings use theme fonts, which win over the name.
        fonts = style.element.rPr.rFonts
        for attribute in (
            "w:asciiTheme",
            "w:hAnsiTheme",
            "w:eastAsiaTheme",
            "w:cstheme",
        ):
            fonts.attrib.pop(qn(attribute), None)
    caption = document.styles["Caption"]
    caption.font.name = "Arial"
    caption.font.size = Pt(10)
    caption.font.bold = True
    caption.font.italic = False
    caption.font.color.rgb = RGBColor(0, 0, 0)


def _cover(document, report: Report) -> None:
    council = document.add_paragraph()
    council_run = council.add_run(report.council_name)
    council_run.bold = True
    council_run.font.size = Pt(18)
    council_run.font.color.rgb = BRAND
    council.paragraph_format.space_before = Pt(120)
    document.add_paragraph(report.title, style="Title")
    year = document.add_paragraph()
    year_run = year.add_run(report.year)
    year_run.bold = True
    year_run.font.size = Pt(22)
    year_run.font.color.rgb = BRAND
    if report.directorate:
        document.add_paragraph(report.directorate).runs[0].font.size = Pt(16)
    document.add_paragraph(report.period_text)
    audience = document.add_paragraph()
    audience_run = audience.add_run(report.audience_label)
    audience_run.bold = True
    stamp = document.add_paragraph(
        f"Data extracted at {time_and_date(report.extracted_at)}"
    )
    stamp.runs[0].font.color.rgb = MUTED
    stamp.add_run().add_break(WD_BREAK.PAGE)


def _contents(document, report: Report) -> None:
    document.add_paragraph("Contents", style="Heading 1")
    for number, section in enumerate(report.sections, start=1):
        item = document.add_paragraph(f"{number}. {section.title}")
        item.paragraph_format.space_after = Pt(2)
        for sub in section.subsections:
            sub_item = document.add_paragraph(sub.title)
            sub_item.paragraph_format.left_indent = Cm(0.8)
            sub_item.paragraph_format.space_after = Pt(0)


def _column_widths(grid, table: Table) -> None:
    """Each column as wide as its longest word at least (`layout.column_widths`), so Word
    and LibreOffice break lines between words, never inside one."""
    usable = 17.0
    widths = [Cm(usable * share / 100) for share in column_widths(table)]
    grid.autofit = False
    for index, column in enumerate(grid.columns):
        column.width = widths[index]  # the grid LibreOffice reads
    for row in grid.rows:
        for index, cell in enumerate(row.cells):
            cell.width = widths[index]


def _table(document, table: Table) -> None:
    size = Pt(9.5 if len(table.columns) < 7 else 8)
    document.add_paragraph(table.caption, style="Caption")
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    header = grid.rows[0]
    _repeat_header(header)
    for index, title in enumerate(table.columns):
        cell = header.cells[index]
        cell.text = ""
        run = cell.paragraphs[0].add_run(title)
        run.bold = True
        run.font.size = size
        _shade(cell, "E8F1F8")
        if index and table.formats[index] in NUMERIC:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    last = len(table.rows) - 1
    for row_index, row in enumerate(table.rows):
        cells = grid.add_row().cells
        for index, value in enumerate(row):
            fmt = table.formats[index]
            paragraph = cells[index].paragraphs[0]
            run = paragraph.add_run(format_cell(value, fmt))
            run.font.size = size
            if isinstance(value, Suppressed):
                run.italic = True
            if table.total_row and row_index == last:
                run.bold = True
            if index and fmt in NUMERIC:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _column_widths(grid, table)
    if table.note:
        note = document.add_paragraph(table.note)
        note.runs[0].font.size = Pt(9)
        note.runs[0].font.color.rgb = MUTED
    document.add_paragraph()


def _chart(document, chart: Chart) -> None:
    document.add_picture(io.BytesIO(chart.png), width=Cm(15))
    picture = document.inline_shapes[-1]
    # The text alternative (Word's "Alt Text").
    doc_pr = picture._inline.docPr
    doc_pr.set("descr", chart.description)
    doc_pr.set("title", chart.title)
    document.add_paragraph(chart.title, style="Caption")


def _blocks(document, blocks) -> None:
    for block in blocks:
        if isinstance(block, Paragraph):
            if block.style == "quote":
                quote = document.add_paragraph(block.text, style="Quote")
                quote.paragraph_format.left_indent = Cm(1)
            else:
                paragraph = document.add_paragraph(block.text)
                if block.style == "lead":
                    paragraph.runs[0].font.size = Pt(12)
                if block.style == "note":
                    paragraph.runs[0].bold = True
        elif isinstance(block, BulletList):
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, Chart):
            _chart(document, block)


def _section(document, section: Section, number: int) -> None:
    document.add_paragraph(f"{number}. {section.title}", style="Heading 1")
    _blocks(document, section.blocks)
    for sub in section.subsections:
        document.add_paragraph(sub.title, style="Heading 2")
        _blocks(document, sub.blocks)
    if section.commentary:
        document.add_paragraph("Council commentary", style="Heading 2")
        for text in section.commentary:
            document.add_paragraph(text)


def _footer(document, report: Report) -> None:
    section = document.sections[-1]
    section.different_first_page_header_footer = True
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(
        f"{report.council_name} · {report.title.lower()} {report.year} · Page "
    )
    _field(footer.add_run(), "PAGE")
    footer.add_run(" of ")
    _field(footer.add_run(), "NUMPAGES")
    for run in footer.runs:
        run.font.size = Pt(8.5)
        run.font.color.rgb = MUTED


def render_docx(report: Report) -> bytes:
    """The report as a .docx file that opens cleanly in Word and LibreOffice."""
    document = Document()
    _styles(document)
    page = document.sections[0]
    page.page_height, page.page_width = Cm(29.7), Cm(21.0)
    page.left_margin = page.right_margin = Cm(2)
    page.top_margin = page.bottom_margin = Cm(2)
    properties = document.core_properties
    properties.title = f"{report.title} {report.year}"
    properties.author = report.council_name
    properties.subject = report.audience_label
    _cover(document, report)
    _contents(document, report)
    for number, section in enumerate(report.sections, start=1):
        document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        _section(document, section, number)
    _footer(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
