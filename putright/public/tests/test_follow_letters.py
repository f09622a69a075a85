"""The follow page lists the letters the complainant was sent, and gives them the PDF; no
one else's letters, no staff notices, nothing not yet sent."""

import datetime as dt
import re

import pytest

from putright.audit.models import AuditEvent
from putright.complaints import follow, services
from putright.complaints.models import Case
from putright.complaints.tests.factories import logged_complaint
from putright.correspondence.models import Letter

pytestmark = pytest.mark.django_db


def _complaint(alice, childrens, send_team, email):
    return logged_complaint(
        by=alice,
        directorate=childrens,
        team=send_team,
        contact_name="Pat Example",
        contact_email=email,
    )


def _acknowledge(case, by, capture):
    with capture(execute=True):
        services.stage_acknowledge(
            stage=case.stages.get(),
            by=by,
            version=Case.objects.get(pk=case.pk).version,
            acknowledged=dt.date.today(),
            understanding="You told us the review of the plan was late.",
        )
    return Letter.objects.get(kind="acknowledgement", case=case)


def test_sent_letter_is_listed_and_downloads_as_the_pdf_sent(
    client, alice, childrens, send_team, django_capture_on_commit_callbacks
):
    case = _complaint(alice, childrens, send_team, "pat@example.org")
    letter = _acknowledge(case, alice, django_capture_on_commit_callbacks)
    assert letter.status == Letter.Status.SENT
    page = client.get(follow.follow_path(case)).content.decode()
    assert "Acknowledgement letter" in page
    assert "None yet" not in page
    # The page signs its own link; its timestamp may be a second later than one made here.
    found = re.search(rf'href="(/feedback/follow/[^"/]+/letters/{letter.pk}/)"', page)
    assert found is not None
    link = found.group(1)
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF")
    assert body == letter.pdf.open("rb").read()
    assert AuditEvent.objects.filter(
        verb="read.letter_downloaded", case_id=case.pk
    ).exists()


def test_staff_notices_and_other_peoples_letters_are_not_theirs(
    client, alice, bob, childrens, send_team, django_capture_on_commit_callbacks
):
    mine = _complaint(alice, childrens, send_team, "pat@example.org")
    theirs = _complaint(alice, childrens, send_team, "sam@example.org")
    _acknowledge(mine, alice, django_capture_on_commit_callbacks)
    other = _acknowledge(theirs, alice, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.stage_allocate(
            stage=mine.stages.get(),
            by=alice,
            version=Case.objects.get(pk=mine.pk).version,
            handler=bob,
            team=send_team,
        )
    assert Letter.objects.filter(case=mine, audience="staff").exists()
    page = client.get(follow.follow_path(mine)).content.decode()
    assert page.count("/letters/") == 1  # the acknowledgement only
    assert "Allocation" not in page
    forged = follow.follow_path(mine) + f"letters/{other.pk}/"
    assert client.get(forged).status_code == 404


def test_letter_not_yet_sent_is_not_listed(
    client, alice, childrens, send_team, django_capture_on_commit_callbacks
):
    case = _complaint(alice, childrens, send_team, "pat@example.org")
    letter = _acknowledge(case, alice, django_capture_on_commit_callbacks)
    Letter.objects.filter(pk=letter.pk).update(status=Letter.Status.QUEUED)
    page = client.get(follow.follow_path(case)).content.decode()
    assert "None yet" in page
    link = follow.follow_path(case) + f"letters/{letter.pk}/"
    assert client.get(link).status_code == 404
