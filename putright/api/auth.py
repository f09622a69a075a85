"""API authentication: a bearer token, or the signed-in staff session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from putright.api.services import api_token_user


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
