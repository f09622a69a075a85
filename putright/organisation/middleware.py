"""The council once per request; with no council, a page saying how to set it up (not a 500)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from putright.organisation.models import (
    CouncilNotSetUp,
    council_scope_close,
    council_scope_open,
)

NOT_SET_UP_STATUS = 503


class CouncilMiddleware:
    """Read the council once per request; turn `CouncilNotSetUp` into a clear 503."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = council_scope_open()
        try:
            return self.get_response(request)
        finally:
            council_scope_close(token)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if not isinstance(exception, CouncilNotSetUp):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": str(exception)}, status=NOT_SET_UP_STATUS)
        return render(
            request,
            "organisation/council_not_set_up.html",
            status=NOT_SET_UP_STATUS,
        )
