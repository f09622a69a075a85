"""Every message that arrives in the council's mailbox, kept before it is read.

An `InboundMessage` is written, with the raw bytes in a file, before anything parses the
message: a parser or database failure leaves it failed with a message, and the next run of
`putright read_mailbox` tries it again. Its key is the Message-ID (hashed, so any length
fits), or the hash of the bytes when there is none: the same message never makes two cases.
"""

from __future__ import annotations

import secrets

from django.db import models

from putright.core.models import TimeStampedModel


def _raw_path(instance: InboundMessage, filename: str) -> str:
    # A random name: nothing from the message reaches the file system.
    return f"inbox/{secrets.token_hex(16)}.eml"


class InboundMessage(TimeStampedModel):
    class Status(models.TextChoices):
        RECEIVED = "received", "Received, not read yet"
        PROCESSED = "processed", "Processed"
        FAILED = "failed", "Failed: tried again on the next run"

    class Source(models.TextChoices):
        IMAP = "imap", "Mailbox (IMAP)"
        FORWARDED = "forwarded", "Forwarding address"

    class Outcome(models.TextChoices):
        NEW_CONTACT = "new_contact", "New contact"
        REPLY = "reply", "Added to its case"
        OWN_ADDRESS = "own_address", "Not logged: sent from the council's own address"

    key = models.CharField(max_length=64, unique=True)
    message_id = models.CharField("Message-ID", max_length=300, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices)
    # Emptied once processed: the case keeps the original (original-message.eml).
    raw = models.FileField(upload_to=_raw_path, max_length=200, blank=True)
    size = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    processed_at = models.DateTimeField(null=True, blank=True)
    case = models.ForeignKey(
        "complaints.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "inbound email"

    def __str__(self) -> str:
        return f"Inbound email {self.pk} ({self.get_status_display().lower()})"
