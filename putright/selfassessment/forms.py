from __future__ import annotations

from django import forms

from putright.core.forms import DateField, GovukForm

YES_NO = [("yes", "Yes, the council complies"), ("no", "No, it does not comply")]


class StartForm(GovukForm):
    year = forms.IntegerField(
        label="Financial year it starts in",
        help_text="For example, 2025 for 2025/2026.",
        error_messages={
            "required": "Enter the year the financial year starts in.",
            "invalid": "Enter the year as 4 digits, for example 2025.",
        },
    )


class AnswerForm(GovukForm):
    complies = forms.ChoiceField(
        label="Does the council comply with this provision?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes or no."},
    )
    commentary = forms.CharField(
        label="Commentary and evidence",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="How the council meets the provision. No names or details of "
        "individual complainants.",
        max_length=5000,
    )
    action = forms.CharField(
        label="Action to comply, or how the intention is met another way",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when the answer is no.",
        max_length=2000,
    )
    target_date = DateField(label="Target date for the action", required=False)


class SignOffForm(GovukForm):
    signed_off_by = forms.CharField(
        label="Signed off by",
        max_length=200,
        help_text="The governing body or member, "
        "for example Cabinet, or the Member Responsible for Complaints.",
    )
    signed_off_on = DateField(label="Date of the meeting")
    minute_reference = forms.CharField(label="Minute reference", max_length=100)
