"""The public front door in Chromium: each journey, with JavaScript on and off, and axe-core
on every public page at 320, 390 and 1280 pixels wide."""

import datetime as dt

import pytest

from putright.complaints import follow
from putright.complaints.constants import Outcome, StageStatus
from putright.complaints.models import Case
from putright.complaints.services import (
    case_submit_public,
    procedure_corporate_default,
    procedure_ensure_builtins,
)
from putright.public.models import EqualityResponse, PublicService
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [320, 390, 1280]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def services(childrens, send_team, adults):
    procedure_ensure_builtins()
    PublicService.objects.create(
        name="Special educational needs (SEND)",
        directorate=childrens,
        team=send_team,
        position=1,
    )
    PublicService.objects.create(
        name="Complaints team", directorate=adults, receives_unsure=True
    )


@pytest.fixture
def context_for(browser, live_server):
    contexts = []

    def _make(*, width, javascript=True):
        context = browser.new_context(
            base_url=live_server.url,
            locale="en-GB",
            java_script_enabled=javascript,
            viewport={"width": width, "height": 900},
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield _make
    for context in contexts:
        context.close()


def _accessible(page, width, checked):
    """axe finds nothing serious or critical, and nothing scrolls sideways (WCAG 1.4.10)."""
    if checked is not None:
        violations = axe_violations(page)
        assert violations == [], (page.url, width, [v["id"] for v in violations])
        checked.append(page.url)
    overflow = (
        page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if checked is not None
        else 0
    )
    assert overflow <= 0, (page.url, width, overflow)


def _complaint(page, width, checked):
    page.goto("/feedback/")
    _accessible(page, width, checked)
    page.get_by_role("link", name="Make a complaint").click()
    # An empty answer first: the error summary must pass axe too.
    page.get_by_role("button", name="Continue").click()
    assert page.locator(".govuk-error-summary").is_visible()
    _accessible(page, width, checked)
    page.get_by_label("Special educational needs (SEND)").check()
    page.get_by_role("button", name="Continue").click()
    _accessible(page, width, checked)
    page.get_by_label("What happened?").fill("The review of my son's plan was late.")
    page.get_by_role("button", name="Continue").click()
    _accessible(page, width, checked)
    page.get_by_label("What would put things right?").fill("An apology.")
    page.get_by_role("button", name="Continue").click()
    _accessible(page, width, checked)
    page.get_by_label("I am complaining on behalf of someone else").check()
    page.get_by_role("button", name="Continue").click()
    _accessible(page, width, checked)
    page.get_by_label("Full name of the person").fill("Ravi Patel")
    page.get_by_label("They agree to me making this complaint").check()
    page.get_by_role("button", name="Continue").click()
    _accessible(page, width, checked)
    page.get_by_label("Your full name").fill("Priya Patel")
    page.get_by_label("Email address").fill("priya@example.org")
    page.get_by_label("Email", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    _accessible(page, width, checked)
    page.get_by_label("Letters in large print").check()
    page.get_by_role("button", name="Continue").click()
    _accessible(page, width, checked)
    page.get_by_label("Do you want to send any documents?").set_input_files(
        files=[{"name": "letter.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role(
        "heading", name="Equality monitoring (optional)"
    ).is_visible()
    _accessible(page, width, checked)
    page.get_by_label("Prefer not to say").first.check()
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role(
        "heading", name="Check your answers before sending"
    ).is_visible()
    _accessible(page, width, checked)
    page.get_by_role("link", name="Change what would put things right").click()
    page.get_by_label("What would put things right?").fill("An apology and a date.")
    page.get_by_role("button", name="Continue").click()
    assert "An apology and a date." in (
        page.locator(".govuk-summary-list").first.inner_text()
    )
    assert "letter.pdf" in page.locator("main").inner_text()
    page.get_by_role("button", name="Send").click()
    assert page.get_by_role("heading", name="Complaint sent").is_visible()
    _accessible(page, width, checked)
    return page.locator(".govuk-panel__body strong").inner_text()


@pytest.mark.parametrize("width", WIDTHS)
def test_complaint_journey_with_javascript_passes_axe(context_for, services, width):
    page = context_for(width=width)
    checked = []
    reference = _complaint(page, width, checked)
    assert len(checked) == 12
    case = Case.objects.get()
    assert case.reference == reference
    assert case.outcome_sought == "An apology and a date."
    assert [a.original_name for a in case.attachments.all()] == ["letter.pdf"]


@pytest.mark.parametrize("width", WIDTHS)
def test_complaint_journey_without_javascript(context_for, services, width):
    page = context_for(width=width, javascript=False)
    reference = _complaint(page, width, None)
    assert Case.objects.get().reference == reference


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    ("link", "journey"),
    [("Pay a compliment", "Compliment"), ("Leave a comment or suggestion", "Comment")],
)
def test_compliment_and_comment_journeys_pass_axe(
    context_for, services, width, link, journey
):
    page = context_for(width=width)
    checked = []
    page.goto("/feedback/")
    page.get_by_role("link", name=link).click()
    page.get_by_label("I'm not sure").check()
    page.get_by_role("button", name="Continue").click()
    _accessible(page, width, checked)
    page.get_by_label("Your message").fill("Thank you, Sam.")
    page.get_by_role("button", name="Continue").click()
    _accessible(page, width, checked)
    page.get_by_role("button", name="Continue").click()
    _accessible(page, width, checked)
    page.get_by_role("button", name="Send").click()
    assert page.get_by_role("heading", name=f"{journey} sent").is_visible()
    _accessible(page, width, checked)
    assert Case.objects.count() == 1


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["/feedback/privacy/", "/feedback/accessibility/"])
def test_privacy_and_accessibility_pages_pass_axe(context_for, services, width, path):
    page = context_for(width=width)
    page.goto(path)
    _accessible(page, width, [])


@pytest.mark.parametrize("width", [1280, 390])
def test_equality_monitoring_page_passes_axe(page, sign_in, alice, adults, width):
    EqualityResponse.objects.create(
        received_month=dt.date(2026, 11, 1), directorate=adults, sex="female"
    )
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(alice)
    page.goto("/equality/")
    assert page.get_by_role("heading", name="Equality monitoring").is_visible()
    assert "fewer than 5" in page.content()
    violations = axe_violations(page)
    assert violations == [], [v["id"] for v in violations]


# -- In Welsh (issue 9 item 5): the same pages, chosen with the switch ------------------


@pytest.fixture
def welsh_services(services):
    PublicService.objects.filter(receives_unsure=False).update(
        name_cy="Anghenion addysgol arbennig (AAA)"
    )


def _in_welsh(page, path="/feedback/"):
    """Choose Cymraeg with the switch, as a resident would, and stay on the page."""
    page.goto(path)
    page.get_by_role("link", name="Newid yr iaith i’r Gymraeg").click()
    assert page.url.endswith(path)
    assert page.locator("html").get_attribute("lang") == "cy"


def _complaint_in_welsh(page, width, checked):
    _in_welsh(page)
    _accessible(page, width, checked)
    page.get_by_role("link", name="Gwneud cwyn").click()
    page.get_by_role("button", name="Parhau").click()
    assert page.locator(".govuk-error-summary").is_visible()
    _accessible(page, width, checked)
    page.get_by_label("Anghenion addysgol arbennig (AAA)").check()
    page.get_by_role("button", name="Parhau").click()
    _accessible(page, width, checked)
    page.get_by_label("Beth ddigwyddodd?").fill("Roedd yr adolygiad yn hwyr.")
    page.get_by_role("button", name="Parhau").click()
    _accessible(page, width, checked)
    page.get_by_label("Beth fyddai’n unioni pethau?").fill("Ymddiheuriad.")
    page.get_by_role("button", name="Parhau").click()
    _accessible(page, width, checked)
    page.get_by_label("Rwy’n cwyno ar ran rhywun arall").check()
    page.get_by_role("button", name="Parhau").click()
    _accessible(page, width, checked)
    page.get_by_label("Enw llawn y person").fill("Ravi Patel")
    page.get_by_label("Maen nhw’n cytuno i mi wneud y gŵyn hon").check()
    page.get_by_role("button", name="Parhau").click()
    _accessible(page, width, checked)
    page.get_by_label("Eich enw llawn").fill("Priya Patel")
    page.get_by_label("Cyfeiriad e-bost").fill("priya@example.org")
    page.get_by_label("E-bost", exact=True).check()
    page.get_by_role("button", name="Parhau").click()
    _accessible(page, width, checked)
    page.get_by_label("Llythyrau mewn print bras").check()
    page.get_by_role("button", name="Parhau").click()
    _accessible(page, width, checked)
    page.get_by_label("A ydych am anfon unrhyw ddogfennau?").set_input_files(
        files=[{"name": "llythyr.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Parhau").click()
    assert page.get_by_role(
        "heading", name="Monitro cydraddoldeb (dewisol)"
    ).is_visible()
    _accessible(page, width, checked)
    page.get_by_label("Mae’n well gennyf beidio â dweud").first.check()
    page.get_by_role("button", name="Parhau").click()
    assert page.get_by_role(
        "heading", name="Gwirio eich atebion cyn eu hanfon"
    ).is_visible()
    _accessible(page, width, checked)
    assert "llythyr.pdf" in page.locator("main").inner_text()
    assert page.get_by_role("heading", name="Dogfennau rydych yn eu hanfon").count()
    page.get_by_role("button", name="Anfon").click()
    assert page.get_by_role("heading", name="Cwyn wedi’i hanfon").is_visible()
    _accessible(page, width, checked)
    return page.locator(".govuk-panel__body strong").inner_text()


@pytest.mark.parametrize("width", WIDTHS)
def test_complaint_journey_in_welsh_passes_axe(context_for, welsh_services, width):
    page = context_for(width=width)
    checked = []
    reference = _complaint_in_welsh(page, width, checked)
    assert len(checked) == 12
    case = Case.objects.get()
    assert case.reference == reference
    assert case.language == "cy"


def test_complaint_journey_in_welsh_without_javascript(context_for, welsh_services):
    page = context_for(width=390, javascript=False)
    reference = _complaint_in_welsh(page, 390, None)
    case = Case.objects.get(reference=reference)
    assert case.language == "cy"
    assert case.attachments.filter(original_name="llythyr.pdf").exists()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    ("link", "journey"),
    [
        ("Rhoi canmoliaeth", "Canmoliaeth wedi’i hanfon"),
        ("Gadael sylw neu awgrym", "Sylw wedi’i anfon"),
    ],
)
def test_compliment_and_comment_journeys_in_welsh_pass_axe(
    context_for, welsh_services, width, link, journey
):
    page = context_for(width=width)
    checked = []
    _in_welsh(page)
    page.get_by_role("link", name=link).click()
    page.get_by_label("Dydw i ddim yn siŵr").check()
    page.get_by_role("button", name="Parhau").click()
    _accessible(page, width, checked)
    page.get_by_label("Eich neges").fill("Diolch, Sam.")
    page.get_by_role("button", name="Parhau").click()
    _accessible(page, width, checked)
    page.get_by_role("button", name="Parhau").click()
    _accessible(page, width, checked)
    page.get_by_role("button", name="Anfon").click()
    assert page.get_by_role("heading", name=journey).is_visible()
    _accessible(page, width, checked)
    assert Case.objects.get().language == "cy"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["/feedback/privacy/", "/feedback/accessibility/"])
def test_privacy_and_accessibility_pages_in_welsh_pass_axe(
    context_for, services, width, path
):
    page = context_for(width=width)
    _in_welsh(page, path)
    _accessible(page, width, [])
    page.get_by_role("link", name="Change the language to English").click()
    assert page.locator("html").get_attribute("lang") == "en-GB"
    assert page.url.endswith(path)


def _answered_complaint(childrens, send_team):
    case = case_submit_public(
        kind="complaint",
        directorate=childrens,
        team=send_team,
        procedure=procedure_corporate_default(),
        contact_name="Priya Patel",
        contact_email="priya@example.org",
        summary="The review of my son's plan was late.",
    )
    case.stages.update(
        status=StageStatus.RESPONDED,
        responded=dt.date.today(),
        outcome=Outcome.NOT_UPHELD,
    )
    return case


def _follow_journey(page, width, checked):
    """Follow page -> add information (an empty try first) -> ask for a review."""
    assert page.get_by_role("heading", name="Your complaint", exact=True).is_visible()
    assert "Answered" in page.locator("main").inner_text()
    _accessible(page, width, checked)
    # An empty message first: the error summary must pass axe too.
    page.get_by_role("button", name="Send").click()
    assert page.locator(".govuk-error-summary").is_visible()
    _accessible(page, width, checked)
    page.get_by_label("What do you want to add?").fill("The school's emails.")
    page.get_by_label("Documents (optional)").set_input_files(
        files=[{"name": "emails.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Send").click()
    assert "We have added what you sent" in page.locator("main").inner_text()
    _accessible(page, width, checked)
    page.get_by_label("Why are you not happy with our answer?").fill(
        "You did not read the school's emails."
    )
    page.get_by_role("button", name="Ask for a review").click()
    main = page.locator("main").inner_text()
    assert "We have received your request for a review" in main
    assert "Review asked for" in main
    assert page.get_by_role("button", name="Ask for a review").count() == 0
    _accessible(page, width, checked)


def _followed(case):
    stage = case.stages.get(number=2)
    assert stage.status == StageStatus.AWAITING_ACKNOWLEDGEMENT
    assert stage.handler is None
    assert case.notes.get().from_complainant
    assert case.attachments.get().original_name == "emails.pdf"


@pytest.mark.parametrize("width", WIDTHS)
def test_follow_page_add_information_then_ask_for_a_review(
    context_for, services, childrens, send_team, width
):
    case = _answered_complaint(childrens, send_team)
    page = context_for(width=width)
    checked = []
    page.goto(follow.follow_path(case))
    _follow_journey(page, width, checked)
    _followed(case)

    page.goto("/feedback/follow/")
    _accessible(page, width, checked)
    page.get_by_label("Your reference").fill(case.reference)
    page.get_by_label("Email address").fill("priya@example.org")
    page.get_by_role("button", name="Send me a link").click()
    assert page.get_by_role("heading", name="Check your email").is_visible()
    _accessible(page, width, checked)
    page.goto("/feedback/follow/not-a-real-link/")
    _accessible(page, width, checked)
    assert len(checked) == 7


def test_follow_journey_without_javascript_then_staff_see_stage_2(
    context_for, services, childrens, send_team, page, sign_in, alice, tmp_path
):
    case = _answered_complaint(childrens, send_team)
    resident = context_for(width=390, javascript=False)
    resident.goto(follow.follow_path(case))
    _follow_journey(resident, 390, None)
    _followed(case)

    sign_in(alice)
    page.goto(case.get_absolute_url())
    main = page.locator("main").inner_text()
    assert "Awaiting acknowledgement" in main
    assert "Added by the complainant" in main
    assert "Review asked for by the complainant" in main
    page.screenshot(path=str(tmp_path / "staff.png"), full_page=True)


def _follow_journey_in_welsh(page, width, checked):
    """The same follow journey in Welsh: page -> add (an empty try first) -> review."""
    assert page.get_by_role("heading", name="Eich cwyn", exact=True).is_visible()
    assert "Wedi’i ateb" in page.locator("main").inner_text()
    _accessible(page, width, checked)
    page.get_by_role("button", name="Anfon").click()
    assert page.locator(".govuk-error-summary").is_visible()
    _accessible(page, width, checked)
    page.get_by_label("Beth yr hoffech ei ychwanegu?").fill("E-byst yr ysgol.")
    page.get_by_label("Dogfennau (dewisol)").set_input_files(
        files=[{"name": "emails.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Anfon").click()
    assert "Rydym wedi ychwanegu’r hyn a anfonoch" in page.locator("main").inner_text()
    _accessible(page, width, checked)
    page.get_by_label("Pam nad ydych yn fodlon â’n hateb?").fill(
        "Ni wnaethoch ddarllen e-byst yr ysgol."
    )
    page.get_by_role("button", name="Gofyn am adolygiad").click()
    main = page.locator("main").inner_text()
    assert "Mae eich cais am adolygiad wedi dod i law" in main
    assert "Gofynnwyd am adolygiad" in main
    assert page.get_by_role("button", name="Gofyn am adolygiad").count() == 0
    _accessible(page, width, checked)


@pytest.mark.parametrize("width", WIDTHS)
def test_follow_pages_in_welsh_pass_axe(
    context_for, services, childrens, send_team, width, tmp_path
):
    case = _answered_complaint(childrens, send_team)
    page = context_for(width=width)
    checked = []
    _in_welsh(page, follow.follow_path(case))
    page.screenshot(path=str(tmp_path / f"follow-cy-{width}.png"), full_page=True)
    _follow_journey_in_welsh(page, width, checked)
    _followed(case)

    page.goto("/feedback/follow/")
    assert page.get_by_role(
        "heading", name="Cael dolen newydd i ddilyn eich achos"
    ).is_visible()
    _accessible(page, width, checked)
    page.get_by_role("button", name="Anfon dolen ataf").click()
    assert page.locator(".govuk-error-summary").is_visible()
    _accessible(page, width, checked)
    page.get_by_label("Eich cyfeirnod").fill(case.reference)
    page.get_by_label("Cyfeiriad e-bost").fill("priya@example.org")
    page.get_by_role("button", name="Anfon dolen ataf").click()
    assert page.get_by_role("heading", name="Gwiriwch eich e-bost").is_visible()
    _accessible(page, width, checked)
    page.goto("/feedback/follow/not-a-real-link/")
    assert page.get_by_role(
        "heading", name="Mae’r ddolen hon wedi dod i ben neu nid yw’n gyflawn"
    ).is_visible()
    _accessible(page, width, checked)
    assert len(checked) == 8
