"""What the sign-in page needs to know: is single sign-on on, is the second factor off."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from putright.signin.oidc import sso_enabled


def sign_in(request: HttpRequest) -> dict[str, Any]:
    return {
        "sign_in": {
            "sso_enabled": sso_enabled(),
            "sso_label": settings.PUTRIGHT_OIDC_BUTTON_LABEL,
            "second_factor_off": not settings.PUTRIGHT_SECOND_FACTOR_REQUIRED,
        }
    }
