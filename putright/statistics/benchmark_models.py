"""Similar-authority benchmarks (docs/interchange-format.md §4.4) and the sampling of
service requests and informal complaints for ones that were really complaints."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class BenchmarkOmbudsman(models.TextChoices):
    LGSCO = "lgsco", "Local Government and Social Care Ombudsman"
    HO = "ho", "Housing Ombudsman"
    SPSO = "spso", "Scottish Public Services Ombudsman"
    PSOW = "psow", "Public Services Ombudsman for Wales"
    NIPSO = "nipso", "Northern Ireland Public Services Ombudsman"


# The counted columns of a §4.4 row, in file order.
BENCHMARK_COUNTS = (
    "received",
    "decided",
    "investigations",
    "upheld",
    "satisfactory_remedy",
    "compliance_outcomes",
    "complied",
    "severe_maladministration",
    "maladministration",
    "service_failure",
    "reasonable_redress",
    "no_maladministration",
    "outside_jurisdiction",
)


class BenchmarkAuthority(models.Model):
    """A council or landlord as an Ombudsman names it. `key` is the name with its case
    and spacing evened out, so "City Of X" and "City of X" are one authority."""

    ombudsman = models.CharField(max_length=10, choices=BenchmarkOmbudsman.choices)
    name = models.CharField(max_length=300)
    key = models.CharField(max_length=300)
    authority_type = models.CharField(max_length=100, blank=True)
    population = models.PositiveIntegerField(null=True, blank=True)
    homes = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ombudsman", "key"], name="benchmarkauthority_key"
            )
        ]
        ordering = ["ombudsman", "name"]
        verbose_name_plural = "benchmark authorities"

    def __str__(self) -> str:
        return f"{self.name} ({self.ombudsman})"


class BenchmarkFigures(models.Model):
    """One authority's published figures for one Ombudsman year (§4.4)."""

    authority = models.ForeignKey(
        BenchmarkAuthority, on_delete=models.CASCADE, related_name="years"
    )
    year = models.CharField(max_length=9, help_text="As in §1, e.g. 2022/2023.")
    authority_type = models.CharField(max_length=100, blank=True)
    population = models.PositiveIntegerField(null=True, blank=True)
    homes = models.PositiveIntegerField(null=True, blank=True)
    received = models.PositiveIntegerField(null=True, blank=True)
    decided = models.PositiveIntegerField(null=True, blank=True)
    investigations = models.PositiveIntegerField(null=True, blank=True)
    upheld = models.PositiveIntegerField(null=True, blank=True)
    satisfactory_remedy = models.PositiveIntegerField(null=True, blank=True)
    compliance_outcomes = models.PositiveIntegerField(null=True, blank=True)
    complied = models.PositiveIntegerField(null=True, blank=True)
    severe_maladministration = models.PositiveIntegerField(null=True, blank=True)
    maladministration = models.PositiveIntegerField(null=True, blank=True)
    service_failure = models.PositiveIntegerField(null=True, blank=True)
    reasonable_redress = models.PositiveIntegerField(null=True, blank=True)
    no_maladministration = models.PositiveIntegerField(null=True, blank=True)
    outside_jurisdiction = models.PositiveIntegerField(null=True, blank=True)
    source = models.CharField(
        max_length=20,
        default="figures",
        help_text="figures: a §4.4 file; findings: counted from per-finding data.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "year"], name="benchmarkfigures_year"
            )
        ]
        ordering = ["year"]
        verbose_name_plural = "benchmark figures"

    def __str__(self) -> str:
        return f"{self.authority} {self.year}"


class BenchmarkName(models.Model):
    """A name the council goes by in an Ombudsman's data (a council setting); with none,
    the council's own name is looked for."""

    ombudsman = models.CharField(max_length=10, choices=BenchmarkOmbudsman.choices)
    name = models.CharField(max_length=300)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ombudsman", "name"], name="benchmarkname_unique"
            )
        ]
        verbose_name = "council's name in Ombudsman data"

    def __str__(self) -> str:
        return f"{self.name} ({self.ombudsman})"


SIGNAL_LABELS = {
    "word": "complaint word",
    "dissatisfaction": "dissatisfaction",
    "repeat": "repeat contact",
}


class ContactSample(models.Model):
    """A seeded random sample of closed service requests and informal complaints of one
    period, with those the likely-complaint rule flags, drawn for review."""

    start = models.DateField()
    end = models.DateField()
    size = models.PositiveIntegerField()
    seed = models.CharField(max_length=50)
    rule_version = models.CharField(max_length=20)
    population = models.PositiveIntegerField(
        default=0, help_text="Closed contacts of the period the sample was drawn from."
    )
    drawn_at = models.DateTimeField(auto_now_add=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-drawn_at"]

    def __str__(self) -> str:
        return f"Sample of {self.start} to {self.end} (seed {self.seed})"


class SampledContact(models.Model):
    class Reason(models.TextChoices):
        RANDOM = "random", "Random sample"
        RULE = "rule", "Flagged by the rule"
        BOTH = "both", "Random sample and flagged by the rule"

    class Action(models.TextChoices):
        NONE = "none", "Nothing needed"
        APOLOGISED = "apologised", "Apologised and put right informally"
        TREATED = "treated", "Now handled as a complaint"
        GUIDANCE = "guidance", "Guidance or training for the team"

    sample = models.ForeignKey(
        ContactSample, on_delete=models.CASCADE, related_name="items"
    )
    stage = models.ForeignKey("complaints.Stage", on_delete=models.CASCADE)
    reason = models.CharField(max_length=10, choices=Reason.choices)
    signals = models.CharField(
        max_length=200, blank=True, help_text="The rule's signals, as codes."
    )
    was_complaint = models.BooleanField(null=True, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["sample", "stage"], name="sampledcontact_unique"
            )
        ]
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.sample_id}: stage {self.stage_id}"

    @property
    def signal_text(self) -> str:
        """The rule's signals in words: "complaint word, repeat contact"."""
        return ", ".join(SIGNAL_LABELS.get(s, s) for s in self.signals.split(",") if s)
