"""Email or post, failures retried, and the staff pages that download and post letters."""

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction

from putright.audit.models import AuditEvent
from putright.complaints import services
from putright.complaints.constants import ContactPreference
from putright.complaints.models import Case
from putright.complaints.tests.factories import logged_complaint
from putright.correspondence.models import Letter
from putright.notifications.backends import NotifyBackend
from putright.notifications.models import NotificationEmail
from putright.notifications.services import notification_emails_requeue

ATTEMPTS = []


class FailingBackend:
    def send(self, **kwargs):
        ATTEMPTS.append(kwargs["to"])
        raise ConnectionError("relay down")


def _acknowledge(case, by, capture):
    stage = case.stages.get()
    with capture(execute=True):
        services.stage_acknowledge(
            stage=stage,
            by=by,
            version=Case.objects.get(pk=case.pk).version,
            acknowledged=dt.date.today(),
            understanding="You told us the bins were missed three weeks running.",
        )
    return Letter.objects.get(kind="acknowledgement", case=case)


@pytest.fixture
def postal_case(alice, childrens, send_team):
    case = logged_complaint(
        by=alice,
        directorate=childrens,
        team=send_team,
        contact_name="Pat Example",
        contact_email="pat@example.org",
        contact_address="1 High Street\nTownsville AB1 2CD",
    )
    Case.objects.filter(pk=case.pk).update(contact_preference=ContactPreference.POST)
    return Case.objects.get(pk=case.pk)


def test_a_complainant_who_chose_post_gets_a_letter_to_print_not_an_email(
    client, alice, postal_case, django_capture_on_commit_callbacks
):
    letter = _acknowledge(postal_case, alice, django_capture_on_commit_callbacks)
    assert letter.channel == Letter.Channel.POST
    assert letter.status == Letter.Status.TO_POST
    assert mail.outbox == []
    assert (
        AuditEvent.objects.filter(verb="letter.prepared", case=postal_case).count() == 1
    )

    client.force_login(alice)
    page = client.get(f"/letters/{postal_case.reference}/")
    assert "Record as posted" in page.content.decode()
    pdf = client.get(f"/letters/{postal_case.reference}/{letter.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    word = client.get(f"/letters/{postal_case.reference}/{letter.pk}/docx/")
    assert (
        f"{postal_case.reference}-stage-1-acknowledgement.docx"
        in word["Content-Disposition"]
    )

    client.post(f"/letters/{postal_case.reference}/{letter.pk}/posted")
    letter.refresh_from_db()
    assert letter.status == Letter.Status.POSTED
    assert letter.sent_by == alice
    assert letter.sent_at is not None
    again = client.post(
        f"/letters/{postal_case.reference}/{letter.pk}/posted", follow=True
    )
    assert "already been recorded as posted" in again.content.decode()
    sent = AuditEvent.objects.filter(verb="letter.sent", case=postal_case)
    assert sent.count() == 1
    timeline = client.get(postal_case.get_absolute_url()).content.decode()
    assert "Letter sent: Acknowledgement, stage 1 (post)" in timeline


def test_staff_outside_the_case_cannot_see_or_post_its_letters(
    client, alice, dan, postal_case, django_capture_on_commit_callbacks
):
    letter = _acknowledge(postal_case, alice, django_capture_on_commit_callbacks)
    client.force_login(dan)
    assert client.get(f"/letters/{postal_case.reference}/").status_code == 404
    assert (
        client.get(f"/letters/{postal_case.reference}/{letter.pk}/pdf/").status_code
        == 404
    )
    assert (
        client.post(f"/letters/{postal_case.reference}/{letter.pk}/posted").status_code
        == 404
    )
    letter.refresh_from_db()
    assert letter.status == Letter.Status.TO_POST


def test_a_failed_email_is_kept_retried_and_sent_once_the_relay_is_back(
    client, alice, childrens, send_team, settings, django_capture_on_commit_callbacks
):
    ATTEMPTS.clear()
    settings.PUTRIGHT_NOTIFICATION_BACKEND = f"{__name__}.FailingBackend"
    case = logged_complaint(
        by=alice,
        directorate=childrens,
        team=send_team,
        contact_name="Pat Example",
        contact_email="pat@example.org",
    )
    letter = _acknowledge(case, alice, django_capture_on_commit_callbacks)
    email = NotificationEmail.objects.get(pk=letter.email_id)
    assert email.status == NotificationEmail.Status.FAILED
    assert len(ATTEMPTS) == 5  # the worker's retries, then failed with a message
    letter.refresh_from_db()
    assert letter.status == Letter.Status.QUEUED
    assert letter.sent_at is None
    assert letter.text
    assert letter.pdf

    settings.PUTRIGHT_NOTIFICATION_BACKEND = (
        "putright.notifications.backends.EmailBackend"
    )
    assert (
        notification_emails_requeue() == 1
    )  # what send-reminders does on its next run
    assert len(mail.outbox) == 1
    assert (
        mail.outbox[0].attachments[0][0]
        == f"{case.reference}-stage-1-acknowledgement.pdf"
    )
    letter.refresh_from_db()
    assert letter.status == Letter.Status.SENT
    assert notification_emails_requeue() == 0
    assert len(mail.outbox) == 1
    assert AuditEvent.objects.filter(verb="letter.sent", case=case).count() == 1


def test_a_rolled_back_change_sends_nothing(
    alice, childrens, send_team, django_capture_on_commit_callbacks
):
    case = logged_complaint(
        by=alice, directorate=childrens, team=send_team, contact_email="pat@example.org"
    )
    stage = case.stages.get()

    def acknowledge_then_fail():
        with transaction.atomic():
            services.stage_acknowledge(
                stage=stage,
                by=alice,
                version=case.version,
                acknowledged=dt.date.today(),
                understanding="You told us the bins were missed.",
            )
            assert AuditEvent.objects.filter(verb="stage.acknowledged").exists()
            raise RuntimeError("a later step of the same request failed")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError, match="a later step"):
            acknowledge_then_fail()
    assert callbacks == []
    assert not Letter.objects.exists()
    assert mail.outbox == []


