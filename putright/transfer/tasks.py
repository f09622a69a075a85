"""Background entry points (django-tasks): load by id and call the service."""

from __future__ import annotations

from django_tasks import task

from putright.transfer.work import export_run_execute


@task()
def export_everything_run(run_id: int) -> None:
    """Write the zip of a queued export of everything (claimed by one worker only)."""
    export_run_execute(run_id=run_id)
