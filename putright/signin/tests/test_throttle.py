"""Throttling that slows guessing and spraying but cannot lock an officer out."""

import pytest
from django.urls import reverse

from putright.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
STRANGER = "203.0.113.5"
OFFICE = "198.51.100.7"


def _attempt(client, username, password, address, **extra):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **extra,
    )


def test_failures_from_a_stranger_do_not_lock_the_officer_out(client, alice):
    for _ in range(10):
        _attempt(client, "alice", "guess", STRANGER)
    assert _attempt(client, "alice", PASSWORD, STRANGER).status_code == 429
    response = _attempt(client, "alice", PASSWORD, OFFICE)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_spraying_one_password_over_many_usernames_locks_the_address(client, alice):
    for n in range(25):
        _attempt(client, f"officer{n}", "Winter2026!", STRANGER)
    # Even a real account's right password is refused from that address now...
    response = _attempt(client, "alice", PASSWORD, STRANGER)
    assert response.status_code == 429
    assert b"Sign-in is paused from your network" in response.content
    assert "_auth_user_id" not in client.session
    # ...and still works from anywhere else.
    assert _attempt(client, "alice", PASSWORD, OFFICE).status_code == 302


def test_the_address_lock_starts_at_the_tenth_username(client, alice, settings):
    assert settings.PUTRIGHT_SIGNIN_ADDRESS_USERNAME_LIMIT == 10
    for n in range(9):
        _attempt(client, f"officer{n}", "Winter2026!", STRANGER)
    assert _attempt(client, "alice", PASSWORD, STRANGER).status_code == 302
    client.logout()
    for n in range(10):
        _attempt(client, f"officer{n}", "Winter2026!", STRANGER)
    assert _attempt(client, "alice", PASSWORD, STRANGER).status_code == 429


def test_one_person_mistyping_does_not_lock_colleagues_on_a_shared_address(
    client, alice
):
    bob = UserFactory(username="bob")
    for _ in range(8):
        _attempt(client, "alice", "typo", OFFICE)
    assert _attempt(client, bob.username, PASSWORD, OFFICE).status_code == 302


def test_a_correct_sign_in_clears_the_pairs_failures(client, alice):
    for _ in range(4):
        _attempt(client, "alice", "typo", OFFICE)
    assert _attempt(client, "alice", PASSWORD, OFFICE).status_code == 302
    client.logout()
    for _ in range(4):
        _attempt(client, "alice", "typo", OFFICE)
    assert _attempt(client, "alice", PASSWORD, OFFICE).status_code == 302


def test_lockout_page_names_the_pair_rule(client, alice):
    for _ in range(5):
        response = _attempt(client, "alice", "guess", STRANGER)
    assert response.status_code == 429
    assert b"Your account is locked on this network" in response.content
    assert b"30 minutes" in response.content


def test_behind_the_councils_proxy_the_forwarded_address_counts(
    client, alice, settings
):
    settings.PUTRIGHT_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    for _ in range(5):
        _attempt(client, "alice", "guess", proxy, HTTP_X_FORWARDED_FOR=STRANGER)
    # The proxy's own address is not locked: another client behind it signs in.
    response = _attempt(client, "alice", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=OFFICE)
    assert response.status_code == 302


def test_a_forged_forwarded_address_does_not_dodge_the_lock(client, alice, settings):
    settings.PUTRIGHT_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    for n in range(5):
        # The client writes a different address each time; the proxy appends the real one.
        forged = f"192.0.2.{n}, {STRANGER}"
        _attempt(client, "alice", "guess", proxy, HTTP_X_FORWARDED_FOR=forged)
    forged = f"192.0.2.99, {STRANGER}"
    response = _attempt(client, "alice", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=forged)
    assert response.status_code == 429
