"""The worker's half of notifications: send one queued email, once, retrying a failure.

Queued by `putright.notifications.services`; run by the task
`putright.notifications.tasks.send_notification_email`.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django_tasks.base import Task

from putright.core.tasks import run_execute
from putright.notifications.backends import get_backend
from putright.notifications.models import NotificationEmail, NotificationLog

# A send is safe to repeat until it succeeds (the claim stops a second success), so a
# failure is tried again after 30 s, 2 min, 10 min and 30 min before it is marked failed.
MAX_ATTEMPTS = 5
FAILURE = (
    "The email could not be sent after %(attempts)s attempts. Check the email or GOV.UK "
    "Notify settings; send-reminders tries again on its next run."
)


def _deliver(email: NotificationEmail) -> None:
    get_backend().send(to=email.to, subject=email.subject, body=email.body)
    NotificationLog.objects.filter(email=email).update(sent_at=timezone.now())


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
