"""The sent-emails page: who may see it, what it lists, reading one, sending one again."""

import pytest
from django.core import mail
from django.core.files.base import ContentFile

from putright.accounts.models import User
from putright.accounts.tests.factories import UserFactory
from putright.audit.models import AuditEvent
from putright.notifications.models import NotificationEmail

Status = NotificationEmail.Status
HAS_ATTACHMENTS = hasattr(NotificationEmail, "attachment")


def _email(
    number, *, recipient=None, to="", status=Status.DONE, kind="due_soon", **extra
):
    return NotificationEmail.objects.create(
        key=f"test:{number}",
        kind=kind,
        recipient=recipient,
        to=to or (recipient.email if recipient else f"resident{number}@example.org"),
        subject=f"Subject {number}",
        body=extra.pop("body", f"Body {number}"),
        status=status,
        **extra,
    )


@pytest.fixture
def admin(db):
    return UserFactory(username="admin2", role=User.Role.ADMINISTRATOR)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (User.Role.COMPLAINTS_TEAM, True),
        (User.Role.ADMINISTRATOR, True),
        (User.Role.MANAGER, False),
        (User.Role.SERVICE_OFFICER, False),
        (User.Role.REPORTING_VIEWER, False),
    ],
)
def test_only_the_complaints_team_and_administrators_see_the_page(
    client, db, role, allowed
):
    user = UserFactory(role=role)
    email = _email(1, recipient=user)
    client.force_login(user)
    assert client.get("/emails/").status_code == (200 if allowed else 403)
    assert client.get(f"/emails/{email.pk}/").status_code == (200 if allowed else 403)
    nav = client.get("/dashboard/").content.decode()
    assert ('href="/emails/"' in nav) is allowed


