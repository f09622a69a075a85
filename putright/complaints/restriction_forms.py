"""The form for a restriction on contact for unreasonable behaviour."""

from __future__ import annotations

from typing import Any

from django import forms

from putright.accounts.models import User
from putright.accounts.policy import Capability, staff_with
from putright.complaints.models import Restriction
from putright.core.forms import DateField, GovukForm


class RestrictionForm(GovukForm):
    starts_on = DateField(label="Date the restriction starts")
    reason = forms.ChoiceField(
        label="Reason",
        choices=Restriction.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the reason for the restriction."},
    )
    reason_details = forms.CharField(
        label="What happened",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept on the case only; never in reports.",
    )
    restricts = forms.CharField(
        label="What is restricted",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: telephone calls to one named officer, Tuesdays 10am "
        "to 12 noon; other contact in writing.",
    )
    review_on = DateField(
        label="Review date", help_text="Within 12 months of the start."
    )
    approved_by = forms.ModelChoiceField(
        label="Approved by",
        queryset=User.objects.none(),
        help_text="A manager or a member of the complaints team.",
        error_messages={"required": "Select who approved the restriction."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["approved_by"]
        field.queryset = User.objects.filter(
            staff_with(Capability.ALL_CASES) | staff_with(Capability.SERVICE_OVERSIGHT)
        ).order_by("first_name", "last_name", "username")


class ReviewForm(GovukForm):
    reviewed_on = DateField(label="Date of the review")
    next_review_on = DateField(
        label="Next review date",
        required=False,
        help_text="Leave empty to end the restriction.",
    )
