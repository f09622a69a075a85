"""The council's self-assessment against the Complaint Handling Code: one version per year.

Each `SelfAssessment` holds the council's answer to every provision of
`putright.selfassessment.provisions` for one financial year, and the governing body's
sign-off (who, when, the minute reference). Once signed off it is locked: the services
refuse any change.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from putright.core.models import TimeStampedModel


class SelfAssessment(TimeStampedModel):
    first_year = models.PositiveSmallIntegerField(
        _("financial year it starts in"), unique=True
    )
    signed_off_by = models.CharField(
        _("signed off by (name and role, or the body)"), max_length=200, blank=True
    )
    signed_off_on = models.DateField(_("date of sign-off"), null=True, blank=True)
    minute_reference = models.CharField(
        _("minute reference"), max_length=100, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-first_year"]

    def __str__(self) -> str:
        return f"Self-assessment {self.label}"

    @property
    def label(self) -> str:
        return f"{self.first_year}/{self.first_year + 1}"

    @property
    def is_locked(self) -> bool:
        return self.signed_off_on is not None


class Answer(models.Model):
    assessment = models.ForeignKey(
        SelfAssessment, on_delete=models.CASCADE, related_name="answers"
    )
    provision = models.CharField(max_length=10)
    complies = models.BooleanField(_("complies"), null=True, blank=True)
    commentary = models.TextField(_("commentary and evidence"), blank=True)
    action = models.TextField(_("action to comply"), blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "provision"], name="selfassessment_answer_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment.label} provision {self.provision}"

    @property
    def audit_label(self) -> str:
        return f"Self-assessment {self.assessment.label} provision {self.provision}"
