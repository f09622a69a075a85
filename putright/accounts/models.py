"""Staff users, their role and the part of the council they work in."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    class Role(models.TextChoices):
        COMPLAINTS_TEAM = "complaints_team", "Complaints team"
        SERVICE_OFFICER = "service_officer", "Service officer"
        MANAGER = "manager", "Manager or head of service"
        REPORTING_VIEWER = "reporting_viewer", "Reporting viewer"
        ADMINISTRATOR = "administrator", "Administrator"

    role = models.CharField(
        max_length=30, choices=Role.choices, default=Role.SERVICE_OFFICER
    )
    directorate = models.ForeignKey(
        "organisation.Directorate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
    )
    team = models.ForeignKey(
        "organisation.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
    )
    job_title = models.CharField(max_length=200, blank=True)

    # django-stubs does not declare AbstractUser.Meta, which Django defines at runtime.
    class Meta(AbstractUser.Meta):  # type: ignore[name-defined]
        swappable = "AUTH_USER_MODEL"
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username
