"""Contacts, complaint stages and their clocks, procedures and vocabularies.

A `Case` is one contact, identified by its reference. Every case has one or more `Stage` rows:
a complaint one per stage (1, 2, 3), every other kind of contact exactly one (stored as stage 1
and written with a blank stage in the interchange files). A stage row carries the fields of one
row of docs/interchange-format.md §4.1, so statistics read one table and imports map straight onto it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from putright.complaints import deadlines, lifecycle
from putright.complaints.constants import (
    Channel,
    ContactPreference,
    DayBasis,
    Family,
    Kind,
    Language,
    LearningCategory,
    LearningStatus,
    Ombudsman,
    Outcome,
    RemedyType,
    StageStatus,
)
from putright.core.models import BackgroundRun, TimeStampedModel, VocabularyItem


class Procedure(TimeStampedModel):
    """A complaints procedure: built-in (docs/deadline-rules.md §3) or defined by the council."""

    code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    family = models.CharField(max_length=20, choices=Family.choices)
    day_basis = models.CharField(max_length=20, choices=DayBasis.choices)
    ombudsman = models.CharField(max_length=10, choices=Ombudsman.choices)
    is_builtin = models.BooleanField(default=False, editable=False)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["family", "name"]

    def __str__(self) -> str:
        return self.name

    def rule(self) -> deadlines.ProcedureRule:
        """The procedure's deadline rules, read once per instance (prefetch `stages`)."""
        cached: deadlines.ProcedureRule | None = self.__dict__.get("_rule")
        if cached is None:
            cached = deadlines.ProcedureRule(
                code=self.code,
                name=self.name,
                family=self.family,
                day_basis=self.day_basis,
                ombudsman=self.ombudsman,
                stages=tuple(stage.rule() for stage in self.stages.all()),
            )
            self.__dict__["_rule"] = cached
        return cached

    def refresh_from_db(self, *args: Any, **kwargs: Any) -> None:
        self.__dict__.pop("_rule", None)
        super().refresh_from_db(*args, **kwargs)


class ProcedureStage(models.Model):
    class Unit(models.TextChoices):
        WORKING_DAYS = deadlines.WORKING_DAYS, "Working days"
        CALENDAR_DAYS = deadlines.CALENDAR_DAYS, "Calendar days"
        CALENDAR_MONTHS = deadlines.CALENDAR_MONTHS, "Calendar months"

    class Anchor(models.TextChoices):
        RECEIVED = deadlines.FROM_RECEIVED, "From receipt"
        ACKNOWLEDGEMENT = deadlines.FROM_ACKNOWLEDGEMENT, "From acknowledgement"
        PANEL = deadlines.FROM_PANEL, "Review panel chain (children's stage 3)"

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="stages"
    )
    number = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    acknowledge_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Working days from receipt; blank if none."
    )
    respond_days = models.PositiveSmallIntegerField()
    respond_unit = models.CharField(
        max_length=20, choices=Unit.choices, default=Unit.WORKING_DAYS
    )
    respond_from = models.CharField(
        max_length=20, choices=Anchor.choices, default=Anchor.RECEIVED
    )
    extension_cap = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Longest extension beyond the due date, in the same unit; blank if "
        "the new date is agreed with the complainant.",
    )
    needs_approval = models.BooleanField(
        default=False, help_text="A manager approves the response before it is sent."
    )
    # The council's own response target, reported beside the statutory limit (adult social
    # care: the regulations allow six months, councils aim for 10 or 20 working days). It
    # sets no deadline: the clock keeps `respond_days` (docs/counting-rules.md §5.10).
    local_target_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The council's own response target for this stage, counted from "
        "receipt and reported beside the statutory limit; blank if none.",
    )
    local_target_unit = models.CharField(
        max_length=20,
        choices=Unit.choices,
        default=Unit.WORKING_DAYS,
        help_text="The unit of the local target.",
    )
    panel_meeting_days = models.PositiveSmallIntegerField(default=30)
    panel_report_days = models.PositiveSmallIntegerField(default=5)
    council_response_days = models.PositiveSmallIntegerField(default=15)

    class Meta:
        ordering = ["procedure", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "number"], name="procedure_stage_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} stage {self.number}"

    def rule(self) -> deadlines.StageRule:
        return deadlines.StageRule(
            stage=self.number,
            respond_days=self.respond_days,
            respond_unit=self.respond_unit,
            respond_from=self.respond_from,
            acknowledge_days=self.acknowledge_days,
            extension_cap=self.extension_cap,
            panel_meeting_days=self.panel_meeting_days,
            panel_report_days=self.panel_report_days,
            council_response_days=self.council_response_days,
        )


