"""The dashboard's selection: service, year and quarter, read from the URL."""

from __future__ import annotations

from typing import Any

from django import forms

from putright.core.periods import PeriodError, parse_quarter, parse_year
from putright.organisation.models import Council
from putright.statistics import engine


class DashboardForm(forms.Form):
    """Validates the query string; `cleaned_data["selection"]` is an engine Selection."""

    directorate = forms.CharField(required=False, max_length=200)
    team = forms.CharField(required=False, max_length=200)
    year = forms.CharField(required=False, max_length=20)
    quarter = forms.CharField(required=False, max_length=10)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start_month = Council.load().financial_year_start_month
        period = None
        try:
            year = data.get("year") or engine.default_year().label
            period = parse_year(year, start_month)
        except PeriodError as error:
            self.add_error("year", str(error))
        try:
            quarter = parse_quarter(data.get("quarter"))
        except PeriodError as error:
            self.add_error("quarter", str(error))
            quarter = None
        directorate = None
        try:
            directorate = engine.resolve_directorate(data.get("directorate"))
        except engine.StatisticsError as error:
            self.add_error("directorate", str(error))
        if period is not None and not self.errors:
            try:
                data["selection"] = engine.selection_for(
                    year=period.label,
                    quarter=quarter,
                    directorate=directorate,
                    team=data.get("team"),
                )
            except engine.StatisticsError as error:
                self.add_error("team", str(error))
        return data
