"""Background entry points (django-tasks): load by id and call the service."""

from __future__ import annotations

from django_tasks import task

from putright.reporting.generation import report_run_execute


@task()
def generate_report_run(run_id: int) -> None:
    """Generate the file of a queued report run (claimed by one worker only)."""
    report_run_execute(run_id=run_id)
