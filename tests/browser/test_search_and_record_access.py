"""In a real browser: a name searched on the case list is in no request URL, and an
administrator finds who opened the case on the Record access page."""

import pytest

from putright.complaints.services import procedure_ensure_builtins
from putright.complaints.tests.factories import logged_complaint
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TERM = "Probeperson"


@pytest.fixture(autouse=True)
def procedures(db):
    procedure_ensure_builtins()


def test_search_keeps_the_name_out_of_every_url_and_the_read_is_listed(
    page, sign_in, alice, admin_user, childrens, send_team
):
    case = logged_complaint(
        by=alice, directorate=childrens, team=send_team, contact_name=f"Zelda {TERM}"
    )
    logged_complaint(
        by=alice, directorate=childrens, team=send_team, contact_name="Yusuf Other"
    )
    urls = []
    page.on("request", lambda request: urls.append(request.url))
    sign_in(alice)
    page.goto("/cases/?state=all")
    page.get_by_label("Search by reference or name").fill(TERM)
    page.get_by_role("button", name="Apply").click()
    page.wait_for_load_state("networkidle")
    assert "search=" in page.url
    assert page.get_by_role("link", name=case.reference).is_visible()
    assert page.get_by_text("Yusuf Other").count() == 0
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these cases (CSV)").click()
    assert TERM in download.value.path().read_text(encoding="utf-8-sig")
    page.get_by_role("link", name=case.reference).click()
    page.wait_for_load_state("networkidle")
    assert not [url for url in urls if TERM in url]

    page.goto("/")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state("networkidle")
    sign_in(admin_user)
    page.get_by_role("link", name="Record access").click()
    page.wait_for_load_state("networkidle")
    table = page.locator("table")
    assert "Case page opened" in table.inner_text()
    assert "Case list exported" in table.inner_text()
    assert case.reference in table.inner_text()
    assert TERM not in page.content()
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]
