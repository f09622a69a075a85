"""One middleware for the rules every signed-in request obeys.

1. Session limits: signed out after PUTRIGHT_SESSION_IDLE_MINUTES without a request, and
   PUTRIGHT_SESSION_MAX_HOURS after signing in, whatever the activity.
2. The second factor: a password-only session of a role that needs one reaches only the
   pages that set up or check the code, and signing out.
3. Signing out of a single sign-on session continues to the provider's end-session page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from putright.signin.oidc import provider_logout_url
from putright.signin.services import (
    second_factor_device,
    second_factor_needed,
    signed_in_through_provider,
)
from putright.signin.sessions import session_expiry_reason

EXPIRY_MESSAGES = {
    "idle": "You were signed out because you had not used putright for {minutes} "
    "minutes. Sign in again to carry on.",
    "limit": "You were signed out because you signed in more than {hours} hours ago. "
    "Sign in again to carry on.",
}
# Pages a password-only session may use before giving its code.
OPEN_BEFORE_SECOND_FACTOR = {
    "signin:second_factor",
    "signin:second_factor_setup",
    "accounts:logout",
    "healthz",
    "branding_css",
}


class SignInMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self._enforce_session_limits(request)
        response = self.get_response(request)
        id_token = getattr(request, "provider_id_token", None)
        if id_token is not None and response.status_code in (301, 302, 303):
            provider_url = provider_logout_url(request, id_token)
            if provider_url:
                return HttpResponseRedirect(provider_url)
        return response

    def _enforce_session_limits(self, request: HttpRequest) -> None:
        from django.conf import settings

        reason = session_expiry_reason(request.session)
        if not reason:
            return
        logout(request)
        messages.info(
            request,
            EXPIRY_MESSAGES[reason].format(
                minutes=settings.PUTRIGHT_SESSION_IDLE_MINUTES,
                hours=settings.PUTRIGHT_SESSION_MAX_HOURS,
            ),
        )

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user: Any = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if not second_factor_needed(user) or signed_in_through_provider(
            request.session
        ):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        target = "signin:second_factor"
        if second_factor_device(user) is None:
            target = "signin:second_factor_setup"
        url = reverse(target)
        after = request.get_full_path()
        if request.method == "GET" and url_has_allowed_host_and_scheme(
            after, allowed_hosts={request.get_host()}
        ):
            url = f"{url}?{urlencode({'next': after})}"
        return redirect(url)
