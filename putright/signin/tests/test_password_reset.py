"""Password reset by email: works for local accounts, reveals nothing about who exists."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from putright.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _ask(client, email):
    return client.post(reverse("signin:password_reset"), {"email": email})


def test_reset_link_by_email_sets_a_new_password(client, alice):
    response = _ask(client, alice.email)
    assert response["Location"] == reverse("signin:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [alice.email]
    assert message.subject == "Reset your putright password"
    link = re.search(r"http://testserver(/accounts/password-reset/\S+)", message.body)
    page = client.get(link.group(1), follow=True)
    assert b"Choose a new password" in page.content
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "a brand new phrase", "new_password2": "a brand new phrase"},
    )
    assert response["Location"] == reverse("signin:password_reset_complete")
    alice.refresh_from_db()
    assert alice.check_password("a brand new phrase")
    # The reset does not sign anyone in: the second factor still comes next.
    assert "_auth_user_id" not in client.session
    # The link works once.
    assert b"The link has expired" in client.get(link.group(1), follow=True).content
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"password_reset_sent", "password_reset"} <= verbs


def test_no_more_than_three_links_an_hour_and_the_page_does_not_say(client, alice):
    for _ in range(5):
        response = _ask(client, alice.email)
        assert response["Location"] == reverse("signin:password_reset_done")
    assert len(mail.outbox) == 3


def test_unknown_address_gets_the_same_page_and_no_email(client, alice):
    known = _ask(client, alice.email)
    unknown = _ask(client, "nobody@council.example")
    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert len(mail.outbox) == 1
    done = client.get(unknown["Location"])
    assert b"If the address you entered belongs to a putright account" in done.content


def test_single_sign_on_accounts_get_no_reset_email(client, alice):
    alice.set_unusable_password()
    alice.save()
    assert _ask(client, alice.email).status_code == 302
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", b"Enter your work email address."),
        ("not an address", b"Enter an email address in the correct format"),
    ],
)
def test_bad_address_is_refused_with_a_specific_message(client, email, message):
    response = _ask(client, email)
    assert response.status_code == 200
    assert message in response.content
    assert mail.outbox == []


def test_mismatched_new_passwords_are_refused(client, alice):
    _ask(client, alice.email)
    link = re.search(
        r"http://testserver(/accounts/password-reset/\S+)", mail.outbox[0].body
    )
    page = client.get(link.group(1), follow=True)
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "a brand new phrase", "new_password2": "another phrase"},
    )
    assert b"The two passwords do not match" in response.content
    alice.refresh_from_db()
    assert alice.check_password("correct horse battery")


def test_sign_in_page_links_to_password_reset(client):
    page = client.get(reverse("accounts:login"))
    assert reverse("signin:password_reset").encode() in page.content
