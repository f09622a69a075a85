"""Email in through the forwarding address: each message a contact, a reply, or kept failed."""

from __future__ import annotations

import datetime as dt
import email
import email.policy

import pytest
import time_machine
from django.core import mail

from putright.complaints.constants import Channel, Kind, StageStatus
from putright.complaints.models import Attachment, Case, CaseNote
from putright.complaints.services import case_receive_email, procedure_corporate_default
from putright.inbox import services
from putright.inbox.models import InboundMessage
from putright.inbox.tests.conftest import COUNCIL_ADDRESS, make_email
from putright.notifications.models import NotificationEmail

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
Status = InboundMessage.Status


def _only_case() -> Case:
    cases = list(Case.objects.all())
    assert len(cases) == 1
    return cases[0]


@time_machine.travel(dt.datetime(2026, 7, 6, 9, 0, tzinfo=dt.UTC))
def test_a_new_email_becomes_a_contact_awaiting_triage(receive, triage):
    message = receive(make_email())

    case = _only_case()
    stage = case.stages.get()
    assert message.status == Status.PROCESSED
    assert message.outcome == InboundMessage.Outcome.NEW_CONTACT
    assert message.case == case
    assert stage.channel == Channel.EMAIL
    assert stage.kind == Kind.COMPLAINT
    assert stage.status == StageStatus.AWAITING_ACKNOWLEDGEMENT
    assert stage.directorate == triage
    assert stage.team is None
    assert stage.handler is None
    assert (case.contact_name, case.contact_email) == (
        "Priya Patel",
        "priya@example.org",
    )
    assert "Bins not collected" in stage.summary
    assert "three weeks" in stage.summary
    # 23:30 on 30 June in UTC is 00:30 on 1 July in London (British Summer Time).
    assert stage.received == dt.date(2026, 7, 1)


@time_machine.travel(dt.datetime(2026, 7, 6, 9, 0, tzinfo=dt.UTC))
@pytest.mark.parametrize(
    "date", ["Wed, 01 Jan 2031 10:00:00 +0000", None, "not a date at all"]
)
def test_a_future_missing_or_broken_date_is_received_today(receive, date):
    receive(make_email(date=date))

    assert _only_case().stages.get().received == dt.date(2026, 7, 6)


def test_the_original_message_is_kept_on_the_case_and_only_there(receive):
    raw = make_email()
    stored, _created = services.inbound_store(raw, source="forwarded")
    name = stored.raw.name
    message = receive(raw)

    original = Attachment.objects.get(
        case=_only_case(), original_name="original-message.eml"
    )
    assert original.file.read() == raw
    assert original.content_type == "message/rfc822"
    # The inbox's copy goes once the case has it (it would outlive the case's retention).
    assert message.raw.name == ""
    assert not stored.raw.storage.exists(name)


def test_an_html_only_email_is_kept_as_text_without_markup_or_scripts(receive):
    html = (
        "<html><head><style>p {color: red}</style></head><body>"
        "<p>The <b>pothole</b> on Mill&nbsp;Lane &amp; Station Road</p>"
        "<script>alert('x')</script><p>is still there.</p></body></html>"
    )
    receive(make_email(text=None, html=html))

    summary = _only_case().stages.get().summary
    assert "The pothole on Mill Lane & Station Road\n\nis still there." in summary
    for leftover in ("<", "alert", "color: red"):
        assert leftover not in summary


def test_plain_text_is_preferred_to_the_html_part(receive):
    receive(make_email(text="The plain words.", html="<p>The HTML words.</p>"))

    summary = _only_case().stages.get().summary
    assert "The plain words." in summary
    assert "HTML words" not in summary


