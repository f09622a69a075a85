"""The casework journey in a real browser, role scoping, and axe on every casework page type.

Journey: log, acknowledge, allocate, extend, respond, escalate, acknowledge, respond (with a
manager's approval), close, all through the real pages.
"""

import datetime as dt

import pytest

from putright.complaints.models import Case, Stage
from putright.complaints.services import procedure_ensure_builtins
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def procedures(db):
    # A transactional test database loses migration data between tests: restore it.
    procedure_ensure_builtins()


def _sign_out(page):
    page.goto("/")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state("networkidle")


def _no_serious_axe(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]


def _action(page, name):
    """Click an action button on the case page (or open 'Other actions' first)."""
    button = page.get_by_role("button", name=name, exact=True)
    if button.count() == 0:
        page.get_by_text("Other actions").click()
        page.get_by_role("link", name=name, exact=True).click()
    else:
        button.click()


def _fill_date(page, legend, day):
    """Fill a GOV.UK date input (day, month and year boxes) found by its legend."""
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _submit(page, name):
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state("networkidle")


def _success(page):
    banner = page.locator(".govuk-notification-banner--success")
    assert banner.is_visible(), page.locator("main").inner_text()[:1500]
    return banner.inner_text()


def _log_complaint(page, send_team):
    page.goto("/cases/new/")
    page.get_by_label("Complaint", exact=True).check()
    page.get_by_label("Procedure").select_option(label="LGSCO Complaint Handling Code")
    page.get_by_label("How it was received").select_option(label="Email")
    page.get_by_label("What is it about").fill(
        "No reply to three emails about an EHC plan."
    )
    page.get_by_label("Service (directorate)").select_option(label="Children's")
    page.get_by_label("Team", exact=True).select_option(label=str(send_team))
    page.get_by_label("Full name").fill("Pat Example")
    _submit(page, "Log contact")
    assert "Contact logged as CF-" in _success(page)
    return Case.objects.get(contact_name="Pat Example")


def _respond(page, outcome):
    page.get_by_label(outcome, exact=True).check()
    page.get_by_label("Reasons for the decision").fill(
        "Policy 4.2 says we reply within 10 working days; we did not."
    )
    page.get_by_label("Apology").check()
    page.get_by_label("What the remedy is").fill("We apologise for the delay.")


def test_main_journey_through_the_pages(page, sign_in, alice, bob, carol, send_team):
    sign_in(alice)
    _no_serious_axe(page)
    case = _log_complaint(page, send_team)
    _no_serious_axe(page)

    # Acknowledge (with the understanding of the complaint) and see the letter.
    _action(page, "Acknowledge")
    page.get_by_label("Your understanding of the complaint").fill(
        "Pat has had no reply to three emails about the EHC plan."
    )
    _submit(page, "Acknowledge")
    assert "Acknowledged" in _success(page)
    page.get_by_role("link", name="Acknowledgement letter").click()
    assert page.get_by_text("We will send you our full response by").is_visible()
    _no_serious_axe(page)
    page.go_back()

    # Allocate to Bob.
    page.goto(case.get_absolute_url())
    _action(page, "Allocate")
    page.get_by_label("Officer").select_option(value=str(bob.pk))
    _submit(page, "Allocate")
    assert "Allocated" in _success(page)

    # Extend within the cap.
    stage = Stage.objects.get(case=case)
    _action(page, "Extend the deadline")
    _no_serious_axe(page)
    _fill_date(page, "New response date", stage.due + dt.timedelta(days=1))
    page.get_by_label("Reason for the extension").fill(
        "Waiting for the school's records."
    )
    _submit(page, "Extend")
    assert "Deadline extended" in _success(page)

    # Respond: sending is refused until the letter is complete, then succeeds.
    _action(page, "Respond")
    page.get_by_label("Upheld", exact=True).check()
    _submit(page, "Save and record the response as sent")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "has not been sent" in summary
    assert "Enter the reasons for the decision" in summary
    assert page.locator("#id_response_reasons-error").is_visible()
    _respond(page, "Upheld")
    _submit(page, "Save and record the response as sent")
    assert "Response recorded as sent" in _success(page)

    # Escalate to stage 2: the handler must differ from stage 1's.
    _action(page, "Escalate to the next stage")
    page.get_by_label("Officer for the new stage").select_option(value=str(bob.pk))
    _submit(page, "Escalate")
    summary = page.locator(".govuk-error-summary")
    assert "someone other than" in summary.inner_text()
    _no_serious_axe(page)
    page.get_by_label("Officer for the new stage").select_option(value=str(carol.pk))
    _submit(page, "Escalate")
    assert "Escalated" in _success(page)
    assert page.get_by_role("heading", name="Stage 2").is_visible()

    # Stage 2: acknowledge, draft and send for approval.
    _action(page, "Acknowledge")
    page.get_by_label("Your understanding of the complaint").fill(
        "Pat remains unhappy with the apology alone."
    )
    _submit(page, "Acknowledge")
    _action(page, "Respond")
    _respond(page, "Partly upheld")
    _submit(page, "Save and send for approval")
    assert "sent for approval" in _success(page)
    _sign_out(page)

    # Carol, the manager, approves.
    sign_in(carol)
    page.goto(case.get_absolute_url())
    _action(page, "Approve the response")
    # The page shows what is being approved, and the letter.
    assert page.get_by_text("Partly upheld").first.is_visible()
    assert page.get_by_text("The response letter", exact=True).is_visible()
    _no_serious_axe(page)
    page.get_by_label("Approve the response").check()
    _submit(page, "Save decision")
    assert "Approval decision recorded" in _success(page)
    _sign_out(page)

    # Alice sends the approved response and closes the case.
    sign_in(alice)
    page.goto(case.get_absolute_url())
    assert page.get_by_text("Approved, ready to send").first.is_visible()
    _action(page, "Send the approved response")
    _submit(page, "Record the response as sent")
    assert "Response recorded as sent" in _success(page)
    # The apologies are not recorded as delivered: closing asks for confirmation and why.
    _action(page, "Close the case")
    _no_serious_axe(page)
    page.get_by_label("Close the case although these remedies").check()
    page.get_by_label("Why the case can close before the remedies are delivered").fill(
        "Both apologies were given in the response letters."
    )
    _submit(page, "Close case")
    assert "Case closed" in _success(page)
    _no_serious_axe(page)

    case.refresh_from_db()
    assert case.is_closed
    stages = list(case.stages.order_by("number"))
    assert [s.handler for s in stages] == [bob, carol]
    assert all(s.responded for s in stages)
    assert stages[0].extended_to is not None
    assert page.get_by_text("Response approved").is_visible()


