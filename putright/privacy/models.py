"""Retention policies, legal holds, the disposal log and subject access requests.

docs/regulatory-rules.md §6 and §8.9: each kind of contact is kept for a set period after it closes (by
default 6 years), a legal hold suspends disposal, expired cases are anonymised while every
statistic stays as it was, and a disposal log says what was disposed of, when and under which
policy, without holding any personal data itself.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from putright.complaints.constants import Kind
from putright.core.models import TimeStampedModel

DEFAULT_RETENTION_YEARS = 6


class RetentionPolicy(TimeStampedModel):
    """How long one kind of contact is kept after it closes (docs/regulatory-rules.md §6: 6 years)."""

    kind = models.CharField(max_length=30, choices=Kind.choices, unique=True)
    years = models.PositiveSmallIntegerField(
        default=DEFAULT_RETENTION_YEARS,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Whole years after closure (or the last activity) before the case "
        "is anonymised.",
    )
    basis = models.CharField(
        max_length=200,
        blank=True,
        help_text="Where the period comes from, e.g. the council's retention schedule.",
    )

    class Meta:
        ordering = ["kind"]
        verbose_name_plural = "retention policies"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.years} years"


class SubjectAccessRequest(TimeStampedModel):
    """A request by a person for their personal data (UK GDPR article 15).

    The request's own details identify the person, so they stay here and never reach the
    audit trail; while it is open, each case chosen for it is under a legal hold.
    """

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        COMPLETED = "completed", "Completed"

    email = models.EmailField()
    name = models.CharField(max_length=200, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    received_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cases = models.ManyToManyField("complaints.Case", blank=True, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    exported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        # No personal data: this label reaches the audit trail.
        return f"Subject access request {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("privacy:sar_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class LegalHold(TimeStampedModel):
    """A hold that stops a case being disposed of until it is released (docs/regulatory-rules.md §8.9)."""

    class Reason(models.TextChoices):
        OMBUDSMAN = "ombudsman", "Ombudsman case open"
        LEGAL_ACTION = "legal_action", "Legal action"
        SUBJECT_ACCESS = "subject_access", "Subject access request"
        FOI_APPEAL = "foi_appeal", "FOI or data protection appeal"
        RELATED_COMPLAINT = "related_complaint", "Newer related complaint"

    case = models.ForeignKey(
        "complaints.Case", on_delete=models.CASCADE, related_name="legal_holds"
    )
    reason = models.CharField(max_length=30, choices=Reason.choices)
    note = models.CharField(
        max_length=200,
        blank=True,
        help_text="A reference such as the claim or FOI number; no personal data.",
    )
    request = models.ForeignKey(
        SubjectAccessRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="holds",
    )
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["released_at"], name="legalhold_released")]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} hold on case {self.case_id}"

    @property
    def is_active(self) -> bool:
        return self.released_at is None


class RetentionRun(models.Model):
    """One real run of `putright retention`: when, by whom, and its counts."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    actor_label = models.CharField(max_length=200)
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"Retention run {self.pk} ({self.started_at:%Y-%m-%d %H:%M})"


class DisposalLog(models.Model):
    """One case disposed of: no personal data, only what the record was and why it went."""

    class Basis(models.TextChoices):
        CLOSED = "closed", "Closure date"
        LAST_ACTIVITY = "last_activity", "Last activity (never closed)"

    run = models.ForeignKey(
        RetentionRun, on_delete=models.PROTECT, related_name="disposals"
    )
    disposed_at = models.DateTimeField(auto_now_add=True)
    case_reference = models.CharField(max_length=50, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    policy_years = models.PositiveSmallIntegerField()
    basis = models.CharField(max_length=20, choices=Basis.choices)
    basis_date = models.DateField(help_text="The closure or last activity date.")
    expired_on = models.DateField()
    files_removed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-disposed_at", "-pk"]
        verbose_name = "disposal log entry"
        verbose_name_plural = "disposal log"

    def __str__(self) -> str:
        return f"{self.case_reference} anonymised {self.disposed_at:%Y-%m-%d}"
