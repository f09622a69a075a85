"""The complaints dashboard in a real Chromium: charts drawn under the CSP, accessible, usable.

Set PUTRIGHT_SCREENSHOTS=/some/dir to keep desktop and mobile screenshots of the page.
"""

import datetime as dt
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


@pytest.mark.parametrize("width", [390, 1280])
def test_a_chosen_quarter_draws_the_year_and_passes_axe(
    page, sign_in, data, alice, width
):
    problems = _watch_console(page)
    sign_in(alice)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/dashboard/?year=2022%2F2023&quarter=Q2")
    page.wait_for_selector("#stage-1 .pr-chart svg")
    label = page.locator("#stage-1 .pr-chart svg").get_attribute("aria-label")
    # The other quarters are the year's own figures, not zeros.
    assert "Q2 chosen: Q1 2, Q2 (chosen) 1, Q3 2, Q4 1" in label
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The chart's axis labels stay at least 12 px high on a phone.
    sizes = page.eval_on_selector_all(
        "#stage-1 .pr-chart svg text",
        "els => els.map(e => e.getBoundingClientRect().height).filter(h => h > 0)",
    )
    assert sizes
    assert min(sizes) >= 12
    assert problems == []
    assert axe_violations(page) == []
    _screenshot(page, f"dashboard-quarter-{width}")


@pytest.mark.parametrize("width", [390, 1280])
def test_the_public_dashboard_passes_axe(page, data, width):
    from putright.complaints.tests.factories import CaseFactory, StageFactory
    from putright.organisation.models import Council

    council = Council.load()
    council.publish_figures = True
    council.save()
    # Enough records in every quarter for the chart to be published.
    for month in (5, 8, 11, 2):
        for day in range(1, 7):
            StageFactory(
                case=CaseFactory(),
                directorate=data.adults,
                received=dt.date(2022 if month > 3 else 2023, month, day),
            )
    problems = _watch_console(page)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/figures/?year=2022%2F2023")
    assert page.get_by_role(
        "heading", name="Complaints figures", exact=True
    ).is_visible()
    page.wait_for_selector("#stage-1 .pr-chart svg")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert problems == []
    assert axe_violations(page) == []
    _screenshot(page, f"public-figures-{width}")
    page.goto("/figures/open-data/")
    assert axe_violations(page) == []
    _screenshot(page, f"public-open-data-{width}")
