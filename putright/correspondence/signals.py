"""Letters follow casework without the complaints app knowing about them (ADR 0009).

The complaints services write an audit event for every change, inside their transaction.
Saving one of the events in `services.HANDLERS` queues `produce_letters`, which runs after
the transaction commits (`core.tasks.enqueue`), so a change that is rolled back sends
nothing. The worker's `email_sent` signal marks a letter's email as sent.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from putright.audit.models import AuditEvent
from putright.notifications.models import NotificationEmail
from putright.notifications.signals import email_sent


@receiver(post_save, sender=AuditEvent, dispatch_uid="correspondence-casework-events")
def casework_event(
    sender: Any, instance: AuditEvent, created: bool, **kwargs: Any
) -> None:
    from putright.correspondence.services import HANDLERS

    if not created or instance.verb not in HANDLERS or kwargs.get("raw"):
        return
    from putright.core.tasks import enqueue
    from putright.correspondence.tasks import produce_letters

    enqueue(produce_letters, event_id=instance.pk)


@receiver(email_sent, dispatch_uid="correspondence-email-sent")
def letter_email_sent(sender: Any, email: Any, **kwargs: Any) -> None:
    if email.kind != NotificationEmail.LETTER:
        return
    from putright.correspondence.services import letter_email_sent as record

    record(email)
