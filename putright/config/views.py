"""The signed-in home page: it brings together the work of every app, so it sits on top."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render

from putright.complaints import permissions, selectors
from putright.core.logs import current_request_id


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's work: overdue, due soon and awaiting acknowledgement."""
    counts = None
    if permissions.has_casework_access(request.user):
        counts = selectors.case_counts(user=request.user)
    return render(request, "home.html", {"counts": counts})


# Error pages in the council's branding. None shows the exception's message, the URL
# patterns, a traceback or a setting, whatever DEBUG is; each gives the request id, which
# the log line for the request carries too.
PLAIN_SERVER_ERROR = (
    "<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'>"
    "<title>Sorry, there is a problem with the service</title></head><body>"
    "<h1>Sorry, there is a problem with the service</h1><p>Try again later.</p>"
    "</body></html>"
)


def _error_page(request: HttpRequest, template: str, status: int) -> HttpResponse:
    context = {"request_id": current_request_id()}
    return render(request, template, context, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error_page(request, "400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error_page(request, "403.html", 403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error_page(request, "404.html", 404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error_page(request, "403_csrf.html", 403)


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        return _error_page(request, "500.html", 500)
    except Exception:  # noqa: BLE001 - the failure may be the database or a template
        return HttpResponseServerError(PLAIN_SERVER_ERROR)
