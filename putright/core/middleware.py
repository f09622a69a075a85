"""Response headers every page gets, and no caching of personal data.

Django's SecurityMiddleware already sends Referrer-Policy (same-origin),
Cross-Origin-Opener-Policy (same-origin) and X-Content-Type-Options; this adds what it does
not: a Permissions-Policy that turns off every powerful browser feature (nothing in putright
uses the camera, microphone, location, payment or USB), Cross-Origin-Resource-Policy, and
`Cache-Control: no-store` on downloads and on every page a signed-in person sees, so an
export, an attachment, a letter or a case page is never kept by a browser or proxy on a
shared council computer.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)
NO_STORE = "no-store"


class ResponseHeadersMiddleware:
    """Permissions-Policy and CORP on every response; no-store on downloads and staff pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if "Content-Disposition" in response.headers:
            # A download is always personal data or a report: never cached, whatever else
            # the view said.
            response.headers["Cache-Control"] = NO_STORE
        elif "Cache-Control" not in response.headers and _signed_in(request):
            response.headers["Cache-Control"] = NO_STORE
        return response


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)
