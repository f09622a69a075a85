"""The health check and the favicon: the pages every app shares."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static

logger = logging.getLogger(__name__)
UNAVAILABLE = 503


def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers; 503 with no detail when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        # The reason goes to the log for IT, never to the (unauthenticated) caller.
        logger.exception("Health check: the database did not answer.")
        response = JsonResponse({"status": "unavailable"}, status=UNAVAILABLE)
    else:
        response = JsonResponse({"status": "ok"})
    response["Cache-Control"] = "no-store"
    return response


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico whatever a page links: send them to the icon."""
    return HttpResponsePermanentRedirect(static("putright/favicon.svg"))
