"""Reads of personal data are audited: who opened or downloaded which record, and when."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from putright.audit.constants import ReadKind
from putright.audit.models import AuditEvent
from putright.audit.services import READ_WINDOW_SECONDS, audit_read
from putright.complaints import services
from putright.complaints.tests.factories import logged_complaint
from putright.ombudsman.models import OmbudsmanCase
from putright.reporting.models import ReportRun
from putright.reporting.tests.dataset import build_report_dataset

pytestmark = pytest.mark.django_db
NAME = "Zelda Probeperson"
NOW = dt.datetime(2026, 5, 12, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def case(alice, childrens, send_team):
    return logged_complaint(
        by=alice, directorate=childrens, team=send_team, contact_name=NAME
    )


def _reads(kind=None):
    events = AuditEvent.objects.filter(verb__startswith="read.")
    return events.filter(verb=kind) if kind else events


def _assert_no_personal_data(event):
    text = f"{event.target_label} {event.before} {event.after} {event.message}"
    assert NAME not in text
    assert "Probeperson" not in text


def test_opening_a_case_records_who_viewed_which_case(client, alice, case):
    client.force_login(alice)
    assert client.get(case.get_absolute_url()).status_code == 200

    event = _reads().get()
    assert event.verb == ReadKind.CASE_VIEWED
    assert event.actor == alice
    assert event.case == case
    assert (event.target_type, event.target_id) == ("complaints.case", str(case.pk))
    assert event.target_label == case.reference
    _assert_no_personal_data(event)


def test_a_case_page_reopened_within_minutes_is_one_viewing_but_later_is_another(
    client, alice, bob, case
):
    client.force_login(alice)
    with time_machine.travel(NOW, tick=False):
        client.get(case.get_absolute_url())
        client.get(case.get_absolute_url())
    assert _reads(ReadKind.CASE_VIEWED).count() == 1
    with time_machine.travel(NOW + dt.timedelta(seconds=READ_WINDOW_SECONDS + 1)):
        client.get(case.get_absolute_url())
    assert _reads(ReadKind.CASE_VIEWED).count() == 2
    # Another person looking is always a new event.
    client.force_login(bob)
    client.get(case.get_absolute_url())
    assert _reads(ReadKind.CASE_VIEWED).filter(actor=bob).count() == 1


def test_recording_a_case_viewing_costs_one_insert(client, alice, case):
    client.force_login(alice)
    with CaptureQueriesContext(connection) as first:
        client.get(case.get_absolute_url())
    with CaptureQueriesContext(connection) as second:
        client.get(case.get_absolute_url())

    def audit_queries(ctx):
        return [
            q["sql"] for q in ctx.captured_queries if "audit_auditevent" in q["sql"]
        ]

    # The history on the page reads the trail once; the viewing adds one insert.
    inserts = [sql for sql in audit_queries(first) if sql.startswith("INSERT")]
    assert len(inserts) == 1
    assert len(audit_queries(second)) == len(audit_queries(first)) - 1


def test_a_refused_case_page_records_no_read(client, dan, case):
    client.force_login(dan)
    assert client.get(case.get_absolute_url()).status_code == 404
    assert not _reads().exists()


def test_every_attachment_download_is_recorded(client, alice, case):
    attachment = services.attachment_add(
        case=case,
        by=alice,
        upload=SimpleUploadedFile(f"{NAME}.txt", b"Phoned on Tuesday.", "text/plain"),
    )
    client.force_login(alice)
    url = reverse(
        "complaints:attachment_download", args=[case.reference, attachment.pk]
    )
    with time_machine.travel(NOW, tick=False):
        assert client.get(url).status_code == 200
        assert client.get(url).status_code == 200

    events = _reads(ReadKind.ATTACHMENT_DOWNLOADED)
    assert events.count() == 2
    event = events.first()
    assert (event.target_type, event.target_id) == (
        "complaints.attachment",
        str(attachment.pk),
    )
    assert event.case == case
    _assert_no_personal_data(event)


def test_letters_viewed_and_downloaded_are_recorded(client, alice, case):
    client.force_login(alice)
    url = reverse("complaints:letter", args=[case.reference, 1, "response"])
    assert client.get(url).status_code == 200
    assert client.get(url, {"download": "1"}).status_code == 200

    viewed = _reads(ReadKind.LETTER_VIEWED).get()
    downloaded = _reads(ReadKind.LETTER_DOWNLOADED).get()
    for event in (viewed, downloaded):
        assert event.actor == alice
        assert event.case == case
        assert event.target_type == "complaints.stage"
        assert event.after == {"letter": "response"}
        _assert_no_personal_data(event)


def test_a_case_list_export_records_its_filters_and_rows_but_not_the_search(
    client, alice, case
):
    client.force_login(alice)
    searched = client.post(
        reverse("complaints:case_list"), {"q": "Probeperson", "state": "all"}
    )
    query = searched["Location"].split("?", 1)[1]
    response = client.get(f"{reverse('complaints:case_export')}?{query}")
    assert NAME in b"".join(response.streaming_content).decode("utf-8-sig")

    event = _reads(ReadKind.CASE_LIST_EXPORTED).get()
    assert event.actor == alice
    assert event.after["rows"] == 1
    assert event.after["state"] == "all"
    assert event.after["searched"] is True
    _assert_no_personal_data(event)


@pytest.mark.parametrize(
    ("audience", "reads"),
    [("internal", [ReadKind.REPORT_RUN, ReadKind.REPORT_DOWNLOADED]), ("public", [])],
)
def test_running_and_downloading_the_internal_report_is_recorded(
    client, alice, audience, reads, django_capture_on_commit_callbacks, settings
):
    build_report_dataset()
    settings.REPORTING_BACKGROUND_THREAD = False
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("reporting:run_start"),
            {"year": "2022/2023", "format": "html", "audience": audience},
        )
    run = ReportRun.objects.get()
    assert run.status == ReportRun.Status.DONE
    assert (
        client.get(reverse("reporting:run_download", args=[run.pk])).status_code == 200
    )

    events = list(_reads().order_by("pk"))
    assert [event.verb for event in events] == reads
    for event in events:
        assert event.actor == alice
        assert event.target_id == str(run.pk)
        assert event.after["audience"] == "internal"


def test_opening_an_ombudsman_case_is_recorded(client, alice, case):
    item = OmbudsmanCase.objects.create(
        reference="24 000 123",
        ombudsman="lgsco",
        case=case,
        received=dt.date(2026, 1, 5),
    )
    client.force_login(alice)
    assert client.get(reverse("ombudsman:detail", args=[item.pk])).status_code == 200

    event = _reads(ReadKind.OMBUDSMAN_CASE_VIEWED).get()
    assert event.case == case
    assert event.target_id == str(item.pk)


def test_viewing_equality_data_is_recorded_every_time(alice, case):
    with time_machine.travel(NOW, tick=False):
        first = audit_read(
            user=alice, kind=ReadKind.EQUALITY_VIEWED, target=case, case=case
        )
        second = audit_read(
            user=alice, kind=ReadKind.EQUALITY_VIEWED, target=case, case=case
        )
    assert first is not None
    assert second is not None
    assert _reads(ReadKind.EQUALITY_VIEWED).count() == 2


def test_the_case_history_does_not_list_who_opened_the_case(client, alice, case):
    client.force_login(alice)
    client.get(case.get_absolute_url())
    page = client.get(case.get_absolute_url()).content.decode()
    assert _reads(ReadKind.CASE_VIEWED).exists()
    history = page[page.index('id="timeline"') :]
    assert "Contact logged" in history
    assert "read.case_viewed" not in history
    assert "Case page opened" not in history
