"""The file outbox: a Django email backend that writes each message to a file (the demo).

`make demo` has no mail server, so the development settings send email here:
`EMAIL_BACKEND = "putright.notifications.outbox.OutboxBackend"`. Each message becomes one
`.eml` file (RFC 5322, attachments intact: any mail program opens it) in the data folder's
`outbox/` (`PUTRIGHT_OUTBOX_DIR` to choose another). Names start with the UTC time to the
microsecond and end with a random part, so they sort by time and never collide. Each file
is written under a hidden temporary name and renamed into place, so a reader never sees a
half-written message. Production keeps SMTP (or GOV.UK Notify); see
docs/running/email-and-outbox.md.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import os
import secrets
import tempfile
from collections.abc import Sequence
from email.message import EmailMessage as ParsedMessage
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend


def outbox_dir() -> Path:
    """Where the outbox keeps its files (created on first use)."""
    configured = getattr(settings, "PUTRIGHT_OUTBOX_DIR", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "outbox"


def _name(now: dt.datetime) -> str:
    return f"{now:%Y%m%dT%H%M%S%fZ}-{secrets.token_hex(6)}.eml"


def outbox_write(message: EmailMessage, folder: Path | None = None) -> Path:
    """Write one message atomically as an .eml file; returns its path."""
    folder = folder or outbox_dir()
    folder.mkdir(parents=True, exist_ok=True)
    data = message.message().as_bytes(linesep="\r\n")
    target = folder / _name(dt.datetime.now(dt.UTC))
    handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def outbox_messages(folder: Path | None = None) -> list[tuple[Path, ParsedMessage]]:
    """The messages in the outbox, oldest first, parsed (for tests and the demo)."""
    folder = folder or outbox_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.eml")):
        with path.open("rb") as handle:
            parsed = email.message_from_binary_file(handle, policy=email.policy.default)
        found.append((path, parsed))  # type: ignore[arg-type]
    return found


class OutboxBackend(BaseEmailBackend):
    """Writes every message to the outbox folder instead of sending it."""

    def __init__(self, *args: Any, folder: str | Path | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.folder = Path(folder) if folder else None

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                outbox_write(message, self.folder)
            except OSError:
                if not self.fail_silently:
                    raise
                continue
            sent += 1
        return sent
