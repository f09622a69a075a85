"""Forms of the Reports page: validation and cleaning only."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from putright.core.forms import refuse_control_characters
from putright.organisation.models import Directorate
from putright.reporting.blocks import SECTIONS
from putright.reporting.models import ReportRun
from putright.reporting.services import COMMENTARY_MAX_LENGTH


class ReportForm(forms.Form):
    """Which report to generate: the annual one, or a quarter or half of a year."""

    year = forms.ChoiceField(
        label="Year",
        error_messages={"required": "Select the year the report is for."},
    )
    period = forms.ChoiceField(
        label="Period",
        choices=ReportRun.Part.choices,
        required=False,
        initial=ReportRun.Part.YEAR,
        help_text="The whole year for the annual report, or a quarter or half of it "
        "for a quarterly or half-year report, compared with the same part of the two "
        "years before.",
        error_messages={"invalid_choice": "Select a period from the list."},
    )
    directorate = forms.ModelChoiceField(
        label="Directorate",
        queryset=Directorate.objects.order_by("name"),
        required=False,
        empty_label="All directorates",
        help_text="Leave as all directorates for the council-wide report.",
        error_messages={"invalid_choice": "Select a directorate from the list."},
    )
    format = forms.ChoiceField(
        label="Format",
        choices=ReportRun.Format.choices,
        initial=ReportRun.Format.PDF,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select a format.",
            "invalid_choice": "Select a format from the list.",
        },
    )
    audience = forms.ChoiceField(
        label="Audience",
        choices=ReportRun.Audience.choices,
        initial=ReportRun.Audience.PUBLIC,
        widget=forms.RadioSelect,
        help_text="The public version is for publication and for members: counts "
        "below the council's threshold are suppressed and there are no case details. The "
        "internal version, with case summaries, is for the complaints team, and for a "
        "manager their own directorate.",
        error_messages={
            "required": "Select who the report is for.",
            "invalid_choice": "Select who the report is for from the list.",
        },
    )

    def __init__(
        self,
        *args: Any,
        years: list[str],
        default_year: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # `year` is declared above as a ChoiceField; `fields` is typed as plain Fields.
        cast(forms.ChoiceField, self.fields["year"]).choices = [(y, y) for y in years]
        self.fields["year"].error_messages["invalid_choice"] = (
            "Select a year from the list."
        )
        if years and not self.is_bound:
            self.initial.setdefault("year", default_year or years[-1])
        self.fields["year"].widget.attrs["class"] = "govuk-select"
        self.fields["period"].widget.attrs["class"] = "govuk-select"
        self.fields["directorate"].widget.attrs["class"] = "govuk-select"


class CommentaryForm(forms.Form):
    """The council's commentary: one text per section of the report, for one year."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, title in SECTIONS.items():
            self.fields[key] = forms.CharField(
                label=title,
                required=False,
                max_length=COMMENTARY_MAX_LENGTH,
                widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 4}),
                validators=[refuse_control_characters],
                error_messages={
                    "max_length": f"{title}: commentary must be "
                    f"{COMMENTARY_MAX_LENGTH:,} characters or fewer."
                },
            )