def test_attachments_are_kept_and_refused_ones_noted_without_losing_the_message(
    receive,
):
    exe = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
    big = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024)
    message = receive(
        make_email(
            attachments=[
                ("letter.pdf", PDF, "application/pdf"),
                ("invoice.pdf", exe, "application/pdf"),
                ("photos.pdf", big, "application/pdf"),
                ("setup.exe", exe, "application/octet-stream"),
            ]
        )
    )

    case = _only_case()
    assert message.status == Status.PROCESSED
    kept = {a.original_name: a for a in case.attachments.all()}
    assert set(kept) == {"letter.pdf", "original-message.eml"}
    assert kept["letter.pdf"].file.read() == PDF
    note = case.notes.get()
    assert "“invoice.pdf”: The selected file is not a real PDF" in note.text
    assert "“photos.pdf”: The selected file must be smaller than 10 MB." in note.text
    assert "“setup.exe”: The selected file must be a PDF" in note.text


def test_nul_bytes_never_reach_the_database(receive):
    raw = (
        b"From: Nul\x00 Person <nul@example.org>\r\n"
        b"Subject: Broken\x00 subject\r\n"
        b"Message-ID: <nul@example.org>\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Text with a \x00 NUL byte.\r\n"
    )
    receive(raw)

    case = _only_case()
    stage = case.stages.get()
    assert "\x00" not in stage.summary
    assert "Text with a  NUL byte." in stage.summary
    assert "Broken subject" in stage.summary
    assert case.contact_email == "nul@example.org"


@pytest.mark.parametrize(
    ("content_type", "body", "expected"),
    [
        # A charset Python has never heard of: read as UTF-8, nothing lost but the odd byte.
        ("text/plain; charset=x-klingon", b"Caf\xc3\xa9 closed", "Café closed"),
        # Declared UTF-8 but written in Latin-1: the bad byte is replaced, the rest kept.
        ("text/plain; charset=utf-8", b"Caf\xe9 closed", "Caf\ufffd closed"),
        ("text/plain; charset=iso-8859-1", b"Caf\xe9 closed", "Café closed"),
    ],
)
def test_wrong_and_unknown_charsets_still_make_a_contact(
    receive, content_type, body, expected
):
    raw = (
        b"From: resident@example.org\r\nSubject: Charset\r\n"
        b"Message-ID: <charset@example.org>\r\n"
        + f"Content-Type: {content_type}\r\n\r\n".encode()
        + body
    )
    message = receive(raw)

    assert message.status == Status.PROCESSED
    assert expected in _only_case().stages.get().summary


def test_malformed_mime_still_makes_a_contact_with_what_can_be_read(receive):
    raw = (
        b"From: resident@example.org\r\nSubject: Broken MIME\r\n"
        b"Message-ID: <mime@example.org>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="XYZ"\r\n\r\n'
        b"--XYZ\r\nContent-Type: text/plain\r\n\r\nThe readable part.\r\n"
        b"--XYZ\r\nContent-Type: application/pdf; name=a.pdf\r\n"
        b"Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment\r\n\r\n"
        b"!!!not base64 at all!!!\r\n"
        # No closing boundary.
    )
    message = receive(raw)

    assert message.status == Status.PROCESSED
    case = _only_case()
    assert "The readable part." in case.stages.get().summary
    assert "a.pdf" in case.notes.get().text


def test_a_message_with_no_from_is_a_contact_with_no_contact_details_and_no_reply(
    receive,
):
    message = receive(make_email(sender=None))

    case = _only_case()
    assert message.status == Status.PROCESSED
    assert (case.contact_name, case.contact_email) == ("", "")
    assert not NotificationEmail.objects.exists()


def test_bytes_that_are_not_an_email_fail_with_a_clear_message_and_are_kept(receive):
    message = receive(b"\r\n\r\n   \r\n")

    assert message.status == Status.FAILED
    assert message.error == "The message is empty."
    assert message.raw.read() == b"\r\n\r\n   \r\n"
    assert not Case.objects.exists()


