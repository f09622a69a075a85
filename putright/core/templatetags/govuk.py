"""Template helpers for the GOV.UK form kit."""

from typing import Any

from django import template

from putright.core.forms import date_parts

register = template.Library()


@register.filter
def date_input_parts(field: Any) -> dict[str, str]:
    """The day, month and year boxes' values for a bound date field."""
    if field.form.is_bound:
        data = field.form.data
        typed = {
            part: data.get(f"{field.html_name}_{part}", "")
            for part in ("day", "month", "year")
        }
        if any(typed.values()):
            return typed
    return date_parts(field.value())
