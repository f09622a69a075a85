"""The worker's half of notifications: send one queued email, once, retrying a failure.

Queued by `putright.notifications.services`; run by the task
`putright.notifications.tasks.send_notification_email`.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django_tasks.base import Task

from putright.core.tasks import run_execute
from putright.notifications.backends import Attachment, get_backend
from putright.notifications.models import NotificationEmail, NotificationLog
from putright.notifications.signals import email_sent

# A send is safe to repeat until it succeeds (the claim stops a second success), so a
# failure is tried again after 30 s, 2 min, 10 min and 30 min before it is marked failed.
MAX_ATTEMPTS = 5
FAILURE = (
    "The email could not be sent after %(attempts)s attempts. Check the email or GOV.UK "
    "Notify settings; send-reminders tries again on its next run."
)


def _attachments(email: NotificationEmail) -> list[Attachment]:
    if not email.attachment:
        return []
    with email.attachment.open("rb") as handle:
        content = handle.read()
    name = email.attachment_name or email.attachment.name.rsplit("/", 1)[-1]
    return [Attachment(name, content, "application/pdf")]


def _deliver(email: NotificationEmail) -> None:
    attachments = _attachments(email)
    backend = get_backend()
    if attachments:
        backend.send(
            to=email.to,
            subject=email.subject,
            body=email.body,
            attachments=attachments,
        )
    else:
        backend.send(to=email.to, subject=email.subject, body=email.body)
    NotificationLog.objects.filter(email=email).update(sent_at=timezone.now())
    # Listeners (a letter's record) learn it went; a failing listener never resends it.
    email_sent.send_robust(sender=NotificationEmail, email=email)


def notification_email_send(
    *, run_id: int, retry_task: Task[Any, Any] | None = None
) -> NotificationEmail | None:
    """Send a queued email exactly once; retry a failed send, then record the failure."""
    return run_execute(
        NotificationEmail,
        run_id=run_id,
        work=_deliver,
        failure=FAILURE % {"attempts": MAX_ATTEMPTS},
        retry_task=retry_task,
        max_attempts=MAX_ATTEMPTS,
    )
