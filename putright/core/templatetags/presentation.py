"""Template filters for `putright.core.presentation`, so pages and letters read as reports do.

`{% load presentation %}` then `{{ stage.received|long_date }}`, `{{ remedy.amount|money }}`,
`{{ value|percent }}`, `{{ days|whole_days }}`, `{{ moment|time_and_date }}`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from putright.core import presentation

register = template.Library()


@register.filter
def long_date(value: dt.date | str | None) -> str:
    if value is None or value == "":
        return ""
    return presentation.long_date(value)


@register.filter
def money(value: Any) -> str:
    return presentation.money(value)


@register.filter
def percent(value: Any) -> str:
    return presentation.percent_text(value)


@register.filter
def whole_days(value: Any) -> str:
    return presentation.whole_days(value)


@register.filter
def time_and_date(value: dt.datetime | None) -> str:
    return "" if value is None else presentation.time_and_date(value)
