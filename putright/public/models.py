"""The front door's own records: the plain service names residents choose, and used tokens."""

from __future__ import annotations

import copy

from django.db import models
from django.utils.translation import gettext_lazy as _

from putright.core.models import TimeStampedModel


class PublicService(TimeStampedModel):
    """A service as residents name it ("Bins and recycling"), routed to a directorate and team."""

    name = models.CharField(
        max_length=120, unique=True, help_text="The plain name residents see."
    )
    name_cy = models.CharField(
        "name in Welsh",
        max_length=120,
        blank=True,
        help_text="The plain name residents see on the Welsh pages, e.g. Biniau ac "
        "ailgylchu. Blank: the name above.",
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

    def name_in(self, language: str) -> str:
        """The name residents see in `language` (the Welsh name, where there is one)."""
        if language == "cy" and self.name_cy:
            return self.name_cy
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
    # On the Welsh pages, where filled in (docs/running/languages.md).
    postal_address_cy = models.TextField("postal address in Welsh", blank=True)
    opening_hours_cy = models.CharField(
        "opening hours in Welsh",
        max_length=200,
        blank=True,
        help_text="For example 'Dydd Llun i ddydd Gwener, 9am i 5pm'.",
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

    def in_language(self, language: str) -> FrontDoorContact:
        """The details to show in `language`: a copy with the Welsh text where there is
        some (for display only: never saved)."""
        if language != "cy":
            return self
        shown = copy.copy(self)
        shown.postal_address = self.postal_address_cy or self.postal_address
        shown.opening_hours = self.opening_hours_cy or self.opening_hours
        return shown

    @classmethod
    def load(cls) -> FrontDoorContact:
        """The saved details, or blank ones (nothing is shown) before anyone saves them."""
        return cls.objects.order_by("pk").first() or cls()


class EqualityResponse(models.Model):
    """Optional equality monitoring answers, kept apart from the case they came with.

    No link to the case, the person or the exact date: the month and the service are kept so
    that the complaints team can compare groups, and only suppressed counts are shown.
    """

    class AgeBand(models.TextChoices):
        UNDER_18 = "under_18", _("Under 18")
        FROM_18 = "18_24", _("18 to 24")
        FROM_25 = "25_34", _("25 to 34")
        FROM_35 = "35_44", _("35 to 44")
        FROM_45 = "45_54", _("45 to 54")
        FROM_55 = "55_64", _("55 to 64")
        FROM_65 = "65_74", _("65 to 74")
        FROM_75 = "75_over", _("75 or over")
        NOT_SAID = "not_said", _("Prefer not to say")

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        NOT_SAID = "not_said", _("Prefer not to say")

    class Disability(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        NOT_SAID = "not_said", _("Prefer not to say")

    class EthnicGroup(models.TextChoices):
        ASIAN = "asian", _("Asian or Asian British")
        BLACK = "black", _("Black, Black British, Caribbean or African")
        MIXED = "mixed", _("Mixed or multiple ethnic groups")
        WHITE = "white", _("White")
        OTHER = "other", _("Another ethnic group")
        NOT_SAID = "not_said", _("Prefer not to say")

    class Religion(models.TextChoices):
        NONE = "none", _("No religion")
        BUDDHIST = "buddhist", _("Buddhist")
        CHRISTIAN = "christian", _("Christian")
        HINDU = "hindu", _("Hindu")
        JEWISH = "jewish", _("Jewish")
        MUSLIM = "muslim", _("Muslim")
        SIKH = "sikh", _("Sikh")
        OTHER = "other", _("Another religion")
        NOT_SAID = "not_said", _("Prefer not to say")

    class SexualOrientation(models.TextChoices):
        STRAIGHT = "straight", _("Straight or heterosexual")
        GAY = "gay", _("Gay or lesbian")
        BISEXUAL = "bisexual", _("Bisexual")
        OTHER = "other", _("Another sexual orientation")
        NOT_SAID = "not_said", _("Prefer not to say")

    received_month = models.DateField(help_text="The first day of the month received.")
    directorate = models.ForeignKey(
        "organisation.Directorate", on_delete=models.PROTECT, related_name="+"
    )
    age_band = models.CharField(max_length=10, choices=AgeBand.choices, blank=True)
    sex = models.CharField(max_length=10, choices=Sex.choices, blank=True)
    disability = models.CharField(max_length=10, choices=Disability.choices, blank=True)
    ethnic_group = models.CharField(
        max_length=10, choices=EthnicGroup.choices, blank=True
    )
    religion = models.CharField(max_length=10, choices=Religion.choices, blank=True)
    sexual_orientation = models.CharField(
        max_length=10, choices=SexualOrientation.choices, blank=True
    )

    class Meta:
        verbose_name = "equality monitoring response"

    def __str__(self) -> str:
        return f"Equality monitoring response {self.pk}"


# The questions, in the order asked, with their choices.
EQUALITY_QUESTIONS: tuple[tuple[str, type[models.TextChoices]], ...] = (
    ("age_band", EqualityResponse.AgeBand),
    ("sex", EqualityResponse.Sex),
    ("disability", EqualityResponse.Disability),
    ("ethnic_group", EqualityResponse.EthnicGroup),
    ("religion", EqualityResponse.Religion),
    ("sexual_orientation", EqualityResponse.SexualOrientation),
)


def _pending_path(instance: PendingUpload, filename: str) -> str:
    # A random name: the resident's file name never reaches the file system.
    import secrets

    return f"pending/{secrets.token_hex(16)}"


class PendingUpload(models.Model):
    """A document chosen on the complaint form, kept until the form is sent or abandoned.

    The journey's answers live in the session; the file cannot, so it waits here under a
    random name, tied to the journey by a random key held only in that session. Sending
    the form moves it onto the case; rows older than a day are removed with their files.
    """

    journey_key = models.CharField(max_length=64, db_index=True)
    file = models.FileField(upload_to=_pending_path, max_length=200)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "document waiting on an unsent form"

    def __str__(self) -> str:
        return f"Pending document {self.pk}"
