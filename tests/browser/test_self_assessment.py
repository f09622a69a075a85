"""The self-assessment and restriction pages in a real browser: a journey, and axe on each."""

import datetime as dt
import os

import pytest

from putright.complaints.constants import Outcome
from putright.complaints.tests.factories import StageFactory
from putright.selfassessment import services
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("PUTRIGHT_SCREENSHOTS")


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=False)


def test_answer_a_provision_and_record_a_restriction(
    page, sign_in, alice, carol, send_team
):
    stage = StageFactory(
        directorate=send_team.directorate,
        received=dt.date(2024, 6, 3),
        acknowledged=dt.date(2024, 6, 6),
        responded=dt.date(2024, 6, 24),
        outcome=Outcome.UPHELD,
    )
    services.assessment_start(first_year=2024, by=alice)
    sign_in(alice)
    page.goto("/self-assessment/2024/")
    assert "Stage 1 acknowledged within 5 working days: 1 of 1" in page.content()
    _shot(page, "self-assessment")
    assert axe_violations(page) == []
    page.goto("/self-assessment/2024/6.2/")
    page.get_by_label("No, it does not comply").check()
    page.get_by_role("button", name="Save the answer").click()
    assert "Say what the council will do to comply" in page.content()
    _shot(page, "answer-error")
    assert axe_violations(page) == []
    page.get_by_label("Action to comply").fill("Weekly tracker")
    page.get_by_label("Day").fill("30")
    page.get_by_label("Month").fill("9")
    page.get_by_label("Year", exact=True).fill("2025")
    page.get_by_role("button", name="Save the answer").click()
    assert "Weekly tracker (by 30 September 2025)" in page.content()

    page.goto(f"/cases/{stage.case.reference}/restrictions/new/")
    assert axe_violations(page) == []
    page.get_by_label("Excessive contact").check()
    page.get_by_label("What is restricted").fill("Written contact only")
    page.locator("#id_starts_on_day").fill("1")
    page.locator("#id_starts_on_month").fill("7")
    page.locator("#id_starts_on_year").fill("2024")
    page.locator("#id_review_on_day").fill("1")
    page.locator("#id_review_on_month").fill("1")
    page.locator("#id_review_on_year").fill("2025")
    page.get_by_label("Approved by").select_option(str(carol.pk))
    _shot(page, "restriction-form")
    page.get_by_role("button", name="Save").click()
    assert "Written contact only" in page.content()
    page.locator("text=Restrictions on contact").first.scroll_into_view_if_needed()
    _shot(page, "case-restriction")
    page.goto("/cases/restrictions/")
    assert "1 review due." in page.content()
    _shot(page, "restriction-list")
    assert axe_violations(page) == []