def test_role_scoping_in_the_browser(page, sign_in, alice, bob, dan, erin, send_team):
    sign_in(alice)
    case = _log_complaint(page, send_team)
    _sign_out(page)

    sign_in(dan)
    page.goto("/cases/?view=all&state=all")
    assert page.get_by_text(case.reference).count() == 0
    response = page.goto(case.get_absolute_url())
    assert response.status == 404
    assert "Pat Example" not in page.content()
    _sign_out(page)

    sign_in(bob)
    page.goto("/cases/?view=team")
    page.get_by_role("link", name=case.reference).click()
    assert page.get_by_role("heading", name=case.reference).is_visible()
    assert page.get_by_role("button", name="Allocate").count() == 0
    _no_serious_axe(page)
    _sign_out(page)

    sign_in(erin)
    response = page.goto("/cases/")
    assert response.status == 403
    assert "Pat Example" not in page.content()
    _no_serious_axe(page)


@pytest.mark.parametrize("width", [1280, 390])
def test_list_and_forms_have_no_serious_accessibility_violations(
    page, sign_in, alice, send_team, width
):
    page.set_viewport_size({"width": width, "height": 900})
    from putright.ombudsman.tests.factories import OmbudsmanCaseFactory

    sign_in(alice)
    case = _log_complaint(page, send_team)
    ombudsman_case = OmbudsmanCaseFactory(case=case, received=dt.date.today())
    from putright.ombudsman.models import OmbudsmanFinding

    ho_case = OmbudsmanCaseFactory(ombudsman="ho", received=dt.date.today())
    OmbudsmanFinding.objects.create(
        ombudsman_case=ho_case, element="Repairs", finding="maladministration"
    )
    for path in (
        "/",
        "/cases/",
        "/cases/?view=overdue&state=all",
        f"{case.get_absolute_url()}actions/respond/",
        f"{case.get_absolute_url()}actions/not-accepted/",
        "/ombudsman/",
        "/ombudsman/new/",
        ombudsman_case.get_absolute_url(),
        f"/ombudsman/{ombudsman_case.pk}/decision/",
        ho_case.get_absolute_url(),
        f"/ombudsman/{ho_case.pk}/findings/new/",
        case.get_absolute_url(),
    ):
        page.goto(path)
        _no_serious_axe(page)
    # A form with errors: the error summary pattern.
    page.goto("/cases/new/")
    _submit(page, "Log contact")
    assert page.locator(".govuk-error-summary").is_visible()
    _no_serious_axe(page)