def test_the_same_message_id_never_makes_two_cases(receive):
    raw = make_email(message_id="<once@example.org>")
    first = receive(raw)
    second = receive(raw)
    # The same message relayed again, with one more Received header on top.
    third = receive(b"Received: from relay.example.net\r\n" + raw)

    assert first.pk == second.pk == third.pk
    assert InboundMessage.objects.count() == 1
    assert Case.objects.count() == 1
    assert NotificationEmail.objects.count() == 1


# --- Failures are kept and retried -------------------------------------------------------


def test_a_missing_triage_directorate_fails_clearly_and_the_retry_logs_it(
    receive, settings
):
    settings.PUTRIGHT_INBOX_DIRECTORATE = ""
    message = receive(make_email())

    assert message.status == Status.FAILED
    assert "set PUTRIGHT_INBOX_DIRECTORATE" in message.error
    assert not Case.objects.exists()

    settings.PUTRIGHT_INBOX_DIRECTORATE = "Corporate"
    [retried] = services.inbound_retry()

    assert retried.status == Status.PROCESSED
    assert retried.error == ""
    assert retried.attempts == 2
    assert retried.case == _only_case()


def test_a_parser_crash_is_kept_failed_and_its_text_is_not_in_the_error(
    receive, monkeypatch
):
    def crash(raw):
        raise ValueError("Priya's private words")

    monkeypatch.setattr(services.parsing, "parse", crash)
    message = receive(make_email())

    assert message.status == Status.FAILED
    assert "ValueError" in message.error
    assert "Priya" not in message.error
    assert not Case.objects.exists()
    monkeypatch.undo()
    assert services.inbound_retry()[0].status == Status.PROCESSED


def test_a_failure_half_way_leaves_no_half_made_case(receive, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("storage full")

    monkeypatch.setattr(services, "_auto_reply", fail)
    message = receive(make_email())

    assert message.status == Status.FAILED
    assert not Case.objects.exists()
    assert not Attachment.objects.exists()


# --- Replies join their case -------------------------------------------------------------


@pytest.fixture
def existing(triage):
    """A case logged earlier for Priya (her address written with capitals)."""
    return case_receive_email(
        directorate=triage,
        procedure=procedure_corporate_default(),
        received=dt.date(2026, 6, 1),
        contact_name="Priya Patel",
        contact_email="Priya@Example.org",
        summary="The first complaint.",
    )


def test_a_reply_from_the_case_address_joins_its_case(receive, existing):
    message = receive(
        make_email(
            subject=f"RE: We have received your email: reference {existing.reference}",
            text="Here is the photo you asked for.",
            attachments=[("photo.pdf", PDF, "application/pdf")],
        )
    )

    assert Case.objects.count() == 1
    assert message.outcome == InboundMessage.Outcome.REPLY
    assert message.case == existing
    note = existing.notes.get()
    assert note.text.startswith("Email from the complainant")
    assert "Here is the photo you asked for." in note.text
    assert note.author is None
    assert {(a.original_name, a.description) for a in existing.attachments.all()} == {
        ("photo.pdf", "Attached to an email"),
        ("original-message.eml", "The complainant's email as it arrived"),
    }
    reply = NotificationEmail.objects.get()
    assert existing.reference in reply.subject
    assert reply.to == "priya@example.org"


def test_a_reference_from_another_address_is_a_new_contact_and_never_touches_the_case(
    receive, existing
):
    message = receive(
        make_email(
            sender="Someone Else <stranger@example.net>",
            subject=f"About {existing.reference}",
            text="I know about this case.",
            attachments=[("stranger.pdf", PDF, "application/pdf")],
        )
    )

    new = Case.objects.exclude(pk=existing.pk).get()
    assert message.outcome == InboundMessage.Outcome.NEW_CONTACT
    assert message.case == new
    assert new.contact_email == "stranger@example.net"
    assert f"mentions {existing.reference}" in new.stages.get().summary
    assert not existing.notes.exists()
    assert not existing.attachments.exists()
    reply = NotificationEmail.objects.get()
    assert reply.to == "stranger@example.net"
    assert new.reference in reply.subject
    assert existing.reference not in reply.subject + reply.body


def test_a_reference_that_does_not_exist_is_a_new_contact(receive, existing):
    receive(make_email(subject="Re: CMP-1999-000999"))

    assert Case.objects.count() == 2
    assert not CaseNote.objects.filter(case=existing).exists()


# --- The auto-reply ----------------------------------------------------------------------


def test_the_auto_reply_gives_the_reference_once(receive):
    raw = make_email()
    receive(raw)
    receive(raw)

    case = _only_case()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["priya@example.org"]
    assert case.reference in sent.subject
    assert case.reference in sent.body
    # Nothing the resident wrote is echoed back.
    assert "three weeks" not in sent.body


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto-Submitted": "auto-replied"},
        {"Auto-Submitted": "auto-generated"},
        {"Precedence": "bulk"},
        {"Precedence": "list"},
        {"Precedence": "junk"},
        {"Return-Path": "<>"},
        {"X-Autoreply": "yes"},
        {"List-Id": "<residents.lists.example.org>"},
    ],
)
def test_no_auto_reply_to_auto_replies_bounces_or_lists(receive, headers):
    message = receive(make_email(headers=headers))

    assert message.status == Status.PROCESSED
    assert Case.objects.count() == 1
    assert not NotificationEmail.objects.exists()
    assert not mail.outbox


