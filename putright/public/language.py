"""English or Welsh on the public pages: chosen by the switch, remembered in a cookie.

The public site (everything under `/feedback/`) is shown in the language the resident chose
with the "English | Cymraeg" links in its header; before they choose, in the first language
their browser asks for that the council offers, else English. The choice is a plain link
(`?lang=cy`) that sets Django's language cookie and comes straight back to the same address,
so it works without JavaScript, keeps the resident on the same question with their answers
(those live in the session), and needs no form on every page.

Every other page (the staff app, the admin, the API) stays in English: staff pages are not
translated, and a resident's choice must not change a member of staff's screens on a shared
computer. The language is deactivated after each request so a worker thread never carries
one resident's choice into the next request.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

SWITCH_PARAMETER = "lang"
ONE_YEAR = 365 * 24 * 60 * 60


def is_public_path(path: str) -> bool:
    """Whether the address is one of the public pages (none, where no URL has them)."""
    try:
        prefix = reverse("public:start")
    except NoReverseMatch:
        return False
    return path.startswith(prefix)


def supported(code: str) -> str | None:
    """The setting's language code for `code` ("cy", "en-gb"), or None if not offered."""
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def public_language(request: HttpRequest) -> str:
    """The cookie's language if set and offered; else the browser's; else English."""
    chosen = supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "") or "")
    if chosen:
        return chosen
    return translation.get_language_from_request(request) or settings.LANGUAGE_CODE


def switch_url(request: HttpRequest, language: str) -> str:
    """This page's address with the switch to `language` (other query values kept)."""
    query = request.GET.copy()
    query[SWITCH_PARAMETER] = language
    return f"{request.path}?{query.urlencode()}"


def _without_switch(request: HttpRequest) -> str:
    query = [
        (key, value)
        for key, values in request.GET.lists()
        if key != SWITCH_PARAMETER
        for value in values
    ]
    return request.path + (f"?{urlencode(query)}" if query else "")


def _remember(response: HttpResponseBase, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE or ONE_YEAR,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE or settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
    )


class PublicLanguageMiddleware:
    """Activate the resident's language on public pages, and English everywhere else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not is_public_path(request.path_info):
            translation.activate(settings.LANGUAGE_CODE)
            try:
                return self.get_response(request)
            finally:
                translation.deactivate()
        if request.method in ("GET", "HEAD") and SWITCH_PARAMETER in request.GET:
            return self._switch(request)
        language = public_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        return response

    def _switch(self, request: HttpRequest) -> HttpResponseBase:
        """`?lang=cy`: remember the choice and show the same page again without it."""
        response = HttpResponseRedirect(_without_switch(request))
        language = supported(request.GET.get(SWITCH_PARAMETER, ""))
        if language:
            _remember(response, language)
        return response
