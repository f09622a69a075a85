"""Signed links that let a complainant follow their case without an account.

The acknowledgement email carries `follow_url(case)`. The token names the case and a digest
of the email address it was sent to, signed with the site's secret and stamped with the time:
it stops working after `PUTRIGHT_FOLLOW_LINK_DAYS` days (30 by default), when the address on
the case changes, or when the case is anonymised. A fresh link is sent only to the address
on the case (`putright.public`), so holding a reference alone never opens a case.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core import signing
from django.urls import reverse

from putright.complaints.models import Case

SALT = "putright.complaints.follow"


def link_days() -> int:
    """How many days a follow link works for."""
    return int(getattr(settings, "PUTRIGHT_FOLLOW_LINK_DAYS", 30))


def _email_digest(email: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()[
        :20
    ]


def follow_token(case: Case) -> str:
    """A signed, time-stamped token for the case and the address it is sent to."""
    signer = signing.TimestampSigner(salt=SALT)
    return signer.sign(f"{case.pk}.{_email_digest(case.contact_email)}")


def follow_path(case: Case) -> str:
    return reverse("public:follow", args=[follow_token(case)])


def follow_url(case: Case) -> str:
    """The absolute link for an email (PUTRIGHT_BASE_URL + the follow page)."""
    base = getattr(settings, "PUTRIGHT_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    return base + follow_path(case)


def case_for_token(token: str) -> Case | None:
    """The case a valid, unexpired token names, or None (expired, altered or stale)."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        value = signer.unsign(token, max_age=link_days() * 24 * 60 * 60)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    pk_text, _, digest = value.partition(".")
    if not pk_text.isdigit() or len(pk_text) > 18:
        return None
    case = Case.objects.filter(pk=int(pk_text)).first()
    if case is None or not case.contact_email:
        return None
    if not hmac.compare_digest(digest, _email_digest(case.contact_email)):
        return None
    return case


def email_matches(case: Case, email: str) -> bool:
    """Whether an address typed by someone asking for a fresh link is the case's own."""
    if not case.contact_email or not email:
        return False
    return hmac.compare_digest(_email_digest(case.contact_email), _email_digest(email))


def address_digest(email: str) -> str:
    """A keyed digest of an address typed by someone asking for a fresh link.

    What the background job is given instead of the address itself, so that no address
    typed by a stranger is stored in the task queue.
    """
    return _email_digest(email) if email else ""


def digest_matches(case: Case, digest: str) -> bool:
    """Whether `address_digest(email)` is that of the case's own address."""
    if not case.contact_email or not digest:
        return False
    return hmac.compare_digest(_email_digest(case.contact_email), digest)
