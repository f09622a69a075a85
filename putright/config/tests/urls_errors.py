"""The real URLs plus views that fail, to see the error pages a resident or officer gets."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import path

from putright.config.urls import (  # noqa: F401 - the handlers must be in ROOT_URLCONF
    handler400,
    handler403,
    handler404,
    handler500,
)
from putright.config.urls import (
    urlpatterns as real_urlpatterns,
)

SECRET_IN_ERROR = "postgres://council:hunter2@db.internal/putright"


def explodes(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(f"cannot reach {SECRET_IN_ERROR}")


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation(f"bad input near {SECRET_IN_ERROR}")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied(f"not for you: {SECRET_IN_ERROR}")


urlpatterns = [
    *real_urlpatterns,
    path("test-errors/500", explodes),
    path("test-errors/400", suspicious),
    path("test-errors/403", forbidden),
]
