"""Filters for the record-access page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from putright.audit.constants import ReadKind
from putright.core.forms import DateField, GovukForm


class ReadFilterForm(GovukForm):
    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.order_by("username"),
        required=False,
        label="User",
        to_field_name="pk",
        error_messages={"invalid_choice": "Select a user from the list."},
    )
    kind = forms.ChoiceField(
        choices=[("", "Any"), *ReadKind.choices],
        required=False,
        label="What was read",
        error_messages={"invalid_choice": "Select what was read from the list."},
    )
    date_from = DateField(required=False, label="From")
    date_to = DateField(required=False, label="To")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["user"]
        field.empty_label = "Anyone"
        # Usernames only: the page names accounts, not people.
        field.label_from_instance = lambda user: user.get_username()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error(
                "date_to", "The end date must be the same as or after the start."
            )
        return data
