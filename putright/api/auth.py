"""API authentication: a bearer token, or the signed-in staff session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from putright.api.services import api_token_user
from putright.organisation.models import Council
from putright.signin.throttle import client_address
from putright.statistics.published import public_request_allowed


class TokenAuth(HttpBearer):
    """`Authorization: Bearer pr_...`, made with `putright api_token USERNAME`."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return api_token_user(token)


class StaffSessionAuth(SessionAuth):
    """The browser session of a signed-in, active member of staff."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if user.is_authenticated and user.is_active:
            return user
        return None


PUBLIC_VISITOR = "public"


class PublishedFiguresAuth:
    """No credentials: allowed when the council publishes its figures (§7), and only to
    the published figures. A visitor who asks too often is refused (429)."""

    def __call__(self, request: HttpRequest) -> Any:
        council = Council.current()
        if council is None or not council.publish_figures:
            return None
        if not public_request_allowed(client_address(request)):
            raise RateLimited
        return PUBLIC_VISITOR


class RateLimited(Exception):
    """Too many requests from one address this minute."""
