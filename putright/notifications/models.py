"""The log of reminders sent: one row per reminder, so none is ever sent twice."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from putright.core.models import BackgroundRun


class NotificationLog(models.Model):
    """One reminder to one person, identified by a key such as `due_soon:42:2026-03-23`.

    The unique key is claimed before the message is queued, so two overlapping runs of
    `send-reminders` cannot both send it. The email that carries it (`email`) is sent by
    the worker, which retries a failed send; the key stays claimed, so it is never lost
    and never sent twice.
    """

    class Kind(models.TextChoices):
        ACKNOWLEDGE_SOON = "acknowledge_soon", "Acknowledgement due soon"
        DUE_SOON = "due_soon", "Response due soon"
        OVERDUE = "overdue", "Overdue escalation"
        WEEKLY_SUMMARY = "weekly_summary", "Weekly summary"
        FOLLOW_LINK = "follow_link", "Follow link for a complainant"
        EMAIL_RECEIPT = "email_receipt", "Auto-reply to an email"

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
    email = models.ForeignKey(
        "notifications.NotificationEmail",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reminders",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.key


class NotificationEmail(BackgroundRun):
    """One email to one person, queued for the worker, which sends it exactly once.

    `key` is the email's idempotent key (its reminders' keys, hashed): the worker claims
    the row before sending, so two workers, or a task queued twice, cannot both send it.
    A failed send is retried with a growing delay, then marked failed with a message;
    `send-reminders` gives a failed email another round while its reminders are recent.
    Status "done" means sent.
    """

    # A send interrupted mid-way may have gone: never failed and resent automatically.
    stalled_message = None

    key = models.CharField(max_length=200, unique=True)
    # Reminders, or a letter or notice about a case (putright.correspondence).
    LETTER = "letter"
    kind = models.CharField(
        max_length=30,
        choices=[*NotificationLog.Kind.choices, (LETTER, "Letter or notice")],
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    # A letter's email (putright.correspondence) carries its PDF, stored under the case.
    case = models.ForeignKey(
        "complaints.Case",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    attachment = models.FileField(max_length=200, blank=True)
    attachment_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        # A resident's address (an auto-reply) is not shown outside their case.
        to = self.to if self.recipient_id else "a member of the public"
        return f"{self.subject} to {to} ({self.get_status_display().lower()})"

    @property
    def audit_label(self) -> str:
        """How the audit trail names it: a number, never the address or the subject."""
        return f"Email {self.pk}"
