"""The log of reminders sent: one row per reminder, so none is ever sent twice."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class NotificationLog(models.Model):
    """One reminder to one person, identified by a key such as `due_soon:42:2026-03-23`.

    The unique key is claimed before the message is sent, so two overlapping runs of
    `send-reminders` cannot both send it. A failed send releases the key for the next run.
    """

    class Kind(models.TextChoices):
        ACKNOWLEDGE_SOON = "acknowledge_soon", "Acknowledgement due soon"
        DUE_SOON = "due_soon", "Response due soon"
        OVERDUE = "overdue", "Overdue escalation"
        WEEKLY_SUMMARY = "weekly_summary", "Weekly summary"

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices, db_index=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )
    case = models.ForeignKey(
        "complaints.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )
    subject = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.key
