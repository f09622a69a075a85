"""Roles without cases see what waits for them on their home page, as counts with links."""

import pytest

from putright.inbox.models import InboundMessage
from putright.notifications.models import NotificationEmail
from putright.selfassessment.models import SelfAssessment

pytestmark = pytest.mark.django_db


def _failed_email(number):
    return NotificationEmail.objects.create(
        key=f"failed-{number}",
        kind="overdue",
        to="officer@example.gov.uk",
        subject="Overdue",
        body="A stage is overdue.",
        status=NotificationEmail.Status.FAILED,
    )


def _count(page, label):
    """The number shown before a count's label on the home page."""
    before = page.split(label)[0]
    return int(before.rsplit('<span class="pr-count__number">', 1)[1].split("<")[0])


def test_administrator_sees_failed_emails_and_unread_email_in(client, admin_user):
    for number in range(3):
        _failed_email(number)
    InboundMessage.objects.create(
        key="<a@example.org>", source="imap", status=InboundMessage.Status.FAILED
    )
    client.force_login(admin_user)
    page = client.get("/").content.decode()
    assert "Waiting for you" in page
    assert _count(page, "emails that could not be sent") == 3
    assert _count(page, "emails to the council that could not be read") == 1
    assert 'href="/emails/?status=failed"' in page
    # Nothing of a case: the counts only.
    assert "Overdue" not in page.split("Waiting for you")[1].split("</main>")[0]


def test_reporting_viewer_sees_the_self_assessment_to_sign_off(client, erin):
    SelfAssessment.objects.create(first_year=2025)
    SelfAssessment.objects.create(
        first_year=2024, signed_off_by="Cabinet", signed_off_on="2025-07-01"
    )
    client.force_login(erin)
    page = client.get("/").content.decode()
    assert (
        _count(page, "Complaint Handling Code self-assessments not yet signed off") == 1
    )
    assert "emails that could not be sent" not in page  # not theirs to see
    assert 'href="/self-assessment/"' in page


def test_caseworkers_keep_their_case_counts(client, alice):
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert "awaiting acknowledgement" in page
    assert "Waiting for you" not in page
