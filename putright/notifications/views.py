"""The sent-emails page: what putright sent, to whom, and whether it went (issue 9 item 7).

For the complaints team and administrators (`Capability.SENT_EMAILS`). Opening an email is
recorded in the record-access trail. The text and files of an email to a resident are
correspondence on their case: only staff who see every case (`ALL_CASES`) read them; an
administrator sees that the email exists and how its sending went.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from putright.accounts.policy import Capability, can, role_required
from putright.audit.constants import ReadKind
from putright.audit.services import audit_read
from putright.core.errors import ServiceError
from putright.notifications.forms import STATUS_LABELS, SentEmailFilterForm
from putright.notifications.models import NotificationEmail
from putright.notifications.selectors import (
    email_attachments,
    email_is_to_resident,
)
from putright.notifications.selectors import (
    sent_email_list as emails_selected,
)
from putright.notifications.services import notification_email_send_again

PAGE_SIZE = 50
STATUS_TAGS = {
    NotificationEmail.Status.QUEUED: "govuk-tag--blue",
    NotificationEmail.Status.RUNNING: "govuk-tag--light-blue",
    NotificationEmail.Status.DONE: "govuk-tag--green",
    NotificationEmail.Status.FAILED: "govuk-tag--red",
}


def _may_read_text(user: Any, email: NotificationEmail) -> bool:
    return not email_is_to_resident(email) or can(user, Capability.ALL_CASES)


def _label(email: NotificationEmail, user: Any) -> NotificationEmail:
    email.status_label = STATUS_LABELS.get(email.status, email.status)  # type: ignore[attr-defined]
    email.status_tag = STATUS_TAGS.get(email.status, "")  # type: ignore[attr-defined]
    # A resident's address is theirs: only staff who see every case read it.
    email.to_shown = (  # type: ignore[attr-defined]
        email.to if _may_read_text(user, email) else gettext("A member of the public")
    )
    return email


@role_required(Capability.SENT_EMAILS)
def sent_email_list(request: HttpRequest) -> HttpResponse:
    form = SentEmailFilterForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    filters = form.cleaned_data if form.is_bound and valid else {}
    emails = emails_selected(
        status=filters.get("status", ""), kind=filters.get("kind", "")
    )
    page = Paginator(emails, PAGE_SIZE).get_page(request.GET.get("page"))
    for email in page.object_list:
        _label(email, request.user)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "notifications/sent_list.html",
        {"form": form, "page": page if valid else None, "query": query.urlencode()},
        status=200 if valid else 400,
    )


@role_required(Capability.SENT_EMAILS)
def sent_email_detail(request: HttpRequest, pk: int) -> HttpResponse:
    email = get_object_or_404(
        NotificationEmail.objects.select_related("recipient"), pk=pk
    )
    readable = _may_read_text(request.user, email)
    if readable:
        audit_read(
            user=request.user,
            kind=ReadKind.EMAIL_VIEWED,
            target=email,
            case=getattr(email, "case", None),
        )
    return render(
        request,
        "notifications/sent_detail.html",
        {
            "email": _label(email, request.user),
            "readable": readable,
            "attachments": list(enumerate(email_attachments(email), start=1))
            if readable
            else [],
            "may_send_again": email.status == NotificationEmail.Status.FAILED,
        },
    )


@role_required(Capability.SENT_EMAILS)
def sent_email_attachment(request: HttpRequest, pk: int, number: int) -> FileResponse:
    email = get_object_or_404(NotificationEmail, pk=pk)
    files = email_attachments(email)
    if not _may_read_text(request.user, email) or not 1 <= number <= len(files):
        raise Http404("No such attachment.")
    name, stored = files[number - 1]
    audit_read(
        user=request.user,
        kind=ReadKind.EMAIL_ATTACHMENT_DOWNLOADED,
        target=email,
        case=getattr(email, "case", None),
        details={"attachment": number},
    )
    response = FileResponse(
        stored.open("rb"),  # type: ignore[attr-defined]
        as_attachment=True,
        filename=name,
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_POST
@role_required(Capability.SENT_EMAILS)
def sent_email_send_again(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        email = notification_email_send_again(email_id=pk, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("notifications:sent_detail", pk=pk)
    email.refresh_from_db()
    if email.status == NotificationEmail.Status.DONE:
        messages.success(request, gettext("The email was sent again and has gone."))
    elif email.status == NotificationEmail.Status.FAILED:
        messages.error(
            request,
            gettext("The email was tried again and could not be sent: %(why)s")
            % {"why": email.error},
        )
    else:
        messages.success(
            request,
            gettext("The email is queued: the background worker will send it shortly."),
        )
    return redirect("notifications:sent_detail", pk=pk)
