"""The file outbox: every email of the demo lands in var/outbox/ as one .eml file."""

import email
import email.policy
import os
import threading

import pytest
from django.core.mail import EmailMessage, send_mail

from putright.core.tasks import enqueue
from putright.notifications.models import NotificationEmail
from putright.notifications.outbox import OutboxBackend, outbox_messages
from putright.notifications.tasks import send_notification_email

BACKEND = "putright.notifications.outbox.OutboxBackend"


@pytest.fixture
def outbox(settings, tmp_path):
    settings.EMAIL_BACKEND = BACKEND
    settings.PUTRIGHT_OUTBOX_DIR = tmp_path / "outbox"
    return tmp_path / "outbox"


def test_send_mail_writes_one_eml_file_a_mail_program_can_read(outbox):
    sent = send_mail(
        "Your complaint CMP-2026-000001",
        "Dear Ms Patel,\n\nWe have your complaint.\n",
        "complaints@council.example",
        ["priya@example.org"],
    )
    assert sent == 1
    files = list(outbox.iterdir())
    assert len(files) == 1
    assert files[0].suffix == ".eml"
    parsed = email.message_from_bytes(
        files[0].read_bytes(), policy=email.policy.default
    )
    assert parsed["To"] == "priya@example.org"
    assert parsed["Subject"] == "Your complaint CMP-2026-000001"
    assert "We have your complaint." in parsed.get_content()


def test_attachments_arrive_byte_for_byte(outbox):
    pdf = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
    message = EmailMessage(
        "Acknowledgement", "See the letter attached.", to=["priya@example.org"]
    )
    message.attach("acknowledgement.pdf", pdf, "application/pdf")
    message.send()
    [(_path, parsed)] = outbox_messages(outbox)
    [attachment] = list(parsed.iter_attachments())
    assert attachment.get_filename() == "acknowledgement.pdf"
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == pdf


def test_files_sort_in_the_order_sent_and_never_collide(outbox):
    for number in range(30):
        send_mail(f"Message {number}", "Body", None, ["a@example.org"])
    names = sorted(path.name for path in outbox.glob("*.eml"))
    assert len(names) == 30
    subjects = [parsed["Subject"] for _path, parsed in outbox_messages(outbox)]
    assert subjects == [f"Message {number}" for number in range(30)]


def test_concurrent_senders_leave_only_complete_files(outbox):
    body = "x" * 200_000

    def send(number):
        send_mail(f"Parallel {number}", body, None, ["a@example.org"])

    threads = [threading.Thread(target=send, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(os.listdir(outbox)) == sorted(p.name for p in outbox.glob("*.eml"))
    messages = outbox_messages(outbox)
    assert len(messages) == 12
    assert all(parsed.get_content().strip() == body for _p, parsed in messages)


def test_a_message_without_recipients_writes_nothing(outbox):
    assert OutboxBackend().send_messages([EmailMessage("Nobody", "Body", to=[])]) == 0
    assert not outbox.exists() or not list(outbox.iterdir())


def test_a_folder_that_cannot_be_written_is_an_error_unless_silenced(tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("in the way")
    message = EmailMessage("Hello", "Body", to=["a@example.org"])
    with pytest.raises(OSError):
        OutboxBackend(folder=blocked).send_messages([message])
    assert (
        OutboxBackend(folder=blocked, fail_silently=True).send_messages([message]) == 0
    )


@pytest.mark.django_db
def test_a_notification_email_sent_by_the_worker_lands_in_the_outbox(
    outbox, task_queue, bob, django_capture_on_commit_callbacks
):
    queued = NotificationEmail.objects.create(
        key="due_soon:test",
        kind="due_soon",
        recipient=bob,
        to=bob.email,
        subject="Responses due soon (1)",
        body="Hello Bob,\n\n- CMP-2026-000001 stage 1: respond by 9 March 2026\n",
    )
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(send_notification_email, run_id=queued.pk)
    assert outbox_messages(outbox) == []  # queued, not sent yet
    task_queue.work()
    queued.refresh_from_db()
    assert queued.status == NotificationEmail.Status.DONE
    [(_path, parsed)] = outbox_messages(outbox)
    assert parsed["To"] == bob.email
    assert parsed["Subject"] == "Responses due soon (1)"
    assert "respond by 9 March 2026" in parsed.get_content()
    task_queue.work()  # nothing left to do: the email is not written twice
    assert len(outbox_messages(outbox)) == 1
