"""`putright check`: email in is set up well enough to log what it reads."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def inbox_settings(app_configs: Any = None, **kwargs: Any) -> list:
    problems: list = []
    if not getattr(settings, "PUTRIGHT_INBOX_IMAP_HOST", ""):
        return problems
    security = getattr(settings, "PUTRIGHT_INBOX_IMAP_SECURITY", "ssl").lower()
    if security not in ("ssl", "starttls"):
        problems.append(
            Error(
                "PUTRIGHT_INBOX_IMAP_SECURITY must be ssl or starttls.",
                hint="The mailbox password is never sent unencrypted.",
                id="putright.inbox.E001",
            )
        )
    if not getattr(settings, "PUTRIGHT_INBOX_DIRECTORATE", ""):
        problems.append(
            Warning(
                "PUTRIGHT_INBOX_DIRECTORATE is not set: emails read from the mailbox "
                "are kept but fail until it names the directorate that triages them.",
                id="putright.inbox.W001",
            )
        )
    return problems
