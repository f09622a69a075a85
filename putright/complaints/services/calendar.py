"""When the council's calendar changes, every stored clock of its cases moves with it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from putright.audit.services import audit_record
from putright.complaints.clocks import clocks_recompute
from putright.core.working_days import get_calendar
from putright.organisation.models import Council


def council_calendar_changed(
    *,
    council: Council,
    previous_nation: str,
    previous_closure_days: Iterable[dt.date],
    by: Any,
) -> int:
    """Recompute every stored clock when the nation or closure days change (docs/deadline-rules.md §2).

    Deadlines and response times are stored on the records, so a new closure day must move
    the deadlines it falls inside. A `due` that was agreed or imported (it differs from what
    the old calendar gave) is kept. Returns the number of records whose clock changed.
    """
    before = (previous_nation, frozenset(previous_closure_days))
    after = (council.nation, frozenset(council.closure_dates()))
    if before == after:
        return 0
    with transaction.atomic():
        changed = clocks_recompute(
            previous=get_calendar(*before), cal=get_calendar(*after)
        )
        audit_record(
            actor=by,
            verb="council.calendar_changed",
            target=council,
            before={"nation": before[0], "closure_days": sorted(before[1])},
            after={"nation": after[0], "closure_days": sorted(after[1])},
            message=f"Stored clocks recomputed on {changed} records.",
        )
    return changed
