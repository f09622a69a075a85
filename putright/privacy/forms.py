"""Forms for the subject access pages: validation only."""

from __future__ import annotations

from django import forms

from putright.core.forms import DateField, GovukForm


class SubjectAccessForm(GovukForm):
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter the person's email address.",
            "invalid": "Enter an email address like name@example.com.",
        },
    )
    name = forms.CharField(
        label="Full name (optional)",
        required=False,
        max_length=200,
        help_text="Also lists cases recorded under this name.",
    )
    postcode = forms.CharField(
        label="Postcode (optional)",
        required=False,
        max_length=10,
        help_text="Also lists cases at this postcode.",
    )
    received_on = DateField(
        label="Date the request was received",
        error_messages={"required": "Enter the date the request was received."},
    )
