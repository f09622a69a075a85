"""Views for the SQLite retry tests: each fails with "database is locked" a set number of times."""

from django.contrib.auth.models import Group
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

CALLS: dict[str, int] = {}
FAILURES: dict[str, int] = {}


def _flaky(name: str) -> None:
    CALLS[name] = CALLS.get(name, 0) + 1
    if CALLS[name] <= FAILURES.get(name, 0):
        raise OperationalError("database is locked")


@csrf_exempt
def write(request: HttpRequest) -> HttpResponse:
    Group.objects.create(name=f"attempt {CALLS.get('write', 0) + 1}")
    _flaky("write")
    return HttpResponse(f"groups {Group.objects.count()}")


def read(request: HttpRequest) -> HttpResponse:
    _flaky("read")
    return HttpResponse("read")


@csrf_exempt
def broken(request: HttpRequest) -> HttpResponse:
    Group.objects.create(name="half done")
    raise ValueError("a bug, not a lock")


urlpatterns = [
    path("write", write),
    path("read", read),
    path("broken", broken),
]

# As in the real URLconf: the council's 500 page (a plain one when it cannot be drawn).
handler500 = "putright.config.views.server_error"