class IssueNature(VocabularyItem):
    pass


class RootCause(VocabularyItem):
    pass


class ComplainantType(VocabularyItem):
    pass


class RefusalReason(VocabularyItem):
    """Why a complaint was not accepted (Code 2.2/8.1; docs/regulatory-rules.md §8.3)."""


class Case(TimeStampedModel):
    """One contact: a complaint (with its stages) or a compliment, comment, request..."""

    reference = models.CharField(max_length=50, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices, db_index=True)
    # The person. Personal data: never in aggregates, member reports or logs.
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=50, blank=True)
    contact_address = models.TextField(blank=True)
    representative_name = models.CharField(max_length=200, blank=True)
    is_vulnerable = models.BooleanField(default=False)
    reasonable_adjustments = models.TextField(blank=True)
    contact_preference = models.CharField(
        "how they want to be contacted",
        max_length=10,
        choices=ContactPreference.choices,
        blank=True,
    )
    language = models.CharField(
        "language for letters and emails",
        max_length=5,
        choices=Language.choices,
        default=Language.ENGLISH,
    )
    outcome_sought = models.TextField(blank=True)
    converted_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="converted_to",
        help_text="The service request this complaint grew from.",
    )
    is_closed = models.BooleanField(default=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Optimistic locking: every write to the case or its stages bumps it; a form carrying
    # an older value is refused, so two officers never overwrite each other.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("complaints:case_detail", args=[self.reference])


class Stage(TimeStampedModel):
    """One record of a contact: a complaint stage with its own clock, or a whole contact."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    # Indexes cost every insert (an import writes a million rows): only the columns that lists,
    # reminders and scoping filter on are indexed. Statistics read the monthly roll-up, and
    # `stage_dir_kind_recv` below leads with the directorate, so it needs no index of its own.
    procedure = models.ForeignKey(
        Procedure, on_delete=models.PROTECT, null=True, blank=True, db_index=False
    )
    directorate = models.ForeignKey(
        "organisation.Directorate",
        on_delete=models.PROTECT,
        related_name="stages",
        db_index=False,
    )
    team = models.ForeignKey(
        "organisation.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stages",
    )
    status = models.CharField(
        max_length=30, choices=StageStatus.choices, default=StageStatus.IN_PROGRESS
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handled_stages",
    )

    # The clock. Deadlines are stored when the record is created or changes.
    received = models.DateField()
    acknowledged = models.DateField(null=True, blank=True)
    acknowledge_due = models.DateField(null=True, blank=True)
    due = models.DateField(null=True, blank=True)
    extended_to = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    extension_beyond_cap = models.BooleanField(
        default=False, help_text="Extended beyond the procedure's cap."
    )
    responded = models.DateField(null=True, blank=True)
    response_calendar_days = models.IntegerField(null=True, blank=True)
    response_working_days = models.IntegerField(null=True, blank=True)
    panel_meeting_due = models.DateField(null=True, blank=True)
    panel_meeting_on = models.DateField(null=True, blank=True)
    panel_report_due = models.DateField(null=True, blank=True)
    panel_report_on = models.DateField(null=True, blank=True)

    # What it was about and how it ended.
    outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True)
    refusal_reason = models.ForeignKey(
        RefusalReason, on_delete=models.PROTECT, null=True, blank=True, db_index=False
    )
    channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    complainant_type = models.ForeignKey(
        ComplainantType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        db_index=False,
    )
    issue_natures = models.ManyToManyField(IssueNature, blank=True)
    root_causes = models.ManyToManyField(RootCause, blank=True)
    financial_remedy = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True
    )
    learning = models.TextField(blank=True)
    is_commissioned = models.BooleanField(default=False)
    constituency = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)

    # Casework: the council's understanding of the complaint (acknowledgement and response
    # letters, HO 5.6), the reasons for the decision (Code 6.7) and the approval step.
    understanding = models.TextField(blank=True)
    refusal_details = models.TextField(
        blank=True, help_text="Why the complaint was not accepted, in the letter."
    )
    response_reasons = models.TextField(blank=True)
    response_saved_at = models.DateTimeField(null=True, blank=True)
    approval_requested_at = models.DateTimeField(null=True, blank=True)
    approval_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    approval_comment = models.TextField(blank=True)
    escalation_refused_on = models.DateField(null=True, blank=True)
    escalation_refusal_reason = models.ForeignKey(
        RefusalReason,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    escalation_refusal_details = models.TextField(blank=True)

    version = models.PositiveIntegerField(default=1)
    # The row an import last wrote the record from, hashed with the stage's and the case's
    # versions then: a re-import of the same row passes over it (putright/imports/digests.py).
    import_digest = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="stage_unique")
        ]
        indexes = [
            models.Index(fields=["kind", "number", "received"], name="stage_kind_recv"),
            models.Index(
                fields=["directorate", "kind", "number", "received"],
                name="stage_dir_kind_recv",
            ),
            models.Index(fields=["due"], name="stage_due"),
            models.Index(fields=["acknowledge_due"], name="stage_ack_due"),
        ]

    def __str__(self) -> str:
        if self.kind == Kind.COMPLAINT:
            return f"{self.case.reference} stage {self.number}"
        return self.case.reference

    def get_absolute_url(self) -> str:
        return reverse("complaints:case_detail", args=[self.case.reference])

    @property
    def is_open(self) -> bool:
        return lifecycle.is_open(status=self.status, responded=self.responded)

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    @property
    def is_thanked_kind(self) -> bool:
        """A compliment or comment: received, thanked, closed (`lifecycle.THANKED_KINDS`)."""
        return self.kind in lifecycle.THANKED_KINDS

    @property
    def status_label(self) -> str:
        return lifecycle.status_label(self.kind, self.status)

    @property
    def effective_due(self) -> dt.date | None:
        """The deadline now in force: the agreed extension if any, else the original."""
        return self.extended_to or self.due


class Remedy(models.Model):
    """A remedy offered at a stage (Code 7.1): type, amount, and whether it was delivered."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="remedies")
    type = models.CharField(max_length=30, choices=RemedyType.choices)
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    description = models.TextField(blank=True)
    due = models.DateField(null=True, blank=True)
    delivered_on = models.DateField(null=True, blank=True)
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="remedies_delivered",
    )

    class Meta:
        ordering = ["stage", "type"]
        constraints = [
            models.UniqueConstraint(fields=["stage", "type"], name="remedy_unique_type")
        ]

    def __str__(self) -> str:
        return self.get_type_display()

    @property
    def audit_label(self) -> str:
        """The audit trail names the remedy by its type, never by its description."""
        return f"Remedy {self.pk} ({self.get_type_display()})"

    def is_overdue_on(self, today: dt.date) -> bool:
        """Undelivered after the date it was promised by."""
        return self.delivered_on is None and self.due is not None and self.due < today


