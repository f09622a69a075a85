"""The Word files open in LibreOffice, and their text survives the conversion to PDF."""

import shutil
import subprocess

import pytest

from putright.complaints.constants import Language, Outcome
from putright.correspondence import documents
from putright.correspondence.kinds import LetterKind
from putright.correspondence.services import letter_render
from putright.correspondence.tests.test_letters_render import (
    STAFF_SUMMARY,
    _case,
    _respond,
    _stage,
)

SOFFICE = shutil.which("soffice") or "soffice"
PDFTOTEXT = shutil.which("pdftotext") or "pdftotext"
pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("soffice") is None or shutil.which("pdftotext") is None,
        reason="LibreOffice (libreoffice-writer-nogui) or poppler-utils is not installed",
    ),
]


def test_the_response_letter_opens_in_libreoffice(bob, tmp_path):
    bob.first_name, bob.last_name, bob.email = "Bob", "Officer", "bob@council.example"
    bob.save()
    case = _case(full=True, language=Language.ENGLISH)
    stage = _stage(case, handler=bob)
    _respond(stage, outcome=Outcome.UPHELD)
    rendered = letter_render(
        stage, LetterKind.RESPONSE, language="en-gb", channel="post"
    )
    source = tmp_path / "letter.docx"
    source.write_bytes(documents.as_docx(rendered.document))
    command = [SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile"]
    command += ["--headless", "--convert-to", "pdf", "--outdir", str(tmp_path)]
    # Our own file and fixed arguments; the programs found on PATH by the skip above.
    command.append(str(source))
    subprocess.run(command, check=True, capture_output=True, timeout=180)  # noqa: S603
    pdf = str(tmp_path / "letter.pdf")
    text = subprocess.run(  # noqa: S603
        [PDFTOTEXT, "-layout", pdf, "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Our stage 1 response to your complaint" in text
    assert "Financial remedy of £50.00, by 31 July 2026" in text
    assert "You can contact Bob Officer at bob@council.example." in text
    assert case.reference in text
    assert STAFF_SUMMARY not in text
