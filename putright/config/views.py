"""The signed-in home page: it brings together the work of every app, so it sits on top."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.urls import reverse

from putright.accounts.policy import Capability, can
from putright.complaints import permissions, selectors
from putright.core.logs import current_request_id
from putright.inbox.models import InboundMessage
from putright.notifications.models import NotificationEmail
from putright.selfassessment.models import SelfAssessment


def _waiting(user: Any) -> list[dict[str, Any]]:
    """What waits for a role that sees no cases: emails that failed, email-in messages that
    could not be read, the self-assessment not yet signed off (counts only, no case data)."""
    items = []
    if can(user, Capability.SENT_EMAILS):
        failed = NotificationEmail.objects.filter(
            status=NotificationEmail.Status.FAILED
        ).count()
        items.append(
            {
                "number": failed,
                "label": "emails that could not be sent",
                "url": reverse("notifications:sent_list") + "?status=failed",
                "alert": failed > 0,
            }
        )
    if can(user, Capability.ADMINISTRATION):
        unread = InboundMessage.objects.filter(
            status=InboundMessage.Status.FAILED
        ).count()
        items.append(
            {
                "number": unread,
                "label": "emails to the council that could not be read",
                "url": reverse("admin:inbox_inboundmessage_changelist")
                + "?status__exact=failed",
                "alert": unread > 0,
            }
        )
    if can(user, Capability.REPORTS):
        open_years = SelfAssessment.objects.filter(signed_off_on__isnull=True).count()
        items.append(
            {
                "number": open_years,
                "label": "Complaint Handling Code self-assessments not yet signed off",
                "url": reverse("selfassessment:index"),
                "alert": False,
            }
        )
    return items


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's work: overdue, due soon and awaiting acknowledgement; for a
    role without cases, what waits for it elsewhere."""
    counts = None
    waiting: list[dict[str, Any]] = []
    if permissions.has_casework_access(request.user):
        counts = selectors.case_counts(user=request.user)
    else:
        waiting = _waiting(request.user)
    return render(request, "home.html", {"counts": counts, "waiting": waiting})


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
