"""Documents on the public complaint form: kept safely between pages, listed with a remove
option on check your answers, moved onto the case on Send; disguised files refused."""

import datetime as dt
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from putright.complaints.models import Attachment, Case
from putright.public.models import PendingUpload
from putright.public.services import pending_uploads_purge
from putright.public.tests.journeys import COMPLAINT, send, walk

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def answers(services):
    return {"service": {"service": f"s{services['send'].pk}"}, **COMPLAINT}


def _to_documents(client, answers):
    client.get("/feedback/complaint/")
    for step in ("service", "what-happened", "put-right", "who", "contact"):
        client.post(f"/feedback/complaint/{step}/", answers[step])
    client.post("/feedback/complaint/adjustments/", answers["adjustments"])


def _upload(client, *files):
    return client.post("/feedback/complaint/documents/", {"documents": list(files)})


def test_documents_page_is_a_multipart_form_that_works_without_javascript(
    client, answers
):
    _to_documents(client, answers)
    body = client.get("/feedback/complaint/documents/").content.decode()
    assert 'enctype="multipart/form-data"' in body
    assert re.search(r'<input type="file" name="documents"[^>]* multiple', body)


def test_documents_travel_with_the_form_and_land_on_the_case(
    client, answers, django_capture_on_commit_callbacks
):
    _to_documents(client, answers)
    response = _upload(
        client,
        SimpleUploadedFile("letter.pdf", PDF),
        SimpleUploadedFile("photo.png", PNG),
    )
    assert response.status_code == 302
    assert PendingUpload.objects.count() == 2
    assert Case.objects.count() == 0, "nothing on a case before Send"

    check = walk(client, "complaint", answers)
    body = check.content.decode()
    assert "letter.pdf" in body
    assert "photo.png" in body
    assert body.count(">Remove<") == 2

    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, "complaint", check)
    assert "Complaint sent" in response.content.decode()
    case = Case.objects.get()
    names = sorted(a.original_name for a in Attachment.objects.filter(case=case))
    assert names == ["letter.pdf", "photo.png"]
    assert all(a.from_complainant for a in case.attachments.all())
    assert PendingUpload.objects.count() == 0, "pending copies removed once sent"


def test_a_document_can_be_removed_on_check_your_answers(client, answers):
    _to_documents(client, answers)
    _upload(
        client,
        SimpleUploadedFile("keep.pdf", PDF),
        SimpleUploadedFile("wrong.pdf", PDF),
    )
    wrong = PendingUpload.objects.get(original_name="wrong.pdf")
    stored = wrong.file.name
    response = client.post(
        "/feedback/complaint/documents/remove/",
        {"document": wrong.pk, "next": "check"},
    )
    assert response["Location"] == "/feedback/complaint/check/"
    assert not default_storage.exists(stored)
    check = walk(client, "complaint", answers)
    assert "wrong.pdf" not in check.content.decode()
    send(client, "complaint", check)
    assert [a.original_name for a in Attachment.objects.all()] == ["keep.pdf"]


def test_another_session_cannot_remove_someone_elses_document(client, answers):
    _to_documents(client, answers)
    _upload(client, SimpleUploadedFile("mine.pdf", PDF))
    mine = PendingUpload.objects.get()
    stranger = Client()
    stranger.get("/feedback/complaint/")
    stranger.post("/feedback/complaint/documents/remove/", {"document": mine.pk})
    assert PendingUpload.objects.filter(pk=mine.pk).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("invoice.pdf", b"MZ\x90\x00\x03\x00 an executable", "is not a real PDF"),
        ("page.txt", b"<html><script>alert(1)</script></html>", "not a real plain"),
        ("run.exe", b"MZ\x90\x00", "must be a PDF, Word"),
        ("empty.pdf", b"", "The selected file is empty"),
    ],
)
def test_disguised_or_bad_files_are_refused_and_nothing_is_kept(
    client, answers, name, content, message
):
    _to_documents(client, answers)
    response = _upload(
        client, SimpleUploadedFile("fine.pdf", PDF), SimpleUploadedFile(name, content)
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert message in body
    assert PendingUpload.objects.count() == 0
    # The step is not answered: check your answers sends the resident back to it.
    assert client.get("/feedback/complaint/check/")["Location"].endswith("/documents/")


def test_more_than_ten_documents_are_refused(client, answers):
    _to_documents(client, answers)
    _upload(client, *[SimpleUploadedFile(f"d{i}.pdf", PDF) for i in range(8)])
    response = _upload(
        client, *[SimpleUploadedFile(f"e{i}.pdf", PDF) for i in range(3)]
    )
    assert "You can send up to 10 documents" in response.content.decode()
    assert PendingUpload.objects.count() == 8


def test_documents_of_abandoned_forms_are_removed_with_their_files(client, answers):
    _to_documents(client, answers)
    _upload(client, SimpleUploadedFile("old.pdf", PDF))
    old = PendingUpload.objects.get()
    PendingUpload.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=25)
    )
    _upload(client, SimpleUploadedFile("new.pdf", PDF))  # each upload purges
    assert list(PendingUpload.objects.values_list("original_name", flat=True)) == [
        "new.pdf"
    ]
    assert not default_storage.exists(old.file.name)
    assert pending_uploads_purge() == 0


def test_purge_command_removes_old_pending_documents(client, answers):
    from io import StringIO

    from django.core.management import CommandError, call_command

    _to_documents(client, answers)
    _upload(client, SimpleUploadedFile("old.pdf", PDF))
    PendingUpload.objects.update(created_at=timezone.now() - dt.timedelta(hours=3))
    out = StringIO()
    call_command("pending_uploads_purge", "--hours", "4", stdout=out)
    assert PendingUpload.objects.count() == 1
    call_command("pending_uploads_purge", "--hours", "2", stdout=out)
    assert PendingUpload.objects.count() == 0
    assert "1 pending document(s) removed." in out.getvalue()
    with pytest.raises(CommandError, match="whole number of 1 or more"):
        call_command("pending_uploads_purge", "--hours", "soon")
