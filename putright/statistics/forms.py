"""The dashboard's selection: service, year and quarter, read from the URL."""

from __future__ import annotations

from typing import Any

from django import forms

from putright.statistics.selection import selection_parse


class DashboardForm(forms.Form):
    """Validates the query string; `cleaned_data["selection"]` is an engine Selection."""

    directorate = forms.CharField(required=False, max_length=200)
    team = forms.CharField(required=False, max_length=200)
    year = forms.CharField(required=False, max_length=20)
    quarter = forms.CharField(required=False, max_length=10)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        parsed = selection_parse(
            year=data.get("year"),
            quarter=data.get("quarter"),
            directorate=data.get("directorate"),
            team=data.get("team"),
        )
        for error in parsed.errors:
            self.add_error(error.field, error.message)
        if parsed.selection is not None:
            data["selection"] = parsed.selection
        return data