def test_auto_submitted_no_is_a_person_and_gets_a_reply(receive):
    receive(make_email(headers={"Auto-Submitted": "no"}))

    assert len(mail.outbox) == 1


def test_no_auto_reply_to_a_bounce_from_the_mailer_daemon(receive):
    receive(make_email(sender="Mail Delivery System <MAILER-DAEMON@relay.example.net>"))

    assert not mail.outbox


def test_mail_from_our_own_address_is_kept_but_never_answered_or_logged(receive):
    message = receive(make_email(sender=f"Complaints <{COUNCIL_ADDRESS.upper()}>"))

    assert message.status == Status.PROCESSED
    assert message.outcome == InboundMessage.Outcome.OWN_ADDRESS
    assert not Case.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize("encoded", [False, True], ids=["7bit", "base64"])
def test_a_forwarded_message_is_kept_whole_as_an_eml_attachment(receive, encoded):
    forwarded = make_email(
        sender="Neighbour <n@example.org>", subject="Original", text="The first words."
    )
    if encoded:  # some programs base64-encode an attached message
        outer = make_email(
            text="See the message below.",
            attachments=[("fwd.eml", forwarded, "message/rfc822")],
        )
    else:
        message = email.message_from_bytes(
            outer_bytes := make_email(text="See the message below."),
            policy=email.policy.default,
        )
        message.add_attachment(
            email.message_from_bytes(forwarded, policy=email.policy.default)
        )
        outer = message.as_bytes()
        assert outer_bytes != outer
    receive(outer)

    case = _only_case()
    kept = case.attachments.get(description="Attached to an email")
    assert kept.content_type == "message/rfc822"
    assert b"The first words." in kept.file.read()
    assert "See the message below." in case.stages.get().summary
    assert "first words" not in case.stages.get().summary


def test_an_mbox_envelope_line_from_the_delivery_agent_is_ignored(receive):
    raw = b"From priya@example.org Mon Nov 30 08:12:00 2026\n" + make_email(
        message_id="<envelope@example.org>"
    )
    message = receive(raw)

    assert message.message_id == "<envelope@example.org>"
    assert _only_case().contact_email == "priya@example.org"


def test_a_message_without_a_message_id_is_recognised_by_its_bytes(receive):
    raw = b"From: resident@example.org\r\nSubject: No id\r\n\r\nHello\r\n"
    receive(raw)
    receive(raw)
    receive(raw.replace(b"Hello", b"Hello again"))

    assert InboundMessage.objects.count() == 2
    assert Case.objects.count() == 2
