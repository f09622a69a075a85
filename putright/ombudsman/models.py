"""Ombudsman enquiries and cases (docs/interchange-format.md §4.2, docs/regulatory-rules.md §8.7)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from putright.complaints.constants import Ombudsman
from putright.core.models import TimeStampedModel


class Decision(models.TextChoices):
    # LGSCO
    UPHELD = "upheld", "Upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    CLOSED_AFTER_INITIAL_ENQUIRIES = (
        "closed_after_initial_enquiries",
        "Closed after initial enquiries",
    )
    REFERRED_BACK = (
        "referred_back_for_local_resolution",
        "Referred back for local resolution",
    )
    ADVICE_GIVEN = "advice_given", "Advice given"
    INCOMPLETE_INVALID = "incomplete_invalid", "Incomplete or invalid"
    # Housing Ombudsman (the most serious finding of the case)
    SEVERE_MALADMINISTRATION = "severe_maladministration", "Severe maladministration"
    MALADMINISTRATION = "maladministration", "Maladministration"
    SERVICE_FAILURE = "service_failure", "Service failure"
    REASONABLE_REDRESS = "reasonable_redress", "Reasonable redress"
    NO_MALADMINISTRATION = "no_maladministration", "No maladministration"
    OUTSIDE_JURISDICTION = "outside_jurisdiction", "Outside jurisdiction"
    MEDIATION = "mediation", "Mediation"
    WITHDRAWN = "withdrawn", "Withdrawn"


LGSCO_DECISIONS = (
    Decision.UPHELD,
    Decision.NOT_UPHELD,
    Decision.CLOSED_AFTER_INITIAL_ENQUIRIES,
    Decision.REFERRED_BACK,
    Decision.ADVICE_GIVEN,
    Decision.INCOMPLETE_INVALID,
)
HO_DECISIONS = (
    Decision.SEVERE_MALADMINISTRATION,
    Decision.MALADMINISTRATION,
    Decision.SERVICE_FAILURE,
    Decision.REASONABLE_REDRESS,
    Decision.NO_MALADMINISTRATION,
    Decision.OUTSIDE_JURISDICTION,
    Decision.MEDIATION,
    Decision.WITHDRAWN,
)
# SPSO, PSOW and NIPSO decisions use the LGSCO words (upheld / not upheld / ...).
# Keyed by the stored code (`OmbudsmanCase.ombudsman` is plain text; `Ombudsman` is a str).
DECISIONS_BY_OMBUDSMAN: dict[str, tuple[Decision, ...]] = {
    Ombudsman.LGSCO: LGSCO_DECISIONS,
    Ombudsman.HO: HO_DECISIONS,
    Ombudsman.SPSO: LGSCO_DECISIONS,
    Ombudsman.PSOW: LGSCO_DECISIONS,
    Ombudsman.NIPSO: LGSCO_DECISIONS,
}
# Decisions that find fault (LGSCO "upheld"; HO maladministration of any degree).
FAULT_DECISIONS = (
    Decision.UPHELD,
    Decision.SEVERE_MALADMINISTRATION,
    Decision.MALADMINISTRATION,
    Decision.SERVICE_FAILURE,
    Decision.REASONABLE_REDRESS,
)


class OmbudsmanCase(TimeStampedModel):
    reference = models.CharField(max_length=50, unique=True)
    ombudsman = models.CharField(max_length=10, choices=Ombudsman.choices)
    case = models.ForeignKey(
        "complaints.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ombudsman_cases",
    )
    complaint_reference = models.CharField(max_length=50, blank=True)
    directorate = models.ForeignKey(
        "organisation.Directorate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ombudsman_cases",
    )
    team = models.ForeignKey(
        "organisation.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ombudsman_cases",
    )
    category = models.CharField(max_length=200, blank=True)
    received = models.DateField()
    is_investigation = models.BooleanField(default=False)
    decided = models.DateField(null=True, blank=True)
    decision = models.CharField(max_length=40, choices=Decision.choices, blank=True)
    satisfactory_remedy_by_council = models.BooleanField(default=False)
    remedy_amount = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True
    )
    recommendations = models.PositiveIntegerField(null=True, blank=True)
    recommendations_on_time = models.PositiveIntegerField(null=True, blank=True)
    recommendations_late = models.PositiveIntegerField(null=True, blank=True)
    requirement = models.TextField(blank=True)
    lessons = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    is_public_report = models.BooleanField(default=False)

    class Meta:
        ordering = ["-received"]
        indexes = [
            models.Index(fields=["ombudsman", "received"], name="omb_received"),
            models.Index(fields=["directorate", "received"], name="omb_dir_received"),
        ]

    def __str__(self) -> str:
        return f"{self.get_ombudsman_display()} {self.reference}"

    def get_absolute_url(self) -> str:
        return reverse("ombudsman:detail", args=[self.pk])

    @property
    def finds_fault(self) -> bool:
        return self.decision in FAULT_DECISIONS


class Recommendation(TimeStampedModel):
    """One recommendation or order of the Ombudsman, tracked to compliance."""

    class Compliance(models.TextChoices):
        PENDING = "pending", "Pending"
        COMPLIED = "complied", "Complied with on time"
        COMPLIED_LATE = "complied_late", "Complied with late"
        NOT_COMPLIED = "not_complied", "Not complied with"

    class Type(models.TextChoices):
        APOLOGY = "apology", "Apology"
        PAYMENT = "payment", "Payment"
        SERVICE_IMPROVEMENT = "service_improvement", "Service improvement"
        PROCEDURE_CHANGE = "procedure_change", "Procedure or policy change"
        TRAINING = "training", "Training"
        REPAIRS = "repairs", "Repairs"
        OTHER = "other", "Other"

    ombudsman_case = models.ForeignKey(
        OmbudsmanCase, on_delete=models.CASCADE, related_name="recommendation_items"
    )
    type = models.CharField(max_length=30, choices=Type.choices, default=Type.OTHER)
    description = models.TextField()
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    due = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    compliance = models.CharField(
        max_length=20, choices=Compliance.choices, default=Compliance.PENDING
    )

    class Meta:
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def audit_label(self) -> str:
        """The audit trail names the recommendation by number: its text is free text."""
        return f"Recommendation {self.pk}"


# The findings the Housing Ombudsman makes on each element of a complaint (its published
# determinations give one per element, e.g. "repairs: maladministration; complaint
# handling: no maladministration").
HO_FINDINGS = (
    Decision.SEVERE_MALADMINISTRATION,
    Decision.MALADMINISTRATION,
    Decision.SERVICE_FAILURE,
    Decision.REASONABLE_REDRESS,
    Decision.NO_MALADMINISTRATION,
    Decision.OUTSIDE_JURISDICTION,
)
# A case with some findings of these and some of no maladministration is a case of
# "partial maladministration" (docs/counting-rules.md §5.6).
MALADMINISTRATION_FINDINGS = (
    Decision.SEVERE_MALADMINISTRATION,
    Decision.MALADMINISTRATION,
    Decision.SERVICE_FAILURE,
)


class OmbudsmanFinding(TimeStampedModel):
    """One finding of the Housing Ombudsman on one element of the complaint."""

    ombudsman_case = models.ForeignKey(
        OmbudsmanCase, on_delete=models.CASCADE, related_name="findings"
    )
    element = models.CharField(
        max_length=100,
        help_text="The Ombudsman's category for this part of the complaint, "
        "for example Repairs & Maintenance or Complaint Handling.",
    )
    finding = models.CharField(
        max_length=40, choices=[(d.value, d.label) for d in HO_FINDINGS]
    )
    order = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["ombudsman_case", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ombudsman_case", "order"], name="omb_finding_order_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.element}: {self.get_finding_display()}"

    @property
    def audit_label(self) -> str:
        return f"Finding {self.order}"
