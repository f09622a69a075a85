import datetime as dt
import io
import shutil
import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook

from putright.complaints.constants import Outcome
from putright.complaints.tests.factories import StageFactory
from putright.selfassessment import services
from putright.selfassessment.provisions import PROVISIONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(alice, childrens):
    # One stage 1 complaint acknowledged in 3 working days and answered late (12 WD).
    StageFactory(
        directorate=childrens,
        received=dt.date(2024, 6, 3),
        acknowledged=dt.date(2024, 6, 6),
        responded=dt.date(2024, 6, 24),
        outcome=Outcome.UPHELD,
    )
    assessment = services.assessment_start(first_year=2024, by=alice)
    services.answer_save(
        assessment=assessment,
        provision="6.2",
        by=alice,
        complies=False,
        commentary="Late responses in Housing repairs",
        action="Weekly tracker of open stage 1 cases",
        target_date=dt.date(2025, 9, 30),
    )
    return assessment


def test_the_page_shows_each_provision_with_its_evidence(client, alice, assessment):
    client.force_login(alice)
    page = client.get("/self-assessment/2024/").content.decode()
    assert page.count('<h3 class="govuk-summary-card__title">') == len(PROVISIONS)
    assert "Stage 1 acknowledged within 5 working days: 1 of 1 (100.0%)" in page
    assert "Stage 1 responses within 10 working days: 0 of 1 (0.0%)" in page
    assert "Weekly tracker of open stage 1 cases (by 30 September 2025)" in page


def test_the_answer_form_refuses_a_no_without_an_action(client, alice, assessment):
    client.force_login(alice)
    response = client.post("/self-assessment/2024/1.1/", {"complies": "no"})
    assert response.status_code == 400
    assert "Say what the council will do to comply" in response.content.decode()
    assert assessment.answers.get(provision="1.1").complies is None
    response = client.post("/self-assessment/2024/1.1/", {"complies": "yes"})
    assert response.status_code == 302
    assert assessment.answers.get(provision="1.1").complies is True


def test_a_reporting_viewer_reads_but_cannot_answer(client, erin, assessment):
    client.force_login(erin)
    assert client.get("/self-assessment/2024/").status_code == 200
    assert (
        client.post("/self-assessment/2024/1.1/", {"complies": "yes"}).status_code
        == 403
    )
    assert client.post("/self-assessment/", {"year": "2025"}).status_code == 403


def test_starting_a_year_twice_says_so(client, alice, assessment):
    client.force_login(alice)
    response = client.post("/self-assessment/", {"year": "2024"})
    assert response.status_code == 400
    assert "already a self-assessment for 2024/2025" in response.content.decode()
    response = client.post("/self-assessment/", {"year": "1999"})
    assert response.status_code == 400


def test_word_and_excel_hold_every_provision_and_the_answers(client, alice, assessment):
    client.force_login(alice)
    word = Document(io.BytesIO(client.get("/self-assessment/2024/form.docx").content))
    cells = [c.text for t in word.tables for r in t.rows for c in r.cells]
    assert len(word.tables) == 9
    assert sum(len(t.rows) - 1 for t in word.tables) == len(PROVISIONS)
    assert "Late responses in Housing repairs" in cells
    assert "No" in cells
    book = load_workbook(
        io.BytesIO(client.get("/self-assessment/2024/form.xlsx").content)
    )
    rows = list(book.active.iter_rows(values_only=True))
    header = rows.index(next(r for r in rows if r and r[0] == "Section"))
    assert len(rows) - header - 1 == len(PROVISIONS)
    row_62 = next(r for r in rows if r[1] and str(r[1]).startswith("6.2 "))
    assert row_62[3] == "No"
    assert "0 of 1" in row_62[4]


SOFFICE = shutil.which("soffice")
PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_the_forms_open_in_libreoffice(client, alice, assessment, tmp_path, kind):
    """LibreOffice (Writer for Word, Calc for Excel) opens each form and prints it."""
    client.force_login(alice)
    source = tmp_path / f"form.{kind}"
    source.write_bytes(client.get(f"/self-assessment/2024/form.{kind}").content)
    command = [
        SOFFICE,
        "--headless",
        f"-env:UserInstallation=file://{tmp_path}/profile",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp_path),
        str(source),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=180)  # noqa: S603 - our own file
    pdf = tmp_path / "form.pdf"
    assert pdf.exists(), f"LibreOffice could not open the {kind} form"
    if PDFTOTEXT:
        text = subprocess.run(  # noqa: S603 - our own file
            [PDFTOTEXT, str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Weekly tracker" in text
