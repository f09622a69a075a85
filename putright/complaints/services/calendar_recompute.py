"""The worker's half of a calendar change: recompute the stored clocks, then audit it.

Queued by `putright.complaints.services.calendar.council_calendar_changed`; run by the task
`putright.complaints.tasks.recompute_calendar`. Kept apart from the queueing half so the
task module and the service that queues it import each other in one direction only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django_tasks.base import Task

from putright.audit.services import audit_record
from putright.complaints.clocks import clocks_recompute
from putright.complaints.models import CalendarRecompute
from putright.core.tasks import run_execute
from putright.core.working_days import get_calendar
from putright.organisation.models import Council

# Recomputing is idempotent (a moved deadline no longer matches the old calendar, so a
# second pass keeps it) and all or nothing, so a failure is safe to try again.
MAX_ATTEMPTS = 3
FAILURE = (
    "The deadlines could not be recalculated after the calendar changed. Nothing was "
    "changed. Tell the system administrator (calendar recompute %(id)s)."
)


def _dates(values: list[str]) -> frozenset[dt.date]:
    return frozenset(dt.date.fromisoformat(value) for value in values)


def _recompute(run: CalendarRecompute) -> None:
    with transaction.atomic():
        changed = clocks_recompute(
            previous=get_calendar(
                run.previous_nation, _dates(run.previous_closure_days)
            ),
            cal=get_calendar(run.nation, _dates(run.closure_days)),
        )
        CalendarRecompute.objects.filter(pk=run.pk).update(records_changed=changed)
        audit_record(
            actor=run.requested_by,
            verb="council.calendar_changed",
            target=Council.load(),
            before={
                "nation": run.previous_nation,
                "closure_days": run.previous_closure_days,
            },
            after={"nation": run.nation, "closure_days": run.closure_days},
            message=f"Stored clocks recomputed on {changed} records by the background worker.",
        )


def calendar_recompute_execute(
    *, run_id: int, retry_task: Task[Any, Any] | None = None
) -> CalendarRecompute | None:
    """Recompute every stored clock for a queued calendar change (docs/deadline-rules.md §2), once."""
    return run_execute(
        CalendarRecompute,
        run_id=run_id,
        work=_recompute,
        failure=FAILURE % {"id": run_id},
        retry_task=retry_task,
        max_attempts=MAX_ATTEMPTS,
    )
