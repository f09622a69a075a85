"""A request from the app for an export of everything, filled in by the worker."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from putright.core.models import BackgroundRun


class ExportRun(BackgroundRun):
    """One export of everything, started by an administrator; the zip is kept to download."""

    stalled_message = (
        "The background worker stopped while writing this export, so it did not "
        "finish. Start another export."
    )

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    output = models.FileField(upload_to="exports/", blank=True)
    records = models.PositiveIntegerField(default=0)
    files = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Export of everything {self.pk}"

    @property
    def filename(self) -> str:
        return f"putright-everything-{self.created_at:%Y-%m-%d-%H%M}.zip"
