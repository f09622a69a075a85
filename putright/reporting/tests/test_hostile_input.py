"""The report page and command with what a probe sent: years with no dates, huge ids."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from putright.reporting.models import ReportRun
from putright.reporting.tests.dataset import build_report_dataset

HUGE = str(2**63)


@pytest.mark.parametrize("year", ["0001/02", "0000/01", "9999/00"])
def test_command_refuses_years_with_no_dates(tmp_path, db, year):
    build_report_dataset()
    output = tmp_path / "report.pdf"
    with pytest.raises(CommandError, match="Year"):
        call_command(
            "report", "--year", year, "--output", str(output), stdout=io.StringIO()
        )
    assert not output.exists()


@pytest.mark.parametrize(
    "form",
    [
        {"year": "0001/02", "format": "pdf", "audience": "public"},
        {"year": "9999/00", "format": "pdf", "audience": "public"},
        {
            "year": "2022/2023",
            "format": "pdf",
            "audience": "public",
            "directorate": HUGE,
        },
        {
            "year": "2022/2023",
            "format": "pdf",
            "audience": "public",
            "directorate": "-1",
        },
    ],
)
def test_report_page_refuses_hostile_input_with_400(client, alice, db, form):
    build_report_dataset()
    client.force_login(alice)
    response = client.post(reverse("reporting:run_start"), form)
    assert response.status_code == 400
    assert ReportRun.objects.count() == 0


@pytest.mark.parametrize("suffix", ["", "status", "download"])
def test_run_ids_too_large_for_the_database_are_404(client, alice, db, suffix):
    client.force_login(alice)
    assert client.get(f"/reports/runs/{HUGE}/{suffix}").status_code == 404


@pytest.mark.parametrize("year", ["0001/02", "9999/00", "\x00"])
def test_commentary_page_ignores_years_with_no_reports(client, alice, db, year):
    client.force_login(alice)
    response = client.get(reverse("reporting:commentary"), {"year": year})
    assert response.status_code == 200
