"""The Reports page: who may use it, generating and downloading, commentary."""

from unittest import mock

import pytest
from django.urls import reverse

from putright.audit.models import AuditEvent
from putright.reporting.models import Commentary, ReportRun
from putright.reporting.tests.dataset import build_report_dataset

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"


@pytest.fixture
def data():
    return build_report_dataset()


def test_anonymous_users_are_sent_to_sign_in(client):
    response = client.get(reverse("reporting:index"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("persona", ["bob", "dan"])
def test_service_officers_cannot_use_reports(client, persona, request, data):
    user = request.getfixturevalue(persona)
    client.force_login(user)

    assert client.get(reverse("reporting:index")).status_code == 403
    response = client.post(
        reverse("reporting:run_start"),
        {"year": "2022/2023", "format": "html", "audience": "public"},
    )
    assert response.status_code == 403
    assert ReportRun.objects.count() == 0


@pytest.mark.parametrize("persona", ["alice", "carol", "erin", "admin_user"])
def test_report_roles_see_the_page(client, persona, request, data):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("reporting:index"))
    assert response.status_code == 200
    assert "Generate report" in response.content.decode()


def test_generate_and_download_a_report(
    client, erin, data, django_capture_on_commit_callbacks, settings
):
    client.force_login(erin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:run_start"),
            {"year": "2022/2023", "format": "html", "audience": "public"},
        )

    run = ReportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:run_detail", args=[run.pk])
    # The immediate task backend has already run it.
    assert run.status == ReportRun.Status.DONE
    assert run.progress == 100
    assert run.user == erin
    assert AuditEvent.objects.filter(verb="report_requested", actor=erin).count() == 1
    detail = client.get(response["Location"]).content.decode()
    assert "Your report is ready" in detail
    status = client.get(reverse("reporting:run_status", args=[run.pk])).json()
    assert status["status"] == "done"
    assert status["download_url"] == reverse("reporting:run_download", args=[run.pk])
    download = client.get(status["download_url"])
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Cache-Control"] == "no-store"
    assert (
        "annual-complaints-report-2022-2023-public.html"
        in download["Content-Disposition"]
    )
    body = b"".join(download.streaming_content).decode()
    assert "Testford City Council" in body
    assert "Total number of enquiries" in body


@pytest.mark.parametrize(
    ("form", "message"),
    [
        (
            {"year": "2030/2031", "format": "pdf", "audience": "public"},
            "Select a year from the list.",
        ),
        (
            {"year": "", "format": "pdf", "audience": "public"},
            "Select the year the report is for.",
        ),
        (
            {"year": "2022/2023", "format": "odt", "audience": "public"},
            "Select a format from the list.",
        ),
        (
            {"year": "2022/2023", "format": "pdf", "audience": "press"},
            "Select who the report is for from the list.",
        ),
        (
            {
                "year": "2022/2023",
                "format": "pdf",
                "audience": "public",
                "directorate": "999999",
            },
            "Select a directorate from the list.",
        ),
    ],
)
def test_bad_input_is_explained_and_changes_nothing(client, alice, data, form, message):
    client.force_login(alice)

    response = client.post(reverse("reporting:run_start"), form)

    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert ReportRun.objects.count() == 0


def test_a_run_is_private_to_the_user_who_asked(client, alice, erin, data):
    client.force_login(alice)
    client.post(
        reverse("reporting:run_start"),
        {"year": "2022/2023", "format": "xlsx", "audience": "internal"},
    )
    run = ReportRun.objects.get()
    client.force_login(erin)

    assert client.get(reverse("reporting:run_detail", args=[run.pk])).status_code == 404
    assert (
        client.get(reverse("reporting:run_download", args=[run.pk])).status_code == 404
    )


def test_download_of_an_unfinished_run_is_not_found(client, alice, data):
    run = ReportRun.objects.create(user=alice, year="2022/2023", format="pdf")
    client.force_login(alice)

    assert (
        client.get(reverse("reporting:run_download", args=[run.pk])).status_code == 404
    )
    page = client.get(reverse("reporting:run_detail", args=[run.pk])).content.decode()
    assert "Refresh this page" in page
    assert "reporting/run_progress.js" in page


def test_commentary_is_saved_and_reappears(client, alice, data):
    client.force_login(alice)
    url = reverse("reporting:commentary") + "?year=2022/2023"

    response = client.post(url, {"summary": "A good year.", "learning": ""})

    assert response.status_code == 302
    saved = Commentary.objects.get()
    assert (saved.section, saved.year, saved.text) == (
        "summary",
        "2022/2023",
        "A good year.",
    )
    assert saved.updated_by == alice
    assert "A good year." in client.get(url).content.decode()


def test_commentary_too_long_is_refused(client, alice, data):
    client.force_login(alice)
    url = reverse("reporting:commentary") + "?year=2022/2023"

    response = client.post(url, {"summary": "x" * 10_001})

    assert response.status_code == 400
    assert "commentary must be 10,000 characters or fewer" in response.content.decode()
    assert Commentary.objects.count() == 0


def test_reporting_viewers_read_but_cannot_write_commentary(client, erin, data):
    client.force_login(erin)
    url = reverse("reporting:commentary") + "?year=2022/2023"

    assert client.get(url).status_code == 200
    assert client.post(url, {"summary": "Mine."}).status_code == 403
    assert Commentary.objects.count() == 0


def test_the_run_is_queued_for_the_worker_and_the_page_answers_before_generating(
    client, alice, data, django_capture_on_commit_callbacks, task_queue
):
    client.force_login(alice)

    with (
        mock.patch("threading.Thread") as thread,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            reverse("reporting:run_start"),
            {"year": "2022/2023", "format": "pdf", "audience": "public"},
        )

    run = ReportRun.objects.get()
    assert response.status_code == 302
    assert run.status == ReportRun.Status.QUEUED  # the page answers before generating
    thread.assert_not_called()  # nothing runs inside the web process
    queued = task_queue.tasks().get()
    assert queued.task_path == "putright.reporting.tasks.generate_report_run"
    assert queued.args_kwargs == {"args": [], "kwargs": {"run_id": run.pk}}

    task_queue.work()

    run.refresh_from_db()
    assert run.status == ReportRun.Status.DONE
    assert run.output.name
    assert (
        client.get(reverse("reporting:run_status", args=[run.pk])).json()["status"]
        == "done"
    )


def test_a_run_is_generated_once_even_if_queued_twice(alice, data, task_queue):
    from putright.reporting.generation import report_run_execute

    run = ReportRun.objects.create(user=alice, year="2022/2023", format="html")
    first = report_run_execute(run_id=run.pk)
    assert first.status == ReportRun.Status.DONE
    name = first.output.name
    with mock.patch("putright.reporting.generation.report_generate") as generate:
        again = report_run_execute(run_id=run.pk)
    generate.assert_not_called()
    assert again.output.name == name


@pytest.mark.parametrize("persona", ["erin", "admin_user"])
def test_roles_without_case_access_cannot_have_the_internal_report(
    client, persona, request, data
):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(
        reverse("reporting:run_start"),
        {"year": "2022/2023", "format": "html", "audience": "internal"},
    )

    assert response.status_code == 400
    assert "The internal version is for the complaints team only" in (
        response.content.decode()
    )
    assert ReportRun.objects.count() == 0


def test_a_manager_has_the_internal_report_only_for_their_own_directorate(
    client, carol, data
):
    from putright.organisation.models import Directorate

    client.force_login(carol)
    other = Directorate.objects.exclude(pk=carol.directorate_id).first()
    for directorate in ("", str(other.pk)):
        response = client.post(
            reverse("reporting:run_start"),
            {
                "year": "2022/2023",
                "format": "html",
                "audience": "internal",
                "directorate": directorate,
            },
        )
        assert response.status_code == 400
        assert "only for your own directorate" in response.content.decode()
    assert ReportRun.objects.count() == 0

    response = client.post(
        reverse("reporting:run_start"),
        {
            "year": "2022/2023",
            "format": "html",
            "audience": "internal",
            "directorate": str(carol.directorate_id),
        },
    )
    assert response.status_code == 302
    assert ReportRun.objects.get().directorate_id == carol.directorate_id


def test_roles_without_the_internal_report_are_offered_only_the_public_version(
    client, erin, alice, data
):
    client.force_login(erin)
    page = client.get(reverse("reporting:index")).content.decode()
    assert 'value="public"' in page
    assert 'value="internal"' not in page
    client.force_login(alice)
    assert 'value="internal"' in client.get(reverse("reporting:index")).content.decode()
