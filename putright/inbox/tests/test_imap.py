"""`putright read_mailbox` against a real IMAP server (Dovecot, started by the test session)."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from putright.complaints.models import Case
from putright.inbox import imap, services
from putright.inbox.management.commands.read_mailbox import Command as ReadMailbox
from putright.inbox.models import InboundMessage
from putright.inbox.tests.conftest import make_email

Status = InboundMessage.Status


def _append(dovecot, *messages: bytes, folder: str = "INBOX") -> None:
    connection = dovecot.connect()
    for raw in messages:
        status, detail = connection.append(folder, None, None, raw)
        assert status == "OK", detail
    connection.logout()


def _flags(dovecot, folder: str = "INBOX") -> list[bytes]:
    """The flags of each message left in the folder, in order."""
    connection = dovecot.connect()
    connection.select(folder, readonly=True)
    _status, found = connection.search(None, "ALL")
    flags = []
    for number in found[0].split():
        _status, data = connection.fetch(number, "(FLAGS)")
        flags.append(data[0])
    connection.logout()
    return flags


@pytest.fixture
def read(django_capture_on_commit_callbacks):
    """Run `putright read_mailbox`: (output, error or None); what commits runs."""

    def run() -> tuple[str, CommandError | None]:
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            try:
                call_command("read_mailbox", stdout=out)
            except CommandError as error:
                return out.getvalue(), error
        return out.getvalue(), None

    return run


def test_new_mail_becomes_contacts_and_is_flagged_seen_once_processed(mailbox, read):
    _append(
        mailbox,
        make_email(subject="First"),
        make_email(sender="Tom <tom@example.org>", subject="Second"),
    )

    output, error = read()

    assert error is None
    assert "Read 2 emails: 2 processed" in output
    assert sorted(Case.objects.values_list("contact_email", flat=True)) == [
        "priya@example.org",
        "tom@example.org",
    ]
    assert all(b"\\Seen" in flags for flags in _flags(mailbox))
    assert len(mail.outbox) == 2
    assert {m.source for m in InboundMessage.objects.all()} == {"imap"}

    output, error = read()

    assert error is None
    assert "Read 0 emails" in output
    assert Case.objects.count() == 2
    assert len(mail.outbox) == 2


def test_with_a_processed_folder_processed_mail_moves_there(mailbox, read, settings):
    settings.PUTRIGHT_INBOX_IMAP_PROCESSED_FOLDER = "Processed"
    _append(mailbox, make_email())

    _output, error = read()

    assert error is None
    assert Case.objects.count() == 1
    assert _flags(mailbox) == []
    assert len(_flags(mailbox, "Processed")) == 1


def test_starttls_reads_the_mailbox_too(mailbox, read, settings):
    settings.PUTRIGHT_INBOX_IMAP_SECURITY = "starttls"
    settings.PUTRIGHT_INBOX_IMAP_PORT = mailbox.starttls_port
    _append(mailbox, make_email())

    _output, error = read()

    assert error is None
    assert Case.objects.count() == 1


def test_a_failed_message_stays_unread_and_is_processed_on_the_next_run(
    mailbox, read, settings
):
    settings.PUTRIGHT_INBOX_DIRECTORATE = ""
    _append(mailbox, make_email())

    _output, error = read()

    assert error is not None
    assert "1 email(s) could not be read; they are kept" in str(error)
    message = InboundMessage.objects.get()
    assert message.status == Status.FAILED
    assert "PUTRIGHT_INBOX_DIRECTORATE" in message.error
    assert b"\\Seen" not in _flags(mailbox)[0]
    assert not Case.objects.exists()

    settings.PUTRIGHT_INBOX_DIRECTORATE = "Corporate"
    _output, error = read()

    assert error is None
    assert InboundMessage.objects.get().status == Status.PROCESSED
    assert Case.objects.count() == 1
    assert b"\\Seen" in _flags(mailbox)[0]


def test_a_message_processed_before_the_connection_dropped_is_only_marked(
    mailbox, read, triage
):
    raw = make_email(message_id="<dropped@example.org>")
    services.inbound_receive(raw, source=InboundMessage.Source.IMAP)
    _append(mailbox, raw)

    output, error = read()

    assert error is None
    assert "1 processed before" in output
    assert Case.objects.count() == 1
    assert b"\\Seen" in _flags(mailbox)[0]


def test_hostile_mail_through_the_server_is_kept(mailbox, read):
    big = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024)
    exe = b"MZ\x90\x00" + b"\x00" * 100
    _append(
        mailbox,
        make_email(
            attachments=[
                ("scan.pdf", big, "application/pdf"),
                ("form.docx", exe, "application/octet-stream"),
            ]
        ),
        b"Subject: nobody sent this\r\nMessage-ID: <nofrom@example.org>\r\n\r\nHello\r\n",
    )

    _output, error = read()

    assert error is None
    assert InboundMessage.objects.filter(status=Status.PROCESSED).count() == 2
    with_files = Case.objects.get(contact_email="priya@example.org")
    note = with_files.notes.get().text
    assert "“scan.pdf”: The selected file must be smaller than 10 MB." in note
    assert "“form.docx”: The selected file is not a real Word document" in note
    assert Case.objects.filter(contact_email="").count() == 1
    assert len(mail.outbox) == 1


def test_a_wrong_password_fails_with_one_clear_line(mailbox, read, settings):
    settings.PUTRIGHT_INBOX_IMAP_PASSWORD = "wrong"  # noqa: S105

    _output, error = read()

    assert str(error) == (
        f"The mailbox at {mailbox.host}:{mailbox.ssl_port} refused the user name or "
        "password for 'council'."
    )


def test_an_untrusted_certificate_is_refused(mailbox, read, settings):
    settings.PUTRIGHT_INBOX_IMAP_CA_FILE = ""

    _output, error = read()

    assert str(error).startswith(
        f"Could not connect to the mailbox at {mailbox.host}:{mailbox.ssl_port}:"
    )
    assert "CERTIFICATE_VERIFY_FAILED" in str(error)


def test_no_connection_exits_non_zero_with_one_line_and_no_traceback(
    mailbox, settings, capsys, monkeypatch
):
    settings.PUTRIGHT_INBOX_IMAP_PORT = 1  # nothing listens there
    # run_from_argv closes the database connections the test still needs.
    monkeypatch.setattr(
        "django.core.management.base.connections.close_all", lambda: None
    )

    with pytest.raises(SystemExit) as exit_status:
        ReadMailbox().run_from_argv(["putright", "read_mailbox"])

    assert exit_status.value.code == 1
    error = capsys.readouterr().err
    assert error.startswith(
        f"CommandError: Could not connect to the mailbox at {mailbox.host}:1:"
    )
    assert "Traceback" not in error
    assert error.count("\n") == 1


def test_read_mailbox_without_a_mailbox_retries_kept_mail(read, triage, settings):
    settings.PUTRIGHT_INBOX_IMAP_HOST = ""
    settings.PUTRIGHT_INBOX_DIRECTORATE = ""
    services.inbound_receive(make_email(), source=InboundMessage.Source.FORWARDED)
    settings.PUTRIGHT_INBOX_DIRECTORATE = "Corporate"

    output, error = read()

    assert error is None
    assert "No mailbox is set up" in output
    assert "Tried 1 kept email(s) again." in output
    assert Case.objects.count() == 1


def test_a_server_without_move_gets_copy_then_delete(
    mailbox, read, settings, monkeypatch
):
    settings.PUTRIGHT_INBOX_IMAP_PROCESSED_FOLDER = "Processed"
    monkeypatch.setattr(imap, "_capabilities", lambda connection: {"IMAP4REV1"})
    _append(mailbox, make_email(), make_email())

    _output, error = read()

    assert error is None
    assert _flags(mailbox) == []
    assert len(_flags(mailbox, "Processed")) == 2
    assert Case.objects.count() == 2
