"""The council's branding, served to every page: its colours and its logo."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse

from putright.organisation import branding
from putright.organisation.models import Council


def branding_css(request: HttpRequest) -> HttpResponse:
    """The council's colours as CSS custom properties (no inline styles: CSP)."""
    council = Council.objects.order_by("pk").first()
    colour = council.brand_colour if council else branding.DEFAULT_COLOUR
    try:
        branding.brand_colour_validate(colour)
    except Exception:  # noqa: BLE001 - a value stored before the check: the default
        colour = branding.DEFAULT_COLOUR
    body = (
        f":root {{ --pr-brand: {colour}; "
        f"--pr-brand-dark: {branding.darker(colour)}; }}\n"
    )
    response = HttpResponse(body, content_type="text/css")
    response["Cache-Control"] = "max-age=300"
    return response


def council_logo(request: HttpRequest) -> FileResponse:
    """The council's logo for the page header, with the type its content shows."""
    council = Council.objects.order_by("pk").first()
    if council is None or not council.logo:
        raise Http404("No logo.")
    try:
        handle = council.logo.open("rb")
    except OSError as error:
        raise Http404("No logo.") from error
    data = handle.read(4096)
    handle.seek(0)
    kind = branding.logo_kind(data) or "bin"
    response = FileResponse(
        handle,
        content_type=branding.CONTENT_TYPES.get(kind, "application/octet-stream"),
    )
    response["Cache-Control"] = "max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    # An SVG opened on its own could run script: nothing is allowed to.
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    )
    return response
