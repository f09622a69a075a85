"""The council, its directorates (the seeds' "service") and teams ("service area")."""

from __future__ import annotations

import datetime as dt
from contextvars import ContextVar
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from putright.core import references
from putright.core.models import TimeStampedModel
from putright.organisation import branding
from putright.organisation.errors import CouncilNotSetUp

__all__ = ["ClosureDay", "Council", "CouncilNotSetUp", "Directorate", "Team"]


# One request reads the council once: `CouncilMiddleware` opens a scope for each request, and
# any write to the council or its closure days empties it.
_request_scope: ContextVar[dict[str, Any] | None] = ContextVar(
    "putright_council_scope", default=None
)


def council_scope_open() -> Any:
    """Start caching the council for the current request; returns the reset token."""
    return _request_scope.set({})


def council_scope_close(token: Any) -> None:
    _request_scope.reset(token)


def _council_scope_clear() -> None:
    scope = _request_scope.get()
    if scope is not None:
        scope.clear()


def _check_reference_pattern(value: str) -> None:
    problem = references.pattern_problem(value)
    if problem:
        raise ValidationError(problem)


class Council(TimeStampedModel):
    """Council-wide settings. One row, created by set-up; `Council.load()` only reads it."""

    class Nation(models.TextChoices):
        ENGLAND = "england", "England"
        WALES = "wales", "Wales"
        SCOTLAND = "scotland", "Scotland"
        NORTHERN_IRELAND = "northern_ireland", "Northern Ireland"

    class Kind(models.TextChoices):
        COUNTY = "county", "County council"
        DISTRICT = "district", "District council"
        METROPOLITAN = "metropolitan", "Metropolitan borough"
        UNITARY = "unitary", "Unitary council"
        LONDON = "london", "London borough"

    name = models.CharField(max_length=200, default="Demo Borough Council")
    name_cy = models.CharField(
        "name in Welsh",
        max_length=200,
        blank=True,
        help_text="Shown on the Welsh public pages, e.g. Cyngor Sir Ceredigion.",
    )
    nation = models.CharField(
        max_length=20, choices=Nation.choices, default=Nation.ENGLAND
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.UNITARY)
    population = models.PositiveIntegerField(default=0)
    financial_year_start_month = models.PositiveSmallIntegerField(
        default=4, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    timescale_target_percent = models.DecimalField(
        "target for responses within timescale (%)",
        max_digits=5,
        decimal_places=1,
        default=90,
    )
    brand_colour = models.CharField(
        max_length=7,
        default=branding.DEFAULT_COLOUR,
        validators=[branding.brand_colour_validate],
        help_text=(
            "Hex colour for the header bar, for example #1d4f91. White text must be "
            "readable on it (contrast at least 4.5 to 1)."
        ),
    )
    logo = models.FileField(
        upload_to=branding.logo_upload_to,
        max_length=200,
        blank=True,
        validators=[branding.logo_validate],
        help_text=(
            "Shown in the header of the public pages, with the council's name as its "
            "text alternative. PNG, JPEG or SVG (no scripts), 512 KB at most."
        ),
    )
    small_number_threshold = models.PositiveSmallIntegerField(
        default=5,
        help_text="Counts below this are suppressed in public breakdowns.",
    )
    reminder_working_days = models.PositiveSmallIntegerField(
        default=2, help_text="Remind officers this many working days before a deadline."
    )
    homes = models.PositiveIntegerField(
        default=0, help_text="Homes owned, for Housing Ombudsman comparisons."
    )
    publish_figures = models.BooleanField(
        "publish the figures",
        default=False,
        help_text="Show the published (suppressed) figures at /figures/, with open data "
        "downloads and the public API, to anyone without signing in.",
    )
    # One reference series for every contact, however it arrives (`putright.core.references`).
    reference_prefix = models.CharField(
        max_length=10,
        default=references.DEFAULT_PREFIX,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9]+$", "Use letters and numbers only, like CF or TCC."
            )
        ],
        help_text="The letters every case reference starts with, like CF.",
    )
    reference_pattern = models.CharField(
        max_length=50,
        default=references.DEFAULT_PATTERN,
        validators=[_check_reference_pattern],
        help_text="How references are written: {prefix}, {year} and {number}; "
        "{number:06} pads the number to six digits. {prefix}-{year}-{number:06} "
        "gives CF-2026-000123.",
    )

    class Meta:
        verbose_name = "council"
        verbose_name_plural = "council"

    def __str__(self) -> str:
        return self.name

    def name_in(self, language: str) -> str:
        """The council's name in `language` ("cy": its Welsh name, if it has one)."""
        if language == "cy" and self.name_cy:
            return self.name_cy
        return self.name

    @classmethod
    def load(cls) -> Council:
        """The council; raises `CouncilNotSetUp` on an empty database (reads never write)."""
        scope = _request_scope.get()
        if scope is not None and "council" in scope:
            return scope["council"]
        council = cls.objects.order_by("pk").first()
        if council is None:
            raise CouncilNotSetUp
        if scope is not None:
            scope["council"] = council
        return council

    @classmethod
    def current(cls) -> Council | None:
        """The council, or None before set-up (for page furniture such as the header)."""
        try:
            return cls.load()
        except CouncilNotSetUp:
            return None

    def save(self, *args: Any, **kwargs: Any) -> None:
        _council_scope_clear()
        super().save(*args, **kwargs)

    def closure_dates(self) -> list[dt.date]:
        scope = _request_scope.get()
        if scope is not None and scope.get("council") is self:
            if "closure_dates" not in scope:
                scope["closure_dates"] = list(
                    self.closure_days.values_list("date", flat=True)
                )
            return list(scope["closure_dates"])
        return list(self.closure_days.values_list("date", flat=True))


class ClosureDay(models.Model):
    """A day the council is closed (e.g. 24 December): not a working day for its clocks."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="closure_days"
    )
    date = models.DateField(unique=True)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d %B %Y} {self.description}".strip()

    def save(self, *args: Any, **kwargs: Any) -> None:
        _council_scope_clear()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        _council_scope_clear()
        return super().delete(*args, **kwargs)


class Directorate(TimeStampedModel):
    """Top-level service grouping: Adults, Children's, Corporate, Public Health..."""

    name = models.CharField(max_length=200, unique=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(TimeStampedModel):
    """A service area or team within a directorate (e.g. SEND Team)."""

    directorate = models.ForeignKey(
        Directorate, on_delete=models.PROTECT, related_name="teams"
    )
    name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["directorate__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["directorate", "name"], name="team_unique_in_directorate"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.directorate.name})"
