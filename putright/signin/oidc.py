"""Single sign-on with the council's identity provider over OpenID Connect.

mozilla-django-oidc runs the authorisation-code flow (with PKCE and a nonce); this module
adds what a council needs on top: endpoints from the issuer's discovery document, checks
that the ID token was issued by the configured issuer for this client, and the mapping
from the provider's groups and claims to a putright role, directorate and team, applied on
every sign-in. Someone whose groups map to no role is refused and no account is made: an
account without a role would be a service officer who can open the case list.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from putright.accounts.models import User
from putright.audit.services import audit_record, snapshot
from putright.organisation.models import Directorate, Team
from putright.signin.models import SingleSignOnIdentity

log = logging.getLogger(__name__)

# The provider settings that may come from the discovery document instead.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "PUTRIGHT_OIDC_END_SESSION_ENDPOINT": "end_session_endpoint",
}
DISCOVERY_LIFETIME_SECONDS = 3600
_discovery_cache: dict[str, tuple[float, dict[str, Any]]] = {}

# Why a sign-in was refused, kept in the session for the refusal page.
REFUSAL_SESSION_KEY = "signin_refusal"


class SignInRefused(Exception):
    """The provider vouched for the person, but putright cannot give them an account."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


def sso_enabled() -> bool:
    """Whether single sign-on is configured (a client id and an issuer or endpoints)."""
    return bool(
        settings.OIDC_RP_CLIENT_ID
        and (settings.PUTRIGHT_OIDC_ISSUER or settings.OIDC_OP_AUTHORIZATION_ENDPOINT)
    )


def discovery() -> dict[str, Any]:
    """The issuer's OpenID configuration, fetched once an hour."""
    issuer = settings.PUTRIGHT_OIDC_ISSUER
    if not issuer:
        return {}
    cached = _discovery_cache.get(issuer)
    if cached and time.monotonic() - cached[0] < DISCOVERY_LIFETIME_SECONDS:
        return cached[1]
    response = requests.get(
        f"{issuer}/.well-known/openid-configuration",
        timeout=settings.OIDC_TIMEOUT,
        verify=getattr(settings, "OIDC_VERIFY_SSL", True),
    )
    response.raise_for_status()
    document: dict[str, Any] = response.json()
    _discovery_cache[issuer] = (time.monotonic(), document)
    return document


def provider_setting(name: str, *default: Any) -> Any:
    """A setting, falling back to the discovery document for the provider's endpoints."""
    value = getattr(settings, name, None)
    if value is not None and value != "":
        return value
    if name in DISCOVERED and settings.PUTRIGHT_OIDC_ISSUER:
        found = discovery().get(DISCOVERED[name])
        if found:
            return found
    if default:
        return default[0]
    raise ImproperlyConfigured(
        f"Single sign-on needs {name} or an issuer that publishes it."
    )


# --- The mapping from the provider's claims to a role, directorate and team -----------------


@dataclass(frozen=True)
class Placement:
    role: str
    directorate: Directorate | None
    team: Team | None
    sets_directorate: bool
    sets_team: bool


def _claim_values(claims: dict[str, Any], name: str) -> list[str]:
    value = claims.get(name)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [str(value)]


def _claim_text(claims: dict[str, Any], name: str) -> str:
    values = _claim_values(claims, name) if name else []
    return values[0].strip() if values else ""


def role_for(claims: dict[str, Any]) -> str:
    """The role of the first group in PUTRIGHT_OIDC_ROLE_MAP that the person is in."""
    groups = set(_claim_values(claims, settings.PUTRIGHT_OIDC_GROUPS_CLAIM))
    for group, role in settings.PUTRIGHT_OIDC_ROLE_MAP.items():
        if group in groups:
            if role not in User.Role.values:
                # The deploy check names the bad entry; refuse rather than guess.
                raise SignInRefused("misconfigured")
            return str(role)
    raise SignInRefused("no_role")


