"""Single sign-on end to end against a real OpenID provider (django-oauth-toolkit)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from putright.accounts.models import User
from putright.audit.models import AuditEvent
from putright.signin.models import SingleSignOnIdentity
from putright.signin.tests.provider.process import sign_in_at_provider

pytestmark = pytest.mark.django_db


def _sign_in(client, username, password):
    start = client.get(reverse("signin:sso_start"), {"next": "/cases/"})
    assert start.status_code == 302
    back = sign_in_at_provider(start["Location"], username, password)
    assert back.startswith("http://testserver/accounts/sso/callback/?")
    parts = urlsplit(back)
    return client.get(parts.path, {k: v[0] for k, v in parse_qs(parts.query).items()})


def test_sign_in_creates_the_user_with_the_mapped_role_directorate_and_team(
    client, sso, send_team
):
    response = _sign_in(client, "pat", "pat's council password")
    assert response.status_code == 302
    assert response["Location"] == "/cases/"
    user = User.objects.get(email="pat.example@council.example")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.role == User.Role.COMPLAINTS_TEAM
    assert user.directorate == send_team.directorate
    assert user.team == send_team
    assert (user.first_name, user.last_name) == ("Pat", "Example")
    assert not user.has_usable_password()
    assert SingleSignOnIdentity.objects.get(user=user).issuer == sso.issuer
    assert AuditEvent.objects.filter(
        verb="user_created_by_sign_in", target_id=str(user.pk)
    ).exists()
    # The provider's own sign-in counts: no second-factor page for a provider session.
    assert client.get("/cases/").status_code == 200


def test_start_uses_discovery_pkce_and_a_nonce(client, sso):
    start = client.get(reverse("signin:sso_start"))
    query = parse_qs(urlsplit(start["Location"]).query)
    assert start["Location"].startswith(f"{sso.issuer}/authorize/")
    assert query["client_id"] == [sso.client_id]
    assert query["code_challenge_method"] == ["S256"]
    assert query["nonce"]
    assert query["state"]
    assert "groups" not in query["scope"][0]  # groups travel in the profile claims


def test_next_sign_in_updates_the_role_from_the_provider(
    client, sso, send_team, settings
):
    _sign_in(client, "pat", "pat's council password")
    client.logout()
    settings.PUTRIGHT_OIDC_ROLE_MAP = {"Complaints officers": "manager"}
    _sign_in(client, "pat", "pat's council password")
    user = User.objects.get(email="pat.example@council.example")
    assert user.role == User.Role.MANAGER
    assert User.objects.filter(email="pat.example@council.example").count() == 1
    event = AuditEvent.objects.get(verb="user_updated_by_sign_in")
    assert event.before["role"] == "complaints_team"
    assert event.after["role"] == "manager"


def test_existing_local_account_with_the_same_email_is_linked_not_duplicated(
    client, sso, send_team, alice
):
    alice.email = "Pat.Example@council.example"
    alice.save()
    _sign_in(client, "pat", "pat's council password")
    alice.refresh_from_db()
    assert client.session["_auth_user_id"] == str(alice.pk)
    assert SingleSignOnIdentity.objects.get().user == alice
    assert User.objects.count() == 1


def test_person_with_no_mapped_group_is_refused_and_no_account_is_made(client, sso):
    response = _sign_in(client, "quinn", "quinn's council password")
    assert response["Location"] == reverse("signin:sso_refused")
    page = client.get(response["Location"])
    assert page.status_code == 403
    assert b"not in any group that gives a role in putright" in page.content
    assert "_auth_user_id" not in client.session
    assert not User.objects.exists()


def test_unknown_directorate_is_refused_with_its_name(client, sso):
    # No Children's directorate in this installation.
    response = _sign_in(client, "pat", "pat's council password")
    page = client.get(response["Location"])
    assert page.status_code == 403
    assert "“Children&#x27;s”, which is not a directorate" in page.content.decode()
    assert not User.objects.exists()


def test_switched_off_account_is_refused(client, sso, send_team):
    _sign_in(client, "pat", "pat's council password")
    client.logout()
    User.objects.update(is_active=False)
    response = _sign_in(client, "pat", "pat's council password")
    page = client.get(response["Location"])
    assert b"switched off" in page.content
    assert "_auth_user_id" not in client.session


def test_replayed_callback_is_refused_without_an_error_page(client, sso, send_team):
    start = client.get(reverse("signin:sso_start"))
    back = sign_in_at_provider(start["Location"], "pat", "pat's council password")
    parts = urlsplit(back)
    params = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert client.get(parts.path, params).status_code == 302
    client.logout()
    again = client.get(parts.path, params)
    assert again["Location"] == reverse("signin:sso_refused")
    assert "_auth_user_id" not in client.session


def test_sign_out_ends_the_session_at_the_provider(client, sso, send_team):
    _sign_in(client, "pat", "pat's council password")
    id_token = client.session["oidc_id_token"]
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == (
        f"{sso.issuer}/logout/"
    )
    query = parse_qs(location.query)
    assert query["id_token_hint"] == [id_token]
    assert query["post_logout_redirect_uri"] == ["http://testserver/accounts/login/"]
    assert "_auth_user_id" not in client.session


def test_local_sign_out_stays_local(client, alice, sso):
    client.force_login(alice)
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:login")


def test_sign_in_page_offers_single_sign_on_only_when_configured(client, settings, sso):
    assert (
        b"Sign in with your council account" in client.get("/accounts/login/").content
    )
    settings.OIDC_RP_CLIENT_ID = ""
    assert (
        b"Sign in with your council account"
        not in client.get("/accounts/login/").content
    )


def test_switching_an_account_off_ends_its_single_sign_on_session(
    client, sso, send_team
):
    _sign_in(client, "pat", "pat's council password")
    assert client.get("/cases/").status_code == 200
    User.objects.update(is_active=False)
    response = client.get("/cases/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_provider_failing_at_the_callback_shows_the_refusal_page_not_an_error(
    client, sso, send_team, settings
):
    start = client.get(reverse("signin:sso_start"))
    back = sign_in_at_provider(start["Location"], "pat", "pat's council password")
    parts = urlsplit(back)
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/token"  # nothing listens
    response = client.get(
        parts.path, {k: v[0] for k, v in parse_qs(parts.query).items()}
    )
    assert response["Location"] == reverse("signin:sso_refused")
    page = client.get(response["Location"])
    assert b"could not check your sign-in" in page.content
    assert b"Traceback" not in page.content
    assert not User.objects.exists()
