"""Reminders and escalations, safe to run every few minutes: each reminder goes once.

- Officers: a reminder when an acknowledgement or response of a stage they handle falls due
  within the council's `reminder_working_days` (seed 002/004 practice). A new deadline (an
  extension) is a new reminder.
- Managers: an escalation for each case in their directorate that becomes overdue.
- Complaints team: a weekly summary of open cases by service (seed 003), aggregates only.

Messages carry references and dates, never the complainant's name or details.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from putright.accounts import policy
from putright.accounts.models import User
from putright.accounts.policy import Capability
from putright.complaints import clocks, lifecycle, selectors
from putright.notifications.backends import Backend, get_backend
from putright.notifications.models import NotificationLog
from putright.organisation.models import Council

logger = logging.getLogger(__name__)
Kind = NotificationLog.Kind


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
    when = what % {"date": date_format(day, "j F Y")}
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


def _send(backend: Backend, user: User, kind: str, items: list[Item]) -> None:
    count = len(items)
    subject = str(SUBJECTS[kind])
    if kind != Kind.WEEKLY_SUMMARY:
        subject = f"{subject} ({count})"
    name = user.get_short_name() or user.username
    intro = gettext("Hello %(name)s,") % {"name": name} + "\n\n"
    body = intro + "\n".join(item.line for item in items) + "\n"
    backend.send(to=user.email, subject=subject, body=body)


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
    """Send the reminders that are due and not yet sent; each reminder goes only once."""
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
    backend = None if dry_run else get_backend()
    for (_, kind), batch in batches.items():
        user = batch[0].recipient
        if backend is None:  # a dry run: count, claim nothing, send nothing
            run.sent[kind] += len(batch)
            run.emails += 1
            continue
        claimed = _claim(batch, str(SUBJECTS[kind]))
        run.skipped += len(batch) - len(claimed)
        if not claimed:
            continue
        try:
            _send(backend, user, kind, claimed)
        except Exception:  # noqa: BLE001 - any failure: release the keys for a retry
            logger.exception("Sending %s reminders to user %s failed", kind, user.pk)
            NotificationLog.objects.filter(key__in=[i.key for i in claimed]).delete()
            run.failed += len(claimed)
            continue
        NotificationLog.objects.filter(key__in=[i.key for i in claimed]).update(
            sent_at=timezone.now()
        )
        run.sent[kind] += len(claimed)
        run.emails += 1
    return run
