"""Published versions of text typed into a case (docs/counting-rules.md §6.1).

Free text typed into a case (a summary, a learning action, an Ombudsman requirement and
lessons, a compliment's words) never leaves the case as typed. A complaints-team member
writes a **published version** of it here, another complaints-team member approves it, and
only an approved, not withdrawn, version appears in outputs for the public and for roles
without case access. One row per source and purpose is current at a time; rewording it
clears the approval.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from putright.core.models import TimeStampedModel

WORDING_MAX_LENGTH = 2_000


class PublishedText(TimeStampedModel):
    class Purpose(models.TextChoices):
        CASE_SUMMARY = "case_summary", "Case summary"
        COMPLIMENT_QUOTE = "compliment_quote", "Compliment quote"
        LEARNING_EXAMPLE = "learning_example", "Learning example"
        OMBUDSMAN_FINDING = "ombudsman_finding", "Ombudsman finding"

    purpose = models.CharField(max_length=30, choices=Purpose.choices)
    # Exactly one source, matching the purpose (see SOURCE_FIELD).
    stage = models.ForeignKey(
        "complaints.Stage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="published_texts",
    )
    learning_action = models.ForeignKey(
        "complaints.LearningAction",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="published_texts",
    )
    ombudsman_case = models.ForeignKey(
        "ombudsman.OmbudsmanCase",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="published_texts",
    )
    wording = models.TextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="published_text_one_source",
                condition=(
                    Q(
                        purpose__in=["case_summary", "compliment_quote"],
                        stage__isnull=False,
                        learning_action__isnull=True,
                        ombudsman_case__isnull=True,
                    )
                    | Q(
                        purpose="learning_example",
                        stage__isnull=True,
                        learning_action__isnull=False,
                        ombudsman_case__isnull=True,
                    )
                    | Q(
                        purpose="ombudsman_finding",
                        stage__isnull=True,
                        learning_action__isnull=True,
                        ombudsman_case__isnull=False,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["purpose", "stage"],
                condition=Q(withdrawn_at__isnull=True, stage__isnull=False),
                name="published_text_current_stage",
            ),
            models.UniqueConstraint(
                fields=["purpose", "learning_action"],
                condition=Q(withdrawn_at__isnull=True, learning_action__isnull=False),
                name="published_text_current_learning",
            ),
            models.UniqueConstraint(
                fields=["purpose", "ombudsman_case"],
                condition=Q(withdrawn_at__isnull=True, ombudsman_case__isnull=False),
                name="published_text_current_ombudsman",
            ),
        ]
        indexes = [models.Index(fields=["purpose", "approved_at"], name="pub_approved")]

    def __str__(self) -> str:
        # Never the wording: this label is copied into the audit trail.
        return f"Published {self.get_purpose_display().lower()} {self.pk}"

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None and self.withdrawn_at is None

    @property
    def status_label(self) -> str:
        if self.withdrawn_at is not None:
            return "Withdrawn"
        return "Approved" if self.approved_at is not None else "Awaiting approval"


SOURCE_FIELD = {
    PublishedText.Purpose.CASE_SUMMARY: "stage",
    PublishedText.Purpose.COMPLIMENT_QUOTE: "stage",
    PublishedText.Purpose.LEARNING_EXAMPLE: "learning_action",
    PublishedText.Purpose.OMBUDSMAN_FINDING: "ombudsman_case",
}
