"""Background entry points of notifications (django-tasks): load by id and call the service."""

from __future__ import annotations

from django_tasks import task

from putright.notifications.delivery import notification_email_send


@task()
def send_notification_email(run_id: int) -> None:
    """Send one queued email, once; a failed send is retried with a growing delay."""
    notification_email_send(run_id=run_id, retry_task=send_notification_email)
