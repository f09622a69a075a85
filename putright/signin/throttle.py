"""Sign-in throttling that slows guessing without letting anyone lock an officer out.

Two rules (docs/running/sign-in.md, "Throttling"):

- a username and an address together are locked after AXES_FAILURE_LIMIT failures within
  the cool-off time; the same officer's correct password from any other address still
  works, so a stranger cannot lock them out by typing their username;
- an address is locked after failures for PUTRIGHT_SIGNIN_ADDRESS_USERNAME_LIMIT different
  usernames within the cool-off time: one password tried against many accounts
  (password spraying). Counting usernames, not failures, keeps one person's mistyping
  from locking the office they share an address with.

A username is never locked on its own.
"""

from __future__ import annotations

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_address(request: HttpRequest) -> str | None:
    """The client's address: the connection's, or the one the council's proxies saw."""
    hops = settings.PUTRIGHT_TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops > 0 and forwarded:
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        # Each trusted proxy appends the address it received from; anything to the left
        # of those was written by the client and cannot be trusted.
        if len(addresses) >= hops:
            return addresses[-hops]
    return request.META.get("REMOTE_ADDR")


def address_usernames_failed(request: HttpRequest) -> int:
    """How many different usernames failed from this request's address lately."""
    address = getattr(request, "axes_ip_address", None) or client_address(request)
    if not address:
        return 0
    return (
        AccessAttempt.objects.filter(
            ip_address=address, attempt_time__gte=get_cool_off_threshold(request)
        )
        .values("username")
        .distinct()
        .count()
    )


def address_is_locked(request: HttpRequest) -> bool:
    """Whether the address has failed for too many usernames (password spraying)."""
    limit = settings.PUTRIGHT_SIGNIN_ADDRESS_USERNAME_LIMIT
    return address_usernames_failed(request) >= limit


class SignInThrottle(AxesDatabaseHandler):
    """django-axes' database handler with the address rule added to the pair rule."""

    def get_failures(self, request: Any, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        if address_is_locked(request):
            # Report the address rule as a count that reaches the pair limit.
            return max(failures, get_failure_limit(request, credentials))
        return failures


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The lockout page: says which rule applied and how long it lasts."""
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    context = {
        "address_locked": address_is_locked(request),
        "minutes": minutes,
        "failure_limit": get_failure_limit(request, credentials),
    }
    return render(request, "accounts/locked_out.html", context, status=429)
