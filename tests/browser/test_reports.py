"""The Reports page in a real Chromium: accessible, progress polled under the CSP, download."""

import pytest

from putright.reporting.models import ReportRun
from putright.reporting.tests.dataset import build_report_dataset
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def data(transactional_db):
    from putright.complaints.services import procedure_ensure_builtins

    # Transactional tests flush the migrations' data, so restore the procedures.
    procedure_ensure_builtins()
    return build_report_dataset()


@pytest.mark.parametrize("width", [1280, 390])
def test_generate_a_report_and_download_it(page, sign_in, alice, data, settings, width):
    page.set_viewport_size({"width": width, "height": 900})
    errors = []
    page.on(
        "console",
        # Script errors and CSP refusals; not the browser's favicon probe.
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and "Failed to load resource" not in m.text
            else None
        ),
    )
    sign_in(alice)

    page.goto("/reports/")
    assert page.get_by_role("heading", name="Complaints reports").is_visible()
    assert axe_violations(page) == []
    page.get_by_label("Year").select_option("2022/2023")
    page.get_by_label("Web page (HTML)").check()
    page.get_by_role("button", name="Generate report").click()

    assert page.get_by_role("heading", name="Your report is ready").is_visible()
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download").click()
    assert download.value.suggested_filename == (
        "annual-complaints-report-2022-2023-public.html"
    )
    assert ReportRun.objects.get().status == ReportRun.Status.DONE
    assert errors == []


def test_generate_a_quarterly_report(page, sign_in, alice, data):
    sign_in(alice)

    page.goto("/reports/")
    page.get_by_label("Year").select_option("2022/2023")
    page.get_by_label("Period").select_option(label="Quarter 2 (Q2)")
    page.get_by_label("Web page (HTML)").check()
    page.get_by_role("button", name="Generate report").click()

    assert page.get_by_role("heading", name="Your report is ready").is_visible()
    assert page.get_by_role("heading", name="2022/2023 Q2").is_visible()
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download").click()
    assert download.value.suggested_filename == (
        "quarterly-complaints-report-2022-2023-q2-public.html"
    )
    assert ReportRun.objects.get().period == "Q2"


def test_progress_is_polled_until_the_run_finishes(page, sign_in, alice, data):
    run = ReportRun.objects.create(
        user=alice,
        year="2022/2023",
        format="pdf",
        status=ReportRun.Status.RUNNING,
        progress=40,
        progress_message="Writing the Children's section",
    )
    sign_in(alice)

    page.goto(f"/reports/runs/{run.pk}/")
    assert page.get_by_text(
        "40% complete: Writing the Children's section."
    ).is_visible()
    assert axe_violations(page) == []
    ReportRun.objects.filter(pk=run.pk).update(
        progress=80, progress_message="Remedies done"
    )
    page.get_by_text("80% complete: Remedies done.").wait_for()
    ReportRun.objects.filter(pk=run.pk).update(
        status=ReportRun.Status.FAILED, error="The report could not be generated."
    )
    page.get_by_role("heading", name="The report could not be generated").wait_for()


def test_commentary_page_is_accessible(page, sign_in, alice, data):
    sign_in(alice)
    page.goto("/reports/commentary/?year=2022/2023")
    page.get_by_label("Learning and service improvements").fill(
        "Members asked for more."
    )
    page.get_by_role("button", name="Save commentary").click()

    assert page.get_by_text("Commentary for 2022/2023 saved.").is_visible()
    assert page.get_by_label("Learning and service improvements").input_value() == (
        "Members asked for more."
    )
    assert axe_violations(page) == []
