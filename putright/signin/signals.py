"""Sign-in and sign-out hooks: start the session clocks; end the provider's session too."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from putright.signin.services import signed_in_through_provider
from putright.signin.sessions import session_started


@receiver(user_logged_in, dispatch_uid="putright_signin_session_started")
def _session_started(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        session_started(request.session)


@receiver(user_logged_out, dispatch_uid="putright_signin_provider_logout")
def _provider_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    # Read before Django flushes the session: the ID token is the provider's hint.
    if request is None or not hasattr(request, "session"):
        return
    if signed_in_through_provider(request.session):
        # SignInMiddleware turns this into the redirect to the provider.
        request.provider_id_token = request.session.get("oidc_id_token", "")
