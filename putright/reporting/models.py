"""Report runs (generated files, polled by the Reports page) and the council's commentary."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from putright.core.models import TimeStampedModel


class ReportRun(TimeStampedModel):
    """One request to generate the annual report, or a quarterly or half-year one, in one
    format, filled in by a task."""

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

    class Part(models.TextChoices):
        """The part of the year a report covers (docs/interchange-format.md §1)."""

        YEAR = "", "The whole year"
        Q1 = "Q1", "Quarter 1 (Q1)"
        Q2 = "Q2", "Quarter 2 (Q2)"
        Q3 = "Q3", "Quarter 3 (Q3)"
        Q4 = "Q4", "Quarter 4 (Q4)"
        H1 = "H1", "First half year (H1)"
        H2 = "H2", "Second half year (H2)"

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
    # Blank for the annual report; Q1-Q4 or H1/H2 for a part-year report.
    period = models.CharField(
        max_length=2, choices=Part.choices, blank=True, default=Part.YEAR
    )
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
        return f"{self.kind_label} {self.period_label} ({self.format}, {self.audience})"

    @property
    def period_label(self) -> str:
        """The year with the part of it: `2025/2026`, `2025/2026 Q2`, `2025/2026 H1`."""
        return f"{self.year} {self.period}" if self.period else self.year

    @property
    def kind_label(self) -> str:
        if not self.period:
            return "Annual complaints report"
        if self.period.startswith("H"):
            return "Half-year complaints report"
        return "Quarterly complaints report"

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
