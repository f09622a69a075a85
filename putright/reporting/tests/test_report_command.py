"""`putright report` and the services behind it: files, bad input, failures, commentary."""

import io
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from putright.audit.models import AuditEvent
from putright.reporting.generation import report_run_claim, report_run_execute
from putright.reporting.models import Commentary, ReportRun
from putright.reporting.parameters import ReportError, report_parameters
from putright.reporting.services import commentary_save
from putright.reporting.tests.dataset import build_report_dataset

pytestmark = pytest.mark.django_db


def test_command_writes_the_workbook(tmp_path):
    build_report_dataset()
    output = tmp_path / "report.xlsx"
    out = io.StringIO()

    call_command(
        "report",
        "--year",
        "2022/23",
        "--format",
        "xlsx",
        "--output",
        str(output),
        "--audience",
        "internal",
        stdout=out,
        stderr=io.StringIO(),
    )

    assert f"Wrote {output}" in out.getvalue()
    workbook = load_workbook(output)
    assert workbook.sheetnames[0] == "Contents"
    assert len(workbook.sheetnames) >= 3


def test_command_for_one_directorate_names_the_file_scope(tmp_path):
    build_report_dataset()
    output = tmp_path / "corporate.html"

    call_command(
        "report",
        "--year",
        "2022/2023",
        "--directorate",
        "corporate",  # case-insensitive, as the dashboard accepts it
        "--format",
        "html",
        "--output",
        str(output),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )

    html = output.read_text()
    assert '<p class="cover__scope">Corporate</p>' in html
    assert "Public version: small numbers suppressed" in html


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--year", "2022"], "Year '2022' is not recognised"),
        (["--year", "2022/2025"], "the second year must follow the first"),
        (
            ["--year", "2022/23", "--directorate", "Highways"],
            "Service 'Highways' is not recognised",
        ),
    ],
)
def test_command_rejects_bad_input_without_writing(tmp_path, arguments, message):
    build_report_dataset()
    output = tmp_path / "report.pdf"

    with pytest.raises(CommandError, match=message):
        call_command(
            "report", *arguments, "--output", str(output), stdout=io.StringIO()
        )

    assert not output.exists()


def test_command_rejects_a_missing_folder(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command(
            "report",
            "--year",
            "2022/23",
            "--output",
            str(tmp_path / "nowhere" / "report.pdf"),
            stdout=io.StringIO(),
        )


def test_report_parameters_reject_unknown_format_and_audience():
    with pytest.raises(ReportError, match="Format 'odt' is not recognised"):
        report_parameters(year="2022/23", fmt="odt")
    with pytest.raises(ReportError, match="Audience 'press' is not recognised"):
        report_parameters(year="2022/23", audience="press")


def test_a_failed_run_records_a_plain_message(alice):
    run = ReportRun.objects.create(user=alice, year="2022/2023", format="pdf")

    with mock.patch(
        "putright.reporting.generation.report_generate",
        side_effect=RuntimeError("database on fire at /srv/secret"),
    ):
        result = report_run_execute(run_id=run.pk)

    assert result.status == ReportRun.Status.FAILED
    assert "could not be generated" in result.error
    assert "secret" not in result.error
    assert not result.output


def test_a_finished_run_is_not_generated_twice(alice):
    run = ReportRun.objects.create(
        user=alice, year="2022/2023", format="pdf", status=ReportRun.Status.DONE
    )
    with mock.patch("putright.reporting.generation.report_generate") as generate:
        report_run_execute(run_id=run.pk)
    generate.assert_not_called()


def test_commentary_save_updates_removes_and_audits(alice):
    commentary_save(
        section="summary", year="2022/23", directorate=None, text="One.", by=alice
    )
    commentary_save(
        section="summary",
        year="2022-2023",
        directorate=None,
        text="Two.\r\n\r\n\r\nThree.",
        by=alice,
    )

    saved = Commentary.objects.get()
    assert saved.text == "Two.\n\nThree."
    commentary_save(
        section="summary", year="2022/23", directorate=None, text="  ", by=alice
    )
    assert Commentary.objects.count() == 0
    verbs = list(AuditEvent.objects.order_by("pk").values_list("verb", flat=True))
    assert verbs == ["commentary_saved", "commentary_saved", "commentary_removed"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"section": "gossip", "year": "2022/23"}, "Section 'gossip' is not part"),
        ({"section": "summary", "year": "next year"}, "is not recognised"),
    ],
)
def test_commentary_save_rejects_bad_input(alice, fields, message):
    with pytest.raises(ReportError, match=message):
        commentary_save(directorate=None, text="Text.", by=alice, **fields)
    assert Commentary.objects.count() == 0


def test_two_claims_of_one_queued_run_give_one_winner(alice):
    run = ReportRun.objects.create(user=alice, year="2022/2023", format="pdf")

    first = report_run_claim(run_id=run.pk)
    second = report_run_claim(run_id=run.pk)

    assert (first, second) == (True, False)
    run.refresh_from_db()
    assert run.status == ReportRun.Status.RUNNING
    assert run.started_at is not None


def test_a_run_another_worker_claimed_is_not_generated_again(alice):
    run = ReportRun.objects.create(user=alice, year="2022/2023", format="pdf")
    assert report_run_claim(run_id=run.pk)

    with mock.patch("putright.reporting.generation.report_generate") as generate:
        result = report_run_execute(run_id=run.pk)

    generate.assert_not_called()
    assert result.status == ReportRun.Status.RUNNING


def test_command_as_a_reporting_viewer_refuses_the_internal_report(tmp_path, erin):
    build_report_dataset()
    output = tmp_path / "internal.html"

    with pytest.raises(CommandError, match="for the complaints team only"):
        call_command(
            "report",
            "--year",
            "2022/23",
            "--format",
            "html",
            "--output",
            str(output),
            "--audience",
            "internal",
            "--as",
            "erin",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert not output.exists()


def test_command_as_an_unknown_user_is_refused(tmp_path):
    build_report_dataset()
    with pytest.raises(CommandError, match="no active user called 'nobody'"):
        call_command(
            "report",
            "--year",
            "2022/23",
            "--output",
            str(tmp_path / "r.pdf"),
            "--as",
            "nobody",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
