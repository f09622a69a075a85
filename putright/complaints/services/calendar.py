"""When the council's calendar changes, every stored clock of its cases moves with it (in the worker)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from putright.audit.services import audit_record
from putright.complaints.models import CalendarRecompute
from putright.complaints.tasks import recompute_calendar
from putright.core.tasks import enqueue
from putright.organisation.models import Council


def council_calendar_changed(
    *,
    council: Council,
    previous_nation: str,
    previous_closure_days: Iterable[dt.date],
    by: Any,
) -> CalendarRecompute | None:
    """Queue a recompute of every stored clock when the nation or closure days change (docs/deadline-rules.md §2).

    Deadlines and response times are stored on the records, so a new closure day must move
    the deadlines it falls inside. A `due` that was agreed or imported (it differs from what
    the old calendar gave) is kept. A large council has hundreds of thousands of records,
    so the worker does it (`putright.complaints.tasks.recompute_calendar`) and audits it.
    Returns the queued recompute (already done when tasks run at once), or None when the
    calendar did not change.
    """
    before = (previous_nation, sorted(set(previous_closure_days)))
    after = (council.nation, sorted(set(council.closure_dates())))
    if before == after:
        return None
    with transaction.atomic():
        run = CalendarRecompute.objects.create(
            requested_by=by if getattr(by, "is_authenticated", False) else None,
            previous_nation=before[0],
            previous_closure_days=[day.isoformat() for day in before[1]],
            nation=after[0],
            closure_days=[day.isoformat() for day in after[1]],
        )
        audit_record(
            actor=by,
            verb="council.calendar_recompute_queued",
            target=run,
            message="The working-day calendar changed; stored clocks queued for recompute.",
        )
    # Outside the block above: queued when the caller's transaction (the admin's) commits.
    enqueue(recompute_calendar, run_id=run.pk)
    run.refresh_from_db()
    return run
