"""Abuse and hostile input: every rejection is a clear error and stores nothing."""

import pytest

from putright.complaints.models import Case
from putright.public.models import PublicSubmission
from putright.public.tests.journeys import COMPLAINT, send, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def answers(services):
    return {"service": {"service": f"s{services['send'].pk}"}, **COMPLAINT}


def _start(client, answers, upto):
    client.get("/feedback/complaint/")
    for step in ("service", "what-happened", "put-right", "who", "contact"):
        if step == upto:
            return
        client.post(f"/feedback/complaint/{step}/", answers[step])


def test_honeypot_filled_in_is_refused_and_stores_nothing(client, answers):
    check = walk(client, "complaint", answers)
    response = send(client, "complaint", check, website="http://spam.example")
    assert response.status_code == 400
    assert "a hidden field meant for programs was filled in" in (
        response.content.decode()
    )
    assert Case.objects.count() == 0
    assert PublicSubmission.objects.count() == 0


def test_honeypot_is_hidden_from_people_and_assistive_technology(client, answers):
    check = walk(client, "complaint", answers)
    body = check.content.decode()
    assert 'class="pr-public-trap" aria-hidden="true"' in body
    assert 'name="website" tabindex="-1" autocomplete="off"' in body


def test_rate_limit_per_email_refuses_with_a_clear_error(client, answers, settings):
    settings.PUTRIGHT_PUBLIC_EMAIL_LIMIT = 2
    settings.PUTRIGHT_PUBLIC_ADDRESS_LIMIT = 100
    for _ in range(2):
        send(client, "complaint", walk(client, "complaint", answers))
    assert Case.objects.count() == 2
    response = send(client, "complaint", walk(client, "complaint", answers))
    assert response.status_code == 429
    assert "the most forms we accept in one hour" in response.content.decode()
    assert Case.objects.count() == 2
    # Another person on the same network is not held back by this email address.
    other = dict(answers, contact={**answers["contact"], "email": "sam@example.org"})
    send(client, "complaint", walk(client, "complaint", other))
    assert Case.objects.count() == 3


def test_rate_limit_per_address_counts_every_journey(client, answers, settings):
    settings.PUTRIGHT_PUBLIC_ADDRESS_LIMIT = 1
    send(client, "complaint", walk(client, "complaint", answers))
    comment = {
        "service": {"service": "unsure"},
        "message": {"message": "Good service."},
        "contact": {"full_name": "", "email": ""},
    }
    response = send(client, "comment", walk(client, "comment", comment))
    assert response.status_code == 429
    assert Case.objects.count() == 1


@pytest.mark.parametrize(
    ("step", "field", "value", "message"),
    [
        (
            "what-happened",
            "what_happened",
            "<script>alert(1)</script>",
            "the form does not accept HTML or other markup",
        ),
        (
            "what-happened",
            "what_happened",
            'See <a href="http://x.example">this</a>',
            "the form does not accept HTML or other markup",
        ),
        (
            "what-happened",
            "what_happened",
            "x" * 100_000,
            "must be 10000 characters or fewer: it has 100000",
        ),
        (
            "what-happened",
            "what_happened",
            "Late\x00 again",
            "Remove the hidden control character (U+0000)",
        ),
        (
            "put-right",
            "put_right",
            "<b>now</b>",
            "the form does not accept HTML or other markup",
        ),
        ("put-right", "put_right", "   ", "Tell us what would put things right."),
    ],
)
def test_hostile_text_is_refused_with_a_clear_message(
    client, answers, step, field, value, message
):
    _start(client, answers, step)
    response = client.post(f"/feedback/complaint/{step}/", {field: value})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert message in body
    assert "Traceback" not in body
    session = client.session.get("public_journeys", {}).get("complaint", {})
    assert step not in session.get("answers", {}), "the refused answer is not kept"
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"full_name": "Priya", "contact_by": "email"},
            "Enter your email address, so that we can email you.",
        ),
        (
            {"full_name": "Priya", "contact_by": "phone", "phone": "call me"},
            "Enter a telephone number, like 01632 960 001",
        ),
        (
            {"full_name": "Priya", "contact_by": "post"},
            "Enter your postal address, so that we can write to you.",
        ),
        (
            {"full_name": "Priya", "contact_by": "email", "email": "not-an-email"},
            "Enter an email address in the correct format",
        ),
        (
            {"full_name": "<img src=x onerror=alert(1)>", "contact_by": "email"},
            "the form does not accept HTML or other markup",
        ),
        (
            {"full_name": "Priya\x00", "contact_by": "post", "address": "1 High St"},
            "Remove the hidden control character (U+0000)",
        ),
        ({"contact_by": "email", "email": "a@b.org"}, "Enter your full name."),
    ],
)
def test_contact_details_are_checked_against_the_way_to_contact(
    client, answers, data, message
):
    _start(client, answers, "contact")
    response = client.post("/feedback/complaint/contact/", data)
    assert message in response.content.decode()
    assert Case.objects.count() == 0


def test_something_else_needs_details(client, answers):
    _start(client, answers, "adjustments")
    client.post("/feedback/complaint/contact/", answers["contact"])
    response = client.post("/feedback/complaint/adjustments/", {"needs": ["other"]})
    assert "Tell us what you need, as you selected “Something else”." in (
        response.content.decode()
    )


def test_a_forged_service_choice_is_refused(client, answers):
    client.get("/feedback/complaint/")
    response = client.post("/feedback/complaint/service/", {"service": "s999999"})
    assert "the one you sent is not offered." in response.content.decode()
    assert "service" not in client.session.get("public_journeys", {}).get(
        "complaint", {}
    ).get("answers", {})


def test_a_forged_token_with_no_answers_creates_nothing(client, services):
    response = client.post("/feedback/complaint/check/", {"token": "forged"})
    assert response.status_code == 302
    assert Case.objects.count() == 0
    assert PublicSubmission.objects.count() == 0


def test_the_pages_are_public_and_never_cached(client, answers):
    response = client.get("/feedback/complaint/service/")
    assert response.status_code == 200
    assert (
        "no-cache" in response["Cache-Control"]
        or "no-store" in (response["Cache-Control"])
    )


def test_an_error_is_read_out_with_its_field(client, answers):
    _start(client, answers, "what-happened")
    body = client.post("/feedback/complaint/what-happened/", {}).content.decode()
    assert 'aria-describedby="id_what_happened_helptext id_what_happened-error"' in body
    assert 'id="id_what_happened-error"' in body
    assert "govuk-textarea--error" in body
    assert '<a href="#id_what_happened">Tell us what happened.</a>' in body


def test_a_broken_service_set_up_is_a_clear_error_not_a_crash(
    client, answers, services, adults_team
):
    # A team from another directorate, saved without the admin's check.
    services["send"].team = adults_team
    services["send"].save()
    response = send(client, "complaint", walk(client, "complaint", answers))
    assert response.status_code == 400
    assert "a problem with the council&#x27;s set-up" in response.content.decode()
    assert Case.objects.count() == 0
    assert PublicSubmission.objects.count() == 0
