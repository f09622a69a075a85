"""A record of each completed import run (the target of its single audit event)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ImportRun(models.Model):
    """One import that was committed: who, which files (with checksums), what changed."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_runs",
    )
    sources = models.JSONField(default=list, help_text="File (or sheet) names read.")
    checksums = models.JSONField(default=dict, help_text="SHA-256 of each file.")
    rows = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"Import of {', '.join(self.sources) or 'rows'} ({self.rows} rows)"