def test_notify_sends_a_letter_as_a_secure_download_link(settings, monkeypatch):
    settings.NOTIFY_API_KEY = "key"
    settings.NOTIFY_EMAIL_TEMPLATE_ID = "generic"
    settings.NOTIFY_LETTER_TEMPLATE_ID = "letter"
    sent = {}

    class Client:
        def __init__(self, key):
            pass

        def send_email_notification(self, **kwargs):
            sent.update(kwargs)

    import sys
    import types

    client_module = types.ModuleType("notifications_python_client.notifications")
    client_module.NotificationsAPIClient = Client
    package = types.ModuleType("notifications_python_client")
    package.prepare_upload = lambda handle, **options: {
        "file": handle.read(),
        **options,
    }
    monkeypatch.setitem(sys.modules, "notifications_python_client", package)
    monkeypatch.setitem(
        sys.modules, "notifications_python_client.notifications", client_module
    )
    from putright.notifications.backends import Attachment

    NotifyBackend().send(
        to="pat@example.org",
        subject="Your complaint",
        body="Dear Pat",
        attachments=[Attachment("CMP-1.pdf", b"%PDF-1.7", "application/pdf")],
    )
    assert sent["template_id"] == "letter"
    link = sent["personalisation"]["link_to_file"]
    assert link["file"] == b"%PDF-1.7"
    assert link["confirm_email_before_download"]


def test_retention_blanks_a_letter_and_removes_its_files(
    alice, postal_case, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    from putright.correspondence.services import letters_anonymise

    letter = _acknowledge(postal_case, alice, django_capture_on_commit_callbacks)
    files = [letter.pdf.name, letter.docx.name]
    assert all(default_storage.exists(name) for name in files)
    with django_capture_on_commit_callbacks(execute=True):
        assert letters_anonymise([postal_case.pk]) == 2
    letter.refresh_from_db()
    assert (letter.text, letter.recipient, letter.pdf.name) == ("", "", "")
    assert letter.kind == "acknowledgement"  # what went, and when, is kept
    assert letter.sent_at is None
    assert not any(default_storage.exists(name) for name in files)
