"""Bulk loads of stages (an import): per-row work that layers above do may wait until the end.

A bulk writer sends `bulk_load_started` inside its transaction before it writes stages, and
`bulk_load_finished` with every month (first day) whose stages it created or changed, in the
same transaction, before it commits. A receiver that paused something in `started` must catch
up in `finished`; a rollback undoes both. The statistics roll-up uses this to stop its
per-row triggers and rebuild the touched months in one statement (docs/adr/0002-import-audit-and-speed.md).
"""

from __future__ import annotations

import datetime as dt

from django.dispatch import Signal

# Both are sent with `using` (the database alias); `finished` also with `months`.
bulk_load_started = Signal()
bulk_load_finished = Signal()


def month_of(day: dt.date) -> dt.date:
    """The first day of the month of `day` (the roll-up's month key)."""
    return day.replace(day=1)
