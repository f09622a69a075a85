"""Background entry points of imports (django-tasks): load by id and call the service."""

from __future__ import annotations

from django_tasks import task

from putright.imports.upload_work import import_upload_execute


@task()
def import_uploaded_file(run_id: int) -> None:
    """Import a file uploaded from the web, all or nothing."""
    import_upload_execute(run_id=run_id)
