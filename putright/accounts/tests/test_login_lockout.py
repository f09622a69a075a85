import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _attempt(client, password):
    return client.post(
        reverse("accounts:login"), {"username": "alice", "password": password}
    )


def test_five_failed_sign_ins_lock_the_account_even_with_the_right_password(
    client, alice
):
    for _ in range(5):
        _attempt(client, "wrong")
    response = _attempt(client, "correct horse battery")
    assert response.status_code == 429
    assert b"Your account is locked" in response.content
    assert "_auth_user_id" not in client.session


def test_correct_password_signs_in(client, alice):
    response = _attempt(client, "correct horse battery")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_anonymous_request_for_home_redirects_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
