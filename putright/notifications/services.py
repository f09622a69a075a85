"""Reminders and escalations, safe to run every few minutes: each reminder goes once.

- Officers: a reminder when an acknowledgement or response of a stage they handle falls due
  within the council's `reminder_working_days` (seed 002/004 practice). A new deadline (an
  extension) is a new reminder.
- Managers: an escalation for each case in their directorate that becomes overdue.
- Complaints team: a weekly summary of open cases by service (seed 003), aggregates only.

Messages carry references and dates, never the complainant's name or details. Each email is
recorded (`NotificationEmail`) and sent by the worker (`putright.notifications.delivery`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from hashlib import sha256
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from putright.accounts import policy
from putright.accounts.models import User
from putright.accounts.policy import Capability
from putright.audit.services import audit_record
from putright.complaints import clocks, lifecycle, selectors
from putright.core.errors import ServiceError
from putright.core.presentation import long_date
from putright.core.tasks import enqueue
from putright.notifications.models import NotificationEmail, NotificationLog
from putright.notifications.tasks import send_notification_email
from putright.organisation.models import Council

logger = logging.getLogger(__name__)
Kind = NotificationLog.Kind

# How long a failed email keeps being given another round of attempts.
RETRY_WINDOW = dt.timedelta(days=7)


@dataclass(frozen=True)
class Item:
    """One reminder about one case for one person."""

    key: str
    kind: str
    recipient: User
    line: str
    case_id: int | None = None


@dataclass
class ReminderRun:
    """What a run sent (or, in a dry run, would send), by kind."""

    sent: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    skipped: int = 0
    failed: int = 0
    emails: int = 0
    queued: int = 0  # emails handed to the worker and not sent yet
    retried: int = 0  # failed emails of earlier runs queued again


def _base_url() -> str:
    return getattr(settings, "PUTRIGHT_BASE_URL", "http://127.0.0.1:8000").rstrip("/")


def _line(stage: Any, what: str, day: dt.date) -> str:
    label = stage.case.reference
    if stage.kind == "complaint":
        label = gettext("%(reference)s stage %(number)s") % {
            "reference": label,
            "number": stage.number,
        }
    url = _base_url() + reverse("complaints:case_detail", args=[stage.case.reference])
    when = what % {"date": long_date(day)}
    return f"- {label}: {when}\n  {url}"


def _officer_items(today: dt.date, days: int) -> list[Item]:
    limit = clocks.council_calendar().add_working_days(today, days)
    items = []
    stages = selectors.stages_open_current().filter(
        handler__isnull=False, handler__is_active=True
    )
    for stage in stages:
        handler = stage.handler
        if handler is None:  # excluded by the filter above
            continue
        if (
            lifecycle.awaits_acknowledgement(stage.status)
            and stage.acknowledge_due
            and today <= stage.acknowledge_due <= limit
        ):
            items.append(
                Item(
                    f"acknowledge_soon:{stage.pk}:{stage.acknowledge_due.isoformat()}",
                    Kind.ACKNOWLEDGE_SOON,
                    handler,
                    _line(
                        stage, gettext("acknowledge by %(date)s"), stage.acknowledge_due
                    ),
                    stage.case_id,
                )
            )
        due = stage.deadline
        if due and today <= due <= limit:
            items.append(
                Item(
                    f"due_soon:{stage.pk}:{due.isoformat()}",
                    Kind.DUE_SOON,
                    handler,
                    _line(stage, gettext("respond by %(date)s"), due),
                    stage.case_id,
                )
            )
    return items


def _manager_items(today: dt.date) -> list[Item]:
    managers = defaultdict(list)
    for manager in User.objects.filter(
        policy.staff_with(Capability.SERVICE_OVERSIGHT), directorate__isnull=False
    ):
        managers[manager.directorate_id].append(manager)
    items = []
    for stage in selectors.stages_open_current().filter(deadline__lt=today):
        deadline = stage.deadline
        if deadline is None:  # excluded by the filter: no deadline is never overdue
            continue
        for manager in managers.get(stage.directorate_id, []):
            items.append(
                Item(
                    f"overdue:{stage.pk}:{deadline.isoformat()}:{manager.pk}",
                    Kind.OVERDUE,
                    manager,
                    _line(stage, gettext("was due %(date)s"), deadline)
                    + "\n  "
                    + gettext("Officer: %(officer)s")
                    # Translators: no officer is handling the case yet.
                    % {"officer": stage.handler or gettext("not allocated")},
                    stage.case_id,
                )
            )
    return items


def _weekly_items(today: dt.date) -> list[Item]:
    weekday = getattr(settings, "PUTRIGHT_WEEKLY_SUMMARY_WEEKDAY", 0)
    if today.weekday() < weekday:
        return []
    year, week, _ = today.isocalendar()
    rows = selectors.open_cases_by_directorate(today)
    lines = [
        gettext(
            "Service: open / overdue / due in 5 working days / awaiting acknowledgement"
        )
    ]
    lines += [
        f"- {row['directorate__name']}: {row['open']} / {row['overdue']} / "
        f"{row['due_soon']} / {row['awaiting_acknowledgement']}"
        for row in rows
    ] or ["- " + gettext("No open cases.")]
    text = "\n".join(lines)
    return [
        Item(f"weekly:{year}-W{week:02d}:{user.pk}", Kind.WEEKLY_SUMMARY, user, text)
        for user in User.objects.filter(policy.staff_with(Capability.ALL_CASES))
    ]


SUBJECTS: dict[str, Promise] = {
    Kind.ACKNOWLEDGE_SOON: gettext_lazy("Cases to acknowledge soon"),
    Kind.DUE_SOON: gettext_lazy("Responses due soon"),
    Kind.OVERDUE: gettext_lazy("Overdue cases in your service"),
    Kind.WEEKLY_SUMMARY: gettext_lazy("Weekly summary of open cases by service"),
}


def _claim(items: list[Item], subject: str) -> list[Item]:
    """Insert a log row per item; only the items whose key was free are returned."""
    claimed = []
    for item in items:
        try:
            with transaction.atomic():
                NotificationLog.objects.create(
                    key=item.key,
                    kind=item.kind,
                    recipient=item.recipient,
                    case_id=item.case_id,
                    subject=subject,
                )
        except IntegrityError:  # another run claimed it first
            continue
        claimed.append(item)
    return claimed


def _email_key(items: list[Item]) -> str:
    """The idempotent key of the email carrying these reminders."""
    keys = "\n".join(sorted(item.key for item in items))
    return (
        f"{items[0].kind}:{items[0].recipient.pk}:" + sha256(keys.encode()).hexdigest()
    )


def _queue(user: User, kind: str, items: list[Item]) -> NotificationEmail:
    """Record the email carrying these (claimed) reminders and queue it for the worker."""
    count = len(items)
    subject = str(SUBJECTS[kind])
    if kind != Kind.WEEKLY_SUMMARY:
        subject = f"{subject} ({count})"
    name = user.get_short_name() or user.username
    intro = gettext("Hello %(name)s,") % {"name": name} + "\n\n"
    body = intro + "\n".join(item.line for item in items) + "\n"
    with transaction.atomic():
        email = NotificationEmail.objects.create(
            key=_email_key(items),
            kind=kind,
            recipient=user,
            to=user.email,
            subject=subject,
            body=body,
        )
        NotificationLog.objects.filter(key__in=[i.key for i in items]).update(
            email=email
        )
    enqueue(send_notification_email, run_id=email.pk)
    return email


def notification_emails_requeue() -> int:
    """Queue again every recent email whose send failed, for one more round of attempts.

    An email that failed all its attempts is never lost: each run of `send-reminders`
    gives it another round while its reminders are recent (RETRY_WINDOW); after that it
    stays failed, with its message, in the admin's list of notification emails.
    """
    since = timezone.now() - RETRY_WINDOW
    failed = list(
        NotificationEmail.objects.filter(
            status=NotificationEmail.Status.FAILED, created_at__gte=since
        ).values_list("pk", flat=True)
    )
    for pk in failed:
        taken = NotificationEmail.objects.filter(
            pk=pk, status=NotificationEmail.Status.FAILED
        ).update(status=NotificationEmail.Status.QUEUED, attempts=0)
        if taken:
            enqueue(send_notification_email, run_id=pk)
    return len(failed)


def notification_email_send_again(*, email_id: int, by: Any) -> NotificationEmail:
    """Queue one failed email for another round of attempts (the sent-emails page); audited.

    Only a failed email: one that is queued or sending is already on its way, and one that
    was sent must not go twice. The audit event names the email by number and its status,
    never its address, subject or text.
    """
    with transaction.atomic():
        email = (
            NotificationEmail.objects.select_for_update().filter(pk=email_id).first()
        )
        if email is None:
            raise ServiceError(gettext("That email is no longer in the list."))
        if email.status != NotificationEmail.Status.FAILED:
            raise ServiceError(
                gettext(
                    "Only an email that could not be sent can be sent again. This one "
                    "is %(status)s."
                )
                % {"status": _status_words(email.status)}
            )
        email.status = NotificationEmail.Status.QUEUED
        email.attempts = 0
        email.error = ""
        email.started_at = None
        email.finished_at = None
        email.save(
            update_fields=[
                "status",
                "attempts",
                "error",
                "started_at",
                "finished_at",
                "updated_at",
            ]
        )
        audit_record(
            actor=by,
            verb="notification.email_send_again",
            target=email,
            case=getattr(email, "case", None),
            before={"status": NotificationEmail.Status.FAILED},
            after={"status": NotificationEmail.Status.QUEUED},
        )
        enqueue(send_notification_email, run_id=email.pk)
    return email


def _status_words(status: str) -> str:
    words: dict[str, str] = {
        NotificationEmail.Status.QUEUED: gettext("queued"),
        NotificationEmail.Status.RUNNING: gettext("being sent"),
        NotificationEmail.Status.DONE: gettext("sent"),
    }
    return words.get(status, status)


def reminders_due(*, today: dt.date) -> list[Item]:
    """Every reminder due today to someone with an email address, sent or not yet."""
    council = Council.load()
    items = (
        _officer_items(today, council.reminder_working_days)
        + _manager_items(today)
        + _weekly_items(today)
    )
    return [item for item in items if item.recipient.email]


def reminders_send(
    *, today: dt.date | None = None, dry_run: bool = False
) -> ReminderRun:
    """Queue the reminders that are due and not yet sent, one email per person and kind; each goes once."""
    today = today or timezone.localdate()
    items = reminders_due(today=today)
    known = set(
        NotificationLog.objects.filter(key__in=[i.key for i in items]).values_list(
            "key", flat=True
        )
    )
    run = ReminderRun()
    run.skipped = sum(1 for item in items if item.key in known)
    batches: dict[tuple[int, str], list[Item]] = defaultdict(list)
    for item in items:
        if item.key not in known:
            batches[(item.recipient.pk, item.kind)].append(item)
    if not dry_run:
        run.retried = notification_emails_requeue()
    for (_, kind), batch in batches.items():
        if dry_run:  # count, claim nothing, send nothing
            run.sent[kind] += len(batch)
            run.emails += 1
            continue
        claimed = _claim(batch, str(SUBJECTS[kind]))
        run.skipped += len(batch) - len(claimed)
        if claimed:
            _count(run, kind, _queue(batch[0].recipient, kind, claimed), len(claimed))
    return run


def _count(run: ReminderRun, kind: str, email: NotificationEmail, count: int) -> None:
    """Count a queued email by where it is now (sent already when tasks run at once)."""
    email.refresh_from_db()
    if email.status == NotificationEmail.Status.FAILED:
        logger.warning(
            "Sending %s reminders to user %s failed", kind, email.recipient_id
        )
        run.failed += count
        return
    run.sent[kind] += count
    run.emails += 1
    if email.status != NotificationEmail.Status.DONE:
        run.queued += 1


def public_email_queue(
    *, key: str, kind: str, to: str, subject: str, body: str
) -> NotificationEmail | None:
    """Queue an email to a member of the public (no account), once per key.

    For messages a resident asked for or is owed, such as a fresh follow link or the
    auto-reply to an email: the caller writes the text in the resident's language. A key
    already used queues nothing and returns None, so a message never gets two replies.
    """
    try:
        with transaction.atomic():
            email = NotificationEmail.objects.create(
                key=key[:200],
                kind=kind,
                recipient=None,
                to=to,
                subject=subject[:200],
                body=body,
            )
    except IntegrityError:
        return None
    enqueue(send_notification_email, run_id=email.pk)
    return email
