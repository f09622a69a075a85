"""Subject access in a real browser: record a request, choose the cases, download the zip."""

import datetime as dt
import io
import zipfile

import pytest

from putright.complaints.services import procedure_ensure_builtins
from putright.complaints.tests.factories import logged_complaint
from putright.privacy.models import LegalHold
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def procedures(db):
    procedure_ensure_builtins()


def _no_serious_axe(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]


def test_officer_answers_a_subject_access_request(page, sign_in, alice, childrens):
    theirs = logged_complaint(
        by=alice,
        directorate=childrens,
        contact_name="Zelda Probeperson",
        contact_email="zelda@example.org",
        received=dt.date(2026, 10, 1),
    )
    namesake = logged_complaint(
        by=alice,
        directorate=childrens,
        contact_name="Zelda Probeperson",
        contact_email="another@example.org",
        received=dt.date(2026, 10, 2),
    )
    sign_in(alice)
    page.get_by_role("link", name="Subject access").click()
    _no_serious_axe(page)

    page.get_by_role("button", name="Find the person's cases").click()
    assert page.locator(".govuk-error-summary").is_visible()
    _no_serious_axe(page)

    page.get_by_label("Email address").fill("zelda@example.org")
    page.get_by_label("Full name (optional)").fill("Zelda Probeperson")
    group = page.get_by_role("group", name="Date the request was received")
    group.get_by_label("Day").fill("20")
    group.get_by_label("Month").fill("11")
    group.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Find the person's cases").click()
    page.wait_for_load_state("networkidle")
    assert "zelda" not in page.url

    assert page.get_by_label(theirs.reference, exact=False).is_checked()
    assert not page.get_by_label(namesake.reference, exact=False).is_checked()
    _no_serious_axe(page)
    assert LegalHold.objects.filter(case=theirs, released_at__isnull=True).exists()

    with page.expect_download() as info:
        page.get_by_role("link", name="Download the subject access file (zip)").click()
    archive = zipfile.ZipFile(io.BytesIO(info.value.path().read_bytes()))
    index = archive.read("index.html").decode()
    assert theirs.reference in index
    assert namesake.reference not in index

    page.get_by_role(
        "button", name="Complete the request and release its holds"
    ).click()
    page.wait_for_load_state("networkidle")
    assert not LegalHold.objects.filter(released_at__isnull=True).exists()