class LearningAction(TimeStampedModel):
    """A service improvement identified from a complaint, tracked to completion."""

    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="learning_actions"
    )
    description = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learning_actions",
    )
    owner_name = models.CharField(max_length=200, blank=True)
    due = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=LearningStatus.choices, default=LearningStatus.OPEN
    )
    completed_on = models.DateField(null=True, blank=True)
    category = models.CharField(
        max_length=30, choices=LearningCategory.choices, blank=True, default=""
    )

    class Meta:
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def audit_label(self) -> str:
        """The audit trail names the action by number: its description is free text."""
        return f"Learning action {self.pk}"


class ReferenceSequence(models.Model):
    """The last number issued in the council's series per year (0: a pattern without a
    year), for references like CF-2026-000123 (`services.references`)."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["prefix", "year"], name="reference_seq_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last_number}"


class CaseNote(TimeStampedModel):
    """A case note by an officer: part of the record (Code §5, record keeping)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    text = models.TextField()
    # Written by the complainant on their follow page, not by an officer.
    from_complainant = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Note on {self.case_id}"


def _attachment_path(instance: Attachment, filename: str) -> str:
    # A random name: the uploader's file name never reaches the file system.
    import secrets

    return f"attachments/{secrets.token_hex(16)}"


class Attachment(TimeStampedModel):
    """A document on a case, stored under a random name and only ever served as a download."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    description = models.CharField(max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # Sent by the complainant (public form or follow page), not uploaded by an officer.
    from_complainant = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def audit_label(self) -> str:
        """The audit trail names the file by number: its name may name a person."""
        return f"Document {self.pk}"


class CalendarRecompute(BackgroundRun):
    """A change of the council's nation or closure days, whose clocks the worker recomputes.

    The calendars before and after are kept, so the worker (and a retry) moves exactly the
    deadlines the old calendar gave (docs/deadline-rules.md §2).
    """

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    previous_nation = models.CharField(max_length=20)
    previous_closure_days = models.JSONField(default=list)
    nation = models.CharField(max_length=20)
    closure_days = models.JSONField(default=list)
    records_changed = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Calendar recompute {self.pk} ({self.get_status_display().lower()})"

    @property
    def summary(self) -> str:
        """One line for the administrator: what happened to the stored clocks."""
        if self.status == self.Status.DONE:
            count = self.records_changed or 0
            records = "1 record" if count == 1 else f"{count:,} records"
            return f"Deadlines and response times were recalculated on {records}."
        if self.status == self.Status.FAILED:
            return self.error
        if self.attempts:
            return self.error
        return "Deadlines and response times are being recalculated in the background."


class Restriction(TimeStampedModel):
    """A restriction on how a complainant may contact the council, for unreasonable behaviour.

    The LGSCO's guidance on unreasonable and unreasonably persistent complainants: a
    restriction is proportionate, says what is restricted, is approved by a senior officer
    and is reviewed. The reason's category is counted in the report; the details and what
    is restricted are free text kept in the case.
    """

    class Reason(models.TextChoices):
        ABUSIVE = "abusive", _("Abusive, threatening or offensive behaviour")
        EXCESSIVE_CONTACT = "excessive_contact", _("Excessive contact")
        PERSISTENT = "persistent", _("Unreasonably persistent about a decided matter")
        UNREASONABLE_DEMANDS = "unreasonable_demands", _("Unreasonable demands")
        NON_COOPERATION = "non_cooperation", _("Refusing to cooperate")
        OTHER = "other", _("Other")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="restrictions"
    )
    starts_on = models.DateField(_("date the restriction starts"))
    reason = models.CharField(max_length=30, choices=Reason.choices)
    reason_details = models.TextField(blank=True)
    restricts = models.TextField(_("what is restricted"))
    review_on = models.DateField(_("review date"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="restrictions_approved",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["review_on", "pk"]

    def __str__(self) -> str:
        return f"Restriction {self.pk} on {self.case_id and self.case.reference}"

    @property
    def audit_label(self) -> str:
        """Named by number and reason category: the details are free text."""
        return f"Restriction {self.pk} ({self.get_reason_display()})"

    def is_review_due_on(self, today: dt.date) -> bool:
        return self.ended_on is None and self.review_on <= today
