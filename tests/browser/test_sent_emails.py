"""In a real browser: the complaints team finds a failed email on the sent-emails page,
reads it and sends it again; the page and the branded public header pass axe at phone and
desktop widths."""

import os

import pytest
from django.core.files.base import ContentFile

from putright.demo.services import DEMO_LOGO
from putright.notifications.models import NotificationEmail
from putright.organisation.models import Council
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = (390, 1280)
SHOTS = os.environ.get("PUTRIGHT_SCREENSHOTS")


def _check(page, name, width):
    page.set_viewport_size({"width": width, "height": 900})
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"], name, width) for v in violations]


def test_a_failed_email_is_found_read_and_sent_again(page, sign_in, alice, bob):
    for number in range(3):
        NotificationEmail.objects.create(
            key=f"sent:{number}",
            kind="due_soon",
            recipient=bob,
            to=bob.email,
            subject=f"Responses due soon ({number + 1})",
            body="Hello Bob,\n\n- CMP-2026-000001 stage 1: respond by 9 March 2026\n",
            status=NotificationEmail.Status.DONE,
            attempts=1,
        )
    failed = NotificationEmail.objects.create(
        key="failed:1",
        kind="overdue",
        recipient=bob,
        to=bob.email,
        subject="Overdue cases in your service (2)",
        body="Hello Bob,\n\n- CMP-2026-000002 stage 1: was due 2 March 2026\n",
        status=NotificationEmail.Status.FAILED,
        attempts=5,
        error="The email could not be sent after 5 attempts.",
    )
    sign_in(alice)
    page.get_by_role("link", name="Sent emails").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Sent emails"
    for width in WIDTHS:
        _check(page, "sent-list", width)
    page.get_by_label("Status").select_option("failed")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_load_state("networkidle")
    table = page.locator("table").inner_text()
    assert "Overdue cases in your service (2)" in table
    assert "Responses due soon" not in table
    assert "5 attempts" in table
    page.get_by_role("link", name="Overdue cases in your service (2)").click()
    page.wait_for_load_state("networkidle")
    assert "was due 2 March 2026" in page.locator("pre").inner_text()
    assert "could not be sent after 5 attempts" in page.content()
    for width in WIDTHS:
        _check(page, "sent-detail", width)
    page.get_by_role("button", name="Send again").click()
    page.wait_for_load_state("networkidle")
    failed.refresh_from_db()
    assert failed.status == NotificationEmail.Status.DONE
    assert page.get_by_role("button", name="Send again").count() == 0


def test_the_public_header_carries_the_logo_and_passes_axe(page):
    council = Council.load()
    council.name = "Demo Borough Council"
    council.brand_colour = "#005a70"
    council.logo = ContentFile(DEMO_LOGO.read_bytes(), name="logo.svg")
    council.save()
    page.goto("/feedback/")
    logo = page.get_by_role("img", name="Demo Borough Council")
    assert logo.is_visible()
    assert logo.evaluate("image => image.naturalWidth") > 0
    for width in WIDTHS:
        _check(page, "public-header", width)
