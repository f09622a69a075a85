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


def _pdf_text(path):
    return subprocess.run(  # noqa: S603 - our own file, fixed arguments
        [PDFTOTEXT, "-layout", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def test_every_letter_to_the_complainant_opens_in_libreoffice(bob, tmp_path):
    bob.first_name, bob.last_name, bob.email = "Bob", "Officer", "bob@council.example"
    bob.save()
    case = _case(full=True, language=Language.ENGLISH)
    stage = _stage(case, handler=bob)
    _respond(stage, outcome=Outcome.UPHELD)
    later = _stage(case, number=2, handler=None)
    expected = {
        LetterKind.ACKNOWLEDGEMENT: (stage, "Our understanding of your complaint"),
        LetterKind.EXTENSION: (stage, "We will now respond by 13 July 2026."),
        LetterKind.RESPONSE: (stage, "Financial remedy of £50.00, by 31 July 2026"),
        LetterKind.ESCALATION_ACKNOWLEDGEMENT: (later, "What we will look at"),
    }
    sources = []
    for kind, (letter_stage, _) in expected.items():
        rendered = letter_render(letter_stage, kind, language="en-gb", channel="post")
        source = tmp_path / f"{kind}.docx"
        source.write_bytes(documents.as_docx(rendered.document))
        sources.append(str(source))
    command = [SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile"]
    command += ["--headless", "--convert-to", "pdf", "--outdir", str(tmp_path)]
    # Our own files and fixed arguments; the program found on PATH by the skip above.
    subprocess.run([*command, *sources], check=True, capture_output=True, timeout=300)  # noqa: S603
    for kind, (letter_stage, sentence) in expected.items():
        text = " ".join(_pdf_text(tmp_path / f"{kind}.pdf").split())
        assert sentence in text, kind
        assert case.reference in text
        officer = "Bob Officer" if letter_stage.handler else "The complaints team"
        assert officer in text
        assert STAFF_SUMMARY not in text
        assert "((" not in text
