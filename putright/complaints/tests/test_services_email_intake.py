"""`case_receive_email` and `case_email_reply_add`: contacts and replies that arrive by email."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from putright.audit.models import AuditEvent
from putright.complaints.constants import Channel, Kind, StageStatus
from putright.complaints.services import (
    case_email_reply_add,
    case_log,
    case_receive_email,
    procedure_corporate_default,
    procedure_ensure_builtins,
)
from putright.complaints.services.references import references_in

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def emailed(childrens):
    procedure_ensure_builtins()
    return case_receive_email(
        directorate=childrens,
        procedure=procedure_corporate_default(),
        received=dt.date(2030, 1, 1),  # a date after today is received today
        contact_name="Priya Patel",
        contact_email="priya@example.org",
        summary="Subject: Bins\n\nMy bins were missed.",
        documents=[
            SimpleUploadedFile("letter.pdf", PDF),
            SimpleUploadedFile("run-me.pdf", b"MZ\x90\x00" + b"\x00" * 64),
        ],
        original=SimpleUploadedFile("original-message.eml", b"<html>raw</html>"),
    )


def test_an_emailed_contact_awaits_triage_with_its_files(emailed):
    stage = emailed.stages.get()
    assert stage.channel == Channel.EMAIL
    assert stage.kind == Kind.COMPLAINT
    assert stage.status == StageStatus.AWAITING_ACKNOWLEDGEMENT
    assert stage.received <= dt.date.today()
    names = set(emailed.attachments.values_list("original_name", flat=True))
    # The original is kept although its content would fail the upload checks.
    assert names == {"letter.pdf", "original-message.eml"}
    assert (
        "“run-me.pdf”: The selected file is not a real PDF" in emailed.notes.get().text
    )


def test_email_intake_is_audited_by_the_system_and_keeps_free_text_out(emailed):
    events = AuditEvent.objects.filter(case=emailed)
    assert {event.actor_label for event in events} == {"email in"}
    assert "case.email_attachment_refused" in {event.verb for event in events}
    dumped = json.dumps([[e.before, e.after, e.message] for e in events])
    assert "bins" not in dumped.lower()
    assert "run-me" not in dumped


def test_a_reply_is_a_note_marked_as_from_the_complainant(emailed):
    note = case_email_reply_add(
        case=emailed,
        text="Subject: Re: Bins\n\nStill missed.",
        documents=[SimpleUploadedFile("photo.pdf", PDF)],
    )

    assert note.text.startswith("Email from the complainant\n\n")
    assert note.author is None
    assert emailed.attachments.filter(original_name="photo.pdf").exists()
    event = AuditEvent.objects.get(verb="case.email_received")
    assert "Still missed" not in json.dumps([event.before, event.after, event.message])


def test_the_reference_pattern_finds_every_reference_the_system_writes(
    alice, childrens
):
    procedure_ensure_builtins()
    references = [
        case_log(
            by=alice,
            kind=kind,
            channel=Channel.EMAIL,
            received=dt.date(2026, 1, 5),
            directorate=childrens,
            procedure=procedure_corporate_default() if kind == Kind.COMPLAINT else None,
        ).reference
        for kind in (
            Kind.COMPLAINT,
            Kind.SERVICE_REQUEST,
            Kind.COMPLIMENT,
            Kind.COMMENT,
        )
    ]
    subject = (
        "Re: "
        + " and ".join(references)
        + f" (not X{references[0]} or {references[1]}7A)"
    )

    assert references_in(subject) == references


def test_the_case_page_shows_an_emailed_note_without_an_author(client, alice, emailed):
    case_email_reply_add(case=emailed, text="Still missed.")
    client.force_login(alice)

    page = client.get(reverse("complaints:case_detail", args=[emailed.reference]))

    text = page.content.decode()
    assert "Email from the complainant" in text
    assert "Still missed." in text
    assert "None," not in text
    assert "The complainant&#x27;s email as it arrived" not in text  # no original given
    assert "The email as it arrived" in text
