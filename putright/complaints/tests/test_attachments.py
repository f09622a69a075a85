"""Attachments: size and real-type checks, random storage names, served only as downloads."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from putright.complaints import services
from putright.complaints.constants import ATTACHMENT_MAX_BYTES
from putright.complaints.models import Attachment
from putright.complaints.tests.factories import logged_complaint

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in members:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


@pytest.fixture
def case(alice, childrens, send_team):
    return logged_complaint(by=alice, directorate=childrens, team=send_team)


def _upload(case, by, name, content, kind="application/octet-stream"):
    return services.attachment_add(
        case=case, by=by, upload=SimpleUploadedFile(name, content, kind)
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("letter.pdf", PDF),
        ("photo.PNG", PNG),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20),
        ("reply.docx", _zip(["[Content_Types].xml", "word/document.xml"])),
        ("costs.xlsx", _zip(["[Content_Types].xml", "xl/workbook.xml"])),
        ("notes.txt", "Phoned on Tuesday – no answer.".encode()),
    ],
)
def test_allowed_types_are_stored_under_random_names(alice, case, name, content):
    attachment = _upload(case, alice, name, content)
    assert attachment.original_name == name
    assert name not in attachment.file.name
    assert attachment.file.name.startswith("attachments/")
    assert attachment.size == len(content)
    assert len(attachment.sha256) == 64


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("page.pdf", b"<html><script>alert(1)</script></html>", "not a real PDF"),
        ("page.html", b"<html></html>", "must be a PDF"),
        ("run.exe", b"MZ\x90\x00", "must be a PDF"),
        ("noextension", PDF, "must be a PDF"),
        ("fake.docx", _zip(["evil.html"]), "not a real Word document"),
        ("fake.docx", b"PK\x03\x04 not really a zip", "not a real Word document"),
        ("image.png", PDF, "not a real PNG"),
        ("notes.txt", b"<!DOCTYPE html><html>", "not a real plain text"),
        ("notes.txt", b"\x00\x01binary", "not a real plain text"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_spoofed_or_unlisted_types_are_refused(alice, case, name, content, message):
    with pytest.raises(services.CaseworkError) as error:
        _upload(case, alice, name, content)
    assert message in error.value.message
    assert error.value.field == "file"
    assert not Attachment.objects.exists()


def test_too_large_is_refused(alice, case):
    content = PDF + b"0" * ATTACHMENT_MAX_BYTES
    with pytest.raises(services.CaseworkError, match="smaller than 10 MB"):
        _upload(case, alice, "big.pdf", content)


def test_names_with_paths_and_quotes_are_cleaned(alice, case):
    attachment = _upload(case, alice, '../../etc/"evil".pdf', PDF)
    assert attachment.original_name == "_evil_.pdf"


def test_download_is_an_attachment_with_nosniff(client, alice, case):
    attachment = _upload(case, alice, "letter.pdf", PDF)
    client.force_login(alice)
    response = client.get(
        reverse("complaints:attachment_download", args=[case.reference, attachment.pk])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/octet-stream"
    assert b"".join(response.streaming_content) == PDF


def test_upload_page_shows_specific_error(client, alice, case):
    client.force_login(alice)
    response = client.post(
        reverse("complaints:case_action", args=[case.reference, "attach"]),
        {"file": SimpleUploadedFile("x.pdf", b"<html>", "application/pdf")},
    )
    body = response.content.decode()
    assert "There is a problem" in body
    assert "not a real PDF" in body