def placement_for(claims: dict[str, Any]) -> Placement:
    """Role, directorate and team from the claims; refused if a name is not known."""
    role = role_for(claims)
    directorate_name = _claim_text(claims, settings.PUTRIGHT_OIDC_DIRECTORATE_CLAIM)
    team_name = _claim_text(claims, settings.PUTRIGHT_OIDC_TEAM_CLAIM)
    directorate = None
    if directorate_name:
        directorate = Directorate.objects.filter(
            name__iexact=directorate_name, is_active=True
        ).first()
        if directorate is None:
            raise SignInRefused("unknown_directorate", directorate_name)
    team = None
    if team_name:
        teams = Team.objects.filter(name__iexact=team_name, is_active=True)
        if directorate is not None:
            teams = teams.filter(directorate=directorate)
        found = list(teams.select_related("directorate")[:2])
        if len(found) != 1:
            raise SignInRefused(
                "unknown_team" if not found else "ambiguous_team", team_name
            )
        team = found[0]
        directorate = team.directorate
    return Placement(
        role=role,
        directorate=directorate,
        team=team,
        sets_directorate=bool(directorate_name or team_name),
        sets_team=bool(team_name),
    )


PLACED_FIELDS = ["role", "directorate", "team", "first_name", "last_name", "email"]


def _apply(user: User, claims: dict[str, Any], placement: Placement) -> list[str]:
    """Copy the placement and the person's name and email onto the user."""
    changed = []
    values: dict[str, Any] = {"role": placement.role}
    if placement.sets_directorate:
        values["directorate"] = placement.directorate
    if placement.sets_team:
        values["team"] = placement.team
    for field, claim in (
        ("first_name", "given_name"),
        ("last_name", "family_name"),
        ("email", "email"),
    ):
        text = _claim_text(claims, claim)
        if text:
            values[field] = text[: User._meta.get_field(field).max_length]  # type: ignore[union-attr]
    for field, value in values.items():
        if getattr(user, field) != value:
            setattr(user, field, value)
            changed.append(field)
    return changed


