"""Session limits: signed out after a spell of inactivity, and after a working day."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone

SIGNED_IN_AT = "signin_signed_in_at"
LAST_SEEN_AT = "signin_last_seen_at"
# Activity is written at most this often, so reading pages does not write every time.
ACTIVITY_RESOLUTION_SECONDS = 60


def session_started(session: Any) -> None:
    """Start both clocks at sign-in."""
    now = timezone.now().timestamp()
    session[SIGNED_IN_AT] = now
    session[LAST_SEEN_AT] = now


def session_expiry_reason(session: Any) -> str:
    """'idle' or 'limit' if the session has run out, else ''; records the activity."""
    now = timezone.now().timestamp()
    signed_in_at = session.get(SIGNED_IN_AT)
    last_seen_at = session.get(LAST_SEEN_AT)
    if signed_in_at is None or last_seen_at is None:
        # A session from before these limits: its clocks start now.
        session_started(session)
        return ""
    if now - signed_in_at > settings.PUTRIGHT_SESSION_MAX_HOURS * 3600:
        return "limit"
    if now - last_seen_at > settings.PUTRIGHT_SESSION_IDLE_MINUTES * 60:
        return "idle"
    if now - last_seen_at >= ACTIVITY_RESOLUTION_SECONDS:
        session[LAST_SEEN_AT] = now
    return ""
