"""Report runs (generated files, polled by the Reports page) and the council's commentary."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from putright.core.models import TimeStampedModel


class ReportRun(TimeStampedModel):
    """One request to generate the annual report in one format, filled in by a task."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    stalled_message = (
        "The background worker stopped while generating this report. Ask for it again."
    )

    class Format(models.TextChoices):
        HTML = "html", "Web page (HTML)"
        PDF = "pdf", "PDF document"
        DOCX = "docx", "Word document (DOCX)"
        XLSX = "xlsx", "Excel workbook (XLSX)"

    class Audience(models.TextChoices):
        PUBLIC = "public", "Public (published, small numbers suppressed)"
        INTERNAL = "internal", "Internal (includes case summaries)"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report_runs",
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    year = models.CharField(max_length=9)
    directorate = models.ForeignKey(
        "organisation.Directorate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    format = models.CharField(max_length=10, choices=Format.choices)
    audience = models.CharField(
        max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    progress = models.PositiveSmallIntegerField(default=0)
    progress_message = models.CharField(max_length=200, blank=True)
    output = models.FileField(upload_to="reports/", blank=True)
    filename = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Annual report {self.year} ({self.format}, {self.audience})"

    def get_absolute_url(self) -> str:
        return reverse("reporting:run_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class Commentary(models.Model):
    """The council's own text for one section of one year's report (optionally one directorate)."""

    section = models.CharField(max_length=50)
    year = models.CharField(max_length=9)
    directorate = models.ForeignKey(
        "organisation.Directorate",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year", "section"]
        verbose_name_plural = "commentaries"
        constraints = [
            models.UniqueConstraint(
                fields=["section", "year", "directorate"],
                name="commentary_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.section} {self.year}"
