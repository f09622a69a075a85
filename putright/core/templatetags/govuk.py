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


@register.filter
def pagination_items(page: Any) -> list[int | None]:
    """The page numbers the GOV.UK pagination component shows; None is an ellipsis.

    The first and last pages, the current one and its neighbours: `1 … 4 5 6 … 10`.
    """
    last = page.paginator.num_pages
    current = page.number
    wanted = sorted(
        {1, last, current - 1, current, current + 1} & set(range(1, last + 1))
    )
    items: list[int | None] = []
    for number in wanted:
        if items and number - (items[-1] or 0) > 1:
            items.append(None)
        items.append(number)
    return items
