"""Council branding for every page."""

from typing import Any

from django.db.utils import DatabaseError
from django.http import HttpRequest

from putright.organisation.models import Council


def council(request: HttpRequest) -> dict[str, Any]:
    try:
        current = Council.current()
    except DatabaseError:  # before the first migration
        current = None
    return {"council": current}
