"""Each format carries the report's figures, checked structurally (not byte for byte)."""

import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from putright.core.periods import Period
from putright.reporting.blocks import INTERNAL, PUBLIC
from putright.reporting.build import build_report
from putright.reporting.renderers import renderer_for
from putright.reporting.renderers.docx import render_docx
from putright.reporting.renderers.html import render_html
from putright.reporting.renderers.pdf import render_pdf
from putright.reporting.renderers.xlsx import render_xlsx
from putright.reporting.tests.dataset import SECRET_NAME, build_report_dataset

pytestmark = pytest.mark.django_db
YEAR = Period(2022)


@pytest.fixture
def report():
    build_report_dataset()
    return build_report(period=YEAR, audience=INTERNAL)


@pytest.fixture
def public_report():
    build_report_dataset()
    return build_report(period=YEAR, audience=PUBLIC)


def test_html_is_accessible_and_carries_the_figures(report):
    html = render_html(report)

    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en-GB">' in html
    assert html.count("<h1") == 1
    assert (
        "<caption>Total number of enquiries received, 2020/2021 to 2022/2023</caption>"
        in html
    )
    # Totals row of seed 001's table, and the three years as columns.
    assert '<th scope="row">Total number of enquiries</th>' in html
    for year in ("2020/2021", "2021/2022", "2022/2023"):
        assert f'<th scope="col" class="num">{year}</th>' in html
    assert "a decrease of 4 stage one complaints (20.0%)" in html
    # Charts are embedded SVG images, each with a text alternative.
    images = re.findall(
        r'<img src="data:image/svg\+xml;base64,[^"]+" alt="([^"]+)"', html
    )
    assert len(images) >= 3
    assert all(alt.strip() for alt in images)
    assert "@media print" in html  # the print stylesheet travels with the file
    assert "<script" not in html


def test_html_escapes_free_text(report):
    report.sections[0].commentary = ["<script>alert(1)</script>"]
    html = render_html(report)
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_pdf_has_contents_page_numbers_and_figures(report):
    reader = PdfReader(io.BytesIO(render_pdf(report)))

    assert len(reader.pages) >= 5
    cover = reader.pages[0].extract_text()
    assert "Testford City Council" in cover
    assert "2022/2023" in cover
    contents = reader.pages[1].extract_text()
    assert "Contents" in contents
    assert "Summary of enquiries received" in contents
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Page 3 of" in text
    assert "Total number of enquiries" in text
    assert "61" in text
    assert "Ombudsman enquiries and decisions" in text
    assert "In comparison to 2021/2022 a decrease has been seen" in text
    assert SECRET_NAME not in text


def test_docx_has_real_headings_tables_and_pictures(report):
    document = Document(io.BytesIO(render_docx(report)))

    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    # The Code self-assessment comes first (docs/regulatory-rules.md §1.9).
    assert headings[1:3] == [
        "1. Complaint Handling Code self-assessment",
        "2. Summary of enquiries received",
    ]
    assert any("Ombudsman" in h for h in headings)
    assert len(document.tables) == len(report.tables())
    summary = next(t for t in document.tables if t.cell(0, 0).text == "Type of enquiry")
    assert [c.text for c in summary.rows[0].cells] == [
        "Type of enquiry",
        "2020/2021",
        "2021/2022",
        "2022/2023",
        "Share, 2022/2023",
    ]
    last = [c.text for c in summary.rows[-1].cells]
    assert last[0] == "Total number of enquiries"
    assert last[3] == "61"
    assert len(document.inline_shapes) == len(report.charts())
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert "Total number of enquiries received, 2020/2021 to 2022/2023" in captions
    body = "\n".join(p.text for p in document.paragraphs)
    assert "a decrease of 4 stage one complaints (20.0%)" in body
    assert SECRET_NAME not in body


def test_xlsx_has_contents_and_one_sheet_per_table(report):
    workbook = load_workbook(io.BytesIO(render_xlsx(report)))

    assert workbook.sheetnames[0] == "Contents"
    assert len(workbook.sheetnames) == len(report.tables()) + 1
    assert len(workbook.sheetnames) >= 3
    assert all(len(name) <= 31 for name in workbook.sheetnames)
    summary = next(
        workbook[name]
        for name in workbook.sheetnames[1:]
        if workbook[name]["A1"].value.startswith("Total number of enquiries received")
    )
    assert [c.value for c in summary[3]] == [
        "Type of enquiry",
        "2020/2021",
        "2021/2022",
        "2022/2023",
        "Share, 2022/2023",
    ]
    totals = {
        row[0]: row[1:4] for row in summary.iter_rows(min_row=4, values_only=True)
    }
    assert totals["Stage 1 complaints"] == (12, 20, 16)
    assert totals["Total number of enquiries"][2] == 61
    contents = workbook["Contents"]
    assert contents["A6"].hyperlink.location == f"'{workbook.sheetnames[1]}'!A1"


def test_xlsx_public_version_writes_suppressed_counts_as_text(public_report):
    workbook = load_workbook(io.BytesIO(render_xlsx(public_report)))

    values = [
        cell
        for name in workbook.sheetnames[1:]
        for row in workbook[name].iter_rows(values_only=True)
        for cell in row
    ]
    assert "fewer than 5" in values
    assert not any(
        isinstance(v, str) and "Thank you to the SEND Team" in v for v in values
    )


def test_xlsx_escapes_formula_like_text(report):
    report.tables()[0].rows[0][0] = '=HYPERLINK("http://evil")'
    workbook = load_workbook(io.BytesIO(render_xlsx(report)))
    sheet = workbook[workbook.sheetnames[1]]
    assert sheet["A4"].value.startswith("'=")


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="Format 'odt' is not recognised"):
        renderer_for("odt")
