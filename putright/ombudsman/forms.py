"""Ombudsman forms: validation only; views pass cleaned data to the services."""

from django import forms

from putright.complaints.constants import Ombudsman
from putright.core.forms import DateField, GovukForm
from putright.ombudsman.models import HO_FINDINGS, Decision, Recommendation
from putright.organisation.models import Directorate, Team


class OmbudsmanCaseForm(GovukForm):
    reference = forms.CharField(label="Ombudsman's reference", max_length=50)
    ombudsman = forms.ChoiceField(label="Ombudsman", choices=Ombudsman.choices)
    received = DateField(label="Date the Ombudsman first contacted us")
    complaint_reference = forms.CharField(
        label="Our case reference",
        max_length=50,
        required=False,
        help_text="For example CF-2026-000123. Links the Ombudsman case to the complaint.",
    )
    directorate = forms.ModelChoiceField(
        label="Service", queryset=Directorate.objects.all(), required=False
    )
    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.all(), required=False
    )
    category = forms.CharField(
        label="Ombudsman's category", max_length=200, required=False
    )
    is_investigation = forms.BooleanField(
        label="The Ombudsman is carrying out a detailed investigation", required=False
    )
    summary = forms.CharField(
        label="Summary", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class DecisionForm(GovukForm):
    decided = DateField(label="Decision date")
    decision = forms.ChoiceField(label="Decision", choices=Decision.choices)
    satisfactory_remedy_by_council = forms.BooleanField(
        label="The Ombudsman found we had already offered a satisfactory remedy",
        required=False,
    )
    remedy_amount = forms.DecimalField(
        label="Amount recommended or ordered (£)",
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
    )
    is_public_report = forms.BooleanField(label="Public report issued", required=False)
    requirement = forms.CharField(
        label="What the Ombudsman required",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    lessons = forms.CharField(
        label="Actions taken and lessons learnt",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, ombudsman: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if ombudsman:
            from putright.ombudsman.models import DECISIONS_BY_OMBUDSMAN

            allowed = DECISIONS_BY_OMBUDSMAN[ombudsman]
            self.fields["decision"].choices = [(d.value, d.label) for d in allowed]


class RecommendationForm(GovukForm):
    type = forms.ChoiceField(label="Type", choices=Recommendation.Type.choices)
    description = forms.CharField(
        label="What the Ombudsman recommended", widget=forms.Textarea(attrs={"rows": 3})
    )
    amount = forms.DecimalField(
        label="Amount (£)", required=False, min_value=0, max_digits=10, decimal_places=2
    )
    due = DateField(label="Due date")


class ComplianceForm(GovukForm):
    completed_on = DateField(label="Date completed", required=False)
    not_complied = forms.BooleanField(label="We did not comply", required=False)


# The Housing Ombudsman's own categories (its published determinations), offered as
# suggestions: another element can be typed.
HO_ELEMENTS = (
    "Repairs & Maintenance",
    "Damp & Mould",
    "Leaks & Water Ingress",
    "Complaint Handling",
    "Anti-Social Behaviour (ASB)",
    "Record Keeping",
    "Compensation",
    "Staff Conduct",
    "Allocations & Lettings",
    "Rent & Service Charges",
    "Other",
)


class FindingForm(GovukForm):
    element = forms.CharField(
        label="Part of the complaint",
        max_length=100,
        help_text="The Housing Ombudsman's category, for example "
        + ", ".join(HO_ELEMENTS[:4])
        + ".",
        widget=forms.TextInput(attrs={"list": "ho-elements"}),
    )
    finding = forms.ChoiceField(
        label="Finding", choices=[(d.value, d.label) for d in HO_FINDINGS]
    )
