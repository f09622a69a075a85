"""Casework forms: validation and cleaning only; the views pass cleaned data to services."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db import models
from django.utils import timezone

from putright.accounts.models import User
from putright.complaints.constants import (
    DECISION_OUTCOMES,
    Channel,
    Kind,
    Language,
    LearningCategory,
    LearningStatus,
    RemedyType,
)
from putright.complaints.models import (
    ComplainantType,
    IssueNature,
    Procedure,
    RefusalReason,
    RootCause,
)
from putright.complaints.permissions import CASEWORK_ROLES, is_complaints_team
from putright.complaints.services.procedures import procedures_offered
from putright.core.forms import DateField, GovukForm
from putright.organisation.models import Directorate, Team


class VersionedForm(GovukForm):
    """Carries the case version the user saw, so a stale form is refused."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "required": "This page is out of date. Go back to the case and try again.",
            "invalid": "This page is out of date. Go back to the case and try again.",
        },
    )


def _staff() -> Any:
    return User.objects.filter(is_active=True, role__in=CASEWORK_ROLES).select_related(
        "team"
    )


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        where = obj.team.name if obj.team_id else obj.get_role_display()
        return f"{obj} ({where})"


# Officers with no directorate (the complaints team) are listed under this heading.
CENTRAL_STAFF = "Complaints team and staff without a directorate"


def _grouped(items: list[tuple[str, Any, str]], empty: str) -> list[Any]:
    """Choices as (group, [(value, label), ...]) when there is more than one group."""
    groups: dict[str, list[tuple[Any, str]]] = {}
    for group, value, label in items:
        groups.setdefault(group, []).append((value, label))
    if len(groups) == 1:
        return [("", empty), *next(iter(groups.values()))]
    return [("", empty), *groups.items()]


class DirectorateChoices(forms.Form):
    """Teams and officers offered only from the directorates the user may choose, so a
    wrong choice cannot be made; the services still refuse one (ADR 0006)."""

    def limit_choices(
        self, directorates: list[Directorate], *, central_staff: bool
    ) -> None:
        ids = [directorate.pk for directorate in directorates]
        teams = list(
            Team.objects.filter(is_active=True, directorate_id__in=ids)
            .select_related("directorate")
            .order_by("directorate__name", "name")
        )
        team_field = cast(forms.ModelChoiceField, self.fields["team"])
        team_field.queryset = Team.objects.filter(pk__in=[t.pk for t in teams])
        team_field.choices = _grouped(
            [(t.directorate.name, t.pk, str(t)) for t in teams], "Not chosen"
        )
        staff = _staff().filter(directorate_id__in=ids)
        if central_staff:
            staff = _staff().filter(
                models.Q(directorate_id__in=ids) | models.Q(directorate__isnull=True)
            )
        # Each directorate's officers by name, then the complaints team's.
        officers = sorted(
            staff.select_related("directorate"),
            key=lambda u: (
                u.directorate_id is None,
                u.directorate.name if u.directorate else "",
                str(u),
            ),
        )
        handler_field = cast(StaffChoiceField, self.fields["handler"])
        handler_field.queryset = _staff().filter(pk__in=[u.pk for u in officers])
        handler_field.choices = _grouped(
            [
                (
                    u.directorate.name if u.directorate else CENTRAL_STAFF,
                    u.pk,
                    handler_field.label_from_instance(u),
                )
                for u in officers
            ],
            "Not allocated",
        )


def _offer_council_procedures(form: forms.Form) -> None:
    """Only the procedures the council uses: its nation's built-ins and its own."""
    field = cast(forms.ModelChoiceField, form.fields["procedure"])
    field.queryset = procedures_offered()


