"""System checks that stop production starting with settings only fit for a laptop.

Every management command runs them, and so does the WSGI application as it starts
(putright/config/wsgi.py), so gunicorn refuses to serve with them failing.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

PRODUCTION_TAG = "putright_production"
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE = 5
DEVELOPMENT_KEY_MARKERS = ("insecure", "django-insecure", "change-me")


def _secret_key_errors(key: str) -> list[checks.CheckMessage]:
    if not key or any(marker in key for marker in DEVELOPMENT_KEY_MARKERS):
        return [
            checks.Error(
                "SECRET_KEY is not set, or is the development key.",
                hint="Set SECRET_KEY in the env file to a new random value, for example "
                "the output of: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'",
                id="putright.E001",
            )
        ]
    if len(key) < SECRET_KEY_MIN_LENGTH or len(set(key)) < SECRET_KEY_MIN_UNIQUE:
        return [
            checks.Error(
                f"SECRET_KEY is too short or too simple: it needs at least "
                f"{SECRET_KEY_MIN_LENGTH} characters and {SECRET_KEY_MIN_UNIQUE} "
                f"different ones.",
                hint="Generate one with: python3 -c 'import secrets; "
                "print(secrets.token_urlsafe(50))'",
                id="putright.E002",
            )
        ]
    return []


@checks.register(PRODUCTION_TAG)
def production_settings_check(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    """In production: a real secret key and DEBUG off (DEBUG shows settings on errors)."""
    if not getattr(settings, "PUTRIGHT_PRODUCTION", False):
        return []
    errors = _secret_key_errors(str(settings.SECRET_KEY))
    if settings.DEBUG:
        errors.append(
            checks.Error(
                "DEBUG is on in production: error pages would show the code, the "
                "settings and the environment.",
                hint="Remove DEBUG from the env file (or set DEBUG=0). For a development "
                "machine, set PUTRIGHT_ENV=development instead.",
                id="putright.E003",
            )
        )
    return errors


def production_errors() -> list[str]:
    """The failing production checks, as printable lines (empty when safe to serve)."""
    messages = checks.run_checks(tags=[PRODUCTION_TAG])
    return [str(message) for message in messages if message.is_serious()]
