"""The complaints dashboard in a real Chromium: charts drawn under the CSP, accessible, usable.

Set PUTRIGHT_SCREENSHOTS=/some/dir to keep desktop and mobile screenshots of the page.
"""

import os
from pathlib import Path

import pytest

from putright.statistics.tests.dataset import build_dataset
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def data(transactional_db):
    from putright.complaints.services import procedure_ensure_builtins

    # Transactional tests flush the migrations' data, so restore the procedures.
    procedure_ensure_builtins()
    return build_dataset()


def _screenshot(page, name):
    folder = os.environ.get("PUTRIGHT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _watch_console(page):
    """Script errors, CSP refusals and failed loads (except the browser's favicon probe)."""
    problems = []

    def on_console(message):
        if message.type == "error" and "Failed to load resource" not in message.text:
            problems.append(message.text)

    def on_response(response):
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            problems.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("response", on_response)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def test_dashboard_draws_charts_and_has_no_serious_violations(
    page, sign_in, data, alice
):
    problems = _watch_console(page)
    sign_in(alice)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/dashboard/?year=2022%2F2023")
    page.wait_for_selector("#stage-1 .pr-chart svg")
    assert page.get_by_role("heading", name="Complaints dashboard").is_visible()
    assert page.locator('[data-figure="stage-1-received"]').inner_text() == "6"
    label = page.locator("#stage-1 .pr-chart svg").get_attribute("aria-label")
    assert "Q1 2, Q2 1, Q3 2, Q4 1" in label
    assert problems == []
    assert axe_violations(page) == []
    _screenshot(page, "dashboard-desktop")


def test_choosing_a_service_and_quarter_updates_the_url(page, sign_in, data, alice):
    sign_in(alice)
    page.goto("/dashboard/?year=2022%2F2023")
    page.get_by_label("Select a service").select_option("Children's")
    page.get_by_label("Select a quarter").select_option("Q3")
    page.get_by_role("button", name="Show figures").click()
    page.wait_for_load_state("networkidle")
    assert "directorate=Children%27s" in page.url
    assert "quarter=Q3" in page.url
    assert page.locator('[data-figure="stage-1-received"]').inner_text() == "1"
    heading = page.get_by_role("heading", name="2022/2023, Q3, Children's", exact=True)
    assert heading.is_visible()


def test_dashboard_on_a_phone_is_accessible(page, sign_in, data, alice):
    sign_in(alice)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/dashboard/?year=2022%2F2023")
    page.wait_for_selector("#stage-1 .pr-chart svg")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    assert axe_violations(page) == []
    _screenshot(page, "dashboard-mobile")


def test_bad_service_in_the_url_shows_an_error_summary(page, sign_in, data, alice):
    sign_in(alice)
    page.goto("/dashboard/?year=2022%2F2023&directorate=Highways")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Service 'Highways' is not recognised" in summary.inner_text()
    assert axe_violations(page) == []
