"""Issue 9's whole front door, as a resident and the complaints team live it, in Chromium:
the resident complains at /feedback/ and sees their reference; staff acknowledge it in the
staff app; the acknowledgement email lands in the outbox carrying the follow link; the
resident follows it, once answered asks for a review, and staff see stage 2 awaiting
acknowledgement. With JavaScript on and off."""

import datetime as dt
import re

import pytest

from putright.complaints.constants import Outcome, StageStatus
from putright.complaints.models import Case
from putright.correspondence.models import Letter
from putright.notifications.outbox import outbox_messages
from tests.browser.test_public import (  # noqa: F401 (fixtures)
    _complaint,
    context_for,
    services,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _acknowledgement_email(folder, reference):
    """The one message in the outbox about this reference that carries a follow link."""
    found = []
    for _path, message in outbox_messages(folder):
        if reference not in message["Subject"]:
            continue
        text = message.get_body(preferencelist=("plain",)).get_content()
        links = re.findall(r"https?://\S+/feedback/follow/\S+/", text)
        if links:
            found.append((message, links[0]))
    assert len(found) == 1, [m["Subject"] for m, _ in found]
    return found[0]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_resident_complains_follows_the_emailed_link_and_asks_for_a_review(
    context_for,  # noqa: F811
    services,  # noqa: F811
    page,
    sign_in,
    alice,
    live_server,
    settings,
    tmp_path,
    javascript,
):
    folder = tmp_path / "outbox"
    settings.EMAIL_BACKEND = "putright.notifications.outbox.OutboxBackend"
    settings.PUTRIGHT_OUTBOX_DIR = str(folder)
    settings.PUTRIGHT_BASE_URL = live_server.url

    # The resident: /feedback/ to the confirmation page, which shows the reference.
    resident = context_for(width=390, javascript=javascript)
    reference = _complaint(resident, 390, None)
    case = Case.objects.get(reference=reference)
    assert case.stages.get().channel == "web_form"

    # The complaints team acknowledges it in the staff app, in their own words.
    sign_in(alice)
    page.goto(case.get_absolute_url())
    page.get_by_role("button", name="Acknowledge", exact=True).click()
    page.get_by_label(
        "Your understanding of the complaint and the outcome sought"
    ).fill(
        "You told us the review of your son's plan was late, and you would like an "
        "apology and the review held within four weeks."
    )
    page.get_by_role("button", name="Acknowledge").click()
    assert "Acknowledged" in page.locator("main").inner_text()

    # The acknowledgement is in the outbox, once, with the follow link.
    message, link = _acknowledgement_email(folder, reference)
    assert message["To"] == "priya@example.org"
    letter = Letter.objects.get(case=case, kind="acknowledgement")
    assert letter.status == Letter.Status.SENT
    assert any(
        part.get_filename() and part.get_filename().endswith(".pdf")
        for part in message.iter_attachments()
    )

    # Stage 1 is answered (the staff respond journey is tested in test_casework.py).
    case.stages.filter(number=1).update(
        status=StageStatus.RESPONDED,
        responded=dt.date.today(),
        outcome=Outcome.NOT_UPHELD,
    )

    # The resident follows the emailed link and asks for a review.
    resident.goto(link)
    main = resident.locator("main").inner_text()
    assert reference in main
    assert "Answered" in main
    assert "Acknowledgement letter" in main
    resident.get_by_label("Why are you not happy with our answer?").fill(
        "The answer did not look at the school's emails."
    )
    resident.get_by_role("button", name="Ask for a review").click()
    assert "We have received your request for a review" in (
        resident.locator("main").inner_text()
    )

    # Staff see stage 2, awaiting acknowledgement, on the case page.
    stage = case.stages.get(number=2)
    assert stage.status == StageStatus.AWAITING_ACKNOWLEDGEMENT
    page.goto(case.get_absolute_url())
    main = page.locator("main").inner_text()
    assert "Awaiting acknowledgement" in main
    assert "Review asked for by the complainant" in main
