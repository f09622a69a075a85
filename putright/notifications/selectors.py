"""Reading the emails sent, for the sent-emails page."""

from __future__ import annotations

from django.db.models import QuerySet

from putright.notifications.models import NotificationEmail


def sent_email_list(*, status: str = "", kind: str = "") -> QuerySet[NotificationEmail]:
    """Every email queued for sending, newest first, optionally of one status and kind."""
    emails = NotificationEmail.objects.select_related("recipient").order_by(
        "-created_at", "-pk"
    )
    if status:
        emails = emails.filter(status=status)
    if kind:
        emails = emails.filter(kind=kind)
    return emails


def email_is_to_resident(email: NotificationEmail) -> bool:
    """Whether an email went to someone outside the staff (a complainant, an advocate).

    Staff emails carry references and links only; one to a resident is correspondence
    on their case, so its text is case data.
    """
    return email.recipient_id is None


def email_attachments(email: NotificationEmail) -> list[tuple[str, object]]:
    """The files an email carried, as (name shown, stored file); none for most emails."""
    stored = getattr(email, "attachment", None)
    if not stored:
        return []
    name = getattr(email, "attachment_name", "") or stored.name.rsplit("/", 1)[-1]
    return [(name, stored)]
