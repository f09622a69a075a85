"""Background entry points of the case app (django-tasks): load by id and call the service."""

from __future__ import annotations

from django_tasks import task

from putright.complaints.services.calendar_recompute import calendar_recompute_execute


@task()
def recompute_calendar(run_id: int) -> None:
    """Recompute the stored clocks after a change of the council's calendar (retried)."""
    calendar_recompute_execute(run_id=run_id, retry_task=recompute_calendar)
