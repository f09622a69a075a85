"""Letters in a real browser: the case page leads to its letters, posted ones are recorded."""

import datetime as dt

import pytest

from putright.complaints import services
from putright.complaints.constants import ContactPreference
from putright.complaints.models import Case
from putright.complaints.services import procedure_ensure_builtins
from putright.complaints.tests.factories import logged_complaint
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def procedures(db):
    procedure_ensure_builtins()


def test_a_letter_for_post_is_downloaded_and_recorded_as_posted(
    page, sign_in, alice, childrens, send_team, tmp_path
):
    case = logged_complaint(
        by=alice,
        directorate=childrens,
        team=send_team,
        contact_name="Pat Example",
        contact_address="1 High Street\nTownsville AB1 2CD",
    )
    Case.objects.filter(pk=case.pk).update(contact_preference=ContactPreference.POST)
    services.stage_acknowledge(  # commits: the letter is written after it
        stage=case.stages.get(),
        by=alice,
        version=Case.objects.get(pk=case.pk).version,
        acknowledged=dt.date.today(),
        understanding="You told us the bins were missed three weeks running.",
    )
    sign_in(alice)
    page.goto(case.get_absolute_url())
    page.get_by_role("link", name="Letters and notices sent").click()
    page.get_by_role("heading", name="Letters and notices").wait_for()
    assert "Ready to post" in page.content()
    page.screenshot(path=str(tmp_path / "letters.png"), full_page=True)
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename == (
        f"{case.reference}-stage-1-acknowledgement.pdf"
    )
    page.get_by_role("button", name="Record as posted").click()
    page.wait_for_load_state("networkidle")
    assert "Letter recorded as posted." in page.content()
    assert page.get_by_role("button", name="Record as posted").count() == 0
    page.goto(case.get_absolute_url())
    assert "Letter sent: Acknowledgement, stage 1 (post)" in page.content()
