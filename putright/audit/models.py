"""Every write leaves an AuditEvent: who, what, when, before and after."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    actor_label = models.CharField(
        max_length=200, help_text="Who acted, kept if the user is deleted."
    )
    verb = models.CharField(max_length=50, db_index=True)
    target_type = models.CharField(max_length=100)
    target_id = models.CharField(max_length=100)
    target_label = models.CharField(max_length=200, blank=True)
    case = models.ForeignKey(
        "complaints.Case",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="audit_target")
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.verb} {self.target_label}"
