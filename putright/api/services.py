"""Creating and checking API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from putright.accounts.models import User
from putright.api.models import ApiToken
from putright.audit.services import audit_record, snapshot

TOKEN_PREFIX = "pr_"  # noqa: S105 (a label, not a secret)
# Writing last_used_at on every call would turn each read into a write.
_LAST_USED_RESOLUTION = timedelta(minutes=5)


def token_hash(raw: str) -> str:
    """SHA-256 of the token: tokens are long and random, so no salt or slow hash is needed."""
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(*, user: User, name: str = "", by: User | None = None) -> str:
    """Make a new token for a user; return it once (only its hash is kept)."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, prefix=raw[:10], token_hash=token_hash(raw)
        )
        audit_record(
            actor=by,
            verb="api_token_created",
            target=token,
            after=snapshot(token, ["name", "prefix"]) | {"user": user.username},
        )
    return raw


def api_token_user(raw: str) -> User | None:
    """The active user a token belongs to, noting when it was last used; None if invalid."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=token_hash(raw), is_active=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > _LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
