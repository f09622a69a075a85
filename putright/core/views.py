"""The signed-in home page and the health check."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's work: overdue, due soon and awaiting acknowledgement."""
    from putright.complaints import permissions, selectors

    counts = None
    if permissions.has_casework_access(request.user):
        counts = selectors.case_counts(user=request.user)
    return render(request, "core/home.html", {"counts": counts})


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def branding_css(request: HttpRequest) -> HttpResponse:
    """The council's colours as CSS custom properties (no inline styles: CSP)."""
    from putright.organisation.models import Council

    council = Council.objects.order_by("pk").first()
    colour = council.brand_colour if council else "#1d4f91"
    if not (len(colour) == 7 and colour.startswith("#")):
        colour = "#1d4f91"
    body = f":root {{ --pr-brand: {colour}; --pr-brand-dark: {colour}; }}\n"
    response = HttpResponse(body, content_type="text/css")
    response["Cache-Control"] = "max-age=300"
    return response
