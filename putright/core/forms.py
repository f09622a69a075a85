"""The GOV.UK form kit every app's forms build on: classes, date input, error messages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils import timezone

from putright.core.errors import ServiceError
from putright.core.inputs import control_character, date_out_of_range

_CLASSES = {
    "text": "govuk-input",
    "email": "govuk-input",
    "number": "govuk-input govuk-input--width-10",
    "date": "govuk-input govuk-input--width-10",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "file": "govuk-file-upload",
    "clearablefile": "govuk-file-upload",
}


class GovukDateWidget(forms.Widget):
    """The GOV.UK date input: day, month and year boxes, read back as YYYY-MM-DD."""

    PARTS = ("day", "month", "year")

    def value_from_datadict(self, data: Any, files: Any, name: str) -> str | None:
        parts = [data.get(f"{name}_{part}", "").strip() for part in self.PARTS]
        if not any(parts):
            return data.get(name)  # a plain ISO date (API clients, tests)
        day, month, year = parts
        return f"{year}-{month.zfill(2)}-{day.zfill(2)}"

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and not any(
            f"{name}_{part}" in data for part in self.PARTS
        )


def date_parts(value: Any) -> dict[str, str]:
    """Day, month and year to show in a GOV.UK date input, from a date or what was typed."""
    if isinstance(value, dt.date):
        return {
            "day": str(value.day),
            "month": str(value.month),
            "year": str(value.year),
        }
    if isinstance(value, str) and value.count("-") == 2:
        year, month, day = value.split("-")
        return {"day": day.lstrip("0"), "month": month.lstrip("0"), "year": year}
    return {"day": "", "month": "", "year": ""}


class DateField(forms.DateField):
    widget = GovukDateWidget
    input_formats = ["%Y-%m-%d"]
    default_error_messages = {"invalid": "Enter a real date, for example 27 3 2026."}

    def prepare_value(self, value: Any) -> Any:
        return value() if callable(value) else value

    def validate(self, value: Any) -> None:
        super().validate(value)
        if isinstance(value, dt.date):
            problem = date_out_of_range(value, timezone.localdate())
            if problem:
                raise ValidationError(problem, code="out_of_range")


def refuse_control_characters(value: Any) -> None:
    """Text may hold tabs and line breaks but no other control character (NUL included)."""
    if isinstance(value, str):
        found = control_character(value)
        if found:
            raise ValidationError(
                "Remove the hidden control character (%(code)s): text can contain "
                "letters, numbers, punctuation, tabs and line breaks only.",
                code="control_character",
                params={"code": found},
            )


class GovukForm(forms.Form):
    """Adds GOV.UK classes; every required field gets a specific error message."""

    template_name = "govuk/form_fields.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget_type = self[name].widget_type
            css = _CLASSES.get(widget_type)
            if css:
                field.widget.attrs.setdefault("class", css)
            if isinstance(field, forms.CharField):
                field.validators = [
                    *(
                        v
                        for v in field.validators
                        if not isinstance(v, ProhibitNullCharactersValidator)
                    ),
                    refuse_control_characters,
                ]
            # Only model choice fields carry an empty label (Django's "---------").
            if (
                isinstance(field, forms.ModelChoiceField)
                and field.empty_label == "---------"
            ):
                field.empty_label = "Choose" if field.required else "None"
            default = forms.Field.default_error_messages["required"]
            if field.required and field.error_messages.get("required") == default:
                label = str(field.label or name.replace("_", " "))
                label = label[0].lower() + label[1:]
                verb = "Select" if widget_type in ("select", "radioselect") else "Enter"
                field.error_messages["required"] = f"{verb} {label}."

    def add_service_error(self, error: ServiceError) -> None:
        """Show a service's refusal beside the field it names, or above the form."""
        self.add_error(
            error.field if error.field in self.fields else None, error.message
        )
