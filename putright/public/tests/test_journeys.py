"""The three public journeys end to end, check-your-answers changes and double submits."""

import pytest

from putright.audit.models import AuditEvent
from putright.complaints.constants import Channel, ContactPreference, Kind, StageStatus
from putright.complaints.models import Case
from putright.public.models import FrontDoorContact, PublicSubmission
from putright.public.tests.journeys import COMPLAINT, send, token, walk

pytestmark = pytest.mark.django_db


def complaint_answers(services, **changes):
    return {"service": {"service": f"s{services['send'].pk}"}, **COMPLAINT, **changes}


def test_feedback_start_page_offers_three_journeys_without_signing_in(client):
    response = client.get("/feedback/")
    assert response.status_code == 200
    body = response.content.decode()
    for journey in ("complaint", "compliment", "comment"):
        assert f'href="/feedback/{journey}/"' in body
    assert "Demo Borough Council" in body
    assert 'href="/feedback/privacy/"' in body
    assert 'href="/feedback/accessibility/"' in body


@pytest.mark.parametrize("path", ["/feedback/privacy/", "/feedback/accessibility/"])
def test_privacy_notice_and_accessibility_statement_are_public(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "<h1" in response.content.decode()


@pytest.mark.parametrize(
    ("guess", "target"),
    [
        ("/make-a-complaint/", "/feedback/complaint/"),
        ("/compliment/", "/feedback/compliment/"),
    ],
)
def test_addresses_residents_guess_lead_to_the_journeys(client, guess, target):
    response = client.get(guess)
    assert response.status_code == 302
    assert response["Location"] == target


def test_complaint_journey_logs_a_web_form_complaint_awaiting_triage(client, services):
    check = walk(client, "complaint", complaint_answers(services))
    assert Case.objects.count() == 0, "nothing is stored before Send"
    body = check.content.decode()
    assert "My son&#x27;s EHC plan review was 12 weeks late." in body
    assert "Letters in large print" in body

    response = send(client, "complaint", check)

    case = Case.objects.get()
    stage = case.stages.get()
    assert case.kind == Kind.COMPLAINT
    assert case.reference.startswith("CF-")
    assert stage.channel == Channel.WEB_FORM
    assert stage.status == StageStatus.AWAITING_ACKNOWLEDGEMENT
    assert stage.handler is None
    assert stage.directorate == services["send"].directorate
    assert stage.team == services["send"].team
    assert stage.procedure.code == "lgsco_code"
    assert case.contact_name == "Priya Patel"
    assert case.contact_email == "priya@example.org"
    assert case.contact_preference == ContactPreference.EMAIL
    assert case.outcome_sought == "An apology and the review held this month."
    assert stage.summary == "My son's EHC plan review was 12 weeks late."
    assert case.reasonable_adjustments == "Letters in large print"
    assert stage.complainant_type.name == "Person affected"
    logged = AuditEvent.objects.get(verb="case.logged")
    assert logged.actor is None
    assert logged.actor_label == "public web form"
    # The confirmation page shows the reference and the dates the stored clock gives.
    assert response.request["PATH_INFO"] == "/feedback/complaint/sent/"
    body = response.content.decode()
    assert case.reference in body
    assert f"{stage.acknowledge_due.day} {stage.acknowledge_due:%B %Y}" in body
    assert f"{stage.due.day} {stage.due:%B %Y}" in body


def test_unsure_complaint_goes_to_the_triage_service(client, services):
    walk_answers = complaint_answers(services, service={"service": "unsure"})
    check = walk(client, "complaint", walk_answers)
    assert "I&#x27;m not sure" in check.content.decode()
    send(client, "complaint", check)
    stage = Case.objects.get().stages.get()
    assert stage.directorate == services["unsure"].directorate
    assert stage.team is None


def test_complaint_on_someones_behalf_records_representative_and_consent(
    client, services
):
    answers = complaint_answers(
        services,
        who={"who": "behalf"},
        person={
            "person_name": "Ravi Patel",
            "relationship": "mother",
            "consent": "on",
        },
    )
    check = walk(client, "complaint", answers)
    send(client, "complaint", check)
    case = Case.objects.get()
    assert case.contact_name == "Ravi Patel"
    assert case.representative_name == "Priya Patel (mother)"
    assert case.stages.get().complainant_type.name == "Representative"
    assert AuditEvent.objects.filter(verb="case.consent_confirmed", case=case).exists()


def test_on_behalf_without_consent_is_refused_with_a_clear_error(client, services):
    answers = complaint_answers(services, who={"who": "behalf"})
    client.get("/feedback/complaint/")
    for step in ("service", "what-happened", "put-right", "who"):
        client.post(f"/feedback/complaint/{step}/", answers[step])
    response = client.post("/feedback/complaint/person/", {"person_name": "Ravi Patel"})
    assert response.status_code == 200
    assert (
        "Confirm that the person agrees to you making this complaint for them."
        in response.content.decode()
    )
    assert client.get("/feedback/complaint/contact/")["Location"].endswith("/person/")
    assert Case.objects.count() == 0


def test_compliment_journey_logs_a_compliment_with_no_clock(client, services):
    answers = {
        "service": {"service": f"s{services['care'].pk}"},
        "message": {"message": "Sam in the care team was wonderful."},
        "contact": {"full_name": "", "email": ""},
    }
    check = walk(client, "compliment", answers)
    response = send(client, "compliment", check)
    case = Case.objects.get()
    assert case.kind == Kind.COMPLIMENT
    assert case.reference.startswith("CF-")
    stage = case.stages.get()
    assert stage.channel == Channel.WEB_FORM
    assert stage.procedure is None
    assert stage.summary == "Sam in the care team was wonderful."
    assert "Compliment sent" in response.content.decode()
    assert case.reference in response.content.decode()


def test_comment_journey_logs_a_comment(client, services):
    answers = {
        "service": {"service": "unsure"},
        "message": {"message": "The library could open later on Thursdays."},
        "contact": {"full_name": "Jo", "email": "jo@example.org"},
    }
    check = walk(client, "comment", answers)
    send(client, "comment", check)
    case = Case.objects.get()
    assert case.kind == Kind.COMMENT
    assert case.contact_email == "jo@example.org"
    assert case.stages.get().directorate == services["unsure"].directorate


def test_change_link_returns_to_check_your_answers_with_the_new_answer(
    client, services
):
    walk(client, "complaint", complaint_answers(services))
    response = client.post(
        "/feedback/complaint/put-right/?change=1",
        {"put_right": "A refund of the fee."},
    )
    assert response["Location"] == "/feedback/complaint/check/"
    check = client.get("/feedback/complaint/check/")
    assert "A refund of the fee." in check.content.decode()
    send(client, "complaint", check)
    assert Case.objects.get().outcome_sought == "A refund of the fee."


def test_changing_who_asks_the_new_question_before_returning_to_check(client, services):
    walk(client, "complaint", complaint_answers(services))
    response = client.post("/feedback/complaint/who/?change=1", {"who": "advocate"})
    assert response["Location"] == "/feedback/complaint/person/?change=1"
    response = client.post(
        "/feedback/complaint/person/?change=1",
        {"person_name": "Ravi Patel", "consent": "on"},
    )
    assert response["Location"] == "/feedback/complaint/check/"
    assert "Ravi Patel" in client.get("/feedback/complaint/check/").content.decode()


def test_double_submit_creates_one_record(client, services):
    check = walk(client, "complaint", complaint_answers(services))
    spent = token(check)
    first = client.post("/feedback/complaint/check/", {"token": spent})
    second = client.post("/feedback/complaint/check/", {"token": spent}, follow=True)
    assert first.status_code == 302
    assert Case.objects.count() == 1
    assert PublicSubmission.objects.count() == 1
    assert Case.objects.get().reference in second.content.decode()


def test_back_button_after_sending_does_not_create_a_second_record(client, services):
    check = walk(client, "complaint", complaint_answers(services))
    send(client, "complaint", check)
    # The browser's back button shows the check page again; it now leads to the
    # confirmation, and re-posting the old form creates nothing.
    again = client.get("/feedback/complaint/check/")
    assert again["Location"] == "/feedback/complaint/sent/"
    client.post("/feedback/complaint/check/", {"token": token(check)})
    assert Case.objects.count() == 1


def test_pages_cannot_be_skipped(client, services):
    response = client.get("/feedback/complaint/contact/")
    assert response["Location"] == "/feedback/complaint/service/"
    response = client.get("/feedback/complaint/check/")
    assert response["Location"] == "/feedback/complaint/service/"


def test_unknown_journey_or_page_is_not_found(client):
    assert client.get("/feedback/petition/").status_code == 404
    assert client.get("/feedback/complaint/nonsense/").status_code == 404


def test_other_ways_to_contact_the_council_are_shown_once_saved(client):
    assert "Telephone:" not in client.get("/feedback/").content.decode()
    FrontDoorContact.objects.create(
        phone="01632 960 000",
        email="complaints@demo.gov.uk",
        data_protection_contact="dpo@demo.gov.uk",
    )
    start = client.get("/feedback/").content.decode()
    assert "01632 960 000" in start
    assert 'href="mailto:complaints@demo.gov.uk"' in start
    assert "dpo@demo.gov.uk" in client.get("/feedback/privacy/").content.decode()
    assert "01632 960 000" in client.get("/feedback/accessibility/").content.decode()
