"""The second factor: who needs one, enrolling an authenticator app, and resetting it.

A password alone must not open case data (docs/regulatory-rules.md §8.9): every role with
casework needs a time-based code (TOTP) as well. So do administrators: the administration
area can give any account a casework role and reset other people's second factor, so it is
as sensitive as case data. A person who signed in through the council's identity provider
has already met the provider's own multi-factor rules and is not asked again.
"""

from __future__ import annotations

import base64
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from putright.accounts.models import User
from putright.accounts.policy import Capability, can
from putright.audit.services import audit_record

SSO_BACKEND = "putright.signin.oidc.SingleSignOnBackend"
DEVICE_NAME = "Authenticator app"


def second_factor_needed(user: Any) -> bool:
    """Whether the user's role needs a second factor at password sign-in."""
    if not settings.PUTRIGHT_SECOND_FACTOR_REQUIRED:
        return False
    return can(user, Capability.CASEWORK) or can(user, Capability.ADMINISTRATION)


def signed_in_through_provider(session: Any) -> bool:
    """Whether this session began at the council's identity provider."""
    return session.get(BACKEND_SESSION_KEY) == SSO_BACKEND


def second_factor_device(user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def second_factor_enrolment(user: User) -> TOTPDevice:
    """The unconfirmed device being set up, created once so a reload keeps the key."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def manual_key(device: TOTPDevice) -> str:
    """The device's secret as a base32 key in groups of four, for typing into an app."""
    key = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def second_factor_confirm(*, device: TOTPDevice, token: str) -> bool:
    """Confirm an enrolment with the first code the app shows; audited."""
    if not device.verify_token(token):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(
            actor=device.user,
            verb="second_factor_enrolled",
            target=device.user,
            message="Set up an authenticator app for sign-in.",
        )
    return True


def second_factor_reset(*, user: User, by: User | None) -> int:
    """Remove a colleague's authenticator app so they set up a new one; audited.

    Nobody resets their own: a second person confirms who is asking. `by` is None for
    the server's command line (`putright second_factor_reset`), the way back in when
    nobody else who may reset can sign in.
    """
    if by is not None and user.pk == by.pk:
        raise ValueError("You cannot reset your own second factor.")
    with transaction.atomic():
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        where = "on the server's command line" if by is None else "on the staff page"
        audit_record(
            actor=by,
            verb="second_factor_reset",
            target=user,
            message=f"Reset the second factor {where}; a new authenticator app is "
            "needed.",
        )
    return removed
