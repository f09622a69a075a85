"""Start-up checks for sign-in: a mistyped role map or production without 2FA is refused."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

from putright.accounts.models import User


@register()
def role_map_names_real_roles(app_configs: Any, **kwargs: Any) -> list[Error]:
    """Every role in PUTRIGHT_OIDC_ROLE_MAP is one of putright's roles."""
    role_map = settings.PUTRIGHT_OIDC_ROLE_MAP
    if not isinstance(role_map, dict):
        return [
            Error(
                "PUTRIGHT_OIDC_ROLE_MAP must be a JSON object of group to role, like "
                '{"Complaints team": "complaints_team"}.',
                id="putright.signin.E001",
            )
        ]
    return [
        Error(
            f"PUTRIGHT_OIDC_ROLE_MAP gives the group {group!r} the role {role!r}, "
            f"which is not one of: {', '.join(User.Role.values)}.",
            id="putright.signin.E002",
        )
        for group, role in role_map.items()
        if role not in User.Role.values
    ]


@register(Tags.security, deploy=True)
def second_factor_is_required(app_configs: Any, **kwargs: Any) -> list[Error]:
    """Production never runs with the second factor switched off."""
    if settings.PUTRIGHT_SECOND_FACTOR_REQUIRED:
        return []
    return [
        Error(
            "The second factor is switched off (PUTRIGHT_SECOND_FACTOR_REQUIRED). "
            "A password alone must not open case data: use the production settings.",
            id="putright.signin.E003",
        )
    ]