class SingleSignOnBackend(OIDCAuthenticationBackend):
    """Authenticates at the council's provider; creates or updates the user each time."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Read the provider's settings at sign-in, not at start-up: discovery needs the
        # network, and a council without single sign-on never calls this backend's flow.
        self.UserModel = get_user_model()

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return provider_setting(attr, *args)

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:
        if request is None or not sso_enabled():
            return None
        if "code" not in request.GET or "state" not in request.GET:
            return None
        self.OIDC_OP_TOKEN_ENDPOINT = provider_setting("OIDC_OP_TOKEN_ENDPOINT")
        self.OIDC_OP_USER_ENDPOINT = provider_setting("OIDC_OP_USER_ENDPOINT", "")
        self.OIDC_OP_JWKS_ENDPOINT = provider_setting("OIDC_OP_JWKS_ENDPOINT", None)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = getattr(settings, "OIDC_RP_IDP_SIGN_KEY", None)
        try:
            return super().authenticate(request, **kwargs)
        except SignInRefused as refusal:
            log.warning("Single sign-on refused: %s", refusal.reason)
            request.session[REFUSAL_SESSION_KEY] = [refusal.reason, refusal.detail]
        except (
            SuspiciousOperation,
            ImproperlyConfigured,
            requests.RequestException,
            jwt.PyJWTError,
            ValueError,
        ) as error:
            # A bad or expired token, a provider that is down or answers nonsense, or a
            # missing endpoint: the person sees the refusal page, the log says why.
            log.warning("Single sign-on failed at the provider: %s", error)
            request.session[REFUSAL_SESSION_KEY] = ["provider_error", ""]
        return None

    def get_user(self, user_id: Any) -> Any:
        """The signed-in user on each request; a switched-off account is signed out."""
        user = self.UserModel.objects.filter(pk=user_id).first()
        return user if user is not None and user.is_active else None

    def verify_token(self, token: str, **kwargs: Any) -> Any:
        """The signature and nonce (mozilla-django-oidc), then issuer and audience."""
        payload = super().verify_token(token, **kwargs)
        if kwargs.get("nonce") is None:
            return payload  # a signed userinfo response, not the ID token
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The ID token was issued to another client.")
        issuer = provider_setting("PUTRIGHT_OIDC_ISSUER", "") or discovery().get(
            "issuer", ""
        )
        if issuer and payload.get("iss", "").rstrip("/") != issuer.rstrip("/"):
            raise SuspiciousOperation("The ID token comes from another issuer.")
        self.id_token_claims = payload
        return payload

    def get_userinfo(self, access_token: str, id_token: str, payload: Any) -> Any:
        """The ID token's claims, completed by the userinfo endpoint where there is one.

        Entra ID puts groups in the ID token only, so both are read.
        """
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = super().get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("The userinfo subject does not match.")
            claims.update(userinfo)
        return claims

    def verify_claims(self, claims: Any) -> bool:
        return bool(claims.get("sub"))

    def _issuer(self) -> str:
        return str(getattr(self, "id_token_claims", {}).get("iss", ""))

    def filter_users_by_claims(self, claims: Any) -> Any:
        """The user linked to this subject; else one unlinked account with the email."""
        linked = self.UserModel.objects.filter(
            single_sign_on_identities__issuer=self._issuer(),
            single_sign_on_identities__subject=claims["sub"],
        )
        if linked.exists():
            return linked
        email = _claim_text(claims, "email")
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(
            email__iexact=email, single_sign_on_identities__isnull=True
        )

    def create_user(self, claims: Any) -> User:
        placement = placement_for(claims)
        with transaction.atomic():
            user = User(username=self._new_username(claims))
            user.set_unusable_password()  # signs in at the provider only
            _apply(user, claims, placement)
            user.save()
            self._link(user, claims)
            audit_record(
                actor=None,
                verb="user_created_by_sign_in",
                target=user,
                after=snapshot(user, ["role", "directorate", "team"]),
                message="Created at first sign-in through the council's provider.",
            )
        return user

    def update_user(self, user: User, claims: Any) -> User:
        if not user.is_active:
            raise SignInRefused("inactive")
        placement = placement_for(claims)
        with transaction.atomic():
            before = snapshot(user, ["role", "directorate", "team"])
            changed = _apply(user, claims, placement)
            if changed:
                user.save(update_fields=changed)
            if set(changed) & {"role", "directorate", "team"}:
                audit_record(
                    actor=None,
                    verb="user_updated_by_sign_in",
                    target=user,
                    before=before,
                    after=snapshot(user, ["role", "directorate", "team"]),
                    message="Role or service changed at the council's provider.",
                )
            self._link(user, claims)
        return user

    def _link(self, user: User, claims: Any) -> None:
        SingleSignOnIdentity.objects.update_or_create(
            issuer=self._issuer(),
            subject=claims["sub"],
            defaults={"user": user, "last_signed_in_at": timezone.now()},
        )

    def _new_username(self, claims: Any) -> str:
        wanted = (
            _claim_text(claims, "preferred_username")
            or _claim_text(claims, "email")
            or f"sso-{claims['sub']}"
        )[:140]
        username, n = wanted, 1
        while self.UserModel.objects.filter(username__iexact=username).exists():
            n += 1
            username = f"{wanted}-{n}"
        return username


class SignInStartView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider; endpoints may come from discovery."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return provider_setting(attr, *args)

    def get(self, request: HttpRequest) -> Any:
        self.OIDC_OP_AUTH_ENDPOINT = provider_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        request.session.pop(REFUSAL_SESSION_KEY, None)
        return super().get(request)


class SignInCallbackView(OIDCAuthenticationCallbackView):
    """Back from the provider: signs in, or shows why not."""

    @property
    def failure_url(self) -> str:
        return reverse("signin:sso_refused")

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return provider_setting(attr, *args)

    def get(self, request: HttpRequest) -> Any:
        states = request.session.get("oidc_states", {})
        if "state" in request.GET and request.GET["state"] not in states:
            # A stale or replayed link, or a second tab: start again, not a 400 page.
            request.session[REFUSAL_SESSION_KEY] = ["expired", ""]
            return self.login_failure()
        if request.GET.get("error"):
            request.session[REFUSAL_SESSION_KEY] = ["provider_said_no", ""]
        return super().get(request)


def provider_logout_url(request: HttpRequest, id_token: str) -> str:
    """Where to send the browser to end the session at the provider, or ''."""
    if not (settings.PUTRIGHT_OIDC_PROVIDER_LOGOUT and sso_enabled()):
        return ""
    try:
        endpoint = provider_setting("PUTRIGHT_OIDC_END_SESSION_ENDPOINT", "")
    except requests.RequestException:
        return ""
    if not endpoint:
        return ""
    query = {"client_id": settings.OIDC_RP_CLIENT_ID}
    if id_token:
        query["id_token_hint"] = id_token
    query["post_logout_redirect_uri"] = request.build_absolute_uri(
        reverse("accounts:login")
    )
    separator = "&" if "?" in endpoint else "?"
    return f"{endpoint}{separator}{urlencode(query)}"
