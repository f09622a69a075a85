"""The council's branding, served to every page."""

from django.http import HttpRequest, HttpResponse

from putright.organisation.models import Council


def branding_css(request: HttpRequest) -> HttpResponse:
    """The council's colours as CSS custom properties (no inline styles: CSP)."""
    council = Council.objects.order_by("pk").first()
    colour = council.brand_colour if council else "#1d4f91"
    if not (len(colour) == 7 and colour.startswith("#")):
        colour = "#1d4f91"
    body = f":root {{ --pr-brand: {colour}; --pr-brand-dark: {colour}; }}\n"
    response = HttpResponse(body, content_type="text/css")
    response["Cache-Control"] = "max-age=300"
    return response
