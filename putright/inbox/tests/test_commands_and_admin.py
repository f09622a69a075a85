"""`putright receive_email` (an MTA's pipe) and the administrators' list of inbound emails."""

from __future__ import annotations

import io
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError
from django.urls import reverse

from putright.accounts.models import User
from putright.accounts.tests.factories import UserFactory
from putright.complaints.models import Case
from putright.inbox.checks import inbox_settings
from putright.inbox.management.commands import receive_email
from putright.inbox.models import InboundMessage
from putright.inbox.tests.conftest import make_email


@pytest.fixture
def pipe(monkeypatch, triage, django_capture_on_commit_callbacks):
    """Run `putright receive_email` with these bytes on standard input."""

    def run(raw: bytes) -> str:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("receive_email", stdout=out, stderr=out)
        return out.getvalue()

    return run


def test_receive_email_logs_the_message_from_standard_input(pipe):
    output = pipe(make_email())

    case = Case.objects.get()
    assert (
        output
        == f"Email {InboundMessage.objects.get().pk} new contact ({case.reference}).\n"
    )
    assert InboundMessage.objects.get().source == InboundMessage.Source.FORWARDED


def test_receive_email_with_nothing_on_standard_input_is_refused(pipe):
    with pytest.raises(CommandError) as error:
        pipe(b"")

    assert error.value.returncode == receive_email.EX_DATAERR
    assert not InboundMessage.objects.exists()


def test_receive_email_asks_the_mail_server_to_try_later_when_it_cannot_keep_it(
    pipe, monkeypatch
):
    def database_down(raw, *, source):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(receive_email, "inbound_store", database_down)

    with pytest.raises(CommandError) as error:
        pipe(make_email())

    assert error.value.returncode == receive_email.EX_TEMPFAIL
    assert "will deliver it again later" in str(error.value)


def test_receive_email_exits_zero_once_kept_even_if_reading_failed(pipe, settings):
    settings.PUTRIGHT_INBOX_DIRECTORATE = "No such directorate"

    output = pipe(make_email())  # no CommandError: the MTA must not bounce it

    message = InboundMessage.objects.get()
    assert message.status == InboundMessage.Status.FAILED
    assert "is kept but could not be read" in output


@pytest.fixture
def administrator(db):
    return UserFactory(
        username="admin", role=User.Role.ADMINISTRATOR, is_staff=True, is_superuser=True
    )


def test_administrators_list_inbound_emails_without_their_content(
    client, administrator, pipe
):
    pipe(
        make_email(
            sender="Priya Patel <priya@example.org>",
            subject="Secret subject",
            text="Secret body",
        )
    )
    message = InboundMessage.objects.get()
    client.force_login(administrator)

    listing = client.get(reverse("admin:inbox_inboundmessage_changelist"))
    detail = client.get(reverse("admin:inbox_inboundmessage_change", args=[message.pk]))

    assert listing.status_code == detail.status_code == 200
    assert Case.objects.get().reference in listing.content.decode()
    for page in (listing, detail):
        text = page.content.decode()
        for private in ("Secret subject", "Secret body", "Priya", "priya@example.org"):
            assert private not in text
    assert client.get(reverse("admin:inbox_inboundmessage_add")).status_code == 403


def test_the_system_check_warns_when_new_contacts_have_nowhere_to_go(settings):
    settings.PUTRIGHT_INBOX_IMAP_HOST = "imap.council.example"
    settings.PUTRIGHT_INBOX_DIRECTORATE = ""
    settings.PUTRIGHT_INBOX_IMAP_SECURITY = "none"

    assert sorted(problem.id for problem in inbox_settings()) == [
        "putright.inbox.E001",
        "putright.inbox.W001",
    ]
    settings.PUTRIGHT_INBOX_DIRECTORATE = "Corporate"
    settings.PUTRIGHT_INBOX_IMAP_SECURITY = "starttls"
    assert inbox_settings() == []
