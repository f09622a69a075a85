"""`{% language_switch %}`: the "English | Cymraeg" links at the top of every public page."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.utils import translation

from putright.public.language import switch_url

register = template.Library()

# Each link speaks its own language: a Welsh reader is offered Welsh in Welsh.
CHANGE_TO = {
    "en-gb": ("en-GB", "Change the language to English"),
    "cy": ("cy", "Newid yr iaith i’r Gymraeg"),
}


@register.inclusion_tag("public/_language_switch.html", takes_context=True)
def language_switch(context: Any) -> dict[str, Any]:
    request = context.get("request")
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        lang, change = CHANGE_TO.get(code, (code, name))
        links.append(
            {
                "name": name,
                "lang": lang,
                "change": change,
                "current": code == current,
                "url": switch_url(request, code) if request is not None else "",
            }
        )
    return {"links": links}
