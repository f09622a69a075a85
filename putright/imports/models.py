"""A record of each completed import run (the target of its single audit event)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from putright.core.models import BackgroundRun


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


class ImportUpload(BackgroundRun):
    """A file uploaded from the web, imported by the worker (`putright.imports.uploads`).

    The stored file is deleted once the worker has read it: the records hold the data,
    and the `ImportRun` keeps the file's name and checksum.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_uploads",
    )
    file = models.FileField(upload_to="imports/", blank=True)
    original_name = models.CharField(max_length=200)
    is_dry_run = models.BooleanField(default=False)
    import_run = models.ForeignKey(
        ImportRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    summary = models.TextField(blank=True)
    # The Imports page (docs/running/imports-page.md): the file's checksum and size, the
    # column map it was read with, what its preview (a dry run) found, and progress.
    checksum = models.CharField(max_length=64, blank=True, help_text="SHA-256.")
    size = models.PositiveBigIntegerField(default=0)
    map_name = models.CharField(max_length=200, blank=True)
    map_text = models.TextField(blank=True, help_text="The column map (JSON).")
    preview = models.JSONField(
        default=dict, blank=True, help_text="Counts and first rows of the dry run."
    )
    problems = models.JSONField(
        default=list, blank=True, help_text="[row, column, value, reason, file] each."
    )
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="When Run import was pressed; None: preview."
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Import of {self.original_name} ({self.get_status_display().lower()})"

    def preview_without_rows(self) -> dict[str, Any]:
        """The preview once the file is imported or cancelled: its counts and references,
        not the first rows (the records hold them now, or nothing should)."""
        return {key: value for key, value in self.preview.items() if key != "tables"}
