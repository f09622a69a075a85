"""Issue 4's acceptance check: the published figures of seed 001 in the HTML, PDF and Word.

The dataset (`seed001.py`) reproduces Wolverhampton's 2022/2023 report and the comparisons it
makes with the two years before; every number asserted here is quoted from the seed.
"""

import io
import re
from html import unescape

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from putright.reporting.generation import report_generate
from putright.reporting.parameters import report_parameters
from putright.reporting.tests.seed001 import build_seed001

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# (label, figure) pairs quoted from seed 001's totals table.
TOTALS = [
    ("Service requests and informal complaints", "1,442"),
    ("Stage 1 complaints", "156"),
    ("Stage 2 complaints", "20"),
    ("Housing Ombudsman enquiries", "42"),
    ("LGSCO enquiries", "37"),
    ("Compliments", "694"),
    ("Total number of enquiries", "2,391"),
]
SENTENCES = [
    # Corporate stage one: "Difference to 2021/2022: -24".
    "Corporate: a decrease of 24 stage one complaints (21.1%) compared with 2021/2022, to 90.",
    # Children's stage one: "Difference to 2021/2022: 1".
    "Children's: an increase of 1 stage one complaint (2.5%) compared with 2021/2022, to 41.",
    # Adults stage one: "a decrease of nine cases".
    "Adults: a decrease of 9 stage one complaints (26.5%) compared with 2021/2022, to 25.",
    # Corporate stage two: "a decrease of four cases".
    "Corporate: a decrease of 4 stage two complaints (22.2%) compared with 2021/2022, to 14.",
    # Housing Ombudsman: "Difference to 2021/2022: 8 ... an increase".
    "In comparison to 2021/2022 an increase has been seen in the number of Housing "
    "Ombudsman enquiries received: 42 against 34, an increase of 8 enquiries (23.5%).",
]
# Per directorate: stage, received, upheld, partly upheld, not upheld (quoted from the seed).
OUTCOMES = {
    "Children's": [("Stage 1", 41, 6, 21, 14), ("Stage 2", 6, 1, 5, 0)],
    "Adults": [("Stage 1", 25, 7, 9, 9)],
    "Corporate": [("Stage 1", 90, 18, 19, 53), ("Stage 2", 14, 2, 6, 6)],
}


def _generate(fmt: str) -> bytes:
    parameters = report_parameters(year="2022/23", fmt=fmt, audience="internal")
    return report_generate(parameters=parameters)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def seed001():
    return build_seed001()


def test_html_carries_the_published_figures(seed001):
    html = _generate("html").decode()
    text = _flat(unescape(re.sub(r"<[^>]+>", " ", html)))

    for label, figure in TOTALS:
        assert re.search(
            rf"{re.escape(label)}( \S+){{2}} {re.escape(figure)} ", text
        ), label
    for sentence in SENTENCES:
        assert sentence in text
    for directorate, rows in OUTCOMES.items():
        for stage, *figures in rows:
            cells = " ".join(str(f) for f in figures)
            assert f"{stage} {cells}" in text, (directorate, stage)
    assert "Corporate: complaints received and outcomes" in text
    assert "92.2%" in text  # 83 of 90 corporate stage ones within 21 calendar days
    for compliments in ("90", "472", "132"):
        assert re.search(rf"Compliments by directorate.*? {compliments} ", text)
    for year in ("2020/2021", "2021/2022", "2022/2023"):
        assert year in text
    assert len(re.findall(r'<img src="data:image/svg\+xml', html)) >= 4


def test_pdf_carries_the_published_figures(seed001):
    reader = PdfReader(io.BytesIO(_generate("pdf")))
    text = _flat("\n".join(page.extract_text() for page in reader.pages))

    assert len(reader.pages) >= 5
    for label, figure in TOTALS:
        assert re.search(
            rf"{re.escape(label)}( ?\S+){{2}} {re.escape(figure)}", text
        ), label
    for sentence in SENTENCES:
        assert sentence in text
    assert "92.2%" in text
    assert "Stage 1 41 6 21 14" in text
    assert "Stage 1 90 18 19 53" in text
    # The charts are embedded as images.
    assert sum(len(page.images) for page in reader.pages) >= 4


def test_word_carries_the_published_figures_and_charts(seed001):
    document = Document(io.BytesIO(_generate("docx")))
    body = _flat("\n".join(p.text for p in document.paragraphs))
    cells = {
        tuple(c.text for c in row.cells)
        for table in document.tables
        for row in table.rows
    }

    for label, figure in TOTALS:
        # The year's figure is the last but one column; the last is its share.
        assert any(row[0] == label and row[-2] == figure for row in cells), label
    for sentence in SENTENCES:
        assert sentence in body
    for rows in OUTCOMES.values():
        for stage, *figures in rows:
            assert any(
                row[:5] == (stage, *[str(f) for f in figures]) for row in cells
            ), stage
    assert len(document.inline_shapes) >= 4
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert "Children's complaints activity 2022/2023" in headings


def test_workbook_has_a_sheet_per_table(seed001):
    workbook = load_workbook(io.BytesIO(_generate("xlsx")))

    assert len(workbook.sheetnames) >= 3
    summary = next(
        workbook[name]
        for name in workbook.sheetnames[1:]
        if str(workbook[name]["A1"].value).startswith("Total number of enquiries")
    )
    header = next(
        row
        for row in summary.iter_rows(values_only=True)
        if row and row[0] == "Type of enquiry"
    )
    year = header.index("2022/2023")  # the last column is the year's share
    totals = {
        row[0]: row[year] for row in summary.iter_rows(min_row=4, values_only=True)
    }
    assert totals["Total number of enquiries"] == 2391
    assert totals["Compliments"] == 694
