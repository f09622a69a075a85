"""The front door's own records: the plain service names residents choose, and used tokens."""

from __future__ import annotations

from django.db import models

from putright.core.models import TimeStampedModel


class PublicService(TimeStampedModel):
    """A service as residents name it ("Bins and recycling"), routed to a directorate and team."""

    name = models.CharField(
        max_length=120, unique=True, help_text="The plain name residents see."
    )
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text="A short hint under the name, for example 'Missed collections, "
        "new bins'.",
    )
    directorate = models.ForeignKey(
        "organisation.Directorate", on_delete=models.PROTECT, related_name="+"
    )
    team = models.ForeignKey(
        "organisation.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    procedure = models.ForeignKey(
        "complaints.Procedure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The complaints procedure for this service; blank for the "
        "council's corporate procedure.",
    )
    receives_unsure = models.BooleanField(
        "receives “I'm not sure”",
        default=False,
        help_text="Complaints from residents who do not know the service come here "
        "for the complaints team to triage. Only one service can have this.",
    )
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "public service"
        constraints = [
            models.UniqueConstraint(
                fields=["receives_unsure"],
                condition=models.Q(receives_unsure=True),
                name="public_service_one_unsure",
            )
        ]

    def __str__(self) -> str:
        return self.name


class PublicSubmission(models.Model):
    """A one-time token spent by a submission: a double submit finds it and creates nothing."""

    token = models.CharField(max_length=64, unique=True)
    reference = models.CharField(max_length=50)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "public submission"

    def __str__(self) -> str:
        return self.reference


class FrontDoorContact(TimeStampedModel):
    """How residents reach the complaints team other than online (one row, admin-edited)."""

    phone = models.CharField("telephone", max_length=50, blank=True)
    email = models.EmailField(blank=True)
    postal_address = models.TextField(blank=True)
    opening_hours = models.CharField(
        max_length=200,
        blank=True,
        help_text="For example 'Monday to Friday, 9am to 5pm'.",
    )
    data_protection_contact = models.TextField(
        "data protection officer's contact details",
        blank=True,
        help_text="Shown in the privacy notice: an email address or postal address.",
    )

    class Meta:
        verbose_name = "front door contact details"
        verbose_name_plural = "front door contact details"

    def __str__(self) -> str:
        return "Front door contact details"

    @classmethod
    def load(cls) -> FrontDoorContact:
        """The saved details, or blank ones (nothing is shown) before anyone saves them."""
        return cls.objects.order_by("pk").first() or cls()