class KindFields(forms.Form):
    """The triage decision: the kind of contact and, for a complaint, its procedure."""

    kind = forms.ChoiceField(
        label="What kind of contact is it",
        choices=Kind.choices,
        widget=forms.RadioSelect,
    )
    procedure = forms.ModelChoiceField(
        label="Procedure",
        queryset=Procedure.objects.filter(is_active=True),
        required=False,
        help_text="Needed for a complaint: it sets the stages and deadlines.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer_council_procedures(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == Kind.COMPLAINT and not data.get("procedure"):
            self.add_error(
                "procedure", "Select the procedure that applies to this complaint."
            )
        return data


class LogContactForm(DirectorateChoices, KindFields, GovukForm):
    channel = forms.ChoiceField(label="How it was received", choices=Channel.choices)
    received = DateField(label="Date received", initial=timezone.localdate)
    directorate = forms.ModelChoiceField(
        label="Service (directorate)",
        queryset=Directorate.objects.filter(is_active=True),
    )
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.filter(is_active=True).select_related("directorate"),
        required=False,
    )
    handler = StaffChoiceField(label="Officer", queryset=_staff(), required=False)
    contact_name = forms.CharField(label="Full name", max_length=200, required=False)
    contact_email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like "
            "name@example.com."
        },
    )
    contact_phone = forms.CharField(label="Telephone", max_length=50, required=False)
    contact_address = forms.CharField(
        label="Address", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    representative_name = forms.CharField(
        label="Representative (if someone complains on their behalf)",
        max_length=200,
        required=False,
    )
    complainant_type = forms.ModelChoiceField(
        label="Who is contacting us",
        queryset=ComplainantType.objects.filter(is_active=True),
        required=False,
    )
    is_vulnerable = forms.BooleanField(
        label="The person may be vulnerable or at risk", required=False
    )
    reasonable_adjustments = forms.CharField(
        label="Reasonable adjustments",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    summary = forms.CharField(
        label="What is it about", widget=forms.Textarea(attrs={"rows": 5})
    )
    outcome_sought = forms.CharField(
        label="Outcome sought",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    constituency = forms.CharField(
        label="Constituency (MP enquiries)", max_length=200, required=False
    )

    def __init__(
        self,
        *args: Any,
        user: Any = None,
        chosen: Directorate | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = _staff()
        if user is not None:
            self._limit_to(user, chosen)

    def _limit_to(self, user: Any, chosen: Directorate | None) -> None:
        # Officers and managers log only into their own directorate (`may_log_into`);
        # the complaints team chooses the directorate first (no JavaScript needed), and
        # is offered only its teams and officers, or every directorate's, grouped.
        directorates = Directorate.objects.filter(is_active=True).order_by("name")
        central = is_complaints_team(user)
        if not central:
            directorates = directorates.filter(pk=user.directorate_id)
        self.fields["directorate"].queryset = directorates
        offered = list(directorates)
        if chosen is not None and chosen in offered:
            offered = [chosen]
        self.limit_choices(offered, central_staff=central)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        team = data.get("team")
        if (
            team
            and data.get("directorate")
            and team.directorate_id != data["directorate"].pk
        ):
            self.add_error("team", "Select a team in the chosen service.")
        return data


class TriageForm(KindFields, VersionedForm):
    pass


class RefuseForm(VersionedForm):
    reason = forms.ModelChoiceField(
        label="Reason for not accepting the complaint",
        queryset=RefusalReason.objects.filter(is_active=True),
    )
    details = forms.CharField(
        label="Explanation for the letter",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Why the matter is not suitable for the complaints procedure.",
    )
    decided_on = DateField(label="Date of the decision", initial=timezone.localdate)


class ConvertForm(VersionedForm):
    procedure = forms.ModelChoiceField(
        label="Procedure", queryset=Procedure.objects.filter(is_active=True)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer_council_procedures(self)

    received = DateField(
        label="Date the complaint was made", initial=timezone.localdate
    )
    summary = forms.CharField(
        label="What the complaint is about",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class AcknowledgeForm(VersionedForm):
    acknowledged = DateField(label="Date acknowledged", initial=timezone.localdate)
    understanding = forms.CharField(
        label="Your understanding of the complaint and the outcome sought",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Write it for the complainant: it goes word for word into their "
        "acknowledgement letter. Leave out internal notes.",
    )


class AllocateForm(DirectorateChoices, VersionedForm):
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.filter(is_active=True).select_related("directorate"),
        required=False,
    )
    handler = StaffChoiceField(label="Officer", queryset=_staff(), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = _staff()


class ExtendForm(VersionedForm):
    extended_to = DateField(label="New response date")
    reason = forms.CharField(
        label="Reason for the extension",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="This goes into the extension letter.",
    )
    good_reason = forms.CharField(
        label="Good reason for going beyond the procedure's limit",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Only needed when the new date is past the limit. It is flagged in "
        "lists and reports.",
    )


class ResponseForm(VersionedForm):
    outcome = forms.ChoiceField(
        label="Decision",
        choices=[(o.value, o.label) for o in DECISION_OUTCOMES],
        widget=forms.RadioSelect,
        required=False,
        help_text="Needed before a complaint's response can be sent.",
    )
    understanding = forms.CharField(
        label="The complaint as understood",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    response_reasons = forms.CharField(
        label="Reasons for the decision",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="Address every point, with reference to policy, law and good practice.",
    )
    remedies = forms.MultipleChoiceField(
        label="Remedies offered",
        choices=RemedyType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    financial_remedy = forms.DecimalField(
        label="Financial remedy (£)",
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        error_messages={"invalid": "Enter the amount in pounds, like 250.00."},
    )
    remedy_description = forms.CharField(
        label="What the remedy is",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    remedy_due = DateField(label="Remedy to be delivered by", required=False)
    issue_natures = forms.ModelMultipleChoiceField(
        label="Nature of the issues",
        queryset=IssueNature.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    root_causes = forms.ModelMultipleChoiceField(
        label="Root causes",
        queryset=RootCause.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    learning = forms.CharField(
        label="Learning identified",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    responded = DateField(
        label="Date the response is sent", initial=timezone.localdate, required=False
    )


class ThankForm(VersionedForm):
    thanked = DateField(label="Date the person was thanked", initial=timezone.localdate)


class SendResponseForm(VersionedForm):
    responded = DateField(label="Date the response is sent", initial=timezone.localdate)


class PanelForm(VersionedForm):
    panel_meeting_on = DateField(label="Date the review panel met")
    panel_report_on = DateField(
        label="Date the panel's report was received",
        required=False,
        help_text="The council's response is due 15 working days after the report.",
    )


LEARNING_CATEGORY_CHOICES = [("", "Not categorised"), *LearningCategory.choices]


class LearningActionForm(VersionedForm):
    description = forms.CharField(
        label="Action", widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = StaffChoiceField(label="Owner", queryset=_staff(), required=False)
    owner_name = forms.CharField(
        label="Owner, if not a user of this system", max_length=200, required=False
    )
    due = DateField(label="Due date")
    category = forms.ChoiceField(
        label="Kind of improvement",
        choices=LEARNING_CATEGORY_CHOICES,
        required=False,
        help_text="Used to count improvements by kind in the annual report.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _staff()


class LearningStatusForm(VersionedForm):
    status = forms.ChoiceField(label="Status", choices=LearningStatus.choices)
    completed_on = DateField(label="Date completed", required=False)
    category = forms.ChoiceField(
        label="Kind of improvement",
        choices=LEARNING_CATEGORY_CHOICES,
        required=False,
        help_text="Used to count improvements by kind in the annual report.",
    )


class ApprovalForm(VersionedForm):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve the response"), ("return", "Return for changes")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Comment", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class EscalateForm(DirectorateChoices, VersionedForm):
    received = DateField(
        label="Date the complainant asked for escalation", initial=timezone.localdate
    )
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.filter(is_active=True).select_related("directorate"),
        required=False,
    )
    handler = StaffChoiceField(
        label="Officer for the new stage",
        queryset=_staff(),
        required=False,
        help_text="Must be someone other than the previous stage's officer.",
    )
    reasons = forms.CharField(
        label="What the complainant remains unhappy about (optional)",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Complainants never have to give reasons for escalating.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = _staff()


class EscalationRefuseForm(VersionedForm):
    reason = forms.ModelChoiceField(
        label="Exclusion that applies",
        queryset=RefusalReason.objects.filter(is_active=True),
    )
    details = forms.CharField(
        label="Explanation for the letter", widget=forms.Textarea(attrs={"rows": 5})
    )
    refused_on = DateField(label="Date of the decision", initial=timezone.localdate)


class WithdrawForm(VersionedForm):
    withdrawn_on = DateField(label="Date withdrawn", initial=timezone.localdate)
    reason = forms.CharField(
        label="How the complainant withdrew", widget=forms.Textarea(attrs={"rows": 3})
    )


class CloseForm(VersionedForm):
    # Shown only when a remedy is still to be delivered (`actions.form_for`).
    confirm_undelivered = forms.BooleanField(
        label="Close the case although these remedies have not been delivered",
        required=False,
    )
    undelivered_reason = forms.CharField(
        label="Why the case can close before the remedies are delivered",
        help_text="For example, the payment is with finance and is tracked there.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class RemedyDeliveryForm(VersionedForm):
    due = DateField(label="Due by", required=False)
    delivered_on = DateField(
        label="Date delivered",
        required=False,
        help_text="Leave blank while the remedy is still to be delivered.",
    )
    delivered_by = StaffChoiceField(
        label="Delivered by",
        queryset=_staff(),
        required=False,
        help_text="Leave blank if you delivered it yourself.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delivered_by"].queryset = _staff()


class ReopenForm(VersionedForm):
    reason = forms.CharField(
        label="Reason for reopening", widget=forms.Textarea(attrs={"rows": 3})
    )


class LanguageForm(VersionedForm):
    language = forms.ChoiceField(
        label="Language for letters and emails",
        help_text="Every letter and email to the complainant is written in it.",
        choices=Language.choices,
        widget=forms.RadioSelect,
    )


class NoteForm(GovukForm):
    text = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 5}))


class AttachmentForm(GovukForm):
    file = forms.FileField(
        label="Document",
        help_text="PDF, Word (.docx), Excel (.xlsx), OpenDocument, JPEG, PNG, text or "
        "email (.eml), smaller than 10 MB.",
        error_messages={"required": "Select a document to upload."},
    )
    description = forms.CharField(label="Description", max_length=200, required=False)