def test_signed_out_goes_to_sign_in(client, db):
    response = client.get("/emails/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_newest_first_with_status_kind_and_attempts(client, alice, bob):
    _email(1, recipient=bob, status=Status.DONE)
    _email(
        2,
        recipient=bob,
        status=Status.FAILED,
        attempts=5,
        error="The email could not be sent after 5 attempts.",
        kind="overdue",
    )
    _email(3, status=Status.QUEUED)
    client.force_login(alice)
    page = client.get("/emails/").content.decode()
    assert page.index("Subject 3") < page.index("Subject 2") < page.index("Subject 1")
    assert "resident3@example.org" in page
    assert "Overdue escalation" in page
    assert "5 attempts" in page
    for label in ("Queued", "Failed", "Sent"):
        assert f">{label}</strong>" in page


def test_filters_by_status_and_kind(client, alice, bob):
    _email(1, recipient=bob, status=Status.DONE, kind="due_soon")
    _email(2, recipient=bob, status=Status.FAILED, kind="due_soon")
    _email(3, recipient=bob, status=Status.FAILED, kind="overdue")
    client.force_login(alice)
    page = client.get("/emails/?status=failed&kind=due_soon").content.decode()
    assert "Subject 2" in page
    assert "Subject 1" not in page
    assert "Subject 3" not in page
    assert "1 email<" in page


def test_an_unknown_filter_is_a_clear_error_and_lists_nothing(client, alice, bob):
    _email(1, recipient=bob)
    client.force_login(alice)
    response = client.get("/emails/?status=lost")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Select a status from the list." in page
    assert "Subject 1" not in page


def test_pages_of_fifty(client, alice, bob):
    for number in range(55):
        _email(number, recipient=bob)
    client.force_login(alice)
    first = client.get("/emails/").content.decode()
    assert 'aria-label="Page 2"' in first
    assert 'aria-label="Page 3"' not in first
    assert "Subject 54" in first
    assert "Subject 4<" not in first
    second = client.get("/emails/?page=2").content.decode()
    assert "Subject 4<" in second
    assert "Subject 54" not in second


def test_the_text_is_shown_escaped_and_opening_it_is_recorded(client, alice):
    email = _email(1, body="Dear Ms Patel,\n<script>alert(1)</script>\n12 Hill Road\n")
    client.force_login(alice)
    page = client.get(f"/emails/{email.pk}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert "12 Hill Road" in page
    event = AuditEvent.objects.get(verb="read.email_viewed")
    assert event.actor == alice
    assert event.target_id == str(email.pk)
    # The audit trail names the email by number, never its address or words.
    stored = f"{event.target_label} {event.before} {event.after} {event.message}"
    assert "resident1@example.org" not in stored
    assert "Patel" not in stored
    assert "Subject 1" not in stored


def test_an_administrator_sees_how_a_residents_email_went_but_not_its_text(
    client, admin, bob
):
    to_resident = _email(1, body="Dear Ms Patel, about 12 Hill Road")
    to_staff = _email(2, recipient=bob, body="- CMP-2026-000001 respond by 9 March")
    client.force_login(admin)
    listing = client.get("/emails/").content.decode()
    assert "resident1@example.org" not in listing
    assert "A member of the public" in listing
    assert bob.email in listing
    page = client.get(f"/emails/{to_resident.pk}/").content.decode()
    assert "Hill Road" not in page
    assert "resident1@example.org" not in page
    assert "only the complaints team can read" in page
    assert not AuditEvent.objects.filter(verb="read.email_viewed").exists()
    page = client.get(f"/emails/{to_staff.pk}/").content.decode()
    assert "respond by 9 March" in page


def test_a_failed_email_is_sent_again_from_its_page_and_audited(
    client, alice, bob, django_capture_on_commit_callbacks
):
    email = _email(
        1, recipient=bob, status=Status.FAILED, attempts=5, error="Mail server down."
    )
    client.force_login(alice)
    page = client.get(f"/emails/{email.pk}/").content.decode()
    assert "Mail server down." in page
    assert "Send again" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/emails/{email.pk}/send-again/", follow=True)
    email.refresh_from_db()
    assert email.status == Status.DONE  # tasks run at once in the tests
    assert email.error == ""
    assert [m.subject for m in mail.outbox] == ["Subject 1"]
    assert response.status_code == 200
    event = AuditEvent.objects.get(verb="notification.email_send_again")
    assert event.actor == alice
    assert event.before == {"status": "failed"}
    assert event.after == {"status": "queued"}


def test_a_sent_email_cannot_be_sent_twice(client, alice, bob):
    email = _email(1, recipient=bob, status=Status.DONE)
    client.force_login(alice)
    page = client.get(f"/emails/{email.pk}/").content.decode()
    assert "Send again" not in page
    response = client.post(f"/emails/{email.pk}/send-again/", follow=True)
    assert "Only an email that could not be sent can be sent again" in (
        response.content.decode()
    )
    assert "This one is sent." in response.content.decode()
    assert mail.outbox == []
    assert not AuditEvent.objects.filter(verb="notification.email_send_again").exists()


def test_send_again_needs_post(client, alice, bob):
    email = _email(1, recipient=bob, status=Status.FAILED)
    client.force_login(alice)
    assert client.get(f"/emails/{email.pk}/send-again/").status_code == 405
    email.refresh_from_db()
    assert email.status == Status.FAILED


def test_send_again_through_the_worker_gets_a_fresh_round_of_attempts(
    client, alice, bob, settings, task_queue, django_capture_on_commit_callbacks
):
    settings.PUTRIGHT_NOTIFICATION_BACKEND = (
        "putright.notifications.tests.test_sent_emails.Broken"
    )
    email = _email(1, recipient=bob, status=Status.FAILED, attempts=5)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/emails/{email.pk}/send-again/", follow=True)
    assert "queued: the background worker will send it" in response.content.decode()
    task_queue.work()
    email.refresh_from_db()
    # The first of five new attempts failed; the worker tries again later.
    assert email.attempts == 1
    assert email.status == Status.QUEUED


class Broken:
    def send(self, **kwargs):
        raise OSError("connection refused")


@pytest.mark.skipif(
    not HAS_ATTACHMENTS,
    reason="NotificationEmail.attachment comes with the letters branch",
)
def test_an_attachment_downloads_intact_and_is_recorded(client, alice):
    email = _email(1)
    pdf = b"%PDF-1.7 letter bytes"
    email.attachment.save("letters/acknowledgement.pdf", ContentFile(pdf))
    email.attachment_name = "CMP-2026-000001-acknowledgement.pdf"
    email.save()
    client.force_login(alice)
    page = client.get(f"/emails/{email.pk}/").content.decode()
    assert "CMP-2026-000001-acknowledgement.pdf" in page
    response = client.get(f"/emails/{email.pk}/attachments/1/")
    assert b"".join(response.streaming_content) == pdf
    assert "CMP-2026-000001-acknowledgement.pdf" in response["Content-Disposition"]
    assert (
        AuditEvent.objects.filter(verb="read.email_attachment_downloaded").count() == 1
    )


def test_no_attachment_is_a_not_found(client, alice):
    email = _email(1)
    client.force_login(alice)
    assert client.get(f"/emails/{email.pk}/attachments/1/").status_code == 404
    assert client.get("/emails/999999/").status_code == 404
